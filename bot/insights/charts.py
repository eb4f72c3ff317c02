"""Charts as real images (PNG, drawn by matplotlib without a screen), each with its numbers as text.

matplotlib is the optional `insights` extra: without it, `png` returns None
and the flows show the numbers alone, with a note saying how to get charts.
Drawing takes tens of milliseconds, so callers run it in a thread
(`asyncio.to_thread`), never on the event loop.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from dataclasses import replace
from functools import lru_cache

from bot.i18n import N_, _

#: Every chart's size in pixels (width, height): wide enough to read on a phone, small to upload.
SIZE = (800, 450)
_DPI = 100
NO_CHARTS = N_("Charts need matplotlib, which isn't installed here, so here are the numbers on their own. "
               "Whoever runs Hearth can add it with `pip install 'hearth[insights]'`.")


@dataclass(frozen=True)
class Series:
    """What one chart shows, week by week: labels, bars (how many answered) and a line (the average mood).
    None is a week that shows nothing (too few, or still open)."""

    title: str
    labels: tuple[str, ...]
    bars: tuple[int | None, ...]
    line: tuple[float | None, ...]
    bar_label: str = N_("answered")
    line_label: str = N_("average mood (1–5)")


def available() -> bool:
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True


def png(series: Series) -> bytes | None:
    """The chart as PNG bytes, SIZE pixels; None when matplotlib is missing."""
    series = replace(series, bar_label=_(series.bar_label), line_label=_(series.line_label))  # (in the reader's)
    return _drawn(series) if available() else None


@lru_cache(maxsize=64)
def _drawn(series: Series) -> bytes:
    """The same numbers make the same image, so it is kept (64 of them, a few MB): a week's numbers never change
    once shown, and moderators look again. Drawing one takes a few hundred milliseconds on a busy machine."""
    import matplotlib
    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure
    fig = Figure(figsize=(SIZE[0] / _DPI, SIZE[1] / _DPI), dpi=_DPI)  # not pyplot: no global state, thread-safe
    ax = fig.add_subplot()
    xs = list(range(len(series.labels)))
    shown = [(x, b) for x, b in zip(xs, series.bars) if b is not None]
    # Bars as one collection of thick lines, not a patch each: a year of weeks draws in a fraction of the time.
    ax.vlines([x for x, _ in shown], 0, [b for _, b in shown], colors="#9ecae1",
              linewidth=max(2.0, 290 / (len(xs) + 1)), label=series.bar_label)
    ax.set_xlim(-1, len(xs))
    ax.set_ylim(0, max([b for _, b in shown], default=0) * 1.1 + 1)
    ax.set_ylabel(series.bar_label)
    step = max(1, -(-len(xs) // 13))  # at most 13 labels: they stay readable, and each costs drawing time
    ax.set_xticks(xs[::step], series.labels[::step], fontsize=8)
    mood = ax.twinx()
    pts = [(x, v) for x, v in zip(xs, series.line) if v is not None]
    if pts:
        mood.plot([p[0] for p in pts], [p[1] for p in pts], color="#d95f02", marker="o" if len(pts) <= 26 else None,
                  label=series.line_label)
    mood.set_ylim(0.8, 5.2)
    mood.set_yticks([1, 2, 3, 4, 5])
    mood.set_ylabel(series.line_label)
    ax.set_title(series.title)
    fig.subplots_adjust(left=0.08, right=0.92, top=0.9, bottom=0.1)  # fixed margins: tight_layout costs ~0.3 s
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=_DPI)
    return out.getvalue()
