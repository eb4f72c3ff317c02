"""The care team on Slack, through the real slack-bolt app against the fake: the care note's buttons, the note
updated in place (`chat.update`), moderators only, and the member's own follow-up button."""

from __future__ import annotations

from datetime import timedelta

from tests.adapters.slack.conftest import ANN, BOB, MOD, buttons, texts
from tests.adapters.slack.test_member import reply_to

WORDS = "I keep thinking about ending my life"


async def test_a_care_note_is_taken_handed_over_and_done_in_place(app, fake, side, clock):
    fake.add_user("USAM", "Sam", admin=True)
    await reply_to(fake, side, MOD, "mod settings alert_channel <#C0CARE|care>")
    said = await care_reply(fake, side)
    assert said["response_type"] == "ephemeral" and "Check on me tomorrow" in buttons(said["blocks"])

    await app.outbox.drain_all()
    [note] = [p for p in fake.called("chat.postMessage") if p["channel"] == "C0CARE"]
    shown = texts(note["blocks"])
    assert "Ann" in shown and "may need some support" in shown and WORDS not in shown
    assert list(buttons(note["blocks"])) == ["I'll reach out", "Done"]
    take = buttons(note["blocks"])["I'll reach out"]
    posted = fake.history["C0CARE"][-1]

    refused = await press(fake, side, BOB, take, posted)
    assert "That button is for moderators" in texts(refused["blocks"])
    taken = await press(fake, side, MOD, take, posted)
    assert "nobody doubles up" in texts(taken["blocks"])
    late = await press(fake, side, "USAM", take, posted)
    assert "Mia" in texts(late["blocks"]) and "already reaching out" in texts(late["blocks"])

    await app.outbox.drain_all()
    [edit] = fake.called("chat.update")
    assert edit["channel"] == "C0CARE" and edit["ts"] == posted["ts"]
    assert "Mia" in texts(edit["blocks"]) and "reaching out" in texts(edit["blocks"])
    assert WORDS not in texts(edit["blocks"]) and list(buttons(edit["blocks"])) == ["Hand over", "Done"]

    clock.advance(timedelta(seconds=5))  # (a moment later: no double press)
    handed = await press(fake, side, MOD, buttons(edit["blocks"])["Hand over"], posted)
    assert "Handed back" in texts(handed["blocks"])
    # Sam's Done on the post as it showed Mia reaching out: from before the note changed, so it does nothing.
    stale = await press(fake, side, "USAM", buttons(edit["blocks"])["Done"], posted)
    assert "from before the note changed" in texts(stale["blocks"])
    await app.outbox.drain_all()
    reopened = fake.called("chat.update")[-1]
    assert list(buttons(reopened["blocks"])) == ["I'll reach out", "Done"]
    done = await press(fake, side, "USAM", buttons(reopened["blocks"])["Done"], posted)
    assert "Marked done" in texts(done["blocks"])
    await app.outbox.drain_all()
    last = fake.called("chat.update")[-1]
    assert "Done" in texts(last["blocks"]) and "Sam" in texts(last["blocks"]) and not buttons(last["blocks"])
    assert fake.history["C0CARE"][-1]["blocks"] == last["blocks"]  # one message, updated in place


async def test_the_member_asks_for_a_follow_up_and_sees_the_resources_still(app, fake, side):
    said = await care_reply(fake, side)
    before = len(fake.called("response_url"))
    await side.click(ANN, buttons(said["blocks"])["Check on me tomorrow"], ephemeral=True)
    asked = (await fake.wait_for("response_url", before + 1))[-1]
    assert "tomorrow" in texts(asked["blocks"]) and "Find A Helpline" in texts(asked["blocks"])
    assert await app.store.care.followup_of(f"slack:{fake.team}", f"slack:{ANN}") is not None


async def press(fake, side, user, element, message):
    before = len(fake.called("response_url"))
    await side.click(user, element, message=message, channel="C0CARE")
    return (await fake.wait_for("response_url", before + 1))[-1]


async def care_reply(fake, side):
    """Ann keeps a note whose words read as crisis: "Kept", then the private care reply."""
    before = len(fake.called("response_url"))
    await side.command(ANN, f"note {WORDS}")
    replies = await fake.wait_for("response_url", before + 2)
    return next(r for r in replies[before:] if "Check on me tomorrow" in buttons(r.get("blocks", [])))


async def test_mod_care_typed_alone_lists_the_notes(app, fake, side):
    await reply_to(fake, side, MOD, "mod settings alert_channel <#C0CARE|care>")
    await care_reply(fake, side)
    listed = await reply_to(fake, side, MOD, "mod care")
    shown = texts(listed["blocks"])
    assert "Care notes" in shown and "Ann" in shown and "nobody has it yet" in shown and WORDS not in shown


async def test_a_note_raised_again_carries_the_notes_buttons_and_a_press_in_the_dm_takes_it(app, fake, side, clock):
    from datetime import timedelta

    from bot.scheduling.runner import RoundScheduler

    await reply_to(fake, side, MOD, f"mod moderators add <@{MOD}>")
    await reply_to(fake, side, MOD, "mod settings alert_channel <#C0CARE|care>")
    await care_reply(fake, side)
    await app.outbox.drain_all()
    clock.advance(timedelta(minutes=app.config["safety.care_raise_after_minutes"] + 1))
    await RoundScheduler(app).run_job("care.raise_again")
    await app.outbox.drain_all()
    [dm] = [p for p in fake.called("chat.postMessage") if str(p["channel"]).startswith("D")
            and "still open" in texts(p.get("blocks", []))]
    assert list(buttons(dm["blocks"])) == ["I'll reach out", "Done"] and WORDS not in texts(dm["blocks"])
    before = len(fake.called("response_url"))
    await side.click(MOD, buttons(dm["blocks"])["I'll reach out"], message={"ts": "9.9"}, channel=dm["channel"])
    taken = (await fake.wait_for("response_url", before + 1))[-1]
    assert "nobody doubles up" in texts(taken["blocks"])
    await app.outbox.drain_all()
    [edit] = fake.called("chat.update")
    assert edit["channel"] == "C0CARE" and "reaching out" in texts(edit["blocks"])


async def test_a_double_press_on_reach_out_does_not_hand_the_note_straight_back(app, fake, side):
    """Slack updates the note in place: a second press lands on "Hand over" where "I'll reach out" was."""
    await reply_to(fake, side, MOD, "mod settings alert_channel <#C0CARE|care>")
    await care_reply(fake, side)
    await app.outbox.drain_all()
    [note] = [p for p in fake.called("chat.postMessage") if p["channel"] == "C0CARE"]
    posted = fake.history["C0CARE"][-1]
    taken = await press(fake, side, MOD, buttons(note["blocks"])["I'll reach out"], posted)
    assert "nobody doubles up" in texts(taken["blocks"])
    await app.outbox.drain_all()
    [edit] = fake.called("chat.update")
    second = await press(fake, side, MOD, buttons(edit["blocks"])["Hand over"], posted)
    assert "second press" in texts(second["blocks"])
    (got,) = await app.store.care.listing(got_community(app, fake), app.now().replace(year=2000))
    assert got.state == "taken"


async def test_a_moderator_a_note_is_about_is_refused_its_buttons_on_slack(app, fake, side):
    await reply_to(fake, side, MOD, "mod settings alert_channel <#C0CARE|care>")
    before = len(fake.called("response_url"))
    await side.command(MOD, f"note {WORDS}")
    await fake.wait_for("response_url", before + 2)
    await app.outbox.drain_all()
    [note] = [p for p in fake.called("chat.postMessage") if p["channel"] == "C0CARE"]
    posted = fake.history["C0CARE"][-1]
    for label in ("I'll reach out", "Done"):
        refused = await press(fake, side, MOD, buttons(note["blocks"])[label], posted)
        assert "This care note is about you" in texts(refused["blocks"])
    (got,) = await app.store.care.listing(got_community(app, fake), app.now().replace(year=2000))
    assert got.state == "open"


def got_community(app, fake) -> str:
    return f"slack:{fake.team}"


async def test_shared_words_in_crisis_are_held_and_post_them_puts_them_up_on_slack(app, clock, fake, side):
    """Typed as a slash command: the care reply says the words are held, the next message offers the choice, and
    nothing is posted in the round's thread until "Post them with my name" is pressed."""
    from datetime import datetime, timezone

    from bot.scheduling.runner import RoundScheduler
    from tests.adapters.slack.test_member import make_schedule

    await make_schedule(side, fake)
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    await RoundScheduler(app).run_pending()
    before = len(fake.called("response_url"))
    await side.command(ANN, f"checkin answer 1 shared {WORDS}")
    replies = (await fake.wait_for("response_url", before + 2))[before:]
    assert "haven't posted them yet" in texts(replies[0]["blocks"])
    (offer,) = [r for r in replies if "Keep them private" in buttons(r.get("blocks", []))]
    assert list(buttons(offer["blocks"])) == ["Keep them private", "Post them with my name"]
    await app.outbox.drain_all()
    assert not [m for m in fake.history.get("C0GENERAL", []) if WORDS in m.get("text", "")]
    n = len(fake.called("response_url"))
    await side.click(ANN, buttons(offer["blocks"])["Post them with my name"], ephemeral=True)
    posted = (await fake.wait_for("response_url", n + 1))[-1]
    assert "shared with the group" in texts(posted["blocks"])
    await app.outbox.drain_all()
    assert [m for m in fake.history.get("C0GENERAL", []) if WORDS in m.get("text", "")]


async def care_note_text(app, fake, clock) -> str:
    """The care channel's note, once its tick has come."""
    from bot.store.rounds import next_tick

    await fake.settle()
    clock.set(next_tick(clock.now()) + timedelta(seconds=1))
    await app.outbox.drain_all()
    [note] = [p for p in fake.called("chat.postMessage") if p["channel"] == "C0CARE"]
    return texts(note["blocks"])


async def test_a_care_note_for_words_in_hearths_dm_says_a_private_message_never_the_dm(app, fake, side, clock):
    """A message in Hearth's DM, and /hearth typed there: the note says a private message, never "in #DANN"."""
    await reply_to(fake, side, MOD, "mod settings alert_channel <#C0CARE|care>")
    await side.command(ANN, "me region I keep thinking about ending my life", channel="DANN")
    shown = await care_note_text(app, fake, clock)
    assert "in a private message to Hearth" in shown and "DANN" not in shown and WORDS not in shown


async def test_a_care_note_for_a_message_in_hearths_dm_says_a_private_message(app, fake, side, clock):
    await reply_to(fake, side, MOD, "mod settings alert_channel <#C0CARE|care>")
    await side.event({"type": "message", "channel_type": "im", "user": ANN, "channel": "DANN", "ts": "2.0",
                      "text": WORDS}, "EvDmCare1")
    await fake.wait_for("chat.postMessage", where=lambda p: p["channel"] == ANN)
    shown = await care_note_text(app, fake, clock)
    assert "may need some support right now, in a private message to Hearth." in shown


async def test_a_care_note_for_a_slash_command_in_a_channel_says_where_it_was_typed(app, fake, side, clock):
    await reply_to(fake, side, MOD, "mod settings alert_channel <#C0CARE|care>")
    await side.command(ANN, "me region I keep thinking about ending my life", channel="C0GENERAL")
    shown = await care_note_text(app, fake, clock)
    assert "in a command to Hearth in" in shown and "message" not in shown


async def test_me_delete_updates_the_care_note_to_say_it_was_withdrawn_and_its_dm_button_says_so(
        app, fake, side, clock):
    """The member erases their data: the note is updated in place (`chat.update`, its blocks checked against Block
    Kit by the fake) to a line naming nobody, its buttons gone, never deleted; the reminder in the moderator's DM
    can't be taken back, and its button answers kindly that the note was withdrawn."""
    from bot.scheduling.runner import RoundScheduler

    await reply_to(fake, side, MOD, f"mod moderators add <@{MOD}>")
    await reply_to(fake, side, MOD, "mod settings alert_channel <#C0CARE|care>")
    await care_reply(fake, side)
    await app.outbox.drain_all()
    posted = fake.history["C0CARE"][-1]
    clock.advance(timedelta(minutes=app.config["safety.care_raise_after_minutes"] + 1))
    await RoundScheduler(app).run_job("care.raise_again")
    await app.outbox.drain_all()
    [dm] = [p for p in fake.called("chat.postMessage") if str(p["channel"]).startswith("D")
            and "still open" in texts(p.get("blocks", []))]

    ask = await reply_to(fake, side, ANN, "me delete")
    assert "In the moderators' channel, it will say only that a care note was withdrawn" in texts(ask["blocks"])
    await side.click(ANN, buttons(ask["blocks"])["Yes, go ahead"], ephemeral=True)
    [done] = await fake.wait_for("response_url", where=lambda p: "Done." in texts(p.get("blocks", [])))
    assert "its post will say only that a care note was withdrawn" in texts(done["blocks"])
    result = await app.outbox.drain_all()
    assert result.failed == 0
    assert not [d for d in fake.called("chat.delete") if d["channel"] == "C0CARE"]
    [update] = fake.called("chat.update")
    assert update["channel"] == "C0CARE" and update["ts"] == posted["ts"] and not buttons(update["blocks"])
    assert texts(update["blocks"]) == ("A care note was here. The person it was about has since deleted their data "
                                       "with Hearth, so it's gone.")
    assert "Ann" not in str(update) and ANN not in str(update)
    assert fake.history["C0CARE"][-1]["blocks"] == update["blocks"]  # the one message, updated in place

    before = len(fake.called("response_url"))
    await side.click(MOD, buttons(dm["blocks"])["I'll reach out"], message={"ts": "9.9"}, channel=dm["channel"])
    pressed = (await fake.wait_for("response_url", before + 1))[-1]
    assert "This care note was withdrawn" in texts(pressed["blocks"]) and "can't find" not in texts(pressed["blocks"])


async def test_a_note_whose_moderator_erased_their_data_is_updated_open_again_for_another_to_take(
        app, fake, side):
    """Mia took the note, then deleted her data: the note is updated in place (`chat.update`, its blocks checked
    against Block Kit by the fake) to say it's open again, with the buttons to take it, not that someone who left is
    reaching out; Sam takes it from there."""
    fake.add_user("USAM", "Sam", admin=True)
    await reply_to(fake, side, MOD, "mod settings alert_channel <#C0CARE|care>")
    await care_reply(fake, side)
    await app.outbox.drain_all()
    [note] = [p for p in fake.called("chat.postMessage") if p["channel"] == "C0CARE"]
    posted = fake.history["C0CARE"][-1]
    await press(fake, side, MOD, buttons(note["blocks"])["I'll reach out"], posted)
    await app.outbox.drain_all()
    assert "Mia" in texts(fake.called("chat.update")[-1]["blocks"])

    ask = await reply_to(fake, side, MOD, "me delete")
    await side.click(MOD, buttons(ask["blocks"])["Yes, go ahead"], ephemeral=True)
    await fake.wait_for("response_url", where=lambda p: "Done." in texts(p.get("blocks", [])))
    assert (await app.outbox.drain_all()).failed == 0
    update = fake.called("chat.update")[-1]
    shown = texts(update["blocks"])
    assert update["channel"] == "C0CARE" and update["ts"] == posted["ts"]
    assert "Mia" not in shown and "reaching out" not in shown and "Ann" in shown and WORDS not in shown
    assert "The moderator who took this one has since deleted their data with Hearth, so it's open again" in shown
    assert list(buttons(update["blocks"])) == ["I'll reach out", "Done"]

    taken = await press(fake, side, "USAM", buttons(update["blocks"])["I'll reach out"], posted)
    assert "nobody doubles up" in texts(taken["blocks"])
    await app.outbox.drain_all()
    assert "*Sam* is reaching out" in texts(fake.called("chat.update")[-1]["blocks"])


async def test_a_care_note_for_a_mention_refused_before_it_ran_says_a_message_where_others_read_it(app, fake, side,
                                                                                                   clock):
    """Trial 20 B2: a mention sits in the channel for others to read ("a message"), also when its line was refused
    before it ran; a slash command is seen by nobody else ("a command": the test above)."""
    from testing.fake_slack import BOT_USER

    await reply_to(fake, side, MOD, "mod settings alert_channel <#C0CARE|care>")
    await side.event({"type": "app_mention", "user": ANN, "channel": "C0GENERAL", "ts": "9.0",
                      "text": f"<@{BOT_USER}> checkin answer 9 {WORDS}"}, "EvMentionCare1")
    await fake.wait_for("chat.postEphemeral")
    shown = await care_note_text(app, fake, clock)
    assert "in a message to Hearth in" in shown and "command" not in shown and WORDS not in shown
