"""Changes to one platform message go out in the order they were made: the post shows what is true now."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from bot.delivery.outbox import LATE_LANDING, Outbox
from bot.delivery.sender import Delivery, PermanentFailure
from bot.events import Reply, reply_to_json, rich
from bot.models import Outgoing
from bot.store.outbox import ALREADY_DELETED, SUPERSEDED
from tests.bot.flows.test_checkins import open_round
from tests.conftest import actor, run
from tests.fakes import RecordingSender

CHANNEL = "console:c1"


class Channel:
    """A platform's channel: posts by id, each edit applied when its call ends (late calls land last)."""

    def __init__(self, slow: str | None = None, fail_once: str | None = None) -> None:
        self.platform = "console"
        self.rate_per_second = 1000.0
        self.posts: dict[str, str] = {"m1": "posted"}
        self.calls: list[tuple[str, str]] = []  # (kind, words) in the order the calls began
        self.slow = slow  # the words whose edit takes a while (the network held it up)
        self.fail_once = fail_once  # the words whose first edit times out
        self.release = asyncio.Event()
        self.release.set()

    async def send(self, delivery: Delivery) -> str | None:
        words = delivery.message.body.plain() if delivery.message.body else ""
        self.calls.append((delivery.kind, words))
        if words == self.slow:
            await asyncio.sleep(0.05)
            await self.release.wait()
        if words == self.fail_once:
            self.fail_once = None
            raise TimeoutError("the platform did not answer")
        if delivery.ref not in self.posts:
            raise PermanentFailure("unknown message")
        if delivery.kind == "delete":
            del self.posts[delivery.ref]
        else:
            self.posts[delivery.ref] = words
        return delivery.ref


def edit(n: int, words: str) -> Outgoing:
    return Outgoing(f"test:edit:{n}", "edit", {"channel": CHANNEL, "ref": "m1"},
                    reply_to_json(Reply(body=rich(words), visibility="channel")))


def delete(n: int) -> Outgoing:
    return Outgoing(f"test:delete:{n}", "delete", {"channel": CHANNEL, "ref": "m1"}, reply_to_json(Reply()))


async def rows(app) -> list[tuple[str, str, str | None]]:  # type: ignore[no-untyped-def]
    found = await app.store.db.fetchall("SELECT kind, status, last_error FROM outbox ORDER BY id")
    return [(r["kind"], r["status"], r["last_error"]) for r in found]


def outbox_for(app, clock, channel: Channel, holder: str = "proc-a") -> Outbox:  # type: ignore[no-untyped-def]
    outbox = Outbox(app.store.outbox, clock, holder=holder)
    outbox.add_sender(channel)  # type: ignore[arg-type]
    return outbox


async def test_two_quick_edits_leave_the_post_saying_the_newer_words_even_if_the_first_call_is_slow(app, clock):
    channel = Channel(slow="first words")
    await app.store.outbox.enqueue([edit(1, "first words")], clock.now())
    await app.store.outbox.enqueue([edit(2, "second words")], clock.now())
    await outbox_for(app, clock, channel).drain_all()
    assert channel.posts == {"m1": "second words"}
    assert channel.calls == [("edit", "second words")]  # the older edit was stale before it went: not sent
    assert await rows(app) == [("edit", "sent", SUPERSEDED), ("edit", "sent", None)]


async def test_an_edit_queued_while_an_older_one_is_on_the_wire_waits_for_it_in_every_process(app, clock):
    channel = Channel(slow="first words")
    channel.release.clear()
    a, b = outbox_for(app, clock, channel, "proc-a"), outbox_for(app, clock, channel, "proc-b")
    await app.store.outbox.enqueue([edit(1, "first words")], clock.now())
    first = asyncio.create_task(a.drain("console"))
    while not channel.calls:
        await asyncio.sleep(0.01)
    await app.store.outbox.enqueue([edit(2, "second words")], clock.now())
    assert (await b.drain("console")).sent == 0  # not past the one still out
    channel.release.set()
    assert (await first).sent == 1
    await b.drain_all()
    assert channel.calls == [("edit", "first words"), ("edit", "second words")]
    assert channel.posts == {"m1": "second words"}


async def test_an_edit_after_a_delete_is_skipped_not_failed_nor_retried(app, clock):
    channel = Channel(slow="posted")  # (nothing is slow here)
    await app.store.outbox.enqueue([delete(1)], clock.now())
    await app.store.outbox.enqueue([edit(2, "too late")], clock.now())
    result = await outbox_for(app, clock, channel).drain_all()
    assert channel.calls == [("delete", "")] and channel.posts == {}
    assert result.failed == 0 and result.retried == 0 and result.skipped == 1
    assert await rows(app) == [("delete", "sent", None), ("edit", "sent", ALREADY_DELETED)]
    assert (await app.store.outbox.counts()) == {"sent": 2}  # nothing "given up" for anyone to worry about


async def test_a_delete_wins_over_an_edit_queued_before_it(app, clock):
    channel = Channel()
    await app.store.outbox.enqueue([edit(1, "changed")], clock.now())
    await app.store.outbox.enqueue([delete(2)], clock.now())
    await outbox_for(app, clock, channel).drain_all()
    assert channel.calls == [("delete", "")] and channel.posts == {}
    assert await rows(app) == [("edit", "sent", SUPERSEDED), ("delete", "sent", None)]


async def test_an_edit_retrying_after_a_timeout_is_skipped_once_a_newer_edit_is_queued(app, clock):
    channel = Channel(fail_once="first words")
    outbox = outbox_for(app, clock, channel)
    await app.store.outbox.enqueue([edit(1, "first words")], clock.now())
    assert (await outbox.drain("console")).retried == 1  # backing off for a second or more
    await app.store.outbox.enqueue([edit(2, "second words")], clock.now())
    await outbox.drain_all()  # no need to wait out the older one's back-off: it is stale, and skipped at once
    assert channel.posts == {"m1": "posted"}  # (the newer one waits a moment: the timed-out call may yet land)
    clock.advance(LATE_LANDING)
    await outbox.drain_all()
    assert channel.posts == {"m1": "second words"}
    assert channel.calls == [("edit", "first words"), ("edit", "second words")]
    assert await rows(app) == [("edit", "sent", SUPERSEDED), ("edit", "sent", None)]


async def test_changes_of_different_messages_and_dms_still_go_out_together(app, clock):
    other = Outgoing("test:edit:other", "edit", {"channel": CHANNEL, "ref": "m2"},
                     reply_to_json(Reply(body=rich("other"), visibility="channel")))
    dms = [Outgoing(f"test:dm:{i}", "dm", {"user": f"console:u{i}"}, reply_to_json(Reply(body=rich("hi"))))
           for i in range(3)]
    await app.store.outbox.enqueue([edit(1, "one"), other, *dms], clock.now())
    claimed = await app.store.outbox.claim_due("console", clock.now(), 10, "proc-a", timedelta(seconds=60))
    assert len(claimed) == 5  # one claim: nothing waits on anything else


class ScramblingSender(RecordingSender):
    """The network holds up each edit that says `slow` a while: sent together, it lands after later ones."""

    def __init__(self, slow: str) -> None:
        super().__init__("console")
        self.slow = slow

    async def send(self, delivery: Delivery) -> str | None:
        if delivery.kind == "edit" and self.slow in delivery.message.plain():
            await asyncio.sleep(0.05)
        return await super().send(delivery)


async def test_a_member_changing_their_shared_answer_twice_quickly_leaves_their_newest_words_up(app, clock):
    await open_round(app, clock)
    ann = actor("ann")
    await run(app, ann, "checkin answer", mood="4", visibility="shared", words="first thoughts")
    await app.outbox.drain_all()
    sender = ScramblingSender(slow="second thoughts")
    app.outbox.add_sender(sender)
    await run(app, ann, "checkin answer", mood="4", visibility="shared", words="second thoughts")
    await run(app, ann, "checkin answer", mood="4", visibility="shared", words="third thoughts")
    await app.outbox.drain_all()
    edits = [d.message.plain() for d in sender.sent if d.kind == "edit"]
    assert edits and "third thoughts" in edits[-1]  # what the channel shows: the last edit to land
    assert not any("second thoughts" in e for e in edits)  # stale before it went: skipped


class LateChannel(Channel):
    """The first edit of `late` times out, but the platform got it: it lands a moment later, after the call."""

    def __init__(self, late: str) -> None:
        super().__init__()
        self.late = late
        self.landed = asyncio.Event()

    async def send(self, delivery: Delivery) -> str | None:
        words = delivery.message.body.plain() if delivery.message.body else ""
        if words == self.late:
            self.late = ""
            self.calls.append((delivery.kind, words))

            async def lands() -> None:
                await asyncio.sleep(0.2)
                self.posts[delivery.ref or ""] = words
                self.landed.set()

            asyncio.get_running_loop().create_task(lands())
            raise TimeoutError("the platform did not answer")
        return await super().send(delivery)


async def test_an_edit_that_timed_out_cannot_land_after_the_newer_edit(app, clock):
    """Its call never answered, but the platform took it: the newer edit waits long enough to land after it."""
    channel = LateChannel(late="first words")
    outbox = outbox_for(app, clock, channel)
    await app.store.outbox.enqueue([edit(1, "first words")], clock.now())
    assert (await outbox.drain("console")).retried == 1
    await app.store.outbox.enqueue([edit(2, "second words")], clock.now())
    await outbox.drain_all()  # the stale one is skipped; the newer one waits for a late landing
    assert channel.calls == [("edit", "first words")]
    await asyncio.wait_for(channel.landed.wait(), 5)
    clock.advance(LATE_LANDING)
    await outbox.drain_all()
    assert channel.posts == {"m1": "second words"}  # the newer words, not the late ones
    assert await rows(app) == [("edit", "sent", SUPERSEDED), ("edit", "sent", None)]
