"""stall: the longest event-loop stall seen during the fanout, scheduler, insights and screen-start runs.

Each run keeps a watchdog task (bench.common.Watchdog) that sleeps 5 ms at
a time and records how late it wakes; this row is the worst of them.
Derived: it runs nothing itself, `python -m bench stall` runs both first.
"""

from __future__ import annotations

from bench.registry import BENCHMARKS, Context, Measurement, Row

STALLING = BENCHMARKS["stall"].needs


def measure(ctx: Context) -> Measurement:
    seen = {name: ctx.results[name].extras["stall_ms"] for name in STALLING}
    worst = max(seen.values())
    notes = ", ".join(f"{name} {ms:.1f} ms" for name, ms in seen.items())
    return Measurement([Row("stall", worst, "ms", None, None, "≤ 100 ms", worst <= 100, notes)])
