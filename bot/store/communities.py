"""Communities and their members, moderators and audit trail, and whose DMs are closed.

Whose DMs are closed is a fact about a member's platform account (kept by
user id, across the communities they are in): a sender reports it
(`PermanentFailure(dm_closed=True)`), the outbox records it, round DMs and
reminders skip them, they are told once, and `checkin join` clears it.
"""

from __future__ import annotations

import json
import re
import time
from datetime import date, datetime
from typing import Any

from bot.clock import utc_iso
from bot.events import Actor
from bot.models import Community, CommunitySettings, Member, Participant, Round, Schedule
from bot.store.database import Database, Executor
from bot.store.repository import DELETED, Repository, like, marks

#: How often the set of members whose DMs are closed is re-read (other processes mark them too).
CLOSED_DMS_REFRESH_SECONDS = 10.0
#: The audit entry of a moderator taken off the list by their own `me delete`: no actor, no detail (nothing of them).
MODERATOR_ERASED = "moderators.erased"
#: Audit actions whose detail is whom they were done to: a person's id (or "role:<id>", a platform role).
NAMES_A_PERSON = ("moderators.add", "moderators.remove")
#: What a member's export says instead of another person's id: whom a moderator action of theirs was done to.
SOMEONE_ELSE = "a moderator"


#: The platform's name for a member, when it said one (a blank: it couldn't say just now, so the old one stays).
_NEWER_NAME = "CASE WHEN excluded.display_name <> '' THEN excluded.display_name ELSE members.display_name END"

class CommunityRepository(Repository):
    member_tables = ("members", "moderators", "audit_log", "closed_dms")
    def __init__(self, db: Database, refresh_seconds: float = CLOSED_DMS_REFRESH_SECONDS) -> None:
        super().__init__(db)
        #: Communities known to exist, so an event needn't insert its community every time.
        self._communities: set[str] = set()
        #: The name each community was last given here (its platform's), so only a new one costs a write.
        self._names: dict[str, str] = {}
        self.refresh_seconds = refresh_seconds
        #: Members whose DMs are closed -> whether they were told, as last read; re-read now and then, so that
        #: neither an interaction nor a DM costs a read.
        self._closed: dict[str, bool] = {}
        self._closed_until = 0.0
        #: Each community's language (`mod settings language`) -> until when it is trusted (re-read now and then,
        #: since another process may change it), so an event costs no read for it.
        self._languages: dict[str, tuple[str | None, float]] = {}
        #: The members who chose a language (`me language`), by (community, user): re-read now and then, so that
        #: an event that only reads costs no query for whose language it is.
        self._chosen: dict[tuple[str, str], str] = {}
        self._chosen_until = 0.0

    # -- communities -------------------------------------------------------------------

    async def ensure(self, community_id: str, now: datetime, name: str = "") -> Community:
        community = await self.get(community_id)  # almost always there: one query, not two
        if community is not None:
            return community
        await self.db.execute(
            "INSERT INTO communities (id, name, created_at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING",
            community_id, name, utc_iso(now),
        )
        community = await self.get(community_id)
        assert community is not None
        return community

    async def get(self, community_id: str) -> Community | None:
        row = await self.db.fetchone("SELECT * FROM communities WHERE id = ?", community_id)
        if row is None:
            return None
        return Community(row["id"], row["name"], CommunitySettings.from_json(row["settings"]))

    async def save_settings(self, community_id: str, settings: CommunitySettings) -> None:
        await self.db.execute("UPDATE communities SET settings = ? WHERE id = ?", settings.to_json(), community_id)

    async def language(self, community_id: str) -> str | None:
        """The community's own language (None: not set, so English), as read at most `refresh_seconds` ago."""
        known = self._languages.get(community_id)
        if known is not None and time.monotonic() < known[1]:
            return known[0]
        row = await self.db.fetchone("SELECT language FROM communities WHERE id = ?", community_id)
        lang = row["language"] if row else None
        self._languages[community_id] = (lang, time.monotonic() + self.refresh_seconds)
        return lang

    async def chosen_language(self, community_id: str, user_id: str) -> str | None:
        """The language a member chose (`me language`), as read at most `refresh_seconds` ago (or set here)."""
        if time.monotonic() >= self._chosen_until:
            self._chosen_until = time.monotonic() + self.refresh_seconds
            rows = await self.db.fetchall(
                "SELECT community_id, user_id, language FROM members WHERE language IS NOT NULL")
            self._chosen = {(r["community_id"], r["user_id"]): r["language"] for r in rows}
        return self._chosen.get((community_id, user_id))

    async def set_language(self, community_id: str, lang: str | None, now: datetime) -> None:
        """Set (or with None, clear) the community's own language."""
        await self.ensure(community_id, now)
        await self.db.execute("UPDATE communities SET language = ? WHERE id = ?", lang, community_id)
        self._languages[community_id] = (lang, time.monotonic() + self.refresh_seconds)

    async def list_all(self) -> list[Community]:
        rows = await self.db.fetchall("SELECT * FROM communities ORDER BY id")
        return [Community(r["id"], r["name"], CommunitySettings.from_json(r["settings"])) for r in rows]

    # -- members -----------------------------------------------------------------------

    async def upsert_member(self, actor: Actor, now: datetime) -> Member:
        """The member, made or brought up to date (`met`)."""
        return (await self.met(actor, now))[0]

    async def met(self, actor: Actor, now: datetime) -> tuple[Member, bool]:
        """Every event runs this: one statement once the community is known, the row coming back from it. The
        platform's timezone and locale are kept only when they are the platform's word (`Actor.from_platform`):
        a dashboard's browser language never becomes the person's platform locale, nor the name its link was
        made with (days old, maybe) the person's name now. A blank name (the platform couldn't say just now)
        keeps the one it gave before."""
        if actor.community_id not in self._communities:  # communities are never deleted
            await self.db.execute(
                "INSERT INTO communities (id, name, created_at) VALUES (?, '', ?) ON CONFLICT (id) DO NOTHING",
                actor.community_id, utc_iso(now),
            )
            self._communities.add(actor.community_id)
        timezone, locale = (actor.timezone, actor.locale) if actor.from_platform else (None, None)
        name = (actor.community_name or "").strip()
        if name and actor.from_platform and self._names.get(actor.community_id) != name:  # (kept up to date)
            await self.db.execute("UPDATE communities SET name = ? WHERE id = ? AND name <> ?",
                                  name, actor.community_id, name)
            self._names[actor.community_id] = name
        row = await self.db.fetchone(
            """INSERT INTO members (community_id, user_id, display_name, platform_timezone, platform_locale, created_at)
               VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT (community_id, user_id) DO UPDATE SET display_name = """
            + (_NEWER_NAME if actor.from_platform else "members.display_name") + """,
               platform_timezone = COALESCE(excluded.platform_timezone, members.platform_timezone),
               platform_locale = COALESCE(excluded.platform_locale, members.platform_locale)
               RETURNING *""",
            actor.community_id, actor.user_id, actor.display_name, timezone, locale, utc_iso(now),
        )
        assert row is not None
        # (made now, as far as one statement can tell: or by another event of theirs within the same second)
        return member_from_row(row), row["created_at"] == utc_iso(now)

    async def forget_bare(self, community_id: str, user_id: str) -> int:
        """Remove a member's row that holds nothing they chose (no timezone, region, language, snooze or setting):
        for someone met by an event that was refused (`Hearth._handle`), once nothing else about them is held."""
        return await self.db.execute(
            "DELETE FROM members WHERE community_id = ? AND user_id = ? AND timezone IS NULL AND region IS NULL "
            "AND language IS NULL AND snooze_until IS NULL AND (settings IS NULL OR settings = '{}')",
            community_id, user_id)

    async def held_for(self, user_id: str) -> list[tuple[str, str]]:
        """The communities Hearth holds a member's data in (their row there: `met`, gone with `me delete`), as
        (id, name), for their data rights by DM (`bot.flows.my_data.by_dm`): on their own platform only."""
        rows = await self.db.fetchall(
            "SELECT m.community_id AS id, COALESCE(c.name, '') AS name FROM members m "
            "LEFT JOIN communities c ON c.id = m.community_id WHERE m.user_id = ? ORDER BY m.community_id", user_id)
        platform = user_id.split(":", 1)[0] + ":"
        return [(r["id"], r["name"] or "") for r in rows if r["id"].startswith(platform)]

    async def get_member(self, community_id: str, user_id: str) -> Member | None:
        row = await self.db.fetchone(
            "SELECT * FROM members WHERE community_id = ? AND user_id = ?", community_id, user_id
        )
        return member_from_row(row) if row else None

    async def member_and_memberships(
        self, community_id: str, user_id: str, open_at: datetime | None = None
    ) -> tuple[Member | None, Community | None, list[tuple[Schedule, Participant]], list[tuple[Round, Schedule]]]:
        """A member, their community and the check-ins they joined there, in one query (either of the first
        two may not exist yet); with `open_at`, also the community's rounds open then: what `checkin status`
        shows. The same query says whether any round is open, so the rounds' own query runs only when one is
        (most of the day, none is)."""
        from bot.store.rounds import list_open_rounds_in

        if open_at is None:
            rows = await self.db.fetchall(_MEMBER_AND_MEMBERSHIPS, user_id, user_id, community_id)
        else:
            rows = await self.db.fetchall(_MEMBER_MEMBERSHIPS_AND_ANY_OPEN, utc_iso(open_at), user_id, user_id,
                                          community_id)
        if not rows:
            return None, None, [], []
        first = rows[0]
        community = Community(community_id, first["c_name"], CommunitySettings.from_json(first["c_settings"]))
        member = member_from_row(first, "m_") if first["m_user_id"] is not None else None
        joined = [(Schedule.from_row(r), Participant(r["id"], user_id, bool(r["wants_dm"]), bool(r["wants_reminder"])))
                  for r in rows if r["id"] is not None]  # (a row without one: no check-ins, or another community's)
        joined.sort(key=lambda j: j[0].name)
        open_now = await list_open_rounds_in(self.db, community_id, open_at) if open_at and first["any_open"] else []
        return member, community, joined, open_now

    async def memberships(self, community_id: str, user_id: str) -> list[tuple[Schedule, Participant]]:
        """The check-ins a member joined here, by name (one query with `member_and_memberships`)."""
        return (await self.member_and_memberships(community_id, user_id))[2]

    async def display_names(self, community_id: str, user_ids: list[str]) -> dict[str, str]:
        """The names members are shown by here, for those Hearth has met (one query)."""
        if not user_ids:
            return {}
        rows = await self.db.fetchall(
            f"SELECT user_id, display_name FROM members WHERE community_id = ? AND user_id IN ({marks(user_ids)})",
            community_id, *user_ids,
        )
        return {r["user_id"]: r["display_name"] for r in rows if r["display_name"]}

    async def members_named(self, community_id: str, user_id: str, name: str) -> list[str]:
        """The members Hearth has met here with this id, else those it shows by this name (any case)."""
        row = await self.db.fetchone("SELECT user_id FROM members WHERE community_id = ? AND user_id = ?",
                                     community_id, user_id)
        if row is not None:
            return [row["user_id"]]
        rows = await self.db.fetchall(
            "SELECT user_id, display_name FROM members WHERE community_id = ? AND LOWER(display_name) = LOWER(?) "
            "ORDER BY user_id", community_id, name)
        return [r["user_id"] for r in rows if r["display_name"].strip().casefold() == name.casefold()]

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
            if key == "language":
                if value:
                    self._chosen[(community_id, user_id)] = value
                else:
                    self._chosen.pop((community_id, user_id), None)

    # -- closed DMs ------------------------------------------------------------------------

    async def mark_dms_closed(self, user_id: str, now: datetime) -> None:
        """The member's DMs are closed to Hearth: not DM'd again until they join a check-in again."""
        await self.db.execute(
            "INSERT INTO closed_dms (user_id, noticed, closed_at) VALUES (?, 0, ?) ON CONFLICT (user_id) DO NOTHING",
            user_id, utc_iso(now),
        )
        self._closed.setdefault(user_id, False)

    async def dms_closed(self, user_id: str) -> bool:
        """Whether the member's DMs are closed, as last read (at most `refresh_seconds` ago, or marked here)."""
        return user_id in await self._closed_dms()

    async def take_dm_closed_notice(self, user_id: str) -> bool:
        """True exactly once after DMs were found closed: time to tell them (the UPDATE decides, across
        processes). Costs no query unless they are still to be told, or the set is re-read."""
        if (await self._closed_dms()).get(user_id, True):
            return False
        self._closed[user_id] = True
        return await self.db.execute(
            "UPDATE closed_dms SET noticed = 1 WHERE user_id = ? AND noticed = 0", user_id
        ) > 0

    async def clear_dms_closed(self, user_id: str) -> None:
        """They joined again (having opened their DMs, we hope): DM them again."""
        await self.db.execute("DELETE FROM closed_dms WHERE user_id = ?", user_id)
        self._closed.pop(user_id, None)

    async def _closed_dms(self) -> dict[str, bool]:
        if time.monotonic() >= self._closed_until:
            self._closed_until = time.monotonic() + self.refresh_seconds
            rows = await self.db.fetchall("SELECT user_id, noticed FROM closed_dms")
            self._closed = {r["user_id"]: bool(r["noticed"]) for r in rows}
        return self._closed

    # -- moderators and audit ------------------------------------------------------------------

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

    async def moderators(self, community_id: str) -> list[str]:
        rows = await self.db.fetchall(
            "SELECT subject FROM moderators WHERE community_id = ? ORDER BY added_at, subject", community_id
        )
        return [r["subject"] for r in rows]

    async def record_audit(self, community_id: str, actor_id: str, action: str, detail: str, now: datetime) -> None:
        await self.db.execute(
            "INSERT INTO audit_log (community_id, actor_id, action, detail, at) VALUES (?, ?, ?, ?, ?)",
            community_id, actor_id, action, detail, utc_iso(now),
        )

    async def audit_log(self, community_id: str, limit: int = 20) -> list[dict[str, Any]]:
        return await self.db.fetchall(
            "SELECT actor_id, action, detail, at FROM audit_log WHERE community_id = ? ORDER BY id DESC LIMIT ?",
            community_id, limit,
        )

    # -- member data -----------------------------------------------------------------------------

    async def _member_row(self, community_id: str, user_id: str) -> dict[str, Any] | None:
        return await self.db.fetchone("SELECT * FROM members WHERE community_id = ? AND user_id = ?",
                                      community_id, user_id)

    async def member_summary(self, community_id: str, user_id: str) -> dict[str, Any]:
        member = await self._member_row(community_id, user_id)
        # (a refusal is no action of a moderator's: a member who tried a moderator's command is counted apart)
        row = await self.db.fetchone(
            f"SELECT count(CASE WHEN NOT {_REFUSED_SQL} THEN 1 END) AS n, "
            f"count(CASE WHEN {_REFUSED_SQL} THEN 1 END) AS refused FROM audit_log "
            "WHERE community_id = ? AND actor_id = ?", community_id, user_id)
        return {
            "display_name": member["display_name"] if member else "",
            "timezone": member["timezone"] if member else None,
            "region": member["region"] if member else None,
            "language": member["language"] if member else None,
            "snoozed_until": member["snooze_until"] if member else None,
            "moderator_actions": int(row["n"]) if row else 0,
            "refused_commands": int(row["refused"]) if row else 0,
            "audit_mentions": len(await self._audit_about(community_id, user_id)),
        }

    async def _audit_about(self, community_id: str, user_id: str) -> list[dict[str, Any]]:
        """Audit entries that name the member though someone else acted (made a moderator, say): their id whole
        in the detail, as `erase_member` finds it."""
        whole_id = re.compile(rf"(?<![\w:]){re.escape(user_id)}(?!\w)")
        rows = await self.db.fetchall(
            "SELECT action, detail, at FROM audit_log WHERE community_id = ? AND actor_id <> ? "
            "AND detail LIKE ? ESCAPE '\\' ORDER BY id", community_id, user_id, like(user_id))
        return [r for r in rows if whole_id.search(r["detail"])]

    async def member_export(self, community_id: str, user_id: str) -> dict[str, Any]:
        member = await self._member_row(community_id, user_id)
        audit = await self.db.fetchall(
            "SELECT action, detail, at FROM audit_log WHERE community_id = ? AND actor_id = ? ORDER BY id",
            community_id, user_id,
        )
        return {
            "member": {
                "user_id": user_id,
                "display_name": member["display_name"] if member else "",
                "first_seen": member["created_at"] if member else None,
            },
            "settings": {
                "timezone": member["timezone"] if member else None,
                "region": member["region"] if member else None,
                "language": member["language"] if member else None,
                "snooze_until": member["snooze_until"] if member else None,
                **(json.loads(member["settings"] or "{}") if member else {}),
            },
            "moderator_actions": [_entry(r, user_id) for r in audit if not _refused(r["action"])],
            **({"refused_moderator_commands": [_entry(r, user_id) for r in refused]}
               if (refused := [r for r in audit if _refused(r["action"])]) else {}),
            **({"audit_entries_about_you": [_entry(r, user_id) for r in about]}
               if (about := await self._audit_about(community_id, user_id)) else {}),
        }

    async def erase_member(self, tx: Executor, community_id: str, user_id: str, now: datetime) -> dict[str, int]:
        """The member row and their moderator listing go; the moderators' trail stays, without their id in it
        (as actor, and inside details), and "added by" names "deleted-member". A listing that goes is itself an
        entry (`MODERATOR_ERASED`), in the same transaction: the team learns a moderator left its list, never who."""
        n = await tx.execute(
            "UPDATE audit_log SET actor_id = ? WHERE community_id = ? AND actor_id = ?", DELETED, community_id, user_id
        )
        whole_id = re.compile(rf"(?<![\w:]){re.escape(user_id)}(?!\w)")
        rows = await tx.fetchall(
            "SELECT id, detail FROM audit_log WHERE community_id = ? AND detail LIKE ? ESCAPE '\\'",
            community_id, like(user_id),
        )
        for row in rows:
            detail = whole_id.sub(DELETED, row["detail"])
            if detail != row["detail"]:
                await tx.execute("UPDATE audit_log SET detail = ? WHERE id = ?", detail, row["id"])
        listed = await tx.execute("DELETE FROM moderators WHERE community_id = ? AND subject = ?",
                                  community_id, user_id)
        if listed:  # who moderates is the team's business: the entry says what changed, and keeps nothing of them
            await tx.execute("INSERT INTO audit_log (community_id, actor_id, action, detail, at) VALUES (?, ?, ?, ?, ?)",
                             community_id, DELETED, MODERATOR_ERASED, "", utc_iso(now))
        await tx.execute("UPDATE moderators SET added_by = ? WHERE community_id = ? AND added_by = ?",
                         DELETED, community_id, user_id)
        await tx.execute("DELETE FROM members WHERE community_id = ? AND user_id = ?", community_id, user_id)
        # "Their DMs are closed" is a fact about the person, not one community: it goes with their last membership.
        await tx.execute("DELETE FROM closed_dms WHERE user_id = ? AND NOT EXISTS "
                         "(SELECT 1 FROM members WHERE user_id = ?)", user_id, user_id)
        self._closed.pop(user_id, None)
        self._chosen.pop((community_id, user_id), None)  # (their language goes with them)
        return {"audit_rows_anonymised": n, "moderator_listing": listed}


def _entry(row: dict[str, Any], user_id: str) -> dict[str, Any]:
    """An audit entry for `user_id`'s export: whom it was done to, when that is someone else, is "a moderator",
    never their id (an export is the member's copy of their own data, not a list of who else moderates)."""
    detail = row["detail"]
    if row["action"] in NAMES_A_PERSON and detail != user_id and not detail.startswith("role:"):
        detail = SOMEONE_ELSE
    return {"action": row["action"], "detail": _detail(detail), "at": row["at"]}


def _detail(text: str) -> Any:
    """An audit detail for an export: one kept as fields (`bot.flows.common.audit`) as those fields."""
    if text.startswith("{"):
        try:
            return json.loads(text)
        except ValueError:
            pass
    return text


def member_from_row(row: dict[str, Any], prefix: str = "") -> Member:
    """A member from a row of `members`, or from its columns named with `prefix` in a wider row."""
    p = prefix
    snooze, settings = row[p + "snooze_until"], row[p + "settings"]
    return Member(row[p + "community_id"], row[p + "user_id"], row[p + "display_name"], row[p + "timezone"],
                  row[p + "region"], date.fromisoformat(snooze) if snooze else None,
                  json.loads(settings) if settings and settings != "{}" else {}, row.get(p + "platform_timezone"),
                  row.get(p + "language"), bool(row.get(p + "dms_closed")), row.get(p + "platform_locale"))


#: The community, the member (columns named m_…, apart from the schedule's) and a row per participation of
#: theirs, with its schedule when that is in this community. Indexed all the way: communities and members by
#: key, participants by user, schedules by id.
_MEMBER_AND_MEMBERSHIPS = (
    "SELECT {}c.name AS c_name, c.settings AS c_settings, m.community_id AS m_community_id, m.user_id AS m_user_id, "
    "m.display_name AS m_display_name, m.timezone AS m_timezone, m.region AS m_region, "
    "m.snooze_until AS m_snooze_until, m.settings AS m_settings, m.platform_timezone AS m_platform_timezone, "
    "m.language AS m_language, m.platform_locale AS m_platform_locale, "
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


#: `_refused` in SQL.
_REFUSED_SQL = "(action = 'refused' OR action LIKE 'refused.%')"


def _refused(action: str) -> bool:
    """An audit entry of a moderator's command or button refused to someone (`Registry._check_permission`: "refused",
    "refused.button"; a care note's button, "refused.care"): what they tried, never an action of theirs."""
    return action == "refused" or action.startswith("refused.")
