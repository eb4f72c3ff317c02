"""Odd interactions reach Hearth calmly: an unknown button or form, a missing member, values of the wrong type.

Discord itself sends well-formed interactions, but old messages keep buttons
from earlier versions, and a modal's values can come back in shapes the
library passes through untouched. None of it may end in a traceback or in
"something went wrong".
"""

from __future__ import annotations

import asyncio
import logging

import pytest

from tests.adapters.discord.helpers import run


def _tracebacks(records: list[logging.LogRecord]) -> list[str]:
    return [f"{r.name}: {r.getMessage()}" for r in records if r.exc_info or r.levelno >= logging.ERROR]


async def _quiet(fake, seconds: float = 0.3) -> None:
    """Until the bot has made no call for a while (its answer, if any, is in)."""
    for _ in range(50):
        before = len(fake.calls)
        await asyncio.sleep(seconds)
        if len(fake.calls) == before:
            return


def _on_message(fake, msg, custom_id: str) -> dict:
    """The message as Discord keeps it, with a button of `custom_id` on it (Discord only sends presses of those)."""
    old = {**msg, "id": str(fake.next_id()),
           "components": [{"type": 1, "id": 1, "components": [{"type": 2, "id": 2, "style": 2, "label": "Old",
                                                                "custom_id": custom_id}]}]}
    fake.messages[int(old["id"])] = old
    return old


def _press(custom_id: str):
    return lambda fake, m, msg: fake._interaction(3, {"custom_id": custom_id, "component_type": 2}, m,
                                                  message=_on_message(fake, msg, custom_id))


CASES = {
    "a button from an older version": _press("hearth:no.such:x=1"),
    "a button with no args": _press("hearth:reflect.another:"),
    "a button with broken args": _press("hearth:reflect.another:%%%=&&"),
    "a stashed button that is gone": _press("hearth:reflect.another:!nope"),
    "another bot's button": _press("other:thing"),
    "an unknown form": lambda fake, m, msg: fake._interaction(5, {"custom_id": "hearthform:no.such:",
                                                                 "components": []}, m),
    "a form with values of the wrong type": lambda fake, m, msg: fake._interaction(5, {
        "custom_id": "hearthform:reflect.save_note:", "components": [
            {"type": 18, "id": 1, "component": {"type": 4, "custom_id": "note", "value": None}},
            {"type": 18, "id": 2, "component": {"type": 3, "custom_id": "x", "values": [5, None]}},
            {"type": 1, "components": [{"type": 4, "custom_id": "y"}]}, {"type": 18}, {"type": 99}]}, m),
    "a form with every field left out": lambda fake, m, msg: fake._interaction(5, {
        "custom_id": "hearthform:reflect.save_note:", "components": []}, m),
    "a button in a DM with no server to act in": lambda fake, m, msg: fake._interaction(
        3, {"custom_id": "hearth:checkin.answer:mood=3", "component_type": 2}, None, dm_user=m["user"],
        message=_on_message(fake, msg, "hearth:checkin.answer:mood=3")),
    "a command from a DM": lambda fake, m, msg: fake._interaction(2, fake.command_payload("checkin status", {}),
                                                                  None, dm_user=m["user"]),
}
#: Those Hearth answers (the rest are not its own, or not for it to answer).
ANSWERED = set(CASES) - {"another bot's button"}


@pytest.mark.parametrize("case", CASES)
async def test_odd_interactions_are_answered_calmly(app, fake, discord_bot, caplog, case):
    member = fake.member(fake.next_id(), "Ann")
    shown = await run(fake, member, "reflect")
    message = fake.messages[shown["message_id"]]
    caplog.set_level(logging.INFO)
    caplog.clear()
    iid = await fake.interact(CASES[case](fake, member, message))
    await _quiet(fake)
    assert _tracebacks(caplog.records) == []
    answer = fake.callback_for(iid)
    if case in ANSWERED:
        assert answer is not None, "no answer: Discord would show 'This interaction failed'"
    words = str((answer or {}).get("data"))
    assert "something went wrong" not in words
    assert fake.refused == []
    fake.off_spec.clear()  # (a form's values of the wrong type Discord would never send: that's the point)
