"""The dashboard on a real Hearth (SQLite and PostgreSQL), served by aiohttp's test server on 127.0.0.1."""

from __future__ import annotations

import re

import pytest
from aiohttp.test_utils import TestClient, TestServer

from adapters.web.server import Dashboard
from bot.app import Hearth
from tests.conftest import run, text

PUBLIC = "http://dashboard.test"


def configured(app: Hearth, public_url: str = PUBLIC) -> Hearth:
    app.config = app.config.with_values(web__port=8088, web__public_url=public_url)
    return app


async def link_token(app: Hearth, who) -> str:
    """What `mod dashboard` gives a moderator: the token in their private link."""
    said = text(await run(app, who, "mod dashboard"))
    found = re.search(r"/sign-in\?t=([0-9a-f]+)", said)
    assert found, said
    return found.group(1)


@pytest.fixture
async def web(app: Hearth):
    configured(app)
    dashboard = Dashboard(app)
    client = TestClient(TestServer(dashboard.web_app()))
    await client.start_server()
    client.dashboard = dashboard  # type: ignore[attr-defined]
    yield client
    await client.close()
