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


def test_a_stale_delete_confirmation_leaves_the_new_check_in_of_that_name(tmp_path, capsys, monkeypatch):
    start_terminal_clock_at(monkeypatch, datetime(2026, 12, 7, 7, 0))
    out = run_script(tmp_path, """\
as you mod
mod schedule create x #general daily 09:00 timezone=UTC
press 1
mod schedule delete x
as mia mod
mod schedule delete x
press 1
advance 1m
mod schedule create x #general daily 18:00 timezone=UTC
press 1
checkin join x
as you mod
press 1
mod schedule list
""", capsys)
    last = out.split("you> press 1")[-1]
    assert "x has changed since you asked, so I didn't do anything" in last, last
    assert "Deleted" not in last and "No check-ins yet" not in last and "18:00" in last


def test_phrases_the_schedule_cant_say_are_refused_in_the_terminal(tmp_path, capsys, monkeypatch):
    start_terminal_clock_at(monkeypatch, datetime(2026, 12, 7, 7, 0))
    out = run_script(tmp_path, """\
as mia mod
mod schedule create a #general every 2 days 09:00
mod schedule create g #general monday 09:00 and friday 17:00
mod schedule create z #general daily 0 09:00
mod schedule list
""", capsys)
    assert "I can't do “every 2 days” yet" in out
    assert "please make two schedules. Try “monday 09:00” and “friday 17:00”" in out
    assert "I can't tell what “0” means" in out
    assert "02:00" not in out and "00:00" not in out and "No check-ins yet" in out


def test_the_alert_channel_is_never_a_rounds_channel_in_the_terminal(tmp_path, capsys, monkeypatch):
    start_terminal_clock_at(monkeypatch, datetime(2026, 12, 7, 7, 0))
    out = run_script(tmp_path, """\
as mia mod
mod schedule create mornings #general daily 09:00 timezone=UTC
press 1
mod settings alert_channel general
mod settings alert_channel
""", capsys)
    assert "where the check-in “mornings” posts its rounds" in out
    assert "Saved: alert_channel" not in out and "alert_channel: not set" in out
