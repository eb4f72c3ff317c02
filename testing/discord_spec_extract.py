"""Re-extract `discord_spec.json`: the response schemas of the routes the fake Discord answers, from Discord's spec.

Discord's OpenAPI description (github.com/discord/discord-api-spec, specs/openapi.json) is over a megabyte, so
only what the fake's answers are checked against is kept: for each route below, the schema of every status it
documents (429 and 4XX included), and every schema those reach through `$ref`, without their prose. To update
it, check out the spec and run, from the repository's root:

    python -m testing.discord_spec_extract path/to/openapi.json <the spec's commit id>

A route the fake starts answering goes in `ROUTES` first.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

OUT = Path(__file__).with_name("discord_spec.json")
#: Every route the fake Discord answers (`FakeDiscord._route`), as the spec spells it.
ROUTES = [
    ("GET", "/gateway/bot"),
    ("GET", "/users/@me"),
    ("GET", "/oauth2/applications/@me"),
    ("PUT", "/applications/{application_id}/commands"),
    ("PUT", "/applications/{application_id}/guilds/{guild_id}/commands"),
    ("POST", "/interactions/{interaction_id}/{interaction_token}/callback"),
    ("POST", "/webhooks/{webhook_id}/{webhook_token}"),
    ("GET", "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}"),
    ("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}"),
    ("POST", "/channels/{channel_id}/messages"),
    ("PATCH", "/channels/{channel_id}/messages/{message_id}"),
    ("DELETE", "/channels/{channel_id}/messages/{message_id}"),
    ("POST", "/channels/{channel_id}/messages/{message_id}/threads"),
    ("POST", "/users/@me/channels"),
    ("GET", "/channels/{channel_id}"),
    ("GET", "/guilds/{guild_id}/members/{user_id}"),
]
#: Schemas the fake's gateway payloads (interactions, Guild Create, ...) are checked against in part: they aren't REST responses,
#: so no route reaches them.
EXTRA = ["GuildRoleResponse", "MessageAttachmentResponse", "GuildMemberResponse", "UserResponse", "ThreadResponse",
         "GuildChannelResponse", "BasicGuildMemberResponse", "AvailableLocalesEnum"]
PROSE = {"description", "title", "example", "examples"}


def _strip(node: Any) -> Any:
    """The schema without its prose (kept in the spec itself)."""
    if isinstance(node, dict):
        return {k: _strip(v) for k, v in node.items() if k not in PROSE}
    if isinstance(node, list):
        return [_strip(v) for v in node]
    return node


def _reached(node: Any, schemas: dict[str, Any], found: set[str]) -> None:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            name = ref.rsplit("/", 1)[1]
            if name not in found:
                found.add(name)
                _reached(schemas[name], schemas, found)
        for value in node.values():
            _reached(value, schemas, found)
    elif isinstance(node, list):
        for value in node:
            _reached(value, schemas, found)


def _response_schema(response: dict[str, Any], spec: dict[str, Any]) -> Any:
    """A response's JSON body schema; None for one with no body (204)."""
    ref = response.get("$ref")
    if ref:
        response = spec["components"]["responses"][ref.rsplit("/", 1)[1]]
    return (response.get("content") or {}).get("application/json", {}).get("schema")


def extract(spec: dict[str, Any], commit: str) -> dict[str, Any]:
    routes: dict[str, dict[str, Any]] = {}
    for method, path in ROUTES:
        operation = spec["paths"][path][method.lower()]
        routes[f"{method} {path}"] = {status: _strip(_response_schema(r, spec))
                                      for status, r in operation["responses"].items()}
    schemas = spec["components"]["schemas"]
    found: set[str] = set()
    _reached([routes, [{"$ref": f"#/components/schemas/{n}"} for n in EXTRA]], schemas, found)
    return {"source": {"repository": "github.com/discord/discord-api-spec", "file": "specs/openapi.json",
                       "commit": commit, "api": spec["info"]["version"]},
            "routes": routes, "schemas": {name: _strip(schemas[name]) for name in sorted(found)}}


def _dump(extracted: dict[str, Any]) -> str:
    """One route or schema a line: small, and a re-extraction's diff shows which changed."""
    def block(items: dict[str, Any]) -> str:
        return "{\n" + ",\n".join(f"  {json.dumps(k)}: {json.dumps(v, sort_keys=True, separators=(',', ':'))}"
                                   for k, v in sorted(items.items())) + "\n }"

    return (f'{{"source": {json.dumps(extracted["source"], sort_keys=True)},\n "routes": {block(extracted["routes"])},'
            f'\n "schemas": {block(extracted["schemas"])}}}\n')


def main(argv: list[str]) -> None:
    spec_path, commit = argv
    extracted = extract(json.loads(Path(spec_path).read_text(encoding="utf-8")), commit)
    OUT.write_text(_dump(extracted), encoding="utf-8")
    print(f"{OUT}: {len(extracted['routes'])} routes, {len(extracted['schemas'])} schemas")


if __name__ == "__main__":
    main(sys.argv[1:])
