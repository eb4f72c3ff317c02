"""On Slack a DM with Hearth is within one workspace: **me data**, **me export** and **me delete** written there act
on the writer's own data in that workspace, as in a channel, with the same confirmation and erasure."""

from __future__ import annotations

import asyncio

from bot.store import member_data
from tests.adapters.slack.conftest import ANN, buttons, texts
from tests.adapters.slack.test_member import make_schedule
from tests.adapters.slack.test_my_data import share_an_answer


def _to_ann(fake) -> list[dict]:
    return [p for p in fake.called("chat.postMessage") if p["channel"] == ANN]


async def test_me_data_and_me_delete_written_in_the_dm_act_on_the_writers_own_data(app, clock, fake, side):
    await make_schedule(side, fake)
    await share_an_answer(app, clock, fake, side, ANN, "Slept well for once")

    await side.event({"type": "message", "channel_type": "im", "user": ANN, "channel": "DANN", "ts": "20.0",
                      "text": "me data"}, "EvDmData")
    await fake.wait_for("chat.postMessage", where=lambda p: p["channel"] == ANN
                                 and "1 check-in answer" in texts(p.get("blocks", [])))

    await side.event({"type": "message", "channel_type": "im", "user": ANN, "channel": "DANN", "ts": "21.0",
                      "text": "me delete"}, "EvDmDelete")
    [ask] = await fake.wait_for("chat.postMessage", where=lambda p: p["channel"] == ANN
                                and "Are you sure?" in texts(p.get("blocks", [])))
    await side.click(ANN, buttons(ask["blocks"])["Yes, go ahead"], message={"ts": fake.ts_of(ask)}, channel="DANN")
    for _ in range(100):  # (the answer comes by whichever way Slack gives for a DM message's button)
        if "deleted everything I held about you" in fake.sent_texts():
            break
        await asyncio.sleep(0.05)
    assert "deleted everything I held about you" in fake.sent_texts()
    assert (await app.outbox.drain_all()).failed == 0
    held = await member_data.summary(app.store, "slack:T0001", "slack:UANN")
    assert sum(held.answers.values()) == 0
    assert await app.store.communities.get_member("slack:T0001", "slack:UANN") is None
