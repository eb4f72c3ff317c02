"""A real PostgreSQL for the `[postgresql]` half of the contract suite.

One throwaway database per test run (created at first use, dropped at the
end). In it, one schema is migrated once and emptied before each test that
wants a store (migrating costs ~0.1 s, emptying ~0.02 s); tests about
migrations themselves get a brand-new schema instead. Where no server
answers, the PostgreSQL tests skip with the reason — unless
HEARTH_REQUIRE_POSTGRES=1 (CI), where that fails.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import secrets
import threading
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator, Coroutine, Iterator

import pytest

from bot.store.postgres import redacted
from testing.postgres import server_url, with_database

_schemas = itertools.count(1)


def postgres_required() -> bool:
    return os.environ.get("HEARTH_REQUIRE_POSTGRES", "") not in ("", "0")


def _run(coro: Coroutine[Any, Any, Any]) -> Any:
    """Run a coroutine to the end on its own loop, even from inside a running one."""
    result: dict[str, Any] = {}

    def target() -> None:
        try:
            result["value"] = asyncio.run(coro)
        except BaseException as err:  # handed back to the caller's thread
            result["error"] = err

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    return result.get("value")


async def _admin(url: str, sql: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(url, timeout=5)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The URL of a database made for this test run; dropped when the run ends."""
    url = server_url()
    try:
        import asyncpg  # noqa: F401
    except ImportError:
        _unavailable("asyncpg is not installed (pip install -e '.[test]')")
    name = f"hearth_test_{secrets.token_hex(4)}"
    try:
        _run(_create_database(url, name))
    except Exception as err:  # refused, timed out, bad credentials: all "no server"
        _unavailable(f"no PostgreSQL at {redacted(url)} ({type(err).__name__}: {err}); set HEARTH_TEST_DATABASE_URL")
    yield with_database(url, name)
    _run(_admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def _create_database(url: str, name: str) -> None:
    """Made with a linguistic (en-US) collation where the server has ICU, like many operators'
    databases: text must order the same as on SQLite even then."""
    import asyncpg

    try:
        await _admin(url, f"CREATE DATABASE \"{name}\" TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US'")
    except asyncpg.PostgresError:  # before PostgreSQL 15, or built without ICU
        await _admin(url, f'CREATE DATABASE "{name}"')


def _unavailable(reason: str) -> None:
    if postgres_required():
        pytest.fail(f"HEARTH_REQUIRE_POSTGRES is set but {reason}", pytrace=False)
    pytest.skip(f"PostgreSQL tests skipped: {reason}")


@pytest.fixture(scope="session")
def pg_shared(pg_server: str) -> str:
    """The URL of a schema migrated once for the whole run; `emptied` resets it per test."""
    _run(_admin(pg_server, 'CREATE SCHEMA "shared"'))
    url = f"{pg_server}?search_path=shared"
    _run(_migrate(url))
    return url


async def _migrate(url: str) -> None:
    from datetime import datetime, timezone

    from bot.clock import ManualClock
    from bot.store.store import Store

    store = await Store.open(url, ManualClock(datetime(2026, 1, 1, tzinfo=timezone.utc)))
    await store.close()


# Every table but the ledger, with the tables it references and its identity columns.
_TABLES = """
SELECT t.tablename AS name,
       ARRAY(SELECT p.relname::text FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
             JOIN pg_class p ON p.oid = k.confrelid
             WHERE k.contype = 'f' AND c.relname = t.tablename
               AND c.relnamespace = to_regnamespace(current_schema())) AS parents,
       ARRAY(SELECT column_name::text FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = t.tablename
               AND is_identity = 'YES') AS identities
FROM pg_tables t WHERE t.schemaname = current_schema() AND t.tablename <> 'schema_migrations'
"""


async def emptied(url: str) -> str:
    """Delete every row (children before parents) and restart ids at 1, as in a new database."""
    import asyncpg

    conn = await asyncpg.connect(url, timeout=5)
    try:
        # Read the tables each time: adapters may have created their own since the last test.
        await conn.execute(_reset_script([dict(r) for r in await conn.fetch(_TABLES)]))
    finally:
        await conn.close()
    return url


def _reset_script(tables: list[dict[str, Any]]) -> str:
    parents = {t["name"]: set(t["parents"]) - {t["name"]} for t in tables}
    order: list[str] = []
    while parents:  # take tables nothing else still points at
        free = sorted(n for n in parents if not any(n in ps for m, ps in parents.items() if m != n))
        if not free:
            raise RuntimeError(f"foreign keys form a cycle among {sorted(parents)}")
        order += free
        for n in free:
            del parents[n]
    lines = [f'DELETE FROM "{name}";' for name in order]
    for t in tables:
        for column in t["identities"]:
            lines.append(f"SELECT setval(pg_get_serial_sequence('\"{t['name']}\"', '{column}'), 1, false);")
    return "\n".join(lines)


@asynccontextmanager
async def fresh_schema(database: str) -> AsyncIterator[str]:
    """An empty schema in the run's database; yields a URL whose search_path points at it."""
    schema = f"t{next(_schemas)}_{secrets.token_hex(3)}"
    await _admin(database, f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{database}?search_path={schema}"
    finally:
        await _admin(database, f'DROP SCHEMA "{schema}" CASCADE')
