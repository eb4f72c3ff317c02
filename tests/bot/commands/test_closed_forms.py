"""A form closed unsent gives back the person's own words and nothing else: the core says which fields those are
(`word_fields`), the same words a typed command gives back (`free_words`), so no platform decides it alone."""

from __future__ import annotations

from bot.commands.forms import command_form, word_fields
from bot.commands.registry import CLOSED_UNSENT, GIVEN_BACK, closed_unsent, free_words
from bot.events import Form, FormField
from tests.bot.scheduling.test_runner import make_schedule
from tests.conftest import actor

MIA = actor("mia", moderator=True)


async def test_a_command_forms_words_are_the_ones_a_typed_command_gives_back(app, clock):
    await make_schedule(app)
    checked = 0
    for cmd in app.registry.commands.values():
        form = await command_form(app, MIA, cmd)
        values = {f.name: f"typed in {f.name}" for f in form.fields}
        reply = closed_unsent(word_fields(form), values)
        words = free_words(cmd, values)
        assert (reply is None) == (not words), cmd.name
        if reply is not None:
            shown = reply.plain()
            assert all(w in shown for w in words) and shown.count("typed in") == len(words), cmd.name
            checked += 1
    assert checked >= 3  # (a note, a prompt's text, an answer's words at least)


def test_only_writing_comes_back_after_a_short_kind_line():
    form = Form("Check in", "checkin.submit", (
        FormField("mood", "How are you?", "choice"), FormField("words", "Anything to say?", "paragraph",
                                                                required=False),
        FormField("name", "Name"), FormField("when", "When?", "timezone")))
    assert word_fields(form) == ("words",)
    assert closed_unsent(word_fields(form), {"mood": "2", "name": "mornings", "when": "Europe/Paris"}) is None
    assert closed_unsent(word_fields(form), {"mood": "2", "words": " \n "}) is None  # blank is nothing typed
    reply = closed_unsent(word_fields(form), {"mood": "2", "words": "  Long day, **good** end  "})
    assert reply is not None and not reply.error
    shown = reply.plain()
    assert shown.startswith(CLOSED_UNSENT) and GIVEN_BACK.strip("_") in shown
    assert shown.endswith("Long day, **good** end") and "2" not in shown  # their words as typed; not the choice
