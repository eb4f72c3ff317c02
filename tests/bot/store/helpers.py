"""What the store's tests share: a community, a moment, a schedule, a round's fields and a post."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bot.models import Outgoing, Schedule
from bot.store.store import Store

COMMUNITY = "console:contract"
AT = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)


async def make_schedule(store: Store, name: str = "mornings", community: str = COMMUNITY) -> Schedule:
    await store.communities.ensure(community, AT)
    return await store.schedules.create(
        {"community_id": community, "name": name, "channel_id": "console:general", "spec": "weekdays 09:00",
         "cron": "0 9 * * 1-5", "timezone": "UTC", "open_minutes": 120, "remind_minutes": 30,
         "created_by": "console:mod"},
        AT,
    )


def round_fields(at: datetime = AT) -> dict:
    return {"scheduled_at": at, "opened_at": at, "closes_at": at + timedelta(hours=2),
            "remind_at": at + timedelta(hours=1, minutes=30), "prompt_id": "p1", "prompt_text": "How are you?"}


def post(key: str) -> Outgoing:
    return Outgoing(key, "post", {"channel": "console:general", "round_post": True}, {"text": "hi"})


async def outbox_keys(store: Store) -> list[str]:
    return [r["dedupe_key"] for r in await store.db.fetchall("SELECT dedupe_key FROM outbox ORDER BY id")]
