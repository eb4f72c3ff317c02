"""core: member actions through `app.handle`, against the same database work in plain aiosqlite.

Many members at once (a pool of concurrent workers) each ask for a
reflection prompt, answer the open check-in, and look at their status,
through the whole core: rate limit, event de-duplication, registry, flows,
crisis screen, store, on a SQLite file. The floor is the same workload done
by hand-written aiosqlite statements on an identical file: the statements a
minimal implementation needs for the same reads and writes, over one
connection, with the answer written in one transaction. Both run in this
process, one after the other, so the ratio holds on a noisy machine.
"""

from __future__ import annotations

import asyncio
import json
import random
import shutil
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Awaitable, Callable

import aiosqlite

from bench.common import (
    CHANNEL, COMMUNITY, bulk, config_for, create_schema, median_pair, percentile, seed_community, seed_members,
    seed_participants, seed_schedule, users,
)
from bench.registry import Context, Measurement, Row
from bot.clock import utc_iso

ACTIONS = ("reflect", "answer", "status")
WORDS = ("Slept well for once.", "A long day, but a good one.", "Tired.", "", "Looking forward to the weekend.",
         "Busy at work, taking it slowly.")
CONCURRENCY = 64


def seed(path: Path, n_members: int) -> None:
    asyncio.run(create_schema(path))
    conn = bulk(path)
    members = users(n_members)
    conn.execute("BEGIN")
    seed_community(conn)
    seed_members(conn, members)
    sid = seed_schedule(conn, "mornings", "0 9 * * *")
    seed_participants(conn, sid, members)
    now = datetime.now(timezone.utc).replace(microsecond=0)
    conn.execute(
        "INSERT INTO rounds (schedule_id, scheduled_at, opened_at, closes_at, prompt_id, prompt_text, post_ref, "
        "channel_id) VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT channel_id FROM schedules WHERE id = ?))",
        (sid, utc_iso(now - timedelta(minutes=5)), utc_iso(now - timedelta(minutes=5)),
         utc_iso(now + timedelta(hours=3)), "c1", "How are you arriving today?", "msg-post", sid),
    )
    conn.execute("COMMIT")
    conn.close()


def plan(n_members: int, seed_: int = 11) -> list[tuple[str, list[tuple[str, dict[str, str]]]]]:
    """Per member, the three actions in a random order with their arguments."""
    r = random.Random(seed_)
    out = []
    for u in users(n_members):
        steps = []
        for action in r.sample(ACTIONS, len(ACTIONS)):
            args: dict[str, str] = {}
            if action == "answer":
                args = {"mood": str(r.randint(1, 5)), "visibility": r.choice(("shared", "anonymous", "private"))}
                words = r.choice(WORDS)
                if words:
                    args["words"] = words
            steps.append((action, args))
        out.append((u, steps))
    return out


async def drive(work: list[tuple[str, list[tuple[str, dict[str, str]]]]],
                do: Callable[[str, str, dict[str, str], str], Awaitable[None]]) -> tuple[float, list[float]]:
    """Run every member's actions with CONCURRENCY members at once; (seconds, latencies)."""
    queue: asyncio.Queue = asyncio.Queue()
    for item in work:
        queue.put_nowait(item)
    latencies: list[float] = []
    counter = 0

    async def worker() -> None:
        nonlocal counter
        while not queue.empty():
            user, steps = queue.get_nowait()
            for action, args in steps:
                counter += 1
                t0 = time.perf_counter()
                await do(user, action, args, f"ev{counter}")
                latencies.append(time.perf_counter() - t0)

    t0 = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    return time.perf_counter() - t0, latencies


# -- through the core -----------------------------------------------------------------


async def run_core(data_dir: Path, work) -> tuple[float, list[float]]:  # type: ignore[no-untyped-def]
    from bot.app import Hearth
    from bot.events import Actor, Event

    app = await Hearth.open(config_for(data_dir))
    names = {"reflect": "reflect", "answer": "checkin answer", "status": "checkin status"}
    problems: list[str] = []

    async def do(user: str, action: str, args: dict[str, str], event_id: str) -> None:
        actor = Actor(COMMUNITY, user, user.split(":", 1)[1], channel_id=CHANNEL)
        replies = await app.handle(Event("command", actor, names[action], dict(args), event_id=event_id))
        text = " ".join(r.plain() for r in replies)
        if not replies or "couldn't" in text or "no check-in open" in text or "paused for a moment" in text:
            problems.append(f"{action}: {text[:80]}")

    try:
        result = await drive(work, do)
    finally:
        await app.close()
    if problems:
        raise RuntimeError(f"core run went wrong ({len(problems)} bad replies), e.g. {problems[0]}")
    return result


# -- the floor: the same database work, by hand -------------------------------------------


async def run_floor(path: Path, work) -> tuple[float, list[float]]:  # type: ignore[no-untyped-def]
    from bot.content.library import ContentLibrary

    prompts = [p.id for p in ContentLibrary.load(None).prompts("reflection", None)]
    db = await aiosqlite.connect(str(path), isolation_level=None)
    db.row_factory = aiosqlite.Row
    for pragma in ("journal_mode=WAL", "foreign_keys=ON", "synchronous=NORMAL", "busy_timeout=5000"):
        await db.execute(f"PRAGMA {pragma}")
    lock = asyncio.Lock()

    async def q(sql: str, *args: object) -> list:
        async with lock:
            return list(await db.execute_fetchall(sql, args))

    async def common(user: str, event_id: str) -> aiosqlite.Row:
        now = utc_iso(datetime.now(timezone.utc))
        await q("INSERT INTO processed_events (event_id, at) VALUES (?, ?) ON CONFLICT DO NOTHING", event_id, now)
        await q("INSERT INTO communities (id, name, created_at) VALUES (?, '', ?) ON CONFLICT (id) DO NOTHING",
                COMMUNITY, now)
        rows = await q(
            "INSERT INTO members (community_id, user_id, display_name, created_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (community_id, user_id) DO UPDATE SET display_name = excluded.display_name RETURNING *",
            COMMUNITY, user, user.split(":", 1)[1], now)
        return rows[0]

    async def open_rounds(user: str) -> list:
        return await q(
            "SELECT rd.*, s.name, s.channel_id, r.visibility AS mine FROM rounds rd "
            "JOIN schedules s ON s.id = rd.schedule_id "
            "LEFT JOIN responses r ON r.round_id = rd.id AND r.user_id = ? "
            "WHERE rd.closed_at IS NULL AND s.community_id = ? AND rd.closes_at > ?",
            user, COMMUNITY, utc_iso(datetime.now(timezone.utc)))

    async def do(user: str, action: str, args: dict[str, str], event_id: str) -> None:
        await common(user, event_id)
        now = utc_iso(datetime.now(timezone.utc))
        if action == "reflect":
            await q("SELECT target, enabled FROM content_switches WHERE community_id = ?", COMMUNITY)
            await q("SELECT * FROM prompts WHERE community_id = ? AND kind = 'reflection' AND enabled = 1", COMMUNITY)
            recent = {r["prompt_id"] for r in await q(
                "SELECT prompt_id FROM reflections WHERE community_id = ? AND user_id = ? ORDER BY id DESC LIMIT 8",
                COMMUNITY, user)}
            chosen = random.choice([p for p in prompts if p not in recent] or prompts)
            await q("INSERT INTO reflections (community_id, user_id, prompt_id, prompt_text, given_at) "
                    "VALUES (?, ?, ?, ?, ?) RETURNING id", COMMUNITY, user, chosen, "text", now)
        elif action == "answer":
            rnd = (await open_rounds(user))[0]
            async with lock:
                await db.execute("BEGIN IMMEDIATE")
                await db.execute_fetchall("SELECT * FROM responses WHERE round_id = ? AND user_id = ?",
                                          (rnd["id"], user))
                row = (await db.execute_fetchall(
                    "INSERT INTO responses (round_id, user_id, mood, text, visibility, created_at, updated_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (round_id, user_id) DO UPDATE SET mood = excluded.mood, "
                    "text = excluded.text, visibility = excluded.visibility, updated_at = excluded.updated_at "
                    "RETURNING *",
                    (rnd["id"], user, int(args["mood"]), args.get("words", ""), args["visibility"], now, now)))[0]
                if args["visibility"] != "private":
                    await db.execute_fetchall(
                        "INSERT INTO outbox (dedupe_key, platform, kind, target, payload, round_id, response_id, "
                        "next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        "ON CONFLICT (dedupe_key) DO NOTHING",
                        (f"floor:{row['id']}:{now}", "bench", "thread",
                         json.dumps({"channel": rnd["channel_id"], "round": rnd["id"]}),
                         json.dumps({"body": [["u", args.get("words", "")]]}), rnd["id"], row["id"], now, now))
                await db.execute("COMMIT")
        else:
            await q("SELECT settings FROM communities WHERE id = ?", COMMUNITY)
            await q("SELECT s.*, p.wants_dm, p.wants_reminder FROM participants p JOIN schedules s "
                    "ON s.id = p.schedule_id WHERE s.community_id = ? AND p.user_id = ? ORDER BY s.name",
                    COMMUNITY, user)
            await open_rounds(user)

    try:
        return await drive(work, do)
    finally:
        await db.close()


def measure(ctx: Context) -> Measurement:
    """Floor and core take turns on fresh copies of one seeded file; the median pair (`median_pair`)."""
    n, runs = (150, 1) if ctx.quick else (600, 5)
    work = plan(n)
    tmp = Path(tempfile.mkdtemp(prefix="hearth-bench-core-"))
    pairs: list[tuple[tuple[float, list[float]], tuple[float, list[float]]]] = []
    try:
        seed(tmp / "seed.db", n)
        for i in range(runs):
            (tmp / f"core{i}").mkdir()
            shutil.copy(tmp / "seed.db", tmp / f"core{i}" / "hearth.db")
            shutil.copy(tmp / "seed.db", tmp / f"floor{i}.db")
            floor = asyncio.run(run_floor(tmp / f"floor{i}.db", work))
            core = asyncio.run(run_core(tmp / f"core{i}", work))
            pairs.append((core, floor))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    ops = len(work) * len(ACTIONS)
    ((core_s, core_lat), (floor_s, floor_lat)), every = median_pair(pairs, lambda p: p[1][0] / p[0][0])
    core_tp, floor_tp = ops / core_s, ops / floor_s
    ratio = core_tp / floor_tp
    return Measurement([
        Row("core", round(core_tp, 1), "actions/s", round(floor_tp, 1), round(ratio, 3), "≥ 0.5 × floor",
            ratio >= 0.5, f"{n} members × {len(ACTIONS)} actions, {CONCURRENCY} at once; floor = plain aiosqlite; "
            f"median of {runs} floor/core pairs (ratios {every})"),
        Row("core p99", round(percentile(core_lat, 99) * 1000, 1), "ms", round(percentile(floor_lat, 99) * 1000, 1),
            round(percentile(core_lat, 99) / percentile(floor_lat, 99), 2), "reported", None,
            f"p50 {percentile(core_lat, 50) * 1000:.1f} ms (floor {percentile(floor_lat, 50) * 1000:.1f} ms)"),
    ])
