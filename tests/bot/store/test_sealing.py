"""Private words stored before a key was set are sealed where they lie: every column the cipher covers, in
batches, resumably, and safely beside another process doing the same (both databases)."""

from __future__ import annotations

import asyncio

import pytest

from bot.crypto import MARKER, FernetCipher, generate_key
from bot.store.sealing import SEALED, plain_left, seal_plain, sealed_count
from bot.store.store import Store
from tests.bot.store.helpers import AT, COMMUNITY, make_schedule, round_fields

KEY = generate_key()


async def plain_rows(store: Store, clock) -> None:
    """Three notes written with no key."""
    for i in range(3):
        await store.notes.add(COMMUNITY, "console:ann", None, "", f"note {i} for me alone", clock.now())


async def answers(store: Store) -> None:
    """Answers of every visibility, written with no key: only the private ones are the cipher's."""
    rnd = await store.rounds.open(await make_schedule(store), round_fields(), [])
    for who, visibility in (("ann", "private"), ("bob", "shared"), ("cy", "anonymous"), ("dee", "private")):
        await store.rounds.save_response(rnd.id, f"console:{who}", 3, f"{who}'s {visibility} words", visibility,
                                         AT, lambda response, previous: [])


async def stored(store: Store) -> dict[str, dict[int, str]]:
    out: dict[str, dict[int, str]] = {}
    for table in SEALED:
        out[table] = {r["id"]: r["text"] for r in await store.db.fetchall(f"SELECT id, text FROM {table}")}
    return out


async def test_every_plain_private_row_is_sealed_and_reads_back_the_same(store, clock):
    await plain_rows(store, clock)
    await answers(store)
    # A private answer kept for its author after a moderator deleted its check-in (`kept_answers`), with no key.
    gone = await make_schedule(store, "evenings")
    rnd = await store.rounds.open(gone, round_fields(), [])
    await store.rounds.save_response(rnd.id, "console:eve", 2, "eve's kept words", "private", AT, lambda r, p: [])
    await store.schedules.delete(gone, AT, lambda r: {"body": [], "title": None, "buttons": []})
    before = await stored(store)
    assert await plain_left(store.db) == {"notes": 3, "responses": 2, "kept_answers": 1}
    cipher = FernetCipher([KEY])
    done = await seal_plain(store.db, cipher.seal, batch=2)
    assert done.sealed == {"notes": 3, "responses": 2, "kept_answers": 1} and not any(done.changed.values())
    assert await plain_left(store.db) == {"notes": 0, "responses": 0, "kept_answers": 0}
    assert await sealed_count(store.db) == 6
    after = await stored(store)
    for text in after["notes"].values():
        assert text.startswith(MARKER)
    visibility = {r["id"]: r["visibility"] for r in await store.db.fetchall("SELECT id, visibility FROM responses")}
    for rid, text in after["responses"].items():
        assert text.startswith(MARKER) == (visibility[rid] == "private")  # shared and anonymous words are posted
    for table in SEALED:
        assert {i: cipher.open(t) for i, t in after[table].items()} == before[table]  # sealed once, words intact
    assert sum((await seal_plain(store.db, cipher.seal)).sealed.values()) == 0  # nothing twice


class Stop(Exception):
    pass


async def test_a_pass_stopped_part_way_carries_on_where_it_stopped(store, clock):
    await plain_rows(store, clock)
    for i in range(3, 9):
        await store.notes.add(COMMUNITY, "console:ann", None, "", f"note {i} for me alone", clock.now())
    before = await stored(store)
    cipher = FernetCipher([KEY])

    def stop(table: str, done: int, total: int) -> None:
        assert (table, total) == ("notes", 9)
        if done >= 4:
            raise Stop

    with pytest.raises(Stop):
        await seal_plain(store.db, cipher.seal, batch=2, after_batch=stop)
    assert (await plain_left(store.db))["notes"] == 5  # two batches written, the rest still plain (and readable)
    progress: list[tuple[str, int, int]] = []
    done = await seal_plain(store.db, cipher.seal, batch=2, after_batch=lambda *p: progress.append(p))
    assert done.sealed["notes"] == 5 and progress[-1] == ("notes", 5, 5)
    assert {i: cipher.open(t) for i, t in (await stored(store))["notes"].items()} == before["notes"]


async def test_two_processes_sealing_at_once_seal_each_row_once(store, database_url, clock):
    """Two Hearths starting together with the key (PostgreSQL: two processes) each run the pass: every row ends
    sealed once, opening to its own words; a row the other sealed first is left alone."""
    for i in range(40):
        await store.notes.add(COMMUNITY, "console:ann", None, "", f"note {i}", clock.now())
    await answers(store)
    before = await stored(store)
    other = await Store.open(database_url, clock)
    try:
        cipher = FernetCipher([KEY])
        ours, theirs = await asyncio.gather(seal_plain(store.db, cipher.seal, batch=3),
                                            seal_plain(other.db, cipher.seal, batch=3))
    finally:
        await other.close()
    assert ours.sealed["notes"] + theirs.sealed["notes"] == 40
    assert ours.sealed["responses"] + theirs.sealed["responses"] == 2
    after = await stored(store)
    for table in SEALED:
        assert {i: cipher.open(t) for i, t in after[table].items()} == before[table]


async def test_a_row_changed_meanwhile_is_not_overwritten(store, clock):
    """Compare and set: a member's edit between the pass's read and its write wins (here: the note rewritten
    while the batch is being sealed)."""
    await store.notes.add(COMMUNITY, "console:ann", None, "", "first words", clock.now())
    cipher = FernetCipher([KEY])
    loop_writes: list[str] = []

    def seal(text: str) -> str:
        loop_writes.append(text)
        return cipher.seal(text)

    rows = await store.db.fetchall("SELECT id FROM notes")
    # the member's edit lands first: the pass read "first words", the row now holds sealed new words
    edited = cipher.seal("new words")
    original_fetchall = store.db.fetchall

    async def fetch_then_edit(sql: str, *args):
        result = await original_fetchall(sql, *args)
        if sql.startswith("SELECT id, text FROM notes") and result:
            await store.db.execute("UPDATE notes SET text = ? WHERE id = ?", edited, rows[0]["id"])
        return result

    store.db.fetchall = fetch_then_edit  # type: ignore[method-assign]
    try:
        done = await seal_plain(store.db, seal)
    finally:
        del store.db.fetchall
    assert done.sealed["notes"] == 0 and done.changed["notes"] == 1 and loop_writes == ["first words"]
    row = await store.db.fetchone("SELECT text FROM notes")
    assert row is not None and cipher.open(row["text"]) == "new words"
