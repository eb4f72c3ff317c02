"""Replies as HTML: Hearth's markup (**bold**, _italic_, `code`, ``` blocks) as tags, user text escaped."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from bot.events import Rich, shown_text

_MARK = re.compile(r"(```\n?|`|\*\*|(?<![\w])_(?=\S)|(?<=\S)_(?![\w]))")
_TAGS = {"**": "strong", "_": "em", "`": "code"}


def rich_html(body: Rich) -> Markup:
    """Well-formed HTML: a style opened in Hearth's text may span user text, and is closed by the end."""
    out: list[str] = []
    open_: list[str] = []  # marks, in the order their tags were opened
    pre = False

    def toggle(mark: str) -> None:
        if mark in open_:
            i = open_.index(mark)
            for m in reversed(open_[i:]):
                out.append(f"</{_TAGS[m]}>")
            rest = open_[i + 1:]
            del open_[i:]
            for m in rest:
                out.append(f"<{_TAGS[m]}>")
                open_.append(m)
        else:
            out.append(f"<{_TAGS[mark]}>")
            open_.append(mark)

    def text(s: str) -> None:
        out.append(str(escape(s)) if pre else str(escape(s)).replace("\n", "<br>\n"))

    # A mark is told by its neighbours, which may be in the next part ("_{}_" around someone's words): the parts
    # are read as one line, and a mark counts only where every character of it is Hearth's own.
    pieces = [(shown_text(part), isinstance(part, str)) for part in body.parts]
    line = "".join(piece for piece, _own in pieces)
    own = bytearray()
    for piece, is_own in pieces:
        own.extend((b"\x01" if is_own else b"\x00") * len(piece))
    at = 0
    for m in _MARK.finditer(line):
        token = m.group()
        if not all(own[m.start():m.end()]) or (token in _TAGS and pre):
            continue
        if m.start() > at:
            text(line[at:m.start()])
        at = m.end()
        if token.startswith("```"):
            for mark in reversed(open_):
                out.append(f"</{_TAGS[mark]}>")
            open_.clear()
            pre = not pre
            out.append("<pre>" if pre else "</pre>")
        else:
            toggle(token)
    if at < len(line):
        text(line[at:])
    for m in reversed(open_):
        out.append(f"</{_TAGS[m]}>")
    if pre:
        out.append("</pre>")
    return Markup("".join(out))




def plain(text: Rich) -> str:
    return text.plain()
