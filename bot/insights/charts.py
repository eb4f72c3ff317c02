"""Charts as real images (PNG, drawn by matplotlib without a screen), each with its numbers as text.

matplotlib is the optional `insights` extra: without it, `png` returns None
and the flows show the numbers alone, with a note saying how to get charts.
Drawing takes tens of milliseconds, so callers run it in a thread
(`asyncio.to_thread`), never on the event loop.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

#: Every chart's size in pixels (width, height): wide enough to read on a phone, small to upload.
SIZE = (800, 450)
_DPI = 100
NO_CHARTS = ("Charts need matplotlib, which isn't installed here, so here are the numbers on their own. "
             "Whoever runs Hearth can add it with `pip install 'hearth[insights]'`.")


@dataclass(frozen=True)
class Series:
    """What one chart shows, week by week: labels, bars (how many answered) and a line (the average mood).
    None is a week that shows nothing (too few, or still open)."""

    title: str
    labels: tuple[str, ...]
    bars: tuple[int | None, ...]
    line: tuple[float | None, ...]
    bar_label: str = "answered"
    line_label: str = "average mood (1–5)"


def available() -> bool:
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True


def png(series: Series) -> bytes | None:
    """The chart as PNG bytes, SIZE pixels; None when matplotlib is missing."""
    try:
        import matplotlib
        matplotlib.use("Agg", force=False)
        from matplotlib.figure import Figure
    except ImportError:
        return None
    fig = Figure(figsize=(SIZE[0] / _DPI, SIZE[1] / _DPI), dpi=_DPI)  # not pyplot: no global state, thread-safe
    ax = fig.add_subplot()
    xs = list(range(len(series.labels)))
    ax.bar([x for x, b in zip(xs, series.bars) if b is not None], [b for b in series.bars if b is not None],
           color="#9ecae1", label=series.bar_label)
    ax.set_ylabel(series.bar_label)
    ax.set_xticks(xs, series.labels, rotation=45 if len(xs) > 12 else 0, fontsize=7 if len(xs) > 12 else 9)
    if len(xs) > 26:
        for i, tick in enumerate(ax.get_xticklabels()):
            tick.set_visible(i % 4 == 0)
    mood = ax.twinx()
    pts = [(x, v) for x, v in zip(xs, series.line) if v is not None]
    if pts:
        mood.plot([p[0] for p in pts], [p[1] for p in pts], color="#d95f02", marker="o", label=series.line_label)
    mood.set_ylim(1, 5)
    mood.set_ylabel(series.line_label)
    ax.set_title(series.title)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=_DPI)
    return out.getvalue()
