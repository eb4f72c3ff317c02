"""How fast the crisis screen loads and the phrase rules check, in wall and CPU seconds (not a row).

Run: python -m bench.rules_speed            (the rules: load, then every 4th train + dev sentence)
     python -m bench.rules_speed --model    (also the load with the model, as `python -m bench screen` times it)

The load is timed until `Screen.load` returns, when the screen answers; the phrase groups' regexes no message has
needed are compiled after it on a thread of their own, and the second line says when that is done (from the start
of the load, CPU of every thread). The check is timed after it.

The corpus is read into memory first, as `bench.screen` and the train + dev measure have it: the collector walks
it too. CPU seconds (`time.process_time`) move much less than wall seconds on a machine shared with other jobs,
so a change to the rules is judged on them; `python -m bench screen` gives the figures held against targets.
"""

from __future__ import annotations

import argparse
import time

from bench.common import rss_mb
from bot.safety.corpus import part, read_corpus
from bot.safety.screen import Screen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.rules_speed", description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", action="store_true", help="time the load with the model instead")
    args = parser.parse_args(argv)
    sentences = read_corpus()
    before = rss_mb()[0]
    wall, cpu = time.perf_counter(), time.process_time()
    screen = Screen.load(with_model=args.model)
    print(f"load{' with the model' if args.model else ''}: {time.perf_counter() - wall:.2f} s wall, "
          f"{time.process_time() - cpu:.2f} s CPU; RSS +{rss_mb()[0] - before:.0f} MB")
    screen.compiled()  # (the regexes no message has needed yet, compiled on a thread of their own after the load)
    print(f"every regex compiled (a thread of its own, after the load): {time.perf_counter() - wall:.2f} s wall, "
          f"{time.process_time() - cpu:.2f} s CPU from the start of the load; RSS +{rss_mb()[0] - before:.0f} MB")
    if args.model:
        return 0
    texts = [s.text for s in part(sentences, "train") + part(sentences, "dev")][::4]
    wall, cpu = time.perf_counter(), time.process_time()
    screen.check_many(texts)
    print(f"check: {1000 * (time.perf_counter() - wall) / len(texts):.2f} ms wall, "
          f"{1000 * (time.process_time() - cpu) / len(texts):.2f} ms CPU per sentence ({len(texts)} sentences)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
