"""Interaction work that may run long: a step to take if it does (Discord's "thinking…"), or a wait that gives up."""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable, Callable

log = logging.getLogger(__name__)


class if_late:  # noqa: N801  (used like a function: `async with if_late(2.0, defer): …`)
    """Run `then()` beside the block if it is still running after `seconds`; leave once that is done too.

    A timer, not a task to wait on, and a plain class rather than a generator-based context manager:
    most work is done in milliseconds, and this runs for every interaction.
    """

    __slots__ = ("_seconds", "_then", "_timer", "_fired")

    def __init__(self, seconds: float, then: Callable[[], Awaitable[None]]) -> None:
        self._seconds = seconds
        self._then = then
        self._timer: asyncio.TimerHandle | None = None
        self._fired: asyncio.Future[None] | None = None

    async def __aenter__(self) -> None:
        self._timer = asyncio.get_running_loop().call_later(self._seconds, self._fire)

    def _fire(self) -> None:
        self._fired = asyncio.ensure_future(self._then())

    async def __aexit__(self, *exc_info: Any) -> None:
        assert self._timer is not None
        self._timer.cancel()
        if self._fired is None:
            return
        (outcome,) = await asyncio.gather(self._fired, return_exceptions=True)
        if isinstance(outcome, Exception):
            log.error("a step taken because the work ran long failed", exc_info=outcome)


async def within(seconds: float, work: "asyncio.Future[Any]") -> bool:
    """Wait for `work` up to `seconds`, leaving it running if it takes longer; True if it finished.

    A timer and a callback rather than `asyncio.wait_for(shield(…))`, which costs two futures and a task
    more: this runs for every Slack command.
    """
    if work.done():
        return True
    loop = asyncio.get_running_loop()
    gate: asyncio.Future[None] = loop.create_future()

    def open_gate(_: object = None) -> None:
        if not gate.done():
            gate.set_result(None)

    timer = loop.call_later(seconds, open_gate)
    work.add_done_callback(open_gate)
    try:
        await gate
    finally:
        timer.cancel()
        work.remove_done_callback(open_gate)
    return work.done()
