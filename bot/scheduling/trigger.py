"""When a schedule fires, DST included, and an APScheduler trigger for it.

APScheduler 3.11's CronTrigger fires a 01:30 schedule twice on the autumn
overlap night and, in the spring gap, fires 02:30 at 03:30 (or, when the gap
is at midnight, skips the day). Hearth's rule is one fire per wall-clock
time per local day: on an overlap the first occurrence; in a gap the first
valid moment after it (03:00 when 02:00–03:00 is skipped).

Occurrences are computed here from the cron fields: walk the local dates,
take each matching wall-clock time, resolve it to one instant. Resolved
instants never decrease as wall-clock time increases, which lets a day be
searched by bisection and makes “strictly after” remove the duplicate when
several gap times land on the same instant.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

from apscheduler.triggers.base import BaseTrigger

from bot.scheduling.cron import CronFields, parse_cron
from bot.scheduling.spec import DAY_NAMES, MONTH_NAMES

UTC = timezone.utc
_SEARCH_DAYS = 366 * 8 + 2  # 29 February recurs within 8 years


def resolve(day: date, at: time, tz: ZoneInfo) -> datetime:
    """The instant (UTC) a wall-clock time means: first on overlaps, gap end in gaps."""
    local = datetime.combine(day, at, tzinfo=tz)
    first = local.replace(fold=0).astimezone(UTC)
    if first.astimezone(tz).replace(tzinfo=None) == local.replace(tzinfo=None):
        return first  # exists; fold=0 is the earlier of two if it is ambiguous
    return _gap_end(local.replace(fold=1).astimezone(UTC), first, tz)


def _gap_end(before: datetime, after: datetime, tz: ZoneInfo) -> datetime:
    """The transition instant between two UTC instants with different offsets."""
    target = after.astimezone(tz).utcoffset()
    lo, hi = 0, int((after - before).total_seconds())
    while lo < hi:  # smallest offset (seconds) from `before` already on the new offset
        mid = (lo + hi) // 2
        if (before + timedelta(seconds=mid)).astimezone(tz).utcoffset() == target:
            hi = mid
        else:
            lo = mid + 1
    return before + timedelta(seconds=lo)


@lru_cache(maxsize=4096)
def _first_fire(fields: CronFields, tz: ZoneInfo, after: datetime, inclusive: bool) -> datetime | None:
    """The first fire at/after `after` (`inclusive`) or strictly after it.

    Cached: it depends on nothing else, and schedules due together mostly
    share a few cron lines and timezones, so when a thousand fire at 09:00,
    APScheduler's one pass over them (which asks each for its next fire)
    costs a few answers, not a thousand.
    """
    if after.tzinfo is None:
        raise ValueError("`after` must be timezone-aware")

    def later(instant: datetime) -> bool:
        return instant >= after if inclusive else instant > after

    times = [time(h, m) for h in fields.hours for m in fields.minutes]
    day = after.astimezone(tz).date() - timedelta(days=1)
    for _ in range(_SEARCH_DAYS):
        if fields.matches(day):
            lo, hi = 0, len(times)
            while lo < hi:
                mid = (lo + hi) // 2
                if later(resolve(day, times[mid], tz)):
                    hi = mid
                else:
                    lo = mid + 1
            if lo < len(times):
                return resolve(day, times[lo], tz)
        day += timedelta(days=1)
    return None


def next_fires(cron: str, tz: ZoneInfo, after: datetime, count: int = 3) -> list[datetime]:
    """The next `count` fires strictly after `after`, as aware UTC datetimes."""
    fields = parse_cron(cron)
    out: list[datetime] = []
    current = after
    while len(out) < count and (fire := _first_fire(fields, tz, current, inclusive=False)) is not None:
        out.append(fire)
        current = fire
    return out


def fires_between(cron: str, tz: ZoneInfo, start: datetime, end: datetime) -> list[datetime]:
    """Fires with start < fire <= end (UTC): the ones missed while the bot was down."""
    fields = parse_cron(cron)
    out: list[datetime] = []
    current = start
    while (fire := _first_fire(fields, tz, current, inclusive=False)) is not None and fire <= end:
        out.append(fire)
        current = fire
    return out


class HearthTrigger(BaseTrigger):
    """APScheduler trigger for a Hearth schedule: a cron line in a timezone, DST-correct."""

    __slots__ = ("cron", "tz", "_fields", "_last")

    def __init__(self, cron: str, tz: ZoneInfo) -> None:
        self._fields = parse_cron(cron)
        self.cron = self._fields.normalized()
        self.tz = tz
        self._last: tuple[datetime, datetime | None] | None = None

    def get_next_fire_time(self, previous_fire_time: datetime | None, now: datetime) -> datetime | None:
        """After a fire: the next one strictly after it (so missed ones are seen);
        otherwise the first at or after `now`. Returned in UTC so that
        APScheduler's comparisons never depend on `fold`."""
        if previous_fire_time is not None:
            # APScheduler asks twice per run with the same fire time (to list the run times, then
            # to plan the next); when 1,000 jobs fire at once that doubling was most of the
            # loop's longest stall (bench/README.md, "stall"). The answer depends on nothing else.
            last = self._last
            if last is not None and last[0] == previous_fire_time:
                return last[1]
            nxt = _first_fire(self._fields, self.tz, previous_fire_time, inclusive=False)
            self._last = (previous_fire_time, nxt)
            return nxt
        return _first_fire(self._fields, self.tz, now, inclusive=True)

    def __str__(self) -> str:
        return f"hearth[{self.cron} {self.tz.key}]"

    def __repr__(self) -> str:
        return f"<HearthTrigger cron={self.cron!r} tz={self.tz.key!r}>"


def describe_fire(when_utc: datetime, tz: ZoneInfo) -> str:
    """“Monday 5 January, 09:00 (Europe/Berlin)”, in English whatever the locale."""
    local = when_utc.astimezone(tz)
    weekday = DAY_NAMES[local.isoweekday() % 7]
    return f"{weekday} {local.day} {MONTH_NAMES[local.month - 1]}, {local:%H:%M} ({tz.key})"
