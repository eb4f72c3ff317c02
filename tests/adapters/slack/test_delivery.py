"""The outbox's Slack sender through the real slack-sdk: 429s, pacing, failures, DMs."""

from __future__ import annotations

import time
import urllib.parse
from datetime import timedelta

from adapters.slack.sender import SlackSender
import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.delivery.sender import Delivery, PermanentFailure
from bot.events import Reply, reply_to_json, rich
from bot.models import Outgoing

from tests.adapters.slack.conftest import ANN, texts


def post(channel: str, text: str) -> Outgoing:
    return Outgoing(f"test:{channel}:{text}", "post", {"channel": f"slack:{channel}"},
                    reply_to_json(Reply(body=rich(text), visibility="channel")))


async def test_a_429_is_retried_after_retry_after_and_delivered_once(app, clock, fake, adapter):
    fake.fail("chat.postMessage", status=429, retry_after=2)
    await app.store.outbox.enqueue([post("C0GENERAL", "Hello, everyone")], app.now())
    first = await app.outbox.drain_all()
    assert first.retried == 1 and first.sent == 0
    assert fake.called("chat.postMessage") == []
    clock.advance(timedelta(seconds=1))
    assert (await app.outbox.drain_all()).sent == 0  # not before Retry-After
    clock.advance(timedelta(seconds=1.5))
    started = time.monotonic()
    second = await app.outbox.drain_all()
    assert second.sent == 1
    assert time.monotonic() - started >= 1.5  # the workspace bucket waited out Retry-After too
    [sent] = fake.called("chat.postMessage")
    assert texts(sent["blocks"]) == "Hello, everyone"
    assert (await app.outbox.drain_all()).sent == 0  # delivered once


async def test_a_429_on_a_click_reply_is_retried_by_the_sdk(app, fake, side):
    """Replies to a person wait out Retry-After in slack-sdk's retry handler (installed on purpose)."""
    fake.fail("chat.postEphemeral", status=429, retry_after=1)
    body = side.command_body(ANN, "help")
    del body["response_url"]  # so the reply goes through chat.postEphemeral
    started = time.monotonic()
    status, _ = await side.post(urllib.parse.urlencode(body), "application/x-www-form-urlencoded")
    assert status == 200 and time.monotonic() - started < 1.0  # acked at once, the wait is after
    [ephemeral] = await fake.wait_for("chat.postEphemeral")
    assert len(fake.called("chat.postEphemeral!failed")) == 1
    assert time.monotonic() - started >= 1.0
    assert ephemeral["user"] == ANN and ephemeral["channel"] == "C0GENERAL"


async def test_posts_to_one_channel_are_paced(fake):
    sender = SlackSender(AsyncWebClient(token="xoxb-test", base_url=fake.api_url), channel_interval=0.3)
    message = Reply(body=rich("hi"), visibility="channel")
    started = time.monotonic()
    for _ in range(3):
        await sender.send(Delivery("post", message, channel="slack:C1"))
    await sender.send(Delivery("post", message, channel="slack:C2"))  # another channel need not wait
    calls = [c for c in fake.calls if c.method == "chat.postMessage"]
    gaps = [b.at - a.at for a, b in zip(calls, calls[1:])]
    assert gaps[0] >= 0.25 and gaps[1] >= 0.25 and gaps[2] < 0.2
    assert time.monotonic() - started >= 0.55


async def test_dms_open_a_conversation_once_and_threads_reply_under_the_post(fake):
    sender = SlackSender(AsyncWebClient(token="xoxb-test", base_url=fake.api_url), channel_interval=0)
    message = Reply(body=rich("hello"))
    await sender.send(Delivery("dm", message, user="slack:UANN"))
    await sender.send(Delivery("dm", message, user="slack:UANN"))
    assert len(fake.called("conversations.open")) == 1
    assert [p["channel"] for p in fake.called("chat.postMessage")] == ["DANN", "DANN"]
    ts = await sender.send(Delivery("thread", message, channel="slack:C1", parent_ref="1.000001"))
    assert fake.called("chat.postMessage")[-1]["thread_ts"] == "1.000001" and ts
    await sender.send(Delivery("delete", Reply(), channel="slack:C1", ref=ts))
    assert fake.called("chat.delete") == [{"channel": "C1", "ts": ts}]
    fake.fail("chat.delete", error="message_not_found")  # someone took it down first: done, not failed
    assert await sender.send(Delivery("delete", Reply(), channel="slack:C1", ref=ts)) is None


async def test_permanent_failures_are_told_apart(fake):
    sender = SlackSender(AsyncWebClient(token="xoxb-test", base_url=fake.api_url), channel_interval=0)
    fake.fail("chat.postMessage", error="channel_not_found")
    with pytest.raises(PermanentFailure) as gone:
        await sender.send(Delivery("post", Reply(body=rich("x")), channel="slack:CGONE"))
    assert not gone.value.dm_closed
    fake.fail("conversations.open", error="cannot_dm_bot")
    with pytest.raises(PermanentFailure) as closed:
        await sender.send(Delivery("dm", Reply(body=rich("x")), user="slack:UBOTTY"))
    assert closed.value.dm_closed
    fake.fail("chat.postMessage", error="internal_error")
    with pytest.raises(Exception) as transient:
        await sender.send(Delivery("post", Reply(body=rich("x")), channel="slack:C1"))
    assert not isinstance(transient.value, PermanentFailure)


async def test_an_app_with_its_messages_tab_off_warns_the_operator_once(fake, caplog):
    """Every member's DMs fail alike then, and only whoever runs the app can fix it."""
    sender = SlackSender(AsyncWebClient(token="xoxb-test", base_url=fake.api_url), channel_interval=0)
    fake.fail("conversations.open", error="messages_tab_disabled", times=2)
    for user in ("slack:UANN", "slack:UBEN"):
        with pytest.raises(PermanentFailure) as closed:
            await sender.send(Delivery("dm", Reply(body=rich("x")), user=user))
        assert not closed.value.dm_closed  # not the member's doing: nobody is marked, DMs resume once it's fixed
    warnings = [r for r in caplog.records if "Messages tab is turned off" in r.getMessage()]
    assert len(warnings) == 1 and warnings[0].levelname == "WARNING"
    assert "App Home" in warnings[0].getMessage()
    fake.fail("conversations.open", error="cannot_dm_bot")  # one member's choice: nothing for the operator
    with pytest.raises(PermanentFailure) as theirs:
        await sender.send(Delivery("dm", Reply(body=rich("x")), user="slack:UCAT"))
    assert theirs.value.dm_closed
    assert len([r for r in caplog.records if "Messages tab" in r.getMessage()]) == 1


async def test_find_sent_reads_the_outbox_key_back_from_history_dms_and_threads(fake):
    """After a crash, the sender can tell from Slack itself whether a send had arrived."""
    sender = SlackSender(AsyncWebClient(token="xoxb-test", base_url=fake.api_url), channel_interval=0.0)
    hi = Reply(body=rich("hi"), visibility="channel")
    post = Delivery("post", hi, channel="slack:C0GENERAL", key="outbox:1")
    dm = Delivery("dm", hi, user="slack:UANN", key="outbox:2")
    assert await sender.find_sent(post) is None and await sender.find_sent(dm) is None
    post_ts = await sender.send(post)
    dm_ts = await sender.send(dm)
    thread = Delivery("thread", hi, channel="slack:C0GENERAL", parent_ref=post_ts, key="outbox:3")
    assert await sender.find_sent(thread) is None
    reply_ts = await sender.send(thread)
    [first, *_] = fake.called("chat.postMessage")
    assert first["metadata"] == {"event_type": "hearth_outbox", "event_payload": {"key": "outbox:1", "part": 0}}
    assert await sender.find_sent(post) == post_ts
    assert await sender.find_sent(dm) == dm_ts
    assert await sender.find_sent(thread) == reply_ts
    assert await sender.find_sent(Delivery("post", hi, channel="slack:C0GENERAL", key="outbox:9")) is None
    [history, *_] = fake.called("conversations.history")
    assert history["include_all_metadata"] in ("1", "true", True) and int(history["limit"]) == 50


async def test_find_sent_reads_a_long_thread_to_its_end(fake):
    """Thread replies come oldest first: a reply after hundreds of others is still found."""
    sender = SlackSender(AsyncWebClient(token="xoxb-test", base_url=fake.api_url), channel_interval=0.0)
    hi = Reply(body=rich("hi"), visibility="channel")
    parent = await sender.send(Delivery("post", hi, channel="slack:C0GENERAL", key="outbox:1"))
    for i in range(450):
        fake._m_chat_postMessage({"channel": "C0GENERAL", "text": f"answer {i}", "thread_ts": parent})
    mine = Delivery("thread", hi, channel="slack:C0GENERAL", parent_ref=parent, key="outbox:2")
    assert await sender.find_sent(mine) is None
    ts = await sender.send(mine)
    assert await sender.find_sent(mine) == ts
    assert len(fake.called("conversations.replies")) == 6  # three pages, twice
    nowhere = Delivery("thread", hi, channel="slack:C0GENERAL", parent_ref="1.000001", key="outbox:3")
    assert await sender.find_sent(nowhere) is None  # thread_not_found: nothing was sent there


async def test_find_sent_falls_back_to_sending_when_it_cannot_look(fake):
    """A workspace that hasn't granted the history scopes yet: send again (at least once), don't stall."""
    sender = SlackSender(AsyncWebClient(token="xoxb-test", base_url=fake.api_url), channel_interval=0.0)
    post = Delivery("post", Reply(body=rich("hi"), visibility="channel"), channel="slack:C0GENERAL", key="outbox:1")
    fake.fail("conversations.history", error="missing_scope")
    assert await sender.find_sent(post) is None
    fake.fail("conversations.history", status=500, error="internal_error")
    with pytest.raises(SlackApiError):
        await sender.find_sent(post)  # transient: the outbox tries again later
