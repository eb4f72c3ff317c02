"""The app manifests declare what the adapter relies on; the runtime finds the adapter."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from adapters.slack.app import EVENTS_PATH, SlackAdapter
from bot.config import load
from hearth.runtime import platform_adapters

HERE = Path(__file__).resolve().parents[3] / "adapters" / "slack"


@pytest.mark.parametrize("name", ["manifest.json", "manifest.http.json"])
def test_manifest_declares_command_scopes_home_and_events(name):
    m = json.loads((HERE / name).read_text())
    [command] = m["features"]["slash_commands"]
    assert command["command"] == "/hearth" and command["should_escape"] is True
    assert m["features"]["app_home"]["home_tab_enabled"] is True
    assert "app_home_opened" in m["settings"]["event_subscriptions"]["bot_events"]
    # words written to Hearth (an @mention, its DM) reach it, to be screened like every text (`on_message`)
    assert {"app_mention", "message.im"} <= set(m["settings"]["event_subscriptions"]["bot_events"])
    assert "app_mentions:read" in m["oauth_config"]["scopes"]["bot"]
    assert m["features"]["app_home"]["messages_tab_read_only_enabled"] is False
    assert m["settings"]["interactivity"]["is_enabled"] is True
    # commands: /hearth · chat:write: posts, ephemerals, updates · im:write: conversations.open for DMs
    # users:read: users.info (admin, timezone) · files:write: exports to the member's DM
    # files:read: files.info and the bytes of a pack uploaded in the import modal
    # *:history: conversations.history/replies, so find_sent can tell after a crash whether a send arrived
    assert {"commands", "chat:write", "im:write", "users:read", "files:read", "files:write", "channels:history",
            "groups:history", "im:history", "mpim:history"} <= set(m["oauth_config"]["scopes"]["bot"])
    if m["settings"]["socket_mode_enabled"]:
        assert "url" not in command
    else:
        assert command["url"].endswith(EVENTS_PATH)
        assert m["settings"]["interactivity"]["request_url"].endswith(EVENTS_PATH)
        assert m["settings"]["event_subscriptions"]["request_url"].endswith(EVENTS_PATH)


def test_runtime_enables_slack_when_its_token_is_set(tmp_path):
    config = load(env={"HEARTH_DATA_DIR": str(tmp_path), "HEARTH_SLACK_BOT_TOKEN": "xoxb-1",
                       "HEARTH_SLACK_SIGNING_SECRET": "s"})
    [adapter] = [a for a in platform_adapters(config) if a.platform == "slack"]
    assert isinstance(adapter, SlackAdapter) and not adapter.socket_mode
    socket = load(env={"HEARTH_DATA_DIR": str(tmp_path), "HEARTH_SLACK_BOT_TOKEN": "xoxb-1",
                       "HEARTH_SLACK_APP_TOKEN": "xapp-1"})
    assert [a for a in platform_adapters(socket) if a.platform == "slack"][0].socket_mode
