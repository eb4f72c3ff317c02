"""Slack's Web API out of reach while Slack's requests still arrive (trial 6, F5): Bolt asks `auth.test` before any
listener runs, and that failure was a bare 500 with a 60-line traceback, the event dropped. Now: one warning line,
an event answered so Slack sends it again (and handled once when Slack answers), a slash command answered in its
ack with the person's words given back."""

from __future__ import annotations

import json
import logging
import socket

import pytest

from adapters.slack.app import EVENTS_PATH, SlackAdapter
from testing.block_kit import message_problems
from testing.fake_slack import SlackSide
from tests.adapters.slack.conftest import ANN, SECRET, slack_config, texts

CARE = "You don't have to face this alone"


def closed_port() -> int:
    """A port on 127.0.0.1 nothing listens on: a connection there is refused."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
async def down(app, fake, tmp_path):
    slack = SlackAdapter(slack_config(tmp_path, fake, HEARTH_SLACK_API_URL=f"http://127.0.0.1:{closed_port()}/api/"),
                         channel_interval=0.0)
    await slack.start(app)
    yield slack
    await slack.stop()


def dm(text: str) -> dict:
    return {"type": "message", "channel_type": "im", "user": ANN, "channel": "DANN", "ts": "7.0", "text": text}


async def test_a_dm_while_slack_is_down_is_answered_for_slack_to_send_again_then_handled_once(down, fake, caplog):
    side = SlackSide(fake, f"http://127.0.0.1:{down.port}{EVENTS_PATH}", SECRET)
    with caplog.at_level(logging.INFO):
        status, _ = await side.event(dm("I want to die"), "EvDown1")
    assert status == 503  # not 2xx: Slack retries the event
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info], caplog.text
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING and "can't be reached" in
            r.getMessage()] != []
    down.client.base_url = fake.api_url  # Slack answers again; it sends the event again, as it does
    status, _ = await side.event(dm("I want to die"), "EvDown1", retry=1)
    assert status == 200
    [shown] = await fake.wait_for("chat.postMessage", where=lambda p: p["channel"] == ANN)
    assert CARE in texts(shown["blocks"])
    status, _ = await side.event(dm("I want to die"), "EvDown1", retry=2)
    await fake.settle()
    assert status == 200 and len(fake.called("chat.postMessage")) == 1  # handled once


async def test_a_slash_command_while_slack_is_down_says_so_in_its_ack_and_gives_the_words_back(down, fake, caplog):
    side = SlackSide(fake, f"http://127.0.0.1:{down.port}{EVENTS_PATH}", SECRET)
    with caplog.at_level(logging.INFO):
        status, answer = await side.command(ANN, "note add a thought I want to keep")
    assert status == 200
    ack = json.loads(answer)
    assert ack["response_type"] == "ephemeral" and message_problems(ack) == []
    words = texts(ack["blocks"])
    assert "can't reach Slack right now" in words and "a thought I want to keep" in words
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info], caplog.text


async def test_a_button_while_slack_is_down_is_not_a_500(down, fake, caplog):
    side = SlackSide(fake, f"http://127.0.0.1:{down.port}{EVENTS_PATH}", SECRET)
    with caplog.at_level(logging.INFO):
        status, _ = await side.click(ANN, {"type": "button", "action_id": "hearth:x", "value": "{}",
                                            "text": {"type": "plain_text", "text": "Go"}})
    assert status == 503
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info], caplog.text


async def test_words_of_concern_in_a_slash_command_while_slack_is_down_get_the_care_reply(down, fake, caplog):
    side = SlackSide(fake, f"http://127.0.0.1:{down.port}{EVENTS_PATH}", SECRET)
    with caplog.at_level(logging.INFO):
        status, answer = await side.command(ANN, "I want to die")
    assert status == 200
    ack = json.loads(answer)
    assert message_problems(ack) == []
    assert CARE in texts(ack["blocks"]), texts(ack["blocks"])
    assert "I want to die" not in texts(ack["blocks"]) and "try again" not in texts(ack["blocks"]), texts(ack["blocks"])
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info], caplog.text
