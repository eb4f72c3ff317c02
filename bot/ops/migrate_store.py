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

The copying itself runs SQL, so it lives in the store (`bot.store.copying`);
this is the command around it: opening both stores, and the report. With
`--community`, only the rows of those communities move; tables tied to no
community (processed events, closed DMs, stashed button arguments) move only
when all communities do.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Sequence, TextIO

from bot.clock import Clock, SystemClock
from bot.errors import HearthError, StoreError
from bot.ops.progress import Progress, counts_table
from bot.store.copying import Counted, MigrationRefused, Outcome, copy_store
from bot.store.postgres import is_postgres_url, redacted
from bot.store.store import Store

__all__ = ["Counted", "MigrationRefused", "Outcome", "copy_store", "main", "migrate_store", "report"]


def _same_place(a: str, b: str) -> bool:
    if is_postgres_url(a) or is_postgres_url(b):
        return a == b

    def path(x: str) -> Path:
        return Path(x[len("sqlite:///"):] if x.startswith("sqlite:///") else x).expanduser().resolve()

    return path(a) == path(b)


async def migrate_store(source_url: str, target_url: str, communities: Sequence[str] | None = None,
                        out: TextIO | None = None, clock: Clock | None = None) -> Outcome:
    """Open both stores (migrating each to the newest schema) and copy; the caller reports the outcome."""
    if _same_place(source_url, target_url):
        raise MigrationRefused("--from and --to name the same database. Point --to at the new one.")
    missing = _missing_sqlite_file(source_url)
    if missing is not None:  # opening it would make an empty database there, and "copy" nothing
        raise MigrationRefused(f"--from names {missing}, which does not exist. Point it at the database to copy.")
    clock = clock or SystemClock()
    made = _missing_sqlite_file(target_url)  # (a SQLite target this move makes: a refused one leaves none behind)
    folders = [p for p in (made.parent, *made.parent.parents) if not p.exists()] if made is not None else []
    source = await Store.open(source_url, clock)
    try:
        target = await Store.open(target_url, clock)
        done = False
        try:
            out = out or sys.stderr
            what = ", ".join(communities) if communities else "every community"
            print(f"Copying {what} from {source.db.path} to {target.db.path}:", file=out)
            outcome = await copy_store(source.db, target.db, communities, Progress(out))
            done = True
            return outcome
        finally:
            await target.close()
            if not done and made is not None:
                _take_away(made, folders)
    finally:
        await source.close()


def _take_away(made: Path, folders: list[Path]) -> None:
    """The SQLite file a refused or failed move made (with its journal files), and the folders it made for it:
    "a failed move writes nothing" (README), not an empty database where the new one was meant to go."""
    for path in (made, *(made.with_name(made.name + end) for end in ("-wal", "-shm", "-journal"))):
        path.unlink(missing_ok=True)
    for folder in folders:  # (innermost first; only while empty)
        try:
            folder.rmdir()
        except OSError:
            break


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
         out: TextIO | None = None) -> int:
    """`hearth migrate-store`: 0 when every count matches, 1 when one doesn't, 2 when refused."""
    out = out or sys.stderr
    try:
        outcome = asyncio.run(migrate_store(source_url, target_url, communities, out))
    except (MigrationRefused, StoreError) as err:
        print(f"hearth migrate-store: {err}", file=out)
        return 2
    return report(outcome, source_url, target_url, out)
