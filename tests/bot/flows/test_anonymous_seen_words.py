"""Words already seen with a member's name can't be hidden by a batch: going anonymous with them is said plainly,
kept private until the member chooses, and never promised as "nobody can tell" (`checkins.SEEN_NAMED`)."""

from __future__ import annotations

from datetime import timedelta

from bot.models import Response
from bot.scheduling.runner import RoundScheduler
from bot.store.rounds import next_tick
from tests.bot.flows.test_anonymous_batches import a_round
from tests.conftest import actor, press, run, text

ANN = actor("ann")
WORDS = "my named words"
NOBODY = "nobody can tell"


async def say(app, who, mood: str, visibility: str, words: str):
    replies = await run(app, who, "checkin answer", mood=mood, visibility=visibility, words=words)
    await app.outbox.drain_all()
    return replies


async def anns_answer(app, rnd) -> Response:
    mine = await app.store.rounds.response_of(rnd.id, ANN.user_id)
    assert mine is not None
    return mine


async def others_and_close(app, clock, rnd) -> str:
    """Three others answer anonymously, a tick and the close pass: all the channel saw, as text."""
    for who in ("bob", "cy", "dee"):
        await say(app, actor(who), "3", "anonymous", f"words of {who}")
    clock.set(next_tick(clock.now()) + timedelta(seconds=1))
    await app.outbox.drain_all()
    clock.set(rnd.closes_at + timedelta(seconds=1))
    await RoundScheduler(app).sweep()
    await app.outbox.drain_all()
    return "\n".join(d.message.plain() for d in app.sent if d.kind in ("thread", "edit"))


def anonymous_posts(seen: str) -> list[str]:
    return [part.split("\n")[1] for part in seen.split("_Someone_")[1:] if "\n" in part]  # (its first line: the words)


async def test_going_anonymous_with_the_words_seen_by_name_warns_and_keeps_them_private(app, clock):
    """The trial: "so nobody can tell which is yours", and then her words went up beside her removed named post."""
    rnd = await a_round(app, clock)
    await say(app, ANN, "1", "shared", WORDS)
    replies = await say(app, ANN, "1", "anonymous", WORDS)
    said = text(replies)
    assert "already up" in said and "with your name" in said and NOBODY not in said
    assert "timing gives nothing away" not in said
    assert {b.action for r in replies for b in r.buttons} >= {"checkin.post_held", "checkin.keep_private"}
    assert (await anns_answer(app, rnd)).visibility == "private"
    channel = await others_and_close(app, clock, rnd)
    assert WORDS not in [w.strip() for w in anonymous_posts(channel)]
    assert [d for d in app.sent if d.kind == "delete"]  # (her named post came down: her name is off, as she asked)


async def test_posting_them_anonymously_anyway_says_truly_that_they_may_be_known(app, clock):
    rnd = await a_round(app, clock)
    await say(app, ANN, "1", "shared", WORDS)
    replies = await say(app, ANN, "1", "anonymous", WORDS)
    [post] = [b for r in replies for b in r.buttons if b.action == "checkin.post_held"]
    posted = text(await press(app, ANN, "checkin.post_held", dict(post.args)))
    assert "may know they're yours" in posted and NOBODY not in posted
    assert (await anns_answer(app, rnd)).visibility == "anonymous"
    assert WORDS in [w.strip() for w in anonymous_posts(await others_and_close(app, clock, rnd))]


async def test_keeping_them_private_posts_nothing(app, clock):
    rnd = await a_round(app, clock)
    await say(app, ANN, "1", "shared", WORDS)
    replies = await say(app, ANN, "1", "anonymous", WORDS)
    [keep] = [b for r in replies for b in r.buttons if b.action == "checkin.keep_private"]
    assert "stay private" in text(await press(app, ANN, "checkin.keep_private", dict(keep.args)))
    assert WORDS not in [w.strip() for w in anonymous_posts(await others_and_close(app, clock, rnd))]


async def test_words_seen_by_name_earlier_are_known_too_whatever_came_between(app, clock):
    """The class, not the instance: a named post taken down was still seen, and a change of case or spacing hides
    nothing."""
    rnd = await a_round(app, clock)
    await say(app, ANN, "1", "shared", WORDS)
    await say(app, ANN, "1", "private", WORDS)
    said = text(await say(app, ANN, "1", "anonymous", "My  named words"))
    assert "already up" in said and NOBODY not in said
    assert (await anns_answer(app, rnd)).visibility == "private"
    await say(app, ANN, "1", "anonymous", "something else")  # new words: anonymous, as promised
    said = text(await say(app, ANN, "1", "anonymous", WORDS))  # (an edit back to the words seen by name)
    assert "already up" in said and (await anns_answer(app, rnd)).visibility == "private"


async def test_new_words_going_anonymous_keep_the_promise(app, clock):
    rnd = await a_round(app, clock)
    await say(app, ANN, "1", "shared", WORDS)
    said = text(await say(app, ANN, "1", "anonymous", "other words entirely"))
    assert NOBODY in said and "already up" not in said
    assert (await anns_answer(app, rnd)).visibility == "anonymous"
