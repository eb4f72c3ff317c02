"""A fire is "missed" only if it was one of the schedule's rounds: never one from before the schedule was created,
its time last changed, or a pause was lifted (the fourth trial, 10). Real catch-up still works."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from bot.scheduling.runner import RoundScheduler
from tests.bot.scheduling.test_runner import make_schedule, rounds_of
from tests.conftest import actor, press, run

UTC = timezone.utc
MOD = actor("mia", moderator=True)


async def test_a_schedule_created_after_its_time_today_first_opens_tomorrow_as_its_preview_said(app, clock):
    clock.set(datetime(2026, 1, 5, 10, 52, tzinfo=UTC))
    replies = await run(app, MOD, "mod schedule create", name="foo", channel="general", when="daily 10:00",
                        timezone="UTC")
    assert "Tue 6 Jan" in replies[0].plain().split("Next three:", 1)[1].split(";")[0]
    await press(app, MOD, "mod.schedule.save", replies[0].buttons[0].args)
    s = await app.store.schedules.find("console:test", "foo")
    runner = RoundScheduler(app)
    clock.advance(timedelta(minutes=1))
    assert await runner.catch_up() == 0
    await runner.fire_all([s.id])  # (the job, had it run late: the same rule)
    assert await rounds_of(app, s) == []
    clock.set(datetime(2026, 1, 6, 10, 0, tzinfo=UTC))
    assert await runner.catch_up() == 1  # the preview's first date is the first round
    assert await rounds_of(app, s) == ["2026-01-06T10:00:00Z"]


async def test_moving_the_time_to_an_hour_already_past_today_opens_nothing_today(app, clock):
    s = await make_schedule(app, when="daily 18:00")
    clock.set(datetime(2026, 1, 5, 10, 30, tzinfo=UTC))
    replies = await run(app, MOD, "mod schedule edit", name="mornings", when="daily 10:00")
    await press(app, MOD, "mod.schedule.save", replies[0].buttons[0].args)
    runner = RoundScheduler(app)
    clock.advance(timedelta(minutes=1))
    assert await runner.catch_up() == 0
    clock.set(datetime(2026, 1, 6, 10, 0, tzinfo=UTC))
    assert await runner.catch_up() == 1
    assert await rounds_of(app, s) == ["2026-01-06T10:00:00Z"]


async def test_an_edit_that_keeps_the_time_keeps_real_catch_up(app, clock):
    s = await make_schedule(app, when="daily 09:00")
    replies = await run(app, MOD, "mod schedule edit", name="mornings", open="1h")
    await press(app, MOD, "mod.schedule.save", replies[0].buttons[0].args)
    clock.set(datetime(2026, 1, 5, 9, 40, tzinfo=UTC))  # Hearth was down at 09:00
    assert await RoundScheduler(app).catch_up() == 1
    assert await rounds_of(app, s) == ["2026-01-05T09:00:00Z"]


@pytest.mark.parametrize("until", [None, "2026-01-06"])
async def test_resuming_does_not_open_the_round_the_pause_held_back(app, clock, until):
    s = await make_schedule(app, when="daily 09:00")
    await run(app, MOD, "mod schedule pause", name="mornings", **({"until": until} if until else {}))
    runner = RoundScheduler(app)
    clock.set(datetime(2026, 1, 5, 9, 30, tzinfo=UTC))
    assert await runner.catch_up() == 0
    replies = await run(app, MOD, "mod schedule resume", name="mornings")
    assert "running again" in replies[0].plain()
    clock.advance(timedelta(minutes=1))
    assert await runner.catch_up() == 0
    clock.set(datetime(2026, 1, 6, 9, 30, tzinfo=UTC))  # a real miss after it was resumed: caught up
    assert await runner.catch_up() == 1
    assert await rounds_of(app, s) == ["2026-01-06T09:00:00Z"]


async def test_a_pause_that_ran_out_lets_the_next_days_round_be_caught_up(app, clock):
    s = await make_schedule(app, when="daily 09:00")
    await run(app, MOD, "mod schedule pause", name="mornings", until="2026-01-05")
    clock.set(datetime(2026, 1, 6, 9, 20, tzinfo=UTC))  # down at 09:00 on the first day after the pause
    assert await RoundScheduler(app).catch_up() == 1
    assert await rounds_of(app, s) == ["2026-01-06T09:00:00Z"]


async def test_only_a_change_of_time_timezone_or_pause_moves_the_counting(app, clock):
    s = await make_schedule(app, when="daily 09:00")
    assert s.counts_from == "2026-01-05T08:00:00Z"
    clock.advance(timedelta(minutes=5))
    moved = await app.store.schedules.update(s.id, app.now(), name="renamed", channel_id="console:other",
                                             cron=s.cron, timezone=s.timezone)
    assert moved.counts_from == s.counts_from and moved.updated_at == "2026-01-05T08:05:00Z"
    for field, value in (("cron", "0 10 * * *"), ("timezone", "Europe/Berlin"), ("paused_until", "forever"),
                         ("paused_until", None)):
        clock.advance(timedelta(minutes=1))
        moved = await app.store.schedules.update(s.id, app.now(), **{field: value})
        assert moved.counts_from == moved.updated_at, field
