"""Starting from the runtime, and a slow core answered within Discord's three seconds."""

from __future__ import annotations

import asyncio

from adapters.discord import interactions
from adapters.discord.client import DiscordAdapter
from hearth.runtime import platform_adapters
from tests.adapters.discord.conftest import adapter_config
from testing.fake_discord import FakeDiscord


def test_the_runtime_finds_the_adapter_by_its_token(tmp_path, fake: FakeDiscord):
    [adapter] = platform_adapters(adapter_config(tmp_path, fake))
    assert isinstance(adapter, DiscordAdapter) and adapter.platform == "discord"


async def test_slow_work_is_deferred_then_answered(discord_bot, fake: FakeDiscord, app, monkeypatch):
    monkeypatch.setattr(interactions, "DEFER_AFTER", 0.05)
    handle = app.handle

    async def slow(event):
        await asyncio.sleep(0.3)
        return await handle(event)

    monkeypatch.setattr(app, "handle", slow)
    ann = fake.member(fake.next_id(), "Ann")
    iid = await fake.slash(ann, "checkin status")
    deferred = await fake.wait_callback(iid)
    assert deferred["type"] == 5 and deferred["data"]["flags"] & 64  # "thinking…", privately
    [answer] = await fake.wait_for(lambda: fake.followups(iid))
    assert "Your check-ins" in answer.body["content"] and answer.body["allowed_mentions"] == {"parse": []}


def test_the_guide_names_the_exact_permissions():
    from pathlib import Path

    from adapters.discord.client import PERMISSIONS

    guide = Path(__file__).parents[3].joinpath("docs", "discord.md").read_text(encoding="utf-8")
    assert f"permissions={PERMISSIONS.value}" in guide
    assert sum(1 for line in guide.splitlines() if line.startswith("| ") and "|---" not in line) - 1 == \
        sum(1 for _, on in PERMISSIONS if on)
