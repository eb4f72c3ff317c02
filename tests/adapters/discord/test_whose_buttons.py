"""On Discord, a button is its person's, and a member forging a moderator's button, form or autocomplete gets
what typing the moderator command gets: a refusal, and no moderator data.

Through the real discord.py client against the local fake Discord.
"""

from __future__ import annotations

from urllib.parse import urlencode

from testing.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import button, create_schedule, run


async def test_someone_elses_confirmation_is_refused_and_nothing_is_deleted(discord_bot, fake: FakeDiscord, app):
    mod = fake.member(fake.next_id(), "Mia", moderator=True)
    ann, bob = fake.member(fake.next_id(), "Ann"), fake.member(fake.next_id(), "Bob")
    await create_schedule(fake, mod)
    await run(fake, ann, "checkin join", schedule="mornings")
    ask = await run(fake, ann, "me delete")
    yes = button(ask["data"], "Yes, go ahead")
    for presser in (bob, mod):
        refused = await fake.wait_callback(await fake.click(presser, ask["message_id"], yes))
        assert "meant for someone else" in refused["data"]["content"]
    community, ann_id = f"discord:{fake.guild_id}", f"discord:{ann['user']['id']}"
    assert len(await app.store.communities.memberships(community, ann_id)) == 1
    done = await fake.wait_callback(await fake.click(ann, ask["message_id"], yes))
    assert "Done." in done["data"]["content"]
    assert await app.store.communities.memberships(community, ann_id) == []


async def test_forged_moderator_buttons_and_forms_are_refused(discord_bot, fake: FakeDiscord, app):
    mod = fake.member(fake.next_id(), "Mia", moderator=True)
    ann = fake.member(fake.next_id(), "Ann")
    await create_schedule(fake, mod)
    schedule = await app.store.schedules.find(f"discord:{fake.guild_id}", "mornings")
    typed = await run(fake, ann, "mod schedule delete", name="mornings")
    assert "Only moderators" in typed["data"]["content"]
    forged = [
        "hearth:confirm:" + urlencode({"command": "mod schedule delete", "arg:name": "mornings"}),
        "hearth:mod.schedule.save:" + urlencode({"schedule_id": str(schedule.id), "when": "daily 03:00"}),
        "hearth:mod.schedule.save:" + urlencode({"name": "evil", "channel": str(fake.channel_id), "when": "daily"}),
        "hearth:mod.pack.apply:" + urlencode({"token": "guess"}),
    ]
    for custom_id in forged:
        # Discord only delivers a press of a button that is on the message: a message carrying the forged one.
        carrier = fake._post(fake.channel_id, {"content": "a message with a crafted button", "components": [
            {"type": 1, "components": [{"type": 2, "style": 2, "label": "Press", "custom_id": custom_id}]}]})
        answer = await fake.wait_callback(await fake.click(ann, int(carrier["id"]), custom_id))
        said = answer["data"]["content"]
        assert ("That button is for moderators" if "confirm" not in custom_id else "Only moderators") in said, custom_id
    submitted = await fake.wait_callback(await fake.submit(
        ann, "hearthform:mod.schedule.save:" + urlencode({"name": "evil", "channel": str(fake.channel_id)}),
        {"when": "daily 09:00"}))
    assert "Only moderators" in submitted["data"]["content"]
    assert [s.name for s in await app.store.schedules.list_all(f"discord:{fake.guild_id}")] == ["mornings"]
    assert (await app.store.schedules.find(f"discord:{fake.guild_id}", "mornings")).spec == "weekdays 09:00"


async def test_a_moderator_commands_autocomplete_shows_a_member_nothing(discord_bot, fake: FakeDiscord, app):
    mod = fake.member(fake.next_id(), "Mia", moderator=True)
    ann = fake.member(fake.next_id(), "Ann")
    await create_schedule(fake, mod)
    await run(fake, mod, "mod prompt add", kind="reflection", theme="listening", depth="light",
              text="Who listened well to you lately, and how?")
    own = (await app.store.prompts.list_all(f"discord:{fake.guild_id}"))[0]["id"]
    for who, expect in ((mod, True), (ann, False)):
        prompts = await fake.wait_callback(await fake.autocomplete(who, "mod prompt edit", "id", id=own[:4]))
        names = await fake.wait_callback(await fake.autocomplete(who, "mod schedule edit", "name", name="mor"))
        assert bool(prompts["data"]["choices"]) is expect and bool(names["data"]["choices"]) is expect
    # A member's own commands still suggest as before.
    joined = await fake.wait_callback(await fake.autocomplete(ann, "checkin join", "schedule", schedule="mor"))
    assert joined["data"]["choices"] == [{"name": "mornings", "value": "mornings"}]
