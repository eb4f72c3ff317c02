"""Quality and speed of the crisis screen on the labelled sentences.

Run: python -m bench.screen [--repeat N]
Prints precision, recall, F1 and the confusion counts for the tuned set and
the held-out set, then throughput (sentences screened per second).
"""

from __future__ import annotations

import argparse
import time

from bot.safety.screen import Screen
from tests.bot.safety.labelled import read_labelled, score


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.screen")
    parser.add_argument("--repeat", type=int, default=20, help="passes over all sentences for throughput")
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    screen = Screen.load()
    load_ms = (time.perf_counter() - t0) * 1000
    print(f"load+compile: {load_ms:.1f} ms")

    everything = []
    for name in ("labelled.tsv", "holdout.tsv"):
        rows = read_labelled(name)
        everything += rows
        s = score(screen.check, rows)
        crisis = s["tp"] + s["fn"]
        print(f"{name:14} n={len(rows):4} (crisis {crisis}, ok {len(rows) - crisis})  "
              f"precision={s['precision']:.3f} recall={s['recall']:.3f} f1={s['f1']:.3f}  "
              f"tp={s['tp']} fp={s['fp']} fn={s['fn']} tn={s['tn']}")

    texts = [t for _, t in everything]
    t0 = time.perf_counter()
    for _ in range(args.repeat):
        for text in texts:
            screen.check(text)
    elapsed = time.perf_counter() - t0
    n = len(texts) * args.repeat
    print(f"throughput: {n / elapsed:,.0f} sentences/s ({n} checks in {elapsed:.2f} s, "
          f"{elapsed / n * 1e6:.0f} µs each)")
    return 0


def measure(ctx):  # type: ignore[no-untyped-def]
    """The `python -m bench` row: recall on the held-out set, with precision, F1 and speed beside it."""
    from bench.registry import Measurement, Row

    screen = Screen.load()
    rows = read_labelled("holdout.tsv")
    s = score(screen.check, rows)
    texts = [t for name in ("labelled.tsv", "holdout.tsv") for _, t in read_labelled(name)]
    repeat = 2 if ctx.quick else 20
    t0 = time.perf_counter()
    for _ in range(repeat):
        for text in texts:
            screen.check(text)
    rate = len(texts) * repeat / (time.perf_counter() - t0)
    return Measurement([Row("screen", round(s["recall"], 3), "recall (holdout)", notes=(
        f"precision {s['precision']:.3f}, F1 {s['f1']:.3f}, n={len(rows)}; {rate:,.0f} sentences/s"))])


if __name__ == "__main__":
    raise SystemExit(main())
