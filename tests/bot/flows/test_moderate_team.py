"""`mod moderators remove` says only what is true: it takes someone off Hearth's own moderator list, and the
platform's admin rights and a listed role still make a moderator (the remover was told "They will lose access to
moderator commands" of a server admin, who kept every one)."""

from __future__ import annotations

import dataclasses

import pytest

from tests.conftest import actor, press, run, text

MIA = actor("mia", moderator=True)


async def removed(app, who_actor, who: str) -> tuple[str, str]:
    """The question, and the reply to its "Yes, go ahead"."""
    asked = await run(app, who_actor, "mod moderators remove", who=who)
    yes = [b for b in asked[0].buttons if b.action == "confirm"][0]
    return text(asked), text(await press(app, who_actor, "confirm", yes.args))


async def test_removing_another_member_promises_only_the_list(app):
    await run(app, MIA, "mod moderators add", who="sam")
    asked, done = await removed(app, MIA, "sam")
    assert "lose access" not in asked and "no longer a moderator" not in done
    assert asked == ("Are you sure? This takes them off the community's moderator list.\n\nThat's sam. If they "
                     "have the platform's admin rights or a role on the list, they still moderate through that.")
    assert done == ("sam is off the community's moderator list. If they have the platform's admin rights or a role on "
                    "the list, they still moderate through that.")
    assert await app.store.communities.moderators(MIA.community_id) == []


async def test_removing_a_role_says_its_people_may_still_moderate(app):
    await run(app, MIA, "mod moderators add", who="role:helpers")
    asked, done = await removed(app, MIA, "role:helpers")
    assert "People with that role still moderate if they have the platform's admin rights" in asked
    assert "off the community's moderator list. People with that role still moderate if" in done


async def test_removing_yourself_says_what_hearth_can_tell_of_you(app):
    listed_only = dataclasses.replace(actor("lee"), platform_moderator=False)
    admin = dataclasses.replace(actor("kim"), platform_moderator=True)
    unknown = dataclasses.replace(actor("ada"), platform_moderator=None)
    with_role = dataclasses.replace(actor("bo"), roles=("helpers",))
    for who in (listed_only, admin, unknown, with_role):
        await run(app, MIA, "mod moderators add", who=who.user_id.split(":")[1])
    await run(app, MIA, "mod moderators add", who="role:helpers")

    asked, done = await removed(app, listed_only, "lee")
    assert "That's you: you'll stop being a moderator here." in asked
    assert done == "You're no longer a moderator here."
    assert (await run(app, listed_only, "mod audit"))[0].error  # and so it is

    asked, done = await removed(app, admin, "kim")
    assert "That's you: you'll still moderate here through your role or the platform's admin rights." in asked
    assert done.startswith("You're off the community's moderator list, but you still moderate here")

    asked, done = await removed(app, with_role, "bo")
    assert "you'll still moderate here through your role" in asked and "but you still moderate here" in done
    assert not (await run(app, with_role, "mod audit"))[0].error  # (the role still moderates)

    asked, done = await removed(app, unknown, "ada")
    assert "That's you: if you have the platform's admin rights or a role on the list, you'll still" in asked
    assert done == "You're off the community's moderator list."


# -- retention: a shorter one asks first (trial19 §10) ----------------------------------------------------------


async def test_shortening_retention_asks_first_with_how_many_answers_and_posts_go(app, clock):
    """"retention_days 1" saved at once, and the next purge took everyone's answers and their posts down: now it
    asks, as `me delete` does, with the counts; Cancel keeps everything, Yes saves it."""
    from bot.engines.retention import purge_expired
    from tests.bot.engines.test_retention import setup_answers

    mia, _ann, _runner = await setup_answers(app, clock)  # day 0: Ann's shared post, Bob's private; day 21: Ann's
    asked = await run(app, mia, "mod settings", key="retention_days", value="10")
    assert text(asked) == ("Are you sure? With retention_days at 10, 2 answers are older than that: I'll delete them "
                           "within a day. 1 of their posts is still in a channel, and comes down too. This can't be "
                           "undone.")
    community = await app.store.communities.get(mia.community_id)
    assert community.settings.retention_days == 365  # nothing saved yet
    assert await purge_expired(app) == 0
    yes = [b for b in asked[0].buttons if b.action == "confirm"][0]
    assert text(await press(app, mia, "confirm", yes.args)) == "Saved: retention_days is now 10."
    assert (await app.store.communities.get(mia.community_id)).settings.retention_days == 10
    assert await purge_expired(app) == 2


async def test_raising_retention_or_shortening_it_where_nothing_is_that_old_just_saves(app, clock):
    from tests.bot.engines.test_retention import setup_answers

    mia, _ann, _runner = await setup_answers(app, clock)  # the oldest answer: 21 days old
    assert text(await run(app, mia, "mod settings", key="retention_days", value="30")) == \
        "Saved: retention_days is now 30."  # shorter, but nothing is that old
    assert text(await run(app, mia, "mod settings", key="retention_days", value="300")) == \
        "Saved: retention_days is now 300."  # longer: nothing goes
    # (never longer than this Hearth keeps answers, 365 days as shipped: it wouldn't be kept that long)
    assert text(await run(app, mia, "mod settings", key="retention_days", value="400")) == \
        "Keep answers between 1 and 365 days."


async def test_a_single_answer_to_remove_is_said_in_the_singular(app, clock):
    from tests.bot.engines.test_retention import setup_answers

    mia, _ann, _runner = await setup_answers(app, clock)
    await run(app, actor("bob"), "me delete", confirmed="yes")  # (Bob's old private answer goes: Ann's is left)
    said = text(await run(app, mia, "mod settings", key="retention_days", value="10"))
    assert "1 answer is older than that: I'll delete it within a day. 1 of their posts is still in a channel, and " \
           "comes down too." in said


async def with_config(app, **values) -> None:
    """This Hearth's config file, as if it said `values` (`checkins__summary_floor=5`)."""
    app.config = app.config.with_values(**values)


async def test_mod_settings_shows_the_values_in_force_where_the_config_decides_them(app):
    """Trial 20 C1: with summary_floor 5, default_timezone Asia/Tokyo and retention_days 30 in the config, `mod
    settings` showed 3, UTC and 365, while the floor 5 was in force and new schedules ran on UTC."""
    await with_config(app, checkins__summary_floor=5, checkins__default_timezone="Asia/Tokyo",
                      privacy__retention_days=30)
    shown = text(await run(app, MIA, "mod settings"))
    assert "• summary_floor: 5 (the lowest this Hearth allows)" in shown
    assert "• default_timezone: Asia/Tokyo (this Hearth's default)" in shown
    assert "• retention_days: 30 (the longest this Hearth keeps answers)" in shown
    assert "summary_floor: 5 (the lowest" in text(await run(app, MIA, "mod settings", key="summary_floor"))
    community = await app.ensure_community(MIA.community_id)
    assert app.zone_of(None, community).key == "Asia/Tokyo"  # (a new schedule's, a DM's: the config's)
    [preview] = await run(app, MIA, "mod schedule create", name="m", channel="general", when="daily 09:00")
    await press(app, MIA, "mod.schedule.save", preview.buttons[0].args)
    (schedule,) = await app.store.schedules.list_all(MIA.community_id)
    assert schedule.timezone == "Asia/Tokyo"


async def test_a_community_choice_within_the_config_is_shown_as_it_is_and_one_outside_it_refused(app):
    await with_config(app, checkins__summary_floor=5, privacy__retention_days=30)
    assert "never set below 5" in text(await run(app, MIA, "mod settings", key="summary_floor", value="4"))
    assert "Keep answers between 1 and 30 days" in text(await run(app, MIA, "mod settings", key="retention_days",
                                                                  value="60"))
    await run(app, MIA, "mod settings", key="summary_floor", value="7")
    await run(app, MIA, "mod settings", key="default_timezone", value="Europe/Lisbon")
    shown = text(await run(app, MIA, "mod settings"))
    assert "• summary_floor: 7\n" in shown and "• default_timezone: Europe/Lisbon\n" in shown


async def test_with_the_shipped_config_the_timezone_is_utc_and_says_where_it_comes_from(app):
    shown = text(await run(app, MIA, "mod settings"))
    assert "• default_timezone: UTC (this Hearth's default)" in shown and "• summary_floor: 3\n" in shown


@pytest.mark.parametrize("count", ["0", "-5", "201", "5000"])
async def test_an_audit_count_out_of_range_is_refused_saying_the_range_not_cut_unsaid(app, count):
    """Trial 23: "mod audit 0" and "mod audit -5" showed one entry, and "mod audit 5000" 200, saying nothing
    (`me history` refuses its weeks the same way)."""
    mia = actor("mia", moderator=True)
    [reply] = await run(app, mia, "mod audit", count=count)
    assert reply.error and "Please choose between 1 and 200 entries." in reply.plain(), reply.plain()
    [ok] = await run(app, mia, "mod audit", count="200")
    assert not ok.error, ok.plain()


async def test_a_role_is_one_word_never_nothing_or_a_sentence_saved_and_logged(app):
    """An outside trial: `mod moderators add role:I want to die` got the care reply and then "Added the role I want
    to die as a moderator", kept on the list and in the audit log every moderator reads; `role:` alone added "the
    role " (nothing). Both are refused now, and nothing is saved or logged; a real role id still goes on the list."""
    from tests.conftest import typed

    said = text(await typed(app, MIA, "mod moderators add role:I want to die"))
    assert "I haven't done that, so nothing has changed." in said and "Added" not in said
    assert "That isn't a role" in text(await typed(app, MIA, "mod moderators add role:"))
    assert await app.store.communities.moderators(MIA.community_id) == []
    assert "want to die" not in text(await run(app, MIA, "mod audit"))
    assert "Added the role 42 as a moderator." in text(await typed(app, MIA, "mod moderators add role:42"))
    assert await app.store.communities.moderators(MIA.community_id) == ["role:42"]


async def test_a_role_listed_before_the_one_word_rule_still_comes_off(app):
    await app.ensure_community(MIA.community_id)
    await app.store.communities.add_moderator(MIA.community_id, "role:old helpers", MIA.user_id, app.now())
    asked, done = await removed(app, MIA, "role:old helpers")
    assert "off the community's moderator list" in done
    assert await app.store.communities.moderators(MIA.community_id) == []


async def test_the_removal_question_names_who_it_is_about(app):
    """An outside trial: "Are you sure? This takes them off the community's moderator list." named nobody, though
    a typed name is matched to a member (or mistyped): who it is shows before anything changes."""
    await run(app, MIA, "mod moderators add", who="sam")
    await run(app, MIA, "mod moderators add", who="role:42")
    assert "That's sam." in text(await run(app, MIA, "mod moderators remove", who="sam"))
    assert "That's the role 42." in text(await run(app, MIA, "mod moderators remove", who="role:42"))
