"""Two Hearth processes on one store, each running one of two Discord shards.

Each connects as its shard, hears only its own servers' interactions, and
answers them; the guild a shard owns follows Discord's rule,
`(guild_id >> 22) % shard_count`.
"""

from __future__ import annotations

from pathlib import Path

import discord

from adapters.discord import create
from adapters.discord.client import DiscordAdapter, HearthClient, HearthShardedClient
from bot.app import Hearth
from bot.config import load
from bot.events import Event
from tests.adapters.discord.conftest import adapter_config
from testing.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import run
from tests.fakes import RecordingSender


async def shard_process(app: Hearth, fake: FakeDiscord, tmp_path: Path, shard: int) -> DiscordAdapter:
    config = adapter_config(tmp_path, fake, HEARTH_DISCORD_SHARD_COUNT="2", HEARTH_DISCORD_SHARD_IDS=str(shard))
    adapter = create(config, guild_ready_timeout=0.05)
    await adapter.start(app)
    return adapter


def heard_by(app: Hearth) -> list[str]:
    """Record the communities whose events reach this process."""
    heard: list[str] = []
    handle = app.handle

    async def recording(event: Event):
        heard.append(event.actor.community_id)
        return await handle(event)

    app.handle = recording  # type: ignore[method-assign]
    return heard


async def test_two_processes_split_the_guilds_by_shard(app, fake: FakeDiscord, tmp_path, clock, database_url):
    home_shard = (fake.guild_id >> 22) % 2
    other_guild, other_channel = fake.add_guild(shard=1 - home_shard, count=2)
    second = await Hearth.open(load(env={"HEARTH_DATA_DIR": str(tmp_path / "data"),
                                         "HEARTH_DATABASE_URL": database_url}), clock)
    second.outbox.add_sender(RecordingSender("console"))
    apps = {home_shard: app, 1 - home_shard: second}
    heard = {shard: heard_by(a) for shard, a in apps.items()}
    adapters = [await shard_process(apps[shard], fake, tmp_path, shard) for shard in (0, 1)]
    try:
        assert sorted(i["shard"] for i in fake.identifies) == [[0, 2], [1, 2]]
        for shard, adapter in enumerate(adapters):
            assert isinstance(adapter.client, HearthShardedClient) and adapter.client.shard_count == 2
            assert set(adapter.client.shards) == {shard}
            owned = fake.guild_id if shard == home_shard else other_guild
            assert [g.id for g in adapter.client.guilds] == [owned]

        here = fake.member(fake.next_id(), "Ann")
        there = fake.member(fake.next_id(), "Oli", guild=other_guild)
        answers = [await run(fake, here, "checkin status"), await run(fake, there, "checkin status")]
        assert all("Your check-ins" in a["data"]["content"] and a["data"]["flags"] & 64 for a in answers)
        assert heard[home_shard] == [f"discord:{fake.guild_id}"]
        assert heard[1 - home_shard] == [f"discord:{other_guild}"]
        assert int(fake.callbacks[-1]["message_id"]) in {int(m["id"]) for m in fake.channel_messages(other_channel)}
    finally:
        for adapter in adapters:
            await adapter.stop()
        await second.close()


async def test_one_process_can_run_every_shard(app, fake: FakeDiscord, tmp_path, monkeypatch):
    async def at_once(self, shard_id, *, initial=False):  # Discord asks for 5 s between IDENTIFYs; a fake doesn't
        return None

    monkeypatch.setattr(HearthShardedClient, "before_identify_hook", at_once)
    other_guild, _ = fake.add_guild(shard=1 - (fake.guild_id >> 22) % 2, count=2)
    adapter = create(adapter_config(tmp_path, fake, HEARTH_DISCORD_SHARD_COUNT="2"), guild_ready_timeout=0.05)
    await adapter.start(app)
    try:
        assert sorted(i["shard"] for i in fake.identifies) == [[0, 2], [1, 2]]
        assert set(adapter.client.shards) == {0, 1}
        assert {g.id for g in adapter.client.guilds} == {fake.guild_id, other_guild}
        there = fake.member(fake.next_id(), "Oli", guild=other_guild)
        assert "Your check-ins" in (await run(fake, there, "checkin status"))["data"]["content"]
    finally:
        await adapter.stop()


async def test_unsharded_by_default(discord_bot, fake: FakeDiscord):
    assert type(discord_bot.client) is HearthClient
    assert not isinstance(discord_bot.client, discord.AutoShardedClient)
    assert "shard" not in fake.identifies[0]
