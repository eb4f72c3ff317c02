"""insights: `mod insights show weeks=52` for a community of 100,000 members and 1,000,000 answers over 52 weeks.

The data is loaded straight into the tables (SQLite with sqlite3, PostgreSQL with asyncpg's COPY): 20 weekly
check-ins of 5,000 members each, about 960 answers a round, a third of them private, and the counts each
round's closing writes (`round_tallies`). Then Hearth opens the
store as `hearth run` does (and, as it does once started, moves what start-up made out of the garbage collector's
sight: `hearth.runtime.keep_start_up`) and a moderator asks for the whole year, chart included, again and again; each
request is timed end to end through `app.handle` (the query, the anonymity rule, the PNG drawn in a thread).
A watchdog task measures the longest event-loop stall meanwhile (the `stall` row reads it).

    python -m bench insights          (both databases; HEARTH_BENCH_PG names the PostgreSQL server)
"""

from __future__ import annotations

import asyncio
import gc
import random
import tempfile
import time
from datetime import datetime, time as dtime, timedelta, timezone
from pathlib import Path

from bench.registry import Context, Measurement, Row

FULL = {"members": 100_000, "schedules": 20, "answers": 1_000_000, "weeks": 52, "requests": 30}
QUICK = {"members": 10_000, "schedules": 20, "answers": 100_000, "weeks": 52, "requests": 10}
COMMUNITY = "bench:community"
MODERATOR = "bench:mod"


def rows(size: dict, now: datetime) -> dict[str, list[tuple]]:
    """Every table's rows, the same for both databases."""
    from bot.clock import utc_iso

    r = random.Random(11)
    stamp = utc_iso(now)
    members = [f"bench:u{i:06d}" for i in range(size["members"])]
    n_sched, weeks = size["schedules"], size["weeks"]
    monday = (now - timedelta(days=now.weekday())).date()
    out: dict[str, list[tuple]] = {
        "communities": [(COMMUNITY, "Bench", "{}", stamp)],
        "members": [(COMMUNITY, u, u, stamp) for u in members],
        "schedules": [(i + 1, COMMUNITY, f"checkin-{i:02d}", "bench:general", "weekly mon 09:00", "0 9 * * 1", "UTC",
                       120, 30, MODERATOR, stamp, stamp) for i in range(n_sched)],
        "participants": [(j % n_sched + 1, u, 1, 0, stamp) for j, u in enumerate(members)],
        "rounds": [], "responses": [],
    }
    per_round = size["answers"] // (n_sched * weeks)
    rid = 0
    for w in range(weeks, 0, -1):
        at = datetime.combine(monday - timedelta(weeks=w), dtime(9, 0), timezone.utc)
        for s in range(n_sched):
            rid += 1
            closes = at + timedelta(hours=2)
            out["rounds"].append((rid, s + 1, utc_iso(at), utc_iso(at), utc_iso(closes), utc_iso(closes),
                                  "c1", "How are you arriving today?", "bench:general", len(members) // n_sched))
            group = members[s::n_sched]
            for u in r.sample(group, min(per_round, len(group))):
                vis = ("shared", "anonymous", "private")[r.randrange(3)]
                out["responses"].append((rid, u, r.randint(1, 5), "", vis, utc_iso(at), utc_iso(at)))
    return out


#: What closing each round wrote (`bot.store.insights.tally_on`), for rounds loaded already closed.
TALLIES = ("INSERT INTO round_tallies (round_id, visibility, mood, n) SELECT round_id, visibility, mood, COUNT(*) "
           "FROM responses GROUP BY round_id, visibility, mood")

COLUMNS = {
    "communities": ("id", "name", "settings", "created_at"),
    "members": ("community_id", "user_id", "display_name", "created_at"),
    "schedules": ("id", "community_id", "name", "channel_id", "spec", "cron", "timezone", "open_minutes",
                  "remind_minutes", "created_by", "created_at", "updated_at"),
    "participants": ("schedule_id", "user_id", "wants_dm", "wants_reminder", "joined_at"),
    "rounds": ("id", "schedule_id", "scheduled_at", "opened_at", "closes_at", "closed_at", "prompt_id", "prompt_text",
               "channel_id", "invited"),
    "responses": ("round_id", "user_id", "mood", "text", "visibility", "created_at", "updated_at"),
}


def load_sqlite(path: Path, data: dict[str, list[tuple]]) -> None:
    from bench.common import bulk, create_schema

    asyncio.run(create_schema(path))
    conn = bulk(path)
    conn.execute("BEGIN")
    for table, cols in COLUMNS.items():
        conn.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
                         data[table])
    conn.execute(TALLIES)
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


async def load_postgres(url: str, data: dict[str, list[tuple]]) -> None:
    import asyncpg

    conn = await asyncpg.connect(url)
    try:
        for table, cols in COLUMNS.items():
            await conn.copy_records_to_table(table, records=data[table], columns=list(cols))
        await conn.execute(TALLIES)
        for table in ("schedules", "rounds", "responses"):
            await conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                               f"(SELECT max(id) FROM {table}))")
        await conn.execute("ANALYZE")
    finally:
        await conn.close()


async def timed(config, requests: int) -> tuple[list[float], float, str]:  # type: ignore[no-untyped-def]
    """Each request's seconds, the worst stall, and what the last one said (a check that it worked)."""
    from bench.common import Watchdog
    from bot.app import Hearth
    from bot.clock import SystemClock
    from bot.events import Actor, Event
    from hearth.runtime import keep_start_up

    app = await Hearth.open(config, SystemClock())
    keep_start_up()  # (as `hearth run` does once started: the content's objects are out of the collector's sight)

    def mod(i: int) -> Actor:  # a moderator each time: one person's 20 events a minute is the rate limit
        return Actor(COMMUNITY, f"{MODERATOR}{i}", "Mod", platform_moderator=True, channel_id="bench:general")

    try:
        await app.handle(Event("command", mod(0), "mod insights show", {"weeks": "52"}))  # warm: imports, fonts
        dog = Watchdog().start()
        took = []
        for i in range(requests):
            t0 = time.perf_counter()
            replies = await app.handle(Event("command", mod(i + 1), "mod insights show", {"weeks": "52"}))
            took.append(time.perf_counter() - t0)
        stall = await dog.stop()
        said = replies[0].plain()
        assert replies[0].attachment is not None and "answered" in said, said[:300]
        return took, stall, said
    finally:
        gc.unfreeze()
        await app.close()


def measure(ctx: Context) -> Measurement:
    from bench.common import config_for, percentile

    size = QUICK if ctx.quick else FULL
    data = rows(size, datetime.now(timezone.utc))
    out: list[Row] = []
    stalls: list[float] = []
    with tempfile.TemporaryDirectory(prefix="hearth-bench-insights-") as tmp:
        load_sqlite(Path(tmp) / "hearth.db", data)
        took, stall, _ = asyncio.run(timed(config_for(Path(tmp)), size["requests"]))
        stalls.append(stall)
        p99 = percentile(took, 99)
        out.append(Row("insights sqlite", p99 * 1000, "ms p99", None, None, "≤ 1,000 ms", p99 <= 1.0,
                       f"52 weeks, {len(data['responses']):,} answers, {size['members']:,} members; "
                       f"median {percentile(took, 50) * 1000:.0f} ms; stall {stall * 1000:.0f} ms"))
    out.append(_postgres(data, size, stalls))
    return Measurement(out, {"stall_ms": max(stalls) * 1000})


def _postgres(data: dict[str, list[tuple]], size: dict, stalls: list[float]) -> Row:
    from bench.common import config_for, percentile
    from bench.pg import Databases

    async def run() -> tuple[list[float], float]:
        dbs = Databases()
        try:
            url = await dbs.create_seed()
            await load_postgres(url, data)
            with tempfile.TemporaryDirectory(prefix="hearth-bench-insights-") as tmp:
                took, stall, _ = await timed(config_for(Path(tmp), database_url=url), size["requests"])
            return took, stall
        finally:
            await dbs.drop_all()

    took, stall = asyncio.run(run())
    stalls.append(stall)
    p99 = percentile(took, 99)
    return Row("insights postgresql", p99 * 1000, "ms p99", None, None, "≤ 1,000 ms", p99 <= 1.0,
               f"same data; median {percentile(took, 50) * 1000:.0f} ms; stall {stall * 1000:.0f} ms")
