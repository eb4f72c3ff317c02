"""Reflections, notes and care alerts (`bot.store.notes`) on each database: what retention keeps, and a
member's part of an export and an erasure."""

from __future__ import annotations

from datetime import timedelta

from tests.bot.store.helpers import AT, COMMUNITY


async def test_retention_forgets_old_reflections_and_keeps_every_note(store):
    await store.notes.record_reflection(COMMUNITY, "u1", "p-old", "An old question?", AT)
    await store.notes.record_reflection(COMMUNITY, "u1", "p-new", "A new question?", AT + timedelta(days=40))
    await store.notes.record_reflection("elsewhere", "u1", "p-there", "Elsewhere?", AT)
    note = await store.notes.add(COMMUNITY, "u1", "p-old", "An old question?", "kept, since I chose to", AT)
    async with store.db.transaction() as tx:
        assert await store.notes.purge(tx, COMMUNITY, AT + timedelta(days=30)) == 1
    assert await store.notes.recent_reflections(COMMUNITY, "u1", 5) == ["p-new"]
    assert await store.notes.recent_reflections("elsewhere", "u1", 5) == ["p-there"]
    assert [n.number for n in await store.notes.of_member(COMMUNITY, "u1")] == [note]


async def test_a_members_notes_are_exported_opened_and_erased_with_their_reflections_and_alerts(store):
    await store.communities.ensure(COMMUNITY, AT)
    await store.notes.record_reflection(COMMUNITY, "u1", "p1", "What helped today?", AT)
    await store.notes.add(COMMUNITY, "u1", "p1", "What helped today?", "a walk", AT)
    await store.notes.add(COMMUNITY, "u2", None, "", "not theirs", AT)
    await store.notes.record_safety_alert(COMMUNITY, "u1", AT, [])
    assert await store.notes.member_summary(COMMUNITY, "u1") == {"notes": 1, "reflections": 1}
    exported = await store.notes.member_export(COMMUNITY, "u1")
    assert [n["text"] for n in exported["notes"]] == ["a walk"]
    assert [r["prompt_id"] for r in exported["reflections"]] == ["p1"]
    async with store.db.transaction() as tx:
        assert await store.notes.erase_member(tx, COMMUNITY, "u1", AT) == {"notes": 1, "reflections": 1}
    assert await store.notes.of_member(COMMUNITY, "u1") == []
    assert await store.notes.last_safety_alert(COMMUNITY, "u1") is None
    assert [n.text for n in await store.notes.of_member(COMMUNITY, "u2")] == ["not theirs"]


async def test_each_members_notes_are_numbered_from_one_for_them_and_kept_for_good(store):
    """A number says nothing about anyone else's notes: each member counts their own, and can reach only theirs."""
    assert await store.notes.add(COMMUNITY, "mia", None, "", "mia's first", AT) == 1
    assert await store.notes.add(COMMUNITY, "bob", None, "", "bob's first", AT) == 1
    assert await store.notes.add("elsewhere", "bob", None, "", "bob elsewhere", AT) == 1
    for text in ("bob's second", "bob's third"):
        await store.notes.add(COMMUNITY, "bob", None, "", text, AT)
    assert [(n.number, n.text) for n in await store.notes.of_member(COMMUNITY, "bob")] == [
        (1, "bob's first"), (2, "bob's second"), (3, "bob's third")]
    # Bob's #2 is his: Mia has no #2 to find or delete, and her #1 is out of Bob's reach.
    assert not await store.notes.has(COMMUNITY, "mia", 2) and not await store.notes.delete(COMMUNITY, "mia", 2)
    assert await store.notes.delete(COMMUNITY, "bob", 2)
    assert [n.text for n in await store.notes.of_member(COMMUNITY, "mia")] == ["mia's first"]
    assert [n.text for n in await store.notes.of_member("elsewhere", "bob")] == ["bob elsewhere"]
    # Deleting #2 leaves #3 as #3; deleting the newest never hands its number out again.
    assert [n.number for n in await store.notes.of_member(COMMUNITY, "bob")] == [1, 3]
    assert await store.notes.delete(COMMUNITY, "bob", 3)
    assert await store.notes.add(COMMUNITY, "bob", None, "", "bob's fourth", AT) == 4
    assert not await store.notes.has(COMMUNITY, "bob", 3) and await store.notes.has(COMMUNITY, "bob", 4)
    exported = await store.notes.member_export(COMMUNITY, "bob")
    assert [(n["number"], n["text"]) for n in exported["notes"]] == [(1, "bob's first"), (4, "bob's fourth")]
    assert "id" not in exported["notes"][0]
    # An erasure forgets the count too: what they keep afterwards starts again at #1.
    async with store.db.transaction() as tx:
        await store.notes.erase_member(tx, COMMUNITY, "bob", AT)
    assert await store.notes.add(COMMUNITY, "bob", None, "", "a fresh start", AT) == 1
    assert await store.notes.add(COMMUNITY, "mia", None, "", "mia's second", AT) == 2
