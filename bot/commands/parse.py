"""Typed command lines ("checkin join mornings reminders=yes") into command events.

The terminal and Slack's slash command both take a line of text; this one
grammar serves both: the command path, then `key=value` options anywhere,
then positional values in the order the command declares, the last
`rest` option taking whatever words remain.
"""

from __future__ import annotations

import re
import shlex

from bot.commands.registry import Command, Option, Registry, given_back, not_a_choice
from bot.errors import UserError
from bot.events import hearth_text
from bot.i18n import _


#: What makes shlex split differently from splitting on its whitespace: quotes, backslashes, other whitespace.
_SHELL_SPECIAL = re.compile(r"[\"'\\]|[^\S \t\r\n]")


def tokenize(line: str) -> list[str]:
    """Split like a shell, but forgive a lone apostrophe ("I'm fine")."""
    if not _SHELL_SPECIAL.search(line):  # most lines: shlex would split on whitespace alone, far slower
        return line.split()  # (only shlex's own whitespace is in it)
    try:
        return shlex.split(line)
    except ValueError:
        return line.split()


def parse_line(registry: Registry, line: str) -> tuple[Command, dict[str, str]]:
    words = tokenize(line.strip())
    if not words:
        raise UserError(_("Type **help** to see what I can do."))
    cmd, rest = registry.find_typed(words)
    if cmd is None:  # "checkin" alone, "checkin stat", "dance": help answers, knowing who asks (and whether
        # they may see moderator commands: one refusal for all else, so a member can't tell which words are those)
        return registry.commands["help"], {"command": " ".join(words[:3])}
    try:
        return cmd, bind(cmd, rest)
    except UserError as err:  # a typed line is gone once sent: a command that takes words gives them back
        if any(o.kind == "text" or o.rest for o in cmd.options):
            err.body = given_back(err.reply(), [" ".join(rest)]).body
            err.args = (err.body.plain(),)
        raise


def bind(cmd: Command, words: list[str]) -> dict[str, str]:
    """Give each word to its option: named ones by key, the others in order."""
    names = {o.name for o in cmd.options}
    args: dict[str, str] = {}
    positional: list[str] = []
    for word in words:
        key, sep, value = word.partition("=")
        if sep and key in names and key not in args:
            args[key] = value
        else:
            positional.append(word)
    slots = [o for o in cmd.options if o.name not in args and o.kind != "file"  # files are uploads, not words
             and (o.required or o.rest or not _named_only(cmd, o.name))]
    for i, opt in enumerate(slots):
        if not positional:
            break
        if opt.rest or i == len(slots) - 1:
            args[opt.name] = " ".join(positional)
            positional = []
            break
        if not opt.required and opt.choices and not _is_choice(opt, positional[0]):
            if not _free_text_follows(slots[i + 1:]):
                args[opt.name] = positional.pop(0)  # no other place for it: the choice check refuses it by name
                continue
            if opt.looks_like_a_choice(positional[0]):  # "public oops", "sharde hi", "6 great": never words
                raise not_a_choice(opt, positional[0], before_words=True)
            continue  # "checkin answer 4 Slept well": "Slept" is no visibility
        args[opt.name] = positional.pop(0)
    if positional:
        raise UserError(_("I didn't understand “{typed}” for **{command}**. Usage: `{usage}`"), typed=" ".join(positional),
                        command=hearth_text(cmd.name), usage=hearth_text(cmd.usage()))
    return args


def _free_text_follows(slots: list[Option]) -> bool:
    """Whether a later option takes free words, so a word that is no choice may be the start of them."""
    return any(o.kind == "text" or o.rest for o in slots)


def _is_choice(opt: Option, word: str) -> bool:
    return word.lower() in {c.value.lower() for c in opt.choices}


def _named_only(cmd: Command, name: str) -> bool:
    """Optional options after the `rest` one can only be given as key=value."""
    seen_rest = False
    for o in cmd.options:
        if o.name == name:
            return seen_rest
        seen_rest = seen_rest or o.rest
    return False
