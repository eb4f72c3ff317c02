"""The crisis screen's rules: what a phrase list does well.

The model (`bot.safety.model`) reads meaning; these rules cover what rules are
right for: high-precision phrases that must always fire, clear negations right
before a phrase ("I would never kill myself") and known figures of speech
around it ("shoot myself in the foot"). They never log or return the person's
words, only the id of the phrase group that matched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Callable
from pathlib import Path

from bot.content.packs import default_content_dir
from bot.safety.content import Entry, PhraseFile, SafetyContentError, load_phrase_file
from bot.safety.normalise import CLAUSE, Normaliser, squeeze
from bot.safety.patterns import PatternError, compile_phrase, inverted, required_words


@dataclass(frozen=True)
class RuleVerdict:
    """What the phrase rules found. Ids only, never the text.

    `fired`: a crisis phrase that counts (no negation before it, no figure of speech around it).
    `cancelled`: a crisis phrase that matched but a clear negation or a known figure of speech cancelled.
    `softened`: a crisis phrase said beside a hyperbole marker ("I'm gonna kill myself if I have to redo this deck
    lol"): most often a figure, sometimes not ("lol i want to die" may be meant), so the gentle word, never nothing.
    `directed`: words that tell someone else to kill or hurt themselves ("kys", "go kill yourself", "mátate"):
    nothing about the writer's own safety, so no care for them, but words never to be posted as they are.
    """

    fired: str | None = None
    cancelled: str | None = None
    softened: str | None = None
    directed: str | None = None
    kind: str = ""
    """Whose danger the phrases that count say, where their groups know (`Entry.kind`): "" the writer's own,
    "someone_else", or "harm_from_others" (`AllRules.check`: the writer's own wins)."""


@dataclass(frozen=True)
class _Compiled:
    """A phrase group, its regexes compiled on first need (`regex`, `needs`, `unless`): compiling every group's
    regex was half the screen's load, and a message reads only the few groups whose words it holds (`may_match`);
    `PhraseRules.compile_all` compiles the rest, in the background after a load (`Screen.load`)."""

    id: str
    pattern: str
    """`regex`'s source: every phrase's (`sources`), each a branch."""
    negatable: bool
    softenable: bool = False
    topical: bool = False
    needs_pattern: str | None = None
    """`needs`' source."""
    quiet: bool = False
    sources: tuple[str, ...] = ()
    """Each phrase's own regex source: read one by one where the first match of the whole group was cancelled, so a
    longer phrase of the group, or one that starts a little later, is not hidden behind it (`PhraseRules.check`)."""
    unless_pattern: str | None = None
    """`unless`' source."""
    kind: str = ""
    """`Entry.kind`: whose danger the group hears ("" the writer's own)."""
    required: tuple[frozenset[str], tuple[str, ...]] | None = None
    """Where `regex` can match at all (`patterns.required_words` of every phrase): some token of the canonical text
    is one of these words, or (each with a space before it) is found there; None: anywhere (and for groups other
    than crisis groups and figures). `PhraseRules.check` reads the regex only then: it finds nothing elsewhere, so
    the answer is the same, sooner, and a group no message has needed is not even compiled."""

    def may_match(self, canon: str, tokens: frozenset[str]) -> bool:
        """Whether `regex` can match in `canon` (`tokens`: its words): False only where it surely cannot."""
        if self.required is None:
            return True
        whole, starts = self.required
        return not whole.isdisjoint(tokens) or any(s in canon for s in starts)

    @property
    def regex(self) -> re.Pattern[str]:
        """The group's phrases, one regex, compiled at first use."""
        return self._compiled("regex", self.pattern)

    @property
    def needs(self) -> re.Pattern[str] | None:
        """Phrases of which one must be said in the message for the group to count (`Entry.needs`), or None."""
        return None if self.needs_pattern is None else self._compiled("needs", self.needs_pattern)

    @property
    def unless(self) -> re.Pattern[str] | None:
        """A figure's `unless`: said anywhere in the message, the figure doesn't count."""
        return None if self.unless_pattern is None else self._compiled("unless", self.unless_pattern)

    def _compiled(self, name: str, source: str) -> re.Pattern[str]:
        # (kept in the instance's own dict, frozen as it is; two threads at once may both compile it, and either
        # pattern is the same: the screen's thread and the one compiling the rest after a load, `Screen.load`)
        got = self.__dict__.get(name)
        if got is None:
            got = self.__dict__[name] = re.compile(source)
        return got

    def compile_all(self) -> None:
        """Compile each of the group's regexes that is not yet."""
        self.regex, self.needs, self.unless  # noqa: B018  (read for their effect)


#: How far around a token of words run together the crisis phrases are looked for (characters).
_AROUND = 200


@lru_cache(maxsize=None)
def _one(source: str) -> re.Pattern[str]:
    return re.compile(source)


class _Groups:
    """Phrase groups in their order, with an index of the words each needs (`_Compiled.required`): `may_match` of
    every group, one by one, was a third of the rules' time (800 groups a message, five languages); the index
    finds the same groups from the message's own words, and only a group's `*` stems are looked for in the text."""

    def __init__(self, entries: list[_Compiled]) -> None:
        self.entries = entries
        self._anywhere: list[int] = []
        self._by_word: dict[str, list[int]] = {}
        self._by_start: dict[str, list[int]] = {}
        for i, entry in enumerate(entries):
            if entry.required is None:
                self._anywhere.append(i)
                continue
            whole, starts = entry.required
            for word in whole:
                self._by_word.setdefault(word, []).append(i)
            for start in starts:
                self._by_start.setdefault(start, []).append(i)

    def may_match(self, canon: str, tokens: frozenset[str]) -> list[_Compiled]:
        """The groups, in order, for which `_Compiled.may_match(canon, tokens)` holds."""
        found = set(self._anywhere)
        for tok in tokens:
            found.update(self._by_word.get(tok, ()))
        for start, ids in self._by_start.items():
            if start in canon:
                found.update(ids)
        return [self.entries[i] for i in sorted(found)]


@dataclass(frozen=True)
class _Scope:
    """Where a negation cue's reach ends: at a new clause. A subject right after the cue, past any fillers, starts
    one ("no I want to die", "no really I want to die", "não eu quero morrer", "je sais pas je veux mourir"); so
    does a subject after a cue's verb of knowing or caring (`own_clause`: "I don't know I want to die", "idk i want
    to die"), but not after any other word ("no way I would kill myself", "not that I'd ever"). Nothing ends after
    a verb before the cue that carries the negation on (`raising`: "ich glaube nicht ich will sterben"). A cue
    that can stand alone as an answer (`interjections`: "no"), or a cue said twice ("never never"), negates
    nothing when only fillers stand between it and the phrase either ("no en serio quiero morir"), nor when a
    subject follows it after any few words ("no mom I want to die", "no please no I want to die"), unless a word
    between carries it on to that subject (`reaching`: "no way I would", "no es que yo quiera"; or `raising`:
    "não acho que eu queira"). Canonical words."""

    cues: tuple[tuple[str, ...], ...] = ()
    interjections: frozenset[str] = frozenset()
    fillers: tuple[tuple[str, ...], ...] = ()
    subjects: frozenset[str] = frozenset()
    raising: frozenset[str] = frozenset()
    own_clause: frozenset[str] = frozenset()
    reaching: frozenset[str] = frozenset()
    conjunctions: frozenset[str] = frozenset()
    finite: frozenset[str] = frozenset()
    ever: frozenset[str] = frozenset()

    def joined_clause(self, rest: list[str], next_word: list[str]) -> bool:
        """Whether a conjunction after the cue begins a clause of its own before the match: one of `subjects` or
        `finite` after it (or in the match's first two words), with no word between that carries the cue on ("I
        never say anything and I want to die", "nunca digo nada y me quiero morir", "und dann will ich sterben";
        never "… and that I'd …")."""
        for k, word in enumerate(rest):
            if word not in self.conjunctions:
                continue
            for w in [*rest[k + 1:], *next_word]:
                if w in self.subjects or w in self.finite:
                    return True
                if w in self.reaching or w in self.raising or w in self.conjunctions:
                    break
        return False

    def ends(self, words: list[str], next_word: list[str], before: list[str]) -> bool:
        """`words`: a cue and what follows it up to a match; `next_word`: the match's first word; `before`: the
        word before the cue (a verb the cue follows: "je pense pas", "ich glaube nicht")."""
        if any(w in self.raising for w in before):
            return False  # "ich glaube nicht ich will sterben": the negation carries on
        cue = next((c for c in self.cues if tuple(words[:len(c)]) == c), tuple(words[:1]))
        rest, i = words[len(cue):], 0
        while (filler := next((f for f in self.fillers if tuple(rest[i:i + len(f)]) == f), None)) is not None:
            i += len(filler)  # (past every filler: "no really honestly …")
        if i == len(rest):  # only fillers, or nothing, before the phrase
            if any(w in self.subjects for w in next_word):
                return True  # "no im a burden"
            return i > 0 and " ".join(cue) in self.interjections  # "no en serio quiero morir"
        if rest[i] in self.subjects:
            return True  # "no, I …"
        if rest[i] in self.own_clause and any(w in self.subjects for w in rest[i + 1:]):
            return True  # "idk I …"
        if " ".join(cue) in self.interjections or tuple(rest[:len(cue)]) == cue:
            # an answer ("no"), or a cue said twice ("never never"): a subject after any few words begins a new
            # clause ("no mom I want to die", "no please no I want to die"), unless a word between carries the cue
            # on to it ("no way I would…", "no es que yo quiera…", "não acho que eu…")
            tail = [*rest[i:], *next_word]
            j = next((k for k, w in enumerate(tail) if w in self.subjects), None)
            return j is not None and not any(w in self.reaching or w in self.raising for w in tail[:j])
        return False


#: `squeeze` for the phrase files' words at load: tens of thousands of words, a few thousand of them different.
_squeeze_word = lru_cache(maxsize=1 << 14)(squeeze)
_MARKS = re.compile(r"\.\.\.|[()|?$^*]")
_PHRASE_WORD = re.compile(r"[^\W\d_]+\*?")


def _check_canonical(phrase: str, norm: Normaliser,
                     needles: list[tuple[str, list[str], list[str]]] | None = None) -> None:
    """Refuse "do not" in a phrase: the text side turns it into "dont", so it could never match. `needles`:
    `_needles(norm)`, made once for a file's many phrases."""
    flat = _MARKS.sub(" | ", phrase.casefold())
    flat = " " + " ".join(map(_squeeze_word, flat.split())) + " "
    for needle, src, dst in _needles(norm) if needles is None else needles:
        if needle in flat:
            raise PatternError(f"write “{' '.join(dst)}” instead of “{' '.join(src)}” in {phrase!r}")


def _needles(norm: Normaliser) -> list[tuple[str, list[str], list[str]]]:
    """Each of `norm.phrases` as `_check_canonical` looks for it in a phrase, in their order."""
    return [(f" {' '.join(src)} ", src, dst) for src, dst in norm.phrases]


def _required(patterns: tuple[str, ...], canon_word) -> tuple[frozenset[str], tuple[str, ...]] | None:
    """`_Compiled.required` of a group's phrases: every phrase's words together (None if one needs none)."""
    whole: set[str] = set()
    starts: set[str] = set()
    for phrase in patterns:
        if (got := required_words(phrase, canon_word)) is None:
            return None
        whole |= got[0]
        starts |= got[1]
    return frozenset(whole), tuple(sorted(" " + s for s in starts))


def _vocabulary(patterns: list[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    """The plain words and the `word*` stems of the crisis phrases, squeezed as text is: what a token run together
    without spaces is split back into (`Normaliser.unjoin`)."""
    words, stems = set(), set()
    for phrase in patterns:
        for tok in _PHRASE_WORD.findall(phrase.casefold()):
            (stems if tok.endswith("*") else words).add(_squeeze_word(tok.rstrip("*")))
    return frozenset(words), tuple(sorted(stems))


class PhraseRules:
    """A compiled phrase file. Build once with `PhraseRules.load`, then `check` is cheap."""

    def __init__(self, normaliser: Normaliser, crisis: list[_Compiled], figures: list[_Compiled],
                 negation: re.Pattern[str] | None, scope: _Scope | None = None,
                 hyperbole: list[_Compiled] | None = None, topic: list[_Compiled] | None = None,
                 directed: list[_Compiled] | None = None) -> None:
        self.normaliser = normaliser
        self.crisis = crisis
        self.figures = figures
        self._crisis = _Groups(crisis)
        self._figures = _Groups(figures)
        self.negation = negation
        self.scope = scope or _Scope()
        self.hyperbole = hyperbole or []
        self.topic = topic or []
        self.directed = directed or []
        self.degree: re.Pattern[str] | None = None
        """`[negation].intensifiers`: "so much", "more than" (`_compares`)."""
        self.degree_after: re.Pattern[str] | None = None

    @classmethod
    def load(cls, content_dir: Path | None = None, language: str = "en",
             topic: list[Entry] | None = None, known: frozenset[str] = frozenset(),
             phrase_file: PhraseFile | None = None) -> "PhraseRules":
        """Load and compile `<content_dir>/safety/<language>.toml`. `topic`: the `[[topic]]` markers to read by
        (default: the file's own); `AllRules` gives every language's, since another language's rule may match
        a word shared by several ("suicide" in English and French). `known`: other languages' phrase words, never
        split as words run together (`Normaliser.unjoin`). `phrase_file`: that file, already read (`AllRules`
        reads each once)."""
        path = Path(content_dir or default_content_dir()) / "safety" / f"{language}.toml"
        pf = load_phrase_file(path) if phrase_file is None else phrase_file
        norm = Normaliser.build(pf.aliases, pf.phrases, pf.fuzzy, pf.real_words)
        norm.vocabulary, norm.stems = _vocabulary([p for e in pf.crisis for p in e.patterns])
        norm.known = known

        canon_words_seen: dict[tuple[str, bool], list[str]] = {}

        def canon_word(word: str, prefix: bool) -> list[str]:
            """A phrase's word as the text side reads it; each word is normalised once per load (the same few
            thousand words recur across tens of thousands of phrase words). A copy, so no caller can change the
            one remembered."""
            key = (word, prefix)
            if (got := canon_words_seen.get(key)) is None:
                if prefix:
                    got = [squeeze(word)]
                else:  # (a phrase's word is never split as words run together)
                    got = [t for t in norm.tokens(word, frozenset()) if t != CLAUSE]
                canon_words_seen[key] = got
            return list(got)

        subjects = {tuple(canon_word(w, False)) for w in pf.inverted_subjects}
        verbs = {tuple(canon_word(w, False)) for w in pf.inverted_verbs}
        noun_heads = {tuple(canon_word(w, False)) for w in pf.inverted_noun_heads}
        objects = {tuple(canon_word(w, False)) for w in pf.inverted_objects}

        def turned(entries: list[Entry]) -> list[Entry]:
            """Each group with its phrases also read verb before subject, where the language puts them so after a
            fronted word ([word_order]: German "heute will ich sterben", "dann bring ich mich um")."""
            if not subjects:
                return entries

            def is_subject(word: str) -> bool:
                return tuple(canon_word(word, False)) in subjects

            def is_verb(word: str) -> bool:
                return tuple(canon_word(word, False)) in verbs

            def is_noun_head(word: str) -> bool:
                return tuple(canon_word(word, False)) in noun_heads

            def is_object(word: str) -> bool:
                return tuple(canon_word(word, False)) in objects

            out = []
            for e in entries:
                more = [p for p in (inverted(p, is_subject, is_verb, pf.inverted_subjects, is_noun_head, is_object)
                                    for p in e.patterns) if p]
                out.append(replace(e, patterns=(*e.patterns, *more)))
            return out

        needles = _needles(norm)
        atoms: dict[str, str] = {}  # (each phrase word's regex, made once: `compile_phrase`)

        def compile_entries(kind: str, entries: list[Entry], own: bool = True) -> list[_Compiled]:
            out = []
            for i, e in enumerate(entries):
                try:
                    for p in (*e.patterns, *e.needs, *e.unless) if own else ():
                        _check_canonical(p, norm, needles)
                    stops = gap_stops if kind == "crisis" and e.negatable else frozenset()
                    sources = [compile_phrase(p, canon_word, stops, atoms) for p in e.patterns]
                    needs = [compile_phrase(p, canon_word, atoms=atoms) for p in e.needs]
                    unless = [compile_phrase(p, canon_word, atoms=atoms) for p in e.unless]
                except PatternError as exc:
                    raise SafetyContentError(f'{path}: {kind}[{i}] (id "{e.id}"): {exc}') from None
                out.append(_Compiled(e.id, "|".join(f"(?:{s})" for s in sources), e.negatable,
                                     e.softenable, e.topical,
                                     "|".join(f"(?:{s})" for s in needs) if needs else None,
                                     e.quiet, tuple(sources),
                                     "|".join(f"(?:{s})" for s in unless) if unless else None, e.kind,
                                     _required(e.patterns, canon_word) if kind in ("crisis", "figure") else None))
            return out

        def canon_words(phrase: str) -> tuple[str, ...]:
            return tuple(w for p in phrase.split() for w in canon_word(p, False))

        gap_stops = frozenset(words[0] for words in map(canon_words, pf.cues) if len(words) == 1)

        negation = cls._negation_regex(pf.cues, pf.not_negation, pf.negation_window, canon_word, path)
        scope = _Scope(tuple(sorted({canon_words(c) for c in pf.cues}, key=len, reverse=True)),
                       frozenset(" ".join(canon_words(c)) for c in pf.interjections),
                       tuple(f for f in map(canon_words, pf.fillers) if f),
                       frozenset(w for c in pf.subjects for w in canon_words(c)),
                       frozenset(w for c in pf.raising for w in canon_words(c)),
                       frozenset(w for c in pf.own_clause for w in canon_words(c)),
                       frozenset(w for c in pf.reaching for w in canon_words(c)),
                       frozenset(w for c in pf.conjunctions for w in canon_words(c)),
                       frozenset(w for c in pf.finite for w in canon_words(c)),
                       frozenset(w for c in pf.ever for w in canon_words(c)))
        try:
            degree = [compile_phrase(p, canon_word, atoms=atoms) for p in pf.intensifiers]
        except PatternError as exc:
            raise SafetyContentError(f"{path}: [negation].intensifiers: {exc}") from None
        rules = cls(norm, compile_entries("crisis", turned(pf.crisis)),
                    compile_entries("figure", turned(pf.figures)),
                    negation, scope, compile_entries("hyperbole", pf.hyperbole),
                    compile_entries("topic", pf.topic if topic is None else topic, own=topic is None),
                    compile_entries("directed", pf.directed))
        rules.degree = re.compile("|".join(f"(?:{s})" for s in degree)) if degree else None
        rules.degree_after = re.compile(rf"(?: [^ {CLAUSE}]+)?(?:{rules.degree.pattern})") if degree else None
        return rules

    def compile_all(self, between: Callable[[], object] | None = None) -> None:
        """Compile every group's regexes that no message has needed yet (`_Compiled`): after this, no message
        waits on a compile. Also the check that every regex compiles (`hearth content lint`). `between` runs after
        each group (`Screen.load`'s thread hands the interpreter back there, so the event loop never waits
        behind a run of compiles)."""
        for entry in (*self.figures, *self.hyperbole, *self.topic, *self.directed, *self.crisis):
            if between is not None:
                between()
            try:
                entry.compile_all()
            except re.error as exc:
                raise SafetyContentError(f'phrase group "{entry.id}": its regex does not compile: {exc}') \
                    from None

    @staticmethod
    def _negation_regex(cues: list[str], exceptions: list[str], window: int, canon_word,
                        path: Path) -> re.Pattern[str] | None:
        """A regex that matches the end of a clause prefix holding a live negation cue."""
        if not cues:
            return None
        canon_cues = {" ".join(canon_word(c, False)): [] for c in cues}
        for phrase in exceptions:
            words = [w for p in phrase.split() for w in canon_word(p, False)]
            for n in range(len(words), 0, -1):
                head = " ".join(words[:n])
                if head in canon_cues:
                    canon_cues[head].append("".join(" " + re.escape(w) for w in words[n:]))
                    break
            else:
                raise SafetyContentError(f"{path}: [negation].not_negation: “{phrase}” must start with a cue")
        alts = []
        for cue, rests in sorted(canon_cues.items(), key=lambda kv: -len(kv[0])):
            block = f"(?!{'|'.join(r + '(?= |$)' for r in rests)})" if rests else ""
            alts.append(re.escape(" " + cue) + block)
        return re.compile(f"(?:{'|'.join(alts)})(?: [^ {CLAUSE}]+){{0,{window}}}$")

    def check(self, text: str, told: set[int] | frozenset[int] = frozenset(),
              others: tuple["PhraseRules", ...] = ()) -> RuleVerdict:
        """Screen one message: the first phrase group that counts, else the first one cancelled.

        A group's phrases are one regex, and a regex finds the first phrase that matches at the leftmost place; when
        that match is cancelled by a figure, each phrase of the group is read on its own too: a longer
        one ("rather be dead than live like this") or one starting a word later ("lieber sterben als so
        weiterzuleben" after "würde lieber sterben") may still count.

        `told`: the pieces of `text` in words told to someone else, in any language (`told`): a crisis phrase read
        in them is none of the writer's own (French "tu devrais te suicider" holds English "suicid*").

        `others`: the other languages' rules; a match one of them reads as negated right before it is cancelled too
        (`_negated_elsewhere`: Spanish "no me mataría nunca" holds Portuguese "me matar")."""
        canon = self.canonical(text)

        def own(m: re.Match[str]) -> bool:
            return not told or not self.pieces(text, canon, *m.span()) & told

        figures: list[list[tuple[int, int]]] = []  # (the figures' spans, found once, at the first match that needs them)
        cancelled: str | None = None
        softened: str | None = None
        for entry in self._crisis.may_match(canon, frozenset(canon.split())):
            # (the rest hold none of the words every match of the group holds: they match nowhere)
            if entry.needs is not None and not entry.needs.search(canon):
                continue  # (a group that counts only beside another phrase, said anywhere in the message)
            found = [(m.span(), self._judge(entry, canon, *m.span(), figures, text, others))
                     for m in entry.regex.finditer(canon) if own(m)]
            judged = [j for _, j in found]
            if "figure" in judged and "fired" not in judged:
                negated = [span for span, j in found if j in ("negated", "negated elsewhere")]
                judged += [self._judge(entry, canon, *m.span(), figures, text, others)
                           for source in entry.sources for m in _one(source).finditer(canon)
                           if own(m)  # (never a negated one's part)
                           and not any(m.start() < e and s < m.end() for s, e in negated)]
            if "fired" in judged:
                return RuleVerdict(fired=entry.id, directed=self._directed(canon))
            if "softened" in judged:
                softened = softened or entry.id
            if ("negated" in judged or "figure" in judged) and not entry.quiet:  # (quiet: as no match)
                cancelled = cancelled or entry.id
        return RuleVerdict(cancelled=cancelled, softened=softened, directed=self._directed(canon))

    #: The most matches of one group read for `heard`: a pasted wall of the same words must not cost a thousand reads.
    _MOST_HEARD = 12

    def heard(self, text: str, told: set[int] | frozenset[int] = frozenset(),
              others: tuple["PhraseRules", ...] = ()) -> list[tuple[str, frozenset[int]]]:
        """Every match that counts, of every crisis group (not only the first, as `check`): the group's `kind` and
        the `raw_pieces` of `text` it was read from, so that matches of several languages can be set side by side
        (`AllRules.kind_of`). Read only for a message a phrase already fired on."""
        canon = self.canonical(text)
        figures: list[list[tuple[int, int]]] = []
        out: list[tuple[str, frozenset[int]]] = []
        for entry in self._crisis.may_match(canon, frozenset(canon.split())):  # (the rest match nowhere: `check`)
            if entry.needs is not None and not entry.needs.search(canon):
                continue
            spans = {m.span() for m in entry.regex.finditer(canon)}
            if spans:  # (no phrase of the group matches anywhere when the whole group's regex does not)
                spans |= {m.span() for source in entry.sources for m in _one(source).finditer(canon)}
            for start, end in sorted(spans)[:self._MOST_HEARD]:
                pieces = frozenset(self.pieces(text, canon, start, end))
                if told and pieces & told:
                    continue
                if self._judge(entry, canon, start, end, figures, text, others) == "fired":
                    out.append((entry.kind, pieces))
        return out

    def _directed(self, canon: str) -> str | None:
        """The first `[[directed]]` group said, and not negated ("please don't kill yourself" is care)."""
        for entry in self.directed:
            if any(not (entry.negatable and self._negated(canon, m.start())) for m in entry.regex.finditer(canon)):
                return entry.id
        return None

    @lru_cache(maxsize=32)  # (every language's rules read one message several times: check, told, heard, directed)
    def canonical(self, text: str) -> str:
        """The canonical text, with a token split as words run together only where a crisis phrase is made of two
        or more of its pieces ("iwanttodie", "endmylife"): an ordinary word that happens to be phrase words joined
        stays whole ("another" is no "an not her", "sending" no "se ending", "finalmente" no "final me en te")."""
        return self.normaliser.canonical(text, self._joins(text))

    @lru_cache(maxsize=32)  # (read by `canonical` and `_trace`)
    def _joins(self, text: str) -> frozenset[str] | None:
        """The tokens `canonical` splits as words run together (None: every one that can be)."""
        joined = self.normaliser.joined(text)
        if not joined:
            return None
        split = self.normaliser.canonical(text)
        split_tokens = frozenset(split.split())
        crisis = self._crisis.may_match(split, split_tokens)  # (the rest match nowhere)
        keep = set()
        for tok, pieces in joined.items():
            needle = " " + " ".join(pieces) + " "
            at = split.find(needle)
            while at >= 0 and tok not in keep:
                bounds, pos = [], at
                for piece in pieces:  # (each piece's span in the text, spaces around it)
                    bounds.append((pos, pos + len(piece) + 2))
                    pos += len(piece) + 1
                lo, hi = max(0, at - _AROUND), min(len(split), pos + _AROUND)  # (a phrase is never this long)
                spans = (m.span() for entry in crisis for m in entry.regex.finditer(split, lo, hi))
                if any(sum(s <= a and b - 1 <= e for a, b in bounds) >= 2 for s, e in spans):
                    keep.add(tok)
                at = split.find(needle, at + 1)
        return None if len(keep) == len(joined) else frozenset(keep)

    @lru_cache(maxsize=8)  # (keyed by the rules and the text: one message's matches are traced once, not each)
    def _trace(self, text: str) -> tuple[list[str], list[int]]:
        """`Normaliser.traced` of `text`, with the tokens this language splits as words run together (`_joins`)."""
        return self.normaliser.traced(text, self._joins(text))

    def pieces(self, text: str, canon: str, start: int, end: int) -> set[int]:
        """The `raw_pieces` of `text` a match `canon[start:end]` of its canonical form is read from."""
        origin = self._trace(text)[1]
        first, last = len(canon[:start].split()), len(canon[:end].split())  # (index in "# tokens #")
        return {origin[i - 1] for i in range(first, last) if 0 < i <= len(origin)}

    def told(self, text: str) -> set[int]:
        """The `raw_pieces` of `text` in words told to someone else (`[[directed]]`, not negated)."""
        canon = self.canonical(text)
        return {n for entry in self.directed for m in entry.regex.finditer(canon)
                if not (entry.negatable and self._negated(canon, m.start()))
                for n in self.pieces(text, canon, *m.span())}

    def _judge(self, entry: _Compiled, canon: str, start: int, end: int,
               figures: list[list[tuple[int, int]]], text: str = "", others: tuple["PhraseRules", ...] = ()) -> str:
        """What one match of a crisis group comes to: "fired", "softened", or cancelled by a "negated" cue (its own
        language's) or a "figure"; "negated elsewhere" (another language's cue right before it: `_negated_elsewhere`)
        neither fires nor cancels, as a `quiet` group's negation: the model, when on, still reads the message."""
        if entry.negatable and self._negated(canon, start, end):
            return "negated"
        if entry.negatable and others and self._negated_elsewhere(text, canon, start, end, others):
            return "negated elsewhere"
        if not figures:
            tokens = frozenset(canon.split())  # (a figure none of whose words is said matches nowhere: `may_match`)
            figures.append([f.span() for fig in self._figures.may_match(canon, tokens) if self._counts(fig, canon)
                            for f in fig.regex.finditer(canon)])
        if any(self._outweighs(fs, fe, start, end) for fs, fe in figures[0]):
            return "figure"
        if entry.topical and self._about_topic(canon, start, end):
            return "softened"
        if entry.softenable and self._in_jest(canon, start, end):
            return "softened"
        return "fired"

    @staticmethod
    def _counts(figure: _Compiled, canon: str) -> bool:
        """Whether a figure counts in this message: one of its `needs` said in it ("… and I said no"), none of its
        `unless` ("… and now I want to again")."""
        return (figure.needs is None or bool(figure.needs.search(canon))) and \
            (figure.unless is None or not figure.unless.search(canon))

    def _negated(self, canon: str, start: int, end: int | None = None) -> bool:
        """Whether a live negation cue sits within the window before a match, in its clause, and reaches it: a new
        clause begun between them ends its reach (`_Scope`: "no I want to die", "idk I want to die", "I never say
        anything and I want to die"); a "never" that compares is none (`_compares`)."""
        if self.negation is None:
            return False
        pos = 0
        while (m := self.negation.search(canon, pos, start)) is not None:
            words, phrase = canon[m.start():start].split(), canon[start:].split()
            if self.scope.joined_clause(words[1:], phrase[:2]):
                pass  # "ich sage nie etwas und ich will sterben", "… y me quiero morir": a clause of its own
            elif not self.scope.ends(words, phrase[:1], canon[:m.start()].split()[-1:]) \
                    and not self._compares(canon, m.start(), start, end):
                return True
            pos = m.start() + 1
        return False

    #: How many words may stand between another language's negation cue and a match it negates: a word that is a
    #: cue in one language is an everyday word in another (Portuguese "no" is "in the", Spanish and English "no"),
    #: so only a cue that stands right before the match is read across languages (one word between was measured:
    #: Portuguese "no domingo não vou estar mais aqui", "no fundo queria não acordar" were read as negated).
    _FOREIGN_REACH = 0

    def _negated_elsewhere(self, text: str, canon: str, start: int, end: int,
                           others: tuple["PhraseRules", ...]) -> bool:
        """Whether another language's negation, read on that language's canonical form of `text`, negates the
        match right where it begins: people mix languages, and a phrase of one is often a phrase of another too
        ("no me mataría nunca" is Spanish; Portuguese reads "me matar" in it, and Portuguese has no cue "no")."""
        pieces = self.pieces(text, canon, start, end)
        own_cues = {c[-1] for c in self.scope.cues}
        if not pieces or any(w in own_cues for w in canon[:start].split()[-1:]):
            return False  # (a cue of this language's own it has read already: "no im such a burden")
        first = min(pieces)
        for rules in others:
            if rules.negation is None:
                continue
            toks, origin = rules._trace(text)
            i = next((k for k, o in enumerate(origin) if o == first), None)
            if i is None or (i and toks[i - 1] in own_cues):
                continue
            lo = max(0, i - 1 - self._FOREIGN_REACH)  # (the cue and at most `_FOREIGN_REACH` words after it)
            near = " " + " ".join([CLAUSE, *toks[lo:]]) + " "
            at = 2 + sum(len(t) + 1 for t in toks[lo:i])  # (the space before token i, as a match begins)
            if rules._negated(near, at):
                return True
        return False

    def _compares(self, canon: str, cue: int, start: int, end: int | None) -> bool:
        """Whether a "never" cue (`[negation].ever`) compares rather than negates: a word of degree
        (`[negation].intensifiers`) between it and the match's end, or right after the match, at most a word between ("I
        never wanted to die so much", "I've never wanted to die more than today", "nunca quise tanto morir", "je
        n'ai jamais eu autant envie de mourir")."""
        if self.degree is None or not any(w in self.scope.ever for w in canon[cue:start].split()):
            return False
        if self.degree.search(canon, cue, (start if end is None else end) + 1):
            return True  # ("nunca quise tanto morir": in the phrase itself too)
        return end is not None and self.degree_after.match(canon, end) is not None

    def _in_jest(self, canon: str, start: int, end: int) -> bool:
        """Whether a hyperbole marker (a laugh, an emoji of laughter, "if I have to redo this deck") is said in the
        match's clause or the one after it ("I'll kill myself, if I have to sit through this again"), or makes up
        the clause right before it on its own ("lol. i want to die")."""
        if not self.hyperbole:
            return False
        mark = f" {CLAUSE} "
        lo, hi = canon.rfind(mark, 0, start), canon.find(mark, end)
        after = canon.find(mark, hi + 2) if hi + len(mark) < len(canon) else hi  # (the end of the next clause)
        if any(h.regex.search(canon, lo + 2, after + 1) for h in self.hyperbole
               if h.needs is None or h.needs.search(canon)):
            return True  # (a marker with `needs`, a laugh, counts only beside a task or a game said in the message)
        before = canon[canon.rfind(mark, 0, lo) + 2:lo + 1] if lo > 0 else ""
        return bool(before.strip()) and self._only_markers(before)

    def _about_topic(self, canon: str, start: int, end: int) -> bool:
        """Whether a topic marker ("prevention", "documentary", "statistics") is said in the match's own clause:
        the word is then most often about the subject, not the writer ("suicide prevention workshop")."""
        mark = f" {CLAUSE} "
        lo, hi = canon.rfind(mark, 0, start), canon.find(mark, end)
        return any(t.regex.search(canon, lo + 2, hi + 1) for t in self.topic)

    def _only_markers(self, clause: str) -> bool:
        for h in (h for h in self.hyperbole if h.needs is None):
            clause = h.regex.sub("", clause)
        return not clause.strip()

    @staticmethod
    def _outweighs(fs: int, fe: int, start: int, end: int) -> bool:
        """A figure cancels a match it overlaps, unless the match is the longer, wider phrase."""
        if fe <= start or fs >= end:
            return False
        inside = fs >= start and fe <= end and (fe - fs) < (end - start)
        return not inside


class AllRules:
    """The phrase rules of every language Hearth has a phrase file for, checked together: people mix
    languages, and the screen doesn't guess which one a message is in. English is required; the rest are
    read when present (`content/safety/<language>.toml`)."""

    def __init__(self, by_language: dict[str, PhraseRules]) -> None:
        self.by_language = by_language

    @classmethod
    def load(cls, content_dir: Path | None = None, kept: Path | None = None) -> "AllRules":
        """Every language's phrase file, built. `kept`: a folder where rules built from the same files by the
        same code are kept between starts (`bot.safety.built`): read from there when they are, else built and
        kept there."""
        from bot.language import LANGUAGES
        from bot.safety import built

        folder = Path(content_dir or default_content_dir()) / "safety"
        present = ["en", *(lang for lang in LANGUAGES if lang != "en" and (folder / f"{lang}.toml").is_file())]
        paths = [folder / f"{lang}.toml" for lang in present]
        name = built.digest(paths) if kept is not None else None
        if kept is not None and name is not None and (rules := built.read(kept, name, cls)) is not None:
            return rules
        files = [load_phrase_file(path) for path in paths]
        topic = [e for pf in files for e in pf.topic]
        known = _vocabulary([p for pf in files for e in pf.crisis for p in e.patterns])[0]
        rules = cls({lang: PhraseRules.load(content_dir, lang, topic, known, pf) for lang, pf in zip(present, files)})
        if kept is not None and name is not None and built.digest(paths) == name:  # (not if a file changed meanwhile)
            built.write(kept, name, rules)
        return rules

    @property
    def crisis(self) -> list[_Compiled]:
        return [entry for rules in self.by_language.values() for entry in rules.crisis]

    def compile_all(self, between: Callable[[], object] | None = None) -> None:
        """`PhraseRules.compile_all` of every language."""
        for rules in self.by_language.values():
            rules.compile_all(between)

    def check(self, text: str) -> RuleVerdict:
        """The first phrase that counts in any language, in any reading of the text (`readings`); else the first
        one softened by a hyperbole marker, and the first one a negation or figure cancelled. `directed` in either
        case: words telling someone else to harm themselves, in any language."""
        cancelled = softened = directed = None
        for reading in readings(text):
            for rules in self.by_language.values():
                others = tuple(r for r in self.by_language.values() if r is not rules)
                verdict = rules.check(reading, others=others)
                directed = directed or verdict.directed
                if verdict.fired and (directed := directed or self._directed_anywhere(reading)):
                    # (words told to someone else are none of the writer's own: "tu devrais te suicider")
                    verdict = rules.check(reading, {n for r in self.by_language.values() for n in r.told(reading)},
                                          others)
                    directed = directed or verdict.directed
                if verdict.fired:
                    told = {n for r in self.by_language.values() for n in r.told(reading)} if directed else set()
                    return replace(verdict, directed=directed, kind=self.kind_of(reading, told))
                cancelled = cancelled or verdict.cancelled
                softened = softened or verdict.softened
        return RuleVerdict(cancelled=cancelled, softened=softened, directed=directed)

    #: Words that make a verb of the third person the writer's own ("part of me wants to jump", Portuguese "a gente
    #: vai se matar": we): a phrase about someone else said of them is the writer's danger, so never the other kind.
    #: So do the words that say the same of the writer after it ("my friend told me she's been thinking about
    #: suicide, and honestly so have i"; "y la verdad yo también", "et franchement moi aussi", "e eu também",
    #: "und ehrlich gesagt ich auch"); the short ones ("me too", "ich auch", "mir auch") only where they start a
    #: clause of their own, never "it scares me too", "das weiß ich auch".
    _OWN_SUBJECT = re.compile(
        r"\b(?:part of me|parte de m[ií]m?|partie de moi|teil von mir|a gente"
        r"|so have i|so do i|so am i|same here|i do too|i have too|i am too|i feel the same|i feel it too"
        r"|yo tambi[eé]n|yo siento lo mismo|moi aussi|je ressens (?:la m[eê]me chose|pareil)|eu tamb[eé]m"
        r"|eu sinto (?:o mesmo|a mesma coisa)|es mir genauso geht|mir geht(?:'s| es|s)? genauso)\b"
        r"|(?:^|[,.;:!?]|\b(?:and|honestly|tbh|und|ehrlich gesagt|ehrlich)\b)\s*(?:me too|me as well|ich auch|mir auch)\b")

    #: Whose danger wins where phrases of several kinds count: the writer's own, then danger to them from another
    #: person, then someone else's.
    _KIND_ORDER = ("", "harm_from_others", "someone_else")

    def kind_of(self, text: str, told: set[int] | frozenset[int] = frozenset()) -> str:
        """Whose danger the phrases that count in `text` say (`Entry.kind`), in every language: the writer's own
        ("") wins whenever a phrase of theirs counts, unless it lies within a phrase about someone else ("suicid*"
        of English inside Spanish "va a suicidarse"; French "veut se suicider", read by a group of a wish said in
        the third person, which also reads "yo quería morir", and by one of someone else in danger): a phrase of
        theirs beyond it is the writer's. Words that make such a phrase the writer's own (`_OWN_SUBJECT`) keep the
        default. The model knows no kind; where nothing is tagged, the writer's own."""
        heard = [(kind, pieces) for rules in self.by_language.values()
                 for kind, pieces in rules.heard(text, told, tuple(r for r in self.by_language.values()
                                                                   if r is not rules))]
        tagged = [(kind, pieces) for kind, pieces in heard if kind]
        if not tagged or self._OWN_SUBJECT.search(" ".join(text.casefold().split())):
            return ""
        if any(not kind and not any(pieces <= other for _, other in tagged) for kind, pieces in heard):
            return ""
        return min((kind for kind, _ in tagged), key=self._KIND_ORDER.index)

    def _directed_anywhere(self, text: str) -> str | None:
        """The first language's `[[directed]]` group said in `text` (a crisis phrase stops the languages' loop)."""
        return next((d for rules in self.by_language.values()
                     if (d := rules._directed(rules.canonical(text)))), None)


#: Words struck through in chat markup ("~~live~~"): shown crossed out, yet still there to read.
_STRUCK = re.compile(r"~~(?:(?!~~).)+?~~", re.S)


def readings(text: str) -> list[str]:
    """The ways a reader may read `text`: as written, and, where words are struck through, without them. "I want
    to ~~live~~ die" and "I ~~don't~~ want to die" say what is left standing; "~~I want to die~~" says what is
    struck (the markup itself is dropped: `normalise.screening_form`). A phrase that counts in either counts."""
    struck = _STRUCK.sub(" ", text) if "~~" in text else text
    return [text] if struck == text else [text, struck]
