"""Serving an aiohttp app on a host and port, for Hearth's two small HTTP servers (the dashboard and the health
and metrics endpoint): one way to start, to learn the port a `0` was given, and to let go of a port it can't have."""

from __future__ import annotations

from aiohttp import web


async def listen(web_app: web.Application, host: str, port: int) -> tuple[web.AppRunner, int]:
    """The running app's runner and its real port. On an `OSError` (the port taken, a bad host) everything started
    is cleaned up before the error goes on, so the caller only has to say it in its own words."""
    runner = web.AppRunner(web_app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    try:
        await site.start()
    except OSError:
        await runner.cleanup()
        raise
    sockets = site._server.sockets if site._server else []  # type: ignore[union-attr]
    return runner, (sockets[0].getsockname()[1] if sockets else port)
