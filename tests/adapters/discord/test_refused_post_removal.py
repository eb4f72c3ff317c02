"""Ann's shared answer is up in the round's thread; she runs `me delete`, and Discord won't let Hearth delete the post
(50001 Missing Access: Hearth lost the channel): she is told privately, naming the channel and without her words, that
it is still up and a moderator can remove it. A post already gone (10008 Unknown Message) is done: nothing is said.
(`bot.engines.rounds.change_refused_notes`)"""

from __future__ import annotations

from testing.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import button, round_open_for_ann, run

STILL_UP = "couldn't take down one of your posts in"


async def _shared_answer_up(fake: FakeDiscord, app, clock):
    """A round open, and Ann's answer "Good coffee" up in its thread: (Ann, her post's message id)."""
    ann, post = await round_open_for_ann(fake, app, clock)
    form = (await fake.wait_callback(await fake.click(ann, int(post["id"]), button(post, "Good"))))["data"]["custom_id"]
    await fake.wait_callback(await fake.submit(ann, form, {"mood": "4", "words": "Good coffee", "visibility": "shared"},
                                               selects=("mood", "visibility")))
    await app.outbox.drain_all()
    [mine] = [m for m in fake.channel_messages(int(post["id"])) if "Good coffee" in m["content"]]
    return ann, mine["id"]


async def _deleted_while(fake: FakeDiscord, app, ann, message_id, code: int, message: str, status: int) -> str:
    fake.refuse(f"/messages/{message_id}", code, message, status=status, times=10)
    ask = await run(fake, ann, "me delete")
    done = await fake.wait_callback(await fake.click(ann, ask["message_id"], button(ask["data"], "Yes, go ahead")))
    await app.outbox.drain_all()
    return done["data"]["content"]


async def test_a_removal_discord_refuses_after_me_delete_is_told_naming_the_channel(discord_bot, fake: FakeDiscord,
                                                                                    app, clock):
    ann, message_id = await _shared_answer_up(fake, app, clock)
    said = await _deleted_while(fake, app, ann, message_id, 50001, "Missing Access", 403)
    assert "I'm taking down 1 post of your answers now." in said  # (on its way, never "taken down")
    assert any(c.method == "DELETE" and str(message_id) in c.path for c in fake.calls)
    dm_channel = fake.dm_channels[int(ann["user"]["id"])]
    [told] = [m["content"] for m in fake.channel_messages(dm_channel) if STILL_UP in m["content"]]
    assert f"in <#{fake.channel_id}>:" in told  # (the channel, as Discord shows it)
    assert "may no longer have access to that channel" in told and "moderator can remove it" in told
    assert "Good coffee" not in told
    assert not await app.store.db.fetchall("SELECT id FROM outbox WHERE tell IS NOT NULL")  # (nothing of hers kept)
    assert fake.refused == []  # (every call as Discord defines it)


async def test_a_post_discord_says_is_already_gone_is_done_and_nothing_is_said(discord_bot, fake: FakeDiscord,
                                                                              app, clock):
    ann, message_id = await _shared_answer_up(fake, app, clock)
    await _deleted_while(fake, app, ann, message_id, 10008, "Unknown Message", 404)
    dm_channel = fake.dm_channels.get(int(ann["user"]["id"]))
    assert dm_channel is None or not [m for m in fake.channel_messages(dm_channel) if STILL_UP in m["content"]]
    assert not await app.store.db.fetchall("SELECT id FROM outbox WHERE tell IS NOT NULL")


async def test_only_an_edit_discord_cant_find_the_message_of_is_gone():
    from types import SimpleNamespace

    import discord

    from adapters.discord.sender import DiscordSender
    from bot.delivery.sender import Delivery, PermanentFailure
    from bot.events import Reply

    class Refusing(DiscordSender):
        error: discord.HTTPException

        async def _send(self, d: Delivery) -> str | None:
            raise self.error

    sender = Refusing(SimpleNamespace(client=None))  # type: ignore[arg-type]
    for kind, status, code, gone in ((discord.NotFound, 404, 10008, True), (discord.NotFound, 404, 10003, False),
                                     (discord.Forbidden, 403, 50001, False)):
        sender.error = kind(SimpleNamespace(status=status, reason="refused"), {"code": code, "message": "x"})
        try:
            await sender.send(Delivery("edit", Reply(body="x"), channel="discord:1", ref="discord:2"))
        except PermanentFailure as failure:
            assert failure.gone is gone, code
        else:
            raise AssertionError(code)
