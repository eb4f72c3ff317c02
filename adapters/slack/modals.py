"""Hearth's forms and replies as Slack modals, and moderators' command forms.

A core `Form` becomes a modal of input blocks; its hidden state rides in
`private_metadata`. Commands with options (creating a schedule, adding a
prompt) get the form declared with the command (`bot.commands.forms`), so a
moderator clicks through a channel picker and a timezone field instead of
typing a command line; its title, submit label and defaults are the core's.
"""

from __future__ import annotations

import json
from typing import Any

from adapters.slack.inbound import SLACK_ID
from adapters.slack.render import (
    MAX_OPTION_TEXT, MAX_OPTION_VALUE, MAX_OPTIONS, MAX_VIEW_TITLE, actions_blocks, body_blocks, clip, context,
    fit_view_blocks, plain_text,
)
from bot.events import Choice, FormField, Reply
from bot.i18n import N_, _
from bot.views.home import HELP

CALLBACK = "hearth-form"
#: What a file field accepts: packs are TOML, and some tools save them as .txt.
FILE_TYPES = ("toml", "txt")
MESSAGE_CALLBACK = "hearth-message"
MAX_METADATA = 3000
#: The most a Slack text input takes (its `max_length` and its prefilled value).
MAX_INPUT = 3000


def metadata(kind: str, name: str, args: dict[str, str], channel: str | None, origin: str | None,
             words: tuple[str, ...] = ()) -> str:
    """What a modal remembers: which event its submission makes, and where it came from; `words`: the fields that
    hold the person's own writing (`word_fields`), given back if they close it unsent (`closed_unsent`)."""
    data: dict[str, Any] = {"k": kind, "n": name, "a": args, "c": channel, "o": origin}
    text = json.dumps(data | ({"w": list(words)} if words else {}), separators=(",", ":"), ensure_ascii=False)
    if len(text) > MAX_METADATA:  # (the words' names are a kindness: never what keeps a form from opening)
        text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    if len(text) > MAX_METADATA:
        raise ValueError("form state too large for Slack's private_metadata")
    return text


def read_metadata(text: str | None) -> dict[str, Any]:
    """What `metadata` wrote; {} when it is not that (then the modal's submission has expired)."""
    if text is not None and len(text) > MAX_METADATA:
        return {}
    try:
        data = json.loads(text or "{}")
    except (ValueError, RecursionError):
        return {}
    if not isinstance(data, dict) or not _is_metadata(data):
        return {}
    return data


def _is_metadata(data: dict[str, Any]) -> bool:
    args = data.get("a", {})
    channel = data.get("c")
    return (all(isinstance(data.get(k), str) for k in ("k", "n"))
            and isinstance(args, dict) and all(isinstance(v, str) for v in args.values())
            and (channel is None or isinstance(channel, str) and SLACK_ID.fullmatch(channel) is not None)
            and data.get("o") in (None, "home", "command")
            and isinstance(data.get("w", []), list) and all(isinstance(w, str) for w in data.get("w", [])))


def _option(choice: Choice) -> dict[str, Any]:
    return {"text": plain_text(choice.label, MAX_OPTION_TEXT), "value": choice.value[:MAX_OPTION_VALUE]}


def _element(field: FormField) -> tuple[dict[str, Any], str | None]:
    """The input element for one field, and a hint for the person filling it in."""
    hint = None
    if field.kind == "choice" and len(field.choices) > MAX_OPTIONS:
        # Too many for a menu: a text box that names a few, the core checks the rest.
        hint = _("One of: {choices}").format(choices=", ".join(c.value for c in field.choices[:20])) + " … " \
            + _("(see /hearth {command} for the full list)").format(command=HELP)
        element: dict[str, Any] = {"type": "plain_text_input"}
        if field.default:
            element["initial_value"] = field.default[:MAX_INPUT]
        return element, hint
    if field.kind == "choice":
        options = [_option(c) for c in field.choices]
        element = {"type": "radio_buttons" if len(options) <= 5 else "static_select", "options": options}
        if element["type"] == "static_select" and field.placeholder:
            element["placeholder"] = plain_text(field.placeholder, 150)
        chosen = next((o for o, c in zip(options, field.choices) if c.value == field.default), None)
        if chosen:
            element["initial_option"] = chosen
        return element, hint
    if field.kind == "file":
        return {"type": "file_input", "filetypes": list(FILE_TYPES), "max_files": 1}, field.hint
    if field.kind == "channel":
        element = {"type": "conversations_select", "filter": {"include": ["public", "private"],
                                                              "exclude_bot_users": True}}
        if field.default:
            element["initial_conversation"] = field.default.split(":", 1)[-1]
        return element, _("For a private channel, invite me there first: /invite @Hearth.")
    element = {"type": "plain_text_input", "multiline": field.kind == "paragraph"}
    longest = min(field.max_length or MAX_INPUT, MAX_INPUT)
    if field.max_length:
        element["max_length"] = longest
    if field.default:  # (Slack refuses the whole modal if a prefilled value is longer than the field allows)
        element["initial_value"] = field.default[:longest]
    if field.placeholder:
        element["placeholder"] = plain_text(field.placeholder, 150)
    if field.kind == "timezone":
        hint = _("An IANA name such as Europe/Berlin or America/Chicago.")
    return element, hint


def input_block(field: FormField) -> dict[str, Any]:
    element, hint = _element(field)
    hint = field.hint or hint  # (the command's own words first)
    element["action_id"] = "v"
    block: dict[str, Any] = {
        "type": "input",
        "block_id": field.name,
        "label": plain_text(field.label, 2000),
        "optional": not field.required,
        "element": element,
    }
    if hint:
        block["hint"] = plain_text(hint, 2000)
    return block


def form_view(reply: Reply, meta: str) -> dict[str, Any]:
    """A modal for a reply that carries a form (its body shown above the fields)."""
    form = reply.form
    assert form is not None
    blocks = body_blocks(Reply(body=reply.body)) + [input_block(f) for f in form.fields]
    return {
        "type": "modal",
        "callback_id": CALLBACK,
        "title": plain_text(form.title, MAX_VIEW_TITLE),
        "submit": plain_text(form.submit_label, MAX_VIEW_TITLE),
        "close": plain_text(_("Cancel"), MAX_VIEW_TITLE),
        "notify_on_close": True,  # (closed unsent, its words come back: `SlackAdapter.on_closed`)
        "private_metadata": meta,
        "blocks": fit_view_blocks(blocks, _("Use /hearth to fill it in as a command.")),
    }


def message_view(replies: list[Reply], meta: str, title: str = "Hearth", close: str = N_("Close")) -> dict[str, Any]:
    """Replies shown inside a modal, buttons and all (a modal's buttons update it)."""
    blocks: list[dict[str, Any]] = []
    start = 0
    for reply in replies:
        blocks += body_blocks(reply)
        blocks += actions_blocks(reply.buttons, start)
        start += len(reply.buttons)
    if not blocks:
        blocks = [context(_("_Nothing to show._"))]
    title = next((r.title for r in replies if r.title), None) or title
    return {
        "type": "modal",
        "callback_id": MESSAGE_CALLBACK,
        "title": plain_text(title, MAX_VIEW_TITLE),
        "close": plain_text(_(close), MAX_VIEW_TITLE),
        "private_metadata": meta,
        "blocks": fit_view_blocks(blocks, _("Ask again with /hearth to see all of it.")),
    }


def read_values(state: dict[str, Any]) -> dict[str, str]:
    """A submitted modal's fields by name, as plain strings ("" when left empty)."""
    out: dict[str, str] = {}
    for block_id, actions in (state.get("values") or {}).items():
        for item in actions.values():
            out[block_id] = _value_of(item)
    return out


def typed_values(view: dict[str, Any]) -> dict[str, str]:
    """A modal's fields by name as the person left them, without those still as the form was filled in (a past
    answer, a prompt being edited): closing it unsent loses only what they changed."""
    filled = {str(b.get("block_id")): _initial(b.get("element") or {})
              for b in view.get("blocks") or [] if b.get("type") == "input"}
    return {k: v for k, v in read_values(view.get("state") or {}).items() if v and v != filled.get(k)}


def _initial(element: dict[str, Any]) -> str | None:
    """What an input element was filled in with (`_element`)."""
    chosen = element.get("initial_option")
    return element.get("initial_value") or element.get("initial_conversation") or (
        chosen.get("value") if isinstance(chosen, dict) else None)


def read_files(state: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """A submitted modal's uploads by field name (Slack's file objects)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for block_id, actions in (state.get("values") or {}).items():
        for item in actions.values():
            if item.get("type") == "file_input":
                out[block_id] = [f for f in item.get("files") or [] if isinstance(f, dict)]
    return out


def _value_of(item: dict[str, Any]) -> str:
    kind = item.get("type")
    if kind == "file_input":  # the value is the file's name; its bytes are fetched separately
        return str(((item.get("files") or [{}])[0] or {}).get("name") or "")
    if kind in ("static_select", "radio_buttons", "external_select"):
        return ((item.get("selected_option") or {}).get("value")) or ""
    if kind == "conversations_select":
        return item.get("selected_conversation") or ""
    if kind == "channels_select":
        return item.get("selected_channel") or ""
    if kind == "users_select":
        return item.get("selected_user") or ""
    return item.get("value") or ""


# -- refusals beside the field -------------------------------------------------------

#: Slack shows a field's error as plain text under it; long ones are cut.
MAX_FIELD_ERROR = 2000


def field_errors(replies: list[Reply], view: dict[str, Any]) -> dict[str, str] | None:
    """A refusal as `response_action: errors`: its words under the field the core says it is about.

    None when the answer is not a refusal, or names no field of this modal:
    then the caller shows it some other way, keeping the form.
    """
    if not replies or not all(r.error for r in replies) or any(r.form for r in replies):
        return None
    fields = {str(b["block_id"]) for b in view.get("blocks") or [] if b.get("type") == "input" and b.get("block_id")}
    named = [r.field for r in replies if r.field in fields]
    if not named:
        return None
    message = "\n".join(r.plain() for r in replies)
    return {str(named[0]): clip(message, MAX_FIELD_ERROR)}
