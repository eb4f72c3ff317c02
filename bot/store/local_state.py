"""Small values one installation keeps for itself, by name (`local_state`): not a community's data.

The terminal keeps its simulated clock here ("console.clock"), so a session
started tomorrow goes on from the time the last one reached. Tied to no
community, it is never copied to another database (`bot.store.schema.NOT_DATA`).
"""

from __future__ import annotations

from datetime import datetime

from bot.clock import utc_iso
from bot.store.repository import Repository


class LocalStateRepository(Repository):
    async def get(self, name: str) -> str | None:
        row = await self.db.fetchone("SELECT value FROM local_state WHERE name = ?", name)
        return None if row is None else str(row["value"])

    async def put(self, name: str, value: str, now: datetime) -> None:
        """Keep `value` under `name`, over what was there."""
        await self.db.execute(
            "INSERT INTO local_state (name, value, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            name, value, utc_iso(now),
        )
