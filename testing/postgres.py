"""Where a local PostgreSQL is, for the tests and the benchmarks that make throwaway databases on it."""

from __future__ import annotations

import os
from urllib.parse import urlsplit, urlunsplit

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


def server_url() -> str:
    """The server the tests use: HEARTH_TEST_DATABASE_URL, else the local default."""
    return os.environ.get("HEARTH_TEST_DATABASE_URL") or DEFAULT_URL


def with_database(url: str, name: str, query: str = "") -> str:
    """The same server's URL for the database `name` (a throwaway one made beside the admin database)."""
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}", query=query))
