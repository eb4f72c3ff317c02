"""Quality and speed of the crisis screen, on the corpus's frozen test split.

Run: python -m bench screen        (the rows, in a fresh process)
     python -m bench.screen         (the full report, with the model and without: per language, per category)

Quality is measured on the test split only (never trained or tuned on), with
the two answers: `crisis` (recall and precision) and `crisis + gentle`
together (the share of crisis sentences that got at least the gentle word),
in each of the three readings a community can choose (`crisis_screen`):
`model-crisis` (the whole two-stage screen the issue's targets are about),
`model` (Hearth's default: what only the model hears gets the gentle word, so
its crisis answer is the phrases' own) and `phrases` (the rules alone).
Speed is one message at a time through `Screen.check`, as Hearth screens them;
loading is timed from nothing, and memory is the growth of this process.

Check-in answers (`bench/checkin_answers.tsv`) are a held-out set of their
own: the few words members type with their mood in a group check-in, ordinary
ones (good days to grief) and ones in danger, each in the five languages.
They were written apart from the corpus, by someone who had not read it, and
are never trained or tuned on: nothing in `bot/safety` reads them, and a
threshold moved to pass them would make them one more dev split. They answer
how often the screen raises a false alarm on an ordinary answer, and how many
answers in danger it still catches.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import tomllib
from collections import defaultdict
from pathlib import Path
from typing import Any

from bench.common import rss_mb
from bot.content.packs import default_content_dir
from bot.safety.corpus import (ANSWERS_HEADER, LANGUAGES, Answer, Sentence, check_frozen, part, read_answers,
                               read_corpus)
from bot.safety.evaluate import report, tally
from bot.safety.screen import Reading, Screen
from bot.safety.train import dev_parts, ordinary

RECALL, PRECISION, CAUGHT, P99_MS, LOAD_S, GROWTH_MB = 0.95, 0.90, 0.98, 20.0, 2.0, 200.0


#: Short messages written for this check alone, in no corpus file and never trained or tuned on: greetings,
#: thanks and reactions, the shortest ordinary text (session 8 found the model flagging "good morning everyone").
SHORT = ("good morning everyone", "hi all", "thanks!", "see you tomorrow", "night all", "gm", "happy friday!",
         "haha yes", "congrats!!", "good luck today", "have a great weekend", "thank you so much",
         "buenos días a todos", "hasta luego", "gracias!!", "qué bueno jaja", "gute nacht zusammen", "danke dir!",
         "bis morgen", "super, danke", "bonne soirée tout le monde", "à demain", "merci !!", "trop bien",
         "bom dia galera", "valeu!", "até amanhã", "boa, gostei", "xD", "on my way")


#: Written apart from the corpus and never trained or tuned on (see the module's docstring).
CHECKIN_ANSWERS = Path(__file__).with_name("checkin_answers.tsv")
CHECKIN_HEADER = ANSWERS_HEADER
HELD_OUT_OK, HELD_OUT_CRISIS = "check-in answers (held out)", "check-in crisis answers (held out)"
#: A second set in the same format, written independently of the corpus and of `checkin_answers.tsv` (its writer
#: read neither), to calibrate on: thresholds chosen on the corpus's dev split raise more false alarms on answers
#: written apart from it. Reported exactly as the held-out set, as rows of its own; `python -m bot.safety.train`
#: chooses the model's thresholds on it (`bot.safety.train.CALIBRATION`), so it measures them no longer.
CHECKIN_CALIBRATION = Path(__file__).with_name("checkin_calibration.tsv")
CALIBRATION_OK = "calibration check-in answers (independent)"
CALIBRATION_CRISIS = "calibration check-in crisis answers (independent)"


def read_checkin_answers(path: Path = CHECKIN_ANSWERS) -> list[Answer]:
    """The held-out check-in answers (or, given its path, the calibration set), checked by
    `bot.safety.corpus.read_answers`: a malformed row stops the bench rather than quietly shrinking the set it
    reports on."""
    return read_answers(path)


def held_out_rates(screen: Screen, answers: list[Answer], names: tuple[str, str] = (HELD_OUT_OK, HELD_OUT_CRISIS),
                   reading: Reading = "model-crisis") -> dict[str, dict[str, tuple[int, float, float]]]:
    """The ordinary answers and the answers in danger, each overall (`all`) and per language: (n, share
    answered crisis, share answered crisis or gentle), as `flag_rates`. On the crisis answers the two shares
    are the recall of `crisis` and of crisis or gentle. One batch, so each answer is screened once. `names` names
    the ordinary group and the group in danger (the calibration set's rows are named apart)."""
    levels = [r.level for r in screen.check_many([a.text for a in answers], reading)]
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for a, level in zip(answers, levels):
        name = names[1] if a.crisis else names[0]
        groups[name, "all"].append(level)
        groups[name, a.lang].append(level)
    out: dict[str, dict[str, tuple[int, float, float]]] = defaultdict(dict)
    for (name, which), got in groups.items():
        out[name][which] = (len(got), got.count("crisis") / len(got), (len(got) - got.count("ok")) / len(got))
    return dict(out)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _strings(v)]
    if isinstance(value, list):
        return [t for v in value for t in _strings(v)]
    return []


def ordinary_texts(sentences: list[Sentence]) -> dict[str, list[str]]:
    """Text that is not crisis and that the screen will meet every day: the dev split's everyday chat written
    after the first model (ideas `ok3-*`, `ok4-*`: check-in answers, questions, plans, goodbyes, games,
    greetings), `SHORT` (greetings in no corpus file), Hearth's own check-in and reflection prompts (every
    language), the short texts of `content/texts.toml`, and the dev split's reflective answers (`ok6*`). A screen that flags these answers people who are fine, and sends moderators care notes
    about nothing."""
    content = default_content_dir()
    prompts = [p for path in sorted((content / "packs").glob("*.toml"))
               for p in tomllib.loads(path.read_text(encoding="utf-8")).get("prompts", [])]
    texts = [t for t in _strings(tomllib.loads((content / "texts.toml").read_text(encoding="utf-8"))) if len(t) > 3]
    _learnt, dev = dev_parts(sentences)  # (the half of dev the head learnt from tells nothing here)
    chat = [s.text for s, everyday in zip(dev, ordinary(dev)) if everyday]
    reflective = [s.text for s in dev if s.category == "reflective"]
    return {"everyday chat (dev)": chat, "short messages": list(SHORT),
            "Hearth's check-in prompts": [p["text"] for p in prompts if p.get("kind") != "reflection"],
            "Hearth's reflection prompts": [p["text"] for p in prompts if p.get("kind") == "reflection"],
            "Hearth's texts": texts, **({"reflective answers (dev)": reflective} if reflective else {})}


def flag_rates(screen: Screen, groups: dict[str, list[str]], reading: Reading = "model-crisis",
               ) -> dict[str, tuple[int, float, float]]:
    """Per group: (n, share answered crisis, share answered crisis or gentle)."""
    out = {}
    for name, texts in groups.items():
        levels = [r.level for r in screen.check_many(texts, reading)]
        out[name] = (len(texts), levels.count("crisis") / len(texts), (len(texts) - levels.count("ok")) / len(texts))
    return out


def _first_load(kept: Path, model: bool) -> float:
    """Seconds of the first load after an install or a change to the phrase files, in a process of its own: the
    rules are built, and kept in `kept` for the load measured after it, as Hearth's next start finds them
    (`bot.safety.built`)."""
    code = ("import sys, time; from pathlib import Path; from bot.safety.screen import Screen; "
            "t = time.perf_counter(); "
            f"Screen.load(with_model={model}, kept=Path(sys.argv[1])); print(time.perf_counter() - t)")
    done = subprocess.run([sys.executable, "-c", code, str(kept)], capture_output=True, text=True, check=True)
    return float(done.stdout.split()[-1])


def _measure(repeat: int, model: bool = True, readings: tuple[Reading, ...] = ("model-crisis",)) -> dict:
    """Load and speed once for the screen (with the model or without), quality for each of `readings` (keyed by
    reading; without the model only "phrases" means anything)."""
    sentences = read_corpus()
    check_frozen(sentences)
    test = part(sentences, "test")
    with tempfile.TemporaryDirectory() as folder:
        first_s = _first_load(Path(folder), model)
        before = rss_mb()[0]
        t0 = time.perf_counter()
        screen = Screen.load(with_model=model, kept=Path(folder))
        load_s = time.perf_counter() - t0
    screen.compiled()  # (speed in steady state: the first seconds, while the regexes compile, are `screen-start`'s)
    screen.check(test[0].text)
    times = []
    for _ in range(repeat):
        for s in test:
            t = time.perf_counter()
            screen.check(s.text)
            times.append(time.perf_counter() - t)
    times.sort()
    growth = rss_mb()[0] - before
    ordinary = ordinary_texts(sentences)
    held, calibration = read_checkin_answers(), read_checkin_answers(CHECKIN_CALIBRATION)
    quality = {reading: {
        "tallies": tally(test, [r.level for r in screen.check_many([s.text for s in test], reading)]),
        "ordinary": flag_rates(screen, ordinary, reading), "held_out": held_out_rates(screen, held, reading=reading),
        "calibration": held_out_rates(screen, calibration, (CALIBRATION_OK, CALIBRATION_CRISIS), reading)}
        for reading in readings}
    return {"screen": screen, "load_s": load_s, "first_load_s": first_s, "growth_mb": growth, "quality": quality,
            "n": len(test), "p50_ms": times[len(times) // 2] * 1e3, "p99_ms": times[int(len(times) * 0.99)] * 1e3}


#: What each reading is, in the report.
READ_AS = {"model-crisis": "the model's alarm a crisis too (crisis_screen = model-crisis)",
           "model": "what only the model hears gets the gentle word, the crisis answer where it is sure "
                    "(crisis_screen = model, Hearth's default)",
           "phrases": "the phrase rules alone (crisis_screen = phrases, or [safety] model = false)"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.screen", description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="passes over the test split for latency")
    args = parser.parse_args(argv)
    for model, readings in ((True, ("model-crisis", "model")), (False, ("phrases",))):
        m = _measure(args.repeat, model, readings)
        print(f"screen: {m['screen'].which}")
        print(f"test split: {m['n']} sentences; load {m['load_s']:.2f} s (the first after a change to the phrase "
              f"files {m['first_load_s']:.2f} s); RSS +{m['growth_mb']:.0f} MB; "
              f"per message p50 {m['p50_ms']:.2f} ms, p99 {m['p99_ms']:.2f} ms")
        for reading in readings:
            q = m["quality"][reading]
            print(f"\nreading: {READ_AS[reading]}")
            print("\n".join(report(q["tallies"])))
            for name, (n, crisis, concern) in q["ordinary"].items():
                print(f"ordinary text, {name}: {n} texts; crisis {crisis:.1%}, crisis or gentle {concern:.1%}")
            for name, per in [*q["held_out"].items(), *q["calibration"].items()]:
                n, crisis, concern = per["all"]
                print(f"{'ordinary text' if name in (HELD_OUT_OK, CALIBRATION_OK) else 'recall'}, {name}: {n} "
                      f"texts; crisis {crisis:.1%}, crisis or gentle {concern:.1%} ({_per_language(per)})")
        print()
    return 0


def measure(ctx):  # type: ignore[no-untyped-def]
    """The `python -m bench` rows: per-language quality against the targets, then speed."""
    from bench.registry import Measurement, Row

    rules = _measure(1, model=False, readings=("phrases",))["quality"]["phrases"]["tallies"]
    m = _measure(1 if ctx.quick else 3, readings=("model-crisis", "model"))
    t = m["quality"]["model-crisis"]["tallies"]
    rows = [Row("screen rules", round(rules["all"].recall, 3), "crisis recall", target="— (crisis_screen = phrases)",
                notes="per language " + ", ".join(f"{lang} {rules[lang].recall:.2f}" for lang in LANGUAGES)
                + f"; precision {rules['all'].precision:.3f}")]
    for lang in LANGUAGES:
        q = t[lang]
        ok = q.recall >= RECALL and q.precision >= PRECISION and q.caught_share >= CAUGHT
        rows.append(Row(f"screen model {lang}", round(q.recall, 3), "crisis recall", target=(
            f"recall ≥ {RECALL} at precision ≥ {PRECISION}; crisis+gentle ≥ {CAUGHT}"), ok=ok, notes=(
            f"precision {q.precision:.3f}, crisis+gentle {q.caught_share:.3f}, n={q.n}")))
    d = m["quality"]["model"]
    rows.append(Row("screen default", round(d["tallies"]["all"].caught_share, 3), "crisis or gentle",
                    target="reported (crisis_screen = model, Hearth's default)", notes=(
        "what only the model hears gets the gentle word; per language "
        + ", ".join(f"{lang} {d['tallies'][lang].caught_share:.2f}" for lang in LANGUAGES)
        + f"; crisis recall {d['tallies']['all'].recall:.3f} (the phrases' own); held-out answers in danger "
        f"{d['held_out'][HELD_OUT_CRISIS]['all'][2]:.3f}, ordinary held-out answers given a word "
        f"{d['held_out'][HELD_OUT_OK]['all'][2]:.1%}, everyday chat "
        f"{d['ordinary']['everyday chat (dev)'][2]:.1%}")))
    m = {**m, **m["quality"]["model-crisis"]}
    n, crisis, concern = _pooled(m["ordinary"])
    rows.append(Row("screen ordinary", round(100 * crisis, 1), "% flagged crisis", target="reported", notes=(
        f"{n} ordinary texts (dev everyday chat, short messages, Hearth's prompts and texts); crisis or gentle "
        f"{concern:.1%}; "
        + "; ".join(f"{k} {c:.1%}/{g:.1%}" for k, (_, c, g) in m["ordinary"].items()))))
    ok_rates, crisis_rates = m["held_out"][HELD_OUT_OK], m["held_out"][HELD_OUT_CRISIS]
    rows.append(Row("screen check-in answers", round(100 * ok_rates["all"][1], 1), "% flagged crisis",
                    target="reported", notes=(
        f"held out, never trained or tuned on: {ok_rates['all'][0]} ordinary check-in answers; crisis or gentle "
        f"{ok_rates['all'][2]:.1%}; per language {_per_language(ok_rates)}")))
    rows.append(Row("screen check-in crisis", round(crisis_rates["all"][1], 3), "crisis recall", target="reported",
                    notes=(f"held out: {crisis_rates['all'][0]} check-in answers in danger; crisis or gentle "
                           f"{crisis_rates['all'][2]:.3f}; per language {_per_language(crisis_rates)}")))
    ok_rates, crisis_rates = m["calibration"][CALIBRATION_OK], m["calibration"][CALIBRATION_CRISIS]
    rows.append(Row("screen calibration answers", round(100 * ok_rates["all"][1], 1), "% flagged crisis",
                    target="reported", notes=(
        f"{CALIBRATION_OK}: {ok_rates['all'][0]} ordinary check-in answers; crisis or gentle "
        f"{ok_rates['all'][2]:.1%}; per language {_per_language(ok_rates)}")))
    rows.append(Row("screen calibration crisis", round(crisis_rates["all"][1], 3), "crisis recall",
                    target="reported", notes=(
        f"{CALIBRATION_CRISIS}: {crisis_rates['all'][0]} check-in answers in danger; crisis or gentle "
        f"{crisis_rates['all'][2]:.3f}; per language {_per_language(crisis_rates)}")))
    rows.append(Row("screen p99", round(m["p99_ms"], 2), "ms per message", limit=P99_MS, target=f"≤ {P99_MS:g} ms",
                    ok=m["p99_ms"] <= P99_MS, notes=f"p50 {m['p50_ms']:.2f} ms; {m['screen'].which}"))
    rows.append(Row("screen load", round(m["load_s"], 2), "s", limit=LOAD_S, target=f"≤ {LOAD_S:g} s, ≤ "
                    f"{GROWTH_MB:g} MB", ok=m["load_s"] <= LOAD_S and m["growth_mb"] <= GROWTH_MB,
                    notes=f"RSS +{m['growth_mb']:.0f} MB; a start with the rules kept from the last (bot.safety.built); "
                          f"the first after an install or a change to the phrase files {m['first_load_s']:.2f} s"))
    return Measurement(rows)


def _per_language(per: dict[str, tuple[int, float, float]]) -> str:
    """`en 1.3%/4.0%, es …`: crisis / crisis or gentle, per language."""
    return ", ".join(f"{lang} {per[lang][1]:.1%}/{per[lang][2]:.1%}" for lang in LANGUAGES if lang in per)


def _pooled(rates: dict[str, tuple[int, float, float]]) -> tuple[int, float, float]:
    n = sum(r[0] for r in rates.values())
    return n, sum(r[0] * r[1] for r in rates.values()) / n, sum(r[0] * r[2] for r in rates.values()) / n


if __name__ == "__main__":
    raise SystemExit(main())
