"""A whole check-in round through the core on a real SQLite file."""

from datetime import datetime, timedelta, timezone

from bot.scheduling.runner import RoundScheduler
from tests.conftest import actor, press, ref_of, run, text


async def create_schedule(app, mod, name="mornings", when="weekdays 09:00", **extra):
    replies = await run(app, mod, "mod schedule create", name=name, channel="general", when=when,
                        timezone="Europe/London", **extra)
    save = replies[0].buttons[0]
    assert save.action == "mod.schedule.save"
    assert "Next three" in replies[0].plain()
    out = await press(app, mod, save.action, save.args)
    assert "Created" in text(out)


async def test_round_opens_is_answered_and_closes_with_summary(app, clock):
    mod = actor("mia", moderator=True)
    await create_schedule(app, mod, remind="30m", open="2h")
    members = [actor(n) for n in ("ann", "bob", "cy", "dee")]
    for m in members:
        assert "joined" in text(await run(app, m, "checkin join", schedule="mornings", reminders="yes"))

    runner = RoundScheduler(app)
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    assert (await runner.run_pending())["opened"] == 1
    assert (await runner.run_pending())["opened"] == 0  # opening twice is a no-op
    await app.outbox.drain_all()
    posts = [d for d in app.sent if d.kind == "post"]
    dms = [d for d in app.sent if d.kind == "dm"]
    assert len(posts) == 1 and posts[0].channel == "console:general"
    assert sorted(d.user for d in dms) == sorted(m.user_id for m in members)

    await run(app, members[0], "checkin answer", mood="4", visibility="shared", words="Good coffee")
    await run(app, members[1], "checkin answer", mood="2", visibility="anonymous", words="Tired")
    await run(app, members[2], "checkin answer", mood="5", visibility="private", words="secret words")
    await app.outbox.drain_all()
    threads = [d for d in app.sent if d.kind == "thread"]
    assert len(threads) == 1  # Ann's, named; Bob's anonymous words wait for others'
    post_ref = ref_of(app, posts[0])  # (the post and the DMs go out together, in any order)
    assert all(t.parent_ref == post_ref for t in threads)
    assert "Ann" in threads[0].message.plain() and "Good coffee" in threads[0].message.plain()
    assert not any("secret words" in d.message.plain() for d in app.sent)

    clock.advance(timedelta(minutes=95))
    await runner.sweep()
    await app.outbox.drain_all()
    reminders = [d for d in app.sent if d.kind == "dm" and "nudge" in d.message.plain()]
    assert [d.user for d in reminders] == [members[3].user_id]

    clock.advance(timedelta(minutes=30))
    await runner.sweep()
    await app.outbox.drain_all()
    edits = [d for d in app.sent if d.kind == "edit"]
    assert len(edits) == 1 and edits[0].ref == post_ref
    # Bob's words were the only anonymous ones: alone, they would be his (`Batching`), so they never go up
    assert [d for d in app.sent if d.kind == "thread"][1:] == []
    assert not any("Tired" in d.message.plain() for d in app.sent)
    summary = edits[0].message.plain()
    assert "3" in summary
    assert "Ann" not in summary
