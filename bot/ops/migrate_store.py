"""`hearth migrate-store`: move Hearth's whole state from one database to another.

Made for the day a community outgrows SQLite (`--from sqlite:///… --to
postgresql://…`), and it works the other way too. Both stores are opened with
`Store.open`, so both carry the newest schema; then every table the source
holds is copied, parents before children, in batches, keeping ids so foreign
keys, buttons already posted and outbox entries keep pointing at the right
rows. Ids never go backwards: each auto-numbered table's counter on the target
ends at least where the source's was.

Safety: the source is read in one snapshot; the target is written in one
transaction, so a failure leaves it as it was. A target that already holds
data for the communities being copied is refused, never merged or
overwritten. Afterwards every table is counted on both sides.

Tables are discovered from the source's catalog (minus the migration ledger),
so new migrations and adapter tables are moved without a list to keep in step.
With `--community`, a table is copied if it names the community
(`communities.id`, a `community_id` column), points at a table that does
(rounds -> schedules -> communities), or has a rule in `EXTRA_LINKS`
(crisis-alert outbox entries). Tables tied to no community (processed
events, the Discord adapter's button and closed-DM caches) are shared by all
communities and are copied only when all communities move.
"""

from __future__ import annotations

import asyncio
import sys
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, AsyncIterator, Callable, Sequence, TextIO

from bot.clock import Clock, SystemClock
from bot.errors import HearthError, StoreError
from bot.ops.progress import Progress, counts_table
from bot.ops.schema import Table, describe, fit, parents_first, quote
from bot.store.database import Database, Executor, split_statements
from bot.store.dialect import POSTGRESQL
from bot.store.postgres import is_postgres_url, redacted
from bot.store.store import Store

#: Rows read from the source per query.
READ_BATCH = 2000
#: Bound values per INSERT, under both databases' limits (SQLite 32766, PostgreSQL 32767).
MAX_VALUES = 30000


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
    """Crisis alerts to a moderator channel belong to no round; their key names the community."""
    if not {"round_id", "dedupe_key"} <= set(table.columns):
        return None
    keys = [f"alert:{c}:" for c in communities]
    tests = " OR ".join("substr(dedupe_key, 1, ?) = ?" for _ in keys)
    return f"round_id IS NULL AND ({tests})", [a for k in keys for a in (len(k), k)]


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


async def _ensure_tables(dst: Executor, target: Database, wanted: dict[str, Table],
                         adapter_schemas: Sequence[str]) -> dict[str, Table]:
    """The target's tables, creating adapters' own tables there if the source has them."""
    into = await describe(dst, target.dialect)
    if set(wanted) - set(into):
        for schema in adapter_schemas:
            for statement in split_statements(schema):
                await dst.execute(statement)
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
                     progress: Progress, adapter_schemas: Sequence[str] = ()) -> Outcome:
    """Copy the rows in scope from `source` to `target`, then count both sides.

    `adapter_schemas`: the `CREATE TABLE IF NOT EXISTS` scripts of the tables adapters keep beside the core's,
    given by whoever knows the adapters (the core knows none)."""
    started = time.perf_counter()
    async with source.transaction() as src, target.transaction() as dst:
        await _snapshot(src, source.dialect)
        tables = await describe(src, source.dialect)
        scope = Scope(tables, communities)
        moving = {n: t for n, t in tables.items() if scope.where(n) is not None}
        into = await _ensure_tables(dst, target, moving, adapter_schemas)
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


def _same_place(a: str, b: str) -> bool:
    if is_postgres_url(a) or is_postgres_url(b):
        return a == b

    def path(x: str) -> Path:
        return Path(x[len("sqlite:///"):] if x.startswith("sqlite:///") else x).expanduser().resolve()

    return path(a) == path(b)


async def migrate_store(source_url: str, target_url: str, communities: Sequence[str] | None = None,
                        out: TextIO | None = None, clock: Clock | None = None,
                        adapter_schemas: Sequence[str] = ()) -> Outcome:
    """Open both stores (migrating each to the newest schema) and copy; the caller reports the outcome."""
    if _same_place(source_url, target_url):
        raise MigrationRefused("--from and --to name the same database. Point --to at the new one.")
    missing = _missing_sqlite_file(source_url)
    if missing is not None:  # opening it would make an empty database there, and "copy" nothing
        raise MigrationRefused(f"--from names {missing}, which does not exist. Point it at the database to copy.")
    clock = clock or SystemClock()
    source = await Store.open(source_url, clock)
    try:
        target = await Store.open(target_url, clock)
        try:
            out = out or sys.stderr
            what = ", ".join(communities) if communities else "every community"
            print(f"Copying {what} from {source.db.path} to {target.db.path}:", file=out)
            return await copy_store(source.db, target.db, communities, Progress(out), adapter_schemas)
        finally:
            await target.close()
    finally:
        await source.close()


def _missing_sqlite_file(url: str) -> Path | None:
    """The SQLite file a URL or path names, if it names one that isn't there."""
    if is_postgres_url(url) or ("://" in url and not url.startswith("sqlite:///")):
        return None
    path = Path(url[len("sqlite:///"):] if url.startswith("sqlite:///") else url).expanduser()
    return None if path.exists() else path


def report(outcome: Outcome, source_url: str, target_url: str, out: TextIO) -> int:
    """The counts on both sides; 0 if every table matches, 1 (naming the tables) if not."""
    print(file=out)
    print(counts_table([(c.table, c.source, c.target) for c in outcome.counts]), file=out)
    if outcome.shared:
        print(f"Not copied, because they belong to no one community: {', '.join(outcome.shared)}.", file=out)
    if outcome.mismatches:
        named = "; ".join(f"{c.table} (source {c.source:,}, copied {c.copied:,}, target {c.target:,})"
                          for c in outcome.mismatches)
        print(f"Counts differ for {named}. Was Hearth still running against either database? Stop it, "
              "then move again into a fresh target.", file=out)
        return 1
    rate = outcome.rows / outcome.seconds if outcome.seconds else 0.0
    rows = f"{outcome.rows:,} row" + ("" if outcome.rows == 1 else "s")
    print(f"All counts match: {rows} in {len(outcome.counts)} tables, copied from "
          f"{redacted(source_url)} to {redacted(target_url)} in {outcome.seconds:.1f} s ({rate:,.0f} rows/s).",
          file=out)
    return 0


def main(source_url: str, target_url: str, communities: Sequence[str] | None = None,
         out: TextIO | None = None, adapter_schemas: Sequence[str] = ()) -> int:
    """`hearth migrate-store`: 0 when every count matches, 1 when one doesn't, 2 when refused."""
    out = out or sys.stderr
    try:
        outcome = asyncio.run(migrate_store(source_url, target_url, communities, out,
                                            adapter_schemas=adapter_schemas))
    except (MigrationRefused, StoreError) as err:
        print(f"hearth migrate-store: {err}", file=out)
        return 2
    return report(outcome, source_url, target_url, out)
