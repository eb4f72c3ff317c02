"""A thin async SQL seam under the store, one class per database driver.

The store speaks portable SQL with `?` placeholders; a driver runs it. SQLite
(aiosqlite) is the embedded default. Keeping the seam this thin lets a server
database slot in without touching the flows.
"""

from __future__ import annotations

import asyncio
import logging
import random
import re
import sqlite3
import time
from contextlib import asynccontextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, AsyncContextManager, AsyncIterator, Awaitable, Callable, Protocol, TypeVar

import aiosqlite

from bot.slices import built_in_slices


def read_only_uri(path: "str | Path") -> str:
    """The SQLite URI that opens the file at `path` read-only, whatever its name holds: "file:{path}?mode=ro"
    read a "#" or "?" in a name as the URI's own (`hearth backup` of a data folder named "club#2" opened "club",
    creating it, read-write), and "%" as an escape."""
    return Path(path).resolve().as_uri() + "?mode=ro"


log = logging.getLogger(__name__)

Row = dict[str, Any]
T = TypeVar("T")

#: PostgreSQL's "deadlock detected" and "could not serialize": the transaction was ended, nothing of it kept.
RACED = ("40P01", "40001")
#: How many times a transaction PostgreSQL ended for a race is run in all before its error stands.
RACE_TRIES = 6


def raced(err: BaseException) -> bool:
    """Whether PostgreSQL ended the transaction to break a deadlock or a serialization conflict (it was rolled
    back whole, so running it again from the start is safe)."""
    return getattr(err, "sqlstate", None) in RACED


async def retried(work: Callable[[], Awaitable[T]], tries: int = RACE_TRIES) -> T:
    """Run `work` (one whole transaction, opened inside it) again when PostgreSQL ends it for a race.

    Transactions that write several of the same tables (an erasure, a retention slice, a round closing, an
    anonymous batch) take their row locks in the order their statements reach the rows, and those orders can't
    all agree: an erasure deletes an answer and then its waiting post (responses, then held_posts by cascade),
    a batch takes the waiting posts and then marks their answers (held_posts, then responses). PostgreSQL
    finds the cycle, ends one of them, and the other goes on. The one ended ran nothing, so it runs again after a
    short random pause, and the person who asked sees it done, never a deadlock. SQLite runs one transaction at
    a time and never gets here."""
    for attempt in range(1, tries + 1):
        try:
            return await work()
        except Exception as err:
            if not raced(err) or attempt == tries:
                raise
            log.info("store: a transaction met another (%s); running it again (%d)", getattr(err, "sqlstate", ""),
                     attempt)
        await asyncio.sleep(random.uniform(0, 0.005 * 2 ** attempt))  # (apart, so the two don't meet again)
    raise AssertionError("unreachable")  # pragma: no cover


async def atomic(db: "Database", work: Callable[["Executor"], Awaitable[T]], tries: int = RACE_TRIES) -> T:
    """Run `work` as one whole transaction of `db`, run again from the start when PostgreSQL ends it for a race.

    The store's one way to write several rows together: every transaction that can meet another (a round
    opening while an erasure runs, two care notes at once, a batch and a retention slice) goes through here,
    so none of them ever hands a person a deadlock. `work` must not keep anything from a run that was ended
    (build its results inside, return them). `tries=1` is for a caller that answers a race itself."""
    async def once() -> T:
        async with db.transaction() as tx:
            return await work(tx)
    return await retried(once, tries)


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
    """SQLite in WAL mode: one aiosqlite connection for transactions, and quick statements inline.

    The aiosqlite connection, serialised by a lock, keeps each transaction
    whole while many coroutines share it; WAL lets other processes read
    meanwhile. But its hand-over to a worker thread and back costs about
    80 µs a statement (far more on a busy loop) against about 5 µs for an
    indexed statement itself. So a plain SELECT, and a single-row INSERT while
    no transaction of this process is open, run right on the event loop on a
    second connection that never waits: in WAL a reader never waits for a
    writer, a read that runs past a few milliseconds stops and takes the
    thread's way, and a write that finds another process writing gives up at
    once and takes the thread's way too (which waits its turn).
    Bulk changes (UPDATE, DELETE, INSERT … SELECT) always take the thread, so
    a big one never stalls the loop.
    """

    dialect = "sqlite"

    def __init__(self, conn: aiosqlite.Connection, path: str, quick: "QuickConnection | None" = None) -> None:
        self._conn = conn
        self._quick = quick
        self._lock = asyncio.Lock()
        self.path = path

    @classmethod
    async def open(cls, path: str | Path, read_only: bool = False) -> "SqliteDatabase":
        """`read_only`: the file as it is, opened read-only (nothing made, no setting written), for a tool that only
        looks; every statement then runs on the one connection's thread."""
        if read_only:
            conn = await aiosqlite.connect(read_only_uri(path), uri=True, isolation_level=None)
            conn.row_factory = aiosqlite.Row
            return cls(conn, str(path))
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
            quick = None if str(path) == ":memory:" else QuickConnection.open(path)
        except BaseException:
            await conn.close()  # an open aiosqlite thread would keep the process from exiting
            raise
        return cls(conn, str(path), quick)

    async def close(self) -> None:
        if self._quick is not None:
            self._quick.close()
        await self._conn.close()

    def _can_write_inline(self, sql: str) -> bool:
        return self._quick is not None and not self._lock.locked() and _inline_kind(sql) == _QUICK_WRITE_KIND

    def _inline_rows(self, sql: str, args: tuple[Any, ...]) -> list[Row] | None:
        """The rows, run right here on the inline connection; None if the writer's thread must run it."""
        if self._quick is None:
            return None
        kind = _inline_kind(sql)
        if kind == _THREAD_KIND or (kind == _QUICK_WRITE_KIND and self._lock.locked()):
            return None
        try:
            return self._quick.rows(sql, args, on_budget=kind == _READ_KIND)
        except sqlite3.OperationalError as err:
            _unless_retryable(err)
            return None

    async def _thread_rows(self, sql: str, args: tuple[Any, ...]) -> list[Row]:
        async with self._lock:
            return await _fetchall(self._conn, sql, args)

    async def fetchall(self, sql: str, *args: Any) -> list[Row]:
        rows = self._inline_rows(sql, args)
        return rows if rows is not None else await self._thread_rows(sql, args)

    async def fetchone(self, sql: str, *args: Any) -> Row | None:
        rows = self._inline_rows(sql, args)  # (not via fetchall: one coroutine less on the hot path)
        if rows is None:
            rows = await self._thread_rows(sql, args)
        return rows[0] if rows else None

    async def execute(self, sql: str, *args: Any) -> int:
        if self._can_write_inline(sql):
            try:
                return self._quick.write(sql, args)  # type: ignore[union-attr]
            except sqlite3.OperationalError as err:
                _unless_retryable(err)
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


#: A plain read (a write's RETURNING is not one).
_READ = re.compile(r"\s*SELECT\b", re.IGNORECASE)
#: One row in, quickly: an INSERT that doesn't copy rows from a SELECT.
_QUICK_WRITE = re.compile(r"\s*INSERT\b(?![\s\S]*\bSELECT\b)", re.IGNORECASE)
_READ_KIND, _QUICK_WRITE_KIND, _THREAD_KIND = 0, 1, 2


@lru_cache(maxsize=1024)
def _inline_kind(sql: str) -> int:
    """Where a statement may run, decided once per statement text (a few hundred, each used again and again)."""
    if _READ.match(sql):
        return _READ_KIND
    return _QUICK_WRITE_KIND if _QUICK_WRITE.match(sql) else _THREAD_KIND


#: A read may hold the event loop this long; past it, it stops and the writer's thread runs it instead.
INLINE_READ_BUDGET_SECONDS = 0.005
#: Rows turned into dicts between yields to the loop, for a big result from the writer's thread.
ROWS_SLICE = 1000


class QuickConnection:
    """The inline connection: the writer's settings, but it never waits for a lock, and reads run on a budget.

    SQLite calls the progress handler every couple of thousand steps; a read
    over budget (a big export, a 5,000-member round) is interrupted and run
    again on the writer's thread, so it can't stall the loop. Writes are
    single-row and never interrupted: an interrupted write could not be
    retried safely.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._deadline = float("inf")
        conn.set_progress_handler(self._over_budget, 2000)

    @classmethod
    def open(cls, path: str | Path) -> "QuickConnection":
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        try:
            # Its settings wait for the lock as the writer does: a second process making the same new file switches
            # it to WAL meanwhile, and "PRAGMA synchronous" then met "database is locked" (1 start in ~100). Only
            # its statements afterwards give way at once (`_unless_retryable`).
            conn.execute("PRAGMA busy_timeout=5000")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA secure_delete=ON")  # as `member_data.harden` sets on the writer: no old text in free pages
            conn.execute("PRAGMA busy_timeout=0")
        except BaseException:
            conn.close()
            raise
        return cls(conn)

    def _over_budget(self) -> int:
        return 1 if time.perf_counter() > self._deadline else 0

    def rows(self, sql: str, args: tuple[Any, ...], on_budget: bool) -> list[Row]:
        if on_budget:
            self._deadline = time.perf_counter() + INLINE_READ_BUDGET_SECONDS
        try:
            cursor = self.conn.execute(sql, args)
            rows = cursor.fetchall()
            if not rows:
                return []
            return _as_dicts([d[0] for d in cursor.description], rows)
        finally:
            self._deadline = float("inf")

    def write(self, sql: str, args: tuple[Any, ...]) -> int:
        return self.conn.execute(sql, args).rowcount

    def close(self) -> None:
        self.conn.close()


def _unless_retryable(err: sqlite3.OperationalError) -> None:
    """Another process holds the lock, or a read ran over budget: the writer's thread runs it instead."""
    if "locked" not in str(err) and "busy" not in str(err) and "interrupted" not in str(err):
        raise err
    log.debug("inline statement gave way (%s); running it on the writer's thread", err)


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


def _as_dicts(names: list[str], rows: list[tuple[Any, ...]]) -> list[Row]:
    """Rows as dicts, the first of two same-named columns winning, as with `sqlite3.Row`; from plain tuples
    that is half the cost of `dict(sqlite3.Row)`, paid on every inline read."""
    out = [dict(zip(names, r)) for r in rows]
    if out and len(out[0]) < len(names):  # a name repeated
        first = {n: names.index(n) for n in names}
        out = [{n: r[i] for n, i in first.items()} for r in rows]
    return out


async def _fetchall(conn: aiosqlite.Connection, sql: str, args: tuple[Any, ...]) -> list[Row]:
    rows = await conn.execute_fetchall(sql, args)
    if len(rows) <= ROWS_SLICE:
        return [dict(r) for r in rows]
    return await built_in_slices(rows, dict, ROWS_SLICE)  # a round's 5,000 participants: 40 ms in one go


async def _execute(conn: aiosqlite.Connection, sql: str, args: tuple[Any, ...]) -> int:
    cur = await conn.execute(sql, args)  # a write runs to completion; rowcount needs no further trip
    return cur.rowcount


def split_statements(sql: str) -> list[str]:
    """Split a migration into statements (our migrations hold no `;` in strings)."""
    lines = [ln for ln in sql.splitlines() if not ln.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
