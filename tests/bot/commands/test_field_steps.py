"""Each form field's answer is checked at its own step (`answer_problem`), by the same rules the command's option
has when typed in a line: a platform that asks field by field never learns of a wrong answer only at the end."""

from __future__ import annotations

from bot.commands.forms import answer_problem
from bot.commands.parse import names_a_command
from bot.commands.registry import RUN, run_args
from bot.events import Form, FormField
from bot.features import registry as composed

FEATURES = composed()


def _form(command: str, *fields: FormField) -> Form:
    return Form("t", RUN, fields, args=run_args(command))


def test_a_field_longer_than_it_keeps_is_refused_at_its_own_step_naming_both_lengths():
    words = FormField("words", "Anything you'd like to say?", "paragraph", required=False, max_length=1000)
    form = Form("Check in", "checkin.submit", (words,))
    problem = answer_problem(FEATURES, form, words, "A" * 5000)
    assert problem is not None and problem.field == "words"
    assert "5000 characters" in str(problem) and "1000" in str(problem) and "Nothing was saved" in str(problem)
    assert answer_problem(FEATURES, form, words, "A" * 1000) is None
    assert answer_problem(FEATURES, form, words, "") is None  # (empty: the default, or nothing; decided on sending)


def test_a_commands_form_field_is_checked_as_its_option_is_a_number_a_name_a_length():
    weeks = FormField("weeks", "Weeks")
    assert "whole number" in str(answer_problem(FEATURES, _form("me history", weeks), weeks, "many"))
    assert answer_problem(FEATURES, _form("me history", weeks), weeks, "4") is None
    rename = FormField("rename", "New name")
    invisible = answer_problem(FEATURES, _form("mod schedule edit", rename), rename, "\u200b\u200b")
    assert invisible is not None and invisible.field == "rename"
    text = FormField("text", "Text", "paragraph")
    assert "at most 280" in str(answer_problem(FEATURES, _form("mod prompt add", text), text, "Why? " * 80))


def test_a_line_that_is_a_command_is_told_from_words_that_begin_like_one():
    for line in ("checkin answer", "checkin answer 3 shared", "mod schedule list", "help", "mod care", "me history"):
        assert names_a_command(FEATURES, line), line
    for line in ("help came just in time", "note to self: rest", "Home was hard today", "checking in late", ""):
        assert not names_a_command(FEATURES, line), line


def test_a_time_or_a_timezone_in_a_commands_form_is_read_at_its_own_step():
    when, zone = FormField("when", "When does it run?"), FormField("timezone", "Timezone")
    form = _form("mod schedule create", when, zone)
    late = answer_problem(FEATURES, form, when, "every blue moon")
    assert late is not None and late.field == "when" and "Try “weekdays 09:00”" in str(late)
    assert answer_problem(FEATURES, form, when, "weekdays 09:00") is None
    assert answer_problem(FEATURES, form, zone, "Mars/Olympus").field == "timezone"
    assert answer_problem(FEATURES, _form("me timezone", zone), zone, "Europe/Berlin") is None
