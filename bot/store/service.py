"""What a running service reports about its store: reachable, and how much waits in the outbox.

Kept beside the store (not in it) so the operations side grows without
touching the repositories; it uses only the store's database seam.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from bot.clock import parse_iso

if TYPE_CHECKING:
    from bot.store.store import Store


async def reachable(store: "Store") -> bool:
    """The database answers a trivial query."""
    try:
        return (await store.db.fetchone("SELECT 1 AS one")) is not None
    except Exception:
        return False


async def outbox_backlog(store: "Store", now: datetime) -> tuple[int, float]:
    """How many messages wait to be sent, and how long (seconds) the oldest of them has waited."""
    row = await store.db.fetchone(
        "SELECT count(*) AS n, min(created_at) AS oldest FROM outbox WHERE status = 'pending'")
    if row is None or not row["n"]:
        return 0, 0.0
    oldest = row["oldest"]
    when = oldest if isinstance(oldest, datetime) else parse_iso(str(oldest))
    return int(row["n"]), max(0.0, (now - when).total_seconds())
