"""Serving an aiohttp app on a host and port, for Hearth's two small HTTP servers (the dashboard and the health
and metrics endpoint): one way to start, to learn the port a `0` was given, and to let go of a port it can't have."""

from __future__ import annotations

import logging
from typing import Any, cast

from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError

#: aiohttp's own logger for what happens to a connection (its `aiohttp.server`).
server_log = logging.getLogger("aiohttp.server")


class CalmServerLog(logging.LoggerAdapter):  # type: ignore[type-arg]
    """aiohttp's server log, calm about requests that aren't HTTP it can read (no Host, a broken header line):
    the client gets aiohttp's plain 400 and the log one line at INFO, no traceback, since anything on the internet
    may send those and nothing here is wrong. Every other failure aiohttp reports keeps its ERROR and traceback."""

    def exception(self, msg: object, *args: object, exc_info: Any = True, **kwargs: Any) -> None:
        if isinstance(exc_info, HttpProcessingError):
            said = " ".join(str(exc_info.message).split())[:200]  # (one line, however the request was written)
            self.logger.info("answered %s to a malformed request%s: %r", exc_info.code or 400,
                             f" from {args[0]}" if args else "", said)
            return
        self.logger.error(msg, *args, exc_info=exc_info, **kwargs)


async def listen(web_app: web.Application, host: str, port: int) -> tuple[web.AppRunner, int]:
    """The running app's runner and its real port. On an `OSError` (the port taken, a bad host) everything started
    is cleaned up before the error goes on, so the caller only has to say it in its own words."""
    runner = web.AppRunner(web_app, access_log=None, logger=cast(logging.Logger, CalmServerLog(server_log, {})))
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    try:
        await site.start()
    except OSError:
        await runner.cleanup()
        raise
    sockets = site._server.sockets if site._server else []  # type: ignore[union-attr]
    return runner, (sockets[0].getsockname()[1] if sockets else port)
