"""Rounds and answers (`bot.store.rounds`) on each database: once-only openings and steps, answers saved again."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from bot.clock import ManualClock
from bot.models import Outgoing, Response
from bot.store.store import Store
from tests.bot.store.helpers import AT, COMMUNITY, make_schedule, outbox_keys, post, round_fields


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


async def test_the_close_marks_new_anonymous_posts_too_few_to_go_and_queues_their_notes_with_it(store: Store) -> None:
    """`Batching.unposted`: new anonymous posts left over at the close never go up; in the close's own transaction
    their answers are marked `unposted` and the messages telling their authors are queued, once (a second close
    is a no-op). Posts that went up, and other answers, are left as they were."""
    from bot.models import HeldPost
    from bot.store.rounds import Batching

    schedule = await make_schedule(store)
    rnd = await store.rounds.open(schedule, round_fields(), [])
    assert rnd is not None
    told: list[list[str | None]] = []

    def build(held: list[HeldPost]) -> list[Outgoing]:
        return [Outgoing(f"anon:{rnd.id}:b:{h.response.id}:post", "thread", {"channel": "console:general",
                         "round": rnd.id, "post": "anonymous"}, {"text": h.response.text}, rnd.id, h.response.id)
                for h in held if h.response is not None and not h.withheld]

    def unposted(withheld: list[Response]) -> list[Outgoing]:
        told.append(sorted(r.user_id for r in withheld))
        return [Outgoing(f"round:{rnd.id}:unposted:{r.user_id}", "dm", {"user": r.user_id}, {"text": "not posted"},
                         response_id=r.id) for r in withheld]

    batching = Batching(3, build, unposted)

    def nothing(_new: Response, _old: Response | None) -> list[Outgoing]:
        return []

    # Three fill a batch (for the tick at 9:10); two come after that tick, too few together: left over.
    for at, who in ((1, "ann"), (2, "bo"), (3, "cy"), (30, "dee"), (31, "eve")):
        await store.rounds.save_response(rnd.id, f"console:{who}", 3, f"w-{who}", "anonymous",
                                         AT + timedelta(minutes=at), nothing, batching)
    await store.rounds.save_response(rnd.id, "console:fay", 3, "mine", "private", AT, nothing, batching)
    assert await store.rounds.waiting_authors(rnd.id) == ["console:dee", "console:eve"]
    later = AT + timedelta(hours=2)
    assert await store.rounds.finish_step(rnd.id, "closed_at", later, [], batching)
    assert not await store.rounds.finish_step(rnd.id, "closed_at", later, [], batching)
    assert told == [["console:dee", "console:eve"]]
    marked = {r.user_id: r.unposted for r in await store.rounds.responses(rnd.id)}
    assert marked == {"console:ann": False, "console:bo": False, "console:cy": False, "console:dee": True,
                      "console:eve": True, "console:fay": False}
    keys = await outbox_keys(store)
    assert sorted(k for k in keys if ":unposted:" in k) == [f"round:{rnd.id}:unposted:console:dee",
                                                      f"round:{rnd.id}:unposted:console:eve"]
    assert await store.rounds.waiting_authors(rnd.id) == []
    exported = (await store.rounds.member_export(COMMUNITY, "console:dee"))["answers"]
    assert [a["anonymous_post"] for a in exported] == ["not posted"]
    assert "anonymous_post" not in (await store.rounds.member_export(COMMUNITY, "console:fay"))["answers"][0]
