"""A platform's 429s, honoured by every process on the store and every call to the method.

When a platform answers 429 with Retry-After, the wait is written to the
store (`delivery_waits`, to the microsecond); before each call to a
rate-limited method, every process looks there first. So one process's
429 holds back the others too, instead of each finding out with a 429 of
its own (docs/slack.md).
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from bot.clock import Clock, elapsed
from bot.delivery.sender import RetryLater, WaitingOut


class WaitsStore(Protocol):
    """Where the waits are shared (`bot.store.outbox.OutboxRepository`)."""

    async def hold_off(self, platform: str, method: str, now: datetime, seconds: float) -> None: ...
    async def wait_left(self, platform: str, method: str, now: datetime) -> float: ...


class SharedWaits:
    """One platform's waits: what this process knows, and what the store says the others were told."""

    def __init__(self, store: WaitsStore, clock: Clock, platform: str) -> None:
        self.store = store
        self.clock = clock
        self.platform = platform
        #: method -> when (on this process's monotonic clock) a wait it knows of ends: no store read till then.
        self._until: dict[str, float] = {}

    async def check(self, method: str) -> None:
        """Return if `method` may be called now; else raise `WaitingOut` with the time left."""
        left = self._until.get(method, 0.0) - elapsed(self.clock)
        if left <= 0:
            left = await self.store.wait_left(self.platform, method, self.clock.now())
            if left > 0:
                self._until[method] = elapsed(self.clock) + left
        if left > 0:
            raise WaitingOut(left, method)

    async def record(self, wait: RetryLater) -> None:
        """The platform said 429: hold this method back here at once, and in every other process."""
        ends = elapsed(self.clock) + wait.seconds
        self._until[wait.method] = max(self._until.get(wait.method, 0.0), ends)
        await self.store.hold_off(self.platform, wait.method, self.clock.now(), wait.seconds)
