"""Answering check-ins: visibilities, changes, the anonymity floor, closed rounds."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from bot.scheduling.runner import RoundScheduler
from tests.bot.scheduling.test_runner import make_schedule
from tests.conftest import actor, press, ref_of, round_post_ref, run, text, typed

UTC = timezone.utc


async def open_round(app, clock, **extra):
    await make_schedule(app, **extra)
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    await RoundScheduler(app).run_pending()
    await app.outbox.drain_all()
    return (await app.store.rounds.list_open())[0]


async def close(app, clock):
    clock.advance(timedelta(hours=3))
    await RoundScheduler(app).sweep()
    await app.outbox.drain_all()
    post_ref = round_post_ref(app)
    return [d for d in app.sent if d.kind == "edit" and d.ref == post_ref][-1].message.plain()


async def test_changing_an_answer_edits_or_removes_its_post(app, clock):
    """A named post is edited while the answer stays shared; it is never edited into an anonymous one
    (tests/bot/flows/test_anonymous_batches.py has the anonymous side)."""
    await open_round(app, clock)
    ann = actor("ann")
    await run(app, ann, "checkin answer", mood="4", visibility="shared", words="first")
    await app.outbox.drain_all()
    thread = [d for d in app.sent if d.kind == "thread"]
    assert len(thread) == 1
    posted_ref = ref_of(app, thread[0])
    reply = await run(app, ann, "checkin answer", mood="3", visibility="shared", words="second")
    assert text(reply).startswith("Updated.")
    await app.outbox.drain_all()
    edit = [d for d in app.sent if d.kind == "edit"][-1]
    assert "second" in edit.message.plain() and "Ann" in edit.message.plain() and edit.ref == posted_ref
    await run(app, ann, "checkin answer", mood="3", visibility="anonymous", words="third")
    await app.outbox.drain_all()
    assert not any(d.kind == "delete" for d in app.sent)  # it comes down with the words' batch, not before
    assert not any("third" in d.message.plain() for d in app.sent if d.kind == "edit")
    await run(app, ann, "checkin answer", mood="3", visibility="private", words="fourth")
    await app.outbox.drain_all()
    assert [d.ref for d in app.sent if d.kind == "delete"] == [posted_ref]  # private: no words follow it
    assert not any("third" in d.message.plain() or "fourth" in d.message.plain() for d in app.sent)


async def test_changing_an_answer_without_a_visibility_keeps_the_one_it_had(app, clock):
    """Only a first answer is private by default: changing the words alone neither takes a shared post down nor
    makes a private answer shared, and the reply says which it is."""
    await open_round(app, clock)
    ann, bo = actor("ann"), actor("bo")
    await typed(app, ann, "checkin answer 4 shared first version")
    await app.outbox.drain_all()
    posted_ref = ref_of(app, [d for d in app.sent if d.kind == "thread"][0])
    reply = await typed(app, ann, 'checkin answer 3 words="second version"')
    assert text(reply).startswith("Updated.") and "shared with the group" in text(reply)
    await app.outbox.drain_all()
    assert not [d for d in app.sent if d.kind == "delete"]
    edit = [d for d in app.sent if d.kind == "edit" and d.ref == posted_ref][-1]
    assert "second version" in edit.message.plain()
    mine = await app.store.rounds.response_of((await app.store.rounds.list_open())[0].id, ann.user_id)
    assert (mine.visibility, mine.text, mine.mood) == ("shared", "second version", 3)
    reply = await typed(app, ann, "checkin answer 3 private second version")  # (a new one given: it holds)
    assert "kept private" in text(reply)
    await app.outbox.drain_all()
    assert [d.ref for d in app.sent if d.kind == "delete"] == [posted_ref]
    reply = await typed(app, ann, "checkin answer 2 third, still mine")  # (and private stays private)
    assert text(reply).startswith("Updated.") and "kept private" in text(reply)
    reply = await typed(app, bo, "checkin answer 5 hello")  # a first answer given none: private
    assert not text(reply).startswith("Updated.") and "kept private" in text(reply)
    await app.outbox.drain_all()
    assert not any("third" in d.message.plain() or "hello" in d.message.plain() for d in app.sent)


async def test_summary_shows_the_spread_only_from_three_shared_answers(app, clock):
    await open_round(app, clock)
    await run(app, actor("ann"), "checkin answer", mood="5", visibility="shared")
    await run(app, actor("bob"), "checkin answer", mood="1", visibility="anonymous")
    await run(app, actor("cy"), "checkin answer", mood="2", visibility="private")
    summary = await close(app, clock)
    assert "Check-ins: 3" in summary
    assert "☀️" not in summary and "🌧️" not in summary  # two shared: no spread, nobody singled out


async def test_summary_spread_counts_shared_and_anonymous_but_never_private(app, clock):
    await open_round(app, clock)
    for name, mood, vis in (("ann", "5", "shared"), ("bob", "5", "anonymous"), ("cy", "2", "shared"),
                            ("dee", "1", "private"), ("eve", "4", "anonymous"), ("fay", "3", "anonymous")):
        await run(app, actor(name), "checkin answer", mood=mood, visibility=vis)
    summary = await close(app, clock)
    assert "Check-ins: 6" in summary
    assert "☀️ 2" in summary and "🌤️ 1" in summary and "⛅ 1" in summary and "🌥️ 1" in summary
    assert "🌧️" not in summary  # Dee's private mood is nowhere


async def test_one_anonymous_mood_beside_named_ones_is_never_in_the_spread(app, clock):
    """Ann's 5 and Cy's 2 are posted by name: "☀️ 2, 🌥️ 1" would say Bob's anonymous mood was 5."""
    await open_round(app, clock)
    for name, mood, vis in (("ann", "5", "shared"), ("bob", "5", "anonymous"), ("cy", "2", "shared")):
        await run(app, actor(name), "checkin answer", mood=mood, visibility=vis)
    summary = await close(app, clock)
    assert "Check-ins: 3" in summary and "could give away someone's answer" in summary
    assert "☀️" not in summary and "🌥️" not in summary


@pytest.mark.parametrize("moods, shared, hidden", [
    ("3333", "", ("⛅",)),  # the whole group anonymous, all "Okay": a spread would tell each what the others said
    ("4441", "4", ("🌤️", "🌧️")),  # "🌤️ 3, 🌧️ 1": whoever said 1 would know what each of the other three said
])
async def test_anonymous_moods_that_would_give_someone_away_show_no_spread(app, clock, moods, shared, hidden):
    await open_round(app, clock)
    for name, mood in zip(("ann", "bob", "cy", "dee"), moods):
        await run(app, actor(name), "checkin answer", mood=mood, visibility="anonymous")
    for mood in shared:
        await run(app, actor("eve"), "checkin answer", mood=mood, visibility="shared")
    summary = await close(app, clock)
    assert f"Check-ins: {4 + len(shared)}" in summary
    assert not any(face in summary for face in hidden), summary


async def test_anonymous_moods_that_hide_each_other_show(app, clock):
    await open_round(app, clock)
    for name, mood in (("ann", "4"), ("bob", "4"), ("cy", "1"), ("dee", "1")):
        await run(app, actor(name), "checkin answer", mood=mood, visibility="anonymous")
    summary = await close(app, clock)
    assert "🌤️ 2" in summary and "🌧️ 2" in summary


async def test_a_community_can_raise_the_floor_but_not_lower_it(app, clock):
    mod = actor("mia", moderator=True)
    assert "never set below 3" in text(await run(app, mod, "mod settings", key="summary_floor", value="2"))
    for absurd in ("51", "99999999999999999999"):  # (an outside trial: saved, and then nothing anonymous ever showed)
        refused = text(await run(app, mod, "mod settings", key="summary_floor", value=absurd))
        assert "goes up to 50" in refused and "Saved" not in refused
    assert (await app.ensure_community("console:test")).settings.summary_floor == 3
    await run(app, mod, "mod settings", key="summary_floor", value="5")
    await open_round(app, clock)
    for name in ("ann", "bob", "cy", "dee"):
        await run(app, actor(name), "checkin answer", mood="4", visibility="shared")
    summary = await close(app, clock)
    assert "Check-ins: 4" in summary and "🌤️ 4" not in summary


async def test_closed_rounds_refuse_answers_kindly(app, clock):
    rnd = await open_round(app, clock)
    await close(app, clock)
    reply = await press(app, actor("ann"), "checkin.submit", {"round": str(rnd.id)},
                        {"mood": "3", "visibility": "shared", "words": "late"}, kind="form")
    assert "has closed" in text(reply)
    assert await app.store.rounds.responses(rnd.id) == []


async def test_a_round_button_naming_no_ascii_id_or_too_big_a_one_is_refused_kindly(app, clock):
    """Only ASCII digits name a round: `int()` would read "١" as 1 (this very round), and 30 digits overflow."""
    rnd = await open_round(app, clock)
    in_arabic_digits = "".join(chr(0x660 + int(c)) for c in str(rnd.id))
    for forged in ("²", "٣", in_arabic_digits, "1" * 30, str(2**63)):
        reply = await press(app, actor("ann"), "checkin.submit", {"round": forged},
                            {"mood": "3", "visibility": "shared", "words": "hi"}, kind="form")
        assert "couldn't find that check-in round" in text(reply), forged
    assert await app.store.rounds.responses(rnd.id) == []


async def test_mood_button_opens_a_form_and_the_form_saves(app, clock):
    rnd = await open_round(app, clock)
    post = [d for d in app.sent if d.kind == "post"][0]
    assert len(post.message.buttons) == 5
    button = post.message.buttons[3]
    assert button.args == {"round": str(rnd.id), "mood": "4"}
    replies = await press(app, actor("ann"), button.action, button.args)
    form = replies[0].form
    assert form is not None and [f.name for f in form.fields] == ["mood", "words", "visibility"]
    assert form.fields[0].default == "4"
    out = await press(app, actor("ann"), form.action, form.args, {"mood": "4", "words": "hi", "visibility": "shared"},
                      kind="form")
    assert "shared with the group" in text(out)


async def test_bad_answers_are_explained_and_nothing_is_saved(app, clock):
    rnd = await open_round(app, clock)
    ann = actor("ann")
    assert "must be one of: 1, 2, 3, 4, 5" in text(await run(app, ann, "checkin answer", mood="9"))
    assert "at most 1000 characters" in text(await run(app, ann, "checkin answer", mood="3", words="x" * 1001))
    assert await app.store.rounds.responses(rnd.id) == []


async def test_no_open_round_is_explained(app):
    assert "no check-in open right now" in text(await run(app, actor("ann"), "checkin answer", mood="3"))


async def test_non_moderators_are_refused_and_the_refusal_is_audited(app):
    ann = actor("ann")
    reply = await run(app, ann, "mod schedule create", name="x", channel="general", when="daily 09:00")
    assert "Only moderators" in text(reply)
    assert await app.store.schedules.list_all("console:test") == []
    reply = await press(app, ann, "mod.schedule.save", {"name": "x", "channel": "general", "when": "daily 09:00"})
    assert "That button is for moderators" in text(reply)
    log = await app.store.communities.audit_log("console:test")
    assert [r["action"] for r in log] == ["refused.button", "refused"]


async def test_configured_moderators_and_roles_count(app):
    mia = actor("mia", moderator=True)
    await run(app, mia, "mod moderators add", who="ann")
    await run(app, mia, "mod moderators add", who="role:helpers")
    assert "Audit log" in text(await run(app, actor("ann"), "mod audit"))
    from bot.events import Actor
    helper = Actor("console:test", "console:zed", "Zed", roles=("helpers",))
    assert "Audit log" in text(await run(app, helper, "mod audit"))
    assert "Only moderators" in text(await run(app, actor("bob"), "mod audit"))


async def test_destructive_commands_ask_first(app, clock):
    await make_schedule(app)
    mia = actor("mia", moderator=True)
    ask = await run(app, mia, "mod schedule delete", name="mornings")
    assert "Are you sure" in text(ask)
    assert await app.store.schedules.find("console:test", "mornings") is not None
    yes = ask[0].buttons[0]
    assert "Deleted" in text(await press(app, mia, yes.action, yes.args))
    assert await app.store.schedules.find("console:test", "mornings") is None


async def test_schedule_preview_errors_are_kind_and_change_nothing(app):
    mia = actor("mia", moderator=True)
    for args, words in (({"when": "wekdays 9"}, "weekdays 09:00"), ({"timezone": "Mars/Olympus"}, "Mars/Olympus"),
                        ({"open": "1m"}, "5"), ({"open": "30m", "remind": "45m"}, "shorter")):
        base = {"name": "x", "channel": "general", "when": "daily 09:00"} | args
        assert words in text(await run(app, mia, "mod schedule create", **base))
    assert await app.store.schedules.list_all("console:test") == []


async def test_two_changes_in_the_same_second_both_go_out(app, clock):
    await open_round(app, clock)
    ann = actor("ann")
    await run(app, ann, "checkin answer", mood="4", visibility="shared", words="one")
    await app.outbox.drain_all()
    await run(app, ann, "checkin answer", mood="4", visibility="shared", words="two")
    await run(app, ann, "checkin answer", mood="4", visibility="private", words="three")
    await app.outbox.drain_all()
    changes = [d.kind for d in app.sent if d.kind in ("thread", "edit", "delete")]
    # Both were queued (neither taken for the other); the removal, queued last, wins: the edit is skipped.
    assert changes == ["thread", "delete"]
    rows = await app.store.db.fetchall("SELECT kind, status FROM outbox WHERE kind IN ('edit', 'delete')")
    assert sorted((r["kind"], r["status"]) for r in rows) == [("delete", "sent"), ("edit", "sent")]


async def test_a_reply_whose_round_post_never_went_out_gives_up_in_the_end(app, clock):
    rnd = await open_round(app, clock)
    app.outbox.senders.clear()  # the post never goes out: no platform connected
    await app.store.db.execute("UPDATE rounds SET post_ref = NULL WHERE id = ?", rnd.id)
    from tests.fakes import RecordingSender
    await run(app, actor("ann"), "checkin answer", mood="4", visibility="shared", words="hello")
    app.outbox.add_sender(RecordingSender("console"))
    first = await app.outbox.drain("console")
    assert first.waiting == 1 and first.failed == 0
    clock.advance(timedelta(hours=7))
    later = await app.outbox.drain("console")
    assert later.failed == 1
    assert (await app.store.outbox.counts()).get("failed") == 1


async def test_invisible_control_characters_are_dropped_as_text_comes_in(app, clock):
    rnd = await open_round(app, clock)
    await run(app, actor("ann"), "checkin answer", mood="3", visibility="private", words="fine\x00 really\x1b[31m")
    saved = await app.store.rounds.response_of(rnd.id, "console:ann")
    assert saved.text == "fine really[31m"


async def test_a_snooze_ending_on_a_short_month_has_one_full_stop(app, clock):
    """"…jusqu'au sam. 10 janv." — Babel's short French month ends in a full stop; the sentence adds none."""
    await make_schedule(app)
    ann = actor("ann")
    await run(app, ann, "checkin join", schedule="mornings")
    await run(app, ann, "me language", language="fr")
    await run(app, ann, "me snooze", until="2026-01-10")
    said = text(await run(app, ann, "checkin status"))
    assert said.endswith("10 janv.") and "janv.." not in said


async def test_status_shows_memberships_open_rounds_answers_and_snooze_in_the_members_timezone(app, clock):
    for name, when, extra in (("mornings", "daily 09:00", {}), ("lunch", "daily 09:00", {"open": "3h"}),
                              ("evenings", "daily 18:00", {"tz": "Europe/Berlin"}), ("weekly", "mondays 12:00", {})):
        await make_schedule(app, name=name, when=when, **extra)
    elsewhere = actor("oz", moderator=True, community="console:other")
    preview = await run(app, elsewhere, "mod schedule create", name="other", channel="general", when="daily 09:00")
    await press(app, elsewhere, "mod.schedule.save", preview[0].buttons[0].args)
    ann = actor("ann")
    await run(app, ann, "checkin join", schedule="mornings", reminders="yes")
    await run(app, ann, "checkin join", schedule="evenings", dm="no")
    await run(app, ann, "checkin join", schedule="weekly")
    await run(app, actor("oz", community="console:other"), "checkin join", schedule="other")
    await run(app, actor("mia", moderator=True), "mod schedule pause", name="weekly")
    await run(app, ann, "me timezone", timezone="Europe/Berlin")
    await run(app, ann, "me snooze", until="2026-01-10")
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    await RoundScheduler(app).run_pending()
    await run(app, ann, "checkin answer", mood="4", visibility="anonymous", schedule="mornings")

    assert text(await run(app, ann, "checkin status")).splitlines() == [
        "Your check-ins",
        "• evenings — next: Mon 5 Jan, 18:00 (Europe/Berlin) (no DMs)",
        "• mornings — next: Tue 6 Jan, 10:00 (Europe/Berlin) (DMs, reminders)",
        "• weekly — paused until a moderator resumes it (DMs)",
        "• Open now: mornings, closes Mon 5 Jan, 12:00 (Europe/Berlin) — answered (anonymous)",
        "• Open now: lunch, closes Mon 5 Jan, 13:00 (Europe/Berlin) — not answered yet",
        "DMs and reminders are snoozed until Sat 10 Jan.",
    ]
    newcomer = text(await run(app, actor("cy"), "checkin status")).splitlines()
    assert newcomer[0] == "Your check-ins"
    assert newcomer[1].startswith("You haven't joined any check-ins.")
    assert [ln for ln in newcomer if "Open now" in ln] == [
        "• Open now: mornings, closes Mon 5 Jan, 11:00 (UTC) — not answered yet",
        "• Open now: lunch, closes Mon 5 Jan, 12:00 (UTC) — not answered yet"]
    other = text(await run(app, actor("oz", community="console:other"), "checkin status"))
    assert "other" in other and "mornings" not in other and "lunch" not in other


async def test_a_summary_says_how_many_kept_their_answer_private_so_the_numbers_add_up(app, clock):
    await open_round(app, clock)
    answers = (("ann", "5", "shared"), ("bob", "5", "anonymous"), ("cy", "4", "shared"), ("dee", "2", "shared"),
               ("eve", "4", "anonymous"), ("fay", "1", "private"), ("gus", "3", "private"), ("hal", "2", "anonymous"))
    for name, mood, vis in answers:
        await run(app, actor(name), "checkin answer", mood=mood, visibility=vis)
    summary = await close(app, clock)
    assert "Check-ins: 8" in summary
    assert "2 people kept their answers private, so the moods below are from the other 6." in summary
    assert "☀️ 2" in summary and "🌤️ 2" in summary and "🌥️ 2" in summary
    assert "🌧️" not in summary and "⛅" not in summary


async def test_one_private_answer_is_said_in_the_singular(app, clock):
    await open_round(app, clock)
    for name, mood, vis in (("ann", "5", "shared"), ("bob", "5", "shared"), ("cy", "4", "shared"),
                            ("dee", "2", "private")):
        await run(app, actor(name), "checkin answer", mood=mood, visibility=vis)
    summary = await close(app, clock)
    assert "1 person kept their answer private, so the moods below are from the other 3." in summary


async def test_no_private_answers_no_note(app, clock):
    await open_round(app, clock)
    for name in ("ann", "bob", "cy"):
        await run(app, actor(name), "checkin answer", mood="4", visibility="shared")
    summary = await close(app, clock)
    assert "private" not in summary and "🌤️ 3" in summary


async def test_a_summary_too_small_for_the_spread_says_why_without_contradicting_its_count(app, clock):
    await open_round(app, clock)
    for name, vis in (("ann", "shared"), ("bob", "private"), ("cy", "private"), ("dee", "private")):
        await run(app, actor(name), "checkin answer", mood="3", visibility=vis)
    summary = await close(app, clock)
    assert "Check-ins: 4 — 3 people kept their answers private" in summary
    assert "could give away someone's answer" in summary and "That's too few" not in summary
    assert "⛅" not in summary


async def test_closed_dms_are_a_member_fact_on_the_terminal_too(app, clock):
    """The outbox marks a member whose DMs a sender found closed; round DMs and reminders skip them, they are
    told once, and `checkin join` clears the mark (adapters only translate: this is the terminal's sender)."""
    await make_schedule(app)
    ann, bob = actor("ann"), actor("bob")
    for who in (ann, bob):
        await run(app, who, "checkin join", schedule="mornings", reminders="yes")
    [sender] = app.outbox.senders.values()
    sender.closed_dms.add("console:bob")

    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    await RoundScheduler(app).run_pending()
    assert (await app.outbox.drain_all()).dm_closed == ["console:bob"]
    assert await app.store.outbox.dms_closed("console:bob") and not await app.store.outbox.dms_closed("console:ann")
    clock.advance(timedelta(minutes=95))  # the reminders
    await RoundScheduler(app).sweep()
    await app.outbox.drain_all()
    assert [d.user for d in app.sent if d.kind == "dm"] == ["console:ann", "console:ann"]
    assert (await app.store.outbox.counts()).get("failed") == 1  # Bob's reminder was never queued

    told = text(await run(app, bob, "checkin status"))
    assert "couldn't send you a direct message" in told
    assert "couldn't send you a direct message" not in text(await run(app, bob, "checkin status"))
    assert "couldn't send you a direct message" not in text(await run(app, ann, "checkin status"))

    sender.closed_dms.clear()
    await run(app, bob, "checkin join", schedule="mornings")
    assert not await app.store.outbox.dms_closed("console:bob")
    clock.set(datetime(2026, 1, 6, 9, 0, tzinfo=UTC))
    await RoundScheduler(app).run_pending()
    await app.outbox.drain_all()
    assert sorted(d.user for d in app.sent if d.kind == "dm")[-2:] == ["console:ann", "console:bob"]


GIVEN_BACK = "What you typed, so you can use it again"


async def test_typed_words_refused_for_their_length_come_back_with_the_refusal(app, clock):
    rnd = await open_round(app, clock)
    words = "I slept badly and the morning was hard, but the walk helped. " * 20
    assert len(words.strip()) > 1000
    [refusal] = await typed(app, actor("ann"), "checkin answer 3 private " + words)
    assert refusal.error and "at most 1000 characters" in refusal.plain()
    assert GIVEN_BACK in refusal.plain() and refusal.plain().endswith(words.strip())
    assert await app.store.rounds.responses(rnd.id) == []


async def test_typed_words_refused_for_their_shape_come_back_with_the_refusal(app, clock):
    """A mood of 6 or a visibility that is none ("public") is refused before the words are read: they come back."""
    rnd = await open_round(app, clock)
    for line in ("checkin answer 6 Slept well for once", "checkin answer 4 public Slept well for once"):
        [refusal] = await typed(app, actor("ann"), line)
        assert refusal.error and "must be one of" in refusal.plain()
        assert GIVEN_BACK in refusal.plain() and "Slept well for once" in refusal.plain(), line
    assert await app.store.rounds.responses(rnd.id) == []


async def test_typed_words_with_no_round_open_come_back_with_the_refusal(app):
    [refusal] = await typed(app, actor("ann"), "checkin answer 4 Slept well for once")
    assert "no check-in open right now" in refusal.plain()
    assert GIVEN_BACK in refusal.plain() and refusal.plain().endswith("Slept well for once")


@pytest.mark.parametrize("line, back", [
    ("checkin answer 3 anonymous private hi", "3 anonymous private hi"),  # ("private" was its words: "private hi")
    ("mod prompt add listening light What do you hear?", "listening light What do you hear?"),  # ("What": the depth)
])
async def test_a_refused_line_gives_back_every_word_after_the_command_as_typed(app, line, back):
    """An outside trial: the words given back were the option that holds someone's writing, so words the line's
    other options took were lost ("mod prompt add listening light What do you hear?" gave back "do you hear?")."""
    [refusal] = await typed(app, actor("mia", moderator=True), line)
    assert refusal.error and refusal.plain().endswith(f"{GIVEN_BACK}:_\n{back}"), refusal.plain()


async def test_an_answer_that_is_kept_gives_nothing_back(app, clock):
    await open_round(app, clock)
    out = await typed(app, actor("ann"), "checkin answer 4 private Slept well for once")
    assert "kept private" in text(out) and GIVEN_BACK not in text(out)


async def test_a_named_post_for_someone_whose_name_the_platform_cant_say_never_links_or_ids_them(app, clock):
    """A post many read names its speaker by name: the one their platform gave before, else "A member"; never
    the platform's link to them (on Slack, a mention in a post pings them) and never an id."""
    from dataclasses import replace

    from bot.events import PersonRef

    await open_round(app, clock)
    await run(app, actor("ann"), "me timezone", timezone="UTC")  # Ann's platform named her once
    for who in (replace(actor("ann"), display_name=""), replace(actor("zed"), display_name="")):
        await run(app, who, "checkin answer", mood="4", visibility="shared", words=f"from {who.user_id}")
    await app.outbox.drain_all()
    posts = {d.message.plain().split("·")[0].strip(): d.message for d in app.sent if d.kind == "thread"}
    assert set(posts) == {"Ann", "A member"}
    assert "from console:zed" in posts["A member"].plain()
    assert not any(isinstance(p, PersonRef) for m in posts.values() for p in m.body.parts)
    assert (await app.store.communities.get_member(actor("ann").community_id, "console:ann")).display_name == "Ann"


# -- words that end in a visibility ------------------------------------------------------


async def test_words_ending_in_a_visibility_are_kept_private_said_and_offered_the_fix(app, clock):
    """`checkin answer 3 Grateful for my sister's call last night. shared` was kept private, silently, with
    "shared" in the words."""
    rnd = await open_round(app, clock)
    ann = actor("ann")
    replies = await typed(app, ann, "checkin answer 3 Grateful for my sister's call last night. shared")
    assert replies[0].plain() == "Thanks for checking in 💛 Your answer is kept private."
    note = replies[1]
    assert "Your words end in “shared”" in note.plain() and "take “shared” off your words" in note.plain()
    [button] = note.buttons
    assert button.label == "Share with the group (with my name)" and button.args["for"] == "console:ann"
    mine = await app.store.rounds.response_of(rnd.id, "console:ann")
    assert (mine.visibility, mine.text) == ("private", "Grateful for my sister's call last night. shared")
    await app.outbox.drain_all()
    assert not [d for d in app.sent if d.kind == "thread"]  # nothing shown before they say so

    done = await press(app, ann, button.action, button.args)
    assert "shared with the group" in text(done)
    mine = await app.store.rounds.response_of(rnd.id, "console:ann")
    assert (mine.visibility, mine.text) == ("shared", "Grateful for my sister's call last night.")
    assert "already pressed" in text(await press(app, ann, button.action, button.args))


async def test_an_ending_in_the_members_language_is_noticed_and_a_plain_answer_is_not(app, clock):
    await open_round(app, clock)
    ana = actor("ana")
    await run(app, ana, "me language", language="es")
    replies = await typed(app, ana, "checkin answer 4 Llamé a mi hermana anoche compartida")
    assert "Tus palabras terminan en «compartida»" in text(replies) and len(replies) == 2
    assert len(await typed(app, actor("bob"), "checkin answer 4 shared A meal we shared")) == 1  # (chosen: words)
    assert len(await typed(app, actor("cy"), "checkin answer 4 Slept well")) == 1


async def test_an_ending_naming_fewer_people_than_the_answer_had_is_taken_to_be_safe(app, clock):
    rnd = await open_round(app, clock)
    ann = actor("ann")
    await typed(app, ann, "checkin answer 4 shared Better today")
    replies = await typed(app, ann, "checkin answer 2 Actually rough, keep this private")
    mine = await app.store.rounds.response_of(rnd.id, "console:ann")
    assert (mine.visibility, mine.text) == ("private", "Actually rough, keep this private")
    assert "kept private" in replies[0].plain() and "to be safe" in replies[1].plain()
    assert replies[1].buttons[0].label == "Take “private” off"


async def test_a_shared_answer_reaches_the_channel_without_invisible_direction_or_zero_width_characters(app, clock):
    """`checkin answer 5 shared \u202eolleh\u202c <@123> **bold** @everyone` posted the override raw; the post shows
    the words without it, and the answer is kept exactly as typed (the member's own data)."""
    from adapters.discord.render import markdown

    rnd = await open_round(app, clock)
    ann = actor("ann")
    typed_words = "\u202eolleh\u202c\u200b <@123> **bold** @everyone 👩\u200d💻"
    await run(app, ann, "checkin answer", mood="5", visibility="shared", words=typed_words)
    await app.outbox.drain_all()
    [post] = [d.message for d in app.sent if d.kind == "thread"]
    shown = markdown(post.body)
    for hidden in "\u202e\u202c\u200b\u2066\u2069\u200e\u200f\ufeff":
        assert hidden not in post.plain(), (hidden, post.plain())
    assert "\u202e" not in shown and "olleh" in shown  # (Discord's own escapes may add a ZWSP: "<\u200b@123")
    assert "olleh" in post.plain() and "👩\u200d💻" in post.plain()
    assert (await app.store.rounds.response_of(rnd.id, "console:ann")).text == typed_words


async def test_the_same_answer_sent_again_is_not_called_updated(app, clock):
    """trial18: "checkin answer 4 private feeling ok" sent twice said "Updated." the second time, when nothing had
    changed; a change of mood, words or who sees them still says it."""
    await open_round(app, clock)
    ann = actor("ann")
    await run(app, ann, "checkin answer", mood="4", visibility="private", words="feeling ok")
    again = text(await run(app, ann, "checkin answer", mood="4", visibility="private", words="feeling ok"))
    assert "That was your answer already, so nothing changed." in again and "Updated" not in again, again
    assert "Updated." in text(await run(app, ann, "checkin answer", mood="5", visibility="private",
                                        words="feeling ok"))
    assert "Updated." in text(await run(app, ann, "checkin answer", mood="5", visibility="private",
                                        words="feeling fine"))


async def test_the_same_shared_answer_sent_again_leaves_its_post_as_it_was(app, clock):
    """Trial 19: the reply said nothing changed, and the post was edited all the same (shown "(updated)")."""
    await open_round(app, clock)
    ann = actor("ann")
    await run(app, ann, "checkin answer", mood="4", visibility="shared", words="feeling ok")
    await app.outbox.drain_all()
    sent = len(app.sent)
    again = text(await run(app, ann, "checkin answer", mood="4", visibility="shared", words="feeling ok"))
    await app.outbox.drain_all()
    assert "nothing changed" in again and len(app.sent) == sent
    await run(app, ann, "checkin answer", mood="4", visibility="shared", words="feeling fine")
    await app.outbox.drain_all()
    assert [d.kind for d in app.sent[sent:]] == ["edit"] and "feeling fine" in app.sent[-1].message.plain()


async def test_an_answer_changed_without_words_keeps_the_words_it_had(app, clock):
    """Trial 19: `checkin answer 2 private` (to take a post down) and `checkin answer 4` (a new mood) erased the words
    without a word said. Left out, the words stay as they were, as a visibility left out does."""
    await open_round(app, clock)
    rae = actor("rae")
    await run(app, rae, "checkin answer", mood="2", visibility="shared", words="long week, glad it's over")
    rnd = (await app.store.rounds.list_open())[0]
    said = text(await typed(app, rae, "checkin answer 2 private"))
    mine = await app.store.rounds.response_of(rnd.id, rae.user_id)
    assert (mine.visibility, mine.text) == ("private", "long week, glad it's over") and "private" in said
    await typed(app, rae, "checkin answer 4")
    mine = await app.store.rounds.response_of(rnd.id, rae.user_id)
    assert (mine.mood, mine.visibility, mine.text) == (4, "private", "long week, glad it's over")
    await typed(app, rae, "checkin answer 4 new words now")
    assert (await app.store.rounds.response_of(rnd.id, rae.user_id)).text == "new words now"


async def test_checkin_status_says_a_held_answer_is_held_back_too(app, clock):
    from tests.bot.flows.test_crisis_care import CRISIS, offer_of

    await open_round(app, clock)
    ann = actor("ann")
    offer_of(await run(app, ann, "checkin answer", mood="2", visibility="anonymous", words=CRISIS))
    said = text(await run(app, ann, "checkin status"))
    assert "answered (private, held back from the post you chose, waiting for your choice)" in said, said
