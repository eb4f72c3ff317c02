"""A button (or form) shown to one person is theirs: anyone else pressing it gets a calm refusal, nothing happens.

The rule lives in the core: every personal reply's buttons and form carry who they were shown to, and so do
the buttons in a DM; the registry refuses an event carrying someone else's. Adapters only pass them along
(tests/adapters/*/ check each one end to end).
"""

from __future__ import annotations

from bot.scheduling.runner import RoundScheduler
from tests.bot.flows.test_my_data import build_history
from tests.bot.scheduling.test_runner import make_schedule
from tests.conftest import actor, press, run, text


def refused(replies) -> bool:
    return len(replies) == 1 and replies[0].error and "someone else" in replies[0].plain() \
        and "Nothing changed" in replies[0].plain()


async def test_someone_else_pressing_a_confirmation_is_refused_and_nothing_is_deleted(app, clock):
    _, zed, bob = await build_history(app, clock)
    ask = (await run(app, zed, "me delete"))[0]
    yes = next(b for b in ask.buttons if b.action == "confirm")
    for presser in (bob, actor("mia", moderator=True)):
        assert refused(await press(app, presser, yes.action, yes.args))
    assert len(await app.store.notes.of_member(zed.community_id, zed.user_id)) == 1  # Zed's data is all there
    assert "1 check-in you've joined" in text(await run(app, bob, "me data"))  # and Bob's too
    done = await press(app, zed, yes.action, yes.args)  # its owner still can
    assert not done[0].error and await app.store.notes.of_member(zed.community_id, zed.user_id) == []


async def test_every_personal_button_and_form_is_bound_to_whom_it_was_shown(app, clock):
    mia, ann, bob = actor("mia", moderator=True), actor("ann"), actor("bob")
    preview = (await run(app, mia, "mod schedule create", name="x", channel="general", when="daily 09:00"))[0]
    save = preview.buttons[0]
    assert refused(await press(app, actor("oz", moderator=True), save.action, save.args))
    assert await app.store.schedules.find("console:test", "x") is None
    await press(app, mia, save.action, save.args)
    assert await app.store.schedules.find("console:test", "x") is not None

    reflection = (await run(app, ann, "reflect"))[0]
    for b in reflection.buttons:
        assert refused(await press(app, bob, b.action, b.args))
    note = next(b for b in reflection.buttons if b.action == "reflect.note")
    form = (await press(app, ann, note.action, note.args))[0].form
    assert refused(await press(app, bob, form.action, form.args, {"note": "not mine"}, kind="form"))
    assert await app.store.notes.of_member("console:test", "console:bob") == []
    assert await app.store.notes.of_member("console:test", "console:ann") == []


async def test_the_buttons_of_a_dm_are_bound_to_its_reader_and_the_round_posts_to_nobody(app, clock):
    await make_schedule(app)
    for name in ("ann", "bob"):
        await run(app, actor(name), "checkin join", schedule="mornings")
    rnd = await open_round_now(app, clock)
    dms = {d.user: d for d in app.sent if d.kind == "dm"}
    anns = dms["console:ann"].message.buttons[3]
    assert refused(await press(app, actor("bob"), anns.action, anns.args))
    form = (await press(app, actor("ann"), anns.action, anns.args))[0].form
    assert form is not None
    assert refused(await press(app, actor("bob"), form.action, form.args,
                               {"mood": "4", "words": "", "visibility": "private"}, kind="form"))
    assert await app.store.rounds.responses(rnd.id) == []
    post = next(d for d in app.sent if d.kind == "post")
    anyone = post.message.buttons[3]
    assert (await press(app, actor("cy"), anyone.action, anyone.args))[0].form is not None


async def open_round_now(app, clock):
    from datetime import datetime, timezone

    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    await RoundScheduler(app).run_pending()
    await app.outbox.drain_all()
    return (await app.store.rounds.list_open())[0]
