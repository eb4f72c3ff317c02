"""Help, built from the registry so it never drifts from the commands."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Callable

from bot.commands.registry import NEAR, Command, Option, Registry
from bot.commands.router import Router
from bot.errors import UserError
from bot.events import Event, Reply, Rich, join_rich, rich

if TYPE_CHECKING:
    from bot.app import Hearth

router = Router("help")

INTRO = ("Hearth helps this community check in with each other and reflect. "
         "It is not a therapist or an emergency service.")


@router.command("help", "What I can do, or how to use one command.",
                Option("command", "a command, e.g. 'checkin join'", rest=True), reads_only=True)
async def help_command(app: "Hearth", ev: Event) -> Reply:
    is_mod = await app.is_moderator(ev.actor)
    wanted = (ev.args.get("command") or "").strip()
    if wanted:
        return about(app.registry, wanted, lambda c: is_mod or c.permission == "member")
    lines = [rich(INTRO)]
    for group, commands in app.registry.groups().items():
        shown = [c for c in commands if is_mod or c.permission == "member"]
        if shown:
            lines.append(rich(""))
            lines += [rich(f"**{c.name}** — {c.help}") for c in shown]
    lines.append(rich("\nFor one command: **help checkin join**."))
    return Reply(body=join_rich(lines))


def about(registry: Registry, wanted: str, visible: Callable[[Command], bool]) -> Reply:
    """One command's help; a group's commands ("help checkin"); or what a slip ("checkin stat") was likely for."""
    words = wanted.split()
    cmd, _ = registry.find(words)
    if cmd is not None and visible(cmd):
        return _usage(cmd)
    group = [c for c in registry.under(words) if visible(c)]
    if group:
        return Reply(body=join_rich([rich(f"**{' '.join(words).lower()}** has these commands:"), *_listed(group),
                                     rich(f"For one of them: **help {group[0].name}**.")]))
    near = [c for c in registry.near(words) if visible(c)]
    if near:
        raise UserError(f"I don't know the command “{{}}”. Did you mean **{near[0].name}**?", wanted)
    around = [c for c in registry.under(words[:1]) if visible(c)]
    if around:  # "checkin foo": the group they were in
        return Reply(body=join_rich([rich("I don't know the command “{}”.", wanted),
                                     rich(f"The **{words[0].lower()}** commands are:"), *_listed(around)]), error=True)
    groups = [word for word, cmds in registry.groups().items() if any(len(c.path) > 1 and visible(c) for c in cmds)]
    like = difflib.get_close_matches(words[0].lower(), groups, 1, NEAR)
    if like:  # "chekin", "notes" for "note"
        raise UserError(f"I don't know the command “{{}}”. Did you mean **{like[0]}**? On its own, it lists its "
                        "commands.", wanted)
    raise UserError("I don't know the command “{}”. **help** lists them all.", wanted)


def _usage(cmd: Command) -> Reply:
    lines = [rich(f"**{cmd.name}** — {cmd.help}"), rich(f"Usage: `{cmd.usage()}`")]
    lines += [rich(f"• {o.name}{'' if o.required else ' (optional)'}: {o.description}") for o in cmd.options]
    if cmd.example:
        lines.append(rich(f"Example: `{cmd.example}`"))
    return Reply(body=join_rich(lines))


def _listed(commands: list[Command]) -> list[Rich]:
    return [rich(f"• **{c.name}** — {c.help}") for c in commands]
