"""A check-in's name typed to `checkin answer` at the terminal is the check-in, never words posted as the member's."""

from __future__ import annotations

from tests.adapters.console.test_console_script import run_script


def test_a_check_in_named_to_checkin_answer_is_never_prefilled_or_posted_as_the_members_words(tmp_path, capsys):
    """trial15 §9: the form offered "(Enter for circle)" in the words field, and Enter then posted "circle" under
    Ana's name; `checkin answer 4 circle` saved "circle" as Cy's words."""
    out = run_script(tmp_path, """\
as mia mod
at 08:00
mod schedule create circle #general daily 09:00
press 1
mod schedule create evening #general daily 20:00
press 1
at 09:01
ana: checkin answer circle
3

shared
cy: checkin answer 4 circle
cy: me history
""", capsys)
    form = out.split("mia> ana: checkin answer circle", 1)[1].split("mia> ", 1)[0]
    assert "Anything you'd like to say? (optional)\n  > \n" in form and "Enter for circle" not in form
    assert "[#general › thread]\n  ana · ⛅ Okay\n" in form and "ana · ⛅ Okay\n  circle" not in form
    history = out.split("mia> cy: me history", 1)[1]
    assert "circle · 🌤️ Good · private" in history and "— circle" not in history


def test_a_check_in_named_to_checkin_answer_that_is_not_open_says_which_is(tmp_path, capsys):
    """Named now, not taken as words: "There's no check-in open right now" would be untrue with another open."""
    out = run_script(tmp_path, """\
as mia mod
at 08:00
mod schedule create circle #general daily 09:00
press 1
mod schedule create evening #general daily 20:00
press 1
at 09:01
ana: checkin answer 4 evening
""", capsys)
    said = out.split("mia> ana: checkin answer 4 evening", 1)[1]
    assert "evening isn't open right now. Open now: circle." in said and "no check-in open" not in said
