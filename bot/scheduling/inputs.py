"""The other things typed when setting up a schedule: timezone, date, duration.

Each reader accepts the forms people actually type and refuses the rest with
a message that says what was wrong and shows a form that works.
"""

from __future__ import annotations

import difflib
import re
from datetime import date, timedelta
from functools import lru_cache
from typing import Callable
from zoneinfo import ZoneInfo, available_timezones

from bot.errors import UserError
from bot.i18n import N_, _, long_day
from bot.models import ROUND_MINUTES

MAX_LENGTH = 64
MIN_MINUTES, MAX_MINUTES = ROUND_MINUTES
MAX_YEARS_AHEAD = 10
_FULL_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december")
#: The months as the other languages Hearth speaks write them, so “25 dic”, “25. Dezember”, “1er janvier” or
#: “25 de dezembro” read as dates too (a prefix that two months share, like French “jui”, reads as neither).
_MONTHS_IN = (
    _FULL_MONTHS,
    ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
     "noviembre", "diciembre"),
    ("januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november",
     "dezember"),
    ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
     "décembre"),
    ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro",
     "novembro", "dezembro"),
)

#: The weekdays, so a day typed back as Hearth wrote it ("Tue 8 Dec", "mar, 8 dic", "Di., 8. Dez.") reads too.
_WEEKDAYS_IN = (
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
    ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"),
    ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    ("segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado", "domingo"),
)


# --------------------------------------------------------------------------
# Timezones
# --------------------------------------------------------------------------


#: Names in the zone folder that are no place: the server machine's own zone (`localtime`, a link to /etc/localtime
#: where the system's tzdata has one: times would follow wherever Hearth runs) and the placeholder "-00".
NOT_A_PLACE = frozenset({"localtime", "factory"})


@lru_cache(maxsize=1)
def _zones() -> dict[str, str]:
    """Lower-cased IANA name → its proper spelling."""
    names = available_timezones() | {"UTC"}
    return {n.lower(): n for n in names if n.lower() not in NOT_A_PLACE}


def check_timezone(name: str) -> ZoneInfo:
    """An IANA timezone by name, any letter case; unknown names get suggestions."""
    cleaned = name.strip()
    if not cleaned:
        raise UserError(_("Which timezone? Use a name like “Europe/Berlin”, “America/Chicago” or “UTC”."))
    if len(cleaned) > MAX_LENGTH or not cleaned.isprintable():
        raise UserError(_("That doesn't look like a timezone name. Use one like “Europe/Berlin” or “UTC”."))
    key = cleaned.lower().replace(" ", "_")
    zones = _zones()
    if key in zones:
        return ZoneInfo(zones[key])
    suggestions = _suggest(key, zones)
    if suggestions:
        # TRANSLATORS: a timezone name in quotes, as your language quotes a typed word (the same marks as “{typed}” below).
        quoted = [_("“{zone}”").format(zone=z) for z in suggestions]
        shown = quoted[0] if len(quoted) == 1 else _("{items} or {last}").format(items=", ".join(quoted[:-1]),
                                                                                 last=quoted[-1])
        raise UserError(_("I don't know the timezone “{typed}”. Did you mean {zones}? "
                          "Names look like “Europe/Berlin” or “America/Chicago”."), typed=cleaned, zones=shown)
    raise UserError(_("I don't know the timezone “{}”. Names look like “Europe/Berlin”, "
                      "“America/Chicago” or “UTC”."), cleaned)


def _suggest(key: str, zones: dict[str, str]) -> list[str]:
    """Up to three names: same city first (“berlin”), then close spellings."""
    city = [proper for low, proper in zones.items() if low.rsplit("/", 1)[-1] == key.rsplit("/", 1)[-1]]
    close = difflib.get_close_matches(key, list(zones), n=3, cutoff=0.6)
    out = sorted(city, key=len) + [zones[c] for c in close]
    return list(dict.fromkeys(out))[:3]


# --------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------

_DATE_EXAMPLES = N_("Try “{date}”, “tomorrow” or “25 dec”.")


def date_examples(today: date) -> str:
    """Dates to try, each one `parse_date` takes from `today` on: a fixed date would one day be in the past."""
    return _(_DATE_EXAMPLES).format(date=(today + timedelta(days=30)).isoformat())


def parse_date(text: str, today: date, *, allow_past: bool = False) -> date:
    """“2026-12-25”, “today”, “tomorrow”, “dec 25” / “25 dec” (next occurrence); a leading “until”, “on” or
    “from” is the sentence people say it in (“pause mornings until 6 jan”), not part of the date."""
    cleaned = re.sub(r"^(?:until|till|on|from)\s+", "", " ".join(text.strip().lower().split()))
    if not cleaned:
        raise UserError(_("Which date?") + " " + date_examples(today))
    if len(cleaned) > MAX_LENGTH or not cleaned.isprintable():
        raise UserError(_("That's too long to be a date.") + " " + date_examples(today))
    if cleaned == "today":
        return today
    if cleaned == "tomorrow":
        return today + timedelta(days=1)
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", cleaned):
        result = _make_date(int(m[1]), int(m[2]), int(m[3]), text, today)
    elif (parts := _day_month(cleaned)) is not None:
        day, month = parts
        result = _next_occurrence(day, month, today, text)
    elif (written := _as_written(cleaned)) is not None:
        day, month, year, weekdays = written
        result = _next_occurrence(day, month, today, text) if year is None else _make_date(year, month, day, text,
                                                                                             today)
        if weekdays and result.weekday() not in weekdays:  # "mon 15 dec" of a Tuesday: which did they mean?
            raise UserError(_("The weekday in “{typed}” doesn't match its date: that date is {day}. Please type the "
                              "day you mean again (the weekday can be left out)."), typed=text.strip(),
                            day=long_day(result))
    else:
        raise UserError(_("I couldn't read “{}” as a date.") + " " + date_examples(today), text.strip())
    if result < today and not allow_past:
        raise UserError(_("“{}” is in the past.") + " " + date_examples(today), text.strip())
    if result > today + timedelta(days=366 * MAX_YEARS_AHEAD):
        raise UserError(_("“{}” is more than {years} years away.").replace("{years}", str(MAX_YEARS_AHEAD)) + " " + date_examples(today), text.strip())
    return result


def _as_written(cleaned: str) -> tuple[int, int, int | None, frozenset[int]] | None:
    """A day as Hearth writes it (`bot.i18n.day_month`, `long_day`), typed back: its weekday first and its year
    last, in any language Hearth speaks ("Tue 8 Dec", "Wednesday 6 January 2027", "mié, 6 de enero de 2027",
    "Mi., 6. Jan. 2027") → (day, month, year or None, the weekdays its weekday word can be: empty without one).
    `parse_date` checks the weekday against the date: "mon 15 dec" of a Tuesday is never taken silently as either."""
    year = None
    if m := re.fullmatch(r"(.+?)[,\s]+(?:de\s+)?(\d{4})\.?", cleaned):
        cleaned, year = m[1], int(m[2])
    parts = _day_month(cleaned)
    weekdays: frozenset[int] = frozenset()
    if parts is None and (m := re.fullmatch(r"([^\W\d_][\w-]*)\.?,?\s+(.+)", cleaned)) and _weekday(m[1]):
        parts, weekdays = _day_month(m[2]), _weekday(m[1])
    return None if parts is None else (*parts, year, weekdays)


def _weekday(word: str) -> frozenset[int]:
    """The weekdays (Monday 0) a weekday's name or its short form can be, in a language Hearth speaks ("tue",
    "mié", "di", "sáb"): "di" is Dienstag or dimanche. Empty for a word that is no weekday."""
    if len(word) < 2:
        return frozenset()
    return frozenset(i for names in _WEEKDAYS_IN for i, name in enumerate(names) if name.startswith(word))


def _day_month(cleaned: str) -> tuple[int, int] | None:
    """“dec 25”, “25 dec”, “december 25th” → (day, month)."""
    m = (re.fullmatch(r"([^\W\d_]+)\.? (\d{1,2})(?:st|nd|rd|th)?", cleaned)
         or re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th|er|º|\.)? (?:of |de )?([^\W\d_]+)\.?", cleaned))
    if not m:
        return None
    word, number = (m[1], m[2]) if m[1].isalpha() else (m[2], m[1])
    month = _month(word)
    return None if month is None else (int(number), month)


def _month(word: str) -> int | None:
    if len(word) < 3:
        return None
    if word == "sept":
        return 9
    months = {i + 1 for names in _MONTHS_IN for i, full in enumerate(names) if full.startswith(word)}
    return months.pop() if len(months) == 1 else None


def _make_date(year: int, month: int, day: int, text: str, today: date) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise UserError(_("“{}” isn't a real date.") + " " + date_examples(today), text.strip()) from None


def _next_occurrence(day: int, month: int, today: date, text: str) -> date:
    """This year's date if it hasn't passed (today counts), else the next one that exists."""
    if not 1 <= day <= (29 if month == 2 else 31) or (month in (4, 6, 9, 11) and day == 31):
        raise UserError(_("“{}” isn't a real date.") + " " + date_examples(today), text.strip())
    for year in range(today.year, today.year + 9):
        try:
            candidate = date(year, month, day)
        except ValueError:  # 29 February outside a leap year
            continue
        if candidate >= today:
            return candidate
    raise AssertionError("unreachable: every valid day/month recurs within 8 years")


# --------------------------------------------------------------------------
# Durations
# --------------------------------------------------------------------------

_DURATION_EXAMPLES = N_("Try “45m”, “2h”, “1h30m” or “1d”.")
#: Lengths a refusal offers to try, in order, when not all of the usual ones would do (`duration_examples`).
_TRY_MINUTES = (45, 120, 90, 1440, 30, 15, 10, 5)


def as_typed(minutes: int) -> str:
    """45m, 2h, 1h30m, 2d: a length as people type it (and `parse_duration` reads it back)."""
    if minutes % 1440 == 0:
        return f"{minutes // 1440}d"
    if minutes >= 60:
        return f"{minutes // 60}h" + (f"{minutes % 60}m" if minutes % 60 else "")
    return f"{minutes}m"


def duration_examples(fits: Callable[[int], bool] | None = None) -> str:
    """Lengths to try, every one of which would be taken: the usual ones, or, where the rest of the setting
    allows fewer (`fits`: a round that must close before the next opens), those that fit. Empty if none does."""
    if fits is None or all(fits(m) for m in (45, 120, 90, 1440)):
        return _(_DURATION_EXAMPLES)
    good = [as_typed(m) for m in _TRY_MINUTES if MIN_MINUTES <= m <= MAX_MINUTES and fits(m)][:3]
    if not good:
        return ""
    quoted = [f"“{g}”" for g in good]
    listed = _("{choices} or {last}").format(choices=", ".join(quoted[:-1]), last=quoted[-1]) if len(quoted) > 1 \
        else quoted[0]
    return _("Try {examples}.").format(examples=listed)
_UNITS = {"m": 1, "min": 1, "mins": 1, "minute": 1, "minutes": 1,
          "h": 60, "hr": 60, "hrs": 60, "hour": 60, "hours": 60,
          "d": 1440, "day": 1440, "days": 1440}
_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([a-z]+)")


def parse_duration(text: str, fits: Callable[[int], bool] | None = None) -> int:
    """Minutes from “45m”, “90”, “2h”, “1h30m”, “1d”, “1:30”; 5 minutes to 7 days. `fits`: which lengths the
    rest of the setting allows, so a refusal only offers those (`duration_examples`)."""
    cleaned = text.strip().lower()
    examples = (" " + duration_examples(fits)).rstrip()
    if not cleaned:
        raise UserError(_("How long should it stay open?") + examples)
    if len(cleaned) > MAX_LENGTH or not cleaned.isprintable():
        raise UserError(_("That's too long to be a duration.") + examples)
    minutes = _read_minutes(cleaned)
    if minutes is None:
        raise UserError(_("I couldn't read “{}” as a length of time.") + examples, text.strip())
    if minutes < MIN_MINUTES:
        raise UserError(_("“{}” is too short: it needs at least {minutes} minutes.").replace("{minutes}", str(MIN_MINUTES)) + examples,
                        text.strip())
    if minutes > MAX_MINUTES:
        raise UserError(_("“{}” is too long: 7 days at most.") + examples, text.strip())
    return minutes


def _read_minutes(cleaned: str) -> int | None:
    if cleaned.isdigit():
        return int(cleaned)
    if m := re.fullmatch(r"(\d{1,3}):(\d{2})", cleaned):
        return None if int(m[2]) > 59 else int(m[1]) * 60 + int(m[2])
    compact = re.sub(r"\s+and\s+|,", " ", cleaned)
    total = 0.0
    pos = 0
    for part in _PART.finditer(compact):
        if compact[pos:part.start()].strip() or part[2] not in _UNITS:
            return None
        total += float(part[1]) * _UNITS[part[2]]
        pos = part.end()
    if pos == 0 or compact[pos:].strip():
        return None
    return round(total)
