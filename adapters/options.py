"""Which of a command's options a chat platform shows.

A command that takes a file (`mod pack import`) may also take a `path`: the
terminal's way to name that file on the machine running Hearth. In Discord
and Slack the upload takes its place, so the path is not offered there (the
core refuses it off the terminal anyway).
"""

from __future__ import annotations

from bot.commands.registry import Command, Option

TERMINAL_PATH = "path"


def chat_options(cmd: Command) -> tuple[Option, ...]:
    """The options to offer on a chat platform, in declaration order."""
    if not any(o.kind == "file" for o in cmd.options):
        return cmd.options
    return tuple(o for o in cmd.options if o.name != TERMINAL_PATH)


def file_option(cmd: Command) -> Option | None:
    return next((o for o in cmd.options if o.kind == "file"), None)
