"""screen-start: the event loop in the first seconds after Hearth starts, while the screen's regexes compile.

Run: python -m bench screen-start      (the rows; `python -m bench stall` includes its stall)
     python -m bench.screen_start       (the figures for each screen, printed)

`Hearth.open` loads the screen before anything is served (`hearth/runtime.py`), and `Screen.load` returns before
every phrase group's regex is compiled: a thread of its own compiles the rest (`Screen.compiling`), and a message
that comes meanwhile compiles the few it needs on the screen's thread (`Screen.check_off_loop`). This measures
what a community sees then: messages arrive every 20 ms from the moment the load returns (as `serve` starts and
freezes the start-up's objects, `keep_start_up`), each screened with `check_off_loop` as the flows do, until every
regex is compiled and one second more. A watchdog (`bench.common.Watchdog`) records the longest the loop was held;
each message's time from arrival to answer is kept. Once with the phrase rules alone (the default), once with the
model. The messages are the dev split's (never the test split): everyday chat and crisis sentences in turn.
"""

from __future__ import annotations

import asyncio
import gc
import time

from bench.common import Watchdog, percentile
from bench.registry import Context, Measurement, Row
from bot.safety.corpus import part, read_corpus
from bot.safety.screen import Screen
from hearth.runtime import keep_start_up

STALL_MS = 100.0
EVERY_S = 0.02
AFTER_S = 1.0


def _messages() -> list[str]:
    dev = part(read_corpus(), "dev")
    ordinary = [s.text for s in dev if not s.crisis]
    crisis = [s.text for s in dev if s.crisis]
    return [text for pair in zip(ordinary, crisis) for text in pair]


async def _first_seconds(model: bool, texts: list[str]) -> dict:
    started = time.perf_counter()
    screen = Screen.load(with_model=model)  # (on the loop, as `Hearth.open` does: nothing is served yet)
    loaded = time.perf_counter()
    dog = Watchdog().start()
    keep_start_up()  # (as `serve` does for a long-running process, once the adapters are up)
    waits: list[float] = []
    compiled_at: float | None = None

    async def one(text: str) -> None:
        t0 = time.perf_counter()
        await screen.check_off_loop([text])
        waits.append(time.perf_counter() - t0)

    tasks = []
    i = 0
    while True:
        now = time.perf_counter()
        if compiled_at is None and not screen.compiling:
            compiled_at = now
        if compiled_at is not None and now - compiled_at >= AFTER_S:
            break
        tasks.append(asyncio.create_task(one(texts[i % len(texts)])))
        i += 1
        await asyncio.sleep(EVERY_S)
    await asyncio.gather(*tasks)
    stall = await dog.stop()
    gc.unfreeze()
    return {"which": screen.which, "load_s": loaded - started, "compiled_s": (compiled_at or loaded) - loaded,
            "n": len(waits), "sent": len(tasks), "watched": dog.samples, "stall_ms": stall * 1e3, "p50_ms": percentile(waits, 50) * 1e3,
            "p99_ms": percentile(waits, 99) * 1e3, "max_ms": max(waits) * 1e3}


def run(model: bool) -> dict:
    return asyncio.run(_first_seconds(model, _messages()))


def _line(r: dict) -> str:
    return (f"loaded in {r['load_s']:.2f} s, every regex compiled {r['compiled_s']:.2f} s later; {r['n']} messages: "
            f"loop held at most {r['stall_ms']:.1f} ms; answer p50 {r['p50_ms']:.1f} ms, p99 {r['p99_ms']:.1f} ms, "
            f"max {r['max_ms']:.1f} ms")


def measure(ctx: Context) -> Measurement:
    rules, model = run(False), run(True)
    worst = max(rules["stall_ms"], model["stall_ms"])
    rows = [Row("screen-start stall", round(worst, 1), "ms", STALL_MS, round(worst / STALL_MS, 2),
                f"≤ {STALL_MS:g} ms", worst <= STALL_MS,
                f"rules alone {rules['stall_ms']:.1f} ms, with the model {model['stall_ms']:.1f} ms"),
            Row("screen-start answer p99", round(max(rules["p99_ms"], model["p99_ms"]), 1), "ms", notes=(
                f"rules alone: {_line(rules)}; with the model: {_line(model)}"))]
    return Measurement(rows, extras={"stall_ms": worst})


def main() -> int:
    for model in (False, True):
        r = run(model)
        print(f"{r['which']}: {_line(r)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
