"""Quality and speed of the crisis screen, on the corpus's frozen test split.

Run: python -m bench screen        (the rows, in a fresh process)
     python -m bench.screen         (the full report, with the model and without: per language, per category)

Quality is measured on the test split only (never trained or tuned on), with
the two answers: `crisis` (recall and precision) and `crisis + gentle`
together (the share of crisis sentences that got at least the gentle word).
Speed is one message at a time through `Screen.check`, as Hearth screens them;
loading is timed from nothing, and memory is the growth of this process.
"""

from __future__ import annotations

import argparse
import time

from bench.common import rss_mb
from bot.safety.corpus import LANGUAGES, check_frozen, part, read_corpus
from bot.safety.evaluate import report, tally
from bot.safety.screen import Screen

RECALL, PRECISION, CAUGHT, P99_MS, LOAD_S, GROWTH_MB = 0.95, 0.90, 0.98, 20.0, 2.0, 200.0


def _measure(repeat: int, model: bool = True) -> dict:
    sentences = read_corpus()
    check_frozen(sentences)
    test = part(sentences, "test")
    before = rss_mb()[0]
    t0 = time.perf_counter()
    screen = Screen.load(with_model=model)
    load_s = time.perf_counter() - t0
    levels = [screen.check(s.text).level for s in test]
    times = []
    for _ in range(repeat):
        for s in test:
            t = time.perf_counter()
            screen.check(s.text)
            times.append(time.perf_counter() - t)
    times.sort()
    return {"screen": screen, "tallies": tally(test, levels), "load_s": load_s, "growth_mb": rss_mb()[0] - before,
            "p50_ms": times[len(times) // 2] * 1e3, "p99_ms": times[int(len(times) * 0.99)] * 1e3, "n": len(test)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.screen", description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="passes over the test split for latency")
    args = parser.parse_args(argv)
    for model in (True, False):
        m = _measure(args.repeat, model)
        print(f"screen: {m['screen'].which}")
        print(f"test split: {m['n']} sentences; load {m['load_s']:.2f} s; RSS +{m['growth_mb']:.0f} MB; "
              f"per message p50 {m['p50_ms']:.2f} ms, p99 {m['p99_ms']:.2f} ms")
        print("\n".join(report(m["tallies"])))
        print()
    return 0


def measure(ctx):  # type: ignore[no-untyped-def]
    """The `python -m bench` rows: per-language quality against the targets, then speed."""
    from bench.registry import Measurement, Row

    rules = _measure(1, model=False)["tallies"]
    m = _measure(1 if ctx.quick else 3)
    t = m["tallies"]
    rows = [Row("screen rules", round(rules["all"].recall, 3), "crisis recall", target="— (the default screen)",
                notes="per language " + ", ".join(f"{lang} {rules[lang].recall:.2f}" for lang in LANGUAGES)
                + f"; precision {rules['all'].precision:.3f}")]
    for lang in LANGUAGES:
        q = t[lang]
        ok = q.recall >= RECALL and q.precision >= PRECISION and q.caught_share >= CAUGHT
        rows.append(Row(f"screen model {lang}", round(q.recall, 3), "crisis recall", target=(
            f"recall ≥ {RECALL} at precision ≥ {PRECISION}; crisis+gentle ≥ {CAUGHT}"), ok=ok, notes=(
            f"precision {q.precision:.3f}, crisis+gentle {q.caught_share:.3f}, n={q.n}")))
    rows.append(Row("screen p99", round(m["p99_ms"], 2), "ms per message", limit=P99_MS, target=f"≤ {P99_MS:g} ms",
                    ok=m["p99_ms"] <= P99_MS, notes=f"p50 {m['p50_ms']:.2f} ms; {m['screen'].which}"))
    rows.append(Row("screen load", round(m["load_s"], 2), "s", limit=LOAD_S, target=f"≤ {LOAD_S:g} s, ≤ "
                    f"{GROWTH_MB:g} MB", ok=m["load_s"] <= LOAD_S and m["growth_mb"] <= GROWTH_MB,
                    notes=f"RSS +{m['growth_mb']:.0f} MB"))
    return Measurement(rows)


if __name__ == "__main__":
    raise SystemExit(main())
