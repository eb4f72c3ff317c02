"""Words written to Hearth in a thread are answered in that thread, to the writer alone, where they are reading."""

from __future__ import annotations

from testing.fake_slack import BOT_USER
from tests.adapters.slack.conftest import ANN, texts

CARE = "You don't have to face this alone"


async def test_a_mention_in_a_thread_is_answered_in_the_thread(fake, side):
    await side.event({"type": "app_mention", "user": ANN, "channel": "C0GENERAL", "ts": "7.000200",
                      "thread_ts": "7.000100", "text": f"<@{BOT_USER}> i want to kill myself tonight"}, "EvThread1")
    [shown] = await fake.wait_for("chat.postEphemeral")
    assert shown["user"] == ANN and shown["channel"] == "C0GENERAL" and shown["thread_ts"] == "7.000100"
    assert CARE in texts(shown["blocks"])


async def test_an_edited_mention_in_a_thread_is_answered_in_the_thread(fake, side):
    event = side.edited(ANN, "C0GENERAL", "8.000200", f"<@{BOT_USER}> fine thanks",
                        f"<@{BOT_USER}> i want to kill myself tonight", channel_type="channel")
    for message in (event["message"], event["previous_message"]):
        message["thread_ts"] = "8.000100"
    await side.event(event, "EvThread2")
    [shown] = await fake.wait_for("chat.postEphemeral")
    assert shown["thread_ts"] == "8.000100" and CARE in texts(shown["blocks"])


async def test_a_mention_at_the_channels_top_is_answered_there(fake, side):
    await side.event({"type": "app_mention", "user": ANN, "channel": "C0GENERAL", "ts": "9.0",
                      "text": f"<@{BOT_USER}> help"}, "EvTop1")
    [shown] = await fake.wait_for("chat.postEphemeral")
    assert "thread_ts" not in shown and "checkin join" in texts(shown["blocks"])


async def test_a_message_in_hearths_dm_is_answered_in_the_dm(fake, side):
    await side.event({"type": "message", "channel_type": "im", "user": ANN, "channel": "DANN", "ts": "10.2",
                      "thread_ts": "10.1", "text": "help"}, "EvDmThread")
    [shown] = await fake.wait_for("chat.postMessage", where=lambda p: p["channel"] == ANN)
    assert "thread_ts" not in shown
