"""A plain-text progress bar and counts table for long operator commands, on stderr.

On a terminal the bar redraws in place; anywhere else (a log, a pipe, a test)
each table gets one finished line, so the output stays readable.
"""

from __future__ import annotations

import time
from typing import TextIO

BAR_WIDTH = 24
REDRAW_EVERY = 0.1  # seconds


class Progress:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.live = bool(getattr(out, "isatty", lambda: False)())
        self.name = ""
        self.total = 0
        self.done = 0
        self._drawn = 0.0

    def start(self, name: str, total: int) -> None:
        self.name, self.total, self.done = name, total, 0
        if self.live:
            self._draw(end="")

    def advance(self, rows: int) -> None:
        self.done += rows
        if self.live and time.monotonic() - self._drawn >= REDRAW_EVERY:
            self._draw(end="")

    def finish(self) -> None:
        self._draw(end="\n")

    def _draw(self, end: str) -> None:
        self._drawn = time.monotonic()
        print("\r" + bar_line(self.name, self.done, self.total), end=end, file=self.out, flush=True)


def bar_line(name: str, done: int, total: int) -> str:
    filled = BAR_WIDTH if total == 0 else min(BAR_WIDTH, BAR_WIDTH * done // total)
    return f"  {name:<22} [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done:>10,} / {total:,}"


def counts_table(rows: list[tuple[str, int, int]]) -> str:
    """table | source | target | ok, one line per table."""
    lines = [f"  {'table':<22} {'source':>10} {'target':>10}"]
    for name, source, target in rows:
        mark = "ok" if source == target else "DIFFERENT"
        lines.append(f"  {name:<22} {source:>10,} {target:>10,}  {mark}")
    return "\n".join(lines)
