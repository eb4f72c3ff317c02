"""The care team: what became of each care note (taken, handed over, done), who is off duty, and the private
follow-ups members asked for. A note holds who (and where, only when that gives nothing away), never what the
member wrote."""

from __future__ import annotations

import json
import random
from datetime import datetime
from typing import TYPE_CHECKING, Any, Callable

from bot.clock import parse_iso, utc_iso
from bot.models import CareNote, FollowUp, Outgoing
from bot.store.database import Database, Executor, atomic
from bot.store.outbox import enqueue_on
from bot.store.repository import DELETED, Repository, like
from bot.store.rounds import CARE_GAP_LEAST, CARE_GAP_MOST, TICK, defer_batches_for_note, next_tick

if TYPE_CHECKING:
    from bot.crypto import Cipher
    from bot.store.notes import NoteRepository

#: The argument a care button names its note by (`bot.flows.care_team`): a DM's press is found its community by it.
NOTE_ARG = "note"

#: What a change of a note queues with it: the edit of its post, built from the note as it now is.
Compose = Callable[[CareNote], list[Outgoing]]

#: A message as the outbox keeps it (`bot.events.reply_to_json`).
Payload = dict[str, Any]

#: What a withdrawn note's posts are edited to when the store erases a member on its own (a tool, a test): the
#: flow always passes its own words, in the community's language (`bot.flows.care_team.withdrawn_post`).
WITHDRAWN: Payload = {"body": [["m", "A care note was here. The person it was about has since deleted their data "
                                     "with Hearth, so it's gone."]], "title": None, "buttons": []}


def withdrawn_key(community_id: str, note_id: int, ref: str | None = None) -> str:
    """The outbox key of the edit that says a note was withdrawn (`ref`: of one of its reminders in the channel).
    It names the community (a move takes it along) and never the member (their erasure must not drop it)."""
    return f"care:{community_id}:{note_id}:withdrawn" + (f":{ref}" if ref else "")


def care_reply_mark(cipher: "Cipher", community_id: str, user_id: str) -> str:
    """How the processed events that remember a member's care replies (`bot.flows.crisis_care._answered_before`)
    begin: a keyed mark of the member, never their id, so their erasure finds them and nobody else can."""
    return f"care:{cipher.fingerprint('care-reply', community_id, user_id)[:16]}:"


class CareRepository(Repository):
    member_tables = ("care_notes", "care_duty", "care_followups", "processed_events")
    def __init__(self, db: Database, notes: "NoteRepository") -> None:
        super().__init__(db)
        #: When a member was last the subject of a care note is the notes repository's record (the cooldown).
        self.notes = notes

    # -- notes ------------------------------------------------------------------------

    async def open_note(self, community_id: str, user_id: str, channel_id: str, body: list[list[str]],
                        now: datetime, compose: Compose) -> CareNote:
        """Record a note, stamp the member's cooldown, and queue its post, in one transaction."""
        async def work(tx: Executor) -> CareNote:
            row = await tx.fetchone(
                "INSERT INTO care_notes (community_id, user_id, channel_id, body, created_at) VALUES (?, ?, ?, ?, ?) "
                "RETURNING *",
                community_id, user_id, channel_id, json.dumps(body), utc_iso(now),
            )
            assert row is not None
            note = CareNote.from_row(row)
            await self.notes.stamp_safety_alert(tx, community_id, user_id, now)
            # On the clock's next tick, as a batch of anonymous posts is (`bot.store.rounds.next_tick`): posted the
            # moment someone's words were screened, a note would point at the words that went up with it.
            await enqueue_on(tx, compose(note), now, next_tick(now))
            # (and a batch of anonymous posts carrying their words goes ticks after it, never with it)
            await defer_batches_for_note(tx, community_id, user_id, now)
            return note
        return await atomic(self.db, work)

    async def get(self, community_id: str, note_id: int) -> CareNote | None:
        """A note of this community (None for another community's, or none at all)."""
        row = await self.db.fetchone("SELECT * FROM care_notes WHERE id = ? AND community_id = ?", note_id,
                                     community_id)
        return CareNote.from_row(row) if row else None

    async def community_of(self, note_id: int) -> str | None:
        """Which community a note is in: for a press of its buttons where the platform names none (a DM). A note
        withdrawn by its member's erasure still says whose community it was, so the press is answered there."""
        row = await self.db.fetchone("SELECT community_id FROM care_notes WHERE id = ?", note_id)
        if row is None:
            row = await self.db.fetchone("SELECT community_id FROM care_withdrawn WHERE note_id = ? "
                                         "ORDER BY withdrawn_at LIMIT 1", note_id)
        return row["community_id"] if row else None

    async def was_withdrawn(self, community_id: str, note_id: int) -> bool:
        """Whether this community's note was withdrawn because its member erased their data (`erase_member`)."""
        return await self.db.fetchone("SELECT note_id FROM care_withdrawn WHERE community_id = ? AND note_id = ?",
                                      community_id, note_id) is not None

    async def withdrawn_since(self, community_id: str, since: datetime) -> int:
        """How many of the community's notes were withdrawn since `since` (`mod care list` counts them)."""
        row = await self.db.fetchone("SELECT count(*) AS n FROM care_withdrawn WHERE community_id = ? "
                                     "AND withdrawn_at >= ?", community_id, utc_iso(since))
        return int(row["n"]) if row else 0

    async def take(self, community_id: str, note_id: int, by: str, name: str, now: datetime,
                   compose: Compose) -> CareNote | None:
        """Take an open note; None when it wasn't open (someone else was first, or it is done)."""
        return await self._change(
            "state = 'taken', taken_by = ?, taken_name = ?, taken_at = ?", (by, name, utc_iso(now)),
            "state = 'open'", (), community_id, note_id, now, compose)

    async def hand_over(self, community_id: str, note_id: int, by: str, now: datetime,
                        compose: Compose) -> CareNote | None:
        """Give a note one has taken back to the team; None when it wasn't theirs to give."""
        return await self._change(
            "state = 'open', taken_by = NULL, taken_name = NULL, taken_at = NULL", (),
            "state = 'taken' AND taken_by = ?", (by,), community_id, note_id, now, compose)

    async def close(self, community_id: str, note_id: int, by: str, name: str, now: datetime,
                    compose: Compose) -> CareNote | None:
        """Mark a note done: an open one, or one taken by `by`; None otherwise."""
        return await self._change(
            "state = 'done', closed_by = ?, closed_name = ?, closed_at = ?", (by, name, utc_iso(now)),
            "(state = 'open' OR (state = 'taken' AND taken_by = ?))", (by,), community_id, note_id, now, compose)

    async def _change(self, sets: str, set_args: tuple[Any, ...], when: str, when_args: tuple[Any, ...],
                      community_id: str, note_id: int, now: datetime, compose: Compose) -> CareNote | None:
        """One guarded update: of two at once, only the one whose guard still holds changes the row."""
        async def work(tx: Executor) -> CareNote | None:
            row = await tx.fetchone(
                f"UPDATE care_notes SET {sets}, version = version + 1 WHERE id = ? AND community_id = ? AND {when} "
                "RETURNING *",
                *set_args, note_id, community_id, *when_args,
            )
            if row is None:
                return None
            note = CareNote.from_row(row)
            await enqueue_on(tx, compose(note), now)
            # (a change seen in the care channel is a post about them too: a batch carrying their words goes ticks
            # after it, as after the note, `defer_batches_for_note`; later ones: `RoundRepository._after_care_notes`)
            await defer_batches_for_note(tx, community_id, note.user_id, now)
            return note
        return await atomic(self.db, work)

    async def listing(self, community_id: str, since: datetime, limit: int = 20) -> list[CareNote]:
        """Notes still open or taken, and those done since `since`; newest first."""
        rows = await self.db.fetchall(
            "SELECT * FROM care_notes WHERE community_id = ? AND (state <> 'done' OR closed_at >= ?) "
            "ORDER BY created_at DESC, id DESC LIMIT ?",
            community_id, utc_iso(since), limit,
        )
        return [CareNote.from_row(r) for r in rows]

    async def untaken_since(self, cutoff: datetime, limit: int = 100) -> list[CareNote]:
        """Open notes made before `cutoff` and never raised again."""
        rows = await self.db.fetchall(
            "SELECT * FROM care_notes WHERE state = 'open' AND raised_at IS NULL AND created_at <= ? "
            "ORDER BY id LIMIT ?",
            utc_iso(cutoff), limit,
        )
        return [CareNote.from_row(r) for r in rows]

    async def first_untaken(self) -> datetime | None:
        """When the oldest open note never raised again was made (None: there is none)."""
        row = await self.db.fetchone(
            "SELECT MIN(created_at) AS made FROM care_notes WHERE state = 'open' AND raised_at IS NULL")
        return parse_iso(row["made"]) if row and row["made"] else None

    async def raise_again(self, note_id: int, now: datetime, outgoing: list[Outgoing]) -> bool:
        """Mark a note raised again and queue its messages; False if it was already raised or taken meanwhile.

        "Still open" is a post about the member as much as the note was, and it keeps the same distance from the
        anonymous batches that may carry their words (a trial saw it go up on the tick such a batch did): one
        waiting then goes `CARE_GAP_LEAST` to `CARE_GAP_MOST` ticks after it (`defer_batches_for_note`), as do later
        ones (`RoundRepository._after_care_notes`, by `raised_at`); and after one that went out lately, the repost
        waits as many ticks past it (`_clear_of_batches`). `raised_at` is when it goes up."""
        async def work(tx: Executor) -> bool:
            row = await tx.fetchone("SELECT community_id, user_id FROM care_notes WHERE id = ? AND state = 'open' "
                                    "AND raised_at IS NULL", note_id)
            if row is None:
                return False
            at = await _clear_of_batches(tx, row["community_id"], row["user_id"], now)
            n = await tx.execute(
                "UPDATE care_notes SET raised_at = ? WHERE id = ? AND state = 'open' AND raised_at IS NULL",
                utc_iso(at), note_id,
            )
            if n:
                await enqueue_on(tx, outgoing, now, at if at > now else None)
                await defer_batches_for_note(tx, row["community_id"], row["user_id"], now, after=at)
            return bool(n)
        return await atomic(self.db, work)

    # -- duty -------------------------------------------------------------------------

    async def set_duty(self, community_id: str, user_id: str, on: bool, now: datetime) -> None:
        await self.db.execute(
            "INSERT INTO care_duty (community_id, user_id, on_duty, since) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (community_id, user_id) DO UPDATE SET on_duty = excluded.on_duty, since = excluded.since",
            community_id, user_id, int(on), utc_iso(now),
        )

    async def duty(self, community_id: str) -> dict[str, bool]:
        """Who said they are on or off duty (everyone else: as the community's list of moderators says)."""
        rows = await self.db.fetchall("SELECT user_id, on_duty FROM care_duty WHERE community_id = ?", community_id)
        return {r["user_id"]: bool(r["on_duty"]) for r in rows}

    # -- follow-ups -------------------------------------------------------------------

    async def ask_followup(self, community_id: str, user_id: str, language: str, now: datetime,
                           due: datetime) -> None:
        """One pending follow-up per member: asking again moves it."""
        await self.db.execute(
            "INSERT INTO care_followups (community_id, user_id, language, asked_at, due_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (community_id, user_id) DO UPDATE SET language = excluded.language, "
            "asked_at = excluded.asked_at, due_at = excluded.due_at",
            community_id, user_id, language, utc_iso(now), utc_iso(due),
        )

    async def followups_due(self, now: datetime, limit: int = 200) -> list[FollowUp]:
        rows = await self.db.fetchall(
            "SELECT * FROM care_followups WHERE due_at <= ? ORDER BY due_at LIMIT ?", utc_iso(now), limit
        )
        return [FollowUp(r["community_id"], r["user_id"], r["language"], parse_iso(r["due_at"])) for r in rows]

    async def next_followup_due(self) -> datetime | None:
        """When the first follow-up waiting is due (None: none is waiting)."""
        row = await self.db.fetchone("SELECT MIN(due_at) AS due FROM care_followups")
        return parse_iso(row["due"]) if row and row["due"] else None

    async def followup_of(self, community_id: str, user_id: str) -> FollowUp | None:
        row = await self.db.fetchone("SELECT * FROM care_followups WHERE community_id = ? AND user_id = ?",
                                     community_id, user_id)
        return FollowUp(row["community_id"], row["user_id"], row["language"], parse_iso(row["due_at"])) if row else None

    async def send_followup(self, followup: FollowUp, outgoing: list[Outgoing], now: datetime) -> bool:
        """Drop the follow-up and queue its DM together; False if it was moved or erased meanwhile."""
        async def work(tx: Executor) -> bool:
            n = await tx.execute(
                "DELETE FROM care_followups WHERE community_id = ? AND user_id = ? AND due_at = ?",
                followup.community_id, followup.user_id, utc_iso(followup.due_at),
            )
            if n:
                await enqueue_on(tx, outgoing, now)
            return bool(n)
        return await atomic(self.db, work)

    # -- member data --------------------------------------------------------------------

    async def _notes_about(self, db: Executor, community_id: str, user_id: str, lock: bool = False) -> list[CareNote]:
        """`lock` (PostgreSQL): held until the erasure commits, so a post going out meanwhile either hung its id on
        the note first (the erasure sees it) or finds the note gone (`OutboxRepository.mark_sent`), never neither."""
        held = " FOR UPDATE" if lock and self.db.dialect == "postgresql" else ""
        rows = await db.fetchall("SELECT * FROM care_notes WHERE community_id = ? AND user_id = ? ORDER BY id"
                                 + held, community_id, user_id)
        return [CareNote.from_row(r) for r in rows]

    async def handled_by(self, community_id: str, user_id: str) -> list[int]:
        """The notes (about others) whose posts name `user_id` as the moderator who took or closed them."""
        rows = await self.db.fetchall(
            "SELECT id FROM care_notes WHERE community_id = ? AND user_id <> ? AND (taken_by = ? OR closed_by = ?) "
            "ORDER BY id", community_id, user_id, user_id, user_id)
        return [int(r["id"]) for r in rows]

    async def unposted_notes(self, community_id: str, user_id: str) -> int:
        """How many notes about them still wait for the clock's tick to be posted, not yet on their way: erased
        now, such a note is never posted, so nothing is edited in the moderators' channel for it (counted as
        `erase_member` counts it)."""
        unposted = 0
        for n in await self._notes_about(self.db, community_id, user_id):
            waiting = await self.db.fetchall("SELECT kind, claimed_until FROM outbox WHERE status = 'pending' "
                                             "AND subject = ?", f"care:{n.id}")
            unposted += _post_of(n, waiting) == "waiting"
        return unposted

    async def member_summary(self, community_id: str, user_id: str) -> dict[str, Any]:
        """How many care notes name them (the member may not know a note went to the moderators), and when a
        follow-up they asked for is due."""
        row = await self.db.fetchone("SELECT count(*) AS n FROM care_notes WHERE community_id = ? AND user_id = ?",
                                     community_id, user_id)
        followup = await self.followup_of(community_id, user_id)
        return {"care_notes": int(row["n"]) if row else 0,
                "follow_up_due": utc_iso(followup.due_at) if followup else None}

    async def member_export(self, community_id: str, user_id: str) -> dict[str, Any]:
        """Their follow-up and duty mark, and each care note about them: when, in which care channel, and what
        became of it (open, taken, done, and when). Not which moderator took or closed it: that is the
        moderator's own record (and their name), and the member can ask the team; the note's text is who and
        where, which the export already says, never what they wrote (no note ever had it)."""
        followup = await self.followup_of(community_id, user_id)
        duty = (await self.duty(community_id)).get(user_id)
        care: dict[str, Any] = {
            "follow_up": {"due_at": utc_iso(followup.due_at)} if followup else None,
            "notes_to_moderators": [_exported(n) for n in await self._notes_about(self.db, community_id, user_id)],
        }
        if duty is not None:
            care["care_duty"] = "on" if duty else "off"
        remembered = await self._care_replies(self.db, community_id, user_id)
        if remembered:  # (a digest, never the words: that a care reply went to these words, to not repeat it)
            care["care_replies_remembered"] = remembered
        row = await self.db.fetchone("SELECT count(*) AS n FROM processed_events WHERE event_id LIKE ? ESCAPE '\\'",
                                     like(care_reply_mark(self.notes.cipher, community_id, user_id) + "seen:")[1:])
        if row and row["n"]:  # (a digest, never the words: answers written where others read them, `Event.seen`)
            care["answers_written_in_channels_remembered"] = int(row["n"])
        return {"care": care}

    async def _care_replies(self, db: Executor, community_id: str, user_id: str) -> int:
        """How many care replies to their words are remembered (for `SAME_WORDS_WINDOW`)."""
        row = await db.fetchone("SELECT count(*) AS n FROM processed_events WHERE event_id LIKE ? ESCAPE '\\' "
                                "AND event_id NOT LIKE '%:form:%' "  # (a form that kept the words: `words_carried`)
                                "AND event_id NOT LIKE '%:seen:%'",  # (words written in sight: `checkins._seen_key`)
                                like(care_reply_mark(self.notes.cipher, community_id, user_id))[1:])
        return int(row["n"]) if row else 0

    async def erase_member(self, tx: Executor, community_id: str, user_id: str, now: datetime,
                           withdrawn: Payload | None = None) -> dict[str, int]:
        """Their pending follow-up, their duty mark, the care replies to their words remembered (`care_reply_mark`),
        and the care notes about them. A note doesn't vanish from the moderators unexplained: each post of it in
        the care channel (the note, and its "nobody is on duty" reminder) is edited through the outbox to
        `withdrawn` (a line naming nobody), addressed by message id, so the edit goes though the row is gone; and
        `care_withdrawn` keeps the note's number and when, nothing of the member, for `mod care list` and for a
        press of its buttons. A note whose post is going out right now gets the same edit once it is out
        (`OutboxRepository.mark_sent` hangs the post's id on it); one still waiting for its tick is never posted
        (`OutboxRepository.erase_member` drops it), and is counted withdrawn all the same, as `mod care list`
        may have shown it. A reminder already in a moderator's DMs can't be taken back (platforms let Hearth
        delete in channels, not in someone's DMs; `privacy` says so); its buttons answer that the note was
        withdrawn. On notes they took or closed as a moderator, their name gives way to "deleted-member"; one they
        had taken and not closed is open again (nobody is reaching out now), for another moderator to take.

        Runs before `OutboxRepository.erase_member`, which drops every outbox row naming them, sent ones too:
        the reminders' message ids, and which posts are still on their way, are read here first."""
        where = "WHERE community_id = ? AND user_id = ?"
        payload = withdrawn or WITHDRAWN
        notes = await self._notes_about(tx, community_id, user_id, lock=True)
        edited = unposted = 0
        for n in notes:
            waiting = await tx.fetchall("SELECT kind, claimed_until FROM outbox WHERE status = 'pending' "
                                        "AND subject = ?", f"care:{n.id}")
            post = _post_of(n, waiting)
            if post == "out":
                # An edit of it out right now (dropped with the member's rows) may still land: this one goes after.
                busy = [parse_iso(w["claimed_until"]) for w in waiting if w["kind"] == "edit" and w["claimed_until"]]
                target: dict[str, Any] = {"channel": n.channel_id, "care_note": n.id, "community": community_id}
                if n.post_ref:  # (else `mark_sent` hangs it on once the post is out)
                    target["ref"] = n.post_ref
                await enqueue_on(tx, [Outgoing(withdrawn_key(community_id, n.id), "edit", target, payload)], now,
                                 max(busy) if busy and max(busy) > now else None)
                edited += 1
            elif post == "waiting":
                unposted += 1  # (`OutboxRepository.erase_member` drops it)
            reminders = await tx.fetchall(
                "SELECT target, message_ref FROM outbox WHERE kind = 'post' AND status = 'sent' "
                "AND message_ref IS NOT NULL AND dedupe_key LIKE ? ESCAPE '\\'",
                like(f"care:{community_id}:{n.id}:raise:")[1:])
            for r in reminders:
                where_to = {"channel": json.loads(r["target"]).get("channel"), "ref": r["message_ref"],
                            "community": community_id}
                await enqueue_on(tx, [Outgoing(withdrawn_key(community_id, n.id, r["message_ref"]), "edit", where_to,
                                               payload)], now)
                edited += 1
            await tx.execute("INSERT INTO care_withdrawn (community_id, note_id, withdrawn_at) VALUES (?, ?, ?) "
                             "ON CONFLICT DO NOTHING", community_id, n.id, utc_iso(now))
        await tx.execute(f"DELETE FROM care_followups {where}", community_id, user_id)
        await tx.execute(f"DELETE FROM care_duty {where}", community_id, user_id)
        await tx.execute("DELETE FROM processed_events WHERE event_id LIKE ? ESCAPE '\\'",
                         like(care_reply_mark(self.notes.cipher, community_id, user_id))[1:])
        await tx.execute(f"DELETE FROM care_notes {where}", community_id, user_id)
        # (Each a new version: `bot.flows.care_team.unname_handler` edits their posts.) A note they had taken is
        # nobody's now: open again, for another moderator to take (`take` writes over it), its taker "deleted-member"
        # so its post says they left (`bot.flows.care_team.note_reply`).
        await tx.execute("UPDATE care_notes SET state = 'open', taken_by = ?, taken_name = '', taken_at = NULL, "
                         "version = version + 1 WHERE community_id = ? AND state = 'taken' AND taken_by = ?",
                         DELETED, community_id, user_id)
        await tx.execute("UPDATE care_notes SET taken_by = ?, taken_name = '', version = version + 1 "
                         "WHERE community_id = ? AND taken_by = ?", DELETED, community_id, user_id)
        await tx.execute("UPDATE care_notes SET closed_by = ?, closed_name = '', version = version + 1 "
                         "WHERE community_id = ? AND closed_by = ?", DELETED, community_id, user_id)
        return {"care_notes": len(notes), "care_posts": edited, "care_notes_unposted": unposted}


async def _clear_of_batches(tx: Executor, community_id: str, user_id: str, now: datetime) -> datetime:
    """When a later post about a member's note may go: now, unless an anonymous batch of a round they answered
    anonymously went out (or is going) within `CARE_GAP_LEAST` ticks: then on a tick `CARE_GAP_LEAST` to
    `CARE_GAP_MOST` ticks past it (random, as every gap of this rule), never beside it. A batch is known by its key
    (`anon:<round>:…`): only its new posts carry a `round_id`, and one that carries only her edit is as telling."""
    row = await tx.fetchone(
        "SELECT MAX(COALESCE(sent_at, next_attempt_at)) AS went FROM outbox WHERE dedupe_key LIKE 'anon:%' "
        "AND (status <> 'pending' OR claimed_until IS NOT NULL) AND COALESCE(sent_at, next_attempt_at) >= ? "
        "AND EXISTS (SELECT 1 FROM responses r JOIN rounds rd ON rd.id = r.round_id "
        "JOIN schedules s ON s.id = rd.schedule_id WHERE s.community_id = ? AND r.user_id = ? "
        "AND (r.visibility = 'anonymous' OR r.anon_out = 1) "
        "AND outbox.dedupe_key LIKE 'anon:' || CAST(rd.id AS TEXT) || ':%')",
        utc_iso(now - CARE_GAP_LEAST * TICK), community_id, user_id)
    if not row or not row["went"]:
        return now
    gap = random.SystemRandom().randint(CARE_GAP_LEAST, CARE_GAP_MOST)
    return max(now, next_tick(parse_iso(row["went"])) + gap * TICK)


def _exported(note: CareNote) -> dict[str, Any]:
    """One care note about the member, for their export."""
    def when(at: datetime | None) -> str | None:
        return utc_iso(at) if at else None

    return {"noted_at": utc_iso(note.created_at), "care_channel": note.channel_id, "status": note.state,
            "taken_at": when(note.taken_at), "done_at": when(note.closed_at), "raised_again_at": when(note.raised_at)}


def _post_of(note: CareNote, waiting: list[Any]) -> str:
    """Where a note's post stands, from its pending outbox rows: "out" (posted, or claimed and on its way: only an
    edit can withdraw it), "waiting" (its post unclaimed, waiting for the clock's tick: dropped with the member's
    rows, never posted), or "" (no post at all). One reading for `erase_member` and for what `me delete` says first
    (`unposted_notes`)."""
    posts = [w for w in waiting if w["kind"] == "post"]
    if note.post_ref or any(w["claimed_until"] for w in posts):
        return "out"
    return "waiting" if posts else ""
