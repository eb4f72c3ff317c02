"""A form sent again as it was sent (Submit pressed again when the answer to the first press never reached Slack)
is taken once; a form refused, or sent again changed, is heard again."""

from __future__ import annotations

import json

from tests.adapters.slack.conftest import ANN, BOB, MOD, buttons, texts

TEAM = "slack:T0001"
SENT_ONCE = "You sent this form already, so I didn't take it a second time."


async def _note_form(fake, side, user=ANN):
    await side.command(user, "reflect")
    prompt = (await fake.wait_for("response_url"))[-1]
    await side.click(user, buttons(prompt["blocks"])["Keep a note"], message=prompt, ephemeral=True)
    return (await fake.wait_for("views.open"))[-1]["view"]


async def test_a_note_sent_twice_is_kept_once(app, fake, side):
    form = await _note_form(fake, side)
    _, first = await side.submit(ANN, form, {"note": "I listened better today"})
    _, again = await side.submit(ANN, form, {"note": "I listened better today"})
    assert "Kept." in texts(json.loads(first)["view"]["blocks"])
    assert texts(json.loads(again)["view"]["blocks"]) == SENT_ONCE
    assert [n.text for n in await app.store.notes.of_member(TEAM, f"slack:{ANN}")] == ["I listened better today"]


async def test_the_same_form_sent_with_other_words_is_taken(app, fake, side):
    form = await _note_form(fake, side)
    await side.submit(ANN, form, {"note": "one"})
    _, again = await side.submit(ANN, form, {"note": "two"})
    assert "Kept." in texts(json.loads(again)["view"]["blocks"])
    assert len(await app.store.notes.of_member(TEAM, f"slack:{ANN}")) == 2


async def test_a_refused_form_sent_again_as_it_was_is_heard_again(app, fake, side):
    await side.command(MOD, "mod schedule create")
    [opened] = await fake.wait_for("views.open")
    typed = {"name": "mornings", "channel": "C0GENERAL", "when": "weekdays 09:00", "open": "1h", "remind": "2h"}
    for _ in range(2):  # (refused both times: the reason under its field, never "sent already")
        _status, body = await side.submit(MOD, opened["view"], typed)
        assert list(json.loads(body)["errors"]) == ["remind"]


async def test_someone_else_sending_the_same_form_is_not_taken_as_its_owners(app, fake, side):
    await side.command(MOD, "mod schedule create")
    [opened] = await fake.wait_for("views.open")
    typed = {"name": "mornings", "channel": "C0GENERAL", "when": "weekdays 09:00", "open": "2h", "remind": "30m"}
    await side.submit(MOD, opened["view"], typed)
    _status, body = await side.submit(BOB, opened["view"], typed)
    assert "meant for someone else" in texts(json.loads(body)["view"]["blocks"])
