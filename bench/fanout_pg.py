"""fanout-pg: the fanout row on PostgreSQL, drained by one and by three outbox processes.

A round opened for 5,000 DM participants on a PostgreSQL database; P
processes (`multiprocessing`, spawned), each with its own Hearth and outbox
(its own claim holder), drain it together through bench/http_sender.py to
testing/fake_platform.py. The platform's budget R is the bot's, shared by all
processes, so each process paces itself at R / P. At R = 250 the platform
caps the rate whatever P is; a second pair of runs at R = 2,000 (where one
process is held back by its 32 sends in flight × 50 ms) shows how draining
grows with processes. The clock starts before the round is opened (in the
parent, once every process is ready) and stops at the last delivery. The
fake counts deliveries per key and per recipient: none may be lost or doubled.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from bench.common import CHANNEL, config_for, users
from bench.fanout import LATENCY, FakeProcess
from bench.http_sender import HttpSender
from bench.pg import Databases, collect, in_processes, seed_people
from bench.registry import Context, Measurement, Row

TIMEOUT = 180.0


def drain_process(url: str, fake_url: str, rate: float, stop, barrier) -> dict:  # type: ignore[no-untyped-def]
    return asyncio.run(_drain(url, fake_url, rate, stop, barrier))


async def _drain(url: str, fake_url: str, rate: float, stop, barrier) -> dict:  # type: ignore[no-untyped-def]
    from bot.app import Hearth

    with tempfile.TemporaryDirectory(prefix="hearth-bench-fanoutpg-") as tmp:
        app = await Hearth.open(config_for(Path(tmp), database_url=url))
        sender = HttpSender(fake_url, "bench", rate)
        last_ok = 0.0
        real_send = sender.send

        async def timed_send(delivery):  # type: ignore[no-untyped-def]
            nonlocal last_ok
            ref = await real_send(delivery)
            last_ok = time.monotonic()
            return ref

        sender.send = timed_send  # type: ignore[method-assign]
        app.outbox.add_sender(sender)
        # Another process opens the round, so no kick arrives here: look for due work every 50 ms.
        loop = asyncio.create_task(app.outbox.run(idle_seconds=0.05))
        try:
            await asyncio.to_thread(barrier.wait)
            while not stop.is_set():
                await asyncio.sleep(0.05)
        finally:
            loop.cancel()
            try:
                await loop
            except asyncio.CancelledError:
                pass
            await sender.close()
            await app.close()
    return {"sent": sender.sent, "last_ok": last_ok, "statuses": sender.statuses}


async def open_and_wait(url: str, expected: int, barrier) -> tuple[float, float, dict]:  # type: ignore[no-untyped-def]
    """In the parent: open the round once all drainers are ready, wait for every delivery."""
    from bot.app import Hearth
    from bot.engines import rounds

    with tempfile.TemporaryDirectory(prefix="hearth-bench-fanoutpg-") as tmp:
        app = await Hearth.open(config_for(Path(tmp), database_url=url))
        try:
            schedule = (await app.store.schedules.list_all())[0]
            await asyncio.to_thread(barrier.wait)
            t0 = time.monotonic()
            rnd = await rounds.open_round(app, schedule, datetime.now(timezone.utc).replace(second=0, microsecond=0))
            opened = time.monotonic() - t0
            assert rnd is not None
            while time.monotonic() - t0 < TIMEOUT:
                counts = await app.store.outbox.counts()
                if counts.get("sent", 0) + counts.get("failed", 0) >= expected:
                    break
                await asyncio.sleep(0.1)
        finally:
            await app.close()
    return t0, opened, counts


def one_run(dbs: Databases, n: int, rate: int, processes: int) -> dict:
    url = asyncio.run(dbs.copy(f"r{rate}p{processes}"))
    fake = FakeProcess(rate, LATENCY)
    stop = multiprocessing.get_context("spawn").Event()
    try:
        procs, handle = in_processes(drain_process, [(url, fake.url, rate / processes, stop)] * processes,
                                     timeout=TIMEOUT + 60, parties_extra=1)
        try:
            t0, opened, counts = asyncio.run(open_and_wait(url, n + 1, handle[0]))
        finally:
            stop.set()
        got = collect(procs, handle)
        stats = fake.stats()
    finally:
        fake.stop()
    sent = sum(g["sent"] for g in got)
    seconds = max(g["last_ok"] for g in got) - t0
    wanted = {f"dm:{u}" for u in users(n)} | {f"post:{CHANNEL}"}
    return {"rate": sent / seconds, "opened": opened, "counts": counts, "per_process": [g["sent"] for g in got],
            "requests": stats["requests"], "too_many": stats["too_many"],
            "lost": len(wanted - set(stats["targets"])), "dups": stats["duplicate_targets"],
            "dup_keys": stats["duplicate_keys"]}


def measure(ctx: Context) -> Measurement:
    n = 1000 if ctx.quick else 5000
    dbs = Databases()
    runs: dict[tuple[int, int], dict] = {}
    try:
        seed_url = asyncio.run(dbs.create_seed())
        asyncio.run(seed_people(seed_url, users(n), "everyone", "0 9 * * *"))
        for rate in (250, 2000):
            for procs in (1, 3):
                runs[(rate, procs)] = one_run(dbs, n, rate, procs)
    finally:
        asyncio.run(dbs.drop_all())
    rows = []
    for rate in (250, 2000):
        for procs in (1, 3):
            r = runs[(rate, procs)]
            notes = (f"{n} DMs + 1 post, R = {rate}/s shared (R/{procs} per process); sent per process "
                     f"{r['per_process']}; opening {r['opened']:.2f} s; {r['requests']} requests, "
                     f"{r['too_many']} × 429; lost {r['lost']}, duplicates {r['dups']} "
                     f"({r['dup_keys']} duplicate keys); outbox {r['counts']}")
            if procs == 3:
                notes += f"; 1→3 processes: × {r['rate'] / runs[(rate, 1)]['rate']:.2f}"
            clean = r["lost"] == 0 and r["dups"] == 0
            rows.append(Row(f"fanout-pg R{rate} {procs}p", round(r["rate"], 1), "msgs/s", rate,
                            round(r["rate"] / rate, 3), "≥ 0.9 × R, 0 lost, 0 dup" if rate == 250 else
                            "reported, 0 lost, 0 dup",
                            (r["rate"] >= 0.9 * rate and clean) if rate == 250 else (None if clean else False),
                            notes))
    return Measurement(rows)
