"""Old answers are purged after the retention period; notes stay until their author deletes them."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

from bot.engines.retention import purge_expired
from bot.scheduling.runner import RoundScheduler
from tests.bot.flows.test_checkin_round import create_schedule
from tests.bot.flows.test_my_data import answer_day, column_values
from tests.conftest import actor, run


async def setup_answers(app, clock):
    mia, ann, bob = actor("mia", moderator=True), actor("ann"), actor("bob")
    await create_schedule(app, mia)
    for who in (ann, bob):
        await run(app, who, "checkin join", schedule="mornings")
    runner = RoundScheduler(app)
    await answer_day(app, runner, clock, 0, [(ann, "shared", "Early words"), (bob, "private", "Early private")])
    await run(app, ann, "reflect")
    await run(app, ann, "note", text="A note to keep")
    await answer_day(app, runner, clock, 21, [(ann, "shared", "Later words")])
    return mia, ann, runner


async def test_answers_past_the_community_retention_are_purged_notes_kept(app, clock, caplog):
    mia, ann, _ = await setup_answers(app, clock)
    await run(app, mia, "mod settings", key="retention_days", value="30")

    clock.set(datetime(2026, 2, 3, 12, 0, tzinfo=timezone.utc))  # 29 days after the first round
    assert await purge_expired(app) == 0

    caplog.set_level(logging.DEBUG)
    clock.advance(timedelta(days=2))  # now 31 days after
    assert await purge_expired(app) == 2
    assert await column_values(app, "responses", "text") == ["Later words"]
    assert [n.text for n in await app.store.notes.of_member(ann.community_id, ann.user_id)] == ["A note to keep"]
    assert await column_values(app, "reflections", "user_id") == []  # given on the first day: gone too
    payloads = " ".join(await column_values(app, "outbox", "payload"))
    assert "Early words" not in payloads and "Later words" in payloads
    logged = caplog.text
    assert "purged 2" in logged and "Early" not in logged  # a count, never content

    assert await purge_expired(app) == 0  # nothing left to do


async def test_the_server_cap_wins_when_shorter(app, clock):
    await setup_answers(app, clock)
    app.config = app.config.with_values(privacy__retention_days=10)
    clock.set(datetime(2026, 1, 16, 9, 0, tzinfo=timezone.utc))
    assert await purge_expired(app) == 2
    assert "10 days" in "\n".join(r.plain() for r in await run(app, actor("ann"), "privacy"))


async def test_the_scheduler_runs_the_purge_daily(app, clock):
    runner = RoundScheduler(app)
    await runner.start()
    try:
        job = runner.aps.get_job("purge")
        assert job is not None and job.trigger.interval == timedelta(days=1)
    finally:
        runner.shutdown()
    assert await runner.run_job("purge") == 0
