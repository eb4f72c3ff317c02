"""scale: a community of 100,000 members, 1,000 schedules and 1,000,000 stored answers.

A loader process fills the SQLite file with sqlite3 directly (executemany);
then a fresh process starts Hearth on it the way `hearth run` does (open the
store, migrate, load content, build the scheduler, catch up, sync) and asks
for members' `checkin status` through `app.handle`. Start to ready counts
from spawning that process (interpreter and imports included) to the
scheduler having started. Memory is the process's peak resident set
(VmHWM in /proc/self/status) at the end.

    python -m bench.scale load DIR [--quick]     fill DIR/hearth.db
    python -m bench.scale serve DIR              start, measure, print JSON
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, time as dtime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from bench.registry import Context, Measurement, Row

ZONES = ("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Sydney", "Europe/London")
WORDS = ("Slept well for once.", "A long day, but a good one.", "Tired.", "", "Looking forward to the weekend.",
         "Busy at work, taking it slowly.", "Grateful for this group.", "Not much to say today.")
STATUS_CALLS = 1000
FULL = {"members": 100_000, "schedules": 1000, "answers": 1_000_000}
QUICK = {"members": 10_000, "schedules": 100, "answers": 100_000}


def load(data_dir: Path, members: int, schedules: int, answers: int) -> None:
    from bench.common import bulk, create_schema, seed_community, seed_members, users
    from bot.clock import utc_iso

    path = data_dir / "hearth.db"
    asyncio.run(create_schema(path))
    conn = bulk(path)
    conn.execute("BEGIN")
    community = "bench:community"
    seed_community(conn, community)
    everyone = users(members)
    seed_members(conn, everyone, community)
    now = datetime.now(timezone.utc).replace(microsecond=0)
    stamp = utc_iso(now)
    r = random.Random(5)
    per_schedule = members // schedules  # members j ≡ i (mod schedules) join schedule i; and one more each
    days = max(1, answers // (schedules * max(1, per_schedule * 2 // 5)))  # ~40% of the first group answer
    answered_per_round = answers // (schedules * days)
    round_rows = []
    sched_rows = []
    for i in range(schedules):
        tz = ZONES[i % len(ZONES)]
        minute_of_day = (i * 7 * 60 // 5 + i) % 1440
        h, m = divmod(minute_of_day, 60)
        sched_rows.append((i + 1, community, f"checkin-{i:04d}", "bench:general", f"daily {h:02d}:{m:02d}",
                           f"{m} {h} * * *", tz, 120, 30, "bench:mod", stamp, stamp))
    conn.executemany(
        "INSERT INTO schedules (id, community_id, name, channel_id, spec, cron, timezone, open_minutes, "
        "remind_minutes, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        sched_rows,
    )
    conn.executemany(
        "INSERT INTO participants (schedule_id, user_id, wants_dm, wants_reminder, joined_at) VALUES (?, ?, ?, ?, ?)",
        ((s, u, 1, j % 3 == 0, stamp) for j, u in enumerate(everyone)
         for s in {j % schedules + 1, (j * 7 + 3) % schedules + 1}),
    )
    round_id = 0
    for (sid, _, _, _, _, cron, tz, *_rest) in sched_rows:
        m, h = (int(x) for x in cron.split()[:2])
        zone = ZoneInfo(tz)
        local_today = now.astimezone(zone).date()
        fires = []
        for back in range(days + 2):
            at = datetime.combine(local_today - timedelta(days=back), dtime(h, m), zone).astimezone(timezone.utc)
            if at <= now:
                fires.append(at)
        for at in sorted(fires)[-days:]:
            round_id += 1
            closes = at + timedelta(minutes=120)
            closed = utc_iso(closes) if closes <= now else None
            round_rows.append((round_id, sid, utc_iso(at), utc_iso(at), utc_iso(closes),
                               utc_iso(closes - timedelta(minutes=30)), closed and utc_iso(closes - timedelta(minutes=30)),
                               closed, "c1", "How are you arriving today?", f"post{round_id}"))
    conn.executemany(
        "INSERT INTO rounds (id, schedule_id, scheduled_at, opened_at, closes_at, remind_at, reminded_at, closed_at, "
        "prompt_id, prompt_text, post_ref, channel_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "(SELECT channel_id FROM schedules WHERE id = ?2))",
        round_rows,
    )

    def responses():  # type: ignore[no-untyped-def]
        for (rid, sid, at, *_rest) in round_rows:
            group = [everyone[j] for j in range(sid - 1, members, schedules)]
            for u in r.sample(group, min(answered_per_round, len(group))):
                vis = r.choice(("shared", "anonymous", "private"))
                yield (rid, u, r.randint(1, 5), r.choice(WORDS), vis, None if vis == "private" else f"m{rid}", at, at)

    conn.executemany(
        "INSERT INTO responses (round_id, user_id, mood, text, visibility, post_ref, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        responses(),
    )
    conn.executemany(
        "INSERT INTO outbox (dedupe_key, platform, kind, target, payload, round_id, status, attempts, "
        "next_attempt_at, message_ref, created_at, sent_at) VALUES (?, 'bench', 'post', ?, ?, ?, 'sent', 1, ?, ?, ?, ?)",
        ((f"round:{row[0]}:post", json.dumps({"channel": "bench:general", "round_post": True}),
          json.dumps({"body": [["m", "How are you arriving today?"]]}), row[0], row[3], row[10], row[3], row[3])
         for row in round_rows),
    )
    conn.executemany(
        "INSERT INTO reflections (community_id, user_id, prompt_id, prompt_text, given_at) VALUES (?, ?, ?, ?, ?)",
        ((community, everyone[r.randrange(members)], f"r{k % 50}", "A reflection prompt.",
          utc_iso(now - timedelta(minutes=k))) for k in range(members * 2)),
    )
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


async def serve(data_dir: Path, t0: float) -> dict:
    from bench.common import COMMUNITY, config_for, percentile, rss_mb
    from bot.events import Actor, Event
    from hearth.runtime import start_core

    app = await start_core(config_for(data_dir))
    assert app.scheduler is not None
    await app.scheduler.start()
    ready = time.time() - t0
    members = int(os.environ.get("BENCH_MEMBERS", FULL["members"]))
    r = random.Random(3)
    lat = []
    sample = ""
    try:
        for k in range(STATUS_CALLS):
            user = f"bench:u{r.randrange(members):06d}"
            actor = Actor(COMMUNITY, user, user.split(":", 1)[1], channel_id="bench:general")
            s = time.perf_counter()
            replies = await app.handle(Event("command", actor, "checkin status", event_id=f"status{k}"))
            lat.append(time.perf_counter() - s)
            sample = replies[0].plain()
    finally:
        app.scheduler.shutdown()
        await app.close()
    rss, peak = rss_mb()
    return {"ready": ready, "p50": percentile(lat, 50), "p99": percentile(lat, 99), "max": max(lat),
            "rss": rss, "peak": peak, "sample": sample}


def measure(ctx: Context) -> Measurement:
    sizes = QUICK if ctx.quick else FULL
    tmp = Path(tempfile.mkdtemp(prefix="hearth-bench-scale-"))
    try:
        t = time.perf_counter()
        args = [str(sizes["members"]), str(sizes["schedules"]), str(sizes["answers"])]
        subprocess.run([sys.executable, "-m", "bench.scale", "load", str(tmp), *args], check=True)
        loaded = time.perf_counter() - t
        size_mb = (tmp / "hearth.db").stat().st_size / 1e6
        env = dict(os.environ, BENCH_MEMBERS=str(sizes["members"]))
        t0 = time.time()
        proc = subprocess.run([sys.executable, "-m", "bench.scale", "serve", str(tmp), repr(t0)], env=env,
                              check=True, stdout=subprocess.PIPE, text=True)
        got = json.loads(proc.stdout.splitlines()[-1])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    what = f"{sizes['members']:,} members, {sizes['schedules']:,} schedules, {sizes['answers']:,} answers"
    return Measurement([
        Row("scale memory", round(got["peak"], 1), "MB", None, None, "≤ 200 MB", got["peak"] <= 200,
            f"peak resident; {what}; file {size_mb:.0f} MB, loaded in {loaded:.1f} s"),
        Row("scale ready", round(got["ready"], 2), "s", None, None, "≤ 3 s", got["ready"] <= 3,
            "process spawn to scheduler started (migrate, content, catch-up, jobs)"),
        Row("scale status", round(got["p99"] * 1000, 1), "ms", None, None, "≤ 20 ms", got["p99"] * 1000 <= 20,
            f"p99 of {STATUS_CALLS} members' `checkin status` via app.handle; p50 {got['p50'] * 1000:.1f} ms, "
            f"max {got['max'] * 1000:.1f} ms"),
    ])


def main(argv: list[str]) -> None:
    if argv[0] == "load":
        load(Path(argv[1]), int(argv[2]), int(argv[3]), int(argv[4]))
    elif argv[0] == "serve":
        print(json.dumps(asyncio.run(serve(Path(argv[1]), float(argv[2])))))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
