"""A refused modal stays open with what was typed: the reason shows under the field it is about."""

from __future__ import annotations

import json

from adapters.slack.modals import field_errors
from bot.events import Reply, rich
from tests.adapters.slack.conftest import ANN, MOD, texts

TEAM = "slack:T0001"


async def test_a_mistyped_time_keeps_the_schedule_modal_open(app, fake, side):
    await side.command(MOD, "mod schedule create")
    [opened] = await fake.wait_for("views.open")
    form = opened["view"]
    typed = {"name": "mornings", "channel": "C0GENERAL", "when": "wekdays 9", "open": "2h", "remind": "30m"}

    status, body = await side.submit(MOD, form, typed)
    assert status == 200
    ack = json.loads(body)
    assert ack == {"response_action": "errors", "errors": {"when": ack["errors"]["when"]}}
    assert "I couldn't read “wekdays 9” as a time" in ack["errors"]["when"]
    assert "weekdays 09:00" in ack["errors"]["when"]
    assert await app.store.schedules.find(TEAM, "mornings") is None  # nothing saved
    assert fake.called("views.update") == []  # the modal was left as the moderator typed it

    status, body = await side.submit(MOD, form, typed | {"when": "weekdays 09:00"})
    ack = json.loads(body)
    assert ack["response_action"] == "update"
    assert "Next three" in texts(ack["view"]["blocks"])
    assert "Where: <#C0GENERAL>" in texts(ack["view"]["blocks"])


async def test_a_refusal_naming_a_field_goes_under_it(app, fake, side):
    await side.command(MOD, "mod schedule create")
    [opened] = await fake.wait_for("views.open")
    status, body = await side.submit(MOD, opened["view"], {"name": "mornings", "channel": "C0GENERAL",
                                                           "when": "weekdays 09:00", "open": "1h", "remind": "2h"})
    ack = json.loads(body)
    assert list(ack["errors"]) == ["remind"] and "shorter `remind`" in ack["errors"]["remind"]


def test_only_refusals_about_a_field_of_the_form_become_field_errors():
    view = {"blocks": [{"type": "section"}, {"type": "input", "block_id": "a"}, {"type": "input", "block_id": "b"}]}
    refusal = Reply(body=rich("**No.** Please try again."), error=True, field="b")
    assert field_errors([refusal], view) == {"b": "No. Please try again."}  # under its field, in plain text
    assert field_errors([Reply(body=rich("Saved."), field="b")], view) is None
    assert field_errors([refusal], {"blocks": [{"type": "section"}]}) is None  # no field to show it under
    assert field_errors([Reply(body=rich("No."), error=True)], view) is None  # about no field: never a guess
    assert field_errors([Reply(body=rich("No."), error=True, field="c")], view) is None  # nor another form's
    assert len(field_errors([Reply(body=rich("x" * 5000), error=True, field="a")], view)["a"]) == 2000


async def test_a_refusal_that_quotes_another_fields_value_still_goes_under_its_own(app, fake, side):
    """The old guess put a refusal under whichever field held a value it quoted; the core now says which."""
    await side.command(MOD, "mod schedule create")
    [opened] = await fake.wait_for("views.open")
    status, body = await side.submit(MOD, opened["view"], {"name": "2h", "channel": "C0GENERAL",
                                                           "when": "daily 09:00", "open": "30h", "remind": "2h"})
    ack = json.loads(body)
    assert list(ack["errors"]) == ["open"] and "Rounds would overlap" in ack["errors"]["open"]


async def test_a_refusal_about_no_field_keeps_the_form_beneath(app, fake, side):
    await side.command(MOD, "mod schedule create")
    [opened] = await fake.wait_for("views.open")
    typed = {"name": "mornings", "channel": "C0GENERAL", "when": "weekdays 09:00", "open": "2h", "remind": "30m"}
    await side.submit(MOD, opened["view"], typed)
    status, body = await side.submit(ANN, opened["view"], typed)  # refused: not a moderator
    ack = json.loads(body)
    assert ack["response_action"] == "push" and ack["view"]["close"]["text"] == "Back"
    assert "meant for someone else" in texts(ack["view"]["blocks"])  # the form was shown to the moderator
