"""Helpers the benchmarks share: a seeded SQLite file, a watchdog, percentiles, median pairs, memory."""

from __future__ import annotations

import asyncio
import math
import random
import sqlite3
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, TypeVar

from bot.clock import SystemClock, utc_iso

COMMUNITY = "bench:community"
CHANNEL = "bench:general"
T = TypeVar("T")


def config_for(data_dir: Path, **values):  # type: ignore[no-untyped-def]
    """A default config whose database lives in `data_dir` (no hearth.toml, no secrets)."""
    from bot.config import load

    cfg = load(env={"HEARTH_DATA_DIR": str(data_dir)})
    return cfg.with_values(**values) if values else cfg


async def create_schema(path: Path) -> None:
    """Run Hearth's migrations on a new file, so it can be bulk-loaded with sqlite3."""
    from bot.store.store import Store

    store = await Store.open_sqlite(path, SystemClock())
    await store.close()


def bulk(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection tuned for loading (not durable until closed)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA foreign_keys=OFF")
    return conn


def seed_community(conn: sqlite3.Connection, community: str = COMMUNITY, name: str = "Bench") -> None:
    conn.execute("INSERT OR IGNORE INTO communities (id, name, created_at) VALUES (?, ?, ?)",
                 (community, name, utc_iso(datetime.now(timezone.utc))))


def seed_members(conn: sqlite3.Connection, users: Iterable[str], community: str = COMMUNITY,
                 tz_every: int = 10) -> None:
    """Members; every `tz_every`-th has a timezone of their own."""
    now = utc_iso(datetime.now(timezone.utc))
    zones = ("Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Sydney")
    conn.executemany(
        "INSERT INTO members (community_id, user_id, display_name, timezone, created_at) VALUES (?, ?, ?, ?, ?)",
        ((community, u, u.split(":", 1)[1], zones[i % len(zones)] if tz_every and i % tz_every == 0 else None, now)
         for i, u in enumerate(users)),
    )


def seed_schedule(conn: sqlite3.Connection, name: str, cron: str, tz: str = "UTC", community: str = COMMUNITY,
                  channel: str = CHANNEL, open_minutes: int = 120, remind_minutes: int = 30) -> int:
    now = utc_iso(datetime.now(timezone.utc))
    cur = conn.execute(
        "INSERT INTO schedules (community_id, name, channel_id, spec, cron, timezone, open_minutes, remind_minutes, "
        "created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (community, name, channel, cron, cron, tz, open_minutes, remind_minutes, "bench:mod", now, now),
    )
    return int(cur.lastrowid)  # type: ignore[arg-type]


def seed_participants(conn: sqlite3.Connection, schedule_id: int, users: Iterable[str], wants_dm: bool = True,
                      wants_reminder: bool = False) -> None:
    now = utc_iso(datetime.now(timezone.utc))
    conn.executemany(
        "INSERT INTO participants (schedule_id, user_id, wants_dm, wants_reminder, joined_at) VALUES (?, ?, ?, ?, ?)",
        ((schedule_id, u, int(wants_dm), int(wants_reminder), now) for u in users),
    )


def users(n: int, prefix: str = "bench:u") -> list[str]:
    return [f"{prefix}{i:06d}" for i in range(n)]


# -- figures ----------------------------------------------------------------------


def median_pair(pairs: list[T], ratio: Callable[[T], float]) -> tuple[T, str]:
    """The median pair by `ratio`, and every pair's ratio for the notes.

    Sides take turns in pairs because a shared machine's noise comes in
    bursts: a burst slows one pair's two halves alike far more often than it
    slows one side of every pair.
    """
    ordered = sorted(pairs, key=ratio)
    return ordered[len(ordered) // 2], ", ".join(f"{ratio(p):.2f}" for p in ordered)


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    if not values:
        return math.nan
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1))
    return ordered[k]


def rss_mb() -> tuple[float, float]:
    """(resident now, peak resident) of this process in MB, from /proc/self/status."""
    now = peak = math.nan
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                now = int(line.split()[1]) / 1024
            elif line.startswith("VmHWM:"):
                peak = int(line.split()[1]) / 1024
    except OSError:
        pass
    return now, peak


class Watchdog:
    """Measures how late the event loop wakes a task that sleeps `interval` seconds.

    The worst lateness is the longest stall: time when no other coroutine
    could run because something held the loop.
    """

    def __init__(self, interval: float = 0.005) -> None:
        self.interval = interval
        self.worst = 0.0
        self.samples = 0
        self._task: asyncio.Task[None] | None = None

    async def _watch(self) -> None:
        while True:
            t0 = time.perf_counter()
            await asyncio.sleep(self.interval)
            late = time.perf_counter() - t0 - self.interval
            self.samples += 1
            if late > self.worst:
                self.worst = late

    def start(self) -> "Watchdog":
        self._task = asyncio.create_task(self._watch(), name="watchdog")
        return self

    async def stop(self) -> float:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
        return self.worst


def rng(seed: int = 7) -> random.Random:
    return random.Random(seed)
