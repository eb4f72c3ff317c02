"""Signatures, retries and injected mentions: what Slack's far side must not get away with."""

from __future__ import annotations

import json
import time
import urllib.parse
from typing import Any

import pytest
from slack_bolt.request.async_request import AsyncBoltRequest

from adapters.slack.app import checked_request
from adapters.slack.shape import parsed, problem
from tests.adapters.slack.conftest import ANN, buttons, texts

FORM = "application/x-www-form-urlencoded"


async def test_forged_signature_is_refused(fake, side):
    status, _ = await side.command(ANN, "help", secret="not-the-secret")
    assert status == 401
    await fake.settle(0.2)
    assert fake.called("response_url") == []


async def test_stale_signature_is_refused(fake, side):
    status, _ = await side.command(ANN, "help", timestamp=int(time.time()) - 10 * 60)
    assert status == 401
    await fake.settle(0.2)
    assert fake.called("response_url") == []


async def test_signed_request_is_accepted(fake, side):
    status, _ = await side.command(ANN, "help")
    assert status == 200
    await fake.wait_for("response_url")


async def test_retried_event_has_one_effect(fake, side):
    event = {"type": "app_home_opened", "user": ANN, "channel": "D0ANN", "tab": "home", "event_ts": "1.0"}
    assert (await side.event(event, "Ev001"))[0] == 200
    await fake.wait_for("views.publish")
    assert (await side.event(event, "Ev001", retry=1))[0] == 200
    assert (await side.event(event, "Ev001", retry=2))[0] == 200
    await fake.settle()
    assert len(fake.called("views.publish")) == 1
    # a new event (a new id) is a new effect
    await side.event(event, "Ev002")
    await fake.wait_for("views.publish", 2)


async def test_retried_slash_command_has_one_effect(app, fake, side):
    await side.command(ANN, "reflect", trigger_id="trig.same")
    await fake.wait_for("response_url")
    await side.command(ANN, "reflect", trigger_id="trig.same", headers={"X-Slack-Retry-Num": "1"})
    await fake.settle()
    assert len(fake.called("response_url")) == 1


async def test_injected_mentions_are_sent_as_text(app, fake, side):
    # A schedule name a moderator typed, shown back to a member: the name carries pings and a spoofed link.
    from tests.adapters.slack.conftest import MOD

    await side.command(MOD, "mod schedule create mornings <#C0GENERAL|general> weekdays 09:00")
    [preview] = await fake.wait_for("response_url")
    await side.click(MOD, buttons(preview["blocks"])["Save"], ephemeral=True)
    await fake.wait_for("response_url", 2)
    assert await app.store.schedules.find("slack:T0001", "mornings") is not None
    await side.command(ANN, "checkin join <!channel><@UMIA><http://evil.example|click me>")
    replies = await fake.wait_for("response_url", 3)
    shown = texts(replies[-1]["blocks"])
    assert "couldn't find" in shown and "@channel" in shown and "&lt;http://evil.example&gt;" not in shown
    assert "<!channel>" not in fake.parsed_texts()
    assert "<@UMIA>" not in fake.parsed_texts()
    assert "<http://evil.example|click me>" not in fake.parsed_texts()


def _bolt_reads(request: Any) -> dict[str, Any]:
    return {**{k: v for k, v in vars(request).items() if k != "context"}, "context": dict(request.context)}


@pytest.mark.parametrize("content_type,body", [
    (FORM, urllib.parse.urlencode({"team_id": "T0001", "channel_id": "C0GENERAL", "user_id": ANN, "command": "/hearth",
                                   "text": "checkin status", "response_url": "http://127.0.0.1:1/respond/1",
                                   "trigger_id": "trig.1"})),
    (FORM, urllib.parse.urlencode({"payload": json.dumps({
        "type": "block_actions", "team": {"id": "T0001"}, "user": {"id": ANN, "team_id": "T0001"},
        "channel": {"id": "C0GENERAL"}, "response_url": "http://127.0.0.1:1/respond/2", "trigger_id": "trig.2",
        "actions": [{"action_id": "hearth:0", "value": "{}"}]})})),
    ("application/json", json.dumps({"type": "event_callback", "team_id": "T0001", "event_id": "Ev1", "event": {
        "type": "app_home_opened", "user": ANN, "channel": "D0ANN", "tab": "home"},
        "authorizations": [{"team_id": "T0001", "user_id": "UBOT", "is_bot": True}]})),
])
def test_bolt_reads_the_payload_that_was_checked_as_it_would_read_its_own(content_type, body):
    """Bolt is handed the checked dict instead of parsing the text again; what it reads is the same either way."""
    headers = {"Content-Type": content_type, "X-Slack-Request-Timestamp": "1", "X-Slack-Signature": "v0=00"}
    checked = parsed(body, content_type)
    assert problem(checked) is None
    ours = checked_request(body, checked, "a=1", headers)
    assert ours.body is checked
    assert _bolt_reads(ours) == _bolt_reads(AsyncBoltRequest(body=body, query="a=1", headers=headers))
