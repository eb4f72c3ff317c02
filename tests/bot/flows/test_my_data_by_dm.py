"""A member's data rights by DM (`bot.flows.my_data.by_dm`), in the core for every platform: the communities
Hearth holds their data in, each named; a choice among several; never a community that isn't theirs, nor any
command but **me data**, **me export** and **me delete**."""

from __future__ import annotations

from bot.events import Actor, Event
from bot.flows.my_data import DM_CHOOSE, DM_IN, by_dm


async def test_the_core_names_the_choice_and_refuses_a_community_not_theirs(app):
    def dm(kind: str, name: str, args: dict | None = None, user: str = "discord:7") -> Event:
        return Event(kind, Actor("", user, "", platform_moderator=None, in_dm=True), name, args or {})

    for cid, name in (("discord:1", "Garden Club"), ("discord:2", "Night Owls")):
        await app.store.communities.ensure(cid, app.now(), name)
        await app.store.communities.met(Actor(cid, "discord:7", "Ann", community_name=name), app.now())
    await app.store.communities.met(Actor("discord:3", "discord:8", "Bob", community_name="Bob's"), app.now())
    [choice] = await by_dm(app, dm("command", "me delete"))
    assert sorted(b.label for b in choice.buttons) == ["Garden Club", "Night Owls"]
    assert all(b.action == DM_CHOOSE for b in choice.buttons)

    [refused] = await by_dm(app, dm("action", DM_CHOOSE, {"command": "me delete", DM_IN: "discord:3"}))
    assert "Nothing was changed" in refused.body.plain()
    assert await app.store.communities.get_member("discord:3", "discord:8") is not None

    [asked] = await by_dm(app, dm("action", DM_CHOOSE, {"command": "me delete", DM_IN: "discord:2"}))
    assert "Night Owls" in asked.body.plain() and "Are you sure?" in asked.body.plain()
    assert all(b.args[DM_IN] == "discord:2" for b in asked.buttons)
    assert await by_dm(app, dm("command", "checkin join")) is None  # (nothing else by DM)


async def test_one_community_is_named_and_acted_on(app):
    await app.store.communities.ensure("discord:1", app.now(), "Garden Club")
    await app.store.communities.met(Actor("discord:1", "discord:7", "Ann", community_name="Garden Club"), app.now())
    [seen] = await by_dm(app, Event("command", Actor("", "discord:7", "", platform_moderator=None, in_dm=True),
                                    "me data", {}))
    assert seen.body.plain().startswith("In Garden Club:") and "What I hold about you here" in seen.body.plain()


async def test_posts_still_coming_down_after_an_erasure_are_said_by_dm(app):
    """After **me delete**, while a post of theirs is still coming down, Hearth holds where it is, with their id:
    **me data** by DM says so, rather than "nothing"."""
    import json

    from bot.store import member_data

    await app.store.communities.ensure("discord:1", app.now(), "Garden Club")
    await app.store.db.execute(
        "INSERT INTO outbox (dedupe_key, platform, kind, target, payload, next_attempt_at, status, created_at, tell) "
        "VALUES ('k1', 'discord', 'delete', ?, '{}', ?, 'pending', ?, 'discord:7')",
        json.dumps({"community": "discord:1", "ref": "1/2"}), app.now().isoformat(), app.now().isoformat())
    assert await member_data.communities_of(app.store, "discord:7") == {"discord:1": "Garden Club"}
    assert await member_data.communities_of(app.store, "discord:8") == {}
