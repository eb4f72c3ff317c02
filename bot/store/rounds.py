"""Check-in rounds and the answers to them (responses), with the anonymous posts waiting for a batch."""

from __future__ import annotations

import json
import random
import secrets
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, Callable

from bot.clock import parse_iso, utc_iso
from bot.crypto import Cipher, PlainCipher
from bot.errors import HearthError
from bot.models import EDIT_REFUSED, REFUSED_NOT_ALLOWED, REMOVAL_REFUSED, HeldPost, Outgoing, Response, Round, Schedule
from bot.store.database import Executor, atomic
from bot.store.insights import purge_tallies_on, purge_weeks_on, tally_on, take_notes_on
from bot.store.outbox import enqueue_on, enqueue_rounds_on, removal
from bot.store.repository import Repository, marks

#: What others can see of anonymous posts (a batch going up, changing, coming down; a care note about someone) goes
#: out on the clock's own ticks, never at the moment of anyone's press (`next_tick`): so its timing says nothing
#: about whose answer filled a batch, or whose words a care note is about.
TICK = timedelta(minutes=10)


def next_tick(now: datetime) -> datetime:
    """The first tick of the clock (a whole multiple of `TICK` since the epoch, UTC) at or after `now`."""
    step = int(TICK.total_seconds())
    stamp = now.timestamp()
    return datetime.fromtimestamp(-(-stamp // step) * step, tz=now.tzinfo)


#: How many ticks after a care note about someone a batch carrying their anonymous words may go, at the least and
#: at the most (`RoundRepository._after_care_notes`).
CARE_GAP_LEAST, CARE_GAP_MOST = 3, 6


#: The longest an erasure's pooled anonymous posts wait for others (`pool_wait`): a member who deleted their data
#: is not kept waiting on strangers for a year of retention. What they are told ("within 3 days at the latest").
POOL_WAIT_MOST = timedelta(days=3)
POOL_WAIT_LEAST = timedelta(days=1)
#: What comes after a pool's wait before its posts are down: the pooled removals' job runs once a `TICK`
#: (`bot.engines.retention`), what it releases goes on the clock's next tick (`next_tick`), and then out through
#: the outbox at the platform's pace. A pool waits this much less than `POOL_WAIT_MOST`, so the promise holds
#: at the longest wait too (a trial saw a removal half an hour past it when the wait itself reached the most).
POOL_WAIT_ROOM = timedelta(hours=1)


def pool_wait(pool: str) -> timedelta:
    """How long one erasure's pooled posts wait for others at most: between a day and `POOL_WAIT_MOST` less
    `POOL_WAIT_ROOM`, set by its random mark, so the moment they come down is neither the erasure's nor a fixed
    time after it."""
    span = int((POOL_WAIT_MOST - POOL_WAIT_ROOM - POOL_WAIT_LEAST).total_seconds())
    try:
        offset = int(pool[:8], 16) % (span + 1)
    except ValueError:
        offset = span
    return POOL_WAIT_LEAST + timedelta(seconds=offset)


#: Builds an answer's messages once the saved row (and the previous one) is known.
OutgoingFactory = Callable[[Response, "Response | None"], list[Outgoing]]
#: Builds a round's closing messages in the close's transaction, from how many posts of erased answers are still
#: up there, waiting to come down (`RoundRepository._still_coming_down`).
ClosingMessages = Callable[[int], list[Outgoing]]


@dataclass(frozen=True)
class Batching:
    """How a round's anonymous posts go out: in batches, each batch's messages built by `build` from the posts
    that waited, in no telling order (`due` says which may go).

    The rule. Anyone in the channel sees what a batch does: posts go up, posts change, posts come down, and
    named posts that come down with it (answers gone anonymous). Those three kinds can be told apart, so a
    batch hides a person only among the changes of the same kind: one new post beside four removals is
    singled out by its kind, and the named post that came down with it says whose it is. So each kind waits
    until at least `floor` of it wait (the community's floor, as for every number shown): at least `floor`
    new posts go up together, at least `floor` posts come down together, at least `floor` change together.

    At the close, whatever waits goes, except new posts fewer than `floor`: with nothing else to hide among,
    they never go up (the answers still count in the summary); a named post that waited for them comes down.
    Changes that are too few still go, since their authors asked for them, and so do removals of answers
    changed away from anonymous (their author is in the round still). Removals of erased answers fewer than
    `floor` don't go at the close (everyone saw their author's named posts come down at the erasure): they
    stay pooled, with every other erasure's in the community, until at least `floor` erasures wait
    (`RoundRepository.release_pooled`). Every batch is due on the clock's next tick (`next_tick`), not when
    the answer that filled it was pressed; whatever is pressed before that tick goes with it (`due`, `joining`),
    so nothing pressed then is left behind alone; and one carrying the words of a member a care note was just
    about goes some ticks after the note (`CARE_GAP_LEAST`), never with it. A batch queued for its tick whose
    words an author takes back before it goes (made private, `me delete`) is taken back whole and goes again by
    this rule (`RoundRepository._take_back_batch`): without those words, and never short of the floor.

    Anonymous posts show no mood (`bot.engines.rounds.anonymous_messages`): a mood that only one post of a
    batch has would point to whoever's mood is known (their named post, just taken down), and leaving it off
    only where it would do so tells by its absence. Moods are counted in the summary, under its own rule.

    New posts left over at the close (fewer than `floor` came in after the last batch went, or none went at
    all): anonymity first, then the truth. They never go alone: each of the few would hide among fewer than
    the community chose (its author knows theirs, so two leftovers point each to the other). Nor do they go
    with the last batch once it is out: up later, beside it, their timing sets them apart all the same. The
    one merge that protects everyone is already the rule: a batch still waiting for its tick takes whatever is
    pressed before it (`joining`), at the close too. Holding every batch back in case leftovers come would
    only make each wait longer (and leftovers can still come after it). So they stay unposted, and the truth
    is told instead: the answer is marked `unposted` (history and export say "not posted", not "anonymous"
    as if up), and its author is told privately (`unposted`: builds those messages, in each one's language;
    none if not given). Every promise says so beforehand: "if too few come in together" (not "before the
    round closes": five may come in, and two of them still be too few together).
    """

    floor: int
    build: Callable[[list[HeldPost]], list[Outgoing]]
    unposted: Callable[[list[Response]], list[Outgoing]] | None = None

    def due(self, held: list[HeldPost], closing: bool, joining: dict[str, int] | None = None) -> list[HeldPost]:
        """The waiting posts that go now, by the rule above (those withheld for good at the close marked so).

        `joining`: how many of each kind a batch already has that is waiting for the clock's next tick (formed
        by an earlier press, not out yet). Posts pressed before that tick go with it: the channel sees them all
        at once, so they hide among its posts as well as among each other, and a post pressed a moment after a
        batch filled is never left alone to be withheld at the close."""
        joining = joining or {}
        by_kind: dict[str, list[HeldPost]] = {}
        for h in held:
            by_kind.setdefault(h.kind, []).append(h)
        going: list[HeldPost] = []
        for kind, posts in by_kind.items():
            enough = len(posts) + joining.get(kind, 0) >= self.floor
            if kind == "new" and closing and not enough:
                going += [replace(h, withheld=True) for h in posts]
            elif kind == "removal" and closing and not enough:
                going += [h for h in posts if h.response is not None]  # (an erasure's wait, pooled: above)
            elif closing or kind == "" or enough:
                going += posts
        if not closing and all(h.kind == "" for h in going):
            return []  # (nothing to show: they wait to go with a batch)
        return going


class RoundClosed(HearthError):
    """The round closed while an answer to it was being saved: nothing was saved."""


#: A round being answered, locked for the answer's transaction (PostgreSQL adds FOR UPDATE): its batches of
#: anonymous posts are counted and sent by one answer at a time, and never after the round closed.
_ROUND_FOR_ANSWER = "SELECT rd.closed_at, rd.channel_id FROM rounds rd WHERE rd.id = ?"

OPEN_ROUND = ("INSERT INTO rounds (schedule_id, scheduled_at, opened_at, closes_at, remind_at, prompt_id, prompt_text, "
              "channel_id, invited) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (schedule_id, scheduled_at) DO NOTHING RETURNING *")

#: A member's answers in one community, with their rounds and check-ins (export and erasure).
_ANSWERS_SQL = (
    "SELECT r.id, r.round_id, r.mood, r.text, r.visibility, r.post_ref, r.anon_ref, r.anon_out, r.unposted, "
    "r.post_refused, r.change_refused, r.held_for, r.created_at, r.updated_at, "
    "rd.scheduled_at, rd.prompt_id, rd.prompt_text, rd.closed_at, s.name AS schedule_name, rd.channel_id "
    "FROM responses r JOIN rounds rd ON rd.id = r.round_id JOIN schedules s ON s.id = rd.schedule_id "
    "WHERE s.community_id = ? AND r.user_id = ? ORDER BY rd.scheduled_at, r.id"
)


#: A member's kept answers to check-ins a moderator deleted (`keep_answers_on`), oldest round first.
_KEPT_SQL = "SELECT * FROM kept_answers WHERE community_id = ? AND user_id = ? ORDER BY scheduled_at, id"


async def keep_answers_on(tx: Executor, schedule: Schedule, now: datetime) -> int:
    """Before a moderator's deletion of `schedule` takes its rounds and answers: a copy of every member's answer
    to it, tied to no round, stays theirs (`kept_answers`: `me history`, `me export`, retention and `me delete`
    as any answer). Words are copied as stored (sealed if private). An anonymous answer whose words never went up
    (still waiting for its batch) is kept as "not posted": its round is gone, so they never will. How many were
    kept."""
    rows = await tx.fetchall(
        "SELECT r.user_id, r.mood, r.text, r.visibility, r.unposted, r.anon_out, r.created_at, r.updated_at, "
        "rd.scheduled_at, "
        "rd.prompt_id, rd.prompt_text FROM responses r JOIN rounds rd ON rd.id = r.round_id "
        "WHERE rd.schedule_id = ? AND r.user_id IS NOT NULL ORDER BY r.id", schedule.id)
    for r in rows:
        await tx.execute(
            "INSERT INTO kept_answers (community_id, user_id, checkin, scheduled_at, prompt_id, prompt_text, mood, "
            "text, visibility, unposted, created_at, updated_at, checkin_deleted_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            schedule.community_id, r["user_id"], schedule.name, r["scheduled_at"], r["prompt_id"], r["prompt_text"],
            r["mood"], r["text"] or "", r["visibility"], int(bool(r["unposted"]) or (r["visibility"] == "anonymous" and not r["anon_out"])), r["created_at"],
            r["updated_at"],
            utc_iso(now))
    return len(rows)


class RoundRepository(Repository):
    member_tables = ("responses", "kept_answers")
    #: Seals private answers at rest (the store sets it from HEARTH_ENCRYPTION_KEY).
    cipher: Cipher = PlainCipher()

    async def open(self, schedule: Schedule, fields: dict[str, Any], outgoing: list[Outgoing]) -> Round | None:
        """Write the round and its messages at once; None if it was already open.

        The unique (schedule, scheduled time) key makes a second opening — a
        restart, another process — a no-op.
        """
        async def work(tx: Executor) -> Round | None:
            row = await tx.fetchone(OPEN_ROUND, *_round_args(schedule, fields))
            if row is None:
                return None
            rnd = Round.from_row(row)
            await enqueue_rounds_on(tx, [(rnd.id, outgoing)], fields["opened_at"])
            await take_notes_on(tx, _notes_shown([(schedule, fields)]))
            return rnd
        return await atomic(self.db, work)

    async def open_many(self, items: list[tuple[Schedule, dict[str, Any], list[Outgoing]]]) -> list[Round | None]:
        """`open` for many rounds in one transaction: all are written, or none.

        When a thousand schedules fire in the same minute, one transaction
        and one insert of all their messages replace a thousand of each.
        """
        args = [_round_args(schedule, fields) for schedule, fields, _ in items]
        ids = sorted({a[0] for a in args})
        times = sorted({a[1] for a in args})
        find = (f"SELECT * FROM rounds WHERE schedule_id IN ({marks(ids)}) "
                f"AND scheduled_at IN ({marks(times)})")

        async def work(tx: Executor) -> list[Round | None]:
            opened: list[Round | None] = []
            before = {(r["schedule_id"], r["scheduled_at"]) for r in await tx.fetchall(find, *ids, *times)}
            many = getattr(tx, "executemany", None)
            if many is not None:
                await many(OPEN_ROUND.replace(" RETURNING *", ""), [a for a in args if a[:2] not in before])
            else:
                for a in args:
                    if a[:2] not in before:
                        await tx.execute(OPEN_ROUND, *a)
            rows = {(r["schedule_id"], r["scheduled_at"]): r for r in await tx.fetchall(find, *ids, *times)}
            messages: list[tuple[int, list[Outgoing]]] = []
            for a, (_, _, outgoing) in zip(args, items):
                row = rows.get(a[:2]) if a[:2] not in before else None
                rnd = Round.from_row(row) if row else None
                opened.append(rnd)
                if rnd is not None:
                    messages.append((rnd.id, outgoing))
            await enqueue_rounds_on(tx, messages, items[0][1]["opened_at"])
            await take_notes_on(tx, _notes_shown([(s, f) for (s, f, _), rnd in zip(items, opened) if rnd]))
            return opened
        return await atomic(self.db, work)

    async def get(self, round_id: int) -> Round | None:
        row = await self.db.fetchone("SELECT * FROM rounds WHERE id = ?", round_id)
        return Round.from_row(row) if row else None

    async def latest(self, schedule_id: int) -> Round | None:
        row = await self.db.fetchone(
            "SELECT * FROM rounds WHERE schedule_id = ? ORDER BY scheduled_at DESC LIMIT 1", schedule_id
        )
        return Round.from_row(row) if row else None

    async def list_open(self) -> list[Round]:
        """Every round not closed yet, soonest to close first."""
        rows = await self.db.fetchall("SELECT * FROM rounds WHERE closed_at IS NULL ORDER BY closes_at, id")
        return [Round.from_row(r) for r in rows]

    async def list_open_in(self, community_id: str, now: datetime) -> list[tuple[Round, Schedule]]:
        """A community's rounds still open at `now`, each with its schedule, in one query."""
        return await list_open_rounds_in(self.db, community_id, now)

    async def recent_prompt_ids_of(self, schedule_ids: list[int], limit: int) -> dict[int, list[str]]:
        """The prompts of each schedule's latest `limit` rounds, newest first, in one query."""
        out: dict[int, list[str]] = {i: [] for i in schedule_ids}
        if not schedule_ids or limit <= 0:
            return out
        rows = await self.db.fetchall(
            "SELECT schedule_id, prompt_id FROM (SELECT schedule_id, prompt_id, scheduled_at, ROW_NUMBER() OVER "
            "(PARTITION BY schedule_id ORDER BY scheduled_at DESC) AS n FROM rounds "
            f"WHERE schedule_id IN ({marks(schedule_ids)})) AS recent WHERE n <= ? "
            "ORDER BY schedule_id, scheduled_at DESC",
            *schedule_ids, limit,
        )
        for r in rows:
            out[r["schedule_id"]].append(r["prompt_id"])
        return out

    async def finish_step(
        self, round_id: int, column: str, now: datetime, outgoing: "list[Outgoing] | ClosingMessages",
        batching: Batching | None = None
    ) -> bool:
        """Mark a round reminded or closed and queue its messages, once only. Closing with `batching` first
        lets every anonymous post still waiting go, however few. `outgoing` may be built in the close's own
        transaction (`ClosingMessages`), told how many posts of erased answers stay up, pooled, after it."""
        if column not in {"reminded_at", "closed_at"}:
            raise ValueError(column)
        return await atomic(self.db, lambda tx: self._finish_step(tx, round_id, column, now, outgoing, batching))

    async def _finish_step(self, tx: Executor, round_id: int, column: str, now: datetime,
                           outgoing: "list[Outgoing] | ClosingMessages", batching: Batching | None) -> bool:
        n = await tx.execute(
            f"UPDATE rounds SET {column} = ? WHERE id = ? AND {column} IS NULL", utc_iso(now), round_id
        )
        if n == 0:
            return False
        if batching is not None and column == "closed_at":
            await self._release(tx, round_id, batching, now, everything=True)
        if column == "closed_at":
            await tally_on(tx, round_id)  # what insights count, as the summary shows it
        if callable(outgoing):
            outgoing = outgoing(await self._still_coming_down(tx, round_id))
        await enqueue_rounds_on(tx, [(round_id, outgoing)], now)
        return True

    async def _still_coming_down(self, tx: Executor, round_id: int) -> int:
        """Posts of the round whose answers were erased (`me delete`) that are still up, waiting to come down
        pooled with other erasures' (`release_pooled`): at the close, those too few to go with its batch. Their
        answers are gone, so the summary doesn't count them, and says so beside them."""
        row = await tx.fetchone("SELECT COUNT(*) AS n FROM held_posts WHERE round_id = ? AND response_id IS NULL",
                                round_id)
        return int(row["n"]) if row else 0

    # -- responses -------------------------------------------------------------------

    async def save_response(
        self, round_id: int, user_id: str, mood: int, text: str, visibility: str | None, now: datetime,
        outgoing_for: OutgoingFactory, batching: Batching | None = None, held_for: str | None = None,
    ) -> tuple[Response, Response | None]:
        """Save (or change) an answer and queue what it shows, in one go. `visibility` None: the answer's own, if it
        has one (a change keeps it), else private. `held_for`: the visibility the member chose, when the words are
        held back from it until they choose (saved private meanwhile); any save without it clears it.

        `outgoing_for` builds what shows at once (the named post). With `batching`, a change to what the
        answer shows anonymously waits for the round's next batch (`_hold`); raises `RoundClosed` if the
        round closed meanwhile, so nothing waits for a batch that will never come.
        """
        return await atomic(self.db, lambda tx: self._save_response(tx, round_id, user_id, mood, text, visibility,
                                                                    now, outgoing_for, batching, held_for))

    async def settle_held(self, response_id: int) -> None:
        """The member chose for their held answer (`held_for`) without changing it: kept private, it is held no more."""
        await self.db.execute("UPDATE responses SET held_for = NULL WHERE id = ?", response_id)

    async def _save_response(
        self, tx: Executor, round_id: int, user_id: str, mood: int, text: str, visibility: str | None,
        now: datetime, outgoing_for: OutgoingFactory, batching: Batching | None, held_for: str | None = None,
    ) -> tuple[Response, Response | None]:
        rnd = None if batching is None else await tx.fetchone(
            _ROUND_FOR_ANSWER + (" FOR UPDATE OF rd" if self.db.dialect == "postgresql" else ""), round_id)
        if batching is not None and (rnd is None or rnd["closed_at"] is not None):
            raise RoundClosed(round_id)
        prev_row = await tx.fetchone(
            "SELECT * FROM responses WHERE round_id = ? AND user_id = ?", round_id, user_id
        )
        taken_back = False
        if batching is not None and prev_row is not None and prev_row["anon_out"] and (
                visibility or prev_row["visibility"]) != "anonymous":
            # Her anonymous post may be only queued with its batch for the tick: words she has just taken back
            # never go up (not up, then down). The whole batch waits again and goes as the rule says (`_hold`).
            taken_back = await self._take_back_batch(tx, round_id, prev_row["id"], now)
            if taken_back:
                prev_row = await tx.fetchone("SELECT * FROM responses WHERE id = ?", prev_row["id"])
        previous = self._response(prev_row) if prev_row else None
        if visibility is None:
            visibility = previous.visibility if previous else "private"
        row = await tx.fetchone(
            "INSERT INTO responses (round_id, user_id, mood, text, visibility, created_at, updated_at, held_for) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (round_id, user_id) DO UPDATE SET mood = excluded.mood, "
            "text = excluded.text, visibility = excluded.visibility, updated_at = excluded.updated_at, "
            "held_for = excluded.held_for, post_refused = CASE WHEN responses.mood = excluded.mood AND "
            "responses.visibility = excluded.visibility AND COALESCE(responses.text, '') = COALESCE(excluded.text, '') "
            "THEN responses.post_refused ELSE 0 END, unposted = CASE WHEN ? = 0 OR responses.visibility = "
            "excluded.visibility AND COALESCE(responses.text, '') = COALESCE(excluded.text, '') "
            "THEN responses.unposted ELSE 0 END RETURNING *",
            # (changed, it is posted anew: `answer_messages`; an anonymous post refused, once its words change, by
            # its batch: `_hold`, as a new post, `OutboxRepository.mark_refused`)
            round_id, user_id, mood, self._sealed_if_private(text, visibility), visibility, utc_iso(now),
            utc_iso(now), held_for, int(batching is not None),
        )
        assert row is not None
        response = self._response(row)
        await enqueue_on(tx, outgoing_for(response, previous), now)
        if previous is not None and visibility != "shared" and previous.post_ref and not (
                visibility == "anonymous" and batching is not None):
            # Its named post is being taken down by id (`outgoing_for`): the answer has none now. (Gone
            # anonymous, it keeps the id until the batch that carries its words takes it down: `_release`.)
            await tx.execute("UPDATE responses SET post_ref = NULL WHERE id = ?", response.id)
        if batching is not None and rnd is not None:
            await self._hold(tx, row, previous, rnd["channel_id"], batching, now, taken_back)
        return response, previous

    async def _hold(self, tx: Executor, row: dict[str, Any], previous: Response | None, channel_id: str,
                    batching: Batching, now: datetime, taken_back: bool = False) -> None:
        """Let the answer's anonymous side wait for the round's next batch, and send the batch if it is full.

        It waits if what it shows anonymously changed (new, edited, or to be taken down), and stays waiting
        if it was already; a wait that nets to nothing (anonymous, then private, before any batch) goes.
        `taken_back`: its batch was taken back from the outbox (`_take_back_batch`): the rest go again if they may.
        """
        now_anonymous, out = row["visibility"] == "anonymous", bool(row["anon_out"])
        if not now_anonymous and not out:
            if previous is not None and previous.visibility == "anonymous":  # (else nothing of it can wait)
                await tx.execute("DELETE FROM held_posts WHERE response_id = ?", row["id"])
            if taken_back:
                await self._release(tx, row["round_id"], batching, now, everything=False)
            return
        # (what its post shows: the words, never the mood, `Batching`; a change of mood alone changes nothing there)
        shown = (row["text"],) if now_anonymous else None
        before = (previous.text,) if previous and previous.visibility == "anonymous" else None
        if shown != before:
            await tx.execute(
                "INSERT INTO held_posts (round_id, response_id, channel_id, held_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (response_id) DO NOTHING",
                row["round_id"], row["id"], channel_id, utc_iso(now),
            )
        await self._release(tx, row["round_id"], batching, now, everything=False)

    async def _take_back_batch(self, tx: Executor, round_id: int, response_id: int, now: datetime) -> bool:
        """Take the round's batch that carries the answer's anonymous words (a new post, or an edit) back from the
        outbox, if nothing of it has gone yet: every post of it waits again in `held_posts`, as it did before
        `_release` queued it, and the answer's post is as it was then (not out). The caller releases them again
        (`_release`, or `settle` after an erasure): so the batch goes without these words when the rest are still
        enough to hide among (`Batching.due`), and otherwise waits, whole, for more or for the close, never going
        up short of the floor. True if one was taken back; False if none waits, or it is being sent this moment
        (then its words do go up, and come down with a later batch).

        Lock order (`lock_rounds`): the caller holds the round; the batch's outbox rows are taken next
        (PostgreSQL: FOR UPDATE, so a sender claiming them first is seen, and a sender coming after finds none)."""
        lock = " FOR UPDATE" if self.db.dialect == "postgresql" else ""
        ticks = await tx.fetchall(
            "SELECT DISTINCT next_attempt_at FROM outbox WHERE subject = ? AND dedupe_key LIKE ? "
            "AND status = 'pending' AND kind IN ('thread', 'edit')",
            f"answer:{response_id}:anonymous", f"anon:{round_id}:%")
        taken = False
        for tick in sorted(r["next_attempt_at"] for r in ticks):
            batch = await tx.fetchall(f"SELECT * FROM outbox WHERE dedupe_key LIKE ? AND next_attempt_at = ? "
                                      f"ORDER BY id{lock}", f"anon:{round_id}:%", tick)
            if not batch or any(r["status"] != "pending" or r["claimed_until"] is not None or r["attempts"]
                                or r["message_ref"] is not None for r in batch):
                continue  # (some of it is on its way: it goes as it is)
            pool = secrets.token_hex(8)  # (erasures' removals in it, taken back together: counted as one, `Batching`)
            for r in batch:
                await self._hold_again(tx, round_id, r, pool)
            ids = [r["id"] for r in batch]
            await tx.execute(f"DELETE FROM outbox WHERE id IN ({marks(ids)})", *ids)
            taken = True
        return taken

    async def _hold_again(self, tx: Executor, round_id: int, r: dict[str, Any], pool: str) -> None:
        """One message of a batch taken back (`_take_back_batch`), waiting again as the post it came from, with its
        answer as `_release` found it: a new post not out, a post to take down out still, a named post up still."""
        target = json.loads(r["target"])
        does = str(r["dedupe_key"]).rsplit(":", 1)[-1]
        rid = {"post": r["response_id"], "edit": r["response_id"], "delete": target.get("response"),
               "unname": target.get("unnames")}.get(does)
        if rid is not None and await tx.fetchone("SELECT id FROM responses WHERE id = ?", rid) is None:
            rid = None  # (its answer was erased since: only a post to take down)
        channel, ref, held_at = target.get("channel"), target.get("ref"), r["created_at"]
        if rid is None:
            if ref:
                await tx.execute("INSERT INTO held_posts (round_id, channel_id, ref, held_at, pool, tell) "
                                 "VALUES (?, ?, ?, ?, ?, ?)", round_id, channel, ref, held_at, pool, r.get("tell"))
            return
        await tx.execute("INSERT INTO held_posts (round_id, response_id, channel_id, held_at) VALUES (?, ?, ?, ?) "
                         "ON CONFLICT (response_id) DO NOTHING", round_id, rid, channel, held_at)
        if does == "post":
            await tx.execute("UPDATE responses SET anon_out = 0 WHERE id = ?", rid)
        elif does == "delete":
            await tx.execute("UPDATE responses SET anon_out = 1, anon_ref = COALESCE(anon_ref, ?) WHERE id = ?",
                             ref, rid)
        elif does == "unname":
            await tx.execute("UPDATE responses SET post_ref = COALESCE(post_ref, ?) WHERE id = ?", ref, rid)

    async def settle(self, round_id: int, batching: Batching, now: datetime) -> int:
        """Send what of the round's waiting posts may go now (`_release`; all, as at the close, if it is closed):
        after an erasure took back a batch its answer was in (`erase_member`). How many went."""
        async def work(tx: Executor) -> int:
            rnd = await tx.fetchone(_ROUND_FOR_ANSWER + (" FOR UPDATE OF rd" if self.db.dialect == "postgresql"
                                                         else ""), round_id)
            if rnd is None:
                return 0
            return await self._release(tx, round_id, batching, now, everything=rnd["closed_at"] is not None)
        return await atomic(self.db, work)

    async def rounds_waiting_in(self, community_id: str, closed_only: bool = False) -> list[Round]:
        """The community's rounds with answers' posts waiting for a batch (`settle`); `closed_only`: of those, the
        closed ones (their posts wait for nothing: taken back after the close by an erasure not yet settled)."""
        closed = " AND rd.closed_at IS NOT NULL" if closed_only else ""
        rows = await self.db.fetchall(
            "SELECT * FROM rounds WHERE id IN (SELECT h.round_id FROM held_posts h JOIN rounds rd ON rd.id = "
            "h.round_id JOIN schedules s ON s.id = rd.schedule_id WHERE s.community_id = ? "
            f"AND h.response_id IS NOT NULL{closed}) ORDER BY id", community_id)
        return [Round.from_row(r) for r in rows]

    async def waiting_authors(self, round_id: int) -> list[str]:
        """Who has an anonymous answer waiting to go up for the first time in the round's next batch: those whose
        words its close may leave unposted (`Batching`)."""
        rows = await self.db.fetchall(
            "SELECT DISTINCT r.user_id FROM held_posts h JOIN responses r ON r.id = h.response_id "
            "WHERE h.round_id = ? AND r.visibility = 'anonymous' AND r.anon_out = 0 AND r.user_id IS NOT NULL "
            "ORDER BY r.user_id", round_id)
        return [r["user_id"] for r in rows]

    async def hold_removal(self, tx: Executor, round_id: int, channel_id: str, ref: str, now: datetime,
                           pool: str, tell: str | None = None) -> None:
        """An anonymous post to take down with its round's next batch, or pooled if its round is closed (or closes
        with too few to go together), its answer gone (an erasure, marked `pool`: a random mark of that erasure).
        `tell`: its author, told privately if it can't come down (kept only until it goes, `Outgoing.tell`)."""
        await tx.execute("INSERT INTO held_posts (round_id, channel_id, ref, held_at, pool, tell) "
                         "VALUES (?, ?, ?, ?, ?, ?)", round_id, channel_id, ref, utc_iso(now), pool, tell)

    async def release_pooled(self, community_id: str, floor: int, cleared_before: datetime, now: datetime) -> int:
        """Take down the community's pooled removals (`Batching`) where they may go: all together once at least
        `floor` different erasures wait, else those of rounds retention clears for everyone (from before
        `cleared_before`, less `POOL_WAIT_ROOM`, as a pool's own wait) and those whose pool waited its time; and an
        erasure's removal still waiting for the batch of a round open longer than that (a round may stay open a
        week), at the end of its pool's wait too, as promised; due on the clock's next tick. Returns how many."""
        async def work(tx: Executor) -> int:
            rows = await tx.fetchall(
                "SELECT h.id, h.channel_id, h.ref, h.pool, h.tell, h.held_at, rd.scheduled_at, rd.closed_at "
                "FROM held_posts h "
                "JOIN rounds rd ON rd.id = h.round_id JOIN schedules s ON s.id = rd.schedule_id "
                "WHERE s.community_id = ? AND h.pool IS NOT NULL ORDER BY h.id",
                community_id)
            waited = [r for r in rows if parse_iso(r["held_at"]) + pool_wait(r["pool"]) <= now]
            pooled = [r for r in rows if r["closed_at"] is not None]
            if len({r["pool"] for r in pooled}) < floor:  # (retention's clearing, with the same room: `pool_wait`)
                pooled = [r for r in pooled if r["scheduled_at"] < utc_iso(cleared_before + POOL_WAIT_ROOM)]
            rows = pooled + [r for r in waited if r not in pooled]
            if not rows:
                return 0
            ids = [r["id"] for r in rows]
            await tx.execute(f"DELETE FROM held_posts WHERE id IN ({marks(ids)})", *ids)
            going = [removal(f"pooled:{r['id']}:{r['ref']}", r["channel_id"], r["ref"], community=community_id,
                             tell=r["tell"]) for r in rows if r["ref"]]
            random.SystemRandom().shuffle(going)
            await enqueue_on(tx, going, now, next_tick(now))
            return len(rows)
        return await atomic(self.db, work)

    async def _release(self, tx: Executor, round_id: int, batching: Batching, now: datetime,
                       everything: bool) -> int:
        """Send what of the round's waiting anonymous posts may go (`Batching.due`; `everything`: the round is
        closing), shuffled so their order tells nothing either; returns how many went."""
        rows = await tx.fetchall(
            "SELECT h.id AS held_id, h.channel_id AS held_channel, h.ref AS held_ref, h.tell AS held_tell, r.* "
            "FROM held_posts h "
            "LEFT JOIN responses r ON r.id = h.response_id WHERE h.round_id = ? ORDER BY h.id", round_id,
        )
        tick = next_tick(now)
        joining = await _batch_waiting_for(tx, round_id, tick, now)
        held = batching.due([HeldPost(self._response(r) if r["id"] is not None else None, bool(r["anon_out"]),
                                      r["held_ref"] if r["id"] is None else r["anon_ref"], r["held_channel"],
                                      r["held_id"], tell=r["held_tell"] if r["id"] is None else None)
                                     for r in rows], everything, joining)
        if everything:  # (an erasure's removals left over at the close stay, pooled: `Batching`)
            await tx.execute("UPDATE held_posts SET pool = ? WHERE round_id = ? AND response_id IS NULL AND pool IS "
                             "NULL", secrets.token_hex(8), round_id)
        if not held:
            return 0
        random.SystemRandom().shuffle(held)
        outgoing = batching.build(held)
        ids = [h.held_id for h in held]
        await tx.execute(f"DELETE FROM held_posts WHERE id IN ({marks(ids)})", *ids)
        withheld = [h.response for h in held if h.withheld and h.response is not None]
        if withheld:  # (never posted: marked so, and their authors told privately, `Batching`)
            ids = [r.id for r in withheld]
            await tx.execute(f"UPDATE responses SET unposted = 1 WHERE id IN ({marks(ids)})", *ids)
            if batching.unposted is not None:
                await enqueue_on(tx, batching.unposted(withheld), now)
        for h in held:
            if h.response is None:
                continue
            shows = h.response.visibility == "anonymous" and not h.withheld
            if h.response.visibility != "shared" and h.response.post_ref:  # its named post came down with it
                await tx.execute("UPDATE responses SET post_ref = NULL WHERE id = ?", h.response.id)
            # A post taken down by its known id leaves no id behind; one still on its way keeps the column for
            # its removal to find (`Outbox._resolve`).
            # (One that shows now is posted: a mark from a refused post before it is no longer true, `mark_refused`.)
            await tx.execute(
                "UPDATE responses SET anon_out = ?, anon_ref = CASE WHEN ? = 1 AND anon_ref IS NOT NULL THEN NULL "
                "ELSE anon_ref END, unposted = CASE WHEN ? = 1 THEN 0 ELSE unposted END WHERE id = ?",
                int(shows), int(not shows), int(shows), h.response.id,
            )
        due = None if everything else tick
        at = await self._after_care_notes(tx, round_id, held, now, due)
        if any(joining.values()):  # (at the close too: with that batch, not a moment before it)
            await _join_waiting_batch(tx, round_id, tick, outgoing, now)
            if at != due and at is not None:  # a care note about one of its authors: the whole batch waits past it
                await tx.execute("UPDATE outbox SET next_attempt_at = ? WHERE dedupe_key LIKE ? AND status = 'pending' "
                                 "AND next_attempt_at = ?", utc_iso(at), f"anon:{round_id}:%", utc_iso(tick))
        else:
            await enqueue_on(tx, outgoing, now, at)
        return len(held)

    async def _after_care_notes(self, tx: Executor, round_id: int, held: list[HeldPost], now: datetime,
                                due: datetime | None) -> datetime | None:
        """When a batch may go: `due`, unless one of its answers' authors had a care note lately, or a later post
        about one (raised again as still open, taken, handed over, done). A note goes on the tick after it was made
        (`bot.store.care`), and so does its "still open"; a batch carrying that member's words on the same tick,
        or just after, would say whose they are. So such a batch waits `CARE_GAP_LEAST` to `CARE_GAP_MOST` ticks
        past the latest of them (random, so the gap is no pattern either)."""
        authors = sorted({h.response.user_id for h in held if h.response is not None and h.response.user_id})
        if not authors:
            return due
        since = utc_iso(now - CARE_GAP_MOST * TICK - TICK)
        rows = await tx.fetchall(
            "SELECT created_at, raised_at, taken_at, closed_at FROM care_notes WHERE (created_at >= ? OR "
            "raised_at >= ? OR taken_at >= ? OR closed_at >= ?) AND community_id = (SELECT "
            "s.community_id FROM rounds rd JOIN schedules s ON s.id = rd.schedule_id WHERE rd.id = ?) "
            f"AND user_id IN ({marks(authors)})",
            since, since, since, since, round_id, *authors)
        posted = [parse_iso(r[c]) for r in rows for c in ("created_at", "raised_at", "taken_at", "closed_at") if r[c]]
        if not posted:
            return due
        gap = random.SystemRandom().randint(CARE_GAP_LEAST, CARE_GAP_MOST)
        later = next_tick(max(posted)) + gap * TICK
        return later if due is None or later > due else due

    async def lock_rounds(self, tx: Executor, round_ids: list[int]) -> None:
        """Take these rounds first, in id order, before any of their answers, waiting posts or outbox rows
        (PostgreSQL; SQLite runs one transaction at a time).

        The lock order, for every transaction that writes a round's rows of several tables: the round, then its
        held_posts, outbox and responses. Answering with a batch (`save_response`, FOR UPDATE) and closing
        (`finish_step`, its UPDATE) take their round first already; an erasure and a retention slice take all of
        theirs here, so none of them holds an answer while waiting for a round another holds with its waiting
        posts. (FOR NO KEY UPDATE: new answers and outbox rows that merely point at the round don't wait.)
        What is left over (rows outside rounds) is `retried`."""
        if self.db.dialect != "postgresql" or not round_ids:
            return
        ids = sorted(set(round_ids))
        await tx.fetchall(f"SELECT id FROM rounds WHERE id IN ({marks(ids)}) ORDER BY id FOR NO KEY UPDATE", *ids)

    def _sealed_if_private(self, text: str, visibility: str) -> str:
        """Words kept private are sealed at rest, as notes are (`bot.crypto`); shared and anonymous words are
        posted to the group anyway."""
        return self.cipher.seal(text) if visibility == "private" and text else text

    def answer_words(self, row: dict[str, Any]) -> str:
        """A row of `responses`' words as written: opened, if they were kept private (and so sealed)."""
        return self.cipher.open(row["text"]) if row["visibility"] == "private" and row["text"] else row["text"]

    def _response(self, row: dict[str, Any]) -> Response:
        """The answer with its words as written; the row is copied only when they were sealed (a round's
        summary reads thousands of rows)."""
        words = self.answer_words(row)
        return Response.from_row(row if words is row["text"] else {**row, "text": words})

    async def named_posts_of(self, response_id: int) -> list[dict[str, Any]]:
        """What the answer's posts with its author's name said (put up or changed, sent or on their way), as
        queued: words once seen with a name can't be posted anonymously without saying whose they are."""
        rows = await self.db.fetchall(
            "SELECT payload FROM outbox WHERE response_id = ? AND dedupe_key LIKE 'resp:%' AND kind IN ('thread', "
            "'edit') ORDER BY id", response_id)
        return [json.loads(r["payload"]) for r in rows]

    async def anonymous_posts_of(self, response_id: int) -> list[dict[str, Any]]:
        """What the answer's anonymous posts said that went out (put up or changed, sent), as queued: the same words
        with the member's name would say whose they were (`bot.flows.checkins._was_anonymous_post`)."""
        rows = await self.db.fetchall(
            "SELECT payload FROM outbox WHERE response_id = ? AND dedupe_key LIKE 'anon:%' AND kind IN ('thread', "
            "'edit') AND status = 'sent' ORDER BY id", response_id)
        return [json.loads(r["payload"]) for r in rows]

    async def response(self, response_id: int) -> Response | None:
        """One answer by its id (None if it is gone)."""
        row = await self.db.fetchone("SELECT * FROM responses WHERE id = ?", response_id)
        return self._response(row) if row else None

    async def response_of(self, round_id: int, user_id: str) -> Response | None:
        row = await self.db.fetchone("SELECT * FROM responses WHERE round_id = ? AND user_id = ?", round_id, user_id)
        return self._response(row) if row else None

    async def anonymous_post_out(self, response_id: int) -> bool:
        """Whether the answer's anonymous post has gone out with a batch, or is going (not merely waiting for one,
        nor queued with one that was taken back: `_take_back_batch`); also once its removal is queued, until that
        is sent (so asked just after a change away from anonymous, it says whether there is a post to come down)."""
        row = await self.db.fetchone(
            "SELECT anon_out, EXISTS (SELECT 1 FROM outbox o WHERE o.subject = ? AND o.kind = 'delete' "
            "AND o.status = 'pending') AS coming_down FROM responses WHERE id = ?",
            f"answer:{response_id}:anonymous", response_id)
        return bool(row and (row["anon_out"] or row["coming_down"]))

    async def anonymous_post_up(self, response_id: int) -> bool:
        """Whether the answer's anonymous post is up: sent, with its message's id (not merely queued with a batch
        for the clock's tick, which can still be taken back and wait again: `_take_back_batch`)."""
        row = await self.db.fetchone("SELECT anon_out, anon_ref FROM responses WHERE id = ?", response_id)
        return bool(row and row["anon_out"] and row["anon_ref"])

    async def responses_by(self, round_ids: list[int], user_id: str) -> dict[int, Response]:
        """One member's answers to several rounds, by round id."""
        if not round_ids:
            return {}
        rows = await self.db.fetchall(
            f"SELECT * FROM responses WHERE user_id = ? AND round_id IN ({marks(round_ids)})", user_id, *round_ids
        )
        return {r["round_id"]: self._response(r) for r in rows}

    async def responses(self, round_id: int) -> list[Response]:
        """Every answer to a round, first answered first."""
        rows = await self.db.fetchall("SELECT * FROM responses WHERE round_id = ? ORDER BY created_at, id", round_id)
        return [self._response(r) for r in rows]

    async def history(self, community_id: str, user_id: str, since: datetime) -> list[tuple[Response, Round, str]]:
        rows = await self.db.fetchall(
            "SELECT r.*, rd.schedule_id, rd.scheduled_at, rd.opened_at, rd.closes_at, rd.remind_at, rd.reminded_at, "
            "rd.closed_at, rd.prompt_id, rd.prompt_text, rd.post_ref AS round_post_ref, rd.channel_id, "
            "s.name AS schedule_name "
            "FROM responses r JOIN rounds rd ON rd.id = r.round_id JOIN schedules s ON s.id = rd.schedule_id "
            "WHERE s.community_id = ? AND r.user_id = ? AND r.created_at >= ? ORDER BY rd.scheduled_at, r.id",
            community_id, user_id, utc_iso(since),
        )
        out = []
        for r in rows:
            rnd = Round.from_row({**r, "id": r["round_id"], "post_ref": r["round_post_ref"]})
            out.append((self._response(r), rnd, r["schedule_name"]))
        kept = await self.db.fetchall(
            "SELECT * FROM kept_answers WHERE community_id = ? AND user_id = ? AND created_at >= ? "
            "ORDER BY scheduled_at, id", community_id, user_id, utc_iso(since))
        for k in kept:
            out.append(self._kept(k))
        if kept:
            out.sort(key=lambda item: item[1].scheduled_at)
        return out

    def _kept(self, row: dict[str, Any]) -> tuple[Response, Round, str]:
        """A kept answer (`keep_answers_on`) as history shows any answer: with its round as it was, tied to none."""
        words = self.answer_words(row)
        response = replace(Response.from_row({**row, "round_id": 0, "post_ref": None, "text": words}),
                                       kept=True)
        rnd = Round.from_row({"id": 0, "schedule_id": 0, "scheduled_at": row["scheduled_at"],
                              "opened_at": row["scheduled_at"], "closes_at": row["scheduled_at"], "remind_at": None,
                              "reminded_at": None, "closed_at": row["checkin_deleted_at"],
                              "prompt_id": row["prompt_id"], "prompt_text": row["prompt_text"], "post_ref": None,
                              "channel_id": ""})
        return response, rnd, row["checkin"]

    async def recent_moods(self, community_id: str, user_id: str, limit: int) -> list[int]:
        """The member's latest check-in moods in this community, newest first."""
        rows = await self.db.fetchall(
            "SELECT r.mood FROM responses r JOIN rounds rd ON rd.id = r.round_id "
            "JOIN schedules s ON s.id = rd.schedule_id WHERE s.community_id = ? AND r.user_id = ? "
            "ORDER BY rd.scheduled_at DESC LIMIT ?",
            community_id, user_id, limit,
        )
        return [int(r["mood"]) for r in rows]

    # -- retention and member data ------------------------------------------------------

    async def purge(self, tx: Executor, community_id: str, cutoff: datetime, now: datetime, limit: int,
                    due: datetime | None = None, since: str = "") -> tuple[int, int, str, bool]:
        """Delete up to `limit` of a community's answers made before `cutoff`, the oldest first, with every outbox
        row that carried them (sent ones copy names and words; pending ones would wait for a row that is going),
        and take down their posts still in a channel as `me delete` does (`_queue_post_removals`), the removals
        due from `due`; returns how many answers, how many posts are to come down, the time of the newest answer
        it found, and whether there may be more. Call it again, `since` that time, while there may be: each call
        is a slice, its removals queued with its deletion, and none scans again what an earlier one passed over."""
        # Expired answers are found by age (the responses_created index), then kept to the
        # community's rounds. The unary + keeps SQLite from walking every answer of every round
        # by round id instead: with a million answers that held the database for most of a
        # second each day (bench/README.md, "scale"). On other databases it is a no-op.
        found = await tx.fetchall(
            "SELECT r.id, r.round_id, r.created_at FROM responses r "
            "WHERE r.created_at < ? AND r.created_at >= ? AND +r.round_id IN (SELECT rd.id FROM rounds rd "
            "JOIN schedules s ON s.id = rd.schedule_id WHERE s.community_id = ?) ORDER BY r.created_at LIMIT ?",
            utc_iso(cutoff), since, community_id, limit,
        )
        if not found:
            return 0, 0, since, False
        ids = [r["id"] for r in found]
        await self.lock_rounds(tx, [r["round_id"] for r in found])
        await tx.execute(f"DELETE FROM outbox WHERE response_id IN ({marks(ids)})", *ids)
        # Each post as the row says at its deletion: a post that went out a moment ago is taken down too.
        gone = await tx.fetchall(f"DELETE FROM responses WHERE id IN ({marks(ids)}) "
                                 "RETURNING id, round_id, visibility, post_ref, anon_ref", *ids)
        posted = [r for r in gone if r["post_ref"] or r["anon_ref"]]
        queued = 0
        if posted:
            round_ids = sorted({r["round_id"] for r in posted})
            rounds = {r["id"]: r for r in await tx.fetchall(
                f"SELECT id, closed_at, channel_id FROM rounds WHERE id IN ({marks(round_ids)})", *round_ids)}
            answers = [{**r, "closed_at": rounds[r["round_id"]]["closed_at"],
                        "channel_id": rounds[r["round_id"]]["channel_id"]} for r in posted]
            queued, _later, _spread = await self._queue_post_removals(tx, answers, now, community_id, "retention",
                                                                      due)
        return len(gone), queued, max(str(r["created_at"]) for r in found), len(found) == limit

    async def expiring(self, community_id: str, cutoff: datetime) -> tuple[int, int]:
        """How many of a community's answers (kept ones of deleted check-ins too) are from before `cutoff`, and
        how many of their posts are still in a channel: what `purge` at that cutoff would delete and take down,
        counted so a moderator who shortens retention is told before it happens."""
        row = await self.db.fetchone(
            "SELECT count(*) AS n, coalesce(sum((CASE WHEN r.post_ref <> '' THEN 1 ELSE 0 END) + "
            "(CASE WHEN r.anon_ref <> '' THEN 1 ELSE 0 END)), 0) AS posts FROM responses r "
            "JOIN rounds rd ON rd.id = r.round_id JOIN schedules s ON s.id = rd.schedule_id "
            "WHERE s.community_id = ? AND r.created_at < ?", community_id, utc_iso(cutoff))
        kept = await self.db.fetchone(
            "SELECT count(*) AS n FROM kept_answers WHERE community_id = ? AND created_at < ?", community_id,
            utc_iso(cutoff))
        answers = (int(row["n"]) if row else 0) + (int(kept["n"]) if kept else 0)
        return answers, int(row["posts"]) if row else 0

    async def purge_kept(self, tx: Executor, community_id: str, cutoff: datetime) -> int:
        """Retention for the answers kept from deleted check-ins (`keep_answers_on`): gone at the same age as any
        answer (they have no posts left to take down)."""
        return await tx.execute("DELETE FROM kept_answers WHERE community_id = ? AND created_at < ?", community_id,
                                utc_iso(cutoff))

    async def purge_counts(self, tx: Executor, community_id: str, cutoff: datetime) -> None:
        """Retention's last step for a community: the counts of its rounds from before `cutoff` go too."""
        await purge_tallies_on(tx, community_id, cutoff)
        await purge_weeks_on(tx, community_id, cutoff)

    async def member_summary(self, community_id: str, user_id: str) -> dict[str, Any]:
        answers = {"shared": 0, "anonymous": 0, "private": 0}
        held = stayed = refused = not_allowed = unedited = still_up = 0
        for a in await self.db.fetchall(_ANSWERS_SQL, community_id, user_id):
            answers[a["visibility"]] += 1
            unedited += a["change_refused"] == EDIT_REFUSED
            still_up += a["change_refused"] == REMOVAL_REFUSED
            if a["visibility"] == "shared" and a["post_refused"]:
                not_allowed += a["post_refused"] == REFUSED_NOT_ALLOWED
                refused += a["post_refused"] != REFUSED_NOT_ALLOWED
            held += bool(a["held_for"]) and a["closed_at"] is None
            stayed += bool(a["held_for"]) and a["closed_at"] is not None
        for a in await self.db.fetchall(_KEPT_SQL, community_id, user_id):
            answers[a["visibility"]] += 1
        return {"answers": answers, "held_answers": held, "held_stayed_private": stayed,
                **({"answers_not_posted": refused} if refused else {}),
                **({"answers_not_allowed": not_allowed} if not_allowed else {}),
                **({"posts_not_changed": unedited} if unedited else {}),
                **({"posts_not_taken_down": still_up} if still_up else {})}

    async def member_export(self, community_id: str, user_id: str) -> dict[str, Any]:
        return {"answers": [
            {"checkin": a["schedule_name"], "round": a["scheduled_at"], "prompt": a["prompt_text"],
             "mood": a["mood"], "words": self.answer_words(a), "visibility": a["visibility"],
             **({"anonymous_post": _anonymous_post(a)} if a["visibility"] == "anonymous" else {}),
             **({"shared_post": REFUSED_POST if a["post_refused"] == REFUSED_NOT_ALLOWED else NOT_POSTED}
                if a["visibility"] == "shared" and a["post_refused"] else {}),
             **({"post_change": CHANGE_NOT_SHOWN[a["change_refused"]]} if a["change_refused"] in CHANGE_NOT_SHOWN
                else {}),
             **_held(a),
             "answered_at": a["created_at"], "updated_at": a["updated_at"]}
            for a in await self.db.fetchall(_ANSWERS_SQL, community_id, user_id)
        ] + [
            {"checkin": a["checkin"], "round": a["scheduled_at"], "prompt": a["prompt_text"],
             "mood": a["mood"], "words": self.answer_words(a), "visibility": a["visibility"],
             **({"anonymous_post": "not posted" if a["unposted"] else "taken down"}
                if a["visibility"] == "anonymous" else {}),
             "checkin_deleted": a["checkin_deleted_at"],
             "answered_at": a["created_at"], "updated_at": a["updated_at"]}
            for a in await self.db.fetchall(_KEPT_SQL, community_id, user_id)
        ]}

    async def erase_member(self, tx: Executor, community_id: str, user_id: str, now: datetime) -> dict[str, int]:
        """Every answer row goes, whatever its visibility ("delete" means delete: no anonymised moods are kept;
        summaries already posted keep their numbers), with the outbox rows that carry them; each post of theirs
        already out is taken down (`_queue_post_removals`)."""
        answers = await tx.fetchall(_ANSWERS_SQL, community_id, user_id)
        if answers and self.db.dialect == "postgresql":
            await self.lock_rounds(tx, [a["round_id"] for a in answers])
            answers = await tx.fetchall(_ANSWERS_SQL, community_id, user_id)  # (as they are, now nothing moves)
        ids = [a["id"] for a in answers]
        queued = await tx.fetchall(f"SELECT id, round_id FROM responses WHERE id IN ({marks(ids)}) AND anon_out = 1",
                                   *ids) if ids else []
        taken = False
        for a in queued:  # (a batch carrying their words, not gone yet: taken back whole, the rest `settle` later)
            taken = await self._take_back_batch(tx, a["round_id"], a["id"], now) or taken
        if taken:
            answers = await tx.fetchall(_ANSWERS_SQL, community_id, user_id)
        queued, later, pooled = await self._queue_post_removals(tx, answers, now, community_id, tell=user_id)
        dropped = 0
        for a in answers:
            dropped += await tx.execute("DELETE FROM outbox WHERE response_id = ?", a["id"])
        for a in answers:
            await tx.execute("DELETE FROM responses WHERE id = ?", a["id"])
        kept = await tx.execute("DELETE FROM kept_answers WHERE community_id = ? AND user_id = ?", community_id,
                                user_id)
        return {"answers": len(answers) + kept, "posts_to_remove": queued, "posts_later": later, "posts_pooled": pooled,
                "outbox": dropped}

    async def _queue_post_removals(self, tx: Executor, answers: list[dict[str, Any]], now: datetime, community: str,
                                   why: str = "erase", due: datetime | None = None,
                                   tell: str | None = None) -> tuple[int, int, int]:
        """One "delete" per answer post already out, addressed by message id; how many, how many of them wait for
        their round's batch, and how many are pooled. (`why` starts their keys: an erasure's, retention's; `due`:
        not before then.)

        Named posts come down at once (but one whose answer went anonymous is its anonymous post's, below).
        An anonymous post of a round still open waits for that round's next batch, as any anonymous change does:
        gone the moment its author erased their data, it would tell whose it was. A closed round has no batch to
        hide in: an erasure's anonymous posts there are pooled with other erasures' in the community
        (`release_pooled`), never timed by this one (gone soon after the named ones, however randomly, they'd
        still say whose they were). Each erasure's are marked alike by a random `pool` mark, never its author's
        id. (`tell`, an erasure's member: kept beside each post, only until it goes, so they can be told if it
        can't: `Outgoing.tell`.) Retention takes down whole weeks, nobody's in particular, so its posts go as they are. Any answer
        with a ref had a post once; asking again for one already taken down is harmless (the platform says it's
        gone, and that's that).
        """
        queued = later = pooled = 0
        pool = secrets.token_hex(8)
        now_out = []
        for a in answers:
            for ref, anonymous in ((a["post_ref"], False), (a["anon_ref"], True)):
                if not ref:
                    continue
                queued += 1
                # (A named post left up when its answer went anonymous waits too: `save_response`.)
                hidden = anonymous or a.get("visibility") == "anonymous"
                if hidden and why == "erase":
                    await self.hold_removal(tx, a["round_id"], a["channel_id"], ref, now, pool, tell)
                    if a["closed_at"] is None:
                        later += 1
                    else:
                        pooled += 1
                else:
                    now_out.append(removal(f"{why}:{a['id']}:{ref}", a["channel_id"], ref, community=community,
                                           tell=tell))
        await enqueue_on(tx, now_out, now, due)
        return queued, later, pooled


async def defer_batches_for_note(tx: Executor, community_id: str, user_id: str, now: datetime,
                                 after: datetime | None = None) -> None:
    """A care note about a member was just queued for the next tick (or a later post about it, for `after`):
    batches already waiting to carry their anonymous words (queued before it) are moved past it, as
    `RoundRepository._after_care_notes` places later ones, whole (every message of the round's waiting batches
    together, so none is singled out)."""
    gap = random.SystemRandom().randint(CARE_GAP_LEAST, CARE_GAP_MOST)
    later = utc_iso(next_tick(max(now, after or now)) + gap * TICK)
    await tx.execute(
        "UPDATE outbox SET next_attempt_at = ? WHERE status = 'pending' AND claimed_until IS NULL "
        "AND dedupe_key LIKE 'anon:%' "
        "AND next_attempt_at >= ? AND next_attempt_at < ? AND round_id IN (SELECT r.round_id FROM responses r "
        "JOIN rounds rd ON rd.id = r.round_id JOIN schedules s ON s.id = rd.schedule_id WHERE s.community_id = ? "
        "AND r.user_id = ? AND (r.visibility = 'anonymous' OR r.anon_out = 1))",
        later, utc_iso(next_tick(now) - TICK), later, community_id, user_id)


#: What each anonymous message of a batch does, by the end of its key (`bot.engines.rounds.anonymous_messages`):
#: the kinds of `HeldPost.kind`. (A named post's removal, ":unname", goes with its words and is no kind of its own.)
_BATCH_KINDS = {"post": "new", "edit": "edit", "delete": "removal"}


async def _batch_waiting_for(tx: Executor, round_id: int, tick: datetime, now: datetime) -> dict[str, int]:
    """How many posts of each kind the round's batch waiting for `tick` has (none if no batch waits, or the tick
    has come: a batch that is out can't be joined)."""
    if tick <= now:
        return {}
    rows = await tx.fetchall(
        "SELECT dedupe_key FROM outbox WHERE dedupe_key LIKE ? AND status = 'pending' AND next_attempt_at = ?",
        f"anon:{round_id}:%", utc_iso(tick))
    counts: dict[str, int] = {}
    for r in rows:
        kind = _BATCH_KINDS.get(str(r["dedupe_key"]).rsplit(":", 1)[-1])
        if kind is not None:
            counts[kind] = counts.get(kind, 0) + 1
    return counts


async def _join_waiting_batch(tx: Executor, round_id: int, tick: datetime, outgoing: list[Outgoing],
                              now: datetime) -> None:
    """Queue `outgoing` with the round's batch waiting for `tick`, as one batch: its new posts shuffled in among
    that batch's (queued after them, they would go up last and say they were pressed after it filled), then the
    rest in order, the named posts coming down after all of it, as in any batch (`anonymous_messages`)."""
    waiting = await tx.fetchall(
        "SELECT * FROM outbox WHERE dedupe_key LIKE ? AND status = 'pending' AND next_attempt_at = ? ORDER BY id",
        f"anon:{round_id}:%", utc_iso(tick))
    if waiting:
        ids = [r["id"] for r in waiting]
        await tx.execute(f"DELETE FROM outbox WHERE id IN ({marks(ids)})", *ids)
    posts: list[dict[str, Any] | Outgoing] = [r for r in waiting if r["dedupe_key"].endswith(":post")]
    posts += [o for o in outgoing if o.dedupe_key.endswith(":post")]
    random.SystemRandom().shuffle(posts)
    rest: list[dict[str, Any] | Outgoing] = [r for r in waiting if not r["dedupe_key"].endswith(":post")]
    rest += [o for o in outgoing if not o.dedupe_key.endswith(":post")]
    for item in posts + rest:
        if isinstance(item, Outgoing):
            await enqueue_on(tx, [item], now, tick)
        else:  # (as it was, under a new id: the outbox sends a batch in id order)
            cols = [c for c in item if c != "id"]
            await tx.execute(f"INSERT INTO outbox ({', '.join(cols)}) VALUES ({marks(cols)})",
                             *[item[c] for c in cols])


async def list_open_rounds_in(db: Executor, community_id: str, now: datetime) -> list[tuple[Round, Schedule]]:
    """A community's rounds still open at `now`, each with its schedule, in one query."""
    rows = await db.fetchall(
        "SELECT rd.id AS round_id, rd.scheduled_at, rd.opened_at, rd.closes_at, rd.remind_at, rd.reminded_at, "
        "rd.closed_at, rd.prompt_id, rd.prompt_text, rd.post_ref, rd.channel_id AS round_channel_id, s.* "
        "FROM rounds rd "
        "JOIN schedules s ON s.id = rd.schedule_id "
        "WHERE rd.closed_at IS NULL AND rd.closes_at > ? AND s.community_id = ? ORDER BY rd.closes_at, rd.id",
        utc_iso(now), community_id,
    )
    return [(Round.from_row({**r, "id": r["round_id"], "schedule_id": r["id"], "channel_id": r["round_channel_id"]}),
             Schedule.from_row(r))
            for r in rows]


def _held(answer: dict[str, Any]) -> dict[str, str]:
    """An answer held back from the post its member chose, as an export says it: while its round is open it waits
    for their choice; once the round has closed, the choice can't be made (Post is refused), so it stayed private."""
    if not answer["held_for"]:
        return {}
    if answer["closed_at"] is None:
        return {"held_for_your_choice": answer["held_for"]}
    return {"held_back_from": answer["held_for"], "stayed_private": "the round closed before you chose"}


#: What an export says of a shared answer whose post the platform refused for good as Hearth may not post there
#: (`post_refused`: `REFUSED_NOT_ALLOWED`).
#: An export's "post_change" of an answer whose post the platform would not change for good (`change_refused`).
CHANGE_NOT_SHOWN = {EDIT_REFUSED: "not made: its post still shows the earlier words",
                    REMOVAL_REFUSED: "not made: its post is still up"}
REFUSED_POST = "not posted: Hearth wasn't allowed to post in that channel"
#: Likewise, failed for good otherwise (`REFUSED_OTHER`): no reason claimed.
NOT_POSTED = "not posted"


def _anonymous_post(answer: dict[str, Any]) -> str:
    """What became of an anonymous answer's post, as an export says it: "posted" (up, or on its way), "waiting"
    (for its batch), or "not posted" (its round closed with too few to hide it among: `Batching`)."""
    if answer["unposted"]:
        return "not posted"
    if answer["anon_out"]:
        return "posted"
    return "not posted" if answer.get("closed_at") else "waiting"  # (closed before `unposted` was kept: 0023)


def _notes_shown(opened: list[tuple[Schedule, dict[str, Any]]]) -> dict[int, str]:
    """The "what we changed" notes the opened rounds' posts carry (`fields["note"]`)."""
    return {schedule.id: fields["note"] for schedule, fields in opened if fields.get("note")}


def _round_args(schedule: Schedule, fields: dict[str, Any]) -> tuple[Any, ...]:
    return (schedule.id, utc_iso(fields["scheduled_at"]), utc_iso(fields["opened_at"]), utc_iso(fields["closes_at"]),
            utc_iso(fields["remind_at"]) if fields.get("remind_at") else None, fields["prompt_id"],
            fields["prompt_text"], schedule.channel_id, fields.get("invited"))
