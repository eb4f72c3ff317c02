"""Health, readiness and Prometheus metrics over HTTP, scraped from a serving Hearth with no platform at all."""

from __future__ import annotations

import asyncio
import socket
from datetime import datetime, timezone

import aiohttp
from prometheus_client.parser import text_string_to_metric_families

import hearth.runtime as runtime
from bot.events import Actor
from bot.scheduling.runner import RoundScheduler
from hearth.service import State
from tests.bot.flows.test_checkin_round import create_schedule
from tests.conftest import actor, run


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def samples(body: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    out = {}
    for family in text_string_to_metric_families(body):
        for s in family.samples:
            out[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


async def get(session: aiohttp.ClientSession, url: str) -> tuple[int, str]:
    async with session.get(url) as response:
        return response.status, await response.text()


async def eventually(check, what: str) -> None:  # type: ignore[no-untyped-def]
    for _ in range(500):
        if await check():
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"never saw {what}")


async def test_health_readiness_and_metrics_move_as_hearth_works(app, clock):
    port = free_port()
    app.config = app.config.with_values(service__http_port=port)
    app.limiter.limit = 3
    app.scheduler = RoundScheduler(app)
    app.outbox.senders["console"].closed_dms.add("console:bob")
    until, state = asyncio.Event(), State()
    serving = asyncio.create_task(runtime.serve(app, [], until, state=state))
    base = f"http://127.0.0.1:{port}"
    try:
        async with aiohttp.ClientSession() as http:
            await eventually(lambda: _is(http, f"{base}/healthz", 200), "healthz answer")
            await eventually(lambda: _is(http, f"{base}/readyz", 200), "readyz say ready")
            before = samples((await get(http, f"{base}/metrics"))[1])
            assert before[("hearth_replies_total", ())] == 0
            assert before[("hearth_outbox_depth", ())] == 0

            mia, ann, bob = actor("mia", moderator=True), actor("ann"), actor("bob")
            await create_schedule(app, mia)
            for who in (ann, bob):
                await run(app, who, "checkin join", schedule="mornings", reminders="yes")
            await run(app, ann, "note", text="a quiet walk by the river today")
            await run(app, ann, "no such command")  # refused, kindly
            zed = Actor("slack:T9", "slack:U9", "Zed")
            for _ in range(4):  # one over the limit
                await run(app, zed, "help")
            clock.set(datetime(2026, 1, 5, 9, 0, 30, tzinfo=timezone.utc))  # a Monday, just after 09:00 in London
            (schedule,) = await app.store.schedules.list_all()
            await RoundScheduler(app).fire_all([schedule.id])  # as the schedule's job does, half a minute late
            app.outbox.kick()

            async def delivered() -> bool:
                now = samples((await get(http, f"{base}/metrics"))[1])
                return now.get(("hearth_sends_total", (("result", "ok"),)), 0) >= 2 and \
                    now.get(("hearth_sends_total", (("result", "dm_closed"),)), 0) >= 1
            await eventually(delivered, "the round's messages sent")
            status, body = await get(http, f"{base}/metrics")
            after = samples(body)
    finally:
        until.set()
        await serving
    assert status == 200
    assert after[("hearth_events_total", (("kind", "command"),))] >= 5
    assert after[("hearth_replies_total", ())] > before[("hearth_replies_total", ())]
    assert after[("hearth_refusals_total", ())] >= 2
    assert after[("hearth_rate_limited_total", ())] == 1
    assert after[("hearth_rounds_opened_total", ())] == 1
    assert after[("hearth_crisis_screens_total", (("result", "ok"),))] >= 1
    assert after[("hearth_scheduler_lag_seconds", ())] == 30
    assert ("hearth_outbox_oldest_age_seconds", ()) in after
    for private in ("river", "console:ann", "console:bob", "Ann", "mornings"):
        assert private not in body  # counts only: never words, who, or which schedule


async def _is(http: aiohttp.ClientSession, url: str, status: int) -> bool:
    try:
        return (await get(http, url))[0] == status
    except aiohttp.ClientError:
        return False


async def test_readiness_says_no_while_stopping(app):
    port = free_port()
    app.config = app.config.with_values(service__http_port=port)
    app.scheduler = RoundScheduler(app)
    until, state = asyncio.Event(), State()
    serving = asyncio.create_task(runtime.serve(app, [], until, state=state))
    try:
        async with aiohttp.ClientSession() as http:
            await eventually(lambda: _is(http, f"http://127.0.0.1:{port}/readyz", 200), "ready")
            state.stopping = True
            assert await get(http, f"http://127.0.0.1:{port}/readyz") == (503, "stopping\n")
            assert (await get(http, f"http://127.0.0.1:{port}/healthz"))[0] == 200
    finally:
        until.set()
        await serving
