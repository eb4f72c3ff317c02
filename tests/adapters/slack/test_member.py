"""A member's flows in Slack: joining, status, reflection with its buttons, notes, confirmations."""

from __future__ import annotations

import json

from tests.adapters.slack.conftest import ANN, BOB, MOD, buttons, texts


async def make_schedule(side, fake, name="mornings"):
    await side.command(MOD, f"mod schedule create {name} <#C0GENERAL|general> weekdays 09:00")
    replies = await fake.wait_for("response_url", where=lambda p: "Save" in buttons(p.get("blocks", [])))
    await side.click(MOD, buttons(replies[-1]["blocks"])["Save"], ephemeral=True)
    await fake.wait_for("response_url", where=lambda p: "Created" in texts(p.get("blocks", [])))


def last_reply(fake):
    return fake.called("response_url")[-1]


async def reply_to(fake, side, user, text):
    before = len(fake.called("response_url"))
    await side.command(user, text)
    replies = await fake.wait_for("response_url", before + 1)
    return replies[-1]


async def test_join_status_and_leave(app, fake, side):
    await make_schedule(side, fake)
    joined = await reply_to(fake, side, ANN, "checkin join mornings reminders=yes")
    assert "You've joined *mornings*" in texts(joined["blocks"])
    status = await reply_to(fake, side, ANN, "checkin status")
    shown = texts(status["blocks"])
    assert "America/New_York" in shown and "mornings" in shown and "reminders" in shown
    left = await reply_to(fake, side, ANN, "checkin leave mornings")
    assert "You've left *mornings*" in texts(left["blocks"])


async def test_join_without_a_name_opens_a_form_with_the_schedules(app, fake, side):
    await make_schedule(side, fake)
    await side.command(ANN, "checkin join")
    [opened] = await fake.wait_for("views.open")
    form = opened["view"]
    field = next(b for b in form["blocks"] if b.get("block_id") == "schedule")
    assert [o["value"] for o in field["element"]["options"]] == ["mornings"]
    status, body = await side.submit(ANN, form, {"schedule": "mornings", "reminders": "yes"})
    assert "You've joined *mornings*" in texts(json.loads(body)["view"]["blocks"])


async def test_reflection_another_note_and_done(app, fake, side):
    first = await reply_to(fake, side, ANN, "reflect listening")
    assert first["response_type"] == "ephemeral"
    choices = buttons(first["blocks"])
    assert list(choices) == ["Another one", "Keep a note", "Done"]

    await side.click(ANN, choices["Another one"], ephemeral=True)
    again = (await fake.wait_for("response_url", 2))[-1]
    assert again["replace_original"] is True  # the ephemeral prompt is replaced, not stacked
    assert texts(again["blocks"]) != texts(first["blocks"])  # never the same one twice in a row

    await side.click(ANN, buttons(again["blocks"])["Keep a note"], ephemeral=True)
    [opened] = await fake.wait_for("views.open")
    form = opened["view"]
    assert form["title"]["text"] == "Keep a private note"
    status, body = await side.submit(ANN, form, {"note": "I listen better <!here> when I'm rested"})
    assert "Kept" in texts(json.loads(body)["view"]["blocks"])

    await side.click(ANN, buttons(again["blocks"])["Done"], ephemeral=True)
    done = await fake.wait_for("response_url", where=lambda p: "Thank you for taking a moment" in
                               texts(p.get("blocks", [])))
    assert done[-1]["replace_original"] is True

    notes = await reply_to(fake, side, ANN, "notes list")
    shown = texts(notes["blocks"])
    assert "I listen better <!here> when I'm rested" in shown  # as typed, in a rich_text element: never parsed
    assert "<!here>" not in fake.parsed_texts()


async def test_deleting_a_note_asks_first(app, fake, side):
    await reply_to(fake, side, ANN, "reflect")
    await reply_to(fake, side, ANN, "note Keep this one")
    ask = await reply_to(fake, side, ANN, "notes delete 1")
    assert "Are you sure?" in texts(ask["blocks"])
    yes = buttons(ask["blocks"])["Yes, go ahead"]
    assert yes.get("style") == "danger"
    await side.click(ANN, yes, ephemeral=True)
    [deleted] = await fake.wait_for("response_url", where=lambda p: texts(p.get("blocks", [])) == "Deleted.")
    assert deleted["replace_original"] is True
    assert await app.store.notes.of_member("slack:T0001", "slack:UANN") == []


async def test_cancel_changes_nothing(app, fake, side):
    await reply_to(fake, side, ANN, "reflect")
    await reply_to(fake, side, ANN, "note Keep this one")
    ask = await reply_to(fake, side, ANN, "notes delete 1")
    await side.click(ANN, buttons(ask["blocks"])["Cancel"], ephemeral=True)
    await fake.wait_for("response_url", where=lambda p: "nothing changed" in texts(p.get("blocks", [])))
    assert len(await app.store.notes.of_member("slack:T0001", "slack:UANN")) == 1


async def test_a_member_is_refused_moderator_commands(app, fake, side):
    refused = await reply_to(fake, side, ANN, "mod schedule list")
    assert "Only moderators can use" in texts(refused["blocks"])
    # no form is opened for them either: they get the same kind refusal
    refused = await reply_to(fake, side, ANN, "mod schedule create")
    assert "Only moderators can use" in texts(refused["blocks"])
    assert fake.called("views.open") == []


async def test_the_slack_timezone_is_the_members_until_they_choose(app, fake, side):
    await make_schedule(side, fake)  # (so `checkin list` shows a time: in the member's zone, named)
    shown = await reply_to(fake, side, ANN, "checkin list")
    assert "America/New_York" in texts(shown["blocks"])
    # (Slack's, followed if it changes; a read shows it and keeps nothing: no member made, `Hearth.timezone_of`)
    assert await app.store.communities.get_member("slack:T0001", "slack:UANN") is None
    done = await reply_to(fake, side, ANN, "me timezone Europe/Paris")
    assert "Europe/Paris" in texts(done["blocks"])
    shown = await reply_to(fake, side, ANN, "checkin list")
    assert "Europe/Paris" in texts(shown["blocks"])
    member = await app.store.communities.get_member("slack:T0001", "slack:UANN")
    assert member.zone_name == "Europe/Paris" and member.platform_timezone == "America/New_York"


async def test_care_comes_in_the_language_slack_says_until_the_member_chooses(app, fake, side):
    fake.users[ANN]["locale"] = "pt-BR"

    async def care(user, command):
        before = len(fake.called("response_url"))
        await side.command(user, command)
        replies = await fake.wait_for("response_url", before + 2)  # the care reply, then the command's own
        return replies[before]

    said = await care(ANN, "note I keep thinking about ending my life")
    assert said["response_type"] == "ephemeral"
    shown = texts(said["blocks"])
    assert shown.startswith("Pelo que você escreveu") and "O Hearth não é terapeuta" in shown
    assert all(p.get("include_locale") for p in fake.called("users.info"))
    english = texts((await care(BOB, "note I keep thinking about ending my life"))["blocks"])
    assert english.startswith("What you wrote sounds")
    await reply_to(fake, side, ANN, "me language fr")
    shown = texts((await reply_to(fake, side, ANN, "support"))["blocks"])
    assert shown.startswith("Si les choses sont dures")


async def test_moderators_and_channels_are_shown_as_slack_shows_them_never_as_ids(app, fake, side):
    added = await reply_to(fake, side, MOD, "mod moderators add <@USAM|sam>")  # someone Hearth hasn't met
    assert texts(added["blocks"]) == "Added <@USAM> as a moderator."  # Slack shows the name; a reply pings nobody
    await reply_to(fake, side, ANN, "reflect")  # now Hearth knows Ann's name
    added = await reply_to(fake, side, MOD, "mod moderators add <@UANN|ann>")
    assert "slack:" not in texts(added["blocks"]) and "<@UANN>" not in texts(added["blocks"])
    saved = await reply_to(fake, side, MOD, "mod settings alert_channel <#C0CARE|care>")
    assert texts(saved["blocks"]) == "Saved: alert_channel is now <#C0CARE>."
    audit = texts((await reply_to(fake, side, MOD, "mod audit"))["blocks"])
    assert "added as a moderator: <@USAM>" in audit and "alert_channel → <#C0CARE>" in audit
    assert "slack:" not in audit and "moderators.add" not in audit
    refused = await reply_to(fake, side, BOB, "mod moderators list")
    assert "Only moderators can use *mod moderators list*" in texts(refused["blocks"])
