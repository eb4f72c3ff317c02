"""Hearth.handle: what every event costs, and what a command that only reads may skip."""

from __future__ import annotations

import pytest

from bot.app import Hearth
from bot.features import registry as composed
from bot.config import load
from bot.errors import FailedAfterCare, care_of
from bot.events import Event
from tests.bot.commands.test_bad_input import snapshot
from tests.bot.flows.test_checkins import open_round
from tests.bot.flows.test_crisis_care import CRISIS, CRISIS_OPENING, SAVED, alerts, with_alert_channel
from tests.conftest import actor, run, text, typed

FEATURES = composed()  # every router of bot.features, as Hearth composes them

READS_ONLY = sorted(c.name for c in FEATURES.commands.values() if c.reads_only)


async def whole(app) -> dict[str, list]:
    """Every table, the ones any event touches included."""
    db = app.store.db
    rows = await snapshot(app)
    for table in ("members", "processed_events", "audit_log"):
        rows[table] = sorted(map(repr, await db.fetchall(f"SELECT * FROM {table}")))
    return rows


def test_the_commands_that_only_read_are_the_expected_ones():
    # (insights write: the first view of a finished week settles it, bot/insights/anonymity.py)
    assert READS_ONLY == ["checkin list", "checkin status", "help", "home", "me data", "me export", "me history",
                          "mod audit", "mod care list", "mod moderators list", "mod pack list", "mod prompt list",
                          "mod schedule list", "notes list", "privacy", "support"]


async def test_a_command_that_only_reads_changes_nothing(app, clock):
    await open_round(app, clock)
    ann = actor("ann")
    await run(app, ann, "checkin join", schedule="mornings")
    await run(app, ann, "checkin answer", mood="4", visibility="shared", words="Fine")
    await run(app, ann, "reflect")
    await run(app, ann, "note", text="kept for me")
    mia = actor("mia", moderator=True)  # (moderators read insights: mia has been seen before, as members are)
    await run(app, mia, "help")
    before = await whole(app)
    for name in READS_ONLY:
        who = mia if name.startswith("mod ") else ann
        replies = await app.handle(Event("command", who, name, {}, event_id=f"evt:{name}"))
        assert replies and not any(r.error for r in replies), name
        assert await whole(app) == before, f"{name} wrote to the store"


async def test_a_repeated_read_answers_again_and_a_repeated_write_does_not(app, clock):
    await open_round(app, clock)
    ann = actor("ann")
    status = Event("command", ann, "checkin status", {}, event_id="evt-1")
    first, again = await app.handle(status), await app.handle(status)
    assert "Your check-ins" in text(first) and text(again) == text(first)
    join = Event("command", ann, "checkin join", {"schedule": "mornings"}, event_id="evt-2")
    assert "joined" in text(await app.handle(join))
    assert await app.handle(join) == []


async def test_asking_what_is_held_about_you_stores_nothing_new(app):
    newcomer = actor("newcomer")
    for name in ("privacy", "me data", "help", "me export", "checkin status", "checkin list", "home", "me history",
                 "notes list"):  # (the times they show are read in the platform's or the community's zone)
        assert text(await run(app, newcomer, name)), name
        assert await app.store.communities.get_member(newcomer.community_id, newcomer.user_id) is None, name
    await run(app, newcomer, "me timezone", timezone="Europe/Paris")  # a change: now there is something to hold
    assert await app.store.communities.get_member(newcomer.community_id, newcomer.user_id) is not None


async def test_a_moderator_reading_the_team_pages_is_not_made_a_member(app):
    """Platform admins who only look (schedules, prompts, the audit, the moderators) leave nothing about
    themselves behind."""
    admin = actor("admin", moderator=True)
    for name in ("mod schedule list", "mod prompt list", "mod audit", "mod moderators list", "mod care list"):
        assert text(await run(app, admin, name)), name
        assert await app.store.communities.get_member(admin.community_id, admin.user_id) is None, name


async def test_words_that_suggest_crisis_are_answered_and_sent_on_even_in_a_read(app, monkeypatch):
    await run(app, actor("mia", moderator=True), "mod settings", key="alert_channel", value="#mods")
    kicked: list[bool] = []
    monkeypatch.setattr(app.outbox, "kick", lambda: kicked.append(True))
    replies = await run(app, actor("ann"), "help", command=CRISIS)  # `help` only reads, but its words are screened
    assert "Find A Helpline" in text(replies)
    assert kicked, "a moderator alert was queued but the outbox was not woken"
    kicked.clear()
    await run(app, actor("ann"), "privacy")
    assert not kicked  # a plain read wakes nothing


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_the_pool_size_setting_caps_a_processs_postgresql_connections(tmp_path, clock, database_url):
    config_file = tmp_path / "hearth.toml"
    config_file.write_text("database_pool_size = 3\n", encoding="utf-8")
    app = await Hearth.open(load(config_file, env={"HEARTH_DATA_DIR": str(tmp_path / "data"),
                                                   "HEARTH_DATABASE_URL": database_url}), clock)
    try:
        assert app.store.db._pool.get_max_size() == 3
        assert "joined" in text(await run(app, actor("ann"), "checkin status"))
    finally:
        await app.close()


async def test_a_typed_command_refused_for_going_too_fast_gives_its_words_back(app):
    """Every refusal of a typed line (here the rate limit's, before any flow runs) gives back the person's words."""
    ann = actor("ann")
    for i in range(app.config["limits.events_per_minute"] + 1):
        replies = await typed(app, ann, f"note thought number {i}, worth keeping")
        if any(r.error for r in replies):
            break
    else:
        raise AssertionError("the rate limit never answered")
    refusal = next(r for r in replies if r.error)
    assert "didn't do that last one" in refusal.plain()
    assert refusal.plain().endswith(f"thought number {i}, worth keeping")
    kept = [n.text for n in await app.store.notes.of_member("console:test", "console:ann")]
    assert f"thought number {i}, worth keeping" not in kept and len(kept) == i


async def test_only_a_typed_command_gives_its_words_back(app):
    """A command sent from a form (Slack's modal, the dashboard) is refused beside the form, which keeps the words."""
    replies = await app.handle(Event("command", actor("ann"), "checkin answer", {"mood": "4", "words": "kept in the form"}))
    assert "no check-in open" in text(replies) and "kept in the form" not in text(replies)


async def test_a_typed_command_gives_back_writing_only_not_names_or_times(app):
    """A command looked for, a check-in's name or a time is quickly typed again: giving it back is only noise."""
    for line in ("dance now please", "checkin stat", "mod schedule create x #general sometimes"):
        replies = await typed(app, actor("mia", moderator=True), line)
        assert any(r.error for r in replies) and "What you typed" not in text(replies), line


async def test_a_typed_command_that_fails_unexpectedly_gives_its_words_back_and_claims_nothing(app, monkeypatch,
                                                                                               caplog):
    """A dropped database connection (any unexpected error) under a typed note: the apology gives the words back,
    and says nothing was kept. Without words to give back, the error goes on to the adapter, as before."""
    async def dropped(*args, **kwargs):
        raise ConnectionResetError("connection to the database was lost")

    ann = actor("ann")
    await run(app, ann, "reflect")
    monkeypatch.setattr(app.store.notes, "add", dropped)
    [sorry] = await typed(app, ann, "note some notes about the garden and the week I had")
    shown = sorry.plain()
    assert sorry.error and "something went wrong on my side" in shown
    assert "I can't tell whether that went through. Please check before you try it again." in shown
    assert "What you typed, so you can use it again" in shown and shown.endswith("the garden and the week I had")
    assert "saved" not in shown.lower() and "kept" not in shown.lower()
    assert "ConnectionResetError" in caplog.text  # (the operator sees the traceback)
    monkeypatch.setattr(app.store.communities, "met", dropped)  # (the statement every event runs)
    with pytest.raises(ConnectionResetError):  # a button: nothing typed to lose; the adapter apologises
        await app.handle(Event("action", ann, "reflect.new", {}))


async def test_what_must_outlast_a_dropped_connection_is_kept_for_the_dm_and_nothing_else(app):
    """An adapter that couldn't show replies hands them over: those with the person's own words, or care after
    worrying words, go to their DM by the outbox (once per interaction); a plain "Saved." does not."""
    from bot.commands.registry import given_back
    from bot.events import Reply, rich
    ann = actor("ann")
    refused = given_back(Reply(body=rich("Too long."), error=True), ["my own words"])
    assert refused.keep and not Reply(body=rich("Saved.")).keep
    said = await run(app, ann, "note", text="I keep thinking about ending my life")
    assert [r.keep for r in said] == [True, False]  # (the care with its resources; "Kept." is no loss)
    assert await app.keep_privately(ann, [Reply(body=rich("Saved."))], "i1") is False
    assert await app.keep_privately(ann, [Reply(body=rich("Saved.")), refused], "i2") is True
    assert await app.keep_privately(ann, [refused], "i2") is True  # (a retried delivery: queued once)
    rows = await app.store.db.fetchall("SELECT kind, target, payload FROM outbox WHERE dedupe_key LIKE 'kept:%'")
    assert len(rows) == 1 and rows[0]["kind"] == "dm" and "my own words" in rows[0]["payload"]
    await app.store.communities.mark_dms_closed(ann.user_id, app.now())
    assert await app.keep_privately(ann, [refused], "i3") is False  # (closed, and nowhere else: the adapter shows it)
    assert await app.keep_privately(ann, [refused], "i4", or_in="console:general") is True


# -- words of concern in an event that fails unexpectedly: the care reply all the same --------------------------


async def dropped(*args, **kwargs):
    raise ConnectionResetError("connection to the database was lost")


async def test_words_of_concern_in_a_form_that_fails_get_the_care_reply_carried_to_the_adapters_apology(
        app, clock, monkeypatch, caplog):
    """"I want to die" in a check-in's answer form whose saving fails (the connection dropped): the adapter apologises
    in its own way (a form's words come back there), and the care reply, carried on the failure, comes first. It says
    nothing of the words being saved (they weren't), and the moderators hear who, never what nor where."""
    await with_alert_channel(app)
    rnd = await open_round(app, clock)
    monkeypatch.setattr(app.store.rounds, "save_response", dropped)
    form = Event("form", actor("ann"), "checkin.submit", {"round": str(rnd.id)},
                 {"mood": "1", "words": CRISIS, "visibility": "shared"})
    with pytest.raises(FailedAfterCare) as failed:
        await app.handle(form)
    assert isinstance(failed.value.__cause__, ConnectionResetError)  # (the operator's traceback shows what broke)
    [care] = care_of(failed.value)
    shown = care.plain()
    assert shown.startswith(CRISIS_OPENING) and "Find A Helpline" in shown and care.keep
    assert SAVED not in shown and "saved" not in shown.lower() and "posted" not in shown.lower()
    assert CRISIS not in shown
    [note] = await alerts(app)
    assert "Ann" in note.message.plain() and CRISIS not in note.message.plain()
    assert "while answering" not in note.message.plain() and "general" not in note.message.plain()  # (no where)
    assert await app.store.rounds.response_of(rnd.id, "console:ann") is None
    assert care_of(ConnectionResetError()) == []


async def test_a_failure_after_the_words_were_saved_claims_nothing_of_them_either(app, clock, monkeypatch):
    """Saved (held back from the post), and then the connection dropped: Hearth can't say how far it got, so the
    care reply says neither "saved as you chose" nor "held"."""
    rnd = await open_round(app, clock)
    monkeypatch.setattr(app.store.communities, "take_dm_closed_notice", dropped)  # (after the flow and its care)
    with pytest.raises(FailedAfterCare) as failed:
        await app.handle(Event("form", actor("ann"), "checkin.submit", {"round": str(rnd.id)},
                               {"mood": "1", "words": CRISIS, "visibility": "shared"}))
    [care] = care_of(failed.value)
    assert care.plain().startswith(CRISIS_OPENING)
    assert "saved" not in care.plain().lower() and "posted" not in care.plain().lower()
    assert (await app.store.rounds.response_of(rnd.id, "console:ann")).text == CRISIS  # (it was, in fact, saved)


async def test_a_typed_command_that_fails_gives_care_first_then_the_apology_and_the_words(app, monkeypatch):
    ann = actor("ann")
    monkeypatch.setattr(app.store.notes, "add", dropped)
    care, sorry = await typed(app, ann, f"note {CRISIS}")
    assert care.plain().startswith(CRISIS_OPENING) and not care.error and SAVED not in care.plain()
    assert sorry.error and "something went wrong on my side" in sorry.plain()
    assert sorry.plain().endswith(CRISIS)  # (their words, given back whole)


async def test_when_the_screen_cant_reach_the_database_either_care_comes_without_it_and_never_hides_the_apology(
        app, monkeypatch):
    """The database is what broke, so the care reply can't be made in full (what was answered, the member's region):
    the one made without the database comes instead. And when not even that can be made, the apology still comes,
    with the words, as before."""
    ann = actor("ann")
    monkeypatch.setattr(app.store.notes, "add", dropped)
    monkeypatch.setattr(app.store.outbox, "first_time_event", dropped)
    care, sorry = await typed(app, ann, f"note {CRISIS}")
    assert CRISIS_OPENING in care.plain() and "Find A Helpline" in care.plain() and care.keep
    assert "something went wrong on my side" in sorry.plain() and sorry.plain().endswith(CRISIS)

    def broken(*args, **kwargs):
        raise RuntimeError("the screen broke too")

    monkeypatch.setattr(app.content.screen, "check_many", broken)
    [sorry] = await typed(app, ann, f"note {CRISIS}")
    assert "something went wrong on my side" in sorry.plain() and sorry.plain().endswith(CRISIS)
    with pytest.raises(RuntimeError, match="the screen broke too"):  # (from a form: the failure as it was, for the
        await app.handle(Event("command", ann, "note", {"text": CRISIS}))  # adapter's own apology)


async def test_a_full_disk_under_words_of_concern_gives_care_before_its_refusal(app, monkeypatch):
    import sqlite3

    async def full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(app.store.notes, "add", full)
    care, refused = await app.handle(Event("command", actor("ann"), "note", {"text": CRISIS}))
    assert care.plain().startswith(CRISIS_OPENING) and SAVED not in care.plain()
    assert refused.error and "the place I keep things is full" in refused.plain()


async def test_a_line_of_concern_that_is_no_command_and_fails_is_answered_with_care_and_the_apology(app, monkeypatch):
    """"I can't go on" written to Hearth (a message, a line that is no command), as the connection drops: not every
    adapter apologises for a message, so the core answers it, the care reply first. (Such a line is read as `help`,
    which makes no member, so the connection drops as the command runs.)"""
    monkeypatch.setattr(app.registry, "dispatch", dropped)
    care, sorry = await typed(app, actor("ann"), CRISIS)
    assert care.plain().startswith(CRISIS_OPENING) and "something went wrong on my side" in sorry.plain()
    assert CRISIS not in sorry.plain()  # (a line of concern is not handed back: the care reply answers it)


async def test_a_command_that_reads_with_these_options_makes_no_member(app):
    """trial17: `me language`, `support`, `mod settings`, `mod care duty` and `mod insights` only read when not
    told anything to change (and `me delete` only asks): none of them makes a record of the one who asked."""
    newcomer, admin = actor("newcomer"), actor("admin", moderator=True)
    asks = [(newcomer, "me language", {}), (newcomer, "support", {}), (newcomer, "support", {"region": "gb"}),
            (newcomer, "me delete", {}), (admin, "mod settings", {}), (admin, "mod settings", {"key": "language"}),
            (admin, "mod care duty", {}), (admin, "mod insights show", {}), (admin, "mod insights export", {})]
    for who, name, args in asks:
        assert text(await run(app, who, name, **args)), name
        assert await app.store.communities.get_member(who.community_id, who.user_id) is None, (name, args)
    await run(app, newcomer, "me language", language="es")  # a change: now there is something to hold
    assert (await app.store.communities.get_member(newcomer.community_id, newcomer.user_id)).language == "es"


async def test_a_button_that_opens_or_runs_a_read_makes_no_member(app):
    from bot.commands.registry import OPEN_FORM, RUN, run_args

    newcomer = actor("newcomer")
    for name, args in ((RUN, run_args("me data")), (RUN, run_args("me language")),
                       (OPEN_FORM, run_args("me timezone"))):
        replies = await app.handle(Event("action", newcomer, name, args))
        assert replies and not any(r.error for r in replies), (name, args)
        assert await app.store.communities.get_member(newcomer.community_id, newcomer.user_id) is None, (name, args)


async def test_a_button_that_changes_nothing_makes_no_member(app, clock):
    """trial17: Cancel under a question (`me delete`'s), a round's mood button (it opens the answer form) and a
    reflection's Done change nothing, so they make no record of the one who pressed."""
    rnd = await open_round(app, clock)
    newcomer = actor("newcomer")
    asked = await run(app, newcomer, "me delete")
    cancel = next(b for r in asked for b in r.buttons if b.action == "cancel")
    presses = [("cancel", cancel.args), ("checkin.mood", {"round": str(rnd.id), "mood": "4"}),
               ("reflect.done", {})]
    for name, args in presses:
        replies = await app.handle(Event("action", newcomer, name, args))
        assert replies and not any(r.error for r in replies), name
        assert await app.store.communities.get_member(newcomer.community_id, newcomer.user_id) is None, name


async def test_someone_first_met_on_a_refused_command_leaves_no_record(app):
    """trial17: a refusal does nothing, so, as a read, it makes no record of a newcomer: nothing open to answer, a
    timezone that doesn't exist, a check-in that isn't there. A refused moderator command is noted in the audit
    log, so that member stays (me data counts it); and one already known stays as they were."""
    for name, command, args in (("ann", "checkin answer", {"mood": "3"}),
                                ("bob", "me timezone", {"timezone": "Mars/Olympus"}),
                                ("cat", "checkin leave", {"schedule": "nosuch"}),
                                ("dan", "checkin answer", {"mood": "9"})):
        who = actor(name)
        replies = await run(app, who, command, **args)
        assert replies and all(r.error for r in replies), name
        assert await app.store.communities.get_member(who.community_id, who.user_id) is None, name
    eve = actor("eve")
    await run(app, eve, "mod settings", key="summary_floor", value="4")  # refused, and noted in the audit log
    assert await app.store.communities.get_member(eve.community_id, eve.user_id) is not None
    fay = actor("fay")
    await run(app, fay, "me timezone", timezone="Europe/Paris")
    await run(app, fay, "me timezone", timezone="Mars/Olympus")
    assert (await app.store.communities.get_member(fay.community_id, fay.user_id)).timezone == "Europe/Paris"


async def test_a_change_that_changes_nothing_leaves_no_record_and_says_so(app, clock):
    """trial17: leaving a check-in one never joined, or ending a snooze one never began, does nothing: it says so
    (never "Welcome back — … on again" to someone who was never away), and leaves no record of a newcomer."""
    await open_round(app, clock)
    ann, bob = actor("ann"), actor("bob")
    assert "nothing changed" in text(await run(app, ann, "checkin leave", schedule="mornings"))
    said = text(await run(app, bob, "me snooze", until="off"))
    assert "Welcome back" not in said and "You weren't snoozing, so nothing changed" in said
    for who in (ann, bob):
        assert await app.store.communities.get_member(who.community_id, who.user_id) is None, who.user_id
    await run(app, bob, "me snooze", until="tomorrow")
    assert "Welcome back" in text(await run(app, bob, "me snooze", until="off"))


async def test_stopping_a_word_after_low_days_never_asked_for_changes_nothing(app):
    """trial18: "me lowmood no" from someone who never opted in said "Okay, I won't mention low check-ins." and kept a
    new member holding low_mood off (me data, me export): nothing was on, so nothing changes, it says so, and no
    record of a newcomer stays. Opted in, "no" turns it off as ever."""
    cat = actor("cat")
    said = text(await run(app, cat, "me lowmood", opt_in="no"))
    assert "You hadn't asked for a word after low check-ins, so nothing changed" in said, said
    assert await app.store.communities.get_member(cat.community_id, cat.user_id) is None
    await run(app, cat, "me lowmood", opt_in="yes")
    assert (await app.store.communities.get_member(cat.community_id, cat.user_id)).settings["low_mood"]["on"]
    assert "Okay, I won't mention low check-ins." in text(await run(app, cat, "me lowmood", opt_in="no"))
    member = await app.store.communities.get_member(cat.community_id, cat.user_id)
    assert member.settings["low_mood"] == {"on": False, "tell_moderator": False}
    assert "nothing changed" in text(await run(app, cat, "me lowmood", opt_in="no"))
