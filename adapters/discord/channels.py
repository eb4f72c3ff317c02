"""Whose a Discord channel is: Hearth's `ChannelDirectory` for Discord (see `bot.channels`).

A channel belongs to the community `discord:<guild id>` when Discord puts it in that guild, and Hearth can post
its rounds there only in a text (or announcement) channel: a category, a voice or stage channel, a forum or a
thread is refused as not postable, as Discord's own channel picker for these options already offers only those.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord

if TYPE_CHECKING:
    from adapters.discord.client import DiscordAdapter

log = logging.getLogger(__name__)


def _snowflake(namespaced: str, platform: str = "discord") -> int | None:
    prefix, _sep, raw = namespaced.partition(":")
    return int(raw) if prefix == platform and raw.isdigit() and 0 < int(raw) < 2**64 else None


class DiscordChannels:
    platform = "discord"

    def __init__(self, adapter: "DiscordAdapter") -> None:
        self.adapter = adapter

    async def belongs(self, community_id: str, channel_id: str) -> bool | None:
        guild_id, wanted = _snowflake(community_id), _snowflake(channel_id)
        if guild_id is None or wanted is None:
            return False  # not a Discord id at all (a name typed for an id): no such channel here
        client = self.adapter.client
        channel = client.get_channel(wanted)
        if channel is None:
            try:
                channel = await client.fetch_channel(wanted)
            except (discord.NotFound, discord.Forbidden):  # gone, or somewhere Hearth can't see
                return False
            except discord.HTTPException as err:
                log.warning("Discord didn't say whose channel %s is: %s", wanted, err)
                return None
        guild = getattr(channel, "guild", None)
        if guild is None or guild.id != guild_id:
            return False
        return isinstance(channel, discord.TextChannel)  # (announcement channels are TextChannels too)
