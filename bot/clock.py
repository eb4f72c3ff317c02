"""Time is injected so tests can open and close rounds without waiting."""

from __future__ import annotations

import asyncio
import time
from datetime import datetime, timedelta, timezone
from typing import Protocol


class Clock(Protocol):
    """Wall time (`now`). A clock may also offer `monotonic()`: see `elapsed`."""

    def now(self) -> datetime:
        """The current time, timezone-aware UTC."""
        ...


def system_elapsed() -> float:
    """Seconds on a clock no one can set: it never steps with NTP or a changed date.

    Linux's boot-time clock also counts a suspend, so a laptop that slept an
    hour knows an hour passed (its leases and heartbeats ran out meanwhile).
    """
    if hasattr(time, "CLOCK_BOOTTIME"):
        return time.clock_gettime(time.CLOCK_BOOTTIME)
    return time.monotonic()


def elapsed(clock: Clock) -> float:
    """The clock's own monotonic seconds, for what is one process's own business.

    Wall time can step (an NTP correction, a laptop resuming): a lease or a
    heartbeat this process measures for itself is timed here instead.
    """
    own = getattr(clock, "monotonic", None)
    return own() if own is not None else system_elapsed()


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(timezone.utc)

    def monotonic(self) -> float:
        return system_elapsed()


class ManualClock:
    """A clock that moves only when told; `advance` wakes anyone waiting on it."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime(2026, 1, 5, 8, 0, tzinfo=timezone.utc)
        self._elapsed = 0.0
        self.changed = asyncio.Event()

    def now(self) -> datetime:
        return self._now

    def monotonic(self) -> float:
        """Moves with `advance` (time passing), not with `jump` (the wall clock being set)."""
        return self._elapsed

    def set(self, when: datetime) -> None:
        if when.tzinfo is None:
            raise ValueError("ManualClock needs a timezone-aware datetime")
        when = when.astimezone(timezone.utc)
        self._elapsed += max(0.0, (when - self._now).total_seconds())
        self._now = when
        self.changed.set()
        self.changed = asyncio.Event()

    def advance(self, delta: timedelta) -> None:
        self.set(self._now + delta)

    def jump(self, delta: timedelta) -> None:
        """The wall clock steps (an NTP correction) while no time passes: `monotonic` stays put."""
        self._elapsed -= max(0.0, delta.total_seconds())
        self.set(self._now + delta)


def utc_iso(when: datetime) -> str:
    """How times are stored: UTC ISO-8601 with seconds, sortable as text."""
    return when.astimezone(timezone.utc).replace(tzinfo=None, microsecond=0).isoformat() + "Z"  # strftime's form, 3× faster


def utc_iso_fine(when: datetime) -> str:
    """A time to the microsecond, for waits where a second early is too early (a platform's Retry-After).

    Fixed width ("2026-01-05T08:00:00.250000Z"), so it sorts as text among its own kind;
    never compare it with a `utc_iso` stamp.
    """
    return when.astimezone(timezone.utc).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def parse_iso(text: str) -> datetime:
    if len(text) in (20, 27) and text[10] == "T" and text[-1] == "Z":  # what utc_iso(_fine) writes: the fast parser
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

    def monotonic(self) -> float:
        """Real: "advance 2h" moves what rounds see, not this process's heartbeat and leases, which stay real."""
        return system_elapsed()

    def advance(self, delta: timedelta) -> None:
        if delta < timedelta(0):
            raise ValueError("time only moves forward")
        self.offset += delta

    def set(self, when: datetime) -> None:
        self.advance(max(timedelta(0), when - self.now()))
