"""A batch taken back before its tick (`RoundRepository._take_back_batch`) racing a sender claiming it, on each
database: the batch is either the sender's, whole, or taken back, whole; never a piece of each, never an error.

On PostgreSQL the two run side by side: the withdrawal locks the batch's outbox rows (FOR UPDATE) and looks
whether a sender took them; a sender claiming after it finds none (SKIP LOCKED, then gone)."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

from bot.models import Outgoing
from bot.store.rounds import Batching, HeldPost, next_tick
from bot.store.store import Store
from tests.bot.store.helpers import AT, make_schedule, round_fields

FLOOR = 3
TRIES = 8


def _batching(round_id: int) -> Batching:
    """A floor of three; each new post keyed and aimed as `bot.engines.rounds.anonymous_messages` does it."""
    def build(held: list[HeldPost]) -> list[Outgoing]:
        batch = uuid.uuid4().hex
        return [Outgoing(f"anon:{round_id}:{batch}:{i}:post", "thread",
                         {"channel": "console:general", "round": round_id, "post": "anonymous"},
                         {"text": h.response.text}, round_id, h.response.id)
                for i, h in enumerate(held) if h.response is not None and h.response.visibility == "anonymous"]
    return Batching(FLOOR, build)


async def test_a_withdrawal_racing_a_sender_leaves_the_batch_whole_one_way_or_the_other(store: Store) -> None:
    # (which comes first is the databases' to say: on PostgreSQL the sender often does; either way, whole)
    for attempt in range(TRIES):
        schedule = await make_schedule(store, name=f"s{attempt}")
        rnd = await store.rounds.open(schedule, round_fields(AT + timedelta(days=attempt)), [])
        assert rnd is not None
        now = AT + timedelta(days=attempt, seconds=37)  # (off the tick: the batch waits for the next one)
        ids = {}
        for who in ("ann", "bob", "cy"):
            saved, _ = await store.rounds.save_response(rnd.id, f"console:{who}", 3, f"{who} {attempt}", "anonymous",
                                                        now, lambda r, p: [], _batching(rnd.id))
            ids[who] = saved.id
        assert len(await store.db.fetchall("SELECT id FROM outbox WHERE round_id = ? AND kind = 'thread'",
                                           rnd.id)) == FLOOR
        tick = next_tick(now) + timedelta(seconds=1)
        withdrawal = store.rounds.save_response(rnd.id, "console:ann", 3, f"ann {attempt}", "private",
                                                now + timedelta(seconds=30), lambda r, p: [], _batching(rnd.id))
        claim = store.outbox.claim_due("console", tick, 100, f"sender{attempt}", timedelta(minutes=5))
        jobs = [withdrawal, claim] if attempt % 2 else [claim, withdrawal]
        results = await asyncio.gather(*jobs, return_exceptions=True)
        assert [r for r in results if isinstance(r, BaseException)] == [], results
        entries = results[1] if attempt % 2 else results[0]
        sent = sorted(e.response_id for e in entries if e.kind == "thread" and e.round_id == rnd.id)
        pending = await store.db.fetchall("SELECT response_id FROM outbox WHERE round_id = ? AND kind = 'thread' "
                                          "AND status = 'pending'", rnd.id)
        held = await store.db.fetchall("SELECT response_id FROM held_posts WHERE round_id = ? "
                                       "AND response_id IS NOT NULL", rnd.id)
        if sent:  # the sender had it first: all of it, left alone (her post comes down with a later batch)
            assert sent == sorted(ids.values()) and len(pending) == FLOOR
            assert await store.rounds.anonymous_post_out(ids["ann"])
        else:  # taken back, whole: the two left too few, waiting again; hers gone from it
            assert pending == []
            assert sorted(r["response_id"] for r in held) == sorted([ids["bob"], ids["cy"]])
            assert not await store.rounds.anonymous_post_out(ids["ann"])
