"""Crisis care: a private answer with resources; moderators hear who and where, never what."""

from __future__ import annotations

import io
from datetime import timedelta

from bot.cli import main
from tests.bot.flows.test_checkins import open_round
from tests.conftest import actor, run, text

CRISIS = "honestly I don't want to be alive anymore"


async def test_crisis_words_get_resources_privately_and_the_answer_is_kept_as_chosen(app, clock):
    rnd = await open_round(app, clock)
    replies = await run(app, actor("ann"), "checkin answer", mood="1", visibility="private", words=CRISIS)
    assert all(r.visibility == "actor" for r in replies)
    first = replies[0].plain()
    assert "Find A Helpline" in first and "not a therapist or an emergency service" in first
    saved = await app.store.response_of(rnd.id, "console:ann")
    assert saved.visibility == "private" and saved.text == CRISIS
    await app.outbox.drain_all()
    assert not any(CRISIS in d.message.plain() for d in app.sent)


async def test_moderators_hear_who_and_where_once_per_period_never_what(app, clock):
    mia = actor("mia", moderator=True)
    await run(app, mia, "mod settings", key="alert_channel", value="#mods")
    await open_round(app, clock)
    ann = actor("ann")
    await run(app, ann, "checkin answer", mood="1", visibility="anonymous", words=CRISIS)
    await run(app, ann, "reflect")
    await run(app, ann, "note", text="I keep thinking about ending my life")
    await app.outbox.drain_all()
    alerts = [d for d in app.sent if d.channel == "console:mods"]
    assert len(alerts) == 1
    note = alerts[0].message.plain()
    assert "Ann" in note and "check-in" in note
    assert CRISIS not in note and "ending" not in note
    clock.advance(timedelta(hours=25))
    await run(app, ann, "note", text="I keep thinking about ending my life")
    await app.outbox.drain_all()
    assert len([d for d in app.sent if d.channel == "console:mods"]) == 2


async def test_hyperbole_gets_no_crisis_reply(app, clock):
    await open_round(app, clock)
    replies = await run(app, actor("ann"), "checkin answer", mood="2", visibility="shared",
                        words="this deadline is killing me")
    assert "Helpline" not in text(replies)


async def test_support_any_time_and_by_region(app):
    ann = actor("ann")
    assert "Find A Helpline" in text(await run(app, ann, "support"))
    assert "116 123" in text(await run(app, ann, "support", region="gb"))
    assert "Thanks" in text(await run(app, ann, "me region", region="au"))
    assert "13 11 14" in text(await run(app, ann, "support"))
    assert "don't know the region" in text(await run(app, ann, "me region", region="atlantis"))


async def test_low_mood_word_only_for_those_who_opted_in_once_per_run(app, clock):
    from tests.bot.scheduling.test_runner import make_schedule
    from bot.scheduling.runner import RoundScheduler
    from datetime import datetime, timezone

    await make_schedule(app)
    ann, bob = actor("ann"), actor("bob")
    await run(app, ann, "me lowmood", on="yes")
    runner = RoundScheduler(app)
    said = []
    for day in range(5, 10):
        clock.set(datetime(2026, 1, day, 9, 0, tzinfo=timezone.utc))
        await runner.run_pending()
        said.append("sounded hard" in text(await run(app, ann, "checkin answer", mood="1")))
        assert "sounded hard" not in text(await run(app, bob, "checkin answer", mood="1"))
        clock.advance(timedelta(hours=3))
        await runner.sweep()
    assert said == [False, False, True, False, False]


def test_hearth_screen_reads_lines(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("I want to kill myself\nthis meeting is killing me\n"))
    assert main(["screen"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["crisis\tI want to kill myself", "ok\tthis meeting is killing me"]
