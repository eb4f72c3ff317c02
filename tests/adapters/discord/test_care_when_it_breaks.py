"""Words of concern reach Hearth on Discord on a path that can't run them (a form whose handling fails, a form Hearth
can no longer read): the care reply comes all the same, first, through the real discord.py client."""

from __future__ import annotations

from datetime import datetime, timezone

from bot.scheduling.runner import RoundScheduler
from testing.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import button, create_schedule, run

CARE = "You don't have to face this alone"
WORDS = "I want to die"


async def care_team(fake: FakeDiscord, mod: dict) -> int:
    """A care channel, as `mod settings alert_channel` sets it (never a round's channel: Hearth refuses that)."""
    channel = fake.add_channel(fake.guild_id, "care-team")
    await run(fake, mod, "mod settings", key="alert_channel", value=channel)
    return channel


async def notes(fake: FakeDiscord, app, channel: int) -> list[str]:
    """The care notes the moderators got in the care channel."""
    await app.outbox.drain_all()
    return [m["content"] for m in fake.channel_messages(channel) if "may need some support" in m["content"]]


async def said_to(fake: FakeDiscord, iid: int, count: int) -> list[str]:
    """What the person saw for interaction `iid`: its answer, then its follow-ups (`count` in all)."""
    first = (await fake.wait_callback(iid))["data"]
    await fake.wait_for(lambda: len(fake.followups(iid)) >= count - 1)
    return [first["content"], *(c.body["content"] for c in fake.followups(iid))]


async def test_words_of_concern_in_an_answer_form_that_fails_get_care_then_the_apology_and_the_words(
        discord_bot, fake, app, clock, monkeypatch):
    mod, ann = fake.member(fake.next_id(), "Mia", moderator=True), fake.member(fake.next_id(), "Ann")
    await create_schedule(fake, mod)
    channel = await care_team(fake, mod)
    await run(fake, ann, "checkin join", schedule="mornings")
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    await RoundScheduler(app).run_pending()
    await app.outbox.drain_all()
    post = fake.channel_messages(fake.channel_id)[-1]
    form = (await fake.wait_callback(await fake.click(ann, int(post["id"]), button(post, "Low"))))["data"]

    async def dropped(*args, **kwargs):
        raise ConnectionResetError("connection to the database was lost")

    monkeypatch.setattr(app.store.rounds, "save_response", dropped)
    iid = await fake.submit(ann, form["custom_id"], {"mood": "2", "words": WORDS, "visibility": "shared"},
                            selects=("mood", "visibility"))
    care, sorry, back = await said_to(fake, iid, 3)
    assert CARE in care and "saved" not in care.lower() and WORDS not in care
    assert "something went wrong on my side" in sorry and "can't tell whether that went through" in sorry
    assert "What you typed, so you can use it again" in back and WORDS in back  # (the modal is gone: its words)
    [note] = await notes(fake, app, channel)  # (they sent it: the moderators hear who, as for any words sent)
    assert "Ann" in note and WORDS not in note


async def test_a_form_that_is_none_of_hearths_any_more_is_still_screened(discord_bot, fake, app):
    """A modal from an earlier version, whose id no form of Hearth's now has: nothing in it runs, but what was typed
    reaches Hearth, so words of concern get the care reply (with no note: Hearth can't tell what they were for)."""
    mod, ann = fake.member(fake.next_id(), "Mia", moderator=True), fake.member(fake.next_id(), "Ann")
    channel = await care_team(fake, mod)
    iid = await fake.submit(ann, "hearthform:checkin.submit:round=1:v1", {"words": WORDS})
    care, expired = await said_to(fake, iid, 2)
    assert CARE in care and WORDS not in care and "saved" not in care.lower()
    assert "This form has expired" in expired
    assert await notes(fake, app, channel) == []

    iid = await fake.submit(ann, "hearthform:old.form:!gone~", {"words": "See you tomorrow"})
    [expired] = await said_to(fake, iid, 1)  # (nothing of concern: only that it expired)
    assert "This form has expired" in expired


async def test_a_slash_command_hearth_no_longer_has_is_still_screened(discord_bot, fake, app):
    """Discord still offering a command Hearth has dropped (its list not yet updated): discord.py can't hand it over,
    but what was typed in it reaches Hearth, so words of concern get the care reply before the apology."""
    ann = fake.member(fake.next_id(), "Ann")
    data = fake.command_payload("note", {"text": WORDS})
    iid = await fake.interact(fake._interaction(2, {**data, "name": "jot"}, ann))
    care, sorry = await said_to(fake, iid, 2)
    assert CARE in care and WORDS not in care
    assert "something went wrong on my side" in sorry

    data = fake.command_payload("note", {"text": "Buy milk"})
    [sorry] = await said_to(fake, await fake.interact(fake._interaction(2, {**data, "name": "jot"}, ann)), 1)
    assert "something went wrong on my side" in sorry
