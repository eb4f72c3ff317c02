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


def test_an_answers_choices_go_first_in_any_order_and_a_name_among_them_is_never_posted(tmp_path, capsys):
    """trial16 §3: `checkin answer 2 circle shared thanks all` was saved private with the words "circle shared
    thanks all", and `checkin answer 4 shared circle I feel good today` posted "circle I feel good today"."""
    out = run_script(tmp_path, """\
as mia mod
at 08:00
mod schedule create circle #general daily 09:00
press 1
at 09:01
cat: checkin answer 2 circle shared thanks all
ann: checkin answer 4 shared circle I feel good today
bob: checkin answer shared 3 I feel good circle
dan: checkin answer 5 words=circle was lovely
dan: me history
help checkin answer
""", capsys)
    cat = out.split("mia> cat: checkin answer", 1)[1].split("mia> ", 1)[0]
    assert "shared with the group" in cat and "cat · 🌥️ Low\n  thanks all\n" in cat
    ann = out.split("mia> ann: checkin answer", 1)[1].split("mia> ", 1)[0]
    assert "ann · 🌤️ Good\n  I feel good today\n" in ann
    bob = out.split("mia> bob: checkin answer", 1)[1].split("mia> ", 1)[0]
    assert "bob · ⛅ Okay\n  I feel good circle\n" in bob  # (after the first word of their own, all theirs)
    dan = out.split("mia> dan: checkin answer", 1)[1].split("mia> help", 1)[0]
    assert "kept private" in dan and "circle · ☀️ Great · private — circle was lovely" in dan
    helped = out.split("mia> help checkin answer", 1)[1]
    assert "Usage: checkin answer [mood] [visibility] [schedule] [words]" in helped
    assert "Type the mood, the visibility and the check-in's name first, in any order." in helped
