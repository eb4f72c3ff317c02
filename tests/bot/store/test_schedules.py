"""Schedules and participants (`bot.store.schedules`) on each database."""

from __future__ import annotations

import asyncio

from bot.events import Actor
from tests.bot.store.helpers import AT, COMMUNITY, make_schedule


async def test_racing_joins_agree_on_which_was_first(store):
    schedule = await make_schedule(store)
    joins = await asyncio.gather(*(store.schedules.join(schedule.id, "console:ann", True, i % 2 == 0, AT) for i in range(8)))
    assert sorted(joins) == [False] * 7 + [True]
    assert len(await store.schedules.participants(schedule.id)) == 1


async def test_the_participants_read_says_whose_dms_are_closed(store):
    """Round DMs and reminders are built from this read: whose DMs are closed comes with it, in the same query."""
    schedule = await make_schedule(store)
    for user in ("u1", "u2"):
        await store.communities.upsert_member(Actor(COMMUNITY, user, user.upper()), AT)
        await store.schedules.join(schedule.id, user, True, True, AT)
    await store.communities.mark_dms_closed("u2", AT)
    people = await store.schedules.participants_with_members(schedule.id)
    assert [(p.user_id, m.dms_closed) for p, m in people] == [("u1", False), ("u2", True)]
    assert (await store.communities.get_member(COMMUNITY, "u1")).dms_closed is False
    await store.communities.clear_dms_closed("u2")
    people = await store.schedules.participants_of([schedule.id])
    assert [m.dms_closed for _, m in people[schedule.id]] == [False, False]
