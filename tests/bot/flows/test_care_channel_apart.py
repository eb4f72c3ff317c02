"""Care notes (they name members who may need support) never go where a check-in posts its rounds, whichever is
set first (the fourth trial, 11): one rule (`bot.channels.care_kept_apart`), for settings and schedules alike."""

from __future__ import annotations

from tests.bot.scheduling.test_runner import make_schedule
from tests.conftest import actor, press, run, text, typed

MIA = actor("mia", moderator=True)


async def alert_channel(app):
    return (await app.store.communities.get("console:test")).settings.alert_channel


async def test_the_alert_channel_cant_be_a_check_ins_channel(app, clock):
    await make_schedule(app, name="mornings")  # posts in #general
    said = text(await typed(app, MIA, "mod settings alert_channel general"))
    assert "where the check-in “mornings” posts its rounds" in said and "didn't change anything" in said, said
    assert await alert_channel(app) is None
    said = text(await typed(app, MIA, "mod settings alert_channel #care-team"))
    assert "Saved: alert_channel is now" in said and await alert_channel(app) == "console:care-team"


async def test_a_check_in_cant_post_where_care_notes_go(app, clock):
    await typed(app, MIA, "mod settings alert_channel #care-team")
    said = text(await typed(app, MIA, "mod schedule create evenings #care-team daily 18:00"))
    assert "is where care notes go" in said and "Save" not in said, said
    await make_schedule(app, name="mornings")
    said = text(await run(app, MIA, "mod schedule edit", name="mornings", channel="care-team"))
    assert "is where care notes go" in said, said
    # a preview saved after the alert channel moved there (the form's Save, a stale preview): refused as well
    preview = await run(app, MIA, "mod schedule edit", name="mornings", channel="quiet")
    await typed(app, MIA, "mod settings alert_channel #quiet")
    assert "is where care notes go" in text(await press(app, MIA, "mod.schedule.save", preview[0].buttons[0].args))
    assert (await app.store.schedules.find("console:test", "mornings")).channel_id == "console:general"


async def test_other_channels_stay_free(app, clock):
    await typed(app, MIA, "mod settings alert_channel #care-team")
    s = await make_schedule(app, name="mornings")
    assert s.channel_id == "console:general"
    edited = await run(app, MIA, "mod schedule edit", name="mornings", when="daily 10:00")  # (its channel unnamed)
    assert "Save" in [b.label for b in edited[0].buttons]
