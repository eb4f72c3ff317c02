"""Hearth on Discord: slash commands, buttons, modals and DMs through discord.py.

`hearth.runtime` finds this module by name when `HEARTH_DISCORD_TOKEN` is set
and calls `create(config)`. discord.py is imported only when an adapter is made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.config import Config

if TYPE_CHECKING:
    from adapters.discord.client import DiscordAdapter


def create(config: Config, **client_options: Any) -> "DiscordAdapter":
    from adapters.discord.client import DiscordAdapter

    return DiscordAdapter(config, **client_options)
