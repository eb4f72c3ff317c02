"""Copying Hearth's tables from one database to another (`hearth migrate-store`, in `bot.ops.migrate_store`).

Every table the source holds is copied, parents before children, in
batches, keeping ids so foreign keys, buttons already posted and outbox
entries keep pointing at the right rows. Ids never go backwards: each
auto-numbered table's counter on the target ends at least where the
source's was. The source is read in one snapshot; the target is written in
one transaction, so a failure leaves it as it was. A target that already
holds data for the communities being copied is refused, never merged or
overwritten. Afterwards every table is counted on both sides.

Tables are discovered from the source's catalog (`bot.store.schema`, minus
the migration ledger), so new migrations are moved without a list to keep in
step. With `communities`, a table is copied if it names the community
(`communities.id`, a `community_id` column), points at a table that does
(rounds -> schedules -> communities), or has a rule in `EXTRA_LINKS`
(crisis-alert and care-team outbox entries). Tables tied to no community (processed
events, closed DMs, stashed button arguments) are shared by all communities
and are copied only when all communities move.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, AsyncIterator, Callable, Protocol, Sequence

from bot.errors import HearthError, StoreError
from bot.store.database import Database, Executor
from bot.store.repository import like
from bot.store.dialect import POSTGRESQL
from bot.store.schema import Table, describe, fit, parents_first, quote

#: Rows read from the source per query.
READ_BATCH = 2000
#: Bound values per INSERT, under both databases' limits (SQLite 32766, PostgreSQL 32767).
MAX_VALUES = 30000


class Progress(Protocol):
    """How a copy reports its progress (`bot.ops.progress.Progress` draws it)."""

    def start(self, name: str, total: int) -> None: ...
    def advance(self, rows: int) -> None: ...
    def finish(self) -> None: ...


class MigrationRefused(HearthError):
    """Nothing was written: what was wrong, and what to do instead."""


@dataclass
class Counted:
    table: str
    source: int
    copied: int = 0
    target: int = -1

    @property
    def matches(self) -> bool:
        return self.source == self.copied == self.target


@dataclass
class Outcome:
    counts: list[Counted]
    shared: list[str] = field(default_factory=list)  # not copied: tied to no one community
    seconds: float = 0.0

    @property
    def rows(self) -> int:
        return sum(c.copied for c in self.counts)

    @property
    def mismatches(self) -> list[Counted]:
        return [c for c in self.counts if not c.matches]


# -- which rows belong to the communities being moved ---------------------------------------


def _alert_entries(table: Table, communities: Sequence[str]) -> tuple[str, list[Any]] | None:
    """Outbox rows tied to no round: crisis alerts, the care team's messages (`bot.flows.care_team`) and digests,
    whose key names the community; and those whose target does, such as the removals of posts whose rows are
    gone (`removal`: an erasure's, retention's, a deleted schedule's), which must still come down after the move."""
    if not {"round_id", "dedupe_key", "target"} <= set(table.columns):
        return None
    keys = [f"{kind}:{c}:" for c in communities for kind in ("alert", "care", "digest")]
    named = [json.dumps({"community": c})[1:-1] for c in communities]  # ("community": "x", as the target is written)
    tests = " OR ".join(["substr(dedupe_key, 1, ?) = ?" for _ in keys] + ["target LIKE ? ESCAPE '\\'" for _ in named])
    return f"round_id IS NULL AND ({tests})", [a for k in keys for a in (len(k), k)] + [like(n) for n in named]


#: Rows that name their community in a way the schema can't show.
EXTRA_LINKS: dict[str, Callable[[Table, Sequence[str]], tuple[str, list[Any]] | None]] = {
    "outbox": _alert_entries,
}


class Scope:
    """A WHERE clause per table for the rows to move: all of them, or one community's."""

    def __init__(self, tables: dict[str, Table], communities: Sequence[str] | None) -> None:
        self.tables = tables
        self.communities = list(communities or [])

    def where(self, name: str) -> tuple[str, list[Any]] | None:
        """("", []) for every row; None if the table is tied to no community (shared)."""
        if not self.communities:
            return "", []
        return self._link(name, frozenset())

    def _link(self, name: str, seen: frozenset[str]) -> tuple[str, list[Any]] | None:
        table = self.tables[name]
        marks = ", ".join("?" for _ in self.communities)
        if name == "communities":
            return f"id IN ({marks})", list(self.communities)
        if "community_id" in table.columns:
            return f"community_id IN ({marks})", list(self.communities)
        parts: list[str] = []
        args: list[Any] = []
        for fk in table.foreign_keys:
            parent = None if fk.parent in seen | {name} or fk.parent not in self.tables else \
                self._link(fk.parent, seen | {name})
            if parent is not None:
                parts.append(f"{quote(fk.column)} IN (SELECT {quote(fk.parent_column)} FROM {quote(fk.parent)} "
                             f"WHERE {parent[0]})")
                args += parent[1]
        extra = EXTRA_LINKS.get(name)
        found = extra(table, self.communities) if extra else None
        if found:
            parts.append(found[0])
            args += found[1]
        if not parts:
            return None
        return " OR ".join(f"({p})" for p in parts), args


def _filtered(sql: str, where: str, more: str = "") -> str:
    conditions = [f"({c})" for c in (where, more) if c]
    return sql + (" WHERE " + " AND ".join(conditions) if conditions else "")


async def _count(ex: Executor, table: str, where: str, args: list[Any]) -> int:
    row = await ex.fetchone(_filtered(f"SELECT count(*) AS n FROM {quote(table)}", where), *args)
    return int(row["n"]) if row else 0


# -- reading and writing ---------------------------------------------------------------------


async def _batches(src: Executor, table: Table, where: str, args: list[Any]) -> AsyncIterator[list[dict[str, Any]]]:
    """The rows in primary-key order, a batch at a time (keyset paging: each query starts where the last ended)."""
    select = f"SELECT {', '.join(quote(c) for c in table.columns)} FROM {quote(table.name)}"
    if not table.key:
        yield await src.fetchall(_filtered(select, where), *args)
        return
    key = ", ".join(quote(k) for k in table.key)
    after = f"({key}) > ({', '.join('?' for _ in table.key)})"
    last: dict[str, Any] | None = None
    while True:
        sql = _filtered(select, where, after if last else "") + f" ORDER BY {key} LIMIT {READ_BATCH}"
        rows = await src.fetchall(sql, *args, *([last[k] for k in table.key] if last else []))
        if rows:
            yield rows
        if len(rows) < READ_BATCH:
            return
        last = rows[-1]


@lru_cache(maxsize=256)
def _insert_sql(table: str, columns: tuple[str, ...], rows: int) -> str:
    one = "(" + ", ".join("?" for _ in columns) + ")"
    return f"INSERT INTO {quote(table)} ({', '.join(quote(c) for c in columns)}) VALUES " + ", ".join([one] * rows)


async def _insert(dst: Executor, into: Table, columns: tuple[str, ...], rows: list[dict[str, Any]]) -> None:
    """Many rows per statement: one round trip per few hundred rows instead of one per row."""
    per_insert = max(1, MAX_VALUES // len(columns))
    kinds = [into.kinds.get(c, "") for c in columns]
    for start in range(0, len(rows), per_insert):
        chunk = rows[start:start + per_insert]
        values = [fit(row[c], k) for row in chunk for c, k in zip(columns, kinds)]
        await dst.execute(_insert_sql(into.name, columns, len(chunk)), *values)


async def _copy_table(src: Executor, dst: Executor, table: Table, into: Table, where: tuple[str, list[Any]],
                      progress: Progress) -> Counted:
    counted = Counted(table.name, await _count(src, table.name, *where))
    progress.start(table.name, counted.source)
    try:
        async for rows in _batches(src, table, *where):
            await _insert(dst, into, table.columns, rows)
            counted.copied += len(rows)
            progress.advance(len(rows))
    except Exception as err:
        progress.finish()
        hint = ""
        if "unique" in str(err).lower() or "duplicate key" in str(err).lower():
            hint = (" The target's other data uses some of the same ids (ids are kept so every link holds), "
                    "so these can't sit side by side: move into a new, empty database instead.")
        raise StoreError(f"Copying {table.name} failed, so nothing was written to the target: {err}.{hint}") from err
    progress.finish()
    return counted


# -- auto-numbered ids ---------------------------------------------------------------------


async def _high_water(ex: Executor, dialect: str, table: str, column: str) -> int:
    """The last id the table's counter handed out (ids of deleted rows count: they are never reused)."""
    if dialect == POSTGRESQL:
        row = await ex.fetchone("SELECT pg_get_serial_sequence(quote_ident(?), ?) AS seq", table, column)
        if not row or not row["seq"]:
            return 0
        seq = await ex.fetchone(f"SELECT last_value, is_called FROM {row['seq']}")
        assert seq is not None
        return int(seq["last_value"]) - (0 if seq["is_called"] else 1)
    row = await ex.fetchone("SELECT seq FROM sqlite_sequence WHERE name = ?", table)
    return int(row["seq"]) if row else 0


async def _raise_high_water(ex: Executor, dialect: str, table: str, column: str, value: int) -> None:
    """Make the next id on the target come after `value`."""
    if value <= 0:
        return
    if dialect == POSTGRESQL:
        await ex.fetchone("SELECT setval(pg_get_serial_sequence(quote_ident(?), ?), ?)", table, column, value)
        return
    if await ex.fetchone("SELECT 1 FROM sqlite_sequence WHERE name = ?", table):
        await ex.execute("UPDATE sqlite_sequence SET seq = ? WHERE name = ? AND seq < ?", value, table, value)
    else:
        await ex.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", table, value)


async def _carry_ids(src: Executor, dst: Executor, source: Database, target: Database, tables: list[Table]) -> None:
    for table in tables:
        column = table.identity
        if column is None:
            continue
        top = await dst.fetchone(f"SELECT max({quote(column)}) AS top FROM {quote(table.name)}")
        value = max(await _high_water(src, source.dialect, table.name, column),
                    await _high_water(dst, target.dialect, table.name, column),
                    int(top["top"] or 0) if top else 0)
        await _raise_high_water(dst, target.dialect, table.name, column, value)


# -- checks before anything is written ---------------------------------------------------------


async def _snapshot(src: Executor, dialect: str) -> None:
    """Read the source as of one moment (SQLite's write lock already gives that)."""
    if dialect == POSTGRESQL:
        await src.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")


async def _ensure_tables(dst: Executor, target: Database, wanted: dict[str, Table]) -> dict[str, Table]:
    """The target's tables, refusing a source with tables or columns the target lacks."""
    into = await describe(dst, target.dialect)
    missing = sorted(set(wanted) - set(into))
    if missing:
        raise MigrationRefused(
            f"The source has tables this Hearth can't create on the target: {', '.join(missing)}. "
            "Upgrade Hearth to the version that wrote the source, then run migrate-store again.")
    for name, table in wanted.items():
        lacking = sorted(set(table.columns) - set(into[name].columns))
        if lacking:
            raise MigrationRefused(
                f"The target's {name} table has no {', '.join(lacking)} column. Both stores should be on the same "
                "Hearth version: upgrade Hearth, then run migrate-store again.")
    return into


async def _check_communities(src: Executor, communities: Sequence[str]) -> None:
    known = [r["id"] for r in await src.fetchall("SELECT id FROM communities ORDER BY id")]
    unknown = [c for c in communities if c not in known]
    if unknown:
        listed = ", ".join(known[:10]) + (" …" if len(known) > 10 else "") if known else "none"
        raise MigrationRefused(f"The source has no community {', '.join(unknown)}. Communities there: {listed}.")


async def _check_target_free(dst: Executor, tables: list[Table], scope: Scope) -> None:
    """Refuse, rather than merge into or overwrite, rows already on the target."""
    held = []
    for table in tables:
        where = scope.where(table.name)
        if where is not None:
            n = await _count(dst, table.name, *where)
            if n:
                held.append(f"{table.name} ({n:,} rows)" if n > 1 else f"{table.name} (1 row)")
    if not held:
        return
    if scope.communities:
        raise MigrationRefused(
            f"The target already holds data for {', '.join(scope.communities)}: {', '.join(held)}. Nothing was "
            "copied, so nothing was overwritten. Move the community into a database that doesn't have it yet.")
    raise MigrationRefused(
        f"The target already holds data: {', '.join(held)}. Nothing was copied, so nothing was overwritten. "
        "Point --to at a new, empty database, or move one community at a time with --community ID.")


# -- the whole move ---------------------------------------------------------------------------------


async def copy_store(source: Database, target: Database, communities: Sequence[str] | None,
                     progress: Progress) -> Outcome:
    """Copy the rows in scope from `source` to `target`, then count both sides."""
    started = time.perf_counter()
    async with source.transaction() as src, target.transaction() as dst:
        await _snapshot(src, source.dialect)
        tables = await describe(src, source.dialect)
        scope = Scope(tables, communities)
        moving = {n: t for n, t in tables.items() if scope.where(n) is not None}
        into = await _ensure_tables(dst, target, moving)
        if scope.communities:
            await _check_communities(src, scope.communities)
        order = [tables[n] for n in parents_first(moving)]
        await _check_target_free(dst, order, scope)
        counts = []
        for table in order:
            where = scope.where(table.name)
            assert where is not None
            counts.append(await _copy_table(src, dst, table, into[table.name], where, progress))
        await _carry_ids(src, dst, source, target, order)
    for counted in counts:
        where = scope.where(counted.table)
        assert where is not None
        counted.target = await _count(target, counted.table, *where)
    shared = sorted(set(tables) - set(moving))
    return Outcome(counts, shared, time.perf_counter() - started)
