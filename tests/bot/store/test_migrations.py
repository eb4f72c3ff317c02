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
