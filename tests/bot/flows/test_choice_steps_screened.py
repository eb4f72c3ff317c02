"""A form's choice step never swallows words of concern (session 21).

Someone at a step that wants a choice (a mood, who sees their words, yes or no) who types words instead, words that
read as crisis, was told only that it was no choice (or, where the value was one word in a menu's place, nothing
but that): no care reply, or one in place of what the step needs. Now every value typed is screened, a value refused
for its field too (`crisis_care.screen_refused`), and the care reply comes with the step's own ask, in Hearth's
words only (`Reply.calm`), never quoting theirs, and never saying anything was kept.
"""

from __future__ import annotations

import pytest

from bot.commands.registry import RUN
from bot.events import Event, Reply, rich
from tests.bot.flows.test_checkins import open_round
from tests.bot.flows.test_crisis_care import SAVED, alerts, with_alert_channel
from tests.conftest import actor, text

CARE = "You don't have to face this alone"


def refusal_of(replies: list[Reply]) -> Reply:
    (refused,) = [r for r in replies if r.error]
    return refused


@pytest.mark.parametrize("mood", ["suicidal", "kms", "i want to die"])
async def test_words_of_concern_at_a_check_ins_mood_step_get_care_and_the_mood_is_still_asked_for(app, clock, mood):
    """One word where the mood goes ("suicidal") was passed over as a choice: no care reply at all."""
    rnd = await open_round(app, clock)
    await with_alert_channel(app)
    replies = await app.handle(Event("form", actor("ann"), "checkin.submit", {"round": str(rnd.id)},
                                     {"mood": mood, "visibility": "private", "words": ""}))
    assert CARE in replies[0].plain() and SAVED not in text(replies)  # (nothing was kept: nothing says so)
    refused = refusal_of(replies)
    assert refused.field == "mood" and "number from 1 (low) to 5 (great)" in refused.plain()
    assert mood not in refused.plain()
    assert await app.store.rounds.response_of(rnd.id, "console:ann") is None
    (note,) = await alerts(app)  # (crisis: the moderators hear who, never what)
    assert mood not in note.message.plain()


@pytest.mark.parametrize("field, value, choices", [
    ("visibility", "kms", "shared, anonymous, private"),
    ("visibility", "i want to die tonight", "shared, anonymous, private"),
])
async def test_a_check_ins_visibility_step_asks_for_its_choice_beside_the_care_reply(app, clock, field, value,
                                                                                    choices):
    rnd = await open_round(app, clock)
    values = {"mood": "3", "visibility": "private", "words": ""} | {field: value}
    replies = await app.handle(Event("form", actor("ann"), "checkin.submit", {"round": str(rnd.id)}, values))
    assert CARE in replies[0].plain() and SAVED not in text(replies)
    refused = refusal_of(replies)
    assert refused.field == field and refused.quiet
    assert refused.plain() == f"For “{field}”, please choose one of: {choices}. Nothing was saved yet."
    assert await app.store.rounds.response_of(rnd.id, "console:ann") is None


async def test_a_commands_form_yes_or_no_step_asks_for_yes_or_no_beside_the_care_reply(app):
    """`me lowmood`'s form (a settings form) with words for its yes or no: the care reply, then which to choose, not
    "Could you look at this part again?" alone, nor "You wrote “…”"."""
    replies = await app.handle(Event("form", actor("ann"), RUN, {"command": "me lowmood"},
                                     {"opt_in": "i want to die"}))
    assert CARE in replies[0].plain()
    refused = refusal_of(replies)
    assert refused.plain() == "For “opt_in”, please choose one of: yes, no. Nothing was saved yet."
    replies = await app.handle(Event("form", actor("bob"), RUN, {"command": "me lowmood"}, {"opt_in": "suicidal"}))
    assert CARE in replies[0].plain() and "suicidal" not in refusal_of(replies).plain()


async def test_a_one_word_choice_that_is_no_choice_is_screened_but_an_ordinary_slip_is_only_refused(app, clock):
    rnd = await open_round(app, clock)
    replies = await app.handle(Event("form", actor("ann"), "checkin.submit", {"round": str(rnd.id)},
                                     {"mood": "3", "visibility": "publik", "words": ""}))
    assert CARE not in text(replies) and "You wrote “publik”" in refusal_of(replies).plain()  # (a slip: quoted)


async def test_a_step_refused_by_an_adapter_gets_care_with_its_own_ask_not_instead(app):
    """`Hearth.screened_step`, for a platform that asks field by field (the terminal): the step's refusal comes
    after the care reply, in Hearth's words; alone when the words raise no concern."""
    step = Reply(body=rich("{} isn't one of the choices.", "i want to die"), error=True, field="mood",
                 calm=rich("That isn't one of the choices. Type one of them."))
    replies = await app.screened_step(actor("ann"), "i want to die", None, step)
    assert CARE in replies[0].plain() and SAVED not in text(replies)
    assert refusal_of(replies).plain() == "That isn't one of the choices. Type one of them."
    plain = Reply(body=rich("{} isn't one of the choices.", "sunny"), error=True, field="mood")
    assert await app.screened_step(actor("bob"), "sunny", None, plain) == [plain]
