"""A reminder says "there's still time": it must be true when it arrives (a start after downtime, a jump of the
clock, a DM that waited in the outbox), or it is not sent."""

from datetime import datetime, timedelta, timezone

from bot.scheduling.runner import RoundScheduler
from tests.bot.flows.test_checkin_round import create_schedule
from tests.conftest import actor, run, text

OPENS = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)  # open 2h, reminder 30m before: 10:30, closes 11:00


async def opened(app, clock) -> RoundScheduler:
    """Mornings open at 09:00 with Ann in it, wanting reminders; nothing sent yet."""
    await create_schedule(app, actor("mia", moderator=True), remind="30m", open="2h")
    assert "joined" in text(await run(app, actor("ann"), "checkin join", schedule="mornings", reminders="yes"))
    runner = RoundScheduler(app)
    clock.set(OPENS)
    assert (await runner.run_pending())["opened"] == 1
    return runner


def nudges(app) -> list:
    return [d for d in app.sent if d.kind == "dm" and "nudge" in d.message.plain()]


async def test_a_reminder_due_while_hearth_was_down_is_skipped_when_the_round_is_about_to_close(app, clock):
    runner = await opened(app, clock)
    await app.outbox.drain_all()
    clock.set(OPENS + timedelta(hours=1, minutes=59, seconds=30))  # back up 30 seconds before the close
    await runner.sweep()
    await app.outbox.drain_all()
    assert nudges(app) == []
    (rnd,) = await app.store.rounds.list_open()  # still open, its reminder done with
    assert rnd.reminded_at is not None
    clock.set(OPENS + timedelta(hours=2))
    assert (await runner.sweep())["closed"] == 1
    await app.outbox.drain_all()
    assert nudges(app) == []


async def test_a_reminder_late_with_time_still_left_goes_out(app, clock):
    runner = await opened(app, clock)
    clock.set(OPENS + timedelta(hours=1, minutes=50))  # ten minutes late, ten minutes left: true
    await runner.sweep()
    await app.outbox.drain_all()
    assert [d.user for d in nudges(app)] == ["console:ann"]


async def test_a_reminder_or_prompt_that_waited_in_the_outbox_past_its_time_is_not_sent(app, clock):
    runner = await opened(app, clock)
    clock.set(OPENS + timedelta(hours=1, minutes=30))
    await runner.sweep()  # the reminder is queued in time, but the platform is away until the round closes
    clock.set(OPENS + timedelta(hours=2))
    result = await app.outbox.drain_all()
    assert nudges(app) == []
    assert [d for d in app.sent if d.kind == "dm"] == []  # the opening DM too: it said when the round closes
    assert result.skipped == 2
    assert [d.kind for d in app.sent] == ["post"]  # the round's own post still goes up (its summary edits it)


# -- joining while a round is open ------------------------------------------------------


async def test_a_member_who_joins_while_the_round_is_open_gets_its_prompt_by_dm(app, clock):
    await opened(app, clock)
    await app.outbox.drain_all()
    clock.set(OPENS + timedelta(minutes=20))
    replies = await run(app, actor("bob"), "checkin join", schedule="mornings")
    assert "joined" in text(replies) and len(replies) == 1  # (the prompt comes by DM, as theirs did)
    await app.outbox.drain_all()
    (dm,) = [d for d in app.sent if d.kind == "dm" and d.user == "console:bob"]
    assert "has started" in dm.message.plain() and "11:00" in dm.message.plain()
    assert [b.action for b in dm.message.buttons] == ["checkin.mood"] * 5
    # Joining again changes preferences, and sends nothing twice.
    await run(app, actor("bob"), "checkin join", schedule="mornings", reminders="yes")
    await app.outbox.drain_all()
    assert len([d for d in app.sent if d.kind == "dm" and d.user == "console:bob"]) == 1


async def test_a_member_who_joins_without_dms_gets_the_prompt_in_the_reply(app, clock):
    await opened(app, clock)
    clock.set(OPENS + timedelta(minutes=20))
    replies = await run(app, actor("bob"), "checkin join", schedule="mornings", dm="no")
    assert len(replies) == 2 and "has started" in replies[1].plain()
    assert [b.args["for"] for b in replies[1].buttons] == ["console:bob"] * 5  # (theirs alone: `Reply.shown_to`)
    await app.outbox.drain_all()
    assert not [d for d in app.sent if d.kind == "dm" and d.user == "console:bob"]


async def test_no_prompt_for_a_round_about_to_close(app, clock):
    await opened(app, clock)
    clock.set(OPENS + timedelta(hours=1, minutes=59, seconds=30))
    replies = await run(app, actor("bob"), "checkin join", schedule="mornings", dm="no")
    assert len(replies) == 1
    replies = await run(app, actor("cy"), "checkin join", schedule="mornings")
    await app.outbox.drain_all()
    assert len(replies) == 1 and not [d for d in app.sent if d.kind == "dm" and d.user == "console:cy"]


async def test_no_prompt_for_who_answered_already_and_one_when_dms_are_turned_on(app, clock):
    await opened(app, clock)
    clock.set(OPENS + timedelta(minutes=20))
    await run(app, actor("bob"), "checkin answer", mood="4")
    assert len(await run(app, actor("bob"), "checkin join", schedule="mornings", dm="no")) == 1
    assert len(await run(app, actor("cy"), "checkin join", schedule="mornings", dm="no")) == 2  # (its prompt)
    await run(app, actor("cy"), "checkin join", schedule="mornings", dm="yes")
    await app.outbox.drain_all()
    assert len([d for d in app.sent if d.kind == "dm" and d.user == "console:cy"]) == 1
    assert not [d for d in app.sent if d.kind == "dm" and d.user == "console:bob"]
