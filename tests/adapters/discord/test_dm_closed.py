"""A member with closed DMs: marked on Discord's 50007, told once, and not DM'd into the wall again."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

from bot.scheduling.runner import RoundScheduler
from testing.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import create_schedule, run


def dm_sends(fake: FakeDiscord, uid: int) -> int:
    channel = fake.dm_channels.get(uid)
    return len(fake.calls_to("POST", f"/channels/{channel}/messages")) if channel else 0


async def test_closed_dms_are_marked_told_once_and_not_retried(discord_bot, fake: FakeDiscord, app, clock):
    mod = fake.member(fake.next_id(), "Mia", moderator=True)
    dee_id = fake.next_id()
    dee = fake.member(dee_id, "Dee")
    await create_schedule(fake, mod)
    await run(fake, dee, "checkin join", schedule="mornings", reminders="yes")
    fake.dm_closed.add(dee_id)

    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    await RoundScheduler(app).run_pending()
    result = await app.outbox.drain_all()
    assert result.dm_closed == [f"discord:{dee_id}"] and result.retried == 0
    assert dm_sends(fake, dee_id) == 1  # one refused attempt
    assert (await app.store.outbox.counts()).get("failed") == 1

    # Nothing retries: not the failed entry, not the reminder, not tomorrow's round.
    clock.advance(timedelta(minutes=95))
    await RoundScheduler(app).sweep()
    await app.outbox.drain_all()
    clock.set(datetime(2026, 1, 6, 9, 0, tzinfo=timezone.utc))
    await RoundScheduler(app).run_pending()
    await app.outbox.drain_all()
    assert dm_sends(fake, dee_id) == 1

    first = await run(fake, dee, "checkin status")
    assert first["data"]["flags"] & 64
    [notice] = await fake.wait_for(lambda: fake.followups(first["interaction_id"]))
    assert "couldn't send you a direct message" in notice.body["content"] and notice.body["flags"] & 64
    again = await run(fake, dee, "checkin status")
    await asyncio.sleep(0.2)
    assert fake.followups(again["interaction_id"]) == []  # told once

    # Joining again (after opening DMs) lifts the mark.
    fake.dm_closed.discard(dee_id)
    await run(fake, dee, "checkin join", schedule="mornings")
    clock.set(datetime(2026, 1, 7, 9, 0, tzinfo=timezone.utc))
    await RoundScheduler(app).run_pending()
    await app.outbox.drain_all()
    assert dm_sends(fake, dee_id) == 2
