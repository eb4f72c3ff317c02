"""Schedules that fire together are opened together: each round once, each DM once, skips kept."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

from bot.engines import rounds
from bot.scheduling.runner import RoundScheduler
from tests.bot.scheduling.test_runner import make_schedule
from tests.conftest import actor, run

UTC = timezone.utc
NINE = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


async def three_schedules(app):
    schedules = [await make_schedule(app, name=n) for n in ("alpha", "beta", "gamma")]
    for who in ("ann", "bob"):
        for s in schedules:
            await run(app, actor(who), "checkin join", schedule=s.name)
    return schedules


async def dm_keys(app):
    rows = await app.store.db.fetchall("SELECT dedupe_key FROM outbox WHERE kind = 'dm' ORDER BY dedupe_key")
    return [r["dedupe_key"] for r in rows]


async def test_jobs_firing_at_once_open_every_round_once_with_its_dms(app, clock):
    schedules = await three_schedules(app)
    runner = RoundScheduler(app)
    clock.set(NINE)
    await asyncio.gather(*(runner.fire_all([s.id]) for s in schedules))
    opened = {r.schedule_id: r for r in await app.store.rounds.list_open()}
    assert sorted(opened) == sorted(s.id for s in schedules)
    keys = await dm_keys(app)
    assert keys == sorted(f"round:{r.id}:dm:console:{who}" for r in opened.values() for who in ("ann", "bob"))
    await asyncio.gather(*(runner.fire_all([s.id]) for s in schedules))  # a second process, a doubled run
    assert len(await app.store.rounds.list_open()) == 3
    assert await dm_keys(app) == keys
    await app.outbox.drain_all()
    dms = [d for d in app.sent if d.kind == "dm"]
    assert len(dms) == 6
    assert {b.args["round"] for d in dms for b in d.message.buttons} == {str(r.id) for r in opened.values()}


async def test_opening_many_skips_the_paused_and_the_already_open(app, clock):
    alpha, beta, gamma = await three_schedules(app)
    mod = actor("mia", moderator=True)
    await run(app, mod, "mod schedule skip", name="beta", date="2026-01-05")
    clock.set(NINE)
    first = await rounds.open_round(app, gamma, NINE)
    assert first is not None
    got = await rounds.open_rounds(app, [(alpha, NINE), (beta, NINE), (gamma, NINE)])
    assert got[0] is not None and got[0].schedule_id == alpha.id
    assert got[1] is None  # skipped today
    assert got[2] is None  # already open: not opened twice, no second set of DMs
    assert len(await dm_keys(app)) == 4


async def test_schedules_at_the_same_moments_share_one_job_that_opens_all_their_rounds(app, clock):
    schedules = await three_schedules(app)  # daily 09:00 UTC, all three
    berlin = await make_schedule(app, name="delta", tz="Europe/Berlin")
    runner = RoundScheduler(app)
    app.scheduler = runner
    await runner.sync()
    jobs = {j.id: j.args[0] for j in runner.schedule_jobs()}
    assert jobs == {"fires:UTC 0 9 * * *": [s.id for s in schedules], "fires:Europe/Berlin 0 9 * * *": [berlin.id]}
    clock.set(NINE)
    await runner.fire_all(jobs["fires:UTC 0 9 * * *"])  # what APScheduler runs at 09:00 UTC
    assert sorted(r.schedule_id for r in await app.store.rounds.list_open()) == sorted(s.id for s in schedules)
