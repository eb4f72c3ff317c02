"""Erasure matches a member's id whole: wildcards and longer ids that start the same are left alone."""

from __future__ import annotations

from bot.events import Actor
from bot.models import Outgoing
from bot.store import member_data

ME = "slack:U_1%"
OTHERS = ("slack:UX1abc", "slack:U_1%x", "slack:U_1%2")


async def test_only_this_members_rows_are_erased(app, clock):
    store = app.store
    await store.communities.ensure("slack:T1", clock.now())
    for user in (ME, *OTHERS):
        await store.notes.add("slack:T1", user, None, "", f"note of {user}", clock.now())
        await store.communities.record_audit("slack:T1", "slack:Umod", "moderators.add", user, clock.now())
    dms = [Outgoing(f"remind:{u}", "dm", {"user": u}, {"body": [], "buttons": []}) for u in (ME, *OTHERS)]
    await store.outbox.enqueue(dms, clock.now())

    gone = await member_data.erase(store, "slack:T1", ME, clock.now())

    assert gone.notes == 1 and gone.outbox == 1
    for user in OTHERS:
        assert [n.text for n in await store.notes.of_member("slack:T1", user)] == [f"note of {user}"]
    keys = [r["dedupe_key"] for r in await store.db.fetchall("SELECT dedupe_key FROM outbox ORDER BY id")]
    assert keys == [f"remind:{u}" for u in OTHERS]
    details = [r["detail"] for r in await store.communities.audit_log("slack:T1", 10)]
    assert sorted(details) == sorted(["deleted-member", *OTHERS])


async def test_erasing_someone_who_never_wrote_anything_is_fine(app, clock):
    gone = await member_data.erase(app.store, "console:test", "console:nobody", clock.now())
    assert (gone.answers, gone.notes, gone.outbox) == (0, 0, 0)


async def test_closed_dms_go_with_the_last_membership(app, clock):
    store = app.store
    for community in ("slack:T1", "slack:T2"):
        await store.communities.upsert_member(Actor(community, ME, "Me"), clock.now())
    await store.communities.mark_dms_closed(ME, clock.now())
    await store.communities.mark_dms_closed(OTHERS[0], clock.now())

    await member_data.erase(store, "slack:T1", ME, clock.now())
    assert await store.communities.dms_closed(ME)          # still a member of T2: the fact still serves them there

    await member_data.erase(store, "slack:T2", ME, clock.now())
    rows = await store.db.fetchall("SELECT user_id FROM closed_dms ORDER BY user_id")
    assert [r["user_id"] for r in rows] == [OTHERS[0]]
    assert not await store.communities.dms_closed(ME)


async def test_a_moderator_listing_that_goes_is_an_audit_entry_that_keeps_nothing_of_them(app, clock):
    """Who moderates is the team's business: a listing erased with its person leaves one entry (no actor, no
    detail: nothing of them), written in the erasure's own transaction; someone not listed leaves none."""
    store = app.store
    await store.communities.ensure("slack:T1", clock.now())
    await store.communities.add_moderator("slack:T1", ME, "slack:Umod", clock.now())
    await store.communities.add_moderator("slack:T1", OTHERS[1], ME, clock.now())  # (one ME added: stays listed)

    gone = await member_data.erase(store, "slack:T1", ME, clock.now())

    assert gone.moderator_listing == 1
    assert await store.communities.moderators("slack:T1") == [OTHERS[1]]
    [entry] = await store.communities.audit_log("slack:T1", 10)
    assert (entry["actor_id"], entry["action"], entry["detail"]) == ("deleted-member", "moderators.erased", "")
    rows = await store.db.fetchall("SELECT * FROM audit_log")
    assert not any(ME in str(value) for row in rows for value in row.values())

    again = await member_data.erase(store, "slack:T1", OTHERS[0], clock.now())  # never listed: no entry
    assert again.moderator_listing == 0
    assert len(await store.communities.audit_log("slack:T1", 10)) == 1
