"""Words that tell someone else to kill themselves, in a shared or anonymous answer: held, the writer told why.

An outside trial (trial 5, A9): "kys", "go kill yourself", "mátate", "bring dich um", "va te tuer", "se mata" were
"ok" to the screen, so a shared answer carrying them went up unheld and no one heard of it. They say nothing of
the writer's own danger (no care reply, no note to the moderators about them), but they are never posted as they
are: held like heavy words, and, unlike heavy words, never offered to go up (`DIRECTED`).
"""

from __future__ import annotations

import pytest

from tests.bot.flows.test_checkins import close, open_round
from tests.bot.flows.test_crisis_care import CRISIS, CRISIS_OPENING, GENTLE_OPENING, alerts, everything_sent, \
    with_alert_channel
from tests.conftest import actor, press, run, text

TOLD = "These words tell someone to hurt themselves, so I haven't posted them"
SAID = ["go kill yourself", "kys lol", "mátate", "bring dich um", "va te tuer", "se mata"]


@pytest.mark.parametrize("words", SAID)
@pytest.mark.parametrize("visibility", ["shared", "anonymous"])
async def test_words_telling_someone_to_kill_themselves_are_held_and_their_writer_told_why(app, clock, words,
                                                                                           visibility):
    rnd = await open_round(app, clock)
    await with_alert_channel(app)
    ann = actor("ann")
    replies = await run(app, ann, "checkin answer", mood="3", visibility=visibility, words=words)
    said = text(replies)
    assert TOLD in said
    assert CRISIS_OPENING not in said and GENTLE_OPENING not in said  # (nothing says she is in danger)
    buttons = [b for r in replies for b in r.buttons]
    assert [b.action for b in buttons] == ["checkin.keep_private"]  # (never offered to go up)
    saved = await app.store.rounds.response_of(rnd.id, ann.user_id)
    assert saved.visibility == "private" and saved.text == words
    assert await alerts(app) == []  # (no care note names her)
    assert "They stay private" in text(await press(app, ann, "checkin.keep_private", dict(buttons[0].args)))
    await close(app, clock)
    assert words not in everything_sent(app)


async def test_sent_again_as_shared_they_are_held_again(app, clock):
    rnd = await open_round(app, clock)
    ann = actor("ann")
    await run(app, ann, "checkin answer", mood="3", visibility="shared", words="go kill yourself")
    again = await run(app, ann, "checkin answer", mood="3", visibility="shared", words="go kill yourself")
    assert TOLD in text(again)
    assert (await app.store.rounds.response_of(rnd.id, ann.user_id)).visibility == "private"


async def test_private_words_and_care_for_someone_are_saved_as_chosen(app, clock):
    rnd = await open_round(app, clock)
    ann, bob = actor("ann"), actor("bob")
    private = await run(app, ann, "checkin answer", mood="3", visibility="private", words="go kill yourself")
    assert TOLD not in text(private)
    assert (await app.store.rounds.response_of(rnd.id, ann.user_id)).visibility == "private"
    care = await run(app, bob, "checkin answer", mood="3", visibility="shared",
                     words="to whoever needs it: please don't kill yourself, you matter")
    assert TOLD not in text(care)
    assert (await app.store.rounds.response_of(rnd.id, bob.user_id)).visibility == "shared"


async def test_with_the_writers_own_crisis_words_they_get_the_care_reply_and_no_post_button(app, clock):
    await open_round(app, clock)
    replies = await run(app, actor("ann"), "checkin answer", mood="1", visibility="shared",
                        words=f"kys. {CRISIS}")
    said = text(replies)
    assert CRISIS_OPENING in said and TOLD in said
    assert not [b for r in replies for b in r.buttons if b.action == "checkin.post_held"]
