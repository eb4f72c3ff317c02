"""A member with closed DMs on Slack (`cannot_dm_bot`): marked in the core, told once, and not DM'd into the wall
again until they join again, as on Discord."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bot.scheduling.runner import RoundScheduler
from tests.adapters.slack.conftest import ANN, DEE, texts
from tests.adapters.slack.test_round import create_schedule_in_modal


def dm_attempts(fake, user: str) -> int:
    channel = "D" + user[1:]
    return len([c for method in ("chat.postMessage", "chat.postMessage!failed") for c in fake.called(method)
                if c.get("channel") == channel])


def said(call: dict) -> str:
    return texts(call.get("blocks") or []) + str(call.get("text") or "")


async def test_closed_dms_are_marked_told_once_and_not_retried(app, clock, fake, side):
    await create_schedule_in_modal(app, fake, side)
    for user in (ANN, DEE):
        await side.command(user, "checkin join mornings reminders=yes")
    await fake.wait_for("response_url", 2)
    fake.dm_closed.add(DEE)

    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    await RoundScheduler(app).run_pending()
    result = await app.outbox.drain_all()
    assert result.dm_closed == [f"slack:{DEE}"] and result.retried == 0
    assert dm_attempts(fake, DEE) == 1 and dm_attempts(fake, ANN) == 1  # one refused attempt; Ann's went
    assert (await app.store.outbox.counts()).get("failed") == 1
    assert await app.store.outbox.dms_closed(f"slack:{DEE}")

    # Nothing retries: not the failed entry, not the reminder, not tomorrow's round.
    clock.advance(timedelta(minutes=95))
    await RoundScheduler(app).sweep()
    await app.outbox.drain_all()
    clock.set(datetime(2026, 1, 6, 9, 0, tzinfo=timezone.utc))
    await RoundScheduler(app).run_pending()
    await app.outbox.drain_all()
    assert dm_attempts(fake, DEE) == 1
    assert dm_attempts(fake, ANN) == 3  # (her reminder and the next round's DM still went)
    assert (await app.store.outbox.counts()).get("failed") == 1  # no reminder or DM was even queued for Dee

    before = len(fake.called("response_url"))
    await side.command(DEE, "checkin status")
    replies = await fake.wait_for("response_url", before + 1)
    assert "couldn't send you a direct message" in said(replies[-1])
    assert "ephemeral" == replies[-1].get("response_type", "ephemeral")
    await side.command(DEE, "checkin status")
    again = await fake.wait_for("response_url", before + 2)
    assert "couldn't send you a direct message" not in said(again[-1])  # told once

    # Joining again (after opening DMs) lifts the mark.
    fake.dm_closed.discard(DEE)
    await side.command(DEE, "checkin join mornings")
    await fake.wait_for("response_url", before + 3)
    clock.set(datetime(2026, 1, 7, 9, 0, tzinfo=timezone.utc))
    await RoundScheduler(app).run_pending()
    await app.outbox.drain_all()
    assert dm_attempts(fake, DEE) == 2
    assert len([c for c in fake.called("chat.postMessage") if c.get("channel") == "D" + DEE[1:]]) == 1
