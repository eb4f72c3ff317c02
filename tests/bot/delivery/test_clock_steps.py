"""A wall clock that steps (an NTP correction, a laptop resuming) sends no message twice.

Claims and heartbeats are shared through the store on wall time; what a
process times for itself it times on a monotonic clock. A process never
competes with itself, and a live process's claims are never taken over
because every stamp suddenly looks old.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import timedelta

import pytest

from bot.clock import ManualClock
from bot.delivery.outbox import ALIVE_WITHIN, Outbox
from bot.delivery.sender import Delivery
from tests.bot.delivery.test_claims import RememberingSender, dms
from tests.fakes import RecordingSender


class SteppingSender(RecordingSender):
    """Takes a moment per send; after `at` sends, the wall clock steps by `step` (as NTP would)."""

    def __init__(self, clock: ManualClock, at: int, step: timedelta, rate: float = 100.0,
                 passes: bool = False) -> None:
        super().__init__("console", rate_per_second=rate)
        self.clock, self.at, self.step, self.passes = clock, at, step, passes

    async def send(self, delivery: Delivery) -> str | None:
        await asyncio.sleep(0.001)
        ref = await super().send(delivery)
        if len(self.sent) == self.at:
            # `passes`: time really went by (a laptop resuming); else only the wall clock was set.
            (self.clock.advance if self.passes else self.clock.jump)(self.step)
        return ref


def once_each(*senders: RecordingSender) -> Counter:
    """Users who got more than one DM, with how many."""
    got = Counter(d.user for s in senders for d in s.sent)
    return Counter({u: n for u, n in got.items() if n > 1})


@pytest.mark.parametrize("step", [timedelta(seconds=30), timedelta(hours=2)], ids=["30s", "2h"])
async def test_a_wall_clock_step_mid_fan_out_sends_each_dm_once(app, clock, step):
    """The process's own heartbeat and leases look stale after the step; it must not take its claims back."""
    await app.store.outbox.enqueue(dms(150), clock.now())
    await app.store.outbox.record_heartbeat("proc-a", "host", 1, "console", clock.now())
    sender = SteppingSender(clock, at=20, step=step)
    outbox = Outbox(app.store.outbox, clock, holder="proc-a")
    outbox.add_sender(sender)
    await outbox.drain_all()
    assert not once_each(sender)
    assert len(sender.sent) == 150 and (await app.store.outbox.counts()) == {"sent": 150}


@pytest.mark.parametrize("step", [timedelta(seconds=30), timedelta(hours=2)], ids=["30s", "2h"])
async def test_two_processes_through_a_wall_clock_step_send_each_dm_once(app, clock, step):
    await app.store.outbox.enqueue(dms(300), clock.now())
    one, two = SteppingSender(clock, at=40, step=step), RecordingSender("console", rate_per_second=100.0)
    a = Outbox(app.store.outbox, clock, holder="proc-a")
    b = Outbox(app.store.outbox, clock, holder="proc-b")
    for outbox, sender in ((a, one), (b, two)):
        await app.store.outbox.record_heartbeat(outbox.holder, "host", 1, "console", clock.now())
        outbox.beat_recorded(clock.monotonic())
        outbox.add_sender(sender)

    async def slow_b() -> None:
        await asyncio.sleep(0.01)  # so the step lands while both hold claims
        await b.drain_all()

    await asyncio.gather(a.drain_all(), slow_b())
    assert not once_each(one, two)
    assert len(one.sent) + len(two.sent) == 300 and (await app.store.outbox.counts()) == {"sent": 300}


async def test_after_a_laptop_resumes_claims_from_before_are_void_once_others_may_have_taken_them(
        app, clock, monkeypatch):
    """Asleep longer than ALIVE_WITHIN: another process may have judged us gone and taken our claims.

    Our next heartbeat makes us count as alive again, but what we had claimed
    before is no longer ours to send, even the send that was only waiting
    for the pacer.
    """
    a = Outbox(app.store.outbox, clock, holder="proc-a", concurrency=1)
    b = Outbox(app.store.outbox, clock, holder="proc-b")
    mine, theirs = RecordingSender("console", rate_per_second=1.0), RememberingSender({})
    a.add_sender(mine)
    b.add_sender(theirs)
    for outbox in (a, b):
        await app.store.outbox.record_heartbeat(outbox.holder, "host", 1, "console", clock.now())
        outbox.beat_recorded(clock.monotonic())
    await b.drain("console")  # nothing due yet: b has now seen a's heartbeat
    await app.store.outbox.enqueue(dms(4), clock.now())
    pacer, paced, resume = a._limiters["console"], [], asyncio.Event()
    real = pacer.acquire

    async def acquire() -> None:  # the second send waits for the pacer until the laptop has woken up
        paced.append(1)
        if len(paced) == 2:
            await resume.wait()
        await real()

    monkeypatch.setattr(pacer, "acquire", acquire)
    draining = asyncio.create_task(a.drain("console"))
    for _ in range(1000):
        held = await app.store.db.fetchall("SELECT id FROM outbox WHERE claimed_by = 'proc-a' AND status = 'pending'")
        if len(paced) == 2 and len(held) == 2 and (await app.store.outbox.counts()).get("sent") == 1:
            break  # the first is sent and recorded; a holds the next two, one waiting for the pacer
        await asyncio.sleep(0.005)
    assert len(mine.sent) == 1 and len(held) == 2, "a was not holding claims while it waited for its pacer"

    clock.advance(ALIVE_WITHIN + timedelta(seconds=5))  # the laptop slept: every clock moved
    await app.store.outbox.record_heartbeat("proc-b", "host", 1, "console", clock.now())
    b.beat_recorded(clock.monotonic())
    taken = await b.drain("console")  # a has not beaten for 20 s as b watched: its claims are b's now
    await app.store.outbox.record_heartbeat("proc-a", "host", 1, "console", clock.now())
    a.beat_recorded(clock.monotonic())  # a is heard from again, but too late for what it held
    resume.set()
    result = await draining

    assert taken.sent == 3 and len(theirs.asked) >= 2  # b asked before sending what a had held
    assert result.waiting >= 2 and len(mine.sent) == 1
    assert not once_each(mine, theirs) and (await app.store.outbox.counts()) == {"sent": 4}


async def test_a_send_that_ends_while_its_process_claims_again_is_not_sent_again(app, clock, monkeypatch):
    """After a wall-clock step a process's next claim takes its own entries back (their leases look run out),
    the one still being sent among them. If that send ends, and the entry leaves the in-hand set, before the
    claim comes back, the entry is still not sent again (under load on PostgreSQL, a few DMs went out twice)."""
    await app.store.outbox.enqueue(dms(2), clock.now())
    sending, release = asyncio.Event(), asyncio.Event()

    class HeldSender(RecordingSender):
        async def send(self, delivery: Delivery) -> str | None:
            if not sending.is_set():  # the first send is out when the wall clock steps
                sending.set()
                clock.jump(timedelta(hours=2))
                await release.wait()
            return await super().send(delivery)

    sender = HeldSender("console")
    outbox = Outbox(app.store.outbox, clock, holder="proc-a")
    outbox.add_sender(sender)
    real_beats, real_claim = app.store.outbox.process_beats, app.store.outbox.claim_due
    claims: list[list[int]] = []

    async def process_beats() -> dict[str, int]:  # (read just before each claim) the next claim waits for the step
        if claims:
            await sending.wait()
        return await real_beats()

    async def claim_due(*args, **kwargs):
        claimed = await real_claim(*args, **kwargs)
        claims.append([e.id for e in claimed])
        if len(claims) == 2:  # the claim is made; the send it took back ends before the claim's answer is read
            release.set()
            for _ in range(1000):
                if claims[0][0] not in outbox.in_hand:
                    break
                await asyncio.sleep(0.005)
        return claimed

    monkeypatch.setattr(app.store.outbox, "process_beats", process_beats)
    monkeypatch.setattr(app.store.outbox, "claim_due", claim_due)
    await outbox.drain("console", batch=1)

    assert claims[1] == claims[0]  # the second claim took back the entry being sent
    assert not once_each(sender) and len(sender.sent) == 2
    assert (await app.store.outbox.counts()) == {"sent": 2}
