"""The scheduler on an injected clock: restarts, grace, double fires, pauses, skips, DST."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from bot.scheduling.jobs import Job
from bot.scheduling.runner import RoundScheduler
from tests.conftest import actor, press, run

UTC = timezone.utc


async def make_schedule(app, name="mornings", when="daily 09:00", tz="UTC", **extra):
    mod = actor("mia", moderator=True)
    replies = await run(app, mod, "mod schedule create", name=name, channel="general", when=when, timezone=tz,
                        **extra)
    assert replies[0].buttons, replies[0].plain()
    await press(app, mod, "mod.schedule.save", replies[0].buttons[0].args)
    return await app.store.schedules.find("console:test", name)


async def rounds_of(app, schedule):
    rows = await app.store.db.fetchall("SELECT scheduled_at FROM rounds WHERE schedule_id = ?", schedule.id)
    return [r["scheduled_at"] for r in rows]


async def test_restart_inside_grace_opens_the_missed_round_once(app, clock):
    s = await make_schedule(app)
    clock.set(datetime(2026, 1, 5, 9, 40, tzinfo=UTC))  # Hearth was down at 09:00
    runner = RoundScheduler(app)
    assert await runner.catch_up() == 1
    assert await runner.catch_up() == 0  # a second start opens nothing more
    assert await rounds_of(app, s) == ["2026-01-05T09:00:00Z"]


async def test_restart_outside_grace_skips_with_a_log_line(app, clock, caplog):
    s = await make_schedule(app)
    clock.set(datetime(2026, 1, 5, 10, 30, tzinfo=UTC))  # 90 minutes late, grace is 60
    caplog.set_level("INFO")
    assert await RoundScheduler(app).catch_up() == 0
    assert await rounds_of(app, s) == []
    assert "skipped the 2026-01-05T09:00:00+00:00 fire" in caplog.text


async def test_the_job_firing_twice_opens_one_round(app, clock):
    s = await make_schedule(app)
    runner = RoundScheduler(app)
    clock.set(datetime(2026, 1, 5, 9, 0, 0, tzinfo=UTC))
    await runner.fire_all([s.id])
    clock.advance(timedelta(seconds=30))
    await runner.fire_all([s.id])  # e.g. a second process, or a coalesced late run
    assert await rounds_of(app, s) == ["2026-01-05T09:00:00Z"]


async def test_jobs_follow_the_store(app, clock):
    s = await make_schedule(app, when="weekdays 09:00", tz="Europe/Berlin")
    runner = RoundScheduler(app)
    app.scheduler = runner
    await runner.sync()
    jobs = runner.schedule_jobs()
    assert [(j.id, j.args) for j in jobs] == [("fires:Europe/Berlin 0 9 * * mon-fri", ([s.id],))]
    nxt = jobs[0].trigger.get_next_fire_time(None, datetime(2026, 1, 9, 12, 0, tzinfo=UTC))  # a Friday
    assert nxt == datetime(2026, 1, 12, 8, 0, tzinfo=UTC)  # Monday 09:00 in Berlin
    mod = actor("mia", moderator=True)
    await run(app, mod, "mod schedule pause", name="mornings")
    assert runner.schedule_jobs() == []
    await run(app, mod, "mod schedule resume", name="mornings")
    assert len(runner.schedule_jobs()) == 1
    await run(app, mod, "mod schedule delete", name="mornings", confirmed="yes")
    assert runner.schedule_jobs() == []


async def test_paused_and_skipped_days_open_no_round(app, clock):
    s = await make_schedule(app)
    mod = actor("mia", moderator=True)
    await run(app, mod, "mod schedule skip", name="mornings", date="2026-01-05")
    await run(app, mod, "mod schedule pause", name="mornings", until="2026-01-06")
    runner = RoundScheduler(app)
    for day in (5, 6):
        clock.set(datetime(2026, 1, day, 9, 0, tzinfo=UTC))
        await runner.run_pending()
    clock.set(datetime(2026, 1, 7, 9, 0, tzinfo=UTC))
    await runner.run_pending()
    assert await rounds_of(app, s) == ["2026-01-07T09:00:00Z"]


async def test_snoozed_members_get_no_dm_until_the_date(app, clock):
    s = await make_schedule(app)
    ann, bob = actor("ann"), actor("bob")
    for m in (ann, bob):
        await run(app, m, "checkin join", schedule="mornings")
    await run(app, ann, "me snooze", until="2026-01-05")
    runner = RoundScheduler(app)
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    await runner.run_pending()
    await app.outbox.drain_all()
    assert [d.user for d in app.sent if d.kind == "dm"] == ["console:bob"]
    clock.set(datetime(2026, 1, 6, 9, 0, tzinfo=UTC))
    await runner.run_pending()
    await app.outbox.drain_all()
    assert sorted(d.user for d in app.sent if d.kind == "dm") == ["console:ann", "console:bob", "console:bob"]
    assert len(await rounds_of(app, s)) == 2


async def _run_every_minute(app, clock, runner, start, minutes):
    clock.set(start)
    for _ in range(minutes):
        await runner.run_pending()
        clock.advance(timedelta(minutes=1))


async def test_autumn_overlap_fires_once_in_both_hemispheres(app, clock):
    # New York falls back on 1 Nov 2026; Sydney on 5 Apr 2026. 01:30 happens twice in each.
    ny = await make_schedule(app, name="ny", when="daily 01:30", tz="America/New_York", open="30m", remind="0")
    syd = await make_schedule(app, name="syd", when="daily 02:30", tz="Australia/Sydney", open="30m", remind="0")
    runner = RoundScheduler(app)
    await _run_every_minute(app, clock, runner, datetime(2026, 11, 1, 5, 0, tzinfo=UTC), 150)
    assert await rounds_of(app, ny) == ["2026-11-01T05:30:00Z"]  # the first 01:30 (EDT)
    await _run_every_minute(app, clock, runner, datetime(2026, 4, 4, 15, 0, tzinfo=UTC), 150)
    assert await rounds_of(app, syd) == ["2026-04-04T15:30:00Z"]  # the first 02:30 (AEDT)


async def test_spring_gap_fires_at_the_first_moment_after(app, clock):
    # Berlin springs forward 29 Mar 2026 02:00 -> 03:00; Sydney 4 Oct 2026 02:00 -> 03:00.
    ber = await make_schedule(app, name="ber", when="daily 02:30", tz="Europe/Berlin", open="30m", remind="0")
    syd = await make_schedule(app, name="syd", when="daily 02:30", tz="Australia/Sydney", open="30m", remind="0")
    runner = RoundScheduler(app)
    await _run_every_minute(app, clock, runner, datetime(2026, 3, 29, 0, 50, tzinfo=UTC), 30)
    local = [datetime.fromisoformat(t.replace("Z", "+00:00")).astimezone(ZoneInfo("Europe/Berlin"))
             for t in await rounds_of(app, ber)]
    assert [f"{t:%m-%d %H:%M}" for t in local] == ["03-29 03:00"]
    await _run_every_minute(app, clock, runner, datetime(2026, 10, 3, 15, 50, tzinfo=UTC), 30)
    local = [datetime.fromisoformat(t.replace("Z", "+00:00")).astimezone(ZoneInfo("Australia/Sydney"))
             for t in await rounds_of(app, syd)]
    assert [f"{t:%m-%d %H:%M}" for t in local] == ["10-04 03:00"]


async def test_jobs_stopped_by_shutdown_are_not_errors(app, caplog):
    """The first purge runs at start, so a quick try-out often quits during it; a round's steps may be due too."""
    caplog.set_level(logging.INFO)
    caplog.set_level(logging.INFO, logger="apscheduler")  # (the terminal sets it to WARNING: then they're not shown)
    running: list[str] = []

    def hangs(name: str):  # type: ignore[no-untyped-def]
        async def work(app_):  # type: ignore[no-untyped-def]
            running.append(name)
            await asyncio.Event().wait()
        return work

    runner = RoundScheduler(app, jobs=[Job("purge", hangs("purge"), every=timedelta(days=1), first=timedelta(0))])
    await runner.start()
    runner.steps = dataclasses.replace(runner.steps, due=hangs("sweep"))
    runner.aps.add_job(runner.sweep, id="steps:now")
    for _ in range(100):
        if len(running) == 2:
            break
        await asyncio.sleep(0.01)
    assert sorted(running) == ["purge", "sweep"]
    runner.shutdown()
    await asyncio.sleep(0.05)  # APScheduler reports each cancelled job from a callback
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    stopped = [r.getMessage() for r in caplog.records if "stopped for shutdown" in r.getMessage()]
    assert sorted(stopped) == ["Job purge stopped for shutdown; it runs again at the next start",
                               "Job steps:now stopped for shutdown; it runs again at the next start"]


async def test_jobs_run_by_a_clock_that_jumps_at_their_interval_and_when_they_say_they_have_work(app, clock):
    """APScheduler counts real time: on a clock that jumps (the terminal's) a job ran only every 5 real minutes."""
    start = clock.now()
    ran: list[str] = []
    wanted: list[datetime] = []

    async def record(_app):
        ran.append(_app.now().isoformat())

    async def next_at(_app):
        return wanted[0] if wanted else None

    runner = RoundScheduler(app, jobs=[Job("tick", record, every=timedelta(minutes=5), first=timedelta(0),
                                           next_at=next_at)])
    assert await runner.run_due_jobs() == ["tick"]  # at start
    assert await runner.run_due_jobs() == []  # not again within its interval
    wanted.append(start + timedelta(minutes=2))
    assert await runner.next_job_moment() == start + timedelta(minutes=2)
    clock.set(start + timedelta(minutes=2))
    assert await runner.run_due_jobs() == ["tick"]  # it said it has work now
    wanted.clear()
    clock.set(start + timedelta(days=1))
    assert await runner.run_due_jobs() == ["tick"] and len(ran) == 3  # its interval passed on the clock
