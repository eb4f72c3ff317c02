"""Whose a Slack channel is: Hearth's `ChannelDirectory` for Slack (see `bot.channels`).

Hearth's bot token belongs to one workspace. A channel belongs to the community `slack:<team id>` when that team is
the token's own and `conversations.info` finds the channel there: a public or private channel (not a DM), not
archived, and, for a channel shared between workspaces (Slack Connect), one this team holds (`context_team_id`, or
among `shared_team_ids`). `channel_not_found` and the like are a plain no; a rate limit, a timeout or a missing
scope means Hearth can't tell right now.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.sender import slack_error

log = logging.getLogger(__name__)

#: Slack's errors for a channel this token can't see as one of its workspace's: a no, not "can't tell".
NOT_OURS = {"channel_not_found", "method_not_supported_for_channel_type", "invalid_channel", "team_access_not_granted"}


class SlackChannels:
    platform = "slack"

    def __init__(self, client: AsyncWebClient) -> None:
        self.client = client
        self._team: str | None = None  # the bot token's workspace, asked once

    async def belongs(self, community_id: str, channel_id: str) -> bool | None:
        prefix, _sep, team = community_id.partition(":")
        c_prefix, _sep, channel = channel_id.partition(":")
        if prefix != "slack" or c_prefix != "slack" or not team or not channel:
            return False
        try:
            if self._team is None:
                self._team = str((await self.client.auth_test())["team_id"])
            if team != self._team:
                return False  # another workspace: this token can't (and mustn't) post there
            found: Any = (await self.client.conversations_info(channel=channel))["channel"]
        except SlackApiError as err:
            error = slack_error(err)
            if error in NOT_OURS:
                return False
            log.warning("Slack didn't say whose channel %s is: %s", channel, error)
            return None
        if not isinstance(found, dict) or found.get("is_im") or found.get("is_mpim") or found.get("is_archived"):
            return False
        holders = {found.get("context_team_id"), *(found.get("shared_team_ids") or ())} - {None}
        return not holders or team in holders
