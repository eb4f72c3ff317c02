"""if_late: the step runs only when the work outlasts its time, and the block waits for it.
within: a wait that gives up at its time and leaves the work running."""

from __future__ import annotations

import asyncio
import time

from adapters.late import _ALARMS, TICK, if_late, within


async def test_the_step_runs_only_for_slow_work_and_is_done_before_the_block_ends():
    taken: list[str] = []

    async def step() -> None:
        await asyncio.sleep(0.05)
        taken.append("late step")

    async with if_late(0.01, step):
        taken.append("quick work")
    await asyncio.sleep(0.01 + 2 * TICK)  # its alarm has rung by now, and skipped the finished block
    assert taken == ["quick work"]

    async with if_late(0.01, step):
        await asyncio.sleep(0.01 + 2 * TICK)  # the alarm rings within a tick of its time
    assert taken == ["quick work", "late step"]  # finished before the block was left


async def test_the_step_never_runs_before_its_time_and_blocks_due_together_share_a_timer():
    loop = asyncio.get_running_loop()
    taken: list[int] = []

    async def step(i: int) -> None:
        taken.append(i)

    async def block(i: int) -> None:
        async with if_late(0.5, lambda: step(i)):
            await asyncio.sleep(1.0 if i % 2 == 0 else 0.05)

    blocks = [asyncio.ensure_future(block(i)) for i in range(100)]
    await asyncio.sleep(0)
    assert len(_ALARMS[loop]._due) <= 2  # one timer per tick in use (started within a tick of each other)
    await asyncio.sleep(0.3)
    assert taken == []  # the quick half is done, long before its time; the slow half's time hasn't come
    await asyncio.gather(*blocks)
    assert sorted(taken) == list(range(0, 100, 2))


def test_a_step_that_cannot_start_costs_the_others_in_its_tick_nothing(caplog):
    async def run() -> list[str]:
        taken: list[str] = []

        async def step() -> None:
            taken.append("step")

        async def block(then) -> None:  # type: ignore[no-untyped-def]
            async with if_late(0.0, then):
                await asyncio.sleep(3 * TICK)

        await asyncio.gather(block(lambda: None), block(step))  # the first `then` gives no coroutine
        return taken

    assert asyncio.run(run()) == ["step"]
    assert "could not start" in caplog.text


async def test_a_failing_step_is_logged_not_raised(caplog):
    async def broken() -> None:
        raise RuntimeError("no")

    async with if_late(0.0, broken):
        await asyncio.sleep(2 * TICK)
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


def test_a_loop_closed_with_alarms_pending_is_let_go():
    async def block() -> None:
        async with if_late(60.0, asyncio.sleep):
            pass

    first = asyncio.new_event_loop()
    first.run_until_complete(block())  # its alarm, a minute off, never rings
    first.close()
    assert first in _ALARMS
    asyncio.run(block())  # the next loop's first alarm
    assert first not in _ALARMS
