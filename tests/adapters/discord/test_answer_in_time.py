"""Discord's three seconds, and words that outlast a reply Discord wouldn't take.

Discord takes an interaction's first answer (a reply, a deferral, a modal) within three seconds of sending it;
later, the token is gone (10062 Unknown interaction) and the person sees "The application did not respond". The
fake enforces that, so a slow step anywhere before the answer shows here as it would there. And if an answer
that gives a person's own words back can't be shown at all, the words go to their DM by the outbox.
"""

from __future__ import annotations

import asyncio

import aiohttp
import pytest

from testing.fake_discord import ANSWER_WITHIN_SECONDS, FakeDiscord
from tests.adapters.discord.helpers import button
from tests.adapters.discord.test_forms import ann_opens_the_answer_form


async def test_a_slow_lookup_before_the_core_still_defers_in_time(discord_bot, fake: FakeDiscord, app, clock,
                                                                 monkeypatch):
    """Reading the round a DM's button belongs to comes before the core: its time counts too."""
    ann, _modal = await ann_opens_the_answer_form(fake, app, clock)
    [dm] = fake.channel_messages(fake.dm_channels[int(ann["user"]["id"])])[-1:]
    reading = app.store.rounds.get

    async def slowly(round_id: int):
        await asyncio.sleep(2.6)  # (a busy database)
        return await reading(round_id)

    monkeypatch.setattr(app.store.rounds, "get", slowly)
    slow_core = app.handle

    async def slower(*args, **kwargs):
        await asyncio.sleep(1.0)
        return await slow_core(*args, **kwargs)

    monkeypatch.setattr(app, "handle", slower)
    iid = await fake.click(None, int(dm["id"]), button(dm, "Good"), dm_user=ann["user"])
    first = await fake.wait_callback(iid, timeout=15)
    assert first["type"] == 5  # deferred ("thinking…") before its three seconds were out
    await fake.wait_for(lambda: fake.followups(iid), timeout=15)
    assert fake.late == []


async def _callback(fake: FakeDiscord, iid: int) -> tuple[int, dict]:
    """Answer interaction `iid` with a deferral, as a bot would, straight at the fake's REST API."""
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{fake.api_url}/interactions/{iid}/itoken-{iid}/callback", json={"type": 5}) as got:
            return got.status, await got.json() if got.status != 204 else {}


async def test_the_fake_takes_a_first_answer_only_within_discords_three_seconds(fake: FakeDiscord) -> None:
    fake.answer_within = 0.3  # (Discord's 3 s, shortened for the test)
    member = fake.member(fake.next_id(), "Ann")
    on_time = await fake.interact(fake._interaction(5, {"custom_id": "x", "components": []}, member))
    late = await fake.interact(fake._interaction(5, {"custom_id": "y", "components": []}, member))
    assert (await _callback(fake, on_time))[0] == 200
    await asyncio.sleep(0.4)
    status, body = await _callback(fake, late)
    assert (status, body["code"]) == (404, 10062) and fake.late == [late]
    assert fake.answer_within == 0.3 and ANSWER_WITHIN_SECONDS == 3.0


async def test_words_given_back_reach_the_dm_when_discord_wont_take_the_answer(discord_bot, fake: FakeDiscord,
                                                                              app, clock):
    ann, modal = await ann_opens_the_answer_form(fake, app, clock)
    fake.refuse("/callback", 10062, "Unknown interaction", status=404)  # (the interaction's token is gone)
    await fake.submit(ann, modal["data"]["custom_id"],
                      {"mood": "4", "words": "A long walk, then soup", "visibility": "public"},
                      selects=("mood", "visibility"))  # refused (a visibility never offered): words given back
    dm_channel = fake.dm_channels[int(ann["user"]["id"])]

    async def kept() -> list[str]:
        await app.outbox.drain_all()
        return [m["content"] for m in fake.channel_messages(dm_channel) if "A long walk, then soup" in m["content"]]

    for _ in range(100):
        if await kept():
            break
        await asyncio.sleep(0.05)
    [said] = await kept()
    assert "What you typed" in said


async def test_a_refused_body_comes_back_with_its_fields_named(discord_bot, fake: FakeDiscord) -> None:
    """Discord's 50035 says which field and why (`errors`); discord.py puts that in the error's text, which is
    what Hearth logs: "In data.content: must be 2000 or fewer", not only "Invalid Form Body"."""
    import discord

    http = discord_bot.client.http
    with pytest.raises(discord.HTTPException) as refused:
        await http.send_message(fake.channel_id, params=discord.http.handle_message_parameters(content="x" * 2001))
    assert refused.value.code == 50035 and "content" in refused.value.text and "2000" in refused.value.text
    with pytest.raises(discord.HTTPException) as empty:
        await http.send_message(fake.channel_id, params=discord.http.handle_message_parameters(content=""))
    assert empty.value.code == 50006  # (Discord's own code for an empty message, not a field's)


async def test_events_the_bots_intents_dont_ask_for_never_reach_it(discord_bot, fake: FakeDiscord) -> None:
    await fake.dispatch("GUILD_MEMBER_ADD", {"guild_id": str(fake.guild_id), "user": {}, "roles": []})
    assert fake.withheld == ["GUILD_MEMBER_ADD"]
