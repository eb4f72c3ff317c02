"""Button arguments too long for a custom id (`bot.store.stash`) on each database."""

from __future__ import annotations

from datetime import timedelta

from tests.bot.store.helpers import AT


async def test_the_same_arguments_get_the_same_short_key_and_a_fresh_time(store):
    args = {"name": "evenings", "text": "x" * 200}
    key = await store.stash.stash(args, AT)
    assert len(key) == 24 and await store.stash.stash(dict(reversed(list(args.items()))), AT) == key
    assert await store.stash.unstash(key) == args
    assert await store.stash.unstash("nope") is None
    await store.stash.stash(args, AT + timedelta(days=10))  # sent out again: kept from then
    assert await store.stash.purge(AT + timedelta(days=5)) == 0
    assert await store.stash.purge(AT + timedelta(days=11)) == 1
    assert await store.stash.unstash(key) is None
