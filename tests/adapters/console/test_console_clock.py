"""The terminal's simulated clock goes on from where the last session left it (kept in the store), never back."""

from __future__ import annotations

import re
from datetime import datetime

from tests.adapters.console.test_console_script import run_script
from tests.conftest import start_terminal_clock_at


def test_a_new_session_goes_on_from_where_the_last_one_left_the_clock(tmp_path, capsys):
    run_script(tmp_path, """\
as mia mod
mod schedule create evening #general daily 19:00 timezone=UTC open=30m remind=0
press 1
ann: checkin join evening
at 19:00
""", capsys)
    out = run_script(tmp_path, "who\nann: checkin status\nadvance 31m\n", capsys)
    first = out.split("\n", 1)[0]
    assert re.fullmatch(r"The clock is where you left it: \w+ \d+ \w+, 19:00:\d\d \(UTC\)\.", first), first
    assert re.search(r"The clock says \w+ \d+ \w+, 19:00:\d\d \(UTC\)", out)
    status = out.split("you> ann: checkin status", 1)[1].split("you> advance", 1)[0]
    assert "Open now: evening, closes" in status and "19:30" in status
    assert "evening has closed" in out.split("you> advance 31m", 1)[1]  # the round it opened closes on time


def test_a_clock_left_at_real_time_says_nothing_and_stays_real(tmp_path, capsys):
    run_script(tmp_path, "who\n", capsys)
    out = run_script(tmp_path, "who\n", capsys)
    assert "where you left it" not in out and out.startswith("you> who\n")


def test_advance_takes_a_jump_in_parts_and_still_refuses_nonsense(tmp_path, capsys, monkeypatch):
    start_terminal_clock_at(monkeypatch, datetime(2026, 3, 2, 8, 0))  # (days counted by date: none at a month's end)
    out = run_script(tmp_path, "at 10:00\nadvance 1h30m\nadvance 1h 30m\nadvance 2d3h\nadvance 90m\n"
                               "advance soon\nadvance 1h30\nwho\n", capsys)
    moves = re.findall(r"The clock moves on to \w+ (\d+) \w+, (\d\d:\d\d:\d\d)", out)
    day = int(moves[0][0])
    assert [(int(d) - day, t[:5]) for d, t in moves[1:]] == [(0, "11:30"), (0, "13:00"), (2, "16:00"), (2, "17:30")]
    refusals = out.split("you> advance soon", 1)[1]
    assert refusals.count("Say how far, like advance 30s") == 2 and len(moves) == 5


def test_a_jump_into_another_year_says_the_year(tmp_path, capsys):
    out = run_script(tmp_path, "advance 3660d\nwho\n", capsys)
    moved = re.search(r"The clock moves on to \w+ \d+ \w+ (\d{4}), ", out)
    assert moved and int(moved[1]) >= 2036, out
    assert re.search(r"The clock says \w+ \d+ \w+, ", out)  # now in that year: no year needed


def test_a_jump_past_more_moments_than_one_move_steps_stops_there_and_skips_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("adapters.console.adapter.MAX_STEPS", 6)
    out = run_script(tmp_path, """\
as mia mod
at 09:59
mod schedule create quick #general 0 * * * * timezone=UTC open=30m remind=0
press 1
advance 10h
who
advance 10h
""", capsys)
    first = out.split("mia> advance 10h", 1)[1].split("mia> who", 1)[0]
    assert first.count("quick is open") == 3 and first.count("quick has closed") == 3  # six moments, in order
    assert "(I stopped the clock at " in first and "short of " in first and "Nothing was skipped." in first
    assert "No round is open now. Type advance again to go on.)" in first
    assert "skipped" not in first.replace("Nothing was skipped", "")
    said = out.split("mia> who", 1)[1]
    assert re.search(r"The clock says \w+ \d+ \w+, 12:30:00", said), said  # where it stopped, not ten hours on
    assert said.count("quick is open") == 3  # going on from there, again six moments


def test_the_help_and_the_readme_say_the_limits_the_terminal_keeps(tmp_path, capsys):
    from pathlib import Path

    from adapters.console.adapter import MAX_ADVANCE, MAX_SLEEP, MAX_STEPS, extras_text

    out = run_script(tmp_path, "extras\nsleep 200\nadvance 4000d\n", capsys)
    refused_sleep = re.search(r"from 0 to (\d+)", out)
    assert refused_sleep and f"0 to {refused_sleep[1]} (scripts)" in extras_text()
    assert f"0 to {MAX_SLEEP:g} (scripts)" in out and f"at most {MAX_ADVANCE.days}d)" in out  # (what `extras` says)
    assert f"at most {MAX_ADVANCE.days} days at a time" in out
    readme = Path(__file__).parents[3].joinpath("README.md").read_text(encoding="utf-8")
    assert f"up to {MAX_ADVANCE.days} days at a time" in readme and f"at most {MAX_STEPS} of those" in readme
    assert f"wait three real seconds (0 to {MAX_SLEEP:g})" in readme


def test_at_takes_a_day_and_a_time_forward_only_as_its_help_says(tmp_path, capsys, monkeypatch):
    """`at 2027-03-28 01:30` reaches a day (a DST change) in one move; a day behind the clock, or past how far
    it moves, is refused in words; `extras` says a DATE is taken."""
    from adapters.console.adapter import extras_text

    start_terminal_clock_at(monkeypatch, datetime(2026, 12, 6, 20, 0))
    out = run_script(tmp_path, "at 2027-03-28 01:30\nwho\nat 2026-01-01 09:00\nat 2040-01-01 09:00\n"
                               "at 2027-02-30 09:00\nat 09:00\nwho\n", capsys)
    assert "The clock moves on to Sun 28 Mar 2027, 01:30:00 (UTC)." in out
    assert re.search(r"The clock says \w+ 28 Mar, 01:30:\d\d", out)
    back, far, no_day, _rest = out.split("you> at 2026-01-01 09:00", 1)[1].split("you> at ")[:4]
    assert "it only moves forward" in back
    assert "at most 3660 days at a time" in far
    assert "a day and a time like at 2027-03-28 01:30" in no_day  # 30 February: no such day
    assert "“2027-02-30” isn't a real date." in no_day  # (trial 20 D1: as `me snooze 2026-02-30` says it)
    assert re.search(r"The clock says \w+ 28 Mar, 09:00:\d\d", out.split("you> at 09:00", 1)[1])  # the same day's
    assert "at [DATE] HH:MM" in extras_text() and "DATE like 2027-03-28" in extras_text()


def test_a_dated_at_at_a_field_for_words_ends_the_form_as_a_timed_one_does(tmp_path, capsys):
    from tests.adapters.console.test_console_script import EVENING_OPEN

    out = run_script(tmp_path, EVENING_OPEN + "checkin answer\n3\nat 2030-01-01 09:00\nwho\n", capsys)
    after = out.split("How are you, 1 to 5?", 1)[1]
    assert "(cancelled)" in after and "The clock moves on to Tue 1 Jan 2030, 09:00:00 (UTC)." in after
