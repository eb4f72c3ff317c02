"""A button that acts (a "Yes" to a destructive command, a preview's Save) works once, and not forever."""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import actor, press, run, text

MOD = actor("mia", moderator=True)
SCHEDULE = {"name": "mornings", "channel": "general", "when": "daily 09:00", "timezone": "UTC"}


async def audit_actions(app) -> list[str]:
    return [a["action"] for a in await app.store.communities.audit_log("console:test")]


async def test_a_saved_preview_pressed_again_changes_nothing(app):
    [preview] = await run(app, MOD, "mod schedule create", **SCHEDULE)
    save = preview.buttons[0]
    assert "Created" in text(await press(app, MOD, save.action, save.args))
    [again] = await press(app, MOD, save.action, save.args)
    assert not again.error and again.aside and "already pressed" in again.plain()
    assert (await audit_actions(app)).count("schedule.create") == 1


async def test_an_old_edit_preview_cannot_come_back_after_the_schedule_was_replaced(app):
    [preview] = await run(app, MOD, "mod schedule create", **SCHEDULE)
    await press(app, MOD, preview.buttons[0].action, preview.buttons[0].args)
    [edit] = await run(app, MOD, "mod schedule edit", name="mornings", open="3h")
    await press(app, MOD, edit.buttons[0].action, edit.buttons[0].args)
    [again] = await press(app, MOD, edit.buttons[0].action, edit.buttons[0].args)
    assert not again.error and "didn't do it a second time" in again.plain()


async def test_a_yes_works_once(app):
    await run(app, actor("ann"), "note", text="keep this")
    [note] = await app.store.notes.of_member("console:test", "console:ann")
    [ask] = await run(app, actor("ann"), "notes delete", number=str(note.number))
    yes = ask.buttons[0]
    assert "Deleted" in text(await press(app, actor("ann"), yes.action, yes.args))
    [again] = await press(app, actor("ann"), yes.action, yes.args)
    assert not again.error and again.aside and "already pressed" in again.plain()


async def test_a_refused_press_is_not_spent(app):
    """The Save was refused (a schedule took the name meanwhile): once that is put right, it may be pressed again."""
    [preview] = await run(app, MOD, "mod schedule create", **SCHEDULE)
    [other] = await run(app, MOD, "mod schedule create", **SCHEDULE)
    await press(app, MOD, other.buttons[0].action, other.buttons[0].args)
    [refused] = await press(app, MOD, preview.buttons[0].action, preview.buttons[0].args)
    assert refused.error and "already a check-in called" in refused.plain()
    await run(app, MOD, "mod schedule delete", name="mornings", confirmed="yes")
    assert "Created" in text(await press(app, MOD, preview.buttons[0].action, preview.buttons[0].args))


async def test_a_button_older_than_a_week_has_expired(app, clock):
    [preview] = await run(app, MOD, "mod schedule create", **SCHEDULE)
    clock.advance(timedelta(days=8))
    [old] = await press(app, MOD, preview.buttons[0].action, preview.buttons[0].args)
    assert old.error and "expired" in old.plain()
    assert await app.store.schedules.list_all("console:test") == []
