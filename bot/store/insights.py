"""What insights read: each round's counts (never who), who was invited, and the "what we changed" notes.

Counts come back per round, by visibility and mood, from the tallies written
when each round closed (`tally_on`), so a year of a big community is a
thousand rows, not a million answers; everything else (weeks, schedules, the
anonymity floor) is decided in `bot.insights`, which never sees a person. The
one question about people is how many different ones answered a few rounds
(`people_in`), asked only for groups too small to be sure from the counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.clock import parse_iso, utc_iso
from bot.store.database import Executor
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


@dataclass(frozen=True)
class ScheduleNote:
    schedule_id: int
    text: str
    set_by: str
    set_at: datetime


_ROUNDS = ("SELECT rd.id, rd.schedule_id, rd.scheduled_at, rd.closed_at, rd.invited FROM rounds rd "
           "JOIN schedules s ON s.id = rd.schedule_id "
           "WHERE s.community_id = ? AND rd.scheduled_at >= ? AND rd.scheduled_at < ?")

#: Each round's totals, added up in the database: one row a round, whatever the number of answers.
_COUNTS = ("SELECT t.round_id, SUM(t.n) AS answered, "
           "SUM(CASE WHEN t.visibility = 'private' THEN t.n ELSE 0 END) AS private, "
           + ", ".join(f"SUM(CASE WHEN t.visibility <> 'private' AND t.mood = {m} THEN t.n ELSE 0 END) AS m{m}"
                       for m in range(1, MOODS + 1)) +
           " FROM round_tallies t JOIN rounds rd ON rd.id = t.round_id JOIN schedules s ON s.id = rd.schedule_id "
           "WHERE s.community_id = ? AND rd.scheduled_at >= ? AND rd.scheduled_at < ? GROUP BY t.round_id")


class InsightsRepository(Repository):
    async def round_counts(self, community_id: str, since: datetime, until: datetime) -> list[RoundCounts]:
        """Every round of the community scheduled in [since, until), open or closed, with its counts as they
        were when it closed (an open round's are zero: nothing of it shows until it closes)."""
        lo, hi = utc_iso(since), utc_iso(until)
        rounds = await self.db.fetchall(_ROUNDS, community_id, lo, hi)
        if not rounds:
            return []
        tally = {r["round_id"]: r for r in await self.db.fetchall(_COUNTS, community_id, lo, hi)}
        none = {"answered": 0, "private": 0, **{f"m{m}": 0 for m in range(1, MOODS + 1)}}
        out = []
        for r in sorted(rounds, key=lambda r: (r["scheduled_at"], r["id"])):
            t = tally.get(r["id"], none)
            out.append(RoundCounts(r["id"], r["schedule_id"], parse_iso(r["scheduled_at"]), r["closed_at"] is not None,
                                   None if r["invited"] is None else int(r["invited"]), int(t["answered"]),
                                   int(t["private"]), tuple(int(t[f"m{m}"]) for m in range(1, MOODS + 1))))
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
            "WHERE s.community_id = ? AND n.set_by = ? ORDER BY n.set_at", community_id, user_id)
        return {"schedule_notes": [dict(r) for r in rows]} if rows else {}

    async def erase_member(self, tx: Executor, community_id: str, user_id: str, now: datetime) -> dict[str, int]:
        """A note stays for its round (the community's words about what changed); who wrote it does not."""
        await tx.execute("UPDATE schedule_notes SET set_by = ? WHERE set_by = ? AND schedule_id IN "
                         "(SELECT id FROM schedules WHERE community_id = ?)", DELETED, user_id, community_id)
        return {}


async def tally_on(tx: Executor, round_id: int) -> None:
    """Inside the transaction that closes the round: its counts, as its summary shows them, kept."""
    await tx.execute("INSERT INTO round_tallies (round_id, visibility, mood, n) SELECT round_id, visibility, mood, "
                     "COUNT(*) FROM responses WHERE round_id = ? GROUP BY round_id, visibility, mood", round_id)


async def purge_tallies_on(tx: Executor, community_id: str, cutoff: datetime) -> int:
    """Retention: the counts of rounds from before `cutoff` go with their answers."""
    return await tx.execute("DELETE FROM round_tallies WHERE round_id IN (SELECT rd.id FROM rounds rd "
                            "JOIN schedules s ON s.id = rd.schedule_id WHERE s.community_id = ? "
                            "AND rd.scheduled_at < ?)", community_id, utc_iso(cutoff))


async def take_notes_on(tx: Executor, notes: dict[int, str]) -> None:
    """Inside the transaction that opens rounds: the notes they showed are gone, each shown once
    (a note changed meanwhile stays for the next round)."""
    for schedule_id, text in notes.items():
        await tx.execute("DELETE FROM schedule_notes WHERE schedule_id = ? AND text = ?", schedule_id, text)
