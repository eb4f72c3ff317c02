"""Helpers for the PostgreSQL rows: a throwaway database per run, seeding, processes.

Every run gets databases of its own on the server at `HEARTH_BENCH_PG`
(default postgresql://postgres@127.0.0.1:5432/postgres): one seeded once
(`hearth_bench_<hex>_seed`) and a copy of it per measured run (`CREATE
DATABASE … TEMPLATE`), all dropped at the end, even after a failure.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import queue
import time
import uuid
from datetime import datetime, timezone
from typing import Any, Callable, Iterable

from bench.common import CHANNEL, COMMUNITY
from bot.clock import SystemClock, utc_iso
from testing.postgres import DEFAULT_URL, with_database

ADMIN_URL = os.environ.get("HEARTH_BENCH_PG", DEFAULT_URL)


def url_of(name: str) -> str:
    return with_database(ADMIN_URL, name)


async def _admin(sql: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(ADMIN_URL)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


class Databases:
    """The run's databases: `seed` once, then `copy()` for each measured run; `drop_all()` at the end."""

    def __init__(self) -> None:
        self.prefix = f"hearth_bench_{uuid.uuid4().hex[:10]}"
        self.names: list[str] = []
        self.seed = self.prefix + "_seed"

    async def create_seed(self) -> str:
        await _admin(f'CREATE DATABASE "{self.seed}"')
        self.names.append(self.seed)
        from bot.store.store import Store

        store = await Store.open(url_of(self.seed), SystemClock())  # Hearth's own migrations
        await store.close()
        return url_of(self.seed)

    async def copy(self, tag: str) -> str:
        name = f"{self.prefix}_{tag}"
        for attempt in range(20):  # the template must have no other session; a just-closed pool may linger
            try:
                await _admin(f'CREATE DATABASE "{name}" TEMPLATE "{self.seed}"')
                break
            except Exception as err:  # noqa: BLE001
                if "being accessed by other users" not in str(err) or attempt == 19:
                    raise
                await asyncio.sleep(0.25)
        self.names.append(name)
        return url_of(name)

    async def drop_all(self) -> None:
        for name in reversed(self.names):
            await _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.names.clear()


async def seed_people(url: str, members: list[str], schedule: str, cron: str) -> int:
    """Community, members (every 10th with a timezone), one schedule everyone takes part in, by DM."""
    import asyncpg

    now = utc_iso(datetime.now(timezone.utc))
    zones = ("Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Sydney")
    conn = await asyncpg.connect(url)
    try:
        async with conn.transaction():
            await conn.execute("INSERT INTO communities (id, name, created_at) VALUES ($1, $2, $3) "
                               "ON CONFLICT DO NOTHING", COMMUNITY, "Bench", now)
            await conn.executemany(
                "INSERT INTO members (community_id, user_id, display_name, timezone, created_at) "
                "VALUES ($1, $2, $3, $4, $5)",
                [(COMMUNITY, u, u.split(":", 1)[1], zones[i % len(zones)] if i % 10 == 0 else None, now)
                 for i, u in enumerate(members)])
            sid = await conn.fetchval(
                "INSERT INTO schedules (community_id, name, channel_id, spec, cron, timezone, open_minutes, "
                "remind_minutes, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'UTC', 120, 30, "
                "'bench:mod', $6, $6) RETURNING id", COMMUNITY, schedule, CHANNEL, cron, cron, now)
            await conn.executemany(
                "INSERT INTO participants (schedule_id, user_id, wants_dm, wants_reminder, joined_at) "
                "VALUES ($1, $2, 1, 0, $3)", [(sid, u, now) for u in members])
    finally:
        await conn.close()
    return int(sid)


def split(items: list, n: int) -> list[list]:
    """`items` dealt into n nearly equal consecutive slices."""
    k, r = divmod(len(items), n)
    out, start = [], 0
    for i in range(n):
        end = start + k + (1 if i < r else 0)
        out.append(items[start:end])
        start = end
    return out


def _child(target: Callable[..., Any], args: tuple, barrier: Any, results: Any, index: int) -> None:
    try:
        results.put((index, "ok", target(*args, barrier)))
    except BaseException as err:  # noqa: BLE001 - reported to the parent
        barrier.abort()
        results.put((index, "error", f"{type(err).__name__}: {err}"))


def in_processes(target: Callable[..., Any], per_process: Iterable[tuple], timeout: float = 600.0,
                 parties_extra: int = 0) -> tuple[list[Any], Any]:
    """Start `target(*args, barrier)` in one spawned process per args tuple; `collect()` their results.

    The barrier lets every process finish its setup (connect, open Hearth)
    before any starts the measured work. `parties_extra` more parties (the
    caller) may wait on it too (it is `handle[0]`).
    """
    ctx = multiprocessing.get_context("spawn")
    jobs = list(per_process)
    barrier = ctx.Barrier(len(jobs) + parties_extra)
    results = ctx.Queue()
    procs = [ctx.Process(target=_child, args=(target, args, barrier, results, i), daemon=True)
             for i, args in enumerate(jobs)]
    for p in procs:
        p.start()
    return procs, (barrier, results, len(jobs), timeout)


def collect(procs: list, handle: tuple) -> list[Any]:
    barrier, results, n, timeout = handle
    out: dict[int, Any] = {}
    deadline = time.monotonic() + timeout
    try:
        while len(out) < n:
            try:
                index, status, value = results.get(timeout=1.0)
            except queue.Empty:
                dead = [p.exitcode for p in procs if p.exitcode not in (None, 0)]
                if dead or time.monotonic() > deadline:
                    barrier.abort()
                    raise RuntimeError(f"benchmark processes died (exit {dead}) or timed out") from None
                continue
            if status != "ok":
                raise RuntimeError(f"benchmark process {index} failed: {value}")
            out[index] = value
    finally:
        for p in procs:
            p.join(timeout=10)
            if p.is_alive():
                p.kill()
                p.join()
    return [out[i] for i in range(n)]
