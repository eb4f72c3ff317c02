"""`me delete` racing retention, a round closing and an anonymous batch, on each database.

On PostgreSQL these transactions run side by side and take row locks on the same tables (rounds, held_posts,
responses, outbox); whatever order they meet in, each must end as asked, never with an error for a person."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from bot.models import Outgoing
from bot.store import member_data
from bot.store.rounds import Batching, HeldPost
from bot.store.store import Store
from tests.bot.store.helpers import AT, COMMUNITY, make_schedule, round_fields

ROUNDS = 4
MEMBERS = 6
TRIES = 12


def _batching(tag: str) -> Batching:
    """Every waiting post goes at once (a floor of one), each batch message keyed by what it carries."""
    def build(held: list[HeldPost]) -> list[Outgoing]:
        return [Outgoing(f"{tag}:batch:{h.held_id}", "post", {"channel": "console:general"}, {"text": "…"})
                for h in held]
    return Batching(1, build)


def _member(i: int) -> str:
    return f"console:m{i}"


async def _answered_rounds(store: Store, attempt: int) -> list[int]:
    """Open rounds, each answered by every member (anonymous ones waiting for a batch, named ones posted)."""
    schedule = await make_schedule(store, name=f"s{attempt}")
    round_ids = []
    for k in range(ROUNDS):
        rnd = await store.rounds.open(schedule, round_fields(AT + timedelta(days=k)), [])
        assert rnd is not None
        round_ids.append(rnd.id)
        for i in range(MEMBERS):
            visibility = "anonymous" if (i + k) % 2 else "shared"
            response, _ = await store.rounds.save_response(
                rnd.id, _member(i), 3, f"words {i}", visibility, AT, lambda r, p: [],
                _batching(f"seed{attempt}") if visibility == "anonymous" and i % 3 else None)
            ref = f"msg-{attempt}-{k}-{i}"
            column = "anon_ref" if visibility == "anonymous" else "post_ref"
            await store.db.execute(f"UPDATE responses SET {column} = ? WHERE id = ?", ref, response.id)
    # (a few anonymous answers were held without a batch: they still wait, as a slow round's do)
    await store.db.execute("INSERT INTO held_posts (round_id, response_id, channel_id, held_at) "
                           "SELECT r.round_id, r.id, 'console:general', ? FROM responses r "
                           "WHERE r.visibility = 'anonymous' AND NOT EXISTS "
                           "(SELECT 1 FROM held_posts h WHERE h.response_id = r.id)", AT.isoformat())
    return round_ids


async def test_erasure_racing_retention_and_batches_always_ends(store: Store, caplog) -> None:
    caplog.set_level(logging.INFO, logger="bot.store.database")
    later = AT + timedelta(days=400)
    for attempt in range(TRIES):
        round_ids = await _answered_rounds(store, attempt)
        erased = _member(attempt % MEMBERS)
        jobs = [
            member_data.erase(store, COMMUNITY, erased, later),
            store.purge_community(COMMUNITY, later, later, per_slice=5),
            *(store.rounds.finish_step(rid, "closed_at", later, [], _batching(f"close{attempt}"))
              for rid in round_ids[::2]),
            *(store.rounds.save_response(rid, _member((attempt + 1) % MEMBERS), 4, "again", "anonymous", later,
                                         lambda r, p: [], _batching(f"answer{attempt}:{rid}"))
              for rid in round_ids[1::2]),
            member_data.erase(store, COMMUNITY, _member((attempt + 2) % MEMBERS), later),
        ]
        results = await asyncio.gather(*jobs, return_exceptions=True)
        failed = [r for r in results if isinstance(r, BaseException)]
        assert failed == [], f"attempt {attempt}: {failed!r}"
        left = await store.db.fetchall("SELECT id FROM responses WHERE user_id = ?", erased)
        assert left == []
    # They take their rounds first, in id order (`RoundRepository.lock_rounds`), so none of them even met another
    # in a deadlock: running again (`retried`) is for what is left outside rounds.
    assert [r.message for r in caplog.records if "running it again" in r.getMessage()] == []
