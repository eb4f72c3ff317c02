"""Signatures, retries and injected mentions: what Slack's far side must not get away with."""

from __future__ import annotations

import time

from tests.adapters.slack.conftest import ANN, buttons, texts


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
    assert "<!channel>" not in fake.sent_texts()
    assert "<@UMIA>" not in fake.sent_texts()
    assert "<http://evil.example|click me>" not in fake.sent_texts()
