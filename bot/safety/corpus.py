"""The crisis screen's labelled corpus: sentences written for Hearth, in five languages.

Each *idea* is one meaning written in en, es, de, fr and pt. Splits are made by
idea, so a sentence's translations never sit on both sides of a split (the model
would otherwise be tested on what it was trained on, in another language). The
split is a pure function of each idea's id; the test
split is frozen by a manifest (`test-split.txt`) written before any training,
and `check_frozen` refuses a corpus whose test rows changed since.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Literal, NamedTuple

from bot.content.packs import default_content_dir
from bot.errors import HearthError

LANGUAGES = ("en", "es", "de", "fr", "pt")
CRISIS_CATEGORIES = ("ideation-direct", "ideation-passive", "plan-means", "farewell", "self-harm",
                     "danger-other", "slang-misspelling", "someone-else", "veiled", "mixed")
OK_CATEGORIES = ("hyperbole", "idiom", "literal-means", "negation", "topic", "recovery", "grief",
                 "help-seeking", "low-mood", "everyday", "games", "reflective")
#: Categories first written after the test split was frozen: only train and dev have them. `someone-else`: a
#: friend or relative in danger now; `veiled`: a farewell or plan said without a word of death; `mixed`: crisis
#: inside ordinary chat; `games`: deaths and kills in games and stories; `reflective`: honest answers to, and
#: questions like, Hearth's own reflection and check-in prompts (feelings, trust, boundaries, apologies).
LATER_CATEGORIES = ("someone-else", "veiled", "mixed", "games", "reflective")
HEADER = "idea\tlang\tlabel\tcategory\ttext"
#: Check-in answer sets (the benchmark's held-out set, and the calibration set training chooses thresholds on) have
#: no category: one label per idea, each idea in the five languages.
ANSWERS_HEADER = "idea\tlang\tlabel\ttext"
MANIFEST = "test-split.txt"
Split = Literal["train", "dev", "test"]


class CorpusError(HearthError, ValueError):
    """A corpus file is malformed, or the frozen test split was changed."""


@dataclass(frozen=True)
class Sentence:
    idea: str
    lang: str
    crisis: bool
    category: str
    text: str


def corpus_dir(content_dir: Path | None = None) -> Path:
    return Path(content_dir or default_content_dir()) / "safety" / "corpus"


def read_corpus(directory: Path | None = None) -> list[Sentence]:
    """Every sentence of every `*.tsv` in the corpus folder, checked: five languages per idea, one label."""
    directory = directory or corpus_dir()
    out: list[Sentence] = []
    for path in sorted(directory.glob("*.tsv")):
        out += _read_file(path)
    by_idea: dict[str, list[Sentence]] = defaultdict(list)
    for s in out:
        by_idea[s.idea].append(s)
    for idea, rows in by_idea.items():
        if sorted(r.lang for r in rows) != sorted(LANGUAGES):
            raise CorpusError(f"idea {idea}: needs exactly one sentence in each of {', '.join(LANGUAGES)}")
        if len({(r.crisis, r.category) for r in rows}) != 1:
            raise CorpusError(f"idea {idea}: its sentences disagree on label or category")
    return out


def _read_file(path: Path) -> list[Sentence]:
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0] != HEADER:
        raise CorpusError(f"{path.name}: the first line must be {HEADER!r}")
    out = []
    for n, line in enumerate(lines[1:], 2):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 5:
            raise CorpusError(f"{path.name}:{n}: expected 5 tab-separated fields, found {len(fields)}")
        idea, lang, label, category, text = fields
        allowed = CRISIS_CATEGORIES if label == "crisis" else OK_CATEGORIES if label == "ok" else ()
        if lang not in LANGUAGES or category not in allowed or not text.strip():
            raise CorpusError(f"{path.name}:{n}: unknown language, label or category, or no text")
        out.append(Sentence(idea, lang, label == "crisis", category, text))
    return out


class Answer(NamedTuple):
    idea: str
    lang: str
    crisis: bool
    text: str


def read_answers(path: Path) -> list[Answer]:
    """A set of check-in answers, checked as the corpus is: every idea in each of the five languages once, one
    label per idea (`ok` or `crisis`), no empty text. A malformed row stops the reader rather than quietly
    shrinking the set that thresholds are chosen on or figures are reported on."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0] != ANSWERS_HEADER:
        raise CorpusError(f"{path.name}: the first line must be {ANSWERS_HEADER!r}")
    answers, labels, langs = [], {}, defaultdict(list)
    for number, line in enumerate(lines[1:], start=2):
        fields = line.split("\t")
        if len(fields) != 4 or fields[2] not in ("ok", "crisis") or fields[1] not in LANGUAGES or not fields[3].strip():
            raise CorpusError(f"{path.name}:{number}: want idea, language, ok|crisis and a text: {line!r}")
        idea, lang, label, text = fields
        if labels.setdefault(idea, label) != label:
            raise CorpusError(f"{path.name}:{number}: {idea} is labelled both ok and crisis")
        langs[idea].append(lang)
        answers.append(Answer(idea, lang, label == "crisis", text))
    for idea, seen in langs.items():
        if sorted(seen) != sorted(LANGUAGES):
            raise CorpusError(f"{path.name}: {idea} has languages {', '.join(seen)}, "
                              f"not each of {', '.join(LANGUAGES)}")
    return answers


def split_of(sentences: Iterable[Sentence], frozen: set[str] | None = None) -> dict[str, Split]:
    """Idea -> split, from the idea's id alone (a fifth test, a fifth dev, the rest train).

    A pure function of the id, so adding ideas never moves an existing one between splits. Once the test
    split is frozen (`frozen`: the manifest's ideas), it is exactly those ideas: an idea written later whose
    id falls in the test fifth goes to dev, so the test split never grows after training began.
    """
    frozen = frozen_ideas() if frozen is None else frozen
    out: dict[str, Split] = {}
    for s in sentences:
        bucket = int(hashlib.sha256(s.idea.encode()).hexdigest(), 16) % 5
        if frozen:
            out[s.idea] = "test" if s.idea in frozen else "dev" if bucket in (0, 1) else "train"
        else:
            out[s.idea] = "test" if bucket == 0 else "dev" if bucket == 1 else "train"
    return out


def frozen_ideas(directory: Path | None = None) -> set[str]:
    """The ideas the manifest froze as the test split (empty before it is written)."""
    path = (directory or corpus_dir()) / MANIFEST
    if not path.is_file():
        return set()
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.split("\t", 1)[0] for line in lines if line and not line.startswith("#")}


def part(sentences: list[Sentence], split: Split) -> list[Sentence]:
    splits = split_of(sentences)
    return [s for s in sentences if splits[s.idea] == split]


def manifest_of(sentences: list[Sentence], frozen: set[str] | None = None) -> str:
    """One line per test idea with a digest of its five sentences; the file that freezes the test split."""
    rows: dict[str, list[Sentence]] = defaultdict(list)
    splits = split_of(sentences, frozen)
    for s in (s for s in sentences if splits[s.idea] == "test"):
        rows[s.idea].append(s)
    lines = ["# The frozen test split: never train or tune on these ideas; a changed digest fails the tests."]
    for idea in sorted(rows):
        body = "\n".join(f"{s.lang}\t{s.crisis}\t{s.category}\t{s.text}" for s in sorted(rows[idea],
                                                                                         key=lambda s: s.lang))
        lines.append(f"{idea}\t{hashlib.sha256(body.encode()).hexdigest()[:16]}")
    return "\n".join(lines) + "\n"


def check_frozen(sentences: list[Sentence], directory: Path | None = None) -> None:
    """Refuse a corpus whose test split differs from the frozen manifest (an idea added, moved or edited)."""
    path = (directory or corpus_dir()) / MANIFEST
    if not path.is_file():
        raise CorpusError(f"{path}: no frozen test split; write it once with `python -m bot.safety.train --freeze`")
    if path.read_text(encoding="utf-8") != manifest_of(sentences, frozen_ideas(directory)):
        raise CorpusError(f"{path}: the test split changed since it was frozen (ideas added, removed or edited)")
