"""`mod dashboard` on Slack: the link comes as an ephemeral reply to the moderator alone."""

from __future__ import annotations

import re

from tests.adapters.slack.conftest import MOD, texts
from tests.adapters.slack.test_member import reply_to


async def test_the_sign_in_link_is_ephemeral(app, fake, side):
    app.config = app.config.with_values(web__port=8088, web__public_url="https://hearth.example.org")
    reply = await reply_to(fake, side, MOD, "mod dashboard")
    assert reply["response_type"] == "ephemeral"
    token = re.search(r"https://hearth\.example\.org/sign-in\?t=([0-9a-f]{64})", texts(reply["blocks"])).group(1)
    signed = await app.store.dashboard.take_link(token, app.now())
    assert signed is not None and signed.user_id.startswith("slack:")
