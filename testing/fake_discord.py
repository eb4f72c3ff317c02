"""A small fake Discord (REST + gateway) on 127.0.0.1 for the real discord.py client.

It speaks enough of the API for Hearth: login, `/gateway/bot`, a websocket
gateway (HELLO, IDENTIFY, READY, GUILD_CREATE, heartbeats; sharded
IDENTIFY too, each guild living on shard `(guild_id >> 22) % count`), command sync,
interaction callbacks and follow-ups, channel messages, threads from
messages, DMs (which can be "closed": error 50007), messages people write to the bot and edit
(MESSAGE_UPDATE, `edit`), and files: uploads people
attach to a command are served from a CDN path, files the bot sends are kept
with their bytes. Everything the bot sends is recorded so tests (and
benchmarks) can look at the exact payloads.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable

from aiohttp import WSMsgType, web

from testing import discord_rules as rules
from testing import discord_spec

API = "/api/v10"
MANAGE_GUILD = 1 << 5
ADMINISTRATOR = 1 << 3
MEMBER_PERMISSIONS = (1 << 10) | (1 << 11) | (1 << 16)  # view, send, read history
#: Discord's three seconds for an interaction's first answer, and the fifteen minutes its token lasts.
ANSWER_WITHIN_SECONDS = 3.0
TOKEN_LASTS_SECONDS = 15 * 60


@dataclass
class Call:
    method: str
    path: str
    body: Any
    query: dict[str, str] = field(default_factory=dict)
    status: int | None = None  # what the fake answered (None: the connection was dropped)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat()


def user(uid: int, name: str, global_name: str | None = "") -> dict[str, Any]:
    """A user object as Discord sends it: every field its spec requires (`global_name` null for someone who never
    set a display name: pass None)."""
    return {"id": str(uid), "username": name.lower(), "global_name": name if global_name == "" else global_name,
            "discriminator": "0", "avatar": None, "bot": False, "public_flags": 0, "flags": 0, "primary_guild": None}


class FakeDiscord:
    def __init__(self, token: str = "test-token", *, spec_checks: bool = True) -> None:
        """`spec_checks=False` leaves out checking each answer against Discord's spec (`off_spec`): a benchmark's
        figures are Hearth's, not the fake's checking of itself."""
        self.token = token
        self.spec_checks = spec_checks
        self._ids = itertools.count(1_100_000_000_000_000_000)
        self.app_id = self.next_id()
        self.bot = {**user(self.app_id, "Hearth"), "username": "hearth", "bot": True}
        self.guild_id = self.next_id()
        self.channel_id = self.next_id()
        self.mod_role_id = self.next_id()
        self.guilds: dict[int, dict[str, Any]] = {}
        self.channels: dict[int, dict[str, Any]] = {}
        self.messages: dict[int, dict[str, Any]] = {}
        self.calls: list[Call] = []
        self.callbacks: list[dict[str, Any]] = []
        self.commands: dict[str, list[dict[str, Any]]] = {}
        self.identifies: list[dict[str, Any]] = []
        #: What `/gateway/bot` recommends; a sharded client may still ask for any count.
        self.shard_count = 1
        self._shard_of: dict[web.WebSocketResponse, tuple[int, int]] = {}
        self._intents: dict[web.WebSocketResponse, int] = {}  # each connection's identify intents
        self._member_guild: dict[int, int] = {}  # user id -> the guild their interactions come from
        #: Members as Discord keeps them, by (guild, user): what GET /guilds/{g}/members/{u} answers, and what their
        #: interactions carry (`set_roles` changes both, as a server's admin would).
        self.guild_members: dict[tuple[int, int], dict[str, Any]] = {}
        self.manager_roles: dict[int, int] = {}  # guild -> its "Server managers" role (Manage Server)
        self.locales: dict[int, str] = {}  # user id -> the locale their Discord client is set to (default en-GB)
        self._token_channel: dict[str, int] = {}  # interaction token -> the channel it came from
        self.dm_closed: set[int] = set()
        #: Path fragment -> how many of the next REST calls whose path holds it lose the connection, unanswered.
        self.drops: dict[str, int] = {}
        #: Path fragment -> the `retry_after`s of the next REST calls whose path holds it that are rate limited (429).
        self.limits: dict[str, list[float]] = {}
        #: Path fragment -> the (status, code, message) of the next REST calls whose path holds it, refused so.
        self.refusals: dict[str, list[tuple[int, int, str]]] = {}
        #: What Discord would have refused (`discord_rules`): ("METHOD path", problems), for a failing test to show.
        self.refused: list[tuple[str, list[str]]] = []
        #: What the fake answered or delivered that real Discord never would (`discord_spec`): ("METHOD path
        #: status" or "INTERACTION type", problems). A test of the fake itself wants it empty.
        self.off_spec: list[tuple[str, list[str]]] = []
        #: Files on the CDN, by attachment id: uploads people attached, and files the bot sent.
        self.attachments: dict[int, bytes] = {}
        self.downloads: list[int] = []  # attachment ids the bot fetched
        self.dm_channels: dict[int, int] = {}
        self._nonces: dict[tuple[int, str], int] = {}  # (channel, nonce) -> the message it created
        self._sockets: list[web.WebSocketResponse] = []
        self._sources: dict[int, int] = {}  # interaction id -> the message its component was on
        self._kinds: dict[int, int] = {}  # interaction id -> its type (2 command, 3 component, 4 autocomplete, 5 modal)
        self._answered: set[int] = set()  # interactions given their one answer (callback)
        #: Seconds an interaction's first answer (a reply, a deferral, a modal) may take, as on Discord: later, its
        #: token is gone and the callback is refused with 10062 Unknown interaction.
        self.answer_within = ANSWER_WITHIN_SECONDS
        #: Seconds its token takes follow-ups and edits after that answer (Discord: 15 minutes), then 10015.
        self.token_lasts = TOKEN_LASTS_SECONDS
        self._delivered_at: dict[int, float] = {}  # interaction id -> when it was delivered (monotonic)
        #: Gateway events not delivered because the bot's intents don't ask for them (Discord sends none).
        self.withheld: list[str] = []
        #: Interactions whose first answer came after `answer_within` (refused 10062): a bug of the bot's.
        self.late: list[int] = []
        self._seq = 0
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0
        self._add_guild(self.guild_id, self.channel_id, self.mod_role_id)

    def next_id(self) -> int:
        return next(self._ids)

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}{API}"

    # -- lifecycle ------------------------------------------------------------------

    async def start(self) -> "FakeDiscord":
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_get("/attachments/{id}/{name}", self._cdn)
        app.router.add_route("*", API + "/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def close(self) -> None:
        for ws in list(self._sockets):
            await ws.close()
        if self._runner:
            await self._runner.cleanup()

    # -- the guild ----------------------------------------------------------------------

    def add_guild(self, shard: int, count: int) -> tuple[int, int]:
        """Another guild, with an id Discord would route to `shard` of `count`; returns (guild, channel) ids."""
        base = self.next_id()
        step = (shard - (base >> 22)) % count
        gid = (((base >> 22) + step) << 22) | (base & 0x3FFFFF)
        channel_id = self.next_id()
        self._add_guild(gid, channel_id, self.next_id())
        return gid, channel_id

    def add_channel(self, gid: int, name: str, kind: int = 0) -> int:
        """Another channel of guild `gid` (Discord's channel types: 0 text, 2 voice, 4 category, 5 announcement,
        13 stage, 15 forum); returns its id. Made after the bot connected, it is found by GET /channels/{id}."""
        channel_id = self.next_id()
        channel = {"id": str(channel_id), "type": kind, "guild_id": str(gid), "name": name, "flags": 0,
                   "position": len(self.guilds[gid]["channels"]), "permission_overwrites": [], "nsfw": False,
                   "parent_id": None, **({"topic": None, "last_message_id": None, "rate_limit_per_user": 0}
                                         if kind in (0, 5) else {"bitrate": 64000, "user_limit": 0} if kind in (2, 13)
                                         else {})}
        self.channels[channel_id] = channel
        self.guilds[gid]["channels"].append(channel)
        return channel_id

    def _add_guild(self, gid: int, channel_id: int, mod_role_id: int) -> None:
        everyone = {"id": str(gid), "name": "@everyone", "permissions": str(MEMBER_PERMISSIONS), "position": 0,
                    "color": 0, "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
                    "icon": None, "unicode_emoji": None, "hoist": False, "managed": False, "mentionable": False,
                    "flags": 0}
        mods = {**everyone, "id": str(mod_role_id), "name": "Care team", "position": 1}
        self.manager_roles[gid] = self.next_id()
        managers = {**everyone, "id": str(self.manager_roles[gid]), "name": "Server managers", "position": 2,
                    "permissions": str(MEMBER_PERMISSIONS | MANAGE_GUILD)}
        channel = {"id": str(channel_id), "type": 0, "guild_id": str(gid), "name": "general", "position": 0, "flags": 0,
                   "permission_overwrites": [], "nsfw": False, "parent_id": None, "topic": None,
                   "last_message_id": None, "rate_limit_per_user": 0}
        self.channels[channel_id] = channel
        self.guilds[gid] = {
            "id": str(gid), "name": "Hearth test server", "owner_id": str(self.next_id()),
            "roles": [everyone, mods, managers],
            "channels": [channel], "threads": [], "members": [], "emojis": [], "stickers": [], "features": [],
            "member_count": 3, "large": False, "unavailable": False, "joined_at": _now(), "voice_states": [],
            "presences": [], "stage_instances": [], "guild_scheduled_events": [], "soundboard_sounds": [],
            "preferred_locale": "en-US", "afk_timeout": 300, "verification_level": 0, "mfa_level": 0,
            "default_message_notifications": 0, "explicit_content_filter": 0, "premium_tier": 0,
            "system_channel_flags": 0, "nsfw_level": 0, "icon": None, "splash": None, "banner": None,
            "description": None, "application_id": None, "afk_channel_id": None, "system_channel_id": None,
            "rules_channel_id": None, "public_updates_channel_id": None, "vanity_url_code": None,
        }

    # -- gateway ---------------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._sockets.append(ws)
        await ws.send_json({"op": 10, "d": {"heartbeat_interval": 41250}, "s": None, "t": None})
        try:
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    continue
                data = json.loads(msg.data)
                if data["op"] == 1:
                    await ws.send_json({"op": 11, "d": None, "s": None, "t": None})
                elif data["op"] == 2:
                    await self._identified(ws, data["d"])
        finally:
            if ws in self._sockets:
                self._sockets.remove(ws)
        return ws

    async def _identified(self, ws: web.WebSocketResponse, identify: dict[str, Any]) -> None:
        if identify.get("token") != self.token:
            await ws.close(code=4004, message=b"Authentication failed.")
            return
        self.identifies.append(identify)
        self._intents[ws] = int(identify.get("intents") or 0)
        if identify.get("shard"):
            shard, count = identify["shard"]
            self._shard_of[ws] = (shard, count)
        guilds = [g for g in self.guilds.values() if self._reaches(ws, int(g["id"]))]
        await self._send(ws, "READY", {
            **({"shard": identify["shard"]} if identify.get("shard") else {}),
            "v": 10, "user": self.bot, "guilds": [{"id": g["id"], "unavailable": True} for g in guilds],
            "session_id": "fake-session", "resume_gateway_url": f"ws://127.0.0.1:{self.port}/gateway",
            "application": {"id": str(self.app_id), "flags": 0}, "private_channels": [], "relationships": [],
        })
        for guild in guilds:
            await self._send(ws, "GUILD_CREATE", guild)
        await self._notify()

    async def _send(self, ws: web.WebSocketResponse, event: str, data: dict[str, Any]) -> None:
        intents = self._intents_of(ws)
        if not discord_spec.event_reaches(event, intents):
            self.withheld.append(event)  # (Discord sends no event the bot's intents don't ask for)
            return
        problems = discord_spec.event_problems(event, data) \
            if self.spec_checks and event != "INTERACTION_CREATE" else []  # (interactions: `interact`)
        if problems:
            self.off_spec.append((event, problems))
        self._seq += 1
        await ws.send_json({"op": 0, "t": event, "s": self._seq, "d": data})

    def _intents_of(self, ws: web.WebSocketResponse) -> int | None:
        """The intents the connection identified with (None before it identified: READY is its first event)."""
        return self._intents.get(ws)

    def _reaches(self, ws: web.WebSocketResponse, guild_id: int | None) -> bool:
        """Whether a connection gets a guild's events (DMs go to shard 0, as on Discord)."""
        if ws not in self._shard_of:
            return True
        shard, count = self._shard_of[ws]
        return shard == (0 if guild_id is None else (guild_id >> 22) % count)

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        guild_id = int(data["guild_id"]) if data.get("guild_id") else None
        for ws in list(self._sockets):
            if self._reaches(ws, guild_id):
                await self._send(ws, event, data)

    async def edit(self, message: dict[str, Any], content: str, *, mention: bool | None = None,
                   edited: bool = True) -> dict[str, Any]:
        """Its writer edits a message sent before as MESSAGE_CREATE: Discord's MESSAGE_UPDATE, the whole message
        as it now is, with the same extra fields as MESSAGE_CREATE (`guild_id`, `member`), the new `content` and
        `mentions` (a mention added or taken out with the words: `mention`, else as before), and the time of the
        edit in `edited_timestamp`. `edited=False`: the update Discord sends when a link's preview (an embed)
        comes, not the writer's edit: the words as they were, and `edited_timestamp` as it was (null)."""
        updated = dict(message)
        if edited:
            updated |= {"content": content, "edited_timestamp": _now()}
            if mention is not None:
                updated["mentions"] = [self.bot] if mention else []
        else:
            updated["embeds"] = [{"type": "link", "url": "https://example.org/", "title": "A page"}]
        await self.dispatch("MESSAGE_UPDATE", updated)
        return updated

    async def wait_connected(self, timeout: float = 10) -> None:
        await self.wait_for(lambda: bool(self.identifies and self._sockets), timeout)

    # -- waiting --------------------------------------------------------------------------

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def wait_for(self, predicate: Callable[[], Any], timeout: float = 10) -> Any:
        async def until() -> Any:
            async with self._changed:
                while not (result := predicate()):
                    await self._changed.wait()
                return result

        try:
            return await asyncio.wait_for(until(), timeout)
        except asyncio.TimeoutError:
            raise AssertionError(f"waited {timeout} s in vain; refused: {self.refused[-3:]}") from None

    # -- interactions in ------------------------------------------------------------------

    def member(self, uid: int, name: str, *, moderator: bool = False, roles: tuple[int, ...] = (),
               guild: int | None = None, nick: str | None = None, global_name: str | None = "") -> dict[str, Any]:
        """A member of the test guild, or of `guild` (their interactions then come from there). Discord shows
        them by `nick` (the server's nickname) if set, else `global_name` (theirs; None if never set), else the
        username, which is `name` in lower case."""
        if guild is not None:
            self._member_guild[uid] = guild
        gid = guild if guild is not None else self.guild_id
        held = (*roles, self.manager_roles[gid]) if moderator else roles  # Manage Server comes with a role
        member = {"user": user(uid, name, global_name), "roles": [str(r) for r in held], "nick": nick, "avatar": None,
                  "banner": None, "premium_since": None,
                  "joined_at": _now(), "deaf": False, "mute": False, "flags": 0, "pending": False,
                  "permissions": "0", "communication_disabled_until": None}
        self.guild_members[(gid, uid)] = member
        self.set_roles(uid, held, guild=gid)
        return member

    def set_roles(self, uid: int, roles: tuple[int, ...], guild: int | None = None) -> None:
        """Give a member exactly these roles (as an admin would in the server's settings): their permissions follow,
        in what Discord answers about them and in their next interactions."""
        gid = guild if guild is not None else self.guild_id
        member = self.guild_members[(gid, uid)]
        member["roles"] = [str(r) for r in roles]
        by_id = {r["id"]: int(r["permissions"]) for r in self.guilds[gid]["roles"]}
        perms = by_id[str(gid)]  # @everyone's
        for role in member["roles"]:
            perms |= by_id.get(role, 0)
        if perms & ADMINISTRATOR or self.guilds[gid]["owner_id"] == str(uid):
            perms |= MANAGE_GUILD  # (Discord gives them every permission)
        member["permissions"] = str(perms)

    def forget_member(self, uid: int, guild: int | None = None) -> None:
        """The member leaves the server (or is removed): Discord no longer knows them there."""
        self.guild_members.pop((guild if guild is not None else self.guild_id, uid), None)

    def _interaction(self, itype: int, data: dict[str, Any], member: dict[str, Any] | None,
                     dm_user: dict[str, Any] | None = None, message: dict[str, Any] | None = None,
                     channel_id: int | None = None) -> dict[str, Any]:
        iid = self.next_id()
        self._kinds[iid] = itype
        gid = self._member_guild.get(int(member["user"]["id"]), self.guild_id) if member else self.guild_id
        uid = int((member["user"] if member else dm_user or {"id": 0})["id"])
        home = channel_id or int(self.guilds[gid]["channels"][0]["id"])
        payload: dict[str, Any] = {
            "id": str(iid), "application_id": str(self.app_id), "type": itype, "data": data,
            "token": f"itoken-{iid}", "version": 1, "entitlements": [],
            "locale": self.locales.get(uid, "en-GB"),
            "authorizing_integration_owners": {"0": str(gid)}, "attachment_size_limit": 10_000_000,
            "app_permissions": str(MEMBER_PERMISSIONS | (1 << 35) | (1 << 38)),
        }
        if member is not None:
            guild = self.guilds[gid]
            payload |= {"guild_id": str(gid), "channel_id": str(home), "member": member,
                        "guild": {"id": str(gid), "locale": guild["preferred_locale"], "features": guild["features"]},
                        "guild_locale": guild["preferred_locale"], "context": 0,
                        "channel": self.channels[home] if message is None else
                        self.channels.get(int(message["channel_id"]), self.channels[home])}
            if message is not None:
                payload["channel_id"] = message["channel_id"]
        else:
            assert dm_user is not None
            dm = self._dm_channel(int(dm_user["id"]))
            payload |= {"user": dm_user, "channel_id": str(dm), "channel": self.channels[dm], "context": 1,
                        "authorizing_integration_owners": {"0": "0"}}  # (a guild install, used in the bot's DM)
        if message is not None:
            payload["message"] = message
            self._sources[iid] = int(message["id"])
        self._token_channel[payload["token"]] = int(payload["channel_id"])
        return payload

    async def interact(self, payload: dict[str, Any]) -> int:
        problems = discord_spec.interaction_problems(payload) if self.spec_checks else []
        if problems:
            self.off_spec.append((f"INTERACTION {payload.get('type')}", problems))
        self._delivered_at[int(payload["id"])] = time.monotonic()
        await self.dispatch("INTERACTION_CREATE", payload)
        return int(payload["id"])

    def command_payload(self, path: str, options: dict[str, Any], *, autocomplete: str | None = None,
                        guild: bool = False) -> dict[str, Any]:
        """The data of a slash command, typed from the commands the bot synced."""
        words = path.split()
        synced = self.commands.get(str(self.guild_id) if guild else "global") or []
        top = next(c for c in synced if c["name"] == words[0])
        node: dict[str, Any] = top
        chain: list[dict[str, Any]] = []
        for word in words[1:]:
            node = next(o for o in node["options"] if o["name"] == word)
            chain.append(node)
        leaf_opts = []
        resolved: dict[str, Any] = {}
        for opt in node.get("options", []):
            if opt["name"] not in options:
                continue
            value = options[opt["name"]]
            entry: dict[str, Any] = {"type": opt["type"], "name": opt["name"], "value": value}
            if opt["type"] == 7:
                entry["value"] = str(value)
                resolved.setdefault("channels", {})[str(value)] = {
                    **{k: self.channels[int(value)][k] for k in ("id", "type", "name")}, "permissions": "0"}
            if opt["type"] == 11:  # an upload: (filename, bytes), served from the fake's CDN
                entry["value"] = self._attach(*value, resolved)
            if opt["type"] in (6, 9):  # a user or a role, as Discord resolves them
                entry["value"] = str(value)
                resolved |= self._resolve_mentionable(int(value))
            if autocomplete == opt["name"]:
                entry["focused"] = True
            leaf_opts.append(entry)
        options_payload: list[dict[str, Any]] = leaf_opts
        for node in reversed(chain):
            options_payload = [{"type": node["type"], "name": node["name"], "options": options_payload}]
        data: dict[str, Any] = {"id": top["id"], "name": top["name"], "type": 1, "options": options_payload}
        if resolved:
            data["resolved"] = resolved
        if guild:
            data["guild_id"] = str(self.guild_id)
        return data

    def _attach(self, filename: str, content: bytes, resolved: dict[str, Any]) -> str:
        aid = self.next_id()
        self.attachments[aid] = content
        url = f"http://127.0.0.1:{self.port}/attachments/{aid}/{filename}"
        resolved.setdefault("attachments", {})[str(aid)] = {
            "id": str(aid), "filename": filename, "size": len(content), "url": url, "proxy_url": url,
            "content_type": "application/toml", "ephemeral": True}
        return str(aid)

    async def _cdn(self, request: web.Request) -> web.Response:
        self.downloads.append(int(request.match_info["id"]))
        content = self.attachments.get(int(request.match_info["id"]))
        return web.Response(body=content) if content is not None else web.Response(status=404)

    def _resolve_mentionable(self, target: int) -> dict[str, Any]:
        roles = {int(r["id"]): r for r in self.guilds[self.guild_id]["roles"]}
        if target in roles:
            return {"roles": {str(target): roles[target]}}
        stored = self.guild_members.get((self.guild_id, target)) or self.member(target, f"user{target % 1000}")
        # Discord's resolved members are partial: the member without its "user" (that is under "users") and with
        # the member's permissions in the channel. A copy: the stored member, which GET .../members/{id} answers
        # with, keeps its "user" and roles.
        member = {k: v for k, v in stored.items() if k not in ("user", "deaf", "mute")}
        return {"users": {str(target): dict(stored["user"])}, "members": {str(target): member}}

    async def slash(self, member: dict[str, Any], path: str, /, **options: Any) -> int:
        return await self.interact(self._interaction(2, self.command_payload(path, options), member))

    async def slash_dm(self, user: dict[str, Any], path: str, /, **options: Any) -> int:
        """A slash command run in the user's DM with the bot (no server: `user` is the member's "user")."""
        return await self.interact(self._interaction(2, self.command_payload(path, options), None, user))

    async def slash_in(self, channel_id: int, member: dict[str, Any], path: str, /, **options: Any) -> int:
        """A slash command run in another channel of the member's server than its first (a thread, say)."""
        return await self.interact(self._interaction(2, self.command_payload(path, options), member,
                                                     channel_id=channel_id))

    async def autocomplete(self, member: dict[str, Any], path: str, focused: str, /, **options: Any) -> int:
        data = self.command_payload(path, options, autocomplete=focused)
        return await self.interact(self._interaction(4, data, member))

    async def click(self, member: dict[str, Any] | None, message_id: int, custom_id: str,
                    dm_user: dict[str, Any] | None = None) -> int:
        message = self.messages[message_id]
        data = {"custom_id": custom_id, "component_type": 2}
        return await self.interact(self._interaction(3, data, member, dm_user, message))

    async def choose(self, member: dict[str, Any] | None, message_id: int, custom_id: str, value: str,
                     dm_user: dict[str, Any] | None = None) -> int:
        """Pick an option in a message's string select menu, as Discord sends it (the option must be one it has)."""
        message = self.messages[message_id]
        [menu] = [c for row in message.get("components", []) for c in row.get("components", [])
                  if c.get("custom_id") == custom_id and c.get("type") == 3]
        assert value in [o["value"] for o in menu["options"]], (value, menu["options"])
        data = {"custom_id": custom_id, "component_type": 3, "values": [value]}
        return await self.interact(self._interaction(3, data, member, dm_user, message))

    async def submit(self, member: dict[str, Any] | None, custom_id: str, values: dict[str, str],
                     selects: tuple[str, ...] = (), dm_user: dict[str, Any] | None = None) -> int:
        """Submit a modal as Discord sends it back: the modal's components in order, numbered as Discord numbers
        them (a text display by its id alone), each field in its label with what was typed or chosen. A value for
        a field the modal doesn't have (or for a modal the fake never saw) comes in a label of its own: a select's
        if named in `selects`, else a text input's."""
        modal = next((c["data"] for c in reversed(self.callbacks)
                      if c["type"] == 9 and (c["data"] or {}).get("custom_id") == custom_id), None)
        ids = itertools.count(1)
        resolved: dict[str, Any] = {}
        components, answered = [], set()
        for shown in (modal or {}).get("components", []):
            own = shown.get("id") or next(ids)
            if shown["type"] != 18:
                components.append({"type": shown["type"], "id": own})
                continue
            inner = shown["component"]
            answered.add(inner["custom_id"])
            components.append({"type": 18, "id": own, "component": self._field_answer(
                inner["type"], inner.get("id") or next(ids), inner["custom_id"], values.get(inner["custom_id"], ""),
                resolved)})
        for name, value in values.items():
            if name not in answered:
                components.append({"type": 18, "id": next(ids), "component": self._field_answer(
                    3 if name in selects else 4, next(ids), name, value, resolved)})
        data: dict[str, Any] = {"custom_id": custom_id, "components": components}
        if resolved:
            data["resolved"] = resolved
        return await self.interact(self._interaction(5, data, member, dm_user))  # (in their DM: `dm_user`, no member)

    def _field_answer(self, kind: int, cid: int, name: str, value: str, resolved: dict[str, Any]) -> dict[str, Any]:
        """One field of a submitted modal: a text input's value, or a select's values (a channel's resolved)."""
        if kind == 4:
            return {"type": 4, "id": cid, "custom_id": name, "value": value}
        if kind == 8 and value:
            channel = self.channels[int(value)]
            resolved.setdefault("channels", {})[value] = {
                **{k: channel[k] for k in ("id", "type", "name")}, "permissions": "0"}
        return {"type": kind, "id": cid, "custom_id": name, "values": [value] if value else []}

    # -- what the bot did -----------------------------------------------------------------------

    def forget(self) -> None:
        """Drop the record of what the bot did so far: a long benchmark would otherwise keep every call."""
        self.calls.clear()
        self.callbacks.clear()
        self.messages.clear()
        self._token_channel.clear()
        self._sources.clear()
        self._kinds.clear()
        self._answered.clear()
        self._delivered_at.clear()

    def callback_for(self, interaction_id: int) -> dict[str, Any] | None:
        return next((c for c in self.callbacks if c["interaction_id"] == interaction_id), None)

    async def wait_callback(self, interaction_id: int, timeout: float = 10) -> dict[str, Any]:
        return await self.wait_for(lambda: self.callback_for(interaction_id), timeout)

    def calls_to(self, method: str, fragment: str) -> list[Call]:
        return [c for c in self.calls if c.method == method and fragment in c.path]

    def followups(self, interaction_id: int) -> list[Call]:
        return [c for c in self.calls if c.method == "POST" and c.path.startswith(f"/webhooks/{self.app_id}/itoken-"
                                                                                    f"{interaction_id}")]

    def files_sent(self) -> list[tuple[Call, dict[str, Any]]]:
        """Every file the bot uploaded (with its call): filename and bytes."""
        return [(c, f) for c in self.calls if isinstance(c.body, dict) for f in c.body.get("_files", [])]

    def channel_messages(self, channel_id: int) -> list[dict[str, Any]]:
        return [m for m in self.messages.values() if int(m["channel_id"]) == channel_id]

    # -- REST ---------------------------------------------------------------------------------

    def drop(self, fragment: str, times: int = 1) -> None:
        """Drop the connection of the next `times` REST calls whose path holds `fragment`, without answering (as a
        network failing midway does): the client sees the server disconnect, not an error of Discord's."""
        self.drops[fragment] = self.drops.get(fragment, 0) + times

    def rate_limit(self, fragment: str, times: int = 1, retry_after: float = 0.05) -> None:
        """Answer the next `times` REST calls whose path holds `fragment` with a 429, as Discord does when a bucket
        is spent: `retry_after` seconds to wait, in the body and the headers."""
        self.limits.setdefault(fragment, []).extend([retry_after] * times)

    def refuse(self, fragment: str, code: int, message: str, status: int = 400, times: int = 1) -> None:
        """Refuse the next `times` REST calls whose path holds `fragment` with Discord's error `code` (e.g. 50035
        Invalid Form Body, 50013 Missing Permissions), as Discord answers a request it won't carry out."""
        self.refusals.setdefault(fragment, []).extend([(status, code, message)] * times)

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"]
        body = await self._body(request)
        call = Call(request.method, path, body, dict(request.query))
        self.calls.append(call)
        dropped = next((f for f, n in self.drops.items() if n > 0 and f in path), None)
        if dropped is not None:
            self.drops[dropped] -= 1
            assert request.transport is not None
            request.transport.abort()
            raise asyncio.CancelledError  # (nothing is answered on a connection that is gone)
        try:
            limited = next((f for f, waits in self.limits.items() if waits and f in path), None)
            if limited is not None:
                return self._checked(call, _rate_limited(self.limits[limited].pop(0)))
            refused = next((f for f, errors in self.refusals.items() if errors and f in path), None)
            if refused is not None:
                status, code, message = self.refusals[refused].pop(0)
                if code == 50035:  # (Discord says which field, and why, under `errors`)
                    return self._checked(call, invalid_form_body([message]))
                return self._checked(call, _error(status, code, message))
            if not path.startswith(("/interactions/", "/webhooks/")) and \
                    request.headers.get("Authorization") != f"Bot {self.token}":
                return self._checked(call, _error(401, 0, "401: Unauthorized"))
            problems = _problems(request.method, path.strip("/").split("/"), body)
            if problems:
                self.refused.append((f"{request.method} {path}", problems))
                if problems == [rules.EMPTY]:
                    return self._checked(call, _error(400, 50006, rules.EMPTY))
                return self._checked(call, invalid_form_body(problems))
            return self._checked(call, await self._route(request.method, path.strip("/").split("/"), body))
        finally:
            await self._notify()

    def _checked(self, call: Call, response: web.StreamResponse) -> web.StreamResponse:
        """Note the answer's status, and an answer real Discord could not give (`off_spec`); answer it all the same."""
        call.status = response.status
        if not self.spec_checks:
            return response
        raw = response.body if isinstance(response, web.Response) else None
        body = json.loads(raw) if isinstance(raw, bytes) and raw else None
        problems = discord_spec.response_problems(call.method, call.path, response.status, body)
        if problems:
            self.off_spec.append((f"{call.method} {call.path} {response.status}", problems))
        return response

    async def _body(self, request: web.Request) -> Any:
        if request.content_type.startswith("multipart/"):
            form = await request.post()
            body = json.loads(str(form.get("payload_json", "{}")))
            body["_files"] = [{"field": k, "filename": v.filename, "content": v.file.read()}
                              for k, v in form.items() if isinstance(v, web.FileField)]
            return body
        if request.can_read_body:
            text = await request.text()
            return json.loads(text) if text else None
        return None

    async def _route(self, method: str, parts: list[str], body: Any) -> web.StreamResponse:
        match (method, parts):
            case ("GET", ["gateway", "bot"]):
                return _json({"url": f"ws://127.0.0.1:{self.port}/gateway", "shards": self.shard_count,
                                          "session_start_limit": {"total": 1000, "remaining": 999,
                                                                  "reset_after": 0, "max_concurrency": 1}})
            case ("GET", ["users", "@me"]):  # (the bot's own user, with the fields only its owner sees)
                return _json({**self.bot, "mfa_enabled": False, "locale": "en-US", "verified": True, "email": None})
            case ("GET", ["oauth2", "applications", "@me"]):
                return _json(self._application())
            case ("PUT", ["applications", _, "commands"]):
                return _json(self._sync("global", body))
            case ("PUT", ["applications", _, "guilds", gid, "commands"]):
                return _json(self._sync(gid, body))
            case ("POST", ["interactions", iid, token, "callback"]):
                if self._kinds.get(int(iid)) is None or token != f"itoken-{iid}":
                    return _error(404, 10062, "Unknown interaction")
                if int(iid) in self._answered:  # (Discord takes one answer; the rest are follow-ups)
                    return _error(400, 40060, "Interaction has already been acknowledged.")
                if self._age(int(iid)) > self.answer_within:  # (its three seconds are out: the token is gone)
                    self.late.append(int(iid))
                    return _error(404, 10062, "Unknown interaction")
                self._answered.add(int(iid))
                return self._callback(int(iid), token, body)
            case (_, ["webhooks", app, token, *_]) if not self._answered_token(app, token):
                return _error(404, 10015, "Unknown Webhook")  # (follow-ups come after an interaction's answer)
            case (_, ["webhooks", _, token, *_]) if self._age(int(token.removeprefix("itoken-"))) > self.token_lasts:
                return _error(404, 10015, "Unknown Webhook")  # (an interaction's token lasts 15 minutes)
            case ("POST", ["webhooks", _, token]):
                return _json(self._post(self._interaction_channel(token), body, ephemeral=body))
            case ("PATCH" | "GET", ["webhooks", _, token, "messages", mid]):
                message = self._webhook_message(token, mid)
                if message is None:
                    return _error(404, 10008, "Unknown Message")
                if method == "PATCH":
                    message.update(_stored(body), edited_timestamp=_now())
                    _unfurled(message, body.get("flags"))
                return _json(message)
            case ("POST", ["channels", cid, "messages"]):
                return self._post_channel(int(cid), body)
            case ("PATCH" | "DELETE", ["channels", cid, "messages", mid]):
                message = self.messages.get(int(mid))
                if message is None or message["channel_id"] != cid:  # (a message is found in its own channel)
                    return _error(404, 10008, "Unknown Message")
                if method == "DELETE":
                    del self.messages[int(mid)]
                    return web.Response(status=204)
                message.update(_stored(body), edited_timestamp=_now())
                _unfurled(message, body.get("flags"))
                return _json(message)
            case ("POST", ["channels", cid, "messages", mid, "threads"]):
                return self._start_thread(int(cid), int(mid), body)
            case ("POST", ["users", "@me", "channels"]):
                return _json(self.channels[self._dm_channel(int(body["recipient_id"]))])
            case ("GET", ["channels", cid]) if int(cid) in self.channels:
                return _json(self.channels[int(cid)])
            case ("GET", ["channels", _cid]):  # as Discord: an id that is no channel (any more)
                return _error(404, 10003, "Unknown Channel")
            case ("GET", ["guilds", gid, "members", uid]):
                member = self.guild_members.get((int(gid), int(uid)))
                if member is None:
                    return _error(404, 10007, "Unknown Member")
                return _json({k: v for k, v in member.items() if k != "permissions"})  # (REST members carry none)
        return _error(404, 0, "404: Not Found")

    def _application(self) -> dict[str, Any]:
        return {"id": str(self.app_id), "name": "Hearth", "description": "", "icon": None, "bot_public": True,
                "bot_require_code_grant": False, "owner": user(self.next_id(), "Owner"), "verify_key": "00",
                "flags": 0, "team": None, "rpc_origins": [], "interactions_endpoint_url": None,
                "tags": [], "redirect_uris": [], "bot": self.bot, "type": None, "flags_new": "0",
                "role_connections_verification_url": None, "approximate_guild_count": len(self.guilds),
                "approximate_user_install_count": 0, "approximate_user_authorization_count": 0,
                "explicit_content_filter": 0, "eligible_oauth2_scopes": ["applications.commands", "bot"]}

    def _sync(self, scope: str, body: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The commands as Discord keeps and answers them: ids given, permissions as a string, defaults filled."""
        out = []
        for cmd in body:
            permissions = cmd.get("default_member_permissions")
            out.append({**cmd, "id": str(self.next_id()), "application_id": str(self.app_id), "version": "1",
                        "type": cmd.get("type") or 1, "description": cmd.get("description") or "",
                        "default_member_permissions": None if permissions is None else str(permissions),
                        "dm_permission": cmd.get("dm_permission", True), "nsfw": bool(cmd.get("nsfw")),
                        "integration_types": cmd.get("integration_types") or [0], "contexts": cmd.get("contexts"),
                        **({"guild_id": scope} if scope != "global" else {})})
        self.commands[scope] = out
        return out

    def _callback(self, iid: int, token: str, body: dict[str, Any]) -> web.Response:
        """As Discord answers `?with_response`: the interaction, and the message a reply (4) or an update (7)
        made; a deferral (5) has its loading message's id but no resource (the message comes with the follow-up)."""
        record = {"interaction_id": iid, "token": token, "type": body["type"], "data": body.get("data")}
        result: dict[str, Any] = {"interaction": {"id": str(iid), "type": self._kinds.get(iid, 2)}}
        if body["type"] in (4, 5):
            data = body.get("data") or {}
            message = self._post(self._interaction_channel(token), data, ephemeral=data, files=body.get("_files", []))
            record["message_id"] = int(message["id"])
            result["interaction"] |= {"response_message_id": message["id"],
                                      "response_message_loading": body["type"] == 5,
                                      "response_message_ephemeral": bool(data.get("flags", 0) & 64)}
            if body["type"] == 4:
                result["resource"] = {"type": 4, "message": message}
        if body["type"] == 7 and self._sources.get(iid) in self.messages:
            source = self.messages[self._sources[iid]]
            source.update(_stored(body.get("data") or {}), edited_timestamp=_now())
            result["interaction"] |= {"response_message_id": source["id"], "response_message_loading": False,
                                      "response_message_ephemeral": bool(source["flags"] & 64)}
            result["resource"] = {"type": 7, "message": source}
        self.callbacks.append(record)
        return _json(result)

    def _age(self, iid: int) -> float:
        """Seconds since the interaction was delivered (0 for one the fake didn't deliver through `interact`)."""
        at = self._delivered_at.get(iid)
        return 0.0 if at is None else time.monotonic() - at

    def _answered_token(self, app: str, token: str) -> bool:
        """Whether `token` is of an interaction the fake delivered to this app and the bot answered."""
        iid = token.removeprefix("itoken-")
        return app == str(self.app_id) and iid.isdigit() and int(iid) in self._answered

    def _interaction_channel(self, token: str) -> int:
        return self._token_channel.get(token, self.channel_id)  # where the interaction came from

    def _webhook_message(self, token: str, mid: str) -> dict[str, Any] | None:
        """A message an interaction's webhook sent: by id, or `@original` for the interaction's own answer."""
        if mid == "@original":
            answer = next((c.get("message_id") for c in self.callbacks if c["token"] == token), None)
            return self.messages.get(answer) if answer is not None else None
        return self.messages.get(int(mid)) if mid.isdigit() else None

    def _post(self, channel_id: int, body: dict[str, Any], ephemeral: dict[str, Any] | None = None,
              files: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        flags = (ephemeral or body).get("flags", 0) or 0
        message = self._message(channel_id, body.get("content", ""), body.get("components", []), flags)
        message["attachments"] = [self._sent_file(f) for f in (body.get("_files") or [] if files is None else files)]
        self.messages[int(message["id"])] = _unfurled(message)
        return message

    def _sent_file(self, file: dict[str, Any]) -> dict[str, Any]:
        """A file the bot sent, as the message Discord answers with lists it."""
        aid = self.next_id()
        self.attachments[aid] = file["content"]
        url = f"http://127.0.0.1:{self.port}/attachments/{aid}/{file['filename']}"
        return {"id": str(aid), "filename": file["filename"], "size": len(file["content"]), "url": url,
                "proxy_url": url}

    def _message(self, channel_id: int, content: str, components: list[Any], flags: int = 0) -> dict[str, Any]:
        """A message as Discord's REST API answers with it (no guild_id: only its gateway's events carry one)."""
        return {"id": str(self.next_id()), "channel_id": str(channel_id), "author": self.bot, "content": content,
                "timestamp": _now(), "edited_timestamp": None, "tts": False, "mention_everyone": False,
                "mentions": [], "mention_roles": [], "attachments": [], "embeds": [], "pinned": False, "type": 0,
                "components": _numbered(components), "flags": flags}

    def _post_channel(self, cid: int, body: dict[str, Any]) -> web.Response:
        channel = self.channels.get(cid)
        if channel is None:
            return _error(404, 10003, "Unknown Channel")
        if channel["type"] == 1 and int(channel["recipients"][0]["id"]) in self.dm_closed:
            return _error(403, 50007, "Cannot send messages to this user")
        if channel["type"] in (4, 15, 16):  # a category, a forum, a media channel: no messages of their own
            return _error(400, 50008, "Cannot send messages in a non-text channel")
        nonce = body.get("nonce")
        if nonce is not None and body.get("enforce_nonce"):
            if len(str(nonce)) > 25:
                return _error(400, 50035, "Invalid Form Body (nonce: must be 25 or fewer in length)")
            earlier = self._nonces.get((cid, str(nonce)))
            if earlier in self.messages:  # a repeated send within the window: the original, not a new one
                return _json(self.messages[earlier])
        message = self._post(cid, body)
        if nonce is not None:
            message["nonce"] = str(nonce)
            if body.get("enforce_nonce"):
                self._nonces[(cid, str(nonce))] = int(message["id"])
        return _json(message)

    def _start_thread(self, cid: int, mid: int, body: dict[str, Any]) -> web.Response:
        if mid not in self.messages or self.messages[mid]["channel_id"] != str(cid):
            return _error(404, 10008, "Unknown Message")
        if mid in self.channels:
            return _error(400, 160004, "A thread has already been created for this message")
        guild_id = self.channels[cid].get("guild_id", str(self.guild_id))
        thread = {"id": str(mid), "type": 11, "guild_id": guild_id, "parent_id": str(cid),
                  "name": body.get("name", ""), "owner_id": str(self.app_id), "message_count": 0, "flags": 0,
                  "member_count": 1, "total_message_sent": 0, "rate_limit_per_user": 0, "last_message_id": None,
                  "thread_metadata": {"archived": False, "auto_archive_duration": body.get("auto_archive_duration",
                                                                                          1440),
                                      "archive_timestamp": _now(), "locked": False}}
        self.channels[mid] = thread
        return _json(thread, status=201)

    def _dm_channel(self, uid: int) -> int:
        if uid not in self.dm_channels:
            cid = self.next_id()
            self.dm_channels[uid] = cid
            self.channels[cid] = {"id": str(cid), "type": 1, "last_message_id": None, "flags": 0,
                                  "recipients": [user(uid, f"user{uid % 1000}")]}
        return self.dm_channels[uid]


#: A link Discord would preview: not wrapped in <…> by the writer (Discord's own way to keep one link unpreviewed).
_LINK = re.compile(r"(?<!<)\bhttps?://[^\s<>]+")
#: The message flag that turns previews off (Discord's SUPPRESS_EMBEDS); an edit may set or clear only it.
SUPPRESS_EMBEDS = 1 << 2


def _unfurled(message: dict[str, Any], flags: int | None = None) -> dict[str, Any]:
    """As Discord does after a message is sent or edited: each link in its content becomes an embed (another site's
    picture, title and text, shown under the sender's name) unless the message carries SUPPRESS_EMBEDS."""
    if flags is not None:
        message["flags"] = (message["flags"] & ~SUPPRESS_EMBEDS) | (int(flags) & SUPPRESS_EMBEDS)
    links = [] if message["flags"] & SUPPRESS_EMBEDS else _LINK.findall(message.get("content") or "")
    message["embeds"] = [{"type": "link", "url": url} for url in links]
    return message


def _stored(body: dict[str, Any]) -> dict[str, Any]:
    """What an edit changes of a message, as Discord keeps it (components numbered)."""
    kept = {k: v for k, v in body.items() if k in ("content", "components")}
    if "components" in kept:
        kept["components"] = _numbered(kept["components"] or [])
    return kept


def _numbered(components: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Components as a message keeps them: Discord gives each one without an `id` the next number, in order."""
    taken = set()

    def ids(items: list[dict[str, Any]]) -> None:
        for c in items:
            taken.add(c.get("id"))
            ids(c.get("components") or [])

    ids(components)
    numbers = (n for n in itertools.count(1) if n not in taken)

    def number(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        out = []
        for c in items:
            c = {**c, "id": c["id"] if c.get("id") is not None else next(numbers)}
            if c.get("components"):
                c["components"] = number(c["components"])
            out.append(c)
        return out

    return number(components)


def _problems(method: str, parts: list[str], body: Any) -> list[str]:
    """Why Discord would refuse this call's body (error 50035), checked as Discord checks it: `discord_rules`."""
    body = body if isinstance(body, (dict, list)) else {}
    match (method, parts):
        case ("POST", ["interactions", _, _, "callback"]):
            return rules.callback_problems(body)
        case ("POST", ["webhooks", _, _]) | ("POST", ["channels", _, "messages"]):
            return rules.message_problems(body)
        case ("PATCH", ["webhooks", _, _, "messages", _]) | ("PATCH", ["channels", _, "messages", _]):
            return rules.message_problems(body, creating=False)
        case ("POST", ["channels", _, "messages", _, "threads"]):
            return rules.thread_problems(body)
        case ("PUT", ["applications", _, "commands"]) | ("PUT", ["applications", _, "guilds", _, "commands"]):
            return rules.commands_problems(body if isinstance(body, list) else [])
    return []


def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    """Exactly `application/json`, as Discord sends it (discord.py compares the header)."""
    return web.Response(body=json.dumps(data).encode(), status=status, content_type="application/json",
                        headers=headers)


def _rate_limited(retry_after: float) -> web.Response:
    """Discord's 429 for a spent bucket. It comes through Cloudflare (`Via`): discord.py takes a 429 without it for
    a Cloudflare ban and gives up instead of waiting."""
    reset = datetime.now(timezone.utc).timestamp() + retry_after
    return _json({"message": "You are being rate limited.", "retry_after": retry_after, "global": False, "code": 0},
                 status=429, headers={"Via": "1.1 google", "Retry-After": str(max(1, round(retry_after))),
                                      "X-RateLimit-Limit": "5", "X-RateLimit-Remaining": "0",
                                      "X-RateLimit-Reset": f"{reset:.3f}",
                                      "X-RateLimit-Reset-After": f"{retry_after:.3f}",
                                      "X-RateLimit-Bucket": "fake-bucket", "X-RateLimit-Scope": "user"})


def _error(status: int, code: int, message: str) -> web.Response:
    return _json({"code": code, "message": message}, status=status)


def invalid_form_body(problems: list[str]) -> web.Response:
    """Discord's 50035: "Invalid Form Body", and under `errors` each refused field by its path in the body
    (`data.content`, `components.0.components.1.label`), with `_errors` saying why; a problem naming no field
    sits at the top."""
    errors: dict[str, Any] = {}
    for problem in problems:
        path, _, why = problem.partition(": ") if ": " in problem else ("", "", problem)
        node = errors
        for key in (k for k in path.strip(".").split(".") if k):
            node = node.setdefault(key, {})
        # (The spec's `Error` has an integer code; Discord's docs show words, "BASE_TYPE_REQUIRED". The fake
        # follows the spec it is checked against; Hearth reads neither, only discord.py's flattened text.)
        node.setdefault("_errors", []).append({"code": 50035, "message": why})
    return _json({"code": 50035, "message": "Invalid Form Body", "errors": errors}, status=400)
