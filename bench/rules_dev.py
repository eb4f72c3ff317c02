"""The phrase rules alone on the corpus's train and dev splits, and on text you give it (not a row).

Run: python -m bench.rules_dev                      (recall and precision per language and category, false alarms)
     python -m bench.rules_dev --out levels.tsv     (also every sentence's level, to compare two trees)
     python -m bench.rules_dev --diff old.tsv       (rows whose level moved since old.tsv: a change to the rules
                                                     should raise crisis rows and leave ok rows ok)
     python -m bench.rules_dev --probe a.txt b.txt  (only the lines of these files the rules do not answer ok)

Rules are written from train and dev misses, so these figures measure fit, not what the rules will do with text
they have never seen: the frozen test split (`python -m bench screen`) and the held-out check-in answers do that.
A new phrase's everyday meanings are not in the corpus either; `--probe` reads everyday sentences written apart
(one a line, any language) and prints the ones the rules raise, so each new group is tried on plain talk before
it lands. Nothing here reads the test split.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bench.screen import flag_rates, ordinary_texts
from bot.safety.corpus import Sentence, part, read_corpus
from bot.safety.evaluate import report, tally
from bot.safety.screen import Screen

HEADER = "idea\tlang\tcrisis\tcategory\tlevel\ttext"


def _levels(screen: Screen, sentences: list[Sentence]) -> list[str]:
    return [r.level for r in screen.check_many([s.text for s in sentences], "phrases")]


def _write(path: Path, sentences: list[Sentence], levels: list[str]) -> None:
    rows = [f"{s.idea}\t{s.lang}\t{s.crisis}\t{s.category}\t{level}\t{s.text}" for s, level in zip(sentences, levels)]
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")


def _read(path: Path) -> dict[tuple[str, str], tuple[str, str, str]]:
    """(idea, lang) -> (crisis, level, text) from a file `--out` wrote."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        idea, lang, crisis, _category, level, text = line.split("\t", 5)
        out[idea, lang] = (crisis, level, text)
    return out


def diff(old: Path, sentences: list[Sentence], levels: list[str]) -> list[str]:
    """A line per sentence whose level moved; ok rows raised and crisis rows lowered first (the ones to fix)."""
    before = _read(old)
    bad, good = [], []
    rank = {"ok": 0, "gentle": 1, "crisis": 2}
    for s, level in zip(sentences, levels):
        was = before.get((s.idea, s.lang), (None, None, None))[1]
        if was is None or was == level:
            continue
        worse = rank[level] > rank[was] if not s.crisis else rank[level] < rank[was]
        (bad if worse else good).append(f"{'WORSE' if worse else 'better'}\t{s.idea}\t{s.lang}\t"
                                        f"{'crisis' if s.crisis else 'ok'}\t{was} -> {level}\t{s.text}")
    return bad + good


def probe(screen: Screen, paths: list[Path]) -> list[str]:
    lines = [(p.name, line.strip()) for p in paths for line in p.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    results = screen.check_many([text for _, text in lines], "phrases")
    return [f"{r.level}\t{name}\t{r.reason}\t{text}" for (name, text), r in zip(lines, results) if r.level != "ok"] + \
        [f"{sum(r.level != 'ok' for r in results)} of {len(lines)} lines raised "
         f"({sum(r.level == 'crisis' for r in results)} crisis)"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.rules_dev", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, help="write every train + dev sentence with its level here")
    parser.add_argument("--diff", type=Path, help="print the rows whose level moved since this --out file")
    parser.add_argument("--probe", type=Path, nargs="+", help="print the lines of these files not answered ok")
    args = parser.parse_args(argv)
    screen = Screen.load(with_model=False)
    if args.probe:
        print("\n".join(probe(screen, args.probe)))
        return 0
    sentences = read_corpus()
    sentences = part(sentences, "train") + part(sentences, "dev")
    levels = _levels(screen, sentences)
    print("\n".join(report(tally(sentences, levels))))
    false_alarms = [f"  {s.idea}\t{s.lang}\t{s.category}\t{s.text}" for s, level in zip(sentences, levels)
                    if not s.crisis and level == "crisis"]
    print(f"\nfalse alarms ({len(false_alarms)}):", *false_alarms, sep="\n")
    print("\nordinary text answered crisis / crisis or gentle:")
    for name, (n, crisis, raised) in flag_rates(screen, ordinary_texts(read_corpus())).items():
        print(f"  {name:32} {n:>5}  {crisis:6.2%}  {raised:6.2%}")
    if args.out:
        _write(args.out, sentences, levels)
    if args.diff:
        moved = diff(args.diff, sentences, levels)
        print(f"\n{len(moved)} rows moved since {args.diff}:", *moved, sep="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
