"""The store: Hearth's database, and one repository per aggregate on it.

Flows reach what Hearth keeps through `store.communities`, `store.prompts`,
`store.schedules`, `store.rounds`, `store.notes`, `store.care`, `store.insights`, `store.dashboard`,
`store.outbox`, `store.stash` and `store.local_state`; each repository owns its tables' queries, its
purge, and its part of a member's export and erasure (`bot.store.member_data`). No SQL runs
outside `bot/store`. The SQL is portable (`?` placeholders, `ON CONFLICT`,
`RETURNING`), so SQLite and PostgreSQL sit under the same repositories.
"""

from __future__ import annotations

import asyncio
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Callable

from bot.clock import Clock
from bot.crypto import Cipher
from bot.errors import StoreError
from bot.store.care import CareRepository
from bot.store.communities import CommunityRepository
from bot.store.dashboard import DashboardRepository
from bot.store.database import Database, Executor, SqliteDatabase, atomic
from bot.store.insights import InsightsRepository
from bot.store.local_state import LocalStateRepository
from bot.store.migrations import migrate
from bot.store.notes import NoteRepository
from bot.store.outbox import OutboxRepository, removal
from bot.store.postgres import PostgresDatabase, is_postgres_url
from bot.store.prompts import PromptRepository
from bot.store.repository import Repository
from bot.store.rounds import Batching, OutgoingFactory, RoundClosed, RoundRepository
from bot.store.schedules import ScheduleGone, ScheduleRepository
from bot.store.stash import StashRepository

__all__ = ["Batching", "MigrationsPending", "OutgoingFactory", "RoundClosed", "ScheduleGone", "Store", "removal"]


#: Answers retention deletes (and posts it queues to come down) per transaction (`Store.purge_community`).
PURGE_SLICE = 500


@dataclass(frozen=True)
class Purged:
    """What retention deleted in a community (or would: `Store.expiring`): answers, and their posts to come
    down."""

    answers: int = 0
    posts: int = 0


def damaged(path: str | Path, err: BaseException) -> StoreError | None:
    """The kind sentence for a SQLite file that isn't a database or is damaged ("file is not a database",
    "database disk image is malformed"), or None for any other error."""
    if not isinstance(err, sqlite3.DatabaseError) or not ("not a database" in str(err) or "malformed" in str(err)):
        return None
    return StoreError(f"The data file {path} is not a SQLite database I can read; it may be damaged. Move it aside "
                      "(Hearth then starts a new one), or restore it from a backup.")


class MigrationsPending(StoreError):
    """A store opened read-only whose schema is behind this Hearth's: `names` would be applied by a start (or
    `hearth migrate`), and only a reader may say which command."""

    def __init__(self, where: str, names: list[str]) -> None:
        super().__init__(f"the database at {where} needs {len(names)} migration(s) first: {', '.join(names)}")
        self.where, self.names = where, names


class Store:
    """Opens the database and holds the repositories on it."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.communities = CommunityRepository(db)
        self.prompts = PromptRepository(db)
        self.schedules = ScheduleRepository(db)
        self.rounds = RoundRepository(db)
        self.notes = NoteRepository(db)
        self.care = CareRepository(db, self.notes)
        self.outbox = OutboxRepository(db, self.communities)
        self.stash = StashRepository(db)
        self.insights = InsightsRepository(db)
        self.dashboard = DashboardRepository(db)
        self.local_state = LocalStateRepository(db)

    @property
    def repositories(self) -> list[Repository]:
        """Every repository, in the order a member's data is erased (answers before the member row; care notes
        before the outbox, whose rows tell where their reminders were posted)."""
        return [self.rounds, self.care, self.outbox, self.schedules, self.notes, self.prompts, self.insights,
                self.dashboard, self.communities, self.stash, self.local_state]

    @property
    def cipher(self) -> Cipher:
        """Seals private words at rest, notes and private answers (set by Hearth from HEARTH_ENCRYPTION_KEY)."""
        return self.notes.cipher

    @cipher.setter
    def cipher(self, cipher: Cipher) -> None:
        self.notes.cipher = self.rounds.cipher = cipher

    async def unsealed(self) -> int:
        """How many private notes and answers are stored in plain text (`bot.store.sealing`): with a key, those
        written before it was set until Hearth has sealed them, or written since by a Hearth without it."""
        from bot.store.sealing import plain_left

        return sum((await plain_left(self.db)).values())

    @classmethod
    async def open(cls, url_or_path: str | Path, clock: Clock, pool_size: int = 10, read_only: bool = False
                   ) -> "Store":
        """Open the store a `database_url` names (`postgresql://…`, `sqlite:///…`) or a SQLite file path;
        `pool_size` caps PostgreSQL's connections. `read_only`, for a tool that only looks (`hearth status`):
        nothing is made, migrated or written, and a schema this Hearth would migrate is `MigrationsPending`."""
        target = str(url_or_path)
        if not is_postgres_url(target):
            if target.startswith("sqlite:///"):
                return await cls.open_sqlite(Path(target[len("sqlite:///"):]).expanduser(), clock, read_only)
            if "://" in target:
                scheme = target.split("://")[0]
                raise StoreError(f"database_url must start with postgresql:// or sqlite:///, not {scheme}://")
            return await cls.open_sqlite(url_or_path, clock, read_only)
        db = await PostgresDatabase.open(target, max_size=pool_size, read_only=read_only)
        return await (cls._up_to_date(db) if read_only else cls._migrated(db, clock))

    @classmethod
    async def open_sqlite(cls, path: str | Path, clock: Clock, read_only: bool = False) -> "Store":
        """A SQLite file that can't be made, opened or written is a StoreError that says so, not a traceback."""
        try:
            if read_only:
                return await cls._up_to_date(await SqliteDatabase.open(path, read_only=True))
            return await cls._migrated(await SqliteDatabase.open(path), clock)
        except sqlite3.DatabaseError as err:
            if (damage := damaged(path, err)) is not None:
                raise damage from None
            raise StoreError(f"I couldn't use the data file {path}: {err}. Check that its folder exists and "
                             "that I may write there.") from None
        except OSError as err:
            raise StoreError(f"I couldn't use the data folder for {path}: {err.strerror} ({err.filename}). "
                             "Choose a folder I can write to.") from None

    def damage(self, err: BaseException) -> StoreError | None:
        """`err` as the kind StoreError of a damaged SQLite file (`damaged`), when it is one; else None. Opening and
        migrating read only the file's first pages: the first read of a damaged page later at start (`prepare_store`
        counting sealed rows) says the same, never "something went wrong that I didn't expect"."""
        return damaged(self.db.path, err) if isinstance(self.db, SqliteDatabase) else None

    @classmethod
    async def _migrated(cls, db: Database, clock: Clock) -> "Store":
        """Migrate, closing the connection if that fails (a leaked aiosqlite thread hangs exit)."""
        try:
            await migrate(db, clock)
        except BaseException:
            await db.close()
            raise
        return cls(db)

    @classmethod
    async def _up_to_date(cls, db: Database) -> "Store":
        """The store on `db` as it is, if its schema is this Hearth's (else `MigrationsPending`, or newer: refused);
        the connection closed if not."""
        from bot.store.upgrade import applied, still_to_run

        try:
            todo = still_to_run(await applied(db), db.path)
            if todo:
                raise MigrationsPending(db.path, [f"{m.version:04d}_{m.name}" for m in todo])
        except BaseException:
            await db.close()
            raise
        return cls(db)

    async def close(self) -> None:
        await self.db.close()

    # -- retention ---------------------------------------------------------------------

    async def purge_community(self, community_id: str, cutoff: datetime, now: datetime,
                              per_slice: int = PURGE_SLICE, spacing: timedelta = timedelta(0),
                              progress: "Callable[[Purged], None] | None" = None) -> Purged:
        """Delete a community's answers (and the reflections given, and the counts of old rounds) from before
        `cutoff`, and take down their posts still in a channel, `per_slice` answers to a transaction.

        A slice's posts are queued to come down in the transaction that deletes its answers, so a stop halfway
        loses nothing and the next run goes on from there. Between slices the database is free for everyone
        else (and the event loop too); each slice's removals are due `spacing` after the last one's, so taking
        down a year of posts doesn't hold up the messages people are waiting for. `progress` hears the running
        totals after each slice."""
        total, since, due = Purged(), "", now

        async def slice_once(tx: Executor) -> tuple[int, int, str, bool]:
            got = await self.rounds.purge(tx, community_id, cutoff, now, per_slice, due, since)
            if not got[3]:
                kept = await self.rounds.purge_kept(tx, community_id, cutoff)  # (answers to deleted check-ins)
                await self.rounds.purge_counts(tx, community_id, cutoff)
                await self.notes.purge(tx, community_id, cutoff)
                return got[0] + kept, got[1], got[2], got[3]
            return got

        while True:
            n, posts, since, more = await atomic(self.db, slice_once)  # (a slice ended by a race runs again, whole)
            last = not more
            total = Purged(total.answers + n, total.posts + posts)
            if last:
                return total
            if progress is not None:
                progress(total)
            if posts:
                due += spacing
            await asyncio.sleep(0)  # (a slice's rows were built on the loop: let everyone else have a turn)

    async def expiring(self, community_id: str, cutoff: datetime) -> Purged:
        """What `purge_community` at `cutoff` would delete now (answers) and take down (their posts still up),
        without deleting anything: asked before a moderator shortens retention."""
        answers, posts = await self.rounds.expiring(community_id, cutoff)
        return Purged(answers, posts)

    async def harden(self) -> None:
        """SQLite: overwrite deleted content with zeros instead of leaving it in free pages."""
        if self.db.dialect == "sqlite":
            await self.db.execute("PRAGMA secure_delete = ON")

    async def compact(self) -> None:
        """SQLite: fold the write-ahead log in, so old page copies don't linger in the -wal file."""
        if self.db.dialect == "sqlite":
            await self.db.fetchall("PRAGMA wal_checkpoint(TRUNCATE)")
