"""A clean stop of the outbox: no new claims or sends, the sends on the wire finish, and only what never
started is handed back (a send the store could not record keeps its claim, so it is never sent twice)."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest

from bot.delivery.outbox import Outbox
from bot.delivery.sender import Delivery
from bot.store.handback import release_unstarted
from tests.bot.delivery.test_claims import dms
from tests.fakes import RecordingSender


class SlowSender(RecordingSender):
    def __init__(self) -> None:
        super().__init__("console", rate_per_second=1000.0)
        self.started = 0

    async def send(self, delivery: Delivery) -> str | None:
        self.started += 1
        await asyncio.sleep(0.02)
        return await super().send(delivery)


async def claimed_by(app, holder: str) -> int:  # type: ignore[no-untyped-def]
    row = await app.store.db.fetchone("SELECT count(*) AS n FROM outbox WHERE status = 'pending' AND claimed_by = ?",
                                      holder)
    return int(row["n"])


async def test_a_stop_lets_sends_on_the_wire_finish_and_hands_the_rest_back(app, clock):
    await app.store.outbox.enqueue(dms(200), clock.now())
    sender = SlowSender()
    outbox = Outbox(app.store.outbox, clock, holder="proc-a")
    outbox.add_sender(sender)
    draining = asyncio.create_task(outbox.drain("console"))
    while sender.started < 10:
        await asyncio.sleep(0.005)
    outbox.stop_taking()
    await draining
    assert sender.started == len(sender.sent) < 200  # each send begun finished; none began after the stop
    counts = await app.store.outbox.counts()
    assert counts["sent"] == len(sender.sent)  # and each was recorded
    assert await claimed_by(app, "proc-a") > 0  # the rest of the batch was still claimed...
    await release_unstarted(app.store, "proc-a", outbox.in_hand)
    assert await claimed_by(app, "proc-a") == 0  # ...and is handed straight back
    assert counts["pending"] == 200 - len(sender.sent)


async def test_a_send_the_store_could_not_record_keeps_its_claim(app, clock, monkeypatch):
    await app.store.outbox.enqueue(dms(3), clock.now())
    sender = RecordingSender("console")
    outbox = Outbox(app.store.outbox, clock, holder="proc-a")
    outbox.add_sender(sender)
    real = app.store.outbox.mark_sent
    failed: list[int] = []

    async def full_once(entry, ref, now):  # type: ignore[no-untyped-def]
        if not failed:
            failed.append(entry.id)
            raise sqlite3.OperationalError("database or disk is full")
        await real(entry, ref, now)

    monkeypatch.setattr(app.store.outbox, "mark_sent", full_once)
    with pytest.raises(sqlite3.OperationalError):
        await outbox.drain("console")
    assert set(failed) <= outbox.in_hand
    await release_unstarted(app.store, "proc-a", outbox.in_hand)
    row = await app.store.db.fetchone("SELECT claimed_by FROM outbox WHERE id = ?", failed[0])
    assert row["claimed_by"] == "proc-a"  # left for the lease: whoever takes it over asks the platform first
