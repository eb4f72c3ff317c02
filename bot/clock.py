"""Time is injected so tests can open and close rounds without waiting."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware UTC."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(timezone.utc)


class ManualClock:
    """A clock that moves only when told; `advance` wakes anyone waiting on it."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime(2026, 1, 5, 8, 0, tzinfo=timezone.utc)
        self.changed = asyncio.Event()

    def now(self) -> datetime:
        return self._now

    def set(self, when: datetime) -> None:
        if when.tzinfo is None:
            raise ValueError("ManualClock needs a timezone-aware datetime")
        self._now = when.astimezone(timezone.utc)
        self.changed.set()
        self.changed = asyncio.Event()

    def advance(self, delta: timedelta) -> None:
        self.set(self._now + delta)


def utc_iso(when: datetime) -> str:
    """How times are stored: UTC ISO-8601 with seconds, sortable as text."""
    return when.astimezone(timezone.utc).replace(tzinfo=None, microsecond=0).isoformat() + "Z"  # strftime's form, 3× faster


def parse_iso(text: str) -> datetime:
    if len(text) == 20 and text[10] == "T" and text[19] == "Z":  # what utc_iso writes: the fast parser
        return datetime.fromisoformat(text)  # (strptime was a tenth of opening a round: bench/README.md)
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)


class OffsetClock:
    """Real time plus an offset the terminal can move forward ("advance 2h").

    Lets someone try a whole round in a minute without faking the system
    clock: time keeps flowing, just from a later point.
    """

    def __init__(self) -> None:
        self.offset = timedelta(0)

    def now(self) -> datetime:
        return datetime.now(timezone.utc) + self.offset

    def advance(self, delta: timedelta) -> None:
        if delta < timedelta(0):
            raise ValueError("time only moves forward")
        self.offset += delta

    def set(self, when: datetime) -> None:
        self.advance(max(timedelta(0), when - self.now()))
