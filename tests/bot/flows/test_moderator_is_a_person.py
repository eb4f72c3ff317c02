"""A moderator's "who" names one person, never any text (outside trial 6, F1/F2): the dashboard's text box said
"Added Ann" for no member, "Added everyone", took another platform's ids, a sentence of crisis words, and an
"ann" + U+200B that `remove ann` couldn't reach."""

from __future__ import annotations

import dataclasses

from tests.conftest import actor, run, text

MIA = actor("mia", moderator=True)
WEB = dataclasses.replace(MIA, from_platform=False)  # the dashboard's text box: no picker gave an id
ANN = actor("ann")


async def mods(app) -> list[str]:
    return await app.store.communities.moderators(MIA.community_id)


async def test_the_dashboard_adds_only_a_member_hearth_knows(app):
    refused = await run(app, WEB, "mod moderators add", who="Ann")
    assert refused[0].error and "I don't know anyone by that name here" in text(refused)
    assert "Added" not in text(refused) and await mods(app) == []
    await run(app, ANN, "reflect")  # Hearth meets Ann
    assert text(await run(app, WEB, "mod moderators add", who="Ann")) == "Added Ann as a moderator."
    assert await mods(app) == ["console:ann"]
    again = await run(app, WEB, "mod moderators add", who="ann\u200b")  # a look-alike is the same person
    assert text(again) == "Ann was already a moderator." and await mods(app) == ["console:ann"]


async def test_no_one_is_everyone_another_platforms_id_or_a_page_of_text(app):
    await run(app, ANN, "reflect")
    for who in ["@everyone", "here", "discord:123", "slack:UNOBODY", "a" * 5000, "\u200b\u202e"]:
        for who_actor in (MIA, WEB):
            refused = await run(app, who_actor, "mod moderators add", who=who)
            assert refused[0].error and "Added" not in text(refused), (who, text(refused))
            assert who not in text(refused)
    assert await mods(app) == []


async def test_crisis_words_as_a_name_are_refused_unsaved_and_never_quoted(app):
    for who_actor in (MIA, WEB):
        replies = await run(app, who_actor, "mod moderators add", who="I want to kill myself")
        said = text(replies)
        assert "Added" not in said and any(r.error for r in replies), said
        assert not any("kill myself" in r.body.plain() for r in replies if r.error), said
    assert await mods(app) == []
    log = text(await run(app, MIA, "mod audit"))
    assert "kill myself" not in log and "added as a moderator" not in log


async def test_remove_finds_the_one_add_made(app):
    await run(app, ANN, "reflect")  # (the community exists)
    await app.store.communities.add_moderator(MIA.community_id, "console:ann\u200b", MIA.user_id, app.now())
    await run(app, MIA, "mod moderators add", who="bob\u2066")
    assert sorted(await mods(app)) == ["console:ann\u200b", "console:bob"]
    for who_actor in (MIA, WEB):
        who = "ann" if who_actor is MIA else "bob"
        asked = await run(app, who_actor, "mod moderators remove", who=who, confirmed="yes")
        assert "is off the community's moderator list" in text(asked), text(asked)
    assert await mods(app) == []
