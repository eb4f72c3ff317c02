"""A Hearth connected through the real discord.py client to a fake Discord on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import pytest
from discord.gateway import DiscordWebSocket
from discord.http import Route

from adapters.discord import create
from adapters.discord.client import DiscordAdapter
from bot.config import load
from testing.fake_discord import FakeDiscord


@pytest.fixture
async def fake():
    base, gateway = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    server = await FakeDiscord().start()
    yield server
    await server.close()
    Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = base, gateway
    # Every answer and interaction of every Discord test is one Discord could give (`testing.discord_spec`).
    assert server.off_spec == [], server.off_spec[:3]


def adapter_config(tmp_path: Path, fake: FakeDiscord, **env: str):
    return load(env={"HEARTH_DATA_DIR": str(tmp_path / "data"), "HEARTH_DISCORD_TOKEN": fake.token,
                     "HEARTH_DISCORD_API_URL": fake.api_url, **env})


async def connect(app, fake: FakeDiscord, tmp_path: Path) -> DiscordAdapter:
    adapter = create(adapter_config(tmp_path, fake), guild_ready_timeout=0.05)
    await adapter.start(app)
    return adapter


@pytest.fixture
async def discord_bot(app, fake, tmp_path):
    adapter = await connect(app, fake, tmp_path)
    yield adapter
    await adapter.stop()
