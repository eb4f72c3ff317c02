"""Words written to Hearth where others read them (`Event.seen`: an @mention in a channel) are never called private
or anonymous: a note is kept, an answer is saved, but the reply says the message is still there, with their name; an
answer given so as anonymous is saved private and never posted anonymously. And words the same as one's own
anonymous post go up with one's name only when confirmed (`checkins.NAMES_THE_ANONYMOUS`)."""

from __future__ import annotations

import json

from bot.commands.parse import parse_line, rest_of_line
from bot.events import Event
from bot.scheduling.runner import RoundScheduler
from tests.bot.flows.test_anonymous_batches import a_round, release
from tests.conftest import actor, press, run, text

ANN = actor("ann")
WORDS = "Slept badly again"
#: What no reply to words in sight may say of them (nor of an anonymous post beside them).
UNTRUE = ("Only you can read it", "nobody can tell", "without a name", "only you can see them")


async def in_channel(app, who, line: str):
    """A line written to Hearth in a channel, as the Discord and Slack adapters hand an @mention over."""
    cmd, args = parse_line(app.registry, line)
    replies = await app.handle(Event("command", who, cmd.name, args, typed=True,
                                     line=rest_of_line(app.registry, line), seen=True))
    await app.outbox.drain_all()
    return replies


def untrue(said: str) -> list[str]:
    return [claim for claim in UNTRUE if claim.lower() in said.lower()]


async def posted(app, clock, rnd) -> str:
    """Three others answer anonymously, a tick, the close: everything the channel was shown."""
    for who in ("bob", "cy", "dee"):
        await run(app, actor(who), "checkin answer", mood="3", visibility="anonymous", words=f"words of {who}")
    await release(app, clock)
    clock.set(rnd.closes_at)
    await RoundScheduler(app).sweep()
    await app.outbox.drain_all()
    return "\n".join(d.message.plain() for d in app.sent if d.kind in ("thread", "edit"))


# -- reflection notes ------------------------------------------------------------------------------------------------


async def test_a_note_written_in_a_channel_is_kept_but_never_called_only_yours(app):
    await run(app, ANN, "reflect")
    said = text(await in_channel(app, ANN, "note I keep snapping at my brother"))
    assert "kept just for you" in said and "still in #general" in said and "delete it there" in said
    assert untrue(said) == []
    [kept] = await app.store.notes.of_member(ANN.community_id, ANN.user_id)
    assert kept.text == "I keep snapping at my brother"


async def test_a_note_nobody_else_saw_is_only_yours(app):
    """The terminal, a slash command, a form: nothing of it where others read."""
    await run(app, ANN, "reflect")
    said = text(await run(app, ANN, "note", text="just mine"))
    assert "Only you can read it" in said and "still in" not in said


# -- check-in answers ------------------------------------------------------------------------------------------------


async def test_an_anonymous_answer_in_a_channel_is_saved_private_and_never_posted(app, clock):
    rnd = await a_round(app, clock)
    said = text(await in_channel(app, ANN, f"checkin answer 2 anonymous {WORDS}"))
    assert "haven't posted it anonymously" in said and "#general" in said and "delete your message" in said
    assert untrue(said) == [] and "Your words were saved just as you chose" not in said
    mine = await app.store.rounds.response_of(rnd.id, ANN.user_id)
    assert (mine.visibility, mine.text) == ("private", WORDS)
    assert WORDS not in await posted(app, clock, rnd)
    data = text(await run(app, ANN, "me data"))
    assert "held back" not in data  # (never offered to go up: not waiting for a choice)


async def test_an_answer_in_a_channel_that_keeps_its_anonymous_visibility_is_private_too(app, clock):
    """No visibility given keeps the answer's own: anonymous, here, becomes private."""
    rnd = await a_round(app, clock)
    await run(app, ANN, "checkin answer", mood="3", visibility="anonymous", words="first words")
    said = text(await in_channel(app, ANN, f"checkin answer 2 {WORDS}"))
    assert "haven't posted it anonymously" in said and untrue(said) == []
    assert (await app.store.rounds.response_of(rnd.id, ANN.user_id)).visibility == "private"
    assert WORDS not in await posted(app, clock, rnd)


async def test_an_anonymous_post_already_up_comes_down_without_a_promise_nobody_can_tell(app, clock):
    rnd = await a_round(app, clock)
    for who in ("ann", "bob", "cy"):
        await run(app, actor(who), "checkin answer", mood="3", visibility="anonymous", words=WORDS + f" ({who})")
    await release(app, clock)
    assert await app.store.rounds.anonymous_post_out((await app.store.rounds.response_of(rnd.id, ANN.user_id)).id)
    said = text(await in_channel(app, ANN, f"checkin answer 3 anonymous {WORDS} (ann)"))
    assert "Your anonymous post comes down" in said and untrue(said) == []


async def test_a_private_answer_in_a_channel_says_the_message_is_still_there(app, clock):
    rnd = await a_round(app, clock)
    said = text(await in_channel(app, ANN, f"checkin answer 2 private {WORDS}"))
    assert "kept private" in said and "still in #general" in said and "delete it there" in said
    assert untrue(said) == []
    assert (await app.store.rounds.response_of(rnd.id, ANN.user_id)).visibility == "private"


async def test_a_shared_answer_in_a_channel_is_posted_as_asked(app, clock):
    rnd = await a_round(app, clock)
    said = text(await in_channel(app, ANN, f"checkin answer 4 shared {WORDS}"))
    assert "shared with the group" in said and "still in" not in said
    assert (await app.store.rounds.response_of(rnd.id, ANN.user_id)).visibility == "shared"
    assert any(WORDS in d.message.plain() and "Ann" in d.message.plain() for d in app.sent if d.kind == "thread")


async def test_words_written_in_a_channel_are_never_posted_anonymously_later_either(app, clock):
    """The class: the same words sent again from a form or a slash command (nobody sees those) were still seen."""
    rnd = await a_round(app, clock)
    await in_channel(app, ANN, f"checkin answer 2 private {WORDS}")
    replies = await run(app, ANN, "checkin answer", mood="2", visibility="anonymous", words=WORDS.upper())
    said = text(replies)
    assert "already up" in said and "nobody can tell" not in said
    assert (await app.store.rounds.response_of(rnd.id, ANN.user_id)).visibility == "private"
    said = text(await run(app, ANN, "checkin answer", mood="2", visibility="anonymous", words="other words"))
    assert "nobody can tell" in said  # (new words, never seen: anonymous, as promised)


async def test_words_ending_in_anonymous_in_a_channel_are_not_offered_to_go_anonymous(app, clock):
    await a_round(app, clock)
    replies = await in_channel(app, ANN, "checkin answer 2 tired today anonymous")
    assert not [b for r in replies for b in r.buttons if b.action == "checkin.ending"]


# -- the same words as one's own anonymous post, with one's name -------------------------------------------------------


async def anns_anonymous_post_out(app, clock):
    rnd = await a_round(app, clock)
    for who in ("ann", "bob", "cy"):
        await run(app, actor(who), "checkin answer", mood="3", visibility="anonymous",
                  words=WORDS if who == "ann" else f"words of {who}")
    await release(app, clock)
    assert any(WORDS in d.message.plain() and "Ann" not in d.message.plain() for d in app.sent if d.kind == "thread")
    return rnd


def named_posts(app) -> list[str]:
    return [d.message.plain() for d in app.sent if d.kind in ("thread", "edit") and "Ann" in d.message.plain()]


async def test_sharing_ones_anonymous_words_with_ones_name_asks_first_and_posts_nothing_unasked(app, clock):
    rnd = await anns_anonymous_post_out(app, clock)
    [ask] = await run(app, ANN, "checkin answer", mood="3", visibility="shared", words=WORDS)
    await app.outbox.drain_all()
    assert "would show that the anonymous post was yours" in ask.plain()
    [post] = [b for b in ask.buttons if b.action == "confirm"]
    assert post.label == "Post them with my name"
    assert (await app.store.rounds.response_of(rnd.id, ANN.user_id)).visibility == "anonymous"  # nothing changed
    assert named_posts(app) == []
    await release(app, clock)
    assert named_posts(app) == []

    said = text(await press(app, ANN, "confirm", dict(post.args)))
    await app.outbox.drain_all()
    assert "shared with the group" in said
    assert (await app.store.rounds.response_of(rnd.id, ANN.user_id)).visibility == "shared"
    assert any(WORDS in p for p in named_posts(app))


async def test_cancelling_leaves_the_anonymous_answer_as_it_was(app, clock):
    rnd = await anns_anonymous_post_out(app, clock)
    [ask] = await run(app, ANN, "checkin answer", mood="3", visibility="shared", words=WORDS)
    [cancel] = [b for b in ask.buttons if b.action == "cancel"]
    said = text(await press(app, ANN, "cancel", dict(cancel.args)))
    await app.outbox.drain_all()
    assert "nothing changed" in said
    assert (await app.store.rounds.response_of(rnd.id, ANN.user_id)).visibility == "anonymous"
    assert named_posts(app) == []


async def test_a_post_with_my_name_pressed_after_the_answer_changed_posts_nothing(app, clock):
    """trial18: asked "Post them with my name", Ann changed her mind and sent other words, private; the old question's
    button still posted the anonymous words with her name, over her new answer (lost). The button acts only on the
    answer as it was asked about: changed since, it posts nothing, says so, and gives her typed words back."""
    rnd = await anns_anonymous_post_out(app, clock)
    [ask] = await run(app, ANN, "checkin answer", mood="3", visibility="shared", words=WORDS)
    [post] = [b for b in ask.buttons if b.action == "confirm"]
    await run(app, ANN, "checkin answer", mood="2", visibility="private", words="Something else entirely")
    said = text(await press(app, ANN, "confirm", dict(post.args)))
    await app.outbox.drain_all()
    assert "Your answer in mornings has changed since you asked, so I didn't do anything" in said, said
    assert "What you typed, so you can use it again" in said and WORDS in said
    mine = await app.store.rounds.response_of(rnd.id, ANN.user_id)
    assert (mine.visibility, mine.text, mine.mood) == ("private", "Something else entirely", 2)
    assert named_posts(app) == []


async def test_a_post_with_my_name_pressed_after_me_delete_brings_nothing_back(app, clock):
    rnd = await anns_anonymous_post_out(app, clock)
    [ask] = await run(app, ANN, "checkin answer", mood="3", visibility="shared", words=WORDS)
    [post] = [b for b in ask.buttons if b.action == "confirm"]
    await run(app, ANN, "me delete", confirmed="yes")
    said = text(await press(app, ANN, "confirm", dict(post.args)))
    await app.outbox.drain_all()
    assert "has changed since you asked, so I didn't do anything" in said, said
    assert await app.store.rounds.response_of(rnd.id, ANN.user_id) is None
    assert named_posts(app) == []


async def test_the_answer_form_asks_too(app, clock):
    rnd = await anns_anonymous_post_out(app, clock)
    replies = await press(app, ANN, "checkin.submit", {"round": str(rnd.id)},
                          {"mood": "3", "visibility": "shared", "words": f"  {WORDS.lower()} "}, kind="form")
    assert [b.label for r in replies for b in r.buttons if b.action == "confirm"] == ["Post them with my name"]
    assert (await app.store.rounds.response_of(rnd.id, ANN.user_id)).visibility == "anonymous"


async def test_words_from_an_earlier_anonymous_post_are_asked_about_too(app, clock):
    """Gone private since (its post came down), the words were still seen anonymously."""
    rnd = await anns_anonymous_post_out(app, clock)
    await run(app, ANN, "checkin answer", mood="3", visibility="private", words=WORDS)
    await release(app, clock)
    [ask] = await run(app, ANN, "checkin answer", mood="3", visibility="shared", words=WORDS)
    assert [b.label for b in ask.buttons if b.action == "confirm"] == ["Post them with my name"]
    assert (await app.store.rounds.response_of(rnd.id, ANN.user_id)).visibility == "private"


async def test_other_words_or_an_anonymous_post_never_up_go_up_unasked(app, clock):
    rnd = await anns_anonymous_post_out(app, clock)
    said = text(await run(app, ANN, "checkin answer", mood="3", visibility="shared", words="something new"))
    assert "shared with the group" in said
    assert (await app.store.rounds.response_of(rnd.id, ANN.user_id)).visibility == "shared"
    dee = actor("dee")
    await run(app, dee, "checkin answer", mood="3", visibility="anonymous", words="mine alone")  # (waits: too few)
    said = text(await run(app, dee, "checkin answer", mood="3", visibility="shared", words="mine alone"))
    assert "shared with the group" in said


# -- a moderator's command refused is no moderator action ------------------------------------------------------------


async def test_a_refused_moderator_command_is_not_called_a_moderator_action(app):
    await run(app, ANN, "mod settings", key="retention_days", value="1")  # refused: Ann moderates nothing
    out = text(await run(app, ANN, "me data"))
    assert "moderator action" not in out
    assert "1 moderator command or button you tried that was refused" in out
    [export] = await run(app, ANN, "me export")
    data = json.loads(export.attachment.content)
    assert data["moderator_actions"] == []
    assert [m["action"] for m in data["refused_moderator_commands"]] == ["refused"]


async def test_a_moderators_own_actions_are_still_counted(app):
    mia = actor("mia", moderator=True)
    await run(app, mia, "mod settings", key="retention_days", value="30")
    out = text(await run(app, mia, "me data"))
    assert "1 moderator action in the audit log" in out and "refused" not in out


# -- heavy words held from a post, written where others read them ----------------------------------------------------


async def test_heavy_words_held_from_a_post_are_never_said_to_be_seen_by_you_alone(app, clock):
    rnd = await a_round(app, clock)
    replies = await in_channel(app, ANN, "checkin answer 1 shared I want to die")
    said = text(replies)
    assert "haven't posted them" in said and "still in #general" in said and untrue(said) == []
    [offer] = [r for r in replies if any(b.action == "checkin.keep_private" for b in r.buttons)]
    [keep] = [b for b in offer.buttons if b.action == "checkin.keep_private"]
    assert keep.label == "Don't post them"
    kept = text(await press(app, ANN, "checkin.keep_private", dict(keep.args)))
    assert "won't post them" in kept and untrue(kept) == []
    assert (await app.store.rounds.response_of(rnd.id, ANN.user_id)).visibility == "private"


async def test_heavy_words_nobody_else_saw_are_still_offered_as_private(app, clock):
    await a_round(app, clock)
    replies = await run(app, ANN, "checkin answer", mood="1", visibility="shared", words="I want to die")
    assert "only you can see them" in text(replies)
    assert [b.label for r in replies for b in r.buttons if b.action == "checkin.keep_private"] == ["Keep them private"]


async def test_privacy_says_a_mention_stays_where_it_was_written(app):
    said = text(await run(app, ANN, "privacy"))
    assert "(an @mention) stays there, with your name" in said and "never post those words anonymously" in said


async def test_the_export_says_words_written_in_a_channel_are_remembered_and_me_delete_forgets_them(app, clock):
    await a_round(app, clock)
    await in_channel(app, ANN, f"checkin answer 2 private {WORDS}")
    [export] = await run(app, ANN, "me export")
    data = json.loads(export.attachment.content)
    assert data["care"]["answers_written_in_channels_remembered"] == 1 and WORDS not in json.dumps(data["care"])
    assert "care_replies_remembered" not in data["care"]  # (no care reply went to them)
    [ask] = await run(app, ANN, "me delete")
    [yes] = [b for b in ask.buttons if b.action == "confirm"]
    await press(app, ANN, "confirm", dict(yes.args))
    assert not await app.store.db.fetchall("SELECT event_id FROM processed_events WHERE event_id LIKE '%:seen:%'")


async def test_the_answer_forms_question_posts_when_pressed(app, clock):
    """The same question asked from the answer form (an action, not the typed command) carries the answer it is
    about too: pressed as asked, the words go up with her name."""
    rnd = await anns_anonymous_post_out(app, clock)
    replies = await press(app, ANN, "checkin.submit", {"round": str(rnd.id)},
                          {"mood": "3", "visibility": "shared", "words": WORDS}, kind="form")
    [post] = [b for r in replies for b in r.buttons if b.action == "confirm"]
    said = text(await press(app, ANN, "confirm", dict(post.args)))
    await app.outbox.drain_all()
    assert "shared with the group" in said, said
    assert (await app.store.rounds.response_of(rnd.id, ANN.user_id)).visibility == "shared"
