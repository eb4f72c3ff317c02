"""`hearth backup` and `hearth restore` for a SQLite store, through SQLite's online backup API.

The backup API copies the database page by page and starts over by itself if
a write lands in a page already copied, so the copy is one consistent moment
even while Hearth is running and writing. A restore goes only into an empty
data folder: it never overwrites what might be someone's only copy.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bot.errors import StoreError
from bot.store.database import read_only_uri

#: Pages copied per step: small steps let Hearth's own writes in between.
PAGES_PER_STEP = 256
SQLITE_HEADER = b"SQLite format 3\x00"


def backup(source: Path, target: Path) -> dict[str, int]:
    """Copy the live database at `source` to the new file `target`; returns the copy's row counts per table."""
    if not source.is_file():
        raise StoreError(f"there is no Hearth database at {source} to back up. Check data_dir (or "
                         "database_url) in the config you pointed me to.")
    if target.exists():
        raise StoreError(f"{target} already exists. Give the backup a new file name, so no earlier backup "
                         "is overwritten.")
    if not target.parent.is_dir():
        raise StoreError(f"the folder {target.parent} does not exist. Make it first, or choose another place.")
    partial = target.with_name(target.name + ".partial")
    try:
        src = sqlite3.connect(read_only_uri(source), uri=True, timeout=30)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst, pages=PAGES_PER_STEP)
                # (a plain file, not the live store's WAL mode: reading it later, as a restore does, leaves no
                # -wal and -shm files beside it, and works where the backups are read-only)
                dst.execute("PRAGMA journal_mode=DELETE")
                counts = _checked(dst, partial)
            finally:
                dst.close()
        finally:
            src.close()
        partial.rename(target)
    except sqlite3.Error as err:
        partial.unlink(missing_ok=True)
        raise StoreError(f"the backup could not be made ({err}). Nothing was written to {target}.") from None
    except OSError as err:
        partial.unlink(missing_ok=True)
        raise StoreError(f"I couldn't write the backup to {target}: {err.strerror}.") from None
    return counts


def restore(backup_file: Path, target: Path, data_dir: Path) -> dict[str, int]:
    """Copy `backup_file` into `target` in the empty folder `data_dir`; returns its row counts per table."""
    if not backup_file.exists():
        raise StoreError(f"the backup {backup_file} does not exist.")
    if not backup_file.is_file():  # (a folder, a device, a pipe: said as it is, not "does not exist")
        raise StoreError(f"the backup {backup_file} is not a file. Name the backup file itself.")
    try:
        with backup_file.open("rb") as f:
            head = f.read(len(SQLITE_HEADER))
    except OSError as err:
        raise StoreError(f"I can't read the backup {backup_file}: {err.strerror}.") from None
    if head != SQLITE_HEADER:
        raise StoreError(f"{backup_file} is not a Hearth backup (it isn't a SQLite database). For "
                         "PostgreSQL, restore a dump with pg_restore (docs/hosting.md).")
    if data_dir.exists() and not data_dir.is_dir():
        raise StoreError(f"the data folder {data_dir} is a file, not a folder. Point data_dir at a new, empty "
                         "folder.")
    if data_dir.exists() and any(data_dir.iterdir()):
        names = ", ".join(sorted(p.name for p in data_dir.iterdir())[:3])
        raise StoreError(f"the data folder {data_dir} is not empty (it has {names}). I only restore into an "
                         "empty folder, so nothing there is lost: point data_dir at a new folder, or move those "
                         "files somewhere safe first.")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise StoreError(f"I couldn't make the data folder {target.parent}: {err.strerror}. Choose a folder I can "
                         "write to.") from None
    try:
        src = sqlite3.connect(read_only_uri(backup_file), uri=True)
        try:
            _checked(src, backup_file)
            dst = sqlite3.connect(target)
            try:
                src.backup(dst)
                return _checked(dst, target)
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as err:
        target.unlink(missing_ok=True)
        raise StoreError(f"{backup_file} could not be restored ({err}); it may be damaged. The data folder "
                         "was left empty.") from None


def table_counts(conn: sqlite3.Connection) -> dict[str, int]:
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                        "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    return {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


def _checked(conn: sqlite3.Connection, path: Path) -> dict[str, int]:
    """The copy is whole and is Hearth's: integrity check, a schema ledger; its row counts."""
    (verdict,) = conn.execute("PRAGMA integrity_check").fetchone()
    if verdict != "ok":
        raise sqlite3.DatabaseError(f"the integrity check of {path} failed: {verdict}")
    counts = table_counts(conn)
    if "schema_migrations" not in counts:
        raise sqlite3.DatabaseError(f"{path} is a SQLite database, but not Hearth's")
    return counts
