"""A clean stop hands its claims back: the outbox entries it claimed and never began to send.

An entry whose send was cut off on the wire (the stop's time ran out) keeps
its claim: whoever takes it over when the lease ends asks the platform first
whether it arrived, so it is never sent twice.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.store.store import Store


async def release_unstarted(store: "Store", holder: str, on_the_wire: Collection[int] = ()) -> int:
    """Release `holder`'s untried claims except `on_the_wire`; returns how many were handed back."""
    keep = sorted(on_the_wire)
    skip = f" AND id NOT IN ({', '.join('?' for _ in keep)})" if keep else ""
    return await store.db.execute(
        "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL WHERE status = 'pending' AND claimed_by = ? "
        f"AND attempts = 0{skip}", holder, *keep)
