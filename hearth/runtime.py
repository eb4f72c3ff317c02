"""One Hearth process: the store, the scheduler, the outbox and the adapters.

Each platform adapter starts when its secrets are in the environment; with
none, the terminal adapter runs. A platform's adapter is imported only when
its secret is set, so a platform nobody uses never loads its library.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import importlib
import logging
import os
import socket
from typing import Protocol

from bot.app import Hearth
from bot.clock import Clock, elapsed
from bot.config import PLATFORM_TOKENS, Config
from bot.delivery.outbox import ALIVE_WITHIN, HEARTBEAT  # noqa: F401  (ALIVE_WITHIN: for `hearth status`)
from bot.errors import HearthError
from bot.scheduling.runner import RoundScheduler

log = logging.getLogger(__name__)

#: platform -> (the secret that switches it on, the module with `create(config)`)
PLATFORMS = {
    "discord": (PLATFORM_TOKENS["discord"], "adapters.discord"),
    "slack": (PLATFORM_TOKENS["slack"], "adapters.slack"),
}


class Adapter(Protocol):
    """What an adapter module's `create(config)` returns."""

    platform: str

    async def start(self, app: Hearth) -> None:
        """Connect, register the platform's sender on `app.outbox`, start serving."""
        ...

    async def stop(self) -> None: ...


class AdapterUnavailable(HearthError):
    """A platform's secret is set but its adapter can't load: say so, don't guess."""


def platform_adapters(config: Config) -> list[Adapter]:
    adapters = []
    for platform, (secret, module) in PLATFORMS.items():
        if not config.secret(secret):
            continue
        try:
            factory = importlib.import_module(module).create
        except ImportError as err:
            raise AdapterUnavailable(f"{secret} is set, but the {platform} adapter could not load ({err.name}). "
                                     "Reinstall Hearth with `make run`, or unset the variable.") from None
        adapters.append(factory(config))
        log.info("%s adapter enabled (%s is set)", platform, secret)
    return adapters


async def start_core(config: Config, clock: Clock | None = None) -> Hearth:
    """Open the store and content; start nothing yet."""
    app = await Hearth.open(config, clock)
    app.scheduler = RoundScheduler(app)
    return app


async def serve(app: Hearth, adapters: list[Adapter], until: asyncio.Event | None = None,
                freeze_start_up: bool = False) -> None:
    """Run adapters, scheduler and delivery until `until` is set (or forever).

    With `freeze_start_up` (a long-running process), what start-up made to
    keep (modules, content, connections) moves out of the garbage
    collector's sight: its full passes then walk only what came after,
    and the longest event-loop stall of a 5,000-DM fan-out fell from
    33–39 ms to 16 ms (bench/README.md, "stall").
    """
    started: list[Adapter] = []
    delivery: asyncio.Task | None = None
    assert app.scheduler is not None
    try:
        for adapter in adapters:
            await _start(adapter, app)
            started.append(adapter)
        await app.scheduler.start()
        app.outbox.expect_heartbeats()
        delivery = asyncio.create_task(app.outbox.run(), name="outbox")
        alive = asyncio.create_task(heartbeat(app, [a.platform for a in started]), name="heartbeat")
        if freeze_start_up:
            gc.collect()  # start-up's own garbage first: frozen, it would never be freed
            gc.freeze()
        await (until.wait() if until else asyncio.Event().wait())
    finally:
        if delivery:
            delivery.cancel()
            alive.cancel()
            await _say_goodbye(app)
        app.scheduler.shutdown()
        for adapter in started:
            await adapter.stop()
        await app.close()


async def heartbeat(app: Hearth, platforms: list[str]) -> None:
    """Tell the store this process is alive: for `hearth status`, and so its claims stay its own.

    Once a beat is recorded the outbox may send until ALIVE_WITHIN after it;
    if beats stop getting through, it stops sending before the other
    processes start taking its claims over.
    """
    while True:
        beat = elapsed(app.clock)
        try:
            await app.store.outbox.record_heartbeat(app.outbox.holder, socket.gethostname(), os.getpid(),
                                                    ",".join(platforms), app.now())
        except Exception:
            log.warning("could not record this process's heartbeat; will try again", exc_info=True)
        else:
            app.outbox.beat_recorded(beat)
        await asyncio.sleep(HEARTBEAT.total_seconds())


async def _say_goodbye(app: Hearth) -> None:
    """A clean stop hands its unsent claims straight back instead of waiting out the lease."""
    with contextlib.suppress(Exception):
        await app.store.outbox.release_claims(app.outbox.holder)
        await app.store.outbox.forget_process(app.outbox.holder)


async def _start(adapter: Adapter, app: Hearth) -> None:
    """A platform that can't be reached at start is a clear error, not a hang."""
    try:
        await adapter.start(app)
    except Exception as err:
        log.debug("adapter start failed", exc_info=True)
        with contextlib.suppress(Exception):
            await adapter.stop()  # let it close whatever it had opened
        raise AdapterUnavailable(f"the {adapter.platform} adapter could not start: {type(err).__name__}: {err}. "
                                 "Check its token and that the platform can be reached.") from None
