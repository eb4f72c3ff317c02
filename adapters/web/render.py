"""Replies as HTML: Hearth's markup (**bold**, _italic_, `code`, ``` blocks) as tags, user text escaped."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from bot.events import ChannelRef, PersonRef, Rich, UserText, When

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

    for part in body.parts:
        if isinstance(part, UserText):
            text(part.text)
        elif isinstance(part, ChannelRef):
            text(f"#{part.short}")
        elif isinstance(part, (When, PersonRef)):
            text(part.text())
        else:
            for token in _MARK.split(part):
                if not token:
                    continue
                if token.startswith("```"):
                    for m in reversed(open_):
                        out.append(f"</{_TAGS[m]}>")
                    open_.clear()
                    pre = not pre
                    out.append("<pre>" if pre else "</pre>")
                elif token in _TAGS and not pre:
                    toggle(token)
                else:
                    text(token)
    for m in reversed(open_):
        out.append(f"</{_TAGS[m]}>")
    if pre:
        out.append("</pre>")
    return Markup("".join(out))


def plain(text: Rich) -> str:
    return text.plain()
