"""Hearth's words into Discord message text: markup kept, people's words made inert.

Hearth's own text already uses Discord markdown (**bold**, _italic_). Text a
person typed is escaped so it shows literally and can't ping anyone, fake a
link or break the layout; `allowed_mentions=none` on every send is the second
lock on the same door.
"""

from __future__ import annotations

import re

from bot.events import ChannelRef, Part, PersonRef, Reply, Rich, UserText, When
from bot.fit import boundary
from bot.i18n import N_, _

#: Discord's limit for one message's content.
MESSAGE_LIMIT = 2000
ZWSP = "\u200b"
CUT_NOTE = N_("_(shortened to fit Discord's 2000-character limit)_")

_MARKDOWN = re.compile(r"([\\*_~|`\[\]>])")
#: What Discord formats at the start of a line, and so of a message: a heading ("#" to "###"), subtext ("-#"), a
#: list item ("- ", "+ ", "* ", "1. ", "1) ") or a quote ("> "). The one rule for both places where such a start
#: can appear in text Hearth didn't mean to format: a line of someone's words (`escape_user_text`), and a message
#: that begins in the middle of a line where a long text was cut (`chunks`). Marks are escaped whether or not a
#: space follows (a backslash before punctuation doesn't show); a number's escape goes before its "." or ")".
_LINE_START = re.compile(r"^([^\S\n]*)(?:(\d+)(?=[.)])|([#\-+*>]))", re.MULTILINE)
_EVERYONE = re.compile(r"@(everyone|here)", re.IGNORECASE)
# <@id>, <@!id>, <@&role>, <#channel>, </slash:id>, <:emoji:id>, <a:emoji:id>, <t:…>, <id:…>; a `<`
# ending a run of user text could start one with whatever text comes next, so it is broken too.
_ANGLE = re.compile(r"<(?=[@#/:]|a:|t:|id:|\Z)")


def escape_user_text(text: str) -> str:
    """Show a person's words exactly as typed: no markdown, mentions or masked links."""
    text = _MARKDOWN.sub(r"\\\1", text)
    text = _LINE_START.sub(_escaped_start, text)
    text = _EVERYONE.sub(lambda m: "@" + ZWSP + m.group(1), text)
    return _ANGLE.sub("<" + ZWSP, text)


def _escaped_start(m: "re.Match[str]") -> str:
    space, number, mark = m.groups()
    return space + (number + "\\" if number is not None else "\\" + mark)


def escape_line_start(text: str) -> str:
    """`text` with what Discord would format at its very start (`_LINE_START`) shown as typed instead."""
    return _LINE_START.sub(_escaped_start, text, count=1) if _LINE_START.match(text) else text


def markdown(body: Rich, compact: bool = False) -> str:
    """One Rich as Discord markdown.

    `@everyone` is broken again over the whole text: two runs of user text
    side by side ("@every" + "one") must not make one between them. `compact`: someone's words that start a line
    as a code block where that is shorter than escaping them (`code_block`), for a text that must be one message
    (`one_message`); words within a line (a name in "**{}**") stay escaped, as a block would break the line.
    """
    out: list[str] = []
    for i, p in enumerate(body.parts):
        shown = _part(p)
        if compact and isinstance(p, UserText) and (not out or out[-1].endswith("\n")) \
                and len(block := code_block(p.text)) < len(shown):
            later = "".join(_part(q) for q in body.parts[i + 1:])  # (a block closes on a line of its own)
            shown = block + ("\n" if later and not later.startswith("\n") else "")
        out.append(shown)
    return _EVERYONE.sub(lambda m: "@" + ZWSP + m.group(1), "".join(out))


#: Three backticks, which would close a code block early.
_FENCE = re.compile(r"``(?=`)")


def code_block(text: str) -> str:
    """Someone's words as a code block: Discord shows what is in one exactly as typed (no markdown, link, heading
    or list; a mention not drawn), so nothing needs a backslash. That costs 8 characters however many marks the
    words hold, where escaping costs one each: a 1000-character answer of `*` escaped is 2000, too long for one
    message with its name; as a code block, 1008. Only three backticks in a row need breaking (a zero-width space
    after the second, which would close the block), and a ping or `<` mark is broken as everywhere."""
    text = _FENCE.sub("``" + ZWSP, text)
    text = _EVERYONE.sub(lambda m: "@" + ZWSP + m.group(1), text)
    return "```\n" + _ANGLE.sub("<" + ZWSP, text) + "\n```"


def _part(p: Part) -> str:
    if isinstance(p, UserText):
        return escape_user_text(p.text)
    if isinstance(p, ChannelRef):
        return f"<#{p.short}>" if p.short.isdigit() else escape_user_text(f"#{p.short}")
    if isinstance(p, When):
        return time_markup(p)
    if isinstance(p, PersonRef):
        return person_link(p)
    return p


def person_link(person: PersonRef) -> str:
    """Discord shows `<@id>` as the person's name (and `<@&id>` as the role's); every send has
    `allowed_mentions=none`, so nobody is pinged."""
    if person.subject.startswith("discord:") and person.short.isdigit():
        return f"<@{person.short}>"
    if person.is_role and person.short.isdigit():
        return f"<@&{person.short}>"
    return escape_user_text(person.text())


def time_markup(when: When) -> str:
    """A channel post's time in Discord's own markup, which every reader sees in their own time; a private
    message's in the member's zone, named."""
    if when.personal:
        return escape_user_text(when.text())  # (a zone name such as America/New_York is not markup)
    return f"<t:{when.unix}:{'t' if when.style == 'time' else 'f'}>"


def reply_text(reply: Reply, compact: bool = False) -> str:
    """The title (plain words, which may carry someone's: shown literally, in bold) over the body (`compact`: as
    `markdown` says)."""
    text = markdown(reply.body, compact)
    if reply.title:
        title = f"**{escape_user_text(reply.title)}**"
        text = f"{title}\n{text}" if text else title
    return text


def fit(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """One message's worth: cut clearly (never silently) when too long."""
    if len(text) <= limit:
        return text
    note = "\n… " + _(CUT_NOTE)
    return text[: boundary(text, limit - len(note))].rstrip() + note


def fits_one(reply: Reply, limit: int = MESSAGE_LIMIT) -> bool:
    """Whether `one_message` holds the whole reply (else it cuts it)."""
    return len(reply_text(reply)) <= limit or len(reply_text(reply, compact=True)) <= limit


def one_message(reply: Reply, limit: int = MESSAGE_LIMIT) -> str:
    """A reply that must be one message (a post, a DM, an edit: the outbox keeps one message's id for each, which is
    what later edits and takes down), its escapes counted. Someone's words that escaping makes too long (a
    1000-character answer of `*`, `_`, `~`, `|` or backticks doubles) are shown whole as a code block instead
    (`markdown`'s `compact`); only words that don't fit even so are cut, clearly (`fit`): no answer is that long
    (`bot.flows.checkins.MAX_ANSWER_CHARS`, a name and a mood take the rest)."""
    text = reply_text(reply)
    if len(text) > limit:
        text = reply_text(reply, compact=True)
    return fit(text, limit)


def chunks(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Split long text into messages at line breaks (or spaces), each within the limit. A message cut in the middle
    of a line starts with what the line held there, which Discord would format at a message's start ("I'm # 1" cut
    before "#" would post "# 1" as a heading; a line of "- - - -" cut anywhere would start a list): that start is
    escaped (`escape_line_start`, the same rule as a line of someone's words). A line's own start is left as it is:
    Hearth's markup there is meant, and someone's words there were escaped already (`escape_user_text`)."""
    out: list[str] = []
    rest = text
    while len(rest) > limit:
        cut = rest.rfind("\n", 0, limit)
        at_line = cut >= limit // 2
        if not at_line:
            cut = rest.rfind(" ", 0, limit)
        if cut < limit // 2:
            cut = boundary(rest, limit) or limit
        trailing = len(rest[:cut]) - len(rest[:cut].rstrip("\\"))
        if trailing % 2:  # don't split an escape from the character it escapes
            cut -= 1
        out.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip("\n")
        if not at_line:
            rest = escape_line_start(rest)
    out.append(rest)
    return [c for c in out if c] or [""]


def message_parts(reply: Reply) -> list[str]:
    """A reply's text as one or more messages, none of them blank (Discord refuses an empty message)."""
    return [part for part in chunks(reply_text(reply)) if part.strip()] or [ZWSP]
