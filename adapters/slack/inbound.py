"""What arrives from Slack, read into Hearth's terms: command text, contexts, event ids."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Awaitable, Callable

from bot.commands.mentions import CHANNEL, marked

Respond = Callable[..., Awaitable[Any]]
#: A Slack id (user, workspace, channel, team): capitals and digits, nine to eleven of them today.
SLACK_ID = re.compile(r"[A-Z0-9]{1,40}")


def normalize_command_text(text: str) -> str:
    """Slack's escaped slash-command text as the words a person meant.

    With "escape channels, users and links" on, `#general` arrives as
    `<#C123|general>` and `@sam` as `<@U123|sam>`: Hearth wants the ids.
    Broadcasts become plain words, and entities are decoded last so that a
    typed `&lt;!channel&gt;` stays literal text (rendered inert later).
    """
    if "<" not in text:  # nothing escaped (most commands): only the entities to decode
        return _decode_entities(text)
    text = re.sub(r"<#([CGD][A-Z0-9]+)(?:\|[^>]*)?>", r"\1", text)
    text = re.sub(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>", r"\1", text)
    text = re.sub(r"<!(channel|here|everyone)(?:\|[^>]*)?>", r"@\1", text)
    text = re.sub(r"<!subteam\^[A-Z0-9]+(?:\|([^>]*))?>", lambda m: m.group(1) or "@group", text)
    text = re.sub(r"<((?:https?|mailto):[^|>]+)(?:\|[^>]*)?>", r"\1", text)
    return _decode_entities(text)


#: How Slack writes a person's mention: `<@U123>`, or `<@U123|sam>` with their name (a slash command's text).
USER_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|([^>]*))?>")
#: A person's mention or a channel's (`<#C123|general>`, as a slash command's text names a channel typed "#general").
_MENTION = re.compile(r"<(?:@(?P<user>[UW][A-Z0-9]+)|#(?P<channel>[CGD][A-Z0-9]+))(?:\|(?P<name>[^>]*))?>")


def read_text(text: str) -> tuple[str, dict[str, str]]:
    """Slack's text (a slash command's, a message's) as the words a person meant, each person's and channel's
    mention a neutral mark for the core to read (`bot.commands.mentions`), with the names Slack wrote in them
    (`<@U123|sam>`, `<#C123|general>`): "loved #random" in someone's words stays that, never "loved C0RANDOM",
    and a channel option still reads as the channel. Everything else as `normalize_command_text` reads it."""
    names: dict[str, str] = {}

    def ref(m: "re.Match[str]") -> str:
        key = m["user"] or CHANNEL + m["channel"]
        if m["name"]:
            names.setdefault(key, _decode_entities(m["name"]))
        return key

    return normalize_command_text(marked(text, _MENTION, ref)), names


def _decode_entities(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


@dataclass
class Where:
    """Where an interaction happened, which decides where its replies appear.

    * a modal (`view_id`): replies replace the modal's content;
    * the Home tab (`origin == "home"`): replies open a modal, and Home is refreshed;
    * a message or slash command: replies are ephemeral (via `respond`, else
      `chat.postEphemeral`), replacing an ephemeral message they came from.
    """

    user: str
    team: str
    trigger_id: str | None = None
    channel: str | None = None
    respond: Respond | None = None
    view_id: str | None = None
    origin: str | None = None
    replace: bool = False
    event: str | None = None
    """The interaction's id (`event_id`) where it has no trigger (a message written to Hearth): what it names
    replies kept for later by, so a redelivery queues them once."""
    thread: str | None = None
    """The thread a message written to Hearth in a channel was written in (its `thread_ts`): the reply only they see
    goes there too, where they are reading, not to the channel beneath."""


def event_id(body: dict[str, Any]) -> str | None:
    """One id per interaction, so a retried delivery has one effect."""
    if body.get("event_id"):
        return f"slack:event:{body['event_id']}"
    if body.get("trigger_id"):
        return f"slack:trigger:{body['trigger_id']}"
    return None


def team_of(body: dict[str, Any]) -> str:
    """The workspace a payload comes from ("" if it names none)."""
    team = body.get("team")
    if isinstance(team, dict) and isinstance(team.get("id"), str) and team["id"]:
        return team["id"]
    if isinstance(team, str) and team:
        return team
    user = body.get("user")
    if isinstance(user, dict) and isinstance(user.get("team_id"), str) and user["team_id"]:
        return user["team_id"]
    team_id = body.get("team_id")
    return team_id if isinstance(team_id, str) else ""
