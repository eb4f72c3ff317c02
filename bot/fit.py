"""Text cut to a platform's limit the one way: whole characters as people see them, at a word where one is near.

Every field a platform caps (a button's label, a menu option, a modal's title, a command's description, an
autocomplete suggestion) is cut here when the text is longer, whether it is Hearth's words in a long language or
someone's own (a check-in's name, a prompt, a display name). A plain `text[:n]` cuts inside a word, and inside what
reads as one character but is several code points: a family emoji (joined by zero-width joiners), a flag (two
regional indicators), a skin tone, a keycap, an accented letter written as a letter and its accent. What is left
of one of those shows as a different emoji, half a flag or a stray mark. `fit` cuts between such characters only,
at the last space when that keeps most of the room, and ends with "…".

The boundaries are Unicode's extended grapheme clusters (UAX #29), as the `regex` package's `\X` finds them (kept
up to date with Unicode by its maintainer; a hand-written table missed Indic conjuncts and newer emoji sequences).
"""

from __future__ import annotations

import regex

ELLIPSIS = "…"
#: How far back a cut looks for a boundary; past that (a letter under hundreds of stacked marks) it cuts there.
_FURTHEST = 32
#: What a cut text doesn't end on before its "…": spaces, and a comma or dash that led to what was cut.
_TRAILING = " \t\r\n\u00a0\u202f,;:·—–"
_CLUSTER = regex.compile(r"\X", regex.DOTALL)


def _cluster_start(text: str, at: int) -> int:
    """Where the character as people see it that holds index `at` starts (`at` itself when one starts there)."""
    for m in _CLUSTER.finditer(text):
        if m.end() > at:
            return m.start()
    return len(text)


def is_boundary(text: str, at: int) -> bool:
    """Whether `text` may be cut before index `at` without splitting a character as people see it."""
    if at <= 0 or at >= len(text):
        return True
    return _cluster_start(text, at) == at


def boundary(text: str, at: int) -> int:
    """The nearest index at or before `at` where `text` may be cut (`is_boundary`); `at` itself when none is near."""
    at = max(0, min(at, len(text)))
    if at in (0, len(text)):
        return at
    start = _cluster_start(text, at)
    return start if at - start <= _FURTHEST else at


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
