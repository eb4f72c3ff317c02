"""The dashboard on a real Hearth (SQLite and PostgreSQL), served by aiohttp's test server on 127.0.0.1."""

from __future__ import annotations

import re
from html import unescape

import pytest
from aiohttp.test_utils import TestClient, TestServer

from adapters.web.server import COOKIE, Dashboard
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


async def dashboard_client(app: Hearth) -> TestClient:
    """The dashboard of `app` (configured), served on 127.0.0.1, with a browser-like client; close it after."""
    configured(app)
    dashboard = Dashboard(app)
    client = TestClient(TestServer(dashboard.web_app()))
    await client.start_server()
    client.dashboard = dashboard  # type: ignore[attr-defined]
    return client


async def sign_in_by_link(web: TestClient, token: str) -> str:
    """Open the link, press its button; the CSRF token of the session it opened (checked on the schedules page)."""
    page = await web.get(f"/sign-in?t={token}")
    assert page.status == 200 and 'name="t"' in unescape(await page.text())
    response = await web.post("/sign-in", data={"t": token}, allow_redirects=False)
    assert response.status == 303, await response.text()
    cookie = response.cookies[COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Strict" and cookie.value
    schedules = await web.get("/schedules")
    assert schedules.status == 200
    return re.search(r'name="csrf" value="([^"]+)"', await schedules.text()).group(1)


@pytest.fixture
async def web(app: Hearth):
    client = await dashboard_client(app)
    yield client
    await client.close()
