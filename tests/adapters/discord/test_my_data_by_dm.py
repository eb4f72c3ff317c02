"""Someone who left a server (or was removed) still sees, takes and erases what Hearth holds about them there, by
DM: their data rights never depend on being in the server. Nobody acts on anyone else's data this way."""

from __future__ import annotations

from bot.store import member_data
from testing.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import button, create_schedule
from tests.adapters.discord.test_my_data import share_an_answer


def _ids(fake: FakeDiscord, who: dict) -> tuple[str, str]:
    return f"discord:{fake.guild_id}", f"discord:{who['user']['id']}"


async def test_someone_who_left_sees_exports_and_erases_their_data_by_dm(discord_bot, fake: FakeDiscord, app, clock):
    mod = fake.member(fake.next_id(), "Mia", moderator=True)
    ann = fake.member(fake.next_id(), "Ann")
    await create_schedule(fake, mod)
    post, reply = await share_an_answer(fake, app, clock, ann, "Slept well for once")
    fake.forget_member(int(ann["user"]["id"]))  # (she leaves the server)

    seen = await fake.wait_callback(await fake.slash_dm(ann["user"], "me data"))
    assert "I can only do that inside the server" not in seen["data"]["content"]
    assert "1 check-in answer" in seen["data"]["content"]

    export = await fake.wait_callback(await fake.slash_dm(ann["user"], "me export"))
    assert "Here's everything I hold about you" in export["data"]["content"]

    ask = await fake.wait_callback(await fake.slash_dm(ann["user"], "me delete"))
    assert "Are you sure?" in ask["data"]["content"]
    done = await fake.wait_callback(await fake.click(None, ask["message_id"], button(ask["data"], "Yes, go ahead"),
                                                     dm_user=ann["user"]))
    assert "Done. I've deleted everything" in done["data"]["content"]
    assert "taking down 1 post" in done["data"]["content"]
    assert (await app.outbox.drain_all()).failed == 0
    assert int(reply["id"]) not in fake.messages  # (her words came down from the server)
    held = await member_data.summary(app.store, *_ids(fake, ann))
    assert sum(held.answers.values()) == 0
    assert await app.store.communities.get_member(*_ids(fake, ann)) is None

    after = await fake.wait_callback(await fake.slash_dm(ann["user"], "me data"))
    assert "I hold nothing about you in any community right now." in after["data"]["content"]


async def test_nobody_acts_on_anyone_elses_data_by_dm(discord_bot, fake: FakeDiscord, app, clock):
    mod = fake.member(fake.next_id(), "Mia", moderator=True)
    ann = fake.member(fake.next_id(), "Ann")
    await create_schedule(fake, mod)
    await share_an_answer(fake, app, clock, ann, "Slept well for once")
    bob = fake.member(fake.next_id(), "Bob")  # (never used Hearth: nothing held)

    nothing = await fake.wait_callback(await fake.slash_dm(bob["user"], "me delete"))
    assert "I hold nothing about you in any community" in nothing["data"]["content"]

    # Ann's confirmation, pressed by Bob in his own DM: his data, never hers (and he has none there)
    ask = await fake.wait_callback(await fake.slash_dm(ann["user"], "me delete"))
    pressed = await fake.wait_callback(await fake.click(None, ask["message_id"],
                                                        button(ask["data"], "Yes, go ahead"), dm_user=bob["user"]))
    assert "Done" not in pressed["data"]["content"]
    held = await member_data.summary(app.store, *_ids(fake, ann))
    assert sum(held.answers.values()) == 1


async def test_me_data_typed_in_a_dm_after_leaving_answers_for_the_server(discord_bot, fake: FakeDiscord, app, clock):
    from tests.adapters.discord.test_messages_to_hearth import dm_texts, message

    mod = fake.member(fake.next_id(), "Mia", moderator=True)
    ann = fake.member(fake.next_id(), "Ann")
    await create_schedule(fake, mod)
    await share_an_answer(fake, app, clock, ann, "Slept well for once")
    fake.forget_member(int(ann["user"]["id"]))
    await fake.dispatch("MESSAGE_CREATE", message(fake, ann, "me data", guild=False, mention=False))
    uid = int(ann["user"]["id"])
    await fake.wait_for(lambda: "1 check-in answer" in dm_texts(fake, uid))
    assert "inside your community" not in dm_texts(fake, uid)


async def test_with_data_in_two_servers_she_chooses_which_and_only_that_one_is_erased(discord_bot, fake: FakeDiscord,
                                                                                      app, clock):
    from bot.events import Actor

    mod = fake.member(fake.next_id(), "Mia", moderator=True)
    ann = fake.member(fake.next_id(), "Ann")
    await create_schedule(fake, mod)
    await share_an_answer(fake, app, clock, ann, "Slept well for once")
    here, user = _ids(fake, ann)
    await app.store.communities.ensure("discord:999", app.now(), "Night Owls")
    await app.store.communities.met(Actor("discord:999", user, "Ann", community_name="Night Owls"), app.now())
    fake.forget_member(int(ann["user"]["id"]))

    choice = await fake.wait_callback(await fake.slash_dm(ann["user"], "me delete"))
    assert "more than one community" in choice["data"]["content"]
    ask = await fake.wait_callback(await fake.click(None, choice["message_id"], button(choice["data"], "Night Owls"),
                                                    dm_user=ann["user"]))
    assert "Night Owls" in ask["data"]["content"] and "Are you sure?" in ask["data"]["content"]
    asked_in = ask.get("message_id", choice["message_id"])  # (a new message, or the choice's, updated)
    done = await fake.wait_callback(await fake.click(None, asked_in, button(ask["data"], "Yes, go ahead"),
                                                     dm_user=ann["user"]))
    assert "Done. I've deleted everything" in done["data"]["content"]
    assert await app.store.communities.get_member("discord:999", user) is None
    assert await app.store.communities.get_member(here, user) is not None  # (the other server's, untouched)


async def test_another_command_in_a_dm_says_what_does_work_there(discord_bot, fake: FakeDiscord, app, clock):
    ann = fake.member(fake.next_id(), "Ann")
    said = await fake.wait_callback(await fake.slash_dm(ann["user"], "checkin list"))
    assert "I can only do that inside the server" in said["data"]["content"]
    assert "**me delete** work for what I hold about you in any server" in said["data"]["content"]
