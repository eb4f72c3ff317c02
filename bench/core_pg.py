"""core-pg: the core row on PostgreSQL, with one and with three processes, against plain asyncpg.

The same members and actions as `core` (bench/core.py). The members are
split between P processes (`multiprocessing`, spawned); each process opens
its own Hearth on the same PostgreSQL database (a pool of up to 10
connections, Hearth's default) and runs its share with 64 members at once.
The floor does the same database work as core.py's floor, in plain asyncpg
over a pool of the same size, split between P processes the same way. Every
process finishes its setup before a barrier; the clock runs from the first
process leaving the barrier to the last one finishing. Each measured run
gets a fresh copy of the seeded database.
"""

from __future__ import annotations

import asyncio
import json
import random
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from bench.common import CHANNEL, COMMUNITY, config_for, median_pair, percentile, users
from bench.core import ACTIONS, CONCURRENCY, drive, plan
from bench.pg import Databases, collect, in_processes, seed_people, split
from bench.registry import Context, Measurement, Row
from bot.clock import utc_iso
from bot.store.dialect import numbered_placeholders

POOL = 10


async def seed(url: str, n: int) -> None:
    import asyncpg

    await seed_people(url, users(n), "mornings", "0 9 * * *")
    now = datetime.now(timezone.utc).replace(microsecond=0)
    conn = await asyncpg.connect(url)
    try:
        sid = await conn.fetchval("SELECT id FROM schedules")
        await conn.execute(
            "INSERT INTO rounds (schedule_id, scheduled_at, opened_at, closes_at, prompt_id, prompt_text, post_ref, "
            "channel_id) VALUES ($1, $2, $3, $4, $5, $6, $7, (SELECT channel_id FROM schedules WHERE id = $1))",
            sid, utc_iso(now - timedelta(minutes=5)), utc_iso(now - timedelta(minutes=5)),
            utc_iso(now + timedelta(hours=3)), "c1", "How are you arriving today?", "msg-post")
    finally:
        await conn.close()


# -- one process's share ----------------------------------------------------------------


def core_process(url: str, work: list, tag: str, barrier) -> tuple[float, float, list[float]]:  # type: ignore[no-untyped-def]
    return asyncio.run(_core(url, work, tag, barrier))


async def _core(url: str, work: list, tag: str, barrier) -> tuple[float, float, list[float]]:  # type: ignore[no-untyped-def]
    from bot.app import Hearth
    from bot.events import Actor, Event

    names = {"reflect": "reflect", "answer": "checkin answer", "status": "checkin status"}
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="hearth-bench-corepg-") as tmp:
        app = await Hearth.open(config_for(Path(tmp), database_url=url))
        try:
            async def do(user: str, action: str, args: dict[str, str], event_id: str) -> None:
                actor = Actor(COMMUNITY, user, user.split(":", 1)[1], channel_id=CHANNEL)
                replies = await app.handle(Event("command", actor, names[action], dict(args),
                                                 event_id=f"{tag}-{event_id}"))
                text = " ".join(r.plain() for r in replies)
                if not replies or "couldn't" in text or "no check-in open" in text or "paused for a moment" in text:
                    problems.append(f"{action}: {text[:80]}")

            await app.store.schedules.list_all()  # warm the pool's first connection
            await asyncio.to_thread(barrier.wait)
            t0 = time.monotonic()
            _, latencies = await drive(work, do)
            t1 = time.monotonic()
        finally:
            await app.close()
    if problems:
        raise RuntimeError(f"core-pg run went wrong ({len(problems)} bad replies), e.g. {problems[0]}")
    return t0, t1, latencies


def floor_process(url: str, work: list, tag: str, barrier) -> tuple[float, float, list[float]]:  # type: ignore[no-untyped-def]
    return asyncio.run(_floor(url, work, tag, barrier))


async def _floor(url: str, work: list, tag: str, barrier) -> tuple[float, float, list[float]]:  # type: ignore[no-untyped-def]
    """core.py's floor statements, in plain asyncpg over a pool."""
    import asyncpg

    from bot.content.library import ContentLibrary

    prompts = [p.id for p in ContentLibrary.load(None).prompts("reflection", None)]
    pool = await asyncpg.create_pool(url, min_size=1, max_size=POOL)
    S = numbered_placeholders  # the statements are written with ? as in core.py

    async def common(user: str, event_id: str) -> None:
        now = utc_iso(datetime.now(timezone.utc))
        await pool.execute(S("INSERT INTO processed_events (event_id, at) VALUES (?, ?) ON CONFLICT DO NOTHING"),
                           event_id, now)
        await pool.execute(S("INSERT INTO communities (id, name, created_at) VALUES (?, '', ?) "
                             "ON CONFLICT (id) DO NOTHING"), COMMUNITY, now)
        await pool.fetchrow(S(
            "INSERT INTO members (community_id, user_id, display_name, created_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (community_id, user_id) DO UPDATE SET display_name = excluded.display_name RETURNING *"),
            COMMUNITY, user, user.split(":", 1)[1], now)

    async def open_rounds(user: str) -> list:
        return await pool.fetch(S(
            "SELECT rd.*, s.name, s.channel_id, r.visibility AS mine FROM rounds rd "
            "JOIN schedules s ON s.id = rd.schedule_id "
            "LEFT JOIN responses r ON r.round_id = rd.id AND r.user_id = ? "
            "WHERE rd.closed_at IS NULL AND s.community_id = ? AND rd.closes_at > ?"),
            user, COMMUNITY, utc_iso(datetime.now(timezone.utc)))

    async def do(user: str, action: str, args: dict[str, str], event_id: str) -> None:
        await common(user, f"{tag}-{event_id}")
        now = utc_iso(datetime.now(timezone.utc))
        if action == "reflect":
            await pool.fetch(S("SELECT target, enabled FROM content_switches WHERE community_id = ?"), COMMUNITY)
            await pool.fetch(S("SELECT * FROM prompts WHERE community_id = ? AND kind = 'reflection' "
                               "AND enabled = 1"), COMMUNITY)
            recent = {r["prompt_id"] for r in await pool.fetch(S(
                "SELECT prompt_id FROM reflections WHERE community_id = ? AND user_id = ? ORDER BY id DESC LIMIT 8"),
                COMMUNITY, user)}
            chosen = random.choice([p for p in prompts if p not in recent] or prompts)
            await pool.fetchval(S("INSERT INTO reflections (community_id, user_id, prompt_id, prompt_text, given_at) "
                                  "VALUES (?, ?, ?, ?, ?) RETURNING id"), COMMUNITY, user, chosen, "text", now)
        elif action == "answer":
            rnd = (await open_rounds(user))[0]
            async with pool.acquire() as conn, conn.transaction():
                await conn.fetch(S("SELECT * FROM responses WHERE round_id = ? AND user_id = ?"), rnd["id"], user)
                row = await conn.fetchrow(S(
                    "INSERT INTO responses (round_id, user_id, mood, text, visibility, created_at, updated_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (round_id, user_id) DO UPDATE SET mood = excluded.mood, "
                    "text = excluded.text, visibility = excluded.visibility, updated_at = excluded.updated_at "
                    "RETURNING *"),
                    rnd["id"], user, int(args["mood"]), args.get("words", ""), args["visibility"], now, now)
                if args["visibility"] != "private":
                    await conn.execute(S(
                        "INSERT INTO outbox (dedupe_key, platform, kind, target, payload, round_id, response_id, "
                        "next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        "ON CONFLICT (dedupe_key) DO NOTHING"),
                        f"floor:{row['id']}:{now}", "bench", "thread",
                        json.dumps({"channel": rnd["channel_id"], "round": rnd["id"]}),
                        json.dumps({"body": [["u", args.get("words", "")]]}), rnd["id"], row["id"], now, now)
        else:
            await pool.fetchval(S("SELECT settings FROM communities WHERE id = ?"), COMMUNITY)
            await pool.fetch(S("SELECT s.*, p.wants_dm, p.wants_reminder FROM participants p JOIN schedules s "
                               "ON s.id = p.schedule_id WHERE s.community_id = ? AND p.user_id = ? ORDER BY s.name"),
                             COMMUNITY, user)
            await open_rounds(user)

    try:
        await pool.fetchval("SELECT 1")
        await asyncio.to_thread(barrier.wait)
        t0 = time.monotonic()
        _, latencies = await drive(work, do)
        t1 = time.monotonic()
    finally:
        await pool.close()
    return t0, t1, latencies


def run(which: str, url: str, work: list, processes: int) -> tuple[float, list[float]]:
    """(seconds from the first start to the last finish, every latency)."""
    target = core_process if which == "core" else floor_process
    procs, handle = in_processes(target, [(url, share, f"p{i}") for i, share in enumerate(split(work, processes))])
    got = collect(procs, handle)
    return max(t1 for _, t1, _ in got) - min(t0 for t0, _, _ in got), [x for _, _, lat in got for x in lat]


def measure(ctx: Context) -> Measurement:
    """Floor and core take turns on fresh copies of one seeded database; the median pair per process count."""
    n, runs = (150, 1) if ctx.quick else (600, 3)
    work = plan(n)
    ops = len(work) * len(ACTIONS)
    dbs = Databases()
    figures: dict[int, tuple[float, float, str, list[float]]] = {}
    try:
        seed_url = asyncio.run(dbs.create_seed())
        asyncio.run(seed(seed_url, n))
        for procs in (1, 3):
            pairs = []
            for i in range(runs):
                floor_s, _ = run("floor", asyncio.run(dbs.copy(f"f{procs}_{i}")), work, procs)
                core_s, lat = run("core", asyncio.run(dbs.copy(f"c{procs}_{i}")), work, procs)
                pairs.append((ops / core_s, ops / floor_s, lat))
            (core_tp, floor_tp, lat), every = median_pair(pairs, lambda p: p[0] / p[1])
            figures[procs] = (core_tp, floor_tp, every, lat)
    finally:
        asyncio.run(dbs.drop_all())
    rows = []
    for procs in (1, 3):
        core_tp, floor_tp, every, lat = figures[procs]
        ratio = core_tp / floor_tp
        notes = (f"{n} members × {len(ACTIONS)} actions, {procs} process{'es' if procs > 1 else ''} × "
                 f"{CONCURRENCY} at once, pool {POOL} each; floor = plain asyncpg, same split; median of {runs} "
                 f"floor/core pairs (ratios {every}); p99 {percentile(lat, 99) * 1000:.0f} ms")
        if procs == 3:
            c1, f1 = figures[1][0], figures[1][1]
            notes += f"; 1→3 processes: core × {core_tp / c1:.2f}, floor × {floor_tp / f1:.2f}"
        rows.append(Row(f"core-pg {procs}p", round(core_tp, 1), "actions/s", round(floor_tp, 1), round(ratio, 3),
                        "≥ 0.5 × floor", ratio >= 0.5, notes))
    return Measurement(rows)
