"""`/home` on Discord: the core's home view as one reply, its buttons running commands and opening the forms
declared with them."""

from __future__ import annotations

from datetime import datetime, timezone

from testing.discord_rules import modal_problems
from testing.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import button, buttons, create_schedule, run


async def test_home_says_a_finished_pause_is_over_and_its_buttons_work(discord_bot, fake: FakeDiscord, app, clock):
    mod = fake.member(fake.next_id(), "Mia", moderator=True)
    ann = fake.member(fake.next_id(), "Ann")
    await create_schedule(fake, mod)  # weekdays 09:00 Europe/London; Mon 5 Jan, 08:00 UTC now
    await run(fake, mod, "mod schedule pause", name="mornings", until="2026-01-06")
    home = await run(fake, ann, "home")
    assert home["data"]["flags"] & 64  # only Ann sees it
    said = home["data"]["content"]
    # (its day is London's, named for Ann in UTC: `zoned_day`)
    assert "paused up to and including Tue 6 Jan (Europe/London); next: Wed 7 Jan, 09:00 (UTC)" in said, said

    clock.set(datetime(2026, 1, 8, 8, 0, tzinfo=timezone.utc))
    home = await run(fake, ann, "home")
    said = home["data"]["content"]
    assert "paused" not in said and "next: Thu 8 Jan, 09:00 (UTC)" in said, said
    assert [b["label"] for b in buttons(home["data"])] == ["Join · mornings", "Reflect now", "My notes", "My status"]
    joined = await fake.wait_callback(await fake.click(ann, int(home["message_id"]), button(home["data"], "Join · mornings")))
    assert "You've joined **mornings**" in joined["data"]["content"]
    assert [s.name for s, _ in await app.store.communities.memberships(f"discord:{fake.guild_id}", f"discord:{ann['user']['id']}")
            ] == ["mornings"]


async def test_a_home_form_button_opens_the_declared_form_as_a_modal(discord_bot, fake: FakeDiscord, app, clock):
    mod = fake.member(fake.next_id(), "Mia", moderator=True)
    await run(fake, mod, "mod prompt add", kind="checkin", theme="listening", depth="light",
              text="Who listened well to you lately?")
    home = await run(fake, mod, "home")
    edit = button(home["data"], "Edit · own-listening-01")
    modal = await fake.wait_callback(await fake.click(mod, int(home["message_id"]), edit))
    assert modal["type"] == 9 and modal_problems(modal["data"]) == []
    assert modal["data"]["title"] == app.registry.commands["mod prompt edit"].form.title
    [text] = [c["component"] for c in modal["data"]["components"] if c.get("type") == 18]
    assert text["value"] == "Who listened well to you lately?"
    iid = await fake.submit(mod, modal["data"]["custom_id"], {"text": "Who really heard you this week?"})
    saved = await fake.wait_callback(iid)
    assert "Updated" in saved["data"]["content"]
    assert (await app.store.prompts.list_all(f"discord:{fake.guild_id}"))[0]["text"] == "Who really heard you this week?"
