"""The moderators' dashboard: one-time sign-in links and the sessions they open.

Only hashes of the secrets are kept (SHA-256 of the link's token, of the
session's cookie), so a copy of the database signs nobody in. A link works
once (`take_link` marks it used in the same statement that reads it) and only
until it expires; a session until it expires or is ended.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.clock import utc_iso
from bot.events import Actor
from bot.store.database import Executor
from bot.store.repository import Repository


def secret_hash(secret: str) -> str:
    """How a token or a session cookie is kept: its SHA-256, in hex."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def actor_json(actor: Actor) -> str:
    """The person as their platform described them when they asked for the link (never what they wrote)."""
    return json.dumps({"community_id": actor.community_id, "user_id": actor.user_id,
                       "display_name": actor.display_name, "platform_moderator": actor.platform_moderator,
                       "timezone": actor.timezone, "roles": list(actor.roles), "locale": actor.locale,
                       "community_name": actor.community_name},
                      sort_keys=True)


def actor_from_json(text: str) -> Actor:
    """The person as kept: what their platform said then, not its word now (`from_platform` False), so nothing done
    on the dashboard writes an old timezone or locale, or the browser's language, over the member's."""
    d = json.loads(text)
    return Actor(d["community_id"], d["user_id"], d["display_name"], bool(d["platform_moderator"]), None,
                 d.get("timezone"), tuple(d.get("roles") or ()), d.get("locale"), d.get("community_name"),
                 from_platform=False)


@dataclass(frozen=True)
class LinkState:
    """What became of a link that did not sign anyone in: unknown, used already, or expired."""

    known: bool
    used: bool
    expired: bool
    used_at: str | None = None


@dataclass(frozen=True)
class DashboardSession:
    session_hash: str
    actor: Actor
    csrf: str
    created_at: str
    expires_at: str


class DashboardRepository(Repository):
    member_tables = ("dashboard_links", "dashboard_sessions")
    async def add_link(self, token: str, actor: Actor, now: datetime, expires: datetime) -> None:
        await self.db.execute(
            "INSERT INTO dashboard_links (token_hash, community_id, user_id, actor, created_at, expires_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            secret_hash(token), actor.community_id, actor.user_id, actor_json(actor), utc_iso(now), utc_iso(expires))

    async def take_link(self, token: str, now: datetime) -> Actor | None:
        """The person a link signs in, spending it: one statement, so two uses at once can't both succeed."""
        row = await self.db.fetchone(
            "UPDATE dashboard_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? "
            "RETURNING actor", utc_iso(now), secret_hash(token), utc_iso(now))
        return actor_from_json(row["actor"]) if row else None

    async def link_holder(self, token: str, now: datetime) -> Actor | None:
        """Whom a link would sign in, without spending it (the sign-in page names them)."""
        row = await self.db.fetchone(
            "SELECT actor FROM dashboard_links WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
            secret_hash(token), utc_iso(now))
        return actor_from_json(row["actor"]) if row else None

    async def link_owner(self, token: str) -> tuple[str, str] | None:
        """Whose link this is (community, user), used or not: a repeated sign-in by its own moderator, already
        signed in by it, is no refusal."""
        row = await self.db.fetchone("SELECT community_id, user_id FROM dashboard_links WHERE token_hash = ?",
                                     secret_hash(token))
        return (row["community_id"], row["user_id"]) if row else None

    async def link_state(self, token: str, now: datetime) -> LinkState:
        row = await self.db.fetchone("SELECT used_at, expires_at FROM dashboard_links WHERE token_hash = ?",
                                     secret_hash(token))
        if row is None:
            return LinkState(False, False, False)
        return LinkState(True, row["used_at"] is not None, row["expires_at"] <= utc_iso(now), row["used_at"])

    async def open_session(self, session: str, actor: Actor, csrf: str, now: datetime, expires: datetime
                           ) -> DashboardSession:
        await self.db.execute(
            "INSERT INTO dashboard_sessions (session_hash, community_id, user_id, actor, csrf, created_at, "
            "expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            secret_hash(session), actor.community_id, actor.user_id, actor_json(actor), csrf, utc_iso(now),
            utc_iso(expires))
        return DashboardSession(secret_hash(session), actor, csrf, utc_iso(now), utc_iso(expires))

    async def session(self, session: str, now: datetime) -> DashboardSession | None:
        """The session this cookie opened, while it lasts (not expired, not ended)."""
        row = await self.db.fetchone(
            "SELECT * FROM dashboard_sessions WHERE session_hash = ? AND ended_at IS NULL AND expires_at > ?",
            secret_hash(session), utc_iso(now))
        if row is None:
            return None
        return DashboardSession(row["session_hash"], actor_from_json(row["actor"]), row["csrf"], row["created_at"],
                                row["expires_at"])

    async def end_session(self, session_hash: str, now: datetime) -> bool:
        return await self.db.execute(
            "UPDATE dashboard_sessions SET ended_at = ? WHERE session_hash = ? AND ended_at IS NULL",
            utc_iso(now), session_hash) > 0

    async def end_sessions_of(self, community_id: str, user_id: str, now: datetime) -> int:
        """Every open session of this person here (they no longer moderate it)."""
        return await self.db.execute(
            "UPDATE dashboard_sessions SET ended_at = ? WHERE community_id = ? AND user_id = ? AND ended_at IS NULL",
            utc_iso(now), community_id, user_id)

    async def open_sessions(self, community_id: str, user_id: str, now: datetime) -> int:
        row = await self.db.fetchone(
            "SELECT COUNT(*) AS n FROM dashboard_sessions WHERE community_id = ? AND user_id = ? "
            "AND ended_at IS NULL AND expires_at > ?", community_id, user_id, utc_iso(now))
        return int(row["n"]) if row else 0

    async def purge(self, before: datetime) -> int:
        """Forget links and sessions that ended (or expired) before `before`."""
        cut = utc_iso(before)
        n = await self.db.execute("DELETE FROM dashboard_links WHERE expires_at < ?", cut)
        return n + await self.db.execute(
            "DELETE FROM dashboard_sessions WHERE expires_at < ? OR ended_at < ?", cut, cut)

    # -- a member's data -------------------------------------------------------------------

    async def member_summary(self, community_id: str, user_id: str) -> dict[str, Any]:
        return {}

    async def member_export(self, community_id: str, user_id: str) -> dict[str, Any]:
        rows = await self.db.fetchall(
            "SELECT created_at, expires_at, ended_at FROM dashboard_sessions WHERE community_id = ? AND user_id = ? "
            "ORDER BY created_at", community_id, user_id)
        if not rows:
            return {}
        return {"dashboard_sessions": [{"signed_in": r["created_at"], "until": r["expires_at"],
                                        "signed_out": r["ended_at"]} for r in rows]}

    async def erase_member(self, tx: Executor, community_id: str, user_id: str, now: datetime) -> dict[str, int]:
        await tx.execute("DELETE FROM dashboard_links WHERE community_id = ? AND user_id = ?", community_id, user_id)
        await tx.execute("DELETE FROM dashboard_sessions WHERE community_id = ? AND user_id = ?",
                         community_id, user_id)
        return {}
