"""Everything Hearth keeps, behind one class of domain calls.

The flows call these methods and never write SQL. The SQL is portable
(`?` placeholders, `ON CONFLICT`, `RETURNING`) so a second database driver can
sit under the same class.
"""

from __future__ import annotations

import json
import random
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Callable, Collection

from bot.clock import Clock, parse_iso, utc_iso, utc_iso_fine
from bot.crypto import Cipher, PlainCipher
from bot.errors import StoreError
from bot.events import Actor
from bot.models import (
    Community,
    CommunitySettings,
    HeldPost,
    Member,
    Note,
    Outgoing,
    OutboxEntry,
    Participant,
    Response,
    Round,
    Schedule,
)
from bot.store.database import Database, Executor, SqliteDatabase
from bot.store.migrations import migrate
from bot.store.postgres import PostgresDatabase, is_postgres_url
from bot.slices import built_in_slices

#: Builds an answer's messages once the saved row (and the previous one) is known.
OutgoingFactory = Callable[[Response, "Response | None"], list[Outgoing]]


@dataclass(frozen=True)
class ScheduleGone:
    """What deleting a schedule removed, as counts."""

    rounds: int
    open_rounds: int
    answers: int
    posts: int
    """Answer posts being taken down."""


@dataclass(frozen=True)
class Batching:
    """How a round's anonymous posts go out: in batches of at least `floor` people (or when it closes), each
    batch's messages built by `build` from the posts that waited, in no telling order."""

    floor: int
    build: Callable[[list[HeldPost]], list[Outgoing]]


class RoundClosed(Exception):
    """The round closed while an answer to it was being saved: nothing was saved."""


class Store:
    def __init__(self, db: Database) -> None:
        self.db = db
        #: Seals private note text at rest (set by Hearth from HEARTH_ENCRYPTION_KEY).
        self.cipher: Cipher = PlainCipher()
        #: Communities known to exist, so an event needn't insert its community every time.
        self._communities: set[str] = set()

    @classmethod
    async def open(cls, url_or_path: str | Path, clock: Clock, pool_size: int = 10) -> "Store":
        """Open the store a `database_url` names (`postgresql://…`, `sqlite:///…`) or a SQLite file path;
        `pool_size` caps PostgreSQL's connections."""
        target = str(url_or_path)
        if not is_postgres_url(target):
            if target.startswith("sqlite:///"):
                return await cls.open_sqlite(Path(target[len("sqlite:///"):]).expanduser(), clock)
            if "://" in target:
                scheme = target.split("://")[0]
                raise StoreError(f"database_url must start with postgresql:// or sqlite:///, not {scheme}://")
            return await cls.open_sqlite(url_or_path, clock)
        return await cls._migrated(await PostgresDatabase.open(target, max_size=pool_size), clock)

    @classmethod
    async def open_sqlite(cls, path: str | Path, clock: Clock) -> "Store":
        """A SQLite file that can't be made, opened or written is a StoreError that says so, not a traceback."""
        try:
            return await cls._migrated(await SqliteDatabase.open(path), clock)
        except sqlite3.DatabaseError as err:
            if "not a database" in str(err) or "malformed" in str(err):
                raise StoreError(f"The data file {path} is not a SQLite database I can read; it may be damaged. "
                                 "Move it aside (Hearth then starts a new one), or restore it from a "
                                 "backup.") from None
            raise StoreError(f"I couldn't use the data file {path}: {err}. Check that its folder exists and "
                             "that I may write there.") from None
        except OSError as err:
            raise StoreError(f"I couldn't use the data folder for {path}: {err.strerror} ({err.filename}). "
                             "Choose a folder I can write to.") from None

    @classmethod
    async def _migrated(cls, db: Database, clock: Clock) -> "Store":
        """Migrate, closing the connection if that fails (a leaked aiosqlite thread hangs exit)."""
        try:
            await migrate(db, clock)
        except BaseException:
            await db.close()
            raise
        return cls(db)

    async def close(self) -> None:
        await self.db.close()

    # -- communities and members -------------------------------------------

    async def ensure_community(self, community_id: str, now: datetime, name: str = "") -> Community:
        community = await self.get_community(community_id)  # almost always there: one query, not two
        if community is not None:
            return community
        await self.db.execute(
            "INSERT INTO communities (id, name, created_at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING",
            community_id, name, utc_iso(now),
        )
        community = await self.get_community(community_id)
        assert community is not None
        return community

    async def get_community(self, community_id: str) -> Community | None:
        row = await self.db.fetchone("SELECT * FROM communities WHERE id = ?", community_id)
        if row is None:
            return None
        return Community(row["id"], row["name"], CommunitySettings.from_json(row["settings"]))

    async def save_community_settings(self, community_id: str, settings: CommunitySettings) -> None:
        await self.db.execute("UPDATE communities SET settings = ? WHERE id = ?", settings.to_json(), community_id)

    async def list_communities(self) -> list[Community]:
        rows = await self.db.fetchall("SELECT * FROM communities ORDER BY id")
        return [Community(r["id"], r["name"], CommunitySettings.from_json(r["settings"])) for r in rows]

    async def upsert_member(self, actor: Actor, now: datetime) -> Member:
        """Every event runs this: one statement once the community is known, the row coming back from it."""
        if actor.community_id not in self._communities:  # communities are never deleted
            await self.db.execute(
                "INSERT INTO communities (id, name, created_at) VALUES (?, '', ?) ON CONFLICT (id) DO NOTHING",
                actor.community_id, utc_iso(now),
            )
            self._communities.add(actor.community_id)
        row = await self.db.fetchone(
            """INSERT INTO members (community_id, user_id, display_name, platform_timezone, created_at)
               VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (community_id, user_id) DO UPDATE SET display_name = excluded.display_name,
               platform_timezone = COALESCE(excluded.platform_timezone, members.platform_timezone)
               RETURNING *""",
            actor.community_id, actor.user_id, actor.display_name, actor.timezone, utc_iso(now),
        )
        assert row is not None
        return _member(row)

    async def get_member(self, community_id: str, user_id: str) -> Member | None:
        row = await self.db.fetchone(
            "SELECT * FROM members WHERE community_id = ? AND user_id = ?", community_id, user_id
        )
        return _member(row) if row else None

    async def member_and_memberships(
        self, community_id: str, user_id: str, open_at: datetime | None = None
    ) -> tuple[Member | None, Community | None, list[tuple[Schedule, Participant]], list[tuple[Round, Schedule]]]:
        """A member, their community and the check-ins they joined there, in one query (either of the first
        two may not exist yet); with `open_at`, also the community's rounds open then: what `checkin status`
        shows. The same query says whether any round is open, so the rounds' own query runs only when one is
        (most of the day, none is)."""
        if open_at is None:
            rows = await self.db.fetchall(_MEMBER_AND_MEMBERSHIPS, user_id, user_id, community_id)
        else:
            rows = await self.db.fetchall(_MEMBER_MEMBERSHIPS_AND_ANY_OPEN, utc_iso(open_at), user_id, user_id,
                                          community_id)
        if not rows:
            return None, None, [], []
        first = rows[0]
        community = Community(community_id, first["c_name"], CommunitySettings.from_json(first["c_settings"]))
        member = _member(first, "m_") if first["m_user_id"] is not None else None
        joined = [(Schedule.from_row(r), Participant(r["id"], user_id, bool(r["wants_dm"]), bool(r["wants_reminder"])))
                  for r in rows if r["id"] is not None]  # (a row without one: no check-ins, or another community's)
        joined.sort(key=lambda j: j[0].name)
        open_now = await self.open_rounds_in(community_id, open_at) if open_at and first["any_open"] else []
        return member, community, joined, open_now

    async def display_names(self, community_id: str, user_ids: list[str]) -> dict[str, str]:
        """The names members are shown by here, for those Hearth has met (one query)."""
        if not user_ids:
            return {}
        rows = await self.db.fetchall(
            f"SELECT user_id, display_name FROM members WHERE community_id = ? AND user_id IN ({_marks(user_ids)})",
            community_id, *user_ids,
        )
        return {r["user_id"]: r["display_name"] for r in rows if r["display_name"]}

    async def update_member(self, community_id: str, user_id: str, **fields: Any) -> None:
        allowed = {"timezone", "region", "snooze_until", "display_name", "settings", "language"}
        if not set(fields) <= allowed:
            raise ValueError(f"unknown member fields: {set(fields) - allowed}")
        for key, value in fields.items():
            if isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, dict):
                value = json.dumps(value, sort_keys=True)
            await self.db.execute(
                f"UPDATE members SET {key} = ? WHERE community_id = ? AND user_id = ?", value, community_id, user_id
            )

    # -- moderators and audit ------------------------------------------------

    async def add_moderator(self, community_id: str, subject: str, by: str, now: datetime) -> bool:
        n = await self.db.execute(
            "INSERT INTO moderators (community_id, subject, added_by, added_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT DO NOTHING",
            community_id, subject, by, utc_iso(now),
        )
        return n > 0

    async def remove_moderator(self, community_id: str, subject: str) -> bool:
        n = await self.db.execute("DELETE FROM moderators WHERE community_id = ? AND subject = ?", community_id, subject)
        return n > 0

    async def list_moderators(self, community_id: str) -> list[str]:
        rows = await self.db.fetchall(
            "SELECT subject FROM moderators WHERE community_id = ? ORDER BY added_at", community_id
        )
        return [r["subject"] for r in rows]

    async def audit(self, community_id: str, actor_id: str, action: str, detail: str, now: datetime) -> None:
        await self.db.execute(
            "INSERT INTO audit_log (community_id, actor_id, action, detail, at) VALUES (?, ?, ?, ?, ?)",
            community_id, actor_id, action, detail, utc_iso(now),
        )

    async def audit_log(self, community_id: str, limit: int = 20) -> list[dict[str, Any]]:
        return await self.db.fetchall(
            "SELECT actor_id, action, detail, at FROM audit_log WHERE community_id = ? ORDER BY id DESC LIMIT ?",
            community_id, limit,
        )

    # -- prompts ---------------------------------------------------------------

    async def save_prompt(self, community_id: str, prompt: dict[str, str], by: str, now: datetime) -> bool:
        """Insert or update a community prompt; True if it was new (the INSERT decides: racing saves don't collide)."""
        stamp = utc_iso(now)
        if await self.db.execute(
            "INSERT INTO prompts (community_id, id, kind, theme, depth, text, enabled, created_by, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?) ON CONFLICT (community_id, id) DO NOTHING",
            community_id, prompt["id"], prompt["kind"], prompt["theme"], prompt["depth"], prompt["text"],
            by, stamp, stamp,
        ):
            return True
        await self.db.execute(
            "UPDATE prompts SET kind = ?, theme = ?, depth = ?, text = ?, updated_at = ? "
            "WHERE community_id = ? AND id = ?",
            prompt["kind"], prompt["theme"], prompt["depth"], prompt["text"], stamp, community_id, prompt["id"],
        )
        return False

    async def get_prompt(self, community_id: str, prompt_id: str) -> dict[str, Any] | None:
        return await self.db.fetchone(
            "SELECT * FROM prompts WHERE community_id = ? AND id = ?", community_id, prompt_id
        )

    async def list_prompts(self, community_id: str) -> list[dict[str, Any]]:
        return await self.db.fetchall("SELECT * FROM prompts WHERE community_id = ? ORDER BY id", community_id)

    async def set_prompt_enabled(self, community_id: str, prompt_id: str, enabled: bool) -> bool:
        n = await self.db.execute(
            "UPDATE prompts SET enabled = ? WHERE community_id = ? AND id = ?", int(enabled), community_id, prompt_id
        )
        return n > 0

    async def set_switch(self, community_id: str, target: str, enabled: bool) -> None:
        await self.db.execute(
            "INSERT INTO content_switches (community_id, target, enabled) VALUES (?, ?, ?) "
            "ON CONFLICT (community_id, target) DO UPDATE SET enabled = excluded.enabled",
            community_id, target, int(enabled),
        )

    async def switches(self, community_id: str) -> dict[str, bool]:
        rows = await self.db.fetchall(
            "SELECT target, enabled FROM content_switches WHERE community_id = ?", community_id
        )
        return {r["target"]: bool(r["enabled"]) for r in rows}

    async def save_prompts(self, community_id: str, prompts: list[dict[str, str]], by: str, now: datetime) -> None:
        """Insert or update many community prompts in one transaction (a pack import: all or nothing).

        An update keeps the prompt's enabled flag: importing never switches a prompt back on.
        """
        stamp = utc_iso(now)
        async with self.db.transaction() as tx:
            for p in prompts:
                await tx.execute(
                    "INSERT INTO prompts (community_id, id, kind, theme, depth, text, enabled, created_by, created_at, "
                    "updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?) ON CONFLICT (community_id, id) DO UPDATE SET "
                    "kind = excluded.kind, theme = excluded.theme, depth = excluded.depth, text = excluded.text, "
                    "updated_at = excluded.updated_at",
                    community_id, p["id"], p["kind"], p["theme"], p["depth"], p["text"], by, stamp, stamp,
                )

    async def hold_import(
        self, token: str, community_id: str, actor_id: str, pack: str, now: datetime, expires_at: datetime
    ) -> None:
        """Keep a previewed pack until its Import button is pressed; clears expired ones on the way."""
        async with self.db.transaction() as tx:
            await tx.execute("DELETE FROM pending_imports WHERE expires_at <= ?", utc_iso(now))
            await tx.execute(
                "INSERT INTO pending_imports (token, community_id, actor_id, pack, created_at, expires_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                token, community_id, actor_id, pack, utc_iso(now), utc_iso(expires_at),
            )

    async def take_import(self, community_id: str, token: str, now: datetime) -> str | None:
        """The held pack for this token, once only; None if unknown, used, expired or another community's."""
        row = await self.db.fetchone(
            "DELETE FROM pending_imports WHERE token = ? AND community_id = ? RETURNING pack, expires_at",
            token, community_id,
        )
        if row is None or row["expires_at"] <= utc_iso(now):
            return None
        return str(row["pack"])

    # -- schedules ---------------------------------------------------------------

    async def create_schedule(self, fields: dict[str, Any], now: datetime) -> Schedule:
        stamp = utc_iso(now)
        row = await self.db.fetchone(
            "INSERT INTO schedules (community_id, name, channel_id, spec, cron, timezone, theme, depth, open_minutes, "
            "remind_minutes, paused_until, created_by, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *",
            fields["community_id"], fields["name"], fields["channel_id"], fields["spec"], fields["cron"],
            fields["timezone"], fields.get("theme"), fields.get("depth"), fields["open_minutes"],
            fields["remind_minutes"], fields.get("paused_until"), fields["created_by"], stamp, stamp,
        )
        assert row is not None
        return Schedule.from_row(row)

    async def update_schedule(self, schedule_id: int, now: datetime, **fields: Any) -> Schedule:
        allowed = {"name", "channel_id", "spec", "cron", "timezone", "theme", "depth", "open_minutes",
                   "remind_minutes", "paused_until"}
        if not set(fields) <= allowed:
            raise ValueError(f"unknown schedule fields: {set(fields) - allowed}")
        async with self.db.transaction() as tx:
            for key, value in fields.items():
                await tx.execute(f"UPDATE schedules SET {key} = ? WHERE id = ?", value, schedule_id)
            await tx.execute("UPDATE schedules SET updated_at = ? WHERE id = ?", utc_iso(now), schedule_id)
        schedule = await self.get_schedule(schedule_id)
        assert schedule is not None
        return schedule

    async def delete_schedule(self, schedule: Schedule, now: datetime,
                              closing: Callable[[Round], dict[str, Any]]) -> ScheduleGone:
        """Delete a schedule with its rounds and answers, and take down what they left in the channel.

        The rows that find the posts are going, so the messages that take them down are addressed by the
        platform's ids and tied to no round: an open round's post is edited into `closing(round)` (no buttons
        left to press), and every answer post still up is deleted. Summaries already posted stay.
        """
        answers_sql = ("SELECT r.id, r.post_ref, r.anon_ref, rd.channel_id FROM responses r "
                       "JOIN rounds rd ON rd.id = r.round_id WHERE rd.schedule_id = ?")
        held_sql = ("SELECT h.id, h.ref, h.channel_id FROM held_posts h JOIN rounds rd ON rd.id = h.round_id "
                    "WHERE rd.schedule_id = ? AND h.ref IS NOT NULL")
        async with self.db.transaction() as tx:
            rounds = [Round.from_row(r) for r in await tx.fetchall("SELECT * FROM rounds WHERE schedule_id = ?",
                                                                     schedule.id)]
            answers = await tx.fetchall(answers_sql, schedule.id)
            open_rounds = [r for r in rounds if r.closed_at is None]
            outgoing = [Outgoing(f"schedule:{schedule.id}:gone:round:{r.id}", "edit", {"channel": r.channel_id,
                                 "ref": r.post_ref}, closing(r)) for r in open_rounds if r.post_ref]
            # Every answer post still up, in the channel its round went to: named, anonymous, and those an erased
            # member left waiting to come down.
            posted = [(f"answer:{a['id']}", a["channel_id"], a["post_ref"]) for a in answers if a["post_ref"]]
            posted += [(f"anonymous:{a['id']}", a["channel_id"], a["anon_ref"]) for a in answers if a["anon_ref"]]
            posted += [(f"held:{h['id']}", h["channel_id"], h["ref"]) for h in await tx.fetchall(held_sql, schedule.id)]
            outgoing += [removal(f"schedule:{schedule.id}:gone:{key}", channel, ref) for key, channel, ref in posted]
            # An answer's pending edit or removal would wait for a row that is going: its removal here replaces it.
            await tx.execute("DELETE FROM outbox WHERE status = 'pending' AND response_id IN "
                             f"(SELECT id FROM ({answers_sql}) AS gone)", schedule.id)
            await tx.execute("DELETE FROM schedules WHERE id = ?", schedule.id)
            await _enqueue(tx, outgoing, now)
        return ScheduleGone(len(rounds), len(open_rounds), len(answers), len(posted))

    async def get_schedule(self, schedule_id: int) -> Schedule | None:
        row = await self.db.fetchone("SELECT * FROM schedules WHERE id = ?", schedule_id)
        return Schedule.from_row(row) if row else None

    async def get_schedules(self, schedule_ids: list[int]) -> dict[int, Schedule]:
        if not schedule_ids:
            return {}
        rows = await self.db.fetchall(f"SELECT * FROM schedules WHERE id IN ({_marks(schedule_ids)})", *schedule_ids)
        return {r["id"]: Schedule.from_row(r) for r in rows}

    async def find_schedule(self, community_id: str, name: str) -> Schedule | None:
        row = await self.db.fetchone(
            "SELECT * FROM schedules WHERE community_id = ? AND lower(name) = lower(?)", community_id, name
        )
        return Schedule.from_row(row) if row else None

    async def list_schedules(self, community_id: str | None = None) -> list[Schedule]:
        if community_id is None:
            rows = await self.db.fetchall("SELECT * FROM schedules ORDER BY id")
        else:
            rows = await self.db.fetchall("SELECT * FROM schedules WHERE community_id = ? ORDER BY name", community_id)
        return [Schedule.from_row(r) for r in rows]

    async def add_skip(self, schedule_id: int, day: date) -> None:
        await self.db.execute(
            "INSERT INTO schedule_skips (schedule_id, day) VALUES (?, ?) ON CONFLICT DO NOTHING",
            schedule_id, day.isoformat(),
        )

    async def skips_of(self, schedule_ids: list[int]) -> dict[int, set[date]]:
        """The skipped days of several schedules, in one query."""
        out: dict[int, set[date]] = {i: set() for i in schedule_ids}
        if schedule_ids:
            rows = await self.db.fetchall(
                f"SELECT schedule_id, day FROM schedule_skips WHERE schedule_id IN ({_marks(schedule_ids)})",
                *schedule_ids,
            )
            for r in rows:
                out[r["schedule_id"]].add(date.fromisoformat(r["day"]))
        return out

    # -- participants ------------------------------------------------------------

    async def join(self, schedule_id: int, user_id: str, wants_dm: bool, wants_reminder: bool, now: datetime) -> bool:
        """Join or update preferences; True if newly joined (the INSERT decides, so racing joins can't both be new)."""
        async with self.db.transaction() as tx:  # a `leave` can't fall between the two
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

    async def leave(self, schedule_id: int, user_id: str) -> bool:
        n = await self.db.execute("DELETE FROM participants WHERE schedule_id = ? AND user_id = ?", schedule_id, user_id)
        return n > 0

    async def participant(self, schedule_id: int, user_id: str) -> Participant | None:
        row = await self.db.fetchone(
            "SELECT * FROM participants WHERE schedule_id = ? AND user_id = ?", schedule_id, user_id
        )
        return _participant(row) if row else None

    async def participants(self, schedule_id: int) -> list[Participant]:
        rows = await self.db.fetchall("SELECT * FROM participants WHERE schedule_id = ? ORDER BY joined_at", schedule_id)
        return [_participant(r) for r in rows]

    async def participants_with_members(self, schedule_id: int) -> list[tuple[Participant, Member | None]]:
        """Each participant with their member record (timezone, snooze), in one query, not one per person."""
        return (await self.participants_of([schedule_id]))[schedule_id]

    async def participants_of(self, schedule_ids: list[int]) -> dict[int, list[tuple[Participant, Member | None]]]:
        """`participants_with_members` for several schedules at once."""
        out: dict[int, list[tuple[Participant, Member | None]]] = {i: [] for i in schedule_ids}
        if not schedule_ids:
            return out
        rows = await self.db.fetchall(
            "SELECT p.schedule_id, p.user_id, p.wants_dm, p.wants_reminder, m.community_id, m.display_name, "
            "m.timezone, m.region, m.snooze_until, m.settings, m.platform_timezone, m.language FROM participants p "
            "JOIN schedules s ON s.id = p.schedule_id "
            "LEFT JOIN members m ON m.community_id = s.community_id AND m.user_id = p.user_id "
            f"WHERE p.schedule_id IN ({_marks(schedule_ids)}) ORDER BY p.schedule_id, p.joined_at",
            *schedule_ids,
        )
        for r, pair in zip(rows, await built_in_slices(rows, _participant_and_member, PEOPLE_SLICE)):
            out[r["schedule_id"]].append(pair)
        return out

    async def memberships(self, community_id: str, user_id: str) -> list[tuple[Schedule, Participant]]:
        """The check-ins a member joined here, by name (one query with `member_and_memberships`)."""
        return (await self.member_and_memberships(community_id, user_id))[2]

    # -- rounds ----------------------------------------------------------------------

    async def open_round(
        self, schedule: Schedule, fields: dict[str, Any], outgoing: list[Outgoing]
    ) -> Round | None:
        """Write the round and its messages at once; None if it was already open.

        The unique (schedule, scheduled time) key makes a second opening — a
        restart, another process — a no-op.
        """
        async with self.db.transaction() as tx:
            row = await tx.fetchone(OPEN_ROUND, *_round_args(schedule, fields))
            if row is None:
                return None
            rnd = Round.from_row(row)
            await _enqueue_rounds(tx, [(rnd.id, outgoing)], fields["opened_at"])
        return rnd

    async def open_many_rounds(
        self, items: list[tuple[Schedule, dict[str, Any], list[Outgoing]]]
    ) -> list[Round | None]:
        """`open_round` for many rounds in one transaction: all are written, or none.

        When a thousand schedules fire in the same minute, one transaction
        and one insert of all their messages replace a thousand of each.
        """
        args = [_round_args(schedule, fields) for schedule, fields, _ in items]
        ids = sorted({a[0] for a in args})
        times = sorted({a[1] for a in args})
        find = (f"SELECT * FROM rounds WHERE schedule_id IN ({_marks(ids)}) "
                f"AND scheduled_at IN ({_marks(times)})")
        opened: list[Round | None] = []
        async with self.db.transaction() as tx:
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
            await _enqueue_rounds(tx, messages, items[0][1]["opened_at"])
        return opened

    async def get_round(self, round_id: int) -> Round | None:
        row = await self.db.fetchone("SELECT * FROM rounds WHERE id = ?", round_id)
        return Round.from_row(row) if row else None

    async def latest_round(self, schedule_id: int) -> Round | None:
        row = await self.db.fetchone(
            "SELECT * FROM rounds WHERE schedule_id = ? ORDER BY scheduled_at DESC LIMIT 1", schedule_id
        )
        return Round.from_row(row) if row else None

    async def open_rounds(self) -> list[Round]:
        rows = await self.db.fetchall("SELECT * FROM rounds WHERE closed_at IS NULL ORDER BY closes_at")
        return [Round.from_row(r) for r in rows]

    async def open_rounds_in(self, community_id: str, now: datetime) -> list[tuple[Round, Schedule]]:
        """A community's rounds still open at `now`, each with its schedule, in one query."""
        rows = await self.db.fetchall(
            "SELECT rd.id AS round_id, rd.scheduled_at, rd.opened_at, rd.closes_at, rd.remind_at, rd.reminded_at, "
            "rd.closed_at, rd.prompt_id, rd.prompt_text, rd.post_ref, rd.channel_id AS round_channel_id, s.* "
            "FROM rounds rd "
            "JOIN schedules s ON s.id = rd.schedule_id "
            "WHERE rd.closed_at IS NULL AND rd.closes_at > ? AND s.community_id = ? ORDER BY rd.closes_at",
            utc_iso(now), community_id,
        )
        return [(Round.from_row({**r, "id": r["round_id"], "schedule_id": r["id"], "channel_id": r["round_channel_id"]}),
                 Schedule.from_row(r))
                for r in rows]

    async def responses_of(self, round_ids: list[int], user_id: str) -> dict[int, Response]:
        """One member's answers to several rounds, by round id."""
        if not round_ids:
            return {}
        rows = await self.db.fetchall(
            f"SELECT * FROM responses WHERE user_id = ? AND round_id IN ({_marks(round_ids)})", user_id, *round_ids
        )
        return {r["round_id"]: self._response(r) for r in rows}

    async def recent_prompt_ids_of(self, schedule_ids: list[int], limit: int) -> dict[int, list[str]]:
        """`recent_prompt_ids` for several schedules, in one query."""
        out: dict[int, list[str]] = {i: [] for i in schedule_ids}
        if not schedule_ids or limit <= 0:
            return out
        rows = await self.db.fetchall(
            "SELECT schedule_id, prompt_id FROM (SELECT schedule_id, prompt_id, scheduled_at, ROW_NUMBER() OVER "
            "(PARTITION BY schedule_id ORDER BY scheduled_at DESC) AS n FROM rounds "
            f"WHERE schedule_id IN ({_marks(schedule_ids)})) AS recent WHERE n <= ? "
            "ORDER BY schedule_id, scheduled_at DESC",
            *schedule_ids, limit,
        )
        for r in rows:
            out[r["schedule_id"]].append(r["prompt_id"])
        return out

    async def finish_round_step(
        self, round_id: int, column: str, now: datetime, outgoing: list[Outgoing], batching: Batching | None = None
    ) -> bool:
        """Mark a round reminded or closed and queue its messages, once only. Closing with `batching` first
        lets every anonymous post still waiting go, however few."""
        if column not in {"reminded_at", "closed_at"}:
            raise ValueError(column)
        async with self.db.transaction() as tx:
            n = await tx.execute(
                f"UPDATE rounds SET {column} = ? WHERE id = ? AND {column} IS NULL", utc_iso(now), round_id
            )
            if n == 0:
                return False
            if batching is not None and column == "closed_at":
                await self._release(tx, round_id, batching, now, everything=True)
            await _enqueue_rounds(tx, [(round_id, outgoing)], now)
        return True

    # -- responses -------------------------------------------------------------------

    async def save_response(
        self, round_id: int, user_id: str, mood: int, text: str, visibility: str, now: datetime,
        outgoing_for: OutgoingFactory, batching: Batching | None = None,
    ) -> tuple[Response, Response | None]:
        """Save (or change) an answer and queue what it shows, in one go.

        `outgoing_for` builds what shows at once (the named post). With `batching`, a change to what the
        answer shows anonymously waits for the round's next batch (`_hold`); raises `RoundClosed` if the
        round closed meanwhile, so nothing waits for a batch that will never come.
        """
        async with self.db.transaction() as tx:
            rnd = None if batching is None else await tx.fetchone(
                _ROUND_FOR_ANSWER + (" FOR UPDATE OF rd" if self.db.dialect == "postgresql" else ""), round_id)
            if batching is not None and (rnd is None or rnd["closed_at"] is not None):
                raise RoundClosed(round_id)
            prev_row = await tx.fetchone(
                "SELECT * FROM responses WHERE round_id = ? AND user_id = ?", round_id, user_id
            )
            previous = self._response(prev_row) if prev_row else None
            row = await tx.fetchone(
                "INSERT INTO responses (round_id, user_id, mood, text, visibility, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (round_id, user_id) DO UPDATE SET mood = excluded.mood, "
                "text = excluded.text, visibility = excluded.visibility, updated_at = excluded.updated_at RETURNING *",
                round_id, user_id, mood, self._sealed_if_private(text, visibility), visibility, utc_iso(now),
                utc_iso(now),
            )
            assert row is not None
            response = self._response(row)
            await _enqueue(tx, outgoing_for(response, previous), now)
            if previous is not None and previous.visibility == "shared" != visibility and previous.post_ref:
                # Its named post is being taken down by id (`outgoing_for`): the answer has none now.
                await tx.execute("UPDATE responses SET post_ref = NULL WHERE id = ?", response.id)
            if batching is not None and rnd is not None:
                await self._hold(tx, row, previous, rnd["channel_id"], batching, now)
        return response, previous

    async def _hold(self, tx: Executor, row: dict[str, Any], previous: Response | None, channel_id: str,
                    batching: Batching, now: datetime) -> None:
        """Let the answer's anonymous side wait for the round's next batch, and send the batch if it is full.

        It waits if what it shows anonymously changed (new, edited, or to be taken down), and stays waiting
        if it was already; a wait that nets to nothing (anonymous, then private, before any batch) goes.
        """
        now_anonymous, out = row["visibility"] == "anonymous", bool(row["anon_out"])
        if not now_anonymous and not out:
            if previous is not None and previous.visibility == "anonymous":  # (else nothing of it can wait)
                await tx.execute("DELETE FROM held_posts WHERE response_id = ?", row["id"])
            return
        shown = (row["mood"], row["text"]) if now_anonymous else None
        before = (previous.mood, previous.text) if previous and previous.visibility == "anonymous" else None
        if shown != before:
            await tx.execute(
                "INSERT INTO held_posts (round_id, response_id, channel_id, held_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (response_id) DO NOTHING",
                row["round_id"], row["id"], channel_id, utc_iso(now),
            )
        await self._release(tx, row["round_id"], batching, now, everything=False)

    async def hold_removal(self, tx: Executor, round_id: int, channel_id: str, ref: str, now: datetime) -> None:
        """An anonymous post to take down with its round's next batch, its answer gone (`member_data.erase`)."""
        await tx.execute("INSERT INTO held_posts (round_id, channel_id, ref, held_at) VALUES (?, ?, ?, ?)",
                         round_id, channel_id, ref, utc_iso(now))

    async def _release(self, tx: Executor, round_id: int, batching: Batching, now: datetime,
                       everything: bool) -> int:
        """Send the round's waiting anonymous posts if at least `floor` people's wait (or `everything`, at the
        close), shuffled so their order tells nothing either; returns how many went."""
        rows = await tx.fetchall(
            "SELECT h.id AS held_id, h.channel_id AS held_channel, h.ref AS held_ref, r.* FROM held_posts h "
            "LEFT JOIN responses r ON r.id = h.response_id WHERE h.round_id = ? ORDER BY h.id", round_id,
        )
        if not rows or (len(rows) < batching.floor and not everything):
            return 0
        held = [HeldPost(self._response(r) if r["id"] is not None else None, bool(r["anon_out"]),
                         r["held_ref"] if r["id"] is None else r["anon_ref"], r["held_channel"]) for r in rows]
        random.SystemRandom().shuffle(held)
        outgoing = batching.build(held)
        await tx.execute("DELETE FROM held_posts WHERE round_id = ?", round_id)
        for h in held:
            if h.response is None:
                continue
            shows = h.response.visibility == "anonymous"
            # A post taken down by its known id leaves no id behind; one still on its way keeps the column for
            # its removal to find (`Outbox._resolve`).
            await tx.execute(
                "UPDATE responses SET anon_out = ?, anon_ref = CASE WHEN ? = 1 AND anon_ref IS NOT NULL THEN NULL "
                "ELSE anon_ref END WHERE id = ?",
                int(shows), int(not shows), h.response.id,
            )
        await _enqueue(tx, outgoing, now)
        return len(held)

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

    async def response_of(self, round_id: int, user_id: str) -> Response | None:
        row = await self.db.fetchone("SELECT * FROM responses WHERE round_id = ? AND user_id = ?", round_id, user_id)
        return self._response(row) if row else None

    async def responses(self, round_id: int) -> list[Response]:
        rows = await self.db.fetchall("SELECT * FROM responses WHERE round_id = ? ORDER BY created_at", round_id)
        return [self._response(r) for r in rows]

    async def history(self, community_id: str, user_id: str, since: datetime) -> list[tuple[Response, Round, str]]:
        rows = await self.db.fetchall(
            "SELECT r.*, rd.schedule_id, rd.scheduled_at, rd.opened_at, rd.closes_at, rd.remind_at, rd.reminded_at, "
            "rd.closed_at, rd.prompt_id, rd.prompt_text, rd.post_ref AS round_post_ref, rd.channel_id, "
            "s.name AS schedule_name "
            "FROM responses r JOIN rounds rd ON rd.id = r.round_id JOIN schedules s ON s.id = rd.schedule_id "
            "WHERE s.community_id = ? AND r.user_id = ? AND r.created_at >= ? ORDER BY rd.scheduled_at",
            community_id, user_id, utc_iso(since),
        )
        out = []
        for r in rows:
            rnd = Round.from_row({**r, "id": r["round_id"], "post_ref": r["round_post_ref"]})
            out.append((self._response(r), rnd, r["schedule_name"]))
        return out

    # -- reflections and notes ---------------------------------------------------------

    async def record_reflection(self, community_id: str, user_id: str, prompt_id: str, text: str, now: datetime) -> int:
        row = await self.db.fetchone(
            "INSERT INTO reflections (community_id, user_id, prompt_id, prompt_text, given_at) VALUES (?, ?, ?, ?, ?) "
            "RETURNING id",
            community_id, user_id, prompt_id, text, utc_iso(now),
        )
        assert row is not None
        return int(row["id"])

    async def recent_reflections(self, community_id: str, user_id: str, limit: int) -> list[str]:
        rows = await self.db.fetchall(
            "SELECT prompt_id FROM reflections WHERE community_id = ? AND user_id = ? ORDER BY id DESC LIMIT ?",
            community_id, user_id, limit,
        )
        return [r["prompt_id"] for r in rows]

    async def reflection_text(self, community_id: str, user_id: str, reflection_id: int | None = None) -> str | None:
        """The text of one reflection given to this member (their latest if no id)."""
        if reflection_id is None:
            row = await self.db.fetchone(
                "SELECT prompt_text FROM reflections WHERE community_id = ? AND user_id = ? ORDER BY id DESC LIMIT 1",
                community_id, user_id,
            )
        else:
            row = await self.db.fetchone(
                "SELECT prompt_text FROM reflections WHERE id = ? AND community_id = ? AND user_id = ?",
                reflection_id, community_id, user_id,
            )
        return str(row["prompt_text"]) if row else None

    async def add_note(
        self, community_id: str, user_id: str, prompt_id: str | None, prompt_text: str, text: str, now: datetime
    ) -> int:
        row = await self.db.fetchone(
            "INSERT INTO notes (community_id, user_id, prompt_id, prompt_text, text, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            community_id, user_id, prompt_id, prompt_text, self.cipher.seal(text), utc_iso(now),
        )
        assert row is not None
        return int(row["id"])

    async def notes(self, community_id: str, user_id: str) -> list[Note]:
        rows = await self.db.fetchall(
            "SELECT * FROM notes WHERE community_id = ? AND user_id = ? ORDER BY id", community_id, user_id
        )
        opened = self.cipher.open
        return [Note(r["id"], r["prompt_text"], opened(r["text"]), parse_iso(r["created_at"])) for r in rows]

    async def has_note(self, community_id: str, user_id: str, note_id: int) -> bool:
        row = await self.db.fetchone(
            "SELECT 1 AS found FROM notes WHERE id = ? AND community_id = ? AND user_id = ?", note_id, community_id,
            user_id,
        )
        return row is not None

    async def delete_note(self, community_id: str, user_id: str, note_id: int) -> bool:
        n = await self.db.execute(
            "DELETE FROM notes WHERE id = ? AND community_id = ? AND user_id = ?", note_id, community_id, user_id
        )
        return n > 0

    # -- care and safety ---------------------------------------------------------------

    async def last_safety_alert(self, community_id: str, user_id: str) -> datetime | None:
        row = await self.db.fetchone(
            "SELECT at FROM safety_alerts WHERE community_id = ? AND user_id = ?", community_id, user_id
        )
        return parse_iso(row["at"]) if row else None

    async def record_safety_alert(self, community_id: str, user_id: str, now: datetime,
                                  outgoing: list[Outgoing]) -> None:
        async with self.db.transaction() as tx:
            await tx.execute(
                "INSERT INTO safety_alerts (community_id, user_id, at) VALUES (?, ?, ?) "
                "ON CONFLICT (community_id, user_id) DO UPDATE SET at = excluded.at",
                community_id, user_id, utc_iso(now),
            )
            await _enqueue(tx, outgoing, now)

    async def recent_moods(self, community_id: str, user_id: str, limit: int) -> list[int]:
        """The member's latest check-in moods in this community, newest first."""
        rows = await self.db.fetchall(
            "SELECT r.mood FROM responses r JOIN rounds rd ON rd.id = r.round_id "
            "JOIN schedules s ON s.id = rd.schedule_id WHERE s.community_id = ? AND r.user_id = ? "
            "ORDER BY rd.scheduled_at DESC LIMIT ?",
            community_id, user_id, limit,
        )
        return [int(r["mood"]) for r in rows]

    # -- outbox ------------------------------------------------------------------------

    async def enqueue(self, outgoing: list[Outgoing], now: datetime) -> None:
        async with self.db.transaction() as tx:
            await _enqueue(tx, outgoing, now)

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
        gone = f"OR claimed_by IN ({_marks(dead)}) " if dead else ""
        due = ("status = 'pending' AND platform = ? AND next_attempt_at <= ? AND (not_before IS NULL OR not_before <= ?) "
               f"AND (claimed_until IS NULL {gone}OR (claimed_until <= ? AND (claimed_by = ? OR NOT EXISTS "
               "(SELECT 1 FROM processes p WHERE p.id = outbox.claimed_by))))")
        args = [platform, stamp, fine, *dead, stamp, holder]
        if self.db.dialect == "postgresql":
            rows = await self.db.fetchall(
                f"WITH c AS (SELECT id, claimed_by AS previous_holder FROM outbox WHERE {due} ORDER BY id LIMIT ? "
                "FOR UPDATE SKIP LOCKED) UPDATE outbox o SET claimed_by = ?, claimed_until = ? FROM c "
                "WHERE o.id = c.id RETURNING o.*, c.previous_holder",
                *args, limit, holder, until,
            )
            return sorted(await built_in_slices(rows, OutboxEntry.from_row, ENTRIES_SLICE), key=lambda e: e.id)
        async with self.db.transaction() as tx:  # SQLite: one writer at a time, so select-then-update is safe
            rows = await tx.fetchall(
                f"SELECT *, claimed_by AS previous_holder FROM outbox WHERE {due} ORDER BY id LIMIT ?", *args, limit,
            )
            if rows:
                marks = ",".join("?" * len(rows))
                await tx.execute(f"UPDATE outbox SET claimed_by = ?, claimed_until = ? WHERE id IN ({marks})",
                                 holder, until, *[r["id"] for r in rows])
        return await built_in_slices(rows, OutboxEntry.from_row, ENTRIES_SLICE)

    async def release_claims(self, holder: str) -> int:
        """On a clean stop, hand back what this process claimed and never started sending."""
        return await self.db.execute(
            "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL WHERE status = 'pending' AND claimed_by = ? "
            "AND attempts = 0",
            holder,
        )

    # -- processes -----------------------------------------------------------------------

    async def heartbeat(self, process_id: str, host: str, pid: int, platforms: str, now: datetime) -> None:
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

    async def processes(self, alive_since: datetime) -> list[dict[str, Any]]:
        """Processes heard from since `alive_since`, with how many entries each holds now."""
        return await self.db.fetchall(
            "SELECT p.id, p.host, p.pid, p.platforms, p.started_at, p.heartbeat_at, "
            "(SELECT count(*) FROM outbox o WHERE o.claimed_by = p.id AND o.status = 'pending' "
            "AND o.claimed_until > ?) AS holding FROM processes p WHERE p.heartbeat_at >= ? ORDER BY p.started_at",
            utc_iso(alive_since), utc_iso(alive_since),
        )

    async def next_due_at(self, platform: str) -> str | None:
        row = await self.db.fetchone(
            "SELECT min(next_attempt_at) AS t FROM outbox WHERE status = 'pending' AND platform = ?", platform
        )
        return row["t"] if row else None

    async def mark_sent(self, entry: OutboxEntry, message_ref: str | None, now: datetime) -> None:
        """Record the platform's message id, and hang it on the round or answer it posted."""
        sent = ("UPDATE outbox SET status = 'sent', message_ref = ?, sent_at = ?, attempts = attempts + 1 "
                "WHERE id = ?", message_ref, utc_iso(now), entry.id)
        posts_round = entry.kind == "post" and entry.target.get("round_post") and entry.round_id
        posts_answer = entry.kind in ("post", "thread") and entry.response_id
        unposts_answer = entry.kind == "delete" and entry.response_id
        if not posts_round and not posts_answer and not unposts_answer:
            await self.db.execute(*sent)  # a DM, an edit: one statement is already all-or-nothing
            return
        # An answer has two posts that come and go apart: its named post and its anonymous one.
        column = "anon_ref" if entry.target.get("post") == "anonymous" else "post_ref"
        async with self.db.transaction() as tx:
            await tx.execute(*sent)
            hung = 1
            if posts_round:
                hung = await tx.execute("UPDATE rounds SET post_ref = ? WHERE id = ?", message_ref, entry.round_id)
            if posts_answer:
                hung = await tx.execute(f"UPDATE responses SET {column} = ? WHERE id = ?", message_ref,
                                        entry.response_id)
            if not hung and message_ref:  # its round or answer was deleted while it went out: take it down again
                await _enqueue(tx, [removal(f"orphan:{entry.id}", entry.target.get("channel"), message_ref,
                                            entry.platform)], now)
            if unposts_answer:  # that post is down, unless the answer went back to it meanwhile (`me delete` counts)
                side = "anonymous" if column == "anon_ref" else "shared"
                await tx.execute(f"UPDATE responses SET {column} = NULL WHERE id = ? AND visibility <> ?",
                                 entry.response_id, side)

    async def mark_retry(self, entry_id: int, error: str, next_at: datetime) -> None:
        """Try again later. The claim stays on record: a send that failed (a timeout,
        say) may still have arrived, so whoever retries asks the platform first."""
        await self.db.execute(
            "UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, claimed_until = ? "
            "WHERE id = ?",
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

    async def hold_off(self, platform: str, method: str, now: datetime, seconds: float) -> None:
        """A platform answered 429: no process calls `method` for `seconds` from `now` (a later end wins)."""
        await self.db.execute(
            "INSERT INTO delivery_waits (platform, method, not_before, seconds) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (platform, method) DO UPDATE SET not_before = excluded.not_before, seconds = excluded.seconds "
            "WHERE delivery_waits.not_before < excluded.not_before",
            platform, method, utc_iso_fine(now + timedelta(seconds=seconds)), float(seconds),
        )

    async def held_off(self, platform: str, method: str, now: datetime) -> float:
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

    async def mark_failed(self, entry_id: int, error: str) -> None:
        await self.db.execute(
            "UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?",
            error[:500], entry_id,
        )

    async def response_post_ref(self, response_id: int, anonymous: bool = False) -> str | None:
        """The id of an answer's named post, or of its anonymous one."""
        column = "anon_ref" if anonymous else "post_ref"
        row = await self.db.fetchone(f"SELECT {column} AS ref FROM responses WHERE id = ?", response_id)
        return row["ref"] if row else None

    async def outbox_counts(self) -> dict[str, int]:
        rows = await self.db.fetchall("SELECT status, count(*) AS n FROM outbox GROUP BY status")
        return {r["status"]: r["n"] for r in rows}

    async def first_time_event(self, event_id: str, now: datetime) -> bool:
        """True the first time an event id is seen: retried deliveries have one effect."""
        n = await self.db.execute(
            "INSERT INTO processed_events (event_id, at) VALUES (?, ?) ON CONFLICT DO NOTHING", event_id, utc_iso(now)
        )
        return n > 0

    async def forget_event(self, event_id: str) -> None:
        """As if the event id had never been seen (what it was for was refused, so nothing was done)."""
        await self.db.execute("DELETE FROM processed_events WHERE event_id = ?", event_id)


def _participant_and_member(r: dict[str, Any]) -> tuple[Participant, Member | None]:
    return _participant(r), _member(r) if r["community_id"] is not None else None


def _participant(row: dict[str, Any]) -> Participant:
    return Participant(row["schedule_id"], row["user_id"], bool(row["wants_dm"]), bool(row["wants_reminder"]))


def _marks(values: list[Any]) -> str:
    return ", ".join("?" for _ in values)


#: Rows turned into objects between yields to the loop (`bot.slices`): about 10 ms of work each on a 2-core machine.
ENTRIES_SLICE = 100  # a claimed entry parses its payload's JSON
PEOPLE_SLICE = 1000
OUTBOX_SLICE = 1000  # rows written by one statement (`executemany`) while a round's messages are encoded


#: A round being answered, locked for the answer's transaction (PostgreSQL adds FOR UPDATE): its batches of
#: anonymous posts are counted and sent by one answer at a time, and never after the round closed.
_ROUND_FOR_ANSWER = "SELECT rd.closed_at, rd.channel_id FROM rounds rd WHERE rd.id = ?"


OPEN_ROUND = ("INSERT INTO rounds (schedule_id, scheduled_at, opened_at, closes_at, remind_at, prompt_id, prompt_text, "
              "channel_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (schedule_id, scheduled_at) DO NOTHING RETURNING *")


def _round_args(schedule: Schedule, fields: dict[str, Any]) -> tuple[Any, ...]:
    return (schedule.id, utc_iso(fields["scheduled_at"]), utc_iso(fields["opened_at"]), utc_iso(fields["closes_at"]),
            utc_iso(fields["remind_at"]) if fields.get("remind_at") else None, fields["prompt_id"],
            fields["prompt_text"], schedule.channel_id)


def _member(row: dict[str, Any], prefix: str = "") -> Member:
    """A member from a row of `members`, or from its columns named with `prefix` in a wider row."""
    p = prefix
    snooze, settings = row[p + "snooze_until"], row[p + "settings"]
    return Member(row[p + "community_id"], row[p + "user_id"], row[p + "display_name"], row[p + "timezone"],
                  row[p + "region"], date.fromisoformat(snooze) if snooze else None,
                  json.loads(settings) if settings and settings != "{}" else {}, row.get(p + "platform_timezone"),
                  row.get(p + "language"))


#: The community, the member (columns named m_…, apart from the schedule's) and a row per participation of
#: theirs, with its schedule when that is in this community. Indexed all the way: communities and members by
#: key, participants by user, schedules by id.
_MEMBER_AND_MEMBERSHIPS = (
    "SELECT {}c.name AS c_name, c.settings AS c_settings, m.community_id AS m_community_id, m.user_id AS m_user_id, "
    "m.display_name AS m_display_name, m.timezone AS m_timezone, m.region AS m_region, "
    "m.snooze_until AS m_snooze_until, m.settings AS m_settings, m.platform_timezone AS m_platform_timezone, "
    "m.language AS m_language, "
    "s.*, p.wants_dm, p.wants_reminder FROM communities c "
    "LEFT JOIN members m ON m.community_id = c.id AND m.user_id = ? "
    "LEFT JOIN participants p ON p.user_id = ? "
    "LEFT JOIN schedules s ON s.id = p.schedule_id AND s.community_id = c.id "
    "WHERE c.id = ?"
)
_MEMBER_MEMBERSHIPS_AND_ANY_OPEN = _MEMBER_AND_MEMBERSHIPS.format(
    "EXISTS (SELECT 1 FROM rounds rd JOIN schedules os ON os.id = rd.schedule_id "
    "WHERE rd.closed_at IS NULL AND rd.closes_at > ? AND os.community_id = c.id) AS any_open, ")
_MEMBER_AND_MEMBERSHIPS = _MEMBER_AND_MEMBERSHIPS.format("")


ENQUEUE = ("INSERT INTO outbox (dedupe_key, platform, kind, target, payload, round_id, response_id, next_attempt_at, "
           "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING")


def _outbox_rows(outgoing: list[Outgoing], stamp: str, round_id: int | None = None) -> list[tuple[Any, ...]]:
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
        rows.append((key, o.platform_of(), o.kind, json.dumps(o.target), text,
                     o.round_id if round_id is None else round_id, o.response_id, stamp, stamp))
    return rows


def removal(key: str, channel: str | None, ref: str, platform: str = "") -> Outgoing:
    """A "delete" of a message already out, addressed by the platform's id (the row that found it may be gone)."""
    return Outgoing(key, "delete", {"channel": channel, "ref": ref}, {"body": [], "title": None, "buttons": []},
                    platform=platform)


async def _enqueue(tx: Executor, outgoing: list[Outgoing], now: datetime) -> None:
    await _write_outbox_rows(tx, _outbox_rows(outgoing, utc_iso(now)))


async def _enqueue_rounds(tx: Executor, per_round: list[tuple[int, list[Outgoing]]], now: datetime) -> None:
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


async def _write_outbox_rows(tx: Executor, rows: list[tuple[Any, ...]]) -> None:
    many = getattr(tx, "executemany", None)
    if many is not None and len(rows) > 1:
        await many(ENQUEUE, rows)  # one trip for a round's thousands of DMs
        return
    for row in rows:
        await tx.execute(ENQUEUE, *row)
