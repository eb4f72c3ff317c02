"""Migrations: applied once in order, recorded, and a newer database refused."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.errors import StoreError
from bot.store.database import SqliteDatabase
from bot.store.migrations import MIGRATIONS_DIR, available, migrate
from bot.store.store import Store
from tests.bot.store.helpers import AT, COMMUNITY


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
        assert [r["action"] for r in await store.communities.audit_log("c")] == ["schedule.create"]
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
        assert await store.outbox.response_post_ref(2, anonymous=True) == "m2"
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
        assert [(r.id, r.channel_id) for r in await store.rounds.list_open()] == [(1, "slack:C1"), (2, "slack:C2")]
        await store.schedules.update(1, clock.now(), channel_id="slack:C9")
        assert (await store.rounds.get(1)).channel_id == "slack:C1"  # the round stays where it was posted
    finally:
        await store.close()


# -- on each database ([sqlite], [postgresql]) ---------------------------------------------


async def test_migrations_apply_once_and_are_recorded_on_each_database(store: Store, clock: ManualClock) -> None:
    rows = await store.db.fetchall("SELECT version, name FROM schema_migrations ORDER BY version")
    assert [(r["version"], r["name"]) for r in rows] == [(m.version, m.name) for m in available()]
    assert all(isinstance(r["version"], int) for r in rows)
    assert await migrate(store.db, clock) == []


async def test_a_newer_schema_is_refused(empty_database_url: str, clock: ManualClock) -> None:
    database_url = empty_database_url
    store = await Store.open(database_url, clock)
    await store.db.execute(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
        9999, "future", "2030-01-01T00:00:00Z",
    )
    await store.close()
    with pytest.raises(StoreError, match="schema version 9999"):
        await Store.open(database_url, clock)


async def test_two_processes_starting_together_migrate_once(empty_database_url: str, clock: ManualClock) -> None:
    database_url = empty_database_url
    results = await asyncio.gather(Store.open(database_url, clock), Store.open(database_url, clock),
                                   return_exceptions=True)
    opened = [r for r in results if isinstance(r, Store)]
    if len(opened) < 2:
        for store in opened:
            await store.close()
        raise next(r for r in results if isinstance(r, BaseException))
    a, b = opened
    try:
        rows = await a.db.fetchall("SELECT version FROM schema_migrations ORDER BY version")
        assert [r["version"] for r in rows] == [m.version for m in available()]
        assert await b.communities.list_all() == []
    finally:
        await a.close()
        await b.close()


async def test_a_migration_failing_half_way_leaves_the_database_usable_and_runs_again(
    fresh_store: Store, clock: ManualClock, tmp_path: Path
) -> None:
    store = fresh_store
    directory = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, directory)
    broken = directory / "9000_half.sql"
    broken.write_text(
        "CREATE TABLE half_done (id INTEGER PRIMARY KEY, note TEXT NOT NULL);\n"
        "INSERT INTO half_done (id, note) VALUES (1, 'first half');\n"
        "INSERT INTO no_such_table (x) VALUES (1);\n"
    )
    with pytest.raises(Exception):
        await migrate(store.db, clock, directory)

    assert await store.db.fetchone("SELECT version FROM schema_migrations WHERE version = 9000") is None
    with pytest.raises(Exception):
        await store.db.fetchall("SELECT * FROM half_done")
    assert (await store.communities.ensure(COMMUNITY, AT)).id == COMMUNITY  # still usable

    broken.write_text(broken.read_text().replace("INSERT INTO no_such_table (x) VALUES (1);\n", ""))
    assert await migrate(store.db, clock, directory) == [9000]
    assert await store.db.fetchall("SELECT id, note FROM half_done") == [{"id": 1, "note": "first half"}]


async def test_a_dialect_override_file_is_applied_on_its_database(
    fresh_store: Store, clock: ManualClock, tmp_path: Path
) -> None:
    store = fresh_store
    directory = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, directory)
    (directory / "9001_made_by.sql").write_text(
        "CREATE TABLE made_by (id INTEGER PRIMARY KEY, db TEXT DEFAULT 'sqlite');"
    )
    (directory / "9001_made_by.postgresql.sql").write_text(
        "CREATE TABLE made_by (id BIGINT PRIMARY KEY, db TEXT DEFAULT 'postgresql');"
    )
    assert await migrate(store.db, clock, directory) == [9001]
    await store.db.execute("INSERT INTO made_by (id) VALUES (?)", 1)
    assert await store.db.fetchone("SELECT db FROM made_by") == {"db": store.db.dialect}


async def migrated_up_to(version: int, url: str, tmp_path, clock):
    """An open database (SQLite or PostgreSQL, by `url`) with the migrations up to `version` applied, as an older
    Hearth left it."""
    from bot.store.postgres import PostgresDatabase, is_postgres_url

    old = tmp_path / f"up-to-{version:04d}"
    old.mkdir()
    for path in MIGRATIONS_DIR.glob("*.sql"):
        if int(path.name[:4]) <= version:
            shutil.copy(path, old / path.name)
    db = await PostgresDatabase.open(url) if is_postgres_url(url) else await SqliteDatabase.open(url[len("sqlite:///"):])
    await migrate(db, clock, old)
    return db


async def test_what_the_discord_adapter_kept_moves_into_the_core_tables(empty_database_url, tmp_path):
    """0012 on both databases: the Discord adapter's closed DMs and stashed button arguments become the core's
    (`closed_dms`, `stashed_args`), and its own tables go; a database it never ran on migrates too."""
    clock = ManualClock()
    url = empty_database_url
    db = await migrated_up_to(11, url, tmp_path, clock)
    for statement in ("CREATE TABLE discord_custom_ids (key TEXT PRIMARY KEY, data TEXT NOT NULL, created_at TEXT NOT "
                      "NULL)",
                      "CREATE TABLE discord_dm_closed (user_id TEXT PRIMARY KEY, noticed INTEGER NOT NULL DEFAULT 0, "
                      "at TEXT NOT NULL)"):
        await db.execute(statement)  # as the adapter made them when it started
    await db.execute("INSERT INTO discord_custom_ids (key, data, created_at) VALUES ('k1', ?, ?)",
                     '{"name":"evenings"}', "2026-01-05T08:00:00+00:00")
    await db.execute("INSERT INTO discord_dm_closed (user_id, noticed, at) VALUES ('discord:1', 1, ?), "
                     "('discord:2', 0, ?)", "2026-01-05T08:00:00+00:00", "2026-01-05T08:00:00+00:00")
    await db.close()
    store = await Store.open(url, clock)
    try:
        assert await store.stash.unstash("k1") == {"name": "evenings"}
        assert await store.outbox.dms_closed("discord:1") and await store.outbox.dms_closed("discord:2")
        assert await store.communities.take_dm_closed_notice("discord:1") is False  # told before the move
        assert await store.communities.take_dm_closed_notice("discord:2") is True
        names = {r["version"] for r in await store.db.fetchall("SELECT version FROM schema_migrations")}
        assert 12 in names
        for gone in ("discord_custom_ids", "discord_dm_closed"):
            with pytest.raises(Exception):
                await store.db.fetchall(f"SELECT * FROM {gone}")
    finally:
        await store.close()


async def test_a_database_the_discord_adapter_never_ran_on_migrates_too(store: Store) -> None:
    assert await store.db.fetchall("SELECT * FROM closed_dms") == []
    assert await store.db.fetchall("SELECT * FROM stashed_args") == []


async def test_notes_kept_before_are_numbered_for_each_member_in_the_order_they_were_kept(empty_database_url, tmp_path):
    """0019 on both databases: existing notes get each member's own numbers, oldest first, and new notes follow
    on from them."""
    clock = ManualClock()
    url = empty_database_url
    db = await migrated_up_to(18, url, tmp_path, clock)
    kept = [("c", "mia", "mia 1"), ("c", "bob", "bob 1"), ("c", "mia", "mia 2"), ("c", "bob", "gone"),
            ("c", "bob", "bob 2"), ("other", "bob", "bob there"), ("c", "bob", "bob 3")]
    for community, user, text in kept:
        await db.execute("INSERT INTO notes (community_id, user_id, prompt_text, text, created_at) "
                         "VALUES (?, ?, '', ?, '2026-01-05T08:00:00Z')", community, user, text)
    await db.execute("DELETE FROM notes WHERE text = 'gone'")  # deleted before: its id is a gap
    await db.close()
    store = await Store.open(url, clock)
    try:
        def numbered(notes):
            return [(n.number, n.text) for n in notes]
        assert numbered(await store.notes.of_member("c", "mia")) == [(1, "mia 1"), (2, "mia 2")]
        assert numbered(await store.notes.of_member("c", "bob")) == [(1, "bob 1"), (2, "bob 2"), (3, "bob 3")]
        assert numbered(await store.notes.of_member("other", "bob")) == [(1, "bob there")]
        assert await store.notes.add("c", "bob", None, "", "bob 4", AT) == 4
        assert await store.notes.add("c", "mia", None, "", "mia 3", AT) == 3
        assert await store.notes.add("c", "ann", None, "", "ann 1", AT) == 1
    finally:
        await store.close()


async def test_schedules_made_before_count_their_fires_from_when_they_were_created(empty_database_url, tmp_path):
    """0022 on both databases: a schedule made before it counts its fires from its creation (`Schedule.counts`),
    so a fire missed while Hearth was down after that is still caught up, and none from before."""
    from datetime import datetime, timezone

    clock = ManualClock()
    url = empty_database_url
    db = await migrated_up_to(21, url, tmp_path, clock)
    await db.execute("INSERT INTO communities (id, created_at) VALUES ('c', '2026-01-01T00:00:00Z')")
    await db.execute("INSERT INTO schedules (community_id, name, channel_id, spec, cron, timezone, open_minutes, "
                     "remind_minutes, created_by, created_at, updated_at) VALUES ('c', 'mornings', 'console:general', "
                     "'daily 09:00', '0 9 * * *', 'UTC', 120, 0, 'mia', '2026-01-05T09:30:00Z', "
                     "'2026-01-06T10:00:00Z')")
    await db.close()
    store = await Store.open(url, clock)
    try:
        (s,) = await store.schedules.list_all("c")
        assert s.counts_from == "2026-01-05T09:30:00Z"
        assert not s.counts(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
        assert s.counts(datetime(2026, 1, 6, 9, 0, tzinfo=timezone.utc))
    finally:
        await store.close()


async def test_anonymous_answers_refused_before_are_no_longer_out(empty_database_url, tmp_path):
    """0029 on both databases: an anonymous answer the earlier code marked not posted (a refused post) but left out,
    with no post, is not out; one that is up, or still only waiting to go, is left alone."""
    clock = ManualClock()
    url = empty_database_url
    db = await migrated_up_to(28, url, tmp_path, clock)
    stamp = "2026-01-05T08:00:00Z"
    await db.execute("INSERT INTO communities (id, created_at) VALUES ('c', ?)", stamp)
    await db.execute("INSERT INTO schedules (id, community_id, name, channel_id, spec, cron, timezone, open_minutes, "
                     "remind_minutes, created_by, created_at, updated_at) VALUES (1, 'c', 'm', 'console:g', "
                     "'daily 09:00', '0 9 * * *', 'UTC', 60, 0, 'x', ?, ?)", stamp, stamp)
    await db.execute("INSERT INTO rounds (id, schedule_id, scheduled_at, opened_at, closes_at, prompt_id, prompt_text) "
                     "VALUES (1, 1, ?, ?, ?, 'p', 'P')", stamp, stamp, stamp)
    for rid, user, unposted, out, ref in ((1, "ann", 1, 1, None), (2, "bob", 0, 1, "m2"), (3, "cy", 0, 1, None),
                                          (4, "di", 1, 1, "m4")):
        await db.execute("INSERT INTO responses (id, round_id, user_id, mood, visibility, anon_ref, anon_out, "
                         "unposted, created_at, updated_at) VALUES (?, 1, ?, 3, 'anonymous', ?, ?, ?, ?, ?)",
                         rid, f"console:{user}", ref, out, unposted, stamp, stamp)
    await db.close()
    store = await Store.open(url, clock)
    try:
        got = await store.db.fetchall("SELECT id, anon_out, unposted FROM responses ORDER BY id")
        assert [(r["id"], r["anon_out"], r["unposted"]) for r in got] == [(1, 0, 1), (2, 1, 0), (3, 1, 0), (4, 1, 1)]
    finally:
        await store.close()


async def test_a_not_allowed_failure_recorded_before_is_flagged_so(empty_database_url, tmp_path):
    """0030 on both databases: a row failed before with `last_error` beginning "not allowed to post there: " (the
    flag's text form then) has `not_allowed` set; others, and pending rows, don't."""
    clock = ManualClock()
    url = empty_database_url
    db = await migrated_up_to(29, url, tmp_path, clock)
    stamp = "2026-01-05T08:00:00Z"
    for key, status, error in (("a", "failed", "not allowed to post there: Discord refused (50013)"),
                               ("b", "failed", "Discord refused (10003): Unknown Channel"),
                               ("c", "pending", "not allowed to post there: x")):
        await db.execute("INSERT INTO outbox (dedupe_key, platform, kind, target, payload, status, last_error, "
                         "next_attempt_at, created_at) VALUES (?, 'console', 'post', '{}', '{}', ?, ?, ?, ?)",
                         key, status, error, stamp, stamp)
    await db.close()
    store = await Store.open(url, clock)
    try:
        got = await store.db.fetchall("SELECT dedupe_key, not_allowed, tell FROM outbox ORDER BY dedupe_key")
        assert [(r["dedupe_key"], r["not_allowed"], r["tell"]) for r in got] == [("a", 1, None), ("b", 0, None),
                                                                                  ("c", 0, None)]
        assert (await store.db.fetchone("SELECT count(*) AS n FROM responses WHERE change_refused <> 0"))["n"] == 0
    finally:
        await store.close()
