"""A channel a moderator names on Discord must be a text channel of their own server (`DiscordChannels`)."""

from __future__ import annotations

import pytest

from testing.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import button, run


@pytest.fixture
async def mia(fake: FakeDiscord, discord_bot):
    return fake.member(fake.next_id(), "Mia", moderator=True)


async def settings_of(app, fake: FakeDiscord):
    return (await app.store.communities.ensure(f"discord:{fake.guild_id}", app.now())).settings


async def test_another_servers_channel_is_refused_and_nothing_changes(app, fake: FakeDiscord, mia):
    _other_guild, elsewhere = fake.add_guild(0, 1)  # Hearth is in both servers
    said = await run(fake, mia, "mod settings", key="alert_channel", value=str(elsewhere))
    assert "can't find that channel" in said["data"]["content"]
    said = await run(fake, mia, "mod settings", key="digest_channel", value=f"<#{elsewhere}>")
    assert "can't find that channel" in said["data"]["content"]
    settings = await settings_of(app, fake)
    assert settings.alert_channel is None and settings.digest_channel is None


async def test_an_unknown_id_or_another_platforms_channel_is_refused(app, fake: FakeDiscord, mia):
    said = await run(fake, mia, "mod settings", key="alert_channel", value="123456789012345678")
    assert "can't find that channel" in said["data"]["content"]
    said = await run(fake, mia, "mod settings", key="alert_channel", value="slack:C0GENERAL")
    assert "That channel is on slack" in said["data"]["content"]
    assert (await settings_of(app, fake)).alert_channel is None


@pytest.mark.parametrize("kind", [2, 4])  # voice, category: nowhere to post a message
async def test_a_channel_hearth_cannot_post_in_is_refused(app, fake: FakeDiscord, mia, kind):
    lounge = fake.add_channel(fake.guild_id, "lounge", kind)
    said = await run(fake, mia, "mod settings", key="alert_channel", value=str(lounge))
    assert "can't find that channel" in said["data"]["content"]
    assert (await settings_of(app, fake)).alert_channel is None


async def test_the_servers_own_text_channels_are_taken(app, fake: FakeDiscord, mia):
    said = await run(fake, mia, "mod settings", key="alert_channel", value=f"<#{fake.channel_id}>")
    assert "Saved" in said["data"]["content"], said["data"]["content"]
    added = fake.add_channel(fake.guild_id, "care-team")  # made after Hearth connected: asked of Discord
    said = await run(fake, mia, "mod settings", key="digest_channel", value=str(added))
    assert "Saved" in said["data"]["content"], said["data"]["content"]
    settings = await settings_of(app, fake)
    assert (settings.alert_channel, settings.digest_channel) == (f"discord:{fake.channel_id}", f"discord:{added}")


async def test_a_schedule_cannot_be_moved_to_another_server(app, fake: FakeDiscord, mia):
    _other_guild, elsewhere = fake.add_guild(0, 1)
    iid = await fake.slash(mia, "mod schedule create", name="mornings", channel=fake.channel_id,
                           when="weekdays 09:00", timezone="Europe/London")
    preview = await fake.wait_callback(iid)
    saved = await fake.wait_callback(await fake.click(mia, preview["message_id"], button(preview["data"], "Save")))
    assert "Created" in saved["data"]["content"]
    # Discord's picker offers only this server's channels; an id sent anyway is checked all the same.
    said = await run(fake, mia, "mod schedule edit", name="mornings", channel=elsewhere)
    assert "can't find that channel" in said["data"]["content"]
    [schedule] = await app.store.schedules.list_all(f"discord:{fake.guild_id}")
    assert schedule.channel_id == f"discord:{fake.channel_id}"


async def test_the_sender_refuses_a_post_for_one_server_into_another(app, fake: FakeDiscord, tmp_path):
    from adapters.discord.sender import DiscordSender
    from bot.delivery.sender import Delivery, PermanentFailure
    from bot.events import say
    from tests.adapters.discord.conftest import connect

    _other_guild, elsewhere = fake.add_guild(0, 1)  # before Hearth connects: both servers in its cache
    adapter = await connect(app, fake, tmp_path)
    try:
        sender = DiscordSender(adapter)
        ours = f"discord:{fake.guild_id}"
        with pytest.raises(PermanentFailure):  # e.g. a row written before channels were checked
            await sender.send(Delivery("post", say("Hello"), channel=f"discord:{elsewhere}", community=ours))
        with pytest.raises(PermanentFailure):
            await sender.send(Delivery("post", say("Hello"), channel=f"discord:{fake.channel_id}",
                                       community="slack:T0001"))
        assert fake.channel_messages(elsewhere) == [] and fake.channel_messages(fake.channel_id) == []
        assert await sender.send(Delivery("post", say("Hello"), channel=f"discord:{fake.channel_id}", community=ours))
        assert await sender.send(Delivery("post", say("Hi"), channel=f"discord:{elsewhere}"))  # nobody's: as before
        assert len(fake.channel_messages(fake.channel_id)) == len(fake.channel_messages(elsewhere)) == 1
    finally:
        await adapter.stop()


async def test_a_round_of_a_schedule_stored_with_another_servers_channel_is_not_posted(app, fake: FakeDiscord,
                                                                                      tmp_path, clock):
    """A schedule row written before channels were checked: its round's post carries its community, and the
    sender refuses the other server's channel."""
    from datetime import timedelta

    from bot.scheduling import parse_when
    from bot.scheduling.runner import RoundScheduler
    from tests.adapters.discord.conftest import connect

    _other_guild, elsewhere = fake.add_guild(0, 1)
    adapter = await connect(app, fake, tmp_path)
    try:
        when = parse_when("weekdays 09:00")
        ours = f"discord:{fake.guild_id}"
        await app.ensure_community(ours)
        await app.store.schedules.create(
            {"name": "mornings", "channel_id": f"discord:{elsewhere}", "spec": when.text, "cron": when.cron,
             "timezone": "Europe/London", "theme": None, "depth": None, "open_minutes": 120, "remind_minutes": 30,
             "community_id": ours, "created_by": "discord:1"}, app.now())
        clock.advance(timedelta(hours=1, minutes=1))
        await RoundScheduler(app).run_pending()
        drained = await app.outbox.drain_all()
        assert drained.failed >= 1
        assert fake.channel_messages(elsewhere) == []
    finally:
        await adapter.stop()
