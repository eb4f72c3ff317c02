"""Faults that must lose nothing: a busy database, two processes racing to open a round."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from datetime import datetime, timezone

from bot.app import Hearth
from bot.scheduling.runner import RoundScheduler
from tests.bot.scheduling.test_runner import make_schedule
from tests.conftest import actor, run, text


async def test_a_busy_database_is_waited_out_and_the_member_sees_no_error(app, clock):
    await make_schedule(app)
    release = threading.Event()
    held = threading.Event()

    def other_sqlite_writer() -> None:
        conn = sqlite3.connect(app.config.sqlite_path, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO audit_log (community_id, actor_id, action, detail, at) VALUES ('x','y','z','',"
                     "'2026-01-01T00:00:00Z')")
        held.set()
        release.wait(5)
        time.sleep(1.5)
        conn.execute("COMMIT")
        conn.close()

    async def other_postgres_writer() -> None:
        async with app.store.db._pool.acquire() as conn, conn.transaction():
            await conn.execute("LOCK TABLE participants IN EXCLUSIVE MODE")
            held.set()
            await asyncio.sleep(1.5)

    if app.store.db.dialect == "postgresql":
        holder = asyncio.create_task(other_postgres_writer())
        while not held.is_set():
            await asyncio.sleep(0.01)
    else:
        thread = threading.Thread(target=other_sqlite_writer)
        thread.start()
        held.wait(5)
        release.set()
    started = time.monotonic()
    replies = await run(app, actor("ann"), "checkin join", schedule="mornings")
    waited = time.monotonic() - started
    if app.store.db.dialect == "postgresql":
        await holder
    else:
        thread.join()
    assert "joined" in text(replies)
    assert waited > 1.0  # it really waited for the other writer
    assert await app.store.schedules.participant((await app.store.schedules.find("console:test", "mornings")).id,
                                       "console:ann") is not None


async def test_two_processes_starting_together_open_the_round_once(app, clock):
    schedule = await make_schedule(app)
    second = await Hearth.open(app.config, clock)  # another process on the same database file
    try:
        clock.set(datetime(2026, 1, 5, 9, 10, tzinfo=timezone.utc))
        opened = await asyncio.gather(RoundScheduler(app).catch_up(), RoundScheduler(second).catch_up())
        assert sorted(opened) == [0, 1]
        rows = await app.store.db.fetchall("SELECT id FROM rounds WHERE schedule_id = ?", schedule.id)
        posts = await app.store.db.fetchall("SELECT id FROM outbox WHERE kind = 'post'")
        assert len(rows) == 1 and len(posts) == 1
    finally:
        await second.close()
