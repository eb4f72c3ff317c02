"""Drains the transactional outbox through the adapters' senders.

Rounds write their messages into the outbox in the same transaction that
opens them; this loop sends them, paced to the platform's rate, retrying
transient failures with back-off, honouring Retry-After, and marking each
entry sent with the platform's message id so nothing goes out twice.
"""

from __future__ import annotations

import asyncio
import logging
import os
import random
import socket
import time
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from datetime import datetime
from typing import Awaitable, Callable, Collection, Protocol

from bot.clock import Clock, elapsed
from bot.delivery.sender import Delivery, PermanentFailure, RetryLater, Sender, WaitingOut
from bot.delivery.waits import SharedWaits, WaitsStore
from bot.events import reply_from_json
from bot.metrics import Metrics
from bot.models import Outgoing, OutboxEntry
from bot.disk import is_disk_full

log = logging.getLogger(__name__)

#: Stop starting sends this many seconds before a claim runs out.
LEASE_MARGIN = 5.0
#: A claim holds about this many seconds of sending at the platform's pace.
CLAIM_SECONDS = 1.0
#: How often a serving process says it is alive (hearth.runtime.heartbeat), and how long
#: unheard before it counts as gone: for `hearth status`, and for taking its claims over.
#: "Unheard" is measured by whoever watches, on its own monotonic clock (the beat count
#: stopped changing), never by comparing wall-clock stamps: a clock step is not a death.
HEARTBEAT = timedelta(seconds=5)
ALIVE_WITHIN = timedelta(seconds=15)
#: How long a thread reply or an edit waits for the message it hangs on.
PARENT_PATIENCE = timedelta(hours=6)


class OutboxStore(WaitsStore, Protocol):
    """The few store calls the outbox makes (`bot.store.outbox.OutboxRepository` answers them all)."""

    async def claim_due(self, platform: str, now: datetime, limit: int, holder: str, lease: timedelta,
                        dead: Collection[str] = ()) -> list[OutboxEntry]: ...
    async def process_beats(self) -> dict[str, int]: ...
    async def mark_sent(self, entry: OutboxEntry, message_ref: str | None, now: datetime) -> None: ...
    async def mark_retry(self, entry_id: int, error: str, next_at: datetime) -> None: ...
    async def postpone(self, entry_id: int, next_at: datetime, keep_claim: bool = False) -> None: ...
    async def mark_failed(self, entry_id: int, error: str, not_allowed: bool = False) -> None: ...
    async def mark_refused(self, entry: OutboxEntry, error: str, notes: list[Outgoing], now: datetime,
                           not_allowed: bool = False, holder: str | None = None) -> bool: ...
    async def mark_change_refused(self, entry: OutboxEntry, error: str, notes: list[Outgoing], now: datetime,
                                  not_allowed: bool = False, holder: str | None = None) -> bool: ...
    async def skip_reason(self, entry: OutboxEntry) -> str | None: ...
    async def mark_skipped(self, entry_id: int, why: str, now: datetime) -> None: ...
    async def hold_behind(self, entry: OutboxEntry, until: datetime) -> int: ...
    async def mark_dms_closed(self, user_id: str, now: datetime) -> None: ...
    async def dms_closed(self, user_id: str) -> bool: ...
    async def round_post_ref(self, round_id: int) -> str | None: ...
    async def round_post_state(self, round_id: int) -> tuple[str, str, bool] | None: ...
    async def response_post_ref(self, response_id: int, anonymous: bool = False) -> str | None: ...
    async def care_note_post_ref(self, note_id: int) -> str | None: ...


#: An outbox target's key: the time after which its message is no longer true, so not sent (`bot.engines.rounds`).
UNTIL = "until"
#: Why such a message was not sent.
NO_LONGER_TRUE = "no longer true: its round closed, or closes within a minute"

#: How long a call whose answer never came (a timeout) may still land on the platform: the next change of the same
#: message waits this long, so that it, not the late one, is what the message shows.
LATE_LANDING = timedelta(seconds=30)

#: Why a DM to a member whose DMs are known to be closed was not sent.
DMS_CLOSED = "this member's DMs were closed; waiting until they join again"


#: How a failure the platform gave as "Hearth may not post there" (`PermanentFailure.not_allowed`) begins in the
#: outbox row's `last_error`, for the operator who reads it. What Hearth goes by is the row's `not_allowed` flag
#: (0030; `round_post_state`), never this text.
NOT_ALLOWED = "not allowed to post there: "


def failure_text(err: PermanentFailure) -> str:
    """A permanent failure as the outbox row keeps it (`NOT_ALLOWED` first, if the platform said so)."""
    return (NOT_ALLOWED if err.not_allowed else "") + str(err)


def carries_answer(entry: OutboxEntry) -> bool:
    """A new post of a member's answer (named or anonymous): their own words, put before the group."""
    return entry.kind in ("post", "thread") and entry.response_id is not None


def changes_members_post(entry: OutboxEntry) -> bool:
    """An edit or a removal of a post of a member's answer: what Hearth told them it would do to their words in
    public. If it fails for good, they are told it didn't (`Outbox.change_refusals`). A removal whose answer row is
    gone (their erasure) still says whom to tell (`tell`)."""
    return entry.kind in ("edit", "delete") and (entry.changed_answer is not None or
                                                 (entry.kind == "delete" and entry.tell is not None))


class RateLimiter:
    """Paces sends so that no one-second window holds more than `rate` of them.

    A token bucket is the pacer. Its burst is small on purpose: a bucket as
    deep as its rate lets the full bucket and then a second's refill out in
    the first second — twice the rate, which a platform that counts requests
    per second answers with 429s (bench/README.md, "fanout"). Here the bucket
    refills at `rate × (1 - HEADROOM)` and holds `rate × BURST` tokens, so any
    second carries at most 97 % of `rate`: the rest is room for the jitter the
    network adds between our clock and the platform's.
    """

    HEADROOM = 0.05
    BURST = 0.02

    def __init__(self, rate: float, burst: int | None = None) -> None:
        self.rate = rate
        self.refill = rate * (1 - self.HEADROOM)
        # Not rounded down: at 83/s (R = 250 shared by three processes) a bucket of exactly 1 lost every late
        # wake-up's overshoot, and the process paced at 74/s instead of 79; 1.66 tokens bank it.
        self.capacity = float(burst or max(1.0, rate * self.BURST))
        self.tokens = self.capacity
        self.updated = time.monotonic()
        self._lock = asyncio.Lock()

    async def acquire(self) -> None:
        async with self._lock:
            while True:
                now = time.monotonic()
                self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.refill)
                self.updated = now
                if self.tokens >= 1:
                    self.tokens -= 1
                    return
                await asyncio.sleep((1 - self.tokens) / self.refill)

    def refund(self) -> None:
        """A call that was never made (a 429's wait still held it back) gives its token back."""
        self.tokens = min(self.capacity, self.tokens + 1)

    def pause(self, seconds: float) -> None:
        """After a 429: spend the bucket so everyone waits out Retry-After."""
        self.tokens = min(self.tokens, -seconds * self.refill)


@dataclass
class DrainResult:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    waiting: int = 0
    #: Done with, not sent: a newer change of the same message was queued, or the message is gone.
    skipped: int = 0
    dm_closed: list[str] = field(default_factory=list)


class Outbox:
    """One delivery loop per platform; `kick()` wakes them when work arrives."""

    def __init__(self, store: OutboxStore, clock: Clock, max_attempts: int = 8, concurrency: int = 32,
                 holder: str | None = None, lease: timedelta = timedelta(seconds=60)) -> None:
        self.store = store
        self.clock = clock
        self.max_attempts = max_attempts
        self.concurrency = concurrency
        #: Who this process is when it claims entries (several processes may share the outbox).
        self.holder = holder or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.lease = lease
        #: While heartbeats run (hearth.runtime.heartbeat): the time (`elapsed(clock)`) until which the
        #: others still count this process alive. Past it, they may take its claims, so it sends nothing.
        self.alive_until: float | None = None
        #: Claims made before this (`elapsed(clock)`) are void: we stopped counting ourselves alive since.
        self._alive_since = float("-inf")
        #: Entries this process is sending now. A clock step can make its own claims look run out;
        #: claiming them again must not send them twice (a process never competes with itself).
        self._in_hand: set[int] = set()
        #: Other processes' beat counts as last seen, and when (`elapsed(clock)`) each last changed.
        self._beats: dict[str, tuple[int, float]] = {}
        self.senders: dict[str, Sender] = {}
        self._limiters: dict[str, RateLimiter] = {}
        self._waits: dict[str, SharedWaits] = {}
        self._draining: dict[str, asyncio.Lock] = {}
        self._wake = asyncio.Event()
        self.metrics = Metrics()
        #: Set by `stop_taking()` on a clean stop: claim nothing more, start no send not already on the wire.
        self.stopping = False
        self._told_full = False
        #: Sent, but the store could not record it (a full disk): never handed back as unsent, and never sent
        #: again by this process: when its claim comes back, only the record is retried (with the message id).
        self._unrecorded: dict[int, str | None] = {}
        #: Set by the core (`bot.app`): for a post carrying a member's answer that the platform refused for good,
        #: what tells its author, privately (`bot.engines.rounds.refused_notes`); the store then marks the answer
        #: not posted and queues that, with the entry's failure, in one go (`mark_refused`).
        self.refusals: Callable[[OutboxEntry, str, bool], Awaitable[list[Outgoing]]] | None = None
        #: Likewise for an edit or a removal of a member's post that failed for good (`changes_members_post`): the
        #: post still shows their earlier words, or is still up. What tells them (`bot.engines.rounds.
        #: change_refused_notes`); the store marks the answer and queues it in one go (`mark_change_refused`).
        self.change_refusals: Callable[[OutboxEntry, str, bool], Awaitable[list[Outgoing]]] | None = None

    def add_sender(self, sender: Sender) -> None:
        self.senders[sender.platform] = sender
        self._limiters[sender.platform] = RateLimiter(sender.rate_per_second)
        self._waits[sender.platform] = SharedWaits(self.store, self.clock, sender.platform)
        self._draining[sender.platform] = asyncio.Lock()
        if hasattr(sender, "gate"):  # it guards each of its own calls (Sender's docstring)
            sender.gate = self._waits[sender.platform].check  # type: ignore[attr-defined]

    def kick(self) -> None:
        self._wake.set()

    def stop_taking(self) -> None:
        """A clean stop: sends already on the wire finish; what is claimed but not started stays for
        `release_claims` to hand back, and `run` returns once its pass is done."""
        self.stopping = True
        self._wake.set()

    @property
    def in_hand(self) -> frozenset[int]:
        """The entries this process is sending right now, or sent without the store recording it: a clean stop
        leaves their claims to run out, so whoever takes them over asks the platform before sending again."""
        return frozenset(self._in_hand | set(self._unrecorded))

    async def run(self, idle_seconds: float = 1.0) -> None:
        """Forever: drain what is due, then sleep until kicked or a second passes."""
        while not self.stopping:
            busy = False
            for platform in list(self.senders):
                try:
                    result = await self.drain(platform)
                except Exception as err:  # never let one bad batch stop delivery
                    if not is_disk_full(err):
                        log.exception("delivery loop error on %s", platform)
                    elif not self._told_full:
                        log.error("delivery on %s waits: the disk under the database is full", platform)
                    self._told_full = is_disk_full(err)
                    result = DrainResult()
                else:
                    self._told_full = False
                busy = busy or result.sent + result.retried + result.failed + result.skipped > 0
            if busy:
                continue
            self._wake.clear()
            if self.stopping:
                break
            try:
                await asyncio.wait_for(self._wake.wait(), idle_seconds)
            except asyncio.TimeoutError:
                pass

    async def drain(self, platform: str, batch: int = 500) -> DrainResult:
        """Send every entry due now for one platform; returns what happened."""
        sender = self.senders.get(platform)
        result = DrainResult()
        if sender is None:
            return result
        # One pipeline per platform in this process (claims already keep processes apart).
        async with self._draining[platform]:
            await self._drain(sender, platform, batch, result)
        return result

    async def _drain(self, sender: Sender, platform: str, batch: int, result: DrainResult) -> None:
        """Keep `concurrency` sends in flight until nothing more is due.

        Entries are claimed a batch at a time (claimed ones are invisible to
        other processes and to the next claim), and the next batch is claimed
        while the last sends of this one are still out, so a long fan-out never
        waits for a batch's slowest answers (bench/README.md, "fanout").
        """
        # Claim about a second's sending at a time (never more than fits well within the lease, or another
        # process could take them over). Processes sharing a fan-out then run out of work within a second of
        # each other: with claims of 500 at R/3 each, the last one still had 6 s to go while the others
        # sat idle (bench/README.md, "fanout-pg").
        batch = max(1, min(batch, int(sender.rate_per_second * CLAIM_SECONDS),
                           int(sender.rate_per_second * self.lease.total_seconds() / 2)))
        gate = asyncio.Semaphore(self.concurrency)
        # Only the sends still out: a long fan-out made thousands of tasks, and holding all of them to the end
        # cost memory, the garbage collector's time, and a 50 ms stall gathering them (bench/README.md, "stall").
        running: set[asyncio.Task[None]] = set()
        failures: list[BaseException] = []

        def finished(task: asyncio.Task[None]) -> None:
            running.discard(task)
            if not task.cancelled() and task.exception() is not None:
                failures.append(task.exception())  # type: ignore[arg-type]

        async def one(entry: OutboxEntry, claimed_at: float) -> None:
            try:
                if not self._still_ours(claimed_at):
                    result.waiting += 1  # our claim is running out: leave it for the next claim
                    return
                await self._deliver(sender, entry, result, lambda: self._still_ours(claimed_at))
            finally:
                gate.release()

        async def launch(entries: list[OutboxEntry], claimed_at: float) -> list[asyncio.Task[None]]:
            started = []
            for entry in entries:
                await gate.acquire()
                self._in_hand.add(entry.id)
                task = asyncio.create_task(one(entry, claimed_at))
                task.add_done_callback(lambda _, done=entry.id: self._in_hand.discard(done))  # also if cancelled
                started.append(task)
                running.add(task)  # at once: a stop while this batch is still starting must reach it
                task.add_done_callback(finished)
            return started

        try:
            while True:
                if self.stopping or not self._counted_alive():
                    break  # others may be taking our claims over: send nothing until the heartbeat is back
                dead = await self._dead_holders()
                claimed_at = elapsed(self.clock)
                # Ours, and being sent already: not started again. Those in hand when the claim began count too:
                # the claim may have read one as pending just before its send ended and it left the in-hand set
                # (after a wall-clock step our own leases look run out, so the claim takes them back).
                busy = set(self._in_hand)
                claimed = await self.store.claim_due(platform, self.clock.now(), batch, self.holder, self.lease, dead)
                entries = [e for e in claimed if e.id not in self._in_hand and e.id not in busy]
                entries = await self._record_unrecorded(entries, result)
                # New messages first, then what hangs on them (thread replies, edits), so a reply
                # claimed together with its round post need not wait for the next pass.
                first = [e for e in entries if e.kind in ("post", "dm")]
                later = [e for e in entries if e.kind not in ("post", "dm")]
                parents = await launch(first, claimed_at)
                if later:
                    await asyncio.gather(*parents)
                    await launch(later, claimed_at)
                if len(claimed) < batch:
                    break  # everything due was taken
        except BaseException:
            for task in running:
                task.cancel()
            if running:  # let them end before whoever stopped us closes the store under them
                await asyncio.wait(set(running))
            raise
        if running:
            await asyncio.wait(set(running))
        if failures:
            raise failures[0]

    def _counted_alive(self) -> bool:
        """False once our last recorded heartbeat is nearly too old: others may be taking our claims."""
        return self.alive_until is None or elapsed(self.clock) < self.alive_until - LEASE_MARGIN

    def _still_ours(self, claimed_at: float) -> bool:
        """May this process still send from a claim it made at `claimed_at` (`elapsed(clock)`)?

        Not once the claim is near its lease's end (a short lease, for tests and small
        deployments, keeps a third of itself as margin), nor while our heartbeat is
        nearly too old, nor ever if it lapsed since the claim: others may have taken it.
        """
        lease = self.lease.total_seconds()
        deadline = lease - min(LEASE_MARGIN, lease / 3)
        return (elapsed(self.clock) - claimed_at <= deadline and claimed_at >= self._alive_since
                and self._counted_alive() and not self.stopping)

    def expect_heartbeats(self) -> None:
        """A serving process: send nothing until its first heartbeat is in the store."""
        self.alive_until = elapsed(self.clock)

    def beat_recorded(self, started: float) -> None:
        """A heartbeat begun at `started` (`elapsed(clock)`) is in the store.

        The others count us alive until ALIVE_WITHIN after it. If we had
        already stopped counting ourselves alive, they may have taken our
        claims meanwhile: every claim made before now is void.
        """
        if not self._counted_alive():
            self._alive_since = elapsed(self.clock)
        self.alive_until = started + ALIVE_WITHIN.total_seconds()

    async def _dead_holders(self) -> list[str]:
        """Processes whose heartbeat count has not changed for ALIVE_WITHIN, as this process watched it.

        Timed on our own monotonic clock, so no step of any wall clock (ours,
        theirs, the database's) makes a live process look dead. A process seen
        for the first time is watched for ALIVE_WITHIN before it counts as gone.
        """
        now = elapsed(self.clock)
        beats = await self.store.process_beats()
        for holder, count in beats.items():
            seen = self._beats.get(holder)
            if seen is None or seen[0] != count:
                self._beats[holder] = (count, now)
        for holder in set(self._beats) - set(beats):
            del self._beats[holder]  # stopped cleanly: its row is gone, and its leases say the rest
        quiet = ALIVE_WITHIN.total_seconds()
        return [h for h, (_, since) in self._beats.items() if h != self.holder and now - since >= quiet]

    async def drain_all(self, rounds: int = 20) -> DrainResult:
        """Drain every platform until nothing more is due now (tests, demo)."""
        total = DrainResult()
        for _ in range(rounds):
            moved = 0
            for platform in list(self.senders):
                r = await self.drain(platform)
                total.sent += r.sent
                total.retried += r.retried
                total.failed += r.failed
                total.dm_closed += r.dm_closed
                total.skipped += r.skipped
                moved += r.sent + r.failed + r.skipped
            if moved == 0:
                break
        return total

    async def _deliver(self, sender: Sender, entry: OutboxEntry, result: DrainResult,
                       still_ours: Callable[[], bool]) -> None:
        if entry.subject is not None and await self._skipped(entry, result):
            return
        if self._no_longer_true(entry):
            log.info("outbox entry %s not sent: it was true only until %s", entry.id, entry.target[UNTIL])
            result.skipped += 1
            self.metrics.add("sends", "skipped")
            await self.store.mark_skipped(entry.id, NO_LONGER_TRUE, self.clock.now())
            return
        delivery = await self._resolve(entry)
        if delivery is None:
            # An answer's post whose round post failed for good, or was skipped, can never go up either: its member
            # is told now (why, only if the platform said Hearth may not post there), and the answer marked not
            # posted. One whose round post is still on its way (a platform's outage, Hearth down for hours) waits
            # for it, however long: the round post has its own end (`_retry`), and then this one is told.
            telling = self.refusals is not None and carries_answer(entry)
            state = await self.store.round_post_state(entry.round_id) \
                if telling and entry.round_id is not None else None
            if state is not None and state[0] in ("failed", "skipped"):
                result.failed += 1
                await self._refused(entry, "the message it belongs to was never sent: " + state[1], state[2])
                return
            on_its_way = state is not None and state[0] == "pending"
            if not on_its_way and entry.created_at and self.clock.now() - entry.created_at > PARENT_PATIENCE:
                result.failed += 1
                if telling:
                    await self._refused(entry, "the message it belongs to was never sent", False)
                else:
                    await self.store.mark_failed(entry.id, "the message it belongs to was never sent")
                return
            result.waiting += 1
            await self.store.postpone(entry.id, self.clock.now() + timedelta(seconds=1))
            return
        if delivery.kind == "dm" and delivery.user and not delivery.channel and \
                await self.store.dms_closed(delivery.user):  # (with a channel, the sender shows it there instead)
            result.failed += 1  # queued before their DMs were found closed: not sent into the wall again
            await self.store.mark_failed(entry.id, DMS_CLOSED)
            return
        if entry.previous_holder and await self._already_sent(sender, entry, delivery, result, still_ours):
            return
        if not await self._may_call(sender, result, still_ours):
            return
        try:
            if not hasattr(sender, "gate"):
                await self._waits[sender.platform].check("")
            ref = await sender.send(delivery)
        except RetryLater as wait:
            await self._wait_out(sender.platform, entry, wait, result, keep_claim=False)
        except PermanentFailure as err:
            result.failed += 1
            self.metrics.add("sends", "dm_closed" if err.dm_closed else "failed")
            if err.dm_closed and delivery.user:  # a member fact: round DMs skip them until they join again
                result.dm_closed.append(delivery.user)
                await self.store.mark_dms_closed(delivery.user, self.clock.now())
            log.info("outbox entry %s failed for good: %s", entry.id, err)
            why = failure_text(err)
            if not err.dm_closed and self.refusals is not None and carries_answer(entry):
                await self._refused(entry, why, err.not_allowed)
            elif not err.dm_closed and not err.gone and self.change_refusals is not None and \
                    changes_members_post(entry):
                await self._change_refused(entry, why, err.not_allowed)
            else:
                await self.store.mark_failed(entry.id, why, err.not_allowed)
        except Exception as err:  # transient: network, 5xx, timeouts
            await self._retry(entry, err, result)
        else:
            result.sent += 1
            self.metrics.add("sends", "ok")
            try:
                await self.store.mark_sent(entry, ref, self.clock.now())
            except Exception:
                self._unrecorded[entry.id] = ref
                raise
            self._unrecorded.pop(entry.id, None)

    async def _refused(self, entry: OutboxEntry, why: str, not_allowed: bool) -> None:
        """A post of a member's answer that can never go up: the core says what tells them (`refusals`; why, only
        if `not_allowed`: the platform said Hearth may not post there), and the store marks the answer not posted
        and queues that with the entry's failure (`mark_refused`)."""
        assert self.refusals is not None
        notes = await self.refusals(entry, why, not_allowed)
        if await self.store.mark_refused(entry, why, notes, self.clock.now(), not_allowed, self.holder) and notes:
            self.kick()

    async def _change_refused(self, entry: OutboxEntry, why: str, not_allowed: bool) -> None:
        """An edit or a removal of a member's post that can never go through: the core says what tells them
        (`change_refusals`), and the store marks it failed, the answer as its post now is, and queues that, once
        (`mark_change_refused`)."""
        assert self.change_refusals is not None
        notes = await self.change_refusals(entry, why, not_allowed)
        if await self.store.mark_change_refused(entry, why, notes, self.clock.now(), not_allowed, self.holder) \
                and notes:
            self.kick()

    def _no_longer_true(self, entry: OutboxEntry) -> bool:
        """A message true only until a time (a round's prompt or reminder: "there's still time"), now past it:
        it waited out a platform's outage, a restart or a jump of the clock, and would say what is no longer so."""
        until = entry.target.get(UNTIL)
        if not isinstance(until, str):
            return False
        try:
            return self.clock.now() >= datetime.fromisoformat(until)
        except ValueError:
            return False

    async def _record_unrecorded(self, entries: list[OutboxEntry], result: DrainResult) -> list[OutboxEntry]:
        """Of entries just claimed, those this process sent but could not record (a full disk) are recorded now,
        with the message id the platform gave, and not sent again; the rest are returned to be sent."""
        if not self._unrecorded:
            return entries
        left = []
        for entry in entries:
            if entry.id not in self._unrecorded:
                left.append(entry)
                continue
            await self.store.mark_sent(entry, self._unrecorded[entry.id], self.clock.now())  # raises while still full
            del self._unrecorded[entry.id]
            result.sent += 1
        return left

    async def _skipped(self, entry: OutboxEntry, result: DrainResult, in_doubt: bool = False) -> bool:
        """An edit a newer change of the same message makes stale, or an edit or delete of a message already
        deleted: done with, not sent (`OutboxRepository.skip_reason`).

        A stale edit tried before without an answer (`in_doubt`, or a retry: a timeout) may still land on the
        platform: what comes after it waits `LATE_LANDING`, so the late one can't overwrite it."""
        why = await self.store.skip_reason(entry)
        if why is None:
            return False
        log.info("outbox entry %s not sent (%s)", entry.id, why)
        result.skipped += 1
        self.metrics.add("sends", "skipped")
        await self.store.mark_skipped(entry.id, why, self.clock.now())
        if in_doubt or entry.attempts > 0:
            await self.store.hold_behind(entry, self.clock.now() + LATE_LANDING)
        return True

    async def _may_call(self, sender: Sender, result: DrainResult, still_ours: Callable[[], bool]) -> bool:
        """Wait for the pacer, then check the claim is still ours: the pacer may have held us a while."""
        await self._limiters[sender.platform].acquire()
        if still_ours():
            return True
        result.waiting += 1  # left claimed: whoever claims it next asks the platform first, if it can
        return False

    async def _already_sent(self, sender: Sender, entry: OutboxEntry, delivery: Delivery,
                            result: DrainResult, still_ours: Callable[[], bool]) -> bool:
        """An earlier send may have got through before its process died: ask the platform.

        Senders that can look (`find_sent`) make delivery exactly-once across
        crashes; those that can't are sent again (at least once). The look-up
        is a platform call like a send: paced, and bound by any 429's wait.
        True when nothing more is to be done with the entry now.
        """
        find = getattr(sender, "find_sent", None)
        if find is None or delivery.kind in ("edit", "delete"):  # editing or deleting twice is harmless
            return False
        if not await self._may_call(sender, result, still_ours):
            return True
        try:
            if not hasattr(sender, "gate"):
                await self._waits[sender.platform].check("")
            ref = await find(delivery)
        except RetryLater as wait:  # nobody has looked yet: whoever sends it later must still look
            await self._wait_out(sender.platform, entry, wait, result, keep_claim=True)
            return True
        except Exception as err:  # can't tell yet: try again later rather than risk a duplicate
            await self._retry(entry, err, result)
            return True
        if ref is None:
            return False
        log.info("outbox entry %s had already been delivered before a restart", entry.id)
        result.sent += 1
        await self.store.mark_sent(entry, ref, self.clock.now())
        return True

    async def _wait_out(self, platform: str, entry: OutboxEntry, wait: RetryLater, result: DrainResult,
                        keep_claim: bool) -> None:
        """A 429, or one still being waited out: neither this entry nor anyone's call to that method before it ends."""
        if isinstance(wait, WaitingOut):
            self._limiters[platform].refund()
            result.waiting += 1
        else:
            self._limiters[platform].pause(wait.seconds)
            await self._waits[platform].record(wait)
            result.retried += 1
            self.metrics.add("sends", "429")
        await self.store.postpone(entry.id, self.clock.now() + timedelta(seconds=wait.seconds), keep_claim)

    async def _retry(self, entry: OutboxEntry, err: Exception, result: DrainResult) -> None:
        if entry.subject is not None and await self._skipped(entry, result, in_doubt=True):
            return  # a newer change of the message came while this one was out: it says what is true now
        if entry.attempts + 1 >= self.max_attempts:
            result.failed += 1
            self.metrics.add("sends", "failed")
            log.warning("outbox entry %s gave up after %d attempts: %s", entry.id, entry.attempts + 1, err)
            if self.change_refusals is not None and changes_members_post(entry):
                await self._change_refused(entry, f"gave up after {entry.attempts + 1} attempts: {err!r}", False)
            else:
                await self.store.mark_failed(entry.id, repr(err))
            return
        result.retried += 1
        self.metrics.add("sends", "retried")
        delay = min(2 ** entry.attempts, 300) * (0.5 + random.random())
        log.info("outbox entry %s will retry in %.1fs: %r", entry.id, delay, err)
        await self.store.mark_retry(entry.id, repr(err), self.clock.now() + timedelta(seconds=delay))

    async def _resolve(self, entry: OutboxEntry) -> Delivery | None:
        """Fill in the message ids a thread reply or an edit depends on.

        Returns None while the round post it hangs on is not sent yet.
        """
        target = entry.target
        message = reply_from_json(entry.payload)
        ref = target.get("ref")
        parent = None
        if "round" in target:
            parent = await self.store.round_post_ref(int(target["round"]))
            if parent is None:
                return None
            if entry.kind in ("edit", "delete") and ref is None:
                ref = parent
        if "response" in target and entry.kind in ("edit", "delete") and ref is None:
            # The answer's named post, or its anonymous one: kept apart, never one edited into the other.
            ref = await self.store.response_post_ref(int(target["response"]), target.get("post") == "anonymous")
            if ref is None:
                return None
        if "care_note" in target and entry.kind == "edit" and ref is None:
            ref = await self.store.care_note_post_ref(int(target["care_note"]))
            if ref is None:
                return None
        if entry.kind == "dm" and target.get("user"):
            message = message.shown_to(target["user"])  # a DM's buttons are its reader's
        return Delivery(entry.kind, message, target.get("channel"), target.get("user"), parent, ref,
                        key=f"outbox:{entry.id}", community=target.get("community"))
