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
