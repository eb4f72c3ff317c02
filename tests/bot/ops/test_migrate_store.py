"""`hearth migrate-store`: a community's whole state moves between a real SQLite file and a real PostgreSQL.

The source is filled through the real flows; after each move a Hearth opened
on the target must show members and moderators exactly what the source did.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from adapters.console.adapter import ConsoleChannels
from bot.app import Hearth
from bot.flows.dashboard import sign_in
from hearth.cli import main as cli
from bot.config import load
from bot.ops.migrate_store import Counted, Outcome, report
from bot.store.schema import describe
from bot.scheduling.runner import RoundScheduler
from bot.store.database import SqliteDatabase
from tests.bot.flows.test_my_data import delete_everything
from tests.bot.flows.test_prompt_packs import PACK, upload
from tests.conftest import actor, press, run, text
from tests.fakes import RecordingSender
from tests.postgres import fresh_schema

HOME, OTHER = "console:test", "console:other"
CRISIS = "honestly I don't want to be alive anymore"
VIEWS = (("ann", "me history"), ("ann", "notes list"), ("ann", "checkin status"), ("bob", "me history"),
         ("mia", "mod audit"), ("mia", "mod pack list"), ("mia", "mod prompt list"), ("mia", "mod schedule list"),
         ("mia", "checkin list"), ("mia", "mod moderators list"), ("mia", "mod care list"))


async def open_hearth(url: str, tmp_path: Path, clock) -> Hearth:
    config = load(env={"HEARTH_DATA_DIR": str(tmp_path / "data"), "HEARTH_DATABASE_URL": url})
    app = await Hearth.open(config.with_values(limits__events_per_minute=1000), clock)
    app.outbox.add_sender(RecordingSender("console"))
    app.add_channel_directory(ConsoleChannels())
    return app


async def fill(app: Hearth, clock, community: str) -> None:
    """Everything a community accumulates, through the flows that write it."""
    mia, ann, bob, cy = (actor(n, moderator=(n == "mia"), community=community) for n in ("mia", "ann", "bob", "cy"))
    clock.set(datetime(2026, 1, 1, 8, 0, tzinfo=timezone.utc))  # (made before the rounds below: theirs to open)
    preview = await run(app, mia, "mod schedule create", name="mornings", channel="general", when="weekdays 09:00",
                        timezone="Europe/London", remind="30m", open="2h")
    await press(app, mia, preview[0].buttons[0].action, preview[0].buttons[0].args)
    await run(app, mia, "mod schedule skip", name="mornings", date="2026-12-25")
    await run(app, mia, "mod settings", key="alert_channel", value="#mods")
    await run(app, mia, "mod prompt add", kind="reflection", theme="repair", depth="light", text="What mended?")
    await run(app, mia, "mod theme off", theme="listening")
    await run(app, mia, "mod moderators add", who="console:bob")
    await upload(app, mia, PACK)  # previewed, not applied: waits in pending_imports
    for who in (ann, bob, cy):
        await run(app, who, "checkin join", schedule="mornings", reminders="yes")
    preview = await run(app, mia, "mod schedule create", name="noon", channel="general", when="weekdays 12:00",
                        timezone="Europe/London", open="2h")
    await press(app, mia, preview[0].buttons[0].action, preview[0].buttons[0].args)
    await run(app, ann, "checkin join", schedule="noon")
    clock.set(datetime(2026, 1, 2, 12, 0, tzinfo=timezone.utc))
    await RoundScheduler(app).run_pending()
    await run(app, ann, "checkin answer", schedule="noon", mood="3", visibility="shared", words="Lunch")
    clock.set(datetime(2026, 1, 2, 14, 30, tzinfo=timezone.utc))
    await RoundScheduler(app).sweep()  # it closes: its counts are kept for insights (round_tallies)
    await app.outbox.drain_all()
    preview = await run(app, mia, "mod schedule create", name="spare", channel="general", when="weekdays 15:00",
                        timezone="Europe/London", open="1h")
    await press(app, mia, preview[0].buttons[0].action, preview[0].buttons[0].args)
    await run(app, cy, "checkin join", schedule="spare")
    clock.set(datetime(2026, 1, 2, 15, 0, tzinfo=timezone.utc))
    await RoundScheduler(app).run_pending()
    await run(app, cy, "checkin answer", schedule="spare", mood="3", visibility="private", words="Kept for me")
    [ask] = await run(app, mia, "mod schedule delete", name="spare")
    await press(app, mia, ask.buttons[0].action, ask.buttons[0].args)  # cy keeps her answer (kept_answers)
    await app.outbox.drain_all()
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    await RoundScheduler(app).run_pending()
    await app.outbox.drain_all()
    await run(app, mia, "mod insights export")  # the week of 29 Dec has shown: it is settled (insight_weeks)
    await run(app, ann, "checkin answer", mood="4", visibility="shared", words="Good coffee")
    await run(app, bob, "checkin answer", mood="2", visibility="anonymous", words="Tired")
    cared = await run(app, cy, "checkin answer", mood="1", visibility="private", words=CRISIS)  # alerts #mods
    (follow_up,) = [b for r in cared for b in r.buttons if b.action == "care.follow_up"]
    await press(app, cy, follow_up.action, follow_up.args)  # a follow-up waits for tomorrow
    (note,) = await app.store.care.listing(community, app.now() - timedelta(days=1))
    await press(app, mia, "care.take", {"note": str(note.id)})  # the care team took it
    await run(app, mia, "mod care duty", duty="off")
    dee = actor("dee", community=community)
    await run(app, dee, "note", text=CRISIS)  # a care note about Dee, posted...
    await app.outbox.drain_all()
    await delete_everything(app, dee)  # ...and withdrawn when she erased her data (care_withdrawn)
    app.config = app.config.with_values(web__port=8088, web__public_url="https://hearth.example.org")
    link = re.search(r"t=([0-9a-f]+)", text(await run(app, mia, "mod dashboard"))).group(1)
    await sign_in(app, link)  # a spent dashboard link and an open session
    await run(app, ann, "reflect", theme="repair")
    await run(app, ann, "note", text="I was braver than I thought")
    await app.outbox.drain_all()
    await run(app, ann, "checkin answer", mood="5", visibility="shared", words="Great coffee")  # left pending
    await run(app, mia, "mod schedule note", name="mornings", text="Shorter rounds now")  # waits for the next
    clock.set(datetime(2026, 1, 5, 8, 0, tzinfo=timezone.utc))


async def views(app: Hearth, community: str) -> dict[str, str]:
    return {f"{who}: {cmd}": text(await run(app, actor(who, moderator=(who == "mia"), community=community), cmd))
            for who, cmd in VIEWS}


async def counts(url: str, clock, tmp_path: Path) -> dict[str, int]:
    app = await open_hearth(url, tmp_path, clock)
    try:
        names = sorted(await describe(app.store.db, app.store.db.dialect))
        return {n: (await app.store.db.fetchone(f'SELECT count(*) AS n FROM "{n}"'))["n"] for n in names}
    finally:
        await app.close()


async def move(source: str, target: str, *more: str) -> tuple[int, str]:
    """`hearth migrate-store …` as typed (in a thread: the command runs its own event loop)."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = await asyncio.to_thread(cli, ["migrate-store", "--from", source, "--to", target, *more])
    return code, err.getvalue()


@pytest.fixture
async def filled(tmp_path: Path, clock):
    """A SQLite store with two communities, a stashed button and a closed DM; and what it shows."""
    url = f"sqlite:///{tmp_path / 'old' / 'hearth.db'}"
    app = await open_hearth(url, tmp_path, clock)
    await fill(app, clock, HOME)
    await fill(app, clock, OTHER)
    await app.store.stash.stash({"name": "evenings", "when": "weekdays 18:00"}, app.now())
    await app.store.communities.mark_dms_closed("discord:42", app.now())
    shown = {HOME: await views(app, HOME), OTHER: await views(app, OTHER)}
    await app.close()
    return url, shown


async def test_sqlite_to_postgresql_and_back_loses_nothing(filled, pg_server, tmp_path, clock):
    source, shown = filled
    before = await counts(source, clock, tmp_path)
    assert before["responses"] == 8 and before["stashed_args"] == 1 and before["closed_dms"] == 1 and before["pending_imports"] == 2
    assert [t for t in before if not before[t]] == [], before  # the fill touched every table (a spent Save button too)
    async with fresh_schema(pg_server) as pg:
        code, err = await move(source, pg)
        assert code == 0, err
        assert "[####" in err and "All counts match" in err
        assert await counts(pg, clock, tmp_path) == before

        back = f"sqlite:///{tmp_path / 'back' / 'hearth.db'}"
        code, err = await move(pg, back)
        assert code == 0 and "All counts match" in err, err
        assert await counts(back, clock, tmp_path) == before

        for url in (pg, back):
            app = await open_hearth(url, tmp_path, clock)
            try:
                assert {HOME: await views(app, HOME), OTHER: await views(app, OTHER)} == shown
                await still_writable(app)
            finally:
                await app.close()


async def still_writable(app: Hearth) -> None:
    """New rows take ids after the copied ones (PostgreSQL identities, SQLite's sqlite_sequence)."""
    old = max(s.id for s in await app.store.schedules.list_all())
    mia = actor("mia", moderator=True)
    preview = await run(app, mia, "mod schedule create", name="evenings", channel="general", when="daily 18:00",
                        timezone="UTC")
    assert "Created" in text(await press(app, mia, preview[0].buttons[0].action, preview[0].buttons[0].args))
    assert (await app.store.schedules.find(HOME, "evenings")).id > old
    last_note = "SELECT max(id) AS id FROM notes"
    old_note = (await app.store.db.fetchone(last_note))["id"]
    await run(app, actor("ann"), "note", text="a new note")
    assert (await app.store.db.fetchone(last_note))["id"] > old_note


async def test_a_target_with_data_is_refused_and_left_alone(filled, tmp_path, clock):
    source, _ = filled
    target = f"sqlite:///{tmp_path / 'new' / 'hearth.db'}"
    assert (await move(source, target))[0] == 0
    after_first = await counts(target, clock, tmp_path)
    code, err = await move(source, target)
    assert code == 2
    assert "already holds data" in err and "communities (2 rows)" in err and "nothing was overwritten" in err
    code, err = await move(source, target, "--community", OTHER)
    assert code == 2 and f"already holds data for {OTHER}" in err
    assert await counts(target, clock, tmp_path) == after_first
    assert (await move(source, source))[0] == 2


async def test_one_community_moves_alone(filled, pg_server, tmp_path, clock):
    source, shown = filled
    async with fresh_schema(pg_server) as pg:
        code, err = await move(source, pg, "--community", OTHER)
        assert code == 0 and "All counts match" in err, err
        assert "Not copied, because they belong to no one community: closed_dms, processed_events, " \
               "stashed_args" in err
        app = await open_hearth(pg, tmp_path, clock)
        try:
            assert [c.id for c in await app.store.communities.list_all()] == [OTHER]
            assert await views(app, OTHER) == shown[OTHER]
            db = app.store.db
            alerts = await db.fetchall("SELECT dedupe_key FROM outbox WHERE round_id IS NULL AND response_id IS NULL")
            assert alerts and all(a["dedupe_key"].startswith(f"care:{OTHER}:") for a in alerts)
            assert any(":post:" in a["dedupe_key"] for a in alerts)  # the care note's post, and its edit
            for table in ("reflections", "notes", "audit_log", "safety_alerts", "members"):
                rows = await db.fetchall(f"SELECT DISTINCT community_id FROM {table}")
                assert [r["community_id"] for r in rows] == [OTHER], table
        finally:
            await app.close()
        # The second community can follow into the same database: its rows are its own.
        code, err = await move(source, pg, "--community", HOME)  # ids are kept: from one source they never collide
        assert code == 0, err
        everything = await counts(source, clock, tmp_path)
        unowned = {"processed_events", "closed_dms", "stashed_args"}  # (they belong to no one community)
        moved = await counts(pg, clock, tmp_path)
        assert {t: n for t, n in moved.items() if t not in unowned} == {
            t: n for t, n in everything.items() if t not in unowned}
        assert moved["processed_events"] == moved["closed_dms"] == moved["stashed_args"] == 0


async def test_communities_from_two_stores_whose_ids_clash_are_refused_whole(filled, tmp_path, clock):
    source, _ = filled
    elsewhere = f"sqlite:///{tmp_path / 'elsewhere' / 'hearth.db'}"
    app = await open_hearth(elsewhere, tmp_path, clock)
    await fill(app, clock, "console:third")
    await app.close()
    target = f"sqlite:///{tmp_path / 'new' / 'hearth.db'}"
    assert (await move(source, target))[0] == 0
    before = await counts(target, clock, tmp_path)
    code, err = await move(elsewhere, target, "--community", "console:third")
    assert code == 2 and "nothing was written" in err and "same ids" in err and "new, empty database" in err
    assert await counts(target, clock, tmp_path) == before


async def test_an_unknown_community_is_named_with_the_ones_there(filled, tmp_path):
    source, _ = filled
    code, err = await move(source, f"sqlite:///{tmp_path / 'x.db'}", "--community", "discord:1")
    assert code == 2 and "no community discord:1" in err and f"{OTHER}, {HOME}" in err
    assert not (tmp_path / "x.db").exists()  # (a refused move writes nothing: no empty database left behind)


async def test_a_refused_move_leaves_no_database_or_folder_it_made_but_keeps_a_target_that_was_there(filled, tmp_path,
                                                                                                  clock):
    """An outside trial: `--community nosuch` was refused ("The source has no community nosuch") and left a new,
    empty database at --to (and the folders made for it), where the README says a failed move writes nothing."""
    source, _ = filled
    made = tmp_path / "new" / "deeper" / "hearth.db"
    code, err = await move(source, f"sqlite:///{made}", "--community", "nosuch")
    assert code == 2 and "no community nosuch" in err
    assert not (tmp_path / "new").exists()
    target = f"sqlite:///{tmp_path / 'kept.db'}"
    assert (await move(source, target, "--community", HOME))[0] == 0
    before = await counts(target, clock, tmp_path)
    assert (await move(source, target, "--community", "nosuch"))[0] == 2
    assert (tmp_path / "kept.db").exists() and await counts(target, clock, tmp_path) == before


async def test_ids_are_never_reused_after_a_move(tmp_path, clock):
    """A deleted last row's id stays used on the target too (old buttons may still name it)."""
    source = tmp_path / "a.db"
    db = await SqliteDatabase.open(source)
    await db.close()
    app = await open_hearth(f"sqlite:///{source}", tmp_path, clock)
    await run(app, actor("ann"), "reflect")
    await run(app, actor("ann"), "reflect")
    await app.store.db.execute("DELETE FROM reflections WHERE id = 2")
    await app.close()
    target = f"sqlite:///{tmp_path / 'b.db'}"
    assert (await move(str(source), target))[0] == 0
    app = await open_hearth(target, tmp_path, clock)
    try:
        assert await app.store.notes.record_reflection(HOME, "console:ann", "x", "x", clock.now()) == 3
    finally:
        await app.close()


def test_the_help_shows_the_arguments():
    out = io.StringIO()
    with pytest.raises(SystemExit), contextlib.redirect_stdout(out):
        cli(["migrate-store", "--help"])
    assert "--from URL" in out.getvalue() and "--community ID" in out.getvalue()


async def test_same_database_twice_is_refused(tmp_path):
    code, err = await move(str(tmp_path / "a.db"), f"sqlite:///{tmp_path / 'a.db'}")
    assert code == 2 and "same database" in err


@pytest.mark.parametrize("source", ["missing.db", "sqlite:///{tmp}/missing.db"])
async def test_a_source_that_does_not_exist_is_refused_not_made(tmp_path, source):
    source = source.format(tmp=tmp_path) if "{tmp}" in source else str(tmp_path / source)
    code, err = await move(source, f"sqlite:///{tmp_path / 'b.db'}")
    assert code == 2 and "does not exist" in err
    assert not (tmp_path / "missing.db").exists() and not (tmp_path / "b.db").exists()



def test_a_count_that_differs_fails_and_names_the_table():
    out = io.StringIO()
    outcome = Outcome([Counted("notes", 3, 3, 3), Counted("responses", 10, 10, 9)], seconds=0.5)
    assert report(outcome, "sqlite:///a.db", "postgresql://u:secret@h/db", out) == 1
    said = out.getvalue()
    assert "Counts differ for responses (source 10, copied 10, target 9)" in said
    assert "DIFFERENT" in said and "All counts match" not in said and "secret" not in said


async def test_a_communitys_queued_removals_move_with_it(filled, pg_server, tmp_path, clock):
    """Posts whose rows are gone (an erased member's, a deleted schedule's) still have to come down: their
    queued removals name the community, and move with it, from SQLite and from PostgreSQL alike."""
    from bot.store import member_data

    source, _shown = filled
    app = await open_hearth(source, tmp_path, clock)
    try:
        await member_data.erase(app.store, OTHER, actor("ann", community=OTHER).user_id, app.now())
        noon = await app.store.schedules.find(OTHER, "mornings")
        await app.store.schedules.delete(noon, app.now(), lambda r: {"body": [], "title": None, "buttons": []})
        queued = {r["dedupe_key"] for r in await app.store.db.fetchall(
            "SELECT dedupe_key FROM outbox WHERE status = 'pending' AND kind IN ('delete', 'edit') "
            "AND round_id IS NULL AND response_id IS NULL")}
    finally:
        await app.close()
    assert any(k.startswith("erase:") for k in queued) and any(k.startswith(f"schedule:{noon.id}:gone:")
                                                               for k in queued)
    async with fresh_schema(pg_server) as pg:
        code, err = await move(source, pg, "--community", OTHER)
        assert code == 0, err
        back = f"sqlite:///{tmp_path / 'back' / 'hearth.db'}"
        code, err = await move(pg, back, "--community", OTHER)  # (now chosen on PostgreSQL)
        assert code == 0, err
    app = await open_hearth(back, tmp_path, clock)
    try:
        moved = {r["dedupe_key"] for r in await app.store.db.fetchall(
            "SELECT dedupe_key FROM outbox WHERE status = 'pending' AND kind IN ('delete', 'edit') "
            "AND round_id IS NULL AND response_id IS NULL")}
    finally:
        await app.close()
    assert moved == queued
