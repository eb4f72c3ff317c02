"""discord: interactions per second through the Discord adapter on the fake gateway.

The fake Discord (testing/fake_discord.py) runs in this
process: it dispatches `/checkin status` interactions over its websocket
gateway, N in flight, and an interaction counts when its callback reaches
the fake's REST API. The real Hearth adapter (discord.py, SQLite file) and a
bare discord.py client that only responds (type 4) each run on a fresh fake,
both connected at once. They take turns in short chunks (Hearth, bare, bare,
Hearth, …), so a slow second of a shared, noisy machine lands on both sides
alike instead of on whichever side ran then; the ratio is of their totals.

Both sides share one process, so one garbage collector: a full collection
(tens of ms, over both sides' objects and both fakes') falls on whichever
turn happens to tip the collector's count, and which side that is depends
only on the chunk size (with chunks of 200 it was Hearth's turn six times
out of eight, with 250 the bare client's six out of eight, moving the ratio
by 0.04). So each turn starts after a full collection, outside the timing,
and pays only for what it allocates itself.
"""

from __future__ import annotations

import asyncio
import gc
import shutil
import tempfile
import time
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, AsyncIterator

from bench.registry import Context, Measurement, Row

CONCURRENCY = 32
PER_USER = 10  # under limits.events_per_minute (20) per member
#: Interactions per turn: long enough to fill the pipeline, short enough that noise evens out.
CHUNK = 200
# Members take turns (one member's commands spread through the run, as people's are), not all ten at once.


@dataclass
class Side:
    """One connected client on its own fake, ready to be sent interactions."""

    fake: Any
    data: dict[str, Any]
    members: list[dict[str, Any]]
    waiting: dict[int, asyncio.Future] = field(default_factory=dict)
    sent: int = 0
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.sent / self.seconds


async def drive(side: Side, n: int) -> float:
    """Send `n` interactions, `CONCURRENCY` in flight; the seconds until the last was answered."""
    from adapters.discord.client import point_rest_at

    point_rest_at(side.fake.api_url)  # discord.py keeps one REST base per process: this turn's fake
    loop = asyncio.get_running_loop()
    left = list(range(side.sent, side.sent + n))

    async def worker() -> None:
        while left:
            i = left.pop()
            payload = side.fake._interaction(2, side.data, side.members[i % len(side.members)])
            fut = loop.create_future()
            side.waiting[int(payload["id"])] = fut
            await side.fake.interact(payload)
            await asyncio.wait_for(fut, 30)

    t0 = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    took = time.perf_counter() - t0
    side.fake.forget()  # the fake's records are not either side's memory: keep them out of the next turn's GC
    side.sent += n
    side.seconds += took
    return took


async def watched(bad: list[str], waiting: dict[int, asyncio.Future]) -> Any:
    """A fresh fake Discord whose interaction callbacks resolve `waiting` (and note apologies)."""
    from testing.fake_discord import FakeDiscord

    fake = await FakeDiscord(spec_checks=False).start()
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


@asynccontextmanager
async def hearth_side(tmp: Path, n: int, bad: list[str]) -> AsyncIterator[Side]:
    """Hearth's Discord adapter on a SQLite file in `tmp`, connected to a fresh fake."""
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
        yield Side(fake, fake.command_payload("checkin status", {}), members, waiting)
    finally:
        await adapter.stop()
        await app.close()
        await fake.close()


@asynccontextmanager
async def bare_side(n: int, bad: list[str]) -> AsyncIterator[Side]:
    """A bare discord.py client that answers every interaction with type 4, on a fresh fake."""
    import discord

    from adapters.discord.client import point_gateway_at, point_rest_at

    waiting: dict[int, asyncio.Future] = {}
    fake = await watched(bad, waiting)
    members = [fake.member(fake.next_id(), f"b{i}") for i in range(n // PER_USER + 1)]

    class Bare(discord.Client):
        async def on_interaction(self, interaction: discord.Interaction) -> None:
            await interaction.response.send_message("ok", ephemeral=True)

    bare = Bare(intents=discord.Intents(guilds=True))
    task = None
    try:
        point_rest_at(fake.api_url)
        await bare.login(fake.token)
        _, gateway, _ = await bare.http.get_bot_gateway()
        point_gateway_at(gateway)
        task = asyncio.create_task(bare.connect(reconnect=False))
        await asyncio.wait_for(bare.wait_until_ready(), 30)
        # The same shape as Hearth's `/checkin status` (nothing is synced to this fake to read it from).
        data = {"id": str(fake.next_id()), "name": "checkin", "type": 1, "options": [{"type": 1, "name": "status"}]}
        yield Side(fake, data, members, waiting)
    finally:
        await bare.close()
        if task is not None:
            try:
                await asyncio.wait_for(task, 10)
            except Exception:
                pass
        await fake.close()


async def run(tmp: Path, n: int, chunk: int = CHUNK) -> dict[str, Any]:
    """Both sides connected, taking turns in chunks (ABBA order); each side's rate over all its chunks."""
    bad: list[str] = []
    async with AsyncExitStack() as stack:
        hearth = await stack.enter_async_context(hearth_side(tmp, n, bad))
        bare = await stack.enter_async_context(bare_side(n, bad))
        turns = []
        for k in range(max(1, n // chunk)):
            order = (hearth, bare) if k % 2 == 0 else (bare, hearth)
            took = {}
            for side in order:
                gc.collect()  # each turn starts with the collector at rest: see the module's docstring
                took[id(side)] = await drive(side, chunk)
            turns.append(took[id(bare)] / took[id(hearth)])
    if bad:
        raise RuntimeError(f"{len(bad)} bad answers, e.g. {bad[0]}")
    return {"hearth": hearth.rate, "bare": bare.rate, "turns": sorted(turns)}


def measure(ctx: Context) -> Measurement:
    n, chunk = (300, 100) if ctx.quick else (8000, CHUNK)
    tmp = Path(tempfile.mkdtemp(prefix="hearth-bench-discord-"))
    try:
        result = asyncio.run(run(tmp, n, chunk))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    ratio = result["hearth"] / result["bare"]
    turns = result["turns"]
    spread = f"{turns[0]:.2f}–{turns[-1]:.2f}, middle {turns[len(turns) // 2]:.2f}"
    return Measurement([Row(
        "discord", round(result["hearth"], 1), "interactions/s", round(result["bare"], 1), round(ratio, 3),
        "≥ 0.7 × bare client", ratio >= 0.7,
        f"{n} × `/checkin status` on each side, {CONCURRENCY} in flight, dispatched by the fake gateway in this "
        f"process; counted at the callback; against a bare discord.py client answering type 4 on its own fake, "
        f"both connected at once and taking turns in chunks of {chunk} (Hearth, bare, "
        f"bare, Hearth, …); ratio of the totals (per-turn ratios {spread})")])
