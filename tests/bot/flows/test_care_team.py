"""The care team: a care note's buttons (take, hand over, done), duty, the raise-again job, the member's
follow-up and `mod care list`. Always who and where, never what."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import timedelta

from bot.clock import utc_iso
from bot.events import SHOWN_TO
from bot.flows.care_team import DONE, FOLLOW_UP, HAND_OVER, TAKE
from bot.scheduling.runner import RoundScheduler
from bot.store import member_data
from tests.bot.flows.test_crisis_care import CRISIS, with_alert_channel
from tests.bot.flows.test_my_data import delete_everything
from tests.conftest import actor, press, ref_of, run, text, typed

MIA, SAM = actor("mia", moderator=True), actor("sam", moderator=True)
ANN = actor("ann")


async def crisis_note(app) -> int:
    """Ann's words read as crisis; the care channel gets a note. Its id."""
    await with_alert_channel(app)
    await run(app, ANN, "note", text=CRISIS)
    (note,) = await app.store.care.listing(ANN.community_id, app.now() - timedelta(days=1))
    return note.id


async def posts_to_mods(app) -> list:
    await app.outbox.drain_all()
    return [d for d in app.sent if d.channel == "console:mods"]


async def test_the_note_has_the_care_buttons_and_says_who_and_where_never_what(app):
    note = await crisis_note(app)
    (post,) = await posts_to_mods(app)
    assert post.kind == "post" and "Ann" in post.message.plain() and CRISIS not in post.message.plain()
    assert [(b.label, b.action, b.args["note"]) for b in post.message.buttons] == [
        ("I'll reach out", TAKE, str(note)), ("Done", DONE, str(note))]


async def test_taking_edits_the_note_to_name_who_has_it_then_hand_over_and_done(app):
    note = await crisis_note(app)
    (post,) = await posts_to_mods(app)
    said = text(await press(app, MIA, TAKE, {"note": str(note)}))
    assert "nobody doubles up" in said
    edits = [d for d in await posts_to_mods(app) if d.kind == "edit"]
    assert len(edits) == 1 and edits[0].ref == ref_of(app, post)  # the post's own id: edited in place
    shown = edits[0].message.plain()
    assert "Mia** is reaching out" in shown or "Mia is reaching out" in shown
    assert CRISIS not in shown and [b.action for b in edits[0].message.buttons] == [HAND_OVER, DONE]

    assert "Only" in text(await press(app, SAM, HAND_OVER, {"note": str(note)}))
    assert "Handed back" in text(await press(app, MIA, HAND_OVER, {"note": str(note)}))
    assert "Marked done" in text(await press(app, SAM, DONE, {"note": str(note)}))
    edits = [d for d in await posts_to_mods(app) if d.kind == "edit"]
    # "Handed back" was still queued when "done" came: stale before it went, it was skipped, not sent.
    assert len(edits) == 2 and {e.ref for e in edits} == {edits[0].ref}
    last = edits[-1].message
    assert "Done" in last.plain() and "Sam" in last.plain() and not last.buttons and CRISIS not in last.plain()
    assert "already marked done" in text(await press(app, MIA, TAKE, {"note": str(note)}))


async def test_two_moderators_pressing_at_once_one_wins_and_the_other_is_told_who(app):
    note = await crisis_note(app)
    first, second = await asyncio.gather(press(app, MIA, TAKE, {"note": str(note)}),
                                         press(app, SAM, TAKE, {"note": str(note)}))
    said = sorted([text(first), text(second)])
    winners = [s for s in said if "nobody doubles up" in s]
    losers = [s for s in said if "already reaching out" in s]
    assert len(winners) == 1 and len(losers) == 1
    got = await app.store.care.get(ANN.community_id, note)
    loser_told = losers[0]
    assert got.state == "taken" and (got.taken_name in loser_told)
    edits = [d for d in await posts_to_mods(app) if d.kind == "edit"]
    assert len(edits) == 1


async def test_members_forged_presses_and_other_communities_notes_are_refused(app):
    note = await crisis_note(app)
    assert "That button is for moderators" in text(await press(app, ANN, TAKE, {"note": str(note)}))
    elsewhere = actor("zed", moderator=True, community="console:elsewhere")
    assert "can't find that care note" in text(await press(app, elsewhere, TAKE, {"note": str(note)}))
    assert "can't find that care note" in text(await press(app, MIA, DONE, {"note": "99999"}))
    assert "can't find that care note" in text(await press(app, MIA, DONE, {"note": "1; DROP"}))
    assert (await app.store.care.get(ANN.community_id, note)).state == "open"


async def test_a_note_number_that_is_no_ascii_id_or_too_big_is_refused_kindly_in_the_server_and_in_a_dm(app):
    """Forged buttons: "²" passes `isdigit()` but not `int()`; "٣" passes `int()` (as 3); 30 digits overflow the
    database's integer. Each is "I can't find that care note" (in a DM, where no note names the community to ask
    about, "Only moderators"), never a failed event, on either database."""
    note = await crisis_note(app)
    app.add_platform_moderators(AskedPlatform(True))
    for forged in ("²", "٣", "1" * 30, f"{note}²", "٠" + str(note), "9" * 19, str(2**63)):
        assert "can't find that care note" in text(await press(app, MIA, TAKE, {"note": forged})), forged
        assert "button is for moderators" in text(await press(app, in_a_dm(actor("mona")), TAKE, {"note": forged})), forged
    assert (await app.store.care.get(ANN.community_id, note)).state == "open"


async def test_an_untaken_note_is_raised_once_to_moderators_on_duty_only(app, clock):
    for who in ("console:mia", "console:sam"):
        await run(app, MIA, "mod moderators add", who=who)
    await run(app, SAM, "mod care duty", duty="off")
    note = await crisis_note(app)
    runner = RoundScheduler(app)
    await runner.run_job("care.raise_again")
    await app.outbox.drain_all()
    assert not [d for d in app.sent if d.kind == "dm"]  # not yet: it was just posted
    clock.advance(timedelta(minutes=app.config["safety.care_raise_after_minutes"] + 1))
    await runner.run_job("care.raise_again")
    await runner.run_job("care.raise_again")
    await app.outbox.drain_all()
    dms = [d for d in app.sent if d.kind == "dm"]
    assert [d.user for d in dms] == ["console:mia"]
    assert "still open" in dms[0].message.plain() and CRISIS not in dms[0].message.plain()
    assert "console:mods" in str(dms[0].message.body)
    assert (await app.store.care.get(ANN.community_id, note)).raised_at is not None
    # The same buttons as the note's own, for Mia alone; pressed in the DM, they act on the note.
    dm_buttons = dms[0].message.buttons
    assert [(b.label, b.action, b.args["note"], b.args[SHOWN_TO]) for b in dm_buttons] == [
        ("I'll reach out", TAKE, str(note), "console:mia"), ("Done", DONE, str(note), "console:mia")]
    assert "meant for someone else" in text(await press(app, SAM, TAKE, dm_buttons[0].args))
    assert "nobody doubles up" in text(await press(app, MIA, TAKE, dm_buttons[0].args))
    assert (await app.store.care.get(ANN.community_id, note)).taken_by == "console:mia"
    edits = [d for d in await posts_to_mods(app) if d.kind == "edit"]
    assert len(edits) == 1 and "reaching out" in edits[0].message.plain()  # the note in the channel, edited


async def test_the_reminder_is_all_in_the_moderators_language_the_note_regenerated_not_quoted(app, clock):
    """The community speaks Portuguese, so the note was written in it; Mia reads English (`me language`): her
    reminder is English throughout, the note's words said again in English rather than quoted. Sam, who
    reads the community's language, gets the note quoted as written."""
    for who in ("console:mia", "console:sam"):
        await run(app, MIA, "mod moderators add", who=who)
    await run(app, MIA, "mod settings", key="language", value="pt")
    await run(app, MIA, "me language", language="en")
    note = await crisis_note(app)
    written = (await posts_to_mods(app))[0].message.plain()
    clock.advance(timedelta(minutes=app.config["safety.care_raise_after_minutes"] + 1))
    await RoundScheduler(app).run_job("care.raise_again")
    await app.outbox.drain_all()
    dms = {d.user: d.message for d in app.sent if d.kind == "dm"}
    mia, sam = dms["console:mia"], dms["console:sam"]
    assert "still open" in mia.plain() and "It's about Ann, posted" in mia.plain()
    assert written not in mia.plain() and [b.label for b in mia.buttons] == ["I'll reach out", "Done"]
    assert written in sam.plain() and "still open" not in sam.plain() and "I'll reach out" not in sam.plain()
    assert CRISIS not in mia.plain() + sam.plain()
    assert (await app.store.care.get(ANN.community_id, note)).raised_at is not None


async def test_an_untaken_note_with_nobody_on_duty_is_raised_in_the_care_channel(app, clock):
    await crisis_note(app)
    await run(app, MIA, "mod care duty", duty="off")
    clock.advance(timedelta(minutes=app.config["safety.care_raise_after_minutes"] + 1))
    await RoundScheduler(app).run_job("care.raise_again")
    posts = [d for d in await posts_to_mods(app) if d.kind == "post"]  # (both went out together, in any order)
    [raised] = [d for d in posts if "nobody on duty I can ask" in d.message.plain()]
    [note_post] = [d for d in posts if d is not raised]
    assert [(b.label, b.action) for b in raised.message.buttons] == [(b.label, b.action)
                                                                     for b in note_post.message.buttons]


async def test_a_taken_note_is_not_raised_again(app, clock):
    await run(app, MIA, "mod moderators add", who="console:mia")
    note = await crisis_note(app)
    await press(app, MIA, TAKE, {"note": str(note)})
    clock.advance(timedelta(hours=5))
    await RoundScheduler(app).run_job("care.raise_again")
    await app.outbox.drain_all()
    assert not [d for d in app.sent if d.kind == "dm"]


async def test_mod_care_list_shows_who_has_which_never_what_and_only_to_moderators(app):
    note = await crisis_note(app)
    await press(app, MIA, TAKE, {"note": str(note)})
    shown = text(await run(app, SAM, "mod care list"))
    assert "Ann" in shown and "Mia" in shown and "reaching out" in shown and CRISIS not in shown
    assert "Only moderators" in text(await run(app, ANN, "mod care list"))
    assert "Only moderators" in text(await run(app, ANN, "mod care duty", duty="off"))


async def test_a_crisis_reply_offers_a_private_follow_up_the_next_day(app, clock):
    replies = await run(app, ANN, "note", text=CRISIS)
    (button,) = [b for r in replies for b in r.buttons if b.action == FOLLOW_UP]
    assert button.args[SHOWN_TO] == ANN.user_id
    assert "meant for someone else" in text(await press(app, MIA, FOLLOW_UP, dict(button.args)))
    assert await app.store.care.followup_of(ANN.community_id, MIA.user_id) is None
    asked = text(await press(app, ANN, FOLLOW_UP, dict(button.args)))
    assert "tomorrow" in asked and "Find A Helpline" in asked and "not a therapist" in asked
    runner = RoundScheduler(app)
    await runner.run_job("care.follow_ups")
    await app.outbox.drain_all()
    assert not [d for d in app.sent if d.kind == "dm"]
    clock.advance(timedelta(days=1, minutes=1))
    await runner.run_job("care.follow_ups")
    await runner.run_job("care.follow_ups")
    await app.outbox.drain_all()
    dms = [d for d in app.sent if d.kind == "dm"]
    assert [d.user for d in dms] == [ANN.user_id] and "How are you today?" in dms[0].message.plain()


async def test_the_follow_up_speaks_the_members_language(app, clock):
    await run(app, ANN, "me language", language="es")
    replies = await run(app, ANN, "note", text=CRISIS)
    (button,) = [b for r in replies for b in r.buttons if b.action == FOLLOW_UP]
    assert button.label == "Pregúntame mañana"
    await press(app, ANN, FOLLOW_UP, dict(button.args))
    clock.advance(timedelta(days=2))
    await RoundScheduler(app).run_job("care.follow_ups")
    await app.outbox.drain_all()
    assert "¿Cómo estás hoy?" in [d for d in app.sent if d.kind == "dm"][0].message.plain()


async def test_export_includes_a_pending_follow_up_and_me_delete_drops_it(app, clock):
    replies = await run(app, ANN, "note", text=CRISIS)
    (button,) = [b for r in replies for b in r.buttons if b.action == FOLLOW_UP]
    await press(app, ANN, FOLLOW_UP, dict(button.args))
    exported = await app.store.care.member_export(ANN.community_id, ANN.user_id)
    assert exported["care"]["follow_up"] is not None
    full = await member_data.export(app.store, ANN.community_id, ANN.user_id, app.now())
    assert full["care"]["follow_up"]["due_at"]
    await delete_everything(app, ANN)
    assert await app.store.care.followup_of(ANN.community_id, ANN.user_id) is None
    clock.advance(timedelta(days=2))
    await RoundScheduler(app).run_job("care.follow_ups")
    await app.outbox.drain_all()
    assert not [d for d in app.sent if d.kind == "dm"]


async def test_care_actions_and_duty_are_audited_who_and_when_never_what(app, clock):
    note = await crisis_note(app)
    await press(app, MIA, TAKE, {"note": str(note)})
    await press(app, MIA, HAND_OVER, {"note": str(note)})
    await press(app, SAM, DONE, {"note": str(note)})
    await run(app, SAM, "mod care duty", duty="off")
    await run(app, SAM, "mod care duty", duty="on")
    log = list(reversed(await app.store.communities.audit_log(ANN.community_id, 10)))
    care = [(r["actor_id"], r["action"], r["detail"]) for r in log if r["action"].startswith("care.")]
    assert care == [("console:mia", "care.take", f"care note {note}"), ("console:mia", "care.hand_over",
                    f"care note {note}"), ("console:sam", "care.done", f"care note {note}"),
                    ("console:sam", "care.duty", "off"), ("console:sam", "care.duty", "on")]
    assert {r["at"] for r in log if r["action"].startswith("care.")} == {utc_iso(app.now())}
    shown = text(await run(app, MIA, "mod audit"))
    assert "is reaching out for care note" in shown and "set their care duty on" in shown
    assert CRISIS not in shown and "Ann" not in shown  # never what, nor whom it is about
    # A press that changed nothing is no entry.
    await press(app, MIA, TAKE, {"note": str(note)})
    assert [r["action"] for r in await app.store.communities.audit_log(ANN.community_id, 1)] == ["care.duty"]


async def test_a_member_pressing_ill_reach_out_is_audited_as_a_press_not_a_command_they_never_typed(app):
    """Ann mis-pressed the note's "I'll reach out": the log says she pressed a moderators' button, never that
    she tried to open the care list; she is told the button is for moderators, in any language."""
    note = await crisis_note(app)
    said = text(await press(app, ANN, TAKE, {"note": str(note)}))
    assert "That button is for moderators" in said and "mod care" not in said
    ((action, detail),) = [(r["action"], r["detail"]) for r in
                           await app.store.communities.audit_log(ANN.community_id, 1)]
    assert (action, detail) == ("refused.button", "not a moderator")
    shown = text(await run(app, MIA, "mod audit"))
    assert "Ann pressed a button meant for moderators" in shown and "care list" not in shown
    await run(app, MIA, "mod settings", key="language", value="pt")
    shown = text(await run(app, MIA, "mod audit"))
    assert "pressed a button" not in shown and "care list" not in shown


async def test_mod_care_list_says_who_is_on_duty_only_by_default_never_as_if_they_chose_it(app):
    """Bob never ran `mod care duty on`: he is asked by default (listed moderators are, until they say off), and
    the list says so rather than counting him as if he had set himself on duty."""
    for who in ("console:mia", "console:bob"):
        await run(app, MIA, "mod moderators add", who=who)
    await crisis_note(app)
    shown = text(await run(app, MIA, "mod care list"))
    assert "Nobody has set their care duty, so every moderator on my list is asked" in shown and "2 moderators" in shown
    assert "On duty for notes" not in shown
    await run(app, MIA, "mod care duty", duty="on")
    shown = text(await run(app, MIA, "mod care list"))
    assert "On duty for notes not taken in time: 2 moderators." in shown
    assert "1 of them never set their care duty, so is on duty by default." in shown
    await run(app, actor("bob", moderator=True), "mod care duty", duty="off")
    shown = text(await run(app, MIA, "mod care list"))
    assert "On duty for notes not taken in time: 1 moderator." in shown and "by default" not in shown


async def test_mod_care_typed_alone_shows_the_notes(app):
    from bot.commands.parse import parse_line

    await crisis_note(app)
    cmd, args = parse_line(app.registry, "mod care")
    assert cmd.name == "mod care list"
    shown = text(await run(app, MIA, cmd.name, **args))
    assert "Care notes" in shown and "Ann" in shown and "open" in shown and CRISIS not in shown


class AskedPlatform:
    """A platform's `PlatformModerators` that says what it is told to, and remembers what it was asked."""

    platform = "console"

    def __init__(self, word: bool | None) -> None:
        self.word = word
        self.asked: list[tuple[str, str]] = []

    async def still(self, community_id: str, user_id: str) -> bool | None:
        self.asked.append((community_id, user_id))
        return self.word


def in_a_dm(who, community: str | None = None):
    """`who` pressing in a DM: the platform's event says nothing of who moderates (`platform_moderator` None),
    and the adapter names the community from the button (or, forged, another)."""
    return replace(who, platform_moderator=None, community_id=community or who.community_id, channel_id=None)


async def test_a_press_in_a_dm_asks_the_platform_about_the_notes_community_only(app):
    note = await crisis_note(app)
    platform = AskedPlatform(True)
    app.add_platform_moderators(platform)
    mona = actor("mona")  # moderates by the platform's word only: not on Hearth's list
    assert "nobody doubles up" in text(await press(app, in_a_dm(mona), TAKE, {"note": str(note)}))
    assert platform.asked == [(ANN.community_id, "console:mona")]
    assert (await app.store.care.get(ANN.community_id, note)).taken_by == "console:mona"

    # Pressed as if from another community (forged, or a moderator there): that community's word is never
    # asked about this note, nor this community's on that one's behalf; refused, as before.
    zed = in_a_dm(actor("zed"), community="console:elsewhere")
    assert "button is for moderators" in text(await press(app, zed, DONE, {"note": str(note)}))
    assert platform.asked == [(ANN.community_id, "console:mona")]
    # A press in the server carries the platform's own word: nobody is asked.
    assert "button is for moderators" in text(await press(app, ANN, DONE, {"note": str(note)}))
    assert len(platform.asked) == 1 and (await app.store.care.get(ANN.community_id, note)).state == "taken"


async def test_a_dm_press_the_platform_refuses_or_cant_answer_changes_nothing(app, clock):
    note = await crisis_note(app)
    platform = AskedPlatform(None)  # can't tell right now
    app.add_platform_moderators(platform)
    sam = actor("sam")
    await app.store.dashboard.open_session("s" * 64, replace(sam, platform_moderator=True), "c", app.now(),
                                           app.now() + timedelta(hours=1))
    assert "button is for moderators" in text(await press(app, in_a_dm(sam), TAKE, {"note": str(note)}))
    assert platform.asked == [(ANN.community_id, "console:sam")]
    # "Can't tell" is no word against them: their dashboard session goes on.
    assert await app.store.dashboard.open_sessions(ANN.community_id, "console:sam", app.now()) == 1

    platform.word = False  # the platform says they don't moderate (asked again: "can't tell" isn't kept)
    assert "button is for moderators" in text(await press(app, in_a_dm(sam), TAKE, {"note": str(note)}))
    assert len(platform.asked) == 2
    assert await app.store.dashboard.open_sessions(ANN.community_id, "console:sam", app.now()) == 0
    assert (await app.store.care.get(ANN.community_id, note)).state == "open"


async def test_the_care_channel_never_links_or_ids_someone_whose_name_nobody_knows(app):
    """Posts many read name people by name, else "A member": never the platform's link to them (on Slack a
    mention in a post pings them: the member would learn of the note) and never an id."""
    from dataclasses import replace

    from bot.events import PersonRef

    nameless, zoe = replace(ANN, display_name=""), replace(actor("zoe", moderator=True), display_name="")
    await with_alert_channel(app)
    await run(app, nameless, "note", text=CRISIS)
    (note,) = await app.store.care.listing(ANN.community_id, app.now() - timedelta(days=1))
    await press(app, zoe, TAKE, {"note": str(note.id)})
    posts = await posts_to_mods(app)
    assert [d.kind for d in posts] == ["post", "edit"]
    assert posts[0].message.plain().startswith("💛 A member ") and "A member is reaching out" in posts[1].message.plain()
    assert not any(isinstance(p, PersonRef) for d in posts for p in d.message.body.parts)
    assert not any("console:" in d.message.plain() for d in posts)


# -- the member's data rights over care notes about them -------------------------------------------------


async def test_me_data_and_export_tell_the_member_about_care_notes_without_what_or_which_moderator(app):
    note = await crisis_note(app)
    await posts_to_mods(app)
    await press(app, MIA, TAKE, {"note": str(note)})
    shown = text(await run(app, ANN, "me data"))
    assert "1 care note about you to this community's moderators" in shown and "never what you wrote" in shown
    exported = (await member_data.export(app.store, ANN.community_id, ANN.user_id, app.now()))["care"]
    [entry] = exported["notes_to_moderators"]
    assert entry["care_channel"] == "console:mods" and entry["status"] == "taken" and entry["noted_at"]
    assert "mia" not in str(entry).lower() and CRISIS not in str(exported)


WITHDRAWN = "A care note was here. The person it was about has since deleted their data with Hearth, so it's gone."


async def test_me_delete_edits_the_care_notes_posts_to_say_it_was_withdrawn_and_says_so(app, clock):
    """The note moderators were about to act on doesn't vanish: its post, and the channel's "still open" reminder,
    are edited in place to a line naming nobody; `mod care list` counts it; nothing of Ann stays in either."""
    note = await crisis_note(app)
    await run(app, MIA, "mod care duty", duty="off")
    clock.advance(timedelta(minutes=app.config["safety.care_raise_after_minutes"] + 1))
    await RoundScheduler(app).run_job("care.raise_again")
    posts = [d for d in await posts_to_mods(app) if d.kind == "post"]
    assert len(posts) == 2 and all("Ann" in d.message.plain() for d in posts)  # the note, and "nobody is on duty"
    asked = text(await run(app, ANN, "me delete"))
    assert "In the moderators' channel, it will say only that a care note was withdrawn, with nothing of yours" \
        in asked
    said = await delete_everything(app, ANN)
    assert "The care note about you is deleted too. In the moderators' channel, its post will say only that a care " \
        "note was withdrawn, with nothing of yours in it." in said and "coming down" not in said
    assert await app.store.care.get(ANN.community_id, note) is None
    sent_before = len(app.sent)
    await app.outbox.drain_all()
    after = [d for d in app.sent[sent_before:] if d.channel == "console:mods"]
    assert [d.kind for d in after] == ["edit", "edit"]  # edited in place, nothing taken down
    assert {d.ref for d in after} == {ref_of(app, d) for d in posts}
    for d in after:
        assert d.message.plain() == WITHDRAWN and not d.message.buttons
    assert not any(n in d.message.plain() or n in str(d.message.body.parts) for d in after for n in ("Ann", "ann"))
    assert "care note" not in text(await run(app, ANN, "me data"))
    listed = text(await run(app, SAM, "mod care list"))
    assert "No care notes are open" in listed and "1 care note was withdrawn in the last two weeks" in listed
    assert "Ann" not in listed


async def test_a_care_note_posted_while_its_member_erased_their_data_is_then_edited_withdrawn(app):
    """The note's post was on its way out when the member ran `me delete`: once out, it is edited to say the note
    was withdrawn (not taken down: the moderators would see it appear and vanish)."""
    await crisis_note(app)
    [entry] = [e for e in await app.store.outbox.claim_due("console", app.now() + timedelta(minutes=10), 10, "race",
                                                           timedelta(minutes=1))
               if e.target.get("care_note")]
    await delete_everything(app, ANN)
    await app.store.outbox.mark_sent(entry, "msg-raced", app.now())
    await app.outbox.drain_all()
    mods = [d for d in app.sent if d.channel == "console:mods"]
    assert [(d.kind, d.ref, d.message.plain()) for d in mods] == [("edit", "msg-raced", WITHDRAWN)]


async def test_a_note_whose_moderator_erased_their_data_is_open_again_and_says_so(app, clock):
    """It said "someone who has since deleted their data is reaching out": nobody was any more. The post is edited
    in place to open again, with the buttons to take it; another moderator takes it; `mod care list` and the
    reminder, raised now nobody has it, say what happened, never "nobody has said they'll reach out yet"."""
    await run(app, MIA, "mod moderators add", who="console:sam")
    note = await crisis_note(app)
    (post,) = await posts_to_mods(app)
    await press(app, MIA, TAKE, {"note": str(note)})
    await posts_to_mods(app)
    clock.advance(timedelta(minutes=app.config["safety.care_raise_after_minutes"] + 1))
    await delete_everything(app, MIA)
    [last] = [d for d in await posts_to_mods(app) if d.kind == "edit"][-1:]
    shown = last.message.plain()
    assert last.ref == ref_of(app, post) and "Mia" not in shown and "reaching out" not in shown
    assert "The moderator who took this one has since deleted their data with Hearth, so it's open again: " \
           "someone else can take it." in shown
    assert "Ann" in shown and CRISIS not in shown  # still the note about Ann, who is still here
    assert [(b.label, b.action, b.args["seen"]) for b in last.message.buttons] == [
        ("I'll reach out", TAKE, "open"), ("Done", DONE, "open")]
    listed = text(await run(app, SAM, "mod care list"))
    assert "open again, as the moderator who took it has since deleted their data" in listed
    assert "reaching out" not in listed and "nobody has it yet" not in listed

    await RoundScheduler(app).run_job("care.raise_again")  # nobody has it, long after it went up: Sam is asked
    await app.outbox.drain_all()
    [dm] = [d for d in app.sent if d.kind == "dm" and d.user == "console:sam"]
    assert "is open again: the moderator who took it has since deleted their data" in dm.message.plain()
    assert "nobody has said" not in dm.message.plain()

    assert "nobody doubles up" in text(await press(app, SAM, TAKE, last.message.buttons[0].args))
    [taken] = [d for d in await posts_to_mods(app) if d.kind == "edit"][-1:]
    assert "Sam is reaching out" in taken.message.plain() and "open again" not in taken.message.plain()


async def test_a_note_its_moderator_closed_still_says_done_by_someone_who_since_deleted_their_data(app):
    note = await crisis_note(app)
    await press(app, MIA, TAKE, {"note": str(note)})
    await press(app, MIA, DONE, {"note": str(note)})
    await posts_to_mods(app)
    await delete_everything(app, MIA)
    [last] = [d for d in await posts_to_mods(app) if d.kind == "edit"][-1:]
    shown = last.message.plain()
    assert "Mia" not in shown and "someone who has since deleted their data" in shown.lower()
    assert "open again" not in shown and not last.message.buttons


async def test_a_note_open_again_with_nobody_on_duty_is_raised_in_the_care_channel_truthfully(app, clock):
    note = await crisis_note(app)
    await press(app, MIA, TAKE, {"note": str(note)})
    await delete_everything(app, MIA)
    await posts_to_mods(app)
    clock.advance(timedelta(minutes=app.config["safety.care_raise_after_minutes"] + 1))
    await RoundScheduler(app).run_job("care.raise_again")
    [raised] = [d for d in await posts_to_mods(app) if d.kind == "post" and "nobody on duty" in d.message.plain()]
    assert raised.message.plain().startswith("💛 This care note is open again (the moderator who took it has since "
                                             "deleted their data with Hearth)")


async def test_me_data_names_a_follow_up_still_to_come(app):
    replies = await run(app, ANN, "note", text=CRISIS)
    (button,) = [b for r in replies for b in r.buttons if b.action == FOLLOW_UP]
    assert "private check-in you asked me for" not in text(await run(app, ANN, "me data"))
    await press(app, ANN, FOLLOW_UP, dict(button.args))
    assert "The private check-in you asked me for after a hard moment, due Tue 6 Jan" in text(
        await run(app, ANN, "me data"))


async def test_a_follow_up_is_due_on_the_members_own_calendar_day(app):
    """Due Tue 6 Jan 08:00 UTC is Mon 5 Jan, 22:00 in Honolulu: `me data` and `me delete`'s question showed the UTC
    day ("due Tue 6 Jan") to a member whose every time is in their own zone."""
    await run(app, ANN, "me timezone", timezone="Pacific/Honolulu")
    replies = await run(app, ANN, "note", text=CRISIS)
    (button,) = [b for r in replies for b in r.buttons if b.action == FOLLOW_UP]
    await press(app, ANN, FOLLOW_UP, dict(button.args))
    assert "after a hard moment, due Mon 5 Jan" in text(await run(app, ANN, "me data"))
    assert "after a hard moment, due Mon 5 Jan" in text(await run(app, ANN, "me delete"))


# -- the member a note is about: never asked about it, never handles it ----------------------------------------

ABOUT_YOU = "This care note is about you"


async def note_about(app, who) -> int:
    """A care note about `who` (a moderator, say), from crisis words in a private note. Its id."""
    await with_alert_channel(app)
    await run(app, who, "note", text=CRISIS)
    (note,) = [n for n in await app.store.care.listing(who.community_id, app.now() - timedelta(days=1))
               if n.user_id == who.user_id]
    return note.id


async def test_a_moderator_a_note_is_about_can_not_take_hand_over_or_close_it_and_is_told_kindly(app):
    note = await note_about(app, MIA)
    args = {"note": str(note)}
    for action in (TAKE, DONE, HAND_OVER):
        said = text(await press(app, MIA, action, args))
        assert ABOUT_YOU in said and "support" in said, action
        assert (await app.store.care.get(MIA.community_id, note)).state == "open"
    # Sam takes it; Mia still can't hand it back or close it.
    assert "nobody doubles up" in text(await press(app, SAM, TAKE, args))
    for action in (HAND_OVER, DONE):
        assert ABOUT_YOU in text(await press(app, MIA, action, args)), action
    got = await app.store.care.get(MIA.community_id, note)
    assert got.state == "taken" and got.taken_by == SAM.user_id
    # Not audited: nothing changed, and an entry would tell the team when Mia looked at her own note (an outside
    # trial: "mia pressed a button of care note 1 that wasn't theirs to press", in every moderator's audit).
    log = await app.store.communities.audit_log(MIA.community_id)
    assert [r for r in log if r["actor_id"] == MIA.user_id and "care" in r["action"]] == []
    assert "wasn't theirs" not in text(await run(app, SAM, "mod audit"))


async def test_a_forged_press_in_a_dm_by_the_member_a_note_is_about_is_refused_too(app):
    note = await note_about(app, MIA)
    await run(app, SAM, "mod moderators add", who=MIA.user_id)
    assert ABOUT_YOU in text(await press(app, in_a_dm(MIA), TAKE, {"note": str(note)}))
    assert (await app.store.care.get(MIA.community_id, note)).state == "open"


async def test_a_note_about_a_moderator_on_duty_is_raised_to_the_others_never_to_them(app, clock):
    for who in ("console:mia", "console:sam"):
        await run(app, SAM, "mod moderators add", who=who)
    note = await note_about(app, MIA)
    listed = text(await run(app, SAM, "mod care list"))
    assert "I won't ask them about a note about themselves: 1 other moderator will be asked" in listed
    clock.advance(timedelta(minutes=app.config["safety.care_raise_after_minutes"] + 1))
    await RoundScheduler(app).run_job("care.raise_again")
    await app.outbox.drain_all()
    assert [d.user for d in app.sent if d.kind == "dm"] == ["console:sam"]
    assert (await app.store.care.get(MIA.community_id, note)).raised_at is not None


async def test_a_note_about_the_only_moderator_on_duty_goes_to_the_care_channel_and_the_list_says_so(app, clock):
    await run(app, MIA, "mod moderators add", who="console:mia")
    await note_about(app, MIA)
    listed = text(await run(app, MIA, "mod care list"))
    assert "nobody else is on duty: if nobody takes it in time, I'll ask in the care channel instead" in listed
    clock.advance(timedelta(minutes=app.config["safety.care_raise_after_minutes"] + 1))
    await RoundScheduler(app).run_job("care.raise_again")
    posts = await posts_to_mods(app)
    assert not [d for d in app.sent if d.kind == "dm"]  # never to Mia herself
    (raised,) = [d for d in posts if "nobody on duty I can ask about it privately" in d.message.plain()]
    assert "Mia" in raised.message.plain() and CRISIS not in raised.message.plain()


# -- a press acts on the note as the presser saw it --------------------------------------------------------------


async def latest_buttons(app) -> dict:
    """The buttons of the care note's post as it now stands (its last edit, or the post), by action."""
    shown = [d for d in await posts_to_mods(app) if d.kind in ("post", "edit") and "may need some support"
             in d.message.plain()]
    return {b.action: dict(b.args) for b in shown[-1].message.buttons}


async def test_a_double_press_on_the_redrawn_button_is_refused_not_applied_as_the_new_button(app, clock):
    note = await crisis_note(app)
    first = (await latest_buttons(app))[TAKE]
    assert "nobody doubles up" in text(await press(app, MIA, TAKE, first))
    redrawn = await latest_buttons(app)
    assert list(redrawn) == [HAND_OVER, DONE]
    said = text(await press(app, MIA, HAND_OVER, redrawn[HAND_OVER]))  # the same place, a moment later
    assert "second press" in said and "Hand over" in said
    got = await app.store.care.get(ANN.community_id, note)
    assert got.state == "taken" and got.taken_by == MIA.user_id
    # Pressed again a few seconds on, it is meant: it hands over; and a double press there doesn't take it back.
    clock.advance(timedelta(seconds=5))
    assert "Handed back" in text(await press(app, MIA, HAND_OVER, redrawn[HAND_OVER]))
    again = await latest_buttons(app)
    assert "second press" in text(await press(app, MIA, TAKE, again[TAKE]))
    assert (await app.store.care.get(ANN.community_id, note)).state == "open"
    # Someone else pressing the redrawn button at once is no double press of theirs.
    assert "nobody doubles up" in text(await press(app, SAM, TAKE, again[TAKE]))


async def test_a_button_drawn_for_another_state_is_refused_kindly(app, clock):
    note = await crisis_note(app)
    drawn_open = await latest_buttons(app)
    assert "nobody doubles up" in text(await press(app, MIA, TAKE, drawn_open[TAKE]))
    # Sam's Done, on the note as it was (open), would close a note Mia now has: refused, with who has it.
    said = text(await press(app, SAM, DONE, drawn_open[DONE]))
    assert "from before the note changed" in said and "Mia" in said
    assert (await app.store.care.get(ANN.community_id, note)).state == "taken"
    drawn_taken = await latest_buttons(app)
    clock.advance(timedelta(seconds=5))
    assert "Handed back" in text(await press(app, MIA, HAND_OVER, drawn_taken[HAND_OVER]))
    # Mia's Done on the post as it showed her reaching out: the note is open again now, so it does nothing.
    assert "from before the note changed" in text(await press(app, MIA, DONE, drawn_taken[DONE]))
    assert (await app.store.care.get(ANN.community_id, note)).state == "open"
    # A Take drawn when it was open works again now that it is open again (a DM raised earlier, say).
    assert "nobody doubles up" in text(await press(app, SAM, TAKE, drawn_open[TAKE]))


async def test_me_delete_before_the_notes_tick_says_it_wont_be_posted_and_it_isnt(app, clock):
    """Trial 20 B3: its question said "In the moderators' channel, it will say only that a care note was withdrawn",
    and nothing was ever posted there: only their list says it, and both the question and the answer say so."""
    clock.advance(timedelta(minutes=3))  # (between ticks: the note waits for the next one)
    await crisis_note(app)
    asked = text(await run(app, ANN, "me delete"))
    assert "It hasn't been posted yet, so if you delete now, it won't be: the moderators' list of care notes will " \
        "say only that one was withdrawn, with nothing of yours in it." in asked and "moderators' channel" not in asked
    said = await delete_everything(app, ANN)
    assert "It hadn't been posted yet, so it won't be: the moderators' list of care notes will say only that one " \
        "was withdrawn, with nothing of yours in it." in said and "coming down" not in said
    clock.advance(timedelta(minutes=10))
    assert await posts_to_mods(app) == []
    assert "1 care note was withdrawn" in text(await run(app, MIA, "mod care list"))  # (it may have listed it)


async def test_me_delete_says_what_became_of_posted_and_unposted_notes_alike(app, clock):
    await crisis_note(app)
    await posts_to_mods(app)
    clock.advance(timedelta(hours=app.config["safety.alert_cooldown_hours"], minutes=3))
    await run(app, ANN, "note", text=CRISIS + " again")
    asked = text(await run(app, ANN, "me delete"))
    assert "those already posted will say only that a care note was withdrawn, and if you delete now, the others " \
        "won't be posted" in asked
    said = await delete_everything(app, ANN)
    assert "those already posted will say only that a care note was withdrawn" in said \
        and "the others won't be posted" in said and "coming down" not in said


async def test_me_data_says_a_note_has_where_only_when_that_gives_nothing_away(app):
    await crisis_note(app)
    shown = text(await run(app, ANN, "me data"))
    assert "it has your name, and where only when that gives nothing private away" in shown
    assert "says who and where" not in shown


async def test_mod_care_duty_alone_says_whether_you_are_on_duty_and_how_to_change_it(app):
    """It refused ("needs duty") where the question was the answer: whether I am asked about untaken notes."""
    await typed(app, MIA, "mod care duty on")
    said = text(await typed(app, MIA, "mod care duty"))
    assert "You're on duty" in said and "mod care duty off" in said
    await typed(app, MIA, "mod care duty off")
    said = text(await typed(app, MIA, "mod care duty"))
    assert "You're off duty" in said and "mod care duty on" in said


async def test_a_notes_time_is_the_tick_it_went_up_on_never_the_minute_the_words_were_written(app, clock):
    """An outside trial: `mod care list` said "bob, Mon 7 Dec, 09:03", the minute he answered privately inside an
    open round, which pointed to the round. A note is said to be from the tick it went up on."""
    from datetime import datetime, timezone

    clock.set(datetime(2026, 1, 5, 9, 3, tzinfo=timezone.utc))
    await note_about(app, actor("eve"))
    clock.set(datetime(2026, 1, 5, 9, 10, tzinfo=timezone.utc))
    listed = text(await run(app, MIA, "mod care list"))
    assert "09:10" in listed and "09:03" not in listed, listed


async def test_a_note_is_listed_from_its_tick_never_before_it_with_a_time_still_to_come(app, clock):
    """An outside trial: at 09:01 `mod care list` (and the dashboard's page) listed "ann, 09:10: open", a time
    still to come, for a note the care channel would show only at 09:10: it gave away the minute her words were
    written, and what `me delete` promised ("it hasn't been posted yet") was already seen."""
    from datetime import datetime, timezone

    clock.set(datetime(2026, 1, 5, 9, 1, tzinfo=timezone.utc))
    await note_about(app, actor("eve"))
    listed = text(await run(app, MIA, "mod care list"))
    assert "Eve" not in listed and "09:10" not in listed, listed
    assert "No care notes are open" in listed
    clock.set(datetime(2026, 1, 5, 9, 10, tzinfo=timezone.utc))
    assert "Eve, Mon 5 Jan, 09:10" in text(await run(app, MIA, "mod care list"))


# -- a note withdrawn by its member's erasure -------------------------------------------------------------------


async def test_pressing_a_withdrawn_notes_button_gets_a_kind_reply_not_an_error(app, clock):
    """Its post no longer has buttons, but a reminder already in a moderator's DMs does (and a post whose edit
    hasn't gone yet): each press is told the note was withdrawn, changes nothing and is not audited."""
    await run(app, MIA, "mod moderators add", who="console:mia")
    note = await crisis_note(app)
    await posts_to_mods(app)
    clock.advance(timedelta(minutes=app.config["safety.care_raise_after_minutes"] + 1))
    await RoundScheduler(app).run_job("care.raise_again")
    await app.outbox.drain_all()
    [dm] = [d for d in app.sent if d.user == MIA.user_id and any(b.action == TAKE for b in d.message.buttons)]
    take_in_dm = next(dict(b.args) for b in dm.message.buttons if b.action == TAKE)
    await delete_everything(app, ANN)
    audited = len(await app.store.communities.audit_log(ANN.community_id, 50))
    for who, action, args in ((in_a_dm(MIA), TAKE, take_in_dm), (SAM, DONE, {"note": str(note)}),
                              (SAM, HAND_OVER, {"note": str(note)})):
        said = text(await press(app, who, action, args))
        assert "This care note was withdrawn" in said and "deleted their data" in said, said
        assert "can't find" not in said and "Ann" not in said
    assert len(await app.store.communities.audit_log(ANN.community_id, 50)) == audited
    # another community's number, or a forged one, is still refused as before
    assert "can't find that care note" in text(await press(app, SAM, TAKE, {"note": str(note + 99)}))


async def test_mod_care_list_counts_withdrawn_notes_beside_the_open_ones_for_two_weeks(app, clock):
    await crisis_note(app)
    await posts_to_mods(app)
    await delete_everything(app, ANN)
    bob = actor("bob")
    await run(app, bob, "note", text=CRISIS)
    listed = text(await run(app, MIA, "mod care list"))
    assert "Bob" in listed and "• 1 care note was withdrawn in the last two weeks" in listed and "Ann" not in listed
    clock.advance(timedelta(days=15))
    assert "withdrawn" not in text(await run(app, MIA, "mod care list"))


async def test_me_deletes_question_mentions_a_care_note_only_to_a_member_one_is_about(app):
    await crisis_note(app)
    assert "care note about you goes too" in text(await run(app, ANN, "me delete"))
    assert "goes too" not in text(await run(app, actor("bob"), "me delete"))
