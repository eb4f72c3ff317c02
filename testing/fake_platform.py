"""A fake platform HTTP API on 127.0.0.1, for the fanout benchmark.

It allows at most `rate` requests in any one-second window; above that it
answers 429 with a `Retry-After` header (whole seconds, as RFC 9110 has it).
Every answer comes after `latency` seconds. It counts deliveries per
delivery key and per recipient, so duplicates and losses show.

Runs in a process of its own (so its work never stalls Hearth's event loop):
    python -m testing.fake_platform --rate 250 --latency 0.05
prints `PORT <n>` once it listens, and serves until stdin closes.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import sys
import time
from collections import Counter, deque

from aiohttp import web

MAX_REQUESTS = 200_000  # a bound on any run: it stops answering (503) past this


class FakePlatform:
    def __init__(self, rate: int, latency: float) -> None:
        self.rate = rate
        self.latency = latency
        self.window: deque[float] = deque()
        self.requests = 0
        self.too_many = 0
        self.keys: Counter[str] = Counter()
        self.targets: Counter[str] = Counter()
        self.first_ok: float | None = None
        self.last_ok: float | None = None
        self.next_id = 0

    async def send(self, request: web.Request) -> web.Response:
        self.requests += 1
        if self.requests > MAX_REQUESTS:
            return web.json_response({"error": "bench limit"}, status=503)
        now = time.monotonic()
        while self.window and self.window[0] <= now - 1.0:
            self.window.popleft()
        if len(self.window) >= self.rate:
            self.too_many += 1
            wait = max(1, math.ceil(self.window[0] + 1.0 - now))
            await asyncio.sleep(self.latency)
            return web.json_response({"error": "rate limited"}, status=429, headers={"Retry-After": str(wait)})
        self.window.append(now)
        body = await request.json()
        await asyncio.sleep(self.latency)
        self.keys[body["key"]] += 1
        self.targets[f"{body['kind']}:{body.get('user') or body.get('channel')}"] += 1
        self.next_id += 1
        self.last_ok = time.monotonic()
        if self.first_ok is None:
            self.first_ok = self.last_ok
        return web.json_response({"id": f"m{self.next_id}"})

    async def stats(self, request: web.Request) -> web.Response:
        return web.json_response({
            "requests": self.requests,
            "ok": sum(self.keys.values()),
            "too_many": self.too_many,
            "duplicate_keys": sum(n - 1 for n in self.keys.values() if n > 1),
            "duplicate_targets": sum(n - 1 for n in self.targets.values() if n > 1),
            "targets": list(self.targets),
            "ok_seconds": (self.last_ok - self.first_ok) if self.first_ok and self.last_ok else 0.0,
        })


async def serve(rate: int, latency: float) -> None:
    fake = FakePlatform(rate, latency)
    app = web.Application()
    app.router.add_post("/send", fake.send)
    app.router.add_get("/stats", fake.stats)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0, backlog=1024)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    print(f"PORT {port}", flush=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.read)  # until the parent closes our stdin (or dies)
    await runner.cleanup()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m testing.fake_platform")
    parser.add_argument("--rate", type=int, default=250)
    parser.add_argument("--latency", type=float, default=0.05)
    args = parser.parse_args()
    asyncio.run(serve(args.rate, args.latency))


if __name__ == "__main__":
    main()
