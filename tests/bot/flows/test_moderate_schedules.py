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


def _follow(said: str, field: str | None, settings: dict[str, str]) -> dict[str, str] | None:
    """The settings with what a refusal suggested put in, as a moderator would; None if it suggested nothing."""
    import re

    if m := re.search(r"like open=(\S+?)(?: remind=(\S+?))?\.", said):
        return settings | {"open": m[1]} | ({"remind": m[2]} if m[2] else {})
    if m := re.search(r"Try a shorter `remind`, like (\S+?)\.", said):
        return settings | {"remind": m[1]}
    if "use `remind=0`" in said:
        return settings | {"remind": "0"}
    if m := re.search(r"Choose a time that runs less often, like `([^`]+)`", said):
        return settings | {"when": m[1]}
    if (m := re.search(r"Try “([^”]+)”", said)) and field in ("open", "remind"):
        return settings | {field: m[1]}
    return None


@pytest.mark.parametrize("settings", [
    {"when": "* * * * *"},  # no round fits between two: the time is what to change
    {"when": "* * * * *", "open": "1m"},
    {"when": "*/2 * * * *", "open": "10m"},
    {"when": "*/10 * * * *"},  # 10m fits, but the usual 30m reminder doesn't: both are offered
    {"when": "*/30 * * * *", "open": "3m"},
    {"when": "0 * * * *", "open": "3h"},
    {"when": "daily 09:00", "open": "5m"},  # the usual reminder is longer than the round
    {"when": "daily 09:00", "open": "6m", "remind": "15m"},
    {"when": "daily 09:00", "open": "1h", "remind": "2h"},
    {"when": "daily 09:00", "open": "30h"},
    {"when": "weekdays 09:00", "open": "8d"},
])
async def test_every_value_a_refusal_suggests_is_taken(app, settings):
    """A refusal that says "like open=1m" must name a value that passes every check, or say what else to change."""
    settings = dict(settings)
    for _step in range(4):
        [reply] = await run(app, MOD, "mod schedule create", **(BASE | settings))
        if not reply.error:
            assert "Next three" in reply.plain()
            return
        followed = _follow(reply.plain(), reply.field, settings)
        assert followed is not None and followed != settings, reply.plain()
        settings = followed
    raise AssertionError(f"still refused after following every suggestion: {reply.plain()}")


async def test_a_reminder_the_moderator_never_typed_is_never_blamed_on_them(app):
    """A reminder that doesn't fit comes from this Hearth's usual one or the check-in's own: the refusal says whose,
    not "The reminder … must", as if the moderator had typed it."""
    app.config = app.config.with_values(checkins__default_remind_minutes=45)
    [reply] = await run(app, MOD, "mod schedule create", **(BASE | {"open": "30m"}))
    said = reply.plain()
    assert reply.error and reply.field == "open" and said.startswith("The usual reminder here (45 min"), said
    [reply] = await run(app, MOD, "mod schedule create", **(BASE | {"open": "30m", "remind": "45m"}))
    assert reply.error and reply.field == "remind" and reply.plain().startswith("The reminder (45 min"), reply.plain()
    [preview] = await run(app, MOD, "mod schedule create", **(BASE | {"open": "2h"}))
    await press(app, MOD, "mod.schedule.save", preview.buttons[0].args)
    [reply] = await run(app, MOD, "mod schedule edit", name=BASE["name"], open="30m")
    assert reply.error and reply.plain().startswith("This check-in's reminder (45 min"), reply.plain()


async def test_saving_an_edit_says_only_what_is_true_of_an_edit(app):
    """"Members can join with checkin join" is a new check-in's news: an edit's reply says it was saved."""
    [preview] = await run(app, MOD, "mod schedule create", **BASE)
    created = text(await press(app, MOD, "mod.schedule.save", preview.buttons[0].args))
    assert created == "Created mornings. Members can join with checkin join."
    [preview] = await run(app, MOD, "mod schedule edit", name="mornings", channel="elsewhere")
    saved = text(await press(app, MOD, "mod.schedule.save", preview.buttons[0].args))
    assert saved == "Saved changes to mornings."


async def test_a_name_with_a_mention_is_said_in_the_preview(app):
    """Trial 20 D3: a check-in called "@everyone" reads oddly in every post; its preview says so (Save confirms)."""
    [preview] = await run(app, MOD, "mod schedule create", **(BASE | {"name": "@everyone"}))
    assert "⚠️ It holds “@everyone”, which members see as plain words" in preview.plain()
    [plain] = await run(app, MOD, "mod schedule create", **BASE)
    assert "⚠️" not in plain.plain()


async def test_a_check_in_is_never_renamed_to_anothers_name_in_any_case(app):
    """trial22: `mod schedule edit circle rename=other` previewed fine and its Save failed ("something went
    wrong"); `rename=OTHER` was saved, and `checkin join other` then joined the wrong one. Its own name in
    another case is still a rename, and a name taken after the preview is refused at Save."""
    for name in ("circle", "other"):
        [preview] = await run(app, MOD, "mod schedule create", **(BASE | {"name": name}))
        await press(app, MOD, "mod.schedule.save", preview.buttons[0].args)
    for taken in ("other", "OTHER"):
        [refused] = await run(app, MOD, "mod schedule edit", name="circle", rename=taken)
        assert refused.error and refused.field == "rename" and "already a check-in called" in refused.plain()
    [preview] = await run(app, MOD, "mod schedule edit", name="circle", rename="Circle")
    assert not preview.error
    [late] = await run(app, MOD, "mod schedule edit", name="circle", rename="later")
    [preview] = await run(app, MOD, "mod schedule create", **(BASE | {"name": "later"}))
    await press(app, MOD, "mod.schedule.save", preview.buttons[0].args)
    [refused] = await press(app, MOD, "mod.schedule.save", late.buttons[0].args)
    assert refused.error and "already a check-in called" in refused.plain()
    names = sorted(s.name for s in await app.store.schedules.list_all("console:test"))
    assert names == ["circle", "later", "other"]
