"""Health, readiness and metrics over real HTTP while Hearth serves Discord, or Slack in Socket Mode.

The adapters are built the way the process builds them (`platform_adapters`
from the secrets in the config) and run under `runtime.serve`, against the
local fakes: the real discord.py and slack-bolt, only the far side faked.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiohttp
import pytest
from discord.gateway import DiscordWebSocket
from discord.http import Route

import hearth.runtime as runtime
from bot.config import load
from bot.scheduling.runner import RoundScheduler
from hearth.service import State
from testing.fake_discord import FakeDiscord
from testing.fake_slack import FakeSlack
from tests.hearth.test_service import _is, eventually, free_port, get, samples

ANN = "UANN"
COMMANDS = ("hearth_events_total", (("kind", "command"),))


@pytest.fixture
async def fake_discord():
    base, gateway = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    server = await FakeDiscord().start()
    yield server
    await server.close()
    Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = base, gateway


@pytest.fixture
async def fake_slack():
    slack = FakeSlack()
    await slack.start()
    slack.add_user(ANN, "Ann", tz="America/New_York")
    yield slack
    await slack.stop()


async def scrape(http: aiohttp.ClientSession, base: str) -> dict:
    status, body = await get(http, f"{base}/metrics")
    assert status == 200
    return samples(body)


async def start_serving(app, env: dict[str, str], tmp_path: Path):  # type: ignore[no-untyped-def]
    """Hearth with the mode's secrets, its endpoint on a free port: (base url, adapter, gate, until, state, task).

    The adapter connects only once `gate` is set, so a test can see readiness before and after.
    """
    port = free_port()
    app.config = app.config.with_values(service__http_port=port)
    app.scheduler = RoundScheduler(app)
    adapters = runtime.platform_adapters(load(env={"HEARTH_DATA_DIR": str(tmp_path / "modedata"), **env}))
    assert len(adapters) == 1
    adapter, gate = adapters[0], asyncio.Event()
    connect = adapter.start

    async def start_when_let(app) -> None:  # type: ignore[no-untyped-def]
        await gate.wait()
        await connect(app)
    adapter.start = start_when_let  # type: ignore[method-assign]
    until, state = asyncio.Event(), State()
    serving = asyncio.create_task(runtime.serve(app, adapters, until, state=state))
    return f"http://127.0.0.1:{port}", adapter, gate, until, state, serving


async def not_ready_until_connected(http: aiohttp.ClientSession, base: str, gate: asyncio.Event) -> None:
    """Health answers at once; readiness says "starting" until the adapter has connected, then "ready"."""
    await eventually(lambda: _is(http, f"{base}/healthz", 200), "healthz answer")
    assert await get(http, f"{base}/readyz") == (503, "starting\n")
    gate.set()
    await eventually(lambda: _is(http, f"{base}/readyz", 200), "readyz say ready")
    assert await get(http, f"{base}/readyz") == (200, "ready\n")


async def test_discord_mode_serves_health_readiness_and_metrics(app, fake_discord, tmp_path):
    base, adapter, gate, until, state, serving = await start_serving(
        app, {"HEARTH_DISCORD_TOKEN": fake_discord.token, "HEARTH_DISCORD_API_URL": fake_discord.api_url},
        tmp_path)
    assert adapter.platform == "discord"
    try:
        async with aiohttp.ClientSession() as http:
            assert not hasattr(adapter, "client")  # not connecting yet
            await not_ready_until_connected(http, base, gate)
            assert state.started and adapter.client.is_ready()  # ready only once the gateway said so
            before = await scrape(http, base)
            assert before.get(COMMANDS, 0) == 0

            ann = fake_discord.member(fake_discord.next_id(), "Ann")
            iid = await fake_discord.slash(ann, "checkin list")
            assert "no check-ins here yet" in (await fake_discord.wait_callback(iid))["data"]["content"]
            after = await scrape(http, base)
    finally:
        gate.set()  # (a failed check before it must not leave serve waiting)
        until.set()
        await serving
    assert after[COMMANDS] == 1
    assert after[("hearth_replies_total", ())] > before[("hearth_replies_total", ())]


async def test_slack_socket_mode_serves_health_readiness_and_metrics(app, fake_slack, tmp_path):
    base, adapter, gate, until, state, serving = await start_serving(
        app, {"HEARTH_SLACK_BOT_TOKEN": "xoxb-test", "HEARTH_SLACK_APP_TOKEN": "xapp-test",
              "HEARTH_SLACK_API_URL": fake_slack.api_url}, tmp_path)
    assert adapter.platform == "slack"
    try:
        async with aiohttp.ClientSession() as http:
            await not_ready_until_connected(http, base, gate)
            assert state.started and adapter.port is None  # Socket Mode: no Slack listener, only ours
            assert [c.token for c in fake_slack.calls if c.method == "apps.connections.open"] == ["xapp-test"]
            before = await scrape(http, base)
            assert before.get(COMMANDS, 0) == 0

            payload = {"team_id": fake_slack.team, "channel_id": "C0GENERAL", "user_id": ANN, "user_name": "ann",
                       "command": "/hearth", "text": "reflect", "api_app_id": "A0001", "trigger_id": "trig.h",
                       "response_url": f"{fake_slack.url}/respond/h"}
            ack = await fake_slack.send_envelope("slash_commands", payload)
            assert ack["payload"]["response_type"] == "ephemeral"
            after = await scrape(http, base)
    finally:
        gate.set()  # (a failed check before it must not leave serve waiting)
        until.set()
        await serving
    assert after[COMMANDS] == 1
    assert after[("hearth_replies_total", ())] > before[("hearth_replies_total", ())]
