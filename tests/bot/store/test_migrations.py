"""Migrations: applied once in order, recorded, and a newer database refused."""

from __future__ import annotations

import pytest

from bot.clock import ManualClock
from bot.errors import StoreError
from bot.store.database import SqliteDatabase
from bot.store.migrations import available, migrate
from bot.store.store import Store


async def test_migrations_apply_once_and_are_recorded(tmp_path):
    clock = ManualClock()
    store = await Store.open_sqlite(tmp_path / "h.db", clock)
    rows = await store.db.fetchall("SELECT version FROM schema_migrations ORDER BY version")
    assert [r["version"] for r in rows] == [m.version for m in available()]
    assert await migrate(store.db, clock) == []
    mode = await store.db.fetchone("PRAGMA journal_mode")
    fk = await store.db.fetchone("PRAGMA foreign_keys")
    assert list(mode.values()) == ["wal"] and list(fk.values()) == [1]
    await store.close()


async def test_a_newer_database_is_refused_clearly(tmp_path):
    clock = ManualClock()
    store = await Store.open_sqlite(tmp_path / "h.db", clock)
    await store.db.execute("INSERT INTO schema_migrations VALUES (999, 'future', '2030-01-01T00:00:00Z')")
    await store.close()
    with pytest.raises(StoreError, match="newer Hearth"):
        await Store.open_sqlite(tmp_path / "h.db", clock)


async def test_a_migration_that_fails_half_way_leaves_the_database_usable(tmp_path):
    clock = ManualClock()
    db = await SqliteDatabase.open(tmp_path / "h.db")
    bad = tmp_path / "migs"
    bad.mkdir()
    (bad / "0001_ok.sql").write_text("CREATE TABLE a (x INTEGER);")
    (bad / "0002_broken.sql").write_text("CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1);")
    with pytest.raises(Exception):
        await migrate(db, clock, bad)
    tables = {r["name"] for r in await db.fetchall("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "a" in tables and "b" not in tables  # 0002 rolled back whole
    (bad / "0002_broken.sql").write_text("CREATE TABLE b (x INTEGER);")
    assert await migrate(db, clock, bad) == [2]
    await db.close()


async def migrated_from(tmp_path, version: int, rows: list[tuple[str, tuple]]) -> Store:
    """A database made by the migrations up to `version`, holding `rows`, then opened by this Hearth."""
    import shutil

    from bot.store.migrations import MIGRATIONS_DIR

    old = tmp_path / "old-migrations"
    old.mkdir()
    for path in MIGRATIONS_DIR.glob("*.sql"):
        if int(path.name[:4]) <= version:
            shutil.copy(path, old / path.name)
    clock = ManualClock()
    db = await SqliteDatabase.open(tmp_path / "h.db")
    await migrate(db, clock, old)
    for sql, args in rows:
        await db.execute(sql, *args)
    await db.close()
    return await Store.open_sqlite(tmp_path / "h.db", clock)


async def test_erasures_written_to_the_audit_log_before_are_taken_out_of_it(tmp_path):
    add = "INSERT INTO audit_log (community_id, actor_id, action, detail, at) VALUES (?, ?, ?, ?, ?)"
    store = await migrated_from(tmp_path, 7, [
        (add, ("c", "deleted-member", "member.erased", "answers=3 posts=2 notes=1", "2026-01-05T08:00:00Z")),
        (add, ("c", "console:mia", "schedule.create", "mornings", "2026-01-05T08:00:00Z")),
    ])
    try:
        assert [r["action"] for r in await store.audit_log("c")] == ["schedule.create"]
    finally:
        await store.close()


async def test_an_anonymous_posts_id_moves_apart_from_a_named_ones(tmp_path):
    stamp = "2026-01-05T08:00:00Z"
    rows = [
        ("INSERT INTO communities (id, created_at) VALUES ('c', ?)", (stamp,)),
        ("INSERT INTO schedules (id, community_id, name, channel_id, spec, cron, timezone, open_minutes, "
         "remind_minutes, created_by, created_at, updated_at) VALUES (1, 'c', 'm', 'console:g', 'daily 09:00', "
         "'0 9 * * *', 'UTC', 60, 0, 'x', ?, ?)", (stamp, stamp)),
        ("INSERT INTO rounds (id, schedule_id, scheduled_at, opened_at, closes_at, prompt_id, prompt_text) "
         "VALUES (1, 1, ?, ?, ?, 'p', 'P')", (stamp, stamp, stamp)),
        ("INSERT INTO responses (id, round_id, user_id, mood, visibility, post_ref, created_at, updated_at) "
         "VALUES (1, 1, 'console:ann', 3, 'shared', 'm1', ?, ?)", (stamp, stamp)),
        ("INSERT INTO responses (id, round_id, user_id, mood, visibility, post_ref, created_at, updated_at) "
         "VALUES (2, 1, 'console:bob', 3, 'anonymous', 'm2', ?, ?)", (stamp, stamp)),
        ("INSERT INTO responses (id, round_id, user_id, mood, visibility, created_at, updated_at) "
         "VALUES (3, 1, 'console:cy', 3, 'anonymous', ?, ?)", (stamp, stamp)),
        ("INSERT INTO outbox (dedupe_key, platform, kind, target, payload, round_id, response_id, next_attempt_at, "
         "created_at) VALUES ('k', 'console', 'thread', ?, '{}', 1, 3, ?, ?)",
         ('{"channel": "console:g", "round": 1}', stamp, stamp)),
    ]
    store = await migrated_from(tmp_path, 7, rows)
    try:
        got = await store.db.fetchall("SELECT id, post_ref, anon_ref, anon_out FROM responses ORDER BY id")
        assert [(r["post_ref"], r["anon_ref"], r["anon_out"]) for r in got] == [
            ("m1", None, 0), (None, "m2", 1), (None, None, 1)]
        pending = await store.db.fetchone("SELECT target FROM outbox WHERE dedupe_key = 'k'")
        assert '"post": "anonymous"' in pending["target"]
        assert await store.response_post_ref(2, anonymous=True) == "m2"
    finally:
        await store.close()


async def test_rounds_opened_before_remember_their_schedules_channel(empty_database_url, tmp_path):
    """0011 on both databases: a round made before it is taken to be in its schedule's channel; new ones keep
    the channel they were posted in."""
    import shutil

    from bot.store.migrations import MIGRATIONS_DIR
    from bot.store.postgres import PostgresDatabase, is_postgres_url

    old = tmp_path / "up-to-0010"
    old.mkdir()
    for path in MIGRATIONS_DIR.glob("*.sql"):
        if int(path.name[:4]) <= 10:
            shutil.copy(path, old / path.name)
    clock = ManualClock()
    url = empty_database_url
    if is_postgres_url(url):
        db = await PostgresDatabase.open(url)
    else:
        path = url[len("sqlite:///"):]
        (tmp_path / "fresh").mkdir(exist_ok=True)
        db = await SqliteDatabase.open(path)
    await migrate(db, clock, old)
    stamp = "2026-01-05T08:00:00Z"
    await db.execute("INSERT INTO communities (id, created_at) VALUES ('c', ?)", stamp)
    for sid, channel in ((1, "slack:C1"), (2, "slack:C2")):
        await db.execute(
            "INSERT INTO schedules (id, community_id, name, channel_id, spec, cron, timezone, open_minutes, "
            "remind_minutes, created_by, created_at, updated_at) VALUES (?, 'c', ?, ?, 'daily 09:00', '0 9 * * *', "
            "'UTC', 60, 0, 'x', ?, ?)", sid, f"s{sid}", channel, stamp, stamp)
        await db.execute("INSERT INTO rounds (id, schedule_id, scheduled_at, opened_at, closes_at, prompt_id, "
                         "prompt_text) VALUES (?, ?, ?, ?, ?, 'p', 'P')", sid, sid, stamp, stamp, stamp)
    await db.close()
    store = await Store.open(url, clock)
    try:
        assert [(r.id, r.channel_id) for r in await store.open_rounds()] == [(1, "slack:C1"), (2, "slack:C2")]
        await store.update_schedule(1, clock.now(), channel_id="slack:C9")
        assert (await store.get_round(1)).channel_id == "slack:C1"  # the round stays where it was posted
    finally:
        await store.close()
