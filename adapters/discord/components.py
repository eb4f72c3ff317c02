"""Buttons and modals whose meaning lives in their custom id, so they outlive the process.

A button's custom id is `hearth:<action>:<args>` and a modal's is
`hearthform:<action>:<args>`, args URL-encoded. When that would pass
Discord's 100 characters, the args are kept in the database and the id
carries `!<key>` instead. Any process, today or after a restart, can decode
either; nothing is held in memory between a message and its click.

A message holds at most 5 action rows of 5 buttons (`fit_buttons`). When a
reply has more, none is dropped: the person's own buttons come first (the core
names every other button by what it is about, `Button.about`, and marks a
thing's first action, `Button.main`), four rows are filled by that order, and
the fifth holds a menu (`hearthmenu:<key>`, its buttons kept in the database)
naming everything else; choosing a name shows that one's buttons, and the
message says so (`MORE_BUTTONS`).
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode

import discord

from bot.events import Button, Form, FormField, Reply, rich
from bot.fit import fit
from adapters.discord.state import AdapterState
from bot.i18n import N_, _

if TYPE_CHECKING:
    from adapters.discord.client import HearthClient

log = logging.getLogger(__name__)

CUSTOM_ID_LIMIT = 100
BUTTON_PREFIX = "hearth"
FORM_PREFIX = "hearthform"
_ACTION = r"(?P<action>[A-Za-z0-9._-]{1,60})"
BUTTON_TEMPLATE = rf"{BUTTON_PREFIX}:{_ACTION}:(?P<args>[^:]*)\Z"
FORM_RE = re.compile(rf"{FORM_PREFIX}:{_ACTION}:(?P<args>[^:]*)\Z")

ACTION_ROWS = 5  # a message's action rows (without the components-v2 flag, which Hearth doesn't set)
ROW_WIDTH = 5  # buttons in one row; a select menu fills a row alone
MAX_BUTTONS = ACTION_ROWS * ROW_WIDTH
BUTTON_LABEL_LIMIT = 80
MENU_PREFIX = "hearthmenu"
MENU_TEMPLATE = rf"{MENU_PREFIX}:(?P<key>[0-9a-f]{{1,40}})\Z"
MENU_PLACEHOLDER_LIMIT = 150
#: Said under a message whose buttons didn't all fit: the menu has the rest.
MORE_BUTTONS = N_("_Not every button fits in one Discord message: choose from the menu at the bottom for the rest._")
MORE_PLACEHOLDER = N_("More buttons: choose one")
MORE_NAMES = N_("More…")
MENU_EXPIRED = N_("This menu has expired. Please run the command again.")
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


@dataclass(frozen=True)
class Fit:
    """A reply's buttons as one Discord message holds them: `shown` as buttons, in the reply's order, and `rest`,
    each name (`Button.about`, or a button's own label) with all its buttons, for the menu."""

    shown: tuple[Button, ...]
    rest: tuple[tuple[str, tuple[Button, ...]], ...] = ()


def fit_buttons(buttons: tuple[Button, ...]) -> Fit:
    """All the buttons when they fit in 5 rows of 5; else four rows' worth, chosen in the core's order of what
    matters (the person's own, then each thing's first action, then the rest, each in the reply's order), and
    every name with a button not shown, for the menu in the fifth row. A name some of whose buttons are shown
    offers all of them there, so choosing it never shows half."""
    if len(buttons) <= MAX_BUTTONS:
        return Fit(tuple(buttons))
    room = MAX_BUTTONS - ROW_WIDTH
    order = sorted(range(len(buttons)), key=lambda i: (buttons[i].about != "", not buttons[i].main))
    kept = set(order[:room])
    groups: dict[tuple[bool, str], list[Button]] = {}
    missing: set[tuple[bool, str]] = set()
    for i, b in enumerate(buttons):
        key = (bool(b.about), b.about or b.label)
        groups.setdefault(key, []).append(b)
        if i not in kept:
            missing.add(key)
    return Fit(tuple(b for i, b in enumerate(buttons) if i in kept),
               tuple((key[1], tuple(bs)) for key, bs in groups.items() if key in missing))


async def fitted(reply: Reply, state: AdapterState) -> tuple[Reply, discord.ui.View | None]:
    """A reply and the components of its message: when not every button fits, the message says where the rest
    are (the menu), so its text never speaks of a button that isn't there."""
    if not reply.buttons:
        return reply, None
    fit = fit_buttons(reply.buttons)
    if fit.rest:
        reply = replace(reply, body=reply.body + rich("\n\n" + _(MORE_BUTTONS)))
    return reply, await _view(fit, state)


async def build_view(buttons: tuple[Button, ...], state: AdapterState) -> discord.ui.View | None:
    """Rows of at most five buttons, at most five rows; past that, a menu for the rest (`fit_buttons`: use
    `fitted`, whose message says so). Never stored in memory."""
    if not buttons:
        return None
    return await _view(fit_buttons(buttons), state)


async def _view(fit: Fit, state: AdapterState) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    for i, b in enumerate(fit.shown):
        cid = await custom_id(BUTTON_PREFIX, b.action, b.args, state)
        button = discord.ui.Button(label=_cut(b.label, BUTTON_LABEL_LIMIT), custom_id=cid, style=STYLES.get(b.style, STYLES["secondary"]),
                                   row=i // ROW_WIDTH)
        view.add_item(HearthButton(b.action, b.args, button))
    if fit.rest:
        view.add_item(await _menu_of(fit.rest, state, row=(len(fit.shown) + ROW_WIDTH - 1) // ROW_WIDTH))
    # Stopped views are not kept by discord.py: clicks reach HearthButton (and choices HearthMenu) via their
    # templates instead, the same way on every process.
    view.stop()
    return view


# -- the menu for buttons that don't fit -------------------------------------------------------


def _to_json(names: tuple[tuple[str, tuple[Button, ...]], ...]) -> str:
    return json.dumps([[name, [{"label": b.label, "action": b.action, "args": b.args, "style": b.style}
                               for b in bs]] for name, bs in names], separators=(",", ":"))


def _from_json(data: str) -> tuple[tuple[str, tuple[Button, ...]], ...]:
    return tuple((str(name), tuple(Button(b["label"], b["action"], dict(b["args"]), b["style"]) for b in bs))
                 for name, bs in json.loads(data))


async def _menu_of(names: tuple[tuple[str, tuple[Button, ...]], ...], state: AdapterState,
                   row: int | None = None) -> "HearthMenu":
    """A select menu naming each (Discord's 25 options: past 24, the last is "More…", a menu of the rest); what
    each name's buttons are is kept in the database, under the menu's custom id."""
    key = await state.stash({"names": _to_json(names)})
    listed = names if len(names) <= MAX_OPTIONS else names[:MAX_OPTIONS - 1]
    options = [discord.SelectOption(label=_cut(name, OPTION_LIMIT), value=str(i),
                                    description=_cut(", ".join(b.label for b in bs), DESCRIPTION_LIMIT))
               for i, (name, bs) in enumerate(listed)]
    if len(listed) < len(names):
        options.append(discord.SelectOption(label=_(MORE_NAMES), value="more", description=_cut(
            ", ".join(name for name, _bs in names[len(listed):]), DESCRIPTION_LIMIT)))
    select = discord.ui.Select(custom_id=f"{MENU_PREFIX}:{key}", options=options, min_values=1, max_values=1,
                               placeholder=_cut(_(MORE_PLACEHOLDER), MENU_PLACEHOLDER_LIMIT), row=row)
    return HearthMenu(key, select)


class HearthMenu(discord.ui.DynamicItem[discord.ui.Select], template=MENU_TEMPLATE):
    """The menu of buttons that didn't fit a message: choosing a name shows its buttons, privately, beside the
    message (never in its place); "More…" shows a menu of the names past Discord's 25."""

    def __init__(self, key: str, select: discord.ui.Select) -> None:
        super().__init__(select)
        self.key = key

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> "HearthMenu":
        return cls(match["key"], discord.ui.Select(custom_id=match.string))

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        client: HearthClient = interaction.client  # type: ignore[assignment]
        values = (interaction.data or {}).get("values") or [""]
        await client.adapter.on_menu(interaction, self.key, str(values[0]))


def menu_expired() -> Reply:
    return Reply(body=rich(_(MENU_EXPIRED)))


async def chosen(key: str, value: str, state: AdapterState) -> Reply | None:
    """What choosing `value` in the menu kept under `key` shows: that name's buttons, or a menu of the names
    past the first menu's; None if the menu is gone (purged, or never Hearth's)."""
    kept = await state.unstash(key)
    try:
        names = _from_json(kept["names"]) if kept else ()
    except (ValueError, KeyError, TypeError):
        log.warning("an unreadable menu: %s", key)
        names = ()
    if not names:
        return None
    if value == "more" and len(names) > MAX_OPTIONS:
        rest = names[MAX_OPTIONS - 1:]
        # (a reply of buttons past Discord's 25 opens the next menu the same way: `fitted`)
        return Reply(buttons=tuple(replace(b, about=name) for name, bs in rest for b in bs),
                     body=rich(_(MORE_NAMES)), aside=True)
    if not value.isdigit() or int(value) >= len(names):
        return None
    name, buttons = names[int(value)]
    return Reply(title=name, buttons=buttons, aside=True)


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
        # (a field without a label of its own says what it asks for, in the reader's language: never its name)
        label = _cut(field.label, LABEL_LIMIT, field.placeholder or "…")
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
    """At most `limit` characters (`bot.fit`: cut between whole characters, at a word where one is near); `empty` for a
    text with none (Discord wants at least one)."""
    if not text.strip():
        text = empty
    return fit(text, limit)
