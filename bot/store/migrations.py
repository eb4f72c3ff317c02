"""Numbered schema migrations, applied in order at start, each in one transaction.

A migration that dies half way rolls back whole, so the next start simply
runs it again. A database newer than this code is refused, not guessed at.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from bot.clock import Clock, utc_iso
from bot.errors import StoreError
from bot.store.database import Database
from bot.store.dialect import migration_lock_sql, translate_ddl

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str
    #: Hand-written SQL for one database ("NNNN_name.<dialect>.sql"), used instead of translating `sql`.
    overrides: dict[str, str] = field(default_factory=dict, compare=False)

    def sql_for(self, dialect: str) -> str:
        """This migration as the given database needs it: its override file, else the translated SQL."""
        if dialect in self.overrides:
            return self.overrides[dialect]
        return translate_ddl(self.sql, dialect)


def available(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    found: dict[int, Migration] = {}
    overrides: dict[int, dict[str, str]] = {}
    for path in sorted(directory.glob("*.sql")):
        m = re.match(r"(\d+)_(.+?)(?:\.(sqlite|postgresql))?\.sql$", path.name)
        if not m:
            continue
        version, sql = int(m.group(1)), path.read_text(encoding="utf-8")
        if m.group(3):
            overrides.setdefault(version, {})[m.group(3)] = sql
        else:
            found[version] = Migration(version, m.group(2), sql)
    for version, by_dialect in overrides.items():
        if version in found:
            found[version].overrides.update(by_dialect)
    return sorted(found.values(), key=lambda m: m.version)


_LEDGER = (
    "CREATE TABLE IF NOT EXISTS schema_migrations "
    "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
)


async def migrate(db: Database, clock: Clock, directory: Path = MIGRATIONS_DIR) -> list[int]:
    """Bring the schema up to date; returns the versions applied now.

    Each step takes the migration lock and re-reads the ledger inside its own
    transaction, so a second process starting at the same moment waits, then
    finds the work done instead of applying it twice.
    """
    lock = migration_lock_sql(db.dialect)
    async with db.transaction() as tx:
        if lock:
            await tx.execute(lock)
        await tx.executescript(translate_ddl(_LEDGER, db.dialect))
        done = {r["version"] for r in await tx.fetchall("SELECT version FROM schema_migrations")}
    known = available(directory)
    newest_known = max((m.version for m in known), default=0)
    if done and max(done) > newest_known:
        where = "database_url" if db.dialect != "sqlite" else "data_dir"
        raise StoreError(
            f"The database at {db.path} has schema version {max(done)}, but this Hearth only knows up to "
            f"{newest_known}. It was written by a newer Hearth: upgrade Hearth, or point {where} elsewhere."
        )
    applied = []
    for mig in known:
        if mig.version in done:
            continue
        async with db.transaction() as tx:
            if lock:
                await tx.execute(lock)
            if await tx.fetchone("SELECT version FROM schema_migrations WHERE version = ?", mig.version):
                continue  # another process applied it while we waited for the lock
            await tx.executescript(mig.sql_for(db.dialect))
            await tx.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                mig.version, mig.name, utc_iso(clock.now()),
            )
        log.info("applied migration %04d_%s", mig.version, mig.name)
        applied.append(mig.version)
    return applied
