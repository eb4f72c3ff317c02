"""Discord's mention marks, translated for the core (`bot.commands.mentions`): `<@123>`, `<@!123>` and a role's
`<@&45>` become neutral marks, and the names Discord gives them a names map. The core decides what they read as."""

from __future__ import annotations

import re
from typing import Any, Callable, Iterable, Mapping

from bot.commands.mentions import CHANNEL, OPEN, marked

#: How Discord writes a mention in text ("<@123> hi", "<@!123>", a role's "<@&45>", a channel's "<#67>").
MENTION = re.compile(r"<(@[!&]?|#)(\d+)>")


#: How Discord writes a server's own emoji in text: `<:blobhug:123>`, an animated one `<a:blobhug:123>`.
CUSTOM_EMOJI = re.compile(r"<a?:(\w{2,32}):\d+>")


def neutral(text: str) -> str:
    """Discord's text with each mention a neutral mark: a person's by their id, a role's as "role:<id>", a
    channel's as "#<id>" (`bot.commands.mentions.CHANNEL`); and a server's emoji as its name, ":blobhug:" (its
    code shown as text would be "<:blobhug:123…>", as no other server, nor Slack, can show the picture)."""
    def ref(m: "re.Match[str]") -> str:
        kind, found = m.group(1), m.group(2)
        return f"role:{found}" if kind == "@&" else CHANNEL + found if kind == "#" else found

    return marked(CUSTOM_EMOJI.sub(r":\1:", text), MENTION, ref)


def has_marks(text: str) -> bool:
    """Whether Discord's text holds a mention or a server's emoji (`neutral` has something to read)."""
    return MENTION.search(text) is not None or CUSTOM_EMOJI.search(text) is not None


def public_name(channel: Any, guild: Any) -> str | None:
    """A channel's name to show in someone's words: only a channel of this server that everyone in it can see. A
    private channel's name, or another server's, would tell the group what Discord itself hides from them (it
    shows such a mention as "#unknown" to whoever can't see the channel); the mention then reads as "#" and its id."""
    if guild is None or channel is None or getattr(channel, "guild", None) is not guild:
        return None
    everyone = getattr(guild, "default_role", None)
    if everyone is None or not hasattr(channel, "permissions_for"):
        return None
    return getattr(channel, "name", None) or None if channel.permissions_for(everyone).view_channel else None


def channel_names(texts: Iterable[str], name_of: Callable[[int], str | None]) -> dict[str, str]:
    """The names of the channels neutral texts mention, as `name_of` (the client's cache) gives them: "loved
    #general" in someone's words, where Discord's `<#67>` names no channel in a text option."""
    names: dict[str, str] = {}
    for text in texts:
        for ref in _CHANNEL_MARK.findall(text):
            name = name_of(int(ref))
            if name:
                names[CHANNEL + ref] = name
    return names


_CHANNEL_MARK = re.compile(re.escape(OPEN + CHANNEL) + r"(\d+)")


def resolved_names(data: Mapping[str, Any] | None) -> dict[str, str]:
    """The names an interaction's `resolved` data gives (Discord's spec: `users`, partial `members`, `roles`): a
    member's nickname here, else their display name, else their username. Discord resolves what pickers chose;
    a mention typed into a text option may come with none (then the core says "@someone")."""
    resolved = (data or {}).get("resolved") or {}
    users, members, roles = (resolved.get(k) or {} for k in ("users", "members", "roles"))
    names: dict[str, str] = {}
    for uid, found in users.items():
        if isinstance(found, dict):
            nick = (members.get(uid) or {}).get("nick") if isinstance(members.get(uid), dict) else None
            name = nick or found.get("global_name") or found.get("username")
            if isinstance(name, str) and name.strip():
                names[str(uid)] = name
    for rid, role in roles.items():
        if isinstance(role, dict) and isinstance(role.get("name"), str):
            names[f"role:{rid}"] = role["name"]
    for cid, found in (resolved.get("channels") or {}).items():
        if isinstance(found, dict) and isinstance(found.get("name"), str) and found["name"].strip():
            names[CHANNEL + str(cid)] = found["name"]
    return names
