"""A step to take only if an interaction's work runs long: Discord's "thinking…", Slack's early ack."""

from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager
from typing import AsyncIterator, Awaitable, Callable

log = logging.getLogger(__name__)


@asynccontextmanager
async def if_late(seconds: float, then: Callable[[], Awaitable[None]]) -> AsyncIterator[None]:
    """Run `then()` beside the block if it is still running after `seconds`; leave once that is done too.

    A timer, not a task to wait on: most work is done in milliseconds, and this runs for every interaction.
    """
    fired: list[asyncio.Future[None]] = []
    timer = asyncio.get_running_loop().call_later(seconds, lambda: fired.append(asyncio.ensure_future(then())))
    try:
        yield
    finally:
        timer.cancel()
        for outcome in await asyncio.gather(*fired, return_exceptions=True):
            if isinstance(outcome, Exception):
                log.error("a step taken because the work ran long failed", exc_info=outcome)
