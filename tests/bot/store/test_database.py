"""The SQLite driver: plain reads run inline on their own connection; writes keep the writer's order."""

from __future__ import annotations

import asyncio
import sqlite3
import time

import pytest

from bot.store.database import SqliteDatabase


async def table(tmp_path) -> SqliteDatabase:
    db = await SqliteDatabase.open(tmp_path / "t.db")
    await db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT)")
    return db


async def test_a_read_sees_every_committed_write_and_nothing_uncommitted(tmp_path):
    db = await table(tmp_path)
    try:
        await db.execute("INSERT INTO t VALUES (1, 'one')")
        assert await db.fetchall("SELECT * FROM t") == [{"id": 1, "a": "one"}]
        assert await db.fetchone("INSERT INTO t VALUES (2, 'two') RETURNING a") == {"a": "two"}  # a write
        holding, release = asyncio.Event(), asyncio.Event()

        async def writer() -> None:
            async with db.transaction() as tx:
                await tx.execute("INSERT INTO t VALUES (3, 'three')")
                holding.set()
                await release.wait()

        task = asyncio.create_task(writer())
        await holding.wait()
        # The writer holds its lock mid-transaction: a read neither waits for it nor sees its work.
        assert [r["id"] for r in await asyncio.wait_for(db.fetchall("SELECT id FROM t ORDER BY id"), 1)] == [1, 2]
        release.set()
        await task
        assert [r["id"] for r in await db.fetchall("  select id FROM t ORDER BY id")] == [1, 2, 3]
    finally:
        await db.close()


async def test_an_inline_read_names_its_columns_as_the_writers_thread_does(tmp_path):
    db = await table(tmp_path)
    try:
        await db.execute("INSERT INTO t VALUES (1, 'one')")
        await db.execute("INSERT INTO t VALUES (2, NULL)")
        sql = "SELECT t.a, u.a, t.id AS n FROM t JOIN t u ON u.id = 3 - t.id ORDER BY t.id"
        inline = await db.fetchall(sql)  # a plain read: the inline connection
        async with db.transaction() as tx:  # the writer's thread
            threaded = await tx.fetchall(sql)
        # A repeated name is the first such column's, as sqlite3.Row has it.
        assert inline == threaded == [{"a": "one", "n": 1}, {"a": None, "n": 2}]
        assert await db.fetchall("SELECT * FROM t WHERE id > 5") == []
    finally:
        await db.close()


async def test_a_read_does_not_wait_for_another_process_writing(tmp_path):
    db = await table(tmp_path)
    other = sqlite3.connect(tmp_path / "t.db", isolation_level=None)
    try:
        # An exclusive lock: without WAL it would shut readers out until the commit (the 5 s busy timeout).
        other.execute("BEGIN EXCLUSIVE")
        other.execute("INSERT INTO t VALUES (9, 'theirs')")
        started = time.perf_counter()
        assert await db.fetchall("SELECT * FROM t") == []
        assert time.perf_counter() - started < 0.5  # not the 5 s busy timeout a write would wait
        other.execute("COMMIT")
        assert await db.fetchall("SELECT a FROM t") == [{"a": "theirs"}]
    finally:
        other.close()
        await db.close()


async def test_an_in_memory_database_reads_through_its_one_connection():
    db = await SqliteDatabase.open(":memory:")
    try:
        await db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)")
        await db.execute("INSERT INTO t VALUES (1)")
        assert await db.fetchall("SELECT id FROM t") == [{"id": 1}]
    finally:
        await db.close()


async def test_a_long_read_gives_way_to_the_thread_and_the_loop_keeps_going(tmp_path):
    db = await table(tmp_path)
    gaps: list[float] = []

    async def ticker() -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(0.001)
            now = time.perf_counter()
            gaps.append(now - last)
            last = now

    ticking = asyncio.create_task(ticker())
    try:
        await asyncio.sleep(0.01)
        started = time.perf_counter()
        [row] = await db.fetchall("SELECT count(*) AS n FROM (WITH RECURSIVE c(x) AS "
                                  "(SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000) SELECT x FROM c)")
        took = time.perf_counter() - started
        await asyncio.sleep(0.01)  # the ticker notes the gap it just lived through
    finally:
        ticking.cancel()
        await db.close()
    assert row == {"n": 2000000}
    assert took > 0.1  # long enough that running it inline would have held the loop throughout
    assert max(gaps) < 0.05, f"the loop stalled for {max(gaps) * 1000:.0f} ms"


async def test_an_insert_that_finds_another_process_writing_waits_its_turn_off_the_loop(tmp_path):
    db = await table(tmp_path)
    other = sqlite3.connect(tmp_path / "t.db", isolation_level=None, check_same_thread=False)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO t VALUES (1, 'theirs')")
        mine = asyncio.ensure_future(db.execute("INSERT INTO t VALUES (2, 'mine')"))
        returned = asyncio.ensure_future(db.fetchone("INSERT INTO t VALUES (3, 'also mine') RETURNING a"))
        await asyncio.sleep(0.2)
        assert not mine.done() and not returned.done()  # waiting on the writer's thread, the loop still free
        other.execute("COMMIT")
        assert await asyncio.wait_for(mine, 5) == 1
        assert await asyncio.wait_for(returned, 5) == {"a": "also mine"}
        assert [r["id"] for r in await db.fetchall("SELECT id FROM t ORDER BY id")] == [1, 2, 3]
    finally:
        other.close()
        await db.close()


class _Ended(Exception):
    """An error as asyncpg raises it, with PostgreSQL's code."""

    def __init__(self, sqlstate: str) -> None:
        super().__init__(sqlstate)
        self.sqlstate = sqlstate


async def test_a_transaction_ended_for_a_race_runs_again_and_other_errors_stand():
    from bot.store.database import RACE_TRIES, retried

    runs: list[int] = []

    async def deadlocked_twice() -> str:
        runs.append(1)
        if len(runs) < 3:
            raise _Ended("40P01" if len(runs) == 1 else "40001")
        return "done"

    assert await retried(deadlocked_twice) == "done" and len(runs) == 3

    async def broken() -> None:
        runs.append(1)
        raise _Ended("23505")  # a unique key: a real answer, not a race

    runs.clear()
    with pytest.raises(_Ended, match="23505"):
        await retried(broken)
    assert len(runs) == 1

    async def always() -> None:
        runs.append(1)
        raise _Ended("40P01")

    runs.clear()
    with pytest.raises(_Ended):
        await retried(always)
    assert len(runs) == RACE_TRIES  # it gives up in the end, rather than loop


def test_the_quick_connection_waits_for_the_lock_while_it_sets_itself_up(tmp_path) -> None:
    """Two processes making one new file: while the other held the lock (switching the file to WAL), the quick
    connection's "PRAGMA synchronous" met "database is locked" at once, and a start failed (1 in ~100, CI)."""
    import threading

    from bot.store.database import QuickConnection

    path = tmp_path / "hearth.db"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    release = threading.Timer(0.3, lambda: holder.execute("ROLLBACK"))
    release.start()
    try:
        quick = QuickConnection.open(path)
        assert quick.rows("PRAGMA busy_timeout", (), on_budget=False)[0]["timeout"] == 0  # (then it gives way at once)
        quick.close()
    finally:
        release.join()
        holder.close()
