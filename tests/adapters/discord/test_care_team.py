"""The care team on Discord, through the real discord.py client against the fake: the care note's buttons,
the note edited in place, moderators only, and the member's own follow-up button."""

from __future__ import annotations

from testing.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import button, buttons, run

WORDS = "I keep thinking about ending my life"


async def test_a_care_note_is_taken_by_one_moderator_and_edited_in_place(discord_bot, fake: FakeDiscord, app):
    mia = fake.member(fake.next_id(), "Mia", moderator=True)
    sam = fake.member(fake.next_id(), "Sam", moderator=True)
    ann = fake.member(fake.next_id(), "Ann")
    await run(fake, mia, "mod settings", key="alert_channel", value=fake.channel_id)

    said = await run(fake, ann, "note", text=WORDS)
    assert said["data"]["flags"] & 64 and "Check on me tomorrow" in [b["label"] for b in buttons(said["data"])]
    await app.outbox.drain_all()
    (note,) = [m for m in fake.channel_messages(fake.channel_id) if "may need some support" in m["content"]]
    assert "Ann" in note["content"] and WORDS not in note["content"]
    assert [b["label"] for b in buttons(note)] == ["I'll reach out", "Done"]
    take = button(note, "reach out")

    refused = await fake.wait_callback(await fake.click(ann, int(note["id"]), take))
    assert refused["data"]["flags"] & 64 and "Only moderators" in refused["data"]["content"]

    taken = await fake.wait_callback(await fake.click(mia, int(note["id"]), take))
    assert taken["data"]["flags"] & 64 and "nobody doubles up" in taken["data"]["content"]
    # Sam presses too, before the note's edit is out: told kindly who has it.
    late = await fake.wait_callback(await fake.click(sam, int(note["id"]), take))
    assert late["data"]["flags"] & 64 and "Mia" in late["data"]["content"] and "already" in late["data"]["content"]
    await app.outbox.drain_all()
    edited = fake.messages[int(note["id"])]
    assert edited.get("edited_timestamp") and "Mia" in edited["content"] and "reaching out" in edited["content"]
    assert WORDS not in edited["content"] and [b["label"] for b in buttons(edited)] == ["Hand over", "Done"]

    done = await fake.wait_callback(await fake.click(mia, int(note["id"]), button(edited, "Done")))
    assert "Marked done" in done["data"]["content"]
    await app.outbox.drain_all()
    closed = fake.messages[int(note["id"])]
    assert "Done" in closed["content"] and not buttons(closed) and WORDS not in closed["content"]


async def test_the_member_asks_for_a_follow_up_from_their_crisis_reply(discord_bot, fake: FakeDiscord, app):
    ann = fake.member(fake.next_id(), "Ann")
    said = await run(fake, ann, "note", text=WORDS)
    asked = await fake.wait_callback(await fake.click(ann, int(said["message_id"]),
                                                      button(said["data"], "Check on me")))
    assert asked["type"] == 7  # the private reply, updated in place: still with who to reach
    assert "tomorrow" in asked["data"]["content"] and "Find A Helpline" in asked["data"]["content"]
    followup = await app.store.care.followup_of(f"discord:{fake.guild_id}", f"discord:{ann['user']['id']}")
    assert followup is not None


async def test_mod_care_commands_are_in_discords_tree(discord_bot, fake: FakeDiscord):
    mod = next(c for c in fake.commands["global"] if c["name"] == "mod")
    care = next(o for o in mod["options"] if o["name"] == "care")
    assert {o["name"] for o in care["options"]} == {"list", "duty"}


async def test_a_note_raised_again_in_a_dm_has_the_notes_buttons_and_a_press_there_takes_it(discord_bot, fake: FakeDiscord,
                                                                                            app, clock):
    from datetime import timedelta

    from bot.scheduling.runner import RoundScheduler

    mia = fake.member(fake.next_id(), "Mia", moderator=True)
    ann = fake.member(fake.next_id(), "Ann")
    await run(fake, mia, "mod moderators add", who=int(mia["user"]["id"]))  # named: a moderator in a DM too
    await run(fake, mia, "mod settings", key="alert_channel", value=fake.channel_id)
    await run(fake, ann, "note", text=WORDS)
    await app.outbox.drain_all()
    (note,) = [m for m in fake.channel_messages(fake.channel_id) if "may need some support" in m["content"]]
    clock.advance(timedelta(minutes=app.config["safety.care_raise_after_minutes"] + 1))
    await RoundScheduler(app).run_job("care.raise_again")
    await app.outbox.drain_all()
    dm = fake.channel_messages(fake.dm_channels[int(mia["user"]["id"])])[-1]
    assert "still open" in dm["content"] and WORDS not in dm["content"]
    assert [b["label"] for b in buttons(dm)] == [b["label"] for b in buttons(note)] == ["I'll reach out", "Done"]
    taken = await fake.wait_callback(await fake.click(None, int(dm["id"]), button(dm, "reach out"),
                                                      dm_user=mia["user"]))
    assert "nobody doubles up" in taken["data"]["content"]  # the DM knows its server: the note's
    await app.outbox.drain_all()
    edited = fake.messages[int(note["id"])]
    assert "Mia" in edited["content"] and "reaching out" in edited["content"]
