"""The outbox and the processes that drain it: what is due to go out, who holds it, what the platforms said.

Also the two small records delivery leans on: each platform's 429 waits
(`delivery_waits`, shared by every process) and the event ids already handled
(`processed_events`, so a retried delivery has one effect).
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Collection

from bot.clock import parse_iso, utc_iso, utc_iso_fine
from bot.models import EDIT_REFUSED, REFUSED_NOT_ALLOWED, REFUSED_OTHER, REMOVAL_REFUSED, Outgoing, OutboxEntry
from bot.slices import built_in_slices
from bot.store.database import Database, Executor, atomic
from bot.store.repository import Repository, like, marks

if TYPE_CHECKING:
    from bot.store.communities import CommunityRepository

#: Rows turned into objects between yields to the loop (`bot.slices`): about 10 ms of work each on a 2-core machine.
ENTRIES_SLICE = 100  # a claimed entry parses its payload's JSON
OUTBOX_SLICE = 1000  # rows written by one statement (`executemany`) while a round's messages are encoded

ENQUEUE = ("INSERT INTO outbox (dedupe_key, platform, kind, target, payload, round_id, response_id, next_attempt_at, "
           "created_at, subject, tell) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING")

#: Why an entry was done with, not sent (kept in `last_error` of a row marked sent: nothing is wrong).
SUPERSEDED = "skipped: a newer change to the same message was queued after it"
ALREADY_DELETED = "skipped: the message was already deleted"

#: A target naming the platform's message by its id (`"ref": "…"`, as `json.dumps` writes it), not by a row.
_BY_REF = "LIKE '%\"ref\": \"%'"
#: An entry waits while an earlier one about the same message is still pending (`subject_of`); except behind a
#: delete that names its message by id (it can't take down anything else), which holds up only what also names
#: one: a new post, or a change that finds its message when it goes, need not wait out that delete's retries.
IN_ORDER = ("(subject IS NULL OR NOT EXISTS (SELECT 1 FROM outbox e WHERE e.status = 'pending' "
            "AND e.platform = outbox.platform AND e.subject = outbox.subject AND e.id < outbox.id "
            f"AND NOT (e.kind = 'delete' AND e.target {_BY_REF} AND (outbox.kind IN ('post', 'thread') "
            f"OR outbox.target NOT {_BY_REF}))))")


def subject_of(o: Outgoing, round_id: int | None = None) -> str | None:
    """The platform message an entry puts up, changes or takes down, named so that every entry about it agrees;
    None for one nothing else touches (a DM, a plain post, a reply that is not an answer).

    An answer's post is named by the answer and its side, whether the entry finds it by the answer or by the
    platform's id (the first edit may be queued before the post is out, the next one after). A round's own post
    and a care note's are named by their row. A message known only by its id is named by channel and id.
    """
    target = o.target
    if o.kind in ("thread", "edit", "delete"):
        response = target.get("response") or o.response_id
        if response is not None:
            return f"answer:{response}:{'anonymous' if target.get('post') == 'anonymous' else 'named'}"
    if target.get("care_note") is not None and o.kind in ("post", "edit"):
        return f"care:{target['care_note']}"
    if o.kind == "post" and target.get("round_post"):
        rid = o.round_id if round_id is None else round_id
        return None if rid is None else f"round:{rid}"
    if o.kind in ("edit", "delete") and target.get("ref") is not None:
        return f"ref:{target.get('channel')}:{target['ref']}"
    if o.kind in ("edit", "delete") and target.get("round") is not None:
        return f"round:{target['round']}"
    return None


class OutboxRepository(Repository):
    member_tables = ("outbox",)
    """The outbox's rows, the processes' heartbeats, the platforms' waits and the events already handled."""

    def __init__(self, db: Database, members: "CommunityRepository") -> None:
        super().__init__(db)
        #: Whose DMs are closed is a member fact; the outbox records it from a sender's answer.
        self.members = members

    async def enqueue(self, outgoing: list[Outgoing], now: datetime) -> None:
        await atomic(self.db, lambda tx: enqueue_on(tx, outgoing, now))

    async def claim_due(
        self, platform: str, now: datetime, limit: int, holder: str, lease: timedelta,
        dead: Collection[str] = (),
    ) -> list[OutboxEntry]:
        """Take up to `limit` due entries for `holder` until the lease ends.

        Only one process gets each entry. An entry taken from an earlier claim
        comes back with `previous_holder` set: its send may already have
        happened, so the sender is asked before sending again.

        Whose claims may be taken: those of the holders in `dead` (the caller
        watched their heartbeats stop, on its own monotonic clock), and, once
        the lease has run out, the holder's own and those of a holder with no
        heartbeat row. A live process's claims are never taken on wall time
        alone: a step of the clock (NTP, a laptop resuming) would make every
        lease and heartbeat look old at once while their holders still send.
        """
        stamp, until, fine = utc_iso(now), utc_iso(now + lease), utc_iso_fine(now)
        dead = sorted(set(dead) - {holder})  # a process never takes over its own claims
        gone = f"OR claimed_by IN ({marks(dead)}) " if dead else ""
        due = ("status = 'pending' AND platform = ? AND next_attempt_at <= ? AND (not_before IS NULL OR not_before <= ?) "
               f"AND (claimed_until IS NULL {gone}OR (claimed_until <= ? AND (claimed_by = ? OR NOT EXISTS "
               f"(SELECT 1 FROM processes p WHERE p.id = outbox.claimed_by)))) AND {IN_ORDER}")
        args = [platform, stamp, fine, *dead, stamp, holder]
        # An edit waiting out a retry's back-off with a newer change of its message queued behind it is due now:
        # it will be skipped, not sent (`skip_reason`), and the newer one waits for it (`IN_ORDER`).
        stale = ("UPDATE outbox SET next_attempt_at = ? WHERE status = 'pending' AND platform = ? AND kind = 'edit' "
                 "AND subject IS NOT NULL AND claimed_until IS NULL AND next_attempt_at > ? AND EXISTS (SELECT 1 "
                 "FROM outbox n WHERE n.status = 'pending' AND n.platform = outbox.platform "
                 "AND n.subject = outbox.subject AND n.id > outbox.id AND n.kind IN ('edit', 'delete'))",
                 stamp, platform, stamp)
        if self.db.dialect == "postgresql":
            await self.db.execute(*stale)
            rows = await self.db.fetchall(
                f"WITH c AS (SELECT id, claimed_by AS previous_holder FROM outbox WHERE {due} ORDER BY id LIMIT ? "
                "FOR UPDATE SKIP LOCKED) UPDATE outbox o SET claimed_by = ?, claimed_until = ? FROM c "
                "WHERE o.id = c.id RETURNING o.*, c.previous_holder",
                *args, limit, holder, until,
            )
            return sorted(await built_in_slices(rows, OutboxEntry.from_row, ENTRIES_SLICE), key=lambda e: e.id)
        async def work(tx: Executor) -> list[dict[str, Any]]:  # SQLite: one writer at a time, select-then-update
            await tx.execute(*stale)
            rows = await tx.fetchall(
                f"SELECT *, claimed_by AS previous_holder FROM outbox WHERE {due} ORDER BY id LIMIT ?", *args, limit,
            )
            if rows:
                found = ",".join("?" * len(rows))
                await tx.execute(f"UPDATE outbox SET claimed_by = ?, claimed_until = ? WHERE id IN ({found})",
                                 holder, until, *[r["id"] for r in rows])
            return rows
        rows = await atomic(self.db, work)
        return await built_in_slices(rows, OutboxEntry.from_row, ENTRIES_SLICE)

    async def skip_reason(self, entry: OutboxEntry) -> str | None:
        """Why an entry about a message need not go out at all, or None: it must.

        An edit with a newer edit or delete of the same message queued behind it says something no longer
        true (the newer one says what is). An edit or delete of a message already deleted (and not put up
        again since) would only fail.
        """
        if entry.subject is None or entry.kind not in ("edit", "delete"):
            return None
        if entry.kind == "edit" and await self.db.fetchone(
            "SELECT 1 AS x FROM outbox WHERE status = 'pending' AND platform = ? AND subject = ? AND id > ? "
            "AND kind IN ('edit', 'delete') LIMIT 1", entry.platform, entry.subject, entry.id,
        ):
            return SUPERSEDED
        gone = await self.db.fetchone(
            "SELECT 1 AS x FROM outbox d WHERE d.status = 'sent' AND d.kind = 'delete' AND d.platform = ? "
            "AND d.subject = ? AND d.id < ? AND NOT EXISTS (SELECT 1 FROM outbox p "
            "WHERE p.platform = d.platform AND p.subject = d.subject AND p.kind IN ('post', 'thread') "
            "AND p.id > d.id AND p.id < ?) LIMIT 1", entry.platform, entry.subject, entry.id, entry.id,
        )
        return ALREADY_DELETED if gone else None

    async def hold_behind(self, entry: OutboxEntry, until: datetime) -> int:
        """Changes of the same message queued after `entry` wait until `until` (`Outbox._skipped`: its call may
        still land); how many."""
        if entry.subject is None:
            return 0
        fine = utc_iso_fine(until)
        return await self.db.execute(
            "UPDATE outbox SET not_before = ? WHERE status = 'pending' AND platform = ? AND subject = ? AND id > ? "
            "AND (not_before IS NULL OR not_before < ?)", fine, entry.platform, entry.subject, entry.id, fine)

    async def mark_skipped(self, entry_id: int, why: str, now: datetime) -> None:
        """Done with, nothing sent: a newer change says it, or the message is gone (`skip_reason`)."""
        await self.db.execute("UPDATE outbox SET status = 'sent', last_error = ?, sent_at = ?, tell = NULL "
                              "WHERE id = ? AND status = 'pending'", why, utc_iso(now), entry_id)

    async def release_claims(self, holder: str) -> int:
        """On a clean stop, hand back what this process claimed and never started sending."""
        return await self.db.execute(
            "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL WHERE status = 'pending' AND claimed_by = ? "
            "AND attempts = 0",
            holder,
        )

    async def next_due_at(self, platform: str) -> str | None:
        row = await self.db.fetchone(
            "SELECT min(next_attempt_at) AS t FROM outbox WHERE status = 'pending' AND platform = ?", platform
        )
        return row["t"] if row else None

    async def mark_sent(self, entry: OutboxEntry, message_ref: str | None, now: datetime) -> None:
        """Record the platform's message id, and hang it on the round or answer it posted."""
        sent = ("UPDATE outbox SET status = 'sent', message_ref = ?, sent_at = ?, attempts = attempts + 1, tell = NULL "
                "WHERE id = ?", message_ref, utc_iso(now), entry.id)
        posts_round = entry.kind == "post" and entry.target.get("round_post") and entry.round_id
        posts_answer = entry.kind in ("post", "thread") and entry.response_id
        unposts_answer = entry.kind == "delete" and entry.response_id
        if entry.kind == "edit" and entry.response_id:  # its post shows the answer as it is now, whatever was
            async def edited(tx: Executor) -> None:     # refused before (`mark_change_refused`)
                await tx.execute(*sent)
                await tx.execute("UPDATE responses SET change_refused = 0 WHERE id = ? AND change_refused <> 0",
                                 entry.response_id)
            await atomic(self.db, edited)
            return
        if entry.kind == "post" and entry.target.get("care_note"):  # a care note's post, edited as it changes
            async def note_hung(tx: Executor) -> None:
                await tx.execute(*sent)
                hung = await tx.execute("UPDATE care_notes SET post_ref = ? WHERE id = ?", message_ref,
                                        int(entry.target["care_note"]))
                if not hung and message_ref and not await _hang_on_withdrawal(tx, entry, message_ref):
                    # the note is gone, with no edit waiting to say it was withdrawn: take the post down
                    await enqueue_on(tx, [removal(f"orphan:{entry.id}", entry.target.get("channel"), message_ref,
                                                  entry.platform, entry.target.get("community"))], now)
            await atomic(self.db, note_hung)
            return
        if not posts_round and not posts_answer and not unposts_answer:
            await self.db.execute(*sent)  # a DM, an edit: one statement is already all-or-nothing
            return
        # An answer has two posts that come and go apart: its named post and its anonymous one.
        column = "anon_ref" if entry.target.get("post") == "anonymous" else "post_ref"
        async def work(tx: Executor) -> None:
            await tx.execute(*sent)
            hung = 1
            if posts_round:
                hung = await tx.execute("UPDATE rounds SET post_ref = ? WHERE id = ?", message_ref, entry.round_id)
            if posts_answer:
                hung = await tx.execute(f"UPDATE responses SET {column} = ? WHERE id = ?", message_ref,
                                        entry.response_id)
            if not hung and message_ref:  # its round or answer was deleted while it went out: take it down again
                await enqueue_on(tx, [removal(f"orphan:{entry.id}", entry.target.get("channel"), message_ref,
                                              entry.platform, entry.target.get("community"))], now)
            if unposts_answer:  # that post is down, unless the answer went back to it meanwhile (`me delete` counts)
                side = "anonymous" if column == "anon_ref" else "shared"
                await tx.execute(f"UPDATE responses SET {column} = NULL, change_refused = 0 WHERE id = ? "
                                 "AND visibility <> ?", entry.response_id, side)
        await atomic(self.db, work)

    async def mark_retry(self, entry_id: int, error: str, next_at: datetime) -> None:
        """Try again later. The claim stays on record: a send that failed (a timeout,
        say) may still have arrived, so whoever retries asks the platform first. Not for
        an edit or a delete (nobody asks: doing either twice is harmless): its claim is
        given back, so a newer change of the same message can have it skipped at once."""
        await self.db.execute(
            "UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, "
            "claimed_until = CASE WHEN kind IN ('edit', 'delete') THEN NULL ELSE ? END, "
            "claimed_by = CASE WHEN kind IN ('edit', 'delete') THEN NULL ELSE claimed_by END WHERE id = ?",
            error[:500], utc_iso(next_at), utc_iso(next_at), entry_id,
        )

    async def postpone(self, entry_id: int, next_at: datetime, keep_claim: bool = False) -> None:
        """Wait without counting an attempt: nothing was sent (a 429, or the round post isn't out yet).

        Not a microsecond before `next_at` (a Retry-After binds to the
        fraction of a second). With `keep_claim`, the claim stays on record
        until then: the entry was taken over and nobody has yet looked
        whether its earlier holder sent it, so whoever sends it must look.
        """
        if keep_claim:
            await self.db.execute("UPDATE outbox SET next_attempt_at = ?, not_before = ?, claimed_until = ? "
                                  "WHERE id = ?", utc_iso(next_at), utc_iso_fine(next_at), utc_iso(next_at), entry_id)
            return
        await self.db.execute(
            "UPDATE outbox SET next_attempt_at = ?, not_before = ?, claimed_by = NULL, claimed_until = NULL "
            "WHERE id = ?",
            utc_iso(next_at), utc_iso_fine(next_at), entry_id,
        )

    async def mark_failed(self, entry_id: int, error: str, not_allowed: bool = False) -> None:
        """Failed for good (`not_allowed`: the platform said Hearth may not post there). Whom a removal would have
        told (`tell`) is no longer kept: nobody is told of this one (`mark_change_refused` is what tells)."""
        await self.db.execute(
            "UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ?, not_allowed = ?, "
            "tell = NULL WHERE id = ?",
            error[:500], int(not_allowed), entry_id,
        )

    async def mark_refused(self, entry: OutboxEntry, error: str, notes: list[Outgoing], now: datetime,
                           not_allowed: bool = False, holder: str | None = None) -> bool:
        """An answer's post that failed for good (`Outbox.refusals`): failed, and, if the answer still wants that
        post (shared for its named post, anonymous for its anonymous one) and has none up, marked not posted and its
        author told (`notes`, queued once: their keys are the answer's), in one transaction. Whether it was marked.

        A shared answer's `post_refused` says why (`REFUSED_NOT_ALLOWED` if the platform said Hearth may not post
        there, `REFUSED_OTHER` otherwise). An anonymous one is `unposted`, and no longer out: a later change of its
        words is a new post (`RoundRepository._hold`), never an edit of a post that isn't there.

        Only while the entry is still pending and, with `holder`, still claimed by it: if another process took it
        over meanwhile (or it is done), nothing is marked or queued. Lock order as `RoundRepository.lock_rounds`:
        the round first (PostgreSQL), as the transactions that release its anonymous posts (`_release`) hold it,
        then the outbox row, then the answer."""
        anonymous = entry.target.get("post") == "anonymous"
        mark = ("UPDATE responses SET unposted = 1, anon_out = 0 WHERE id = ? AND visibility = 'anonymous' "
                "AND anon_ref IS NULL" if anonymous else
                f"UPDATE responses SET post_refused = {REFUSED_NOT_ALLOWED if not_allowed else REFUSED_OTHER} "
                "WHERE id = ? AND visibility = 'shared' AND post_ref IS NULL")

        claimed = " AND claimed_by = ?" if holder is not None else ""

        async def work(tx: Executor) -> bool:
            if entry.round_id is not None and self.db.dialect == "postgresql":
                await tx.fetchall("SELECT id FROM rounds WHERE id = ? FOR NO KEY UPDATE", entry.round_id)
            if not await tx.execute("UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ?, "
                                    f"not_allowed = ? WHERE id = ? AND status = 'pending'{claimed}", error[:500],
                                    int(not_allowed), entry.id, *([holder] if holder is not None else [])):
                return False  # taken over, or done with, meanwhile: its holder says what became of it
            if not entry.response_id or not await tx.execute(mark, entry.response_id):
                return False
            await enqueue_on(tx, notes, now)
            return True
        return await atomic(self.db, work)

    async def mark_change_refused(self, entry: OutboxEntry, error: str, notes: list[Outgoing], now: datetime,
                                  not_allowed: bool = False, holder: str | None = None) -> bool:
        """An edit or a removal of a member's post that failed for good (`Outbox.change_refusals`): failed (whom it
        would tell, `tell`, no longer kept), its answer, if still there, marked as its post now is (`EDIT_REFUSED`:
        it shows earlier words; `REMOVAL_REFUSED`: it is still up), and its member told (`notes`), in one
        transaction. Told once per answer and kind of change (not again while the answer is marked so), and once
        per removal of an erased member's post (its key is the entry's). Whether it was marked.

        Only while the entry is still pending and, with `holder`, still claimed by it (`mark_refused`). Lock order
        as `RoundRepository.lock_rounds`: the answer's round first (PostgreSQL), then the outbox row, then the
        answer."""
        answer = entry.changed_answer
        mark = EDIT_REFUSED if entry.kind == "edit" else REMOVAL_REFUSED
        claimed = " AND claimed_by = ?" if holder is not None else ""

        async def work(tx: Executor) -> bool:
            if answer is not None and self.db.dialect == "postgresql":
                row = await tx.fetchone("SELECT round_id FROM responses WHERE id = ?", answer)
                if row is not None:
                    await tx.fetchall("SELECT id FROM rounds WHERE id = ? FOR NO KEY UPDATE", row["round_id"])
            if not await tx.execute("UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ?, "
                                    f"not_allowed = ?, tell = NULL WHERE id = ? AND status = 'pending'{claimed}",
                                    error[:500], int(not_allowed), entry.id,
                                    *([holder] if holder is not None else [])):
                return False  # taken over, or done with, meanwhile: its holder says what became of it
            if answer is not None:
                if not await tx.execute("UPDATE responses SET change_refused = ? WHERE id = ? AND change_refused <> ?",
                                        mark, answer, mark):
                    return False  # (gone, or told already)
            elif entry.tell is None:
                return False
            await enqueue_on(tx, notes, now)
            return True
        return await atomic(self.db, work)

    async def mark_dms_closed(self, user_id: str, now: datetime) -> None:
        """A sender found the member's DMs closed (`bot.store.communities` keeps the fact)."""
        await self.members.mark_dms_closed(user_id, now)

    async def dms_closed(self, user_id: str) -> bool:
        """Whether the member's DMs are known to be closed (from memory, re-read now and then)."""
        return await self.members.dms_closed(user_id)

    async def round_post_ref(self, round_id: int) -> str | None:
        """The id of a round's post, once it is out (None too if the round is gone)."""
        row = await self.db.fetchone("SELECT post_ref FROM rounds WHERE id = ?", round_id)
        return row["post_ref"] if row else None

    async def round_post_state(self, round_id: int) -> tuple[str, str, bool] | None:
        """A round's post's status ("pending", "sent", "failed", "skipped"), why it failed or was skipped (its
        `last_error`), and whether the platform said Hearth may not post there (its `not_allowed`, 0030); None if
        the round has none. (By its key, `engines.rounds._round_post`: unique, so one indexed row, asked each second
        an answer's post waits for it.)"""
        row = await self.db.fetchone("SELECT status, last_error, message_ref, not_allowed FROM outbox "
                                     "WHERE dedupe_key = ?", f"round:{round_id}:post")
        if row is None:
            return None
        skipped = row["status"] == "sent" and row["message_ref"] is None  # (`mark_skipped`: done with, never sent)
        status = "skipped" if skipped else row["status"]
        return status, row["last_error"] or status, status == "failed" and bool(row["not_allowed"])

    async def response_post_ref(self, response_id: int, anonymous: bool = False) -> str | None:
        """The id of an answer's named post, or of its anonymous one."""
        column = "anon_ref" if anonymous else "post_ref"
        row = await self.db.fetchone(f"SELECT {column} AS ref FROM responses WHERE id = ?", response_id)
        return row["ref"] if row else None

    async def care_note_post_ref(self, note_id: int) -> str | None:
        """The id of a care note's post in the care channel, once it is out."""
        row = await self.db.fetchone("SELECT post_ref FROM care_notes WHERE id = ?", note_id)
        return row["post_ref"] if row else None

    async def pending_dms_to(self, community_id: str, user_id: str) -> int:
        """How many private messages to the member wait unsent, of those `erase_member` would drop: what `me
        delete` cancels, so it can say so before and after."""
        quoted = like(json.dumps(user_id))
        row = await self.db.fetchone(
            "SELECT count(*) AS n FROM outbox WHERE kind = 'dm' AND status = 'pending' AND target LIKE ? ESCAPE '\\' "
            "AND (round_id IS NULL OR round_id IN "
            "(SELECT rd.id FROM rounds rd JOIN schedules s ON s.id = rd.schedule_id WHERE s.community_id = ?))",
            quoted, community_id,
        )
        return int(row["n"]) if row else 0

    async def counts(self) -> dict[str, int]:
        """How many entries are in each status."""
        rows = await self.db.fetchall("SELECT status, count(*) AS n FROM outbox GROUP BY status")
        return {r["status"]: r["n"] for r in rows}

    # -- the platforms' 429s -------------------------------------------------------------

    async def hold_off(self, platform: str, method: str, now: datetime, seconds: float) -> None:
        """A platform answered 429: no process calls `method` for `seconds` from `now` (a later end wins)."""
        await self.db.execute(
            "INSERT INTO delivery_waits (platform, method, not_before, seconds) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (platform, method) DO UPDATE SET not_before = excluded.not_before, seconds = excluded.seconds "
            "WHERE delivery_waits.not_before < excluded.not_before",
            platform, method, utc_iso_fine(now + timedelta(seconds=seconds)), float(seconds),
        )

    async def wait_left(self, platform: str, method: str, now: datetime) -> float:
        """Seconds from `now` until `method` may be called again (0.0: now).

        Never more than the platform asked for: a wall clock set back must
        not stretch a 30-second wait into an hour.
        """
        row = await self.db.fetchone(
            "SELECT not_before, seconds FROM delivery_waits WHERE platform = ? AND method = ? AND not_before > ?",
            platform, method, utc_iso_fine(now),
        )
        if row is None:
            return 0.0
        return max(0.0, min((parse_iso(row["not_before"]) - now).total_seconds(), float(row["seconds"])))

    # -- processes -----------------------------------------------------------------------

    async def record_heartbeat(self, process_id: str, host: str, pid: int, platforms: str, now: datetime) -> None:
        """Record that the process is alive: `beats` counts up, so others see it change whatever the clocks say."""
        await self.db.execute(
            "INSERT INTO processes (id, host, pid, platforms, started_at, heartbeat_at, beats) "
            "VALUES (?, ?, ?, ?, ?, ?, 1) ON CONFLICT (id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at, "
            "platforms = excluded.platforms, beats = processes.beats + 1",
            process_id, host, pid, platforms, utc_iso(now), utc_iso(now),
        )

    async def process_beats(self) -> dict[str, int]:
        """Each known process's heartbeat count: one that stops changing has stopped."""
        rows = await self.db.fetchall("SELECT id, beats FROM processes")
        return {r["id"]: int(r["beats"]) for r in rows}

    async def forget_process(self, process_id: str) -> None:
        await self.db.execute("DELETE FROM processes WHERE id = ?", process_id)

    async def live_processes(self, alive_since: datetime) -> list[dict[str, Any]]:
        """Processes heard from since `alive_since`, with how many entries each holds now."""
        return await self.db.fetchall(
            "SELECT p.id, p.host, p.pid, p.platforms, p.started_at, p.heartbeat_at, "
            "(SELECT count(*) FROM outbox o WHERE o.claimed_by = p.id AND o.status = 'pending' "
            "AND o.claimed_until > ?) AS holding FROM processes p WHERE p.heartbeat_at >= ? ORDER BY p.started_at, p.id",
            utc_iso(alive_since), utc_iso(alive_since),
        )

    # -- events already handled ------------------------------------------------------------

    async def first_time_event(self, event_id: str, now: datetime) -> bool:
        """True the first time an event id is seen: retried deliveries have one effect."""
        n = await self.db.execute(
            "INSERT INTO processed_events (event_id, at) VALUES (?, ?) ON CONFLICT DO NOTHING", event_id, utc_iso(now)
        )
        return n > 0

    async def seen_event(self, event_id: str) -> bool:
        """Whether an event id was seen (and not forgotten), without marking it seen."""
        return await self.db.fetchone("SELECT event_id FROM processed_events WHERE event_id = ?", event_id) is not None

    async def forget_event(self, event_id: str) -> None:
        """As if the event id had never been seen (what it was for was refused, so nothing was done)."""
        await self.db.execute("DELETE FROM processed_events WHERE event_id = ?", event_id)

    # -- retention and member data ------------------------------------------------------------

    async def purge_history(self, sent_before: datetime, events_before: datetime) -> None:
        """Sent and failed rows (they copy names and words) made before `sent_before`, and event ids seen
        before `events_before`."""
        await self.db.execute("DELETE FROM outbox WHERE status <> 'pending' AND created_at < ?", utc_iso(sent_before))
        await self.db.execute("DELETE FROM processed_events WHERE at < ?", utc_iso(events_before))

    async def member_summary(self, community_id: str, user_id: str) -> dict[str, Any]:
        """How many messages to or about them wait to be sent (a reminder, a DM, a post naming them); and how many of
        their posts an erasure of theirs is still taking down, each kept with their id to tell them if it can't
        (`tell`: in the outbox, or waiting for an anonymous batch in `held_posts`)."""
        named = like(json.dumps({"community": community_id})[1:-1])
        row = await self.db.fetchone(
            "SELECT (SELECT count(*) FROM outbox WHERE status = 'pending' AND tell = ? AND target LIKE ? ESCAPE '\\') "
            "+ (SELECT count(*) FROM held_posts h JOIN rounds rd ON rd.id = h.round_id JOIN schedules s "
            "ON s.id = rd.schedule_id WHERE h.tell = ? AND s.community_id = ?) AS n",
            user_id, "%" + named + "%", user_id, community_id)
        coming_down = int(row["n"]) if row else 0
        return {"waiting_messages": len(await self._waiting_about(community_id, user_id)),
                **({"posts_coming_down": coming_down} if coming_down else {})}

    async def erasing_for(self, user_id: str) -> set[str]:
        """The communities where an erasure of theirs is still taking their posts down (`member_summary`'s
        `posts_coming_down`, in any community): Hearth holds where those posts are, with their id, until done."""
        rows = await self.db.fetchall("SELECT target FROM outbox WHERE status = 'pending' AND tell = ?", user_id)
        found: set[str] = set()
        for row in rows:
            try:
                community = json.loads(row["target"]).get("community")
            except (TypeError, ValueError, AttributeError):
                continue
            if isinstance(community, str) and community:
                found.add(community)
        held = await self.db.fetchall(
            "SELECT DISTINCT s.community_id AS c FROM held_posts h JOIN rounds rd ON rd.id = h.round_id "
            "JOIN schedules s ON s.id = rd.schedule_id WHERE h.tell = ?", user_id)
        return found | {r["c"] for r in held}

    async def member_export(self, community_id: str, user_id: str) -> dict[str, Any]:
        """The messages to or about them still waiting to be sent: what kind, when, and, for those written to them,
        their words (`_waiting`)."""
        rows = await self._waiting_about(community_id, user_id)
        return {"messages_waiting": [_waiting(r, user_id) for r in rows]} if rows else {}

    async def _waiting_about(self, community_id: str, user_id: str) -> list[dict[str, Any]]:
        """Pending rows that name the member (`erase_member`'s rule, unsent ones only)."""
        quoted = like(json.dumps(user_id))
        key_end, key_mid = "%" + like(user_id)[1:-1], like(user_id + ":")
        return await self.db.fetchall(
            "SELECT kind, target, payload, dedupe_key, next_attempt_at FROM outbox WHERE status = 'pending' "
            "AND (target LIKE ? ESCAPE '\\' "
            "OR payload LIKE ? ESCAPE '\\' OR dedupe_key LIKE ? ESCAPE '\\' OR dedupe_key LIKE ? ESCAPE '\\') "
            "AND (round_id IS NULL OR round_id IN (SELECT rd.id FROM rounds rd JOIN schedules s ON "
            "s.id = rd.schedule_id WHERE s.community_id = ?)) ORDER BY id",
            quoted, quoted, key_end, key_mid, community_id)

    async def erase_member(self, tx: Executor, community_id: str, user_id: str, now: datetime) -> dict[str, int]:
        """Rows about the member: DMs to them, anything whose key, target or message names their id.

        The id is matched whole (quoted in JSON, ':'-delimited in keys), so
        "discord:12" never sweeps up "discord:123". Rows tied to another
        community's round are left alone; a row tied to no round (a reminder,
        say) is dropped if it names them. (Their answers' rows went with the
        answers: `RoundRepository.erase_member`.) Processed event ids hold no
        names and stay (they expire on their own).
        """
        quoted = like(json.dumps(user_id))
        key_end, key_mid = "%" + like(user_id)[1:-1], like(user_id + ":")
        dropped = await tx.execute(
            "DELETE FROM outbox WHERE (target LIKE ? ESCAPE '\\' OR payload LIKE ? ESCAPE '\\' "
            "OR dedupe_key LIKE ? ESCAPE '\\' OR dedupe_key LIKE ? ESCAPE '\\') AND (round_id IS NULL OR round_id IN "
            "(SELECT rd.id FROM rounds rd JOIN schedules s ON s.id = rd.schedule_id WHERE s.community_id = ?))",
            quoted, quoted, key_end, key_mid, community_id,
        )
        return {"outbox": dropped}


async def _hang_on_withdrawal(tx: Executor, entry: OutboxEntry, message_ref: str) -> bool:
    """A care note's post that went out while its member erased their data: the erasure queued an edit saying the
    note was withdrawn (`CareRepository.erase_member`), waiting for this post's id. Hang it on; False if none
    waits."""
    waiting = await tx.fetchall("SELECT id, target FROM outbox WHERE status = 'pending' AND kind = 'edit' "
                                "AND platform = ? AND subject = ?", entry.platform, f"care:{entry.target['care_note']}")
    hung = 0
    for row in waiting:
        target = json.loads(row["target"])
        if target.get("ref") is None:
            hung += await tx.execute("UPDATE outbox SET target = ? WHERE id = ?",
                                     json.dumps({**target, "ref": message_ref}), row["id"])
    return hung > 0


#: What a member's export says of the words of a waiting message written for others to read.
FOR_OTHERS = "not shown: it is written for others to read, and may name them"


def _waiting(row: dict[str, Any], user_id: str) -> dict[str, Any]:
    """A waiting message that names the member, for their export. Its words only when it is written to them (a DM
    to them); one for others (a post, an edit of a care note about them, a reminder to a moderator about someone
    else's care note) may name other people, a moderator who took their note, or tell of another member's hard
    moment: it says only where it goes (a channel, or "a moderator" / "someone else", never who)."""
    try:
        target = json.loads(row["target"] or "{}")
    except ValueError:
        target = {}
    care = str(row["dedupe_key"]).startswith("care:")
    theirs = row["kind"] == "dm" and target.get("user") == user_id and not (care and ":raise:" in row["dedupe_key"])
    if theirs:
        return {"kind": row["kind"], "due_at": row["next_attempt_at"], "text": _words(row["payload"])}
    to = target.get("channel") if row["kind"] != "dm" else ("a moderator" if care else "someone else")
    return {"kind": row["kind"], "to": to, "due_at": row["next_attempt_at"], "text": FOR_OTHERS}


def _words(payload: str) -> str:
    """A waiting message's words, for an export: its text parts as plain text (times and links left out)."""
    try:
        body = json.loads(payload).get("body") or []
    except (ValueError, AttributeError):
        return ""
    return "".join(str(t) for k, t in body if k in ("m", "u")).replace("**", "")


# -- writing to the outbox inside another repository's transaction ------------------------------


def removal(key: str, channel: str | None, ref: str, platform: str = "", community: str | None = None,
            tell: str | None = None) -> Outgoing:
    """A "delete" of a message already out, addressed by the platform's id (the row that found it may be gone).
    `community` names whose it is, as nothing else in it does once the row is gone: moving that community to
    another database (`migrate-store --community`) takes it along (`bot.store.copying`). `tell`: the member whose
    post it is, told privately if it can't come down (`Outgoing.tell`)."""
    target: dict[str, Any] = {"channel": channel, "ref": ref}
    if community:
        target["community"] = community
    return Outgoing(key, "delete", target, {"body": [], "title": None, "buttons": []}, platform=platform, tell=tell)


async def enqueue_on(tx: Executor, outgoing: list[Outgoing], now: datetime, due: datetime | None = None) -> None:
    """Queue messages in the caller's transaction: they go out if and only if its change is kept (not before
    `due`, if given: work that may wait, spread out so it doesn't hold up what can't)."""
    await _write_outbox_rows(tx, _outbox_rows(outgoing, utc_iso(now), due=None if due is None else utc_iso(due)))


async def enqueue_rounds_on(tx: Executor, per_round: list[tuple[int, list[Outgoing]]], now: datetime) -> None:
    """Write each round's messages, with the round's id filled in (`_outbox_rows`)."""
    stamp = utc_iso(now)
    rows: list[tuple[Any, ...]] = []
    for round_id, outgoing in per_round:
        for start in range(0, len(outgoing), OUTBOX_SLICE):
            rows += _outbox_rows(outgoing[start:start + OUTBOX_SLICE], stamp, round_id)
            if len(rows) >= OUTBOX_SLICE:  # each write is a trip to the database: the loop runs others meanwhile
                await _write_outbox_rows(tx, rows)
                rows = []
    await _write_outbox_rows(tx, rows)


async def drop_pending_for_answers(tx: Executor, answers_sql: str, *args: Any) -> None:
    """Drop the pending entries of the answers `answers_sql` selects (ids): they'd wait for rows that are going."""
    await tx.execute(f"DELETE FROM outbox WHERE status = 'pending' AND response_id IN (SELECT id FROM ({answers_sql}) "
                     "AS gone)", *args)


def _outbox_rows(outgoing: list[Outgoing], stamp: str, round_id: int | None = None,
                 due: str | None = None) -> list[tuple[Any, ...]]:
    """Messages as outbox rows. With `round_id`, they were built before their round existed: its id goes
    into their keys and into their payloads' "{round}" placeholders, on the JSON text, once per distinct
    payload (a round's DMs share one per timezone)."""
    encoded: dict[int, str] = {}
    fill = None if round_id is None else str(round_id)
    rows = []
    for o in outgoing:
        text = encoded.get(id(o.payload))
        if text is None:
            text = json.dumps(o.payload)
            if fill is not None:
                text = text.replace('"{round}"', f'"{fill}"')
            encoded[id(o.payload)] = text
        key = o.dedupe_key if fill is None else o.dedupe_key.replace("{round}", fill)
        subject = subject_of(o, round_id)
        if subject is not None and fill is not None:
            subject = subject.replace("{round}", fill)
        rows.append((key, o.platform_of(), o.kind, json.dumps(o.target), text,
                     o.round_id if round_id is None else round_id, o.response_id, due or stamp, stamp, subject,
                     o.tell))
    return rows


async def _write_outbox_rows(tx: Executor, rows: list[tuple[Any, ...]]) -> None:
    many = getattr(tx, "executemany", None)
    if many is not None and len(rows) > 1:
        await many(ENQUEUE, rows)  # one trip for a round's thousands of DMs
        return
    for row in rows:
        await tx.execute(ENQUEUE, *row)
