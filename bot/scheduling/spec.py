"""The schedule language: what a moderator types for “when”, and its words.

People write “weekdays 09:00” or “tuesday and thursday 12:15”; some write a
cron line. Both become one normalized cron line, so the store, the trigger
and the description share a single source of truth.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from bot.errors import UserError
from bot.i18n import N_, _, current
from bot.scheduling.cron import CronFields, parse_cron

MAX_LENGTH = 100
EXAMPLES = N_("Try “weekdays 09:00”, “mondays 18:30” or a cron line like “30 9 * * 1-5”.")

DAY_NAMES = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")

_ALL = frozenset(range(7))
_WEEKDAYS = frozenset(range(1, 6))
_WEEKEND = frozenset({6, 0})
_GROUPS = {"daily": _ALL, "everyday": _ALL, "day": _ALL, "days": _ALL,
           "weekday": _WEEKDAYS, "weekdays": _WEEKDAYS, "weekend": _WEEKEND, "weekends": _WEEKEND}
_FILLERS = {"every", "each", "on", "at", "and", "the", "&", "of", "week", "all"}
_RANGE_WORDS = {"to", "through", "thru", "till", "until"}
_DAY_WORDS: dict[str, int] = {}
for _n, _name in enumerate(DAY_NAMES):
    for _w in (_name.lower(), _name.lower()[:3]):
        _DAY_WORDS[_w] = _DAY_WORDS[_w + "s"] = _n
_DAY_WORDS.update({"tues": 2, "weds": 3, "thur": 4, "thurs": 4})
#: What a slip may be offered as: words that name days or times (a filler such as “week” or “every”, offered
#: for “weekly”, would only lead to the next refusal).
_VOCABULARY = sorted(set(_GROUPS) | set(_DAY_WORDS) | {"noon", "midnight"})
#: Words for a rhythm other than days of the week: answered with how to say once a week or once a month.
_OTHER_RHYTHMS = {"weekly", "biweekly", "fortnightly", "fortnight", "weeks", "monthly", "month", "months",
                  "yearly", "annually"}
_TIME = re.compile(r"(\d+)(?:[:.h](\d+))?(am|pm|h)?")
_CRON_NUMBERS = re.compile(r"[0-9/,\-]+")  # three of these in a row is a cron line


@dataclass(frozen=True)
class When:
    """A parsed schedule time: the normalized cron line and what was typed."""

    cron: str
    text: str

    def describe(self) -> str:
        """Plain words, e.g. “every weekday at 09:00”."""
        return describe_cron(parse_cron(self.cron))


def schedule_word(word: str) -> bool:
    """Whether a word can only begin a time or a schedule ("weekdays", "mon", "09:00", "9am"): where a check-in's
    name, typed without quotes, ends (`bot.commands.parse`)."""
    w = word.lower().strip(",")
    return w in _GROUPS or w in _DAY_WORDS or w in _OTHER_RHYTHMS or w in ("noon", "midnight") \
        or bool(_TIME.fullmatch(w)) or bool(_CRON_NUMBERS.fullmatch(w)) or "*" in w


def parse_when(text: str) -> When:
    """Read a friendly schedule or a 5-field cron line; refuse kindly."""
    typed = text
    text = text.strip().strip("\"'“”‘’`").strip()
    if not text:
        raise UserError(_("Tell me when the check-in should happen.") + " " + _(EXAMPLES))
    if len(text) > MAX_LENGTH:
        raise UserError(_("That's longer than a schedule needs ({limit} characters at most).").format(limit=MAX_LENGTH)
                        + " " + _(EXAMPLES))
    if not text.isprintable():
        raise UserError(_("Please write the schedule on one line, in plain text.") + " " + _(EXAMPLES))
    lowered = text.lower()
    tokens = lowered.split()
    if "*" in lowered or (len(tokens) >= 3 and all(_CRON_NUMBERS.fullmatch(t) for t in tokens[:3])):
        return When(parse_cron(lowered).normalized(), typed)
    return When(_parse_friendly(lowered, text), typed)


def _parse_friendly(lowered: str, text: str) -> str:
    lowered = re.sub(r"(\d)\s*(a\.?m\.?|p\.?m\.?)(?=\s|,|$)",
                     lambda m: m.group(1) + m.group(2).replace(".", ""), lowered)
    lowered = re.sub(r"(?<=[a-z])\s*[-–]\s*(?=[a-z])", " to ", lowered)  # mon-fri → mon to fri
    lowered = re.sub(r"[,/]", " ", lowered)
    days: set[int] = set()
    times: list[tuple[int, int]] = []
    tokens = lowered.split()
    #: The phrase cut where it goes back from times to days (or days to times): “monday 09:00 and friday 17:00”
    #: is two parts, each its own days and times, which one cron line can't pair (`_one_rhythm`).
    parts: list[tuple[set[int], list[tuple[int, int]], list[str]]] = [(days, times, [])]
    last_kind = ""
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.isdigit() and i + 1 < len(tokens) and tokens[i + 1] in ("day", "days"):
            if int(token) != 1:
                phrase = " ".join(tokens[max(0, i - 1) if i and tokens[i - 1] == "every" else i:i + 2])
                raise UserError(_("In words, I follow the days of the week, so I can't do “{typed}” yet. Try "
                                  "“mon,wed,fri 09:00” or “daily 09:00”."), typed=phrase)
            token = "daily"  # (“every 1 day”: every day)
            i += 1
        elif token.isdigit() and i + 1 < len(tokens) and tokens[i + 1] in _OTHER_RHYTHMS:
            i += 1  # (“every 2 weeks”: the rhythm's word says what can be done instead)
            continue
        kind = "day" if token in _GROUPS or token in _DAY_WORDS else "time" if _looks_like_time(token) else ""
        if kind and last_kind and kind != last_kind and days and times:
            if (kind == "day") == parts[-1][2][0].startswith("day:"):  # (back to what this part began with)
                days, times = set(), []
                parts.append((days, times, []))
        if kind:
            parts[-1][2].append(f"{kind}:{token}")
            last_kind = kind
        if token in _GROUPS:
            days |= _GROUPS[token]
        elif token in _DAY_WORDS:
            if i + 2 < len(tokens) and tokens[i + 1] in _RANGE_WORDS and tokens[i + 2] in _DAY_WORDS:
                start, end = _DAY_WORDS[token], _DAY_WORDS[tokens[i + 2]]
                days |= {(start + k) % 7 for k in range((end - start) % 7 + 1)}
                parts[-1][2].extend(f"day:{w}" for w in tokens[i + 1:i + 3])
                i += 2
            else:
                days.add(_DAY_WORDS[token])
        elif token in _FILLERS:
            pass
        elif (time := _read_time(token, text)) is not None:
            times.append(time)
        elif token in _OTHER_RHYTHMS:
            raise UserError(_("In words, I understand days of the week, so I can't read “{}”: for once a week, "
                              "name the day. For once a month, use a cron line like “0 9 1 * *” (the 1st, at "
                              "09:00).") + " " + _(EXAMPLES), text)
        else:
            guess = difflib.get_close_matches(token, _VOCABULARY, n=1, cutoff=0.7)
            if guess:
                raise UserError(_("I couldn't read “{typed}” as a time — did you mean “{guess}”?") + " " + _(EXAMPLES),
                                typed=text, guess=guess[0])
            raise UserError(_("I couldn't read “{}” as a time.") + " " + _(EXAMPLES), text)
        i += 1
    days, times = _one_rhythm(parts, text)
    if not times:
        raise UserError(_("I see the days in “{}” but not the time.") + " " + _(EXAMPLES), text)
    if not days:
        raise UserError(_("I see the time in “{}” but not which days. "
                          "Try “daily 09:00”, “weekdays 09:00” or “mondays 09:00”."), text)
    hours = sorted({h for h, _ in times})
    minutes = sorted({m for _, m in times})
    if len(hours) > 1 and len(minutes) > 1:
        raise UserError(_("A schedule can have several times only if they share the hour or the minutes "
                          "(like “weekdays 9:00 and 17:00”). For “{}”, please make two schedules. "
                          "Try “weekdays 09:00” and “mondays 18:30”."), text)
    dows = ",".join(str(d) for d in sorted(days))
    return parse_cron(f"{','.join(map(str, minutes))} {','.join(map(str, hours))} * * {dows}").normalized()


def _looks_like_time(token: str) -> bool:
    return token in ("noon", "midday", "midnight") or bool(_TIME.fullmatch(token))


def _one_rhythm(parts: list[tuple[set[int], list[tuple[int, int]], list[str]]],
                text: str) -> tuple[set[int], list[tuple[int, int]]]:
    """The days and times of a phrase in parts (“monday 09:00 and friday 17:00”): one set of days at one set of
    times, as a cron line has. Parts at the same times join their days (“monday 09:00 and friday 09:00”), parts
    on the same days join their times; days each with a time of their own can't be paired in one schedule, and
    multiplying them out would add rounds nobody asked for, so that is refused."""
    days: set[int] = set()
    times: list[tuple[int, int]] = []
    whole = [(d, t) for d, t, _words in parts if d and t]
    if len(whole) > 1 and not (all(set(t) == set(whole[0][1]) for _d, t in whole)
                               or all(d == whole[0][0] for d, _t in whole)):
        shown = [" ".join(w.split(":", 1)[1] for w in words) for d, t, words in parts if d and t]
        raise UserError(_("A check-in has one set of times for all its days, so I can't pair “{typed}” day by day: "
                          "please make two schedules. Try “{first}” and “{second}”."),
                        typed=text, first=shown[0], second=shown[1])
    for d, t, _words in parts:
        days |= d
        times += t
    return days, times


def _read_time(token: str, text: str) -> tuple[int, int] | None:
    """“09:00”, “9.30”, “9h”, “9h30”, “7pm”, “0930”, “noon”; None if not a time at all. A bare “9” is refused:
    in “every 2 days 09:00” or “daily 0 09:00” it was never meant as an hour."""
    if token in ("noon", "midday"):
        return 12, 0
    if token == "midnight":
        return 0, 0
    m = _TIME.fullmatch(token)
    if not m:
        return None
    hour_text, minute_text, meridiem = m.groups()
    if meridiem == "h":  # (9h, as many write it: a time, like 9h30)
        meridiem = None
    elif minute_text is None and meridiem is None:
        if len(hour_text) not in (3, 4):
            raise UserError(_("In “{typed}”, I can't tell what “{number}” means. Write a time with its minutes or "
                              "am/pm, like “09:00” or “9am”.") + " " + _(EXAMPLES), typed=text, number=hour_text)
        hour_text, minute_text = hour_text[:-2], hour_text[-2:]
    hour = int(hour_text)
    minute = int(minute_text) if minute_text is not None else 0
    if meridiem:
        if not 1 <= hour <= 12:
            raise UserError(_("“{}” mixes a 24-hour time with am/pm. Try “7pm” or “19:00”."), token)
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    if hour > 23:
        raise UserError(_("In “{typed}”, there's no hour “{hour}”: hours run from 0 to 23. "
                          "Try “weekdays 21:00” or “daily 9pm”."), typed=text, hour=hour_text)
    if minute > 59 or (minute_text is not None and len(minute_text) != 2):
        raise UserError(_("In “{typed}”, “{minute}” isn't a minute: minutes run from 00 to 59. "
                          "Try “weekdays 09:30” or “mondays 18:05”."), typed=text, minute=minute_text or "")
    return hour, minute


# --------------------------------------------------------------------------
# Words
# --------------------------------------------------------------------------


def describe_cron(f: CronFields) -> str:
    """A cron line in plain words: “every Monday, Wednesday and Friday at 17:00”, in the language being spoken."""
    days = _days_words(f)
    pairs = [(h, m) for h in f.hours for m in f.minutes]
    if len(pairs) <= 6:
        return _("{days} at {times}").format(days=days, times=_and([f'{h:02}:{m:02}' for h, m in pairs]))
    return _("{days}, {minutes}{hours}").format(days=days, minutes=_minutes_words(f.minutes),
                                               hours=_hours_words(f.hours))


def _day_name(d: int) -> str:
    """A weekday's name (0 = Sunday), in the language being spoken."""
    if current() == "en":
        return DAY_NAMES[d]
    from babel.dates import get_day_names

    return str(get_day_names("wide", "format", current())[(d - 1) % 7])  # (Babel counts from Monday = 0)


def _month_name(m: int) -> str:
    if current() == "en":
        return MONTH_NAMES[m - 1]
    from babel.dates import get_month_names

    return str(get_month_names("wide", "format", current())[m])


def _days_words(f: CronFields) -> str:
    by_weekday = ""
    if f.weekdays_restricted:
        if f.weekdays == _WEEKDAYS:
            by_weekday = _("every weekday")
        elif f.weekdays == _ALL:
            by_weekday = _("every day")
        else:
            by_weekday = _("every {days}").format(
                days=_and([_day_name(d) for d in sorted(f.weekdays, key=lambda d: (d == 0, d))]))
    months = "" if len(f.months) == 12 else _and([_month_name(m) for m in sorted(f.months)])
    if f.days_restricted:
        dates = _and([_ordinal(d) for d in sorted(f.days)])
        by_day = (_("on the {dates} of {months}").format(dates=dates, months=months) if months
                  else _("on the {dates} of every month").format(dates=dates))
        return _("{by_day} and {by_weekday}").format(by_day=by_day, by_weekday=by_weekday) if by_weekday else by_day
    words = by_weekday or _("every day")
    return _("{days} in {months}").format(days=words, months=months) if months else words


def _minutes_words(minutes: tuple[int, ...]) -> str:
    if len(minutes) == 60:
        return _("every minute")
    step = minutes[1] - minutes[0] if len(minutes) > 1 else 0
    if minutes[0] == 0 and step > 1 and list(minutes) == list(range(0, 60, step)):
        return _("every {step} minutes").format(step=step)
    shown = _and([f'{m:02}' for m in minutes])
    return (_("at minute {minutes} of the hour") if len(minutes) == 1
            else _("at minutes {minutes} of the hour")).format(minutes=shown)


def _hours_words(hours: tuple[int, ...]) -> str:
    if len(hours) == 24:
        return ""
    if list(hours) == list(range(hours[0], hours[-1] + 1)):
        return " " + _("from {start} to {end}").format(start=f"{hours[0]:02}:00", end=f"{hours[-1]:02}:59")
    return " " + _("in the hours starting {hours}").format(hours=_and([f"{h:02}:00" for h in hours]))


def _ordinal(n: int) -> str:
    if current() != "en":
        return str(n)  # (each language's own ordinals differ by gender and form: the number reads right in all)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else _("{items} and {last}").format(items=", ".join(items[:-1]),
                                                                           last=items[-1])
