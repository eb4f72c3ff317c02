"""A member's data on Discord: deleting it takes their answer's post down; exports arrive as files."""

from __future__ import annotations

from datetime import datetime, timezone

from bot.scheduling.runner import RoundScheduler
from bot.store import member_data
from tests.adapters.discord.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import button, create_schedule, run


async def share_an_answer(fake: FakeDiscord, app, clock, who, words: str) -> tuple[dict, dict]:
    """`who` answers this morning's round, shared: returns the round post and the reply in its thread."""
    await run(fake, who, "checkin join", schedule="mornings")
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    await RoundScheduler(app).run_pending()
    await app.outbox.drain_all()
    post = fake.channel_messages(fake.channel_id)[-1]
    modal = await fake.wait_callback(await fake.click(who, int(post["id"]), button(post, "Good")))
    done = await fake.wait_callback(await fake.submit(who, modal["data"]["custom_id"],
                                                      {"mood": "4", "words": words, "visibility": "shared"},
                                                      selects=("mood", "visibility")))
    assert "shared with the group" in done["data"]["content"]
    await app.outbox.drain_all()
    [reply] = [m for m in fake.channel_messages(int(post["id"])) if words in m["content"]]
    return post, reply


async def test_me_delete_takes_the_answers_post_down_in_its_thread(discord_bot, fake: FakeDiscord, app, clock):
    mod = fake.member(fake.next_id(), "Mia", moderator=True)
    ann = fake.member(fake.next_id(), "Ann")
    await create_schedule(fake, mod)
    post, reply = await share_an_answer(fake, app, clock, ann, "Slept well for once")

    ask = await run(fake, ann, "me delete")
    assert "Are you sure?" in ask["data"]["content"]
    done = await fake.wait_callback(await fake.click(ann, ask["message_id"], button(ask["data"], "Yes, go ahead")))
    assert "taking down 1 post" in done["data"]["content"]
    result = await app.outbox.drain_all()
    assert result.failed == 0

    # The reply lives in the thread, whose id is the round post's: that's the channel the DELETE names.
    [deleted] = fake.calls_to("DELETE", "/messages/")
    assert deleted.path == f"/channels/{post['id']}/messages/{reply['id']}"
    assert int(reply["id"]) not in fake.messages
    assert int(post["id"]) in fake.messages  # the round post itself stays
    held = await member_data.summary(app.store, f"discord:{fake.guild_id}", f"discord:{ann['user']['id']}")
    assert sum(held.answers.values()) == 0
