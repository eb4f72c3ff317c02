"""The terminal adapter driven by a script, end to end through `hearth --script`."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main

SCRIPT = """\
as mia mod
mod schedule create standup #team daily 09:00 timezone=UTC open=1h remind=15m
press 1
ann: checkin join standup reminders=yes
bob: checkin join standup reminders=yes
cy: checkin join standup
dee: checkin join standup
at 08:59:58
sleep 3
ann: checkin answer 5 shared Shipped it <!channel> @everyone
bob: checkin answer 2 anonymous Tired but fine
cy: checkin answer 4 shared
as dee
press 2

keep this to myself
private
advance 46m
advance 15m
"""


def run_script(tmp_path: Path, script: str, capsys: pytest.CaptureFixture[str]) -> str:
    path = tmp_path / "script.txt"
    path.write_text(script, encoding="utf-8")
    config = tmp_path / "hearth.toml"
    config.write_text(f'data_dir = "{tmp_path / "data"}"\n', encoding="utf-8")
    assert main(["--config", str(config), "--log-level", "WARNING", "--script", str(path)]) == 0
    return capsys.readouterr().out


def test_a_whole_round_plays_from_a_script(tmp_path, capsys):
    out = run_script(tmp_path, SCRIPT, capsys)
    assert "Created standup" in out
    assert "[#team]\n  standup is open" in out
    assert out.count("[DM to ann]") == 1  # the opening DM; no reminder, Ann answered
    assert "[DM to bob]" in out
    # Shared answers go under the post, anonymous ones without a name, private ones nowhere.
    assert "[#team › thread]\n  ann · ☀️ Great\n  Shipped it <!channel> @everyone" in out
    assert "Someone · 🌥️ Low\n  Tired but fine" in out
    assert "keep this to myself" not in out.split("private\n", 1)[1]
    # Reminders only go to those who asked and haven't answered: nobody here.
    assert "gentle nudge" not in out
    summary = out.split("[#team (updated)]", 1)[1]
    assert "Check-ins: 4" in summary
    assert "☀️ 1" in summary and "🌤️ 1" in summary and "🌥️ 1" in summary
    assert "ann" not in summary and "bob" not in summary


def test_reminder_goes_to_who_asked_and_did_not_answer(tmp_path, capsys):
    script = """\
as mia mod
mod schedule create evening #general daily 19:00 timezone=UTC open=30m remind=10m
press 1
ann: checkin join evening reminders=yes
bob: checkin join evening reminders=no
at 18:59:59
sleep 2
advance 21m
"""
    out = run_script(tmp_path, script, capsys)
    nudges = [block for block in out.split("[DM to ")[1:] if "gentle nudge" in block]
    assert [b.split("]")[0] for b in nudges] == ["ann"]


def test_mistakes_get_kind_answers_and_the_script_goes_on(tmp_path, capsys):
    script = """\
checkin join nothing-here
mod schedule create x #general wekdays 9 timezone=UTC
mod schedule create y #general weekdays 09:00 timezone=Mars/Olympus
as ann
mod schedule create z #general weekdays 09:00
frobnicate
press 7
checkin status
"""
    out = run_script(tmp_path, script, capsys)
    assert "no check-ins here yet" in out
    assert "weekdays 09:00" in out  # the time error shows a right example
    assert "Mars/Olympus" in out
    assert "Only moderators can use mod schedule create" in out
    assert "I don't know the command “frobnicate”" in out
    assert "There's no button “7”" in out
    assert "Your check-ins" in out


def test_demo_runs(capsys):
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "evening-circle has closed" in out
    assert "gentle nudge" in out


def test_a_button_is_pressed_only_by_whom_it_was_shown(tmp_path, capsys):
    script = """\
ann: reflect
ann: note I keep this one for myself
ann: me delete
press 1
ann: me data
mia: press 1
ann: me data
ann: press 1
ann: me data
"""
    out = run_script(tmp_path, script, capsys)
    first, second, third = out.split("ann: me data")[1:]
    after_you, after_mia = out.split("you> press 1", 1)[1], out.split("mia: press 1", 1)[1]
    assert "meant for someone else, so I've left it alone. Nothing changed." in after_you.split("you>", 1)[0]
    assert "meant for someone else" in after_mia.split("you>", 1)[0]
    assert "1 private note" in first and "1 private note" in second  # nothing happened to Ann's data
    assert "Done. I've deleted everything" in second  # her own press did it
    assert "0 private notes" in third


def test_the_demo_lets_each_person_press_their_own_buttons(capsys):
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "meant for someone else" not in out and "I don't know the command" not in out
    assert "Talked to my sister for the first time in a while." in out
