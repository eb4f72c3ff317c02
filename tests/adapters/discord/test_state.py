"""Stashed button ids (kept in the core store) are forgotten after 90 days."""

from __future__ import annotations

from datetime import timedelta

from adapters.discord.state import KEEP_CUSTOM_IDS, AdapterState
from tests.adapters.discord.conftest import connect
from testing.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import button, run


async def test_old_stashed_ids_are_purged_and_recent_ones_kept(app, clock):
    state = AdapterState(app.store.stash, app.now)
    old = await state.stash({"name": "old", "text": "x" * 200})
    clock.advance(timedelta(days=60))
    used = await state.stash({"name": "used", "text": "y" * 200})
    refreshed = await state.stash({"name": "old-but-sent-again", "text": "z" * 200})
    clock.advance(timedelta(days=29))
    assert await state.stash({"name": "old-but-sent-again", "text": "z" * 200}) == refreshed  # same args, same key
    clock.advance(timedelta(days=2))  # `old` is 91 days old, `used` 31, `refreshed` 2

    assert await state.purge_custom_ids() == 1
    assert await state.unstash(old) is None
    assert await state.unstash(used) == {"name": "used", "text": "y" * 200}
    assert await state.unstash(refreshed) is not None
    assert await state.purge_custom_ids() == 0
    clock.advance(KEEP_CUSTOM_IDS)
    assert await state.purge_custom_ids() == 2


async def test_the_adapter_purges_when_it_starts(app, fake: FakeDiscord, tmp_path, clock):
    mod = fake.member(fake.next_id(), "Mia", moderator=True)
    first = await connect(app, fake, tmp_path)
    try:
        preview = await run(fake, mod, "mod schedule create", name="evenings", channel=fake.channel_id,
                            when="weekdays 18:00", timezone="America/Argentina/Buenos_Aires", open="90m",
                            remind="15m", theme="listening", depth="light")
        save = button(preview["data"], "Save")
        assert "!" in save  # stashed in the database
    finally:
        await first.stop()

    clock.advance(timedelta(days=91))
    second = await connect(app, fake, tmp_path)
    try:
        late = await fake.wait_callback(await fake.click(mod, preview["message_id"], save))
        assert "expired" in late["data"]["content"]
        assert await app.store.schedules.find(f"discord:{fake.guild_id}", "evenings") is None
    finally:
        await second.stop()
