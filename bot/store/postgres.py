"""The PostgreSQL driver under the store: the same calls as `SqliteDatabase`.

For operators who run several Hearth processes against one server database.
The store's SQL stays as written (`?` placeholders, SQLite-flavoured DDL);
`bot.store.dialect` translates it. asyncpg is an optional dependency, imported
only when a PostgreSQL URL is configured.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any, AsyncIterator
from urllib.parse import urlsplit, urlunsplit

from bot.errors import StoreError
from bot.store.database import Row, retried
from bot.store.dialect import POSTGRESQL, numbered_placeholders

if TYPE_CHECKING:
    import asyncpg

URL_SCHEMES = ("postgresql://", "postgres://")


def is_postgres_url(url: str) -> bool:
    return url.startswith(URL_SCHEMES)


def redacted(url: str) -> str:
    """The URL without its password, fit for logs and error messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    netloc = f"{parts.username}:***@{host}" if parts.username else host
    return urlunsplit(parts._replace(netloc=netloc))


def _asyncpg() -> Any:
    try:
        import asyncpg
    except ImportError as err:  # pragma: no cover - depends on the install
        raise StoreError(
            "database_url points at PostgreSQL, but the asyncpg driver is not installed. "
            "Install Hearth with the postgres extra: pip install 'hearth[postgres]'"
        ) from err
    return asyncpg


def rowcount(status: str) -> int:
    """Rows touched, from asyncpg's status string ("INSERT 0 1", "UPDATE 3", "SELECT 2")."""
    last = status.rsplit(" ", 1)[-1] if status else ""
    return int(last) if last.isdigit() else 0


class _Calls:
    """The four calls, over anything with asyncpg's fetch/fetchrow/execute (a pool or a connection)."""

    _conn: Any

    async def fetchall(self, sql: str, *args: Any) -> list[Row]:
        return [dict(r) for r in await self._conn.fetch(numbered_placeholders(sql), *args)]

    async def fetchone(self, sql: str, *args: Any) -> Row | None:
        row = await self._conn.fetchrow(numbered_placeholders(sql), *args)
        return dict(row) if row is not None else None

    async def execute(self, sql: str, *args: Any) -> int:
        return rowcount(await self._conn.execute(numbered_placeholders(sql), *args))

    async def executescript(self, sql: str) -> None:
        """Several statements at once (no arguments: PostgreSQL's simple query protocol)."""
        await self._conn.execute(sql)


class PostgresDatabase(_Calls):
    """A pool of asyncpg connections; each transaction holds one connection.

    Unlike SQLite's single locked connection, transactions here run side by
    side at READ COMMITTED. The store stays correct because its once-only
    steps rest on unique keys with `ON CONFLICT` and on `UPDATE … WHERE x IS
    NULL`, which PostgreSQL re-checks after waiting for a competing writer.
    """

    dialect = POSTGRESQL

    def __init__(self, pool: "asyncpg.Pool", url: str) -> None:
        self._conn = pool
        self._pool = pool
        self.path = redacted(url)

    @classmethod
    async def open(cls, url: str, min_size: int = 1, max_size: int = 10, read_only: bool = False
                   ) -> "PostgresDatabase":
        """`read_only`: every transaction is (the server refuses a write), for a tool that only looks."""
        asyncpg = _asyncpg()
        dsn = "postgresql://" + url.split("://", 1)[1]
        settings = {"default_transaction_read_only": "on"} if read_only else None
        try:
            pool = await asyncpg.create_pool(dsn, min_size=min_size, max_size=max_size, timeout=10,
                                             server_settings=settings)
        except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as err:
            raise StoreError(f"Could not connect to PostgreSQL at {redacted(url)}: {err}") from err
        return cls(pool, url)

    async def close(self) -> None:
        await self._pool.close()

    # A statement run on its own is its own transaction: PostgreSQL may end it for a race just the same (an
    # UPDATE of many outbox rows meeting a batch), and, rolled back whole, it runs again like any other.

    async def fetchall(self, sql: str, *args: Any) -> list[Row]:
        return await retried(lambda: _Calls.fetchall(self, sql, *args))

    async def fetchone(self, sql: str, *args: Any) -> Row | None:
        return await retried(lambda: _Calls.fetchone(self, sql, *args))

    async def execute(self, sql: str, *args: Any) -> int:
        return await retried(lambda: _Calls.execute(self, sql, *args))

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator["PostgresTx"]:
        """All-or-nothing on one pooled connection: commits on success, rolls back on any error."""
        async with self._pool.acquire() as conn, conn.transaction():
            yield PostgresTx(conn)


class PostgresTx(_Calls):
    """The same calls as the database, inside one open transaction."""

    def __init__(self, conn: "asyncpg.Connection") -> None:
        self._conn = conn

    async def executemany(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        """One statement over many rows, pipelined: a round's thousands of DMs took 2 s one by one."""
        await self._conn.executemany(numbered_placeholders(sql), rows)
