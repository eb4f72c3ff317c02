"""Someone who left a server (or was removed from it) still has Hearth's DMs about its check-ins, buttons and all:
pressing one, or sending its form, does nothing there in their name, and their words come back to them."""

from __future__ import annotations

from testing.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import button
from tests.adapters.discord.test_forms import ann_opens_the_answer_form

LEFT = "You're no longer in the server this belongs to, so I can't do it there. Nothing was changed."


async def _dm_of(fake: FakeDiscord, ann: dict) -> dict:
    [dm] = fake.channel_messages(fake.dm_channels[int(ann["user"]["id"])])[-1:]
    return dm


async def test_a_button_in_the_dm_of_someone_who_left_does_nothing_there(discord_bot, fake: FakeDiscord, app, clock):
    ann, _modal = await ann_opens_the_answer_form(fake, app, clock)
    dm = await _dm_of(fake, ann)
    fake.forget_member(int(ann["user"]["id"]))
    answer = await fake.wait_callback(await fake.click(None, int(dm["id"]), button(dm, "Good"), dm_user=ann["user"]))
    assert answer["type"] == 4 and answer["data"]["content"] == LEFT  # (no form opened)


async def test_a_form_sent_from_the_dm_after_leaving_posts_nothing_and_gives_the_words_back(
        discord_bot, fake: FakeDiscord, app, clock):
    ann, _modal = await ann_opens_the_answer_form(fake, app, clock)
    dm = await _dm_of(fake, ann)
    opened = await fake.wait_callback(await fake.click(None, int(dm["id"]), button(dm, "Good"), dm_user=ann["user"]))
    assert opened["type"] == 9  # (still in the server: the form opens)
    fake.forget_member(int(ann["user"]["id"]))  # (and leaves while it is open)
    iid = await fake.submit(None, opened["data"]["custom_id"],
                            {"mood": "4", "words": "hello from outside", "visibility": "shared"},
                            selects=("mood", "visibility"), dm_user=ann["user"])
    said = await fake.wait_callback(iid)
    assert LEFT in said["data"]["content"]
    kept = await fake.wait_for(lambda: fake.followups(iid))
    shown = "".join(c.body.get("content", "") for c in kept)
    assert all(c.body.get("flags", 0) & 64 for c in kept)
    assert "hello from outside" in shown  # given back, to her alone
    await app.outbox.drain_all()
    assert [m for m in fake.channel_messages(fake.channel_id) if "hello from outside" in (m.get("content") or "")] == []
    assert await app.store.rounds.response_of(1, f"discord:{ann['user']['id']}") is None


async def test_someone_still_in_the_server_answers_from_the_dm(discord_bot, fake: FakeDiscord, app, clock):
    ann, _modal = await ann_opens_the_answer_form(fake, app, clock)
    dm = await _dm_of(fake, ann)
    opened = await fake.wait_callback(await fake.click(None, int(dm["id"]), button(dm, "Good"), dm_user=ann["user"]))
    iid = await fake.submit(None, opened["data"]["custom_id"], {"mood": "4", "words": "hello", "visibility": "shared"},
                            selects=("mood", "visibility"), dm_user=ann["user"])
    said = await fake.wait_callback(iid)
    assert "Thanks for checking in" in said["data"]["content"]


async def test_a_slow_answer_about_membership_never_costs_the_press_its_three_seconds(discord_bot, fake: FakeDiscord,
                                                                                       app, clock):
    ann, _modal = await ann_opens_the_answer_form(fake, app, clock)
    dm = await _dm_of(fake, ann)
    fake.rate_limit(f"/members/{ann['user']['id']}", retry_after=2.5)  # (Discord slow to say: the press goes on)
    opened = await fake.wait_callback(await fake.click(None, int(dm["id"]), button(dm, "Good"), dm_user=ann["user"]))
    assert opened["type"] == 9 and fake.late == []
    assert fake.calls_to("GET", f"/guilds/{fake.guild_id}/members/{ann['user']['id']}")  # (it was asked)
