"""On Slack, words written to Hearth in an @mention (`app_mention` outside its DM) sit in the channel with the
writer's name: never called private or anonymous (`Event.seen`). In Hearth's DM or after /hearth, nobody else sees
them, and they still are. Payloads through `testing.block_kit`'s fake Slack."""

from __future__ import annotations

from datetime import datetime, timezone

from bot.scheduling.runner import RoundScheduler
from testing.fake_slack import BOT_USER
from tests.adapters.slack.conftest import ANN, buttons, texts
from tests.adapters.slack.test_round import TEAM, create_schedule_in_modal

WORDS = "Slept badly again"


async def mention(side, text: str, event_id: str, ts: str) -> None:
    status, _ = await side.event({"type": "app_mention", "user": ANN, "channel": "C0GENERAL", "ts": ts,
                                  "text": f"<@{BOT_USER}> {text}"}, event_id)
    assert status == 200


def ephemeral_to_ann(fake) -> str:
    return "\n".join(texts(p["blocks"]) for p in fake.called("chat.postEphemeral") if p["user"] == ANN)


async def test_a_note_in_a_mention_is_kept_and_said_to_be_still_in_the_channel(app, fake, side):
    await mention(side, "reflect", "EvSeen1", "1.0")
    await fake.wait_for("chat.postEphemeral")
    await mention(side, "note the train was late again and I had cold coffee", "EvSeen2", "2.0")
    await fake.wait_for("chat.postEphemeral", 2)
    said = ephemeral_to_ann(fake)
    assert "kept just for you" in said and "still in <#C0GENERAL>" in said and "delete it there" in said
    assert "Only you can read it" not in said
    [kept] = await app.store.notes.of_member(TEAM, f"slack:{ANN}")
    assert kept.text == "the train was late again and I had cold coffee"


async def test_a_note_in_hearths_dm_or_by_slash_command_is_only_theirs(app, fake, side):
    await side.command(ANN, "reflect")
    await side.command(ANN, "note just mine")
    await fake.wait_for("response_url", 2)
    said = "\n".join(texts(r["blocks"]) for r in fake.called("response_url"))
    assert "Only you can read it" in said and "still in" not in said
    await side.event({"type": "message", "channel_type": "im", "user": ANN, "channel": "DANN", "ts": "3.0",
                      "text": "note mine too"}, "EvSeen3")
    [shown] = await fake.wait_for("chat.postMessage", where=lambda p: p["channel"] == ANN)
    assert "Only you can read it" in texts(shown["blocks"]) and "still in" not in texts(shown["blocks"])


async def a_round(app, clock, fake, side):
    await create_schedule_in_modal(app, fake, side)
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    await RoundScheduler(app).run_pending()
    await app.outbox.drain_all()
    return (await app.store.rounds.list_open())[0]


async def test_an_anonymous_answer_in_a_mention_is_saved_private_and_never_posted(app, clock, fake, side):
    rnd = await a_round(app, clock, fake, side)
    await mention(side, f"checkin answer 2 anonymous {WORDS}", "EvSeen4", "4.0")
    await fake.wait_for("chat.postEphemeral")
    said = ephemeral_to_ann(fake)
    assert "haven't posted it anonymously" in said and "<#C0GENERAL>" in said and "delete your message" in said
    assert "nobody can tell" not in said and "without a name" not in said
    mine = await app.store.rounds.response_of(rnd.id, f"slack:{ANN}")
    assert (mine.visibility, mine.text) == ("private", WORDS)
    await app.outbox.drain_all()
    posted = [p for p in fake.called("chat.postMessage") if p["channel"] == "C0GENERAL"]
    assert WORDS not in "\n".join(texts(p["blocks"]) for p in posted)


async def test_a_private_answer_in_a_mention_says_the_message_is_still_there(app, clock, fake, side):
    await a_round(app, clock, fake, side)
    await mention(side, f"checkin answer 2 private {WORDS}", "EvSeen5", "5.0")
    await fake.wait_for("chat.postEphemeral")
    said = ephemeral_to_ann(fake)
    assert "kept private" in said and "still in <#C0GENERAL>" in said


async def test_sharing_ones_anonymous_words_asks_with_one_button(app, clock, fake, side):
    from tests.adapters.slack.conftest import BOB, CY
    from tests.bot.flows.test_anonymous_batches import release

    rnd = await a_round(app, clock, fake, side)
    for who in (ANN, BOB, CY):
        await side.command(who, f"checkin answer 3 anonymous {WORDS if who == ANN else 'words of ' + who}")
    await fake.wait_for("response_url", 3)
    await release(app, clock)
    mine = await app.store.rounds.response_of(rnd.id, f"slack:{ANN}")
    assert await app.store.rounds.anonymous_post_out(mine.id)
    await side.command(ANN, f"checkin answer 3 shared {WORDS}")
    [*_, ask] = await fake.wait_for("response_url", 4)
    assert "would show that the anonymous post was yours" in texts(ask["blocks"])
    assert list(buttons(ask["blocks"])) == ["Post them with my name", "Cancel"]
    await app.outbox.drain_all()
    assert (await app.store.rounds.response_of(rnd.id, f"slack:{ANN}")).visibility == "anonymous"


async def test_post_them_with_my_name_posts_once_asked_and_never_after_the_answer_changed(app, clock, fake, side):
    """trial18: the button carries the answer it asked about through Slack's button value: pressed as asked, the
    words go up with her name; an older question's button, pressed after she changed her answer, posts nothing."""
    from tests.adapters.slack.conftest import BOB, CY
    from tests.bot.flows.test_anonymous_batches import release

    rnd = await a_round(app, clock, fake, side)
    for who in (ANN, BOB, CY):
        await side.command(who, f"checkin answer 3 anonymous {WORDS if who == ANN else 'words of ' + who}")
    await fake.wait_for("response_url", 3)
    await release(app, clock)
    await side.command(ANN, f"checkin answer 3 shared {WORDS}")
    [*_, stale] = await fake.wait_for("response_url", 4)
    await side.command(ANN, "checkin answer 2 private Something else")
    await fake.wait_for("response_url", 5)
    await side.click(ANN, buttons(stale["blocks"])["Post them with my name"], ephemeral=True)
    [*_, said] = await fake.wait_for("response_url", 6)
    assert "has changed since you asked, so I didn't do anything" in texts(said["blocks"])
    mine = await app.store.rounds.response_of(rnd.id, f"slack:{ANN}")
    assert (mine.visibility, mine.text) == ("private", "Something else")

    await side.command(ANN, f"checkin answer 3 shared {WORDS}")
    [*_, ask] = await fake.wait_for("response_url", 7)
    await side.click(ANN, buttons(ask["blocks"])["Post them with my name"], ephemeral=True)
    [*_, done] = await fake.wait_for("response_url", 8)
    assert "shared with the group" in texts(done["blocks"]), texts(done["blocks"])
    assert (await app.store.rounds.response_of(rnd.id, f"slack:{ANN}")).visibility == "shared"
