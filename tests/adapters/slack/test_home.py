"""The App Home tab for a member and a moderator, and the modals its buttons open."""

from __future__ import annotations

import json

from tests.adapters.slack.conftest import ANN, MOD, buttons, texts
from tests.adapters.slack.test_member import make_schedule

HOME = {"type": "app_home_opened", "channel": "D0", "tab": "home", "event_ts": "1.0"}


async def open_home(fake, side, user, event_id):
    before = len(fake.called("views.publish"))
    await side.event({**HOME, "user": user}, event_id)
    published = await fake.wait_for("views.publish", before + 1)
    view = published[-1]
    assert view["user_id"] == user
    return view["view"]


async def test_member_home_shows_checkins_in_their_timezone_and_joins_in_one_click(app, fake, side):
    await make_schedule(side, fake)
    home = await open_home(fake, side, ANN, "EvA1")
    shown = texts(home["blocks"])
    assert "times in" not in shown and shown.count("America/New_York") == 1  # (named once, by the time itself)
    assert "*mornings* — next: Mon 5 Jan, 04:00 (America/New_York) (not joined)" in shown
    assert "For moderators" not in shown
    assert "Reflect now" in buttons(home["blocks"])

    await side.click(ANN, buttons(home["blocks"])["Join"], view={**home, "id": "VHOME"})
    [notice] = await fake.wait_for("views.open")
    assert "You've joined *mornings*" in texts(notice["view"]["blocks"])
    published = await fake.wait_for("views.publish", 2)
    after = published[-1]["view"]
    assert "(✓ joined)" in texts(after["blocks"])
    assert "Leave" in buttons(after["blocks"])

    await side.click(ANN, buttons(after["blocks"])["Leave"], view={**after, "id": "VHOME"})
    published = await fake.wait_for("views.publish", 3)
    assert "(not joined)" in texts(published[-1]["view"]["blocks"])


async def test_reflect_now_from_home_opens_a_modal_whose_buttons_update_it(app, fake, side):
    home = await open_home(fake, side, ANN, "EvA2")
    await side.click(ANN, buttons(home["blocks"])["Reflect now"], view={**home, "id": "VHOME"})
    [opened] = await fake.wait_for("views.open")
    modal = opened["view"]
    assert list(buttons(modal["blocks"])) == ["Another one", "Keep a note", "Done"]
    await side.click(ANN, buttons(modal["blocks"])["Keep a note"], view=modal)
    [updated] = await fake.wait_for("views.update")
    assert updated["view_id"] == modal["id"]
    form = updated["view"]
    status, body = await side.submit(ANN, {**form, "id": modal["id"]}, {"note": "Small steps"})
    assert "Kept" in texts(json.loads(body)["view"]["blocks"])
    assert [n.text for n in await app.store.notes.of_member("slack:T0001", "slack:UANN")] == ["Small steps"]


async def test_moderator_home_lists_schedules_and_prompts_with_configuration_modals(app, fake, side):
    await make_schedule(side, fake)
    home = await open_home(fake, side, MOD, "EvM1")
    shown = texts(home["blocks"])
    assert "For moderators" in shown and "<#C0GENERAL>" in shown and "0 joined" in shown
    labels = buttons(home["blocks"])
    assert {"Edit", "Pause", "Delete", "New check-in", "Add a prompt"} <= set(labels)

    # Edit opens the schedule's form, prefilled; changing the time previews the next fires first.
    await side.click(MOD, labels["Edit"], view={**home, "id": "VHOME"})
    [opened] = await fake.wait_for("views.open")
    form = opened["view"]
    fields = {b["block_id"]: b["element"] for b in form["blocks"] if b["type"] == "input"}
    assert "name" not in fields  # decided by the button
    assert fields["when"]["initial_value"] == "weekdays 09:00"
    assert fields["channel"]["initial_conversation"] == "C0GENERAL"
    assert fields["timezone"]["initial_value"] == "Europe/London"
    status, body = await side.submit(MOD, form, {"when": "weekdays 09:30"})
    preview = json.loads(body)["view"]
    assert "Next three" in texts(preview["blocks"]) and "09:30" in texts(preview["blocks"])
    await side.click(MOD, buttons(preview["blocks"])["Save"], view={**preview, "id": form["id"]})
    [saved] = await fake.wait_for("views.update")
    assert "Saved changes to *mornings*" in texts(saved["view"]["blocks"])
    assert (await app.store.schedules.find("slack:T0001", "mornings")).spec == "weekdays 09:30"

    # Add a prompt through its modal; Home then lists it with Edit and Disable.
    home = (await fake.wait_for("views.publish"))[-1]["view"]
    await side.click(MOD, buttons(home["blocks"])["Add a prompt"], view={**home, "id": "VHOME"})
    opened = await fake.wait_for("views.open", 2)
    form = opened[-1]["view"]
    kinds = {b["block_id"]: b["element"]["type"] for b in form["blocks"] if b["type"] == "input"}
    assert kinds == {"kind": "radio_buttons", "theme": "static_select", "depth": "radio_buttons",
                     "text": "plain_text_input"}
    status, body = await side.submit(MOD, form, {"kind": "checkin", "theme": "appreciation", "depth": "light",
                                                 "text": "Who made your week easier? <!everyone>"})
    ask = json.loads(body)["view"]  # a mention in a prompt: said kindly and asked first (`bot.content.style`)
    assert "A second look before I save it" in texts(ask["blocks"]) and "holds “<!”" in texts(ask["blocks"])
    assert await app.store.prompts.list_all("slack:T0001") == []
    await side.click(MOD, buttons(ask["blocks"])["Yes, go ahead"], view={**ask, "id": form["id"]})
    await fake.wait_for("views.update", where=lambda p: "Added prompt `own-appreciation-01`" in
                        texts(p["view"]["blocks"]))
    home = (await fake.wait_for("views.publish", where=lambda p: "own-appreciation-01" in
                                texts(p["view"]["blocks"])))[-1]["view"]
    assert "<!everyone>" in texts(home["blocks"]) and "<!everyone>" not in fake.parsed_texts()
    await side.click(MOD, buttons(home["blocks"])["Disable"], view={**home, "id": "VHOME"})
    await fake.wait_for("views.publish", where=lambda p: "(disabled)" in texts(p["view"]["blocks"]))


async def test_home_buttons_are_checked_again_by_the_core(app, fake, side):
    """A member replaying a moderator's Home button is refused: the core decides, not the view. The button is
    the moderator's; rewritten to look like nobody's, it still needs a moderator."""
    await make_schedule(side, fake)
    home = await open_home(fake, side, MOD, "EvM2")
    delete = buttons(home["blocks"])["Delete"]
    await side.click(ANN, delete, view={**home, "id": "VHOME"})
    [notice] = await fake.wait_for("views.open")
    assert "meant for someone else" in texts(notice["view"]["blocks"])
    value = json.loads(delete["value"])
    value["a"].pop("for")
    await side.click(ANN, {**delete, "value": json.dumps(value)}, view={**home, "id": "VHOME"})
    notices = await fake.wait_for("views.open", 2)
    assert "Only moderators can use" in texts(notices[-1]["view"]["blocks"])
    assert await app.store.schedules.find("slack:T0001", "mornings") is not None


async def test_moderator_edits_a_prompt_and_pauses_a_schedule_from_home(app, fake, side):
    await make_schedule(side, fake)
    await side.command(MOD, "mod prompt add reflection listening light Who listened well to you lately?")
    await fake.wait_for("response_url", where=lambda p: "Added prompt" in texts(p.get("blocks", [])))
    home = await open_home(fake, side, MOD, "EvM3")
    edits = [b for b in home["blocks"] if b["type"] == "actions" for e in b["elements"] if e["text"]["text"] == "Edit"]
    prompt_edit = edits[-1]["elements"][0]  # the schedule's Edit comes first, the prompt's last
    await side.click(MOD, prompt_edit, view={**home, "id": "VHOME"})
    [opened] = await fake.wait_for("views.open")
    form = opened["view"]
    [text_field] = [b for b in form["blocks"] if b["type"] == "input"]
    assert text_field["element"]["initial_value"] == "Who listened well to you lately?"
    status, body = await side.submit(MOD, form, {"text": "Who really heard you this week?"})
    assert "Updated `own-listening-01`" in texts(json.loads(body)["view"]["blocks"])
    assert (await app.store.prompts.get("slack:T0001", "own-listening-01"))["text"] == "Who really heard you this week?"

    await side.click(MOD, buttons(home["blocks"])["Pause"], view={**home, "id": "VHOME"})
    published = await fake.wait_for("views.publish", where=lambda p: " · paused" in
                                    texts(p["view"]["blocks"]))
    assert "Resume" in buttons(published[-1]["view"]["blocks"])


async def test_home_says_a_pauses_last_day_and_its_next_round_and_forgets_a_finished_pause(app, clock, fake, side):
    from datetime import datetime, timezone

    await make_schedule(side, fake)  # weekdays 09:00 Europe/London; Mon 5 Jan, 08:00 UTC now
    await side.command(MOD, "mod schedule pause mornings 2026-01-06")
    await fake.wait_for("response_url", where=lambda p: "is now paused" in texts(p.get("blocks", [])))
    home = await open_home(fake, side, MOD, "EvP1")
    shown = texts(home["blocks"])
    assert "paused up to and including Tue 6 Jan; next: Wed 7 Jan, 09:00 (Europe/London)" in shown  # the mod's
    assert "*mornings* — paused up to and including Tue 6 Jan; next: Wed 7 Jan" in shown  # and as a member
    assert "Resume" in buttons(home["blocks"])

    clock.set(datetime(2026, 1, 8, 8, 0, tzinfo=timezone.utc))
    home = await open_home(fake, side, MOD, "EvP2")
    shown = texts(home["blocks"])
    assert "paused" not in shown and "next: Thu 8 Jan, 09:00 (Europe/London)" in shown
    assert "Pause" in buttons(home["blocks"]) and "Resume" not in buttons(home["blocks"])


def crowded_home(checkins: int, schedules: int = 0, prompts: int = 0):
    """A Home as `home_view` builds it, for a member in many check-ins (each open: Leave and Answer now), and, with
    `schedules` or `prompts`, a moderator's."""
    from bot.events import Button, rich
    from bot.views.home import Home, Row, Section

    def row(kind: str, n: int, *labels: str) -> Row:
        return Row(rich(f"*{kind} {n}* — next: Mon 5 Jan, 09:00 (UTC)\n_Open now — how are you?_"),
                   tuple(Button(label, "command.run", {"command": label.lower(), "n": str(n)}) for label in labels))

    member = (Section(rich("**Your check-ins**"), tuple(row("checkin", n, "Leave", "Answer now")
                                                        for n in range(checkins))),
              Section(rich("**Just for you**\nA private reflection prompt, on any theme. Only you see it."),
                      controls=(Button("Reflect now", "command.run", {"command": "reflect"}, "primary"),
                                Button("My notes", "command.run", {"command": "notes list"}),
                                Button("My status", "command.run", {"command": "checkin status"}))))
    moderating = (Section(rich(f"**Check-in schedules** ({schedules})"),
                          tuple(row("schedule", n, "Edit", "Pause", "Delete") for n in range(schedules)),
                          controls=(Button("New check-in", "command.form", {"command": "mod schedule create"}),)),
                  Section(rich(f"**Your community's prompts** ({prompts})"),
                          tuple(row("prompt", n, "Edit", "Disable") for n in range(prompts)),
                          controls=(Button("Add a prompt", "command.form", {"command": "mod prompt add"}),)),
                  ) if schedules or prompts else ()
    return Home("UTC", member, moderating, rich("Hearth is not a therapist or an emergency service."),
                overflow=rich("See everything with **checkin list**."))


def test_a_member_in_many_check_ins_keeps_reflect_now_and_is_told_where_the_rest_is():
    """Cut in order at Slack's 100 blocks, a member in 60 open check-ins lost "Just for you" (Reflect now, My
    notes, My status) and the footer; Discord keeps a person's own buttons first. So does the Home: rows go, the
    person's own actions stay, and the check-ins say there's more, and where."""
    from adapters.slack.home import render_home
    from testing.block_kit import view_problems

    home = render_home(crowded_home(60), "UANN")
    assert view_problems(home) == [] and len(home["blocks"]) <= 100
    shown, labels = texts(home["blocks"]), buttons(home["blocks"])
    assert {"Reflect now", "My notes", "My status"} <= set(labels)
    assert "not a therapist" in shown
    more = shown.index("There's more than fits here. See everything with *checkin list*.")
    assert shown.index("checkin 0*") < more < shown.index("Just for you")
    assert shown.count("There's more than fits here") == 1 and "checkin 59*" not in shown
    kept = [n for n in range(60) if f"*checkin {n}*" in shown]
    assert kept == list(range(len(kept))) and len(kept) > 30  # (the first ones, in order, as many as fit)


def test_a_moderators_crowded_home_keeps_new_check_in_and_add_a_prompt_and_says_so_in_each_cut_section():
    from adapters.slack.home import render_home
    from testing.block_kit import view_problems

    home = render_home(crowded_home(30, schedules=30, prompts=30), "UMOD")
    assert view_problems(home) == [] and len(home["blocks"]) <= 100
    shown, labels = texts(home["blocks"]), buttons(home["blocks"])
    assert {"Reflect now", "My notes", "My status", "New check-in", "Add a prompt"} <= set(labels)
    assert "*checkin 29*" in shown  # (the member's own check-ins first, as the Home lists them)
    assert shown.count("There's more than fits here") == 2  # (the schedules, cut, and the prompts: none fits)
    first = shown.index("There's more than fits here")
    assert shown.index("Check-in schedules") < first < shown.index("Your community's prompts")
    assert "*prompt 0*" not in shown and shown.index("Your community's prompts") < shown.rindex("more than fits")


def test_a_home_that_fits_is_shown_whole_with_no_word_of_more():
    from adapters.slack.home import render_home

    home = render_home(crowded_home(5, schedules=5, prompts=5), "UMOD")
    shown = texts(home["blocks"])
    assert "more than fits" not in shown and all(f"*{k} 4*" in shown for k in ("checkin", "schedule", "prompt"))
