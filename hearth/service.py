"""Health, readiness and Prometheus metrics over HTTP, for every mode (Discord, Slack, the terminal).

`/healthz` answers while the process serves; `/readyz` once the adapters have
started and the store answers, and not while stopping; `/metrics` is the
Prometheus text format, made at each scrape from the core's counts
(`bot.metrics`) and two store questions (outbox depth, oldest entry's age).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Iterator

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector

from adapters.listen import listen
from bot.errors import HearthError
from bot.metrics import COUNTERS, GAUGES
from bot.store.service import outbox_backlog, reachable
from hearth.state import State

if TYPE_CHECKING:
    from bot.app import Hearth

log = logging.getLogger(__name__)
PREFIX = "hearth_"


class HearthCollector(Collector):
    """Turns the core's plain counts into metric families when Prometheus asks."""

    def __init__(self, app: "Hearth") -> None:
        self.app = app
        self.backlog: tuple[int, float] = (0, 0.0)  # refreshed (async) just before each scrape

    def collect(self) -> Iterator[CounterMetricFamily | GaugeMetricFamily]:
        metrics = self.app.metrics
        for name, (doc, labels) in COUNTERS.items():
            family = CounterMetricFamily(PREFIX + name, doc, labels=list(labels))
            seen = [(key, value) for key, value in list(metrics.counts.items()) if key[0] == name]
            for (_, values), value in seen:
                family.add_metric(list(values), value)
            if not seen and not labels:
                family.add_metric([], 0.0)
            yield family
        for name, (doc, labels) in GAUGES.items():
            family = GaugeMetricFamily(PREFIX + name, doc, labels=list(labels))
            for (gauge, values), value in list(metrics.gauges.items()):
                if gauge == name:
                    family.add_metric(list(values), value)
            yield family
        depth, age = self.backlog
        yield GaugeMetricFamily(PREFIX + "outbox_depth", "Messages waiting in the outbox", value=depth)
        yield GaugeMetricFamily(PREFIX + "outbox_oldest_age_seconds",
                                "How long the oldest waiting message has waited", value=age)


class HttpService:
    """The endpoints, on an aiohttp server of their own in the event loop."""

    def __init__(self, app: "Hearth", state: State) -> None:
        self.app = app
        self.state = state
        self.registry = CollectorRegistry(auto_describe=True)
        self.collector = HearthCollector(app)
        self.registry.register(self.collector)
        self.runner: web.AppRunner | None = None
        self.port: int | None = None

    async def start(self, host: str, port: int) -> int:
        web_app = web.Application()
        web_app.router.add_get("/healthz", self.healthz)
        web_app.router.add_get("/readyz", self.readyz)
        web_app.router.add_get("/metrics", self.metrics)
        try:
            self.runner, self.port = await listen(web_app, host, port)
        except OSError as err:
            raise ServiceUnavailable(f"the health and metrics endpoint can't listen on {host}:{port} "
                                     f"({err.strerror or err}). Pick another service.http_port.") from None
        log.info("health and metrics on http://%s:%s/ (healthz, readyz, metrics)", host, self.port)
        return self.port

    async def stop(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()
            self.runner = None

    async def healthz(self, _: web.Request) -> web.Response:
        return web.Response(text="ok\n")

    async def readyz(self, _: web.Request) -> web.Response:
        if self.state.stopping:
            return web.Response(status=503, text="stopping\n")
        if not self.state.started:
            return web.Response(status=503, text="starting\n")
        if not await reachable(self.app.store):
            return web.Response(status=503, text="the database does not answer\n")
        return web.Response(text="ready\n")

    async def metrics(self, _: web.Request) -> web.Response:
        try:
            self.collector.backlog = await outbox_backlog(self.app.store, self.app.now())
        except Exception:
            log.warning("could not read the outbox for the metrics; showing the last figures")
        body = generate_latest(self.registry)
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})


class ServiceUnavailable(HearthError):
    """The HTTP endpoint can't start (its port is taken): one sentence, not a traceback."""
