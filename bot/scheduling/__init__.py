"""Schedules: the “when” language people type, and when that actually fires.

`spec` reads friendly forms and cron lines into a `When`; `inputs` reads
timezones, dates and durations; `trigger` turns a cron line plus a timezone
into fire times under Hearth's DST rules and drives APScheduler with them.
"""

from bot.scheduling.inputs import check_timezone, parse_date, parse_duration
from bot.scheduling.spec import When, parse_when
from bot.scheduling.trigger import HearthTrigger, describe_fire, fires_between, next_fires

__all__ = [
    "When", "parse_when", "check_timezone", "parse_date", "parse_duration",
    "HearthTrigger", "next_fires", "fires_between", "describe_fire",
]
