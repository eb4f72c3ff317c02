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

_WORD = re.compile(r"[^\W_]+\*?|[^\s\w()|?*.$^]")
"""A canonical word: letters and digits of any alphabet (`normalise._TOKEN`), or one other character."""
_GAP = rf"(?: [^ {CLAUSE}]+){{0,3}}"
_PHRASE_TOKEN = re.compile(r"\.\.\.|[()|?$^]|[^\s()|?$^]+")


class PatternError(HearthError, ValueError):
    """A phrase does not parse; the message says where."""


def compile_phrase(phrase: str, canon_word: Callable[[str, bool], list[str]],
                   gap_stops: frozenset[str] = frozenset(), atoms: dict[str, str] | None = None) -> str:
    """Compile one phrase to a regex source matching canonical text (see `Normaliser.canonical`). `gap_stops`:
    words a `...` never passes over, the language's negation cues: the negation check reads only what comes
    before a match, so "ich will mich ... umbringen" must not take in the "nicht" of "ich will mich nicht
    umbringen". `atoms`: each word's regex, remembered across the phrases of one file (the same `canon_word`
    for every call given the same dict), since a file's phrases say the same words again and again."""
    gap = _GAP if not gap_stops else \
        rf"(?: (?!(?:{'|'.join(re.escape(w) for w in sorted(gap_stops))})(?= |$))[^ {CLAUSE}]+){{0,3}}"
    tokens = _PHRASE_TOKEN.findall(phrase.casefold())
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
        if atoms is not None and (known := atoms.get(tok)) is not None:
            return known
        prefix = tok.endswith("*")
        words = canon_word(tok.rstrip("*"), prefix)
        if not words or not all(_WORD.fullmatch(w) for w in words):
            raise PatternError(f"“{tok}” is not a word in {phrase!r}")
        body = "".join(" " + re.escape(w) for w in words) + (rf"[^ {CLAUSE}]*" if prefix else "")
        if atoms is not None:
            atoms[tok] = body
        return body

    body = seq()
    if pos != len(tokens):
        raise PatternError(f"unbalanced “{tokens[pos]}” in {phrase!r}")
    if not body:
        raise PatternError("empty phrase")
    return body + "(?= )"


def required_words(phrase: str, canon_word: Callable[[str, bool], list[str]],
                   ) -> tuple[frozenset[str], frozenset[str]] | None:
    """Words of which a text's canonical form must hold one for `compile_phrase(phrase)` to match anywhere in it:
    (whole tokens, prefixes a token starts with), or None where the phrase may match without any (all of it
    optional). One item every match must take is chosen (a word, or a group: one of its alternatives' words),
    the one with the fewest words. The screen reads a group's regex only where this allows a match
    (`PhraseRules.check`), so it is always a consequence of the regex, never a guess: each word of
    `compile_phrase` is a space, the word's tokens, and then a space (or, with `*`, more of the token)."""
    def seq(tokens: list[str]) -> tuple[frozenset[str], frozenset[str]] | None:
        choices = [got for atom in _atoms(tokens) if (got := item(atom)) is not None]
        return min(choices, key=_rarity, default=None)

    def item(atom: list[str]) -> tuple[frozenset[str], frozenset[str]] | None:
        alts = _alternatives(atom)
        if alts is None:
            return None  # (`...`, `$`, `^`, or optional)
        if atom[0] != "(":
            tok = atom[0]
            if tok == CLAUSE:
                return None
            prefix = tok.endswith("*")
            words = canon_word(tok.rstrip("*"), prefix)
            if not words:
                return None
            # (the first of a word's tokens is whole, unless it is the only one and `*` lets the token go on)
            return (frozenset(), frozenset(words[:1])) if prefix and len(words) == 1 else \
                (frozenset(words[:1]), frozenset())
        whole: set[str] = set()
        starts: set[str] = set()
        for alt in alts:
            if (got := seq(alt)) is None:
                return None  # (an alternative that needs no word)
            whole |= got[0]
            starts |= got[1]
        return frozenset(whole), frozenset(starts)

    return seq(_PHRASE_TOKEN.findall(phrase.casefold()))


def _rarity(words: tuple[frozenset[str], frozenset[str]]) -> tuple[int, int]:
    """How often a choice of `required_words` is likely met, lower is rarer: fewer words, then longer ones ("my"
    and "of" are in many a message, "suicidal" in few)."""
    return len(words[0]) + len(words[1]), -min(map(len, words[0] | words[1]))


def _atoms(tokens: list[str]) -> list[list[str]]:
    """A phrase's tokens cut into its top-level items: a word, a group with its parentheses, `...`, `$` or `^`,
    each with the `?` after it."""
    atoms: list[list[str]] = []
    i = 0
    while i < len(tokens):
        j, depth = i, 0
        while True:
            depth += {"(": 1, ")": -1}.get(tokens[j], 0)
            j += 1
            if depth <= 0 or j >= len(tokens):
                break
        if j < len(tokens) and tokens[j] == "?":
            j += 1
        atoms.append(tokens[i:j])
        i = j
    return atoms


def _alternatives(atom: list[str]) -> list[list[str]] | None:
    """A word's or a group's alternatives (a group's inner tokens split at its own `|`); None for `...`, `$`, `^`
    or an optional item."""
    if atom[-1] == "?" or atom[0] in ("...", "$", "^", "|", ")"):
        return None
    if atom[0] != "(":
        return [atom]
    alts, depth, cur = [], 0, []
    for tok in atom[1:-1]:
        if tok == "|" and depth == 0:
            alts.append(cur)
            cur = []
            continue
        depth += {"(": 1, ")": -1}.get(tok, 0)
        cur.append(tok)
    return [*alts, cur]


def inverted(phrase: str, is_subject: Callable[[str], bool], is_verb: Callable[[str], bool],
             subjects: list[str], is_noun_head: Callable[[str], bool] = lambda w: False,
             is_object: Callable[[str], bool] = lambda w: False) -> str | None:
    """The same phrase with its finite verb before its subject (German verb-second order: "ich will sterben" →
    "heute will ich sterben", "ich bring mich um" → "dann bring ich mich um"), or None when it has no such verb.

    Where a phrase begins with a subject item (`ich`, `(ich|ick)?`), the verb after it moves in front of it: each
    of the next item's alternatives takes the subject after its first word ("(wil|wurde gern)" → "(wil ich|wurde ich
    gern)"). A phrase that begins with a finite verb and no subject (`is_verb`: "(nehm|nehme) mir das leben")
    takes `subjects` after it. A phrase that ends at its clause's end (`$`) is a sentence said bare, and a word
    fronted before its verb is most often the object it lacks ("das will ich nicht mehr", "das kann ich nicht mehr"):
    it is not turned. A phrase written with its subject further in ("(dann) mach ich schlus") is left
    as it is.

    A subject alternative that is a noun phrase (`is_noun_head` of its first word: "mein (vater|mann)") moves after
    the verb too ("jeden Tag schlägt mein Vater mich"), and, where an object pronoun follows the verb (`is_object`:
    "mich", "mir"), also after that pronoun, where German puts a noun subject beside a pronoun object ("gestern hat
    mich mein Freund gewürgt")."""
    tokens = re.findall(r"\.\.\.|[()|?$^]|[^\s()|?$^]+", phrase.casefold())
    atoms = _atoms(tokens)
    if atoms and atoms[-1] == ["$"]:
        return None  # said bare ("ich will nicht mehr"): a fronted word may be what it lacks ("das will ich nicht mehr")

    def subject_alts(atom: list[str]) -> list[list[str]]:
        """The subject item's alternatives that a verb may stand before: pronouns, and noun phrases."""
        body = atom[:-1] if atom[-1] == "?" else atom
        alts = _alternatives(body)
        return [a for a in alts or () if (len(a) == 1 and is_subject(a[0])) or (len(a) > 1 and is_noun_head(a[0]))]

    def subject_words(atom: list[str]) -> list[str]:
        return [a[0] for a in subject_alts(atom) if len(a) == 1]

    def group(alts: list[list[str]]) -> list[str]:
        return ["(", *[t for a in alts for t in ("|", *a)][1:], ")"]

    def turned(atom: list[str], subject: list[list[str]], verbs_only: bool) -> list[str] | None:
        alts = _alternatives(atom)
        if not alts:
            return None
        pron = group(subject)
        out = [[a[0], *pron, *a[1:]] for a in alts
               if a and a[0] not in ("(", "...", "$", "^") and (not verbs_only or is_verb(a[0]))]
        if not out:
            return None
        return group(out)

    def is_object_atom(atom: list[str]) -> bool:
        alts = _alternatives(atom)
        return bool(alts) and all(len(a) == 1 and is_object(a[0]) for a in alts)

    k = 1 if atoms and atoms[0] == ["^"] else 0
    if k + 1 < len(atoms) and (subject := subject_alts(atoms[k])):
        verb = turned(atoms[k + 1], subject, False)
        if not verb:
            return None
        first = [t for a in [verb, *atoms[k + 2:]] for t in a]
        nouns = [a for a in subject if len(a) > 1]
        if nouns and k + 2 < len(atoms) and is_object_atom(atoms[k + 2]) and _alternatives(atoms[k + 1]):
            # ("hat mich mein Freund gewürgt": a noun subject after the object pronoun)
            second = [t for a in [atoms[k + 1], atoms[k + 2], group(nouns), *atoms[k + 3:]] for t in a]
            first = group([first, second])
        return " ".join([*(t for a in atoms[:k] for t in a), *first])
    if k < len(atoms) and not (k + 1 < len(atoms) and subject_words(atoms[k + 1])):
        if verb := turned(atoms[k], [[w] for w in subjects], True):
            return " ".join(t for a in [*atoms[:k], verb, *atoms[k + 1:]] for t in a)
    return None
