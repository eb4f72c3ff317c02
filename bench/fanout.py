"""fanout: a round opened for 5,000 participants with DMs, sent through the outbox over HTTP.

The far side is testing.fake_platform in its own process: it allows R
requests in any one-second window, answers 429 + Retry-After above that,
and adds 50 ms to every answer. Hearth's outbox drains through HttpSender.
The clock starts before the round is opened (so opening it counts) and
stops at the last delivery. The fake counts deliveries per key and per
recipient: none may be missing and none doubled.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

from bench.common import (
    CHANNEL, Watchdog, bulk, config_for, create_schema, seed_community, seed_members, seed_participants,
    seed_schedule, users,
)
from bench.http_sender import HttpSender
from bench.registry import Context, Measurement, Row

RATE = 250
LATENCY = 0.05
TIMEOUT = 180.0


def seed(path: Path, n: int) -> None:
    asyncio.run(create_schema(path))
    conn = bulk(path)
    conn.execute("BEGIN")
    seed_community(conn)
    members = users(n)
    seed_members(conn, members)
    sid = seed_schedule(conn, "everyone", "0 9 * * *")
    seed_participants(conn, sid, members)
    conn.execute("COMMIT")
    conn.close()


class FakeProcess:
    def __init__(self, rate: int, latency: float) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "testing.fake_platform", "--rate", str(rate), "--latency", str(latency)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line.startswith("PORT "):
            self.stop()
            raise RuntimeError(f"fake platform did not start: {line!r}")
        self.url = f"http://127.0.0.1:{int(line.split()[1])}"

    def stats(self) -> dict:
        with urllib.request.urlopen(f"{self.url}/stats", timeout=10) as resp:
            return json.loads(resp.read())

    def stop(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


async def run(data_dir: Path, url: str, n: int) -> dict:
    from bot.app import Hearth
    from bot.engines import rounds

    app = await Hearth.open(config_for(data_dir))
    sender = HttpSender(url, "bench", RATE)
    last_ok = 0.0
    real_send = sender.send

    async def timed_send(delivery):  # type: ignore[no-untyped-def]
        nonlocal last_ok
        ref = await real_send(delivery)
        last_ok = time.perf_counter()
        return ref

    sender.send = timed_send  # type: ignore[method-assign]
    app.outbox.add_sender(sender)
    schedule = (await app.store.schedules.list_all())[0]
    expected = n + 1  # the round post and one DM each
    watchdog = Watchdog().start()
    delivery = asyncio.create_task(app.outbox.run(), name="outbox")
    try:
        t0 = time.perf_counter()
        at = datetime.now(timezone.utc).replace(second=0, microsecond=0)
        rnd = await rounds.open_round(app, schedule, at)
        opened = time.perf_counter() - t0
        assert rnd is not None
        while sender.sent < expected and time.perf_counter() - t0 < TIMEOUT:
            await asyncio.sleep(0.05)
        counts = await app.store.outbox.counts()
    finally:
        stall = await watchdog.stop()
        delivery.cancel()
        try:
            await delivery
        except asyncio.CancelledError:
            pass
        await sender.close()
        await app.close()
    return {"seconds": (last_ok or time.perf_counter()) - t0, "open_seconds": opened, "sent": sender.sent,
            "expected": expected, "counts": counts, "stall": stall, "statuses": sender.statuses}


def measure(ctx: Context) -> Measurement:
    n = 1000 if ctx.quick else 5000
    tmp = Path(tempfile.mkdtemp(prefix="hearth-bench-fanout-"))
    fake = FakeProcess(RATE, LATENCY)
    try:
        seed(tmp / "hearth.db", n)
        got = asyncio.run(run(tmp, fake.url, n))
        stats = fake.stats()
    finally:
        fake.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    rate = got["sent"] / got["seconds"]
    share_429 = 100 * stats["too_many"] / max(1, stats["requests"])
    wanted = {f"dm:{u}" for u in users(n)} | {f"post:{CHANNEL}"}
    lost = len(wanted - set(stats["targets"]))
    dups = stats["duplicate_targets"]
    notes = (f"{n} DMs + 1 post; opening the round took {got['open_seconds']:.2f} s; "
             f"{stats['requests']} requests; outbox {got['counts']}")
    return Measurement(
        [
            Row("fanout", round(rate, 1), "msgs/s", RATE, round(rate / RATE, 3), "≥ 0.9 × R", rate >= 0.9 * RATE,
                notes),
            Row("fanout 429s", round(share_429, 2), "% of requests", None, None, "≤ 1 %", share_429 <= 1,
                f"{stats['too_many']} × 429"),
            Row("fanout lost", lost, "messages", None, None, "0", lost == 0, f"{len(wanted)} expected"),
            Row("fanout duplicates", dups, "messages", None, None, "0", dups == 0,
                f"{stats['duplicate_keys']} duplicate delivery keys"),
        ],
        extras={"stall_ms": round(got["stall"] * 1000, 1)},
    )
