"""An answer's post the platform refuses for good: its member is told, and nothing says the group saw it.

The trial: a member answered "shared with the group" and was told so; the platform then refused the post (Discord's
50013 Missing Permissions, a locked thread, Slack's not_in_channel). The outbox only marked the entry failed and
logged it: the member went on believing their words were shared, and `me history` said "shared". Now the member is
told privately, once, without their words; their history, `me data` and export say "not posted"; the operator's log
says which community and round, and the platform's reason, never the words.
"""

from __future__ import annotations

import json
import logging
from datetime import timedelta

from tests.bot.flows.test_anonymous_batches import a_round, answer
from tests.conftest import actor, run, text

TOLD = "wasn't posted to the group: the platform didn't let Hearth post in that channel"
REASON = "Discord refused (50013): Missing Permissions"


def told(app, who: str = "console:ann") -> list[str]:
    return [d.message.plain() for d in app.sent if d.kind == "dm" and d.user == who and TOLD in d.message.plain()]


def refusing(app, reason: str = REASON, not_allowed: bool = True):
    sender = app.outbox.senders["console"]
    sender.refused["thread"] = reason
    if not_allowed:
        sender.not_allowed.add("thread")
    return sender


async def export_of(app, who: str) -> list[dict]:
    reply = (await run(app, actor(who), "me export"))[0]
    return json.loads(reply.attachment.content)["answers"]


async def test_a_shared_answer_the_platform_refuses_is_told_once_and_never_said_shared(app, clock, caplog):
    await a_round(app, clock)
    refusing(app)
    with caplog.at_level(logging.INFO):
        said = await answer(app, "ann", "2", "shared", "Rough night")
        await app.outbox.drain_all()
    assert "shared with the group" in said  # (what it was, when she pressed)
    assert not [d for d in app.sent if d.kind == "thread"]
    [dm] = told(app)
    assert dm.startswith("Your answer to mornings wasn't posted to the group")
    assert "Nobody else saw it" in dm and "still kept for you" in dm and "Rough night" not in dm
    # The operator hears which community and round, and why; never her words.
    [line] = [r.getMessage() for r in caplog.records if "refused for good to post an answer" in r.getMessage()]
    assert "round" in line and REASON in line and "Rough night" not in line
    assert "Rough night" not in caplog.text
    # What she can read later says so.
    history = text(await run(app, actor("ann"), "me history"))
    assert "shared, not posted — Rough night" in history
    [mine] = await export_of(app, "ann")
    assert mine["visibility"] == "shared" and mine["shared_post"].startswith("not posted")
    assert "1 shared one not posted to the group" in text(await run(app, actor("ann"), "me data"))
    # Once per answer: nothing more comes of draining again, or of the same answer sent again.
    await answer(app, "ann", "2", "shared", "Rough night")
    clock.advance(timedelta(minutes=5))
    await app.outbox.drain_all()
    assert len(told(app)) == 1
    assert "shared, not posted" in text(await run(app, actor("ann"), "me history"))


async def test_a_changed_answer_is_posted_anew_once_hearth_may_post_again(app, clock):
    await a_round(app, clock)
    sender = refusing(app)
    await answer(app, "ann", "2", "shared", "Rough night")
    assert len(told(app)) == 1
    del sender.refused["thread"]  # (a moderator gave Hearth its permission back)
    await answer(app, "ann", "3", "shared", "Better now")
    [post] = [d for d in app.sent if d.kind == "thread"]
    assert "Better now" in post.message.plain()
    history = text(await run(app, actor("ann"), "me history"))
    assert "shared — Better now" in history and "not posted" not in history
    assert "shared_post" not in (await export_of(app, "ann"))[0]


async def test_an_answer_made_private_before_the_refusal_is_not_told_about(app, clock):
    await a_round(app, clock)
    refusing(app)
    await run(app, actor("ann"), "checkin answer", mood="2", visibility="shared", words="Rough night")
    await run(app, actor("ann"), "checkin answer", mood="2", visibility="private", words="Rough night")
    await app.outbox.drain_all()
    assert told(app) == []
    assert "not posted" not in text(await run(app, actor("ann"), "me history"))


async def test_anonymous_posts_refused_are_told_and_say_not_posted(app, clock):
    await a_round(app, clock)
    refusing(app)
    for name in ("ann", "bob", "cy"):
        await answer(app, name, "3", "anonymous", f"w-{name}")
    clock.advance(timedelta(minutes=30))
    await app.outbox.drain_all()
    for name in ("ann", "bob", "cy"):
        [dm] = told(app, f"console:{name}")
        assert dm.startswith("Your anonymous answer to mornings wasn't posted to the group") and f"w-{name}" not in dm
        assert f"anonymous, not posted — w-{name}" in text(await run(app, actor(name), "me history"))
        [mine] = await export_of(app, name)
        assert mine["anonymous_post"] == "not posted"


async def test_a_member_whose_dms_are_closed_is_not_written_to_and_their_history_says_it_all_the_same(app, clock):
    await a_round(app, clock)
    sender = refusing(app)
    sender.closed_dms.add("console:ann")
    await app.store.outbox.mark_dms_closed("console:ann", clock.now())
    await answer(app, "ann", "2", "shared", "Rough night")
    await app.outbox.drain_all()
    assert told(app) == []
    assert not await app.store.db.fetchall("SELECT id FROM outbox WHERE dedupe_key LIKE 'refused:%'")
    assert "shared, not posted — Rough night" in text(await run(app, actor("ann"), "me history"))


async def test_held_words_posted_after_the_members_choice_and_refused_are_told_too(app, clock):
    from tests.bot.flows.test_crisis_care import CRISIS, offer_of
    from tests.conftest import press

    await a_round(app, clock)
    refusing(app)
    ann = actor("ann")
    buttons = offer_of(await run(app, ann, "checkin answer", mood="2", visibility="shared", words=CRISIS))
    await press(app, ann, "checkin.post_held", dict(buttons["checkin.post_held"].args))
    await app.outbox.drain_all()
    assert not [d for d in app.sent if d.kind == "thread"]
    [dm] = told(app)
    assert CRISIS not in dm
    assert "shared, not posted" in text(await run(app, ann, "me history"))


async def test_an_anonymous_answer_refused_then_shared_says_what_it_is_now(app, clock):
    await a_round(app, clock)
    sender = refusing(app)
    for name in ("ann", "bob", "cy"):
        await answer(app, name, "3", "anonymous", f"w-{name}")
    clock.advance(timedelta(minutes=30))
    await app.outbox.drain_all()
    del sender.refused["thread"]
    await answer(app, "ann", "3", "shared", "w-ann now")
    history = text(await run(app, actor("ann"), "me history"))
    assert "shared — w-ann now" in history and "anonymous" not in history


async def test_when_the_rounds_own_post_was_refused_an_answer_waiting_on_it_is_told_at_once(app, clock):
    from tests.bot.flows.test_buttons_are_bound import open_round_now
    from tests.bot.scheduling.test_runner import make_schedule

    await make_schedule(app)
    sender = app.outbox.senders["console"]
    sender.refused["post"] = REASON  # (the round's post: Hearth may not post in the channel at all)
    sender.not_allowed.add("post")
    await open_round_now(app, clock)
    await app.outbox.drain_all()
    del sender.refused["post"]
    await answer(app, "ann", "2", "shared", "Rough night")
    [dm] = told(app)
    assert "Rough night" not in dm
    assert "shared, not posted — Rough night" in text(await run(app, actor("ann"), "me history"))


# -- told22b: only what the platform said is a refusal to let Hearth post there is told as one --------------------

NEUTRAL = "Hearth couldn't post your answer to mornings to the group, so nobody else saw it"


def told_neutrally(app, who: str = "console:ann") -> list[str]:
    return [d.message.plain() for d in app.sent if d.kind == "dm" and d.user == who
            and "couldn't post your" in d.message.plain()]


async def test_a_post_refused_for_another_reason_is_told_without_a_reason_and_says_not_posted(app, clock):
    await a_round(app, clock)
    refusing(app, "Discord refused (50035): Invalid Form Body", not_allowed=False)
    await answer(app, "ann", "2", "shared", "Rough night")
    await app.outbox.drain_all()
    assert told(app) == []
    [dm] = told_neutrally(app)
    assert dm.startswith(NEUTRAL) and "still kept for you in your history" in dm
    assert "permission" not in dm and "didn't let" not in dm and "Rough night" not in dm
    assert "shared, not posted — Rough night" in text(await run(app, actor("ann"), "me history"))
    [mine] = await export_of(app, "ann")
    assert mine["shared_post"] == "not posted"
    data = text(await run(app, actor("ann"), "me data"))
    assert "1 shared one not posted to the group" in data and "didn't let Hearth" not in data


async def test_an_anonymous_post_refused_for_another_reason_is_told_without_a_reason(app, clock):
    await a_round(app, clock)
    refusing(app, "msg_too_long", not_allowed=False)
    for name in ("ann", "bob", "cy"):
        await answer(app, name, "3", "anonymous", f"w-{name}")
    clock.advance(timedelta(minutes=30))
    await app.outbox.drain_all()
    [dm] = told_neutrally(app)
    assert dm.startswith("Hearth couldn't post your anonymous answer to mornings to the group") and "w-ann" not in dm
    assert told(app) == []
    assert "anonymous, not posted — w-ann" in text(await run(app, actor("ann"), "me history"))


async def test_an_anonymous_answer_refused_then_changed_is_posted_once_hearth_may_post_again(app, clock):
    await a_round(app, clock)
    sender = refusing(app)
    for name in ("ann", "bob", "cy"):
        await answer(app, name, "3", "anonymous", f"w-{name}")
    clock.advance(timedelta(minutes=30))
    await app.outbox.drain_all()
    assert len(told(app)) == 1
    row = await app.store.db.fetchone("SELECT anon_out, anon_ref, unposted FROM responses WHERE user_id = ?",
                                      "console:ann")
    assert not row["anon_out"] and row["anon_ref"] is None and row["unposted"]  # (no post of it is out)
    del sender.refused["thread"]  # (a moderator gave Hearth its permission back)
    for name in ("ann", "bob", "cy"):
        await answer(app, name, "3", "anonymous", f"w-{name} again")
    clock.advance(timedelta(minutes=30))
    await app.outbox.drain_all()
    posts = [d for d in app.sent if d.kind == "thread"]
    assert len(posts) == 3
    for name in ("ann", "bob", "cy"):
        assert any(f"w-{name} again" in p.message.plain() for p in posts)
    assert not [d for d in app.sent if d.kind in ("edit", "delete")]  # (a new post, never an edit of none)
    history = text(await run(app, actor("ann"), "me history"))
    assert "anonymous — w-ann again" in history and "not posted" not in history
    [mine] = await export_of(app, "ann")
    assert mine["anonymous_post"] == "posted"


async def test_an_anonymous_answer_refused_then_made_private_takes_nothing_down(app, clock):
    await a_round(app, clock)
    refusing(app)
    for name in ("ann", "bob", "cy"):
        await answer(app, name, "3", "anonymous", f"w-{name}")
    clock.advance(timedelta(minutes=30))
    await app.outbox.drain_all()
    await answer(app, "ann", "3", "private", "w-ann")
    clock.advance(timedelta(hours=1))
    await app.outbox.drain_all()
    assert not [d for d in app.sent if d.kind in ("edit", "delete")]
    assert not await app.store.db.fetchall("SELECT id FROM outbox WHERE kind = 'delete'")


async def test_a_round_post_that_failed_otherwise_is_told_without_a_reason(app, clock):
    from tests.bot.flows.test_buttons_are_bound import open_round_now
    from tests.bot.scheduling.test_runner import make_schedule

    await make_schedule(app)
    sender = app.outbox.senders["console"]
    sender.refused["post"] = "channel_not_found"  # (gone, or never Hearth's to see: Slack can't say which)
    await open_round_now(app, clock)
    await app.outbox.drain_all()
    del sender.refused["post"]
    await answer(app, "ann", "2", "shared", "Rough night")
    assert told(app) == []
    [dm] = told_neutrally(app)
    assert "Rough night" not in dm
    assert "shared, not posted — Rough night" in text(await run(app, actor("ann"), "me history"))


async def test_an_answer_waiting_long_on_a_round_post_still_on_its_way_waits_and_goes_up_after_it(app, clock):
    """review22c: after hours of an outage (or Hearth down), an answer whose round post is about to go was failed
    and its member told "not posted": it waits for the round post, however long, and goes up after it."""
    from datetime import datetime, timezone

    from bot.clock import utc_iso, utc_iso_fine
    from bot.delivery.outbox import PARENT_PATIENCE
    from bot.scheduling.runner import RoundScheduler
    from tests.bot.scheduling.test_runner import make_schedule

    await make_schedule(app)
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    await RoundScheduler(app).run_pending()
    # Its post not out yet, and waiting to be tried again (a platform's outage after Hearth was down for hours).
    later = clock.now() + PARENT_PATIENCE + timedelta(hours=2)  # (still inside the round's window)
    await app.store.db.execute("UPDATE outbox SET next_attempt_at = ?, not_before = ?, last_error = 'timeout' "
                               "WHERE dedupe_key LIKE 'round:%:post'", utc_iso(later), utc_iso_fine(later))
    await run(app, actor("ann"), "checkin answer", mood="2", visibility="shared", words="Rough night")
    clock.advance(PARENT_PATIENCE + timedelta(hours=1))
    await app.outbox.drain_all()
    assert not [d for d in app.sent if d.kind != "dm" and "Rough night" in d.message.plain()]
    assert told(app) == [] and told_neutrally(app) == []
    assert "not posted" not in text(await run(app, actor("ann"), "me history"))
    clock.set(later + timedelta(minutes=1))
    await app.outbox.drain_all()
    await app.outbox.drain_all()
    assert [d for d in app.sent if d.kind != "dm" and "Rough night" in d.message.plain()]
    assert told(app) == [] and told_neutrally(app) == []


async def test_an_answer_waiting_on_a_round_post_that_was_skipped_is_told_at_once_in_neutral_words(app, clock,
                                                                                                    caplog):
    """A round post skipped (its round closed before it went) never goes up, nor the answers under it: the member
    is told now, not after hours, and never that the platform refused anything."""
    from datetime import datetime, timezone

    from bot.scheduling.runner import RoundScheduler
    from tests.bot.scheduling.test_runner import make_schedule

    await make_schedule(app)
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    await RoundScheduler(app).run_pending()
    post = (await app.store.db.fetchone("SELECT id FROM outbox WHERE dedupe_key LIKE 'round:%:post'"))["id"]
    await app.store.outbox.mark_skipped(post, "no longer true", clock.now())
    await run(app, actor("ann"), "checkin answer", mood="2", visibility="shared", words="Rough night")
    with caplog.at_level(logging.INFO):
        await app.outbox.drain_all()
    assert not [d for d in app.sent if d.kind != "dm" and "Rough night" in d.message.plain()]
    assert told(app) == []
    [dm] = told_neutrally(app)
    assert dm.startswith(NEUTRAL) and "Rough night" not in dm and "permission" not in dm
    assert "shared, not posted — Rough night" in text(await run(app, actor("ann"), "me history"))
    assert "failed for good to post an answer" in caplog.text and "refused for good" not in caplog.text
