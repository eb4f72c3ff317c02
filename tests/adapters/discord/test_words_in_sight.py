"""On Discord, words written to Hearth by @mentioning it in a server's channel sit there with the writer's name:
never called private or anonymous (`Event.seen`). A slash command, which nobody else sees, still is private. Through
the real discord.py client, against the fake Discord that checks every call against the spec."""

from __future__ import annotations

import json
from datetime import datetime, timezone

from bot.scheduling.runner import RoundScheduler
from testing.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import buttons, create_schedule, run
from tests.adapters.discord.test_messages_to_hearth import dm_texts, message

WORDS = "Slept badly again"


async def mention(fake: FakeDiscord, member, words: str) -> None:
    await fake.dispatch("MESSAGE_CREATE", message(fake, member, f"<@{fake.app_id}> {words}"))


async def test_a_note_written_by_mention_is_kept_and_said_to_be_still_in_the_channel(discord_bot, fake, app):
    uid = fake.next_id()
    ann = fake.member(uid, "Ann")
    await run(fake, ann, "reflect")
    await mention(fake, ann, "note I keep snapping at my brother")
    await fake.wait_for(lambda: "kept just for you" in dm_texts(fake, uid))
    said = dm_texts(fake, uid)
    assert f"still in <#{fake.channel_id}>" in said and "delete it there" in said
    assert "Only you can read it" not in said
    [kept] = await app.store.notes.of_member(f"discord:{fake.guild_id}", f"discord:{uid}")
    assert kept.text == "I keep snapping at my brother"
    assert not [m for m in fake.channel_messages(fake.channel_id) if "snapping" in m.get("content", "")
                or "kept just for you" in m.get("content", "")]  # (nothing said where others read)


async def test_a_note_by_slash_command_is_only_theirs(discord_bot, fake):
    ann = fake.member(fake.next_id(), "Ann")
    await run(fake, ann, "reflect")
    said = (await run(fake, ann, "note", text="just mine"))["data"]
    assert "Only you can read it" in said["content"] and "still in" not in said["content"] and said["flags"] & 64


async def a_round(fake: FakeDiscord, app, clock):
    await create_schedule(fake, fake.member(fake.next_id(), "Mia", moderator=True))
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    await RoundScheduler(app).run_pending()
    await app.outbox.drain_all()
    return (await app.store.rounds.list_open())[0]


async def test_an_anonymous_answer_by_mention_is_saved_private_and_never_posted(discord_bot, fake, app, clock):
    rnd = await a_round(fake, app, clock)
    uid = fake.next_id()
    ann = fake.member(uid, "Ann")
    await mention(fake, ann, f"checkin answer 2 anonymous {WORDS}")
    await fake.wait_for(lambda: "haven't posted it anonymously" in dm_texts(fake, uid))
    said = dm_texts(fake, uid)
    assert f"<#{fake.channel_id}>" in said and "nobody can tell" not in said and "without a name" not in said
    mine = await app.store.rounds.response_of(rnd.id, f"discord:{uid}")
    assert (mine.visibility, mine.text) == ("private", WORDS)
    await app.outbox.drain_all()
    assert WORDS not in json.dumps([c.body for c in fake.calls if c.method in ("POST", "PATCH")
                                    and "/channels/" in c.path and str(uid) not in json.dumps(c.body)
                                    and int(c.path.split("/")[2]) not in fake.dm_channels.values()])


async def test_sharing_ones_anonymous_words_asks_with_one_button(discord_bot, fake, app, clock):
    """The same words as one's own anonymous post, shared by slash command: asked first, one button posts them."""
    from tests.bot.flows.test_anonymous_batches import release

    rnd = await a_round(fake, app, clock)
    people = [fake.member(fake.next_id(), name) for name in ("Ann", "Bob", "Cy")]
    for who in people:
        words = WORDS if who is people[0] else f"words of {who['user']['username']}"
        await run(fake, who, "checkin answer", mood="3", visibility="anonymous", words=words)
    await release(app, clock)
    ann_id = f"discord:{people[0]['user']['id']}"
    assert await app.store.rounds.anonymous_post_out((await app.store.rounds.response_of(rnd.id, ann_id)).id)
    ask = (await run(fake, people[0], "checkin answer", mood="3", visibility="shared", words=WORDS))["data"]
    assert "would show that the anonymous post was yours" in ask["content"] and ask["flags"] & 64
    assert [b["label"] for b in buttons(ask)] == ["Post them with my name", "Cancel"]
    await app.outbox.drain_all()
    assert (await app.store.rounds.response_of(rnd.id, ann_id)).visibility == "anonymous"
