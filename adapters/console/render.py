"""Replies as terminal text: Hearth's markup as bold, user text exactly as typed."""

from __future__ import annotations

import re

from bot.i18n import _, ngettext
from bot.events import Button, ChannelRef, PersonRef, Reply, Rich, UserText, When

BOLD, ITALIC, RESET = "\033[1m", "\033[3m", "\033[0m"
_MARK = re.compile(r"(`|\*\*|(?<![\w])_(?=\S)|(?<=\S)_(?![\w]))")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x1b]")


def render_rich(text: Rich, color: bool) -> str:
    """Hearth's `**` and `_` toggle styles even across user text, which is shown as typed."""
    out: list[str] = []
    state = {"**": False, "_": False}
    for part in text.parts:
        if isinstance(part, UserText):
            out.append(_CONTROL.sub("", part.text))  # no escape codes smuggled into a terminal
            continue
        if isinstance(part, ChannelRef):
            out.append(f"#{_CONTROL.sub('', part.short)}")
            continue
        if isinstance(part, When):  # the terminal has no time markup: the time in its zone, named
            out.append(part.text())
            continue
        if isinstance(part, PersonRef):  # the name as typed ("ann"), not the id ("console:ann")
            out.append(_CONTROL.sub("", part.text()))
            continue
        for token in _MARK.split(part):
            if token == "`":
                continue
            if token in state:
                state[token] = not state[token]
                if color:
                    out.append(RESET + (BOLD if state["**"] else "") + (ITALIC if state["_"] else ""))
            else:
                out.append(token)
    if color and any(state.values()):
        out.append(RESET)
    return "".join(out)


def render_buttons(buttons: tuple[Button, ...]) -> str:
    return "  ".join(f"[{i}] {b.label}" for i, b in enumerate(buttons, 1))


def render_reply(reply: Reply, color: bool, indent: str = "  ") -> str:
    lines = []
    if reply.title:
        lines.append(reply.title)
    body = render_rich(reply.body, color)
    if body:
        lines.append(body)
    if reply.buttons:
        lines.append(render_buttons(reply.buttons) + "   " + _("(type: press N)"))
    if reply.attachment:
        size = len(reply.attachment.content)
        lines.append("[" + ngettext("file: {name}, {size} byte", "file: {name}, {size} bytes", size).format(
            name=reply.attachment.filename, size=size) + "]")
    return "\n".join(indent + line for chunk in lines for line in chunk.splitlines() or [""])
