"""A round stays where it was posted: moving its schedule to another channel sends every later message about
the round and its answers (edits, removals, the close) to the channel the round's post is in.

On Slack `chat.update` and `chat.delete` work only in the message's own channel: addressed to the schedule's
new one, they fail and the old posts stay up (tests/adapters/slack/test_round_channel.py shows it there).
"""

from __future__ import annotations

from datetime import timedelta

from bot.engines.retention import release_pooled_removals
from bot.scheduling.runner import RoundScheduler
from tests.bot.flows.test_schedule_delete import MIA, delete_schedule, open_round
from tests.conftest import actor, press, round_post_ref, run, text

OLD, NEW = "console:general", "console:elsewhere"


async def move_schedule(app) -> None:
    [preview] = await run(app, MIA, "mod schedule edit", name="mornings", channel="elsewhere")
    save = [b for b in preview.buttons if b.action == "mod.schedule.save"][0]
    assert "Saved changes to" in text(await press(app, MIA, save.action, save.args))
    assert (await app.store.schedules.find("console:test", "mornings")).channel_id == NEW


async def answered_then_moved(app, clock) -> int:
    """A round open in #general with a named answer and a batch of three anonymous ones out; then the schedule
    moves to #elsewhere. Returns how many messages had gone by then."""
    await open_round(app, clock)
    await run(app, actor("ann"), "checkin answer", mood="4", visibility="shared", words="Good coffee")
    for name in ("bob", "cy", "dee"):  # the floor (3): the batch goes out at once
        await run(app, actor(name), "checkin answer", mood="2", visibility="anonymous", words="Tired")
    await app.outbox.drain_all()
    assert len([d for d in app.sent if d.kind == "thread"]) == 4
    await move_schedule(app)
    return len(app.sent)


async def test_edits_removals_and_the_close_of_a_round_go_to_the_channel_it_was_posted_in(app, clock):
    before = await answered_then_moved(app, clock)
    assert {d.channel for d in app.sent if d.kind in ("post", "thread")} == {OLD}
    await run(app, actor("ann"), "checkin answer", mood="5", visibility="shared", words="Better coffee")  # edit
    await run(app, actor("bob"), "checkin answer", mood="3", visibility="private")  # his anonymous post goes
    await run(app, actor("cy"), "checkin answer", mood="3", visibility="anonymous", words="Less tired")  # changes
    await run(app, actor("eve"), "checkin answer", mood="3", visibility="shared", words="Hello")  # a new answer
    await app.outbox.drain_all()
    clock.advance(timedelta(hours=3))
    await RoundScheduler(app).sweep()  # the close: the round's post becomes its summary, held changes go
    await app.outbox.drain_all()
    await run(app, actor("ann"), "me delete", confirmed="yes")  # named and anonymous posts, taken down
    await run(app, actor("dee"), "me delete", confirmed="yes")  # by their authors after the close
    clock.advance(timedelta(days=366))  # (an erased anonymous post of a closed round, alone, waits for others'
    await release_pooled_removals(app)  # or for retention to clear its round: `RoundRepository.release_pooled`)
    clock.advance(timedelta(minutes=10))
    await app.outbox.drain_all()
    later = app.sent[before:]
    assert sorted(d.kind for d in later) == ["delete"] * 3 + ["edit"] * 3 + ["thread"]
    assert any(d.kind == "edit" and "Better coffee" in d.message.plain() for d in later)
    assert any(d.kind == "edit" and "Less tired" in d.message.plain() for d in later)
    post_ref = round_post_ref(app, OLD)
    assert any(d.kind == "edit" and d.ref == post_ref for d in later)  # the summary
    assert [d.channel for d in later] == [OLD] * len(later)


async def test_deleting_a_moved_schedule_takes_down_its_posts_where_they_are(app, clock):
    before = await answered_then_moved(app, clock)
    _, done = await delete_schedule(app)
    assert "open round closed early" in done
    await app.outbox.drain_all()
    later = [d for d in app.sent[before:] if d.kind in ("edit", "delete")]
    assert {d.kind for d in later} == {"edit", "delete"}
    assert {d.channel for d in later} == {OLD}


async def test_a_new_round_opens_in_the_schedules_new_channel(app, clock):
    await answered_then_moved(app, clock)
    clock.advance(timedelta(days=1))
    await RoundScheduler(app).run_pending()
    await app.outbox.drain_all()
    posts = [d for d in app.sent if d.kind == "post"]
    assert [p.channel for p in posts] == [OLD, NEW]
    rounds = await app.store.rounds.list_open()
    assert [r.channel_id for r in rounds] == [NEW]
