"""Fixtures of the store's tests (each test that takes `store` runs on SQLite and on PostgreSQL)."""

from __future__ import annotations

import pytest

from bot.clock import ManualClock
from bot.store.store import Store


@pytest.fixture
async def fresh_store(empty_database_url: str, clock: ManualClock):
    """A store on its own new database, for tests that add migrations of their own."""
    opened = await Store.open(empty_database_url, clock)
    yield opened
    await opened.close()
