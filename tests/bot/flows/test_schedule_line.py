"""Every list says what comes next the same, true way (`schedule_line`): a finished pause is over, and a
paused or skipped day is never shown as the next round."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from tests.bot.scheduling.test_runner import make_schedule
from tests.conftest import actor, press, run, text

UTC = timezone.utc
MIA = actor("mia", moderator=True)
ANN = actor("ann")


async def lines(app) -> dict[str, str]:
    """What each list says about "mornings"."""
    def line(replies):
        return next(ln for ln in text(replies).splitlines() if "mornings" in ln)

    return {
        "checkin list": line(await run(app, ANN, "checkin list")),
        "checkin status": line(await run(app, ANN, "checkin status")),
        "mod schedule list": line(await run(app, MIA, "mod schedule list")),
    }


async def test_a_pause_to_a_date_shows_its_last_day_and_the_first_round_after_it(app, clock):
    await make_schedule(app)  # daily 09:00 UTC; the clock says Mon 5 Jan, 08:00
    await run(app, ANN, "checkin join", schedule="mornings")
    await run(app, MIA, "mod schedule pause", name="mornings", until="2026-01-06")
    for where, said in (await lines(app)).items():
        assert "paused up to and including Tue 6 Jan; next: Wed 7 Jan, 09:00 (UTC)" in said, where


async def test_a_pause_that_has_ended_is_not_shown_as_paused(app, clock):
    await make_schedule(app)
    await run(app, ANN, "checkin join", schedule="mornings")
    await run(app, MIA, "mod schedule pause", name="mornings", until="2026-01-06")
    clock.set(datetime(2026, 1, 8, 8, 0, tzinfo=UTC))
    for where, said in (await lines(app)).items():
        assert "paused" not in said and "next: Thu 8 Jan, 09:00 (UTC)" in said, where
    assert "isn't paused" in text(await run(app, MIA, "mod schedule resume", name="mornings"))


async def test_a_skipped_day_is_not_the_next_round(app, clock):
    await make_schedule(app)
    await run(app, ANN, "checkin join", schedule="mornings")
    await run(app, MIA, "mod schedule skip", name="mornings", date="2026-01-05")
    for where, said in (await lines(app)).items():
        assert "next: Tue 6 Jan, 09:00 (UTC)" in said, where


async def test_a_pause_until_resumed_says_so_and_names_no_next_round(app, clock):
    await make_schedule(app)
    await run(app, ANN, "checkin join", schedule="mornings")
    await run(app, MIA, "mod schedule pause", name="mornings")
    for where, said in (await lines(app)).items():
        assert "paused until a moderator resumes it" in said and "next" not in said, where
    assert "running again" in text(await run(app, MIA, "mod schedule resume", name="mornings"))


async def test_the_next_round_is_in_the_readers_own_time(app, clock):
    await make_schedule(app, tz="Asia/Tokyo")
    await run(app, ANN, "me timezone", timezone="Europe/Berlin")
    await run(app, ANN, "checkin join", schedule="mornings")
    said = (await lines(app))["checkin status"]
    assert "next: Tue 6 Jan, 01:00 (Europe/Berlin)" in said  # 09:00 in Tokyo


async def test_pausing_says_when_the_next_round_is(app, clock):
    await make_schedule(app)
    said = text(await run(app, MIA, "mod schedule pause", name="mornings", until="2026-01-06"))
    assert said == "mornings is now paused up to and including Tue 6 Jan; next: Wed 7 Jan, 09:00 (UTC)."
    said = text(await run(app, MIA, "mod schedule pause", name="mornings"))
    assert said == "mornings is now paused until a moderator resumes it."  # (once: not "Paused …: paused …")


async def test_skipping_a_day_without_a_round_is_refused_and_a_real_skip_says_so(app, clock):
    """A weekday check-in has no round on Saturday: skipping it changes nothing, so the reply must not sound
    like a done deed, and the audit log must not record one. The day is the schedule's own (Mon 5 Jan 19:00 in
    New York is already Tuesday in UTC)."""
    await make_schedule(app, when="weekdays 19:00", tz="America/New_York")  # the clock says Mon 5 Jan, 08:00 UTC
    await run(app, ANN, "checkin join", schedule="mornings")
    said = text(await run(app, MIA, "mod schedule skip", name="mornings", date="2026-01-10"))
    assert "has no round on Saturday 10 January" in said and "nothing to skip" in said, said
    schedule = await app.store.schedules.find("console:test", "mornings")
    assert not (await app.store.schedules.skips_of([schedule.id]))[schedule.id]
    assert "skipped" not in text(await run(app, MIA, "mod audit"))
    said = text(await run(app, MIA, "mod schedule skip", name="mornings", date="2026-01-05"))
    assert "Skipped" in said and "Monday 5 January" in said, said
    assert "skipped a day" in text(await run(app, MIA, "mod audit"))
    for where, line in (await lines(app)).items():
        assert "next: Wed 7 Jan, 00:00 (UTC)" in line, (where, line)


async def test_a_skipped_day_names_the_check_ins_zone_when_it_isnt_the_moderators(app, clock):
    """Trial 23: a check-in at 09:00 in Kiritimati is "next: Mon 5 Jan, 19:00 (UTC)" to a moderator in UTC; skipping
    its Tuesday said "Skipped: … no round on Tuesday 6 January", which reads as the wrong day to them. The day is
    the check-in's, named with its zone (`zoned_day`), as a pause's already is; in the moderator's own zone, not."""
    await make_schedule(app, when="daily 09:00", tz="Pacific/Kiritimati")
    said = text(await run(app, MIA, "mod schedule skip", name="mornings", date="2026-01-06"))
    assert "no round on Tuesday 6 January (Pacific/Kiritimati)" in said, said
    said = text(await run(app, MIA, "mod schedule skip", name="mornings", date="2026-01-06"))
    assert "already has no round on Tuesday 6 January (Pacific/Kiritimati)" in said, said
    await run(app, MIA, "me timezone", timezone="Pacific/Kiritimati")
    said = text(await run(app, MIA, "mod schedule skip", name="mornings", date="2026-01-07"))
    assert "no round on Wednesday 7 January." in said, said


@pytest.mark.parametrize("said", ["until 2026-01-09", "Until 9 jan", "till jan 9"])
async def test_pause_understands_until_as_people_say_it(app, said):
    """`mod schedule pause mornings until 2026-12-09` was refused: "couldn't read 'until 2026-12-09' as a date"."""
    mod = actor("mia", moderator=True)
    [preview] = await run(app, mod, "mod schedule create", name="mornings", channel="general", when="daily 09:00",
                          timezone="UTC")
    await press(app, mod, preview.buttons[0].action, preview.buttons[0].args)
    [paused] = await run(app, mod, "mod schedule pause", name="mornings", until=said)
    assert not paused.error and "is now paused" in paused.plain() and "9 Jan" in paused.plain()


def _next_three(replies) -> list[str]:
    line = next(ln for ln in text(replies).splitlines() if "Next three" in ln)
    return line.split(": ", 1)[1].split("; ")


@pytest.mark.parametrize("edit", [{"when": "daily 11:00"}, {"open": "1h"}, {"timezone": "Asia/Kolkata"}])
async def test_an_edit_preview_lists_the_rounds_that_really_open_past_a_pause_and_a_skipped_day(app, clock, edit):
    """An outside trial: paused through Tue 6 Jan with Thu 8 Jan skipped, `mod schedule edit` previewed "Next three"
    from the rule alone (Mon 5, Tue 6, Wed 7), while every list after said the next round was later. The preview
    and the lists use one answer (`next_rounds`), and the preview says the pause and the skip still hold."""
    await make_schedule(app)  # daily 09:00 UTC; the clock says Mon 5 Jan, 08:00
    await run(app, ANN, "checkin join", schedule="mornings")
    await run(app, MIA, "mod schedule skip", name="mornings", date="2026-01-08")
    await run(app, MIA, "mod schedule pause", name="mornings", until="2026-01-06")
    [preview] = await run(app, MIA, "mod schedule edit", name="mornings", **edit)
    said = preview.plain()
    assert "Still paused up to and including Tue 6 Jan" in said and "Still skipped: Thu 8 Jan" in said, said
    three = _next_three([preview])
    assert not any(day in " ".join(three) for day in ("Mon 5 Jan", "Tue 6 Jan", "Thu 8 Jan")), three
    assert len(three) == 3
    await press(app, MIA, "mod.schedule.save", preview.buttons[0].args)
    for where, line in (await lines(app)).items():
        assert f"next: {three[0]}" in line, (where, line, three)


async def test_a_preview_of_a_check_in_paused_until_resumed_promises_no_round(app, clock):
    await make_schedule(app)
    await run(app, MIA, "mod schedule pause", name="mornings")
    said = text(await run(app, MIA, "mod schedule edit", name="mornings", when="daily 11:00"))
    assert "Still paused until a moderator resumes it" in said and "Next three" not in said, said


async def test_a_create_preview_lists_the_same_next_rounds_as_the_list_after(app, clock):
    [preview] = await run(app, MIA, "mod schedule create", name="mornings", channel="general", when="daily 09:00",
                          timezone="UTC")
    three = _next_three([preview])
    assert three[0] == "Mon 5 Jan, 09:00 (UTC)" and "Still" not in preview.plain()
    await press(app, MIA, "mod.schedule.save", preview.buttons[0].args)
    await run(app, ANN, "checkin join", schedule="mornings")
    for where, line in (await lines(app)).items():
        assert f"next: {three[0]}" in line, (where, line)


async def test_a_pauses_last_day_names_the_check_ins_zone_for_a_reader_in_another(app, clock):
    """An outside trial: a Berlin check-in paused through Sat 27 Mar, read in New York, said "paused up to and
    including Sat 27 Mar; next: Sat 27 Mar, 20:30 (America/New_York)": the day was Berlin's, the time New York's,
    and only the time said so. Here: Sun 11 Jan 01:30 in Berlin is Sat 10 Jan, 19:30 in New York."""
    await make_schedule(app, when="sundays 01:30", tz="Europe/Berlin")
    await run(app, ANN, "me timezone", timezone="America/New_York")
    await run(app, ANN, "checkin join", schedule="mornings")
    await run(app, MIA, "me timezone", timezone="Europe/Berlin")
    await run(app, MIA, "mod schedule pause", name="mornings", until="2026-01-10")
    said = (await lines(app))
    assert ("paused up to and including Sat 10 Jan (Europe/Berlin); next: Sat 10 Jan, 19:30 (America/New_York)"
            in said["checkin status"]), said
    assert "paused up to and including Sat 10 Jan; next: Sun 11 Jan, 01:30 (Europe/Berlin)" in said[
        "mod schedule list"], said  # (the moderator's zone is the check-in's: the time beside the day names it)
    await run(app, MIA, "me timezone", timezone="UTC")
    assert "until Sat 10 Jan (Europe/Berlin)" in text(await run(app, MIA, "mod audit"))
    await run(app, MIA, "mod schedule skip", name="mornings", date="2026-01-18")
    assert "on Sun 18 Jan (Europe/Berlin)" in text(await run(app, MIA, "mod audit"))
    preview = text(await run(app, MIA, "mod schedule edit", name="mornings", open="1h"))
    assert "Still paused up to and including Sat 10 Jan (Europe/Berlin)" in preview, preview
    assert "Still skipped: Sun 18 Jan (Europe/Berlin)" in preview, preview
