"""Acks come first; slow work follows. And a slow modal submission still gets its answer."""

from __future__ import annotations

import json
import time
from datetime import datetime, timezone

import adapters.slack.app as slack_app
import adapters.slack.render as slack_render
from bot.scheduling.runner import RoundScheduler
from tests.adapters.slack.conftest import ANN, BOB, MOD, texts
from tests.adapters.slack.test_member import make_schedule


async def test_slash_command_is_acked_before_the_slow_work(app, fake, side):
    fake.delays["users.info"] = 2.0  # Slack is slow to tell us who this is
    started = time.monotonic()
    status, body = await side.command(ANN, "help")
    assert status == 200 and body == ""
    assert time.monotonic() - started < 1.0
    await fake.wait_for("response_url", timeout=6)


async def test_a_quick_answer_rides_on_the_ack_and_a_slow_one_follows_it(app, fake, side):
    status, body = await side.command(ANN, "checkin status")
    answer = json.loads(body)
    assert status == 200 and answer["response_type"] == "ephemeral" and "Your check-ins" in texts(answer["blocks"])
    assert [c.get("via") for c in fake.called("response_url")] == ["ack"]  # no second trip to the response URL

    fake.delays["users.info"] = 1.0  # past the budget: a plain ack, then the answer
    started = time.monotonic()
    status, body = await side.command(BOB, "checkin status")
    assert status == 200 and body == "" and time.monotonic() - started < 0.8
    [late] = await fake.wait_for("response_url", where=lambda p: p.get("via") is None, timeout=5)
    assert "Your check-ins" in texts(late["blocks"])


async def test_an_answer_in_several_parts_all_goes_to_the_response_url_in_order(app, fake, side, monkeypatch):
    monkeypatch.setattr(slack_render, "MAX_MESSAGE_BLOCKS", 2)  # help, in sections of 300 characters: several messages
    monkeypatch.setattr(slack_render.chunks, "__defaults__", (300,))
    status, body = await side.command(ANN, "help")
    assert status == 200 and body == ""
    parts = await fake.wait_for("response_url", 2)
    assert "continued in the next message (2 of" in json.dumps(parts[0]["blocks"])
    assert all(p.get("via") is None for p in parts)


async def test_stopping_lets_an_answer_on_its_way_arrive_and_cancels_one_that_takes_too_long(
        app, fake, side, adapter, monkeypatch, caplog):
    fake.delays["users.info"] = 0.6  # past the ack budget: the answer is still on its way when we stop
    status, body = await side.command(ANN, "checkin status")
    assert status == 200 and body == ""
    await adapter.stop()
    [late] = fake.called("response_url")
    assert "Your check-ins" in texts(late["blocks"])

    adapter2 = slack_app.SlackAdapter(adapter.config, channel_interval=0.0)
    await adapter2.start(app)
    monkeypatch.setattr(slack_app, "STOP_GRACE_SECONDS", 0.1)
    fake.delays["users.info"] = 3.0
    side.app_url = f"http://127.0.0.1:{adapter2.port}{slack_app.EVENTS_PATH}"
    status, _ = await side.command(BOB, "checkin status")
    assert status == 200
    started = time.monotonic()
    await adapter2.stop()
    assert time.monotonic() - started < 1.0
    assert "still working" in caplog.text and len(fake.called("response_url")) == 1


async def test_button_is_acked_before_the_slow_work(app, fake, side):
    fake.delays["users.info"] = 2.0
    started = time.monotonic()
    status, _ = await side.click(ANN, {"action_id": "hearth:1", "text": {"type": "plain_text", "text": "x"},
                                       "value": json.dumps({"k": "c", "n": "reflect", "a": {}})})
    assert status == 200 and time.monotonic() - started < 1.0
    await fake.wait_for("response_url", timeout=6)


async def test_a_slow_submission_closes_the_modal_and_answers_in_a_message(app, fake, side, monkeypatch):
    monkeypatch.setattr(slack_app, "SUBMIT_BUDGET_SECONDS", 0.0)
    await side.command(ANN, "me timezone")
    [opened] = await fake.wait_for("views.open")
    status, body = await side.submit(ANN, opened["view"], {"timezone": "Europe/Paris"})
    assert status == 200 and body == ""  # plain ack: the modal closes
    [message] = await fake.wait_for("chat.postEphemeral")
    assert message["channel"] == "C0GENERAL" and message["user"] == ANN
    assert "Europe/Paris" in texts(message["blocks"])


async def test_checkin_answer_alone_opens_the_answer_form(app, clock, fake, side):
    await make_schedule(side, fake)
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    await RoundScheduler(app).run_pending()
    await app.outbox.drain_all()
    await side.command(ANN, "checkin answer")
    [opened] = await fake.wait_for("views.open")
    view = opened["view"]
    assert view["title"]["text"] == "Check in"
    assert [b["block_id"] for b in view["blocks"] if b["type"] == "input"] == ["mood", "words", "visibility"]
    status, body = await side.submit(ANN, view, {"mood": "5", "visibility": "private", "words": "fine"})
    assert "kept private" in texts(json.loads(body)["view"]["blocks"])


async def test_a_file_reply_goes_to_the_members_dm(app, fake, side):
    """`me export` arrives as a JSON file in the member's DM with Hearth."""
    await side.command(ANN, "me export")
    await fake.wait_for("files.completeUploadExternal")
    [upload] = fake.called("files.completeUploadExternal")
    assert upload["channel_id"] == "DANN"
    [data] = list(fake.uploads.values())
    assert json.loads(data)  # the real export, as JSON
    [reply] = fake.called("response_url")
    assert texts(reply["blocks"])


async def test_forged_interactions_and_events_are_refused(fake, side):
    status, _ = await side.click(MOD, {"action_id": "hearth:1", "text": {"type": "plain_text", "text": "x"},
                                       "value": json.dumps({"k": "c", "n": "mod schedule delete",
                                                            "a": {"name": "x"}})}, secret="forged")
    assert status == 401
    side.secret = "forged"
    status, _ = await side.event({"type": "app_home_opened", "user": ANN, "tab": "home"}, "EvF")
    assert status == 401
    await fake.settle(0.2)
    assert fake.called("views.publish") == [] and fake.called("response_url") == []


async def test_an_expired_trigger_asks_to_press_again(app, fake, side):
    fake.fail("views.open", error="expired_trigger_id")
    await side.command(ANN, "me timezone")
    [sorry] = await fake.wait_for("response_url")
    assert "Please press it again" in texts(sorry["blocks"])
