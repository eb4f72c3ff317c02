"""Hearth's replies as Slack mrkdwn and Block Kit, inside Slack's limits.

Two rules drive this module. Text a person typed (`UserText`) is escaped so
`<!channel>`, `<@U…>` and `<http://x|spoof>` show as text and ping or link
nobody; every mrkdwn object is `verbatim` so Slack adds no links of its own.
And Slack's limits (50 blocks a message, 3000 characters a section, 75 a
button label) are met by splitting or truncating, never by an API error.
"""

from __future__ import annotations

import re

import json
import secrets
from collections import OrderedDict
from typing import Any

from bot.i18n import _
from bot.events import Button, ChannelRef, PersonRef, Reply, Rich, UserText, When

MAX_MESSAGE_BLOCKS = 50
MAX_VIEW_BLOCKS = 100
MAX_SECTION = 3000
MAX_BUTTON_LABEL = 75
MAX_OPTION_TEXT = 75
MAX_OPTION_VALUE = 150
MAX_OPTIONS = 100
MAX_ACTIONS = 25
MAX_VIEW_TITLE = 24
MAX_BUTTON_VALUE = 2000
MAX_HEADER = 150
MAX_FALLBACK = 3000
ELLIPSIS = "…"


def escape(text: str) -> str:
    """Slack's three control characters as entities: the text stays text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def mrkdwn(body: Rich) -> str:
    """Hearth markup (**bold**, _italic_) as Slack mrkdwn; user text made inert."""
    out = []
    for part in body.parts:
        if isinstance(part, UserText):
            out.append(escape(part.text))
        elif isinstance(part, ChannelRef):
            is_id = re.fullmatch(r"[CGD][A-Z0-9]{2,}", part.short)
            out.append(f"<#{part.short}>" if is_id else escape(f"#{part.short}"))
        elif isinstance(part, When):
            out.append(time_markup(part))
        elif isinstance(part, PersonRef):
            is_id = part.subject.startswith("slack:") and re.fullmatch(r"[UW][A-Z0-9]{2,}", part.short)
            out.append(f"<@{part.short}>" if is_id else escape(part.text()))
        else:
            out.append(escape(part).replace("**", "*"))
    return "".join(out)


def time_markup(when: When) -> str:
    """A channel post's time as Slack's date token, which every reader sees in their own time (the text after
    `|` is for clients that can't); a private message's in the member's zone, named."""
    if when.personal:
        return escape(when.text())
    shown = "{time}" if when.style == "time" else "{date_short_pretty} {time}"
    return f"<!date^{when.unix}^{shown}|{escape(when.text())}>"


def clip(text: str, limit: int) -> str:
    """At most `limit` characters, with an ellipsis when something was cut."""
    return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS


def plain_text(text: str, limit: int) -> dict[str, Any]:
    return {"type": "plain_text", "text": clip(text or " ", limit), "emoji": True}


def section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text, "verbatim": True}}


def context(text: str) -> dict[str, Any]:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text, "verbatim": True}]}


def chunks(text: str, limit: int = MAX_SECTION) -> list[str]:
    """Split mrkdwn into pieces of at most `limit`, at line breaks where possible."""
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:  # one very long line: cut at a space, never inside an entity
            cut = line.rfind(" ", 0, limit)
            cut = cut if cut > limit // 2 else limit
            amp = line.rfind("&", max(0, cut - 5), cut)
            if amp != -1 and ";" not in line[amp:cut]:
                cut = amp
            if current:
                pieces.append(current)
                current = ""
            pieces.append(line[:cut])
            line = line[cut:].lstrip(" ")
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            pieces.append(current)
            current = line
        else:
            current = candidate
    if current.strip():
        pieces.append(current)
    return pieces or [" "]


# -- buttons -------------------------------------------------------------------------

#: What pressing a Slack button means to Hearth, kept in the button's value.
#: k = "a" (a core action), "c" (run a command), "f" (open a command's form).
ButtonValue = dict[str, Any]


class ValueStore:
    """Button values Slack can't carry (over 2000 characters) wait here, briefly.

    A value that is too long is swapped for a short token; the token is
    resolved when the button is pressed. Tokens are kept in memory, so
    after a restart such a button asks the person to try again.
    """

    def __init__(self, capacity: int = 5000) -> None:
        self.capacity = capacity
        self._values: OrderedDict[str, ButtonValue] = OrderedDict()

    def encode(self, value: ButtonValue) -> str:
        text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
        if len(text) <= MAX_BUTTON_VALUE:
            return text
        token = secrets.token_urlsafe(12)
        self._values[token] = value
        while len(self._values) > self.capacity:
            self._values.popitem(last=False)
        return json.dumps({"k": "t", "t": token})

    def decode(self, text: str) -> ButtonValue | None:
        if not isinstance(text, str) or len(text) > MAX_BUTTON_VALUE:
            return None  # not one Hearth wrote
        try:
            value = json.loads(text)
        except (TypeError, ValueError):
            return None
        if not isinstance(value, dict):
            return None
        if value.get("k") == "t":
            return self._values.get(str(value.get("t")))
        return value if well_formed(value) else None


def well_formed(value: dict[str, Any]) -> bool:
    """A button value as Hearth writes them: a kind, a name, and text arguments (and a form's defaults)."""
    return (value.get("k") in ("a", "c", "f") and isinstance(value.get("n"), str) and bool(value["n"])
            and all(_texts(value.get(key)) for key in ("a", "d")))


def _texts(found: Any) -> bool:
    """Absent, or an object of text values."""
    return found is None or (isinstance(found, dict) and all(isinstance(v, str) for v in found.values()))


VALUES = ValueStore()


def action_value(button: Button) -> ButtonValue:
    return {"k": "a", "n": button.action, "a": button.args}


def button_element(label: str, value: ButtonValue, index: int, style: str = "secondary") -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "button",
        "text": plain_text(label, MAX_BUTTON_LABEL),
        "action_id": f"hearth:{index}",
        "value": VALUES.encode(value),
    }
    if style in ("primary", "success"):
        element["style"] = "primary"
    elif style == "danger":
        element["style"] = "danger"
    return element


def actions_blocks(buttons: tuple[Button, ...] | list[tuple[str, ButtonValue, str]], start: int = 0) -> list[dict]:
    """Buttons in actions blocks of at most 25 (Slack's per-block limit), their action ids numbered from `start`.

    A block is named after its first button's number: a view numbers its buttons
    once across all its blocks, so block ids are as unique as Slack needs them.
    """
    items = [(b.label, action_value(b), b.style) if isinstance(b, Button) else b for b in buttons]
    blocks = []
    for i in range(0, len(items), MAX_ACTIONS):
        elements = [button_element(label, value, start + i + j, style)
                    for j, (label, value, style) in enumerate(items[i:i + MAX_ACTIONS])]
        blocks.append({"type": "actions", "block_id": f"hearth-actions-{start + i}", "elements": elements})
    return blocks


# -- whole messages ------------------------------------------------------------------


def body_blocks(reply: Reply) -> list[dict[str, Any]]:
    """The title and the text of a reply as blocks (no buttons)."""
    blocks: list[dict[str, Any]] = []
    if reply.title:
        blocks.append({"type": "header", "text": plain_text(reply.title, MAX_HEADER)})
    text = mrkdwn(reply.body)
    if text.strip():
        blocks += [section(piece) for piece in chunks(text)]
    return blocks


def messages(reply: Reply) -> list[dict[str, Any]]:
    """One Slack message (`text` + `blocks`) or several when the reply is too long.

    Long replies continue in the next message, each saying it continues,
    so nothing is silently lost; buttons go on the last one.
    """
    blocks = body_blocks(reply)
    buttons = actions_blocks(reply.buttons)
    room = MAX_MESSAGE_BLOCKS - 1  # one spare for the "continued" note
    groups = [blocks[i:i + room] for i in range(0, len(blocks), room)] or [[]]
    if len(groups[-1]) + len(buttons) > MAX_MESSAGE_BLOCKS:
        groups.append([])
    groups[-1] = groups[-1] + buttons
    out = []
    for n, group in enumerate(groups):
        if n < len(groups) - 1:
            more = _("continued in the next message ({n} of {total})").format(n=n + 2, total=len(groups))
            group = group + [context(f"_{more}_")]
        fallback = "\n".join(b["text"]["text"] for b in group if b.get("type") == "section")
        out.append({"text": clip(fallback or (reply.title or "Hearth"), MAX_FALLBACK), "blocks": group})
    return out


def fit_view_blocks(blocks: list[dict[str, Any]], more_hint: str, limit: int = MAX_VIEW_BLOCKS) -> list[dict]:
    """Keep a modal or Home tab within Slack's 100 blocks, saying where the rest is."""
    if len(blocks) <= limit:
        return blocks
    more = _("There's more than fits here. {where}").format(where=more_hint)
    return blocks[: limit - 1] + [context(f"_{more}_")]
