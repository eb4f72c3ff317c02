"""The PostgreSQL backup in docs/hosting.md: a `pg_dump` of a live Hearth database restores with `pg_restore`
into an empty database that Hearth then starts on, with every row there."""

from __future__ import annotations

import secrets
import shutil
import subprocess
from datetime import datetime, timezone

import pytest

from adapters.console.adapter import ConsoleChannels
from bot.app import Hearth
from bot.clock import ManualClock
from bot.config import load
from bot.scheduling.runner import RoundScheduler
from hearth.upkeep import PG_DUMP, PG_RESTORE
from tests.bot.flows.test_checkin_round import create_schedule
from tests.conftest import actor, run
from testing.postgres import server_url, with_database
from tests.postgres import _admin, _create_database, _unavailable

pytestmark = pytest.mark.skipif(not (shutil.which("pg_dump") and shutil.which("pg_restore")),
                                reason="pg_dump and pg_restore are not installed here")

COUNT_TABLES = ("communities", "members", "schedules", "participants", "rounds", "notes", "outbox",
                "schema_migrations", "audit_log")


async def counts(url: str) -> dict[str, int]:
    import asyncpg

    conn = await asyncpg.connect(url)
    try:
        return {t: await conn.fetchval(f"SELECT count(*) FROM {t}") for t in COUNT_TABLES}
    finally:
        await conn.close()


def shell_line(line: str, url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Run the line exactly as the docs give it, with HEARTH_DATABASE_URL set."""
    done = subprocess.run(line, shell=True, cwd=tmp_path, env={"HEARTH_DATABASE_URL": url, "PATH": "/usr/bin:/bin"},
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


async def test_a_pg_dump_restores_into_a_database_hearth_starts_on(tmp_path):
    server = server_url()
    names = [f"hearth_dump_{secrets.token_hex(4)}" for _ in range(2)]
    try:
        for name in names:
            await _create_database(server, name)
    except Exception as err:
        _unavailable(f"no PostgreSQL at {server} ({type(err).__name__}: {err})")
    source, target = (with_database(server, n) for n in names)
    try:
        clock = ManualClock(datetime(2026, 1, 5, 8, 0, tzinfo=timezone.utc))
        env = {"HEARTH_DATA_DIR": str(tmp_path / "data"), "HEARTH_DATABASE_URL": source,
               "HEARTH_ENCRYPTION_KEY": "aXkxbepwQC8lH-01cjp4cJkDfMlcZTVhzi5LJYQUbSw="}
        app = await Hearth.open(load(env=env), clock)
        app.add_channel_directory(ConsoleChannels())  # (as the terminal registers it)
        mia, ann = actor("mia", moderator=True), actor("ann")
        await create_schedule(app, mia)
        await run(app, ann, "checkin join", schedule="mornings", reminders="yes")
        await run(app, ann, "note", text="kept safe across the move")
        clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
        assert (await RoundScheduler(app).run_pending())["opened"] == 1
        before = await counts(source)
        shell_line(PG_DUMP, source, tmp_path)  # while this Hearth still has the database open
        await app.close()

        shell_line(PG_RESTORE, target, tmp_path)
        assert await counts(target) == before
        restored = await Hearth.open(load(env=env | {"HEARTH_DATABASE_URL": target}), clock)
        restored.add_channel_directory(ConsoleChannels())  # (as the terminal registers it)
        try:
            notes = await run(restored, ann, "notes list")
            assert "kept safe across the move" in "\n".join(r.plain() for r in notes)  # and still readable
            assert len(await restored.store.rounds.list_open()) == 1
        finally:
            await restored.close()
    finally:
        for name in names:
            await _admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
