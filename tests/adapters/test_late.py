"""if_late: the step runs only when the work outlasts its time, and the block waits for it.
within: a wait that gives up at its time and leaves the work running."""

from __future__ import annotations

import asyncio
import time

from adapters.late import if_late, within


async def test_the_step_runs_only_for_slow_work_and_is_done_before_the_block_ends():
    taken: list[str] = []

    async def step() -> None:
        await asyncio.sleep(0.05)
        taken.append("late step")

    async with if_late(0.01, step):
        taken.append("quick work")
    await asyncio.sleep(0.03)
    assert taken == ["quick work"]

    async with if_late(0.01, step):
        await asyncio.sleep(0.02)
    assert taken == ["quick work", "late step"]  # finished before the block was left


async def test_a_failing_step_is_logged_not_raised(caplog):
    async def broken() -> None:
        raise RuntimeError("no")

    async with if_late(0.0, broken):
        await asyncio.sleep(0.01)
    assert "ran long failed" in caplog.text


async def test_within_returns_when_the_work_is_done_or_its_time_is_up_and_the_work_goes_on():
    quick = asyncio.ensure_future(asyncio.sleep(0.01, "quick"))
    started = time.monotonic()
    assert await within(5.0, quick) is True
    assert time.monotonic() - started < 1.0 and quick.result() == "quick"
    assert await within(5.0, quick) is True  # already done: no wait at all

    slow = asyncio.ensure_future(asyncio.sleep(0.3, "slow"))
    started = time.monotonic()
    assert await within(0.05, slow) is False
    assert 0.04 <= time.monotonic() - started < 0.25 and not slow.done()  # not cancelled: it goes on
    assert await slow == "slow"
