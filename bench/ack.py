"""ack: time to acknowledge Slack commands and Discord interactions while a 5,000-DM round fans out.

One Hearth process (SQLite file) runs the Slack adapter (HTTP) and the
Discord adapter together, with the fake Slack and fake Discord in the same
process, and bench/fanout.py's setup beside them: 5,000 participants, the
outbox sending through HttpSender to testing/fake_platform.py (own process,
R = 250/s). While the round opens and drains, signed `/hearth checkin status`
commands arrive at a fixed rate (open loop: each request's clock starts at
the moment it was due, so a stalled loop that sends it late still counts),
and Discord `/checkin status` interactions likewise. Slack: due → HTTP 200.
Discord: due → the interaction callback reaching the fake.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
import time
import urllib.parse
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from bench.common import percentile
from bench.fanout import LATENCY, RATE, FakeProcess, seed
from bench.registry import Context, Measurement, Row

SECRET = "bench-signing-secret"
DEADLINE_MS = 3000.0
PER_SECOND = 10  # of each platform's requests
USERS = 400


async def run(tmp: Path, url: str, n: int) -> dict[str, Any]:
    import aiohttp

    from adapters.discord import create
    from adapters.slack.app import EVENTS_PATH, SlackAdapter
    from bench.http_sender import HttpSender
    from bot.app import Hearth
    from bot.config import load
    from bot.engines import rounds
    from testing.fake_discord import FakeDiscord
    from testing.fake_slack import FakeSlack, sign

    slack_fake = FakeSlack()
    await slack_fake.start()
    for i in range(USERS):
        slack_fake.add_user(f"UA{i:05d}", f"a{i}")
    discord_fake = await FakeDiscord(spec_checks=False).start()
    members = [discord_fake.member(discord_fake.next_id(), f"m{i}") for i in range(USERS)]
    waiting: dict[int, tuple[float, list[float]]] = {}
    real_callback = discord_fake._callback

    def callback(iid: int, token: str, body: dict[str, Any]):  # type: ignore[no-untyped-def]
        resp = real_callback(iid, token, body)
        if iid in waiting:
            due, into = waiting.pop(iid)
            into.append(time.perf_counter() - due)
        return resp

    discord_fake._callback = callback
    config = load(env={"HEARTH_DATA_DIR": str(tmp), "HEARTH_SLACK_BOT_TOKEN": "xoxb-test",
                       "HEARTH_SLACK_SIGNING_SECRET": SECRET, "HEARTH_SLACK_API_URL": slack_fake.api_url,
                       "HEARTH_SLACK_HOST": "127.0.0.1", "HEARTH_SLACK_PORT": "0",
                       "HEARTH_DISCORD_TOKEN": discord_fake.token, "HEARTH_DISCORD_API_URL": discord_fake.api_url})
    app = await Hearth.open(config)
    slack = SlackAdapter(config, channel_interval=0.0)
    discord = create(config, guild_ready_timeout=0.05)
    sender = HttpSender(url, "bench", RATE)
    app.outbox.add_sender(sender)
    slack_lat: list[float] = []
    discord_lat: list[float] = []
    statuses: dict[int, int] = {}
    session = aiohttp.ClientSession()
    outbox = None
    try:
        await slack.start(app)
        await discord.start(app)
        slack_url = f"http://127.0.0.1:{slack.port}{EVENTS_PATH}"
        data = discord_fake.command_payload("checkin status", {})
        schedule = next(s for s in await app.store.schedules.list_all() if s.community_id == "bench:community")
        expected = n + 1
        outbox = asyncio.create_task(app.outbox.run(), name="outbox")
        done = asyncio.Event()

        async def one_slack(k: int, due: float) -> None:
            user = f"UA{k % USERS:05d}"
            body = urllib.parse.urlencode({
                "token": "legacy", "team_id": slack_fake.team, "channel_id": "C0GENERAL", "user_id": user,
                "user_name": user.lower(), "command": "/hearth", "text": "checkin status", "api_app_id": "A0001",
                "response_url": f"{slack_fake.url}/respond/{k}", "trigger_id": f"trig.{k}"})
            headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(SECRET, body)}
            async with session.post(slack_url, data=body.encode(), headers=headers) as resp:
                await resp.read()
                statuses[resp.status] = statuses.get(resp.status, 0) + 1
            slack_lat.append(time.perf_counter() - due)

        async def one_discord(k: int, due: float) -> None:
            payload = discord_fake._interaction(2, data, members[k % USERS])
            waiting[int(payload["id"])] = (due, discord_lat)
            await discord_fake.interact(payload)

        async def generate(one) -> None:  # type: ignore[no-untyped-def]
            t0 = time.perf_counter()
            tasks = []
            k = 0
            while not done.is_set():
                due = t0 + k / PER_SECOND
                await asyncio.sleep(max(0.0, due - time.perf_counter()))
                tasks.append(asyncio.create_task(one(k, due)))
                k += 1
            await asyncio.gather(*tasks)

        gens = [asyncio.create_task(generate(one_slack)), asyncio.create_task(generate(one_discord))]
        t0 = time.perf_counter()
        await asyncio.sleep(1.0)  # requests are flowing before the round opens
        at = datetime.now(timezone.utc).replace(second=0, microsecond=0)
        await rounds.open_round(app, schedule, at)
        while sender.sent < expected and time.perf_counter() - t0 < 180:
            await asyncio.sleep(0.05)
        fanout_s = time.perf_counter() - t0 - 1.0
        done.set()
        await asyncio.gather(*gens)
        deadline = time.perf_counter() + 10
        while waiting and time.perf_counter() < deadline:
            await asyncio.sleep(0.05)
    finally:
        if outbox is not None:
            outbox.cancel()
            try:
                await outbox
            except asyncio.CancelledError:
                pass
        await session.close()
        await sender.close()
        await discord.stop()
        await slack.stop()
        await app.close()
        await discord_fake.close()
        await slack_fake.stop()
    return {"slack": slack_lat, "discord": discord_lat, "unanswered": len(waiting), "sent": sender.sent,
            "expected": expected, "fanout_s": fanout_s, "statuses": statuses}


def measure(ctx: Context) -> Measurement:
    n = 1000 if ctx.quick else 5000
    tmp = Path(tempfile.mkdtemp(prefix="hearth-bench-ack-"))
    fake = FakeProcess(RATE, LATENCY)
    try:
        seed(tmp / "hearth.db", n)
        got = asyncio.run(run(tmp, fake.url, n))
    finally:
        fake.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    common = (f"during a {n}-DM fan-out ({got['sent']}/{got['expected']} sent in {got['fanout_s']:.1f} s); "
              f"{PER_SECOND}/s, open loop")
    rows = []
    for name, lat, extra in (("ack slack", got["slack"], f"HTTP {got['statuses']}"),
                             ("ack discord", got["discord"], f"{got['unanswered']} unanswered")):
        p99 = percentile(lat, 99) * 1000
        ok = p99 <= 0.1 * DEADLINE_MS and (name == "ack slack" or got["unanswered"] == 0)
        rows.append(Row(f"{name} p99", round(p99, 1), "ms", DEADLINE_MS, round(p99 / DEADLINE_MS, 3),
                        "≤ 0.1 × 3 s deadline", ok,
                        f"{len(lat)} requests {common}; p50 {percentile(lat, 50) * 1000:.0f} ms, "
                        f"max {max(lat) * 1000:.0f} ms; {extra}"))
    return Measurement(rows)
