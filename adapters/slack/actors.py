"""Who is acting: a Slack user as Hearth's `Actor`, from `users.info`, cached.

Workspace admins and owners moderate (the platform's word); the user's Slack
timezone is their timezone unless they chose another with `me timezone`, and
their Slack locale (asked for with `include_locale`) their language unless they
chose another with `me language`.
`users.info` is rate-limited (Slack's tier 4, about 100 calls a minute), so
what it says is kept for an hour, enough for a whole check-in round of a
large workspace; but an event that may need moderator rights asks again
once the answer is a minute old, so a demoted admin loses them within a
minute and a promoted one gains them as soon.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from typing import Any, Callable

from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.sender import UNREACHABLE, unreachable

from bot.events import Actor

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SlackUser:
    id: str
    name: str
    is_admin: bool
    tz: str | None
    locale: str | None = None
    #: False when Slack couldn't be asked: then `is_admin` is a refusal to grant, not Slack's word.
    known: bool = True


#: How long a user's name and timezone are kept.
PROFILE_SECONDS = 3600.0
#: How old the admin flag may be when it decides a moderator's event.
ADMIN_SECONDS = 60.0
#: Lookups between two sweeps of the cache for users not heard of within `PROFILE_SECONDS`.
PRUNE_EVERY = 1000


class Directory:
    def __init__(self, client: AsyncWebClient, profile_seconds: float = PROFILE_SECONDS,
                 admin_seconds: float = ADMIN_SECONDS, clock: Callable[[], float] = time.monotonic) -> None:
        self.client = client
        self.profile_seconds = profile_seconds
        self.admin_seconds = admin_seconds
        self.clock = clock
        self._cache: dict[str, tuple[float, SlackUser]] = {}  # when Slack said it, what it said
        self._asking: dict[str, asyncio.Future[SlackUser]] = {}
        self._stored = 0
        self._workspace: tuple[float, str, str] | None = None  # when Slack said it, the token's team id, its name

    async def user(self, user_id: str, fallback_name: str = "", moderating: bool = False) -> SlackUser:
        """The user, asking Slack once however many of their clicks arrive together; `moderating` wants
        the admin flag fresh."""
        hit = self._cache.get(user_id)
        if hit and self.clock() - hit[0] < (self.admin_seconds if moderating else self.profile_seconds):
            return hit[1]
        asking = self._asking.get(user_id)
        if asking is None:
            asking = self._asking[user_id] = asyncio.ensure_future(self._look_up(user_id, fallback_name))
            asking.add_done_callback(lambda _: self._asking.pop(user_id, None))
        return await asyncio.shield(asking)

    async def _look_up(self, user_id: str, fallback_name: str) -> SlackUser:
        try:
            resp = await self.client.users_info(user=user_id, include_locale=True)
            found = _from_info(resp["user"], fallback_name)
        except UNREACHABLE as err:  # (a Slack error, or a timeout or dropped connection on the way: can't say now)
            # Without users.info we still know who they are; we just don't grant moderation. Their name is
            # the handle the payload carries, if any; else none (""), and Hearth keeps the one Slack gave before
            # (an id such as U012ABC is no one's name).
            log.warning("users.info failed for %s: %s", user_id, unreachable(err))
            return SlackUser(user_id, fallback_name, False, None, known=False)
        self._remember(user_id, found)
        return found

    def _remember(self, user_id: str, found: SlackUser) -> None:
        """Keep the answer; now and then forget everyone not heard of for an hour, so the cache holds the
        members active lately, not every member a big workspace ever had."""
        now = self.clock()
        self._cache[user_id] = (now, found)
        self._stored += 1
        if self._stored % PRUNE_EVERY == 0:
            for stale in [k for k, (at, _) in self._cache.items() if now - at >= self.profile_seconds]:
                del self._cache[stale]

    async def workspace_name(self, team_id: str) -> str | None:
        """The workspace's name as its people know it ("Acme Co"), from `auth.test` (the bot token's own
        workspace: no scope needed), asked again after `profile_seconds`; None for another team or when Slack
        couldn't say."""
        known = self._workspace
        if known is None or self.clock() - known[0] >= self.profile_seconds:
            try:
                said = await self.client.auth_test()
                known = self._workspace = (self.clock(), str(said.get("team_id") or ""), str(said.get("team") or ""))
            except UNREACHABLE as err:  # (asked again in an hour, not on every event meanwhile)
                log.warning("auth.test failed, so the workspace's name is unknown for now: %s", unreachable(err))
                known = self._workspace = (self.clock(), "", "")
        _at, team, name = known
        return name if name and team == team_id else None

    async def actor(self, team_id: str, user_id: str, channel_id: str | None = None,
                    fallback_name: str = "", moderating: bool = False, in_dm: bool = False) -> Actor:
        """`in_dm`: written in their DM with Hearth (so is anything from a channel whose id says it is one: "D…")."""
        u = await self.user(user_id, fallback_name, moderating)
        return Actor(
            community_id=f"slack:{team_id}",
            user_id=f"slack:{user_id}",
            display_name=u.name,
            # (Slack couldn't be asked: no word either way, as `SlackModerators.still` says; never a "no" that ends
            # the dashboard sessions opened on its earlier word)
            platform_moderator=u.is_admin if u.known else None,
            channel_id=f"slack:{channel_id}" if channel_id else None,
            timezone=u.tz,
            locale=u.locale,
            community_name=await self.workspace_name(team_id),
            in_dm=in_dm or (channel_id or "").startswith("D"),
        )


def _from_info(info: dict[str, Any], fallback_name: str) -> SlackUser:
    profile = info.get("profile") or {}
    name = (profile.get("display_name") or profile.get("real_name") or info.get("real_name")
            or info.get("name") or fallback_name)
    admin = bool(info.get("is_admin") or info.get("is_owner") or info.get("is_primary_owner"))
    return SlackUser(info["id"], name, admin, info.get("tz") or None, info.get("locale") or None)


class SlackModerators:
    """Hearth's `PlatformModerators` for Slack: is the user still a workspace admin or owner? Asked through the
    `Directory`, fresh within `ADMIN_SECONDS`, as for a moderator's event."""

    platform = "slack"

    def __init__(self, directory: Directory) -> None:
        self.directory = directory

    async def still(self, community_id: str, user_id: str) -> bool | None:
        prefix, _sep, user = user_id.partition(":")
        if prefix != "slack" or not user or not community_id.startswith("slack:"):
            return False
        found = await self.directory.user(user, moderating=True)
        return found.is_admin if found.known else None
