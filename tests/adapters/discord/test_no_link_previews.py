"""No link in a member's words becomes a preview: Discord turns every link in a message into an embed (another
site's picture, title and text, shown under the sender's name) unless the message carries SUPPRESS_EMBEDS. Found by
an outside trial: a shared answer "https://…/image.gif" put a picture in the round's thread under Hearth's name."""

from __future__ import annotations

from datetime import datetime, timezone

from bot.scheduling.runner import RoundScheduler
from testing.fake_discord import SUPPRESS_EMBEDS, FakeDiscord
from tests.adapters.discord.helpers import button, create_schedule, run

LINK = "look https://example.com/big.gif and https://example.org/page"


def _previews(fake: FakeDiscord) -> list[dict]:
    return [m for m in fake.messages.values() if m["embeds"]]


async def test_the_fake_previews_a_link_as_discord_does(fake: FakeDiscord):
    """The check below could not fail if the fake never made previews."""
    message = fake._post(fake.channel_id, {"content": LINK})
    assert [e["url"] for e in message["embeds"]] == ["https://example.com/big.gif", "https://example.org/page"]
    quiet = fake._post(fake.channel_id, {"content": LINK, "flags": SUPPRESS_EMBEDS})
    assert quiet["embeds"] == []


async def test_member_words_with_links_never_become_previews(discord_bot, fake: FakeDiscord, app, clock):
    mod = fake.member(fake.next_id(), "Mia", moderator=True)
    ann, bob = (fake.member(fake.next_id(), n) for n in ("Ann", "Bob"))
    await create_schedule(fake, mod)
    for m in (ann, bob):
        await run(fake, m, "checkin join", schedule="mornings")
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    await RoundScheduler(app).run_pending()
    await app.outbox.drain_all()
    [post] = fake.channel_messages(fake.channel_id)[-1:]

    async def answer(who, words: str) -> dict:
        form = (await fake.wait_callback(await fake.click(who, int(post["id"]), button(post, "Good"))))
        iid = await fake.submit(who, form["data"]["custom_id"], {"mood": "4", "words": words, "visibility": "shared"},
                                selects=("mood", "visibility"))
        return await fake.wait_callback(iid)

    reply = await answer(ann, LINK)
    await app.outbox.drain_all()
    [shared] = fake.channel_messages(int(post["id"]))
    assert "example.com/big.gif" in shared["content"]  # the words go up as written…
    assert shared["flags"] & SUPPRESS_EMBEDS and shared["embeds"] == []  # …and no site speaks through them
    assert reply["data"]["flags"] & SUPPRESS_EMBEDS
    # An edit of the shared answer keeps it so.
    again = await answer(ann, LINK + " again")
    assert "Updated" in again["data"]["content"], again
    await app.outbox.drain_all()
    [edited] = fake.channel_messages(int(post["id"]))
    assert "again" in edited["content"] and edited["embeds"] == []
    # A note kept and read back privately, too: every message Hearth sends goes without previews.
    await run(fake, bob, "note", text=LINK)
    notes = await run(fake, bob, "notes list")
    assert "example.org/page" in notes["data"]["content"] and notes["data"]["flags"] & SUPPRESS_EMBEDS
    assert _previews(fake) == []
