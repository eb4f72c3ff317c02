"""Counts of what Hearth does, for whoever exports them (hearth.metrics serves them to Prometheus).

The core only counts: a dict addition per event or send, no library on the
hot path and none for the core to import. Only kinds, results and numbers
are counted, never text or who: a label is a fixed word like "dm" or "429".
"""

from __future__ import annotations

from collections import defaultdict

#: Every counter the core keeps: name -> (help, label names). The exporter declares exactly these.
COUNTERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "events": ("Events handled, by kind (command, action, form, message)", ("kind",)),
    "replies": ("Replies given to events", ()),
    "refusals": ("Replies that refused or corrected what was asked", ()),
    "rate_limited": ("Events refused because a member went over the rate limit", ()),
    "sends": ("Outbox sends by result: ok, retried, 429, dm_closed, failed", ("result",)),
    "rounds_opened": ("Check-in rounds opened", ()),
    "rounds_closed": ("Check-in rounds closed", ()),
    "crisis_screens": ("Texts screened for crisis, by result: crisis, gentle, ok", ("result",)),
}
#: Gauges: the last value set.
GAUGES: dict[str, tuple[str, tuple[str, ...]]] = {
    "scheduler_lag_seconds": ("How late the last schedule fire was opened after its time", ()),
}


class Metrics:
    """Counters and gauges kept in plain dicts; read by an exporter when it is asked."""

    def __init__(self) -> None:
        self.counts: defaultdict[tuple[str, tuple[str, ...]], float] = defaultdict(float)
        self.gauges: dict[tuple[str, tuple[str, ...]], float] = {}

    def add(self, name: str, *labels: str, n: float = 1) -> None:
        self.counts[(name, labels)] += n

    def set(self, name: str, value: float, *labels: str) -> None:
        self.gauges[(name, labels)] = value

    def count(self, name: str, *labels: str) -> float:
        return self.counts.get((name, labels), 0.0)
