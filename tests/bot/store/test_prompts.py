"""A community's prompts (`bot.store.prompts`) on each database."""

from __future__ import annotations

import asyncio

from tests.bot.store.helpers import AT, COMMUNITY


async def test_racing_prompt_saves_agree_on_which_was_first(store):
    await store.communities.ensure(COMMUNITY, AT)
    prompt = {"id": "c1", "kind": "reflection", "theme": "listening", "depth": "light", "text": "When did you feel heard?"}
    saves = await asyncio.gather(*(store.prompts.save(COMMUNITY, prompt, "console:mia", AT) for _ in range(8)))
    assert sorted(saves) == [False] * 7 + [True]
    assert [p["id"] for p in await store.prompts.list_all(COMMUNITY)] == ["c1"]
