"""`hearth rotate-key`: every private note and private answer sealed again under a new key.

Rows go a batch at a time, each batch its own transaction, in id order. A row
already sealed with the new key is left alone, so a rotation that was
interrupted (killed, a full disk, a lost connection) simply runs again and
carries on; the old key(s) keep opening what it has not reached yet. A row
changed while being rotated (a member edited it) is not overwritten: it was
just sealed with the new key by Hearth itself, or is picked up next run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from bot.crypto import MARKER
from bot.store.database import Executor, atomic
from bot.store.sealing import BATCH, SEALED

if TYPE_CHECKING:
    from bot.store.store import Store


class KeyMismatch(Exception):
    """Sealed words that neither key opens: the old key given is not the one they were sealed with."""


@dataclass
class Rotation:
    moved: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SEALED, 0))
    already: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SEALED, 0))


async def rotate(store: "Store", new_key: str, old_keys: list[str], batch: int = BATCH,
                 after_batch: Callable[[str, int], None] | None = None) -> Rotation:
    """Seal every row of SEALED under `new_key`, opening with it or any of `old_keys`.

    `after_batch(table, last_id)` runs once each batch is committed (progress, and tests interrupt there).
    """
    db = store.db
    new = Fernet(new_key.encode("ascii"))
    opener = MultiFernet([new, *(Fernet(k.encode("ascii")) for k in old_keys)])
    done = Rotation()
    for table, which in SEALED.items():
        last = 0
        while True:
            rows = await db.fetchall(f"SELECT id, text FROM {table} WHERE {which} AND id > ? ORDER BY id LIMIT ?",
                                     last, batch)
            if not rows:
                break
            changes = []
            for row in rows:
                sealed = _resealed(row["text"], new, opener, table, row["id"])
                if sealed is None:
                    done.already[table] += 1
                else:
                    changes.append((sealed, row["id"], row["text"]))
            done.moved[table] += await atomic(db, lambda tx: _reseal(tx, table, changes))
            last = rows[-1]["id"]
            if after_batch is not None:
                after_batch(table, last)
    return done


async def _reseal(tx: Executor, table: str, changes: list[tuple[str, int, str]]) -> int:
    """One batch in one transaction; how many rows it moved (a row changed meanwhile is left for the next run)."""
    moved = 0
    for sealed, row_id, was in changes:
        moved += await tx.execute(f"UPDATE {table} SET text = ? WHERE id = ? AND text = ?", sealed, row_id, was)
    return moved


def _resealed(stored: str, new: Fernet, opener: MultiFernet, table: str, row_id: int) -> str | None:
    """The row's words sealed with the new key; None when they already are."""
    if stored.startswith(MARKER):
        token = stored[len(MARKER):].encode("ascii")
        try:
            new.decrypt(token)
            return None
        except InvalidToken:
            pass
        try:
            return MARKER + opener.rotate(token).decode("ascii")
        except InvalidToken:
            raise KeyMismatch(f"a row of {table} (id {row_id}) is sealed with a key that is neither "
                              "HEARTH_ENCRYPTION_KEY nor HEARTH_NEW_ENCRYPTION_KEY") from None
    return MARKER + new.encrypt(stored.encode("utf-8")).decode("ascii")  # written before any key was set


async def left_to_rotate(store: "Store", new_key: str) -> int:
    """How many rows are not yet sealed with `new_key` (0 when the rotation is done)."""
    db = store.db
    new = Fernet(new_key.encode("ascii"))
    left = 0
    for table, which in SEALED.items():
        for row in await db.fetchall(f"SELECT text FROM {table} WHERE {which}"):
            text = row["text"]
            if not text.startswith(MARKER):
                left += 1
                continue
            try:
                new.decrypt(text[len(MARKER):].encode("ascii"))
            except InvalidToken:
                left += 1
    return left
