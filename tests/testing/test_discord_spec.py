"""The spec checker refuses what Discord would never send, and its schemas are the ones `discord_rules` cites."""

from __future__ import annotations

from typing import Any

import pytest

from testing import discord_rules, discord_spec
from testing.discord_spec_extract import EXTRA, ROUTES, extract
from testing.fake_discord import FakeDiscord, user

CREATE = "/channels/1/messages"


@pytest.fixture
def fake() -> FakeDiscord:
    return FakeDiscord()  # (not started: its payloads are all that's wanted)


def message(fake: FakeDiscord, **changes: Any) -> dict[str, Any]:
    return {**fake._message(fake.channel_id, "Hi", [{"type": 1, "components": [
        {"type": 2, "style": 1, "label": "Go", "custom_id": "go"}]}]), **changes}


def test_the_schemas_come_from_the_spec_commit_the_rules_cite() -> None:
    commit = discord_spec.spec()["source"]["commit"]
    assert commit[:7] in (discord_rules.__doc__ or "")
    assert set(discord_spec.spec()["routes"]) == {f"{m} {p}" for m, p in ROUTES}  # (re-extracted after a change)


def test_what_the_fake_sends_fits(fake: FakeDiscord) -> None:
    assert discord_spec.response_problems("POST", CREATE, 200, message(fake)) == []
    mia = fake.member(fake.next_id(), "Mia")
    assert discord_spec.response_problems("GET", f"/guilds/1/members/{mia['user']['id']}", 200,
                                          {k: v for k, v in mia.items() if k != "permissions"}) == []
    assert discord_spec.interaction_problems(fake._interaction(3, {"custom_id": "go", "component_type": 2}, mia,
                                                               message=message(fake))) == []
    dm = fake._interaction(3, {"custom_id": "go", "component_type": 2}, None, dm_user=mia["user"],
                           message=message(fake))
    assert discord_spec.interaction_problems(dm) == []


@pytest.mark.parametrize(("change", "problem"), [
    (lambda m: m["author"].pop("public_flags"), ".author.public_flags: missing (required)"),
    (lambda m: m["author"].update(global_name=5), ".author.global_name: 5 is not string or null"),
    (lambda m: m["components"][0].pop("id"), ".components[0].id: missing (required)"),
    (lambda m: m.update(timestamp="yesterday"), '.timestamp: "yesterday" is not an ISO 8601 timestamp'),
    (lambda m: m.update(id="12a"), '.id: "12a" doesn\'t match'),
    (lambda m: m.update(nonce="n" * 26), ".nonce: "),
])
def test_a_message_discord_would_never_send_is_named(fake: FakeDiscord, change, problem: str) -> None:
    shaped = message(fake)
    change(shaped)
    found = discord_spec.response_problems("POST", CREATE, 200, shaped)
    assert any(problem in p for p in found), found


def test_statuses_and_bodies_are_the_routes_own() -> None:
    problems = discord_spec.response_problems
    assert problems("DELETE", "/channels/1/messages/2", 204, None) == []
    assert problems("DELETE", "/channels/1/messages/2", 204, {"id": "2"}) != []  # 204 has no body
    assert problems("POST", CREATE, 201, {}) != []  # a message is created with 200, a thread with 201
    assert problems("GET", "/nowhere", 200, {}) != []
    assert problems("POST", CREATE, 404, {"code": 10003, "message": "Unknown Channel"}) == []
    assert problems("POST", CREATE, 404, {"code": "10003", "message": "Unknown Channel"}) != []
    assert problems("POST", CREATE, 429, {"code": 0, "message": "Slow down", "global": False}) != []  # no retry_after
    assert discord_spec.route_of("GET", "/users/@me") == "GET /users/@me"


def test_a_channel_is_checked_as_the_kind_it_says_it_is(fake: FakeDiscord) -> None:
    dm = fake.channels[fake._dm_channel(fake.next_id())]
    assert discord_spec.response_problems("GET", f"/channels/{dm['id']}", 200, dm) == []
    found = discord_spec.response_problems("GET", f"/channels/{dm['id']}", 200, {**dm, "recipients": None})
    assert any(".recipients" in p for p in found), found


def test_an_interaction_discord_would_never_deliver_is_named(fake: FakeDiscord) -> None:
    mia = fake.member(fake.next_id(), "Mia")
    in_guild = fake._interaction(2, {"id": "1", "name": "ping", "type": 1}, mia)
    check = discord_spec.interaction_problems
    assert check(in_guild) == []
    assert ".guild_locale: missing (sent in a server)" in check({k: v for k, v in in_guild.items()
                                                                 if k != "guild_locale"})
    assert ".version: always 1" in check({**in_guild, "version": 2})
    assert any(p.startswith(".member.user") for p in check({**in_guild, "member": {**mia, "user": {"id": "1"}}}))
    dm = fake._interaction(2, {"id": "1", "name": "ping", "type": 1}, None, dm_user=user(fake.next_id(), "Bo"))
    assert check(dm) == []
    assert ".member: only in a server" in check({**dm, "member": mia})
    assert '.authorizing_integration_owners.0: "0" in a DM with the bot' in \
        check({**dm, "authorizing_integration_owners": {"0": str(fake.guild_id)}})
    assert ".data.custom_id: missing (always sent)" in check({**dm, "type": 3, "message": message(fake)})


def test_the_extract_keeps_the_routes_schemas_and_what_they_reach_without_prose() -> None:
    spec = {"info": {"version": "10"}, "components": {
        "responses": {"Err": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/E"}}}}},
        "schemas": {"E": {"type": "object", "description": "An error"}, "U": {"type": "object"},
                    "M": {"type": "object", "properties": {"author": {"$ref": "#/components/schemas/U"}}},
                    "Unused": {"type": "string"}} | {n: {"type": "object"} for n in EXTRA}},
        "paths": {}}
    for method, path in ROUTES:
        spec["paths"].setdefault(path, {})[method.lower()] = {"responses": {
            "200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/M"}}}},
            "204": {"description": "No body"}, "4XX": {"$ref": "#/components/responses/Err"}}}
    extracted = extract(spec, "abc")
    assert extracted["source"]["commit"] == "abc"
    assert extracted["routes"]["GET /users/@me"] == {"200": {"$ref": "#/components/schemas/M"}, "204": None,
                                                     "4XX": {"$ref": "#/components/schemas/E"}}
    assert {"E", "U", "M"} <= set(extracted["schemas"]) and "Unused" not in extracted["schemas"]
    assert extracted["schemas"]["E"] == {"type": "object"}


def test_a_gateway_event_discord_would_never_send_is_named(fake: FakeDiscord) -> None:
    guild = fake.guilds[fake.guild_id]
    assert discord_spec.event_problems("GUILD_CREATE", guild) == []
    bare = {**guild, "channels": [{k: v for k, v in c.items() if k != "flags"} for c in guild["channels"]]}
    assert ".channels[0].flags: missing (required)" in discord_spec.event_problems("GUILD_CREATE", bare)
    assert ".member_count: missing (always sent)" in discord_spec.event_problems(
        "GUILD_CREATE", {k: v for k, v in guild.items() if k != "member_count"})
    role = {k: v for k, v in guild["roles"][0].items() if k != "colors"}
    assert discord_spec.event_problems("GUILD_ROLE_CREATE", {"guild_id": guild["id"], "role": role}) == \
        [".role.colors: missing (required)"]
    assert discord_spec.event_problems("TYPING_START", {}) == []  # (nothing of the spec's in it)


def test_every_gateway_event_is_checked_not_only_ready_guilds_and_roles(fake: FakeDiscord) -> None:
    problems = discord_spec.event_problems
    assert problems("MADE_UP_EVENT", {}) == ["MADE_UP_EVENT: not a gateway event Discord sends (as known here: "
                                             "EVENT_INTENTS)"]
    channel = fake.channels[fake.channel_id]
    assert problems("CHANNEL_UPDATE", channel) == []
    assert problems("CHANNEL_UPDATE", {k: v for k, v in channel.items() if k != "id"}) != []
    assert problems("GUILD_ROLE_DELETE", {"guild_id": str(fake.guild_id), "role_id": "12"}) == []
    assert problems("GUILD_ROLE_DELETE", {"guild_id": str(fake.guild_id)}) == [".role_id: missing (always sent)"]
    assert problems("GUILD_DELETE", {"id": str(fake.guild_id), "unavailable": "yes"}) != []
    assert problems("MESSAGE_CREATE", message(fake)) == []
    assert problems("MESSAGE_CREATE", {**message(fake), "id": 12}) != []  # (a snowflake is a string)
    member = {"guild_id": str(fake.guild_id), "user": user(5, "Ann"), "roles": ["7"]}
    assert problems("GUILD_MEMBER_UPDATE", member) == []
    assert problems("GUILD_MEMBER_UPDATE", {**member, "roles": [7]}) != []


def test_an_event_reaches_a_bot_only_if_its_intents_ask_for_it() -> None:
    guilds = discord_spec.GUILDS
    assert discord_spec.event_reaches("CHANNEL_DELETE", guilds)
    assert discord_spec.event_reaches("INTERACTION_CREATE", 0)
    assert not discord_spec.event_reaches("GUILD_MEMBER_ADD", guilds)  # (a privileged intent Hearth never asks for)
    assert not discord_spec.event_reaches("MESSAGE_CREATE", guilds)
    assert not discord_spec.event_reaches("GUILD_CREATE", None)  # (nothing before IDENTIFY but READY)


def test_a_50035_names_the_fields_it_refuses() -> None:
    problems = discord_spec.response_problems
    bare = {"code": 50035, "message": "Invalid Form Body"}
    assert any(".errors: missing" in p for p in problems("POST", CREATE, 400, bare))
    named = {**bare, "errors": {"content": {"_errors": [{"code": 50035, "message": "Must be 2000 or fewer."}]}}}
    assert problems("POST", CREATE, 400, named) == []
    assert problems("POST", CREATE, 400, {**bare, "errors": {"content": {}}}) != []
