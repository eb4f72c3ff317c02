"""The one home view: built from the listing commands' own rows, so it says what they say; its buttons run the
commands (checked as if typed) or open their declared forms."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bot.commands.registry import OPEN_FORM, RUN
from bot.scheduling.runner import RoundScheduler
from bot.views.home import Home, home_reply_parts, home_view
from tests.bot.scheduling.test_runner import make_schedule
from tests.conftest import actor, press, run, text

UTC = timezone.utc
MIA = actor("mia", moderator=True)
ANN = actor("ann")


def rows(home: Home) -> list[str]:
    return [row.text.plain() for section in (*home.member, *home.moderating) for row in section.rows]


def controls(home: Home) -> dict[str, list]:
    out: dict[str, list] = {}
    for section in (*home.member, *home.moderating):
        for b in [*section.controls, *(b for row in section.rows for b in row.controls)]:
            out.setdefault(b.label, []).append(b)
    return out


def line_in(replies, name: str = "mornings") -> str:
    return next(ln for ln in text(replies).splitlines() if name in ln)


async def test_home_rows_say_what_the_listing_commands_say(app, clock):
    await make_schedule(app)
    await run(app, ANN, "checkin join", schedule="mornings")
    member = await home_view(app, ANN)
    assert not member.moderating
    [mine] = rows(member)
    assert mine == line_in(await run(app, ANN, "checkin list")).removeprefix("• ")
    moderator = await home_view(app, MIA)
    listed = line_in(await run(app, MIA, "mod schedule list")).removeprefix("• ")
    said = [r for r in rows(moderator) if "joined ·" in r]
    assert said == [listed.replace("· 1 joined", "· #general · 1 joined")]  # (with its channel, on the Home)


async def test_a_finished_pause_shows_as_running_with_its_next_round(app, clock):
    await make_schedule(app)  # daily 09:00 UTC; Mon 5 Jan, 08:00 now
    await run(app, MIA, "mod schedule pause", name="mornings", until="2026-01-06")
    home = await home_view(app, MIA)
    assert all("paused up to and including Tue 6 Jan; next: Wed 7 Jan, 09:00 (UTC)" in r for r in rows(home)
               if "mornings" in r)
    assert "Resume" in controls(home) and "Pause" not in controls(home)
    clock.set(datetime(2026, 1, 8, 8, 0, tzinfo=UTC))
    home = await home_view(app, MIA)
    shown = [r for r in rows(home) if "mornings" in r]
    assert len(shown) == 2 and all("paused" not in r and "next: Thu 8 Jan, 09:00 (UTC)" in r for r in shown)
    assert "Pause" in controls(home) and "Resume" not in controls(home)


async def test_a_home_button_runs_its_command_as_if_typed(app, clock):
    await make_schedule(app)
    [join] = controls(await home_view(app, ANN))["Join"]
    assert join.action == RUN
    said = text(await press(app, ANN, join.action, join.args))
    assert "You've joined **mornings**".replace("**", "") in said
    assert [s.name for s, _ in await app.store.communities.memberships("console:test", "console:ann")] == ["mornings"]
    # A moderator's button, pressed by a member, is refused as the typed command would be.
    [delete] = controls(await home_view(app, MIA))["Delete"]
    [refused] = await press(app, ANN, delete.action, delete.args)
    assert refused.error and "Only moderators can use **mod schedule delete**".replace("**", "") in refused.plain()
    assert await app.store.schedules.find("console:test", "mornings") is not None


async def test_a_form_button_opens_the_declared_form_filled_in(app, clock):
    await make_schedule(app, when="weekdays 09:00", tz="Europe/London")
    edit = controls(await home_view(app, MIA))["Edit"][0]
    assert edit.action == OPEN_FORM
    [opened] = await press(app, MIA, edit.action, edit.args)
    form = opened.form
    assert form is not None and form.title == "Edit check-in" and form.submit_label == "Preview"
    fields = {f.name: f for f in form.fields}
    assert "name" not in fields  # decided by the button
    assert fields["when"].default == "weekdays 09:00" and fields["timezone"].default == "Europe/London"
    assert fields["open"].default == "120m"
    # Submitted, it runs the command with what was typed and what the button decided.
    [preview] = await press(app, MIA, form.action, form.args, {"when": "weekdays 09:30", "channel": ""}, kind="form")
    assert "Next three" in preview.plain() and "09:30" in preview.plain()
    # A member can't open it.
    [refused] = await press(app, ANN, edit.action, edit.args)
    assert refused.error and refused.form is None


async def test_a_refused_form_names_the_field(app, clock):
    await make_schedule(app)
    edit = controls(await home_view(app, MIA))["Edit"][0]
    [opened] = await press(app, MIA, edit.action, edit.args)
    [refused] = await press(app, MIA, opened.form.action, opened.form.args, {"when": "wekdays 9"}, kind="form")
    assert refused.error and refused.field == "when"


async def test_the_home_command_shows_the_view_as_one_reply(app, clock):
    await make_schedule(app)
    await run(app, MIA, "mod schedule pause", name="mornings", until="2026-01-06")
    clock.set(datetime(2026, 1, 8, 8, 0, tzinfo=UTC))
    [reply] = await run(app, ANN, "home")
    said = reply.plain()
    assert "1. mornings — next: Thu 8 Jan, 09:00 (UTC) (not joined)" in said and "paused" not in said
    labels = [b.label for b in reply.buttons]
    assert labels == ["Join · mornings", "Reflect now", "My notes", "My status"]
    [joined] = await press(app, ANN, reply.buttons[0].action, reply.buttons[0].args)
    assert "joined" in joined.plain()


async def test_a_busy_home_keeps_every_button_and_names_what_each_is_about(app, clock):
    """The core drops none (Discord's 25 are the Discord adapter's to fit: `adapters.discord.components`): each
    row's button names its check-in or prompt, the person's own name none, and Answer now is a check-in's first."""
    for i in range(12):
        clock.advance(timedelta(minutes=1))  # (past the per-member rate limit)
        await make_schedule(app, name=f"circle-{i:02d}")
    body, buttons = home_reply_parts(await home_view(app, MIA))
    assert "12. circle-11" in body.plain()  # every row is still said
    assert len(buttons) == 12 * 4 + 5  # Join; Edit, Pause, Delete; and Reflect now … Add a prompt
    assert [b.label for b in buttons if not b.about] == ["Reflect now", "My notes", "My status", "New check-in",
                                                         "Add a prompt"]
    assert all(b.label.endswith(" · " + b.about) for b in buttons if b.about)
    assert {b.about for b in buttons if b.about} == {f"circle-{i:02d}" for i in range(12)}


async def test_a_checkins_answer_now_is_marked_its_first_action(app, clock):
    await make_schedule(app)
    await run(app, ANN, "checkin join", schedule="mornings")
    clock.set(datetime(2026, 1, 5, 9, 0, 30, tzinfo=UTC))
    await RoundScheduler(app).run_pending()
    _body, buttons = home_reply_parts(await home_view(app, ANN))
    assert [(b.label, b.about, b.main) for b in buttons[:2]] == [("Leave · mornings", "mornings", False),
                                                                ("Answer now · mornings", "mornings", True)]


async def test_a_view_button_never_skips_a_commands_are_you_sure(app, clock):
    await make_schedule(app)
    [delete] = controls(await home_view(app, MIA))["Delete"]
    forged = {**delete.args, "arg:confirmed": "yes"}
    [asked] = await press(app, MIA, delete.action, forged, {"confirmed": "yes"})
    assert "Are you sure?" in asked.plain()
    assert await app.store.schedules.find("console:test", "mornings") is not None


async def test_the_checkins_heading_leaves_the_zone_to_the_times_so_it_is_named_once(app, clock):
    await make_schedule(app)
    await run(app, ANN, "checkin join", schedule="mornings")
    await run(app, ANN, "me timezone", timezone="Europe/Berlin")
    home = await home_view(app, ANN)
    [checkins, *_rest] = home.member
    assert checkins.title.plain() == "Your check-ins"
    status = text(await run(app, ANN, "checkin status"))
    assert status.count("Europe/Berlin") == 1 and "next: Mon 5 Jan, 10:00 (Europe/Berlin)" in status


async def test_where_the_rest_is_names_the_schedules_command_for_a_moderator(app, clock):
    """A platform that can't show the whole view (Slack's 100 blocks) says where the rest is: a moderator's cut-off
    schedules are listed by `mod schedule list`, not `checkin list`."""
    assert (await home_view(app, ANN)).overflow.plain() == "See everything with checkin list."
    assert (await home_view(app, MIA)).overflow.plain() == (
        "See every check-in with checkin list and every schedule with mod schedule list.")
