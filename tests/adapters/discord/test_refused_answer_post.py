"""A shared answer Discord won't let Hearth post in the round's thread (50013 Missing Permissions): the member is
told privately, without their words, and `me history` says "not posted", not "shared" (`bot.engines.rounds.refused_notes`)."""

from __future__ import annotations

from testing.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import answered, button, round_open_for_ann


async def _answered_shared_while_refused(fake: FakeDiscord, app, clock, code: int, message: str, status: int):
    """A round open, and Ann's answer "Good coffee" sent shared while Discord refuses posts in the round's thread
    (`code`): (Ann, the round's post, the form's interaction id)."""
    ann, post = await round_open_for_ann(fake, app, clock)
    form = (await fake.wait_callback(await fake.click(ann, int(post["id"]), button(post, "Good"))))["data"]["custom_id"]
    fake.refuse(f"/channels/{post['id']}/messages", code, message, status=status)  # (the round's thread)
    iid = await fake.submit(ann, form, {"mood": "4", "words": "Good coffee", "visibility": "shared"},
                            selects=("mood", "visibility"))
    return ann, post, iid


async def test_a_shared_answer_discord_refuses_to_post_is_told_and_history_says_not_posted(discord_bot,
                                                                                          fake: FakeDiscord, app, clock):
    ann, post, iid = await _answered_shared_while_refused(fake, app, clock, 50013, "Missing Permissions", 403)
    assert "shared with the group" in (await fake.wait_callback(iid))["data"]["content"]
    await app.outbox.drain_all()

    assert not fake.channel_messages(int(post["id"]))  # nothing went up in the thread
    dm_channel = fake.dm_channels[int(ann["user"]["id"])]
    told = [m["content"] for m in fake.channel_messages(dm_channel) if "wasn't posted to the group" in m["content"]]
    assert len(told) == 1
    assert "the platform didn't let Hearth post in that channel" in told[0] and "Nobody else saw it" in told[0]
    assert "Good coffee" not in told[0]

    history = await answered(fake, ann, "me history")
    assert "shared, not posted" in history["content"] and "Good coffee" in history["content"]
    assert history["flags"] & 64
    await app.outbox.drain_all()  # (told once)
    assert len([m for m in fake.channel_messages(dm_channel) if "wasn't posted to the group" in m["content"]]) == 1


async def test_a_shared_answer_discord_refuses_for_another_reason_is_told_without_one(discord_bot, fake: FakeDiscord,
                                                                                      app, clock):
    """A refusal that isn't about Hearth's permission there (50035 Invalid Form Body): told, but no reason claimed."""
    ann, post, iid = await _answered_shared_while_refused(fake, app, clock, 50035, "Invalid Form Body", 400)
    await fake.wait_callback(iid)
    await app.outbox.drain_all()

    assert not fake.channel_messages(int(post["id"]))
    dm_channel = fake.dm_channels[int(ann["user"]["id"])]
    told = [m["content"] for m in fake.channel_messages(dm_channel) if "couldn't post your answer" in m["content"]]
    assert len(told) == 1 and "nobody else saw it" in told[0] and "Good coffee" not in told[0]
    assert "permission" not in told[0] and "didn't let" not in told[0]
    history = await answered(fake, ann, "me history")
    assert "shared, not posted" in history["content"]


async def test_only_discords_refusals_about_being_let_post_there_say_so():
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
    for kind, status, code, allowed in ((discord.Forbidden, 403, 50013, True), (discord.Forbidden, 403, 50001, True),
                                        (discord.HTTPException, 400, 50083, True),
                                        (discord.HTTPException, 400, 160005, True),
                                        (discord.HTTPException, 400, 50035, False),
                                        (discord.HTTPException, 400, 160002, True),
                                        (discord.Forbidden, 403, 20009, False),  # explicit content: the message
                                        (discord.Forbidden, 403, 40002, False),  # the account must be verified
                                        (discord.Forbidden, 403, 0, False),  # a proxy's HTML page: nothing known
                                        (discord.NotFound, 404, 10003, False)):
        body = "<html>403 Forbidden</html>" if code == 0 else {"code": code, "message": "refused"}
        sender.error = kind(SimpleNamespace(status=status, reason="refused"), body)
        try:
            await sender.send(Delivery("thread", Reply(body="x"), channel="discord:1", parent_ref="discord:2"))
        except PermanentFailure as failure:
            assert failure.not_allowed is allowed, code
        else:
            raise AssertionError(code)
