"""A person's name or words can't turn Hearth's own words around: a right-to-left override (U+202E) or an
isolate in a display name is closed where the name ends, so "· Good" after it still reads "· Good".

Through the real discord.py client against the local fake Discord.
"""

from __future__ import annotations

from datetime import datetime, timezone

from bot.scheduling.runner import RoundScheduler
from testing.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import button, create_schedule

OPENERS = {"\u202a": "\u202c", "\u202b": "\u202c", "\u202d": "\u202c", "\u202e": "\u202c",
           "\u2066": "\u2069", "\u2067": "\u2069", "\u2068": "\u2069"}


def open_controls_before(text: str, marker: str) -> list[str]:
    """The direction controls still open where `marker` starts (on its line): a simplified UAX #9 stack."""
    stack: list[str] = []
    for ch in text[:text.index(marker)]:
        if ch in OPENERS:
            stack.append(ch)
        elif ch == "\u202c" and stack and OPENERS[stack[-1]] == "\u202c":
            stack.pop()
        elif ch == "\u2069" and any(OPENERS[c] == "\u2069" for c in stack):
            while OPENERS[stack.pop()] != "\u2069":
                pass
        elif ch == "\n":
            stack.clear()
    return stack


async def test_a_name_with_a_direction_override_cannot_turn_the_post_around(discord_bot, fake: FakeDiscord, app,
                                                                              clock):
    mod = fake.member(fake.next_id(), "Mia", moderator=True)
    eve = fake.member(fake.next_id(), "\u202eEve\u2067")
    await create_schedule(fake, mod)
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    assert (await RoundScheduler(app).run_pending())["opened"] == 1
    await app.outbox.drain_all()
    post = fake.channel_messages(fake.channel_id)[-1]
    modal = await fake.wait_callback(await fake.click(eve, int(post["id"]), button(post, "Good")))
    done = await fake.wait_callback(await fake.submit(
        eve, modal["data"]["custom_id"], {"mood": "4", "words": "fine \u202ethanks", "visibility": "shared"},
        selects=("mood", "visibility")))
    assert "shared with the group" in done["data"]["content"]
    await app.outbox.drain_all()
    [named] = [m["content"] for m in fake.channel_messages(int(post["id"]))]
    assert "Eve" in named and "thanks" in named  # what was typed is all there
    assert open_controls_before(named, " · ") == []  # and Hearth's "· Good" reads as written
