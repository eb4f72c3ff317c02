"""The little the Discord adapter keeps for itself, in Hearth's own database.

* Button and form arguments too long for Discord's 100-character custom id
  are kept here under a short key, so a button still works after a restart
  or on another process.
* Members whose DMs are closed: marked once, told once, and not DM'd again
  (Discord counts every refused DM against the bot) until they join again.

The tables are the adapter's own, created if missing, so the core's schema
and migrations stay platform-neutral.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone

from bot.store.database import Executor, split_statements

SCHEMA = """
CREATE TABLE IF NOT EXISTS discord_custom_ids (
    key         TEXT PRIMARY KEY,
    data        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS discord_dm_closed (
    user_id     TEXT PRIMARY KEY,
    noticed     INTEGER NOT NULL DEFAULT 0,
    at          TEXT NOT NULL
);
"""


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class AdapterState:
    def __init__(self, db: Executor) -> None:
        self.db = db

    async def ensure(self) -> None:
        for statement in split_statements(SCHEMA):
            await self.db.execute(statement)

    # -- long custom ids ----------------------------------------------------

    async def stash(self, args: dict[str, str]) -> str:
        """Keep `args` and return a short key for them (same args, same key)."""
        data = json.dumps(args, sort_keys=True, separators=(",", ":"))
        key = hashlib.sha256(data.encode()).hexdigest()[:24]
        await self.db.execute(
            "INSERT INTO discord_custom_ids (key, data, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            key, data, _now(),
        )
        return key

    async def unstash(self, key: str) -> dict[str, str] | None:
        row = await self.db.fetchone("SELECT data FROM discord_custom_ids WHERE key = ?", key)
        return None if row is None else dict(json.loads(row["data"]))

    # -- closed DMs -------------------------------------------------------------

    async def mark_dm_closed(self, user_id: str) -> None:
        await self.db.execute(
            "INSERT INTO discord_dm_closed (user_id, noticed, at) VALUES (?, 0, ?) ON CONFLICT DO NOTHING",
            user_id, _now(),
        )

    async def dm_closed(self, user_id: str) -> bool:
        return await self.db.fetchone("SELECT 1 FROM discord_dm_closed WHERE user_id = ?", user_id) is not None

    async def take_notice(self, user_id: str) -> bool:
        """True exactly once after DMs were found closed: time to tell them."""
        return await self.db.execute(
            "UPDATE discord_dm_closed SET noticed = 1 WHERE user_id = ? AND noticed = 0", user_id
        ) > 0

    async def clear_dm_closed(self, user_id: str) -> None:
        await self.db.execute("DELETE FROM discord_dm_closed WHERE user_id = ?", user_id)
