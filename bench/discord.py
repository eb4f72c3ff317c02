"""discord: interactions per second through the Discord adapter on the fake gateway.

The fake Discord (tests/adapters/discord/fake_discord.py) runs in this
process: it dispatches `/checkin status` interactions over its websocket
gateway, N in flight, and an interaction counts when its callback reaches
the fake's REST API. The real Hearth adapter (discord.py, SQLite file) and a
bare discord.py client that only responds (type 4) each answer N of them on
a fresh fake, in pairs that take turns at going first; the median pair is
reported.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import median_pair
from bench.registry import Context, Measurement, Row

CONCURRENCY = 32
PER_USER = 10  # under limits.events_per_minute (20) per member
# Members take turns (one member's commands spread through the run, as people's are), not all ten at once.


async def drive(fake: Any, data: dict[str, Any], members: list[dict[str, Any]], n: int,
                waiting: dict[int, asyncio.Future]) -> float:
    loop = asyncio.get_running_loop()
    left = list(range(n))

    async def worker() -> None:
        while left:
            i = left.pop()
            payload = fake._interaction(2, data, members[i % len(members)])
            fut = loop.create_future()
            waiting[int(payload["id"])] = fut
            await fake.interact(payload)
            await asyncio.wait_for(fut, 30)

    t0 = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    return time.perf_counter() - t0


async def watched(bad: list[str], waiting: dict[int, asyncio.Future]) -> Any:
    """A fresh fake Discord whose interaction callbacks resolve `waiting` (and note apologies)."""
    from tests.adapters.discord.fake_discord import FakeDiscord

    fake = await FakeDiscord().start()
    real_callback = fake._callback

    def callback(iid: int, token: str, body: dict[str, Any]):  # type: ignore[no-untyped-def]
        resp = real_callback(iid, token, body)
        content = str((body.get("data") or {}).get("content", ""))
        if "Sorry" in content or "paused for a moment" in content:
            bad.append(content[:100])
        fut = waiting.pop(iid, None)
        if fut is not None and not fut.done():
            fut.set_result(body["type"])
        return resp

    fake._callback = callback
    return fake


async def run_hearth(tmp: Path, n: int, bad: list[str]) -> float:
    from adapters.discord import create
    from bot.app import Hearth
    from bot.config import load

    waiting: dict[int, asyncio.Future] = {}
    fake = await watched(bad, waiting)
    members = [fake.member(fake.next_id(), f"m{i}") for i in range(n // PER_USER + 1)]
    config = load(env={"HEARTH_DATA_DIR": str(tmp), "HEARTH_DISCORD_TOKEN": fake.token,
                       "HEARTH_DISCORD_API_URL": fake.api_url})
    app = await Hearth.open(config)
    adapter = create(config, guild_ready_timeout=0.05)
    try:
        await adapter.start(app)
        return n / await drive(fake, fake.command_payload("checkin status", {}), members, n, waiting)
    finally:
        await adapter.stop()
        await app.close()
        await fake.close()


async def run_bare(n: int, bad: list[str]) -> float:
    import discord

    from adapters.discord.client import point_gateway_at, point_rest_at

    waiting: dict[int, asyncio.Future] = {}
    fake = await watched(bad, waiting)
    members = [fake.member(fake.next_id(), f"b{i}") for i in range(n // PER_USER + 1)]

    class Bare(discord.Client):
        async def on_interaction(self, interaction: discord.Interaction) -> None:
            await interaction.response.send_message("ok", ephemeral=True)

    bare = Bare(intents=discord.Intents(guilds=True))
    point_rest_at(fake.api_url)
    task = None
    try:
        await bare.login(fake.token)
        _, gateway, _ = await bare.http.get_bot_gateway()
        point_gateway_at(gateway)
        task = asyncio.create_task(bare.connect(reconnect=False))
        await asyncio.wait_for(bare.wait_until_ready(), 30)
        # The same shape as Hearth's `/checkin status` (nothing is synced to this fake to read it from).
        data = {"id": str(fake.next_id()), "name": "checkin", "type": 1, "options": [{"type": 1, "name": "status"}]}
        return n / await drive(fake, data, members, n, waiting)
    finally:
        await bare.close()
        if task is not None:
            try:
                await asyncio.wait_for(task, 10)
            except Exception:
                pass
        await fake.close()


async def run(tmp: Path, n: int, hearth_first: bool = True) -> dict[str, Any]:
    """One pair: Hearth and the bare client, each on its own fresh fake, in the order given."""
    bad: list[str] = []
    if hearth_first:
        hearth = await run_hearth(tmp, n, bad)
        bare = await run_bare(n, bad)
    else:
        bare = await run_bare(n, bad)
        hearth = await run_hearth(tmp, n, bad)
    if bad:
        raise RuntimeError(f"{len(bad)} bad answers, e.g. {bad[0]}")
    return {"hearth": hearth, "bare": bare}


def measure(ctx: Context) -> Measurement:
    n, pairs = (300, 1) if ctx.quick else (2000, 5)
    results = []
    for _ in range(pairs):
        tmp = Path(tempfile.mkdtemp(prefix="hearth-bench-discord-"))
        try:
            results.append(asyncio.run(run(tmp, n, hearth_first=len(results) % 2 == 0)))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    mid, every = median_pair(results, lambda r: r["hearth"] / r["bare"])
    ratio = mid["hearth"] / mid["bare"]
    return Measurement([Row(
        "discord", round(mid["hearth"], 1), "interactions/s", round(mid["bare"], 1), round(ratio, 3),
        "≥ 0.7 × bare client", ratio >= 0.7,
        f"{n} × `/checkin status`, {CONCURRENCY} in flight, dispatched by the fake gateway in this process; counted "
        f"at the callback; against a bare discord.py client answering type 4, each on a fresh fake, taking turns "
        f"at going first; median of {pairs} pairs (ratios {every})")])
