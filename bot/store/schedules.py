"""Check-in schedules, their skipped days, and who joined them (participants)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Callable

from bot.clock import utc_iso
from bot.models import Member, Outgoing, Participant, Round, Schedule
from bot.slices import built_in_slices
from bot.store.communities import member_from_row
from bot.store.database import Executor, atomic
from bot.store.outbox import drop_pending_for_answers, enqueue_on, removal
from bot.store.repository import DELETED, Repository, marks
from bot.store.rounds import keep_answers_on

#: Rows turned into objects between yields to the loop (`bot.slices`).
PEOPLE_SLICE = 1000


@dataclass(frozen=True)
class ScheduleGone:
    """What deleting a schedule removed, as counts."""

    rounds: int
    open_rounds: int
    answers: int
    """Answers to it; each one kept for the member who wrote it (`kept`), never deleted with it."""
    posts: int
    """Answer posts being taken down."""
    kept: int = 0
    """Answers kept for their authors, tied to no round (`bot.store.rounds.keep_answers_on`)."""


#: The fields whose change makes a schedule's fires count from then on (`Schedule.counts_from`).
COUNTING = ("cron", "timezone", "paused_until")


class ScheduleRepository(Repository):
    member_tables = ("participants", "schedules")
    async def create(self, fields: dict[str, Any], now: datetime) -> Schedule:
        stamp = utc_iso(now)
        row = await self.db.fetchone(
            "INSERT INTO schedules (community_id, name, channel_id, spec, cron, timezone, theme, depth, open_minutes, "
            "remind_minutes, paused_until, created_by, created_at, updated_at, counts_from) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *",
            fields["community_id"], fields["name"], fields["channel_id"], fields["spec"], fields["cron"],
            fields["timezone"], fields.get("theme"), fields.get("depth"), fields["open_minutes"],
            fields["remind_minutes"], fields.get("paused_until"), fields["created_by"], stamp, stamp, stamp,
        )
        assert row is not None
        return Schedule.from_row(row)

    async def update(self, schedule_id: int, now: datetime, **fields: Any) -> Schedule:
        allowed = {"name", "channel_id", "spec", "cron", "timezone", "theme", "depth", "open_minutes",
                   "remind_minutes", "paused_until"}
        if not set(fields) <= allowed:
            raise ValueError(f"unknown schedule fields: {set(fields) - allowed}")
        async def work(tx: Executor) -> None:
            row = await tx.fetchone("SELECT cron, timezone, paused_until FROM schedules WHERE id = ?", schedule_id)
            for key, value in fields.items():
                await tx.execute(f"UPDATE schedules SET {key} = ? WHERE id = ?", value, schedule_id)
            await tx.execute("UPDATE schedules SET updated_at = ? WHERE id = ?", utc_iso(now), schedule_id)
            if row is not None and any(key in COUNTING and row[key] != value for key, value in fields.items()):
                # (a new time, or a pause begun or lifted: fires before now were never this schedule's rounds)
                await tx.execute("UPDATE schedules SET counts_from = ? WHERE id = ?", utc_iso(now), schedule_id)
        await atomic(self.db, work)
        schedule = await self.get(schedule_id)
        assert schedule is not None
        return schedule

    async def delete(self, schedule: Schedule, now: datetime,
                     closing: Callable[[Round], dict[str, Any]]) -> ScheduleGone:
        """Delete a schedule with its rounds, and take down what they left in the channel; its members' answers
        stay theirs, tied to no round (`keep_answers_on`: a moderator deleting a check-in never takes anyone's
        own words; retention and `me delete` still do).

        The rows that find the posts are going, so the messages that take them down are addressed by the
        platform's ids and tied to no round: an open round's post is edited into `closing(round)` (no buttons
        left to press), and every answer post still up is deleted. Summaries already posted stay.
        """
        answers_sql = ("SELECT r.id, r.post_ref, r.anon_ref, rd.channel_id FROM responses r "
                       "JOIN rounds rd ON rd.id = r.round_id WHERE rd.schedule_id = ?")
        held_sql = ("SELECT h.id, h.ref, h.channel_id FROM held_posts h JOIN rounds rd ON rd.id = h.round_id "
                    "WHERE rd.schedule_id = ? AND h.ref IS NOT NULL")
        async def work(tx: Executor) -> ScheduleGone:
            rounds = [Round.from_row(r) for r in await tx.fetchall("SELECT * FROM rounds WHERE schedule_id = ?",
                                                                     schedule.id)]
            answers = await tx.fetchall(answers_sql, schedule.id)
            open_rounds = [r for r in rounds if r.closed_at is None]
            whose = schedule.community_id  # (the rows that tell are going: `removal`)
            outgoing = [Outgoing(f"schedule:{schedule.id}:gone:round:{r.id}", "edit", {"channel": r.channel_id,
                                 "ref": r.post_ref, "community": whose}, closing(r)) for r in open_rounds if r.post_ref]
            # Every answer post still up, in the channel its round went to: named, anonymous, and those an erased
            # member left waiting to come down.
            posted = [(f"answer:{a['id']}", a["channel_id"], a["post_ref"]) for a in answers if a["post_ref"]]
            posted += [(f"anonymous:{a['id']}", a["channel_id"], a["anon_ref"]) for a in answers if a["anon_ref"]]
            posted += [(f"held:{h['id']}", h["channel_id"], h["ref"]) for h in await tx.fetchall(held_sql, schedule.id)]
            # One removal per message, so the count said is the count taken down (a message known twice is one post).
            once: dict[tuple[str, str], tuple[str, str, str]] = {}
            for key, channel, ref in posted:
                once.setdefault((channel, ref), (key, channel, ref))
            posted = list(once.values())
            outgoing += [removal(f"schedule:{schedule.id}:gone:{key}", channel, ref, community=whose)
                         for key, channel, ref in posted]
            # An answer's pending edit or removal would wait for a row that is going: its removal here replaces it.
            await drop_pending_for_answers(tx, answers_sql, schedule.id)
            kept = await keep_answers_on(tx, schedule, now)
            await tx.execute("DELETE FROM schedules WHERE id = ?", schedule.id)
            await enqueue_on(tx, outgoing, now)
            return ScheduleGone(len(rounds), len(open_rounds), len(answers), len(posted), kept)
        return await atomic(self.db, work)

    async def get(self, schedule_id: int) -> Schedule | None:
        row = await self.db.fetchone("SELECT * FROM schedules WHERE id = ?", schedule_id)
        return Schedule.from_row(row) if row else None

    async def get_many(self, schedule_ids: list[int]) -> dict[int, Schedule]:
        if not schedule_ids:
            return {}
        rows = await self.db.fetchall(f"SELECT * FROM schedules WHERE id IN ({marks(schedule_ids)})", *schedule_ids)
        return {r["id"]: Schedule.from_row(r) for r in rows}

    async def find(self, community_id: str, name: str) -> Schedule | None:
        row = await self.db.fetchone(
            "SELECT * FROM schedules WHERE community_id = ? AND lower(name) = lower(?)", community_id, name
        )
        return Schedule.from_row(row) if row else None

    async def list_all(self, community_id: str | None = None) -> list[Schedule]:
        """A community's schedules by name; every community's by id without one."""
        if community_id is None:
            rows = await self.db.fetchall("SELECT * FROM schedules ORDER BY id")
        else:
            rows = await self.db.fetchall("SELECT * FROM schedules WHERE community_id = ? ORDER BY name", community_id)
        return [Schedule.from_row(r) for r in rows]

    async def add_skip(self, schedule_id: int, day: date) -> bool:
        """Skip a day; False when it was skipped already (nothing changed)."""
        return await self.db.execute(
            "INSERT INTO schedule_skips (schedule_id, day) VALUES (?, ?) ON CONFLICT DO NOTHING",
            schedule_id, day.isoformat(),
        ) > 0

    async def skips_of(self, schedule_ids: list[int]) -> dict[int, set[date]]:
        """The skipped days of several schedules, in one query."""
        out: dict[int, set[date]] = {i: set() for i in schedule_ids}
        if schedule_ids:
            rows = await self.db.fetchall(
                f"SELECT schedule_id, day FROM schedule_skips WHERE schedule_id IN ({marks(schedule_ids)})",
                *schedule_ids,
            )
            for r in rows:
                out[r["schedule_id"]].add(date.fromisoformat(r["day"]))
        return out

    # -- participants ------------------------------------------------------------

    async def join(self, schedule_id: int, user_id: str, wants_dm: bool, wants_reminder: bool, now: datetime) -> bool:
        """Join or update preferences; True if newly joined (the INSERT decides, so racing joins can't both be new)."""
        async def work(tx: Executor) -> bool:  # (one transaction: a `leave` can't fall between the two)
            joined = await tx.execute(
                "INSERT INTO participants (schedule_id, user_id, wants_dm, wants_reminder, joined_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (schedule_id, user_id) DO NOTHING",
                schedule_id, user_id, int(wants_dm), int(wants_reminder), utc_iso(now),
            )
            if not joined:
                await tx.execute(
                    "UPDATE participants SET wants_dm = ?, wants_reminder = ? WHERE schedule_id = ? AND user_id = ?",
                    int(wants_dm), int(wants_reminder), schedule_id, user_id,
                )
            return joined > 0
        return await atomic(self.db, work)

    async def leave(self, schedule_id: int, user_id: str) -> bool:
        n = await self.db.execute("DELETE FROM participants WHERE schedule_id = ? AND user_id = ?", schedule_id, user_id)
        return n > 0

    async def participant(self, schedule_id: int, user_id: str) -> Participant | None:
        row = await self.db.fetchone(
            "SELECT * FROM participants WHERE schedule_id = ? AND user_id = ?", schedule_id, user_id
        )
        return _participant(row) if row else None

    async def participants(self, schedule_id: int) -> list[Participant]:
        rows = await self.db.fetchall("SELECT * FROM participants WHERE schedule_id = ? ORDER BY joined_at, user_id", schedule_id)
        return [_participant(r) for r in rows]

    async def participants_with_members(self, schedule_id: int) -> list[tuple[Participant, Member | None]]:
        """Each participant with their member record (timezone, snooze, closed DMs), in one query, not one per
        person."""
        return (await self.participants_of([schedule_id]))[schedule_id]

    async def participants_of(self, schedule_ids: list[int]) -> dict[int, list[tuple[Participant, Member | None]]]:
        """`participants_with_members` for several schedules at once."""
        out: dict[int, list[tuple[Participant, Member | None]]] = {i: [] for i in schedule_ids}
        if not schedule_ids:
            return out
        rows = await self.db.fetchall(
            "SELECT p.schedule_id, p.user_id, p.wants_dm, p.wants_reminder, m.community_id, m.display_name, "
            "m.timezone, m.region, m.snooze_until, m.settings, m.platform_timezone, m.language, m.platform_locale, "
            "d.user_id IS NOT NULL AS dms_closed FROM participants p "
            "JOIN schedules s ON s.id = p.schedule_id "
            "LEFT JOIN members m ON m.community_id = s.community_id AND m.user_id = p.user_id "
            "LEFT JOIN closed_dms d ON d.user_id = p.user_id "
            f"WHERE p.schedule_id IN ({marks(schedule_ids)}) ORDER BY p.schedule_id, p.joined_at, p.user_id",
            *schedule_ids,
        )
        for r, pair in zip(rows, await built_in_slices(rows, _participant_and_member, PEOPLE_SLICE)):
            out[r["schedule_id"]].append(pair)
        return out

    # -- member data ---------------------------------------------------------------

    async def _memberships(self, community_id: str, user_id: str) -> list[dict[str, Any]]:
        return await self.db.fetchall(
            "SELECT s.name, s.channel_id, p.wants_dm, p.wants_reminder, p.joined_at FROM participants p "
            "JOIN schedules s ON s.id = p.schedule_id WHERE s.community_id = ? AND p.user_id = ? ORDER BY s.name",
            community_id, user_id,
        )

    async def member_summary(self, community_id: str, user_id: str) -> dict[str, Any]:
        return {"memberships": len(await self._memberships(community_id, user_id))}

    async def member_export(self, community_id: str, user_id: str) -> dict[str, Any]:
        return {"memberships": [
            {"checkin": m["name"], "channel": m["channel_id"], "dm": bool(m["wants_dm"]),
             "reminders": bool(m["wants_reminder"]), "joined_at": m["joined_at"]}
            for m in await self._memberships(community_id, user_id)
        ]}

    async def erase_member(self, tx: Executor, community_id: str, user_id: str, now: datetime) -> dict[str, int]:
        """Their check-in memberships go; schedules they made stay, made by "deleted-member"."""
        memberships = await tx.execute(
            "DELETE FROM participants WHERE user_id = ? AND schedule_id IN "
            "(SELECT id FROM schedules WHERE community_id = ?)", user_id, community_id,
        )
        await tx.execute("UPDATE schedules SET created_by = ? WHERE community_id = ? AND created_by = ?",
                         DELETED, community_id, user_id)
        return {"memberships": memberships}


def _participant_and_member(r: dict[str, Any]) -> tuple[Participant, Member | None]:
    return _participant(r), member_from_row(r) if r["community_id"] is not None else None


def _participant(row: dict[str, Any]) -> Participant:
    return Participant(row["schedule_id"], row["user_id"], bool(row["wants_dm"]), bool(row["wants_reminder"]))
