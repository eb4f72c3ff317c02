"""The short way in for plain slash commands, and the library's full path for everything else."""

from __future__ import annotations

from discord import app_commands

from adapters.discord.commands import plain_command
from testing.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import run


def sub(name: str, *options: dict) -> dict:
    return {"type": 1, "name": name, "options": list(options)}


def test_words_and_plain_values_are_read_from_nested_groups():
    data = {"type": 1, "name": "mod", "options": [{"type": 2, "name": "schedule", "options": [
        sub("pause", {"type": 3, "name": "name", "value": "mornings"}, {"type": 4, "name": "weeks", "value": 2})]}]}
    assert plain_command(data) == ("mod schedule pause", {"name": "mornings", "weeks": "2"})
    assert plain_command({"type": 1, "name": "checkin", "options": [sub("status")]}) == ("checkin status", {})
    assert plain_command({"type": 1, "name": "help"}) == ("help", {})


def test_anything_to_resolve_takes_the_librarys_path():
    for kind in (6, 7, 8, 9, 11):  # user, channel, role, mentionable, attachment
        data = {"type": 1, "name": "mod", "options": [sub("x", {"type": kind, "name": "who", "value": "123"})]}
        assert plain_command(data) is None
    assert plain_command({"type": 2, "name": "Check in with them"}) is None  # a user menu command


async def test_plain_and_resolved_commands_both_reach_the_core(discord_bot, fake: FakeDiscord, app, monkeypatch):
    full_path: list[str] = []
    library_call = app_commands.CommandTree._call

    async def spied(tree, interaction):  # type: ignore[no-untyped-def]
        full_path.append(interaction.data["name"])
        await library_call(tree, interaction)

    monkeypatch.setattr(app_commands.CommandTree, "_call", spied)
    mod = fake.member(fake.next_id(), "Mia", moderator=True)
    ann = fake.member(fake.next_id(), "Ann")
    status = await run(fake, ann, "checkin status")  # the short way
    assert "Your check-ins" in status["data"]["content"]
    await run(fake, mod, "mod moderators add", who=int(ann["user"]["id"]))  # a member to resolve: the library's
    assert await app.store.communities.moderators(f"discord:{fake.guild_id}") == [f"discord:{ann['user']['id']}"]
    assert full_path == ["mod"]  # status took the short way; only the member to resolve took the library's


async def test_the_community_is_named_as_its_server_is(discord_bot, fake: FakeDiscord, app):
    ann = fake.member(fake.next_id(), "Ann")
    await run(fake, ann, "me timezone", timezone="Europe/Berlin")
    assert (await app.store.communities.get(f"discord:{fake.guild_id}")).name == "Hearth test server"


async def test_the_command_list_states_this_hearths_defaults_in_every_language(discord_bot, fake):
    """Discord's own list of options says the round length this Hearth starts with, filled in, never "{…}"."""
    mod = next(c for c in fake.commands["global"] if c["name"] == "mod")
    schedule = next(o for o in mod["options"] if o["name"] == "schedule")
    create = next(o for o in schedule["options"] if o["name"] == "create")
    opened = next(o for o in create["options"] if o["name"] == "open")
    assert opened["description"].endswith("(default 2h)")
    assert opened["description_localizations"]["de"].endswith("(Standard 2h)")
    said = [o["description"] for o in create["options"]]
    said += [t for o in create["options"] for t in (o.get("description_localizations") or {}).values()]
    assert not [d for d in said if "{" in d]
