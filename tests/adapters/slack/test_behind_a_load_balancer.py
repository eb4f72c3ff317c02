"""Slack over HTTP with two Hearth processes on one store: any request may land on either.

A preview made by one process is saved by a click on the other; a member joins
through one and sees it through the other; an event Slack retries to the
other process still has one effect.
"""

from __future__ import annotations

from adapters.slack.app import EVENTS_PATH, SlackAdapter
from bot.app import Hearth
from tests.adapters.slack.conftest import ANN, MOD, SECRET, buttons, slack_config, texts
from testing.fake_slack import SlackSide


async def test_requests_landing_on_either_process_have_the_same_effect(app, fake, tmp_path, clock):
    other = await Hearth.open(app.config, clock)  # the second process, on the same database
    first = SlackAdapter(slack_config(tmp_path, fake), channel_interval=0.0)
    second = SlackAdapter(slack_config(tmp_path, fake), channel_interval=0.0)
    await first.start(app)
    await second.start(other)
    try:
        a = SlackSide(fake, f"http://127.0.0.1:{first.port}{EVENTS_PATH}", SECRET)
        b = SlackSide(fake, f"http://127.0.0.1:{second.port}{EVENTS_PATH}", SECRET)
        b._ids = a._ids  # one Slack: trigger ids are unique across both processes
        await a.command(MOD, "mod schedule create mornings <#C0GENERAL|general> weekdays 09:00")
        previews = await fake.wait_for("response_url", where=lambda p: "Save" in buttons(p.get("blocks", [])))
        await b.click(MOD, buttons(previews[-1]["blocks"])["Save"], ephemeral=True)
        await fake.wait_for("response_url", where=lambda p: "Created" in texts(p.get("blocks", [])))

        await b.command(ANN, "checkin join mornings")
        await fake.wait_for("response_url", where=lambda p: "joined" in texts(p.get("blocks", [])))
        await a.command(ANN, "checkin status")
        status = await fake.wait_for("response_url", where=lambda p: "Your check-ins" in texts(p.get("blocks", [])))
        assert "mornings" in texts(status[-1]["blocks"])

        event = {"type": "app_home_opened", "user": ANN, "channel": "D0ANN", "tab": "home", "event_ts": "1.0"}
        assert (await a.event(event, "EvLB1"))[0] == 200
        await fake.wait_for("views.publish")
        assert (await b.event(event, "EvLB1", retry=1))[0] == 200  # Slack retried; the balancer chose the other
        await fake.settle()
        assert len(fake.called("views.publish")) == 1
    finally:
        await first.stop()
        await second.stop()
        await other.close()
