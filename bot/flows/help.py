"""Help, built from the registry so it never drifts from the commands."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.commands.registry import REGISTRY, Option
from bot.errors import UserError
from bot.events import Event, Reply, join_rich, rich

if TYPE_CHECKING:
    from bot.app import Hearth

INTRO = ("Hearth helps this community check in with each other and reflect. "
         "It is not a therapist or an emergency service.")


@REGISTRY.command("help", "What I can do, or how to use one command.",
                  Option("command", "a command, e.g. 'checkin join'", rest=True), reads_only=True)
async def help_command(app: "Hearth", ev: Event) -> Reply:
    is_mod = await app.is_moderator(ev.actor)
    wanted = ev.args.get("command")
    if wanted:
        cmd, rest = app.registry.find(wanted.split())
        if cmd is None or rest or (cmd.permission == "moderator" and not is_mod):
            raise UserError("I don't know the command “{}”. **help** lists them all.", wanted)
        lines = [rich(f"**{cmd.name}** — {cmd.help}"), rich(f"Usage: `{cmd.usage()}`")]
        lines += [rich(f"• {o.name}{'' if o.required else ' (optional)'}: {o.description}") for o in cmd.options]
        if cmd.example:
            lines.append(rich(f"Example: `{cmd.example}`"))
        return Reply(body=join_rich(lines))
    lines = [rich(INTRO)]
    for group, commands in app.registry.groups().items():
        shown = [c for c in commands if is_mod or c.permission == "member"]
        if shown:
            lines.append(rich(""))
            lines += [rich(f"**{c.name}** — {c.help}") for c in shown]
    lines.append(rich("\nFor one command: **help checkin join**."))
    return Reply(body=join_rich(lines))
