"""One event delivered twice has one effect.

Discord may hand the same interaction to the bot again (a gateway resume
replays it); it must not save an answer twice nor post a second reply.
Slack's retried events (`X-Slack-Retry-Num`) are covered in
tests/adapters/slack/test_security.py.
"""

from __future__ import annotations

import asyncio

from tests.adapters.discord.conftest import discord_bot, fake  # noqa: F401  (fixtures)
from testing.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import button, round_open_for_ann


async def test_a_check_in_answer_delivered_twice_is_saved_and_shared_once(discord_bot, fake: FakeDiscord, app,
                                                                        clock):
    ann, post = await round_open_for_ann(fake, app, clock)
    modal = await fake.wait_callback(await fake.click(ann, int(post["id"]), button(post, "Good")))
    form_id = modal["data"]["custom_id"]

    data = {"custom_id": form_id, "components": [
        {"type": 18, "id": 1, "component": {"type": 3, "custom_id": "mood", "values": ["4"]}},
        {"type": 18, "id": 2, "component": {"type": 4, "custom_id": "words", "value": "Good coffee"}},
        {"type": 18, "id": 3, "component": {"type": 3, "custom_id": "visibility", "values": ["shared"]}},
    ]}
    submit = fake._interaction(5, data, ann)
    iid = await fake.interact(submit)
    first = await fake.wait_callback(iid)
    assert "shared with the group" in first["data"]["content"]
    await fake.interact(submit)  # the very same interaction again
    await asyncio.sleep(0.5)  # bounded: give the repeat time to (not) act

    answers = [c.body for c in fake.calls_to("POST", f"/interactions/{iid}/")]  # (a second is refused: 40060)
    assert answers and all("Updated" not in ((a.get("data") or {}).get("content") or "") for a in answers)
    rows = await app.store.db.fetchall("SELECT mood, text FROM responses")
    assert [(r["mood"], r["text"]) for r in rows] == [(4, "Good coffee")]
    kinds = await app.store.db.fetchall("SELECT kind FROM outbox WHERE kind IN ('thread', 'edit')")
    assert [k["kind"] for k in kinds] == ["thread"]
    await app.outbox.drain_all()
    [reply] = fake.channel_messages(int(post["id"]))  # one reply in the round's thread
    assert "Good coffee" in reply["content"]
