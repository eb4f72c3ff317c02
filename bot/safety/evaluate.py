"""How well a screen does on labelled sentences: per language and per category.

Shared by training (to choose thresholds on the dev split), the benchmark (to
report the frozen test split) and the tests.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from bot.safety.corpus import LANGUAGES, Sentence


@dataclass
class Tally:
    """Confusion counts for crisis-level answers, and how many crisis sentences got at least a gentle word."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    caught: int = 0  # crisis sentences answered crisis or gentle
    gentle_ok: int = 0  # ok sentences answered gentle (a kind word they did not need)

    def add(self, crisis: bool, level: str) -> None:
        hit = level == "crisis"
        self.tp += crisis and hit
        self.fn += crisis and not hit
        self.fp += hit and not crisis
        self.tn += not hit and not crisis
        self.caught += crisis and level != "ok"
        self.gentle_ok += not crisis and level == "gentle"

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def caught_share(self) -> float:
        """Crisis plus gentle, together, over the crisis sentences."""
        return self.caught / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.fn + self.tn


def tally(sentences: Iterable[Sentence], levels: Iterable[str]) -> dict[str, Tally]:
    """Tallies keyed "all", each language, and "category:<name>"."""
    out: dict[str, Tally] = defaultdict(Tally)
    for s, level in zip(sentences, levels, strict=True):
        for key in ("all", s.lang, f"category:{s.category}"):
            out[key].add(s.crisis, level)
    return out


def report(tallies: dict[str, Tally]) -> list[str]:
    """Lines for people: a row per language, then per category. A category of ok sentences has no recall or
    precision of its own; its row shows how many of them got the alarm (crisis) or the gentle word."""
    lines = [f"{'':20} {'n':>5} {'recall':>7} {'precision':>9} {'crisis+gentle':>13} {'ok→crisis':>9} "
             f"{'ok→gentle':>9}"]
    keys = ["all", *[lang for lang in LANGUAGES if lang in tallies],
            *sorted(k for k in tallies if k.startswith("category:"))]
    for key in keys:
        t = tallies[key]
        name = key.removeprefix("category:")
        has_crisis = t.tp + t.fn > 0
        recall = f"{t.recall:>7.3f}" if has_crisis else f"{'—':>7}"
        precision = f"{t.precision:>9.3f}" if t.tp + t.fp and key in ("all", *LANGUAGES) else f"{'—':>9}"
        caught = f"{t.caught_share:>13.3f}" if has_crisis else f"{'—':>13}"
        lines.append(f"{name:20} {t.n:>5} {recall} {precision} {caught} {t.fp:>9} {t.gentle_ok:>9}")
    return lines
