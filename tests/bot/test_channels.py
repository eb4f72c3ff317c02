"""A channel a moderator names must be on their platform and in their community (`bot.channels`), on both databases.

The terminal's own directory (`ConsoleChannels`, registered by the `app` fixture as the terminal registers it) says
every `console:` channel is the terminal community's; a platform answering "can't tell" is played by a small
directory here, the far side of the port, as a platform's outage would answer.
"""

from __future__ import annotations

import pytest

from bot.channels import written_channel
from bot.models import CommunitySettings
from tests.conftest import COMMUNITY, actor, press, run, text

MOD = actor("mia", moderator=True)
WHEN = {"name": "mornings", "when": "weekdays 09:00", "timezone": "Europe/London"}


class Unsure:
    """A platform that can't say right now (down, rate limited), or that fails outright."""

    def __init__(self, platform: str, fails: bool = False) -> None:
        self.platform = platform
        self.fails = fails
        self.asked: list[tuple[str, str]] = []

    async def belongs(self, community_id: str, channel_id: str) -> bool | None:
        self.asked.append((community_id, channel_id))
        if self.fails:
            raise ConnectionError("the platform is down")
        return None


def test_what_a_moderator_types_reads_as_a_namespaced_id():
    assert written_channel(MOD, " #general ") == "console:general"
    assert written_channel(MOD, "<#C1|general>") == "console:C1"
    assert written_channel(MOD, "<#123>") == "console:123"
    assert written_channel(MOD, "slack:C1") == "slack:C1"  # kept, to be refused as another platform's


@pytest.mark.parametrize("typed", ["slack:C123", "discord:42", "<#slack:C1>"])
async def test_a_channel_of_another_platform_is_refused_by_name_and_nothing_is_saved(app, typed):
    [refused] = await run(app, MOD, "mod schedule create", channel=typed, **WHEN)
    assert refused.error and refused.field == "channel"
    assert "on " + typed.strip("<#>").split(":")[0] in refused.plain() and "console" in refused.plain()
    assert not refused.buttons  # no Save to press
    forged = await press(app, MOD, "mod.schedule.save", {**WHEN, "channel": typed})  # a Save made up by hand
    assert forged[0].error and forged[0].field == "channel"
    assert await app.store.schedules.list_all(COMMUNITY) == []


async def test_editing_to_another_platforms_channel_keeps_the_old_one(app):
    [preview] = await run(app, MOD, "mod schedule create", channel="general", **WHEN)
    await press(app, MOD, "mod.schedule.save", preview.buttons[0].args)
    [refused] = await run(app, MOD, "mod schedule edit", name="mornings", channel="slack:C9")
    assert refused.error and refused.field == "channel"
    [schedule] = await app.store.schedules.list_all(COMMUNITY)
    assert schedule.channel_id == "console:general"


@pytest.mark.parametrize("key", ["alert_channel", "digest_channel"])
async def test_a_setting_naming_another_platforms_channel_is_refused_and_off_still_works(app, key):
    [saved] = await run(app, MOD, "mod settings", key=key, value="#care")
    assert not saved.error, saved.plain()
    assert getattr((await app.store.communities.get(COMMUNITY)).settings, key) == "console:care"
    [refused] = await run(app, MOD, "mod settings", key=key, value="discord:1234")
    assert refused.error and refused.field == "value"
    assert getattr((await app.store.communities.get(COMMUNITY)).settings, key) == "console:care"
    audit = text(await run(app, MOD, "mod audit"))
    assert "discord" not in audit
    [off] = await run(app, MOD, "mod settings", key=key, value="off")
    assert not off.error
    assert getattr((await app.store.communities.get(COMMUNITY)).settings, key) is None


@pytest.mark.parametrize("fails", [False, True])
async def test_when_the_platform_cant_tell_hearth_refuses_kindly_and_changes_nothing(app, fails):
    unsure = Unsure("console", fails=fails)
    app.add_channel_directory(unsure)
    [refused] = await run(app, MOD, "mod schedule create", channel="general", **WHEN)
    assert refused.error and refused.field == "channel" and "try again" in refused.plain()
    [refused] = await run(app, MOD, "mod settings", key="alert_channel", value="#care")
    assert refused.error and "try again" in refused.plain()
    assert unsure.asked == [(COMMUNITY, "console:general"), (COMMUNITY, "console:care")]
    assert await app.store.schedules.list_all(COMMUNITY) == []
    assert (await app.store.communities.get(COMMUNITY)).settings == CommunitySettings()


async def test_a_platform_with_no_directory_is_refused(app):
    del app.channel_directories["console"]
    [refused] = await run(app, MOD, "mod schedule create", channel="general", **WHEN)
    assert refused.error and refused.field == "channel"
    assert await app.store.schedules.list_all(COMMUNITY) == []


async def test_another_terminal_communitys_moderator_still_names_their_own(app):
    other = actor("max", moderator=True, community="console:other")
    [preview] = await run(app, other, "mod schedule create", channel="#general", **WHEN)
    assert not preview.error and preview.buttons
