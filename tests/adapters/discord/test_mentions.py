"""Mentions in a member's own words on Discord (`bot.commands.mentions`): kept as the person's name, never deleted,
never a raw id, and never a live ping where they are posted. Only the leading address to Hearth is dropped."""

from __future__ import annotations

from datetime import datetime, timezone

import discord

from bot.scheduling.runner import RoundScheduler
from testing.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import button, create_schedule, run
from tests.adapters.discord.test_messages_to_hearth import dm_texts, message


def mentioned(member):
    """A mention in a server message, as Discord sends it: the user, with the partial member."""
    return {**member["user"], "member": {k: v for k, v in member.items() if k not in ("user", "deaf", "mute")}}


async def notes_of(app, fake, member):
    return [n.text for n in await app.store.notes.of_member(f"discord:{fake.guild_id}",
                                                             f"discord:{member['user']['id']}")]


async def test_a_note_written_to_hearth_keeps_the_person_it_names(discord_bot, fake: FakeDiscord, app):
    uid = fake.next_id()
    ann, bob = fake.member(uid, "Ann"), fake.member(fake.next_id(), "Bob", nick="Bobby")
    said = message(fake, ann, f"<@{fake.app_id}> note I fought with <@{bob['user']['id']}> again, <@!42> too")
    said["mentions"].append(mentioned(bob))
    await fake.dispatch("MESSAGE_CREATE", said)
    await fake.wait_for(lambda: "kept" in dm_texts(fake, uid).lower())  # (in a channel: `Event.seen`)
    assert await notes_of(app, fake, ann) == ["I fought with @Bobby again, @someone too"]


async def test_hearth_named_after_the_address_stays_named(discord_bot, fake: FakeDiscord, app):
    uid = fake.next_id()
    ann = fake.member(uid, "Ann")
    await fake.dispatch("MESSAGE_CREATE", message(fake, ann, f"<@{fake.app_id}> note I asked <@{fake.app_id}> twice"))
    await fake.wait_for(lambda: "kept" in dm_texts(fake, uid).lower())  # (in a channel: `Event.seen`)
    assert await notes_of(app, fake, ann) == ["I asked @Hearth twice"]


async def test_a_member_named_in_a_message_is_still_their_id(discord_bot, fake: FakeDiscord, app):
    mid = fake.next_id()
    mod, sam = fake.member(mid, "Mia", moderator=True), fake.member(fake.next_id(), "Sam")
    said = message(fake, mod, f"<@{fake.app_id}> mod moderators add <@{sam['user']['id']}>")
    said["mentions"].append(mentioned(sam))
    await fake.dispatch("MESSAGE_CREATE", said)
    await fake.wait_for(lambda: "moderator" in dm_texts(fake, mid))
    assert f"discord:{sam['user']['id']}" in await app.store.communities.moderators(f"discord:{fake.guild_id}")


async def test_a_slash_note_reads_a_typed_mention_by_the_resolved_name_else_someone(discord_bot, fake: FakeDiscord,
                                                                                  app):
    ann, bob = fake.member(fake.next_id(), "Ann"), fake.member(fake.next_id(), "Bob", nick="Bobby")
    kept = await run(fake, ann, "note", text=f"with <@{bob['user']['id']}>")
    assert "Kept" in kept["data"]["content"]
    data = fake.command_payload("note", {"text": f"and <@{bob['user']['id']}>"})
    data["resolved"] = fake._resolve_mentionable(int(bob["user"]["id"]))  # (where Discord resolves it)
    kept = await fake.wait_callback(await fake.interact(fake._interaction(2, data, ann)))
    assert "Kept" in kept["data"]["content"]
    assert await notes_of(app, fake, ann) == ["with @someone", "and @Bobby"]
    assert fake.off_spec == []


async def test_a_posted_answer_naming_someone_pings_nobody(discord_bot, fake: FakeDiscord, app, clock):
    mod = fake.member(fake.next_id(), "Mia", moderator=True)
    ann, bob = fake.member(fake.next_id(), "Ann"), fake.member(fake.next_id(), "Bob", nick="Bobby")
    await create_schedule(fake, mod)
    await run(fake, ann, "checkin join", schedule="mornings")
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    await RoundScheduler(app).run_pending()
    await app.outbox.drain_all()
    [post] = fake.channel_messages(fake.channel_id)[-1:]
    data = fake.command_payload("checkin answer", {"mood": "4", "visibility": "shared",
                                                   "words": f"I fought with <@{bob['user']['id']}> again"})
    data["resolved"] = fake._resolve_mentionable(int(bob["user"]["id"]))
    answered = await fake.wait_callback(await fake.interact(fake._interaction(2, data, ann)))
    assert "shared" in answered["data"]["content"]
    await app.outbox.drain_all()
    [reply] = [m["content"] for m in fake.channel_messages(int(post["id"]))]
    assert "Bobby again" in reply.replace("\u200b", "").replace("\\", "") and "<@" not in reply
    # in the form: "@Bobby" as typed stays words, and a typed "<@id>" is inert too
    modal = await fake.wait_callback(await fake.click(ann, int(post["id"]), button(post, "Good")))
    done = await fake.wait_callback(await fake.submit(
        ann, modal["data"]["custom_id"], {"mood": "4", "visibility": "shared",
                                          "words": f"I fought with @Bobby again <@{bob['user']['id']}>"},
        selects=("mood", "visibility")))
    assert "Updated" in done["data"]["content"]
    await app.outbox.drain_all()
    posted = [*fake.calls_to("POST", f"/channels/{post['id']}/messages"),
              *fake.calls_to("PATCH", f"/channels/{post['id']}/messages/")]  # (the reply, then its edit)
    assert posted[-1].method == "PATCH" and all(c.body["allowed_mentions"] == {"parse": []} for c in posted)
    assert "Bobby again" in posted[-1].body["content"].replace("\u200b", "").replace("\\", "")
    assert fake.off_spec == []


async def test_a_slash_prompt_naming_someone_asks_before_saving(discord_bot, fake: FakeDiscord, app):
    """trial18: `/hearth mod prompt add text:Ask <@123> …` on Discord (which resolves no typed mention in a text
    option) saved "Ask @someone …" with no question, where the terminal's "<@123>" gets a second look: a prompt is
    shown to everyone as plain words, so a name in it (or the "@someone" it became) is asked about on every
    platform, and nothing is saved until the moderator confirms."""
    mod, bob = fake.member(fake.next_id(), "Mia", moderator=True), fake.member(fake.next_id(), "Bob", nick="Bobby")
    asked = await run(fake, mod, "mod prompt add", kind="checkin", theme="listening", depth="light",
                      text=f"What would you like <@{bob['user']['id']}> to hear from you?")
    said = asked["data"]["content"]
    assert "second look" in said and "holds “@someone”" in said, said
    assert await app.store.prompts.list_all(f"discord:{fake.guild_id}") == []
    assert fake.off_spec == []


async def test_a_channel_named_in_words_is_its_name_never_its_id(discord_bot, fake: FakeDiscord, app):
    """trial22: "<#id>" (Discord's channel mention, typed "#general") in someone's words was kept as written and
    shown as "<#id>" text: the name is read from the client's cache (a message's channel mentions, `resolved`);
    one it can't name is "#<id>"."""
    uid = fake.next_id()
    ann = fake.member(uid, "Ann")
    kept = await run(fake, ann, "note", text=f"we talked in <#{fake.channel_id}> and <#42>")
    assert "Kept" in kept["data"]["content"]
    assert await notes_of(app, fake, ann) == ["we talked in #general and #42"]
    await fake.dispatch("MESSAGE_CREATE", message(fake, ann, f"<@{fake.app_id}> note later in <#{fake.channel_id}>"))
    await fake.wait_for(lambda: "kept" in dm_texts(fake, uid).lower())
    assert sorted(await notes_of(app, fake, ann)) == ["later in #general", "we talked in #general and #42"]


async def test_a_private_channel_named_in_words_keeps_its_name_to_itself(discord_bot, fake: FakeDiscord, app):
    """review22: a channel's name was read from anywhere in the client's cache, so "<#id>" of a channel the group
    can't see (a private one; another server's) posted its name to them, where Discord shows "#unknown". Only a
    channel of this server that everyone in it can see is named."""
    hidden = fake.add_channel(fake.guild_id, "mods-only")
    channel = fake.channels[hidden]
    channel["permission_overwrites"] = [{"id": str(fake.guild_id), "type": 0, "allow": "0", "deny": str(1 << 10)}]
    guild = discord_bot.client.get_guild(fake.guild_id)  # (as discord.py's own CHANNEL_CREATE parser adds one)
    guild._add_channel(discord.TextChannel(state=discord_bot.client._connection, guild=guild, data=channel))
    ann = fake.member(fake.next_id(), "Ann")
    kept = await run(fake, ann, "note", text=f"saw it in <#{hidden}> and <#{fake.channel_id}>")
    assert "Kept" in kept["data"]["content"]
    assert await notes_of(app, fake, ann) == [f"saw it in #{hidden} and #general"]


async def test_a_servers_emoji_in_words_is_its_name_never_its_code(discord_bot, fake: FakeDiscord, app):
    """trial22: a server's emoji typed in a note or an answer ("<:blobhug:123…>", as Discord sends it) was kept as
    that code, shown to the group as text: it is its name, ":blobhug:"."""
    ann = fake.member(fake.next_id(), "Ann")
    kept = await run(fake, ann, "note", text="thanks <:blobhug:123456789012345678> and <a:wave:42>!")
    assert "Kept" in kept["data"]["content"]
    assert await notes_of(app, fake, ann) == ["thanks :blobhug: and :wave:!"]


async def test_a_member_typed_by_name_in_a_message_is_never_a_made_up_id(discord_bot, fake: FakeDiscord, app):
    """An outside trial (Slack's too): "@Hearth mod moderators add sam", typed without a mention, added the id
    "discord:sam", which no one has, and said so as if Sam moderated now."""
    mid = fake.next_id()
    mod = fake.member(mid, "Mia", moderator=True)
    await fake.dispatch("MESSAGE_CREATE", message(fake, mod, f"<@{fake.app_id}> mod moderators add sam"))
    await fake.wait_for(lambda: "Mention them" in dm_texts(fake, mid))
    assert await app.store.communities.moderators(f"discord:{fake.guild_id}") == []
