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
