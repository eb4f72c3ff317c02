"""On Discord too, a "delete x?" left open acts on the check-in it asked about, never a new one of that name
(the fourth trial, 10b): the confirmation's button carries which x, through its custom id."""

from __future__ import annotations

from testing.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import button, create_schedule, run


async def test_a_stale_delete_confirmation_leaves_the_new_check_in(discord_bot, fake: FakeDiscord, app):
    you = fake.member(fake.next_id(), "You", moderator=True)
    mia = fake.member(fake.next_id(), "Mia", moderator=True)
    await create_schedule(fake, you)
    old = await run(fake, you, "mod schedule delete", name="mornings")
    asked = await run(fake, mia, "mod schedule delete", name="mornings")
    done = await fake.wait_callback(await fake.click(mia, asked["message_id"], button(asked["data"], "Yes")))
    assert "Deleted" in done["data"]["content"]
    await create_schedule(fake, mia)
    new = await app.store.schedules.find(f"discord:{fake.guild_id}", "mornings")
    said = await fake.wait_callback(await fake.click(you, old["message_id"], button(old["data"], "Yes")))
    assert "has changed since you asked, so I didn't do anything" in said["data"]["content"], said
    assert await app.store.schedules.find(f"discord:{fake.guild_id}", "mornings") == new
