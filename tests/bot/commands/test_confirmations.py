"""A confirmation is asked only about something that exists: a missing target gets a kind refusal."""

import pytest

from bot.commands.registry import Option
from bot.commands.router import Router
from bot.features import registry as composed
from tests.conftest import actor, press, run, text

FEATURES = composed()  # every router of bot.features, as Hearth composes them


async def test_deleting_a_note_that_does_not_exist_is_refused_not_questioned(app):
    ann = actor("ann")
    replies = await run(app, ann, "notes delete", number="7")
    assert len(replies) == 1 and replies[0].error and not replies[0].buttons
    assert "no note #7" in text(replies) and "Are you sure" not in text(replies)


async def test_a_note_that_exists_is_still_confirmed_and_someone_elses_is_not_found(app):
    ann, bob = actor("ann"), actor("bob")
    await run(app, ann, "note", text="keep this")
    (note,) = await app.store.notes.of_member(ann.community_id, ann.user_id)
    asked = await run(app, ann, "notes delete", number=str(note.number))
    assert "Are you sure" in text(asked) and asked[0].buttons
    theirs = await run(app, bob, "notes delete", number=str(note.number))
    assert theirs[0].error and "Are you sure" not in text(theirs)
    yes = [b for b in asked[0].buttons if b.action == "confirm"][0]
    assert "Deleted" in text(await press(app, ann, "confirm", yes.args))


async def test_removing_someone_who_is_not_a_moderator_is_refused_not_questioned(app):
    mia = actor("mia", moderator=True)
    replies = await run(app, mia, "mod moderators remove", who="sam")
    assert replies[0].error and not replies[0].buttons
    assert "isn't on Hearth's moderator list" in text(replies) and "Are you sure" not in text(replies)
    await run(app, mia, "mod moderators add", who="sam")
    assert "Are you sure" in text(await run(app, mia, "mod moderators remove", who="sam"))


async def test_deleting_a_check_in_that_does_not_exist_is_refused_not_questioned(app):
    mia = actor("mia", moderator=True)
    replies = await run(app, mia, "mod schedule delete", name="nope")
    assert replies[0].error and not replies[0].buttons
    assert "Are you sure" not in text(replies)


async def test_a_member_is_refused_before_being_asked_about_a_moderator_command(app):
    replies = await run(app, actor("ann"), "mod moderators remove", who="sam")
    assert replies[0].error and "Only moderators" in text(replies)


def test_every_confirmed_command_with_a_target_looks_before_it_asks():
    confirmed = [c for c in FEATURES.commands.values() if c.confirm]
    assert confirmed
    for cmd in confirmed:
        if any(o.required for o in cmd.options):
            assert cmd.check is not None, cmd.name


def test_a_confirmed_command_on_a_target_cannot_be_declared_without_a_check():
    with pytest.raises(ValueError, match="check"):
        Router("test").command("thing delete", "x", Option("id", "which", required=True), confirm="Gone for good.")


async def test_a_yes_without_its_one_time_mark_asks_instead_of_acting(app):
    """Outside trial 6 F4: a "Yes, go ahead" posted without its `once` field (made up, never pressed) removed a
    moderator with no "Are you sure?" ever shown. The mark is what says it was asked: without it, Hearth asks."""
    mia = actor("mia", moderator=True)
    await run(app, mia, "mod moderators add", who="sam")
    asked = await run(app, mia, "mod moderators remove", who="sam")
    yes = [b for b in asked[0].buttons if b.action == "confirm"][0]
    forged = {k: v for k, v in yes.args.items() if k != "once"}
    again = await press(app, mia, "confirm", forged)
    assert "Are you sure" in text(again), text(again)
    assert await app.store.communities.moderators(mia.community_id) == ["console:sam"]
    fresh = [b for b in again[0].buttons if b.action == "confirm"][0]
    assert "off the community's moderator list" in text(await press(app, mia, "confirm", fresh.args))
    assert await app.store.communities.moderators(mia.community_id) == []
