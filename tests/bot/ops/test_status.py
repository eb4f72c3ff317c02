"""`hearth status` only reads (never migrates, on SQLite and PostgreSQL); it and `hearth rotate-key` on a SQLite
store that isn't there: said so, and nothing made."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.config import load
from bot.crypto import generate_key
from bot.errors import StoreError
from bot.ops.status import status_report
from bot.store.database import SqliteDatabase
from bot.store.migrations import MIGRATIONS_DIR, available, migrate
from bot.store.postgres import PostgresDatabase, is_postgres_url
from bot.store.store import Store
from bot.store.upgrade import applied
from tests.hearth.test_cli import hearth


def test_operator_tools_on_a_store_that_is_not_there_make_none(tmp_path):
    """Trial 23: `hearth migrate` made a new store at a mistyped data_dir and applied every migration to it
    ("Applied 40 migrations"), and `--check` said a start would; each now says there is none there, and how one is
    made. Trial 22b: both opened (so made) a new, empty store at a mistyped data_dir, or in the folder moved aside for
    a restore (which then refused it as not empty); status said "No Hearth process is running" of it, and
    rotate-key "Re-encrypted 0 ... Now set HEARTH_ENCRYPTION_KEY to the new key", though the real store was still
    under the old key."""
    env = {"HEARTH_DATA_DIR": str(tmp_path / "typo"), "HEARTH_NEW_ENCRYPTION_KEY": generate_key()}
    for tool in (["status"], ["rotate-key"], ["migrate"], ["migrate", "--check"]):
        result = hearth(tmp_path, *tool, env=env)
        assert result.returncode == 2 and "there is no Hearth database at" in result.stderr, result.stderr
        assert str(tmp_path / "typo" / "hearth.db") in result.stderr and "`hearth run`" in result.stderr
        assert "Re-encrypted" not in result.stdout and "No Hearth process" not in result.stdout
        assert "Applied" not in result.stdout and "would apply" not in result.stdout
    assert not (tmp_path / "typo").exists()


async def _behind_by_one(url: str, tmp_path: Path, clock: ManualClock) -> None:
    """The store at `url` with every migration but the newest applied, as an older Hearth left it."""
    newest = available()[-1]
    older = tmp_path / "older-migrations"
    older.mkdir()
    for file in MIGRATIONS_DIR.glob("*.sql"):
        if not file.name.startswith(f"{newest.version:04d}_"):
            shutil.copy(file, older)
    db = await (PostgresDatabase.open(url) if is_postgres_url(url) else SqliteDatabase.open(_path(url)))
    try:
        await migrate(db, clock, older)
    finally:
        await db.close()


async def _versions(url: str, clock: ManualClock) -> set[int]:
    db = await (PostgresDatabase.open(url) if is_postgres_url(url) else SqliteDatabase.open(_path(url)))
    try:
        return await applied(db)
    finally:
        await db.close()


def _path(url: str) -> Path:
    return Path(url[len("sqlite:///"):])


def _config(url: str, tmp_path: Path):
    return load(env={"HEARTH_DATA_DIR": str(tmp_path / "data"), "HEARTH_DATABASE_URL": url})


async def test_status_applies_no_migration_and_says_which_command_does(empty_database_url, tmp_path, clock):
    """Trial 23: `hearth status` opened the store as a start does, so it applied the migrations a newer Hearth
    brought, under Hearth processes still running the older code: a status only reads. It says the store is behind,
    which migrations are pending and that `hearth migrate` applies them, and changes nothing."""
    await _behind_by_one(empty_database_url, tmp_path, clock)
    before = await _versions(empty_database_url, clock)
    newest = available()[-1]
    with pytest.raises(StoreError) as said:
        await status_report(_config(empty_database_url, tmp_path))
    assert "needs 1 migration before" in str(said.value) and f"{newest.version:04d}_{newest.name}" in str(said.value)
    assert "`hearth migrate`" in str(said.value) and "changed nothing" in str(said.value)
    assert await _versions(empty_database_url, clock) == before and newest.version not in before


async def test_status_of_an_up_to_date_store_only_reads(database_url, tmp_path, clock):
    """On a store that is up to date it reports, read-only (PostgreSQL refuses any write in its transactions; the
    SQLite file is opened read-only and left byte for byte as it was)."""
    store = await Store.open(database_url, clock)
    await store.close()
    path = None if is_postgres_url(database_url) else _path(database_url)
    saved = path.read_bytes() if path else None
    report = await status_report(_config(database_url, tmp_path))
    assert "No Hearth process is running on this store." in report and "Open rounds: 0" in report
    if path:
        assert path.read_bytes() == saved


async def test_migrate_check_reads_a_store_behind_without_changing_it(empty_database_url, tmp_path, clock, capsys):
    """`hearth migrate --check`, the other tool that looks at the schema: it names the one migration a start would
    apply and applies none (on PostgreSQL now through read-only transactions too)."""
    import asyncio

    from hearth.upkeep import migrate_main

    await _behind_by_one(empty_database_url, tmp_path, clock)
    before = await _versions(empty_database_url, clock)
    newest = available()[-1]
    assert await asyncio.to_thread(migrate_main, _config(empty_database_url, tmp_path), True) == 1
    assert f"{newest.version:04d}_{newest.name}" in capsys.readouterr().out
    assert await _versions(empty_database_url, clock) == before
