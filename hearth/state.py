"""Where a serving process is in its life, apart from the HTTP service that reports it: a start with
`service.http_port` off imports neither aiohttp's server nor the Prometheus client."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class State:
    """Where the process is in its life: set by `hearth.runtime.serve`."""

    started: bool = False
    stopping: bool = False
