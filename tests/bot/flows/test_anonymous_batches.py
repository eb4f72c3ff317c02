"""Anonymous words can't be tied to a person, by their post or by its timing.

An answer's named post is never edited into an anonymous one (everyone who saw it, and the platform's edit
history, would know whose it is): it is taken down, and the anonymous words go up as a new post. And
anonymous posts never go up, change or come down the moment someone presses: they wait for a batch of at
least the community's floor of people doing the same (`bot.store.rounds.Batching`, the rule).
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.clock import parse_iso

from bot.scheduling.runner import RoundScheduler
from tests.bot.flows.test_buttons_are_bound import open_round_now
from tests.bot.flows.test_my_data import delete_everything
from tests.bot.scheduling.test_runner import make_schedule
from tests.conftest import actor, press, ref_of, round_post_ref, run, text


async def answer(app, name: str, mood: str, visibility: str, words: str = "") -> str:
    replies = await run(app, actor(name), "checkin answer", mood=mood, visibility=visibility, words=words)
    await app.outbox.drain_all()
    return text(replies)


async def anns_named_post(app) -> str:
    """Ann answers "Rough night" under her name, the round's first post: its platform ref."""
    await answer(app, "ann", "2", "shared", "Rough night")
    [named] = [d for d in app.sent if d.kind == "thread"]
    return ref_of(app, named)


def sent_since(app, mark: int):
    return app.sent[mark:]


def under_the_post(app, deliveries):
    """What changed under the round post: thread replies, edits and removals (not the summary's edit)."""
    post_ref = round_post_ref(app)
    return [d for d in deliveries if d.kind in ("thread", "delete") or (d.kind == "edit" and d.ref != post_ref)]


async def close(app, clock):
    clock.advance(timedelta(hours=3))
    await RoundScheduler(app).sweep()
    await app.outbox.drain_all()


async def a_round(app, clock, **settings):
    await make_schedule(app, **settings)
    return await open_round_now(app, clock)


async def test_shared_to_anonymous_takes_the_named_post_down_and_posts_the_words_anew_in_a_batch(app, clock):
    await a_round(app, clock)
    await answer(app, "ann", "2", "shared", "Rough night")
    [named] = [d for d in app.sent if d.kind == "thread"]
    assert "Ann" in named.message.plain()
    named_ref = ref_of(app, named)

    mark = len(app.sent)
    thanks = await answer(app, "ann", "4", "anonymous", "Better now")
    assert under_the_post(app, sent_since(app, mark)) == []  # its removal waits for the words' batch
    assert "few at a time" in thanks and "before the round closes" in thanks
    # ...and says, truly, that the named post stays up until then (so nobody thinks the switch failed)
    assert "Your earlier post with your name stays up until then, and comes down with them" in thanks

    await answer(app, "bob", "3", "anonymous", "Fine")
    assert "post with your name" not in await answer(app, "bob", "3", "anonymous", "Fine, really")  # none was up
    assert under_the_post(app, sent_since(app, mark)) == []  # two people so far: nothing goes up yet
    await answer(app, "cy", "5", "anonymous", "Great")
    batch = under_the_post(app, sent_since(app, mark))
    assert sorted(d.kind for d in batch) == ["delete"] + ["thread"] * 3  # three new posts, together
    assert ("delete", named_ref) in [(d.kind, d.ref) for d in batch]  # with them, never edited
    # ...and queued after them (sends go out side by side, so their order is the queue's, not the platform's)
    queued = await app.store.db.fetchall("SELECT kind FROM outbox WHERE kind IN ('thread', 'delete') ORDER BY id")
    assert [r["kind"] for r in queued][-4:] == ["thread"] * 3 + ["delete"]
    batch = [d for d in batch if d.kind == "thread"]
    words = [d.message.plain() for d in batch]
    assert any("Better now" in w for w in words) and all("Someone" in w for w in words)
    assert not any(n in w for w in words for n in ("Ann", "Bob", "Cy"))
    assert not any(d.kind == "edit" and "Better now" in d.message.plain() for d in app.sent)


async def test_anonymous_answers_wait_for_the_communitys_floor_and_too_few_never_go_up(app, clock):
    await run(app, actor("mia", moderator=True), "mod settings", key="summary_floor", value="4")
    await a_round(app, clock)
    mark = len(app.sent)
    for name in ("ann", "bob", "cy"):
        await answer(app, name, "3", "anonymous", f"words of {name}")
    await answer(app, "dee", "3", "shared", "named words")
    assert [d.kind for d in under_the_post(app, sent_since(app, mark))] == ["thread"]  # only Dee's named post
    await close(app, clock)
    assert not any("words of" in d.message.plain() for d in app.sent)  # three, with a floor of four: never
    assert await app.store.db.fetchall("SELECT id FROM held_posts") == []  # (and nothing left waiting)


async def test_the_floors_worth_of_new_posts_go_up_together(app, clock):
    await run(app, actor("mia", moderator=True), "mod settings", key="summary_floor", value="4")
    await a_round(app, clock)
    mark = len(app.sent)
    for name in ("ann", "bob", "cy", "dee"):
        await answer(app, name, "3", "anonymous", f"words of {name}")
    released = [d for d in under_the_post(app, sent_since(app, mark)) if "words of" in d.message.plain()]
    assert len(released) == 4 and {d.kind for d in released} == {"thread"}


async def test_anonymous_changes_and_removals_wait_too(app, clock):
    await a_round(app, clock)
    for name in ("ann", "bob", "cy"):
        await answer(app, name, "3", "anonymous", f"first words of {name}")
    assert len([d for d in app.sent if d.kind == "thread"]) == 3

    mark = len(app.sent)
    await answer(app, "ann", "2", "anonymous", "second words of ann")  # words edited
    # anonymous -> named, with the words of his anonymous post: asked first (`NAMES_THE_ANONYMOUS`), and confirmed
    asked = await run(app, actor("bob"), "checkin answer", mood="3", visibility="shared", words="first words of bob")
    [post] = [b for r in asked for b in r.buttons if b.action == "confirm"]
    await press(app, actor("bob"), "confirm", dict(post.args))
    await app.outbox.drain_all()
    told = await answer(app, "cy", "3", "private", "")  # anonymous -> private
    # Three changes, but of two kinds the channel tells apart: one post changing, two coming down, each too few
    assert [d.kind for d in under_the_post(app, sent_since(app, mark))] == ["thread"]  # Bob's named post only
    assert "comes down with" in told and "when the round closes" in told
    await close(app, clock)  # asked for, they go at the close however few
    batch = under_the_post(app, sent_since(app, mark))[1:]
    assert sorted(d.kind for d in batch) == ["delete", "delete", "edit"]
    assert any(d.kind == "edit" and "second words of ann" in d.message.plain() for d in batch)


async def test_what_nets_to_nothing_never_shows(app, clock):
    await a_round(app, clock)
    await answer(app, "ann", "3", "anonymous", "never mind")
    await answer(app, "ann", "3", "private", "never mind")
    await close(app, clock)
    assert not any("never mind" in d.message.plain() for d in app.sent)
    assert not any(d.kind in ("thread", "delete") for d in app.sent)


async def test_erasing_ones_data_takes_an_anonymous_post_down_with_the_next_batch(app, clock):
    await a_round(app, clock)
    for name in ("ann", "bob", "cy"):
        await answer(app, name, "3", "anonymous", f"words of {name}")
    await answer(app, "ann", "3", "shared", "nothing to add")  # Ann's anonymous post waits to come down...
    await answer(app, "ann", "3", "anonymous", "words of ann")  # ... no: back as it was, nothing to do
    mark = len(app.sent)
    done = await delete_everything(app, actor("ann"))
    await app.outbox.drain_all()
    assert under_the_post(app, sent_since(app, mark)) == []  # not the moment she asked
    assert "next batch of changes" in done and "within 3 days at the latest" in done
    await close(app, clock)
    # One removal at the close, alone of its kind, would be hers to anyone who saw her named posts go: it waits,
    # pooled with other erasures', as she was told.
    assert [d for d in under_the_post(app, sent_since(app, mark)) if d.kind == "delete"] == []
    for name in ("bob", "cy"):  # the floor's worth of erasures: they all come down together
        await delete_everything(app, actor(name))
    await release(app, clock)
    removed = [d for d in under_the_post(app, sent_since(app, mark)) if d.kind == "delete"]
    assert len(removed) == 4  # her anonymous post and her named one (left up for the words' batch), Bob's, Cy's


async def test_a_post_taken_down_is_not_taken_down_again(app, clock):
    """The named post came down with the batch of the answer gone anonymous; deleting the check-in later must
    not count it, or send a second removal for it."""
    from tests.bot.flows.test_schedule_delete import delete_schedule

    await a_round(app, clock)
    named_ref = await anns_named_post(app)
    await answer(app, "ann", "4", "anonymous", "Better now")  # the named post and the words wait
    await answer(app, "bob", "3", "anonymous")
    await answer(app, "cy", "3", "anonymous")  # the batch: the named post is taken down
    assert [d.ref for d in app.sent if d.kind == "delete"] == [named_ref]
    _, done = await delete_schedule(app)
    await app.outbox.drain_all()
    assert "taking down 3 posts" in done  # the three anonymous posts, not the named one again
    assert [d.ref for d in app.sent if d.kind == "delete"].count(named_ref) == 1


async def test_a_named_post_gone_anonymous_comes_down_no_sooner_than_the_words_batch(app, clock):
    """Its removal the moment before "Someone" posts the same mood would tell whose it is."""
    await a_round(app, clock)
    named_ref = await anns_named_post(app)
    mark = len(app.sent)
    await answer(app, "ann", "2", "private")  # taken down at once: nothing anonymous follows it
    assert [(d.kind, d.ref) for d in under_the_post(app, sent_since(app, mark))] == [("delete", named_ref)]

    await answer(app, "bob", "4", "shared", "Good day")
    [bobs] = [d for d in sent_since(app, mark) if d.kind == "thread"]
    bobs_ref = ref_of(app, bobs)
    mark = len(app.sent)
    await answer(app, "bob", "4", "anonymous", "A good day, mostly")  # (new words: the named ones are known)
    await answer(app, "bob", "5", "anonymous", "Better day")  # an edit while it waits: still nothing
    assert under_the_post(app, sent_since(app, mark)) == []
    await close(app, clock)  # one new post alone, beside Bob's named post coming down, would be his: it stays off
    went = under_the_post(app, sent_since(app, mark))
    assert [(d.kind, d.ref) for d in went] == [("delete", bobs_ref)]
    assert not any("Better day" in d.message.plain() for d in app.sent)


async def test_a_named_post_gone_anonymous_and_back_stays_up_and_is_edited(app, clock):
    await a_round(app, clock)
    named_ref = await anns_named_post(app)
    mark = len(app.sent)
    await answer(app, "ann", "3", "anonymous", "A rough one")
    await answer(app, "ann", "3", "shared", "Rough night, better now")
    now = under_the_post(app, sent_since(app, mark))
    assert [(d.kind, d.ref) for d in now] == [("edit", named_ref)]  # one named post, never a second
    assert "better now" in now[0].message.plain()
    await close(app, clock)
    assert not any(d.kind in ("thread", "delete") for d in under_the_post(app, sent_since(app, mark)))


def mood_words(app) -> list[str]:
    return [app.content.mood_label(m) for m in range(1, 6)]


async def test_an_anonymous_post_shows_no_mood_to_match_with_a_named_one(app, clock):
    """Ann's named post said "Low"; it comes down with a batch in which hers would be the only "Low"."""
    await a_round(app, clock)
    await anns_named_post(app)
    mark = len(app.sent)
    await answer(app, "ann", "2", "anonymous", "A rough one")  # (new words: "Rough night" is known as hers)
    await answer(app, "bob", "4", "anonymous", "Fine")
    await answer(app, "cy", "5", "anonymous")
    posts = [d.message.plain() for d in under_the_post(app, sent_since(app, mark)) if d.kind == "thread"]
    assert len(posts) == 3 and any("A rough one" in p for p in posts)
    assert not any(label in p for p in posts for label in mood_words(app))
    assert any("Someone checked in" in p for p in posts)  # Cy's, with no words


async def test_a_new_post_waits_for_new_posts_however_many_other_changes_wait(app, clock):
    """Beside two posts coming down, a batch's one new post, and Ann's named post coming down with it, say whose
    it is: new posts wait for the floor of new posts."""
    await a_round(app, clock)
    named_ref = await anns_named_post(app)
    for name in ("dan", "eve", "fay"):
        await answer(app, name, "3", "anonymous", f"words of {name}")
    mark = len(app.sent)
    await answer(app, "ann", "2", "anonymous", "A rough one")
    await answer(app, "dan", "3", "private")
    await answer(app, "eve", "3", "private")
    assert under_the_post(app, sent_since(app, mark)) == []
    await answer(app, "bob", "4", "anonymous", "Fine")
    await answer(app, "cy", "5", "anonymous", "Great")
    batch = under_the_post(app, sent_since(app, mark))
    assert sorted((d.kind, d.ref if d.kind == "delete" else None) for d in batch) == [
        ("delete", named_ref)] + [("thread", None)] * 3  # the two removals still wait for a third, or the close


async def test_a_change_of_mood_alone_changes_no_post(app, clock):
    await a_round(app, clock)
    for name in ("ann", "bob", "cy"):
        await answer(app, name, "3", "anonymous", f"words of {name}")
    mark = len(app.sent)
    for name in ("ann", "bob", "cy"):
        await answer(app, name, "1", "anonymous", f"words of {name}")
    await close(app, clock)
    assert under_the_post(app, sent_since(app, mark)) == []



async def test_deleting_my_data_after_the_close_takes_my_anonymous_post_down_with_others_not_alone(app, clock):
    """A closed round has no batch to hide in: gone soon after Ann erased her data (her named posts, her name
    leaving the member list), at any time of its own, her anonymous post would still say it was hers. It waits,
    pooled with other erasures' in the community, until the floor's worth of people have asked, and they all
    come down together on the clock's tick; as she is told."""
    await a_round(app, clock)
    for name in ("ann", "bob", "cy"):  # the floor: the batch goes up
        await answer(app, name, "3", "anonymous", f"{name} words")
    await close(app, clock)
    posts = {n: ref_of(app, d) for n in ("ann", "bob", "cy") for d in app.sent
             if d.kind == "thread" and f"{n} words" in d.message.plain()}
    mark = len(app.sent)
    said = text(await run(app, actor("ann"), "me delete", confirmed="yes"))
    assert "will come down once at least 3 people have asked the same, all together" in said
    assert "within 3 days at the latest" in said and "taking down" not in said
    clock.advance(timedelta(hours=12))
    await release(app, clock)
    assert posts["ann"] not in [d.ref for d in sent_since(app, mark) if d.kind == "delete"]  # alone: never
    # Nobody's, but for whom to tell if it can't come down (`tell`): nothing else there names her.
    held = await app.store.db.fetchall("SELECT * FROM held_posts")
    assert [h["tell"] for h in held] == ["console:ann"]
    assert "console:ann" not in str([{k: v for k, v in h.items() if k != "tell"} for h in held])
    await run(app, actor("bob"), "me delete", confirmed="yes")
    clock.advance(timedelta(minutes=7))
    await run(app, actor("cy"), "me delete", confirmed="yes")
    await release(app, clock)
    removed = [d for d in sent_since(app, mark) if d.kind == "delete"]
    assert {d.ref for d in removed} == set(posts.values())
    rows = await app.store.db.fetchall("SELECT next_attempt_at FROM outbox WHERE kind = 'delete'")
    assert len({r["next_attempt_at"] for r in rows}) == 1  # together, on one tick
    # Down: nothing keeps their ids any more.
    assert not await app.store.db.fetchall("SELECT id FROM outbox WHERE tell IS NOT NULL")
    assert not await app.store.db.fetchall("SELECT id FROM held_posts")


async def test_a_pooled_removal_comes_down_within_days_at_the_latest(app, clock):
    """Too few erasures ever: the post comes down alone after its pool's own wait (a day to three, set by its
    random mark: neither the erasure's moment nor a fixed time after it), not after a year of retention."""
    from bot.store.rounds import POOL_WAIT_LEAST, POOL_WAIT_MOST

    await a_round(app, clock)
    for name in ("ann", "bob", "cy"):
        await answer(app, name, "3", "anonymous", f"{name} words")
    await close(app, clock)
    [anns] = [ref_of(app, d) for d in app.sent if d.kind == "thread" and "ann words" in d.message.plain()]
    await run(app, actor("ann"), "me delete", confirmed="yes")
    mark = len(app.sent)
    clock.advance(POOL_WAIT_LEAST - timedelta(minutes=20))
    await release(app, clock)
    assert anns not in [d.ref for d in sent_since(app, mark)]
    clock.advance(POOL_WAIT_MOST - POOL_WAIT_LEAST)
    await release(app, clock)
    assert anns in [d.ref for d in sent_since(app, mark) if d.kind == "delete"]


def test_each_pools_wait_is_its_own_and_within_the_bounds():
    from bot.store.rounds import POOL_WAIT_LEAST, POOL_WAIT_MOST, pool_wait

    waits = {pool_wait(f"{n:016x}"[::-1]) for n in range(1, 400, 7)}
    assert len(waits) > 10 and all(POOL_WAIT_LEAST <= w <= POOL_WAIT_MOST for w in waits)
    assert POOL_WAIT_LEAST <= pool_wait("not-hex") <= POOL_WAIT_MOST


def test_no_pools_wait_leaves_too_little_room_for_the_job_and_the_tick():
    """The promise is "within 3 days at the latest": a pool's wait ends early enough that the job's next run (once
    its interval) and the clock's next tick after it still fall within it, at the longest wait too."""
    from bot.engines.retention import router as retention
    from bot.store.rounds import POOL_WAIT_MOST, TICK, pool_wait

    longest = max([pool_wait(f"{n:016x}"[::-1]) for n in range(0, 2 ** 16, 37)] + [pool_wait("ffffffff"),
                                                                                    pool_wait("not-hex")])
    assert longest + retention.jobs["pooled_removals"].every + TICK <= POOL_WAIT_MOST


@pytest.mark.parametrize("phase", [0, 1, 300, 599])  # when, after one of the clock's ticks, the job happens to run
async def test_a_pool_at_the_longest_wait_comes_down_within_the_days_promised(app, clock, phase):
    """The trial's case: a pool whose wait was the most, the job running just before the wait ended. Its removal
    is still due on a tick within "3 days at the latest" of the erasure, whenever the job runs."""
    from bot.engines.retention import release_pooled_removals, router as retention
    from bot.store.rounds import POOL_WAIT_MOST, next_tick, pool_wait

    await a_round(app, clock)
    for name in ("ann", "bob", "cy"):
        await answer(app, name, "3", "anonymous", f"{name} words")
    await close(app, clock)
    [anns] = [ref_of(app, d) for d in app.sent if d.kind == "thread" and "ann words" in d.message.plain()]
    said = text(await run(app, actor("ann"), "me delete", confirmed="yes"))
    assert "within 3 days at the latest" in said
    erased = clock.now()
    longest = "not-hex"  # (no hex digits: the longest wait there is, `pool_wait`)
    assert all(pool_wait(f"{n:08x}") <= pool_wait(longest) for n in range(0, 2 ** 32, 2 ** 32 // 997))
    await app.store.db.execute("UPDATE held_posts SET pool = ?", longest)
    every = retention.jobs["pooled_removals"].every
    clock.set(next_tick(erased + pool_wait(longest)) - every + timedelta(seconds=phase))
    while not await app.store.db.fetchall("SELECT id FROM outbox WHERE kind = 'delete' AND status = 'pending'"):
        assert clock.now() <= erased + POOL_WAIT_MOST
        await release_pooled_removals(app)
        if not await app.store.db.fetchall("SELECT id FROM outbox WHERE kind = 'delete' AND status = 'pending'"):
            clock.advance(every)
    [due] = await app.store.db.fetchall("SELECT next_attempt_at FROM outbox WHERE kind = 'delete' AND "
                                        "status = 'pending'")
    assert parse_iso(due["next_attempt_at"]) <= erased + POOL_WAIT_MOST
    clock.set(parse_iso(due["next_attempt_at"]))
    mark = len(app.sent)
    await app.outbox.drain_all()
    assert anns in [d.ref for d in sent_since(app, mark) if d.kind == "delete"]


async def test_a_removal_waiting_in_a_round_open_for_days_comes_down_within_the_days_promised(app, clock):
    """A round may stay open a week: Ann's anonymous post, her data erased while it is open and nobody else
    changing anything, is promised to be down "within 3 days at the latest", round or no round."""
    from bot.engines.retention import release_pooled_removals, router as retention
    from bot.store.rounds import POOL_WAIT_MOST

    await a_round(app, clock, when="mondays 09:00", open="5d")
    for name in ("ann", "bob", "cy"):
        await answer(app, name, "3", "anonymous", f"{name} words")
    [anns] = [ref_of(app, d) for d in app.sent if d.kind == "thread" and "ann words" in d.message.plain()]
    said = text(await run(app, actor("ann"), "me delete", confirmed="yes"))
    assert "come down with the round's next batch of changes" in said and "within 3 days at the latest" in said
    erased, mark = clock.now(), len(app.sent)
    every = retention.jobs["pooled_removals"].every
    while clock.now() < erased + POOL_WAIT_MOST:
        clock.advance(every)
        await release_pooled_removals(app)
        await app.outbox.drain_all()
    assert [r for r in await app.store.rounds.list_open() if r.closes_at > clock.now()]  # (still open)
    assert anns in [d.ref for d in sent_since(app, mark) if d.kind == "delete"]


async def test_a_pool_of_a_round_retention_clears_comes_down_within_the_days_of_retention(app, clock):
    """Where the community keeps answers for fewer days than the pool's wait, she is promised those days: the
    round's posts come down within them even when it was scheduled a moment before her erasure."""
    from bot.engines.retention import release_pooled_removals
    from bot.store.rounds import TICK, next_tick

    mia = actor("mia", moderator=True)
    await run(app, mia, "mod settings", key="retention_days", value="1")
    await a_round(app, clock)
    for name in ("ann", "bob", "cy"):
        await answer(app, name, "3", "anonymous", f"{name} words")
    await close(app, clock)
    [scheduled] = await app.store.db.fetchall("SELECT scheduled_at FROM rounds")
    said = text(await run(app, actor("ann"), "me delete", confirmed="yes"))
    assert "within 1 days at the latest" in said or "within 1 day at the latest" in said
    promised = parse_iso(scheduled["scheduled_at"]) + timedelta(days=1)
    clock.set(promised - TICK + timedelta(seconds=1))  # the job's last run before the promise
    await release_pooled_removals(app)
    [due] = await app.store.db.fetchall("SELECT next_attempt_at FROM outbox WHERE kind = 'delete' AND "
                                        "status = 'pending'")
    assert parse_iso(due["next_attempt_at"]) <= promised and next_tick(promised) >= parse_iso(due["next_attempt_at"])


async def test_a_batch_goes_on_the_clocks_tick_not_at_the_press_that_filled_it(app, clock):
    """Posts going up the moment the floor-th answer was pressed would say that answer was one of them (and a
    care note about its author, posted at the same moment, whose words they were)."""
    await a_round(app, clock)
    for name in ("ann", "bob"):
        await answer(app, name, "3", "anonymous", f"words of {name}")
    clock.advance(timedelta(minutes=3, seconds=17))
    mark = len(app.sent)
    await answer(app, "cy", "3", "anonymous", "words of cy")  # the third: the batch is full
    assert under_the_post(app, sent_since(app, mark)) == []  # not at Cy's press
    [due] = {r["next_attempt_at"] for r in await app.store.db.fetchall(
        "SELECT next_attempt_at FROM outbox WHERE kind = 'thread' AND status = 'pending'")}
    assert due == "2026-01-05T09:10:00Z"
    await release(app, clock)
    assert len([d for d in under_the_post(app, sent_since(app, mark)) if d.kind == "thread"]) == 3


async def test_a_care_note_goes_on_the_clocks_tick_too(app, clock):
    """A care note posted the moment someone's words were screened would point at the words that went up then."""
    mod = actor("mia", moderator=True)
    await run(app, mod, "mod settings", key="alert_channel", value="care")
    await a_round(app, clock)
    clock.advance(timedelta(minutes=4))
    mark = len(app.sent)
    await run(app, actor("ann"), "checkin answer", mood="1", visibility="anonymous",
              words="I want to end my life")
    await app.outbox.drain_all()
    assert not [d for d in sent_since(app, mark) if d.channel == "console:care"]
    await release(app, clock)
    assert [d for d in sent_since(app, mark) if d.channel == "console:care"]


async def release(app, clock):
    """The pooled removals' job, then the clock on to its next tick, and everything due sent."""
    from bot.engines.retention import release_pooled_removals
    from bot.store.rounds import next_tick

    await release_pooled_removals(app)
    clock.set(next_tick(clock.now()) + timedelta(seconds=1))
    await app.outbox.drain_all()


async def test_leaving_anonymous_before_any_batch_says_the_post_never_goes_up(app, clock):
    """A change away from anonymous says the anonymous post comes down only when one went up."""
    await a_round(app, clock)
    await answer(app, "ann", "2", "anonymous", "Rough night")
    said = await answer(app, "ann", "2", "private", "Rough night")
    assert "hadn't gone up yet, so it never will" in said and "comes down" not in said
    await close(app, clock)
    assert "Rough night" not in "\n".join(d.message.plain() for d in app.sent)


async def test_leaving_anonymous_after_its_batch_says_the_post_comes_down(app, clock):
    await a_round(app, clock)
    for who in ("ann", "bob", "cy"):
        await answer(app, who, "3", "anonymous", f"{who} words")
    assert "ann words" in "\n".join(d.message.plain() for d in app.sent)
    said = await answer(app, "ann", "3", "private", "ann words")
    assert "Your anonymous post comes down" in said and "never will" not in said


# -- taken back while its batch waits for the clock's tick (`RoundRepository._take_back_batch`) ------------------


def anonymous_words(app, kinds=("thread",)) -> list[str]:
    """The words of every anonymous post that went up (or, with "edit", was changed to), in order."""
    return [d.message.plain().split("\n", 1)[-1] for d in app.sent
            if d.kind in kinds and d.message.plain().startswith("_Someone_")]


async def three_queued_for_the_tick(app, clock):
    """Ann's, Bob's and Cy's anonymous answers: just enough for a batch, queued for the clock's next tick."""
    rnd = await a_round(app, clock)
    clock.advance(timedelta(seconds=37))  # (off the tick: the batch waits for the next one)
    for name in ("ann", "bob", "cy"):
        await answer(app, name, "3", "anonymous", f"{name}'s words")
    queued = await app.store.db.fetchall("SELECT id FROM outbox WHERE kind = 'thread' AND status = 'pending'")
    assert len(queued) == 3 and anonymous_words(app) == []
    return rnd


async def test_made_private_while_its_batch_waits_it_never_goes_up_and_the_rest_wait_for_enough(app, clock):
    from bot.store.rounds import next_tick

    await three_queued_for_the_tick(app, clock)
    told = await answer(app, "ann", "3", "private", "ann's words")
    assert "hadn't gone up yet, so it never will" in told and "comes down" not in told
    clock.set(next_tick(clock.now()) + timedelta(seconds=1))
    await app.outbox.drain_all()
    assert anonymous_words(app) == []  # (Bob's and Cy's alone: fewer than the floor)
    await close(app, clock)  # ...and the round closed with too few to hide them: as they were told, not posted
    assert anonymous_words(app) == []
    assert await app.store.db.fetchall("SELECT id FROM held_posts WHERE response_id IS NOT NULL") == []


async def test_me_delete_while_the_batch_waits_leaves_the_others_waiting_for_enough(app, clock):
    from bot.store.rounds import next_tick

    await three_queued_for_the_tick(app, clock)
    await delete_everything(app, actor("ann"))
    clock.set(next_tick(clock.now()) + timedelta(seconds=1))
    await app.outbox.drain_all()
    assert anonymous_words(app) == []  # (not two alone)
    await answer(app, "dee", "4", "anonymous", "dee's words")
    clock.set(next_tick(clock.now()) + timedelta(seconds=1))
    await app.outbox.drain_all()
    assert sorted(anonymous_words(app)) == ["bob's words", "cy's words", "dee's words"]


async def test_me_delete_while_a_fuller_batch_waits_sends_the_rest_at_its_tick(app, clock):
    from bot.store.rounds import next_tick

    await three_queued_for_the_tick(app, clock)
    await answer(app, "dee", "4", "anonymous", "dee's words")  # (joins the batch waiting for the tick)
    await delete_everything(app, actor("ann"))
    clock.set(next_tick(clock.now()) + timedelta(seconds=1))
    await app.outbox.drain_all()
    assert sorted(anonymous_words(app)) == ["bob's words", "cy's words", "dee's words"]


async def test_an_edit_made_private_while_its_batch_waits_never_shows_its_new_words(app, clock):
    """Her anonymous post is up; she changes its words, and the change waits with two others' for the tick; then
    she makes the answer private. The new words never show; the post that was up comes down later, as told."""
    from bot.store.rounds import next_tick

    await three_queued_for_the_tick(app, clock)
    clock.set(next_tick(clock.now()) + timedelta(seconds=1))
    await app.outbox.drain_all()
    assert len(anonymous_words(app)) == 3
    [hers] = [d for d in app.sent if d.kind == "thread" and d.message.plain().endswith("ann's words")]
    for name in ("ann", "bob", "cy"):
        await answer(app, name, "3", "anonymous", f"{name}'s second thoughts")
    queued = await app.store.db.fetchall("SELECT id FROM outbox WHERE kind = 'edit' AND status = 'pending' "
                                         "AND dedupe_key LIKE 'anon:%'")
    assert len(queued) == 3
    told = await answer(app, "ann", "3", "private", "ann's second thoughts")
    assert "Your anonymous post comes down" in told
    clock.set(next_tick(clock.now()) + timedelta(seconds=1))
    await app.outbox.drain_all()
    await close(app, clock)
    assert "ann's second thoughts" not in anonymous_words(app, ("thread", "edit"))
    assert {"bob's second thoughts", "cy's second thoughts"} <= set(anonymous_words(app, ("edit",)))
    assert ref_of(app, hers) in [d.ref for d in app.sent if d.kind == "delete"]  # (with the close at the latest)


async def test_me_delete_after_the_close_before_the_batch_went_withholds_the_rest_as_the_close_does(app, clock):
    """The round closed while the batch waited to be sent; then she deleted her data. The batch is taken back and
    settled as the close settles what waits: the two left are too few to hide among, so they aren't posted (as
    everyone was told), and nothing is left waiting for a batch that will never come."""
    rnd = await three_queued_for_the_tick(app, clock)
    clock.set(rnd.closes_at + timedelta(seconds=1))
    await RoundScheduler(app).sweep()  # (closed; the outbox not drained yet)
    await delete_everything(app, actor("ann"))
    await app.outbox.drain_all()
    assert anonymous_words(app) == []
    assert await app.store.db.fetchall("SELECT id FROM held_posts WHERE response_id IS NOT NULL") == []
    assert await app.store.db.fetchall(
        "SELECT id FROM outbox WHERE status = 'pending' AND dedupe_key LIKE 'anon:%'") == []


async def test_a_batch_taken_back_after_the_close_and_never_settled_is_settled_on_a_later_tick(app, clock):
    """Should `me delete` stop between its erasure and settling what it took back (a restart), the posts of a
    closed round wait for nothing: the tick's `pooled_removals` job settles them as the close would."""
    from bot.engines.retention import release_pooled_removals
    from bot.store import member_data
    from tests.conftest import COMMUNITY

    rnd = await three_queued_for_the_tick(app, clock)
    clock.set(rnd.closes_at + timedelta(seconds=1))
    await RoundScheduler(app).sweep()
    await member_data.erase(app.store, COMMUNITY, "console:ann", app.now())  # (the erasure alone, not settled)
    stranded = "SELECT id FROM held_posts WHERE response_id IS NOT NULL"
    assert len(await app.store.db.fetchall(stranded)) == 2
    await release_pooled_removals(app)
    await app.outbox.drain_all()
    assert await app.store.db.fetchall(stranded) == [] and anonymous_words(app) == []


# -- told the truth about an anonymous post already up, when its answer changes -----------------------------------


async def test_editing_an_anonymous_post_already_up_says_it_shows_the_new_words_by_the_close(app, clock):
    await a_round(app, clock)
    for name in ("ann", "bob", "cy"):
        await answer(app, name, "3", "anonymous", f"first words of {name}")
    assert len(anonymous_words(app)) == 3  # (up: the batch went)
    said = await answer(app, "ann", "2", "anonymous", "second words of ann")
    assert "already up" in said and "new words" in said and "when the round closes" in said
    assert "If too few come in" not in said and "aren't posted" not in said
    mark = len(app.sent)
    await close(app, clock)  # and so it is: the edit goes at the close, though alone
    assert any(d.kind == "edit" and "second words of ann" in d.message.plain() for d in sent_since(app, mark))


async def test_a_new_mood_alone_on_an_anonymous_post_already_up_says_posts_show_no_mood(app, clock):
    await a_round(app, clock)
    for name in ("ann", "bob", "cy"):
        await answer(app, name, "3", "anonymous", f"words of {name}")
    said = await answer(app, "ann", "1", "anonymous", "words of ann")
    assert "already up, and it never shows a mood" in said and "If too few come in" not in said


async def test_editing_an_anonymous_answer_not_up_yet_still_says_too_few_may_never_go_up(app, clock):
    await a_round(app, clock)
    await answer(app, "ann", "3", "anonymous", "first words of ann")  # (alone: waiting)
    said = await answer(app, "ann", "2", "anonymous", "second words of ann")
    assert "If too few come in together" in said and "already up" not in said


async def test_an_anonymous_answer_is_said_to_be_shared_only_once_it_is_up(app, clock):
    """trial15 §10: "Your answer is shared anonymously" was said at once, and "if too few come in … they aren't
    posted" after it. Waiting for its batch, it is said to be waiting; once up, shared."""
    await a_round(app, clock)
    said = await answer(app, "ann", "3", "anonymous", "words of ann")
    assert "Your answer is waiting to be shared anonymously." in said and "is shared anonymously" not in said
    for name in ("bob", "cy"):
        await answer(app, name, "3", "anonymous", f"words of {name}")
    assert len(anonymous_words(app)) == 3  # (up: the batch went)
    said = await answer(app, "ann", "1", "anonymous", "words of ann")
    assert "Your answer is shared anonymously." in said and "waiting" not in said


def summary_of(app) -> str:
    post_ref = round_post_ref(app)
    return [d for d in app.sent if d.kind == "edit" and d.ref == post_ref][-1].message.plain()


@pytest.mark.parametrize("erased", [0, 1, 2])
async def test_the_closed_rounds_count_says_which_posts_beside_it_are_being_taken_down(app, clock, erased):
    """An outside trial: four anonymous posts up, Dee deleted her data before the close, and the summary said
    "Check-ins: 3" beside four posts for days (hers waits, pooled, to come down with other erasures'). The count
    stays the answers there are, and the summary says truly that the others are being taken down."""
    from bot.store.rounds import next_tick

    await a_round(app, clock)
    names = ("ann", "bob", "cy", "dee", "eve", "fay")  # (two batches of the floor, 3)
    for name in names:
        await answer(app, name, "3", "anonymous", f"{name} words")
    clock.set(next_tick(clock.now()) + timedelta(seconds=1))
    await app.outbox.drain_all()
    assert len([d for d in app.sent if d.kind == "thread" and " words" in d.message.plain()]) == 6  # all up
    for name in names[len(names) - erased:]:
        await run(app, actor(name), "me delete", confirmed="yes")  # (fewer than the floor: pooled at the close)
    await close(app, clock)
    summary = summary_of(app)
    assert f"Check-ins: {6 - erased}" in summary
    if erased == 0:
        assert "taken down" not in summary
    elif erased == 1:
        assert "1 post here is being taken down: its author took their answer back, so it isn't counted." in summary
    else:
        assert "2 posts here are being taken down: their authors took their answers back" in summary
    assert len(await app.store.db.fetchall("SELECT id FROM held_posts WHERE response_id IS NULL")) == erased
