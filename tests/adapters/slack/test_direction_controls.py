"""A person's name or words can't turn Hearth's own words around on Slack: a right-to-left override (U+202E)
or an isolate in a display name is closed where the name ends, so "· Good" after it still reads "· Good".

Through the real slack-bolt app against the local fake Slack.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone

from bot.scheduling.runner import RoundScheduler
from tests.adapters.discord.test_direction_controls import open_controls_before
from tests.adapters.slack.conftest import texts
from tests.adapters.slack.test_round import create_schedule_in_modal, mood_buttons

EVE = "UEVE"


async def test_a_name_with_a_direction_override_cannot_turn_the_post_around(app, clock, fake, side):
    fake.add_user(EVE, "\u202eEve\u2067", tz="Europe/London")
    await create_schedule_in_modal(app, fake, side)
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    assert (await RoundScheduler(app).run_pending())["opened"] == 1
    await app.outbox.drain_all()
    [post] = [p for p in fake.called("chat.postMessage") if p["channel"] == "C0GENERAL"]
    await side.click(EVE, mood_buttons(post)["Good"], message={"ts": fake.ts_of(post)}, channel="C0GENERAL")
    opened = (await fake.wait_for("views.open", 2))[-1]  # (the first: the moderator's schedule form)
    status, body = await side.submit(EVE, opened["view"],
                                     {"words": "fine \u202ethanks", "visibility": "shared"})
    assert status == 200 and "Thanks for checking in" in texts(json.loads(body)["view"]["blocks"])
    await app.outbox.drain_all()
    [thread] = [texts(p["blocks"]) for p in fake.called("chat.postMessage") if p.get("thread_ts")]
    assert "Eve" in thread and "thanks" in thread  # what was typed is all there
    assert open_controls_before(thread, " · ") == []  # and Hearth's "· Good" reads as written
