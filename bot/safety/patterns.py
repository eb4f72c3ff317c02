"""A tiny phrase language, compiled once to regular expressions.

Writing raw regexes for a phrase list invites mistakes nobody can review. A
phrase is instead a row of words, with a few marks that cover how people
actually phrase the same thing:

    word        one word (canonicalised like the text: case, doubles, aliases)
    word*       any word starting with `word`          suicid*
    (a|b c|d)   one of several alternatives            (want|need) to die
    (…)?  x?    optional group or word                 (really)? want to die
    ...         up to three other words, same clause   want ... to die
    $           the clause ends here                   dont want to live $
    ^           the clause starts here
    #           one clause ends and the next begins    dont want to die # but i think about it

Matches never cross a clause boundary (sentence end, comma, "but") except at a `#`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.errors import HearthError
from bot.safety.normalise import CLAUSE

_WORD = re.compile(r"[a-z0-9]+\*?|[^\sa-z0-9()|?*.$^]")
_GAP = rf"(?: [^ {CLAUSE}]+){{0,3}}"


class PatternError(HearthError, ValueError):
    """A phrase does not parse; the message says where."""


def compile_phrase(phrase: str, canon_word: Callable[[str, bool], list[str]],
                   gap_stops: frozenset[str] = frozenset()) -> str:
    """Compile one phrase to a regex source matching canonical text (see `Normaliser.canonical`). `gap_stops`:
    words a `...` never passes over, the language's negation cues: the negation check reads only what comes
    before a match, so "ich will mich ... umbringen" must not take in the "nicht" of "ich will mich nicht
    umbringen"."""
    gap = _GAP if not gap_stops else \
        rf"(?: (?!(?:{'|'.join(re.escape(w) for w in sorted(gap_stops))})(?= |$))[^ {CLAUSE}]+){{0,3}}"
    tokens = re.findall(r"\.\.\.|[()|?$^]|[^\s()|?$^]+", phrase.casefold())
    pos = 0

    def seq() -> str:
        nonlocal pos
        out: list[str] = []
        while pos < len(tokens) and tokens[pos] not in (")", "|"):
            atom = item()
            out.append(atom)
        return "".join(out)

    def item() -> str:
        nonlocal pos
        tok = tokens[pos]
        pos += 1
        if tok == "(":
            alts = [seq()]
            while pos < len(tokens) and tokens[pos] == "|":
                pos += 1
                alts.append(seq())
            if pos >= len(tokens) or tokens[pos] != ")":
                raise PatternError(f"unclosed “(” in {phrase!r}")
            pos += 1
            if not all(alts):
                raise PatternError(f"empty alternative in {phrase!r}")
            atom = "(?:" + "|".join(alts) + ")"
        elif tok == "...":
            return gap
        elif tok == "$":
            return rf"(?= {CLAUSE} )"
        elif tok == "^":
            return rf"(?<= {CLAUSE})"
        elif tok == CLAUSE:
            atom = " " + re.escape(CLAUSE)
        elif tok in (")", "|", "?"):
            raise PatternError(f"unexpected “{tok}” in {phrase!r}")
        else:
            atom = word(tok)
        if pos < len(tokens) and tokens[pos] == "?":
            pos += 1
            atom = f"(?:{atom})?"
        return atom

    def word(tok: str) -> str:
        prefix = tok.endswith("*")
        words = canon_word(tok.rstrip("*"), prefix)
        if not words or not all(_WORD.fullmatch(w) for w in words):
            raise PatternError(f"“{tok}” is not a word in {phrase!r}")
        body = "".join(" " + re.escape(w) for w in words)
        return body + (rf"[^ {CLAUSE}]*" if prefix else "")

    body = seq()
    if pos != len(tokens):
        raise PatternError(f"unbalanced “{tokens[pos]}” in {phrase!r}")
    if not body:
        raise PatternError("empty phrase")
    return body + "(?= )"
