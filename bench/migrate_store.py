"""How fast `hearth migrate-store` moves a sizeable store, both ways.

Run: python -m bench.migrate_store [--responses N] [--postgres URL]
Builds a SQLite store (one community, N answers spread over rounds, an outbox
entry per answer, notes and reflections), copies it to a throwaway PostgreSQL
database and from there to a new SQLite file, and prints rows/s for each leg.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import secrets
import sqlite3
import tempfile
import time
from pathlib import Path

from bot.clock import SystemClock
from bot.ops.migrate_store import migrate_store
from bot.store.store import Store
from testing.postgres import DEFAULT_URL, with_database

T = "2026-01-05T09:00:00Z"


async def build(path: Path, responses: int, per_round: int = 50) -> int:
    await (await Store.open(path, SystemClock())).close()
    db = sqlite3.connect(path)
    c = "console:bench"
    db.execute("INSERT INTO communities (id, created_at) VALUES (?, ?)", (c, T))
    db.execute("INSERT INTO schedules (community_id, name, channel_id, spec, cron, timezone, open_minutes, "
               "remind_minutes, created_by, created_at, updated_at) VALUES (?, 'mornings', 'general', "
               "'daily 09:00', '0 9 * * *', 'UTC', 120, 30, 'mia', ?, ?)", (c, T, T))
    rounds = responses // per_round
    db.executemany("INSERT INTO rounds (schedule_id, scheduled_at, opened_at, closes_at, prompt_id, prompt_text) "
                   "VALUES (1, ?, ?, ?, 'p', 'How are you?')", [(f"r{i}", T, T) for i in range(rounds)])
    db.executemany("INSERT INTO responses (round_id, user_id, mood, text, visibility, created_at, updated_at) "
                   "VALUES (?, ?, 3, 'a few words about my day', 'shared', ?, ?)",
                   [(1 + i // per_round, f"u{i % per_round}", T, T) for i in range(responses)])
    db.executemany("INSERT INTO outbox (dedupe_key, platform, kind, target, payload, round_id, response_id, "
                   "status, next_attempt_at, created_at) VALUES (?, 'console', 'thread', '{}', "
                   "'{\"text\": \"hello\"}', ?, ?, 'sent', ?, ?)",
                   [(f"k{i}", 1 + i // per_round, i + 1, T, T) for i in range(responses)])
    db.executemany("INSERT INTO notes (community_id, user_id, number, text, created_at) "
                   "VALUES (?, ?, ?, 'a note', ?)",
                   [(c, f"u{i % 50}", 1 + i // 50, T) for i in range(responses // 10)])
    db.commit()
    total = sum(db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("communities", "schedules", "rounds", "responses", "outbox", "notes"))
    db.close()
    return total


async def leg(name: str, source: str, target: str) -> None:
    t0 = time.perf_counter()
    outcome = await migrate_store(source, target, out=io.StringIO())
    took = time.perf_counter() - t0
    assert not outcome.mismatches
    print(f"{name:<22} {outcome.rows:>9,} rows  {took:6.2f} s  {outcome.rows / took:>9,.0f} rows/s "
          f"(copy alone {outcome.rows / outcome.seconds:,.0f} rows/s)")


async def main_async(responses: int, server: str) -> None:
    import asyncpg

    name = f"hearth_bench_{secrets.token_hex(3)}"
    admin = await asyncpg.connect(server)
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "a.db"
            rows = await build(source, responses)
            print(f"store: {rows:,} rows ({responses:,} answers)")
            pg = with_database(server, name)
            await leg("SQLite -> PostgreSQL", str(source), pg)
            await leg("PostgreSQL -> SQLite", pg, str(Path(tmp) / "b.db"))
            await leg("SQLite -> SQLite", str(source), str(Path(tmp) / "c.db"))
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.migrate_store")
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--postgres", default=DEFAULT_URL, help="a server where a throwaway database may be made")
    args = parser.parse_args(argv)
    asyncio.run(main_async(args.responses, args.postgres))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
