"""A thin async SQL seam under the store, one class per database driver.

The store speaks portable SQL with `?` placeholders; a driver runs it. SQLite
(aiosqlite) is the embedded default. Keeping the seam this thin lets a server
database slot in without touching the flows.
"""

from __future__ import annotations

import asyncio
import logging
import re
import sqlite3
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, AsyncContextManager, AsyncIterator, Protocol

import aiosqlite

log = logging.getLogger(__name__)

Row = dict[str, Any]


class Executor(Protocol):
    async def fetchall(self, sql: str, *args: Any) -> list[Row]: ...
    async def fetchone(self, sql: str, *args: Any) -> Row | None: ...
    async def execute(self, sql: str, *args: Any) -> int: ...
    async def executescript(self, sql: str) -> None: ...


class Database(Executor, Protocol):
    """What the store and migrations need from a driver (SQLite or PostgreSQL)."""

    dialect: str
    path: str  # where the data lives, for messages (a file, or a URL without password)

    def transaction(self) -> AsyncContextManager[Executor]: ...
    async def close(self) -> None: ...


class SqliteDatabase:
    """One aiosqlite connection in WAL mode for writes, serialised by a lock; reads inline.

    A single writing connection with a lock keeps each transaction whole while
    many coroutines share it; WAL lets other processes read meanwhile. A plain
    SELECT outside a transaction runs on a second, read-only connection right
    on the event loop: in WAL a reader never waits for a writer, and an
    indexed read takes about 5 µs there against about 80 µs of hand-over to
    aiosqlite's worker thread and back (`python -m bench discord`, bench/README.md).
    """

    dialect = "sqlite"

    def __init__(self, conn: aiosqlite.Connection, path: str, reader: sqlite3.Connection | None = None) -> None:
        self._conn = conn
        self._reader = reader
        self._lock = asyncio.Lock()
        self.path = path

    @classmethod
    async def open(cls, path: str | Path) -> "SqliteDatabase":
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        conn = await aiosqlite.connect(str(path), isolation_level=None)
        conn.row_factory = aiosqlite.Row
        try:
            await conn.execute("PRAGMA busy_timeout=5000")
            # Switching a new file to WAL fails at once, without waiting, while another
            # process is doing the same (two processes starting together): retry.
            await _when_unlocked(conn, "PRAGMA journal_mode=WAL")
            await conn.execute("PRAGMA foreign_keys=ON")
            await conn.execute("PRAGMA synchronous=NORMAL")
        except BaseException:
            await conn.close()  # an open aiosqlite thread would keep the process from exiting
            raise
        return cls(conn, str(path), None if str(path) == ":memory:" else _open_reader(path))

    async def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
        await self._conn.close()

    async def fetchall(self, sql: str, *args: Any) -> list[Row]:
        if self._reader is not None and _READ.match(sql):
            try:
                return [dict(r) for r in self._reader.execute(sql, args).fetchall()]
            except sqlite3.OperationalError as err:
                if "locked" not in str(err) and "busy" not in str(err):
                    raise
                log.debug("inline read busy, reading through the writer instead")
        async with self._lock:
            return await _fetchall(self._conn, sql, args)

    async def fetchone(self, sql: str, *args: Any) -> Row | None:
        rows = await self.fetchall(sql, *args)
        return rows[0] if rows else None

    async def execute(self, sql: str, *args: Any) -> int:
        async with self._lock:
            return await _execute(self._conn, sql, args)

    async def executemany(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        async with self._lock:
            await self._conn.executemany(sql, rows)

    async def executescript(self, sql: str) -> None:
        async with self._lock:
            await self._conn.executescript(sql)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator["SqliteTx"]:
        """All-or-nothing: commits on success, rolls back on any error."""
        async with self._lock:
            await _begin(self._conn)
            try:
                yield SqliteTx(self._conn)
            except BaseException:
                await self._conn.execute("ROLLBACK")
                raise
            await self._conn.execute("COMMIT")


class SqliteTx:
    """The same calls as the database, inside one open transaction."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def fetchall(self, sql: str, *args: Any) -> list[Row]:
        return await _fetchall(self._conn, sql, args)

    async def fetchone(self, sql: str, *args: Any) -> Row | None:
        rows = await _fetchall(self._conn, sql, args)
        return rows[0] if rows else None

    async def execute(self, sql: str, *args: Any) -> int:
        return await _execute(self._conn, sql, args)

    async def executemany(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        """One statement over many rows, in one trip (e.g. a round's thousands of DMs)."""
        await self._conn.executemany(sql, rows)

    async def executescript(self, sql: str) -> None:
        for statement in split_statements(sql):
            await self._conn.execute(statement)


#: A plain read (a write's RETURNING must go to the writer).
_READ = re.compile(r"\s*SELECT\b", re.IGNORECASE)


def _open_reader(path: str | Path) -> sqlite3.Connection:
    """The inline reader: read-only, and quick to give up (then the writer's thread reads instead)."""
    reader = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, isolation_level=None,
                             check_same_thread=False)
    reader.row_factory = sqlite3.Row
    reader.execute("PRAGMA busy_timeout=20")
    return reader


async def _begin(conn: aiosqlite.Connection, attempts: int = 50) -> None:
    """BEGIN IMMEDIATE, waiting politely if another process holds the lock."""
    await _when_unlocked(conn, "BEGIN IMMEDIATE", attempts)


async def _when_unlocked(conn: aiosqlite.Connection, sql: str, attempts: int = 50) -> None:
    """Run a statement, waiting politely while another process holds the lock."""
    for attempt in range(attempts):
        try:
            await conn.execute(sql)
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) and "busy" not in str(err):
                raise
            log.debug("database busy, retrying (%d)", attempt + 1)
            await asyncio.sleep(min(0.05 * (attempt + 1), 0.5))
    await conn.execute(sql)


# Each call below is one trip to aiosqlite's worker thread. A cursor used as
# `async with conn.execute(...)` costs three (execute, fetch, close), and
# every trip is a hand-over between threads: under load that, not SQLite, was
# most of the time a query took (see bench/README.md, "core").


async def _fetchall(conn: aiosqlite.Connection, sql: str, args: tuple[Any, ...]) -> list[Row]:
    rows = await conn.execute_fetchall(sql, args)
    return [dict(r) for r in rows]


async def _execute(conn: aiosqlite.Connection, sql: str, args: tuple[Any, ...]) -> int:
    cur = await conn.execute(sql, args)  # a write runs to completion; rowcount needs no further trip
    return cur.rowcount


def split_statements(sql: str) -> list[str]:
    """Split a migration into statements (our migrations hold no `;` in strings)."""
    lines = [ln for ln in sql.splitlines() if not ln.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
