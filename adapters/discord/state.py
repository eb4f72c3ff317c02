"""The little the Discord adapter keeps for itself, in Hearth's own database.

* Button and form arguments too long for Discord's 100-character custom id
  are kept here under a short key, so a button still works after a restart
  or on another process. A key not stashed or used for `KEEP_CUSTOM_IDS` is
  purged: the buttons that needed it have long since been answered.
* Members whose DMs are closed: marked once, told once, and not DM'd again
  (Discord counts every refused DM against the bot) until they join again.

The tables are the adapter's own, created if missing, so the core's schema
and migrations stay platform-neutral. The SQL is portable (SQLite and
PostgreSQL): `?` placeholders, `ON CONFLICT` upserts, ISO-8601 UTC text times
that sort as they compare.
"""

from __future__ import annotations

import hashlib
import json
import time
from datetime import datetime, timedelta, timezone
from typing import Callable

from bot.store.database import Executor, split_statements

#: How long an unused stashed custom id is kept.
KEEP_CUSTOM_IDS = timedelta(days=90)
#: How often the members still to be told their DMs are closed are re-read (other processes mark them too).
UNNOTICED_REFRESH_SECONDS = 10.0

SCHEMA = """
CREATE TABLE IF NOT EXISTS discord_custom_ids (
    key         TEXT PRIMARY KEY,
    data        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS discord_custom_ids_created_at ON discord_custom_ids (created_at);
CREATE TABLE IF NOT EXISTS discord_dm_closed (
    user_id     TEXT PRIMARY KEY,
    noticed     INTEGER NOT NULL DEFAULT 0,
    at          TEXT NOT NULL
);
"""


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


def _stamp(when: datetime) -> str:
    return when.astimezone(timezone.utc).isoformat(timespec="seconds")


class AdapterState:
    def __init__(self, db: Executor, now: Callable[[], datetime] = _utc_now,
                 refresh_seconds: float = UNNOTICED_REFRESH_SECONDS) -> None:
        self.db = db
        self.now = now
        self.refresh_seconds = refresh_seconds
        # Who may still need telling, so that the other interactions cost no write: re-read now and
        # then, since another process may have found someone's DMs closed.
        self._unnoticed: set[str] = set()
        self._unnoticed_until = 0.0

    async def ensure(self) -> None:
        for statement in split_statements(SCHEMA):
            await self.db.execute(statement)

    # -- long custom ids ----------------------------------------------------

    async def stash(self, args: dict[str, str]) -> str:
        """Keep `args` and return a short key for them (same args, same key).

        Stashing again refreshes the key's time, so a button still being sent
        out is never purged from under it.
        """
        data = json.dumps(args, sort_keys=True, separators=(",", ":"))
        key = hashlib.sha256(data.encode()).hexdigest()[:24]
        await self.db.execute(
            "INSERT INTO discord_custom_ids (key, data, created_at) VALUES (?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET created_at = excluded.created_at",
            key, data, _stamp(self.now()),
        )
        return key

    async def unstash(self, key: str) -> dict[str, str] | None:
        row = await self.db.fetchone("SELECT data FROM discord_custom_ids WHERE key = ?", key)
        return None if row is None else dict(json.loads(row["data"]))

    async def purge_custom_ids(self, keep: timedelta = KEEP_CUSTOM_IDS) -> int:
        """Forget stashed args older than `keep`; their buttons then say they've expired."""
        return await self.db.execute("DELETE FROM discord_custom_ids WHERE created_at < ?",
                                     _stamp(self.now() - keep))

    # -- closed DMs -------------------------------------------------------------

    async def mark_dm_closed(self, user_id: str) -> None:
        await self.db.execute(
            "INSERT INTO discord_dm_closed (user_id, noticed, at) VALUES (?, 0, ?) ON CONFLICT (user_id) DO NOTHING",
            user_id, _stamp(self.now()),
        )
        self._unnoticed.add(user_id)

    async def dm_closed(self, user_id: str) -> bool:
        return await self.db.fetchone("SELECT 1 FROM discord_dm_closed WHERE user_id = ?", user_id) is not None

    async def take_notice(self, user_id: str) -> bool:
        """True exactly once after DMs were found closed: time to tell them (the UPDATE decides, across processes)."""
        if time.monotonic() >= self._unnoticed_until:
            self._unnoticed_until = time.monotonic() + self.refresh_seconds
            rows = await self.db.fetchall("SELECT user_id FROM discord_dm_closed WHERE noticed = 0")
            self._unnoticed = {r["user_id"] for r in rows}
        if user_id not in self._unnoticed:
            return False
        self._unnoticed.discard(user_id)
        return await self.db.execute(
            "UPDATE discord_dm_closed SET noticed = 1 WHERE user_id = ? AND noticed = 0", user_id
        ) > 0

    async def clear_dm_closed(self, user_id: str) -> None:
        await self.db.execute("DELETE FROM discord_dm_closed WHERE user_id = ?", user_id)
        self._unnoticed.discard(user_id)
