"""Button and form arguments too long for a platform's custom id, kept under a short key.

Discord allows 100 characters in a custom id, Slack 2000 in a button's value; arguments that don't fit are
kept here, so a button still works after a restart or on another process. A
key not stashed or used for a while is purged: the buttons that needed it
have long since been answered.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

from bot.clock import utc_iso
from bot.store.database import Executor
from bot.store.repository import Repository, like


def stash_key(args: dict[str, str]) -> str:
    """The key `StashRepository.stash` keeps `args` under (the same args, the same key), known before it is kept:
    Slack's button values are drawn in sync code and kept just after (`adapters.slack.render.ValueStore`)."""
    data = json.dumps(args, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(data.encode()).hexdigest()[:24]


class StashRepository(Repository):
    member_tables = ("stashed_args",)

    async def erase_member(self, tx: Executor, community_id: str, user_id: str, now: datetime) -> dict[str, int]:
        """Arguments of buttons and forms that name them (whose they are, `SHOWN_TO`, or whom they act on): gone,
        so those buttons say they've expired. Stashed arguments carry no community, so this is wherever they are
        named (a button of theirs in another community asks to be run again, and nothing else changes)."""
        await tx.execute("DELETE FROM stashed_args WHERE data LIKE ? ESCAPE '\\'", like(json.dumps(user_id)))
        return {}

    async def stash(self, args: dict[str, str], now: datetime) -> str:
        """Keep `args` and return a short key for them (same args, same key).

        Stashing again refreshes the key's time, so a button still being sent
        out is never purged from under it.
        """
        data = json.dumps(args, sort_keys=True, separators=(",", ":"))
        key = stash_key(args)
        await self.db.execute(
            "INSERT INTO stashed_args (key, data, created_at) VALUES (?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET created_at = excluded.created_at",
            key, data, utc_iso(now),
        )
        return key

    async def unstash(self, key: str) -> dict[str, str] | None:
        row = await self.db.fetchone("SELECT data FROM stashed_args WHERE key = ?", key)
        return None if row is None else dict(json.loads(row["data"]))

    async def purge(self, before: datetime) -> int:
        """Forget arguments last stashed before `before`; their buttons then say they've expired."""
        return await self.db.execute("DELETE FROM stashed_args WHERE created_at < ?", utc_iso(before))
