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
import signal
import socket
import time
from typing import TYPE_CHECKING, Protocol

from bot.app import Hearth
from bot.clock import Clock, elapsed
from bot.config import PLATFORM_TOKENS, Config
from bot.delivery.outbox import ALIVE_WITHIN, HEARTBEAT  # noqa: F401  (ALIVE_WITHIN: for `hearth status`)
from bot.errors import HearthError
from bot.scheduling.runner import RoundScheduler
from bot.store.handback import release_unstarted
from hearth.state import State

if TYPE_CHECKING:
    from adapters.web.server import Dashboard
    from hearth.service import HttpService

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


def keep_start_up() -> None:
    """Move what start-up made to keep (modules, content, the crisis screen's rules, connections) out of the
    garbage collector's sight, its own garbage collected first (frozen, it would never be freed): a full pass then
    walks only what came after. The screen's rules alone are hundreds of thousands of objects, and each full pass
    over them held the event loop 40–80 ms (bench/README.md, "stall")."""
    gc.collect()
    gc.freeze()


async def start_core(config: Config, clock: Clock | None = None) -> Hearth:
    """Open the store and content; start nothing yet."""
    app = await Hearth.open(config, clock)
    app.scheduler = RoundScheduler(app)
    return app


async def serve(app: Hearth, adapters: list[Adapter], until: asyncio.Event | None = None,
                freeze_start_up: bool = False, state: State | None = None) -> None:
    """Run adapters, scheduler and delivery until `until` is set, or SIGTERM comes (or forever).

    With `freeze_start_up` (a long-running process), what start-up made to
    keep (modules, content, connections) moves out of the garbage
    collector's sight: its full passes then walk only what came after,
    and the longest event-loop stall of a 5,000-DM fan-out fell from
    33–39 ms to 16 ms (bench/README.md, "stall").

    SIGTERM is a clean stop (`_stop`): no new rounds or claims, the sends on
    the wire finish, the rest is handed back, within `service.stop_seconds`.
    """
    started: list[Adapter] = []
    delivery: asyncio.Task | None = None
    alive: asyncio.Task | None = None
    state = state or State()
    http: "HttpService | None" = None
    dashboard: "Dashboard | None" = None
    assert app.scheduler is not None
    terminated = asyncio.Event()
    loop = asyncio.get_running_loop()
    handles_sigterm = _on_sigterm(loop, terminated)
    try:
        if app.config["service.http_port"]:
            from hearth.service import HttpService  # only when asked for: aiohttp's server, Prometheus' client
            http = HttpService(app, state)
            await http.start(app.config["service.http_host"], app.config["service.http_port"])
        if app.config["web.port"]:
            try:
                from adapters.web.server import Dashboard  # only when asked for: the dashboard's templates, server
            except ImportError as err:
                raise HearthError(f"The dashboard (web.port is set) needs the web extra, which isn't installed "
                                  f"({err.name}): pip install 'hearth[web]', or set web.port = 0.") from None
            dashboard = Dashboard(app)
            await dashboard.start(app.config["web.host"], app.config["web.port"])
        for adapter in adapters:
            await _start(adapter, app)
            started.append(adapter)
        await app.scheduler.start()
        app.outbox.expect_heartbeats()
        delivery = asyncio.create_task(app.outbox.run(), name="outbox")
        alive = asyncio.create_task(heartbeat(app, [a.platform for a in started]), name="heartbeat")
        state.started = True
        if freeze_start_up:
            keep_start_up()
        await _first_of(terminated, until)
        if terminated.is_set():
            log.info("stopping: asked to (SIGTERM)")
    finally:
        state.stopping = True
        if handles_sigterm:
            loop.remove_signal_handler(signal.SIGTERM)
        await _stop(app, started, delivery, alive, http, dashboard)


def _on_sigterm(loop: asyncio.AbstractEventLoop, terminated: asyncio.Event) -> bool:
    """SIGTERM sets `terminated` (where the loop can take signals: the main thread, not Windows)."""
    try:
        loop.add_signal_handler(signal.SIGTERM, terminated.set)
    except (NotImplementedError, RuntimeError, ValueError):
        return False
    return True


async def _first_of(*events: asyncio.Event | None) -> None:
    waits = [asyncio.ensure_future(e.wait()) for e in events if e is not None]
    try:
        await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for w in waits:
            w.cancel()


async def _stop(app: Hearth, started: list[Adapter], delivery: asyncio.Task | None, alive: asyncio.Task | None,
                http: "HttpService | None", dashboard: "Dashboard | None" = None) -> None:
    """Stop taking work, let what is on the wire finish (within `service.stop_seconds`), hand the rest back."""
    if dashboard is not None:  # no new changes from the web while stopping
        await dashboard.stop()
    budget = float(app.config["service.stop_seconds"])
    deadline = time.monotonic() + budget
    assert app.scheduler is not None
    app.scheduler.shutdown()  # no new rounds
    app.outbox.stop_taking()  # no new claims, no new sends
    on_the_wire: frozenset[int] = frozenset()
    if delivery is not None:
        done, _ = await asyncio.wait({delivery}, timeout=budget)
        on_the_wire = app.outbox.in_hand  # (sent but not recorded, if the disk was full)
        if not done:
            on_the_wire = app.outbox.in_hand
            log.warning("stopping: %d send(s) still on the wire after %.0f s; whoever takes them over checks "
                        "with the platform first", len(on_the_wire), budget)
            delivery.cancel()
            await asyncio.wait({delivery})
    if alive is not None:
        alive.cancel()
    if delivery is not None:
        await _say_goodbye(app, on_the_wire)
    for adapter in started:
        try:
            await asyncio.wait_for(adapter.stop(), max(1.0, deadline - time.monotonic()))
        except Exception:
            log.warning("the %s adapter did not stop cleanly in time", adapter.platform)
    if http is not None:
        await http.stop()
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


async def _say_goodbye(app: Hearth, on_the_wire: frozenset[int] = frozenset()) -> None:
    """A clean stop hands its unsent claims straight back instead of waiting out the lease."""
    try:
        handed = await release_unstarted(app.store, app.outbox.holder, on_the_wire)
        await app.store.outbox.forget_process(app.outbox.holder)
    except Exception:
        log.warning("stopping: could not hand this process's claims back; they pass to another after the lease")
    else:
        if handed:
            log.info("stopping: handed %d claimed message(s) back to the outbox", handed)


async def _start(adapter: Adapter, app: Hearth) -> None:
    """A platform that can't be reached at start is a clear error, not a hang."""
    try:
        await adapter.start(app)
    except Exception as err:
        log.debug("adapter start failed", exc_info=True)
        with contextlib.suppress(Exception):
            await adapter.stop()  # let it close whatever it had opened
        raise AdapterUnavailable(f"the {adapter.platform} adapter could not start: {type(err).__name__}: {str(err).rstrip('.')}. "
                                 "Check its token and that the platform can be reached.") from None
