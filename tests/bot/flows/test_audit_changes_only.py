"""The audit log holds what moderators changed: an action that changes nothing (a repeat, a value it already has)
says so and logs nothing. An outside trial: `mod moderators add ann` replied "ann was already a moderator" and
logged "added as a moderator: ann" each time; a day skipped twice said "Skipped" twice and logged two skips."""

from __future__ import annotations

from tests.bot.scheduling.test_runner import make_schedule
from tests.conftest import actor, press, run, text

MIA = actor("mia", moderator=True)


async def entries(app) -> list[tuple[str, str]]:
    return [(r["action"], r["detail"]) for r in await app.store.communities.audit_log("console:test", 200)]


async def twice(app, command: str, **args: str) -> tuple[str, str, int]:
    """Run a command twice: what each said, and how many entries the second added."""
    first = text(await run(app, MIA, command, **args))
    before = len(await entries(app))
    second = text(await run(app, MIA, command, **args))
    return first, second, len(await entries(app)) - before


async def test_adding_a_moderator_twice_logs_one_addition(app):
    first, second, added = await twice(app, "mod moderators add", who="console:ann")
    assert "Added" in first and "already a moderator" in second and added == 0


async def test_skipping_a_day_twice_logs_one_skip_and_says_it_was_skipped_already(app, clock):
    await make_schedule(app)
    first, second, added = await twice(app, "mod schedule skip", name="mornings", date="2026-01-08")
    assert first.startswith("Skipped") and "already has no round on Thursday 8 January" in second, second
    assert not second.startswith("Skipped") and added == 0


async def test_pausing_to_the_same_day_again_logs_nothing(app, clock):
    await make_schedule(app)
    first, second, added = await twice(app, "mod schedule pause", name="mornings", until="2026-01-06")
    assert "is now paused" in first and "is already paused up to and including Tue 6 Jan" in second, second
    assert added == 0
    first, second, added = await twice(app, "mod schedule pause", name="mornings")
    assert "is now paused" in first and "is already paused until a moderator resumes it" in second and added == 0


async def test_an_edit_that_changes_nothing_is_not_saved_or_logged(app, clock):
    schedule = await make_schedule(app)
    said = text(await run(app, MIA, "mod schedule edit", name="mornings", when="daily 09:00"))
    assert "nothing to change" in said and "Next three" not in said, said
    [preview] = await run(app, MIA, "mod schedule edit", name="mornings", when="daily 10:00")
    before = len(await entries(app))
    args = dict(preview.buttons[0].args) | {"when": "daily 09:00"}  # (the same as it is, by the time it is saved)
    said = text(await press(app, MIA, "mod.schedule.save", args))
    assert "nothing changed" in said and len(await entries(app)) == before, said
    assert (await app.store.schedules.get(schedule.id)).updated_at == schedule.updated_at


async def test_switching_a_prompt_to_what_it_is_logs_nothing(app):
    await run(app, MIA, "mod prompt add", kind="checkin", theme="growth", depth="light",
              text="What helped you grow this month?")
    first, second, added = await twice(app, "mod prompt disable", id="own-growth-01")
    assert "is disabled" in first and "is already disabled" in second and added == 0
    before = len(await entries(app))
    assert "is already" not in text(await run(app, MIA, "mod prompt enable", id="own-growth-01"))
    builtin = app.content.library.packs[0].prompts[0].id
    assert "is already enabled" in text(await run(app, MIA, "mod prompt enable", id=builtin))
    first, second, added = await twice(app, "mod prompt disable", id=builtin)
    assert "is disabled" in first and "is already disabled" in second and added == 0
    assert len(await entries(app)) == before + 2  # (own enabled again, built-in disabled: two changes)


async def test_editing_a_prompt_to_its_own_words_logs_nothing(app):
    await run(app, MIA, "mod prompt add", kind="checkin", theme="growth", depth="light",
              text="What helped you grow this month?")
    before = len(await entries(app))
    said = text(await run(app, MIA, "mod prompt edit", id="own-growth-01", text="What helped you grow this month?"))
    assert "already says that" in said and len(await entries(app)) == before


async def test_a_setting_set_to_its_value_logs_nothing(app):
    first, second, added = await twice(app, "mod settings", key="summary_floor", value="4")
    assert "Saved" in first and "Nothing changed: summary_floor is already 4" in second and added == 0
    first, second, added = await twice(app, "mod settings", key="language", value="en")
    assert added == 0 and "Nothing changed" in second


async def test_care_duty_said_again_logs_nothing(app):
    first, second, added = await twice(app, "mod care duty", duty="off")
    assert "You're off duty." in first and "off duty already" in second and added == 0


async def test_the_same_note_again_logs_nothing(app, clock):
    await make_schedule(app)
    first, second, added = await twice(app, "mod schedule note", name="mornings", text="We moved to Thursdays.")
    assert "Saved" in first and added == 0
    assert "already opens with that note, so nothing changed" in second and "Saved" not in second


async def test_a_second_import_of_the_same_pack_that_changes_nothing_logs_nothing(app):
    """Two moderators preview one pack and both press Import: the second changes nothing, so it logs nothing."""
    from tests.bot.flows.test_prompt_packs import add, apply_preview, upload

    await add(app, MIA, "checkin", "appreciation", "light", "Who made you smile this week?")
    pack = (await run(app, MIA, "mod pack export"))[0].attachment.content
    oli, sam = actor("oli", moderator=True, community="console:other"), actor("sam", moderator=True,
                                                                              community="console:other")
    first, second = await upload(app, oli, pack), await upload(app, sam, pack)
    await apply_preview(app, oli, first)
    log = await app.store.communities.audit_log("console:other", 200)
    done = text(await apply_preview(app, sam, second))
    assert "1 already here and unchanged" in done, done
    assert await app.store.communities.audit_log("console:other", 200) == log


async def test_the_crisis_screen_set_to_its_choice_still_says_what_it_means(app):
    said = text(await run(app, MIA, "mod settings", key="crisis_screen", value="phrases"))
    again = text(await run(app, MIA, "mod settings", key="crisis_screen", value="phrases"))
    assert "Nothing changed" in again and again.split("\n", 1)[1] == said.split("\n", 1)[1], (said, again)
