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


async def test_a_deletion_takes_each_message_down_once_and_counts_it_once(store):
    """Two rows that know the same message (a named post kept for the batch that replaces it, a post an erased
    member left to come down) are one post: one removal queued, and one counted in what the moderator is told."""
    from tests.bot.store.helpers import round_fields

    schedule = await make_schedule(store)
    rnd = await store.rounds.open(schedule, round_fields(), [])
    for who in ("ann", "bob", "cy"):
        await store.rounds.save_response(rnd.id, f"console:{who}", 3, "words", "shared", AT, lambda r, p: [])
    await store.db.execute("UPDATE responses SET post_ref = 'm1' WHERE user_id IN ('console:ann', 'console:bob')")
    await store.db.execute("UPDATE responses SET post_ref = 'm2' WHERE user_id = 'console:cy'")
    gone = await store.schedules.delete(schedule, AT, lambda r: {"body": [], "title": None, "buttons": []})
    removals = await store.db.fetchall("SELECT target FROM outbox WHERE kind = 'delete'")
    assert gone.posts == 2 and len(removals) == 2


async def test_a_deleted_check_in_leaves_its_members_their_own_answers(store):
    """A moderator deleting a check-in takes its rounds and their posts, never members' own words: each answer is
    kept for its author, tied to no round (private words still sealed), in their history, export and counts, until
    retention or their own `me delete` takes it, as any answer."""
    from datetime import timedelta

    from bot.crypto import FernetCipher, generate_key
    from bot.store import member_data
    from tests.bot.store.helpers import round_fields

    store.cipher = FernetCipher([generate_key()])
    schedule = await make_schedule(store)
    rnd = await store.rounds.open(schedule, round_fields(), [])
    await store.rounds.save_response(rnd.id, "console:bob", 2, "my own words", "private", AT, lambda r, p: [])
    await store.rounds.save_response(rnd.id, "console:ann", 4, "out loud", "shared", AT, lambda r, p: [])

    gone = await store.schedules.delete(schedule, AT, lambda r: {"body": [], "title": None, "buttons": []})
    assert (gone.answers, gone.kept) == (2, 2)
    assert await store.db.fetchall("SELECT * FROM responses") == [] and await store.schedules.find(COMMUNITY,
                                                                                                     "mornings") is None
    (sealed,) = await store.db.fetchall("SELECT text FROM kept_answers WHERE user_id = 'console:bob'")
    assert sealed["text"].startswith("enc1:") and "my own words" not in sealed["text"]

    (resp, rnd_seen, name), = await store.rounds.history(COMMUNITY, "console:bob", AT - timedelta(days=1))
    assert (resp.text, resp.mood, resp.visibility, resp.kept, name) == ("my own words", 2, "private", True, "mornings")
    assert rnd_seen.prompt_text == "How are you?" and rnd_seen.scheduled_at == AT
    exported = await member_data.export(store, COMMUNITY, "console:bob", AT)
    assert [(a["checkin"], a["words"], a["visibility"]) for a in exported["answers"]] == \
        [("mornings", "my own words", "private")]
    assert (await member_data.summary(store, COMMUNITY, "console:bob")).answers["private"] == 1
    assert (await member_data.summary(store, COMMUNITY, "console:ann")).answers["shared"] == 1

    erased = await member_data.erase(store, COMMUNITY, "console:bob", AT)
    assert erased.answers == 1 and await store.rounds.history(COMMUNITY, "console:bob", AT - timedelta(days=1)) == []

    purged = await store.purge_community(COMMUNITY, AT + timedelta(seconds=1), AT + timedelta(days=400))
    assert purged.answers == 1 and await store.db.fetchall("SELECT * FROM kept_answers") == []
