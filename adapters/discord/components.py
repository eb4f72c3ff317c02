"""Buttons and modals whose meaning lives in their custom id, so they outlive the process.

A button's custom id is `hearth:<action>:<args>` and a modal's is
`hearthform:<action>:<args>`, args URL-encoded. When that would pass
Discord's 100 characters, the args are kept in the database and the id
carries `!<key>` instead. Any process, today or after a restart, can decode
either; nothing is held in memory between a message and its click.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode

import discord

from bot.events import Button, Form, FormField
from adapters.discord.state import AdapterState
from bot.i18n import _

if TYPE_CHECKING:
    from adapters.discord.client import HearthClient

log = logging.getLogger(__name__)

CUSTOM_ID_LIMIT = 100
BUTTON_PREFIX = "hearth"
FORM_PREFIX = "hearthform"
_ACTION = r"(?P<action>[A-Za-z0-9._-]{1,60})"
BUTTON_TEMPLATE = rf"{BUTTON_PREFIX}:{_ACTION}:(?P<args>[^:]*)\Z"
FORM_RE = re.compile(rf"{FORM_PREFIX}:{_ACTION}:(?P<args>[^:]*)\Z")

MAX_BUTTONS = 25  # 5 rows of 5
BUTTON_LABEL_LIMIT = 80
ROW_WIDTH = 5
STYLES = {
    "primary": discord.ButtonStyle.primary,
    "secondary": discord.ButtonStyle.secondary,
    "success": discord.ButtonStyle.success,
    "danger": discord.ButtonStyle.danger,
}
# Modal limits
TITLE_LIMIT = 45
LABEL_LIMIT = 45
TEXT_LIMIT = 4000
MODAL_COMPONENTS = 5
TEXT_DISPLAY_LIMIT = 4000
DESCRIPTION_LIMIT = 100
PLACEHOLDER_LIMIT = 100
MAX_OPTIONS = 25
OPTION_LIMIT = 100


# -- custom ids ------------------------------------------------------------------


async def custom_id(prefix: str, action: str, args: dict[str, str], state: AdapterState) -> str:
    """A custom id for an action and its args, stashing the args when too long."""
    cid = f"{prefix}:{action}:{urlencode(args)}"
    if len(cid) <= CUSTOM_ID_LIMIT:
        return cid
    return f"{prefix}:{action}:!{await state.stash(args)}"


async def decode_args(raw: str, state: AdapterState) -> dict[str, str] | None:
    """The args of a custom id; None if they were stashed and are gone."""
    if raw.startswith("!"):
        return await state.unstash(raw[1:])
    return dict(parse_qsl(raw, keep_blank_values=True))


# -- buttons ----------------------------------------------------------------------------


class HearthButton(discord.ui.DynamicItem[discord.ui.Button], template=BUTTON_TEMPLATE):
    """Every Hearth button: decoded from its custom id wherever and whenever it is pressed."""

    def __init__(self, action: str, args: dict[str, str], button: discord.ui.Button) -> None:
        super().__init__(button)
        self.action = action
        self.args = args

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> "HearthButton":
        client: HearthClient = interaction.client  # type: ignore[assignment]
        args = await decode_args(match["args"], client.adapter.state)
        button = discord.ui.Button(label=getattr(item, "label", None), custom_id=match.string,
                                   style=getattr(item, "style", discord.ButtonStyle.secondary))
        return cls(match["action"], args if args is not None else {"__expired__": "yes"}, button)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        client: HearthClient = interaction.client  # type: ignore[assignment]
        await client.adapter.on_action(interaction, self.action, self.args)


async def build_view(buttons: tuple[Button, ...], state: AdapterState) -> discord.ui.View | None:
    """Rows of at most five buttons, at most five rows. Never stored in memory."""
    if not buttons:
        return None
    if len(buttons) > MAX_BUTTONS:
        log.warning("a reply had %d buttons; Discord shows %d", len(buttons), MAX_BUTTONS)
    view = discord.ui.View(timeout=None)
    for i, b in enumerate(buttons[:MAX_BUTTONS]):
        cid = await custom_id(BUTTON_PREFIX, b.action, b.args, state)
        button = discord.ui.Button(label=_cut(b.label, BUTTON_LABEL_LIMIT), custom_id=cid, style=STYLES.get(b.style, STYLES["secondary"]),
                                   row=i // ROW_WIDTH)
        view.add_item(HearthButton(b.action, b.args, button))
    # Stopped views are not kept by discord.py: clicks reach HearthButton via its
    # template instead, the same way on every process.
    view.stop()
    return view


# -- modals ---------------------------------------------------------------------------------


async def build_modal(form: Form, state: AdapterState, intro: str = "") -> discord.ui.Modal:
    """A modal for a Hearth form; its submission is decoded from the custom id alone."""
    cid = await custom_id(FORM_PREFIX, form.action, form.args, state)
    modal = discord.ui.Modal(title=_cut(form.title, TITLE_LIMIT, "Hearth"), custom_id=cid, timeout=None)
    room = MODAL_COMPONENTS - len(form.fields)
    if intro.strip() and room > 0:
        modal.add_item(discord.ui.TextDisplay(_cut(intro, TEXT_DISPLAY_LIMIT)))
    if len(form.fields) > MODAL_COMPONENTS:
        log.warning("form %s has %d fields; Discord shows %d", form.action, len(form.fields), MODAL_COMPONENTS)
    for field in form.fields[:MODAL_COMPONENTS]:
        label = _cut(field.label, LABEL_LIMIT, field.name.replace("_", " ").capitalize())
        modal.add_item(discord.ui.Label(text=label, description=_hint(field), component=_input(field)))
    modal.stop()  # answered in HearthClient.on_form_submitted, on any process
    return modal


def _menu(field: FormField) -> bool:
    """Whether a choice fits a menu: Discord's take 1 to 25 options, each value 1 to 100 characters."""
    return field.kind == "choice" and 1 <= len(field.choices) <= MAX_OPTIONS and all(
        1 <= len(c.value) <= OPTION_LIMIT for c in field.choices)


def _hint(field: FormField) -> str | None:
    """Under the label of a choice too big for a menu: a few of its values (the core checks what is typed)."""
    if field.kind != "choice" or _menu(field):
        return None
    return _cut(_("One of: {choices}").format(choices=", ".join(c.value for c in field.choices[:8])) + ", …",
                DESCRIPTION_LIMIT)


def _input(field: FormField) -> discord.ui.Item[Any]:
    if _menu(field):
        options = [
            discord.SelectOption(label=_cut(c.label, OPTION_LIMIT, c.value), value=c.value,
                                 default=c.value == field.default)
            for c in field.choices
        ]
        return discord.ui.Select(custom_id=field.name, options=options, required=field.required,
                                 min_values=1 if field.required else 0, max_values=1,
                                 placeholder=_cut(field.placeholder or _("Choose one"), 150))
    if field.kind == "channel":
        return discord.ui.ChannelSelect(custom_id=field.name, required=field.required,
                                        channel_types=[discord.ChannelType.text, discord.ChannelType.news],
                                        min_values=1 if field.required else 0, max_values=1)
    style = discord.TextStyle.paragraph if field.kind == "paragraph" else discord.TextStyle.short
    placeholder = field.placeholder or (_("e.g. Europe/Berlin") if field.kind == "timezone" else None)
    longest = min(field.max_length or TEXT_LIMIT, TEXT_LIMIT)
    return discord.ui.TextInput(
        custom_id=field.name, style=style, required=field.required, max_length=longest,
        default=(field.default or None) and field.default[:longest],  # (longer, Discord refuses the whole modal)
        placeholder=placeholder and _cut(placeholder, PLACEHOLDER_LIMIT),
    )


def form_values(components: list[dict[str, Any]]) -> dict[str, str]:
    """The submitted values of a modal, by field name, from the raw payload."""
    out: dict[str, str] = {}
    for c in components:
        if c.get("type") == 1:
            out.update(form_values(c.get("components", [])))
        elif c.get("type") == 18 and "component" in c:
            out.update(form_values([c["component"]]))
        elif "custom_id" in c:
            if "values" in c:
                out[c["custom_id"]] = str(c["values"][0]) if c["values"] else ""
            elif "value" in c:
                out[c["custom_id"]] = str(c["value"] or "")
    return out


def _cut(text: str, limit: int, empty: str = "…") -> str:
    """At most `limit` characters; `empty` for a text with none (Discord wants at least one)."""
    if not text.strip():
        text = empty
    return text if len(text) <= limit else text[: limit - 1] + "…"
