"""The Discord adapter's own tables: portable SQL, and stashed button ids forgotten after 90 days."""

from __future__ import annotations

import inspect
import re
from datetime import timedelta

from adapters.discord import state as state_module
from adapters.discord.state import KEEP_CUSTOM_IDS, AdapterState
from tests.adapters.discord.conftest import connect
from testing.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import button, run


def test_the_sql_is_portable_to_postgresql():
    source = inspect.getsource(state_module)
    for sqlite_only in ("AUTOINCREMENT", "INSERT OR", "REPLACE INTO", "PRAGMA", "STRFTIME(", "JULIANDAY("):
        assert sqlite_only not in source.upper()
    assert not re.search(r"\$\d|%s", source)  # `?` placeholders only; the driver translates them


async def test_old_stashed_ids_are_purged_and_recent_ones_kept(app, clock):
    state = AdapterState(app.store.db, app.now)
    await state.ensure()
    await state.ensure()  # idempotent: every start runs it
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
        assert await app.store.find_schedule(f"discord:{fake.guild_id}", "evenings") is None
    finally:
        await second.stop()


async def test_closed_dms_are_noticed_once_across_processes_without_a_write_per_interaction(app):
    here = AdapterState(app.store.db, app.now)
    there = AdapterState(app.store.db, app.now, refresh_seconds=0.0)  # another process, re-reading every time
    await here.ensure()
    assert await here.take_notice("discord:1") is False  # nobody to tell: nothing written
    await here.mark_dm_closed("discord:1")
    await here.mark_dm_closed("discord:2")
    assert await here.take_notice("discord:1") is True  # marked here: known at once
    assert await here.take_notice("discord:1") is False
    assert await there.take_notice("discord:1") is False  # told once, whichever process asks
    assert await there.take_notice("discord:2") is True  # marked elsewhere: seen on its next read
    assert await here.take_notice("discord:2") is False
    await here.clear_dm_closed("discord:1")
    await there.mark_dm_closed("discord:1")
    assert await there.take_notice("discord:1") is True
