"""A real wall-clock step in the middle of a fan-out: two delivery processes on one store, real time.

Each "process" is what `hearth` runs for delivery: an outbox loop and the
heartbeat loop (hearth.runtime.heartbeat), on the real system clock. Half-way
through, the wall clock they read steps forward (as an NTP correction or a
laptop resuming does), by patching the time source bot.clock reads; their
monotonic clocks go on as before. Every DM still goes out exactly once.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

import pytest

import bot.clock
from bot.clock import SystemClock
from bot.delivery.outbox import Outbox
from bot.delivery.sender import Delivery
from hearth.runtime import heartbeat
from tests.bot.delivery.test_claims import dms
from tests.fakes import RecordingSender

DMS = 400
PER_SECOND = 100.0


class Network(RecordingSender):
    """A platform whose answers take a moment (sends overlap the next claim), and that can say, as Slack
    can by message metadata, whether an entry was already delivered (all processes share `delivered`)."""

    def __init__(self, delivered: dict[str, str]) -> None:
        super().__init__("console", rate_per_second=PER_SECOND)
        self.delivered = delivered

    async def send(self, delivery: Delivery) -> str | None:
        await asyncio.sleep(0.005)
        ref = await super().send(delivery)
        self.delivered[delivery.key] = str(ref)
        return ref

    async def find_sent(self, delivery: Delivery) -> str | None:
        return self.delivered.get(delivery.key)


@pytest.mark.timeout(120)
@pytest.mark.parametrize("step", [timedelta(seconds=30), timedelta(hours=3)], ids=["30s", "3h"])
async def test_a_real_wall_clock_step_mid_fan_out_sends_every_dm_once(app, monkeypatch, step):
    offset = [timedelta(0)]

    class SteppedDatetime(datetime):
        @classmethod
        def now(cls, tz=None):  # type: ignore[no-untyped-def]
            return datetime.now(tz) + offset[0]

    monkeypatch.setattr(bot.clock, "datetime", SteppedDatetime)
    clock = SystemClock()
    await app.store.outbox.enqueue(dms(DMS), clock.now())
    senders, tasks, delivered = [], [], {}
    for name in ("proc-a", "proc-b"):
        outbox = Outbox(app.store.outbox, clock, holder=name)
        sender = Network(delivered)
        outbox.add_sender(sender)
        outbox.expect_heartbeats()
        process = SimpleNamespace(store=app.store, outbox=outbox, clock=clock, now=clock.now)
        tasks += [asyncio.create_task(heartbeat(process, ["console"])),  # type: ignore[arg-type]
                  asyncio.create_task(outbox.run(idle_seconds=0.1))]
        senders.append(sender)

    def sent() -> int:
        return sum(len(s.sent) for s in senders)

    try:
        deadline = time.monotonic() + 60
        while sent() < DMS // 3:
            assert time.monotonic() < deadline, f"only {sent()} sent"
            await asyncio.sleep(0.01)
        offset[0] = step  # the wall clock steps; both processes hold claims they are sending
        stepped_at = sent()
        while (await app.store.outbox.counts()) != {"sent": DMS}:
            assert time.monotonic() < deadline, f"{await app.store.outbox.counts()}"
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.3)  # anything sent twice would show now
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    got = Counter(d.user for s in senders for d in s.sent)
    assert stepped_at < DMS, "the fan-out was over before the step"
    assert {u: n for u, n in got.items() if n > 1} == {}
    assert len(got) == DMS
