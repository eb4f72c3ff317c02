"""Anonymous answers the close leaves unposted, and what their members are told (`bot.store.rounds.Batching`).

The trial (finding 9): with a floor of three, five anonymous answers, three early and two later: three went up, the
last two were silently dropped at the close. Their members had been told "if too few come in before the round
closes, they aren't posted" (five came in); nothing told them afterwards, and `me history`, `me export` went on
saying "anonymous" as if the words were up. Now: they still never go up alone (anonymity first), the promise says
"if too few come in together", and at the close each of them is told privately, and their answer says "not posted".

And (finding 12): words held back as heavy, while the offer to post them is open, are never said to "never" go up.
"""

from __future__ import annotations

import json
from datetime import timedelta

from bot.store.rounds import next_tick
from tests.bot.flows.test_anonymous_batches import a_round, answer, anonymous_words, close, three_queued_for_the_tick
from tests.bot.flows.test_crisis_care import CRISIS, offer_of
from tests.bot.flows.test_my_data import delete_everything
from tests.conftest import actor, press, run, text

TOLD = "wasn't posted: too few came in together to hide it among"


def told_unposted(app) -> list[str]:
    """Who was told, by DM, that their anonymous answer wasn't posted (one entry per message)."""
    return [d.user for d in app.sent if d.kind == "dm" and TOLD in d.message.plain()]


async def five_answers_three_then_two(app, clock):
    """The trial's round: Ann, Bob and Cy answer anonymously (a batch), then, half an hour later, Dee and Eve."""
    await a_round(app, clock)
    for name in ("ann", "bob", "cy"):
        await answer(app, name, "3", "anonymous", f"w-{name}")
    clock.advance(timedelta(minutes=30))
    await app.outbox.drain_all()
    assert sorted(anonymous_words(app)) == ["w-ann", "w-bob", "w-cy"]
    for name in ("dee", "eve"):
        said = await answer(app, name, "3", "anonymous", f"w-{name}")
        assert "If too few come in together before the round closes, they aren't posted." in said


async def test_words_left_after_the_last_batch_never_go_up_alone_and_their_members_are_told(app, clock):
    await five_answers_three_then_two(app, clock)
    await close(app, clock)
    # Anonymity first: two together would each hide among one other, below the floor of three.
    assert sorted(anonymous_words(app)) == ["w-ann", "w-bob", "w-cy"]
    # ...then the truth: each of the two is told, privately, once; nobody else is.
    assert sorted(told_unposted(app)) == ["console:dee", "console:eve"]
    [dm] = [d for d in app.sent if d.kind == "dm" and d.user == "console:dee" and TOLD in d.message.plain()]
    assert dm.message.plain().startswith("mornings has closed, and your anonymous answer wasn't posted")
    assert "w-dee" not in dm.message.plain()  # (their words stay in Hearth: nothing to copy anywhere)
    # Their history and export say so; those that went up are "anonymous", as before.
    dee = text(await run(app, actor("dee"), "me history"))
    assert "anonymous, not posted — w-dee" in dee
    ann = text(await run(app, actor("ann"), "me history"))
    assert "anonymous — w-ann" in ann and "not posted" not in ann
    for who, said in (("dee", "not posted"), ("ann", "posted")):
        reply = (await run(app, actor(who), "me export"))[0]
        [mine] = json.loads(reply.attachment.content)["answers"]
        assert mine["visibility"] == "anonymous" and mine["anonymous_post"] == said, (who, mine)


async def test_while_a_batch_waits_for_its_tick_its_round_still_open_the_answer_says_waiting(app, clock):
    await a_round(app, clock)
    await answer(app, "ann", "3", "anonymous", "w-ann")
    reply = (await run(app, actor("ann"), "me export"))[0]
    [mine] = json.loads(reply.attachment.content)["answers"]
    assert mine["anonymous_post"] == "waiting"
    assert "not posted" not in text(await run(app, actor("ann"), "me history"))


async def test_a_snoozed_member_is_not_written_to_and_their_history_says_it_all_the_same(app, clock):
    await run(app, actor("eve"), "me snooze", until="2026-12-31")
    await five_answers_three_then_two(app, clock)
    await close(app, clock)
    assert told_unposted(app) == ["console:dee"]
    assert "anonymous, not posted — w-eve" in text(await run(app, actor("eve"), "me history"))


async def test_answers_pressed_before_the_last_batchs_tick_go_with_it_at_the_close(app, clock):
    """The one merge that keeps everyone hidden: a batch not out yet takes what is pressed before its tick, also in
    the round's last minutes. Nothing is left over, so nobody is told anything."""
    from bot.scheduling.runner import RoundScheduler

    rnd = await a_round(app, clock)
    clock.set(rnd.closes_at - timedelta(minutes=4))
    for name in ("ann", "bob", "cy"):
        await answer(app, name, "3", "anonymous", f"{name}'s words")
    clock.set(rnd.closes_at - timedelta(minutes=2))
    await answer(app, "dee", "3", "anonymous", "dee's words")
    assert anonymous_words(app) == []  # (all four wait for the tick)
    clock.set(rnd.closes_at + timedelta(seconds=1))
    await RoundScheduler(app).sweep()
    await app.outbox.drain_all()
    assert sorted(anonymous_words(app)) == ["ann's words", "bob's words", "cy's words", "dee's words"]
    assert told_unposted(app) == []


async def test_an_erasure_after_the_close_that_leaves_too_few_tells_those_left(app, clock):
    """The batch was queued for its tick when the round closed; Ann's `me delete` took it back whole, and Bob's and
    Cy's, alone, are too few: not posted, and they are told so (the close's rule, settled after the erasure)."""
    from bot.scheduling.runner import RoundScheduler

    rnd = await three_queued_for_the_tick(app, clock)
    clock.set(rnd.closes_at + timedelta(seconds=1))
    await RoundScheduler(app).sweep()  # (closed, the batch not sent yet: nothing is left over, nobody told)
    assert told_unposted(app) == []
    await delete_everything(app, actor("ann"))
    clock.set(next_tick(clock.now()) + timedelta(seconds=1))
    await app.outbox.drain_all()
    assert anonymous_words(app) == []
    assert sorted(told_unposted(app)) == ["console:bob", "console:cy"]
    assert "anonymous, not posted — bob's words" in text(await run(app, actor("bob"), "me history"))


# -- finding 12: held back as heavy, the post is not "never" while the offer to post is open -------------------


async def test_heavy_words_after_an_anonymous_answer_not_up_are_not_said_to_never_go_up(app, clock):
    await a_round(app, clock)
    ann = actor("ann")
    await answer(app, "ann", "2", "anonymous", "rough week")
    replies = await run(app, ann, "checkin answer", mood="2", visibility="anonymous", words=CRISIS)
    said = text(replies)
    assert "never" not in said  # (the offer below can still post them)
    assert "Your anonymous post hadn't gone up yet, so for now nothing is posted." in said
    buttons = offer_of(replies)
    # The two messages agree: pressing Post does post them, anonymously, with the next batch.
    await press(app, ann, "checkin.post_held", dict(buttons["checkin.post_held"].args))
    for who in ("bob", "cy"):
        await answer(app, who, "3", "anonymous", f"{who} here")
    clock.set(next_tick(clock.now()) + timedelta(seconds=1))
    await app.outbox.drain_all()
    assert CRISIS in anonymous_words(app) and "rough week" not in anonymous_words(app)


async def test_heavy_words_after_an_anonymous_answer_up_say_it_comes_down_for_now(app, clock):
    await a_round(app, clock)
    for who in ("ann", "bob", "cy"):
        await answer(app, who, "3", "anonymous", f"{who} words")
    assert "ann words" in anonymous_words(app)
    said = text(await run(app, actor("ann"), "checkin answer", mood="2", visibility="anonymous", words=CRISIS))
    assert "For now, your anonymous post comes down with the next few changes" in said and "never" not in said


async def test_leaving_anonymous_by_choice_still_says_never(app, clock):
    """Nothing open could post them: a plain change to private, no heavy words, says what is so for good."""
    await a_round(app, clock)
    await answer(app, "ann", "2", "anonymous", "rough week")
    said = await answer(app, "ann", "2", "private", "rough week")
    assert "hadn't gone up yet, so it never will" in said and "for now" not in said


async def test_after_keep_says_they_wont_be_posted_an_older_offers_post_can_no_longer_post_them(app, clock):
    """The same heavy words sent twice make two offers. Post on the second, then Keep: "They won't be posted." The
    first offer's Post, still unpressed, must not undo that: it acts only on the answer as it was offered."""
    await a_round(app, clock)
    ann = actor("ann")
    first = offer_of(await run(app, ann, "checkin answer", mood="2", visibility="anonymous", words=CRISIS))
    clock.advance(timedelta(seconds=5))
    second = offer_of(await run(app, ann, "checkin answer", mood="2", visibility="anonymous", words=CRISIS))
    clock.advance(timedelta(seconds=5))
    assert "shared anonymously" in text(await press(app, ann, "checkin.post_held",
                                                    dict(second["checkin.post_held"].args)))
    clock.advance(timedelta(seconds=5))
    kept = text(await press(app, ann, "checkin.keep_private", dict(second["checkin.keep_private"].args)))
    assert "They won't be posted." in kept
    clock.advance(timedelta(seconds=5))
    stale = text(await press(app, ann, "checkin.post_held", dict(first["checkin.post_held"].args)))
    assert "Your answer has changed since that message" in stale
    for who in ("bob", "cy", "dee"):
        await answer(app, who, "3", "anonymous", f"{who} here")
    await close(app, clock)
    assert CRISIS not in anonymous_words(app) and len(anonymous_words(app)) == 3


async def test_an_offers_post_still_posts_when_nothing_changed_since(app, clock):
    await a_round(app, clock)
    ann = actor("ann")
    offer = offer_of(await run(app, ann, "checkin answer", mood="2", visibility="anonymous", words=CRISIS))
    clock.advance(timedelta(minutes=3))
    said = text(await press(app, ann, "checkin.keep_private", dict(offer["checkin.keep_private"].args)))
    assert "They stay private" in said and "never" not in said and "won't" not in said  # (Post is still open)
    posted = text(await press(app, ann, "checkin.post_held", dict(offer["checkin.post_held"].args)))
    assert "shared anonymously" in posted


async def test_a_waiting_anonymous_answer_of_a_deleted_check_in_is_kept_as_not_posted(app, clock):
    """A review: it was exported as "taken down", though it never went up (and now never will)."""
    await a_round(app, clock)
    await answer(app, "ann", "3", "anonymous", "w-ann")
    mod = actor("mia", moderator=True)
    [ask] = await run(app, mod, "mod schedule delete", name="mornings")
    await press(app, mod, ask.buttons[0].action, ask.buttons[0].args)
    reply = (await run(app, actor("ann"), "me export"))[0]
    kept = [a for a in json.loads(reply.attachment.content)["answers"] if a.get("checkin_deleted")]
    assert [a["anonymous_post"] for a in kept] == ["not posted"], kept


def test_an_answer_withheld_at_a_close_before_unposted_was_kept_says_not_posted():
    from bot.store.rounds import _anonymous_post

    assert _anonymous_post({"unposted": 0, "anon_out": 0, "closed_at": "2026-01-05T11:00:00+00:00"}) == "not posted"
    assert _anonymous_post({"unposted": 0, "anon_out": 0, "closed_at": None}) == "waiting"
    assert _anonymous_post({"unposted": 0, "anon_out": 1, "closed_at": None}) == "posted"
