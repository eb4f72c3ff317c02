"""serve: a long-running process freezes what start-up made to keep, once everything has started."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import hearth.runtime as runtime
from bot.scheduling.runner import RoundScheduler


class Recorder:
    """An adapter that notes when it started and stopped."""

    platform = "console"

    def __init__(self, seen: list[str]) -> None:
        self.seen = seen

    async def start(self, app) -> None:  # type: ignore[no-untyped-def]
        self.seen.append("adapter started")

    async def stop(self) -> None:
        self.seen.append("adapter stopped")


async def test_start_up_is_frozen_after_everything_started_and_only_when_asked(app, monkeypatch):
    seen: list[str] = []
    monkeypatch.setattr(runtime, "gc", SimpleNamespace(collect=lambda: seen.append("collect"),
                                                       freeze=lambda: seen.append("freeze")))
    for freeze in (True, False):
        seen.clear()
        app.scheduler = RoundScheduler(app)
        until = asyncio.Event()
        serving = asyncio.create_task(runtime.serve(app, [Recorder(seen)], until, freeze_start_up=freeze))
        for _ in range(100):
            if "adapter started" in seen and app.scheduler.aps.running:
                break
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.05)
        until.set()
        await serving
        expected = ["adapter started", "collect", "freeze", "adapter stopped"] if freeze else \
            ["adapter started", "adapter stopped"]
        assert seen == expected
        app = await type(app).open(app.config, app.clock)  # serve closed it
    await app.close()
