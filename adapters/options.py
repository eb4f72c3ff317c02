"""Which of a command's options a chat platform shows.

A command that takes a file (`mod pack import`) may also take a `path`: the
terminal's way to name that file on the machine running Hearth. In Discord
and Slack the upload takes its place, so the path is not offered there (the
core refuses it off the terminal anyway).
"""

from __future__ import annotations

from bot.commands.forms import form_options
from bot.commands.registry import Command, Option


def chat_options(cmd: Command) -> tuple[Option, ...]:
    """The options to offer on a chat platform, in declaration order: those its form asks for."""
    return form_options(cmd)


def file_option(cmd: Command) -> Option | None:
    return next((o for o in cmd.options if o.kind == "file"), None)
