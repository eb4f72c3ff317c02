"""Several processes share one outbox: each entry goes out once, and a dead process's work is taken over."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta

from bot.delivery.outbox import ALIVE_WITHIN, Outbox
from bot.delivery.sender import Delivery
from bot.events import Reply, reply_to_json, rich
from bot.models import Outgoing
from bot.ops.status import status_report
from hearth.runtime import heartbeat
from tests.fakes import RecordingSender


def dms(n: int) -> list[Outgoing]:
    return [Outgoing(f"test:dm:{i}", "dm", {"user": f"console:u{i}"}, reply_to_json(Reply(body=rich(f"hello {i}"))))
            for i in range(n)]


class SlowSender(RecordingSender):
    async def send(self, delivery: Delivery) -> str | None:
        await asyncio.sleep(0.001)
        return await super().send(delivery)


class RememberingSender(RecordingSender):
    """A platform that can say whether a delivery already arrived (by its outbox key)."""

    def __init__(self, already: dict[str, str]) -> None:
        super().__init__("console")
        self.already = already
        self.asked: list[str] = []

    async def find_sent(self, delivery: Delivery) -> str | None:
        self.asked.append(delivery.key)
        return self.already.get(delivery.key)


async def test_two_processes_draining_together_send_each_entry_once(app, clock):
    await app.store.outbox.enqueue(dms(300), clock.now())
    one, two = SlowSender("console"), SlowSender("console")
    a = Outbox(app.store.outbox, clock, holder="proc-a")
    b = Outbox(app.store.outbox, clock, holder="proc-b")
    a.add_sender(one)
    b.add_sender(two)
    await asyncio.gather(a.drain_all(), b.drain_all())
    users = [d.user for d in one.sent + two.sent]
    assert len(users) == 300 and len(set(users)) == 300
    assert (await app.store.outbox.counts()) == {"sent": 300}


async def test_a_dead_processs_claims_are_taken_over_after_the_lease(app, clock):
    await app.store.outbox.enqueue(dms(5), clock.now())
    claimed = await app.store.outbox.claim_due("console", clock.now(), 3, "dead-proc", timedelta(seconds=60))
    assert len(claimed) == 3
    survivor = Outbox(app.store.outbox, clock, holder="proc-b")
    sender = RememberingSender({f"outbox:{claimed[0].id}": "already-1"})
    survivor.add_sender(sender)
    first = await survivor.drain("console")
    assert first.sent == 2  # the dead process still holds three
    clock.advance(timedelta(seconds=61))
    later = await survivor.drain("console")
    assert later.sent == 3
    # Each taken-over entry was checked first; the one that had arrived was not sent again.
    assert sorted(sender.asked) == sorted(f"outbox:{e.id}" for e in claimed)
    assert len(sender.sent) == 4 and (await app.store.outbox.counts()) == {"sent": 5}


async def test_status_shows_live_processes_and_the_outbox(app, clock, tmp_path):
    await app.store.outbox.enqueue(dms(2), clock.now())
    from datetime import datetime, timezone

    app.clock.set(datetime.now(timezone.utc))
    beat = asyncio.create_task(heartbeat(app, ["console"]))
    await asyncio.sleep(0.05)
    await app.store.outbox.claim_due("console", app.now(), 1, app.outbox.holder, timedelta(seconds=60))
    report = await status_report(app.config)
    beat.cancel()
    assert "1 process alive" in report and app.outbox.holder in report and "holding 1" in report
    assert "Outbox: 2 waiting" in report


async def test_a_process_gone_quiet_loses_its_claims_before_the_lease_ends(app, clock):
    await app.store.outbox.enqueue(dms(4), clock.now())
    await app.store.outbox.record_heartbeat("dead-proc", "host", 1, "console", clock.now())
    await app.store.outbox.record_heartbeat("live-proc", "host", 2, "console", clock.now())
    dead = await app.store.outbox.claim_due("console", clock.now(), 2, "dead-proc", timedelta(seconds=60))
    live = await app.store.outbox.claim_due("console", clock.now(), 1, "live-proc", timedelta(seconds=60))
    survivor = Outbox(app.store.outbox, clock, holder="proc-b")
    sender = RememberingSender({})
    survivor.add_sender(sender)
    assert (await survivor.drain("console")).sent == 1  # both still count as alive
    clock.advance(ALIVE_WITHIN + timedelta(seconds=1))
    await app.store.outbox.record_heartbeat("live-proc", "host", 2, "console", clock.now())  # only one of them still beats
    assert (await survivor.drain("console")).sent == 2
    assert sorted(sender.asked) == sorted(f"outbox:{e.id}" for e in dead)  # asked first: it may have sent them
    assert (await app.store.outbox.counts()) == {"sent": 3, "pending": 1}
    [held] = live
    assert (await app.store.outbox.claim_due("console", clock.now(), 5, "proc-c", timedelta(seconds=60))) == []
    assert held.id not in {e.id for e in await app.store.outbox.claim_due("console", clock.now(), 5, "proc-b",
                                                                    timedelta(seconds=60))}


async def test_a_process_whose_heartbeat_is_not_getting_through_stops_sending(app, clock):
    await app.store.outbox.enqueue(dms(2), clock.now())
    sender = RecordingSender("console")
    app.outbox.add_sender(sender)
    app.outbox.beat_recorded(clock.monotonic() - 14)  # last heard 14 s ago: others may soon take over
    assert (await app.outbox.drain("console")).sent == 0
    assert (await app.store.outbox.counts()) == {"pending": 2}
    app.outbox.beat_recorded(clock.monotonic())  # a beat got through
    assert (await app.outbox.drain("console")).sent == 2


class HangingSender(RecordingSender):
    """A platform that never answers: every send stays in flight until it is cancelled."""

    def __init__(self) -> None:
        super().__init__("console")
        self.in_flight = 0

    async def send(self, delivery: Delivery) -> str | None:
        self.in_flight += 1
        try:
            await asyncio.Event().wait()
        finally:
            self.in_flight -= 1
        return None


async def test_stopping_delivery_mid_batch_ends_every_send_before_it_returns(app, clock):
    await app.store.outbox.enqueue(dms(100), clock.now())
    sender = HangingSender()
    outbox = Outbox(app.store.outbox, clock, holder="proc-a")
    outbox.add_sender(sender)
    running = asyncio.create_task(outbox.run())
    for _ in range(200):  # until the batch has filled every slot and waits to start the rest
        if sender.in_flight == outbox.concurrency:
            break
        await asyncio.sleep(0.01)
    assert sender.in_flight == outbox.concurrency
    running.cancel()
    try:
        await running
    except asyncio.CancelledError:
        pass
    assert sender.in_flight == 0  # nothing left running to touch the store after whoever stopped us closes it


async def test_a_send_whose_outcome_cannot_be_recorded_fails_the_drain_and_is_recorded_later_not_resent(
        app, clock, monkeypatch):
    """The store refused to record one send: the drain says so (the delivery loop logs it and goes on),
    the others are recorded, and the unrecorded one stays pending. When its claim comes back to the same
    process, that process records it (with the platform's id) and does not send it a second time."""
    await app.store.outbox.enqueue(dms(40), clock.now())
    sender = RecordingSender("console")
    outbox = Outbox(app.store.outbox, clock, holder="proc-a", lease=timedelta(seconds=3))
    outbox.add_sender(sender)
    real = app.store.outbox.mark_sent
    refused: list[int] = []

    async def mark_sent(entry, ref, now):  # type: ignore[no-untyped-def]
        if not refused:
            refused.append(entry.id)
            raise RuntimeError("the disk is full")
        await real(entry, ref, now)

    monkeypatch.setattr(app.store.outbox, "mark_sent", mark_sent)
    try:
        await outbox.drain("console")
    except RuntimeError as err:
        assert "disk is full" in str(err)
    else:
        raise AssertionError("the drain hid a send it could not record")
    assert (await app.store.outbox.counts()) == {"sent": 39, "pending": 1}
    assert len(sender.sent) == 40
    clock.advance(timedelta(seconds=4))  # the claim on the unrecorded one runs out
    await outbox.drain("console")
    assert (await app.store.outbox.counts()) == {"sent": 40}
    assert len(sender.sent) == 40  # not twice to the same member
    row = await app.store.db.fetchone("SELECT message_ref FROM outbox WHERE id = ?", refused[0])
    assert row["message_ref"] == next(sender.ref_of(d) for d in sender.sent if d.key == f"outbox:{refused[0]}")


async def test_a_claim_holds_about_a_seconds_sending_so_processes_sharing_a_fan_out_finish_together(
        app, clock, monkeypatch):
    await app.store.outbox.enqueue(dms(90), clock.now())
    sender = RecordingSender("console", rate_per_second=40.0)
    outbox = Outbox(app.store.outbox, clock, holder="proc-a")
    outbox.add_sender(sender)
    limits: list[int] = []
    real = app.store.outbox.claim_due

    async def claim_due(platform, now, limit, *rest):  # type: ignore[no-untyped-def]
        limits.append(limit)
        return await real(platform, now, limit, *rest)

    monkeypatch.setattr(app.store.outbox, "claim_due", claim_due)
    await outbox.drain("console")
    assert len(sender.sent) == 90
    assert limits == [40, 40, 40]  # 40 + 40 + 10: three claims, none holding more than a second's sends
