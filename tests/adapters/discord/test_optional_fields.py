"""What Discord may leave out or send as null, Hearth takes as Discord means it.

Discord's spec lets a user have no display name of their own (`global_name` null) and leave out `bot`, a member
have no server nickname (`nick` null), and an interaction come from inside a thread. The fake used to give everyone
a display name and every interaction the server's first channel, so none of that was ever tried.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from bot.scheduling.runner import RoundScheduler
from testing.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import button, create_schedule, run


async def open_round(fake: FakeDiscord, app, clock, *members: dict[str, Any]) -> dict[str, Any]:
    await create_schedule(fake, fake.member(fake.next_id(), "Mia", moderator=True))
    for member in members:
        await run(fake, member, "checkin join", schedule="mornings")
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    await RoundScheduler(app).run_pending()
    await app.outbox.drain_all()
    return fake.channel_messages(fake.channel_id)[-1]


async def share(fake: FakeDiscord, member: dict[str, Any], post: dict[str, Any], words: str) -> None:
    modal = await fake.wait_callback(await fake.click(member, int(post["id"]), button(post, "Good")))
    said = await fake.wait_callback(await fake.submit(member, modal["data"]["custom_id"],
                                                      {"mood": "4", "words": words, "visibility": "shared"}))
    assert "shared with the group" in said["data"]["content"]


async def test_a_shared_answer_names_each_member_as_discord_shows_them(discord_bot, fake: FakeDiscord, app, clock):
    ann = fake.member(fake.next_id(), "Ann", global_name=None)  # never set a display name: the username shows
    del ann["user"]["bot"]  # (Discord leaves `bot` out for people)
    bea = fake.member(fake.next_id(), "Bea", nick="Bea (support)")  # the server's nickname comes first
    cy = fake.member(fake.next_id(), "Cy")
    post = await open_round(fake, app, clock, ann, bea, cy)
    for member, words in ((ann, "Good coffee"), (bea, "A walk"), (cy, "Rain")):
        await share(fake, member, post, words)
    await app.outbox.drain_all()

    in_thread = [m["content"] for m in fake.channel_messages(int(post["id"]))]
    # (by name, not by order: the outbox sends side by side and promises no order between members' posts)
    assert sorted(t.split(" · ")[0] for t in in_thread) == ["**Bea (support)**", "**Cy**", "**ann**"]
    assert fake.off_spec == []  # (all three are shapes Discord sends)


async def test_a_command_run_inside_the_rounds_thread_is_answered_there(discord_bot, fake: FakeDiscord, app, clock):
    ann = fake.member(fake.next_id(), "Ann")
    post = await open_round(fake, app, clock, ann)
    await share(fake, ann, post, "Good coffee")
    await app.outbox.drain_all()
    assert fake.channels[int(post["id"])]["type"] == 11  # (a thread started from the post has its id)

    said = await fake.wait_callback(await fake.slash_in(int(post["id"]), ann, "checkin status"))
    assert "mornings" in said["data"]["content"] and said["data"]["flags"] & 64
    assert fake.channel_messages(int(post["id"]))[-1]["id"] == str(said["message_id"])  # answered in the thread
    assert fake.off_spec == []
