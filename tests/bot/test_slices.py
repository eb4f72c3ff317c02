"""built_in_slices: the same list as a comprehension, with the loop free to run others between slices."""

from __future__ import annotations

import asyncio

from bot.slices import built_in_slices


async def test_others_run_between_slices_and_the_result_is_the_comprehensions():
    seen: list[str] = []

    async def other() -> None:
        while True:
            seen.append("other")
            await asyncio.sleep(0)

    def build(x: int) -> int:
        seen.append("item")
        return x * x

    running = asyncio.create_task(other())
    await asyncio.sleep(0)  # it has started
    seen.clear()
    got = await built_in_slices(range(7), build, 3)
    running.cancel()
    assert got == [x * x for x in range(7)]
    # three items, then the other task's turn, three more, its turn again, then the last one
    assert seen == ["item"] * 3 + ["other"] + ["item"] * 3 + ["other"] + ["item"]


async def test_a_short_list_is_built_in_one_go():
    assert await built_in_slices(["a", "b"], str.upper, 1000) == ["A", "B"]
    assert await built_in_slices([], str.upper, 3) == []
