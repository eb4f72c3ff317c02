"""A refusal about one option names it (`UserError(field=...)`), so every platform's form shows it beside that
field and keeps the rest of what was typed: no adapter guesses which field a message is about."""

from __future__ import annotations

import pytest

from tests.bot.scheduling.test_runner import make_schedule
from tests.conftest import actor, run

MIA = actor("mia", moderator=True)


@pytest.mark.parametrize("command, args, field", [
    ("me timezone", {"timezone": "Mars/Olympus"}, "timezone"),
    ("me snooze", {"until": "someday"}, "until"),
    ("me language", {"language": "klingon"}, "language"),
    ("me history", {"weeks": "500"}, "weeks"),
    ("me region", {"region": "atlantis"}, "region"),
    ("support", {"region": "atlantis"}, "region"),
    ("mod prompt edit", {"id": "own-nothing-01", "text": "Who heard you?"}, "id"),
    ("mod prompt enable", {"id": "own-nothing-01"}, "id"),
    ("mod pack off", {"pack": "no-such-pack"}, "pack"),
    ("mod moderators remove", {"who": "console:nobody"}, "who"),
    ("notes delete", {"number": "99"}, "number"),
    ("checkin join", {"schedule": "evenings"}, "schedule"),
    ("mod schedule pause", {"name": "mornings", "until": "someday"}, "until"),
    ("mod schedule skip", {"name": "mornings", "date": "never"}, "date"),
])
async def test_a_refusal_about_one_option_names_it(app, clock, command, args, field):
    await make_schedule(app)
    [refused] = await run(app, MIA, command, **args)
    assert refused.error, refused.plain()
    assert refused.field == field, (command, refused.plain())
