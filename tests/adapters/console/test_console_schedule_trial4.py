"""The fourth trial's scheduling faults, in the terminal as it found them (its clock pinned: `at`, a start date)."""

from __future__ import annotations

from datetime import datetime

from tests.adapters.console.test_console_script import run_script
from tests.conftest import start_terminal_clock_at


def test_a_time_moved_to_an_hour_already_past_opens_no_round_until_the_preview_said(tmp_path, capsys, monkeypatch):
    start_terminal_clock_at(monkeypatch, datetime(2026, 12, 7, 8, 0))  # a Monday
    out = run_script(tmp_path, """\
as mia mod
at 09:00
mod schedule create foo #general daily 18:00 timezone=UTC
press 1
at 10:30
mod schedule edit foo when=daily 10:00
press 1
advance 1m
mod schedule create bar #general daily 10:00 timezone=UTC
press 1
advance 5m
""", capsys)
    assert "Next three: Tue 8 Dec, 10:00" in out
    assert "is open" not in out, out


def test_resuming_does_not_open_the_round_the_pause_held_back(tmp_path, capsys, monkeypatch):
    start_terminal_clock_at(monkeypatch, datetime(2026, 12, 7, 7, 0))
    out = run_script(tmp_path, """\
as mia mod
at 07:30
mod schedule create m #general daily 09:00 timezone=UTC
press 1
at 08:00
mod schedule pause m
at 09:30
mod schedule resume m
advance 5m
at 09:00
""", capsys)  # (at 09:00 is the next day's: that round opens)
    assert "m is running again." in out
    after_resume = out.split("mod schedule resume m", 1)[1]
    assert "m is open" not in after_resume.split("at 09:00", 1)[0]
    assert after_resume.split("at 09:00", 1)[1].count("m is open") == 1
