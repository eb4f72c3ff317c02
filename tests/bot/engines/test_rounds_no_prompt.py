"""A round due with no check-in prompt switched on opens nothing, and the log says so once for that round, not at
every catch-up that tries it again (the terminal tries after every line: it printed the warning several times); its
channel is told once a round too, where its members were told nothing."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from bot.scheduling.runner import RoundScheduler
from tests.bot.scheduling.test_runner import make_schedule, rounds_of
from tests.conftest import actor, run

MIA = actor("mia", moderator=True)
SAID = "has no enabled check-in prompts"


async def test_no_prompt_is_said_once_a_round_and_the_round_still_opens_when_one_is_back(app, clock, caplog):
    s = await make_schedule(app)
    await run(app, MIA, "mod pack off", pack="hearth-checkins")
    clock.set(datetime(2026, 1, 5, 9, 5, tzinfo=UTC))
    runner = RoundScheduler(app)
    with caplog.at_level(logging.WARNING, logger="bot.engines.rounds"):
        for _ in range(3):
            assert await runner.catch_up() == 0
        assert sum(SAID in r.getMessage() for r in caplog.records) == 1
        clock.set(datetime(2026, 1, 6, 9, 5, tzinfo=UTC))  # the next day's round: said once for it too
        await runner.catch_up()
        await runner.catch_up()
        assert sum(SAID in r.getMessage() for r in caplog.records) == 2
    await app.outbox.drain_all()
    told = [m for m in app.sent if "couldn't start" in str(m)]
    assert len(told) == 2, told  # (its channel told once a round, not at every try)
    assert told[0].message.plain().startswith("The check-in mornings couldn't start: no check-in prompt is switched on")
    await run(app, MIA, "mod pack on", pack="hearth-checkins")
    assert await runner.catch_up() == 1  # (still tried while in its grace: it opens once a prompt is back on)
    assert await rounds_of(app, s) == ["2026-01-06T09:00:00Z"]
