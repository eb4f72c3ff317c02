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
    assert [n.id for n in await store.notes.of_member(COMMUNITY, "u1")] == [note]


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
