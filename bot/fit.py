"""Text cut to a platform's limit the one way: whole characters as people see them, at a word where one is near.

Every field a platform caps (a button's label, a menu option, a modal's title, a command's description, an
autocomplete suggestion) is cut here when the text is longer, whether it is Hearth's words in a long language or
someone's own (a check-in's name, a prompt, a display name). A plain `text[:n]` cuts inside a word, and inside what
reads as one character but is several code points: a family emoji (joined by zero-width joiners), a flag (two
regional indicators), a skin tone, a keycap, an accented letter written as a letter and its accent. What is left
of one of those shows as a different emoji, half a flag or a stray mark. `fit` cuts between such characters only,
at the last space when that keeps most of the room, and ends with "…".

The boundaries are Unicode's extended grapheme clusters (UAX #29) as far as they matter here: marks, joiners,
variation selectors, emoji modifiers and tags stay with what they follow, and regional indicators in pairs.
"""

from __future__ import annotations

import unicodedata

ELLIPSIS = "…"
ZWJ = "\u200d"
#: How far back a cut looks for a boundary; past that (a letter under hundreds of stacked marks) it cuts there.
_FURTHEST = 32
#: What a cut text doesn't end on before its "…": spaces, and a comma or dash that led to what was cut.
_TRAILING = " \t\r\n\u00a0\u202f,;:·—–"


def _extends(c: str) -> bool:
    """Whether `c` belongs with the character before it (never starts a character as people see it)."""
    o = ord(c)
    return (c == ZWJ or unicodedata.category(c) in ("Mn", "Me", "Mc")
            or 0xFE00 <= o <= 0xFE0F or 0xE0100 <= o <= 0xE01EF  # variation selectors
            or 0x1F3FB <= o <= 0x1F3FF  # skin tones
            or 0xE0020 <= o <= 0xE007F  # tags (a subdivision's flag)
            or 0x1160 <= o <= 0x11FF or 0xD7B0 <= o <= 0xD7FF)  # a Hangul syllable's vowel and final jamo


def _regional(c: str) -> bool:
    return 0x1F1E6 <= ord(c) <= 0x1F1FF


def is_boundary(text: str, at: int) -> bool:
    """Whether `text` may be cut before index `at` without splitting a character as people see it."""
    if at <= 0 or at >= len(text):
        return True
    before, after = text[at - 1], text[at]
    if (before, after) == ("\r", "\n") or _extends(after) or before == ZWJ:
        return False
    if _regional(before) and _regional(after):
        run = 0
        while at - 1 - run >= 0 and _regional(text[at - 1 - run]):
            run += 1
        return run % 2 == 0  # (a flag is a pair: cut after the second of one, never inside)
    return True


def boundary(text: str, at: int) -> int:
    """The nearest index at or before `at` where `text` may be cut (`is_boundary`); `at` itself when none is near."""
    at = max(0, min(at, len(text)))
    for back in range(min(at, _FURTHEST) + 1):
        if is_boundary(text, at - back):
            return at - back
    return at


def fit(text: str, limit: int) -> str:
    """`text` if it has at most `limit` characters (code points, as the platforms count them); else as much of it as
    fits with "…", cut between whole characters, and at a space when that keeps at least two thirds of the room."""
    if len(text) <= limit:
        return text
    if limit < 2:
        return ELLIPSIS[:limit]
    room = limit - len(ELLIPSIS)
    cut = boundary(text, room)
    space = max(text.rfind(" ", 0, cut + 1), text.rfind("\n", 0, cut + 1), text.rfind("\u00a0", 0, cut + 1))
    if space >= room * 2 // 3 and text[:space].strip() and is_boundary(text, space):
        cut = space
    head = text[:cut].rstrip(_TRAILING)
    if not head:  # (one character longer than the room: nothing whole fits, so it is cut where the room ends)
        head = text[:room]
    return head + ELLIPSIS
