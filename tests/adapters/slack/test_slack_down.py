"""Slack's Web API out of reach while Slack's requests still arrive (trial 6, F5): Bolt asks `auth.test` before any
listener runs, and that failure was a bare 500 with a 60-line traceback, the event dropped. Now: one warning line,
an event answered so Slack sends it again (and handled once when Slack answers), a slash command answered in its
ack with the person's words given back. Slack down only after it was reached once (Bolt's auth.test kept): the
event is acked and handled, and what Slack didn't take waits in the outbox, to arrive once when Slack is back."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
from datetime import timedelta

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


@pytest.fixture
def down_side(down, fake) -> SlackSide:
    """Slack's side of the app whose Web API is down from the start."""
    return SlackSide(fake, f"http://127.0.0.1:{down.port}{EVENTS_PATH}", SECRET)


def dm(text: str) -> dict:
    return {"type": "message", "channel_type": "im", "user": ANN, "channel": "DANN", "ts": "7.0", "text": text}


async def test_a_dm_while_slack_is_down_is_answered_for_slack_to_send_again_then_handled_once(down, down_side, fake,
                                                                                               caplog):
    with caplog.at_level(logging.INFO):
        status, _ = await down_side.event(dm("I want to die"), "EvDown1")
    assert status == 503  # not 2xx: Slack retries the event
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info], caplog.text
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING and "can't be reached" in
            r.getMessage()] != []
    down.client.base_url = fake.api_url  # Slack answers again; it sends the event again, as it does
    status, _ = await down_side.event(dm("I want to die"), "EvDown1", retry=1)
    assert status == 200
    [shown] = await fake.wait_for("chat.postMessage", where=lambda p: p["channel"] == ANN)
    assert CARE in texts(shown["blocks"])
    status, _ = await down_side.event(dm("I want to die"), "EvDown1", retry=2)
    await fake.settle()
    assert status == 200 and len(fake.called("chat.postMessage")) == 1  # handled once


async def test_a_slash_command_while_slack_is_down_says_so_in_its_ack_and_gives_the_words_back(down_side, caplog):
    with caplog.at_level(logging.INFO):
        status, answer = await down_side.command(ANN, "note add the plants need water on friday")
    assert status == 200
    ack = json.loads(answer)
    assert ack["response_type"] == "ephemeral" and message_problems(ack) == []
    words = texts(ack["blocks"])
    assert "can't reach Slack right now" in words and "the plants need water on friday" in words
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info], caplog.text


async def test_words_given_back_while_slack_is_down_name_people_as_the_text_does(down_side):
    """A mention in them is the name Slack wrote in it ("@bobby"), or "@someone": never a raw "<@U…>" or an id."""
    _status, answer = await down_side.command(ANN, "note I fought with <@UBOB|bobby> and <@UCY> &lt;3")
    words = texts(json.loads(answer)["blocks"])
    assert "I fought with @bobby and @someone <3" in words and "UBOB" not in words and "UCY" not in words


async def test_a_button_while_slack_is_down_is_not_a_500(down_side, caplog):
    with caplog.at_level(logging.INFO):
        status, _ = await down_side.click(ANN, {"type": "button", "action_id": "hearth:x", "value": "{}",
                                                 "text": {"type": "plain_text", "text": "Go"}})
    assert status == 503
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info], caplog.text


async def test_words_of_concern_in_a_slash_command_while_slack_is_down_get_the_care_reply(down_side, caplog):
    with caplog.at_level(logging.INFO):
        status, answer = await down_side.command(ANN, "I want to die")
    assert status == 200
    ack = json.loads(answer)
    assert message_problems(ack) == []
    assert CARE in texts(ack["blocks"]), texts(ack["blocks"])
    assert "I want to die" not in texts(ack["blocks"]) and "try again" not in texts(ack["blocks"]), texts(ack["blocks"])
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info], caplog.text


def slack_goes(adapter: SlackAdapter, url: str) -> None:
    """Every Web API client of the adapter (its listeners' and the outbox's sender's) pointed at `url`."""
    adapter.client.base_url = url
    adapter.sender.client.base_url = url


async def answered(adapter: SlackAdapter) -> None:
    """The work that followed the acks, done."""
    while adapter._following:
        await asyncio.wait(set(adapter._following))


async def reached_then_down(adapter: SlackAdapter, side: SlackSide, text: str, event_id: str) -> None:
    """A DM Slack answers (Bolt keeps its auth.test from then on), then Slack goes down."""
    status, _ = await side.event(dm(text), event_id)
    assert status == 200
    await answered(adapter)
    slack_goes(adapter, f"http://127.0.0.1:{closed_port()}/api/")


async def slack_is_back(app, adapter: SlackAdapter, fake, clock) -> None:  # type: ignore[no-untyped-def]
    """Slack answers again, and the outbox, which backs off on Hearth's clock, has had time to try."""
    slack_goes(adapter, fake.api_url)
    clock.advance(timedelta(minutes=10))
    await app.outbox.drain_all()


async def test_words_of_concern_in_a_dm_while_slack_went_down_get_the_care_reply_once_slack_is_back(
        app, adapter, fake, side, clock, caplog):
    """Slack reached once (Bolt's auth.test is then kept), then down: the event is acked 200 and handled, and the
    care reply that Slack didn't take waits in the outbox, to arrive once when Slack answers, never twice."""
    await reached_then_down(adapter, side, "hello", "EvUp1")
    before = len(fake.called("chat.postMessage"))
    with caplog.at_level(logging.INFO):
        status, _ = await side.event(dm("I want to die"), "EvLost1")
        assert status == 200
        await answered(adapter)
        assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info], caplog.text
        await slack_is_back(app, adapter, fake, clock)
    shown = [texts(p["blocks"]) for p in fake.called("chat.postMessage")[before:]]
    assert len([s for s in shown if CARE in s]) == 1, shown
    status, _ = await side.event(dm("I want to die"), "EvLost1", retry=1)  # (were it sent again)
    await answered(adapter)
    await app.outbox.drain_all()
    await fake.settle()
    shown = [texts(p["blocks"]) for p in fake.called("chat.postMessage")[before:]]
    assert status == 200 and len([s for s in shown if CARE in s]) == 1, shown


async def test_any_answer_to_a_dm_that_slack_didnt_take_arrives_once_when_slack_is_back(app, adapter, fake, side,
                                                                                         clock, caplog):
    """Not only care: what Hearth answers a message written to it (here, its help) isn't lost with an outage that
    began after Slack was reached once; Slack acked the event and won't send it again."""
    await reached_then_down(adapter, side, "help", "EvUp2")
    [first] = [texts(p["blocks"]) for p in fake.called("chat.postMessage")]
    with caplog.at_level(logging.INFO):
        status, _ = await side.event(dm("help"), "EvLost2")
        await answered(adapter)
    assert status == 200
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info], caplog.text
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 1, caplog.text
    await slack_is_back(app, adapter, fake, clock)
    await app.outbox.drain_all()
    later = [texts(p["blocks"]) for p in fake.called("chat.postMessage")[1:]]
    assert later == [first], later
