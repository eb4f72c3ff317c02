"""The terminal's simulated clock goes on from where the last session left it (kept in the store), never back."""

from __future__ import annotations

import re

from tests.adapters.console.test_console_script import run_script


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
