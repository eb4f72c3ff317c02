"""An installation's own values by name (`bot.store.local_state`) on each database."""

from __future__ import annotations

from datetime import timedelta

from bot.store.schema import NOT_DATA
from tests.bot.store.helpers import AT


async def test_a_value_is_kept_by_name_and_replaced_by_the_next(store):
    assert await store.local_state.get("console.clock") is None
    await store.local_state.put("console.clock", "2026-12-09T19:30:00Z", AT)
    await store.local_state.put("other", "x", AT)
    assert await store.local_state.get("console.clock") == "2026-12-09T19:30:00Z"
    await store.local_state.put("console.clock", "2026-12-10T08:00:00Z", AT + timedelta(hours=1))
    assert await store.local_state.get("console.clock") == "2026-12-10T08:00:00Z"
    assert await store.local_state.get("other") == "x"


def test_an_installations_own_values_are_never_moved_to_another_database():
    assert "local_state" in NOT_DATA
