"""A length limit counts what is kept, not what was typed (session 21).

An option's value is kept in NFKC ("…" as "...") unless it is someone's own words or a name, and a name without what
shows nothing (NFC, no zero-width spaces, one space between words): `kept_as`. The limit was counted on what was
typed at a form's own step (`answer_problem`) and on what is kept when the command ran (`check_value`), so a value
that fitted at the step was refused at the end, or the other way. Now both count what is stored, and a refusal
for a value that grew as it was kept names the limit and says why.
"""

from __future__ import annotations

import pytest

from bot.commands.forms import answer_problem
from bot.commands.registry import RUN, Command, Option, check_value, kept_as, run_args
from bot.errors import UserError
from bot.events import Form, FormField
from bot.features import registry as composed
from bot.flows.moderate_schedules import MAX_NAME_CHARS

FEATURES = composed()


async def _nothing(app, ev):  # (a command's handler: never run here)
    return []


#: A command whose option is read in NFKC and has a limit (as a region code or a short word would).
SHORT = Option("word", "a short word", max_length=5)
CMD = Command(("try",), "try", _nothing, (SHORT,))


def test_a_value_that_grows_as_it_is_kept_is_refused_naming_the_limit_and_why():
    assert kept_as(SHORT, "ab……") == "ab......"  # (four typed, eight kept)
    with pytest.raises(UserError) as refused:
        check_value(CMD, SHORT, "ab……")
    said = str(refused.value)
    assert refused.value.field == "word" and "at most 5 characters" in said and "8 as I keep it" in said
    assert "“…” as three dots" in said
    assert check_value(CMD, SHORT, "ａｂｃ") == "abc"  # (full-width letters: as many kept as typed)
    with pytest.raises(UserError) as plain:
        check_value(CMD, SHORT, "abcdef")
    assert "at most 5 characters; this one has 6" in str(plain.value)  # (typed as kept: the plain refusal)


def _rename_form() -> tuple[Form, FormField]:
    rename = FormField("rename", "New name", max_length=MAX_NAME_CHARS)
    return Form("t", RUN, (rename,), args=run_args("mod schedule edit")), rename


def test_a_name_within_its_limit_as_kept_is_taken_at_its_own_step_as_the_command_takes_it():
    """A check-in's new name of 40 letters with two zero-width spaces typed in it: kept as 40, so the command takes
    it, but the terminal's step counted 42 and refused it."""
    form, rename = _rename_form()
    typed = "a" * 20 + "\u200b\u200b" + "b" * 20
    cmd = FEATURES.commands["mod schedule edit"]
    option = next(o for o in cmd.options if o.name == "rename")
    assert check_value(cmd, option, typed) == "a" * 20 + "b" * 20
    assert answer_problem(FEATURES, form, rename, typed) is None


def test_a_name_over_its_limit_as_kept_is_refused_at_its_own_step_as_the_command_refuses_it():
    """Forty letters that NFC keeps as eighty ("क़" is kept as two): within the limit as typed, over it as kept. The
    step and the command both refuse it, saying why."""
    form, rename = _rename_form()
    typed = "\u0958" * MAX_NAME_CHARS
    problem = answer_problem(FEATURES, form, rename, typed)
    assert problem is not None and problem.field == "rename"
    assert f"at most {MAX_NAME_CHARS} characters" in str(problem) and "80 as I keep it" in str(problem)
    cmd = FEATURES.commands["mod schedule edit"]
    with pytest.raises(UserError):
        check_value(cmd, next(o for o in cmd.options if o.name == "rename"), typed)


def test_a_time_is_read_at_its_own_step_as_the_command_reads_it():
    """Full-width digits are a time the command takes ("０９：００"): the step read what was typed, not what is kept."""
    when = FormField("when", "When does it run?")
    form = Form("t", RUN, (when,), args=run_args("mod schedule create"))
    assert answer_problem(FEATURES, form, when, "weekdays ０９：００") is None
