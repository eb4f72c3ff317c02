"""scheduler: 1,000 schedules due in the same minute, through APScheduler and RoundScheduler.

Every schedule fires at the same instant (written in a mix of timezones),
each with a handful of participants who get DMs, while the outbox drains to
an in-process sender paced like a platform. The figure is the lag from each
schedule's fire time to its round being written (the transaction committed),
by wall clock; its p99 is held to one second.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from bench.common import (
    Watchdog, bulk, config_for, create_schema, percentile, seed_community, seed_members, seed_participants,
    seed_schedule, users,
)
from bench.registry import Context, Measurement, Row
from bot.delivery.sender import Delivery

ZONES = ("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Sydney", "America/Sao_Paulo")
PARTICIPANTS = 5
#: setting up takes a few seconds; the shared fire time is the next whole minute at least this far away
LEAD = timedelta(seconds=12)


class PacedSender:
    """Answers at once, like a platform with no latency; the outbox still paces it."""

    platform = "bench"
    rate_per_second = 250.0

    def __init__(self) -> None:
        self.sent = 0

    async def send(self, delivery: Delivery) -> str | None:
        self.sent += 1
        return f"m{self.sent}"


def fire_time() -> datetime:
    soon = datetime.now(timezone.utc) + LEAD
    return soon.replace(second=0, microsecond=0) + timedelta(minutes=1)


def seed(path: Path, n: int, at: datetime) -> None:
    asyncio.run(create_schema(path))
    conn = bulk(path)
    conn.execute("BEGIN")
    seed_community(conn)
    everyone = users(n * PARTICIPANTS)
    seed_members(conn, everyone)
    for i in range(n):
        tz = ZONES[i % len(ZONES)]
        local = at.astimezone(ZoneInfo(tz))
        sid = seed_schedule(conn, f"s{i:04d}", f"{local.minute} {local.hour} * * *", tz)
        seed_participants(conn, sid, everyone[i * PARTICIPANTS:(i + 1) * PARTICIPANTS])
    conn.execute("COMMIT")
    conn.close()


async def run(data_dir: Path, n: int, at: datetime) -> dict:
    from bot.app import Hearth
    from bot.engines import rounds
    from bot.scheduling.jobs import RoundSteps
    from bot.scheduling.runner import RoundScheduler

    app = await Hearth.open(config_for(data_dir))
    app.outbox.add_sender(PacedSender())
    opened: list[float] = []
    async def timed_open(app_, due):  # type: ignore[no-untyped-def]  (every opening, one round or many)
        got = await rounds.open_rounds(app_, due)
        now = time.time()
        opened.extend(now - at.timestamp() for (_, at), rnd in zip(due, got) if rnd is not None)
        return got

    scheduler = RoundScheduler(app, steps=RoundSteps(open=timed_open, due=rounds.run_due))
    app.scheduler = scheduler
    t0 = time.perf_counter()
    await scheduler.start()
    started = time.perf_counter() - t0
    delivery = asyncio.create_task(app.outbox.run(), name="outbox")
    wait = at.timestamp() - time.time()
    if wait < 1:
        raise RuntimeError(f"setup took too long: the fire time passed {-wait:.1f} s ago")
    await asyncio.sleep(wait - 0.5)
    watchdog = Watchdog().start()
    try:
        deadline = time.time() + 120
        while len(opened) < n and time.time() < deadline:
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.5)  # the outbox keeps going: stalls after the opening count too
    finally:
        stall = await watchdog.stop()
        delivery.cancel()
        try:
            await delivery
        except asyncio.CancelledError:
            pass
        scheduler.shutdown()
        await app.close()
    return {"lags": opened, "stall": stall, "start_seconds": started, "waited": wait}


def measure(ctx: Context) -> Measurement:
    n = 200 if ctx.quick else 1000
    at = fire_time()
    tmp = Path(tempfile.mkdtemp(prefix="hearth-bench-scheduler-"))
    try:
        seed(tmp / "hearth.db", n, at)
        got = asyncio.run(run(tmp, n, at))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    lags = got["lags"]
    if len(lags) < n:
        lags = lags + [float("inf")] * (n - len(lags))  # never opened: infinitely late
    p99 = percentile(lags, 99)
    notes = (f"{n} schedules × {PARTICIPANTS} DMs; p50 {percentile(lags, 50):.3f} s, max {max(lags):.3f} s; "
             f"{len(got['lags'])} opened; scheduler start {got['start_seconds']:.2f} s")
    return Measurement([Row("scheduler p99 lag", round(p99, 3), "s", None, None, "≤ 1 s", p99 <= 1, notes)],
                       extras={"stall_ms": round(got["stall"] * 1000, 1)})
