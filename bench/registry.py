"""The benchmarks `python -m bench` knows, by name, and what each one reports.

A benchmark is a module with `measure(ctx) -> Measurement`. Register it here
with one line; `python -m bench NAME` then runs it in a fresh process of its
own (so memory figures and event loops don't leak between benchmarks), and a
derived benchmark (`isolated=False`, e.g. stall) is computed in the parent
from the measurements of the ones it `needs`.

Later rows (slack, discord, ack) are added the same way once their adapters
land: a module under bench/ and a `register(...)` line below.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Row:
    """One line of the table: a figure held against its limit and target."""

    name: str
    figure: float
    unit: str
    limit: float | None = None  # what the figure is held against, measured in the same run
    ratio: float | None = None  # figure / limit, or None
    target: str = "—"  # in words, e.g. "≥ 0.5 × floor"
    ok: bool | None = None  # None: reported only
    notes: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Row":
        return cls(**data)


@dataclass
class Measurement:
    rows: list[Row] = field(default_factory=list)
    #: figures other benchmarks derive from (e.g. the worst event-loop stall seen)
    extras: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"rows": [r.to_json() for r in self.rows], "extras": self.extras}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Measurement":
        return cls([Row.from_json(r) for r in data["rows"]], data.get("extras", {}))


@dataclass
class Context:
    quick: bool = False
    #: measurements of the benchmarks named in `needs` (derived benchmarks only)
    results: dict[str, Measurement] = field(default_factory=dict)


@dataclass(frozen=True)
class Benchmark:
    name: str
    module: str
    summary: str
    needs: tuple[str, ...] = ()
    isolated: bool = True


BENCHMARKS: dict[str, Benchmark] = {}


def register(name: str, module: str, summary: str, needs: tuple[str, ...] = (), isolated: bool = True) -> None:
    BENCHMARKS[name] = Benchmark(name, module, summary, needs, isolated)


register("core", "bench.core", "member actions through app.handle vs plain aiosqlite")
register("fanout", "bench.fanout", "a 5,000-DM round through the outbox to a rate-limited HTTP fake")
register("scheduler", "bench.scheduler", "1,000 schedules due in the same minute")
register("scale", "bench.scale", "100k members, 1M answers: memory, start-up, status latency")
register("insights", "bench.insights", "mod insights over 52 weeks: 100k members, 1M answers, SQLite and PostgreSQL")
register("screen-start", "bench.screen_start", "event-loop stall and answers in the first seconds after start")
register("stall", "bench.stall", "longest event-loop stall in the fanout, scheduler, insights and screen-start runs",
         needs=("fanout", "scheduler", "insights", "screen-start"), isolated=False)
register("screen", "bench.screen", "crisis screen precision/recall and throughput")
register("core-pg", "bench.core_pg", "core on PostgreSQL with 1 and 3 processes vs plain asyncpg")
register("fanout-pg", "bench.fanout_pg", "a 5,000-DM round drained by 1 and 3 outbox processes on PostgreSQL")
register("slack", "bench.slack", "signed /hearth commands per second through the Slack HTTP app vs a bare Bolt app")
register("discord", "bench.discord", "interactions per second through the Discord adapter vs a bare discord.py client")
register("ack", "bench.ack", "Slack and Discord ack p99 during a 5,000-DM fan-out")
