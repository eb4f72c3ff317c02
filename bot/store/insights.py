"""What insights read: each round's counts (never who), who was invited, the weeks already settled, and the
"what we changed" notes.

Counts come back per round, by visibility and mood, from the tallies written
when each round closed (`tally_on`), so a year of a big community is a
thousand rows, not a million answers; everything else (weeks, schedules, the
anonymity floor) is decided in `bot.insights`, which never sees a person. The
one question about people is how many different ones answered a few rounds
(`people_in`), asked only for groups too small to be sure from the counts.

A week, once shown, is settled (`settle`): what the rule let show of it is kept in `insight_weeks` and
`insight_cells`, and read back as it was (`settled`) by every later view, whatever happens to its rounds,
schedules or answers since. Retention removes settled weeks whole (`purge_weeks_on`). A round not counted when
its week settled (opened late) is counted in a later week, once (`bot.insights.anonymity`, "A round late for its
week").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from bot.clock import parse_iso, utc_iso
from bot.store.database import Executor, atomic, raced
from bot.store.repository import DELETED, Repository, marks

MOODS = 5


@dataclass(frozen=True)
class RoundCounts:
    """One round's numbers: who was invited (None before rounds counted it), how many answered, how many
    of those kept their answer private, and the moods of the others (`moods[0]` is mood 1)."""

    round_id: int
    schedule_id: int
    scheduled_at: datetime
    closed: bool
    invited: int | None
    answered: int
    private: int
    moods: tuple[int, ...]
    anonymous: tuple[int, ...] = (0,) * MOODS
    """Of `moods`, those answered anonymously (the rest are posted by name)."""


#: The schedule id an "all check-ins" cell is kept under (schedule ids start at 1).
ALL = 0


@dataclass(frozen=True)
class WeekCell:
    """One settled cell, as it was shown: a check-in's week (or, under `ALL`, the week over all of them).
    None: too few to show (or, for invited, not counted)."""

    schedule_id: int
    rounds: int
    invited: int | None
    answered: int | None
    moods: tuple[int, ...] | None
    moods_why: str | None = None
    """Why moods didn't show beside answers that did (`bot.insights.anonymity.moods_hidden`); None: they showed,
    nothing did, or the week was settled before this was kept (not known)."""


@dataclass(frozen=True)
class SettledWeek:
    week: date
    purged: bool
    """Retention removed it: it shows as no longer kept, and is never settled again."""
    cells: dict[int, WeekCell]


@dataclass(frozen=True)
class Settling:
    """A week about to be shown for the first time: its bounds, its cells, and the rounds counted in it."""

    week: date
    starts: datetime
    ends: datetime
    cells: list[WeekCell]
    round_ids: list[int]


@dataclass(frozen=True)
class ScheduleNote:
    schedule_id: int
    text: str
    set_by: str
    set_at: datetime


_ROUNDS = ("SELECT rd.id, rd.schedule_id, rd.scheduled_at, rd.closed_at, rd.invited FROM rounds rd "
           "JOIN schedules s ON s.id = rd.schedule_id "
           "WHERE s.community_id = ? AND rd.scheduled_at >= ? AND rd.scheduled_at < ? AND rd.settled_week IS NULL")

#: Each round's totals, added up in the database: one row a round, whatever the number of answers.
_COUNTS = ("SELECT t.round_id, SUM(t.n) AS answered, "
           "SUM(CASE WHEN t.visibility = 'private' THEN t.n ELSE 0 END) AS private, "
           + ", ".join(f"SUM(CASE WHEN t.visibility <> 'private' AND t.mood = {m} THEN t.n ELSE 0 END) AS m{m}"
                       for m in range(1, MOODS + 1)) + ", "
           + ", ".join(f"SUM(CASE WHEN t.visibility = 'anonymous' AND t.mood = {m} THEN t.n ELSE 0 END) AS a{m}"
                       for m in range(1, MOODS + 1)) +
           " FROM round_tallies t JOIN rounds rd ON rd.id = t.round_id JOIN schedules s ON s.id = rd.schedule_id "
           "WHERE s.community_id = ? AND rd.scheduled_at >= ? AND rd.scheduled_at < ? AND rd.settled_week IS NULL "
           "GROUP BY t.round_id")


class CountedMeanwhile(Exception):
    """A round about to be settled in a week was counted in another week meanwhile (by another view): nothing
    was settled, and the caller reads again."""


class InsightsRepository(Repository):
    member_tables = ("schedule_notes",)
    async def round_counts(self, community_id: str, since: datetime, until: datetime) -> list[RoundCounts]:
        """Every round of the community scheduled in [since, until), open or closed, with its counts as they
        were when it closed (an open round's are zero: nothing of it shows until it closes). A round already
        counted in a settled week is left out: it is counted once."""
        lo, hi = utc_iso(since), utc_iso(until)
        rounds = await self.db.fetchall(_ROUNDS, community_id, lo, hi)
        if not rounds:
            return []
        tally = {r["round_id"]: r for r in await self.db.fetchall(_COUNTS, community_id, lo, hi)}
        none = {"answered": 0, "private": 0, **{f"{k}{m}": 0 for m in range(1, MOODS + 1) for k in "ma"}}
        out = []
        for r in sorted(rounds, key=lambda r: (r["scheduled_at"], r["id"])):
            t = tally.get(r["id"], none)
            out.append(RoundCounts(r["id"], r["schedule_id"], parse_iso(r["scheduled_at"]), r["closed_at"] is not None,
                                   None if r["invited"] is None else int(r["invited"]), int(t["answered"]),
                                   int(t["private"]), tuple(int(t[f"m{m}"]) for m in range(1, MOODS + 1)),
                                   tuple(int(t[f"a{m}"]) for m in range(1, MOODS + 1))))
        return out

    async def people_in(self, round_ids: list[int], with_mood_only: bool) -> int:
        """How many different people answered these rounds (only those who shared a mood, if asked).
        An erased author (no id any more) counts as nobody, so a group is never taken for bigger than it is."""
        if not round_ids:
            return 0
        private = " AND visibility <> 'private'" if with_mood_only else ""
        row = await self.db.fetchone(f"SELECT COUNT(DISTINCT user_id) AS n FROM responses "
                                     f"WHERE round_id IN ({marks(round_ids)}){private}", *round_ids)
        return int(row["n"]) if row else 0

    # -- settled weeks ----------------------------------------------------------------------

    async def settled(self, community_id: str, weeks: list[date]) -> dict[date, SettledWeek]:
        """The weeks among these already settled (or purged), with their cells as they were shown."""
        if not weeks:
            return {}
        keys = [w.isoformat() for w in weeks]
        rows = await self.db.fetchall(f"SELECT week, purged FROM insight_weeks WHERE community_id = ? "
                                      f"AND week IN ({marks(keys)})", community_id, *keys)
        if not rows:
            return {}
        cells: dict[str, dict[int, WeekCell]] = {r["week"]: {} for r in rows}
        for c in await self.db.fetchall(f"SELECT * FROM insight_cells WHERE community_id = ? "
                                        f"AND week IN ({marks(keys)})", community_id, *keys):
            moods = tuple(c[f"mood_{m}"] for m in range(1, MOODS + 1))
            cells[c["week"]][int(c["schedule_id"])] = WeekCell(
                int(c["schedule_id"]), int(c["rounds"]), _int(c["invited"]), _int(c["answered"]),
                None if any(m is None for m in moods) else tuple(int(m) for m in moods), c["moods_hidden"])
        return {date.fromisoformat(r["week"]): SettledWeek(date.fromisoformat(r["week"]), bool(r["purged"]),
                                                           cells[r["week"]]) for r in rows}

    async def settle(self, community_id: str, weeks: list[Settling], now: datetime) -> list[date]:
        """Keep weeks as they are about to be shown, with the rounds counted in each, in one transaction; a week
        settled already (by another view or process) is left as it was, and returned: the first one stands.
        A round counted in another week meanwhile raises `CountedMeanwhile`, and nothing is kept; so does
        PostgreSQL ending this transaction to break a deadlock with another view's (each locks its weeks, then its
        rounds: two settling a late round in different weeks can each wait for the other)."""
        try:
            return await self._settle(community_id, weeks, now)
        except CountedMeanwhile:
            raise
        except Exception as err:
            if raced(err):  # (rolled back whole: read again, as for any race)
                raise CountedMeanwhile(weeks[0].week if weeks else None) from err
            raise

    async def _settle(self, community_id: str, weeks: list[Settling], now: datetime) -> list[date]:
        # (tries=1: a race here is answered by `settle` itself, reading again)
        return await atomic(self.db, lambda tx: self._settle_on(tx, community_id, weeks, now), tries=1)

    async def _settle_on(self, tx: Executor, community_id: str, weeks: list[Settling], now: datetime) -> list[date]:
        lost: list[date] = []
        for w in weeks:
            key = w.week.isoformat()
            n = await tx.execute("INSERT INTO insight_weeks (community_id, week, starts_at, ends_at, settled_at) "
                                 "VALUES (?, ?, ?, ?, ?) ON CONFLICT (community_id, week) DO NOTHING",
                                 community_id, key, utc_iso(w.starts), utc_iso(w.ends), utc_iso(now))
            if not n:
                lost.append(w.week)
                continue
            for c in w.cells:
                moods = list(c.moods) if c.moods is not None else [None] * MOODS
                await tx.execute("INSERT INTO insight_cells (community_id, week, schedule_id, rounds, invited, "
                                 "answered, mood_1, mood_2, mood_3, mood_4, mood_5, moods_hidden) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                 community_id, key, c.schedule_id, c.rounds, c.invited, c.answered, *moods,
                                 c.moods_why)
            if w.round_ids:
                marked = await tx.execute(f"UPDATE rounds SET settled_week = ? WHERE settled_week IS NULL "
                                          f"AND id IN ({marks(w.round_ids)})", key, *w.round_ids)
                if marked != len(set(w.round_ids)):  # (rolls the whole transaction back)
                    raise CountedMeanwhile(w.week)
        return lost

    # -- "what we changed" notes ------------------------------------------------------------

    async def set_note(self, schedule_id: int, text: str, by: str, now: datetime) -> None:
        """The note the schedule's next round shows (replacing one not shown yet)."""
        await self.db.execute(
            "INSERT INTO schedule_notes (schedule_id, text, set_by, set_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (schedule_id) DO UPDATE SET text = excluded.text, set_by = excluded.set_by, "
            "set_at = excluded.set_at", schedule_id, text, by, utc_iso(now))

    async def clear_note(self, schedule_id: int) -> bool:
        return await self.db.execute("DELETE FROM schedule_notes WHERE schedule_id = ?", schedule_id) > 0

    async def notes_of(self, schedule_ids: list[int]) -> dict[int, ScheduleNote]:
        """The notes waiting for these schedules' next rounds."""
        if not schedule_ids:
            return {}
        rows = await self.db.fetchall(f"SELECT * FROM schedule_notes WHERE schedule_id IN ({marks(schedule_ids)})",
                                      *schedule_ids)
        return {r["schedule_id"]: ScheduleNote(r["schedule_id"], r["text"], r["set_by"], parse_iso(r["set_at"]))
                for r in rows}

    async def member_export(self, community_id: str, user_id: str) -> dict[str, Any]:
        rows = await self.db.fetchall(
            "SELECT s.name, n.text, n.set_at FROM schedule_notes n JOIN schedules s ON s.id = n.schedule_id "
            "WHERE s.community_id = ? AND n.set_by = ? ORDER BY n.set_at, s.name", community_id, user_id)
        return {"schedule_notes": [dict(r) for r in rows]} if rows else {}

    async def erase_member(self, tx: Executor, community_id: str, user_id: str, now: datetime) -> dict[str, int]:
        """A note stays for its round (the community's words about what changed); who wrote it does not."""
        await tx.execute("UPDATE schedule_notes SET set_by = ? WHERE set_by = ? AND schedule_id IN "
                         "(SELECT id FROM schedules WHERE community_id = ?)", DELETED, user_id, community_id)
        return {}


async def tally_on(tx: Executor, round_id: int) -> None:
    """Inside the transaction that closes the round: its counts, as its summary shows them, kept; and who it
    invited counted whole (`invited_late`)."""
    await tx.execute("INSERT INTO round_tallies (round_id, visibility, mood, n) SELECT round_id, visibility, mood, "
                     "COUNT(*) FROM responses WHERE round_id = ? GROUP BY round_id, visibility, mood", round_id)
    await invited_late(tx, round_id)


#: Who a round reached after its opening count: members who joined while it was open (they were sent its prompt,
#: `engines.rounds.prompt_joiner`), and anyone who answered without being a member at its opening (from the
#: channel's post). Each once, whichever way.
_LATE = ("SELECT COUNT(*) AS n FROM (SELECT p.user_id FROM participants p WHERE p.schedule_id = ? AND p.joined_at > ? "
         "AND p.joined_at <= ? UNION SELECT r.user_id FROM responses r WHERE r.round_id = ? AND NOT EXISTS (SELECT 1 FROM participants q "
         "WHERE q.schedule_id = ? AND q.user_id = r.user_id AND q.joined_at <= ?)) AS late")


async def invited_late(tx: Executor, round_id: int) -> None:
    """Add to a closing round's `invited` those it reached after opening: counted at the opening alone, a member
    who joined while it was open was invited but never counted, and "answered" could even pass "invited"."""
    rnd = await tx.fetchone("SELECT schedule_id, opened_at, closed_at, invited FROM rounds WHERE id = ?", round_id)
    if rnd is None or rnd["invited"] is None:
        return  # (a round from before invitations were counted: unknown, and says so)
    late = await tx.fetchone(_LATE, rnd["schedule_id"], rnd["opened_at"], rnd["closed_at"] or rnd["opened_at"],
                             round_id, rnd["schedule_id"], rnd["opened_at"])
    if late and late["n"]:
        await tx.execute("UPDATE rounds SET invited = invited + ? WHERE id = ?", int(late["n"]), round_id)


async def purge_tallies_on(tx: Executor, community_id: str, cutoff: datetime) -> int:
    """Retention: the counts of rounds from before `cutoff` go with their answers."""
    return await tx.execute("DELETE FROM round_tallies WHERE round_id IN (SELECT rd.id FROM rounds rd "
                            "JOIN schedules s ON s.id = rd.schedule_id WHERE s.community_id = ? "
                            "AND rd.scheduled_at < ?)", community_id, utc_iso(cutoff))


async def purge_weeks_on(tx: Executor, community_id: str, cutoff: datetime) -> int:
    """Retention: settled weeks that ended before `cutoff` go whole (every cell of every view at once); the
    week's row stays, marked purged, so it is never settled again from what is left."""
    stamp = utc_iso(cutoff)
    await tx.execute("DELETE FROM insight_cells WHERE community_id = ? AND week IN (SELECT week FROM insight_weeks "
                     "WHERE community_id = ? AND ends_at <= ?)", community_id, community_id, stamp)
    return await tx.execute("UPDATE insight_weeks SET purged = 1 WHERE community_id = ? AND ends_at <= ? "
                            "AND purged = 0", community_id, stamp)


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


async def take_notes_on(tx: Executor, notes: dict[int, str]) -> None:
    """Inside the transaction that opens rounds: the notes they showed are gone, each shown once
    (a note changed meanwhile stays for the next round)."""
    for schedule_id, text in notes.items():
        await tx.execute("DELETE FROM schedule_notes WHERE schedule_id = ? AND text = ?", schedule_id, text)
