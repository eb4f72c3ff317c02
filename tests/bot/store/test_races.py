"""Every write transaction of the store survives PostgreSQL ending it for a race, on each database.

PostgreSQL ends one of two transactions that deadlock (40P01) or can't be serialized (40001); the one ended
ran nothing, and must run again rather than hand a person an error. Here each writer's transaction is ended
that way after its work is done (the worst moment: everything written, then rolled back), twice; it must end
as asked, with each row written once. And on PostgreSQL they really run side by side.
"""

from __future__ import annotations

import asyncio
import re
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any, AsyncIterator, Awaitable, Callable

import pytest

from bot.models import FollowUp, Outgoing
from bot.store import member_data
from bot.store.store import Store
from tests.bot.store.helpers import AT, COMMUNITY, make_schedule, outbox_keys, post, round_fields

ROOT = Path(__file__).resolve().parents[3]
BODY = [["care.note.title", ""]]


class Raced(Exception):
    """What asyncpg raises for a deadlock: only its SQLSTATE matters to the store."""

    sqlstate = "40P01"


def end_transactions_for_a_race(store: Store, times: int) -> list[int]:
    """Make the next `times` transactions of `store` end for a race after their work; returns a list that
    counts the transactions opened."""
    real = store.db.transaction
    opened: list[int] = []
    left = [times]

    @asynccontextmanager
    async def flaky() -> AsyncIterator[Any]:
        opened.append(1)
        async with real() as tx:
            yield tx
            if left[0] > 0:
                left[0] -= 1
                raise Raced("deadlock detected")

    store.db.transaction = flaky  # type: ignore[method-assign]
    return opened


def _note_post(note: Any) -> list[Outgoing]:
    return [Outgoing(f"care:{note.id}:v{note.version}", "post", {"channel": "console:mods", "care_note": note.id},
                     {"text": "note"})]


async def _writers(store: Store) -> dict[str, Callable[[], Awaitable[Any]]]:
    """One call of each writer that opens a transaction, on rows made beforehand."""
    schedule = await make_schedule(store)
    other = await make_schedule(store, name="evenings")
    gone = await make_schedule(store, name="gone")
    open_round = await store.rounds.open(schedule, round_fields(AT - timedelta(days=1)), [])
    assert open_round is not None
    note = await store.care.open_note(COMMUNITY, "console:u0", "console:mods", BODY, AT, _note_post)
    await store.care.ask_followup(COMMUNITY, "console:u1", "en", AT, AT + timedelta(days=1))
    await store.outbox.enqueue([post("to-send")], AT)
    [entry] = await store.outbox.claim_due("console", AT + timedelta(minutes=1), 1, "p1", timedelta(minutes=5))
    return {
        "open a round": lambda: store.rounds.open(schedule, round_fields(), [post("round:open")]),
        "open many rounds": lambda: store.rounds.open_many([(other, round_fields(), [post("round:many")])]),
        "save an answer": lambda: store.rounds.save_response(open_round.id, "console:u2", 4, "words", "shared", AT,
                                                              lambda r, p: [post(f"answer:{r.id}")]),
        "close a round": lambda: store.rounds.finish_step(open_round.id, "reminded_at", AT, [post("remind")]),
        "open a care note": lambda: store.care.open_note(COMMUNITY, "console:u3", "console:mods", BODY, AT,
                                                          _note_post),
        "raise a care note again": lambda: store.care.raise_again(note.id, AT, [post("raised")]),
        "take a care note": lambda: store.care.take(COMMUNITY, note.id, "console:mod", "Mod", AT, _note_post),
        "send a follow-up": lambda: store.care.send_followup(
            FollowUp(COMMUNITY, "console:u1", "en", AT + timedelta(days=1)), [post("followup")], AT),
        "keep a note": lambda: store.notes.add(COMMUNITY, "console:u4", None, "prompt", "kept", AT),
        "record a safety alert": lambda: store.notes.record_safety_alert(COMMUNITY, "console:u5", AT,
                                                                          [post("alert")]),
        "change a schedule": lambda: store.schedules.update(schedule.id, AT, name="renamed"),
        "join a schedule": lambda: store.schedules.join(schedule.id, "console:u6", True, True, AT),
        "delete a schedule": lambda: store.schedules.delete(gone, AT, lambda r: {"text": "closed"}),
        "import a pack": lambda: store.prompts.save_many(
            COMMUNITY, [{"id": "c1", "kind": "checkin", "theme": "respect", "depth": "light", "text": "Hi?"}],
            "console:mod", AT),
        "hold an import": lambda: store.prompts.hold_import("tok", COMMUNITY, "console:mod", "{}", AT,
                                                            AT + timedelta(hours=1)),
        "queue messages": lambda: store.outbox.enqueue([post("queued")], AT),
        "mark a post sent": lambda: store.outbox.mark_sent(entry, "msg-1", AT),
        "erase a member": lambda: member_data.erase(store, COMMUNITY, "console:u0", AT),
    }


async def _snapshot(store: Store) -> dict[str, Any]:
    """What the writers leave, to compare a raced run with a plain one."""
    tables = ("rounds", "responses", "care_notes", "care_followups", "notes", "safety_alerts", "participants",
              "prompts", "pending_imports", "schedules")
    counts = {t: (await store.db.fetchone(f"SELECT COUNT(*) AS n FROM {t}"))["n"] for t in tables}
    return {"counts": counts, "outbox": sorted(await outbox_keys(store))}


@pytest.mark.parametrize("raced", [False, True], ids=["plain", "raced"])
async def test_every_write_transaction_runs_again_when_ended_for_a_race(store: Store, raced: bool) -> None:
    writers = await _writers(store)
    results = {}
    for name, write in writers.items():
        opened = end_transactions_for_a_race(store, 2 if raced else 0)
        try:
            results[name] = await write()
        finally:
            del store.db.transaction  # (the instance's own again)
        assert len(opened) >= (3 if raced else 1), f"{name}: ran {len(opened)} transactions"
    assert results["open a round"] is not None and results["open many rounds"][0] is not None
    assert results["take a care note"] is not None and results["raise a care note again"] is True
    assert results["send a follow-up"] is True and results["keep a note"] == 1
    after = await _snapshot(store)
    assert after["outbox"] == sorted(set(after["outbox"]))  # each message queued once
    assert {"round:open", "round:many", "remind", "raised", "followup", "alert", "queued"} <= set(after["outbox"])
    assert after["counts"]["schedules"] == 2 and after["counts"]["participants"] == 1


async def test_a_lone_statement_ended_for_a_race_runs_again(store: Store, monkeypatch) -> None:
    """A statement outside a transaction is its own: PostgreSQL may end it just the same."""
    if store.db.dialect != "postgresql":
        pytest.skip("SQLite runs one writer at a time")
    from bot.store.postgres import _Calls

    real, left = _Calls.execute, [2]

    async def flaky(self: Any, sql: str, *args: Any) -> int:
        if left[0] > 0 and sql.startswith("UPDATE"):
            left[0] -= 1
            raise Raced("deadlock detected")
        return await real(self, sql, *args)

    monkeypatch.setattr(_Calls, "execute", flaky)
    schedule = await make_schedule(store)
    assert await store.prompts.set_enabled(COMMUNITY, "nothing", False) is False
    assert left == [0] and schedule.id


async def test_rounds_opening_and_care_notes_racing_erasures_always_end(store: Store) -> None:
    """Side by side (on PostgreSQL, on several connections): rounds opening, answers, care notes taken and
    written, schedules joined, while members' data is erased. Nobody gets an error."""
    schedules = [await make_schedule(store, name=f"s{i}") for i in range(4)]
    for attempt in range(6):
        at = AT + timedelta(days=attempt)
        rounds = [await store.rounds.open(s, round_fields(at), [post(f"r{attempt}:{s.id}")]) for s in schedules[:2]]
        users = [f"console:m{i}" for i in range(4)]
        for rnd in rounds:
            assert rnd is not None
            for u in users:
                await store.rounds.save_response(rnd.id, u, 3, "w", "shared", at, lambda r, p: [post(f"a{r.id}:{at}")])
        notes = [await store.care.open_note(COMMUNITY, u, "console:mods", BODY, at, _note_post) for u in users]
        jobs = [
            *(store.rounds.open(s, round_fields(at), [post(f"r{attempt}:{s.id}")]) for s in schedules[2:]),
            *(store.care.open_note(COMMUNITY, u, "console:mods", BODY, at, _note_post) for u in users),
            *(store.care.take(COMMUNITY, n.id, "console:mod", "Mod", at, _note_post) for n in notes),
            *(store.schedules.join(s.id, u, True, True, at) for s in schedules for u in users),
            *(member_data.erase(store, COMMUNITY, u, at) for u in users[::2]),
            *(store.rounds.finish_step(r.id, "closed_at", at, [post(f"c{r.id}")]) for r in rounds if r),
        ]
        results = await asyncio.gather(*jobs, return_exceptions=True)
        failed = [r for r in results if isinstance(r, BaseException)]
        assert failed == [], f"attempt {attempt}: {failed!r}"


def test_every_transaction_in_the_store_goes_through_the_one_retry_path() -> None:
    """`atomic` is the store's way into a transaction; the few others are named here, each with its reason."""
    allowed = {
        "bot/store/database.py": "atomic itself",
        "bot/store/postgres.py": "the driver's own transaction",
        "bot/store/migrations.py": "DDL under the migration lock, before the store serves anyone",
        "bot/store/copying.py": "migrate-store: one transaction on each of two databases, run by an operator",
    }
    found = sorted({str(p.relative_to(ROOT)) for top in ("bot", "adapters", "hearth")
                    for p in (ROOT / top).rglob("*.py")
                    if re.search(r"\.transaction\(\)", p.read_text(encoding="utf-8"))})
    assert "bot/store/database.py" in found  # the scan really looked
    assert [f for f in found if f not in allowed] == []
