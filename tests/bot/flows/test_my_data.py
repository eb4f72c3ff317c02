"""Data rights end to end: see, export and delete; afterwards nothing names the member."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from bot.app import Hearth
from bot.engines.retention import release_pooled_removals
from bot.scheduling.runner import RoundScheduler
from tests.bot.flows.test_checkin_round import create_schedule
from bot.i18n import _, ngettext, speaking
from tests.conftest import actor, press, run, text

NOTE = "I finally told Sam how much the move scared me"


def zeds(message: str, plural: str | None = None, n: int = 1, **values: object) -> str:
    """What Zed reads for a message: Zed chose Portuguese (as far as its catalog goes), markup aside."""
    with speaking("pt"):
        said = ngettext(message, plural, n) if plural else _(message)
    return said.format(**values).replace("**", "")


async def answer_day(app: Hearth, runner: RoundScheduler, clock, day: int, answers) -> None:
    """Open the round of 5+day January, let each (who, visibility, words) answer, close it."""
    clock.set(datetime(2026, 1, 5 + day, 9, 0, tzinfo=timezone.utc))
    await runner.run_pending()
    for who, visibility, words in answers:
        await run(app, who, "checkin answer", mood="3", visibility=visibility, words=words)
    await app.outbox.drain_all()
    clock.advance(timedelta(hours=3))
    await runner.sweep()
    await app.outbox.drain_all()


async def build_history(app: Hearth, clock):
    """Zed answers three rounds (shared, anonymous, private), keeps a note, and moderates a little."""
    mia, zed, bob = actor("mia", moderator=True), actor("zephyrine"), actor("bob")
    await create_schedule(app, mia)
    for who in (zed, bob):
        await run(app, who, "checkin join", schedule="mornings", reminders="yes")
    await run(app, mia, "mod moderators add", who="zephyrine")
    await run(app, zed, "mod settings", key="summary_floor", value="4")
    await run(app, zed, "me timezone", timezone="Europe/Berlin")
    await run(app, zed, "me language", language="pt")
    runner = RoundScheduler(app)
    await answer_day(app, runner, clock, 0, [(zed, "shared", "Shared words of Zed"), (bob, "shared", "Bob here")])
    await answer_day(app, runner, clock, 1, [(zed, "anonymous", "Anonymous words of Zed")] + [
        (actor(n), "anonymous", f"Anonymous words of {n}") for n in ("cy", "dee", "eli")])  # (Zed's floor: four)
    await answer_day(app, runner, clock, 2, [(zed, "private", "Private words of Zed")])
    await run(app, zed, "reflect")
    await run(app, zed, "note", text=NOTE)
    return mia, zed, bob


async def test_me_data_counts_in_plain_words(app, clock):
    _, zed, _ = await build_history(app, clock)
    out = text(await run(app, zed, "me data"))
    assert "“Zephyrine”" in out and "Europe/Berlin" in out
    assert zeds("• The language you chose ({language}), see **me language**", language="pt") in out
    assert zeds("{count} check-in you've joined", "{count} check-ins you've joined", 1, count=1) in out
    each = {kind: zeds(f"{{count}} {kind}", f"{{count}} {kind}", 1, count=1) for kind in ("shared", "anonymous", "private")}
    assert zeds("{count} check-in answer", "{count} check-in answers", 3, count=3) + " " + zeds(
        "({shared}, {anonymous}, {private})", **each) in out
    assert zeds("{count} private note — only you can read it", "{count} private notes — only you can read them",
                1, count=1) in out
    assert zeds("{count} moderator action in the audit log", "{count} moderator actions in the audit log", 1,
                count=1) in out
    assert "365" in out and "me export" in out and "me delete" in out
    assert NOTE not in out  # counts, not content


async def test_me_data_agrees_with_a_count_of_one(app, clock):
    """"1 private note — only you can read it", "kept for 1 day": every count-bearing line agrees with its count."""
    mia, ann = actor("mia", moderator=True), actor("ann")
    await run(app, mia, "mod settings", key="retention_days", value="1")
    await run(app, ann, "reflect")
    await run(app, ann, "note", text=NOTE)
    await run(app, ann, "me snooze", until="2026-12-31")
    out = text(await run(app, ann, "me data"))
    assert "• 1 private note — only you can read it\n" in out
    assert "Answers are kept for 1 day; notes until" in out
    assert "• DMs snoozed until Thu 31 Dec" in out  # (a date as people read it, not 2026-12-31)
    privacy = text(await run(app, ann, "privacy"))
    assert "answers are deleted after 1 day, and" in privacy


async def test_export_holds_everything_with_notes_decrypted(app, clock):
    _, zed, _ = await build_history(app, clock)
    reply = (await run(app, zed, "me export"))[0]
    assert reply.attachment is not None and reply.attachment.filename.endswith(".json")
    assert reply.visibility == "actor"
    data = json.loads(reply.attachment.content)
    assert data["member"] == {"user_id": "console:zephyrine", "display_name": "Zephyrine",
                              "first_seen": "2026-01-05T08:00:00Z"}
    assert data["settings"]["timezone"] == "Europe/Berlin" and data["settings"]["language"] == "pt"
    assert [m["checkin"] for m in data["memberships"]] == ["mornings"]
    assert data["memberships"][0]["reminders"] is True
    answers = data["answers"]
    assert [a["visibility"] for a in answers] == ["shared", "anonymous", "private"]
    assert answers[2]["words"] == "Private words of Zed" and answers[0]["round"] == "2026-01-05T09:00:00Z"
    assert all(a["prompt"] and a["answered_at"] for a in answers)
    assert [n["text"] for n in data["notes"]] == [NOTE]
    assert len(data["reflections"]) == 1 and data["reflections"][0]["prompt"]
    assert [m["action"] for m in data["moderator_actions"]] == ["settings"]
    assert "Bob here" not in reply.attachment.content.decode()


async def test_delete_asks_first_and_cancel_changes_nothing(app, clock):
    _, zed, _ = await build_history(app, clock)
    ask = (await run(app, zed, "me delete"))[0]
    assert zeds("**Are you sure?**") in ask.plain() and "me export" in ask.plain()
    cancel = [b for b in ask.buttons if b.action == "cancel"][0]
    assert text(await press(app, zed, cancel.action, cancel.args)) == zeds("Okay, nothing changed.")
    assert len(await app.store.notes.of_member(zed.community_id, zed.user_id)) == 1


async def delete_everything(app: Hearth, who) -> str:
    ask = (await run(app, who, "me delete"))[0]
    yes = [b for b in ask.buttons if b.action == "confirm"][0]
    return text(await press(app, who, yes.action, yes.args))


async def test_after_delete_nothing_in_the_store_names_the_member(app, clock):
    _, zed, bob = await build_history(app, clock)
    assert len([d for d in app.sent if d.kind == "thread" and "of Zed" in d.message.plain()]) == 2
    before = {hit.split(":")[0] for hit in await scan_store(app, ["zephyrine", "of Zed", NOTE])}
    assert {"members.user_id", "members.display_name", "responses.text", "notes.text", "participants.user_id",
            "reflections.user_id", "audit_log.actor_id", "audit_log.detail", "moderators.subject",
            "outbox.payload", "outbox.target"} <= before  # the scan sees everywhere a name can hide

    done = await delete_everything(app, zed)
    assert zeds("Done. I've deleted everything I held about you here: {answers}, {notes}, {reflections} and "
                "{memberships}.", answers=zeds("{count} answer", "{count} answers", 3, count=3),
                notes=zeds("{count} note", "{count} notes", 1, count=1),
                reflections=zeds("{count} reflection prompt", "{count} reflection prompts", 1, count=1),
                memberships=zeds("{count} check-in membership", "{count} check-in memberships", 1, count=1)) in done
    assert zeds("I'm taking down {count} post of your answers now.", "I'm taking down {count} posts of your "
                "answers now.", 1, count=1) in done  # the shared one; the anonymous one waits for others':
    assert zeds("{count} anonymous post of yours in a closed check-in will come down once at least {floor} people "
                "have asked the same, all together, so nobody can tell whose it was; within {days} days at the "
                "latest.", "{count} anonymous posts of yours in closed check-ins will come down once at least "
                "{floor} people have asked the same, all together, so nobody can tell whose they were; within "
                "{days} days at the latest.", 1, count=1, floor=4, days=3) in done

    await app.outbox.drain_all()
    assert len([d for d in app.sent if d.kind == "delete"]) == 1
    clock.advance(timedelta(hours=20))
    await release_pooled_removals(app)
    await app.outbox.drain_all()
    assert len([d for d in app.sent if d.kind == "delete"]) == 1  # alone, it would be hers: it waits

    hits = await scan_store(app, ["zephyrine", "of Zed", NOTE])
    # (what waits names nobody, but for whom to tell if it can't come down: her id beside the post, until it goes)
    assert hits == ["held_posts.tell: 'console:zephyrine'"], hits
    clock.advance(timedelta(days=3))  # its pool's wait is over (`pool_wait`): it goes alone after all
    await release_pooled_removals(app)
    clock.advance(timedelta(minutes=10))
    await app.outbox.drain_all()
    deletes = [d for d in app.sent if d.kind == "delete"]
    assert len([d for d in deletes if d.channel == "console:general" and d.ref]) >= 2

    hits = await scan_store(app, ["zephyrine", "of Zed", NOTE])
    assert hits == [], hits
    if app.store.db.dialect == "sqlite":  # the file itself, free pages and WAL included
        raw = await db_bytes(app)
        for needle in (b"zephyrine", b"Zephyrine", b"of Zed", b"scared me"):
            assert needle not in raw, needle

    # Bob's things and the moderators' trail stay.
    assert "Bob here" in await column_values(app, "responses", "text")
    actors = await column_values(app, "audit_log", "actor_id")
    assert "deleted-member" in actors and "console:mia" in actors


async def test_delete_only_touches_this_community(app, clock):
    _, zed, _ = await build_history(app, clock)
    elsewhere = actor("zephyrine", community="console:other")
    await run(app, elsewhere, "reflect")
    await run(app, elsewhere, "note", text="kept elsewhere")
    await delete_everything(app, zed)
    assert [n.text for n in await app.store.notes.of_member("console:other", zed.user_id)] == ["kept elsewhere"]


async def test_using_hearth_again_starts_fresh(app, clock):
    _, zed, _ = await build_history(app, clock)
    await delete_everything(app, zed)
    out = text(await run(app, zed, "me data"))
    # (her posts are still coming down: where they are, and her id, kept to tell her if one can't)
    assert "I hold nothing else about you in this community: only where 2 posts of yours are, with your id" in out
    await run(app, zed, "reflect")  # using Hearth again: only what that use keeps
    out = text(await run(app, zed, "me data"))
    assert "0 check-ins" in out and "0 check-in answers" in out and "0 private notes" in out
    assert "1 reflection prompt" in out


async def test_an_answer_not_yet_posted_is_never_posted(app, clock):
    mia, zed = actor("mia", moderator=True), actor("zephyrine")
    await create_schedule(app, mia)
    await run(app, zed, "checkin join", schedule="mornings")
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    await RoundScheduler(app).run_pending()
    await run(app, zed, "checkin answer", mood="4", visibility="shared", words="Not out yet")
    await delete_everything(app, zed)
    await app.outbox.drain_all()
    assert not any("Not out yet" in d.message.plain() for d in app.sent)
    assert not any(d.kind == "dm" and d.user == zed.user_id for d in app.sent)


# -- looking through the whole store ---------------------------------------------------


async def scan_store(app: Hearth, needles: list[str]) -> list[str]:
    """Every text value of every column of every table that contains a needle (case-insensitive)."""
    db = app.store.db
    if db.dialect == "postgresql":
        tables = await db.fetchall("SELECT table_name AS name FROM information_schema.tables "
                                   "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")
    else:
        tables = await db.fetchall("SELECT name FROM sqlite_master WHERE type = 'table'")
    assert tables
    hits = []
    for t in tables:
        for row in await db.fetchall(f"SELECT * FROM {t['name']}"):
            for column, value in row.items():
                for needle in needles:
                    if isinstance(value, (str, bytes)) and needle.lower() in str(value).lower():
                        hits.append(f"{t['name']}.{column}: {value!r}")
    return hits


async def column_values(app: Hearth, table: str, column: str) -> list[str]:
    return [r[column] for r in await app.store.db.fetchall(f"SELECT {column} FROM {table}")]


async def db_bytes(app: Hearth) -> bytes:
    await app.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    path = Path(app.store.db.path)
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


async def test_a_members_own_data_rights_are_not_moderator_business(app, clock):
    """Seeing, taking and erasing one's own data leaves no entry in the moderators' audit log, and no counts
    of what they had anywhere a moderator can look."""
    mia, _zed, bob = await build_history(app, clock)
    before = await app.store.communities.audit_log("console:test", 100)
    await run(app, bob, "me data")
    await run(app, bob, "me export")
    await delete_everything(app, bob)
    after = await app.store.communities.audit_log("console:test", 100)
    assert len(after) == len(before)  # nothing added
    assert not any("answers=" in r["detail"] or "erased" in r["action"] for r in after)
    shown = text(await run(app, mia, "mod audit", count="100"))
    assert "erase" not in shown.lower() and "answers=" not in shown and "notes=" not in shown


async def test_a_moderator_who_erases_their_data_is_told_they_stop_moderating_and_so_is_the_team(app, clock):
    """Zed was added as a moderator: `me delete` takes her off the list (the listing names her). The question
    and the reply say so, and the team's audit log says a moderator left the list that way: one entry, with
    nothing of her and none of her counts. Bob, never listed, hears none of it."""
    mia, zed, bob = await build_history(app, clock)
    before = len(await app.store.communities.audit_log("console:test", 100))
    stops = zeds("**You'll also stop being a moderator here:** this takes you off the community's moderator list.")
    audited = zeds("The audit log will tell the other moderators that a moderator deleted their data and came off "
                   "the list, without your name.")
    ask = (await run(app, zed, "me delete"))[0].plain()
    assert stops in ask and audited in ask
    assert stops not in (await run(app, bob, "me delete"))[0].plain()

    done = await delete_everything(app, zed)
    assert zeds("You're no longer a moderator here.") + " " + zeds(
        "The audit log tells the other moderators that a moderator deleted their data and came off the list, "
        "without your name.") in done
    assert await app.store.communities.moderators("console:test") == []
    after = await app.store.communities.audit_log("console:test", 100)
    assert len(after) == before + 1
    assert (after[0]["actor_id"], after[0]["action"], after[0]["detail"]) == ("deleted-member", "moderators.erased", "")
    shown = text(await run(app, mia, "mod audit", count="100"))
    assert "A moderator deleted their data here, which took them off the moderator list" in shown.split("\n")[1]
    assert "mia added as a moderator: someone who has since deleted their data" in shown.lower()
    assert "Zephyrine" not in shown and "zephyrine" not in shown and "answers" not in shown and "former" not in shown

    assert "moderator" not in await delete_everything(app, bob)  # (never listed: not a word of it)
    assert len(await app.store.communities.audit_log("console:test", 100)) == before + 1


async def test_a_listed_moderator_who_still_moderates_by_the_platform_is_told_only_the_list_goes(app):
    """A platform admin on the list too keeps moderating after `me delete`: the question and reply say the list
    goes, and that they still moderate; never "you'll stop being a moderator"."""
    mia, lee = actor("mia", moderator=True), actor("lee", moderator=True)
    await run(app, mia, "mod moderators add", who="lee")
    ask = (await run(app, lee, "me delete"))[0].plain()
    assert "This also takes you off the community's moderator list. You'll still moderate here through your " \
           "role or the platform's admin rights." in ask and "stop being" not in ask
    done = await delete_everything(app, lee)
    assert "You're off the community's moderator list, but you still moderate here through your role or the " \
           "platform's admin rights." in done and "no longer a moderator" not in done
    assert await app.is_moderator(lee)  # (true: the platform's word)
    assert "A moderator deleted their data here" in text(await run(app, mia, "mod audit"))


async def test_me_export_after_me_delete_is_empty_and_makes_no_member(app, clock):
    """A read of your own data makes none: the export after `me delete` is empty, with no new "first seen"."""
    _, zed, _ = await build_history(app, clock)
    await delete_everything(app, zed)
    [reply] = await run(app, zed, "me export")
    data = json.loads(reply.attachment.content)
    assert data["member"] == {"user_id": zed.user_id, "display_name": "", "first_seen": None}
    assert data["answers"] == [] and data["notes"] == [] and data["memberships"] == []
    assert await app.store.communities.get_member(zed.community_id, zed.user_id) is None
    # trial18: never "It includes your private answers and notes" of a file with nothing of theirs in it
    said = text([reply])
    assert "I hold nothing about you in this community right now, so the file has nothing of yours" in said, said
    assert "private answers" not in said
    assert "I hold nothing else about you" in text(await run(app, zed, "me data"))  # (but where her posts are)


async def test_delete_also_forgets_when_a_care_note_was_last_sent(app, clock):
    mia, zed = actor("mia", moderator=True), actor("zephyrine")
    await run(app, mia, "mod settings", key="alert_channel", value="#care-team")
    await run(app, zed, "reflect")
    await run(app, zed, "note", text="honestly I don't want to be alive anymore")
    assert await app.store.notes.last_safety_alert(zed.community_id, zed.user_id) is not None
    await delete_everything(app, zed)
    assert await scan_store(app, ["zephyrine"]) == []


async def test_me_data_counts_agree_with_one_in_french(app, clock):
    """"1 partagée", not "1 partagées": each count takes its own singular or plural (the real catalog)."""
    _, zed, _ = await build_history(app, clock)
    await run(app, zed, "me language", language="fr")
    out = text(await run(app, zed, "me data"))
    assert "(1 partagée, 1 anonyme, 1 privée)" in out


async def test_me_data_writes_a_snooze_date_as_every_other_date_is_written(app):
    ann = actor("ann")
    await run(app, ann, "me snooze", until="2026-01-10")
    out = text(await run(app, ann, "me data"))
    assert "DMs snoozed until Sat 10 Jan" in out and "2026-01-10" not in out


# -- what `me delete` cancels of what Hearth promised ------------------------------------------------------------


async def _asks_for_tomorrow(app: Hearth, who) -> None:
    """`who` writes words in crisis and presses "Check on me tomorrow"."""
    from bot.flows.care_team import FOLLOW_UP
    from tests.bot.flows.test_crisis_care import CRISIS

    replies = await run(app, who, "note", text=CRISIS)
    (button,) = [b for r in replies for b in r.buttons if b.action == FOLLOW_UP]
    assert "tomorrow" in text(await press(app, who, FOLLOW_UP, dict(button.args)))


async def test_me_delete_lists_every_promise_it_cancels_before_and_after_and_keeps_none(app: Hearth, clock):
    mia, zed = actor("mia", moderator=True), actor("zed")
    await create_schedule(app, mia)
    await run(app, zed, "checkin join", schedule="mornings", reminders="yes")
    await run(app, zed, "me lowmood", on="yes")
    await _asks_for_tomorrow(app, zed)
    held = text(await run(app, zed, "me data"))
    assert "The private check-in you asked me for after a hard moment, due" in held
    exported = await run(app, zed, "me export")
    assert json.loads(exported[0].attachment.content)["care"]["follow_up"]["due_at"]

    ask = (await run(app, zed, "me delete"))[0]
    asked = ask.plain()
    assert "It also cancels what I promised you:" in asked
    for promise in ("the private check-in you asked me for after a hard moment, due",
                    "the private word you asked for after several low check-ins",
                    "the check-in messages and reminders I send you for 1 check-in"):
        assert promise in asked, promise
    yes = [b for b in ask.buttons if b.action == "confirm"][0]
    done = text(await press(app, zed, yes.action, yes.args))
    assert "I've also cancelled what I'd promised you:" in done
    assert "the private check-in you asked me for after a hard moment, due" in done
    assert "the private word you asked for after several low check-ins" in done
    clock.advance(timedelta(days=2))
    await RoundScheduler(app).run_job("care.follow_ups")
    await app.outbox.drain_all()
    assert not [d for d in app.sent if d.kind == "dm" and d.user == zed.user_id]


async def test_me_delete_names_a_private_message_still_waiting_to_go_out(app: Hearth, clock):
    zed = actor("zed")
    await _asks_for_tomorrow(app, zed)
    clock.advance(timedelta(days=1, minutes=1))
    await RoundScheduler(app).run_job("care.follow_ups")  # due: queued, not yet sent
    ask = (await run(app, zed, "me delete"))[0].plain()
    assert "1 private message to you that hasn't gone out yet" in ask
    assert "the private check-in you asked me for" not in ask  # (it is that message now)
    done = await delete_everything(app, zed)
    assert "1 private message to you that hasn't gone out yet" in done
    await app.outbox.drain_all()
    assert not [d for d in app.sent if d.kind == "dm" and d.user == zed.user_id]


async def test_me_delete_with_nothing_promised_says_no_more_than_before(app: Hearth):
    zed = actor("zed")
    ask = (await run(app, zed, "me delete"))[0].plain()
    assert "promised" not in ask
    assert "promised" not in await delete_everything(app, zed)


async def test_an_export_and_me_data_name_nobody_else(app, clock):
    """Trial 23: `me export` listed other people's ids (Bob's, under Zed's `moderator_actions` for making him a
    moderator) and, under `messages_waiting`, the words of messages written for others: a care note about Ann,
    edited to say Zed was reaching out, was in both their exports (Ann's named the moderator; Zed's told of Ann's hard
    moment), as was a reminder to a moderator on duty about Ann's note. Each says "a moderator" (or only where it
    goes) instead; what is the member's own stays."""
    from bot.flows.care_team import TAKE
    from tests.bot.flows.test_care_team import crisis_note

    mia, zed, bob = await build_history(app, clock)
    ann = actor("ann")
    await run(app, zed, "mod moderators add", who="bob")
    await run(app, zed, "mod moderators add", who="role:42")
    await run(app, mia, "mod care duty", duty="on")
    note = await crisis_note(app)
    await app.outbox.drain_all()
    clock.advance(timedelta(minutes=app.config["safety.care_raise_after_minutes"] + 1))
    await RoundScheduler(app).run_job("care.raise_again")  # (a reminder to Mia and Zed on duty, naming Ann: waiting)
    await press(app, zed, TAKE, {"note": str(note)})  # (the note's edit naming Zed: waiting)
    others = {"console:zephyrine": ["console:mia", "console:bob", "console:ann", "Mia", "Bob", "Ann",
                                    "honestly"],
              "console:ann": ["console:mia", "console:zephyrine", "console:bob", "Mia", "Zephyrine", "Bob"],
              "console:mia": ["console:zephyrine", "console:ann", "Zephyrine", "Ann", "Bob"]}
    for who in (zed, ann, mia):
        exported = (await run(app, who, "me export"))[0].attachment.content.decode()
        shown = text(await run(app, who, "me data"))
        for name in others[who.user_id]:
            assert name not in exported and name not in shown, (who.user_id, name, exported)
    zeds_data = json.loads((await run(app, zed, "me export"))[0].attachment.content)
    assert [(m["action"], m["detail"]) for m in zeds_data["moderator_actions"] if m["action"] == "moderators.add"] \
        == [("moderators.add", "a moderator"), ("moderators.add", "role:42")]
    assert zeds_data["audit_entries_about_you"][0]["detail"] == "console:zephyrine"  # (their own id: theirs)
    anns = json.loads((await run(app, ann, "me export"))[0].attachment.content)
    assert {(w["kind"], w.get("to")) for w in anns["messages_waiting"]} >= {("edit", "console:mods")}
    assert [n["status"] for n in anns["care"]["notes_to_moderators"]] == ["taken"]  # (hers, said without who)


async def test_me_data_never_calls_a_snooze_that_ended_a_snooze_now(app, clock):
    """An outside trial: `me snooze 9 dec`, then `me data` on 11 Dec said "DMs snoozed until Wed 9 Dec", as if
    nothing came. The date is still held (it's theirs to see) and said as over; on its own last day it still holds."""
    ann = actor("ann")
    clock.set(datetime(2026, 1, 5, 12, 0, tzinfo=timezone.utc))
    await run(app, ann, "me snooze", until="2026-01-10")
    clock.set(datetime(2026, 1, 10, 23, 0, tzinfo=timezone.utc))  # (its last day: inclusive)
    assert "DMs snoozed until Sat 10 Jan" in text(await run(app, ann, "me data"))
    clock.set(datetime(2026, 1, 12, 9, 0, tzinfo=timezone.utc))
    out = text(await run(app, ann, "me data"))
    assert "snoozed until" not in out
    assert "The day your last snooze ended (Sat 10 Jan): nothing is snoozed now" in out
