"""Load and validate a crisis phrase file (`content/safety/<lang>.toml`).

The phrase list is safety-critical content edited by people, not code, so a
mistake must stop the bot at start with a message naming the file and entry,
never silently screen nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.content.toml import load_toml
from bot.errors import HearthError

_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_TOP = {"meta", "settings", "normalise", "negation", "crisis", "figure", "hyperbole", "topic", "directed"}
_ENTRY = {"id", "about", "patterns", "negatable", "softenable", "topical", "needs", "quiet", "unless", "kind"}
#: Whose danger a crisis group hears (`Entry.kind`): the writer's own (no key, the default), someone else's now
#: ("my sister is going to kill herself"), or the writer's from another person ("he said he'd kill me").
KINDS = ("someone_else", "harm_from_others")


class SafetyContentError(HearthError, ValueError):
    """A phrase file is missing, unreadable or has a bad entry."""


@dataclass(frozen=True)
class Entry:
    """One crisis phrase group or one figure of speech."""

    id: str
    patterns: tuple[str, ...]
    negatable: bool = True
    about: str = ""
    softenable: bool = False
    """A crisis group people also say in jest ("I'm gonna kill myself lol"): a hyperbole marker beside it makes it
    the gentle word, never nothing (`PhraseRules.check`)."""
    topical: bool = False
    """A bare crisis word ("suicide", "self-harm") that people also use about the subject itself: a `[[topic]]`
    marker in its clause ("suicide prevention workshop", "a documentary about self-harm") makes it the gentle
    word, never nothing (`PhraseRules.check`)."""
    needs: tuple[str, ...] = ()
    """Phrases of which one must also be said somewhere in the message, in any clause, for this crisis group to
    count: two things that each alone are everyday words ("the pills are ready", "tonight's the night") and
    together a plan (`PhraseRules.check`)."""
    quiet: bool = False
    """A crisis group written to catch more than the screen was measured with: a match of it that a negation or a
    figure of speech cancels is as no match at all, so it never keeps the model from the alarm (`RuleVerdict.
    cancelled`) where the screen said nothing before. Such a group can only raise an answer, never lower one."""
    unless: tuple[str, ...] = ()
    """A figure's: phrases of which one, said anywhere in the message, keeps the figure from counting. A past
    state told as past ("a year ago I wanted to die") is none of the present, unless the message says it is back
    ("… and now I want to again", "I started again"): then the match stands (`PhraseRules.check`)."""
    kind: str = ""
    """Whose danger the group hears, where it knows (`KINDS`): "" the writer's own (the default), "someone_else"
    (another person in danger now), "harm_from_others" (the writer in danger from another person). The care reply
    and the moderators' note follow it (`bot.safety.rules.AllRules.kind_of`: the writer's own wins)."""


@dataclass(frozen=True)
class PhraseFile:
    """The validated contents of one phrase file."""

    path: Path
    language: str
    negation_window: int
    aliases: dict[str, str]
    phrases: dict[str, str]
    fuzzy: list[str]
    real_words: list[str]
    cues: list[str]
    not_negation: list[str]
    interjections: list[str]
    fillers: list[str]
    subjects: list[str]
    raising: list[str]
    own_clause: list[str]
    crisis: list[Entry]
    figures: list[Entry]
    hyperbole: list[Entry]
    topic: list[Entry]
    reaching: list[str] = field(default_factory=list)
    """Words that, between an answering cue ("no") and a subject, carry the cue on to it ("no way I would…")."""
    conjunctions: list[str] = field(default_factory=list)
    """Words joining two clauses ("and", "y", "und"): one between a cue and a phrase, followed by a subject or one of
    `finite`, begins a clause of its own that the cue does not reach ("I never say anything and I want to die")."""
    finite: list[str] = field(default_factory=list)
    """Finite verbs that begin a clause with no subject written (Spanish "y quiero morir", German "und will …")."""
    ever: list[str] = field(default_factory=list)
    """Cues meaning "never" ("never", "nunca", "nie"): with one of `intensifiers` said right after the phrase, or
    between the cue and it, they compare, not negate ("I never wanted to die so much")."""
    intensifiers: list[str] = field(default_factory=list)
    """Phrases (the crisis phrases' syntax) of degree: "so much", "more than", "tanto", "so sehr", "autant"."""
    inverted_subjects: list[str] = field(default_factory=list)
    """`[word_order].subjects`: subject pronouns a finite verb may stand before (German "heute will ich …")."""
    inverted_verbs: list[str] = field(default_factory=list)
    """`[word_order].verbs`: finite verbs that begin a phrase with no subject written before them."""
    inverted_noun_heads: list[str] = field(default_factory=list)
    """`[word_order].noun_heads`: words that begin a noun-phrase subject ("mein" of "mein (vater|mann)"), which a
    finite verb may stand before too ("jeden Tag schlägt mein Vater mich")."""
    inverted_objects: list[str] = field(default_factory=list)
    """`[word_order].objects`: object pronouns a noun subject may follow after the verb ("hat mich mein Freund")."""

    directed: list[Entry] = field(default_factory=list)
    """`[[directed]]`: words that tell someone else to kill or hurt themselves ("kys", "go kill yourself",
    "mátate"): no sign that the writer is in danger, but never to be posted as they are (`RuleVerdict.directed`)."""


def _fail(path: Path, where: str, problem: str) -> SafetyContentError:
    return SafetyContentError(f"{path}: {where}: {problem}")


def _str_list(path: Path, where: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(path, where, "must be a list of non-empty strings")
    return value


def _str_map(path: Path, where: str, value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(v, str) and v.strip() for v in value.values()):
        raise _fail(path, where, "must be a table of non-empty strings")
    return value


def _entries(path: Path, kind: str, raw: Any, seen: set[str], required: bool = True) -> list[Entry]:
    if not isinstance(raw, list) or (required and not raw):
        raise _fail(path, f"[[{kind}]]", "needs at least one entry")
    out = []
    for i, item in enumerate(raw):
        where = f"{kind}[{i}]"
        if not isinstance(item, dict):
            raise _fail(path, where, "must be a table")
        ident = item.get("id")
        if not isinstance(ident, str) or not _ID.match(ident):
            raise _fail(path, where, 'needs an id like "suicide.plan" (lowercase, digits, . _ -)')
        where = f'{kind}[{i}] (id "{ident}")'
        if ident in seen:
            raise _fail(path, where, "id is used twice")
        seen.add(ident)
        unknown = set(item) - _ENTRY
        if unknown:
            raise _fail(path, where, f"unknown key(s) {sorted(unknown)}; allowed: {sorted(_ENTRY)}")
        patterns = _str_list(path, f"{where}.patterns", item.get("patterns"))
        if not patterns:
            raise _fail(path, f"{where}.patterns", "needs at least one phrase")
        negatable = item.get("negatable", True)
        if not isinstance(negatable, bool):
            raise _fail(path, f"{where}.negatable", "must be true or false")
        about = item.get("about", "")
        if not isinstance(about, str):
            raise _fail(path, f"{where}.about", "must be a string")
        softenable = item.get("softenable", False)
        if not isinstance(softenable, bool) or (softenable and kind != "crisis"):
            raise _fail(path, f"{where}.softenable", "must be true or false, and only on a crisis entry")
        topical = item.get("topical", False)
        if not isinstance(topical, bool) or (topical and kind != "crisis"):
            raise _fail(path, f"{where}.topical", "must be true or false, and only on a crisis entry")
        needs = item.get("needs", [])
        if "needs" in item and kind not in ("crisis", "hyperbole", "figure"):
            raise _fail(path, f"{where}.needs", "only a crisis, hyperbole or figure entry may need other phrases")
        needs = _str_list(path, f"{where}.needs", needs)
        if "needs" in item and not needs:
            raise _fail(path, f"{where}.needs", "needs at least one phrase (or leave it out)")
        quiet = item.get("quiet", False)
        if not isinstance(quiet, bool) or (quiet and kind != "crisis"):
            raise _fail(path, f"{where}.quiet", "must be true or false, and only on a crisis entry")
        if "unless" in item and kind != "figure":
            raise _fail(path, f"{where}.unless", "only a figure entry may be kept from counting by other phrases")
        unless = _str_list(path, f"{where}.unless", item.get("unless", []))
        if "unless" in item and not unless:
            raise _fail(path, f"{where}.unless", "needs at least one phrase (or leave it out)")
        kind_of = item.get("kind", "")
        if "kind" in item and (kind_of not in KINDS or kind != "crisis"):
            raise _fail(path, f"{where}.kind", f"must be one of {', '.join(KINDS)} (or left out: the writer's own "
                        "danger), and only on a crisis entry")
        out.append(Entry(ident, tuple(patterns), negatable, about, softenable, topical, tuple(needs), quiet,
                         tuple(unless), kind_of))
    return out


def load_phrase_file(path: Path) -> PhraseFile:
    """Read and check `path`; raises `SafetyContentError` naming the file and entry."""
    data = load_toml(path, "phrase file", error=SafetyContentError)
    allowed = _TOP | {"word_order"}
    unknown = set(data) - allowed
    if unknown:
        raise _fail(path, "top level", f"unknown table(s) {sorted(unknown)}; allowed: {sorted(allowed)}")
    meta = data.get("meta", {})
    language = meta.get("language")
    if not isinstance(language, str) or not language:
        raise _fail(path, "[meta].language", 'is required, e.g. language = "en"')
    settings = data.get("settings", {})
    window = settings.get("negation_window", 3)
    if not isinstance(window, int) or isinstance(window, bool) or not 0 <= window <= 8:
        raise _fail(path, "[settings].negation_window", "must be a whole number from 0 to 8")
    norm = data.get("normalise", {})
    neg = data.get("negation", {})
    order = data.get("word_order", {})
    if not isinstance(order, dict) or set(order) - {"subjects", "verbs", "noun_heads", "objects"}:
        raise _fail(path, "[word_order]", "takes only `subjects`, `verbs`, `noun_heads` and `objects`")
    seen: set[str] = set()
    return PhraseFile(
        path=path,
        language=language,
        negation_window=window,
        aliases=_str_map(path, "[normalise].aliases", norm.get("aliases", {})),
        phrases=_str_map(path, "[normalise].phrases", norm.get("phrases", {})),
        fuzzy=_str_list(path, "[normalise].fuzzy", norm.get("fuzzy", [])),
        real_words=_str_list(path, "[normalise].real_words", norm.get("real_words", [])),
        cues=_str_list(path, "[negation].cues", neg.get("cues", [])),
        not_negation=_str_list(path, "[negation].not_negation", neg.get("not_negation", [])),
        interjections=_str_list(path, "[negation].interjections", neg.get("interjections", [])),
        fillers=_str_list(path, "[negation].fillers", neg.get("fillers", [])),
        subjects=_str_list(path, "[negation].subjects", neg.get("subjects", [])),
        raising=_str_list(path, "[negation].raising", neg.get("raising", [])),
        own_clause=_str_list(path, "[negation].own_clause", neg.get("own_clause", [])),
        crisis=_entries(path, "crisis", data.get("crisis"), seen),
        figures=_entries(path, "figure", data.get("figure", []), seen, required=False),
        hyperbole=_entries(path, "hyperbole", data.get("hyperbole", []), seen, required=False),
        topic=_entries(path, "topic", data.get("topic", []), seen, required=False),
        reaching=_str_list(path, "[negation].reaching", neg.get("reaching", [])),
        conjunctions=_str_list(path, "[negation].conjunctions", neg.get("conjunctions", [])),
        finite=_str_list(path, "[negation].finite", neg.get("finite", [])),
        ever=_str_list(path, "[negation].ever", neg.get("ever", [])),
        intensifiers=_str_list(path, "[negation].intensifiers", neg.get("intensifiers", [])),
        inverted_subjects=_str_list(path, "[word_order].subjects", order.get("subjects", [])),
        inverted_verbs=_str_list(path, "[word_order].verbs", order.get("verbs", [])),
        inverted_noun_heads=_str_list(path, "[word_order].noun_heads", order.get("noun_heads", [])),
        inverted_objects=_str_list(path, "[word_order].objects", order.get("objects", [])),

        directed=_entries(path, "directed", data.get("directed", []), seen, required=False),
    )
