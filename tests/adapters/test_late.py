"""if_late: the step runs only when the work outlasts its time, and the block waits for it."""

from __future__ import annotations

import asyncio

from adapters.late import if_late


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
