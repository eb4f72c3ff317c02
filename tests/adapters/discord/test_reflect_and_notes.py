"""Private reflection on Discord: a prompt, a note kept through a modal, notes read and deleted."""

from __future__ import annotations

from testing.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import button, run


async def test_reflect_keep_a_note_read_and_delete_it(discord_bot, fake: FakeDiscord):
    ann = fake.member(fake.next_id(), "Ann")
    prompt = await run(fake, ann, "reflect", theme="listening")
    assert prompt["data"]["flags"] & 64 and "Listening" in prompt["data"]["content"]

    another = await fake.wait_callback(await fake.click(ann, prompt["message_id"], button(prompt["data"], "Another")))
    assert another["type"] == 7  # the private prompt is replaced in place

    modal = await fake.wait_callback(await fake.click(ann, prompt["message_id"], button(another["data"], "note")))
    assert modal["type"] == 9 and modal["data"]["custom_id"].startswith("hearthform:reflect.save_note:")
    kept = await fake.wait_callback(await fake.submit(ann, modal["data"]["custom_id"], {"note": "Ask sooner <@1>"}))
    assert "Kept" in kept["data"]["content"] and kept["data"]["flags"] & 64

    notes = await run(fake, ann, "notes list")
    assert "Ask sooner <\u200b@1\\>" in notes["data"]["content"] and notes["data"]["flags"] & 64

    confirm = await run(fake, ann, "notes delete", number=1)
    assert "Are you sure?" in confirm["data"]["content"]
    done = await fake.wait_callback(await fake.click(ann, confirm["message_id"], button(confirm["data"], "Yes")))
    assert done["type"] == 7 and "Deleted" in done["data"]["content"] and done["data"]["components"] == []
    assert "no notes yet" in (await run(fake, ann, "notes list"))["data"]["content"]


async def test_a_long_note_by_slash_command_is_kept_whole_and_read_back_over_several_messages(discord_bot,
                                                                                               fake: FakeDiscord):
    """Longer than one Discord message: kept whole, and `notes list` comes back in messages Discord takes."""
    ann = fake.member(fake.next_id(), "Ann")
    words = " ".join(f"Line {i} of what I needed to get out of my head tonight." for i in range(80))
    assert 2000 < len(words) <= 6000
    kept = await run(fake, ann, "note", text=words)
    assert "Kept" in kept["data"]["content"]
    iid = await fake.slash(ann, "notes list")
    first = await fake.wait_callback(iid)

    def shown() -> str:
        return first["data"]["content"] + "".join(c.body["content"] for c in fake.followups(iid))

    await fake.wait_for(lambda: "Line 79" in shown())
    assert len(fake.followups(iid)) >= 2  # (over 4000 characters: three messages)
    assert "Line 0 of what" in shown() and shown().rstrip().endswith("Line 79 of what I needed to get out of my head tonight.")
    assert fake.refused == []


async def test_words_of_a_refused_slash_command_come_back_within_discords_limits(discord_bot, fake: FakeDiscord):
    """No round is open, so the answer is refused: its words come back to the member alone. (Longer words come
    back over several messages: `test_render`.)"""
    ann = fake.member(fake.next_id(), "Ann")
    words = "A long week; I'd like the group to know I'm tired but glad to be here. " * 13
    assert len(words.strip()) <= 1000
    iid = await fake.slash(ann, "checkin answer", mood="4", words=words.strip())
    first = await fake.wait_callback(iid)
    assert "no check-in open" in first["data"]["content"] and first["data"]["flags"] & 64
    shown = first["data"]["content"]
    assert "What you typed, so you can use it again" in shown
    assert shown.rstrip().endswith("I'm tired but glad to be here.")
    assert shown.count("I'm tired but glad to be here") == 13
    assert fake.refused == []
