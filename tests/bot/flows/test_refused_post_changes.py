"""A change of a member's post the platform refuses for good: they're told, and nothing claims it was made.

An edit refused (Discord's 50013, Slack's not_in_channel…) left the old words up while the member believed their
new ones showed; a removal refused (their answer gone private, or `me delete`) left their words up while Hearth had
said they were coming down. Now the member is told privately, once, without their words; their history, `me data`
and export say what still shows; after `me delete` the notice still reaches them, from only the post's place and
their id, kept until it is queued.
"""

from __future__ import annotations

import json
import logging
from datetime import timedelta

from tests.bot.flows.test_anonymous_batches import a_round, answer
from tests.conftest import COMMUNITY, actor, ref_of, run, text

REASON = "Discord refused (50013): Missing Permissions"


def dms(app, who: str = "console:ann") -> list[str]:
    return [d.message.plain() for d in app.sent if d.kind == "dm" and d.user == who and "Hearth couldn't" in
            d.message.plain()]


def refusing(app, kind: str, not_allowed: bool = True):
    sender = app.outbox.senders["console"]
    sender.refused[kind] = REASON if not_allowed else "Discord refused (50035): Invalid Form Body"
    if not_allowed:
        sender.not_allowed.add(kind)
    return sender


async def export_of(app, who: str) -> list[dict]:
    reply = (await run(app, actor(who), "me export"))[0]
    return json.loads(reply.attachment.content)["answers"]


async def anns_post(app, clock) -> str:
    await a_round(app, clock)
    await answer(app, "ann", "2", "shared", "Rough night")
    [post] = [d for d in app.sent if d.kind == "thread"]
    return ref_of(app, post)


async def test_an_edit_refused_is_told_once_and_her_history_says_the_post_shows_her_earlier_words(app, clock, caplog):
    await anns_post(app, clock)
    sender = refusing(app, "edit")
    with caplog.at_level(logging.INFO):
        await answer(app, "ann", "3", "shared", "Better now")
    [dm] = dms(app)
    assert dm.startswith("Hearth couldn't change the post of your answer to mornings: the platform didn't let it "
                         "edit posts in that channel.")
    assert "still shows your earlier words" in dm and "moderator can remove" in dm
    assert "Rough night" not in dm and "Better now" not in dm
    [line] = [r.getMessage() for r in caplog.records if "refused for good to edit a member's post" in r.getMessage()]
    assert REASON in line and "Better now" not in caplog.text and "console:ann" not in line
    history = text(await run(app, actor("ann"), "me history"))
    assert "shared, its post still shows your earlier words — Better now" in history
    [mine] = await export_of(app, "ann")
    assert mine["words"] == "Better now" and mine["post_change"] == "not made: its post still shows the earlier words"
    assert "1 whose post still shows your earlier words" in text(await run(app, actor("ann"), "me data"))
    # Once: another refused change of the same answer tells her nothing more.
    await answer(app, "ann", "4", "shared", "Much better")
    assert len(dms(app)) == 1
    # The platform lets Hearth edit again: the next change shows, and nothing says otherwise any more.
    del sender.refused["edit"]
    await answer(app, "ann", "4", "shared", "All good")
    assert [d for d in app.sent if d.kind == "edit" and "All good" in d.message.plain()]
    history = text(await run(app, actor("ann"), "me history"))
    assert "shared — All good" in history and "earlier words" not in history
    assert "post_change" not in (await export_of(app, "ann"))[0]


async def test_a_removal_refused_when_she_made_her_answer_private_says_it_is_still_up(app, clock):
    await anns_post(app, clock)
    refusing(app, "delete")
    await answer(app, "ann", "2", "private", "Rough night")
    [dm] = dms(app)
    assert dm == ("Hearth couldn't take down the post of your answer to mornings: it may no longer have access to "
                  "that channel, so the post is still up. A moderator can remove it for you.")
    assert "private, its post is still up" in text(await run(app, actor("ann"), "me history"))
    assert (await export_of(app, "ann"))[0]["post_change"] == "not made: its post is still up"
    assert "1 whose post is still up" in text(await run(app, actor("ann"), "me data"))


async def test_a_refusal_for_another_reason_claims_no_reason(app, clock):
    await anns_post(app, clock)
    refusing(app, "delete", not_allowed=False)
    await answer(app, "ann", "2", "private", "Rough night")
    [dm] = dms(app)
    assert dm == ("Hearth couldn't take down the post of your answer to mornings, so it may still be up. A moderator "
                  "can remove it for you.")


async def test_after_me_delete_a_refused_removal_still_reaches_her_and_then_nothing_names_her(app, clock):
    post = await anns_post(app, clock)
    refusing(app, "delete")
    said = text(await run(app, actor("ann"), "me delete", confirmed="yes"))
    assert "I'm taking down 1 post of your answers now." in said  # (being taken down: never "taken down")
    assert "If the platform won't let me take one down, I'll let you know by DM." in said
    waiting = await app.store.db.fetchall("SELECT tell, target FROM outbox WHERE kind = 'delete' AND status = 'pending'")
    assert [w["tell"] for w in waiting] == ["console:ann"] and post in waiting[0]["target"]
    assert ("I hold nothing else about you in this community: only where 1 post of yours is, with your id, until it "
            "comes down, so I can tell you if it can't.") in text(await run(app, actor("ann"), "me data"))
    await app.outbox.drain_all()
    [dm] = dms(app)
    assert dm == ("Hearth couldn't take down one of your posts in #general: it may no longer have access to "
                  "that channel, so the post is still up. A moderator can remove it for you.")
    assert "Rough night" not in dm
    # Her data stays deleted: nothing names her but the notice on its way out.
    assert await app.store.communities.get_member(COMMUNITY, "console:ann") is None
    assert not await app.store.db.fetchall("SELECT id FROM outbox WHERE tell IS NOT NULL")
    assert not await app.store.db.fetchall("SELECT id FROM responses")
    assert "I hold nothing about you in this community right now." in text(await run(app, actor("ann"), "me data"))
    # Once for that post, however often the outbox drains.
    clock.advance(timedelta(minutes=5))
    await app.outbox.drain_all()
    assert len(dms(app)) == 1


async def test_after_me_delete_a_removal_that_went_through_keeps_nothing_and_tells_nothing(app, clock):
    await anns_post(app, clock)
    said = text(await run(app, actor("ann"), "me delete", confirmed="yes"))
    assert "I'll let you know by DM" in said
    await app.outbox.drain_all()
    assert [d for d in app.sent if d.kind == "delete"]
    assert dms(app) == []
    assert not await app.store.db.fetchall("SELECT id FROM outbox WHERE tell IS NOT NULL")


async def test_her_dms_closed_she_is_not_written_to(app, clock):
    await anns_post(app, clock)
    refusing(app, "delete")
    await app.store.outbox.mark_dms_closed("console:ann", app.now())
    await answer(app, "ann", "2", "private", "Rough night")
    assert not await app.store.db.fetchall("SELECT id FROM outbox WHERE dedupe_key LIKE 'unchanged:%'")
    failed = await app.store.db.fetchall("SELECT not_allowed FROM outbox WHERE kind = 'delete'")
    assert [f["not_allowed"] for f in failed] == [1]
    assert "private, its post is still up" in text(await run(app, actor("ann"), "me history"))  # (said all the same)


async def test_a_removal_that_gave_up_after_its_retries_is_told_too(app, clock):
    """Not refused, but never done either (the platform failing every time): the post is still up, so she is told,
    without a reason Hearth can't know."""
    await anns_post(app, clock)
    sender = app.outbox.senders["console"]
    real = sender.send

    async def failing(delivery):
        if delivery.kind == "delete":
            raise ConnectionError("the platform is down")
        return await real(delivery)

    sender.send = failing
    await answer(app, "ann", "2", "private", "Rough night")
    for _ in range(app.outbox.max_attempts + 2):
        clock.advance(timedelta(minutes=10))
        await app.outbox.drain_all()
    [dm] = dms(app)
    assert dm.startswith("Hearth couldn't take down the post of your answer to mornings, so it may still be up.")


async def test_pooled_anonymous_removals_refused_after_erasures_reach_each_author_alone(app, clock):
    """Anonymous posts of a closed round, pooled after three erasures: refused for good, each author hears of their
    own post, privately, and nothing keeps their ids after."""
    from tests.bot.flows.test_anonymous_batches import close, release

    await a_round(app, clock)
    for name in ("ann", "bob", "cy"):
        await answer(app, name, "3", "anonymous", f"{name} words")
    await close(app, clock)
    refusing(app, "delete")
    for name in ("ann", "bob", "cy"):
        await run(app, actor(name), "me delete", confirmed="yes")
    assert "only where 1 post of yours is" in text(await run(app, actor("ann"), "me data"))  # (the anonymous one, held)
    await release(app, clock)
    for name in ("ann", "bob", "cy"):
        [dm] = dms(app, f"console:{name}")
        assert dm.startswith("Hearth couldn't take down one of your posts in #general") and "words" not in dm
    assert not await app.store.db.fetchall("SELECT id FROM outbox WHERE tell IS NOT NULL")
    assert not await app.store.db.fetchall("SELECT id FROM held_posts")


async def test_an_anonymous_posts_edit_refused_is_told_and_history_says_it_shows_earlier_words(app, clock):
    from bot.store.rounds import next_tick

    await a_round(app, clock)
    for name in ("ann", "bob", "cy"):
        await answer(app, name, "3", "anonymous", f"{name} words")
    clock.set(next_tick(clock.now()) + timedelta(seconds=1))
    await app.outbox.drain_all()
    assert len([d for d in app.sent if d.kind == "thread"]) == 3
    refusing(app, "edit")
    for name in ("ann", "bob", "cy"):
        await answer(app, name, "3", "anonymous", f"{name} new words")
    clock.set(next_tick(clock.now()) + timedelta(seconds=1))
    await app.outbox.drain_all()
    [dm] = dms(app)
    assert dm.startswith("Hearth couldn't change the post of your answer to mornings") and "earlier words" in dm
    assert "ann words" not in dm and "new words" not in dm
    assert "anonymous, its post still shows your earlier words — ann new words" in text(
        await run(app, actor("ann"), "me history"))


async def test_an_edit_of_a_post_the_platform_says_is_gone_tells_nothing(app, clock):
    """Someone took the post down meanwhile (Discord's 10008 on an edit, Slack's message_not_found): nothing of it
    shows, so nothing says it still shows her earlier words."""
    from bot.delivery.sender import PermanentFailure

    await anns_post(app, clock)
    sender = app.outbox.senders["console"]
    real = sender.send

    async def gone(delivery):
        if delivery.kind == "edit":
            raise PermanentFailure("Discord couldn't find it (10008): Unknown Message", gone=True)
        return await real(delivery)

    sender.send = gone
    await answer(app, "ann", "3", "shared", "Better now")
    assert dms(app) == []
    assert "earlier words" not in text(await run(app, actor("ann"), "me history"))
