"""The little the Discord adapter keeps for itself, in the core store.

Button and form arguments too long for Discord's 100-character custom id
are kept under a short key (`bot.store.stash`), so a button still works
after a restart or on another process. A key not stashed or used for
`KEEP_CUSTOM_IDS` is purged: the buttons that needed it have long since been
answered. (Whose DMs are closed is a core member fact now:
`bot.store.communities`.)
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Callable

from bot.store.stash import StashRepository

#: How long an unused stashed custom id is kept.
KEEP_CUSTOM_IDS = timedelta(days=90)


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


class AdapterState:
    def __init__(self, stash: StashRepository, now: Callable[[], datetime] = _utc_now) -> None:
        self._stash = stash
        self.now = now

    async def stash(self, args: dict[str, str]) -> str:
        """Keep `args` and return a short key for them (same args, same key; stashing again refreshes it)."""
        return await self._stash.stash(args, self.now())

    async def unstash(self, key: str) -> dict[str, str] | None:
        return await self._stash.unstash(key)

    async def purge_custom_ids(self, keep: timedelta = KEEP_CUSTOM_IDS) -> int:
        """Forget stashed args older than `keep`; their buttons then say they've expired."""
        return await self._stash.purge(self.now() - keep)
