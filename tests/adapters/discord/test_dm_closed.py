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


async def test_words_that_could_reach_only_a_closed_dm_are_not_lost_without_a_word(discord_bot, fake: FakeDiscord,
                                                                                     app, clock):
    """An answer Discord wouldn't take (its token gone) sends the person's words to their DM; with their DMs closed
    (50007) that fails for good, is marked, and their next interaction tells them, where only they see it."""
    from tests.adapters.discord.test_forms import ann_opens_the_answer_form

    ann, modal = await ann_opens_the_answer_form(fake, app, clock)
    uid = int(ann["user"]["id"])
    fake.dm_closed.add(uid)
    fake.refuse("/callback", 10062, "Unknown interaction", status=404)
    await fake.submit(ann, modal["data"]["custom_id"],
                      {"mood": "4", "words": "A long walk, then soup", "visibility": "public"},
                      selects=("mood", "visibility"))  # refused: its words are to be given back

    async def refused() -> bool:
        await app.outbox.drain_all()
        return await app.store.outbox.dms_closed(f"discord:{uid}")

    for _ in range(100):
        if await refused():
            break
        await asyncio.sleep(0.05)
    assert await refused()
    [call] = [c for c in fake.calls_to("POST", f"/channels/{fake.dm_channels[uid]}/messages") if c.status == 403]
    assert "A long walk, then soup" in call.body["content"]  # (tried once, refused with 50007)

    first = await run(fake, ann, "checkin status")
    [notice] = await fake.wait_for(lambda: fake.followups(first["interaction_id"]))
    assert "couldn't send you a direct message" in notice.body["content"] and notice.body["flags"] & 64
