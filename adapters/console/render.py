"""Replies as terminal text: Hearth's markup as bold, user text exactly as typed."""

from __future__ import annotations

import re

from bot.i18n import _, ngettext
from bot.events import Button, ChannelRef, PersonRef, Reply, Rich, UserText, When

BOLD, ITALIC, RESET = "\033[1m", "\033[3m", "\033[0m"
_MARK = re.compile(r"(`|\*\*|(?<![\w])_(?=\S)|(?<=\S)_(?![\w]))")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x1b]")


def render_rich(text: Rich, color: bool) -> str:
    """Hearth's `**`, `_` and backticks become styles (or nothing), never shown as characters; user text is shown
    exactly as typed, its own `_` and `**` included, and never toggles a style.

    A marker is told by its neighbours, which may be in the next part: in "_{}_" around someone's words the
    opening `_` is the end of one Hearth part and the closing one the start of another. So the parts are
    read as one line, and a marker counts only where every character of it is Hearth's own."""
    pieces: list[tuple[str, bool]] = [(_shown(part), isinstance(part, str)) for part in text.parts]
    line = "".join(piece for piece, _own in pieces)
    own = bytearray()
    for piece, is_own in pieces:
        own.extend(b"\x01" * len(piece) if is_own else b"\x00" * len(piece))
    out: list[str] = []
    state = {"**": False, "_": False}
    at = 0
    for m in _MARK.finditer(line):
        if not all(own[m.start():m.end()]):
            continue  # (in someone's words: theirs, as typed)
        out.append(line[at:m.start()])
        at = m.end()
        token = m.group()
        if token == "`":
            continue
        state[token] = not state[token]
        if color:
            out.append(RESET + (BOLD if state["**"] else "") + (ITALIC if state["_"] else ""))
    out.append(line[at:])
    if color and any(state.values()):
        out.append(RESET)
    return "".join(out)


def _shown(part: object) -> str:
    """A part as the terminal shows it: user text and names without control characters (no escape codes
    smuggled into a terminal), a channel as #name, a time in its zone, named (the terminal has no time markup)."""
    if isinstance(part, UserText):
        return _CONTROL.sub("", part.text)
    if isinstance(part, ChannelRef):
        return f"#{_CONTROL.sub('', part.short)}"
    if isinstance(part, When):
        return part.text()
    if isinstance(part, PersonRef):  # the name as typed ("ann"), not the id ("console:ann")
        return _CONTROL.sub("", part.text())
    return str(part)


def shown_plain(text: str) -> str:
    """Plain words (a button's label, a title, a choice, a form's default), which may carry what someone typed
    (a check-in's name): without control characters, as user text is (`_shown`)."""
    return _CONTROL.sub("", text)


def render_buttons(buttons: tuple[Button, ...]) -> str:
    return "  ".join(f"[{i}] {shown_plain(b.label)}" for i, b in enumerate(buttons, 1))


def render_reply(reply: Reply, color: bool, indent: str = "  ") -> str:
    lines = []
    if reply.title:
        lines.append(shown_plain(reply.title))
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
