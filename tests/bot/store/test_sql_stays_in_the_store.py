"""No module outside `bot/store` runs SQL: every query belongs to a repository (docs/architecture.md, "The store")."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
#: What running SQL looks like: an executor's call, a transaction, or reaching into the store's database (its
#: `path`, for messages, is no query).
SQL_CALL = re.compile(r"\.(execute|executemany|executescript|fetchone|fetchall|fetchval|transaction)\(|\.db\.(?!path\b)")
#: Where the rule holds (`bench/` seeds its databases with raw SQL on purpose, before any Hearth runs).
CHECKED = ("bot", "adapters", "hearth", "testing")


def sql_lines(paths: list[Path]) -> list[str]:
    """Each line in these files that runs SQL, as "file:line: text"."""
    return [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
            for path in paths
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if SQL_CALL.search(line)]


def test_no_module_outside_the_store_runs_sql() -> None:
    outside = [p for top in CHECKED for p in sorted((ROOT / top).rglob("*.py"))
               if p.relative_to(ROOT).parts[:2] != ("bot", "store")]
    assert len(outside) > 50  # the scan really looked
    assert sql_lines(outside) == []


def test_the_check_finds_sql_where_there_is_some() -> None:
    assert SQL_CALL.search('await app.store.db.execute("DELETE FROM outbox")')
    assert SQL_CALL.search("rows = await tx.fetchall(sql)")
    assert SQL_CALL.search("async with db.transaction() as tx:")
    assert not SQL_CALL.search("await app.store.outbox.purge_history(cap, events)")
    assert not SQL_CALL.search('print(f"Store: {store.db.path}")')
    assert len(sql_lines([ROOT / "bot" / "store" / "outbox.py"])) > 10  # the repositories' own queries are seen
