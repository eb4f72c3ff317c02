"""A platform's Retry-After is waited out: by every process, for every call to that method, to the fraction of a second.

On a hand-moved clock, so "early" is exact: a drain just before the wait
ends must call nothing; one at its end sends.
"""

from __future__ import annotations

from datetime import timedelta

from bot.delivery.outbox import Outbox
from bot.delivery.sender import Delivery, RetryLater
from tests.bot.delivery.test_claims import RememberingSender, dms
from tests.fakes import RecordingSender


class LimitedSender(RecordingSender):
    """Answers the first `times` sends with a 429 asking for `seconds`; counts every call it gets."""

    def __init__(self, seconds: float, times: int = 1) -> None:
        super().__init__("console")
        self.seconds, self.times, self.calls = seconds, times, 0

    async def send(self, delivery: Delivery) -> str | None:
        self.calls += 1
        if self.times > 0:
            self.times -= 1
            raise RetryLater(self.seconds)
        return await super().send(delivery)


class LimitedLookUps(RememberingSender):
    """A platform whose "was it sent?" look-up answers 429 the first time."""

    def __init__(self, seconds: float) -> None:
        super().__init__({})
        self.seconds, self.limited = seconds, False

    async def find_sent(self, delivery: Delivery) -> str | None:
        self.asked.append(delivery.key)
        if not self.limited:
            self.limited = True
            raise RetryLater(self.seconds)
        return None


async def test_a_postponed_message_is_not_sent_a_fraction_of_a_second_early(app, clock):
    await app.store.outbox.enqueue(dms(1), clock.now())
    clock.advance(timedelta(seconds=0.7))
    sender = LimitedSender(0.5)
    outbox = Outbox(app.store.outbox, clock, holder="proc-a")
    outbox.add_sender(sender)
    assert (await outbox.drain("console")).retried == 1
    clock.advance(timedelta(seconds=0.4))  # into the next whole second, not past the wait (08:00:01.2)
    await outbox.drain("console")
    assert sender.calls == 1 and not sender.sent
    clock.advance(timedelta(seconds=0.1))
    assert (await outbox.drain("console")).sent == 1
    assert sender.calls == 2 and (await app.store.outbox.counts()) == {"sent": 1}


async def test_a_429_in_one_process_holds_back_every_process(app, clock):
    first, second = LimitedSender(0.5), LimitedSender(0.5, times=0)
    a = Outbox(app.store.outbox, clock, holder="proc-a")
    b = Outbox(app.store.outbox, clock, holder="proc-b")
    a.add_sender(first)
    b.add_sender(second)
    await app.store.outbox.enqueue(dms(1), clock.now())
    await a.drain("console")  # a's send gets the 429
    assert first.calls == 1 and not first.sent
    await app.store.outbox.enqueue([d for d in dms(2) if d.dedupe_key.endswith(":1")], clock.now())  # due now
    clock.advance(timedelta(seconds=0.4))
    await b.drain("console")
    assert second.calls == 0, "b called the platform while a's 429 still asked everyone to wait"
    clock.advance(timedelta(seconds=0.1))
    await b.drain("console")
    assert len(second.sent) == 2 and (await app.store.outbox.counts()) == {"sent": 2}


async def test_a_429_on_a_take_over_look_up_is_waited_out_and_the_look_up_is_still_made(app, clock):
    """A taken-over claim asks "was this already sent?": a 429 there binds like any other, and the answer
    is still needed afterwards (its first holder may have sent it)."""
    await app.store.outbox.enqueue(dms(1), clock.now())
    [entry] = await app.store.outbox.claim_due("console", clock.now(), 1, "dead-proc", timedelta(seconds=60))
    clock.advance(timedelta(seconds=61))
    sender = LimitedLookUps(2.0)
    outbox = Outbox(app.store.outbox, clock, holder="proc-b")
    outbox.add_sender(sender)
    assert (await outbox.drain("console")).retried == 1
    assert sender.asked == [f"outbox:{entry.id}"] and not sender.sent
    [row] = await app.store.db.fetchall("SELECT attempts FROM outbox")
    assert row["attempts"] == 0  # waiting out a 429 is not a failed attempt
    clock.advance(timedelta(seconds=1.6))  # longer than a failed attempt's first back-off
    await outbox.drain("console")
    assert len(sender.asked) == 1, "looked up again before Retry-After was over"
    clock.advance(timedelta(seconds=0.4))
    assert (await outbox.drain("console")).sent == 1
    assert len(sender.asked) == 2 and len(sender.sent) == 1  # asked again before sending, then sent once


async def test_a_take_over_look_up_is_paced_like_a_send(app, clock, monkeypatch):
    await app.store.outbox.enqueue(dms(3), clock.now())
    await app.store.outbox.claim_due("console", clock.now(), 3, "dead-proc", timedelta(seconds=60))
    clock.advance(timedelta(seconds=61))
    sender = RememberingSender({})
    outbox = Outbox(app.store.outbox, clock, holder="proc-b")
    outbox.add_sender(sender)
    limiter = outbox._limiters["console"]
    taken = 0
    real = limiter.acquire

    async def acquire() -> None:
        nonlocal taken
        taken += 1
        await real()

    monkeypatch.setattr(limiter, "acquire", acquire)
    await outbox.drain("console")
    assert len(sender.asked) == 3 and len(sender.sent) == 3
    assert taken == 6  # each look-up and each send waited for the pacer
