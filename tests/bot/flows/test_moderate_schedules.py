"""A schedule's settings are checked together: rounds of one check-in never overlap, and a refusal names its field."""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.flows.moderate_schedules import shortest_gap
from tests.conftest import actor, press, run, text

MOD = actor("mia", moderator=True)
BASE = {"name": "mornings", "channel": "general", "when": "daily 09:00", "timezone": "UTC"}


@pytest.mark.parametrize("settings, field", [
    ({"open": "30h"}, "open"),
    ({"when": "weekdays 09:00", "open": "25h"}, "open"),  # Monday to Tuesday is a day, though Friday to Monday is 3
    ({"when": "*/30 * * * *"}, "when"),  # the default two hours outlast a half-hourly schedule
    ({"when": "daily 09:00", "timezone": "Europe/Berlin", "open": "23h30m"}, "open"),  # a spring-forward day is 23h
])
async def test_an_open_window_longer_than_the_gap_between_rounds_is_refused(app, settings, field):
    [reply] = await run(app, MOD, "mod schedule create", **(BASE | settings))
    assert reply.error and reply.field == field
    assert "Rounds would overlap" in reply.plain()
    assert await app.store.schedules.list_all("console:test") == []


async def test_an_open_window_up_to_the_gap_is_fine(app):
    [reply] = await run(app, MOD, "mod schedule create", **(BASE | {"open": "24h", "remind": "30m"}))
    assert not reply.error and "Next three" in reply.plain()


async def test_editing_or_a_forged_save_cannot_make_rounds_overlap(app):
    [preview] = await run(app, MOD, "mod schedule create", **(BASE | {"open": "2h"}))
    await press(app, MOD, "mod.schedule.save", preview.buttons[0].args)
    [refused] = await run(app, MOD, "mod schedule edit", name="mornings", open="30h")
    assert refused.error and refused.field == "open"
    [refused] = await run(app, MOD, "mod schedule edit", name="mornings", when="hourly")
    assert refused.error and refused.field == "when", refused.plain()
    schedule = (await app.store.schedules.list_all("console:test"))[0]
    forged = await press(app, MOD, "mod.schedule.save", {"schedule_id": str(schedule.id), "open": "30h"})
    assert forged[0].error and (await app.store.schedules.list_all("console:test"))[0].open_minutes == 120


def test_the_shortest_gap_sees_weekends_and_daylight_saving():
    now = datetime(2026, 1, 5, 8, 0, tzinfo=timezone.utc)
    assert shortest_gap("0 9 * * 1-5", ZoneInfo("UTC"), now, 0) == 24 * 60
    assert shortest_gap("0 9 * * *", ZoneInfo("Europe/Berlin"), now, 0) == 23 * 60
    assert shortest_gap("0 9 * * 1", ZoneInfo("UTC"), now, 0) == 7 * 24 * 60


@pytest.mark.parametrize("settings, field", [
    ({"when": "wekdays 9"}, "when"),
    ({"timezone": "Mars/Olympus"}, "timezone"),
    ({"open": "forever"}, "open"),
    ({"remind": "soon"}, "remind"),
    ({"open": "1h", "remind": "2h"}, "remind"),
])
async def test_each_refusal_names_the_field_it_is_about(app, settings, field):
    [reply] = await run(app, MOD, "mod schedule create", **(BASE | settings))
    assert reply.error and reply.field == field, text([reply])


@pytest.mark.parametrize("twin", ["mornings\u200b", "\u200emornings", "mor\u2060nings", "mornings  "])
async def test_a_name_that_only_looks_new_is_the_same_name(app, twin):
    """Invisible characters made a second "mornings" that nobody could tell from the first."""
    [preview] = await run(app, MOD, "mod schedule create", **BASE)
    await press(app, MOD, "mod.schedule.save", preview.buttons[0].args)
    [refused] = await run(app, MOD, "mod schedule create", **(BASE | {"name": twin}))
    assert refused.error and refused.field == "name" and "already a check-in called" in refused.plain()
    [shown] = await run(app, MOD, "mod schedule edit", name=twin, open="3h")
    assert not shown.error  # and the name finds the one that is there


async def test_a_name_of_nothing_visible_is_refused(app):
    [refused] = await run(app, MOD, "mod schedule create", **(BASE | {"name": "\u200b\u200b\u2060"}))
    assert refused.error and refused.field == "name" and "people can see" in refused.plain()
    assert await app.store.schedules.list_all("console:test") == []
