"""The operator's tools: `hearth backup`, `hearth restore`, `hearth migrate [--check]`.

Each says what it did (or why not) in a sentence or two; errors are
StoreError/ConfigError, which `hearth.cli` turns into one kind line.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from bot.config import Config
from bot.errors import StoreError
from bot.store.postgres import is_postgres_url, redacted

PG_DUMP = "pg_dump --format=custom --file=hearth.dump \"$HEARTH_DATABASE_URL\""
PG_RESTORE = "pg_restore --no-owner --dbname=\"$HEARTH_DATABASE_URL\" hearth.dump"


def _postgres_says(config: Config, what: str, line: str) -> None:
    if is_postgres_url(config["database_url"]):
        raise StoreError(f"Hearth's data is in PostgreSQL ({redacted(config['database_url'])}), and {what} is "
                         f"for a SQLite store. Use PostgreSQL's own tool instead, e.g.: {line} "
                         "(docs/hosting.md has the details).")


def backup_main(config: Config, file: Path) -> int:
    from bot.store.backup import backup

    _postgres_says(config, "`hearth backup`", PG_DUMP)
    counts = backup(config.sqlite_path, file)
    print(f"Backed up {config.sqlite_path} to {file}: {_summary(counts)}.")
    return 0


def restore_main(config: Config, file: Path) -> int:
    from bot.store.backup import restore

    _postgres_says(config, "`hearth restore`", PG_RESTORE)
    target = config.sqlite_path
    counts = restore(file, target, target.parent)
    print(f"Restored {file} into {target}: {_summary(counts)}. Start Hearth as usual; it brings the schema up "
          "to date if the backup is from an older version.")
    return 0


def migrate_main(config: Config, check: bool) -> int:
    """With `check`: what a start would apply (exit 1 if anything), changing nothing. Without: apply it now."""
    from bot.ops.status import must_exist
    from bot.store.upgrade import pending_postgres, pending_sqlite

    must_exist(config, "check" if check else "migrate")  # (not made: a start's job, or a restore's)
    url = config["database_url"]
    if is_postgres_url(url):
        done, todo = asyncio.run(pending_postgres(url))
        where = redacted(url)
    else:
        done, todo = pending_sqlite(config.sqlite_path)
        where = str(config.sqlite_path)
    names = ", ".join(f"{m.version:04d}_{m.name}" for m in todo)
    if not todo:
        print(f"The database at {where} is up to date (schema version {max(done)}); there is nothing to apply.")
        return 0
    if check:
        fresh = "" if done else " (it has no Hearth schema yet)"
        print(f"A start would apply {len(todo)} migration{'s' if len(todo) != 1 else ''} to {where}{fresh}: "
              f"{names}. Nothing was changed.")
        return 1
    asyncio.run(_apply(url or str(config.sqlite_path)))
    print(f"Applied {len(todo)} migration{'s' if len(todo) != 1 else ''} to {where}: {names}.")
    return 0


async def _apply(url: str) -> None:
    from bot.clock import SystemClock
    from bot.store.store import Store

    store = await Store.open(url, SystemClock())
    await store.close()


def _summary(counts: dict[str, int]) -> str:
    keys = [("members", "member"), ("rounds", "round"), ("notes", "note"), ("outbox", "outbox message")]
    parts = [f"{counts[t]} {label}{'' if counts[t] == 1 else 's'}" for t, label in keys if t in counts]
    return ", ".join(parts) or f"{len(counts)} table{'' if len(counts) == 1 else 's'}"


def rotate_main(config: Config) -> int:
    """Seal every private note and answer under HEARTH_NEW_ENCRYPTION_KEY; safe to stop and run again."""
    from bot.crypto import KEY_ENV, NEW_KEY_ENV, cipher_from_key, parse_keys
    from bot.ops.status import must_exist

    must_exist(config, "re-encrypt")
    new = config.secret(NEW_KEY_ENV)
    if not new:
        raise StoreError(f"set {NEW_KEY_ENV} to the new key first (make one with `hearth keygen`), and keep "
                         f"{KEY_ENV} set to the key in use now. docs/hosting.md walks through it.")
    cipher_from_key(new, NEW_KEY_ENV)
    cipher_from_key(config.secret(KEY_ENV))
    (new_key,) = parse_keys(new)[:1]
    old = [k for k in parse_keys(config.secret(KEY_ENV) or "") if k != new_key]
    try:
        moved, already, left = asyncio.run(_rotate(config, new_key, old))
    except KeyboardInterrupt:
        print("Stopped part-way. Nothing is lost: run `hearth rotate-key` again to carry on from where it stopped.",
              file=sys.stderr)
        return 1
    if left:
        print(f"Re-encrypted {moved}, but {left} private text(s) are still not under the new key (written by a "
              f"Hearth without {NEW_KEY_ENV} while this ran). Run `hearth rotate-key` again.")
        return 1
    print(f"Re-encrypted {moved} private note(s) and answer(s) under the new key ({already} already were). "
          f"Now set {KEY_ENV} to the new key, remove {NEW_KEY_ENV}, and restart Hearth.")
    return 0


async def _rotate(config: Config, new_key: str, old: list[str]) -> tuple[int, int, int]:
    from bot.clock import SystemClock
    from bot.store.rotate import KeyMismatch, left_to_rotate, rotate
    from bot.store.store import Store

    store = await Store.open(config["database_url"] or config.sqlite_path, SystemClock())
    try:
        try:
            done = await rotate(store, new_key, old)
        except KeyMismatch as err:
            raise StoreError(f"{err}. Set HEARTH_ENCRYPTION_KEY to the key(s) in use now (comma-separated if "
                             "there are several) and run it again; what is done so far stays done.") from None
        return sum(done.moved.values()), sum(done.already.values()), await left_to_rotate(store, new_key)
    finally:
        await store.close()
