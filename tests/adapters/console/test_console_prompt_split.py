"""A moderator's sentence split by the parser across a prompt's choices and its text (trial21 B1): in
"mod prompt add checkin I want to die" the theme gets "I" and the prompt's text "want to die". The prompt's text
alone is the second look's, and "I" alone is nothing, so the sentence was never read whole: no care reply, and the
refusal said "You wrote “I”". The line is read whole, as a moderator's own words are, and nothing of it is
repeated back."""

from __future__ import annotations

import pytest

from tests.adapters.console.test_console_script import run_script

CARE = "You don't have to face this alone"


@pytest.mark.parametrize("line", ["mod prompt add checkin I want to die",
                                  "mod prompt add checkin listening I want to die",
                                  "mod prompt add reflection I am going to end my life tonight"])
def test_a_sentence_split_across_a_prompts_options_gets_care_and_no_echo(tmp_path, capsys, line):
    out = run_script(tmp_path, line + "\nmod prompt list\n", capsys)
    said = out.split("you> " + line, 1)[1].split("you> mod prompt list", 1)[0]
    assert CARE in said
    assert "You wrote “I”" not in said and "must be one of" not in said
    assert "I haven't done that, so nothing has changed." in said
    assert "prompts (0)" in out.split("you> mod prompt list", 1)[1]


def test_a_prompt_with_a_mistyped_depth_is_still_refused_as_before(tmp_path, capsys):
    out = run_script(tmp_path, "mod prompt add checkin listening deeep Who made your week easier?\n", capsys)
    assert CARE not in out
    assert "“depth” must be one of: light, medium, deep. You wrote “deeep”." in out


@pytest.mark.parametrize("line", ["mod schedule note I want to die", "mod prompt edit I want to die"])
def test_a_sentence_begun_where_a_name_goes_gets_care_and_the_name_not_quoted(tmp_path, capsys, line):
    """"I" taken for a check-in's name or a prompt's id that names nothing here, the rest for the text others read:
    "I couldn't find a check-in called “I”" beside the care reply repeated a piece of the sentence."""
    script = "mod schedule create mornings #general daily 09:00\npress 1\n" + line + "\nhelp\n"
    out = run_script(tmp_path, script, capsys)
    said = out.split("you> " + line, 1)[1].split("you> help", 1)[0]
    assert CARE in said
    assert "“I”" not in said and "prompt I here" not in said
    assert "I haven't done that, so nothing has changed." in said


def test_a_note_for_a_check_in_not_found_is_still_refused_by_name(tmp_path, capsys):
    out = run_script(tmp_path, "mod schedule create mornings #general daily 09:00\npress 1\n"
                               "mod schedule note evening We meet at 7 today\n", capsys)
    assert CARE not in out and "I couldn't find a check-in called “evening”" in out
