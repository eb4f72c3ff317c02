"""Does Discord still say this member moderates the server? Hearth's `PlatformModerators` for Discord.

The platform's word on Discord is Manage Server, as an interaction's permissions carry it: the guild's owner and
anyone with Administrator have it too. Between interactions it is the member's permissions in the guild now:
their roles as Discord has them (the cached member if the client keeps one, else `fetch_member`) and the roles'
permissions as the gateway keeps them current.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

import aiohttp
import discord

if TYPE_CHECKING:
    from adapters.discord.client import DiscordAdapter

log = logging.getLogger(__name__)

#: Discord's errors, and the network's on the way to it (a dropped connection, a timeout): Discord can't say now.
UNREACHABLE = (discord.HTTPException, aiohttp.ClientError, asyncio.TimeoutError, OSError)


def _snowflake(namespaced: str) -> int | None:
    prefix, _sep, raw = namespaced.partition(":")
    return int(raw) if prefix == "discord" and raw.isdigit() and 0 < int(raw) < 2**64 else None


class DiscordModerators:
    platform = "discord"

    def __init__(self, adapter: "DiscordAdapter") -> None:
        self.adapter = adapter

    async def still(self, community_id: str, user_id: str) -> bool | None:
        guild_id, member_id = _snowflake(community_id), _snowflake(user_id)
        if guild_id is None or member_id is None:
            return False
        guild = self.adapter.client.get_guild(guild_id)
        if guild is None or guild.unavailable:  # Hearth isn't in it (now): Discord can't be asked about it
            return None
        member = guild.get_member(member_id)
        if member is None:
            try:
                member = await guild.fetch_member(member_id)
            except discord.NotFound:  # they left the server (or were removed)
                return False
            except UNREACHABLE as err:
                log.warning("Discord didn't say whether %s still moderates %s: %r", member_id, guild_id, err)
                return None
        return member.guild_permissions.manage_guild  # (the owner's and Administrator's include it)


async def roles_in(adapter: "DiscordAdapter", community_id: str, user_id: str) -> tuple[str, ...]:
    """The member's roles (ids) in the server now, as `actor_for` gives them in it: for a press in a DM, which
    carries none, so that a moderator by a role on Hearth's list is one there too. None known (not in it, or
    Discord couldn't say): no roles, so nothing is granted on a guess."""
    guild_id, member_id = _snowflake(community_id), _snowflake(user_id)
    guild = adapter.client.get_guild(guild_id) if guild_id is not None and member_id is not None else None
    if guild is None or guild.unavailable or member_id is None:
        return ()
    member = guild.get_member(member_id)
    if member is None:
        try:
            member = await guild.fetch_member(member_id)
        except UNREACHABLE as err:  # (NotFound too: they left)
            log.warning("Discord didn't say which roles %s has in %s: %r", member_id, guild_id, err)
            return ()
    return tuple(str(r.id) for r in member.roles if not r.is_default())


#: How long a press in a DM waits for Discord to say whether its presser is still in the server: it comes before the
#: answer, inside Discord's three seconds; past it, Discord can't say (None), and the press goes on as before.
IN_SERVER_WITHIN = 1.0


async def in_server(adapter: "DiscordAdapter", community_id: str, user_id: str) -> bool | None:
    """Whether the person is still a member of the server now: False once they left it or were removed (Discord no
    longer knows them there), None when Discord can't say (Hearth isn't in it now, it can't be reached, or it is
    slower than `IN_SERVER_WITHIN`)."""
    guild_id, member_id = _snowflake(community_id), _snowflake(user_id)
    if guild_id is None or member_id is None:
        return False
    guild = adapter.client.get_guild(guild_id)
    if guild is None or guild.unavailable:
        return None
    if guild.get_member(member_id) is not None:
        return True
    try:
        await asyncio.wait_for(guild.fetch_member(member_id), IN_SERVER_WITHIN)
    except discord.NotFound:
        return False
    except UNREACHABLE as err:
        log.warning("Discord didn't say whether %s is still in %s: %r", member_id, guild_id, err)
        return None
    return True
