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

    confirm = await run(fake, ann, "notes delete", id=1)
    assert "Are you sure?" in confirm["data"]["content"]
    done = await fake.wait_callback(await fake.click(ann, confirm["message_id"], button(confirm["data"], "Yes")))
    assert done["type"] == 7 and "Deleted" in done["data"]["content"] and done["data"]["components"] == []
    assert "no notes yet" in (await run(fake, ann, "notes list"))["data"]["content"]
