"""Slack misbehaving: a storm of 429s, timeouts and 5xx; Slack unreachable while a round is due.

A running Hearth with its Slack adapter (HTTP mode) against the local fake
Slack, drained on a hand-moved clock. Whatever Slack does, every message
arrives in the end and none arrives twice.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta, timezone

from bot.events import Reply, reply_to_json, rich
from bot.models import Outgoing
from bot.scheduling.runner import RoundScheduler
from tests.adapters.slack.conftest import ANN, BOB, CY, DEE, adapter, fake, side  # noqa: F401  (fixtures)
from tests.adapters.slack.test_round import create_schedule_in_modal


def dm(user: str, text: str) -> Outgoing:
    return Outgoing(f"test:dm:{user}", "dm", {"user": f"slack:{user}"}, reply_to_json(Reply(body=rich(text))))


def post(channel: str, text: str) -> Outgoing:
    return Outgoing(f"test:{channel}", "post", {"channel": f"slack:{channel}"},
                    reply_to_json(Reply(body=rich(text), visibility="channel")))


def arrived(fake) -> Counter:
    """Messages that reached each conversation."""
    return Counter({channel: len(messages) for channel, messages in fake.history.items()})


async def drain_until_settled(app, clock, rounds: int = 30) -> None:
    """Drain, move the clock past any back-off, again, until nothing is pending."""
    for _ in range(rounds):
        await app.outbox.drain_all()
        if "pending" not in await app.store.outbox.counts():
            return
        clock.advance(timedelta(minutes=10))
    raise AssertionError(f"still pending after {rounds} rounds: {await app.store.outbox.counts()}")


async def test_a_storm_of_429s_timeouts_and_5xx_delivers_everything_once(app, clock, fake, adapter):
    adapter.sender.client.timeout = 0.5  # so a stalled answer is a timeout, quickly
    people = [f"U{i:03d}" for i in range(20)]
    closed = "U007"
    fake.dm_closed.add(closed)
    fake.fail("conversations.open", status=503, error="service_unavailable", times=2)
    fake.fail("chat.postMessage", status=429, retry_after=1, times=2)
    fake.fail("chat.postMessage", status=500, error="internal_error", times=3)
    fake.fail("chat.postMessage", status=502, error="bad_gateway", times=2)
    fake.stall("chat.postMessage", 1.0, times=3)  # done by Slack, but the answer comes after the timeout
    await app.store.outbox.enqueue([post("C0GENERAL", "Check-in time")] + [dm(u, f"hello {u}") for u in people], app.now())

    await drain_until_settled(app, clock)

    # The storm really happened.
    assert len(fake.called("chat.postMessage!failed")) >= 7 and len(fake.called("conversations.open!failed")) == 2
    assert fake.called("conversations.history"), "the timed-out sends were checked with Slack before retrying"
    # Everyone with open DMs got theirs exactly once; the channel post went out once.
    got = arrived(fake)
    assert got["C0GENERAL"] == 1
    assert {ch: n for ch, n in got.items() if ch.startswith("D")} == {f"D{u[1:]}": 1 for u in people if u != closed}
    # The closed DM was refused once, marked failed with the reason, and is not retried.
    assert await app.store.outbox.counts() == {"sent": len(people), "failed": 1}
    [row] = await app.store.db.fetchall("SELECT target, last_error FROM outbox WHERE status = 'failed'")
    assert closed in row["target"] and "cannot_dm_bot" in row["last_error"]
    tries = len([c for c in fake.called("chat.postMessage!failed") if c["channel"] == f"D{closed[1:]}"])
    clock.advance(timedelta(days=1))
    await app.outbox.drain_all()
    assert len([c for c in fake.called("chat.postMessage!failed") if c["channel"] == f"D{closed[1:]}"]) == tries


async def test_a_round_due_while_slack_is_unreachable_waits_and_goes_out_once(app, clock, fake, side):
    schedule = await create_schedule_in_modal(app, fake, side)
    for user in (ANN, BOB, CY, DEE):
        await side.command(user, "checkin join mornings")
    await fake.wait_for("response_url", 4)
    before = arrived(fake)
    port = fake.port
    await fake.stop()  # Slack can't be reached: connections are refused

    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    assert (await RoundScheduler(app).run_pending())["opened"] == 1
    for _ in range(3):  # a while of outage: transient failures, retried with back-off
        result = await app.outbox.drain_all()
        assert result.sent == 0 and result.failed == 0
        clock.advance(timedelta(minutes=2))
    waiting = await app.store.db.fetchall("SELECT attempts FROM outbox WHERE status = 'pending'")
    assert len(waiting) == 5 and all(r["attempts"] >= 1 for r in waiting)  # the post and four DMs

    await fake.start(port)  # Slack is back, at the same address
    await drain_until_settled(app, clock)
    got = arrived(fake) - before
    assert got == Counter({"C0GENERAL": 1, "DANN": 1, "DBOB": 1, "DCY": 1, "DDEE": 1})
    assert await app.store.outbox.counts() == {"sent": 5}
    rows = await app.store.db.fetchall("SELECT post_ref FROM rounds WHERE schedule_id = ?", schedule.id)
    assert len(rows) == 1 and rows[0]["post_ref"] == fake.history["C0GENERAL"][-1]["ts"]


async def test_slacks_retry_after_binds_every_call_to_the_method_take_over_look_ups_and_other_processes_too(
        app, clock, fake, adapter):
    """A 429 on the history look-up a taken-over claim needs is waited out by every other look-up too; a 429
    on chat.postMessage holds back another Hearth process's chat.postMessage until Slack's wait is over."""
    from adapters.slack.sender import SlackSender
    from bot.delivery.outbox import Outbox

    await app.store.outbox.enqueue([dm(u, f"hello {u}") for u in (ANN, BOB, CY)], app.now())
    await app.store.outbox.claim_due("slack", app.now(), 3, "dead-proc", timedelta(seconds=60))  # died holding them
    clock.advance(timedelta(seconds=61))
    fake.fail("conversations.history", status=429, retry_after=2, times=1)
    await app.outbox.drain_all()
    assert len(fake.called("conversations.history!failed")) == 1
    assert not fake.called("conversations.history"), "looked up again while Slack's Retry-After still ran"
    clock.advance(timedelta(seconds=1.9))
    await app.outbox.drain_all()
    assert not fake.called("conversations.history") and not fake.called("chat.postMessage")
    clock.advance(timedelta(seconds=0.1))
    await app.outbox.drain_all()
    assert len(fake.called("conversations.history")) == 3  # each still looked up before being sent
    assert {ch: n for ch, n in arrived(fake).items()} == {"DANN": 1, "DBOB": 1, "DCY": 1}

    fake.fail("chat.postMessage", status=429, retry_after=1, times=1)
    await app.store.outbox.enqueue([dm(DEE, "hello Dee")], app.now())
    await app.outbox.drain_all()
    assert len(fake.called("chat.postMessage!failed")) == 1
    other = Outbox(app.store.outbox, clock, holder="another-process")  # a second Hearth on the same store
    other.add_sender(SlackSender(adapter.sender.client, channel_interval=0.0))
    await app.store.outbox.enqueue([dm("UEVE", "hello Eve")], app.now())
    await other.drain_all()
    assert len(fake.called("chat.postMessage")) == 3  # no call to it until the wait is over
    clock.advance(timedelta(seconds=1))
    await other.drain_all()
    assert arrived(fake)["DDEE"] == 1 and arrived(fake)["DEVE"] == 1
