"""Private words already in the database when an encryption key is set: found, checked and sealed where they lie.

What `privacy` tells members about encryption must be true of every row, not only of the words written since the
key was set. So a Hearth that starts with a key seals the plain rows of every column the cipher covers (`SEALED`),
a batch at a time. Each row is written only if it still holds the words read (compare and set), so several
processes doing it at once on PostgreSQL, or a member editing the row meanwhile, never overwrite each other; a
pass stopped part-way (killed, a lost connection) leaves sealed rows sealed and plain rows plain, and the next
start carries on. It also finds sealed rows the configured key can't open (no key, or the wrong one), so that
Hearth refuses to start rather than show members "unreadable" in place of their words.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from bot.crypto import MARKER
from bot.store.database import Executor, atomic, read_only_uri

if TYPE_CHECKING:
    from bot.store.database import Database

BATCH = 200
#: table -> which of its rows hold sealed (or to-be-sealed) words, in its `text` column: every column
#: `Store.cipher` seals (`NoteRepository.add`, `RoundRepository._sealed_if_private`). `hearth rotate-key` walks the
#: same rows.
SEALED = {
    "notes": "text <> ''",
    "responses": "visibility = 'private' AND text IS NOT NULL AND text <> ''",
    "kept_answers": "visibility = 'private' AND text <> ''",
}
_PLAIN = "substr(text, 1, 5) <> 'enc1:'"
_SEALED_ROW = "substr(text, 1, 5) = 'enc1:'"
assert MARKER == "enc1:"  # (spelled out in the SQL above)

#: How many sealed rows of each table, from each end, are tried against the key at start.
SAMPLE = 20


@dataclass(frozen=True)
class Sealed:
    """What a sealing pass did, per table: rows it sealed, and rows someone else changed first (left as they are)."""

    sealed: dict[str, int]
    changed: dict[str, int]


async def plain_left(db: "Database") -> dict[str, int]:
    """How many rows of each sealed column still hold plain words (0 everywhere once every one is sealed)."""
    counts = {}
    for table, which in SEALED.items():
        row = await db.fetchone(f"SELECT COUNT(*) AS n FROM {table} WHERE {which} AND {_PLAIN}")
        counts[table] = int(row["n"]) if row else 0
    return counts


async def sealed_count(db: "Database") -> int:
    """How many rows hold sealed words."""
    total = 0
    for table, which in SEALED.items():
        row = await db.fetchone(f"SELECT COUNT(*) AS n FROM {table} WHERE {which} AND {_SEALED_ROW}")
        total += int(row["n"]) if row else 0
    return total


async def sealed_sample(db: "Database", per_end: int = SAMPLE) -> list[str]:
    """Sealed words from the oldest and the newest rows of each table: enough to tell a wrong key at start
    without reading the whole database."""
    texts: dict[tuple[str, int], str] = {}
    for table, which in SEALED.items():
        for order in ("ASC", "DESC"):
            rows = await db.fetchall(f"SELECT id, text FROM {table} WHERE {which} AND {_SEALED_ROW} "
                                     f"ORDER BY id {order} LIMIT ?", per_end)
            texts.update({(table, r["id"]): r["text"] for r in rows})
    return list(texts.values())


def sealed_in_sqlite_file(path: Path, per_end: int = SAMPLE) -> tuple[int, list[str]]:
    """`sealed_count` and `sealed_sample` of a SQLite file, read without changing it (opened read-only), for
    `hearth check-config`: (0, []) when it has no such tables yet (a new or very old file)."""
    import sqlite3

    count, texts = 0, {}
    db = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        for table, which in SEALED.items():
            try:
                count += db.execute(f"SELECT COUNT(*) FROM {table} WHERE {which} AND {_SEALED_ROW}").fetchone()[0]
                for order in ("ASC", "DESC"):
                    rows = db.execute(f"SELECT id, text FROM {table} WHERE {which} AND {_SEALED_ROW} "
                                      f"ORDER BY id {order} LIMIT ?", (per_end,)).fetchall()
                    texts.update({(table, r[0]): r[1] for r in rows})
            except sqlite3.OperationalError:  # (no such table: nothing sealed in it)
                continue
    finally:
        db.close()
    return count, list(texts.values())


async def seal_plain(db: "Database", seal: Callable[[str], str], batch: int = BATCH,
                     after_batch: Callable[[str, int, int], None] | None = None) -> Sealed:
    """Seal every plain row of `SEALED` with `seal`, in id order, a batch at a time.

    `after_batch(table, done, total)` runs after each batch is written (progress; tests interrupt there). On
    PostgreSQL each row is its own statement, so a pass holds no row while it waits for another (no deadlock with
    a member's erasure, nor with another process's pass); on SQLite a batch is one transaction (one writer).
    """
    sealed = dict.fromkeys(SEALED, 0)
    changed = dict.fromkeys(SEALED, 0)
    for table, which in SEALED.items():
        total = (await plain_left(db))[table]
        last = 0
        while total:
            rows = await db.fetchall(f"SELECT id, text FROM {table} WHERE {which} AND {_PLAIN} AND id > ? "
                                     "ORDER BY id LIMIT ?", last, batch)
            if not rows:
                break
            update = f"UPDATE {table} SET text = ? WHERE id = ? AND text = ? AND {which}"
            changes = [(seal(r["text"]), r["id"], r["text"]) for r in rows]
            if db.dialect == "postgresql":
                done = [await db.execute(update, *c) for c in changes]
            else:
                async def work(tx: Executor, changes: list = changes) -> list[int]:
                    return [await tx.execute(update, *c) for c in changes]
                done = await atomic(db, work)
            sealed[table] += sum(done)
            changed[table] += len(done) - sum(done)
            last = rows[-1]["id"]
            if after_batch is not None:
                after_batch(table, sealed[table] + changed[table], total)
    return Sealed(sealed, changed)
