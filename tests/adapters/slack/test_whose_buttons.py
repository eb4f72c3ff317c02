"""On Slack, a button is its person's, and a member forging a moderator's button or form gets what typing
the moderator command gets: a refusal, and no moderator data.

Everything goes through the real slack-bolt app against the local fake Slack, signed as Slack signs.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from adapters.slack.modals import metadata
from bot.events import SHOWN_TO
from tests.adapters.slack.conftest import ANN, BOB, MOD, buttons, texts
from tests.adapters.slack.test_home import open_home
from tests.adapters.slack.test_member import make_schedule, reply_to

REFUSED_MOD = "Only moderators can use"


def forged(value: dict[str, Any], label: str = "Edit") -> dict[str, Any]:
    """A button element as a member could craft it: any value Hearth's buttons carry."""
    return {"type": "button", "action_id": "hearth:99", "text": {"type": "plain_text", "text": label},
            "value": json.dumps(value)}


async def answer_to_click(fake, side, user: str, element: dict[str, Any], **kw: Any) -> str:
    """Click; whatever Hearth showed next (an ephemeral reply or a modal), as text."""
    before = len(fake.called("response_url")), len(fake.called("views.open"))
    calls = len(fake.calls)
    await side.click(user, element, **kw)
    for _ in range(100):  # until Hearth answers (then whatever else it shows)
        if any(c.method in ("response_url", "views.open") for c in fake.calls[calls:]):
            break
        await asyncio.sleep(0.05)
    await fake.settle()
    shown = fake.called("response_url")[before[0]:] + [v["view"] for v in fake.called("views.open")[before[1]:]]
    return "\n".join(texts(s.get("blocks", [])) for s in shown)


# -- item: a confirmation belongs to whom it was shown -----------------------------------------------


async def test_someone_elses_confirmation_is_refused_and_nothing_is_deleted(app, fake, side):
    await make_schedule(side, fake)
    await reply_to(fake, side, ANN, "checkin join mornings")
    ask = await reply_to(fake, side, ANN, "me delete")
    yes = buttons(ask["blocks"])["Yes, go ahead"]
    shown = await answer_to_click(fake, side, BOB, yes, ephemeral=True)
    assert "meant for someone else" in shown and "Nothing changed" in shown
    assert len(await app.store.communities.memberships("slack:T0001", "slack:UANN")) == 1
    shown = await answer_to_click(fake, side, ANN, yes, ephemeral=True)
    assert "Done." in shown
    assert await app.store.communities.memberships("slack:T0001", "slack:UANN") == []


async def test_a_home_tab_button_is_its_owners(app, fake, side):
    await make_schedule(side, fake)
    home = await open_home(fake, side, ANN, "EvW1")
    join = buttons(home["blocks"])["Join"]
    assert json.loads(join["value"])["a"][SHOWN_TO] == "slack:UANN"
    shown = await answer_to_click(fake, side, BOB, join, view={**home, "id": "VHOME"})
    assert "meant for someone else" in shown
    assert await app.store.communities.memberships("slack:T0001", "slack:UBOB") == []


# -- item: a forged moderator button or form shows nothing of a moderator's ----------------------------


async def test_a_forged_open_form_button_is_refused_as_the_command_is(app, fake, side):
    await make_schedule(side, fake)
    typed = texts((await reply_to(fake, side, ANN, "mod schedule edit mornings"))["blocks"])
    assert REFUSED_MOD in typed
    for command, hidden in (("mod schedule edit", {"name": "mornings"}), ("mod schedule create", {}),
                            ("mod prompt add", {}), ("mod pack import", {})):
        value = {"k": "f", "n": command, "a": hidden, "d": {}}
        for where in ({"ephemeral": True}, {"view": {"id": "VHOME", "type": "home", "blocks": []}}):
            opened = len(fake.called("views.open"))
            shown = await answer_to_click(fake, side, ANN, forged(value), **where)
            assert shown == typed.replace("mod schedule edit", command), (command, where, shown)
            # No form opened: no fields, and nothing of the community's schedules.
            assert not any(b.get("type") == "input" for v in fake.called("views.open")[opened:]
                           for b in v["view"]["blocks"])
            assert "mornings" not in json.dumps(fake.called("views.open")[opened:])


async def test_forged_moderator_commands_actions_and_submissions_are_refused(app, fake, side):
    await make_schedule(side, fake)
    schedule = await app.store.schedules.find("slack:T0001", "mornings")
    values = [
        {"k": "c", "n": "mod schedule delete", "a": {"name": "mornings"}},
        {"k": "c", "n": "mod audit", "a": {}},
        {"k": "a", "n": "confirm", "a": {"command": "mod schedule delete", "arg:name": "mornings"}},
        {"k": "a", "n": "mod.schedule.save", "a": {"name": "evil", "channel": "C0GENERAL", "when": "daily 09:00"}},
        {"k": "a", "n": "mod.schedule.save", "a": {"schedule_id": str(schedule.id), "when": "daily 03:00"}},
        {"k": "a", "n": "mod.pack.apply", "a": {"token": "guess"}},
    ]
    for value in values:
        shown = await answer_to_click(fake, side, ANN, forged(value), ephemeral=True)
        # (typed or confirmed: "Only moderators can use …"; a button: "That button is for moderators")
        assert "Only moderators" in shown or "That button is for moderators" in shown, (value, shown)
        assert "Audit log" not in shown
    # A modal submission forged for a moderator's command or form: refused beside the form, nothing saved.
    for kind, name, args in (("command", "mod schedule create", {}), ("form", "mod.schedule.save", {})):
        view = {"id": "VFORGED", "type": "modal", "callback_id": "hearth-form",
                "private_metadata": metadata(kind, name, args, "C0GENERAL", None),
                "blocks": [{"type": "input", "block_id": f, "element": {"type": "plain_text_input", "action_id": "v"}}
                           for f in ("name", "channel", "when")]}
        status, body = await side.submit(ANN, view, {"name": "evil", "channel": "C0GENERAL", "when": "daily 09:00"})
        assert status == 200 and "Only moderators" in body
    assert [s.name for s in await app.store.schedules.list_all("slack:T0001")] == ["mornings"]
    assert (await app.store.schedules.find("slack:T0001", "mornings")).spec == "weekdays 09:00"
