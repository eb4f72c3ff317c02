"""`mod dashboard` on Discord: the link comes in a reply only the moderator sees; a member gets none."""

from __future__ import annotations

import re

from testing.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import run


async def test_the_sign_in_link_is_ephemeral_and_for_moderators_only(discord_bot, fake: FakeDiscord, app):
    app.config = app.config.with_values(web__port=8088, web__public_url="https://hearth.example.org")
    mod = fake.member(fake.next_id(), "Mia", moderator=True)
    reply = await run(fake, mod, "mod dashboard")
    assert reply["data"]["flags"] & 64  # only the moderator sees it
    token = re.search(r"https://hearth\.example\.org/sign-in\?t=([0-9a-f]{64})", reply["data"]["content"]).group(1)
    signed = await app.store.dashboard.take_link(token, app.now())
    assert signed is not None and signed.platform_moderator and signed.community_id.startswith("discord:")
    ann = fake.member(fake.next_id(), "Ann")
    refused = await run(fake, ann, "mod dashboard")
    assert "Only moderators" in refused["data"]["content"] and "sign-in" not in refused["data"]["content"]
