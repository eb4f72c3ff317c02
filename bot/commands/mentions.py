"""Mentions in what people write: the one rule, for every platform.

"I fought with @Bobby again" typed in a check-in answer or a note is the person's own words, and keeps the
person they named: as "@Bobby", the name the platform gives, never deleted and never a raw id ("<@123>",
"UBOB"). Only the leading address to Hearth itself ("@Hearth checkin status") is dropped: it is how the words
reached Hearth, not part of them. An option that names a member (`mod moderators add @sam`, `kind="user"`)
still reads as that member's id.

Adapters translate: each turns its platform's mention marks into a neutral mark (`marked`: a private-use
character around the platform's id, something no one types), with a names map (id → the name the platform
gives). The core decides (`addressed`, `mentions_read`, `options_read`, used by `parse.parse_line`). A name is
only ever text here: shown as user text, it pings nobody (`bot.events.UserText`, and every adapter's sending
with pings off).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable, Collection, Mapping

from bot.i18n import N_, _

if TYPE_CHECKING:
    from bot.commands.registry import Command, Option

#: Around a mention's platform id in neutral text: Unicode private-use characters (not "unseen": a name's rule,
#: `visible`, and a line's trim keep them), which only an adapter puts there (`marked` takes any typed away).
OPEN, CLOSE = "\ue000", "\ue001"
_MARK = re.compile(f"{OPEN}([^{OPEN}{CLOSE}\\s]+){CLOSE}")
_STRAY = re.compile(f"[{OPEN}{CLOSE}]")
#: Before a member option's value that was typed as words, not a mention (`member_read`): "mod moderators add sam"
#: on Slack or Discord names nobody's id, so it must name a member Hearth has met (`bot.flows.common.member_ref`);
#: in the terminal a typed name is the id. Only the core puts it there (a private-use character no one types).
TYPED = "\ue002"
#: Who a mention names when the platform gives no name for them.
# TRANSLATORS: put in someone's own words where they named a person whose name can't be known; keep the "@".
SOMEONE = N_("@someone")
#: Before a channel's id in a neutral mark (`mark("#C123")`): a channel named in someone's words ("loved #random")
#: reads as "#random", the name the platform gives, never its id; a channel option reads as the channel.
CHANNEL = "#"
#: The most distinct people one message's mentions are looked up for (Slack's `users.info`); the rest: "@someone".
MAX_LOOKUPS = 10


def mark(ref: str) -> str:
    """One mention in neutral text: `ref` is the platform's id for them ("U123", "123", "role:45")."""
    return f"{OPEN}{ref}{CLOSE}"


def marked(text: str, pattern: "re.Pattern[str]", ref: Callable[["re.Match[str]"], str | None]) -> str:
    """A platform's text with each of its mention marks (`pattern`) as a neutral mark (`ref`: the match's id, or
    None to leave it as written). What looks like a neutral mark in what was typed is taken away first: only the
    adapter makes them."""
    text = _STRAY.sub("", text)

    def one(m: "re.Match[str]") -> str:
        found = ref(m)
        return m.group(0) if found is None else mark(found)

    return pattern.sub(one, text)


def refs(text: str) -> list[str]:
    """The ids of the people (and roles) a neutral text mentions, each once, in order (not its channels')."""
    return [ref for ref in dict.fromkeys(_MARK.findall(text)) if not ref.startswith(CHANNEL)]


def starts_with_channel(word: str) -> bool:
    """Whether a word of a neutral text is a channel's mention (`CHANNEL`)."""
    return word.startswith(OPEN + CHANNEL)


def addressed(text: str, own: Collection[str]) -> str:
    """The words written to Hearth, without the leading address to it (`own`: Hearth's ids here, its user's and
    its role's): "@Hearth checkin status" is "checkin status". Hearth named anywhere else stays, as named."""
    words = text.lstrip()
    while (m := _MARK.match(words)) and m.group(1) in own:
        words = words[m.end():].lstrip()
    return words


def mentions_read(text: str, names: Mapping[str, str]) -> str:
    """Free text with every mention as "@Name" (`names`: id → the name the platform gives), "@someone" (in the
    language being spoken) for one it gives no name for: readable, and only ever text."""
    if OPEN not in text:
        return text

    def one(m: "re.Match[str]") -> str:
        if m.group(1).startswith(CHANNEL):  # (a channel: by its name, or its id where the platform gives none)
            return CHANNEL + (" ".join((names.get(m.group(1)) or "").split()).lstrip(CHANNEL) or m.group(1)[1:])
        name = " ".join((names.get(m.group(1)) or "").split()).lstrip("@")
        return f"@{name}" if name else _(SOMEONE)

    return _STRAY.sub("", _MARK.sub(one, text))


def member_read(value: str) -> str:
    """A value that names a member (`kind="user"`) or a channel: a mention is its id, as the platform gives it."""
    if OPEN not in value:
        return value
    return _STRAY.sub("", _MARK.sub(lambda m: m.group(1), value))


def person_read(value: str) -> str:
    """A value that names a member (`kind="user"`), typed in a line: a mention is that member's id (`member_read`);
    an id with its platform or "role:" before it stays as it is; anything else was typed as words, and says so
    (`TYPED`), so that no one's id is made up from it (an outside trial: `mod moderators add sam` on Slack said
    "Added sam as a moderator" of an id no one has, and Sam was none)."""
    value = value.replace(TYPED, "")
    if OPEN in value or ":" in value or not value.strip():
        return member_read(value)
    return TYPED + value


def options_read(cmd: "Command", args: Mapping[str, str], names: Mapping[str, str]) -> dict[str, str]:
    """A command's options with their mentions read: an option naming a member gets the id (`member_read`), one
    naming a channel "#" and the channel's id; someone's own words and a name they give, "@Name" and "#channel"
    (`mentions_read`); any other value (a setting's, which may be a channel) a channel as "#" and its id."""
    def read(opt: "Option | None", value: str) -> str:
        if opt is not None and opt.kind == "user":
            return person_read(value)
        if opt is not None and opt.kind == "channel":
            return member_read(value)
        if opt is None or opt.kind == "text" or opt.label:
            return mentions_read(value, names)
        return mentions_read(_MARK.sub(lambda m: m.group(1) if m.group(1).startswith(CHANNEL) else m.group(0), value),
                             names)

    options = {o.name: o for o in cmd.options}
    return {k: read(options.get(k), v) for k, v in args.items()}
