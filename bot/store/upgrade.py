"""`hearth migrate --check`: which migrations a start would apply, found without applying any.

It only reads: a SQLite file is opened read-only (and not made if missing),
a PostgreSQL database is asked whether the ledger table exists before it is
read, so the check changes nothing anywhere.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bot.errors import StoreError
from bot.store.database import Database, read_only_uri
from bot.store.migrations import Migration, available
from bot.store.postgres import PostgresDatabase, redacted


def pending_sqlite(path: Path) -> tuple[set[int], list[Migration]]:
    """(versions applied, migrations a start would apply) for the SQLite file at `path`."""
    if not path.is_file():
        return set(), available()
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True, timeout=10)
        try:
            has = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
                               ).fetchone()
            done = {r[0] for r in conn.execute("SELECT version FROM schema_migrations")} if has else set()
        finally:
            conn.close()
    except sqlite3.DatabaseError as err:
        raise StoreError(f"I couldn't read the data file {path} ({err}). Is it a Hearth database?") from None
    return done, still_to_run(done, str(path))


async def pending_postgres(url: str) -> tuple[set[int], list[Migration]]:
    db = await PostgresDatabase.open(url, max_size=1, read_only=True)
    try:
        done = await applied(db)
    finally:
        await db.close()
    return done, still_to_run(done, redacted(url))


async def applied(db: Database) -> set[int]:
    """The versions the ledger of an open database says were applied, read without making the ledger (none yet:
    empty)."""
    if db.dialect == "sqlite":
        sql = "SELECT count(*) AS has FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
    else:
        sql = "SELECT to_regclass('schema_migrations') IS NOT NULL AS has"
    row = await db.fetchone(sql)
    if not (row and row["has"]):
        return set()
    return {int(r["version"]) for r in await db.fetchall("SELECT version FROM schema_migrations")}


def still_to_run(done: set[int], where: str) -> list[Migration]:
    """The migrations not in `done`; a database newer than this Hearth is refused, never guessed at."""
    known = available()
    newest = max((m.version for m in known), default=0)
    if done and max(done) > newest:
        raise StoreError(f"the database at {where} has schema version {max(done)}, but this Hearth only knows up "
                         f"to {newest}. It was written by a newer Hearth: upgrade Hearth before starting it.")
    return [m for m in known if m.version not in done]
