"""`mod dashboard` on Slack: the link comes as an ephemeral reply to the moderator alone."""

from __future__ import annotations

import re
from html import unescape
import time
from datetime import timedelta

from adapters.slack.actors import ADMIN_SECONDS
from bot.commands.registry import RUN
from bot.events import Actor
from tests.adapters.slack.conftest import MOD, texts
from tests.adapters.web.conftest import dashboard_client, sign_in_by_link
from tests.adapters.web.test_security import make_schedule
from tests.adapters.slack.test_member import reply_to


async def test_the_sign_in_link_is_ephemeral(app, fake, side):
    app.config = app.config.with_values(web__port=8088, web__public_url="https://hearth.example.org")
    reply = await reply_to(fake, side, MOD, "mod dashboard")
    assert reply["response_type"] == "ephemeral"
    token = re.search(r"https://hearth\.example\.org/sign-in\?t=([0-9a-f]{64})", texts(reply["blocks"])).group(1)
    signed = await app.store.dashboard.take_link(token, app.now())
    assert signed is not None and signed.user_id.startswith("slack:")


async def test_a_session_ends_when_slack_no_longer_says_admin(app, fake, side, adapter, clock):
    """Signed in as a workspace admin; Slack's users.info then says is_admin false: the dashboard's next request
    (a minute on, no Slack event between) refuses, ends the session and changes nothing."""
    community = f"slack:{fake.team}"
    await make_schedule(app, who=Actor(community, f"slack:{MOD}", "Mia", platform_moderator=True,
                                       channel_id="slack:C1"), channel="C0GENERAL")
    web = await dashboard_client(app)
    try:
        schedule = await app.store.schedules.find(community, "mornings")
        link = await reply_to(fake, side, MOD, "mod dashboard")
        token = re.search(r"/sign-in\?t=([0-9a-f]{64})", texts(link["blocks"])).group(1)
        csrf = await sign_in_by_link(web, token)
        fake.users[MOD]["is_admin"] = False  # an owner made Mia a plain member
        clock.advance(timedelta(seconds=61))  # Hearth keeps Slack's answer a minute...
        directory = adapter.directory
        directory.clock = lambda: time.monotonic() + ADMIN_SECONDS + 1  # ...and so does the adapter's directory
        before = len([c for c in fake.calls if c.method == "users.info"])
        refused = await web.post("/act", data={"csrf": csrf, "kind": "form", "action": RUN, "page": "schedules",
                                               "a:command": "mod schedule edit", "a:arg:name": "mornings",
                                               "v:when": "weekdays 11:00"})
        assert refused.status == 401 and "not signed in" in await refused.text()
        assert len([c for c in fake.calls if c.method == "users.info"]) == before + 1  # Slack was asked
        assert (await app.store.schedules.find(community, "mornings")) == schedule
        assert await app.store.dashboard.open_sessions(community, f"slack:{MOD}", app.now()) == 0
    finally:
        await web.close()


async def test_when_slack_cant_say_the_dashboard_waits_and_ends_nothing(app, fake, side, adapter, clock):
    web = await dashboard_client(app)
    try:
        link = await reply_to(fake, side, MOD, "mod dashboard")
        await sign_in_by_link(web, re.search(r"/sign-in\?t=([0-9a-f]{64})", texts(link["blocks"])).group(1))
        fake.fail("users.info", error="fatal_error")
        clock.advance(timedelta(seconds=61))
        adapter.directory.clock = lambda: time.monotonic() + ADMIN_SECONDS + 1
        unsure = await web.get("/schedules")
        assert unsure.status == 503 and "couldn't check" in unescape(await unsure.text())
        assert await app.store.dashboard.open_sessions(f"slack:{fake.team}", f"slack:{MOD}", app.now()) == 1
        assert (await web.get("/schedules")).status == 200  # Slack answers again: the same session goes on
    finally:
        await web.close()
