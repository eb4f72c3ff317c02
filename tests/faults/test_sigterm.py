"""SIGTERM in the middle of a fan-out: a real `hearth` process, Slack over HTTP, SQLite.

The first process is stopped the way systemd stops it. It takes no new
claims, lets the sends on the wire finish, hands every other claim straight
back and exits with 0. A second process then delivers the rest at once (no
lease to wait out, nothing to take over or check with Slack), and every
participant has the round's DM exactly once.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import aiohttp

from bot.config import load
from testing.fake_slack import FakeSlack
from tests.faults.test_process_kill import CHANNEL, PEOPLE, dms, open_round, outbox, start_hearth, until
from tests.hearth.test_service import free_port, samples

#: Long, so a claim left behind would hold the rest back far past the test's patience.
LEASE = 120


def hearth_toml(path: Path, data_dir: Path, port: int) -> Path:
    path.write_text(f'data_dir = "{data_dir}"\nlog_level = "INFO"\n\n'
                    f"[delivery]\nlease_seconds = {LEASE}\nper_second = 60.0\n\n"
                    f"[service]\nstop_seconds = 5\nhttp_port = {port}\n", encoding="utf-8")
    return path


async def scrape(port: int) -> tuple[int, dict]:
    """/readyz's status and /metrics' samples, from the real process over HTTP."""
    async with aiohttp.ClientSession() as http:
        async with http.get(f"http://127.0.0.1:{port}/readyz") as ready:
            status = ready.status
        async with http.get(f"http://127.0.0.1:{port}/metrics") as response:
            return status, samples(await response.text())


def claimed(db: Path) -> int:
    """Pending entries someone still holds a claim on."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return conn.execute("SELECT count(*) FROM outbox WHERE status = 'pending' "
                            "AND claimed_by IS NOT NULL").fetchone()[0]
    finally:
        conn.close()


async def test_sigterm_mid_fan_out_hands_back_and_a_second_process_delivers_the_rest_exactly_once(tmp_path):
    data = tmp_path / "data"
    port = free_port()
    config_file = hearth_toml(tmp_path / "hearth.toml", data, port)
    log = tmp_path / "hearth.log"
    await open_round(config_file, datetime.now(timezone.utc))
    db = load(config_file, env={}).sqlite_path
    fake = FakeSlack()
    fake.delays = {"chat.postMessage": 0.02, "conversations.open": 0.02, "conversations.history": 0.02}
    await fake.start()
    procs: list[subprocess.Popen] = []
    try:
        first = start_hearth(config_file, fake, log)
        procs.append(first)
        await until(lambda: sum(dms(fake).values()) >= PEOPLE // 3, 60, "a third of the DMs", log)
        ready, metrics = await scrape(port)  # Slack's process answers on the operator's port too
        assert ready == 200
        assert metrics[("hearth_sends_total", (("result", "ok"),))] >= PEOPLE // 3
        assert metrics[("hearth_outbox_depth", ())] > 0
        os.kill(first.pid, signal.SIGTERM)
        code = await asyncio.to_thread(first.wait, 30)
        assert code == 0, log.read_text(errors="replace")[-3000:]
        stopped_at = sum(dms(fake).values())
        assert stopped_at < PEOPLE, "the fan-out finished before the stop; slow the fake down"
        assert claimed(db) == 0, "the stopped process left claims to expire"
        assert "handed" in log.read_text(errors="replace")  # it said what it handed back

        second = start_hearth(config_file, fake, log)
        procs.append(second)
        # Far less than the lease: only claims handed back could go out this soon.
        await until(lambda: len(dms(fake)) >= PEOPLE, 40, "every participant's DM", log)
        await until(lambda: outbox(db) == {"sent": PEOPLE + 1}, 10, "the outbox to be all sent", log)
        await asyncio.sleep(0.5)  # room for a duplicate to show up, if one were coming

        per_person = dms(fake)
        assert len(per_person) == PEOPLE
        doubled = {ch: n for ch, n in per_person.items() if n != 1}
        assert not doubled, f"DMs sent more than once: {doubled}"
        assert len(fake.history[CHANNEL.split(':')[1]]) == 1  # the round post, once
        assert not fake.called("conversations.history"), "something was taken over instead of handed back"
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait(5)
        await fake.stop()
