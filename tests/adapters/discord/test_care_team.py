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
    assert refused["data"]["flags"] & 64 and "That button is for moderators" in refused["data"]["content"]

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
    mia, ann, note, dm = await _a_note_raised_again_in_a_dm(fake, app, clock)
    assert "still open" in dm["content"] and WORDS not in dm["content"]
    assert [b["label"] for b in buttons(dm)] == [b["label"] for b in buttons(note)] == ["I'll reach out", "Done"]
    taken = await fake.wait_callback(await fake.click(None, int(dm["id"]), button(dm, "reach out"),
                                                      dm_user=mia["user"]))
    assert "nobody doubles up" in taken["data"]["content"]  # the DM knows its server: the note's
    await app.outbox.drain_all()
    edited = fake.messages[int(note["id"])]
    assert "Mia" in edited["content"] and "reaching out" in edited["content"]


async def test_a_moderator_by_manage_server_alone_can_press_a_notes_buttons_in_a_dm(discord_bot, fake: FakeDiscord,
                                                                                    app, clock):
    """Not on Hearth's list: Discord's Manage Server is their only word, and a DM carries no permissions. The
    press asks Discord about the note's server, and only that one: a right taken away there is refused, though
    they still manage another server Hearth is in."""
    from datetime import timedelta

    from bot.scheduling.runner import RoundScheduler

    uid = fake.next_id()
    mia = fake.member(uid, "Mia", moderator=True)
    ann, bob = fake.member(fake.next_id(), "Ann"), fake.member(fake.next_id(), "Bob")
    await run(fake, mia, "mod settings", key="alert_channel", value=fake.channel_id)
    await run(fake, mia, "mod care duty", duty="on")  # raised notes come to her privately
    assert await app.store.communities.moderators(f"discord:{fake.guild_id}") == []

    async def raised_to_mia(member) -> dict:
        await run(fake, member, "note", text=WORDS)
        clock.advance(timedelta(minutes=app.config["safety.care_raise_after_minutes"] + 1))
        await RoundScheduler(app).run_job("care.raise_again")
        await app.outbox.drain_all()
        return fake.channel_messages(fake.dm_channels[uid])[-1]

    dm = await raised_to_mia(ann)
    taken = await fake.wait_callback(await fake.click(None, int(dm["id"]), button(dm, "reach out"),
                                                      dm_user=mia["user"]))
    assert "nobody doubles up" in taken["data"]["content"]
    asked = fake.calls_to("GET", f"/guilds/{fake.guild_id}/members/{uid}")
    assert asked  # Discord was asked, about the note's server
    await app.outbox.drain_all()
    (note,) = [m for m in fake.channel_messages(fake.channel_id)
               if "may need some support" in m["content"] and "Ann" in m["content"]]
    assert "Mia" in note["content"] and "reaching out" in note["content"]

    fake.set_roles(uid, ())  # an admin takes Manage Server away here...
    other, _channel = fake.add_guild(0, 1)
    fake.member(uid, "Mia", moderator=True, guild=other)  # ...while she manages another server
    clock.advance(timedelta(seconds=61))  # (Discord's last answer is kept a minute)
    dm = await raised_to_mia(bob)
    refused = await fake.wait_callback(await fake.click(None, int(dm["id"]), button(dm, "reach out"),
                                                        dm_user=mia["user"]))
    assert "That button is for moderators" in refused["data"]["content"]
    assert len(fake.calls_to("GET", f"/guilds/{fake.guild_id}/members/{uid}")) == len(asked) + 1
    assert not fake.calls_to("GET", f"/guilds/{other}/members/{uid}")
    notes = await app.store.care.listing(f"discord:{fake.guild_id}", app.now() - timedelta(days=1))
    assert sorted(n.state for n in notes) == ["open", "taken"]


async def test_a_moderator_by_a_role_on_hearths_list_can_press_a_notes_buttons_in_a_dm(discord_bot, fake: FakeDiscord,
                                                                                       app, clock):
    """A "Care team" role on Hearth's list, no Manage Server: a DM carries no roles, so Hearth reads hers in the
    note's server. Raised a note in a DM as one on duty, she can take it there (and her dashboard stays open);
    once the role is taken away, the press is refused."""
    from datetime import timedelta

    from bot.scheduling.runner import RoundScheduler

    community = f"discord:{fake.guild_id}"
    uid = fake.next_id()
    kim = fake.member(uid, "Kim", roles=(fake.mod_role_id,))
    ann, bob = fake.member(fake.next_id(), "Ann"), fake.member(fake.next_id(), "Bob")
    await app.ensure_community(community)
    await app.store.communities.add_moderator(community, f"role:{fake.mod_role_id}", "discord:1", app.now())
    await run(fake, kim, "mod settings", key="alert_channel", value=fake.channel_id)
    await run(fake, kim, "mod care duty", duty="on")

    async def raised_to_kim(member) -> dict:
        await run(fake, member, "note", text=WORDS)
        clock.advance(timedelta(minutes=app.config["safety.care_raise_after_minutes"] + 1))
        await RoundScheduler(app).run_job("care.raise_again")
        await app.outbox.drain_all()
        return fake.channel_messages(fake.dm_channels[uid])[-1]

    dm = await raised_to_kim(ann)
    taken = await fake.wait_callback(await fake.click(None, int(dm["id"]), button(dm, "reach out"),
                                                      dm_user=kim["user"]))
    assert "nobody doubles up" in taken["data"]["content"]
    audit = [r["action"] for r in await app.store.db.fetchall("SELECT action FROM audit_log")]
    assert "refused" not in audit

    fake.set_roles(uid, ())  # the role is taken away in the server
    dm = await raised_to_kim(bob)
    refused = await fake.wait_callback(await fake.click(None, int(dm["id"]), button(dm, "reach out"),
                                                        dm_user=kim["user"]))
    assert "That button is for moderators" in refused["data"]["content"]
    notes = await app.store.care.listing(community, app.now() - timedelta(days=1))
    assert sorted(n.state for n in notes) == ["open", "taken"]


async def test_a_member_named_in_a_command_is_still_whole_when_discord_is_asked_about_them_later(discord_bot,
                                                                                                  fake: FakeDiscord):
    """Naming a member resolves them (Discord's partial member, its user apart); the member Discord keeps is
    untouched, so asking about them later (GET .../members/{id}) reads them whole, roles and all."""
    from adapters.discord.moderators import DiscordModerators

    uid = fake.next_id()
    mia = fake.member(uid, "Mia", moderator=True)
    await run(fake, mia, "mod moderators add", who=uid)
    assert fake.guild_members[(fake.guild_id, uid)]["user"]["id"] == str(uid)
    assert await DiscordModerators(discord_bot).still(f"discord:{fake.guild_id}", f"discord:{uid}") is True
    assert fake.calls_to("GET", f"/guilds/{fake.guild_id}/members/{uid}")  # (asked Discord, not a cache)


async def test_when_the_connection_to_discord_drops_a_members_roles_and_rights_are_unknown_not_an_error(
        discord_bot, fake: FakeDiscord):
    """Asking Discord about a member in a DM's press (their roles, whether they still manage the server) on a
    connection that drops: no roles and no word, for now (nothing granted on a guess), never a failed event."""
    from adapters.discord.moderators import DiscordModerators, roles_in

    uid = fake.next_id()
    fake.member(uid, "Kim", moderator=True, roles=(fake.mod_role_id,))
    community, user_id = f"discord:{fake.guild_id}", f"discord:{uid}"
    fake.drop(f"/members/{uid}", times=20)
    assert await roles_in(discord_bot, community, user_id) == ()
    assert await DiscordModerators(discord_bot).still(community, user_id) is None
    fake.drops.clear()
    assert str(fake.mod_role_id) in await roles_in(discord_bot, community, user_id)  # (Discord answering again)


async def test_a_double_click_on_reach_out_does_not_hand_the_note_straight_back(discord_bot, fake: FakeDiscord, app):
    """Discord redraws the note under the pointer: the second click lands on "Hand over" where "I'll reach out"
    was. It is refused kindly, and the note stays with Mia."""
    mia = fake.member(fake.next_id(), "Mia", moderator=True)
    ann = fake.member(fake.next_id(), "Ann")
    await run(fake, mia, "mod settings", key="alert_channel", value=fake.channel_id)
    await run(fake, ann, "note", text=WORDS)
    await app.outbox.drain_all()
    (note,) = [m for m in fake.channel_messages(fake.channel_id) if "may need some support" in m["content"]]
    taken = await fake.wait_callback(await fake.click(mia, int(note["id"]), button(note, "reach out")))
    assert "nobody doubles up" in taken["data"]["content"]
    await app.outbox.drain_all()
    redrawn = fake.messages[int(note["id"])]
    assert [b["label"] for b in buttons(redrawn)] == ["Hand over", "Done"]
    second = await fake.wait_callback(await fake.click(mia, int(note["id"]), buttons(redrawn)[0]["custom_id"]))
    assert second["data"]["flags"] & 64 and "second press" in second["data"]["content"]
    (got,) = await app.store.care.listing(f"discord:{fake.guild_id}", app.now().replace(year=2000))
    assert got.state == "taken" and got.taken_by == f"discord:{mia['user']['id']}"


async def test_a_moderator_a_note_is_about_is_refused_its_buttons_on_discord(discord_bot, fake: FakeDiscord, app):
    mia = fake.member(fake.next_id(), "Mia", moderator=True)
    await run(fake, mia, "mod settings", key="alert_channel", value=fake.channel_id)
    await run(fake, mia, "note", text=WORDS)
    await app.outbox.drain_all()
    (note,) = [m for m in fake.channel_messages(fake.channel_id) if "may need some support" in m["content"]]
    for label in ("reach out", "Done"):
        refused = await fake.wait_callback(await fake.click(mia, int(note["id"]), button(note, label)))
        assert refused["data"]["flags"] & 64 and "This care note is about you" in refused["data"]["content"]
    (got,) = await app.store.care.listing(f"discord:{fake.guild_id}", app.now().replace(year=2000))
    assert got.state == "open"


async def test_heavy_words_given_anonymously_are_held_and_a_press_keeps_them_private(discord_bot, fake: FakeDiscord,
                                                                                    app, clock):
    """Through the round's own form on Discord: the care reply says the words are held, the next message offers
    the choice, and "Keep them private" keeps them off the channel; the care note says who, never where."""
    from tests.adapters.discord.test_optional_fields import open_round

    mia = fake.member(fake.next_id(), "Mia", moderator=True)
    ann = fake.member(fake.next_id(), "Ann")
    post = await open_round(fake, app, clock, ann)
    care_team = fake.add_channel(fake.guild_id, "care-team")  # (never the round's channel: Hearth refuses it)
    await run(fake, mia, "mod settings", key="alert_channel", value=care_team)
    modal = await fake.wait_callback(await fake.click(ann, int(post["id"]), button(post, "Low")))
    iid = await fake.submit(ann, modal["data"]["custom_id"], {"mood": "2", "words": WORDS, "visibility": "anonymous"})
    first = await fake.wait_callback(iid)
    await fake.wait_for(lambda: any("Keep them private" in [b["label"] for b in buttons(c.body)]
                                    for c in fake.followups(iid)))
    said = [first["data"], *(c.body for c in fake.followups(iid))]
    assert all(m.get("flags", 0) & 64 for m in said)
    assert "haven't posted them yet" in said[0]["content"]
    (offer,) = [m for m in fake.messages.values() if "Keep them private" in [b["label"] for b in buttons(m)]]
    assert [b["label"] for b in buttons(offer)] == ["Keep them private", "Post them anonymously"]
    kept = await fake.wait_callback(await fake.click(ann, int(offer["id"]), button(offer, "Keep")))
    assert "They stay private" in kept["data"]["content"]
    await app.outbox.drain_all()
    everywhere = [m["content"] for ch in (fake.channel_id, int(post["id"]), care_team)
                  for m in fake.channel_messages(ch)]
    assert not [c for c in everywhere if WORDS in c]
    (note,) = [c for c in everywhere if "may need some support" in c]
    assert "Ann" in note and "check-in" not in note.split("Hearth has")[0]


def test_a_press_or_form_in_a_dm_acts_in_a_dm_so_a_care_note_names_no_channel():
    """A form or button in someone's DM with Hearth, acting in the server its round or note belongs to: the actor
    says it is a DM (`Actor.in_dm`), so a care note says "a private message", never a link to their DM."""
    from types import SimpleNamespace

    from adapters.discord.interactions import actor_for

    def interaction(guild_id):
        return SimpleNamespace(user=SimpleNamespace(id=5, display_name="Ann", roles=()), guild_id=guild_id,
                               guild=SimpleNamespace(name="Club"), channel_id=77, locale=None,
                               permissions=SimpleNamespace(manage_guild=False))

    in_dm = actor_for(interaction(None), "discord:1")
    assert in_dm is not None and in_dm.in_dm and in_dm.community_id == "discord:1"
    in_server = actor_for(interaction(1))
    assert in_server is not None and not in_server.in_dm and in_server.channel_id == "discord:77"


async def test_me_delete_edits_the_care_note_to_say_it_was_withdrawn_and_its_dm_button_says_so(
        discord_bot, fake: FakeDiscord, app, clock):
    """The member erases their data: the note's message is edited in place (a PATCH the fake checks against the
    spec) to a line naming nobody, with its buttons gone, not deleted; Mia's reminder in her DMs can't be taken
    back, and its button answers kindly that the note was withdrawn."""
    mia, ann, note, dm = await _a_note_raised_again_in_a_dm(fake, app, clock)

    ask = await run(fake, ann, "me delete")
    assert "In the moderators' channel, it will say only that a care note was withdrawn" in ask["data"]["content"]
    done = await fake.wait_callback(await fake.click(ann, ask["message_id"], button(ask["data"], "Yes, go ahead")))
    assert "its post will say only that a care note was withdrawn" in done["data"]["content"]
    result = await app.outbox.drain_all()
    assert result.failed == 0
    assert not [c for c in fake.calls_to("DELETE", "/messages/") if str(note["id"]) in c.path]
    edited = fake.messages[int(note["id"])]
    assert edited.get("edited_timestamp") and not buttons(edited)
    assert edited["content"] == ("A care note was here. The person it was about has since deleted their data with "
                                 "Hearth, so it's gone.")
    assert "Ann" not in edited["content"] and ann["user"]["id"] not in str(edited)

    pressed = await fake.wait_callback(await fake.click(None, int(dm["id"]), button(dm, "reach out"),
                                                        dm_user=mia["user"]))
    said = pressed["data"]["content"]
    assert "This care note was withdrawn" in said and "can't find" not in said


async def test_a_note_whose_moderator_erased_their_data_is_edited_open_again_for_another_to_take(
        discord_bot, fake: FakeDiscord, app):
    """Mia took the note, then deleted her data: its message is edited in place (a PATCH the fake checks against the
    spec) to say it's open again, with the buttons to take it, not that someone who left is reaching out; Sam takes
    it from there."""
    mia = fake.member(fake.next_id(), "Mia", moderator=True)
    sam = fake.member(fake.next_id(), "Sam", moderator=True)
    ann = fake.member(fake.next_id(), "Ann")
    await run(fake, mia, "mod settings", key="alert_channel", value=fake.channel_id)
    await run(fake, ann, "note", text=WORDS)
    await app.outbox.drain_all()
    (note,) = [m for m in fake.channel_messages(fake.channel_id) if "may need some support" in m["content"]]
    await fake.wait_callback(await fake.click(mia, int(note["id"]), button(note, "reach out")))
    await app.outbox.drain_all()
    assert "Mia" in fake.messages[int(note["id"])]["content"]

    ask = await run(fake, mia, "me delete")
    await fake.wait_callback(await fake.click(mia, ask["message_id"], button(ask["data"], "Yes, go ahead")))
    assert (await app.outbox.drain_all()).failed == 0
    edited = fake.messages[int(note["id"])]
    assert "Mia" not in edited["content"] and "reaching out" not in edited["content"]
    assert "The moderator who took this one has since deleted their data with Hearth, so it's open again" \
        in edited["content"] and "Ann" in edited["content"] and WORDS not in edited["content"]
    assert [b["label"] for b in buttons(edited)] == ["I'll reach out", "Done"]

    taken = await fake.wait_callback(await fake.click(sam, int(note["id"]), button(edited, "reach out")))
    assert "nobody doubles up" in taken["data"]["content"]
    await app.outbox.drain_all()
    assert "Sam" in fake.messages[int(note["id"])]["content"]


async def _a_note_raised_again_in_a_dm(fake: FakeDiscord, app, clock) -> tuple[dict, dict, dict, dict]:
    """Mia, a moderator named on Hearth's list (so one in a DM too), and Ann, whose note raised a care note in the
    alert channel, left open long enough to be raised again in Mia's DMs: (mia, ann, the note's post, the DM)."""
    from datetime import timedelta

    from bot.scheduling.runner import RoundScheduler

    mia = fake.member(fake.next_id(), "Mia", moderator=True)
    ann = fake.member(fake.next_id(), "Ann")
    await run(fake, mia, "mod moderators add", who=int(mia["user"]["id"]))
    await run(fake, mia, "mod settings", key="alert_channel", value=fake.channel_id)
    await run(fake, ann, "note", text=WORDS)
    await app.outbox.drain_all()
    (note,) = [m for m in fake.channel_messages(fake.channel_id) if "may need some support" in m["content"]]
    clock.advance(timedelta(minutes=app.config["safety.care_raise_after_minutes"] + 1))
    await RoundScheduler(app).run_job("care.raise_again")
    await app.outbox.drain_all()
    return mia, ann, note, fake.channel_messages(fake.dm_channels[int(mia["user"]["id"])])[-1]
