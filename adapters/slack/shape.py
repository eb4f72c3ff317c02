"""What reaches Hearth from Slack, checked before anything reads it.

Over HTTP, the signature is checked on the raw bytes first (`verified_text`),
then the body is parsed as Slack sends it (`parsed`), then its shape
(`problem`): every field that Bolt or Hearth reads must have the type Slack
documents. Bolt reads `body["actions"][0]["action_id"]` or `"id" in
body["user"]` without asking, so a signed but malformed payload would
otherwise end as a traceback and a 500. Anything that fails is refused with
a 400 or 401 and one log line; Socket Mode payloads get the same shape check.
Fields Slack adds that Hearth doesn't read are left alone.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from adapters.slack.inbound import SLACK_ID, team_of

#: Slack's own limit on a request's age (its docs: "more than five minutes").
MAX_AGE_SECONDS = 5 * 60
_TIMESTAMP = re.compile(r"[0-9]{1,12}")
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")


class Refused(Exception):
    """A request Hearth will not act on: the HTTP status to answer and why (for the log, never the caller)."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


class Ignored(Exception):
    """A well-formed request of a kind Hearth doesn't use: answered with a plain 200."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def verified_text(raw: bytes, timestamp: str | None, signature: str | None, secret: str, now: float) -> str:
    """The body as text, if Slack signed exactly these bytes within the last five minutes; else `Refused`."""
    if timestamp is None or not _TIMESTAMP.fullmatch(timestamp):
        raise Refused(401, "no usable X-Slack-Request-Timestamp")
    if abs(now - int(timestamp)) > MAX_AGE_SECONDS:
        raise Refused(401, "X-Slack-Request-Timestamp is too old or in the future")
    if signature is None or not _SIGNATURE.fullmatch(signature):
        raise Refused(401, "no usable X-Slack-Signature")
    expected = hmac.new(secret.encode(), b"v0:" + timestamp.encode() + b":" + raw, hashlib.sha256).hexdigest()
    if not hmac.compare_digest("v0=" + expected, signature):
        raise Refused(401, "the signature does not match")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(400, "the body is not UTF-8") from None


def parsed(text: str, content_type: str | None) -> dict[str, Any]:
    """The body as Bolt parses it (`slack_bolt.request.internals.parse_body`), refused unless an object.

    Bolt is then handed this very dict, not the text to parse again (`app.checked_request`)."""
    if not text:
        return {}
    try:
        if content_type == "application/json" or text.startswith("{"):
            body = json.loads(text)
        elif "payload" in text:
            payload = dict(parse_qsl(text, keep_blank_values=True)).get("payload")
            body = json.loads(payload) if payload is not None else {}
        else:
            body = dict(parse_qsl(text, keep_blank_values=True))
    except (ValueError, RecursionError):
        raise Refused(400, "the body is not the JSON or form Slack sends") from None
    if not isinstance(body, dict):
        raise Refused(400, "the payload is not a JSON object")
    return body


# -- shapes ---------------------------------------------------------------------------------------


class Shape:
    def problem(self, value: Any, path: str) -> str | None:
        raise NotImplementedError


@dataclass(frozen=True)
class Is(Shape):
    """A JSON scalar of one of `kinds` (a bool is not an int here, as in Slack's JSON)."""

    kinds: tuple[type, ...]

    def problem(self, value: Any, path: str) -> str | None:
        if isinstance(value, bool) and bool not in self.kinds:
            return f"{path} is not {self._names()}"
        return None if isinstance(value, self.kinds) else f"{path} is not {self._names()}"

    def _names(self) -> str:
        return " or ".join({str: "text", bool: "true/false", int: "a number", float: "a number"}[k]
                           for k in self.kinds)


@dataclass(frozen=True)
class Obj(Shape):
    """An object whose named fields (when present and not null) have their shapes; `required` must be there."""

    fields: dict[str, Shape]
    required: tuple[str, ...] = ()

    def problem(self, value: Any, path: str) -> str | None:
        if not isinstance(value, dict):
            return f"{path} is not an object"
        for name in self.required:
            if value.get(name) in (None, ""):
                return f"{path}.{name} is missing"
        for name, shape in self.fields.items():
            if value.get(name) is not None or name in value and isinstance(shape, NotNull):
                found = shape.problem(value[name], f"{path}.{name}")
                if found:
                    return found
        return None

    def more(self, fields: dict[str, Shape] | None = None, required: tuple[str, ...] = ()) -> "Obj":
        return Obj({**self.fields, **(fields or {})}, self.required + required)


@dataclass(frozen=True)
class Seq(Shape):
    item: Shape
    at_least: int = 0

    def problem(self, value: Any, path: str) -> str | None:
        if not isinstance(value, list):
            return f"{path} is not a list"
        if len(value) < self.at_least:
            return f"{path} is empty"
        return next((p for i, v in enumerate(value) if (p := self.item.problem(v, f"{path}[{i}]"))), None)


@dataclass(frozen=True)
class Map(Shape):
    """An object keyed by names Slack's caller chose (a modal's block ids), each value of one shape."""

    item: Shape

    def problem(self, value: Any, path: str) -> str | None:
        if not isinstance(value, dict):
            return f"{path} is not an object"
        return next((p for k, v in value.items() if (p := self.item.problem(v, f"{path}.{k}"))), None)


@dataclass(frozen=True)
class Either(Shape):
    shapes: tuple[Shape, ...] = field(default=())

    def problem(self, value: Any, path: str) -> str | None:
        found = [s.problem(value, path) for s in self.shapes]
        return None if any(p is None for p in found) else found[0]


@dataclass(frozen=True)
class NotNull(Shape):
    """A field that may be absent but not null (Bolt reads it as `body.get("event", {}).get(…)`)."""

    shape: Shape

    def problem(self, value: Any, path: str) -> str | None:
        return f"{path} is null" if value is None else self.shape.problem(value, path)


@dataclass(frozen=True)
class Url(Shape):
    """An absolute http(s) URL (a `response_url`: Hearth posts its answer there)."""

    def problem(self, value: Any, path: str) -> str | None:
        if not isinstance(value, str):
            return f"{path} is not text"
        try:
            parts = urlsplit(value)
            ok = parts.scheme in ("http", "https") and bool(parts.hostname) and (parts.port or 0) >= 0
        except ValueError:  # (a port out of range, a broken IPv6 address)
            ok = False
        return None if ok else f"{path} is not an http(s) URL"


@dataclass(frozen=True)
class OneOf(Shape):
    """One of a few known texts (a view's `type`: Bolt treats a "workflow_step" view as another thing)."""

    values: tuple[str, ...]

    def problem(self, value: Any, path: str) -> str | None:
        return None if value in self.values else f"{path} is not one of {', '.join(self.values)}"


@dataclass(frozen=True)
class Id(Shape):
    """A Slack id as Hearth keeps it (a user, workspace or channel): a few capitals and digits."""

    def problem(self, value: Any, path: str) -> str | None:
        return None if isinstance(value, str) and SLACK_ID.fullmatch(value) else f"{path} is not a Slack id"


TEXT = Is((str,))
FLAG = Is((bool,))
ID = Id()
#: `user`, `team`, `channel`, `enterprise`: an id, or an object with one.
_ID = Obj({"id": TEXT, "team_id": TEXT, "enterprise_id": TEXT, "name": TEXT})
_REF = Either((TEXT, _ID))
#: What Bolt's context builder reads (`slack_bolt.request.internals`): at the top of a payload and again,
#: to any depth, inside `event`, `message`, `previous_message`, `item`, `assistant_thread` and `authorizations`.
_BOLT = Obj({
    "type": TEXT, "user": _REF, "team": _REF, "channel": _REF, "enterprise": _REF, "user_id": TEXT,
    "team_id": TEXT, "channel_id": TEXT, "enterprise_id": TEXT, "user_team": TEXT, "thread_ts": TEXT,
    "is_enterprise_install": Either((FLAG, TEXT)), "is_ext_shared_channel": FLAG, "context_team_id": TEXT,
    "context_enterprise_id": TEXT, "function_execution_id": TEXT, "bot_access_token": TEXT,
    "bot_id": TEXT, "subtype": TEXT, "channel_type": TEXT, "callback_id": TEXT, "action_id": TEXT,
    "command": TEXT, "response_url": Url(), "trigger_id": TEXT, "event_id": TEXT, "api_app_id": TEXT,
    "function_data": Obj({"execution_id": TEXT}), "view": Obj({"app_installed_team_id": TEXT, "team_id": TEXT}),
})
for _key in ("event", "message", "previous_message", "item", "assistant_thread"):
    _BOLT.fields[_key] = _BOLT
_BOLT.fields["authorizations"] = Seq(_BOLT)

#: The ids Hearth keeps (a member, a workspace, a channel) are checked as ids, not just as text.
_USER = _ID.more({"id": ID, "team_id": ID}, ("id",))
_TEAM = Either((ID, _ID.more({"id": ID})))
_OWNED = {"team": _TEAM, "team_id": ID}
_STATE_ITEM = Obj({
    "type": TEXT, "value": TEXT, "selected_option": Obj({"value": TEXT}), "selected_conversation": TEXT,
    "selected_channel": TEXT, "selected_user": TEXT, "files": Seq(Obj({"id": TEXT, "name": TEXT})),
})
_VIEW = Obj({
    "id": TEXT, "type": OneOf(("modal", "home")), "callback_id": TEXT, "private_metadata": TEXT, "team_id": TEXT,
    "app_installed_team_id": TEXT, "hash": TEXT,
    "blocks": Seq(Obj({"type": TEXT, "block_id": TEXT, "element": Obj({
        "initial_value": TEXT, "initial_conversation": TEXT, "initial_option": Obj({"value": TEXT})})})),
    "state": Obj({"values": Map(Map(_STATE_ITEM))}),
})
_ACTION = Obj({"action_id": TEXT, "block_id": TEXT, "value": TEXT, "type": TEXT}, ("action_id",))
#: Every payload: what Bolt reads, and the fields it reads as `body.get("event", {})` (so never null).
_ENVELOPE = _BOLT.more({
    "response_urls": Seq(Obj({"response_url": Url()}, ("response_url",))),
    "event": NotNull(_BOLT.more(required=("type",))), "view": NotNull(_VIEW),
    "actions": NotNull(Seq(_ACTION, at_least=1)),
})

#: The kinds of payload Hearth acts on, and what it reads in each; any other kind is answered with a plain
#: 200 and not handed to Bolt.
KINDS: dict[str, Obj] = {
    "command": _ENVELOPE.more({**_OWNED, "text": TEXT, "user_name": TEXT, "channel_name": TEXT, "user_id": ID,
                               "channel_id": ID}, ("command", "user_id")),
    "block_actions": _ENVELOPE.more({
        **_OWNED, "user": _USER, "channel": _ID.more({"id": ID}), "message": _BOLT.more({"ts": TEXT}),
        "container": Obj({"type": TEXT, "channel_id": ID, "is_ephemeral": FLAG, "view_id": TEXT,
                          "message_ts": TEXT}),
    }, ("user", "actions")),
    "view_submission": _ENVELOPE.more({**_OWNED, "user": _USER,
                                       "view": _VIEW.more({"type": OneOf(("modal",))}, ("callback_id", "type"))},
                                      ("user", "view")),
    "view_closed": _ENVELOPE.more({**_OWNED, "user": _USER, "is_cleared": FLAG,
                                   "view": _VIEW.more({"type": OneOf(("modal",))}, ("callback_id", "type"))},
                                  ("user", "view")),
    "event_callback": _ENVELOPE.more(_OWNED, ("event",)),
    "url_verification": _ENVELOPE,
    "ssl_check": _ENVELOPE,
}
#: A message inside a `message_changed` event: the message as it is now (`message`) or was (`previous_message`).
_EDITED = _BOLT.more({"text": TEXT, "user": ID, "bot_id": TEXT, "subtype": TEXT, "ts": TEXT,
                      "edited": Obj({"user": ID, "ts": TEXT})})
#: Events Hearth listens to, and what it reads in them.
EVENTS: dict[str, Obj] = {
    "app_home_opened": _BOLT.more({"tab": TEXT, "user": ID}, ("type", "user")),
    # Words written to Hearth: an @mention in a channel, a message in its DM (`SlackAdapter.on_message`).
    "app_mention": _BOLT.more({"text": TEXT, "user": ID, "channel": ID, "ts": TEXT}, ("type", "channel")),
    # (an edit, `message_changed`, carries the message as it now is and as it was: `SlackAdapter._edited`)
    "message": _BOLT.more({"text": TEXT, "user": ID, "channel": ID, "channel_type": TEXT, "subtype": TEXT,
                           "bot_id": TEXT, "ts": TEXT, "message": _EDITED, "previous_message": _EDITED},
                          ("type", "channel")),
}
#: Kinds that need no workspace to answer (Slack's own checks of the endpoint).
WITHOUT_TEAM = {"url_verification", "ssl_check"}


def kind_of(body: dict[str, Any]) -> str:
    """A slash command has a `command` and no `type`; Slack's SSL check an `ssl_check`; the rest say their type."""
    if "type" not in body:
        return "command" if "command" in body else "ssl_check" if body.get("ssl_check") == "1" else ""
    kind = body["type"]
    return kind if isinstance(kind, str) else ""


def handled(body: dict[str, Any]) -> bool:
    """Whether Hearth acts on this (well-shaped) payload at all: Slack sends only what the app subscribed to."""
    kind = kind_of(body)
    return kind in KINDS and (kind != "event_callback" or body["event"]["type"] in EVENTS)


def problem(body: Any) -> str | None:
    """What is wrong with a payload's shape (for one log line), or None when Hearth can read it."""
    if not isinstance(body, dict):
        return "the payload is not an object"
    kind = kind_of(body)
    try:
        found = KINDS.get(kind, _ENVELOPE).problem(body, kind or "payload")
        event = body.get("event")
        if not found and kind == "event_callback" and event["type"] in EVENTS:
            found = EVENTS[event["type"]].problem(event, f"event {event['type']}")
    except RecursionError:
        return "the payload is nested too deeply"
    if not found and kind in KINDS and kind not in WITHOUT_TEAM and not team_of(body):
        found = f"{kind} names no workspace (team)"
    return found
