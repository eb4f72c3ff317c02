"""Turn what someone typed into a canonical token stream the screen can match.

People in distress do not type carefully: curly apostrophes, CAPS, "dieeee",
"k1ll", "sucide", "wanna", stray spaces. Matching on a canonical form lets a
short, readable phrase list catch all of those spellings at once. The same
function canonicalises the phrase list itself, so both sides always agree.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

JOINED_MIN = 7
"""The shortest token `Normaliser.unjoin` tries to split."""

CLAUSE = "#"
"""Token that marks a clause boundary; negation never reaches across it."""

_APOSTROPHES = dict.fromkeys(map(ord, "'’‘ʼʻ`´′‛＇"), None)
#: An apostrophe before a letter outside a-z: the elided word stays a word of its own ("j'écris" -> j écris,
#: "jusqu'à" -> jusqu à, "s'épuise" -> s épuise), as the phrase lists write it; before a-z the two fuse ("j'ai"
#: -> jai, "m'en" -> men).
_ELIDED = re.compile(r"['’‘ʼʻ`´′‛＇](?=[^\W\da-z_])")
_ELLIPSIS = re.compile(r"\.{2,}|\u2026")
"""A trailing-off pause ("I...want...to...die") joins words rather than ending a clause."""
_CLAUSE_PUNCT = re.compile(r"[.!?;:,()\[\]{}\n\r\u2014\u2013]+|\s-\s|\bbut\b|\bthough\b")
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"})
_WORDISH = re.compile(r"(?:[^\W_]|[@$])+")
#: A word is a run of letters and digits of any alphabet ("märz", "não", "ça", "straße" as NFKC and case-folding
#: leave it): a letter outside a-z used to cut a word into pieces ("m ä rz"), so `...` counted the pieces and
#: a phrase written over them missed where it looked covered. Anything else is one character (a symbol, an emoji).
_TOKEN = re.compile(r"[^\W_]+|[^\s\w]|_")
_RUNS = re.compile(r"([^\W\d_])\1+")
_SPACED = re.compile(r"(?<![^\W\d_])[^\W\d_](?:(?: {2,}|[ .\-_*·])[^\W\d_])+(?![^\W\d_])")
"""Single letters with a space, dot, dash or star between them ("d i e", "k.i.l.l"): words typed apart, often
to slip past a filter. Two or more spaces between letters part words typed apart ("w a n t  t o  d i e")."""
_SPACED_SEP = re.compile(r"[ .\-_*·]")


def _unspace(match: re.Match[str]) -> str:
    """Letters typed apart, joined into one token (which `Normaliser.unjoin` splits back into phrase words:
    "iwanttodie"): three or more letters with one separator between each, or, where wider gaps part the words,
    several words of which one has two letters or more ("w a n t  t o  d i e"); else the text as it was ("a b",
    "x  y  z")."""
    groups = re.split(r" {2,}", match.group(0))
    words = [_SPACED_SEP.sub("", g) for g in groups]
    joined = "".join(words)
    if len(groups) == 1:
        return joined if len(joined) >= 3 else match.group(0)
    return joined if len(joined) >= 3 and any(len(w) >= 2 for w in words) else match.group(0)


def squeeze(token: str) -> str:
    """Collapse every run of a repeated character: "dieeee"→"die", "kill"→"kil".

    Applied to text and phrases alike, so it also absorbs doubled-letter typos
    ("kil myself", "suicde" aside) without a dictionary.
    """
    return _RUNS.sub(r"\1", token)


def _deleet(match: re.Match[str]) -> str:
    word = match.group(0)
    if re.search(r"[^\W\d_]", word) and re.search(r"[0-9@$]", word):
        return word.translate(_LEET)
    return word


#: Letters of other scripts that look like Latin ones, typed (or pasted) to slip a word past a filter: "і want to
#: dіe" with a Cyrillic і. Hearth's five languages write in Latin letters, so a Cyrillic or Greek look-alike is
#: read as the Latin letter it looks like (fullwidth and mathematical letters NFKC already folds).
_LOOKALIKES = str.maketrans({
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t",
    "у": "y", "х": "x", "і": "i", "ї": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l",
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u",
    "χ": "x", "ω": "w", "ϲ": "c", "ϳ": "j", "ı": "i", "ɑ": "a", "ɡ": "g", "ο": "o",
})
#: Chat markup inside or around a word: Discord's spoiler bars ("I want to ||die||", "d||ie"), bold, underline and
#: strike marks ("**die**", "__die__", "~~die~~") and a lone star or underscore ("d*ie", "d_ie"). The marks hide
#: nothing from a reader, so the screen reads the letters without them. (Backticks are dropped with apostrophes.)
_MARKUP = re.compile(r"[|~*_]+")
#: "!" for an "i" between letters ("k!ll", "d!e"), as "1" is (`_LEET`); at a word's end it still ends a clause.
_BANG_I = re.compile(r"(?<=[^\W\d_])!(?=[^\W\d_])")


def screening_form(text: str) -> str:
    """`text` as the screen reads it: format characters (Unicode category Cf: zero-width space, joiners, soft
    hyphen, word joiner, BOM, direction marks) dropped, as a reader never sees them and they cut a word apart
    ("d\u200bie", trial 20); NFKC, case-folded; every combining mark dropped when the text was typed with
    any (an accent typed apart from its letter, "di\u0301e", or marks stacked on letters: keyboards type an
    accented letter whole, so a mark apart is most often there to break a word); Cyrillic and Greek look-alikes
    read as Latin letters; chat markup removed; "!" between letters read as "i". Only for screening: what is
    stored and shown is never changed."""
    if any(unicodedata.category(ch) == "Cf" for ch in text):
        text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    if any(unicodedata.combining(ch) for ch in text):
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    text = unicodedata.normalize("NFKC", text).casefold().translate(_LOOKALIKES)
    return _BANG_I.sub("i", _MARKUP.sub("", text))


def _is_symbol(ch: str) -> bool:
    return unicodedata.category(ch).startswith("S")


def raw_tokens(text: str) -> list[str]:
    """Lower-cased, apostrophe-free, de-leeted, squeezed tokens with clause marks.

    Emoji and other symbols survive as one-character tokens (a figure of
    speech like "I'm dead 😂" needs them); other punctuation is dropped.
    """
    return [tok for tok, _ in raw_pieces(text)]


@lru_cache(maxsize=256)  # (every language's rules read the same message, some twice: `PhraseRules._canonical`)
def raw_pieces(text: str) -> tuple[tuple[str, bool], ...]:
    """`typed_pieces` without the tokens as typed."""
    return tuple((tok, glued) for tok, glued, _ in typed_pieces(text))


#: A run of three or more of one letter: typed for emphasis ("peroooo"), never a letter of the word. A run of two
#: may be ("perro", "dog"), so squeezing it may make another word ("pero", "but").
_EMPHASIS = re.compile(r"([^\W\d_])\1{2,}")


def emphasis_dropped(token: str) -> str:
    """`token` with only its runs of three or more letters collapsed ("peroooo" -> "pero"; "perro" stays)."""
    return _EMPHASIS.sub(r"\1", token)


@lru_cache(maxsize=256)
def typed_pieces(text: str) -> tuple[tuple[str, bool, str], ...]:
    """`raw_tokens`, each with whether it is a piece of a longer word, and as typed. A word is the letters and
    digits of any alphabet together ("téléphone", "märz": `_TOKEN`); a piece is what a character that is no
    letter, digit or separator cuts from one (a combining mark of a script NFKC leaves apart), and no word of its
    own, so no alias, typo or join is read into it (`Normaliser.tokens`: French `tt = "tout"` must not make a
    piece "tt" "tout")."""
    text = _ELIDED.sub(" ", screening_form(text)).translate(_APOSTROPHES)
    text = _SPACED.sub(_unspace, text)
    text = _ELLIPSIS.sub(" ", text)
    text = _CLAUSE_PUNCT.sub(f" {CLAUSE} ", text)
    text = _WORDISH.sub(_deleet, text)
    out: list[tuple[str, bool, str]] = []
    for m in _TOKEN.finditer(text):
        tok = m.group(0)
        if tok == CLAUSE:
            if out and out[-1][0] != CLAUSE:
                out.append((CLAUSE, False, CLAUSE))
        elif tok[0].isalnum() or _is_symbol(tok):
            start, end = m.span()
            glued = tok.isalpha() and ((start > 0 and text[start - 1].isalpha()) or
                                       (end < len(text) and text[end].isalpha()))
            out.append((squeeze(tok), glued, tok))
    while out and out[-1][0] == CLAUSE:
        out.pop()
    return tuple(out)


def _edits1(word: str) -> set[str]:
    """Every string one deletion, transposition, substitution or insertion away."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in letters}
    out |= {a + c + b for a, b in splits for c in letters}
    return {squeeze(w) for w in out}


@dataclass
class Normaliser:
    """Canonicalises text; configured by the `[normalise]` table of a phrase file."""

    aliases: dict[str, list[str]] = field(default_factory=dict)
    vocabulary: frozenset[str] = frozenset()
    """The phrase list's own words: a long unknown token made of them alone is those words typed without spaces
    ("iwanttodie" -> i want to die). Set by the phrase rules once they are read."""
    stems: tuple[str, ...] = ()
    """The phrase list's `word*` prefixes: a token starting with one is a word of its own ("suicidal"), not a join."""
    known: frozenset[str] = frozenset()
    """Words never split, beyond `vocabulary`: every language's phrase words ("matarme" is Spanish, not Portuguese
    "matar me")."""
    """The phrase list's `word*` prefixes: a token starting with one is a word of its own ("suicidal"), not a join."""
    phrases: list[tuple[list[str], list[str]]] = field(default_factory=list)
    fuzzy: dict[str, str] = field(default_factory=dict)
    clause_words: frozenset[str] = frozenset()
    """The aliases that end a clause (Spanish `pero = "#"`), as written: read only from a token typed so, or with
    letters drawn out ("peroooo"), never from one that squeezing made one ("perro", "dog", squeezes to "pero")."""

    @classmethod
    def build(cls, aliases: dict[str, str], phrases: dict[str, str], fuzzy: list[str],
              real_words: list[str]) -> "Normaliser":
        """Precompute alias, multi-word and one-typo-away lookups."""
        norm = cls()
        protected = {squeeze(w) for w in real_words}
        for term in fuzzy:
            canon = squeeze(term)
            for variant in sorted(_edits1(canon)):
                if variant not in protected and variant != canon:
                    norm.fuzzy.setdefault(variant, canon)
        canonical = set(norm.fuzzy.values())  # a set: `in dict.values()` made this quadratic (0.3 s at first use)
        norm.fuzzy = {k: v for k, v in norm.fuzzy.items() if k not in canonical}
        norm.aliases = {squeeze(k): [squeeze(t) for t in v.split()] for k, v in aliases.items()}
        norm.clause_words = frozenset(k.casefold() for k, v in aliases.items() if CLAUSE in v.split())
        pairs = [([squeeze(t) for t in k.split()], [squeeze(t) for t in v.split()]) for k, v in phrases.items()]
        norm.phrases = sorted((kv for kv in pairs if kv[0] != kv[1]), key=lambda kv: -len(kv[0]))
        return norm

    def tokens(self, text: str, joins: frozenset[str] | None = None) -> list[str]:
        """The canonical token stream of `text`, with `#` between clauses. `joins`: the only tokens split as words
        run together (`unjoin`); None: every one that can be (`PhraseRules.check` keeps those a crisis phrase is
        made of: "iwanttodie", never "another" as "an not her")."""
        return self.traced(text, joins)[0]

    def traced(self, text: str, joins: frozenset[str] | None = None) -> tuple[list[str], list[int]]:
        """`tokens`, and for each token the index of the `raw_pieces` piece it comes from: where words told to
        someone else stand, whatever each language's aliases make of them (`AllRules.check`)."""
        toks: list[str] = []
        origin: list[int] = []
        for n, (tok, glued, typed) in enumerate(typed_pieces(text)):
            if glued:  # (a piece of a longer word: no alias, typo or join inside a word)
                toks.append(tok)
                origin.append(n)
                continue
            tok = self.fuzzy.get(tok, tok)
            pieces = self.unjoin(tok) if joins is None or tok in joins else [tok]
            for piece in pieces:
                aliased = self.aliases.get(piece, [piece])
                if (CLAUSE in aliased and piece == tok and self.clause_words
                        and emphasis_dropped(typed) not in self.clause_words):
                    aliased = [piece]  # ("perro" is no "pero": squeezing never makes a clause word)
                for alias in aliased:
                    if alias != CLAUSE or (toks and toks[-1] != CLAUSE):  # (`pero = "#"`: a clause ends here)
                        toks.append(alias)
                        origin.append(n)
        while toks and toks[-1] == CLAUSE:
            toks.pop()
            origin.pop()
        if not self.phrases:
            return toks, origin
        by_first = self._phrases_by_first()
        out: list[str] = []
        where: list[int] = []
        i = 0
        while i < len(toks):
            for src, dst in by_first.get(toks[i], ()):
                if toks[i:i + len(src)] == src:
                    out.extend(dst)
                    where.extend([origin[i]] * len(dst))
                    i += len(src)
                    break
            else:
                out.append(toks[i])
                where.append(origin[i])
                i += 1
        return out, where

    def _phrases_by_first(self) -> dict[str, list[tuple[list[str], list[str]]]]:
        """`phrases` indexed by their first word, each list in `phrases`' own order (longest first), so a token
        is tried only against the phrases that can start with it. Built again whenever `phrases` is replaced."""
        index = self.__dict__.get("_by_first")
        if index is None or index[0] is not self.phrases:
            by_first: dict[str, list[tuple[list[str], list[str]]]] = {}
            for src, dst in self.phrases:
                by_first.setdefault(src[0] if src else "", []).append((src, dst))
            index = self.__dict__["_by_first"] = (self.phrases, by_first)
        return index[1]

    def unjoin(self, tok: str) -> list[str]:
        """`tok` split into the phrase list's words when it is nothing but several of them run together
        ("iwanttodie", "endmylife"), the fewest pieces first; else `tok` itself. A known word, alias, typo or
        stem is left alone, and so is a short token (too many real words are two short ones joined)."""
        if (len(tok) < JOINED_MIN or not self.vocabulary or tok in self.vocabulary or tok in self.known
                or tok in self.aliases or tok in self.fuzzy or tok.startswith(self.stems) or not tok.isalpha()
                or not tok.isascii()):  # (a word with a letter outside a-z is a word of its language: "erschlägt")
            return [tok]
        best: list[list[str] | None] = [[]] + [None] * len(tok)
        for end in range(1, len(tok) + 1):
            for start in range(max(0, end - 20), end):
                head = best[start]
                if head is None:
                    continue
                # (a word may also begin with the letter the last one ended on: squeezing "want to" made "wanto")
                for word in {tok[start:end], tok[start - 1:end] if start else ""} - {""}:
                    phrase_word = word in self.vocabulary or word in self.aliases
                    fewer = best[end] is None or len(head) + 1 < len(best[end])
                    if phrase_word and (len(word) > 1 or word == "i") and fewer:
                        best[end] = [*head, word]
        found = best[-1]
        return found if found and len(found) > 1 else [tok]

    def canonical(self, text: str, joins: frozenset[str] | None = None) -> str:
        """Tokens joined so that every token, clause marks included, sits between spaces."""
        return " " + " ".join([CLAUSE, *self.tokens(text, joins), CLAUSE]) + " "

    def joined(self, text: str) -> dict[str, list[str]]:
        """The tokens of `text` that `unjoin` would split, with their pieces (aliases applied)."""
        out: dict[str, list[str]] = {}
        for tok, glued in raw_pieces(text):
            if glued or tok == CLAUSE:
                continue
            tok = self.fuzzy.get(tok, tok)
            if len(pieces := self.unjoin(tok)) > 1:
                out[tok] = [a for p in pieces for a in self.aliases.get(p, [p])]
        return out


#: A link as Slack sends one with the words shown for it ("<https://x.org/a|a good read>"): the words stay.
_LABELLED_LINK = re.compile(r"<(?:https?://|mailto:)[^|>\s]*\|([^>]*)>")
#: A link's address: its words (a page's "why-i-wanted-to-die-and-what-helped") are no one's own words.
_LINK = re.compile(r"<?(?:https?://|www\.)[^\s>]+>?")


def without_links(text: str) -> str:
    """`text` with each link's address left out (the words a link is shown with stay): a page's address names its
    subject, in words its writer never said of themselves (trial 19: a shared article's address read as a crisis)."""
    if "http" not in text and "www." not in text:
        return text
    return _LINK.sub(" ", _LABELLED_LINK.sub(r"\1", text))

