"""The store's promises, checked directly on each database ([sqlite], [postgresql]).

Each repository has its own module here (test_communities, test_prompts,
test_schedules, test_rounds, test_notes, test_outbox, test_stash); this one
holds what the store as a whole promises: it opens what it is told to, and
both databases give the same answers, types and ids.
"""

from __future__ import annotations

from pathlib import Path

from bot.clock import ManualClock
from bot.store.store import Store
from tests.bot.store.helpers import AT, COMMUNITY, make_schedule


async def test_text_orders_and_compares_the_same_on_both(store: Store) -> None:
    for name in ("beta", "Alpha", "_quiet", "Ärger", "alpha2"):
        await make_schedule(store, name)
    assert [s.name for s in await store.schedules.list_all(COMMUNITY)] == ["Alpha", "_quiet", "alpha2", "beta", "Ärger"]
    found = await store.schedules.find(COMMUNITY, "ALPHA")
    assert found is not None and found.name == "Alpha"


async def test_flags_counts_and_ids_come_back_as_python_types(store: Store) -> None:
    schedule = await make_schedule(store)
    assert await store.schedules.join(schedule.id, "console:ann", True, False, AT) is True
    assert await store.schedules.join(schedule.id, "console:ann", False, True, AT) is False
    p = await store.schedules.participant(schedule.id, "console:ann")
    assert p is not None and (p.wants_dm, p.wants_reminder) == (False, True)
    assert await store.communities.add_moderator(COMMUNITY, "console:mod", "console:owner", AT) is True
    assert await store.communities.add_moderator(COMMUNITY, "console:mod", "console:owner", AT) is False
    assert await store.outbox.first_time_event("evt-1", AT) is True
    assert await store.outbox.first_time_event("evt-1", AT) is False
    note = await store.notes.add(COMMUNITY, "console:ann", None, "", "a thought", AT)
    assert isinstance(note, int)
    assert await store.notes.delete(COMMUNITY, "console:ann", note) is True
    row = await store.db.fetchone("SELECT count(*) AS n FROM participants")
    assert row == {"n": 1} and type(row["n"]) is int


async def test_each_test_starts_empty_with_ids_from_one(store: Store) -> None:
    """Earlier tests wrote rows to this same database; none of them may show here."""
    assert await store.communities.list_all() == []
    assert await store.db.fetchone("SELECT count(*) AS n FROM outbox") == {"n": 0}
    assert (await make_schedule(store)).id == 1


async def test_hearth_opens_the_store_its_database_url_names(tmp_path: Path, clock: ManualClock) -> None:
    from bot.app import Hearth
    from bot.config import load
    from bot.store.database import SqliteDatabase

    default = await Hearth.open(load(env={"HEARTH_DATA_DIR": str(tmp_path / "d")}), clock)
    named = await Hearth.open(load(env={"HEARTH_DATABASE_URL": f"sqlite:///{tmp_path / 'x' / 'h.db'}"}), clock)
    try:
        assert isinstance(default.store.db, SqliteDatabase)
        assert default.store.db.path == str(tmp_path / "d" / "hearth.db")
        assert named.store.db.path == str(tmp_path / "x" / "h.db")
    finally:
        await default.close()
        await named.close()


async def test_expiring_counts_what_retention_would_take_down_and_deletes_nothing(store: Store) -> None:
    """What a shorter retention would delete now, asked before a moderator saves it (trial19 §10): answers (kept
    ones of deleted check-ins too) and their posts still up, as `purge_community` then counts them."""
    from datetime import timedelta

    from bot.store.store import Purged
    from tests.bot.store.helpers import round_fields

    schedule, gone = await make_schedule(store), await make_schedule(store, "evenings")
    rnd = await store.rounds.open(schedule, round_fields(), [])
    for user, visibility in (("console:ann", "shared"), ("console:bob", "anonymous"), ("console:cy", "private")):
        await store.rounds.save_response(rnd.id, user, 3, "words", visibility, AT, lambda r, p: [])
    await store.db.execute("UPDATE responses SET post_ref = 'm1' WHERE user_id = 'console:ann'")
    await store.db.execute("UPDATE responses SET anon_ref = 'm2' WHERE user_id = 'console:bob'")
    later = await store.rounds.open(schedule, round_fields(AT + timedelta(days=7)), [])
    await store.rounds.save_response(later.id, "console:ann", 4, "later", "shared", AT + timedelta(days=7),
                                     lambda r, p: [])
    old = await store.rounds.open(gone, round_fields(), [])
    await store.rounds.save_response(old.id, "console:dee", 2, "kept", "private", AT, lambda r, p: [])
    await store.schedules.delete(gone, AT, lambda r: {"body": [], "title": None, "buttons": []})  # kept: hers

    assert await store.expiring(COMMUNITY, AT) == Purged(0, 0)
    assert await store.expiring(COMMUNITY, AT + timedelta(days=1)) == Purged(4, 2)
    assert await store.expiring(COMMUNITY, AT + timedelta(days=8)) == Purged(5, 2)
    assert await store.expiring("console:elsewhere", AT + timedelta(days=8)) == Purged(0, 0)
    assert len(await store.db.fetchall("SELECT id FROM responses")) == 4  # counted, not deleted
    assert await store.purge_community(COMMUNITY, AT + timedelta(days=1), AT + timedelta(days=2)) == Purged(4, 2)


async def test_a_damaged_file_is_named_so_only_for_sqlite(store):
    """`Store.damage` (trial21 A3): SQLite's "malformed" met after opening is the kind sentence naming the file;
    on PostgreSQL, and for any other error, nothing is made of it (the error goes on as it was)."""
    import sqlite3

    from bot.store.database import SqliteDatabase

    malformed = sqlite3.DatabaseError("database disk image is malformed")
    said = store.damage(malformed)
    if isinstance(store.db, SqliteDatabase):
        assert said is not None and "hearth.db" in str(said) and "restore it from a backup" in str(said)
    else:
        assert said is None
    assert store.damage(sqlite3.OperationalError("database is locked")) is None
    assert store.damage(ValueError("malformed")) is None
