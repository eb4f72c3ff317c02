"""`mod dashboard` on Discord: the link comes in a reply only the moderator sees; a member gets none."""

from __future__ import annotations

import asyncio
import re
from datetime import timedelta

from bot.commands.registry import RUN
from testing.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import create_schedule, run
from tests.adapters.web.conftest import dashboard_client, sign_in_by_link


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


def sign_in_token(reply: dict) -> str:
    return re.search(r"/sign-in\?t=([0-9a-f]{64})", reply["data"]["content"]).group(1)


async def test_a_session_ends_when_discord_takes_manage_server_away(discord_bot, fake: FakeDiscord, app, clock):
    """Signed in on Discord's word (Manage Server, by a role): an admin takes the role away, and the dashboard's
    next request asks Discord, refuses, ends the session and changes nothing, with no interaction in between."""
    uid = fake.next_id()
    mod = fake.member(uid, "Mia", moderator=True)
    await create_schedule(fake, mod)
    web = await dashboard_client(app)
    try:
        csrf = await sign_in_by_link(web, sign_in_token(await run(fake, mod, "mod dashboard")))
        community, user_id = f"discord:{fake.guild_id}", f"discord:{uid}"
        fake.set_roles(uid, ())  # no more "Server managers" role: no Manage Server
        clock.advance(timedelta(seconds=61))  # (Discord's last answer is kept a minute)
        refused = await web.post("/act", data={"csrf": csrf, "kind": "form", "action": RUN, "page": "schedules",
                                               "a:command": "mod schedule edit", "a:arg:name": "mornings",
                                               "v:when": "weekdays 11:00"})
        assert refused.status == 401 and "not signed in" in await refused.text()
        assert fake.calls_to("GET", f"/guilds/{fake.guild_id}/members/{uid}")  # Discord was asked
        assert (await app.store.schedules.find(community, "mornings")).spec == "weekdays 09:00"
        assert await app.store.dashboard.open_sessions(community, user_id, app.now()) == 0
    finally:
        await web.close()


async def test_discord_says_who_moderates_now(discord_bot, fake: FakeDiscord, app):
    """The port itself: Manage Server by a role, Administrator, the owner; none of these, or gone from the server."""
    words = app.platform_word.ports["discord"]
    community = f"discord:{fake.guild_id}"
    admin_role = fake.next_id()
    guild = fake.guilds[fake.guild_id]
    guild["roles"].append({**guild["roles"][0], "id": str(admin_role), "name": "Admins", "position": 3,
                           "permissions": str(1 << 3)})
    await fake.dispatch("GUILD_ROLE_CREATE", {"guild_id": str(fake.guild_id), "role": guild["roles"][-1]})
    manager, admin, owner, member = (fake.next_id() for _ in range(4))
    fake.member(manager, "Mia", moderator=True)
    fake.member(admin, "Ada", roles=(admin_role,))
    guild["owner_id"] = str(owner)
    await fake.dispatch("GUILD_UPDATE", {k: v for k, v in guild.items() if k not in ("channels", "members")})
    fake.member(owner, "Oli")
    fake.member(member, "Ann")
    for _ in range(500):  # until the client has read both gateway events
        cached = discord_bot.client.get_guild(fake.guild_id)
        if cached.get_role(admin_role) is not None and cached.owner_id == owner:
            break
        await asyncio.sleep(0.01)
    assert [await words.still(community, f"discord:{u}") for u in (manager, admin, owner, member)] == \
        [True, True, True, False]
    fake.forget_member(manager)
    assert await words.still(community, f"discord:{manager}") is False  # left the server
    assert await words.still(f"discord:{fake.next_id()}", f"discord:{admin}") is None  # a server Hearth isn't in
