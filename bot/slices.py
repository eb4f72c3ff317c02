"""Long loops on the event loop, in slices: others run in between.

Opening a round for 5,000 people builds 5,000 messages, and claiming 500 of
them to send parses 500 payloads; in one go each held the loop for 60–150 ms
on a 2-core machine (bench/README.md, "stall"), and every member's command
waited that long.
"""

from __future__ import annotations

import asyncio
from typing import Callable, Iterable, TypeVar

T = TypeVar("T")
U = TypeVar("U")


async def built_in_slices(items: Iterable[T], build: Callable[[T], U], size: int) -> list[U]:
    """`[build(x) for x in items]`, letting the loop run other tasks after every `size` items."""
    out: list[U] = []
    for i, item in enumerate(items, 1):
        out.append(build(item))
        if i % size == 0:
            await asyncio.sleep(0)
    return out
