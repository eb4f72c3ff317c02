"""A serving Hearth with `[web] port` set serves the dashboard, and stops it with the rest."""

from __future__ import annotations

import asyncio

import aiohttp

import hearth.runtime as runtime
from bot.scheduling.runner import RoundScheduler
from hearth.service import State
from tests.hearth.test_service import eventually, free_port


async def test_the_dashboard_is_served_while_hearth_runs_and_not_after(app) -> None:
    port = free_port()
    app.config = app.config.with_values(web__port=port, web__public_url=f"http://127.0.0.1:{port}")
    app.scheduler = RoundScheduler(app)
    until, state = asyncio.Event(), State()
    serving = asyncio.create_task(runtime.serve(app, [], until, state=state))
    base = f"http://127.0.0.1:{port}"

    async def answers() -> bool:
        try:
            async with aiohttp.ClientSession() as http, http.get(f"{base}/sign-in") as response:
                return response.status == 200 and "Sign in" in await response.text() and \
                    "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        except aiohttp.ClientConnectionError:
            return False

    try:
        await eventually(answers, "the dashboard's sign-in page")
    finally:
        until.set()
        await serving
    assert not await answers()


async def test_only_the_dashboard_asks_which_name_a_request_was_addressed_to(app) -> None:
    """A monitor reaches health and metrics by whatever name it knows the machine by; the dashboard, served beside
    them, answers its own names only (DNS rebinding)."""
    web_port, service_port = free_port(), free_port()
    app.config = app.config.with_values(web__port=web_port, web__public_url="https://hearth.example.org",
                                        service__http_port=service_port)
    app.scheduler = RoundScheduler(app)
    until, state = asyncio.Event(), State()
    serving = asyncio.create_task(runtime.serve(app, [], until, state=state))

    async def status(port: int, path: str, host: str) -> int | None:
        try:
            async with aiohttp.ClientSession() as http, \
                    http.get(f"http://127.0.0.1:{port}{path}", headers={"Host": host}) as response:
                return response.status
        except aiohttp.ClientConnectionError:
            return None

    async def up() -> bool:
        return await status(web_port, "/sign-in", "localhost") == 200 and \
            await status(service_port, "/readyz", "localhost") == 200

    try:
        await eventually(up, "the dashboard and the health endpoint")
        for host in ("monitor.internal:9090", "evil.example", "10.0.0.7"):
            assert [await status(service_port, p, host) for p in ("/healthz", "/readyz", "/metrics")] == [200] * 3
            assert await status(web_port, "/sign-in", host) == 421
        assert await status(web_port, "/sign-in", "hearth.example.org") == 200
    finally:
        until.set()
        await serving
