"""Standard 5-field cron lines, read by Hearth itself.

Why not APScheduler's `CronTrigger.from_crontab`? In 3.x it counts weekdays
from Monday = 0 (crontab counts from Sunday = 0), so “1-5” would mean Tuesday
to Saturday; and it cannot say which field was wrong. Here weekday numbers
follow crontab (0 and 7 are Sunday) and day-of-month / day-of-week combine the
crontab way: when both are restricted, a day matching either one fires.
"""

from __future__ import annotations

from functools import lru_cache

import re
from dataclasses import dataclass
from datetime import date
from typing import Callable, NoReturn

from bot.errors import UserError
from bot.events import hearth_text
from bot.i18n import N_, _

EXAMPLES = N_("Try “30 9 * * 1-5” (09:30 on weekdays) or “0 18 * * mon” (18:00 on Mondays).")

MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
DOW_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")  # crontab numbering: sun = 0
FULL_NAMES = (
    "january", "february", "march", "april", "june", "july", "august", "september", "october",
    "november", "december", "sunday", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday",
)
MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # most a month can have


@dataclass(frozen=True)
class _Field:
    name: str  # as people call it
    low: int
    high: int
    names: tuple[str, ...] = ()
    name_base: int = 0


FIELDS = (
    _Field("minute", 0, 59),
    _Field("hour", 0, 23),
    _Field("day-of-month", 1, 31),
    _Field("month", 1, 12, MONTH_NAMES, 1),
    _Field("weekday", 0, 7, DOW_NAMES, 0),
)


@dataclass(frozen=True)
class CronFields:
    """A cron line expanded into the values each field allows."""

    minutes: tuple[int, ...]
    hours: tuple[int, ...]
    days: frozenset[int]
    months: frozenset[int]
    weekdays: frozenset[int]  # 0 = Sunday … 6 = Saturday
    days_restricted: bool
    weekdays_restricted: bool

    def matches(self, day: date) -> bool:
        """Whether the cron fires on this (local) date, crontab-style."""
        if day.month not in self.months:
            return False
        in_days = day.day in self.days
        in_weekdays = (day.isoweekday() % 7) in self.weekdays
        if self.days_restricted and self.weekdays_restricted:
            return in_days or in_weekdays
        return in_days and in_weekdays

    def normalized(self) -> str:
        """One spelling per schedule: “30 9 * * mon-fri”."""
        return " ".join((
            _compress(set(self.minutes), 0, 59),
            _compress(set(self.hours), 0, 23),
            _compress(set(self.days), 1, 31),
            _compress(set(self.months), 1, 12),
            _weekdays_text(self.weekdays),
        ))


@lru_cache(maxsize=4096)  # schedules fire on the same few lines again and again; CronFields is frozen
def parse_cron(text: str) -> CronFields:
    """Read a 5-field cron line; a `UserError` names the field that is wrong."""
    parts = text.split()
    if len(parts) != 5:
        extra = " " + _("Seconds and years aren't supported.") if len(parts) in (6, 7) else ""
        raise UserError(
            _("A cron line has 5 fields (minute hour day-of-month month weekday), but “{typed}” has {count}.")
            + extra + " " + _(EXAMPLES), typed=text, count=str(len(parts)),
        )
    values = [_parse_field(p, f, text) for p, f in zip(parts, FIELDS)]
    weekdays = frozenset(v % 7 for v in values[4])
    fields = CronFields(
        minutes=tuple(sorted(values[0])),
        hours=tuple(sorted(values[1])),
        days=frozenset(values[2]),
        months=frozenset(values[3]),
        weekdays=weekdays,
        days_restricted=not parts[2].startswith("*"),
        weekdays_restricted=not parts[4].startswith("*"),
    )
    _check_possible(fields, text)
    return fields


def _parse_field(part: str, field: _Field, line: str) -> set[int]:
    out: set[int] = set()
    for item in part.lower().split(","):
        m = re.fullmatch(r"(\*|[a-z0-9]+(?:-[a-z0-9]+)?)(?:/([0-9]+))?", item)
        if not m:
            _bad(field, part, line, _("isn't something I can read"))
        span, step_text = m.groups()
        step = int(step_text) if step_text else 1
        if step == 0:
            _bad(field, part, line, _("has a step of 0"))
        if span == "*":
            low, high = field.low, field.high if field.name != "weekday" else 6
        elif "-" in span:
            a, b = span.split("-")
            low, high = _value(a, field, part, line), _value(b, field, part, line)
            if low > high:
                _bad(field, part, line, _("runs backwards"))
        else:
            low = _value(span, field, part, line)
            high = field.high if step_text else low
        out.update(range(low, high + 1, step))
    return out


def _value(token: str, field: _Field, part: str, line: str) -> int:
    if token.isdigit():
        number = int(token)
    elif token[:3] in field.names and (len(token) == 3 or token in FULL_NAMES):
        number = field.names.index(token[:3]) + field.name_base
    else:
        _bad(field, part, line, _("isn't a number or a name") if field.names else _("isn't a number"))
    if not field.low <= number <= field.high:
        _bad(field, part, line, _("is outside {low}–{high}").format(low=field.low, high=field.high))
    return number


def _bad(field: _Field, part: str, line: str, problem: str) -> NoReturn:
    raise UserError(_("In “{line}”, the {which} field “{part}” {problem}.") + " " + _(EXAMPLES), line=line,
                    which=hearth_text(field.name), part=part, problem=hearth_text(problem))


def _check_possible(fields: CronFields, line: str) -> None:
    if fields.weekdays_restricted and fields.days_restricted:
        return  # either one fires, and weekdays always come round
    if not any(d <= MONTH_DAYS[m - 1] for m in fields.months for d in fields.days):
        raise UserError(_("“{}” would never fire: none of those months has that day.") + " " + _(EXAMPLES), line)


def _compress(values: set[int], low: int, high: int) -> str:
    if values == set(range(low, high + 1)):
        return "*"
    ordered = sorted(values)
    if len(ordered) >= 3:
        step = ordered[1] - ordered[0]
        if step > 1 and ordered == list(range(ordered[0], ordered[-1] + 1, step)):
            if ordered[0] == low and ordered[-1] + step > high:
                return f"*/{step}"
            return f"{ordered[0]}-{ordered[-1]}/{step}"
    return ",".join(_runs(ordered, str))


def _weekdays_text(weekdays: frozenset[int]) -> str:
    if len(weekdays) == 7:
        return "*"
    monday_first = sorted(weekdays - {0}) + ([0] if 0 in weekdays else [])
    runs = _runs([d for d in monday_first if d], lambda d: DOW_NAMES[d])
    return ",".join(runs + (["sun"] if 0 in weekdays else []))


def _runs(ordered: list[int], name: Callable[[int], str]) -> list[str]:
    """Consecutive values of three or more become a range “a-b”."""
    out: list[str] = []
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        if j - i >= 2:
            out.append(f"{name(ordered[i])}-{name(ordered[j])}")
        else:
            out.extend(name(v) for v in ordered[i:j + 1])
        i = j + 1
    return out
