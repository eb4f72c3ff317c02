"""Rounds and answers (`bot.store.rounds`) on each database: once-only openings and steps, answers saved again."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from bot.clock import ManualClock
from bot.models import Outgoing, Response
from bot.store.store import Store
from tests.bot.store.helpers import AT, make_schedule, outbox_keys, post, round_fields


async def test_opening_a_round_twice_is_a_no_op(store: Store) -> None:
    schedule = await make_schedule(store)
    first = await store.rounds.open(schedule, round_fields(), [post("round:{round}:post")])
    again = await store.rounds.open(schedule, round_fields(), [post("round:{round}:again")])
    assert first is not None and again is None
    assert isinstance(first.id, int)
    assert await outbox_keys(store) == [f"round:{first.id}:post"]


async def test_two_openings_at_once_make_one_round(database_url: str, clock: ManualClock) -> None:
    a = await Store.open(database_url, clock)
    b = await Store.open(database_url, clock)  # a second process on the same database
    try:
        schedule = await make_schedule(a)
        results = await asyncio.gather(
            *(s.rounds.open(schedule, round_fields(), [post(f"round:{{round}}:{i}")])
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


async def test_a_round_step_finishes_once_even_when_raced(store: Store) -> None:
    schedule = await make_schedule(store)
    rnd = await store.rounds.open(schedule, round_fields(), [])
    assert rnd is not None
    later = AT + timedelta(hours=2)
    results = await asyncio.gather(
        *(store.rounds.finish_step(rnd.id, "closed_at", later, [post(f"close:{i}")]) for i in range(5))
    )
    assert sorted(results) == [False, False, False, False, True]
    assert len(await outbox_keys(store)) == 1
    assert await store.rounds.finish_step(rnd.id, "closed_at", later, [post("close:late")]) is False
    closed = await store.rounds.get(rnd.id)
    assert closed is not None and closed.closed_at == later
    with pytest.raises(ValueError):
        await store.rounds.finish_step(rnd.id, "prompt_id", later, [])


async def test_saving_a_response_again_updates_it(store: Store) -> None:
    schedule = await make_schedule(store)
    rnd = await store.rounds.open(schedule, round_fields(), [])
    assert rnd is not None

    def nothing(_new: Response, _old: Response | None) -> list[Outgoing]:
        return []

    first, before = await store.rounds.save_response(rnd.id, "console:ann", 4, "ok", "shared", AT, nothing)
    second, previous = await store.rounds.save_response(
        rnd.id, "console:ann", 2, "", "private", AT + timedelta(minutes=5), nothing
    )
    assert before is None and previous == first
    assert second.id == first.id and (second.mood, second.text, second.visibility) == (2, "", "private")
    assert second.created_at == AT and second.updated_at == AT + timedelta(minutes=5)
    assert await store.rounds.responses(rnd.id) == [second]


async def test_a_change_given_no_visibility_keeps_the_answers_own_and_a_first_answer_is_private(store: Store) -> None:
    schedule = await make_schedule(store)
    rnd = await store.rounds.open(schedule, round_fields(), [])
    assert rnd is not None
    seen: list[tuple[str, str | None]] = []

    def record(new: Response, old: Response | None) -> list[Outgoing]:
        seen.append((new.visibility, old.visibility if old else None))
        return []

    await store.rounds.save_response(rnd.id, "console:ann", 4, "ok", "anonymous", AT, record)
    kept, _before = await store.rounds.save_response(rnd.id, "console:ann", 3, "changed", None, AT, record)
    first, _none = await store.rounds.save_response(rnd.id, "console:bo", 5, "mine", None, AT, record)
    assert (kept.visibility, kept.text, first.visibility) == ("anonymous", "changed", "private")
    assert seen == [("anonymous", None), ("anonymous", "anonymous"), ("private", None)]
    assert first.text == "mine"  # (read back: sealed as private, if a key is set)
