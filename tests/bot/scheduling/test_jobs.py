"""A job declared on a router is run by the scheduler, which knows it only as a callback (on the suite's clock)."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta, timezone

import pytest

from bot import features
from bot.commands.registry import Registry
from bot.commands.router import Router
from bot.scheduling.runner import RoundScheduler

UTC = timezone.utc


def digest_router(seen: list[datetime]) -> Router:
    """A feature with nothing but a weekly job, as a digest would be."""
    router = Router("digest")

    @router.job("digest", every=timedelta(days=7), first=timedelta(0))
    async def send_digest(app) -> int:
        seen.append(app.now())
        return len(seen)

    @router.job("later", every=timedelta(hours=1))
    async def not_at_start(app) -> None:
        seen.append(datetime.min.replace(tzinfo=UTC))  # would mark a run that should not have happened

    return router


async def until(condition, tries: int = 200) -> None:
    for _ in range(tries):
        if condition():
            return
        await asyncio.sleep(0.01)


async def test_a_job_on_a_router_runs_at_start_then_on_its_interval(app, clock):
    seen: list[datetime] = []
    app.registry = Registry.of([*features.ROUTERS, digest_router(seen)])
    runner = RoundScheduler(app)
    await runner.start()
    try:
        await until(lambda: seen)
        assert seen == [datetime(2026, 1, 5, 8, 0, tzinfo=UTC)]  # the app's clock, not the wall's
        digest, later = runner.aps.get_job("digest"), runner.aps.get_job("later")
        assert digest.trigger.interval == timedelta(days=7) and later.trigger.interval == timedelta(hours=1)
        assert later.next_run_time > datetime.now(UTC) + timedelta(minutes=59)  # `first=None`: one interval on
        assert runner.aps.get_job("purge") is not None  # the features' own jobs beside it
        clock.advance(timedelta(days=7))
        assert await runner.run_job("digest") == 2  # what its trigger calls
        assert seen[-1] == datetime(2026, 1, 12, 8, 0, tzinfo=UTC)
    finally:
        runner.shutdown()


async def test_the_scheduler_runs_only_the_jobs_it_is_given(app):
    seen: list[datetime] = []
    given = digest_router(seen).jobs["digest"]
    runner = RoundScheduler(app, jobs=[given])
    await runner.start()
    try:
        await until(lambda: seen)
        assert seen and sorted(j.id for j in runner.aps.get_jobs() if not j.id.startswith("fires:")) == [
            "digest", "sweep"]
    finally:
        runner.shutdown()


async def test_a_failing_job_is_logged_and_runs_again_next_time(app, caplog):
    router = Router("flaky")
    calls: list[int] = []

    @router.job("flaky", every=timedelta(hours=1))
    async def flaky(app_) -> str:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("the database went away")
        return "ok"

    runner = RoundScheduler(app, jobs=router.jobs.values())
    caplog.set_level(logging.ERROR)
    assert await runner.run_job("flaky") is None
    assert "job flaky failed; it runs again at its next time" in caplog.text
    assert await runner.run_job("flaky") == "ok"


async def test_schedules_need_someone_to_say_what_firing_does(app):
    app.registry = Registry.of([digest_router([])])
    with pytest.raises(ValueError, match="round_steps"):
        RoundScheduler(app)
