"""On the dashboard a channel is typed: a moderator of one Discord server types a channel of another server Hearth is
in (or of another platform) and is refused, with the store unchanged. Hearth runs its real Discord adapter against
the fake Discord here, so the dashboard asks the same `DiscordChannels` chat does."""

from __future__ import annotations

from html import unescape

from aiohttp.test_utils import TestClient

from bot.app import Hearth
from bot.commands.registry import RUN
from bot.events import Actor
from testing.fake_discord import FakeDiscord
from tests.adapters.discord.conftest import discord_bot, fake  # noqa: F401  (fixtures)
from tests.adapters.web.test_security import first_button, signed_in, words


def moderator_of(fake: FakeDiscord) -> Actor:
    uid = fake.next_id()
    fake.member(uid, "Mona", moderator=True)
    return Actor(f"discord:{fake.guild_id}", f"discord:{uid}", "Mona", platform_moderator=True)


def create_form(csrf: str, channel: str) -> dict[str, str]:
    return {"csrf": csrf, "kind": "form", "action": RUN, "page": "schedules", "a:command": "mod schedule create",
            "v:name": "mornings", "v:channel": channel, "v:when": "weekdays 09:00", "v:timezone": "Europe/London"}


async def test_a_channel_of_another_server_typed_on_the_dashboard_is_refused(web: TestClient, app: Hearth,
                                                                           fake: FakeDiscord, discord_bot):
    mona = moderator_of(fake)
    _other_guild, elsewhere = fake.add_guild(0, 1)  # Hearth is in both servers
    csrf = await signed_in(web, app, mona)
    for typed in (str(elsewhere), f"discord:{elsewhere}", "slack:C0GENERAL", "console:general"):
        refused = await web.post("/act", data=create_form(csrf, typed))
        body = await refused.text()
        assert 'aria-invalid="true"' in body and typed in unescape(body), typed  # beside the field, as typed
        assert "Save" not in words(body)
    assert await app.store.schedules.list_all(mona.community_id) == []
    settings = await web.post("/act", data={"csrf": csrf, "kind": "form", "action": RUN, "page": "schedules",
                                            "a:command": "mod settings", "v:key": "alert_channel",
                                            "v:value": str(elsewhere)})
    assert 'aria-invalid="true"' in await settings.text()
    assert (await app.store.communities.ensure(mona.community_id, app.now())).settings.alert_channel is None
    assert not [m for m in fake.messages.values() if int(m["channel_id"]) == elsewhere]


async def test_the_servers_own_channel_typed_on_the_dashboard_is_taken(web: TestClient, app: Hearth,
                                                                      fake: FakeDiscord, discord_bot):
    mona = moderator_of(fake)
    csrf = await signed_in(web, app, mona)
    preview = await web.post("/act", data=create_form(csrf, f"#{fake.channel_id}"))
    body = await preview.text()
    saved = await web.post("/act", data=first_button(body, "Save") | {"csrf": csrf})
    assert "Created" in words(await saved.text())
    [schedule] = await app.store.schedules.list_all(mona.community_id)
    assert schedule.channel_id == f"discord:{fake.channel_id}"
