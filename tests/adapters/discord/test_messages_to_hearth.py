"""Messages written to Hearth on Discord (a mention, a DM), through the real discord.py client: each is screened,
and words of concern get the care reply privately, never a refusal that repeats them."""

from __future__ import annotations

from typing import Any

import pytest

from testing.fake_discord import FakeDiscord, _now, user

CARE = "You don't have to face this alone"


def message(fake: FakeDiscord, author: dict[str, Any], content: str, *, guild: bool = True,
            mention: bool = True) -> dict[str, Any]:
    """MESSAGE_CREATE as Discord sends it to a bot without the message content intent: a DM's or a mention's words."""
    data: dict[str, Any] = {
        "id": str(fake.next_id()), "type": 0, "content": content, "timestamp": _now(), "edited_timestamp": None,
        "tts": False, "mention_everyone": False, "mentions": [fake.bot] if mention else [], "mention_roles": [],
        "attachments": [], "embeds": [], "pinned": False, "flags": 0, "components": [],
    }
    if guild:
        member = {k: v for k, v in author.items() if k != "user"}
        return {**data, "channel_id": str(fake.channel_id), "guild_id": str(fake.guild_id), "author": author["user"],
                "member": member}
    return {**data, "channel_id": str(fake._dm_channel(int(author["user"]["id"]))), "author": author["user"]}


def dm_texts(fake: FakeDiscord, uid: int) -> str:
    return "\n".join(m.get("content", "") for m in fake.channel_messages(fake._dm_channel(uid)))


@pytest.mark.parametrize("words", ["I want to die", "help me, I want to kill myself", "ich will nicht mehr leben",
                                   "je veux en finir", "eu quero me matar", "quiero morirme"])
async def test_a_mention_of_concern_gets_care_in_a_dm_and_nothing_in_the_channel(discord_bot, fake, words):
    uid = fake.next_id()
    ann = fake.member(uid, "Ann")
    await fake.dispatch("MESSAGE_CREATE", message(fake, ann, f"<@{fake.app_id}> {words}"))
    await fake.wait_for(lambda: CARE in dm_texts(fake, uid))
    assert "I don't know the command" not in dm_texts(fake, uid) and "Did you mean" not in dm_texts(fake, uid)
    assert fake.channel_messages(fake.channel_id) == []  # nothing of theirs said where others read


async def test_an_ordinary_mention_is_read_as_a_command_line(discord_bot, fake):
    uid = fake.next_id()
    ann = fake.member(uid, "Ann")
    await fake.dispatch("MESSAGE_CREATE", message(fake, ann, f"<@{fake.app_id}> help"))
    await fake.wait_for(lambda: "checkin join" in dm_texts(fake, uid))
    assert CARE not in dm_texts(fake, uid)


async def test_a_dm_outside_any_server_still_gets_care_in_its_language(discord_bot, fake):
    uid = fake.next_id()
    ann = {"user": user(uid, "Ann")}
    await fake.dispatch("MESSAGE_CREATE", message(fake, ann, "je veux mourir", guild=False, mention=False))
    await fake.wait_for(lambda: "findahelpline" in dm_texts(fake, uid).lower())
    assert "Hearth n" in dm_texts(fake, uid)  # in French: « Hearth n’est pas un thérapeute … »


async def test_an_ordinary_dm_is_pointed_to_the_commands(discord_bot, fake):
    uid = fake.next_id()
    await fake.dispatch("MESSAGE_CREATE", message(fake, {"user": user(uid, "Ann")}, "hello?", guild=False,
                                                  mention=False))
    await fake.wait_for(lambda: "inside your community" in dm_texts(fake, uid))


async def test_messages_not_to_hearth_and_from_bots_are_not_read(discord_bot, fake):
    uid = fake.next_id()
    ann = fake.member(uid, "Ann")
    await fake.dispatch("MESSAGE_CREATE", message(fake, ann, "I want to die", mention=False))
    other_bot = {"user": {**user(fake.next_id(), "Bot"), "bot": True}}
    await fake.dispatch("MESSAGE_CREATE", message(fake, other_bot, "I want to die", guild=False, mention=False))
    await fake.dispatch("MESSAGE_CREATE", message(fake, ann, f"<@{fake.app_id}> help"))  # (to know the rest passed)
    await fake.wait_for(lambda: "checkin join" in dm_texts(fake, uid))
    assert CARE not in dm_texts(fake, uid)


async def test_a_form_that_can_reach_no_community_is_still_screened(discord_bot, fake):
    """A modal sent after its stashed state is gone: its words can't be saved anywhere, but they were sent."""
    uid = fake.next_id()
    ann = fake.member(uid, "Ann")
    iid = await fake.submit(ann, "hearthform:checkin.submit:!gone", {"words": "i want to kill myself tonight"})
    said = (await fake.wait_callback(iid))["data"]["content"]
    assert CARE in said and "i want to kill myself" not in said
    await fake.wait_for(lambda: len(fake.followups(iid)) >= 1)
    assert "expired" in fake.followups(iid)[-1].body["content"]


# -- messages edited after they were written (MESSAGE_UPDATE) -------------------------------------------------------


async def test_a_mention_edited_into_words_of_concern_gets_care_once_in_a_dm(discord_bot, fake):
    uid = fake.next_id()
    ann = fake.member(uid, "Ann")
    sent = message(fake, ann, f"<@{fake.app_id}> see you")
    await fake.dispatch("MESSAGE_CREATE", sent)
    await fake.wait_for(lambda: dm_texts(fake, uid))  # (answered as a line: "see you" is no command)
    answered = len(fake.channel_messages(fake._dm_channel(uid)))
    edited = await fake.edit(sent, f"<@{fake.app_id}> I want to die")
    await fake.wait_for(lambda: CARE in dm_texts(fake, uid))
    assert len(fake.channel_messages(fake._dm_channel(uid))) > answered
    assert fake.channel_messages(fake.channel_id) == []  # nothing of theirs said where others read

    # Edited again: the same words, a link's preview, words of no concern, then back: nothing more.
    after_care = len(fake.channel_messages(fake._dm_channel(uid)))
    await fake.edit(edited, f"<@{fake.app_id}> I want to die")
    await fake.edit(edited, "", edited=False)
    calm = await fake.edit(edited, f"<@{fake.app_id}> see you")
    await fake.edit(calm, f"<@{fake.app_id}> I want to die")
    await fake.dispatch("MESSAGE_CREATE", message(fake, ann, f"<@{fake.app_id}> help"))  # (to know the rest passed)
    await fake.wait_for(lambda: "checkin join" in dm_texts(fake, uid))
    assert dm_texts(fake, uid).count(CARE) == 1
    assert len(fake.channel_messages(fake._dm_channel(uid))) == after_care + 1  # only the answer to "help"


async def test_an_edit_is_never_run_as_a_command(discord_bot, fake, app):
    uid = fake.next_id()
    ann = fake.member(uid, "Ann")
    sent = message(fake, ann, f"<@{fake.app_id}> hello")
    await fake.dispatch("MESSAGE_CREATE", sent)
    await fake.wait_for(lambda: dm_texts(fake, uid))
    before = len(fake.channel_messages(fake._dm_channel(uid)))
    await fake.edit(sent, f"<@{fake.app_id}> help")
    await fake.dispatch("MESSAGE_CREATE", message(fake, ann, f"<@{fake.app_id}> support"))
    await fake.wait_for(lambda: "findahelpline" in dm_texts(fake, uid).lower())
    assert "checkin join" not in dm_texts(fake, uid)  # "help", typed in by an edit, ran nothing
    assert len(fake.channel_messages(fake._dm_channel(uid))) == before + 1


async def test_a_message_edited_to_mention_hearth_with_words_of_concern_is_screened(discord_bot, fake):
    uid = fake.next_id()
    ann = fake.member(uid, "Ann")
    sent = message(fake, ann, "", mention=False)  # (Discord gives a bot no words of a message not written to it)
    await fake.dispatch("MESSAGE_CREATE", sent)
    await fake.edit(sent, f"<@{fake.app_id}> i want to kill myself tonight", mention=True)
    await fake.wait_for(lambda: CARE in dm_texts(fake, uid))


async def test_a_dm_edited_into_words_of_concern_gets_care_for_anywhere(discord_bot, fake):
    uid = fake.next_id()
    sent = message(fake, {"user": user(uid, "Ann")}, "bonne nuit", guild=False, mention=False)
    await fake.dispatch("MESSAGE_CREATE", sent)
    await fake.wait_for(lambda: "inside your community" in dm_texts(fake, uid))
    await fake.edit(sent, "je veux mourir ce soir")
    await fake.wait_for(lambda: "findahelpline" in dm_texts(fake, uid).lower())
    assert "Hearth n" in dm_texts(fake, uid)  # in French
    await fake.edit(sent, "à demain")
    await fake.dispatch("MESSAGE_CREATE", message(fake, {"user": user(uid, "Ann")}, "hello?", guild=False,
                                                  mention=False))
    await fake.wait_for(lambda: dm_texts(fake, uid).count("inside your community") == 2)
    assert dm_texts(fake, uid).lower().count("findahelpline") == 1


async def test_edits_not_to_hearth_and_by_bots_are_not_read(discord_bot, fake):
    uid = fake.next_id()
    ann = fake.member(uid, "Ann")
    other = message(fake, ann, "", mention=False)
    await fake.edit(other, "I want to die")  # (still not written to Hearth)
    bot = {"user": {**user(fake.next_id(), "Bot"), "bot": True}}
    await fake.edit(message(fake, bot, "hi", guild=False, mention=False), "I want to die")
    await fake.dispatch("MESSAGE_CREATE", message(fake, ann, f"<@{fake.app_id}> help"))
    await fake.wait_for(lambda: "checkin join" in dm_texts(fake, uid))
    assert CARE not in dm_texts(fake, uid)


# -- closed DMs (Discord's 50007) -------------------------------------------------------------------------------------


async def test_with_dms_closed_care_for_a_mention_points_to_a_private_answer_and_is_told_next_time(discord_bot, fake,
                                                                                                  app):
    uid = fake.next_id()
    ann = fake.member(uid, "Ann")
    fake.refuse(f"/channels/{fake._dm_channel(uid)}/messages", 50007, "Cannot send messages to this user",
                status=403)
    sent = message(fake, ann, f"<@{fake.app_id}> I want to die")
    await fake.dispatch("MESSAGE_CREATE", sent)
    [pointer] = await fake.wait_for(lambda: fake.channel_messages(fake.channel_id))
    assert "couldn't send you a private message" in pointer["content"] and "die" not in pointer["content"]
    [call] = fake.calls_to("POST", f"/channels/{fake.channel_id}/messages")
    assert str(call.body["message_reference"]["message_id"]) == sent["id"]  # under her message, pinging no one
    assert await app.store.outbox.dms_closed(f"discord:{uid}")  # marked: nothing more DM'd into the wall

    # Not silently lost: her next interaction, where only she sees it, says her DMs are closed.
    iid = await fake.slash(ann, "support")
    said = (await fake.wait_callback(iid))["data"]
    assert said["flags"] & 64 and "findahelpline" in said["content"].lower()
    notice = [f.body["content"] for f in await fake.wait_for(lambda: fake.followups(iid))]
    assert any("couldn't send you a direct message" in n for n in notice)


async def test_with_dms_closed_an_edit_of_concern_is_pointed_too_and_nowhere_to_point_is_not_a_crash(discord_bot,
                                                                                                    fake, app):
    uid = fake.next_id()
    ann = fake.member(uid, "Ann")
    fake.dm_closed.add(uid)
    sent = message(fake, ann, f"<@{fake.app_id}> see you")
    fake.refuse(f"/channels/{fake.channel_id}/messages", 50013, "Missing Permissions", status=403)  # (no pointer)
    await fake.dispatch("MESSAGE_CREATE", sent)
    await fake.wait_for(lambda: fake.calls_to("POST", f"/channels/{fake.channel_id}/messages"))
    await fake.edit(sent, f"<@{fake.app_id}> I want to die")
    [pointer] = await fake.wait_for(lambda: fake.channel_messages(fake.channel_id))
    assert "couldn't send you a private message" in pointer["content"] and "die" not in pointer["content"]
    assert await app.store.outbox.dms_closed(f"discord:{uid}")


async def test_a_care_note_for_a_mention_that_ran_no_command_says_a_message_where_others_read_it(discord_bot, fake,
                                                                                                app):
    """Trial 20 B2: a care note says "a message" only where one sits for others to read (a mention in a server),
    also for a line refused before it ran ("checkin answer 9 …"); a slash command is "a command"."""
    from tests.adapters.discord.helpers import run

    mia = fake.member(fake.next_id(), "Mia", moderator=True)
    await run(fake, mia, "mod settings", key="alert_channel", value=fake.channel_id)
    uid = fake.next_id()
    ann = fake.member(uid, "Ann")
    await fake.dispatch("MESSAGE_CREATE", message(fake, ann, f"<@{fake.app_id}> checkin answer 9 I want to die"))
    await fake.wait_for(lambda: CARE in dm_texts(fake, uid))
    await app.outbox.drain_all()
    (note,) = [m for m in fake.channel_messages(fake.channel_id) if "may need some support" in m["content"]]
    assert "in a message to Hearth in" in note["content"] and "command" not in note["content"]
