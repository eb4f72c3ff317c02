"""`hearth status`: which Hearth processes are alive on this store, what each holds, the outbox depth."""

from __future__ import annotations

from datetime import datetime

from bot.clock import SystemClock, parse_iso
from bot.config import Config
from bot.delivery.outbox import ALIVE_WITHIN
from bot.errors import StoreError
from bot.store.postgres import is_postgres_url
from bot.store.store import MigrationsPending, Store


async def status_report(config: Config) -> str:
    """What is running on the store, read without changing it: opened read-only, never migrated (a status that
    brought the schema up to date changed the store under Hearth processes still running the older code)."""
    must_exist(config, "report on")
    clock = SystemClock()
    try:
        store = await Store.open(config["database_url"] or config.sqlite_path, clock, read_only=True)
    except MigrationsPending as err:
        raise StoreError(pending(err, "`hearth status`")) from None
    try:
        now = clock.now()
        processes = await store.outbox.live_processes(now - ALIVE_WITHIN)
        counts = await store.outbox.counts()
        open_rounds = len(await store.rounds.list_open())
    finally:
        await store.close()
    lines = [f"Store: {store.db.path}", ""]
    if processes:
        lines.append(f"{len(processes)} process{'es' if len(processes) != 1 else ''} alive:")
        for p in processes:
            platforms = p["platforms"] or "terminal"
            lines.append(f"  {p['id']}  ({platforms}; up {_ago(parse_iso(p['started_at']), now)}, "
                         f"heard from {_ago(parse_iso(p['heartbeat_at']), now)} ago; holding {p['holding']})")
    else:
        lines.append("No Hearth process is running on this store.")
    lines += ["", f"Outbox: {counts.get('pending', 0)} waiting, {counts.get('sent', 0)} sent, "
                  f"{counts.get('failed', 0)} given up", f"Open rounds: {open_rounds}"]
    return "\n".join(lines)


def pending(err: MigrationsPending, tool: str) -> str:
    """Said by a tool that only reads, of a store whose schema is behind this Hearth's: which command applies it."""
    count = len(err.names)
    return (f"the database at {err.where} needs {count} migration{'s' if count != 1 else ''} before this Hearth can "
            f"read it: {', '.join(err.names)}. {tool} only reads, so it changed nothing. Run `hearth migrate` to "
            f"apply {'them' if count != 1 else 'it'} (a start does too), then ask again.")


def must_exist(config: Config, what: str) -> None:
    """A tool that works on a store (status, migrate, rotate-key) refuses a SQLite file that isn't there: opening
    it made a new, empty store (a typo in data_dir, or the folder moved aside for a restore, which then refused it
    as not empty), and said of it "nothing running", "applied 40 migrations", or "re-encrypted 0 ... now set the
    new key", of a store it never saw. Only a start (and a restore) make one."""
    if is_postgres_url(config["database_url"]) or config.sqlite_path.exists():
        return
    raise StoreError(f"there is no Hearth database at {config.sqlite_path}, so there is nothing to {what}. Check "
                     "data_dir (or database_url) in the config you pointed me to. Nothing was made. To make a new "
                     "one there, start Hearth (`hearth run`); to bring one back, `hearth restore FILE`.")


def _ago(then: datetime, now: datetime) -> str:
    seconds = max(0, int((now - then).total_seconds()))
    if seconds < 120:
        return f"{seconds}s"
    if seconds < 7200:
        return f"{seconds // 60}m"
    return f"{seconds // 3600}h"
