"""Socket Mode: with an app-level token the adapter dials Slack's websocket instead of listening."""

from __future__ import annotations

import pytest

from adapters.slack.app import SlackAdapter
from adapters.slack.shape import problem
from tests.adapters.slack.conftest import ANN, slack_config, texts


@pytest.fixture
async def socket_adapter(app, fake, tmp_path):
    config = slack_config(tmp_path, fake, HEARTH_SLACK_APP_TOKEN="xapp-test", HEARTH_SLACK_SIGNING_SECRET="")
    adapter = SlackAdapter(config, channel_interval=0.0)
    await adapter.start(app)
    yield adapter
    await adapter.stop()


async def test_socket_mode_connects_and_handles_a_slash_command(app, fake, socket_adapter):
    assert socket_adapter.port is None  # no HTTP server in Socket Mode
    assert [c.token for c in fake.calls if c.method == "apps.connections.open"] == ["xapp-test"]
    payload = {"team_id": fake.team, "channel_id": "C0GENERAL", "user_id": ANN, "user_name": "ann",
               "command": "/hearth", "text": "reflect", "api_app_id": "A0001", "trigger_id": "trig.sock",
               "response_url": f"{fake.url}/respond/sock"}
    ack = await fake.send_envelope("slash_commands", payload)
    assert ack["envelope_id"].startswith("env-")
    reply = ack["payload"]  # a quick answer comes back with the ack itself
    assert fake.called("response_url") == []
    assert reply["response_type"] == "ephemeral"
    assert "Another one" in str(reply["blocks"])
    assert texts(reply["blocks"])


async def test_socket_mode_handles_home_events(app, fake, socket_adapter):
    event = {"token": "legacy", "team_id": fake.team, "api_app_id": "A0001", "type": "event_callback",
             "event_id": "EvS1", "event_time": 1,
             "event": {"type": "app_home_opened", "user": ANN, "channel": "D0", "tab": "home", "event_ts": "1.0"}}
    await fake.send_envelope("events_api", event)
    [published] = await fake.wait_for("views.publish")
    assert published["user_id"] == ANN


async def test_http_mode_needs_a_signing_secret(app, fake, tmp_path):
    adapter = SlackAdapter(slack_config(tmp_path, fake, HEARTH_SLACK_SIGNING_SECRET=""))
    with pytest.raises(RuntimeError, match="HEARTH_SLACK_SIGNING_SECRET"):
        await adapter.start(app)


async def test_socket_mode_acks_a_malformed_payload_with_one_line(app, fake, socket_adapter, caplog):
    """The same shape check as over HTTP: acked (so Slack doesn't resend it), logged once, not run."""
    caplog.set_level("INFO")
    for payload in ({"type": "block_actions", "team": {"id": fake.team}, "user": {"id": ANN}, "actions": []},
                    {"type": "event_callback", "team_id": fake.team, "event": None},
                    {"team_id": fake.team, "command": "/hearth", "user_id": 5}):
        caplog.clear()
        ack = await fake.send_envelope("interactive", payload)
        assert ack["envelope_id"].startswith("env-") and "payload" not in ack
        assert [r.getMessage() for r in caplog.records if r.name == "adapters.slack.app"] == [
            f"refused a Socket Mode interactive: {problem(payload)}"]
        assert not any(r.exc_info for r in caplog.records)
    await fake.settle(0.2)
    assert fake.called("response_url") == [] and fake.called("views.open") == []
