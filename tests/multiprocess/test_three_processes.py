"""Issue 8: three Hearth processes on one PostgreSQL database, a fake Slack, 200 schedules due
within a minute with 50 participants each; one process killed with SIGKILL in the middle:
every participant receives every round exactly once.

The processes are real (`python -m hearth`, Slack over HTTP, each on its own port) and share a
throwaway database made for this test. The fake Slack Web API runs in this test's event loop
and records every call; each call takes a few milliseconds so the fan-out lasts several
seconds and the kill lands in its middle. The killed process is one that holds claims at that
moment, so its claims must be taken over by the survivors.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import secrets
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.clock import SystemClock, parse_iso, utc_iso
from adapters.slack.sender import SlackSender
from bot.store.store import Store
from testing.fake_slack import FakeSlack
from testing.postgres import server_url, with_database
from tests.postgres import _admin, _create_database, _unavailable

ROOT = Path(__file__).resolve().parents[2]
TEAM = "slack:T0001"
SCHEDULES = 200
PARTICIPANTS = 50
PROCESSES = 3
#: Sends per second each process may make (delivery.per_second): the fan-out takes several seconds.
PER_SECOND = 150.0
#: The fake answers each Web API call this late.
CALL_DELAY = 0.003
#: The fire must leave this long for starting the processes (else catch-up, not the scheduler, opens them).
START_MARGIN = timedelta(seconds=8)
#: Bounds each wait for progress after the fire: no new message for this long is a stall (the takeover of the
#: killed process's claims, ALIVE_WITHIN after its last heartbeat, with room to spare even if that fell back to the
#: whole 60 s lease). A bound on progress, not on speed: on a loaded machine the fan-out is slower, not stuck.
STALL = 150.0

pytestmark = [pytest.mark.timeout(900)]


class Progress:
    """A deadline that moves on with progress: `moving(count)` is False only once `STALL` seconds pass without the
    count growing (or before the first deadline, `until`, nothing at all happened)."""

    def __init__(self, until: float) -> None:
        self.until = until
        self.count = -1

    def moving(self, count: int) -> bool:
        if count > self.count:
            self.count = count
            self.until = max(self.until, time.monotonic() + STALL)
        return time.monotonic() < self.until


def user(n: int) -> str:
    return f"U{n:05d}"


def name(i: int) -> str:
    return f"sched-{i:03d}"


async def make_database() -> tuple[str, str]:
    url = server_url()
    db = f"hearth_mp_{secrets.token_hex(4)}"
    try:
        await _create_database(url, db)
    except Exception as err:
        _unavailable(f"no PostgreSQL at {url} ({type(err).__name__}: {err})")
    return url, db


async def prepare(url: str) -> tuple[dict[int, int], datetime]:
    """200 schedules (UTC), 50 participants each with DMs on; returns schedule id -> index, and the fire."""
    clock = SystemClock()
    store = await Store.open(url, clock)
    try:
        await store.communities.ensure(TEAM, clock.now(), "Hearth Test")
        ids: dict[int, int] = {}
        for i in range(SCHEDULES):
            s = await store.schedules.create(
                {"community_id": TEAM, "name": name(i), "channel_id": f"slack:C{i:04d}", "spec": "yearly",
                 "cron": "0 0 1 1 *", "timezone": "UTC", "open_minutes": 240, "remind_minutes": 0,
                 "created_by": "slack:UMOD"}, clock.now())
            ids[s.id] = i
        gate = asyncio.Semaphore(8)

        async def join(schedule_id: int, n: int) -> None:
            async with gate:
                await store.schedules.join(schedule_id, f"slack:{user(n)}", True, False, clock.now())

        await asyncio.gather(*(join(sid, i * PARTICIPANTS + k) for sid, i in ids.items() for k in range(PARTICIPANTS)))
        # The fire: the next whole minute that leaves time to start (a test starting at hh:mm:58 waits for the next).
        fire = (clock.now() + START_MARGIN).replace(second=0, microsecond=0) + timedelta(minutes=1)
        for sid in ids:
            await store.schedules.update(sid, clock.now(), cron=f"{fire.minute} {fire.hour} * * *",
                                        spec=f"daily {fire:%H:%M}")
        return ids, fire
    finally:
        await store.close()


def start_process(index: int, url: str, fake: FakeSlack, config: Path, logs: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HEARTH_", "SLACK_", "DISCORD_"))}
    env.update({"HEARTH_DATABASE_URL": url, "HEARTH_DATA_DIR": str(logs / f"data{index}"),
                "HEARTH_SLACK_BOT_TOKEN": "xoxb-test", "HEARTH_SLACK_SIGNING_SECRET": "multiprocess-secret",
                "HEARTH_SLACK_API_URL": fake.api_url, "HEARTH_SLACK_HOST": "127.0.0.1", "HEARTH_SLACK_PORT": "0",
                "PYTHONUNBUFFERED": "1"})
    log = (logs / f"hearth{index}.log").open("w")
    return subprocess.Popen([sys.executable, "-m", "hearth", "--config", str(config), "--log-level", "INFO"],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


async def claims(url: str) -> dict[str, int]:
    """Pending entries by holder whose claim has not run out."""
    import asyncpg

    conn = await asyncpg.connect(url)
    try:
        rows = await conn.fetch("SELECT claimed_by, count(*) AS n FROM outbox WHERE status = 'pending' "
                                "AND claimed_by IS NOT NULL AND claimed_until > $1 GROUP BY claimed_by",
                                utc_iso(datetime.now(timezone.utc)))
        return {r["claimed_by"]: r["n"] for r in rows}
    finally:
        await conn.close()


async def query(url: str, sql: str, *args):  # type: ignore[no-untyped-def]
    import asyncpg

    conn = await asyncpg.connect(url)
    try:
        return await conn.fetch(sql, *args)
    finally:
        await conn.close()


def posts(fake: FakeSlack) -> list[dict]:
    return [c.params for c in fake.calls if c.method == "chat.postMessage"]


def round_of(message: dict) -> set[str]:
    """The round ids the message's buttons carry (where the value is plain JSON)."""
    out = set()
    for block in message.get("blocks") or []:
        for element in block.get("elements") or []:
            with contextlib.suppress(Exception):
                value = json.loads(element["value"])
                if "round" in value.get("a", {}):
                    out.add(str(value["a"]["round"]))
    return out


async def test_three_processes_one_killed_every_message_exactly_once(tmp_path: Path) -> None:
    started = time.monotonic()
    server, dbname = await make_database()
    url = with_database(server, dbname)
    fake = FakeSlack()
    fake.delays = {"chat.postMessage": CALL_DELAY, "conversations.open": CALL_DELAY}
    await fake.start()
    procs: list[subprocess.Popen] = []
    figures: dict[str, float | str] = {}
    try:
        ids, fire = await prepare(url)
        config = tmp_path / "hearth.toml"
        config.write_text(f"[delivery]\nper_second = {PER_SECOND}\n")
        procs = [start_process(i, url, fake, config, tmp_path) for i in range(PROCESSES)]
        total = SCHEDULES * PARTICIPANTS + SCHEDULES

        # -- wait for the fire and a third of the messages, then kill a process holding claims ------
        deadline = Progress(time.monotonic() + (fire - datetime.now(timezone.utc)).total_seconds() + STALL)
        while len(posts(fake)) < total // 3:
            assert deadline.moving(len(posts(fake))), f"only {len(posts(fake))} of {total} messages, and no more"
            assert all(p.poll() is None for p in procs), _logs(tmp_path)
            await asyncio.sleep(0.1)
        first_send = min(c.at for c in fake.calls if c.method == "chat.postMessage")
        pids = {p.pid: p for p in procs}
        while not (held := {h: n for h, n in (await claims(url)).items() if int(h.split(":")[1]) in pids}):
            assert deadline.moving(len(posts(fake))), "no process held any claim"  # between two batches: look again
            await asyncio.sleep(0.02)
        victim_holder = max(held, key=held.__getitem__)
        victim = pids[int(victim_holder.split(":")[1])]
        victim.send_signal(signal.SIGKILL)
        victim.wait()
        killed_at, killed_wall = time.monotonic(), datetime.now(timezone.utc)
        sent_at_kill = len(posts(fake))
        orphans = [r["id"] for r in await query(
            url, "SELECT id FROM outbox WHERE claimed_by = $1 AND status = 'pending'", victim_holder)]
        figures["rate_3"] = sent_at_kill / (killed_at - first_send)
        figures["first_send_after_s"] = first_send - started

        # -- wait (bounded) until everything arrived ---------------------------------------------
        while len(reached := {m["channel"] for m in posts(fake)}) < total:
            assert deadline.moving(len(reached)), (
                f"only {len(reached)} of {total} channels reached, and no more for {STALL:.0f} s\n{_logs(tmp_path)}")
            await asyncio.sleep(0.2)
        done_at = time.monotonic()
        await asyncio.sleep(1.0)  # anything doubled would arrive now

        # -- every round posted once, every participant's DM once -----------------------------------
        messages = posts(fake)
        per_channel = Counter(m["channel"] for m in messages)
        doubled = {c: n for c, n in per_channel.items() if n > 1}
        # Only a send the dead process made and never recorded can come twice (checked below).
        in_flight = {_channel_of(json.loads(r["target"])) for r in await query(
            url, "SELECT target FROM outbox WHERE id = ANY($1::bigint[])", orphans)}
        assert set(doubled) <= in_flight, f"doubled outside the dead process's claims: {doubled}"
        assert max(doubled.values(), default=1) <= 2, doubled
        assert {c for c in per_channel if c.startswith("C")} == {f"C{i:04d}" for i in range(SCHEDULES)}
        dms = {m["channel"]: m for m in messages if m["channel"].startswith("D")}
        assert set(dms) == {"D" + user(n).lstrip("U") for n in range(SCHEDULES * PARTICIPANTS)}
        rounds = {r["schedule_id"]: r for r in await query(url, "SELECT * FROM rounds")}
        assert len(rounds) == SCHEDULES and set(rounds) == set(ids)
        assert all(parse_iso(r["scheduled_at"]) == fire for r in rounds.values())
        for sid, i in ids.items():
            for k in range(PARTICIPANTS):
                dm = dms["D" + user(i * PARTICIPANTS + k).lstrip("U")]
                assert name(i) in dm["text"], dm["text"]
                assert round_of(dm) <= {str(rounds[sid]["id"])}
        counts = {r["status"]: r["n"] for r in await query(url, "SELECT status, count(*) AS n FROM outbox GROUP BY 1")}
        assert counts == {"sent": total}

        # -- the survivors took the dead process's claims over --------------------------------------
        if orphans:
            taken = await query(url, "SELECT min(sent_at) AS first, max(sent_at) AS last, count(*) AS n, "
                                "count(DISTINCT claimed_by) AS holders FROM outbox WHERE id = ANY($1::bigint[])",
                                orphans)
            figures["orphans"] = len(orphans)
            figures["takeover_s"] = (parse_iso(taken[0]["first"]) - killed_wall).total_seconds()
            figures["takeover_done_s"] = (parse_iso(taken[0]["last"]) - killed_wall).total_seconds()
        after = [c.at for c in fake.calls if c.method == "chat.postMessage" and killed_at < c.at]
        before_takeover = [t for t in after if t < killed_at + float(figures.get("takeover_s", 1e9))]
        if len(before_takeover) > 1:
            figures["rate_2"] = len(before_takeover) / (before_takeover[-1] - killed_at)
        figures["fan_out_s"] = done_at - first_send

        # -- hearth status lists the two survivors, not the dead one ---------------------------------
        await _wait_until_forgotten(url, victim_holder)
        status = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "hearth", "status", cwd=ROOT, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            env={**{k: v for k, v in os.environ.items() if not k.startswith("HEARTH_")}, "HEARTH_DATABASE_URL": url})
        out = (await asyncio.wait_for(status.communicate(), 30))[0].decode()
        assert status.returncode == 0, out
        assert "2 processes alive" in out, out
        for p in procs:
            assert (f":{p.pid}:" in out) == (p is not victim), out
        assert f"{total} sent" in out, out
        figures["total_s"] = time.monotonic() - started
        figures["doubled"] = len(doubled)
        if doubled and not hasattr(SlackSender, "find_sent"):
            # Killed between Slack's answer and recording it: only asking Slack (find_sent) can tell.
            pytest.xfail(f"{len(doubled)} DM(s) the killed process had sent came again: SlackSender has no "
                         "find_sent yet, so a taken-over claim is delivered at least once, not exactly once")
        assert not doubled, f"{len(doubled)} channel(s) got more than one message: {list(doubled.items())[:5]}"
    finally:
        print("\nthree processes:", json.dumps({k: round(v, 2) if isinstance(v, float) else v
                                                for k, v in figures.items()}))
        for p in procs:
            if p.poll() is None:
                p.kill()
            with contextlib.suppress(Exception):
                p.wait(10)
        await fake.stop()
        await _admin(server, f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')


async def _wait_until_forgotten(url: str, holder: str, timeout: float = 45.0) -> None:
    """`hearth status` counts a process gone once its heartbeat is older than ALIVE_WITHIN."""
    from hearth.runtime import ALIVE_WITHIN

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        rows = await query(url, "SELECT heartbeat_at FROM processes WHERE id = $1", holder)
        if not rows or parse_iso(rows[0]["heartbeat_at"]) < datetime.now(timezone.utc) - ALIVE_WITHIN:
            return
        await asyncio.sleep(0.5)


def _channel_of(target: dict) -> str:
    """The channel the fake records a message in: a DM's is D + the user id's digits."""
    if "user" in target:
        return "D" + target["user"].split(":", 1)[1].lstrip("U")
    return target["channel"].split(":", 1)[1]


def _logs(tmp_path: Path) -> str:
    out = []
    for f in sorted(tmp_path.glob("hearth*.log")):
        lines = f.read_text(errors="replace").splitlines()
        out.append(f"--- {f.name} (last 30 lines)\n" + "\n".join(lines[-30:]))
    return "\n".join(out)
