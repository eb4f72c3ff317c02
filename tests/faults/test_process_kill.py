"""kill -9 in the middle of a fan-out: a real `hearth` process, Slack over HTTP, SQLite.

The round is opened before any process starts (its DMs wait in the outbox).
Hearth starts, sends about a third of them through a slow fake Slack and is
killed with SIGKILL. A second process starts on the same data: it sends
what was never claimed at once, takes over the dead process's claims once
it has watched that process's heartbeat stay still for ALIVE_WITHIN (the
only sign of death no clock step can fake), and asks Slack (`find_sent`, by the outbox key in
the message metadata) before sending any of those again. Every participant
gets the round's DM exactly once.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

from bench.common import bulk, seed_community, seed_members, seed_participants, seed_schedule
from bot.app import Hearth
from bot.clock import ManualClock
from bot.config import load
from bot.delivery.outbox import ALIVE_WITHIN
from bot.scheduling.runner import RoundScheduler
from testing.fake_slack import FakeSlack

ROOT = Path(__file__).resolve().parents[2]
COMMUNITY = "slack:T0001"
CHANNEL = "slack:C0GENERAL"
PEOPLE = 300
LEASE = 3


def hearth_toml(path: Path, data_dir: Path) -> Path:
    path.write_text(f'data_dir = "{data_dir}"\nlog_level = "INFO"\n\n'
                    f"[delivery]\nlease_seconds = {LEASE}\nper_second = 60.0\n", encoding="utf-8")
    return path


async def open_round(config_file: Path, now: datetime) -> int:
    """A schedule that fired a minute ago, 300 participants with DMs, and its round opened."""
    config = load(config_file, env={})
    app = await Hearth.open(config, ManualClock(now))  # creates the schema
    try:
        conn = bulk(config.sqlite_path)
        conn.execute("BEGIN")
        seed_community(conn, COMMUNITY, "Fault test")
        people = [f"slack:U{i:05d}" for i in range(PEOPLE)]
        seed_members(conn, people, COMMUNITY, tz_every=0)
        fired = now - timedelta(minutes=1)
        sid = seed_schedule(conn, "everyone", f"{fired.minute} {fired.hour} * * *", community=COMMUNITY,
                            channel=CHANNEL)
        seed_participants(conn, sid, people)
        conn.execute("COMMIT")
        conn.close()
        assert (await RoundScheduler(app).run_pending())["opened"] == 1
        return sid
    finally:
        await app.close()


def start_hearth(config_file: Path, fake: FakeSlack, log: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HEARTH_")}
    env |= {"HEARTH_SLACK_BOT_TOKEN": fake.bot_token, "HEARTH_SLACK_SIGNING_SECRET": "fault-secret",
            "HEARTH_SLACK_API_URL": fake.api_url, "HEARTH_SLACK_HOST": "127.0.0.1", "HEARTH_SLACK_PORT": "0"}
    with log.open("ab") as out:
        return subprocess.Popen([sys.executable, "-m", "hearth", "--config", str(config_file)], cwd=ROOT, env=env,
                                stdout=out, stderr=subprocess.STDOUT)


def dms(fake: FakeSlack) -> Counter:
    """Round DMs that arrived, per DM channel."""
    return Counter({ch: len(msgs) for ch, msgs in fake.history.items() if ch.startswith("D")})


async def until(what, timeout: float, why: str, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while not what():
        if time.monotonic() > deadline:
            tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
            raise AssertionError(f"timed out waiting for {why}\n--- hearth log ---\n{tail}")
        await asyncio.sleep(0.01)


def outbox(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return dict(conn.execute("SELECT status, count(*) FROM outbox GROUP BY status").fetchall())
    finally:
        conn.close()


async def test_kill_9_mid_fan_out_then_restart_delivers_every_dm_exactly_once(tmp_path):
    data = tmp_path / "data"
    config_file = hearth_toml(tmp_path / "hearth.toml", data)
    log = tmp_path / "hearth.log"
    sid = await open_round(config_file, datetime.now(timezone.utc))
    db = load(config_file, env={}).sqlite_path
    fake = FakeSlack()
    fake.delays = {"chat.postMessage": 0.02, "conversations.open": 0.02, "conversations.history": 0.02}
    await fake.start()
    procs: list[subprocess.Popen] = []
    try:
        first = start_hearth(config_file, fake, log)
        procs.append(first)
        await until(lambda: sum(dms(fake).values()) >= PEOPLE // 3, 60, "a third of the DMs", log)
        os.kill(first.pid, signal.SIGKILL)
        first.wait(5)
        killed_at = sum(dms(fake).values())
        assert killed_at < PEOPLE, "the fan-out finished before the kill; slow the fake down"

        second = start_hearth(config_file, fake, log)
        procs.append(second)
        # Start-up, ALIVE_WITHIN watching the dead one's heartbeat, then its claims: bounded, with room to spare.
        await until(lambda: len(dms(fake)) >= PEOPLE, 20 + ALIVE_WITHIN.total_seconds(), "every participant's DM", log)
        await until(lambda: outbox(db) == {"sent": PEOPLE + 1}, 10, "the outbox to be all sent", log)
        await asyncio.sleep(0.5)  # room for a duplicate to show up, if one were coming

        per_person = dms(fake)
        assert len(per_person) == PEOPLE
        doubled = {ch: n for ch, n in per_person.items() if n != 1}
        assert not doubled, f"DMs sent more than once: {doubled}"
        assert len(fake.history[CHANNEL.split(':')[1]]) == 1  # the round post, once
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        rounds = conn.execute("SELECT count(*) FROM rounds WHERE schedule_id = ?", (sid,)).fetchone()[0]
        conn.close()
        assert rounds == 1
        # The restarted process really did check with Slack for the dead one's claims.
        assert fake.called("conversations.history"), "no take-over happened; the kill came too late"
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait(5)
        await fake.stop()
