"""What Slack accepts in a message or a view, so the fake Slack can refuse what real Slack refuses.

Two layers. slack_sdk's own models (`View(**view).to_dict()`, `Block.parse(block).to_dict()`,
which run `validate_json()` on every nested object) check lengths and counts: a
view's title and 100 blocks, 3000 characters a section, 75 a button label, 2000
a button value, 25 elements an actions block, 10 a context block, 100 options a
menu. On top, the rules Slack documents that those models leave out
(docs.slack.dev, Block Kit reference): block ids unique within a message or view,
action ids unique within a block, at most 50 blocks in a message, no empty text
object, at most 10 radio buttons, an initial option that is one of the options,
a text input's `max_length` of at most 3000 and an initial value within it, a
modal with inputs needs a submit button, a message's `text` of at most 40,000
characters, and the text of all a message's blocks together under about 13,000
characters (Slack answers `msg_blocks_too_long`, documented nowhere; measured in
slackapi/bolt-js#2509).
"""

from __future__ import annotations

from typing import Any, Iterator

from slack_sdk.errors import SlackObjectFormationError
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

MAX_MESSAGE_BLOCKS = 50
MAX_TEXT_OBJECT = 3000
MAX_MESSAGE_TEXT = 40_000
MAX_MESSAGE_BLOCK_TEXT = 13_000
MAX_RADIO_OPTIONS = 10
MAX_INPUT_LENGTH = 3000
MAX_FILES = 10
#: Which Slack error answers which kind of call.
INVALID_MESSAGE, INVALID_VIEW = "invalid_blocks", "invalid_arguments"


def message_problems(message: dict[str, Any]) -> list[str]:
    """Why Slack would refuse this message (`text` and `blocks`, as chat.postMessage takes them); [] if it wouldn't."""
    blocks = message.get("blocks") or []
    text = message.get("text") or ""
    problems = []
    if not blocks and not str(text).strip():
        problems.append("no_text: a message needs text or blocks")
    if len(str(text)) > MAX_MESSAGE_TEXT:
        problems.append(f"msg_too_long: text has {len(str(text))} characters")
    if not isinstance(blocks, list):
        return problems + ["blocks is not a list"]
    if len(blocks) > MAX_MESSAGE_BLOCKS:
        problems.append(f"a message has {len(blocks)} blocks; at most {MAX_MESSAGE_BLOCKS}")
    if _text_chars(blocks) > MAX_MESSAGE_BLOCK_TEXT:
        problems.append(f"msg_blocks_too_long: the blocks hold {_text_chars(blocks)} characters of text")
    for i, block in enumerate(blocks):
        parsed = Block.parse(block) if isinstance(block, dict) else None
        if parsed is None:
            problems.append(f"blocks[{i}] is not a block Slack knows: {block!r:.80}")
            continue
        problems += _sdk(parsed.to_dict, f"blocks[{i}]")
    return problems + _block_rules(blocks)


def view_problems(view: dict[str, Any]) -> list[str]:
    """Why Slack would refuse this view (views.open, views.update, views.publish, or a submission's ack)."""
    if not isinstance(view, dict):
        return ["view is not an object"]
    try:
        model = View(**view)
    except (TypeError, SlackObjectFormationError) as err:
        return [f"view: {err}"]
    problems = _sdk(model.to_dict, "view")
    blocks = view.get("blocks") or []
    if view.get("type") == "modal" and not view.get("title"):
        problems.append("a modal needs a title")
    if view.get("type") == "modal" and any(b.get("type") == "input" for b in blocks) and not view.get("submit"):
        problems.append("a modal with input blocks needs a submit button")
    return problems + _block_rules(blocks)


def _sdk(build: Any, where: str) -> list[str]:
    try:
        build()
    except SlackObjectFormationError as err:
        return [f"{where}: {err}"]
    return []


def _block_rules(blocks: list[dict[str, Any]]) -> list[str]:
    problems = []
    seen: dict[str, int] = {}
    for i, block in enumerate(blocks):
        block_id = block.get("block_id")
        if block_id is not None:
            if block_id in seen:
                problems.append(f"blocks[{i}] repeats block_id {block_id!r} of blocks[{seen[block_id]}]")
            seen.setdefault(block_id, i)
        actions = [e.get("action_id") for e in _elements(block) if e.get("action_id") is not None]
        repeated = {a for a in actions if actions.count(a) > 1}
        if repeated:
            problems.append(f"blocks[{i}] repeats action_id {sorted(repeated)}")
        for element in _elements(block):
            problems += [f"blocks[{i}]: {p}" for p in _element_rules(element)]
        problems += [f"blocks[{i}]: {p}" for p in _rich_text_rules(block)]
        for text in _texts(block):
            if not text.get("text"):
                problems.append(f"blocks[{i}] has an empty {text.get('type')} text")
            elif len(text["text"]) > MAX_TEXT_OBJECT:
                problems.append(f"blocks[{i}] has a text of {len(text['text'])} characters; at most {MAX_TEXT_OBJECT}")
    return problems


def _rich_text_rules(block: dict[str, Any]) -> list[str]:
    """A rich_text block: each of its elements holds something, and no text element is empty (Slack refuses both)."""
    if block.get("type") != "rich_text":
        return []
    problems = [] if block.get("elements") else ["a rich_text block with no elements"]
    for element in block.get("elements") or []:
        runs = element.get("elements") or []
        if not runs:
            problems.append(f"an empty {element.get('type')}")
        problems += [f"an empty text element in {element.get('type')}" for run in runs
                     if run.get("type") == "text" and not run.get("text")]
    return problems


def _elements(block: dict[str, Any]) -> list[dict[str, Any]]:
    """The interactive elements of a block (an actions block's, an input's, a section's accessory)."""
    found = list(block.get("elements") or []) if block.get("type") == "actions" else []
    for key in ("element", "accessory"):
        if isinstance(block.get(key), dict):
            found.append(block[key])
    return found


def _element_rules(element: dict[str, Any]) -> list[str]:
    kind = element.get("type")
    problems = []
    options = element.get("options") or []
    if kind in ("radio_buttons", "checkboxes") and len(options) > MAX_RADIO_OPTIONS:
        problems.append(f"{kind} has {len(options)} options; at most {MAX_RADIO_OPTIONS}")
    initial = element.get("initial_option")
    if initial is not None and initial not in options:
        problems.append(f"{kind}'s initial_option is not one of its options")
    if kind == "plain_text_input":
        top = element.get("max_length")
        if top is not None and not 1 <= top <= MAX_INPUT_LENGTH:
            problems.append(f"plain_text_input max_length {top}; between 1 and {MAX_INPUT_LENGTH}")
        if len(element.get("initial_value") or "") > min(top or MAX_INPUT_LENGTH, MAX_INPUT_LENGTH):
            problems.append("plain_text_input's initial_value is longer than its max_length")
    if kind == "file_input" and not 1 <= (element.get("max_files") or 10) <= MAX_FILES:
        problems.append(f"file_input max_files {element.get('max_files')}; between 1 and {MAX_FILES}")
    return problems


def _texts(value: Any) -> Iterator[dict[str, Any]]:
    """Every text object in a block, however deep."""
    if isinstance(value, dict):
        if value.get("type") in ("plain_text", "mrkdwn") and "text" in value:
            yield value
            return
        for v in value.values():
            yield from _texts(v)
    elif isinstance(value, list):
        for v in value:
            yield from _texts(v)


def _text_chars(value: Any) -> int:
    """The characters of text in blocks: their text objects', and rich text's runs (and a date's fallback)."""
    if isinstance(value, dict):
        return sum(len(v) if k in ("text", "fallback") and isinstance(v, str) else _text_chars(v)
                   for k, v in value.items())
    if isinstance(value, list):
        return sum(_text_chars(v) for v in value)
    return 0
