"""The store's promises, checked directly on each database ([sqlite], [postgresql]).

These are the properties the flows lean on: migrations that run once and
refuse a newer schema, and once-only steps (opening a round, queueing a
message, closing a round) that hold even when two callers race.
"""

from __future__ import annotations

import asyncio
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.errors import StoreError
from bot.events import Actor
from bot.models import Outgoing, Response, Schedule
from bot.store.migrations import MIGRATIONS_DIR, available, migrate
from bot.store.store import Store

COMMUNITY = "console:contract"
AT = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)


async def make_schedule(store: Store, name: str = "mornings", community: str = COMMUNITY) -> Schedule:
    await store.ensure_community(community, AT)
    return await store.create_schedule(
        {"community_id": community, "name": name, "channel_id": "console:general", "spec": "weekdays 09:00",
         "cron": "0 9 * * 1-5", "timezone": "UTC", "open_minutes": 120, "remind_minutes": 30,
         "created_by": "console:mod"},
        AT,
    )


def round_fields(at: datetime = AT) -> dict:
    return {"scheduled_at": at, "opened_at": at, "closes_at": at + timedelta(hours=2),
            "remind_at": at + timedelta(hours=1, minutes=30), "prompt_id": "p1", "prompt_text": "How are you?"}


def post(key: str) -> Outgoing:
    return Outgoing(key, "post", {"channel": "console:general", "round_post": True}, {"text": "hi"})


async def outbox_keys(store: Store) -> list[str]:
    return [r["dedupe_key"] for r in await store.db.fetchall("SELECT dedupe_key FROM outbox ORDER BY id")]


@pytest.fixture
async def fresh_store(empty_database_url: str, clock: ManualClock):
    """A store on its own new database, for tests that add migrations of their own."""
    opened = await Store.open(empty_database_url, clock)
    yield opened
    await opened.close()


# -- migrations --------------------------------------------------------------------


async def test_migrations_apply_once_and_are_recorded(store: Store, clock: ManualClock) -> None:
    rows = await store.db.fetchall("SELECT version, name FROM schema_migrations ORDER BY version")
    assert [(r["version"], r["name"]) for r in rows] == [(m.version, m.name) for m in available()]
    assert all(isinstance(r["version"], int) for r in rows)
    assert await migrate(store.db, clock) == []


async def test_a_newer_schema_is_refused(empty_database_url: str, clock: ManualClock) -> None:
    database_url = empty_database_url
    store = await Store.open(database_url, clock)
    await store.db.execute(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
        9999, "future", "2030-01-01T00:00:00Z",
    )
    await store.close()
    with pytest.raises(StoreError, match="schema version 9999"):
        await Store.open(database_url, clock)


async def test_two_processes_starting_together_migrate_once(empty_database_url: str, clock: ManualClock) -> None:
    database_url = empty_database_url
    results = await asyncio.gather(Store.open(database_url, clock), Store.open(database_url, clock),
                                   return_exceptions=True)
    opened = [r for r in results if isinstance(r, Store)]
    if len(opened) < 2:
        for store in opened:
            await store.close()
        raise next(r for r in results if isinstance(r, BaseException))
    a, b = opened
    try:
        rows = await a.db.fetchall("SELECT version FROM schema_migrations ORDER BY version")
        assert [r["version"] for r in rows] == [m.version for m in available()]
        assert await b.list_communities() == []
    finally:
        await a.close()
        await b.close()


async def test_a_migration_failing_half_way_leaves_the_database_usable_and_runs_again(
    fresh_store: Store, clock: ManualClock, tmp_path: Path
) -> None:
    store = fresh_store
    directory = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, directory)
    broken = directory / "9000_half.sql"
    broken.write_text(
        "CREATE TABLE half_done (id INTEGER PRIMARY KEY, note TEXT NOT NULL);\n"
        "INSERT INTO half_done (id, note) VALUES (1, 'first half');\n"
        "INSERT INTO no_such_table (x) VALUES (1);\n"
    )
    with pytest.raises(Exception):
        await migrate(store.db, clock, directory)

    assert await store.db.fetchone("SELECT version FROM schema_migrations WHERE version = 9000") is None
    with pytest.raises(Exception):
        await store.db.fetchall("SELECT * FROM half_done")
    assert (await store.ensure_community(COMMUNITY, AT)).id == COMMUNITY  # still usable

    broken.write_text(broken.read_text().replace("INSERT INTO no_such_table (x) VALUES (1);\n", ""))
    assert await migrate(store.db, clock, directory) == [9000]
    assert await store.db.fetchall("SELECT id, note FROM half_done") == [{"id": 1, "note": "first half"}]


# -- once-only steps -----------------------------------------------------------------


async def test_opening_a_round_twice_is_a_no_op(store: Store) -> None:
    schedule = await make_schedule(store)
    first = await store.open_round(schedule, round_fields(), [post("round:{round}:post")])
    again = await store.open_round(schedule, round_fields(), [post("round:{round}:again")])
    assert first is not None and again is None
    assert isinstance(first.id, int)
    assert await outbox_keys(store) == [f"round:{first.id}:post"]


async def test_two_openings_at_once_make_one_round(database_url: str, clock: ManualClock) -> None:
    a = await Store.open(database_url, clock)
    b = await Store.open(database_url, clock)  # a second process on the same database
    try:
        schedule = await make_schedule(a)
        results = await asyncio.gather(
            *(s.open_round(schedule, round_fields(), [post(f"round:{{round}}:{i}")])
              for i, s in enumerate([a, b, a, b]))
        )
        opened = [r for r in results if r is not None]
        assert len(opened) == 1
        rows = await a.db.fetchall("SELECT id FROM rounds")
        assert [r["id"] for r in rows] == [opened[0].id]
        assert len(await outbox_keys(a)) == 1  # only the winner queued its post
    finally:
        await a.close()
        await b.close()


async def test_outbox_entries_are_deduplicated_by_key(store: Store) -> None:
    await store.enqueue([post("hello:1"), post("hello:1"), post("hello:2")], AT)
    await store.enqueue([post("hello:2")], AT)
    assert await outbox_keys(store) == ["hello:1", "hello:2"]
    assert await store.outbox_counts() == {"pending": 2}
    assert await store.next_due_at("console") == "2026-01-05T09:00:00Z"


async def test_a_round_step_finishes_once_even_when_raced(store: Store) -> None:
    schedule = await make_schedule(store)
    rnd = await store.open_round(schedule, round_fields(), [])
    assert rnd is not None
    later = AT + timedelta(hours=2)
    results = await asyncio.gather(
        *(store.finish_round_step(rnd.id, "closed_at", later, [post(f"close:{i}")]) for i in range(5))
    )
    assert sorted(results) == [False, False, False, False, True]
    assert len(await outbox_keys(store)) == 1
    assert await store.finish_round_step(rnd.id, "closed_at", later, [post("close:late")]) is False
    closed = await store.get_round(rnd.id)
    assert closed is not None and closed.closed_at == later
    with pytest.raises(ValueError):
        await store.finish_round_step(rnd.id, "prompt_id", later, [])


async def test_saving_a_response_again_updates_it(store: Store) -> None:
    schedule = await make_schedule(store)
    rnd = await store.open_round(schedule, round_fields(), [])
    assert rnd is not None

    def nothing(_new: Response, _old: Response | None) -> list[Outgoing]:
        return []

    first, before = await store.save_response(rnd.id, "console:ann", 4, "ok", "shared", AT, nothing)
    second, previous = await store.save_response(
        rnd.id, "console:ann", 2, "", "private", AT + timedelta(minutes=5), nothing
    )
    assert before is None and previous == first
    assert second.id == first.id and (second.mood, second.text, second.visibility) == (2, "", "private")
    assert second.created_at == AT and second.updated_at == AT + timedelta(minutes=5)
    assert await store.responses(rnd.id) == [second]


# -- the same answers from both databases --------------------------------------------------


async def test_text_orders_and_compares_the_same_on_both(store: Store) -> None:
    for name in ("beta", "Alpha", "_quiet", "Ärger", "alpha2"):
        await make_schedule(store, name)
    assert [s.name for s in await store.list_schedules(COMMUNITY)] == ["Alpha", "_quiet", "alpha2", "beta", "Ärger"]
    found = await store.find_schedule(COMMUNITY, "ALPHA")
    assert found is not None and found.name == "Alpha"


async def test_flags_counts_and_ids_come_back_as_python_types(store: Store) -> None:
    schedule = await make_schedule(store)
    assert await store.join(schedule.id, "console:ann", True, False, AT) is True
    assert await store.join(schedule.id, "console:ann", False, True, AT) is False
    p = await store.participant(schedule.id, "console:ann")
    assert p is not None and (p.wants_dm, p.wants_reminder) == (False, True)
    assert await store.add_moderator(COMMUNITY, "console:mod", "console:owner", AT) is True
    assert await store.add_moderator(COMMUNITY, "console:mod", "console:owner", AT) is False
    assert await store.first_time_event("evt-1", AT) is True
    assert await store.first_time_event("evt-1", AT) is False
    note = await store.add_note(COMMUNITY, "console:ann", None, "", "a thought", AT)
    assert isinstance(note, int)
    assert await store.delete_note(COMMUNITY, "console:ann", note) is True
    row = await store.db.fetchone("SELECT count(*) AS n FROM participants")
    assert row == {"n": 1} and type(row["n"]) is int


async def test_a_dialect_override_file_is_applied_on_its_database(
    fresh_store: Store, clock: ManualClock, tmp_path: Path
) -> None:
    store = fresh_store
    directory = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, directory)
    (directory / "9001_made_by.sql").write_text(
        "CREATE TABLE made_by (id INTEGER PRIMARY KEY, db TEXT DEFAULT 'sqlite');"
    )
    (directory / "9001_made_by.postgresql.sql").write_text(
        "CREATE TABLE made_by (id BIGINT PRIMARY KEY, db TEXT DEFAULT 'postgresql');"
    )
    assert await migrate(store.db, clock, directory) == [9001]
    await store.db.execute("INSERT INTO made_by (id) VALUES (?)", 1)
    assert await store.db.fetchone("SELECT db FROM made_by") == {"db": store.db.dialect}


async def test_each_test_starts_empty_with_ids_from_one(store: Store) -> None:
    """Earlier tests wrote rows to this same database; none of them may show here."""
    assert await store.list_communities() == []
    assert await store.db.fetchone("SELECT count(*) AS n FROM outbox") == {"n": 0}
    assert (await make_schedule(store)).id == 1


async def test_hearth_opens_the_store_its_database_url_names(tmp_path: Path, clock: ManualClock) -> None:
    from bot.app import Hearth
    from bot.config import load
    from bot.store.database import SqliteDatabase

    default = await Hearth.open(load(env={"HEARTH_DATA_DIR": str(tmp_path / "d")}), clock)
    named = await Hearth.open(load(env={"HEARTH_DATABASE_URL": f"sqlite:///{tmp_path / 'x' / 'h.db'}"}), clock)
    try:
        assert isinstance(default.store.db, SqliteDatabase)
        assert default.store.db.path == str(tmp_path / "d" / "hearth.db")
        assert named.store.db.path == str(tmp_path / "x" / "h.db")
    finally:
        await default.close()
        await named.close()


async def test_a_member_their_community_and_their_check_ins_come_in_one_read(store):
    assert await store.member_and_memberships("c-new", "u1") == (None, None, [], [])
    await store.ensure_community("c-new", AT, name="Hearthside")
    member, community, joined, _ = await store.member_and_memberships("c-new", "u1")
    assert member is None and community is not None and community.name == "Hearthside" and joined == []
    await store.upsert_member(Actor("c-new", "u1", "Ann", timezone="Europe/Paris"), AT)
    member, community, joined, _ = await store.member_and_memberships("c-new", "u1")
    assert member == await store.get_member("c-new", "u1") and member.platform_timezone == "Europe/Paris"
    assert community == await store.get_community("c-new") and joined == []
    here = await make_schedule(store)  # in COMMUNITY
    there = await make_schedule(store, community="c-new", name="evenings")
    also = await make_schedule(store, community="c-new", name="afternoons")
    for schedule in (here, there, also):
        await store.join(schedule.id, "u1", schedule is also, True, AT)
    member, community, joined, _ = await store.member_and_memberships("c-new", "u1")
    assert [(s.name, p.wants_dm, p.wants_reminder) for s, p in joined] == [("afternoons", True, True),
                                                                         ("evenings", False, True)]
    assert joined == await store.memberships("c-new", "u1")


async def test_racing_joins_and_prompt_saves_agree_on_which_was_first(store):
    schedule = await make_schedule(store)
    joins = await asyncio.gather(*(store.join(schedule.id, "console:ann", True, i % 2 == 0, AT) for i in range(8)))
    assert sorted(joins) == [False] * 7 + [True]
    assert len(await store.participants(schedule.id)) == 1
    prompt = {"id": "c1", "kind": "reflection", "theme": "listening", "depth": "light", "text": "When did you feel heard?"}
    saves = await asyncio.gather(*(store.save_prompt(COMMUNITY, prompt, "console:mia", AT) for _ in range(8)))
    assert sorted(saves) == [False] * 7 + [True]
    assert [p["id"] for p in await store.list_prompts(COMMUNITY)] == ["c1"]


async def test_a_members_status_read_brings_the_open_rounds_only_when_one_is_open(store, monkeypatch):
    await store.ensure_community("c-new", AT, name="Hearthside")
    schedule = await make_schedule(store, community="c-new", name="evenings")
    asked: list[str] = []
    real = store.open_rounds_in

    async def open_rounds_in(community_id, now):  # type: ignore[no-untyped-def]
        asked.append(community_id)
        return await real(community_id, now)

    monkeypatch.setattr(store, "open_rounds_in", open_rounds_in)
    *_, open_now = await store.member_and_memberships("c-new", "u1", AT)
    assert open_now == [] and asked == []  # nothing open: one query
    fields = {"scheduled_at": AT, "opened_at": AT, "closes_at": AT + timedelta(hours=1), "remind_at": None,
              "prompt_id": "p1", "prompt_text": "How are you?"}
    rnd = await store.open_round(schedule, fields, [])
    *_, open_now = await store.member_and_memberships("c-new", "u1", AT)
    assert [(r.id, s.id) for r, s in open_now] == [(rnd.id, schedule.id)] and asked == ["c-new"]
    *_, open_now = await store.member_and_memberships("c-new", "u1", AT + timedelta(hours=2))  # it has closed
    assert open_now == [] and asked == ["c-new"]
    *_, elsewhere = await store.member_and_memberships(COMMUNITY, "u1", AT)  # another community's round
    assert elsewhere == [] and asked == ["c-new"]


async def test_a_members_language_is_kept_and_read_back_by_every_member_read(store):
    schedule = await make_schedule(store)
    await store.upsert_member(Actor(COMMUNITY, "u1", "Ann", locale="pt-BR"), AT)
    assert (await store.get_member(COMMUNITY, "u1")).language is None  # the platform's locale is not a choice
    await store.update_member(COMMUNITY, "u1", language="es")
    await store.join(schedule.id, "u1", True, True, AT)
    assert (await store.get_member(COMMUNITY, "u1")).language == "es"
    assert (await store.member_and_memberships(COMMUNITY, "u1"))[0].language == "es"
    [(_, member)] = await store.participants_with_members(schedule.id)
    assert member is not None and member.language == "es"
    await store.upsert_member(Actor(COMMUNITY, "u1", "Ann B", locale="de"), AT)  # a later event keeps the choice
    assert (await store.get_member(COMMUNITY, "u1")).language == "es"
    await store.update_member(COMMUNITY, "u1", language=None)
    assert (await store.get_member(COMMUNITY, "u1")).language is None
