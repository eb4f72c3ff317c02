"""What Discord accepts from a bot, so the fake Discord can refuse what real Discord refuses (error 50035).

The limits are Discord's own, taken from its OpenAPI description
(github.com/discord/discord-api-spec, specs/openapi.json, API v10, spec
commit 74fda0f "Automated spec update (242668)"; the spec itself is not
kept here): the schemas MessageCreateRequest, MessageEditRequestPartial,
IncomingWebhookInteractionRequest, ActionRowComponentForMessageRequest,
ButtonComponentForMessageRequest, StringSelectComponentForModalRequest,
StringSelectOptionForRequest, ModalInteractionCallbackRequestData,
LabelComponentForModalRequest, TextInputComponentForModalRequest,
TextDisplayComponentForModalRequest, RichEmbed*, CreateTextThreadWithMessageRequest,
ApplicationCommand*Option, ApplicationCommandOptionStringChoice and
InteractionApplicationCommandAutocompleteCallbackStringData. Where the spec
allows more than Discord's documented limits for a bot's classic message
(content: the spec's schema says 4000, a bot gets 2000; components: 40 with
the components-v2 flag, 5 action rows without it; a modal: 5 components),
the documented, smaller limit is used.
"""

from __future__ import annotations

from typing import Any

CONTENT = 2000
EMBEDS = 10
ACTION_ROWS = 5
ROW_ITEMS = 5
CUSTOM_ID = 100
BUTTON_LABEL = 80
BUTTON_STYLES = {1, 2, 3, 4, 5, 6}
SELECT_OPTIONS = 25
OPTION_TEXT = 100
SELECT_PLACEHOLDER = 150
MODAL_TITLE = 45
MODAL_COMPONENTS = 5
LABEL = 45
LABEL_DESCRIPTION = 100
TEXT_INPUT_VALUE = 4000
TEXT_INPUT_PLACEHOLDER = 100
TEXT_DISPLAY = 4000
THREAD_NAME = 100
COMMAND_NAME = 32
COMMAND_DESCRIPTION = 100
COMMAND_OPTIONS = 25
CHOICES = 25
CHOICE_NAME = 100
CHOICE_VALUE = 100  # (documented; the spec's schema allows 6000 for a static choice)
EMBED = {"title": 256, "description": 4096, "url": 2048}
EMBED_FIELDS, FIELD_NAME, FIELD_VALUE, FOOTER, AUTHOR, EMBED_TOTAL = 25, 256, 1024, 2048, 256, 6000
COMPONENTS_V2 = 1 << 15


#: Discord's own refusal of a message with nothing in it: its error 50006, not a field's 50035.
EMPTY = "Cannot send an empty message"


def message_problems(body: dict[str, Any] | None, *, creating: bool = True) -> list[str]:
    """Why Discord would refuse a message create or edit (a channel message, an interaction's, a webhook's)."""
    body = body or {}
    problems = []
    content = body.get("content")
    if content is not None and len(content) > CONTENT:
        problems.append(f"content: must be {CONTENT} or fewer in length ({len(content)})")
    embeds = body.get("embeds") or []
    components = body.get("components") or []
    if creating and not ((content or "").strip() or embeds or components or body.get("_files") or body.get("attachments")
                         or body.get("sticker_ids") or body.get("poll")):
        problems.append(EMPTY)
    if len(embeds) > EMBEDS:
        problems.append(f"embeds: {len(embeds)} embeds; at most {EMBEDS}")
    for i, embed in enumerate(embeds):
        problems += [f"embeds.{i}.{p}" for p in _embed(embed)]
    if not (body.get("flags") or 0) & COMPONENTS_V2 and len(components) > ACTION_ROWS:
        problems.append(f"components: {len(components)} rows; at most {ACTION_ROWS}")
    for i, row in enumerate(components):
        problems += [f"components.{i}{p}" for p in _message_row(row)]
    return problems


def modal_problems(data: dict[str, Any]) -> list[str]:
    """Why Discord would refuse a modal (an interaction callback of type 9)."""
    problems = _text(data.get("custom_id"), "custom_id", CUSTOM_ID) + _text(data.get("title"), "title", MODAL_TITLE)
    components = data.get("components") or []
    if not 1 <= len(components) <= MODAL_COMPONENTS:
        problems.append(f"components: {len(components)}; between 1 and {MODAL_COMPONENTS}")
    ids = []
    for i, c in enumerate(components):
        where = f"components.{i}"
        if c.get("type") == 18:  # a label around one input
            problems += _text(c.get("label"), f"{where}.label", LABEL)
            if c.get("description") is not None:
                problems += _text(c["description"], f"{where}.description", LABEL_DESCRIPTION)
            inner = c.get("component") or {}
            ids.append(inner.get("custom_id"))
            problems += [f"{where}.component.{p}" for p in _modal_input(inner)]
        elif c.get("type") == 10:
            problems += _text(c.get("content"), f"{where}.content", TEXT_DISPLAY)
        elif c.get("type") == 1:
            for j, inner in enumerate(c.get("components") or []):
                ids.append(inner.get("custom_id"))
                problems += [f"{where}.components.{j}.{p}" for p in _modal_input(inner)]
        else:
            problems.append(f"{where}: type {c.get('type')} is not allowed in a modal")
    if len(ids) != len(set(ids)):
        problems.append("components: custom ids must be unique in a modal")
    return problems


def callback_problems(body: dict[str, Any]) -> list[str]:
    """Why Discord would refuse an interaction callback (its data's problems by their path in the body, under
    `data`, as Discord's 50035 names them)."""
    kind, data = body.get("type"), body.get("data")
    if kind in (4, 7):
        found = message_problems(data, creating=kind == 4)
    elif kind == 9:
        found = modal_problems(data or {})
    elif kind == 8:
        found = autocomplete_problems(data or {})
    elif kind in (1, 5, 6):
        found = []
    else:
        return [f"type: {kind} is not an interaction callback type"]
    return [f"data.{p}" if ": " in p else p for p in found]


def autocomplete_problems(data: dict[str, Any]) -> list[str]:
    choices = data.get("choices") or []
    problems = [f"choices: {len(choices)}; at most {CHOICES}"] if len(choices) > CHOICES else []
    for i, c in enumerate(choices):
        problems += _text(c.get("name"), f"choices.{i}.name", CHOICE_NAME)
        if isinstance(c.get("value"), str):
            problems += _text(c["value"], f"choices.{i}.value", CHOICE_VALUE)
    return problems


def thread_problems(body: dict[str, Any]) -> list[str]:
    return _text(body.get("name"), "name", THREAD_NAME)


def commands_problems(commands: list[dict[str, Any]]) -> list[str]:
    """Why Discord would refuse a bulk overwrite of application commands."""
    problems = []
    for i, cmd in enumerate(commands):
        problems += _command(cmd, f"{i}", top=True)
    names = [c.get("name") for c in commands]
    if len(names) != len(set(names)):
        problems.append("application commands must have unique names")
    return problems


# -- parts ------------------------------------------------------------------------------


def _text(value: Any, where: str, most: int, least: int = 1) -> list[str]:
    if not isinstance(value, str):
        return [f"{where}: required text"]
    if not least <= len(value) <= most:
        return [f"{where}: must be between {least} and {most} in length ({len(value)})"]
    return []


def _message_row(row: dict[str, Any]) -> list[str]:
    if row.get("type") != 1:
        return [f": type {row.get('type')} is not an action row"]
    items = row.get("components") or []
    problems = [] if 1 <= len(items) <= ROW_ITEMS else [f".components: {len(items)}; between 1 and {ROW_ITEMS}"]
    if any(i.get("type") != 2 for i in items) and len(items) > 1:
        problems.append(".components: a select fills its row alone")
    for j, item in enumerate(items):
        problems += [f".components.{j}.{p}" for p in _message_item(item)]
    return problems


def _message_item(item: dict[str, Any]) -> list[str]:
    if item.get("type") == 2:
        problems = [] if item.get("style") in BUTTON_STYLES else [f"style: {item.get('style')} is not a button style"]
        if item.get("style") == 5:
            problems += _text(item.get("url"), "url", 512)
        else:
            problems += _text(item.get("custom_id"), "custom_id", CUSTOM_ID)
        if item.get("label") is not None:
            problems += _text(item["label"], "label", BUTTON_LABEL)
        elif not item.get("emoji"):
            problems.append("label: a button needs a label or an emoji")
        return problems
    if item.get("type") in (3, 5, 6, 7, 8):
        return _select(item)
    return [f"type: {item.get('type')} is not allowed in an action row"]


def _select(item: dict[str, Any]) -> list[str]:
    problems = _text(item.get("custom_id"), "custom_id", CUSTOM_ID)
    if item.get("placeholder") is not None:
        problems += _text(item["placeholder"], "placeholder", SELECT_PLACEHOLDER, 0)
    if item.get("type") == 3:
        options = item.get("options") or []
        if not 1 <= len(options) <= SELECT_OPTIONS:
            problems.append(f"options: {len(options)}; between 1 and {SELECT_OPTIONS}")
        for k, o in enumerate(options):
            problems += _text(o.get("label"), f"options.{k}.label", OPTION_TEXT)
            problems += _text(o.get("value"), f"options.{k}.value", OPTION_TEXT)
            if o.get("description") is not None:
                problems += _text(o["description"], f"options.{k}.description", OPTION_TEXT, 0)
        values = [o.get("value") for o in options]
        if len(values) != len(set(values)):
            problems.append("options: values must be unique")
        if sum(bool(o.get("default")) for o in options) > (item.get("max_values") or 1):
            problems.append("options: more defaults than max_values")
    low, high = item.get("min_values"), item.get("max_values")
    if low is not None and not 0 <= low <= SELECT_OPTIONS or high is not None and not 1 <= high <= SELECT_OPTIONS:
        problems.append("min_values/max_values: out of range")
    return problems


def _modal_input(item: dict[str, Any]) -> list[str]:
    if item.get("type") == 4:
        problems = _text(item.get("custom_id"), "custom_id", CUSTOM_ID)
        if item.get("style") not in (1, 2):
            problems.append(f"style: {item.get('style')} is not a text input style")
        if item.get("label") is not None:
            problems += _text(item["label"], "label", LABEL)
        if item.get("placeholder") is not None:
            problems += _text(item["placeholder"], "placeholder", TEXT_INPUT_PLACEHOLDER, 0)
        low, high = item.get("min_length"), item.get("max_length")
        if low is not None and not 0 <= low <= TEXT_INPUT_VALUE or high is not None and not 1 <= high <= TEXT_INPUT_VALUE:
            problems.append("min_length/max_length: out of range")
        value = item.get("value")
        if value is not None and len(value) > min(high or TEXT_INPUT_VALUE, TEXT_INPUT_VALUE):
            problems.append(f"value: longer than max_length ({len(value)})")
        return problems
    if item.get("type") in (3, 5, 6, 7, 8):
        return _select(item)
    return [f"type: {item.get('type')} is not an input"]


def _embed(embed: dict[str, Any]) -> list[str]:
    problems = [f"{k}: longer than {most}" for k, most in EMBED.items() if len(embed.get(k) or "") > most]
    fields = embed.get("fields") or []
    if len(fields) > EMBED_FIELDS:
        problems.append(f"fields: {len(fields)}; at most {EMBED_FIELDS}")
    for i, f in enumerate(fields):
        problems += _text(f.get("name"), f"fields.{i}.name", FIELD_NAME) + \
            _text(f.get("value"), f"fields.{i}.value", FIELD_VALUE)
    if len((embed.get("footer") or {}).get("text") or "") > FOOTER:
        problems.append("footer.text: too long")
    if len((embed.get("author") or {}).get("name") or "") > AUTHOR:
        problems.append("author.name: too long")
    total = sum(len(embed.get(k) or "") for k in ("title", "description")) + \
        sum(len(f.get("name") or "") + len(f.get("value") or "") for f in fields) + \
        len((embed.get("footer") or {}).get("text") or "") + len((embed.get("author") or {}).get("name") or "")
    if total > EMBED_TOTAL:
        problems.append(f"embed: {total} characters in all; at most {EMBED_TOTAL}")
    return problems


#: The locales Discord localizes into (its Locale option: https://discord.com/developers/docs/reference#locales).
LOCALES = frozenset({
    "id", "da", "de", "en-GB", "en-US", "es-ES", "es-419", "fr", "hr", "it", "lt", "hu", "nl", "no", "pl", "pt-BR",
    "ro", "fi", "sv-SE", "vi", "tr", "cs", "el", "bg", "ru", "uk", "hi", "th", "zh-CN", "ja", "zh-TW", "ko",
})


def _localizations(item: dict[str, Any], key: str, where: str, most: int) -> list[str]:
    """`name_localizations` / `description_localizations`: Discord locales only, each text within the limit."""
    problems = []
    for locale, text in (item.get(f"{key}_localizations") or {}).items():
        if locale not in LOCALES:
            problems.append(f"{where}.{key}_localizations: “{locale}” is not a Discord locale")
        problems += _text(text, f"{where}.{key}_localizations.{locale}", most)
    return problems


def _command(cmd: dict[str, Any], where: str, top: bool = False) -> list[str]:
    problems = _text(cmd.get("name"), f"{where}.name", COMMAND_NAME)
    problems += _localizations(cmd, "name", where, COMMAND_NAME)
    problems += _localizations(cmd, "description", where, COMMAND_DESCRIPTION)
    if not top or cmd.get("type", 1) == 1:
        problems += _text(cmd.get("description"), f"{where}.description", COMMAND_DESCRIPTION)
    options = cmd.get("options") or []
    if len(options) > COMMAND_OPTIONS:
        problems.append(f"{where}.options: {len(options)}; at most {COMMAND_OPTIONS}")
    for j, opt in enumerate(options):
        if opt.get("type") in (1, 2):
            problems += _command(opt, f"{where}.options.{j}")
            continue
        problems += _text(opt.get("name"), f"{where}.options.{j}.name", COMMAND_NAME)
        problems += _text(opt.get("description"), f"{where}.options.{j}.description", COMMAND_DESCRIPTION)
        problems += _localizations(opt, "description", f"{where}.options.{j}", COMMAND_DESCRIPTION)
        choices = opt.get("choices") or []
        if len(choices) > CHOICES:
            problems.append(f"{where}.options.{j}.choices: {len(choices)}; at most {CHOICES}")
        for k, c in enumerate(choices):
            problems += _text(c.get("name"), f"{where}.options.{j}.choices.{k}.name", CHOICE_NAME)
            problems += _localizations(c, "name", f"{where}.options.{j}.choices.{k}", CHOICE_NAME)
            if isinstance(c.get("value"), str):
                problems += _text(c["value"], f"{where}.options.{j}.choices.{k}.value", CHOICE_VALUE)
    return problems
