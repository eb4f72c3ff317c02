"""slack: signed `/hearth checkin status` commands per second through the Slack adapter's HTTP app.

Hearth (SQLite file) runs the real `SlackAdapter` in HTTP mode in this
process, answering through the fake Slack (testing/fake_slack.py)
in the same process. The load generator is a separate process: an aiohttp
client keeping N signed requests in flight, signing each with the real HMAC.
A Hearth command counts when its answer arrived: in the ack body (a quick
answer rides on it) or at the fake's response URL, never at a bare ack. The
limit is a bare slack-bolt AsyncApp, served the same way, that only acks; it
counts at the HTTP 200.

Both apps serve from the start. After an untimed warm-up turn each, they
take turns in pairs, the order alternating (bare, Hearth, Hearth, bare, …),
each turn after a full garbage collection outside the timing; the figure is
each side's total commands over its total time. Pairs run one after the
other gave ratios from 0.52 to 0.77 in one run: the first turn paid for
code paths run for the first time, and the second side of every pair found
the first one's garbage (bench/README.md, "Platform rows").
"""

from __future__ import annotations

import asyncio
import gc
import json
import shutil
import statistics
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path
from typing import Any

from bench.registry import Context, Measurement, Row

SECRET = "bench-signing-secret"
CONCURRENCY = 32
PER_USER = 10  # stays under limits.events_per_minute (20) per member per turn
WARM_UP = 200
# Members take turns (one member's commands spread through the run, as people's are), not all ten at once.
TEXT = "checkin status"


def bodies(fake_url: str, team: str, n: int, prefix: str) -> list[str]:
    out = []
    for i in range(n):
        user = f"U{prefix.upper()}{i % (n // PER_USER + 1):05d}"
        out.append(urllib.parse.urlencode({
            "token": "legacy", "team_id": team, "team_domain": "bench", "channel_id": "C0GENERAL",
            "channel_name": "general", "user_id": user, "user_name": user.lower(), "command": "/hearth",
            "text": TEXT, "api_app_id": "A0001", "response_url": f"{fake_url}/respond/{prefix}{i}",
            "trigger_id": f"trig.{prefix}.{i}"}))
    return out


# -- the load generator (its own process) ------------------------------------------------------


async def _load(url: str, payloads: list[str], concurrency: int) -> dict[str, Any]:
    import aiohttp

    from testing.fake_slack import sign

    queue = list(reversed(payloads))
    statuses: dict[int, int] = {}
    latencies: list[float] = []
    answered = 0  # answers that came in the ack body itself
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=concurrency)) as session:
        async def worker() -> None:
            while queue:
                body = queue.pop()
                headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(SECRET, body)}
                t0 = time.perf_counter()
                async with session.post(url, data=body.encode(), headers=headers) as resp:
                    got = await resp.read()
                    statuses[resp.status] = statuses.get(resp.status, 0) + 1
                latencies.append(time.perf_counter() - t0)
                if resp.status == 200 and got.startswith(b"{") and b'"blocks"' in got:
                    nonlocal answered
                    answered += 1

        start = time.time()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        end = time.time()
    return {"start": start, "end": end, "statuses": statuses, "latencies": latencies, "answered": answered}


def load_main() -> None:
    job = json.loads(sys.stdin.read())
    print(json.dumps(asyncio.run(_load(job["url"], job["payloads"], job["concurrency"]))), flush=True)


async def load(url: str, payloads: list[str]) -> dict[str, Any]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bench.slack", "--load", stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
    out, _ = await proc.communicate(json.dumps({"url": url, "payloads": payloads,
                                                "concurrency": CONCURRENCY}).encode())
    if proc.returncode != 0:
        raise RuntimeError(f"load generator failed (exit {proc.returncode})")
    return json.loads(out.decode().strip().splitlines()[-1])


# -- the two apps under load ---------------------------------------------------------------------


class Responses:
    """Counts response_url posts at the fake, and when the last one came."""

    def __init__(self, fake: Any) -> None:
        self.count = 0
        self.last = 0.0
        self.bad: list[str] = []
        real = fake._record

        def record(method: str, params: dict, token: str | None = None) -> None:
            if method == "response_url":
                self.count += 1
                self.last = time.time()
                shown = json.dumps(params.get("blocks") or params.get("text"))
                if "went wrong" in shown or "paused for a moment" in shown:
                    self.bad.append(shown[:120])
                return  # not kept: thousands of calls would only cost memory
            real(method, params, token)

        fake._record = record


async def serve_bare(fake_api: str) -> tuple[Any, int]:
    from aiohttp import web
    from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
    from slack_bolt.app.async_app import AsyncApp
    from slack_sdk.web.async_client import AsyncWebClient

    bolt = AsyncApp(client=AsyncWebClient(token="xoxb-bench", base_url=fake_api), signing_secret=SECRET,
                    process_before_response=False, name="bare")

    @bolt.command("/hearth")
    async def only_ack(ack: Any) -> None:
        await ack()

    async def events(request: web.Request) -> web.Response:
        return await to_aiohttp_response(await bolt.async_dispatch(await to_bolt_request(request)))

    web_app = web.Application()
    web_app.router.add_post("/slack/events", events)
    runner = web.AppRunner(web_app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    return runner, runner.addresses[0][1]


def hearth_config(data_dir: Path, fake: Any):  # type: ignore[no-untyped-def]
    from bot.config import load as load_config

    return load_config(env={"HEARTH_DATA_DIR": str(data_dir), "HEARTH_SLACK_BOT_TOKEN": "xoxb-test",
                            "HEARTH_SLACK_SIGNING_SECRET": SECRET, "HEARTH_SLACK_API_URL": fake.api_url,
                            "HEARTH_SLACK_HOST": "127.0.0.1", "HEARTH_SLACK_PORT": "0"})


async def bare_turn(url: str, fake: Any, n: int, prefix: str) -> dict[str, Any]:
    got = await load(url, bodies(fake.url, fake.team, n, prefix))
    return {"n": n, "seconds": got["end"] - got["start"], "statuses": got["statuses"]}


async def hearth_turn(url: str, fake: Any, responses: Responses, n: int, prefix: str) -> dict[str, Any]:
    """Counted at each answer: the ack bodies that carried one, then any that came to the response URL."""
    before = responses.count
    got = await load(url, bodies(fake.url, fake.team, n, prefix))
    deadline = time.monotonic() + 60
    while got["answered"] + responses.count - before < n and time.monotonic() < deadline:
        await asyncio.sleep(0.01)
    last = responses.last if responses.count > before else 0.0
    return {"n": n, "answered": got["answered"] + responses.count - before, "in_ack": got["answered"],
            "seconds": max(last, got["end"]) - got["start"], "statuses": got["statuses"],
            "latencies": got["latencies"]}


async def run_turns(tmp: Path, n: int, pairs: int) -> dict[str, list[dict[str, Any]]]:
    """Warm-up turns, then `pairs` pairs of turns in alternating order; each side's turns, in order."""
    from adapters.slack.app import EVENTS_PATH, SlackAdapter
    from bot.app import Hearth
    from testing.fake_slack import FakeSlack

    fake = FakeSlack()
    await fake.start()
    responses = Responses(fake)
    for prefix, count in [(f"{side}{p}", n) for p in range(pairs) for side in "bh"] + [("bw", WARM_UP),
                                                                                       ("hw", WARM_UP)]:
        for i in range(count // PER_USER + 1):
            fake.add_user(f"U{prefix.upper()}{i:05d}", f"{prefix}-{i}")
    bare_runner, bare_port = await serve_bare(fake.api_url)
    bare_url = f"http://127.0.0.1:{bare_port}/slack/events"
    app = await Hearth.open(hearth_config(tmp, fake))
    adapter = SlackAdapter(hearth_config(tmp, fake), channel_interval=0.0)
    turns: dict[str, list[dict[str, Any]]] = {"b": [], "h": []}
    try:
        await adapter.start(app)
        hearth_url = f"http://127.0.0.1:{adapter.port}{EVENTS_PATH}"

        async def turn(side: str, count: int, prefix: str) -> dict[str, Any]:
            gc.collect()  # neither side pays for the other's garbage
            if side == "b":
                return await bare_turn(bare_url, fake, count, prefix)
            return await hearth_turn(hearth_url, fake, responses, count, prefix)

        await turn("b", WARM_UP, "bw")
        await turn("h", WARM_UP, "hw")
        for p in range(pairs):
            for side in ("b", "h") if p % 2 == 0 else ("h", "b"):
                turns[side].append(await turn(side, n, f"{side}{p}"))
    finally:
        await bare_runner.cleanup()
        await adapter.stop()
        await app.close()
        await fake.stop()
    if responses.bad:
        raise RuntimeError(f"{len(responses.bad)} bad answers, e.g. {responses.bad[0]}")
    return turns


def rate(turns: list[dict[str, Any]], counted: str = "n") -> float:
    return sum(t[counted] for t in turns) / sum(t["seconds"] for t in turns)


def measure(ctx: Context) -> Measurement:
    n, pairs = (300, 1) if ctx.quick else (2000, 8)
    tmp = Path(tempfile.mkdtemp(prefix="hearth-bench-slack-"))
    try:
        turns = asyncio.run(run_turns(tmp, n, pairs))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    bare, hearth = rate(turns["b"]), rate(turns["h"], "answered")
    ratio = hearth / bare
    every = ", ".join(f"{(h['answered'] / h['seconds']) / (b['n'] / b['seconds']):.2f}"
                      for b, h in zip(turns["b"], turns["h"]))
    total = n * pairs
    lost = total - sum(t["answered"] for t in turns["h"])
    in_ack = sum(t["in_ack"] for t in turns["h"])
    statuses: dict[str, int] = {}
    for t in turns["h"]:
        for code, count in t["statuses"].items():
            statuses[code] = statuses.get(code, 0) + count
    p99 = statistics.quantiles([x for t in turns["h"] for x in t["latencies"]], n=100)[98] * 1000
    notes = (f"{pairs} pairs of turns × {n} `/hearth {TEXT}` per side, {CONCURRENCY} in flight, load generator in its "
             f"own process, after a warm-up turn each; Hearth counted at its answer ({in_ack} of {total} in the ack "
             f"body, the rest on the response URL), bare at its 200; ratio of the totals (per pair {every}); "
             f"HTTP {statuses}; Hearth ack p99 {p99:.0f} ms" + (f"; {lost} unanswered" if lost else ""))
    return Measurement([Row("slack", round(hearth, 1), "commands/s", round(bare, 1), round(ratio, 3),
                            "≥ 0.7 × bare Bolt", ratio >= 0.7 and lost == 0, notes)])


if __name__ == "__main__" and sys.argv[1:] == ["--load"]:
    load_main()
