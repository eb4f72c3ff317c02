"""Is what the fake Discord answers shaped as Discord's own answers are? Checked against Discord's OpenAPI spec.

Reviewers test Hearth against fakes written from Discord's published spec; a fake of ours that is more lenient
(a field missing that real Discord always sends, one present that it may leave out) lets Hearth pass here and
break there. So every REST answer of `FakeDiscord` can be checked against the spec's response schema for its
route and status (`response_problems`), and every interaction it delivers against Discord's documented
interaction object (`interaction_problems`; the spec describes only HTTP, not the gateway), whose users,
members, messages and resolved objects are again the spec's schemas.

The schemas are kept in `discord_spec.json` (extracted by `discord_spec_extract`, spec commit noted there). The
checker is small on purpose: types, required fields, enums and consts, patterns, lengths and bounds, `$ref`,
`allOf`, and `oneOf`/`anyOf` taken as "one of them fits" (the spec's unions overlap: a thread also fits the
guild channel's schema, so "exactly one" would refuse what Discord sends).
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

SPEC_FILE = Path(__file__).with_name("discord_spec.json")
SNOWFLAKE = re.compile(r"^(0|[1-9][0-9]*)$")
_TYPES: dict[str, Any] = {
    "object": lambda v: isinstance(v, dict), "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str), "boolean": lambda v: isinstance(v, bool),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool), "null": lambda v: v is None,
}


@cache
def spec() -> dict[str, Any]:
    return json.loads(SPEC_FILE.read_text(encoding="utf-8"))


def schema(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}"}


# -- the checker ------------------------------------------------------------------------------------


def problems(node: Any, value: Any, where: str = "") -> list[str]:
    """Where `value` doesn't fit the schema `node`: each problem as "path: what", none if it fits."""
    if not node:
        return []
    if "$ref" in node:
        return problems(spec()["schemas"][node["$ref"].rsplit("/", 1)[1]], value, where)
    found = _kind(node, value, where)
    if found:
        return found  # (its other keywords speak of a value of the right type)
    for part in node.get("allOf", []):
        found += problems(part, value, where)
    for union in ("oneOf", "anyOf"):
        if union in node:
            found += _union(node[union], value, where)
    found += _scalar(node, value, where)
    if isinstance(value, dict):
        found += _object(node, value, where)
    if isinstance(value, list):
        found += _array(node, value, where)
    return found


def _kind(node: dict[str, Any], value: Any, where: str) -> list[str]:
    kinds = node.get("type")
    if kinds is None:
        return []
    kinds = [kinds] if isinstance(kinds, str) else kinds
    if any(_TYPES[k](value) for k in kinds):
        return []
    return [f"{where or '.'}: {_short(value)} is not {' or '.join(kinds)}"]


def _union(branches: list[dict[str, Any]], value: Any, where: str) -> list[str]:
    """Fits one of the branches; else the problems of the closest one, so the message says what to fix: a branch
    whose own `type` (the spec's unions are told apart by it) fits before any whose doesn't."""
    tried = []
    for branch in branches:
        tried.append(problems(branch, value, where))
        if not tried[-1]:
            return []
    closest = min(tried, key=lambda t: (any(p.startswith(f"{where}.type: ") for p in t), len(t)))
    if all(len(t) == 1 and ": " in t[0] and t[0].split(": ", 1)[0] == (where or ".") for t in tried):
        return [f"{where or '.'}: {_short(value)} fits none of {len(branches)} choices"]
    return closest


def _scalar(node: dict[str, Any], value: Any, where: str) -> list[str]:
    at, found = where or ".", []
    if "enum" in node and value not in node["enum"]:
        found.append(f"{at}: {_short(value)} is not one of {node['enum']}")
    if "const" in node and value != node["const"]:
        found.append(f"{at}: {_short(value)} is not {node['const']!r}")
    if isinstance(value, str):
        if "pattern" in node and not re.search(node["pattern"], value):
            found.append(f"{at}: {_short(value)} doesn't match {node['pattern']}")
        if len(value) > node.get("maxLength", len(value)) or len(value) < node.get("minLength", 0):
            found.append(f"{at}: length {len(value)} is out of bounds")
        if node.get("format") == "date-time" and not _timestamp(value):
            found.append(f"{at}: {_short(value)} is not an ISO 8601 timestamp")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value < node.get("minimum", value) or value > node.get("maximum", value):
            found.append(f"{at}: {value} is out of bounds")
    return found


def _object(node: dict[str, Any], value: dict[str, Any], where: str) -> list[str]:
    found = [f"{where}.{k}: missing (required)" for k in node.get("required", []) if k not in value]
    properties = node.get("properties", {})
    extra = node.get("additionalProperties")
    for key, item in value.items():
        if key in properties:
            found += problems(properties[key], item, f"{where}.{key}")
        elif extra is False:
            found.append(f"{where}.{key}: not a field Discord has here")
        elif isinstance(extra, dict):
            found += problems(extra, item, f"{where}.{key}")
    return found


def _array(node: dict[str, Any], value: list[Any], where: str) -> list[str]:
    found = []
    if len(value) > node.get("maxItems", len(value)) or len(value) < node.get("minItems", 0):
        found.append(f"{where or '.'}: {len(value)} items is out of bounds")
    if node.get("uniqueItems") and len({json.dumps(v, sort_keys=True) for v in value}) < len(value):
        found.append(f"{where or '.'}: items repeat")
    for i, item in enumerate(value):
        found += problems(node.get("items", {}), item, f"{where}[{i}]")
    return found


def _timestamp(text: str) -> bool:
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def _short(value: Any) -> str:
    if isinstance(value, (dict, list)):  # (said often, of branches a union tries: never dumped whole)
        return "an object" if isinstance(value, dict) else f"an array of {len(value)}"
    text = json.dumps(value)
    return text if len(text) <= 60 else text[:57] + "..."


# -- REST answers -------------------------------------------------------------------------------------------


@cache
def _templates() -> list[tuple[str, re.Pattern[str], str]]:
    """(method, path pattern, route key), literal routes (`/users/@me`) before those they'd also match."""
    out = []
    for key in spec()["routes"]:
        method, path = key.split(" ", 1)
        pattern = re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path)) + "$")
        out.append((path.count("{"), method, pattern, key))
    return [(m, p, k) for _n, m, p, k in sorted(out, key=lambda t: t[0])]


def route_of(method: str, path: str) -> str | None:
    """The spec's route for a call the fake answered (`/channels/123/messages` → `POST /channels/{…}/messages`)."""
    path = "/" + path.strip("/")
    return next((k for m, p, k in _templates() if m == method and p.match(path)), None)


def response_problems(method: str, path: str, status: int, body: Any) -> list[str]:
    """Why this answer isn't one Discord could give for this route and status (none if it could)."""
    route = route_of(method, path)
    if route is None:
        return [f"{method} {path}: not a route the spec (as extracted) has"]
    statuses = spec()["routes"][route]
    key = str(status) if str(status) in statuses else f"{str(status)[0]}XX"
    if key not in statuses:
        return [f"{route}: status {status} is not one the spec documents ({', '.join(sorted(statuses))})"]
    if statuses[key] is None:
        return [] if body is None else [f"{route} {status}: Discord answers with no body"]
    return [f"{route} {status} {p}" for p in problems(statuses[key], body) + _error_details(status, body)]


#: Discord's "Invalid Form Body": it always says which fields, and why (the spec's `ErrorResponse.errors`).
INVALID_FORM_BODY = 50035


def _error_details(status: int, body: Any) -> list[str]:
    """A 50035 that doesn't name its fields (`errors`, each path ending in `_errors`) is one Discord never gives:
    a bot that reads only its message would pass here and meet the real thing unprepared."""
    if status != 400 or not isinstance(body, dict) or body.get("code") != INVALID_FORM_BODY:
        return []
    errors = body.get("errors")
    if not isinstance(errors, dict) or not errors:
        return [".errors: missing (Discord names the refused fields of a 50035)"]
    return [f".errors{p}" for p in _leaves(errors, "")]


def _leaves(node: dict[str, Any], where: str) -> list[str]:
    """Where an errors tree has a branch that ends in no `_errors` list."""
    if "_errors" in node:
        ok = isinstance(node["_errors"], list) and node["_errors"] and all(
            isinstance(e, dict) and "code" in e and isinstance(e.get("message"), str)
            for e in node["_errors"])
        return [] if ok else [f"{where}._errors: not a list of {{code, message}}"]
    if not node:
        return [f"{where or '.'}: names no error"]
    return [p for k, v in node.items()
            for p in (_leaves(v, f"{where}.{k}") if isinstance(v, dict) else [f"{where}.{k}: not an object"])]


# -- interactions (gateway payloads, documented, not in the spec) --------------------------------------------------

#: Every interaction Discord delivers carries these (its docs' Interaction Object; `locale` is left out of PING
#: only, which a gateway bot never gets).
INTERACTION_ALWAYS = {"id": "snowflake", "application_id": "snowflake", "type": "integer", "token": "string",
                      "version": "integer", "app_permissions": "string", "locale": "string",
                      "entitlements": "array", "authorizing_integration_owners": "object",
                      "attachment_size_limit": "integer", "context": "integer", "channel_id": "snowflake",
                      "channel": "object", "data": "object"}
INTERACTION_TYPES = {2: "application command", 3: "message component", 4: "autocomplete", 5: "modal submit"}
CONTEXTS = {0: "GUILD", 1: "BOT_DM", 2: "PRIVATE_CHANNEL"}
DATA_REQUIRED = {2: ("id", "name", "type"), 3: ("custom_id", "component_type"), 4: ("id", "name", "type"),
                 5: ("custom_id", "components")}


def interaction_problems(payload: dict[str, Any]) -> list[str]:
    """Why Discord would never deliver this interaction as it is (none if it could)."""
    found = []
    for key, kind in INTERACTION_ALWAYS.items():
        if key not in payload:
            found.append(f".{key}: missing (always sent)")
        elif kind == "snowflake":
            found += problems(schema("SnowflakeType"), payload[key], f".{key}")
        else:
            found += problems({"type": kind}, payload[key], f".{key}")
    if found:
        return found
    itype = payload["type"]
    if itype not in INTERACTION_TYPES:
        return [f".type: {itype} is not an interaction a bot's gateway delivers"]
    found += [f".data.{k}: missing (always sent)" for k in DATA_REQUIRED[itype] if k not in payload["data"]]
    if payload["version"] != 1:
        found.append(".version: always 1")
    found += problems(schema("AvailableLocalesEnum"), payload["locale"], ".locale")
    found += _where(payload)
    if itype == 3 and "message" not in payload:
        found.append(".message: missing (a component's interaction carries the message it is on)")
    if "message" in payload:
        found += problems(schema("MessageResponse"), payload["message"], ".message")
    found += _resolved(payload["data"].get("resolved") or {})
    return found


def _where(payload: dict[str, Any]) -> list[str]:
    """In a server: guild_id, a member (with its user and permissions), the guild's locale (and, if sent, the
    partial guild: id, locale, features); in a DM: a user, no member; and whose install authorized it, as Discord
    says for each."""
    found = problems({"type": "object", "additionalProperties": schema("SnowflakeType")},
                     payload["authorizing_integration_owners"], ".authorizing_integration_owners")
    owners = payload["authorizing_integration_owners"]
    found += [f".authorizing_integration_owners.{k}: not an install type (0 guild, 1 user)"
              for k in owners if k not in ("0", "1")]
    found += problems({"type": "object", "required": ["id", "type"]}, payload["channel"], ".channel")
    if payload["channel"].get("id") != payload["channel_id"]:
        found.append(".channel.id: not the channel_id")
    if payload["context"] not in CONTEXTS:
        found.append(f".context: {payload['context']} is not one of {sorted(CONTEXTS)}")
    if "guild_id" in payload:
        found += [f".{k}: missing (sent in a server)" for k in ("member", "guild_locale") if k not in payload]
        found += [".user: only in a DM (in a server it is member.user)"] if "user" in payload else []
        found += [".context: not GUILD (0) in a server"] if payload["context"] != 0 else []
        member = payload.get("member") or {}
        found += problems(schema("GuildMemberResponse"), member, ".member")
        found += problems({"type": "string", "pattern": SNOWFLAKE.pattern}, member.get("permissions"),
                          ".member.permissions")
        found += problems(schema("AvailableLocalesEnum"), payload.get("guild_locale"), ".guild_locale")
        found += problems({"type": "object", "required": ["id", "locale", "features"], "properties": {
            "id": {"const": payload["guild_id"]}, "locale": schema("AvailableLocalesEnum"),
            "features": {"type": "array", "items": {"type": "string"}}}},
                          payload.get("guild", {"id": payload["guild_id"], "locale": "en-US", "features": []}),
                          ".guild")
        if "0" in owners and owners["0"] != payload["guild_id"]:
            found.append(".authorizing_integration_owners.0: the guild's id, in a server")
    else:
        found += [f".{k}: only in a server" for k in ("member", "guild_locale") if k in payload]
        found += [".user: missing (sent in a DM)"] if "user" not in payload else []
        found += problems(schema("UserResponse"), payload.get("user"), ".user")
        if payload["context"] == 1 and owners.get("0", "0") != "0":
            found.append('.authorizing_integration_owners.0: "0" in a DM with the bot')
    return found


def _resolved(resolved: dict[str, Any]) -> list[str]:
    """What a command's options name, resolved as Discord resolves them (members partial: no user, deaf, mute)."""
    kinds = {"users": schema("UserResponse"), "roles": schema("GuildRoleResponse"),
             "attachments": schema("MessageAttachmentResponse"),
             "members": {"allOf": [schema("BasicGuildMemberResponse")],
                         "properties": {"permissions": {"type": "string"}}, "required": ["permissions"]},
             "channels": {"type": "object", "required": ["id", "type", "name", "permissions"]}}
    found = [f".data.resolved.{k}: not something Discord resolves" for k in resolved if k not in kinds]
    for kind, node in kinds.items():
        for key, item in (resolved.get(kind) or {}).items():
            found += problems(node, item, f".data.resolved.{kind}.{key}")
            if kind == "members" and key not in (resolved.get("users") or {}):
                found.append(f".data.resolved.members.{key}: its user isn't in resolved.users")
    return found


# -- other gateway events (documented, not in the spec; their objects are the spec's) -------------------------------

#: What the gateway's Guild Create adds to the guild object (Discord's docs, Gateway Events), always sent.
GUILD_CREATE_ALWAYS = ("id", "name", "owner_id", "roles", "emojis", "features", "preferred_locale", "joined_at",
                       "large", "member_count", "voice_states", "members", "channels", "threads", "presences",
                       "stage_instances", "guild_scheduled_events", "soundboard_sounds")
READY_ALWAYS = ("v", "user", "guilds", "session_id", "resume_gateway_url", "application")


#: The gateway intent (its bit) a bot must identify with to be sent each event; None: sent to every bot.
#: (Discord's docs, "Gateway Intents"; an event missing here is one the fake has no business sending.)
GUILDS, GUILD_MEMBERS, GUILD_MESSAGES, DIRECT_MESSAGES = 1 << 0, 1 << 1, 1 << 9, 1 << 12
EVENT_INTENTS: dict[str, int | None] = {
    "READY": None, "RESUMED": None, "INTERACTION_CREATE": None, "USER_UPDATE": None,
    "APPLICATION_COMMAND_PERMISSIONS_UPDATE": None,
    **dict.fromkeys(("GUILD_CREATE", "GUILD_UPDATE", "GUILD_DELETE", "GUILD_ROLE_CREATE", "GUILD_ROLE_UPDATE",
                     "GUILD_ROLE_DELETE", "CHANNEL_CREATE", "CHANNEL_UPDATE", "CHANNEL_DELETE",
                     "CHANNEL_PINS_UPDATE", "THREAD_CREATE", "THREAD_UPDATE", "THREAD_DELETE", "THREAD_LIST_SYNC",
                     "THREAD_MEMBER_UPDATE"), GUILDS),
    # (GUILD_MEMBER_UPDATE of the bot itself comes without the intent; of anyone else, only with it)
    "GUILD_MEMBER_ADD": GUILD_MEMBERS, "GUILD_MEMBER_REMOVE": GUILD_MEMBERS, "GUILD_MEMBER_UPDATE": None,
    "MESSAGE_CREATE": GUILD_MESSAGES | DIRECT_MESSAGES, "MESSAGE_UPDATE": GUILD_MESSAGES | DIRECT_MESSAGES,
    "MESSAGE_DELETE": GUILD_MESSAGES | DIRECT_MESSAGES, "TYPING_START": (1 << 11) | (1 << 14),
}


def event_reaches(event: str, intents: int | None) -> bool:
    """Whether Discord sends `event` to a connection that identified with `intents` (None: not identified yet,
    only READY reaches it)."""
    if intents is None:
        return event == "READY"
    if event not in EVENT_INTENTS:
        return True  # (sent, and refused by `event_problems`: the fake made it up)
    need = EVENT_INTENTS[event]
    return need is None or bool(intents & need)


def event_problems(event: str, data: dict[str, Any]) -> list[str]:
    """Why Discord would never send this gateway event as it is (none if it could): an event it has no such name
    for, or one missing what it always carries (the spec's schemas, where it has them)."""
    if event not in EVENT_INTENTS:
        return [f"{event}: not a gateway event Discord sends (as known here: EVENT_INTENTS)"]
    if event == "INTERACTION_CREATE":
        return interaction_problems(data)
    shaped = _event_shape(event, data)
    if shaped is not None:
        return shaped
    if event == "READY":
        found = [f".{k}: missing (always sent)" for k in READY_ALWAYS if k not in data]
        found += problems(schema("UserResponse"), data.get("user"), ".user")
        found += problems({"type": "array", "items": {"type": "object", "required": ["id", "unavailable"]}},
                          data.get("guilds"), ".guilds")
        return found + problems({"type": "object", "required": ["id", "flags"]}, data.get("application"),
                                ".application")
    if event in ("GUILD_CREATE", "GUILD_UPDATE"):
        wanted = GUILD_CREATE_ALWAYS if event == "GUILD_CREATE" else ("id", "name", "owner_id", "roles")
        found = [f".{k}: missing (always sent)" for k in wanted if k not in data]
        for key, name in (("roles", "GuildRoleResponse"), ("channels", "GuildChannelResponse"),
                          ("threads", "ThreadResponse"), ("members", "GuildMemberResponse")):
            found += problems({"type": "array", "items": schema(name)}, data.get(key, []), f".{key}")
        return found + problems(schema("AvailableLocalesEnum"), data.get("preferred_locale"), ".preferred_locale")
    if event in ("GUILD_ROLE_CREATE", "GUILD_ROLE_UPDATE"):
        return (problems(schema("SnowflakeType"), data.get("guild_id"), ".guild_id")
                + problems(schema("GuildRoleResponse"), data.get("role"), ".role"))
    return []


def _snowflakes(data: dict[str, Any], *keys: str) -> list[str]:
    return [p for k in keys for p in ([f".{k}: missing (always sent)"] if k not in data
                                      else problems(schema("SnowflakeType"), data[k], f".{k}"))]


def _event_shape(event: str, data: dict[str, Any]) -> list[str] | None:
    """The events besides READY, guilds and roles (their docs, with the spec's schemas for what they carry);
    None for those checked in `event_problems` itself."""
    if event in ("CHANNEL_CREATE", "CHANNEL_UPDATE", "CHANNEL_DELETE"):
        channel = {"anyOf": [schema("GuildChannelResponse"), schema("ThreadResponse")]}
        return problems(channel, data, "")
    if event in ("THREAD_CREATE", "THREAD_UPDATE"):
        return problems(schema("ThreadResponse"), data, "")
    if event == "THREAD_DELETE":
        return _snowflakes(data, "id", "guild_id", "parent_id") + (
            [] if isinstance(data.get("type"), int) else [".type: missing (always sent)"])
    if event == "GUILD_DELETE":
        return _snowflakes(data, "id") + problems({"type": "boolean"}, data.get("unavailable", False),
                                                  ".unavailable")
    if event == "GUILD_ROLE_DELETE":
        return _snowflakes(data, "guild_id", "role_id")
    if event in ("GUILD_MEMBER_ADD", "GUILD_MEMBER_UPDATE"):
        found = _snowflakes(data, "guild_id") + problems(schema("UserResponse"), data.get("user"), ".user")
        return found + problems({"type": "array", "items": schema("SnowflakeType")}, data.get("roles"), ".roles")
    if event == "GUILD_MEMBER_REMOVE":
        return _snowflakes(data, "guild_id") + problems(schema("UserResponse"), data.get("user"), ".user")
    if event in ("MESSAGE_CREATE", "MESSAGE_UPDATE"):
        return problems(schema("MessageResponse"), data, "")
    if event == "MESSAGE_DELETE":
        return _snowflakes(data, "id", "channel_id")
    if event == "USER_UPDATE":
        return problems(schema("UserResponse"), data, "")
    if event in ("RESUMED", "APPLICATION_COMMAND_PERMISSIONS_UPDATE", "CHANNEL_PINS_UPDATE", "THREAD_LIST_SYNC",
                 "THREAD_MEMBER_UPDATE", "TYPING_START"):
        return []
    return None
