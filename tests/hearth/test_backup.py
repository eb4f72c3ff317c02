"""`hearth backup` while a real Hearth is mid fan-out, `hearth restore` into an empty folder, `hearth migrate`."""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

from bot.app import Hearth
from bot.clock import ManualClock
from bot.config import load
from bot.store.backup import table_counts
from bot.store.migrations import available
from testing.fake_slack import FakeSlack
from tests.faults.test_process_kill import PEOPLE, dms, hearth_toml, open_round, start_hearth, until

ROOT = Path(__file__).resolve().parents[2]


def hearth_tool(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("HEARTH_")}
    return subprocess.run([sys.executable, "-m", "hearth", *args], cwd=ROOT, env=clean | (env or {}),
                          capture_output=True, text=True, timeout=60)


def counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return table_counts(conn)
    finally:
        conn.close()


def statuses(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return dict(conn.execute("SELECT status, count(*) FROM outbox GROUP BY status").fetchall())
    finally:
        conn.close()


async def test_a_backup_made_mid_fan_out_restores_to_a_store_with_the_same_counts(tmp_path):
    config_file = hearth_toml(tmp_path / "hearth.toml", tmp_path / "data")
    log = tmp_path / "hearth.log"
    await open_round(config_file, datetime.now(timezone.utc))
    fake = FakeSlack()
    fake.delays = {"chat.postMessage": 0.02, "conversations.open": 0.02}
    await fake.start()
    proc = start_hearth(config_file, fake, log)
    backup_file = tmp_path / "backups" / "hearth-backup.db"
    backup_file.parent.mkdir()
    try:
        await until(lambda: sum(dms(fake).values()) >= PEOPLE // 4, 60, "a quarter of the DMs", log)
        made = await asyncio.to_thread(hearth_tool, "backup", "--config", str(config_file), str(backup_file))
        assert made.returncode == 0, made.stderr
        assert sum(dms(fake).values()) < PEOPLE, "the fan-out ended before the backup; slow the fake down"
        assert "Backed up" in made.stdout and "Traceback" not in made.stderr
    finally:
        proc.kill()
        proc.wait(5)
        await fake.stop()

    saved = counts(backup_file)
    at_backup = statuses(backup_file)
    assert sum(at_backup.values()) == PEOPLE + 1 and 0 < at_backup.get("sent", 0) < PEOPLE + 1  # one moment, mid-way

    fresh = tmp_path / "restored"
    env = {"HEARTH_DATA_DIR": str(fresh)}
    restored = hearth_tool("restore", str(backup_file), env=env)
    assert restored.returncode == 0, restored.stderr
    assert counts(fresh / "hearth.db") == saved

    app = await Hearth.open(load(env=env), ManualClock())  # Hearth starts on it
    try:
        assert len(await app.store.rounds.list_open()) == 1
        assert (await app.store.outbox.counts()) == at_backup
    finally:
        await app.close()

    again = hearth_tool("restore", str(backup_file), env=env)  # never over what is there
    assert again.returncode == 2 and "not empty" in again.stderr and "Traceback" not in again.stderr
    assert counts(fresh / "hearth.db") == saved


def test_migrate_check_says_what_would_run_and_changes_nothing(tmp_path):
    env = {"HEARTH_DATA_DIR": str(tmp_path / "data")}
    for args in (["--check"], []):  # (no store there: said, and none made; a start makes one)
        first = hearth_tool("migrate", *args, env=env)
        assert first.returncode == 2 and "there is no Hearth database" in first.stderr, first.stderr
        assert not (tmp_path / "data").exists()
    asyncio.run(_made(tmp_path / "data" / "hearth.db"))
    done = hearth_tool("migrate", env=env)
    assert done.returncode == 0 and "up to date" in done.stdout, done.stderr
    (tmp_path / "data" / "hearth.db").unlink()
    asyncio.run(_made_behind_by_one(tmp_path / "data" / "hearth.db", tmp_path))
    behind = hearth_tool("migrate", "--check", env=env)
    newest = available()[-1]
    assert behind.returncode == 1 and "1 migration " in behind.stdout  # just the one, named
    assert f"{newest.version:04d}_{newest.name}" in behind.stdout
    conn = sqlite3.connect(tmp_path / "data" / "hearth.db")
    assert conn.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(available()) - 1  # not run
    conn.close()
    applied = hearth_tool("migrate", env=env)
    assert applied.returncode == 0 and "Applied 1 migration " in applied.stdout, applied.stderr


async def _made_behind_by_one(path: Path, tmp_path: Path) -> None:
    """A store at `path` with every migration but the newest applied, as an older Hearth left it (the newest may add
    a column: its ledger row alone can't be taken back)."""
    from bot.store.database import SqliteDatabase
    from bot.store.migrations import MIGRATIONS_DIR, migrate

    older = tmp_path / "older-migrations"
    older.mkdir()
    newest = available()[-1]
    for file in MIGRATIONS_DIR.glob("*.sql"):
        if not file.name.startswith(f"{newest.version:04d}_"):
            shutil.copy(file, older)
    db = await SqliteDatabase.open(path)
    try:
        await migrate(db, ManualClock(), older)
    finally:
        await db.close()


async def _made(path: Path) -> None:
    """A new store at `path`, as a start makes it."""
    from bot.store.store import Store

    store = await Store.open(path, ManualClock())
    await store.close()


def test_the_counts_said_agree_with_their_numbers():
    """An outside trial: "5 members, 1 rounds, 0 notes"."""
    from hearth.upkeep import _summary

    assert _summary({"members": 5, "rounds": 1, "notes": 0, "outbox": 1}) == \
        "5 members, 1 round, 0 notes, 1 outbox message"
    assert _summary({"other": 3}) == "1 table"
