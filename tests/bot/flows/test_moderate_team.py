"""`mod moderators remove` says only what is true: it takes someone off Hearth's own moderator list, and the
platform's admin rights and a listed role still make a moderator (the remover was told "They will lose access to
moderator commands" of a server admin, who kept every one)."""

from __future__ import annotations

import dataclasses

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
    assert asked == ("Are you sure? This takes them off the community's moderator list.\n\nIf they have the "
                     "platform's admin rights or a role on the list, they still moderate through that.")
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
