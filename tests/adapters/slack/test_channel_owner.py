"""A channel a moderator names on Slack must be one of their workspace's own (`SlackChannels`, conversations.info)."""

from __future__ import annotations

from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.channels import SlackChannels
from testing.fake_slack import TEAM
from tests.adapters.slack.conftest import MOD, texts
from tests.adapters.slack.test_member import make_schedule, reply_to

COMMUNITY = f"slack:{TEAM}"


async def settings_of(app):
    return (await app.store.communities.ensure(COMMUNITY, app.now())).settings


async def test_another_workspaces_channel_is_refused_and_nothing_changes(app, fake, side):
    fake.add_channel("C0THEIRS", "general", team="T0OTHER")  # their token sees it; ours doesn't
    said = await reply_to(fake, side, MOD, "mod settings alert_channel <#C0THEIRS|general>")
    assert "can't find that channel" in texts(said["blocks"])
    said = await reply_to(fake, side, MOD, "mod settings digest_channel discord:1234")
    assert "That channel is on discord" in texts(said["blocks"])
    settings = await settings_of(app)
    assert settings.alert_channel is None and settings.digest_channel is None


async def test_an_archived_channel_is_refused_and_the_workspaces_own_is_taken(app, fake, side):
    fake.add_channel("C0OLD", "old-news", archived=True)
    said = await reply_to(fake, side, MOD, "mod settings alert_channel <#C0OLD|old-news>")
    assert "can't find that channel" in texts(said["blocks"])
    said = await reply_to(fake, side, MOD, "mod settings alert_channel <#C0CARE|care-team>")
    assert "Saved" in texts(said["blocks"])
    assert (await settings_of(app)).alert_channel == "slack:C0CARE"
    assert [c["channel"] for c in fake.called("conversations.info")] == ["C0OLD", "C0CARE"]


async def test_a_schedule_cannot_move_to_another_workspace(app, fake, side):
    await make_schedule(side, fake)
    said = await reply_to(fake, side, MOD, "mod schedule edit mornings channel=<#C0ELSEWHERE|general>")
    assert "can't find that channel" in texts(said["blocks"])
    [schedule] = await app.store.schedules.list_all(COMMUNITY)
    assert schedule.channel_id == "slack:C0GENERAL"


async def test_when_slack_cant_say_hearth_refuses_and_changes_nothing(app, fake, side):
    fake.fail("conversations.info", error="internal_error")
    said = await reply_to(fake, side, MOD, "mod settings alert_channel <#C0CARE|care-team>")
    assert "couldn't check that channel" in texts(said["blocks"])
    assert (await settings_of(app)).alert_channel is None


async def test_a_community_of_another_team_owns_none_of_this_tokens_channels(fake):
    channels = SlackChannels(AsyncWebClient(token="xoxb-test", base_url=fake.api_url))
    assert await channels.belongs(COMMUNITY, "slack:C0GENERAL") is True
    assert await channels.belongs("slack:T0OTHER", "slack:C0GENERAL") is False
    assert await channels.belongs(COMMUNITY, "slack:C0NOPE") is False
