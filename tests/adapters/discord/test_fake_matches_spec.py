"""The fake Discord answers as Discord's OpenAPI spec says Discord answers, and delivers interactions as documented.

Reviewers test Hearth against fakes written from that spec: where ours was more lenient or shaped otherwise, Hearth
could pass here and fail there. `FakeDiscord` checks each of its answers and interactions against the spec
(`testing.discord_spec`) and keeps what doesn't fit in `off_spec`; these tests drive it through what Hearth's
own tests do, and through every route and error it answers, and want that list empty.
"""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone

import aiohttp
import discord
import pytest

from adapters.discord.channels import DiscordChannels
from adapters.discord.moderators import DiscordModerators
from bot.scheduling.runner import RoundScheduler
from testing import discord_spec
from testing.discord_spec_extract import ROUTES
from testing.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import button, create_schedule, run


def answered(fake: FakeDiscord) -> set[tuple[str, int | None]]:
    """(spec route, status) of every REST call the fake answered."""
    return {(discord_spec.route_of(c.method, c.path) or f"{c.method} {c.path}", c.status) for c in fake.calls}


async def test_a_round_from_first_command_to_summary_is_all_answered_as_discord_would(discord_bot, fake: FakeDiscord,
                                                                                     app, clock):
    mod = fake.member(fake.next_id(), "Mia", moderator=True)
    ann, closed = fake.member(fake.next_id(), "Ann"), fake.next_id()
    fake.member(closed, "Dee")
    await create_schedule(fake, mod)  # a command, its preview's button pressed: the preview updated (7)
    await fake.wait_callback(await fake.autocomplete(ann, "checkin join", "schedule", schedule="mor"))
    for who in (ann, fake.guild_members[(fake.guild_id, closed)]):
        await run(fake, who, "checkin join", schedule="mornings", reminders="yes")
    fake.dm_closed.add(closed)  # Discord refuses the DM: 50007

    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    fake.rate_limit(f"/channels/{fake.channel_id}/messages")  # the round's post waits out a 429 first
    await RoundScheduler(app).run_pending()
    await app.outbox.drain_all()
    post = fake.channel_messages(fake.channel_id)[-1]
    modal = await fake.wait_callback(await fake.click(ann, int(post["id"]), button(post, "Good")))
    said = await fake.wait_callback(await fake.submit(ann, modal["data"]["custom_id"],
                                                      {"mood": "4", "words": "Good coffee", "visibility": "shared"},
                                                      selects=("mood", "visibility")))
    assert said["type"] == 4
    await app.outbox.drain_all()  # the thread: unknown (10003), started (201), posted in
    ann_dm = fake.channel_messages(fake.dm_channels[int(ann["user"]["id"])])[-1]
    await fake.wait_callback(await fake.click(None, int(ann_dm["id"]), button(ann_dm, "Good"), dm_user=ann["user"]))
    clock.advance(timedelta(hours=2))
    await RoundScheduler(app).sweep()
    await app.outbox.drain_all()  # the summary edits the post

    fake.forget_member(closed)  # Discord no longer knows Dee there (10007); Mia it answers about
    moderators = DiscordModerators(discord_bot)
    assert await moderators.still(f"discord:{fake.guild_id}", f"discord:{closed}") is False
    assert await moderators.still(f"discord:{fake.guild_id}", f"discord:{mod['user']['id']}") is True
    channels = DiscordChannels(discord_bot)
    lounge = fake.add_channel(fake.guild_id, "lounge")  # made after Hearth connected: asked of Discord
    assert await channels.belongs(f"discord:{fake.guild_id}", f"discord:{lounge}") is True
    assert await channels.belongs(f"discord:{fake.guild_id}", f"discord:{fake.next_id()}") is False

    assert fake.off_spec == []
    seen = answered(fake)
    assert {("POST /channels/{channel_id}/messages", 429), ("POST /channels/{channel_id}/messages", 403),
            ("POST /channels/{channel_id}/messages", 404), ("POST /channels/{channel_id}/messages/{message_id}/threads",
                                                            201),
            ("GET /guilds/{guild_id}/members/{user_id}", 404), ("GET /channels/{channel_id}", 404)} <= seen
    assert not [c for c in fake.calls if c.status == 400]  # (nothing Hearth sent was refused)


async def test_every_route_the_fake_answers_and_its_errors_fit_the_spec(discord_bot, fake: FakeDiscord):
    http = discord_bot.client.http
    app_id, me = fake.app_id, fake.member(fake.next_id(), "Ann")
    said = await run(fake, me, "checkin status")
    token = said["token"]
    webhook = f"{fake.api_url}/webhooks/{app_id}/{token}"
    got = []
    async with aiohttp.ClientSession() as session:
        for method, url, body in [
            ("GET", f"{webhook}/messages/@original", None),
            ("PATCH", f"{webhook}/messages/@original", {"content": "Edited"}),
            ("POST", webhook, {"content": "A follow-up", "flags": 64}),
            ("GET", f"{webhook}/messages/{fake.next_id()}", None),  # 10008 Unknown Message
            ("POST", f"{fake.api_url}/webhooks/{app_id}/itoken-{fake.next_id()}", {"content": "x"}),  # 10015
            ("POST", f"{fake.api_url}/channels/{fake.channel_id}/messages", {"content": "x"}),  # no token: 401
        ]:
            async with session.request(method, url, json=body) as response:
                got.append((response.status, (await response.json()).get("code")))
    assert got == [(200, None), (200, None), (200, None), (404, 10008), (404, 10015), (401, 0)]
    assert fake.messages[said["message_id"]]["content"] == "Edited"  # the answer itself, edited in place
    await http.bulk_upsert_guild_commands(app_id, fake.guild_id, [{"name": "ping", "description": "Ping", "type": 1}])
    params = discord.http.handle_message_parameters
    sent = await http.send_message(fake.channel_id, params=params(content="Hi"))
    await http.edit_message(fake.channel_id, sent["id"], params=params(content="Hi again"))
    with pytest.raises(discord.NotFound):  # a message is found in its own channel only
        await http.edit_message(fake.add_channel(fake.guild_id, "lounge"), sent["id"], params=params(content="Hi"))
    await http.start_thread_with_message(fake.channel_id, sent["id"], name="Answers", auto_archive_duration=1440)
    with pytest.raises(discord.HTTPException):  # 160004: started already
        await http.start_thread_with_message(fake.channel_id, sent["id"], name="Answers", auto_archive_duration=1440)
    with_file = await http.send_message(fake.channel_id, params=params(
        content="Your data", file=discord.File(io.BytesIO(b"a,b\n"), filename="data.csv")))
    assert [(a["filename"], a["size"]) for a in with_file["attachments"]] == [("data.csv", 4)]
    await http.delete_message(fake.channel_id, sent["id"])
    for unknown in (http.delete_message(fake.channel_id, sent["id"]),
                    http.edit_message(fake.channel_id, sent["id"], params=params(content="Gone"))):
        with pytest.raises(discord.NotFound):
            await unknown
    with pytest.raises(discord.HTTPException):  # an empty message: 50035
        await http.send_message(fake.channel_id, params=discord.http.handle_message_parameters(content=""))
    await http.get_channel(fake.channel_id)
    await http.get_member(fake.guild_id, me["user"]["id"])
    await http.start_private_message(int(me["user"]["id"]))

    assert fake.off_spec == []
    assert {route for route, _status in answered(fake)} == {f"{m} {p}" for m, p in ROUTES}
    statuses = {status for _route, status in answered(fake)}
    assert {200, 201, 204, 400, 401, 404} <= statuses


async def test_an_interaction_takes_one_answer_and_only_its_own_token(discord_bot, fake: FakeDiscord):
    said = await run(fake, fake.member(fake.next_id(), "Ann"), "checkin status")
    iid, token = said["interaction_id"], said["token"]
    answer = {"type": 4, "data": {"content": "Again"}}
    async with aiohttp.ClientSession() as session:
        for url in (f"{fake.api_url}/interactions/{iid}/{token}/callback",
                    f"{fake.api_url}/interactions/{fake.next_id()}/{token}/callback"):
            async with session.post(url, json=answer) as response:
                assert response.status in (400, 404)
    assert [(c.status, c.path.split("/")[2] == str(iid)) for c in fake.calls_to("POST", "/callback")][-2:] == \
        [(400, True), (404, False)]  # 40060 already acknowledged, 10062 unknown interaction
    assert fake.off_spec == []
