"""What the terminal reads, from the keyboard or a pipe: a terminal line is never taken as a form's answer where
it can't be one, and a line that isn't UTF-8 text is answered and skipped, the rest read as usual."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from hearth.cli import main
from tests.adapters.console.test_console_script import EVENING_OPEN, run_script


class Keyboard(io.TextIOWrapper):
    """Standard input as typed at a terminal (or piped, with `tty=False`): bytes underneath, as the real one."""

    def __init__(self, data: bytes, tty: bool) -> None:
        super().__init__(io.BytesIO(data), encoding="utf-8")
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def run_stdin(tmp_path: Path, data: bytes, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
              tty: bool) -> str:
    """`hearth` with no script and no token: the terminal reads standard input (`data`)."""
    config = tmp_path / "hearth.toml"
    config.write_text(f'data_dir = "{tmp_path / "data"}"\n', encoding="utf-8")
    monkeypatch.setattr("sys.stdin", Keyboard(data, tty))
    assert main(["--config", str(config), "--log-level", "WARNING"]) == 0
    return capsys.readouterr().out


def test_at_the_keyboard_a_terminal_line_at_a_choice_ends_the_form_and_free_words_stay_words(
        tmp_path, capsys, monkeypatch):
    typed = EVENING_OPEN + """\
checkin answer
as bob
checkin answer
4
as always
who
ann: checkin answer
press
checkin answer
2
as always, tired
private
me history
"""
    out = run_stdin(tmp_path, typed.encode(), capsys, monkeypatch, tty=True)
    first, rest = out.split("How are you, 1 to 5?", 1)[1].split("You are now bob.", 1)
    assert "(cancelled)" in first and "Your mood should be" not in first  # `as bob` was never Ann's mood
    bobs = rest.split("How are you, 1 to 5?", 1)[1].split("You are bob.", 1)[0]
    assert "(cancelled)" in bobs and "you wrote “as always”" in bobs  # words kept; `who` was no visibility
    anns, last = out.split("You are bob.", 1)[1].split("Say which button, like press 1.", 1)
    assert anns.startswith(" The clock says") and "[only ann]" in anns and "(cancelled)" in anns  # `press`: no mood
    assert "Your mood should be" not in out and "must be one of" not in out
    assert "Your answer is kept private" in last and "private — as always, tired" in last  # words, at the keyboard


def test_in_a_script_the_next_speakers_line_ends_a_form_at_every_field_and_a_comment_is_no_answer(
        tmp_path, capsys):
    script = EVENING_OPEN + """\
checkin answer
bob: checkin status
checkin answer
# Ann thinks, then answers
3
Fine
advance
checkin answer
3

bob: checkin status
me history
"""
    out = run_script(tmp_path, script, capsys)
    at_mood, at_visibility, at_words = out.split("ann> checkin answer")[1:4]
    assert "(cancelled)\nann> bob: checkin status\n[only bob]\n  Your check-ins" in at_mood
    assert "  > 3\n  Anything you'd like to say? (optional)\n  > Fine\n  Who sees" in at_visibility  # (no comment)
    assert "(cancelled)\n  How are you, 1 to 5? — you wrote “3”\n  Anything you'd like to say? — you wrote “Fine”\n" \
           "ann> advance\n[only you]\n  Say how far" in at_visibility
    assert "(cancelled)" in at_words and "[only bob]" in at_words and "Thanks for checking in" not in out


def test_a_piped_line_that_is_not_utf8_is_answered_and_skipped_and_reading_goes_on(tmp_path, capsys, monkeypatch):
    data = b"who\n\xff\xfe bad bytes\nwho\nmod schedule create evening #general daily 19:00\npress 1\nat 19:00\n" \
           b"checkin answer\n\xff\n3\n\nprivate\nme history\n"
    out = run_stdin(tmp_path, data, capsys, monkeypatch, tty=False)
    assert out.count("You are you (moderator).") == 2  # the line after the bad one was answered
    assert "you> \ufffd\ufffd bad bytes\n[only you]\n  That line wasn't readable text (it wasn't UTF-8), so I " \
           "skipped it." in out
    form = out.split("you> checkin answer", 1)[1]
    assert form.count("That line wasn't readable text") == 1 and "Your answer is kept private" in form


def test_a_typed_line_that_is_not_utf8_is_answered_and_skipped(tmp_path, capsys, monkeypatch):
    out = run_stdin(tmp_path, b"\xffoops\nwho\n", capsys, monkeypatch, tty=True)
    assert "it wasn't UTF-8 text), so I skipped it. Please type it again." in out and "You are you" in out


def test_a_choice_that_is_none_of_them_is_said_at_its_own_step_and_asked_again(tmp_path, capsys):
    script = EVENING_OPEN + """\
checkin answer
7
GREAT
Long day
everyone
1
"""
    out = run_script(tmp_path, script, capsys)
    form = out.split("ann> checkin answer", 1)[1]
    sorry = "isn't one of the choices. Type one of them.\n  "
    mood, rest = form.split("  > GREAT\n", 1)
    assert f"  > 7\n  “7” {sorry}How are you, 1 to 5?" in mood
    assert f"  > everyone\n  “everyone” {sorry}Who sees your words?" in rest  # asked again at once, not at the end
    assert "Long day" in rest.split("[#general › thread]", 1)[1]  # `1`: the first choice shown, shared
    assert "Your mood should be" not in out and "must be one of" not in out and "(cancelled)" not in out
    assert "its number" not in out  # (trial 20 B5: "[shared] … [anonymous] …" shows no numbers to type)


def test_empty_lines_are_skipped_in_a_script_and_show_the_prompt_again_at_the_keyboard(tmp_path, capsys, monkeypatch):
    out = run_script(tmp_path, "who\n\n   \n\t\nwho\n", capsys)
    assert out.count("you> ") == 2 and "you> \n" not in out  # no echo, no answer, no "(no answer)" for them
    assert re.fullmatch(r"you> who\nYou are you \(moderator\)\. The clock says [^\n]+\n" * 2, out), out
    typed = run_stdin(tmp_path, b"\n  \nwho\n", capsys, monkeypatch, tty=True)
    assert "you> you> you> You are you (moderator)." in typed  # just the prompt again, as a shell does


def test_words_too_long_are_said_at_their_own_step_and_a_command_is_never_taken_as_words_unasked(tmp_path, capsys):
    long = "A" * 5000
    script = EVENING_OPEN + f"""\
checkin answer
3
{long}
checkin answer
no
3
{long}
checkin status
yes
shared
"""
    out = run_script(tmp_path, script, capsys)
    first, second = out.split("ann> checkin answer", 1)[1].split("  > no\n", 1)
    assert "That's 5000 characters; the most I can keep here is 1000. Could you shorten it a little? Nothing was " \
           "saved yet.\n  Anything you'd like to say? (optional) — you wrote “" in first  # at once, before visibility
    assert "Who sees your words?" not in first
    assert "“checkin answer” looks like one of my commands. Type yes to keep it as your answer here, or no" in first
    # `no`: the form is left, the long words given back, and the command runs (a new form, nothing posted)
    assert second.startswith("  (cancelled)\n") and f"Anything you'd like to say? — you wrote “{long}”" in second
    assert "ann> checkin answer\n[only you]\n  Check in" in second
    # `yes` keeps the command's words as the answer, asked first: posted only because she said so
    assert "“checkin status” looks like one of my commands." in second
    assert "[#general › thread]\n  ann · ⛅ Okay\n  checkin status" in second
    assert long not in second.split("[#general › thread]", 1)[1]


def test_at_the_yes_or_no_a_scripts_next_speaker_ends_the_form_and_is_done_as_typed(tmp_path, capsys):
    out = run_script(tmp_path, EVENING_OPEN + "checkin answer\n3\ncheckin status\nbob: checkin status\n", capsys)
    form = out.split("ann> checkin answer", 1)[1]
    assert "“checkin status” looks like one of my commands." in form
    assert "(cancelled)\n  How are you, 1 to 5? — you wrote “3”\nann> bob: checkin status\n[only bob]" in form
    assert "Please type yes or no." not in form and "Thanks for checking in" not in out


@pytest.mark.parametrize("language, no", [("en", "no"), ("es", "no"), ("de", "no"), ("fr", "no"), ("pt", "no"),
                                          ("de", "nein"), ("es", "No")])
def test_no_at_a_command_typed_in_a_form_leaves_it_and_runs_the_command_in_every_language(
        tmp_path, capsys, language, no):
    out = run_script(tmp_path, EVENING_OPEN + f"me language {language}\ncheckin answer\n4\ncheckin status\n{no}\n",
                     capsys)
    after = out.split(f"  > {no}\n", 1)[1]
    ran = after.split("ann> checkin status\n", 1)  # the form was left, and the command ran, as the question said
    assert len(ran) == 2 and "evening" in ran[1] and "evening: What's" not in after, after
    assert "  > " not in ran[1]  # (no form asked again)


def test_a_huge_word_at_a_choice_is_quoted_cut(tmp_path, capsys):
    """trial18: one 1,200-character word typed at the mood step was quoted back whole; cut with "…", as every
    refusal cuts what it quotes (`bot.errors.quoted`)."""
    from bot.errors import MAX_QUOTED

    out = run_script(tmp_path, EVENING_OPEN + "checkin answer\n" + "y" * 1200 + "\n4\n\nprivate\n", capsys)
    form = out.split("ann> checkin answer", 1)[1]
    assert "“" + "y" * (MAX_QUOTED - 1) + "…” isn't one of the choices" in form
    assert "y" * MAX_QUOTED not in form.replace("  > " + "y" * 1200, "")


def test_leaving_a_form_recaps_only_what_was_typed_in_it(tmp_path, capsys):
    """An earlier saved answer ("help") fills the field as its default; after `as bob` another's words might: the
    recap gives back only what was typed in this form."""
    out = run_script(tmp_path, EVENING_OPEN + "checkin answer 3 anonymous my anonymous words here\ncheckin answer\n4\n"
                     "cancel\ncheckin answer\n2\nas bob\n", capsys)
    recaps = out.split("checkin answer 3 anonymous my anonymous words here", 1)[1]
    assert "you wrote “my anonymous words here”" not in recaps
    assert "How are you, 1 to 5? — you wrote “2”" in recaps  # (what she did type, given back when `as bob` ended it)


def test_a_command_typed_at_a_choice_leaves_the_form_and_runs(tmp_path, capsys):
    """It was "isn't one of the choices", the choice asked again, for `checkin status`, `no` and `home` alike."""
    out = run_script(tmp_path, EVENING_OPEN + "press 4\ncheckin status\n", capsys)
    after = out.split("ann> press 4", 1)[1]
    assert "isn't one of the choices" not in after and "(cancelled)" in after
    assert "ann> checkin status\n[only you]\n  Your check-ins" in after


def test_a_line_of_only_invisible_characters_is_an_empty_line(tmp_path, capsys):
    """An outside trial: a zero-width space alone was answered "I don't know the command “”"."""
    from tests.adapters.console.test_console_script import run_script

    out = run_script(tmp_path, "\u200b\nann: \u200b\nann: \u200bcheckin status\u200b\n", capsys)
    assert "I don't know the command" not in out and "Your check-ins" in out, out
