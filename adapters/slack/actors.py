"""Who is acting: a Slack user as Hearth's `Actor`, from `users.info`, cached briefly.

Workspace admins and owners moderate (the platform's word); the user's Slack
timezone is their timezone unless they chose another with `me timezone`.
The cache is short so a promotion or a timezone change shows up soon.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from typing import Any

from slack_sdk.errors import SlackApiError

from adapters.slack.sender import slack_error
from slack_sdk.web.async_client import AsyncWebClient

from bot.events import Actor

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SlackUser:
    id: str
    name: str
    is_admin: bool
    tz: str | None


class Directory:
    def __init__(self, client: AsyncWebClient, ttl_seconds: float = 60.0) -> None:
        self.client = client
        self.ttl = ttl_seconds
        self._cache: dict[str, tuple[float, SlackUser]] = {}
        self._asking: dict[str, asyncio.Future[SlackUser]] = {}

    async def user(self, user_id: str, fallback_name: str = "") -> SlackUser:
        """The user, asking Slack once however many of their clicks arrive together."""
        hit = self._cache.get(user_id)
        if hit and hit[0] > time.monotonic():
            return hit[1]
        asking = self._asking.get(user_id)
        if asking is None:
            asking = self._asking[user_id] = asyncio.ensure_future(self._look_up(user_id, fallback_name))
            asking.add_done_callback(lambda _: self._asking.pop(user_id, None))
        return await asyncio.shield(asking)

    async def _look_up(self, user_id: str, fallback_name: str) -> SlackUser:
        try:
            resp = await self.client.users_info(user=user_id)
            found = _from_info(resp["user"], fallback_name)
        except SlackApiError as err:
            # Without users.info we still know who they are; we just don't grant moderation.
            log.warning("users.info failed for %s: %s", user_id, slack_error(err))
            return SlackUser(user_id, fallback_name or user_id, False, None)
        self._cache[user_id] = (time.monotonic() + self.ttl, found)
        return found

    async def actor(self, team_id: str, user_id: str, channel_id: str | None = None,
                    fallback_name: str = "") -> Actor:
        u = await self.user(user_id, fallback_name)
        return Actor(
            community_id=f"slack:{team_id}",
            user_id=f"slack:{user_id}",
            display_name=u.name,
            platform_moderator=u.is_admin,
            channel_id=f"slack:{channel_id}" if channel_id else None,
            timezone=u.tz,
        )


def _from_info(info: dict[str, Any], fallback_name: str) -> SlackUser:
    profile = info.get("profile") or {}
    name = (profile.get("display_name") or profile.get("real_name") or info.get("real_name")
            or info.get("name") or fallback_name or info["id"])
    admin = bool(info.get("is_admin") or info.get("is_owner") or info.get("is_primary_owner"))
    return SlackUser(info["id"], name, admin, info.get("tz") or None)
