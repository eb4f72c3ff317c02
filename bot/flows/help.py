"""Help, built from the registry so it never drifts from the commands."""

from __future__ import annotations

import difflib
import itertools
from typing import TYPE_CHECKING, Callable, Mapping

from bot.commands.facts import described
from bot.commands.parse import choices_first
from bot.commands.registry import NEAR, Command, Option, Registry
from bot.commands.router import Router
from bot.errors import UserError, quoted
from bot.events import Event, Reply, Rich, hearth_text, join_rich, rich
from bot.flows.crisis_care import NOT_UNDERSTOOD
from bot.flows.my_data import DM_TOO
from bot.i18n import N_, _

if TYPE_CHECKING:
    from bot.app import Hearth

router = Router("help")

#: The most words of a line that help looks up as a command's path ("mod schedule create"): the longest there is.
LOOKED_UP = 3

INTRO = N_("Hearth helps this community check in with each other and reflect. "
           "It is not a therapist or an emergency service.")
#: What the care screen reads, and that it can miss: said with every list of commands (`privacy` says more).
#: Said under the usage of a command whose choices come before someone's words in any order (`checkin answer`):
#: the README says the same (`bot.commands.parse._choices_first`).
CHOICES_FIRST = N_("Type the mood, the visibility and the check-in's name first, in any order. Your words start at "
                   "the first word that is none of these; to start them with a check-in's name, put `words=` before "
                   "them.")
SCREENED = N_("I read everything you send me for words that suggest you may be in danger, and answer those "
              "privately with people you can reach. I can miss them: **support** is there any time.")


@router.command("help", "What I can do, or how to use one command.",
                Option("command", "a command, e.g. 'checkin join'", rest=True), reads_only=True)
async def help_command(app: "Hearth", ev: Event) -> Reply:
    is_mod = await app.is_moderator(ev.actor)
    wanted = (ev.args.get("command") or "").strip()
    if wanted:
        return about(app.registry, wanted, lambda c: is_mod or c.permission == "member")
    lines = [rich(_(INTRO))]
    for group, commands in app.registry.groups().items():
        shown = [c for c in commands if is_mod or c.permission == "member"]
        if shown:
            lines.append(rich(""))
            lines += [_line(c) for c in shown]
    lines.append(rich("\n" + _("For one command: **help checkin join**.") + " " + _(DM_TOO)))
    lines.append(rich(_(SCREENED)))
    return Reply(body=join_rich(lines))


#: The most words a slip for a command has ("checkin stauts"): more, beginning with no command's word, is a
#: sentence (`NOT_UNDERSTOOD`).
SLIP_WORDS = 2


def _command_words(typed: str) -> list[str]:
    """The first few words of `typed` that may name a command (`LOOKED_UP`), up to the first with a digit: a mood, a
    number or a time after a slip is no part of its name ("checkin answr 2 shared" was "I don't know the command
    “checkin answr 2”", trial 19). A line that begins with one keeps it, to be named."""
    words = typed.split()
    named = list(itertools.takewhile(lambda w: not any(ch.isdigit() for ch in w), words))
    return (named or words[:1])[:LOOKED_UP]


def about(registry: Registry, wanted: str, visible: Callable[[Command], bool]) -> Reply:
    """One command's help; a group's commands ("help checkin"); or what a slip ("checkin stat") was likely for.
    Only the first few words are looked up and named (`LOOKED_UP`): a typed line that is no command comes here
    whole, and a refusal never repeats a person's sentence back to them."""
    starts = {c.path[0] for c in registry.commands.values()}
    sentence = len(wanted.split()) > SLIP_WORDS and wanted.split()[0].lower() not in starts
    words = _command_words(wanted)
    wanted = " ".join(words)
    cmd, _rest = registry.find(words)
    if cmd is not None and visible(cmd):
        return _usage(cmd, registry.facts)
    group = [c for c in registry.under(words) if visible(c)]
    if group:
        return Reply(body=join_rich([
            rich(_("**{group}** has these commands:").format(group=" ".join(words).lower())), *_listed(group),
            rich(_("For one of them: **help {command}**.").format(command=group[0].name))]))
    near = [c for c in registry.near(words) if visible(c)]
    if near:
        raise UserError(_("I don't know the command “{typed}”. Did you mean **{command}**?"), typed=quoted(wanted),
                        command=hearth_text(near[0].name))
    around = [c for c in registry.under(words[:1]) if visible(c)]
    if around:  # "checkin foo": the group they were in
        return Reply(body=join_rich([rich(_("I don't know the command “{}”."), quoted(wanted)),
                                     rich(_("The **{group}** commands are:").format(group=words[0].lower())),
                                     *_listed(around)]), error=True)
    groups = [word for word, cmds in registry.groups().items() if any(len(c.path) > 1 and visible(c) for c in cmds)]
    like = difflib.get_close_matches(words[0].lower(), groups, 1, NEAR)
    if sentence:  # "Não aguento mais viver": words said to Hearth, not a slip; never quoted back
        raise UserError(_(NOT_UNDERSTOOD))
    if like:  # "chekin", "notes" for "note"
        raise UserError(_("I don't know the command “{typed}”. Did you mean **{command}**? On its own, it lists its "
                          "commands."), typed=quoted(wanted), command=hearth_text(like[0]))
    raise UserError(_("I don't know the command “{}”. **help** lists them all."), quoted(wanted))


def _line(cmd: Command) -> Rich:
    """The command's English word (what people type, in every language) beside its help in theirs."""
    return rich(f"**{cmd.name}** — ") + hearth_text(_(cmd.help))


def _usage(cmd: Command, facts: Mapping[str, str]) -> Reply:
    lines = [_line(cmd), rich(_("Usage: `{usage}`").format(usage=cmd.usage()))]
    for o in cmd.typed_order():
        line = (_("• {option}: {description}") if o.required
                else _("• {option} (optional): {description}")).format(option=o.name, description=described(o, facts))
        lines.append(hearth_text(line))
    if choices_first(cmd):
        lines.append(hearth_text(_(CHOICES_FIRST)))
    if cmd.example:
        lines.append(rich(_("Example: `{example}`").format(example=_(cmd.example))))
    return Reply(body=join_rich(lines))


def _listed(commands: list[Command]) -> list[Rich]:
    return [rich("• ") + _line(c) for c in commands]
