"""A confirmation or a view's button acts on the thing it was drawn for, by id and version, never by name alone
(the fourth trial, 10b: a stale "delete x?" deleted the new x another moderator had made)."""

from __future__ import annotations

from datetime import timedelta

from bot.commands.registry import PIN
from bot.views.home import home_view as home
from tests.bot.scheduling.test_runner import make_schedule
from tests.conftest import actor, press, run, text

MIA, YOU = actor("mia", moderator=True), actor("you", moderator=True)
CHANGED = "has changed since you asked, so I didn't do anything. Please ask again"


async def _ask_delete(app, who=YOU):
    ask = (await run(app, who, "mod schedule delete", name="x"))[0]
    (yes,) = [b for b in ask.buttons if b.action == "confirm"]
    return yes


async def test_a_stale_delete_confirmation_never_deletes_the_new_check_in_of_that_name(app, clock):
    await make_schedule(app, name="x", when="daily 09:00")
    yes = await _ask_delete(app)
    assert yes.args[PIN]  # it names which x
    clock.advance(timedelta(minutes=1))
    await press(app, MIA, "confirm", (await _ask_delete(app, MIA)).args)
    new = await make_schedule(app, name="x", when="daily 18:00")
    await run(app, actor("mia"), "checkin join", schedule="x")
    said = text(await press(app, YOU, "confirm", yes.args))
    assert "**x**" not in said and "x " + CHANGED in said, said
    assert await app.store.schedules.find("console:test", "x") == new  # mia's x, untouched
    again = await _ask_delete(app)  # asked again, it acts on what it shows now
    assert "Deleted x" in text(await press(app, YOU, "confirm", again.args))


async def test_a_confirmation_for_a_check_in_changed_since_does_nothing(app, clock):
    await make_schedule(app, name="x", when="daily 09:00")
    yes = await _ask_delete(app)
    clock.advance(timedelta(minutes=1))
    edit = await run(app, MIA, "mod schedule edit", name="x", when="daily 10:00")
    await press(app, MIA, "mod.schedule.save", edit[0].buttons[0].args)
    assert CHANGED in text(await press(app, YOU, "confirm", yes.args))
    assert await app.store.schedules.find("console:test", "x") is not None


async def test_a_stale_home_views_buttons_do_nothing_to_a_new_check_in(app, clock):
    await make_schedule(app, name="x", when="daily 09:00")
    view = await home(app, YOU)
    buttons = {b.label: b for row in view.moderating[0].rows for b in row.controls}
    clock.advance(timedelta(minutes=1))
    await press(app, MIA, "confirm", (await _ask_delete(app, MIA)).args)
    await make_schedule(app, name="x", when="daily 18:00")
    for label in ("Pause", "Delete"):
        assert CHANGED in text(await press(app, YOU, buttons[label].action, buttons[label].args)), label
    assert not (await app.store.schedules.find("console:test", "x")).paused_until
    fresh = {b.label: b for row in (await home(app, YOU)).moderating[0].rows for b in row.controls}
    assert "paused" in text(await press(app, YOU, fresh["Pause"].action, fresh["Pause"].args))


async def test_a_prompt_care_warning_left_open_does_not_overwrite_a_later_edit(app, clock):
    added = await run(app, MIA, "mod prompt add", kind="checkin", theme="listening", depth="light",
                      text="Who listened well to you lately?")
    pid = text(added).split("`")[1]
    ask = (await run(app, YOU, "mod prompt edit", id=pid, text="Do you ever want to kill yourself?"))[0]
    (yes,) = [b for b in ask.buttons if b.action == "confirm"]
    clock.advance(timedelta(minutes=1))
    await run(app, MIA, "mod prompt edit", id=pid, text="What helped you rest this week?")
    assert CHANGED in text(await press(app, YOU, "confirm", yes.args))
    assert (await app.store.prompts.get("console:test", pid))["text"] == "What helped you rest this week?"


async def test_a_confirmation_from_before_pins_is_expired_not_acted_on_by_name(app, clock):
    await make_schedule(app, name="x", when="daily 09:00")
    yes = await _ask_delete(app)
    unpinned = {k: v for k, v in yes.args.items() if k != PIN}
    assert "That confirmation has expired" in text(await press(app, YOU, "confirm", unpinned))
    assert await app.store.schedules.find("console:test", "x") is not None
    assert "Deleted x" in text(await press(app, YOU, "confirm", yes.args))  # (refused, so not spent)
