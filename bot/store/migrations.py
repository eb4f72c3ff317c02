"""Numbered schema migrations, applied in order at start, each in one transaction.

A migration that dies half way rolls back whole, so the next start simply
runs it again. A database newer than this code is refused, not guessed at.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from bot.clock import Clock, utc_iso
from bot.errors import StoreError
from bot.store.database import SqliteDatabase

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def available(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    found = []
    for path in sorted(directory.glob("*.sql")):
        m = re.match(r"(\d+)_(.+)\.sql$", path.name)
        if m:
            found.append(Migration(int(m.group(1)), m.group(2), path.read_text(encoding="utf-8")))
    return sorted(found, key=lambda m: m.version)


async def migrate(db: SqliteDatabase, clock: Clock, directory: Path = MIGRATIONS_DIR) -> list[int]:
    """Bring the schema up to date; returns the versions applied now."""
    await db.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    rows = await db.fetchall("SELECT version FROM schema_migrations")
    done = {r["version"] for r in rows}
    known = available(directory)
    newest_known = max((m.version for m in known), default=0)
    if done and max(done) > newest_known:
        raise StoreError(
            f"The database at {db.path} has schema version {max(done)}, but this Hearth only knows up to "
            f"{newest_known}. It was written by a newer Hearth: upgrade Hearth, or point data_dir elsewhere."
        )
    applied = []
    for mig in known:
        if mig.version in done:
            continue
        async with db.transaction() as tx:
            await tx.executescript(mig.sql)
            await tx.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                mig.version, mig.name, utc_iso(clock.now()),
            )
        log.info("applied migration %04d_%s", mig.version, mig.name)
        applied.append(mig.version)
    return applied
