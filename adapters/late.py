"""Interaction work that may run long: a step to take if it does (Discord's "thinking…"), or a wait that gives up."""

from __future__ import annotations

import asyncio
import logging
import math
from typing import Any, Awaitable, Callable

log = logging.getLogger(__name__)


#: Deadlines are rounded up to this grain, so many interactions in flight share one loop timer.
TICK = 0.05


class if_late:  # noqa: N801  (used like a function: `async with if_late(2.0, defer): …`)
    """Run `then()` beside the block if it is still running after `seconds` (up to `TICK` more); leave once
    that is done too.

    Most work is done in milliseconds and this runs for every interaction, so it costs no task and no timer
    of its own: it joins the shared alarm for its tick (`_Alarms`), and a finished block is merely skipped
    when that rings. A plain class rather than a generator-based context manager for the same reason.
    """

    __slots__ = ("_seconds", "_then", "_fired")

    def __init__(self, seconds: float, then: Callable[[], Awaitable[None]]) -> None:
        self._seconds = seconds
        self._then: Callable[[], Awaitable[None]] | None = then
        self._fired: asyncio.Future[None] | None = None

    async def __aenter__(self) -> None:
        loop = asyncio.get_running_loop()
        alarms = _ALARMS.get(loop) or _Alarms.new(loop)
        alarms.add(loop.time() + self._seconds, self)

    def _ring(self) -> None:
        if self._then is not None:
            self._fired = asyncio.ensure_future(self._then())
            self._then = None

    async def __aexit__(self, *exc_info: Any) -> None:
        self._then = None  # left in time (or fired): its alarm skips it, and holds nothing of the work's
        if self._fired is None:
            return
        (outcome,) = await asyncio.gather(self._fired, return_exceptions=True)
        if isinstance(outcome, Exception):
            log.error("a step taken because the work ran long failed", exc_info=outcome)


class _Alarms:
    """One loop's pending `if_late`s, grouped by the tick they fall due in; one timer per tick in use.

    A timer each cost every interaction a heap push, a cancellation and the heap's comparisons as others
    came and went: about 1 % of the Discord path's work (bench/README.md, "discord").
    """

    __slots__ = ("_loop", "_due")

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._due: dict[int, list[if_late]] = {}

    @classmethod
    def new(cls, loop: asyncio.AbstractEventLoop) -> "_Alarms":
        """A loop's first alarm; loops closed with alarms still pending (a stopped adapter, a test) are let go."""
        for closed in [other for other in _ALARMS if other.is_closed()]:
            del _ALARMS[closed]
        alarms = _ALARMS[loop] = cls(loop)
        return alarms

    def add(self, when: float, late: if_late) -> None:
        tick = math.ceil(when / TICK)
        waiting = self._due.get(tick)
        if waiting is None:
            waiting = self._due[tick] = []
            self._loop.call_at(tick * TICK, self._ring, tick)
        waiting.append(late)

    def _ring(self, tick: int) -> None:
        for late in self._due.pop(tick):
            try:
                late._ring()
            except Exception:  # one bad step must not cost the others in its tick their turn
                log.exception("a step for work that ran long could not start")
        if not self._due:  # nothing pending: forget the loop (tests and restarts make new ones)
            _ALARMS.pop(self._loop, None)


_ALARMS: dict[asyncio.AbstractEventLoop, _Alarms] = {}


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
