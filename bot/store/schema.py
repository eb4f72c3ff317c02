"""What tables a live database holds, read from its own catalog, on SQLite or PostgreSQL.

`migrate-store` copies whatever the source holds, so a table added by a new
migration or an adapter is moved too, without a list here to keep in step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.store.database import Executor
from bot.store.dialect import POSTGRESQL

#: Bookkeeping each database keeps for itself: never copied (who is alive, waits now, an installation's own values
#: such as the terminal's clock).
NOT_DATA = frozenset({"schema_migrations", "sqlite_sequence", "processes", "delivery_waits", "local_state"})


@dataclass(frozen=True)
class ForeignKey:
    column: str
    parent: str
    parent_column: str


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[str, ...]
    kinds: dict[str, str]  # column -> "integer", "text", "real", "blob" or "" (unknown)
    key: tuple[str, ...]  # the primary key, in order; empty if none
    identity: str | None  # the auto-numbered id column, if any
    foreign_keys: tuple[ForeignKey, ...]


def quote(name: str) -> str:
    """An identifier, quoted for both databases."""
    return '"' + name.replace('"', '""') + '"'


def kind_of(declared: str) -> str:
    """SQLite's type-affinity rules, which also fit PostgreSQL's type names."""
    t = declared.upper()
    if "INT" in t:
        return "integer"
    if any(word in t for word in ("CHAR", "CLOB", "TEXT")):
        return "text"
    if any(word in t for word in ("REAL", "FLOA", "DOUB", "NUMERIC")):
        return "real"
    if "BLOB" in t or "BYTEA" in t:
        return "blob"
    return ""


async def describe(db: Executor, dialect: str) -> dict[str, Table]:
    """Every data table, by name."""
    if dialect == POSTGRESQL:
        return {t.name: t for t in [await _pg_table(db, n) for n in await _pg_names(db)]}
    rows = await db.fetchall("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")
    return {r["name"]: await _sqlite_table(db, r["name"], r["sql"] or "")
            for r in rows if r["name"] not in NOT_DATA and not r["name"].startswith("sqlite_")}


_AUTOINCREMENT = re.compile(r'"?(\w+)"?\s+INTEGER\s+PRIMARY\s+KEY\s+AUTOINCREMENT', re.I)


async def _sqlite_table(db: Executor, name: str, sql: str) -> Table:
    cols = await db.fetchall(f"PRAGMA table_info({quote(name)})")
    fks = await db.fetchall(f"PRAGMA foreign_key_list({quote(name)})")
    identity = _AUTOINCREMENT.search(sql)
    return Table(
        name,
        tuple(c["name"] for c in cols),
        {c["name"]: kind_of(c["type"] or "") for c in cols},
        tuple(c["name"] for c in sorted((c for c in cols if c["pk"]), key=lambda c: c["pk"])),
        identity.group(1) if identity else None,
        tuple(ForeignKey(f["from"], f["table"], f["to"]) for f in fks),
    )


async def _pg_names(db: Executor) -> list[str]:
    rows = await db.fetchall("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1")
    return [r["tablename"] for r in rows if r["tablename"] not in NOT_DATA]


_PG_COLUMNS = """
SELECT column_name AS name, data_type AS type, is_identity AS identity FROM information_schema.columns
WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position
"""
_PG_KEY = """
SELECT a.attname AS name FROM pg_index i
JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
WHERE i.indrelid = to_regclass(quote_ident(?)) AND i.indisprimary
ORDER BY array_position(i.indkey::int2[], a.attnum)
"""
_PG_FOREIGN_KEYS = """
SELECT a.attname AS column, p.relname AS parent, pa.attname AS parent_column FROM pg_constraint k
JOIN pg_class p ON p.oid = k.confrelid
JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
JOIN pg_attribute pa ON pa.attrelid = k.confrelid AND pa.attnum = k.confkey[1]
WHERE k.contype = 'f' AND k.conrelid = to_regclass(quote_ident(?)) ORDER BY k.conname
"""


async def _pg_table(db: Executor, name: str) -> Table:
    cols = await db.fetchall(_PG_COLUMNS, name)
    identity = next((c["name"] for c in cols if c["identity"] == "YES"), None)
    return Table(
        name,
        tuple(c["name"] for c in cols),
        {c["name"]: kind_of(c["type"]) for c in cols},
        tuple(r["name"] for r in await db.fetchall(_PG_KEY, name)),
        identity,
        tuple(ForeignKey(r["column"], r["parent"], r["parent_column"])
              for r in await db.fetchall(_PG_FOREIGN_KEYS, name)),
    )


def parents_first(tables: dict[str, Table]) -> list[str]:
    """Table names so that every table comes after the tables it references."""
    waiting = {n: {fk.parent for fk in t.foreign_keys if fk.parent in tables and fk.parent != n}
               for n, t in tables.items()}
    order: list[str] = []
    while waiting:
        ready = sorted(n for n, parents in waiting.items() if not parents - set(order))
        if not ready:
            raise ValueError(f"foreign keys form a cycle among {sorted(waiting)}")
        order += ready
        for n in ready:
            del waiting[n]
    return order


def fit(value: Any, kind: str) -> Any:
    """A value as the target column's type wants it (SQLite lets a column hold any type; PostgreSQL doesn't)."""
    if value is None:
        return None
    if kind == "integer" and (isinstance(value, bool) or not isinstance(value, int)):
        return int(value)
    if kind == "text" and not isinstance(value, str):
        return value.decode() if isinstance(value, bytes) else str(value)
    if kind == "real" and isinstance(value, int):
        return float(value)
    if kind == "blob" and isinstance(value, str):
        return value.encode()
    return value
