"""One rule for times: a private message shows the member's own time, named; a channel post leaves it to the
platform, so each reader sees their own (`bot.events.When`)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bot.events import Reply, Rich, When, reply_from_json, reply_to_json
from bot.scheduling.runner import RoundScheduler
from tests.bot.scheduling.test_runner import make_schedule
from tests.conftest import actor, run, text

UTC = timezone.utc
OPENS = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
CLOSES = OPENS + timedelta(hours=2)


def times_in(reply: Reply) -> list[When]:
    return [p for p in reply.body.parts if isinstance(p, When)]


async def open_round(app, clock):
    clock.set(OPENS)
    assert (await RoundScheduler(app).run_pending())["opened"] == 1
    await app.outbox.drain_all()


async def test_a_round_post_leaves_the_time_to_each_reader_and_a_dm_speaks_the_members_own(app, clock):
    mia = actor("mia", moderator=True)
    await run(app, mia, "mod settings", key="default_timezone", value="Europe/Lisbon")
    ann, bob = actor("ann"), actor("bob")
    await run(app, ann, "me timezone", timezone="America/New_York")
    await make_schedule(app, tz="Asia/Tokyo", when="daily 18:00", remind="30m")
    for who in (ann, bob):
        await run(app, who, "checkin join", schedule="mornings", reminders="yes")
    await open_round(app, clock)

    (post,) = [d for d in app.sent if d.kind == "post"]
    assert times_in(post.message) == [When(CLOSES, "Asia/Tokyo", "time", personal=False)]
    dms = {d.user: d.message for d in app.sent if d.kind == "dm"}
    assert times_in(dms[ann.user_id]) == [When(CLOSES, "America/New_York", "time", personal=True)]
    assert "at 06:00 (America/New_York)" in dms[ann.user_id].plain()
    # Bob chose no zone: his DM speaks the community's, as `checkin status` does, not the schedule's.
    assert times_in(dms[bob.user_id]) == [When(CLOSES, "Europe/Lisbon", "time", personal=True)]
    assert "(Europe/Lisbon)" in text(await run(app, bob, "checkin status"))

    clock.advance(timedelta(minutes=90))
    await RoundScheduler(app).sweep()
    await app.outbox.drain_all()
    reminders = {d.user: d.message for d in app.sent if d.kind == "dm" and "nudge" in d.message.plain()}
    assert times_in(reminders[ann.user_id]) == [When(CLOSES, "America/New_York", "time", personal=True)]
    assert times_in(reminders[bob.user_id]) == [When(CLOSES, "Europe/Lisbon", "time", personal=True)]


async def test_status_and_the_dm_agree_on_the_members_time(app, clock):
    ann = actor("ann")
    await run(app, ann, "me timezone", timezone="Australia/Sydney")
    await make_schedule(app, tz="Asia/Tokyo", when="daily 18:00")
    await run(app, ann, "checkin join", schedule="mornings")
    clock.set(OPENS)
    await RoundScheduler(app).run_pending()
    await app.outbox.drain_all()
    (dm,) = [d for d in app.sent if d.kind == "dm"]
    status = (await run(app, ann, "checkin status"))[0]
    assert {w.zone for w in times_in(dm.message)} == {w.zone for w in times_in(status)} == {"Australia/Sydney"}
    assert all(w.personal for w in times_in(status))
    assert "Mon 5 Jan, 22:00 (Australia/Sydney)" in status.plain()  # the next round, in her time


async def test_a_preview_shows_the_next_rounds_in_the_moderators_own_time(app, clock):
    mia = actor("mia", moderator=True)
    await run(app, mia, "me timezone", timezone="Europe/Berlin")
    preview = (await run(app, mia, "mod schedule create", name="evenings", channel="general",
                         when="daily 09:00", timezone="America/New_York"))[0]
    assert "09:00 (America/New_York)" not in preview.plain().split("Next three")[1]
    assert "Mon 5 Jan, 15:00 (Europe/Berlin)" in preview.plain()
    assert all(w.personal and w.zone == "Europe/Berlin" for w in times_in(preview))


def test_a_time_survives_the_outbox():
    when = When(CLOSES, "Asia/Tokyo", "time")
    back = reply_from_json(reply_to_json(Reply(body=Rich(("Closes at ", when)))))
    assert back.body.parts == ("Closes at ", when)
    assert back.body.plain() == "Closes at 20:00 (Asia/Tokyo)"


def test_a_time_reads_in_english_whatever_the_locale_and_names_its_zone():
    assert When(OPENS, "Europe/Berlin").text() == "Mon 5 Jan, 10:00 (Europe/Berlin)"
    assert When(OPENS, "no/such-zone").text() == "Mon 5 Jan, 09:00 (UTC)"
