"""Timezones, dates and durations as people type them."""

import re
from datetime import date
from zoneinfo import ZoneInfo

import pytest

from bot.errors import UserError
from bot.i18n import speaking
from bot.scheduling import check_timezone, parse_date, parse_duration


@pytest.mark.parametrize("name, key", [
    ("Europe/Berlin", "Europe/Berlin"),
    ("europe/berlin", "Europe/Berlin"),
    ("  AMERICA/NEW_YORK ", "America/New_York"),
    ("America/New York", "America/New_York"),
    ("UTC", "UTC"),
    ("utc", "UTC"),
])
def test_known_timezones(name, key):
    assert check_timezone(name) == ZoneInfo(key)


def test_unknown_timezone_suggests_close_names():
    with pytest.raises(UserError) as err:
        check_timezone("Europe/Berln")
    message = str(err.value)
    assert message.startswith("I don't know the timezone “Europe/Berln”. Did you mean “Europe/Berlin”")
    suggestions = message.split("Did you mean ", 1)[1].split("?", 1)[0]
    assert 1 <= suggestions.count("“") <= 3
    assert "Names look like “Europe/Berlin”" in message


@pytest.mark.parametrize("lang, quoted", [("es", "«Europe/Berlin»"), ("de", "„Europe/Berlin“"),
                                           ("fr", "«\u00a0Europe/Berlin\u00a0»")])
def test_suggested_zones_wear_the_languages_own_quotes(lang, quoted):
    """Not “Europe/Berlin” inside a Spanish sentence that quotes «Europe/Berln»: one kind of quote per sentence."""
    with speaking(lang), pytest.raises(UserError) as err:
        check_timezone("Europe/Berln")
    assert quoted in str(err.value) and "“Europe/Berlin”" not in str(err.value).split("?")[0]


def test_city_alone_suggests_its_zone():
    with pytest.raises(UserError) as err:
        check_timezone("Berlin")
    assert "Did you mean “Europe/Berlin”?" in str(err.value)


@pytest.mark.parametrize("name, expected", [
    ("", "Which timezone?"),
    ("Nowhere/Atall", "I don't know the timezone “Nowhere/Atall”. Names look like"),
    ("x" * 65, "doesn't look like a timezone name"),
    ("../../etc/passwd", "I don't know the timezone"),
])
def test_timezone_errors(name, expected):
    with pytest.raises(UserError) as err:
        check_timezone(name)
    assert expected in str(err.value)
    assert "“Europe/Berlin”" in str(err.value)


TODAY = date(2026, 11, 25)


@pytest.mark.parametrize("text, expected", [
    ("2026-12-25", date(2026, 12, 25)),
    ("today", TODAY),
    ("Tomorrow", date(2026, 11, 26)),
    ("dec 25", date(2026, 12, 25)),
    ("25 dec", date(2026, 12, 25)),
    ("25th of December", date(2026, 12, 25)),
    ("nov 25", TODAY),
    ("nov 24", date(2027, 11, 24)),
    ("jan 3", date(2027, 1, 3)),
    ("feb 29", date(2028, 2, 29)),
])
def test_dates(text, expected):
    assert parse_date(text, TODAY) == expected


def test_past_dates_only_when_allowed():
    assert parse_date("2026-01-01", TODAY, allow_past=True) == date(2026, 1, 1)


@pytest.mark.parametrize("text, expected", [
    ("", "Which date?"),
    ("someday", "I couldn't read “someday” as a date."),
    ("2026-02-30", "“2026-02-30” isn't a real date."),
    ("feb 30", "“feb 30” isn't a real date."),
    ("2026-13-01", "isn't a real date"),
    ("2020-01-01", "“2020-01-01” is in the past."),
    ("2040-01-01", "more than 10 years away"),
])
def test_date_errors(text, expected):
    with pytest.raises(UserError) as err:
        parse_date(text, TODAY)
    assert expected in str(err.value)
    assert "Try “2026-12-25”, “tomorrow” or “25 dec”." in str(err.value)  # (30 days on from TODAY)


@pytest.mark.parametrize("text, minutes", [
    ("45m", 45), ("90", 90), ("2h", 120), ("1h30m", 90), ("1d", 1440), ("1h 30m", 90),
    ("90 min", 90), ("2 hours", 120), ("1.5h", 90), ("1:30", 90), ("5m", 5), ("7d", 10080),
])
def test_durations(text, minutes):
    assert parse_duration(text) == minutes


@pytest.mark.parametrize("text, expected", [
    ("", "How long should it stay open?"),
    ("4", "“4” is too short: it needs at least 5 minutes."),
    ("0m", "too short"),
    ("8d", "“8d” is too long: 7 days at most."),
    ("7d1m", "too long"),
    ("soon", "I couldn't read “soon” as a length of time."),
    ("2 fortnights", "I couldn't read"),
    ("9" * 70, "too long to be a duration"),
])
def test_duration_errors(text, expected):
    with pytest.raises(UserError) as err:
        parse_duration(text)
    assert expected in str(err.value)
    assert "Try “45m”" in str(err.value)


@pytest.mark.parametrize("typed, expected", [
    ("25 dic", date(2026, 12, 25)), ("25. Dezember", date(2026, 12, 25)), ("25. Dez.", date(2026, 12, 25)),
    ("25 déc.", date(2026, 12, 25)), ("1er janvier", date(2027, 1, 1)), ("25 de dezembro", date(2026, 12, 25)),
    ("2 août", date(2027, 8, 2)), ("5 out", date(2027, 10, 5)), ("3 mai", date(2027, 5, 3)),
])
def test_dates_in_the_languages_hearth_speaks(typed, expected):
    """The hint in each language shows its own month (“25 dic”), so that month must read as a date too."""
    assert parse_date(typed, date(2026, 12, 5)) == expected


def test_a_month_prefix_two_months_share_reads_as_neither():
    with pytest.raises(UserError):
        parse_date("3 jui", date(2026, 12, 5))  # French juin or juillet: asking beats guessing


@pytest.mark.parametrize("lang", ["es", "de", "fr", "pt"])
def test_each_languages_date_hint_can_be_typed_as_it_reads(lang):
    """Whatever month example the hint shows in a language parses: the hint never suggests what fails."""
    from bot.i18n import gettext_in
    from bot.scheduling.inputs import _DATE_EXAMPLES

    hint = gettext_in(lang, _DATE_EXAMPLES)
    example = re.findall(r"[«“„]\s?([^»”“]+?)\s?[»”“]", hint)[-1]
    assert parse_date(example, date(2026, 12, 5)) == date(2026, 12, 25), (lang, example)


@pytest.mark.parametrize("lang", ["en", "es", "de", "fr", "pt"])
def test_a_day_as_hearth_writes_it_reads_back(lang):
    """trial17: "Snoozed until Tuesday 8 December", "Still skipped: Wed 6 Jan 2027": a member who types a day back
    as Hearth wrote it (with its weekday, its year) is understood, in each language Hearth speaks."""
    from datetime import datetime, timezone

    from bot import i18n
    from bot.i18n import day_month, day_month_short, long_day

    before = i18n._now
    i18n.years_from(lambda: datetime(2026, 11, 25, tzinfo=timezone.utc))  # (TODAY's year: the years Hearth writes)
    try:
        with speaking(lang):
            for day in (date(2026, 12, 8), date(2027, 1, 6), date(2027, 5, 1), date(2026, 11, 25)):
                for written in (day_month(day), long_day(day), day_month_short(day)):
                    assert parse_date(written, TODAY) == day, (lang, written)
    finally:
        i18n.years_from(before)


def test_a_past_day_with_its_year_is_said_to_be_past():
    with pytest.raises(UserError) as err:
        parse_date("1 jan 2020", TODAY)
    assert "“1 jan 2020” is in the past." in str(err.value)


@pytest.mark.parametrize("typed", ["monday 15 dec", "Mon 15 Dec", "Wednesday 8 December", "mié, 8 de dic",
                                   "Mi., 8. Dez.", "mer. 8 déc.", "qua., 8 de dez.", "Thu 8 Jan 2027"])
def test_a_weekday_that_is_not_its_dates_is_asked_about(typed):
    """trial18: "mod schedule skip mornings monday 15 dec", where 15 Dec is a Tuesday, skipped Tuesday silently: the
    person meant Monday 14 or Tuesday 15, and only they know which. Refused, naming the date's own weekday."""
    with pytest.raises(UserError) as err:
        parse_date(typed, TODAY)
    said = str(err.value)
    assert f"The weekday in “{typed}” doesn't match its date: that date is " in said
    assert re.search(r"that date is (Tuesday 15 December|Tuesday 8 December|Friday 8 January 2027)\.", said), said


@pytest.mark.parametrize("name", ["localtime", "Factory", "LOCALTIME"])
def test_names_in_the_zone_folder_that_are_no_place_are_refused(name):
    """`localtime` is the server machine's own zone (a link to /etc/localtime where the system's tzdata has one) and
    `Factory` the placeholder "-00": "Done: your timezone is localtime" (trial21 C1) told a member their times
    followed wherever Hearth happens to run, labelled "(localtime)". Neither is a place anyone lives."""
    with pytest.raises(UserError):
        check_timezone(name)


def test_a_real_zone_with_an_old_short_name_still_reads():
    assert check_timezone("EST") == ZoneInfo("EST") and check_timezone("utc") == ZoneInfo("UTC")
