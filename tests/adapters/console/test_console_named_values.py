"""A `key=value` typed at the terminal keeps every word of its value, and a refusal gives back all of them."""

from __future__ import annotations

from tests.adapters.console.test_console_script import run_script


def test_named_values_with_spaces_reach_the_command_whole_and_a_refusal_gives_them_all_back(tmp_path, capsys):
    out = run_script(tmp_path, """\
as mia mod
mod prompt add checkin growth light How do you grow?
mod prompt edit own-growth-01 text=How have you grown this year?
mod prompt edit nosuch text=@everyone check in now!
mod schedule create t #general daily 09:00
press 1
mod schedule edit t when=daily 10:00
""", capsys)
    edit, missing, schedule = (out.split(f"mia> {line}", 1)[1].split("mia> ", 1)[0] for line in (
        "mod prompt edit own-growth-01", "mod prompt edit nosuch", "mod schedule edit t"))
    assert "Updated own-growth-01." in edit
    assert "There's no prompt nosuch here." in missing  # the id alone: no words of the text taken into it
    assert missing.endswith("What you typed, so you can use it again:\n  nosuch text=@everyone check in now!\n")
    assert "every day at 10:00 (UTC)" in schedule and "couldn't find" not in schedule


def test_spaces_around_an_equals_sign_at_the_terminal_are_forgiven(tmp_path, capsys):
    out = run_script(tmp_path, """\
as mia mod
mod settings language = fr
mod settings language= en
at 08:00
mod schedule create name = mornings channel = #general when = weekdays 09:00
""", capsys)
    french, english, create = (out.split(f"mia> {line}", 1)[1].split("mia> ", 1)[0] for line in (
        "mod settings language = fr", "mod settings language= en", "mod schedule create"))
    assert "fr (Français)" in french and "“= fr”" not in french
    assert "Saved: language is now en (English)." in english
    assert "New check-in “mornings”" in create and "every weekday at 09:00" in create and "no option" not in create


def test_a_refused_line_gives_back_every_word_after_the_command_at_the_terminal(tmp_path, capsys):
    """"What" was read as the depth and lost: the terminal gives back the line as typed, after the command."""
    out = run_script(tmp_path, """\
as mia mod
mod prompt add listening light What do you hear?
""", capsys)
    assert out.rstrip().endswith("What you typed, so you can use it again:\n  listening light What do you hear?"), out
