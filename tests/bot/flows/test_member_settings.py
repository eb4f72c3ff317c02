"""A member's own settings (`bot.flows.member_settings`): what they are told is what will happen."""

from __future__ import annotations

from datetime import timedelta

from bot.flows.care_team import FOLLOW_UP
from bot.scheduling.runner import RoundScheduler
from tests.conftest import actor, press, run, text

CRISIS = "I want to kill myself"


async def ask_for_a_follow_up(app, who) -> None:
    replies = await run(app, who, "note", text=CRISIS)
    (button,) = [b for r in replies for b in r.buttons if b.action == FOLLOW_UP]
    await press(app, who, FOLLOW_UP, dict(button.args))


async def test_snooze_names_the_follow_up_the_member_asked_for_which_still_comes(app, clock):
    """Trial 20 B1: "I'll just be quiet" while the check-in asked for after a hard moment came the next day."""
    ann = actor("ann")
    await ask_for_a_follow_up(app, ann)
    said = text(await run(app, ann, "me snooze", until="2026-01-20"))
    assert "I'll just be quiet" in said
    assert ("One thing still comes: the private check-in you asked me for after a hard moment, on Tuesday 6 January"
            in said)
    clock.advance(timedelta(days=1, minutes=1))
    await RoundScheduler(app).run_job("care.follow_ups")
    await app.outbox.drain_all()
    assert [d.user for d in app.sent if d.kind == "dm"] == [ann.user_id]  # (it did come, as said)


async def test_snooze_names_no_exception_when_nothing_was_asked_for_or_it_comes_after(app, clock):
    ann = actor("ann")
    assert "One thing still comes" not in text(await run(app, ann, "me snooze", until="2026-01-20"))
    await ask_for_a_follow_up(app, ann)
    assert "One thing still comes" not in text(await run(app, ann, "me snooze", until="2026-01-05"))


async def test_checkin_status_says_the_same_exception_while_snoozed(app, clock):
    ann = actor("ann")
    await ask_for_a_follow_up(app, ann)
    await run(app, ann, "me snooze", until="2026-01-20")
    shown = text(await run(app, ann, "checkin status"))
    assert "DMs and reminders are snoozed until" in shown
    assert "One thing still comes: the private check-in you asked me for after a hard moment" in shown


# -- `me timezone auto`: a way back from a timezone of one's own, short of `me delete` -----------------------------


async def test_me_timezone_auto_goes_back_to_the_communitys_zone_and_says_which(app):
    import dataclasses

    from tests.conftest import typed

    ann, mia = actor("ann"), actor("mia", moderator=True)
    await run(app, mia, "mod settings", key="default_timezone", value="America/Chicago")
    said = text(await run(app, ann, "me timezone", timezone="auto"))
    assert said.startswith("You hadn't set a timezone of your own, so nothing changed: I show you times in "
                           "America/Chicago"), said
    await run(app, ann, "me timezone", timezone="Asia/Tokyo")
    assert (await app.timezone_of(ann)).key == "Asia/Tokyo"
    said = text(await typed(app, ann, "me timezone reset"))
    assert said.startswith("Done: you have no timezone of your own now, so I use the community's, "
                           "America/Chicago."), said
    assert (await app.timezone_of(ann)).key == "America/Chicago"
    # Where the app gives one (Slack's), that one is what follows, and the reply says so.
    slack_ann = dataclasses.replace(ann, timezone="Europe/Lisbon")
    await run(app, slack_ann, "me timezone", timezone="Asia/Tokyo")
    said = text(await run(app, slack_ann, "me timezone", timezone="Default"))
    assert said.startswith("Done: you have no timezone of your own now, so I use your app's, Europe/Lisbon."), said


async def test_help_says_how_to_stop_using_a_timezone_of_ones_own(app):
    from tests.conftest import typed

    assert "auto to stop using one of your own" in text(await typed(app, actor("ann"), "help me timezone"))
