"""Every piece of text a person sends Hearth is screened, on every path, before any refusal.

A line that is no command, a line refused before it runs, an option that names something (a region, a choice typed
as words), a form's field: when the words raise concern the person gets the care reply, and no cold refusal
repeats their words back ("I don't know the command “I want to”").
"""

from __future__ import annotations

import pytest

from bot.events import Event
from tests.conftest import actor, press, run, text, typed

CARE = "You don't have to face this alone"
#: Said to Hearth as lines, not commands: in five languages, short and long, one with a command's word in it.
LINES = [
    "I want to die", "i want to kill myself tonight", "I really want to kill myself", "I'm going to end it tonight",
    "nobody will miss me when I'm gone", "suicide", "help me, I want to kill myself", "checkin, I want to die",
    "quiero morirme", "ya no quiero vivir, lo siento", "ich will nicht mehr leben", "ich will sterben",
    "je veux en finir", "je veux mourir ce soir", "eu quero me matar", "não aguento mais, quero morrer",
]
COLD = ("I don't know the command", "Did you mean", "help lists them all", "Usage:", "must be one of")


def cold(replies) -> list[str]:
    """The refusals said beside the care reply that repeat some of the person's words."""
    return [r.plain() for r in replies if r.error and any(c in r.plain() for c in COLD)]


@pytest.mark.parametrize("line", LINES)
async def test_a_line_that_is_no_command_gets_care_and_no_refusal_that_repeats_it(app, line):
    replies = await typed(app, actor("eve"), line)
    assert CARE in text(replies), line
    assert cold(replies) == [], line
    assert all(r.visibility == "actor" for r in replies)


async def test_an_ordinary_line_that_is_no_command_is_still_told_so(app):
    replies = await typed(app, actor("eve"), "hello there friend, how are you")
    assert CARE not in text(replies)
    assert text(replies) == "I don't know the command “hello there friend,”. help lists them all."


async def test_a_line_refused_before_it_runs_is_screened_and_its_words_still_given_back(app):
    """`parse_line` refuses "checkin answer 7 …" (no such mood) before any command runs: still screened."""
    replies = await typed(app, actor("eve"), "checkin answer 7 I want to die")
    assert CARE in text(replies)
    assert "What you typed, so you can use it again" in text(replies)  # nothing they wrote is lost


async def test_options_that_name_things_are_screened_and_not_echoed(app):
    eve = actor("eve")
    region = await run(app, eve, "me region", region="I want to kill myself")
    assert CARE in text(region) and "I don't know the region" not in text(region)
    choice = await run(app, eve, "me lowmood", on="I don't want to live anymore")  # a choice typed as words
    assert CARE in text(choice) and "I don't want to live anymore" not in text(choice).split(CARE)[1]
    language = await run(app, eve, "me language", language="je veux mourir")
    assert CARE in text(language)


async def test_choices_times_and_numbers_as_chosen_are_not_screened(app):
    from bot.flows.crisis_care import free_text

    event = Event("command", actor("eve"), "me lowmood", {"opt_in": "yes", "tell_moderator": "no"})
    assert free_text(app, event) == []
    named = Event("command", actor("eve"), "me region", {"region": "gb"})
    assert free_text(app, named) == ["gb"]  # (a name is words: screened, and nothing in "gb" is a concern)


async def test_the_same_line_said_again_is_answered_again_rather_than_met_with_silence(app):
    eve = actor("eve")
    assert CARE in text(await typed(app, eve, "I want to die"))
    again = await typed(app, eve, "I want to die")
    assert CARE in text(again) and cold(again) == []


async def test_a_form_field_that_is_no_words_of_an_answer_is_screened_too(app):
    """A schedule's name in a moderator's form: a text like any other."""
    mia = actor("mia", moderator=True)
    replies = await press(app, mia, "mod.schedule.create", {}, {"name": "i want to kill myself"}, kind="form")
    assert CARE in text(replies)
