"""A refused modal on Discord: it can't stay open (a modal can't answer a modal), so nothing typed is lost."""

from __future__ import annotations

from datetime import datetime, timezone

from bot.scheduling.runner import RoundScheduler
from testing.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import button, create_schedule, run


async def ann_opens_the_answer_form(fake: FakeDiscord, app, clock):
    """Ann, a member of "mornings", presses "Good" on the round's post when it opens: she and the modal."""
    mod = fake.member(fake.next_id(), "Mia", moderator=True)
    ann = fake.member(fake.next_id(), "Ann")
    await create_schedule(fake, mod)
    await run(fake, ann, "checkin join", schedule="mornings")
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    await RoundScheduler(app).run_pending()
    await app.outbox.drain_all()
    [post] = fake.channel_messages(fake.channel_id)[-1:]
    return ann, await fake.wait_callback(await fake.click(ann, int(post["id"]), button(post, "Good")))


async def test_a_refused_answer_names_the_field_and_gives_back_what_was_typed(discord_bot, fake: FakeDiscord, app,
                                                                               clock):
    ann, modal = await ann_opens_the_answer_form(fake, app, clock)
    form_id = modal["data"]["custom_id"]

    # An old client (or a forged one) sends a visibility the menu never offered.
    iid = await fake.submit(ann, form_id, {"mood": "4", "words": "A long walk, then soup", "visibility": "public"},
                            selects=("mood", "visibility"))
    refusal = await fake.wait_callback(iid)
    assert refusal["data"]["flags"] & 64  # only Ann sees it
    said = refusal["data"]["content"]
    assert "“visibility” must be one of" in said and "public" in said
    kept = [c.body["content"] for c in await fake.wait_for(lambda: fake.followups(iid))]
    assert any("What you typed" in k and "A long walk, then soup" in k for k in kept), kept
    rnd = (await app.store.rounds.list_open())[0]
    assert await app.store.rounds.responses(rnd.id) == []  # nothing saved


async def test_a_form_that_fails_unexpectedly_says_it_may_have_gone_through_and_gives_the_words_back(
        discord_bot, fake: FakeDiscord, app, clock, monkeypatch):
    """A bug or a dropped database mid-way: part of it may be saved, so the apology never says "nothing was
    changed"; it asks the person to check, and what they typed comes back with it."""
    ann, modal = await ann_opens_the_answer_form(fake, app, clock)
    saving = app.store.rounds.save_response

    async def saved_then_broke(*args, **kwargs):
        await saving(*args, **kwargs)
        raise ConnectionResetError("the database went away after the answer was saved")

    monkeypatch.setattr(app.store.rounds, "save_response", saved_then_broke)
    iid = await fake.submit(ann, modal["data"]["custom_id"],
                            {"mood": "4", "words": "A long walk, then soup", "visibility": "private"},
                            selects=("mood", "visibility"))
    said = (await fake.wait_callback(iid))["data"]["content"]
    assert "nothing was changed" not in said.lower()
    assert "I can't tell whether that went through. Please check before you try it again." in said
    kept = [c.body["content"] for c in await fake.wait_for(lambda: fake.followups(iid))]
    assert any("What you typed" in k and "A long walk, then soup" in k for k in kept), kept
    rnd = (await app.store.rounds.list_open())[0]
    assert len(await app.store.rounds.responses(rnd.id)) == 1  # (it had gone through: "nothing changed" was untrue)
