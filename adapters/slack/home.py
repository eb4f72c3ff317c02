"""The App Home tab: the core's home view (`bot.views.home`), drawn as Block Kit.

The view is built by the core on each open, from the same functions the
listing commands use; this module only draws it. Its buttons are the core's
own (`command.run`, `command.form`): pressing one runs the command, or opens
its declared form, and the core checks every permission again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from adapters.slack.render import (
    VALUES, action_value, actions_blocks, button_element, fit_view_blocks, mrkdwn,
    note_blocks, plain_text, text_blocks,
)
from bot.events import SHOWN_TO, Actor, Rich, rich
from bot.i18n import _
from bot.views.home import Home, Section, home_view

if TYPE_CHECKING:
    from bot.app import Hearth


async def home_tab(app: "Hearth", actor: Actor, notice: Rich | None = None) -> dict[str, Any]:
    """The person's Home tab as Slack's `views.publish` takes it, in their language."""
    await app.speak_to(actor)
    return render_home(await home_view(app, actor), actor.user_id, notice)


def render_home(home: Home, user_id: str, notice: Rich | None = None) -> dict[str, Any]:
    ids = Counter()
    blocks: list[dict[str, Any]] = [{"type": "header", "text": plain_text("Hearth", 150)}]
    if notice is not None and notice.parts:
        blocks += text_blocks(notice)
    for i, part in enumerate(home.member):
        if i:
            blocks.append({"type": "divider"})
        blocks += _section(part, ids)
    if home.moderating:
        blocks += [{"type": "divider"}, {"type": "header", "text": plain_text(_("For moderators"), 150)}]
        for part in home.moderating:
            blocks += _section(part, ids)
    blocks += note_blocks(home.footer + rich(" " + _("Type `/hearth {command}` for everything I can do.").format(
        command=home.help)))
    return {"type": "home", "blocks": fit_view_blocks(shown_to(blocks, user_id), mrkdwn(home.overflow))}


class Counter:
    """Unique action ids across the whole view."""

    def __init__(self) -> None:
        self.n = 0

    def take(self, count: int) -> int:
        """The first of `count` new ids."""
        first = self.n + 1
        self.n += count
        return first


def _section(part: Section, ids: Counter) -> list[dict[str, Any]]:
    blocks = text_blocks(part.title)
    if not part.rows and part.empty is not None:
        blocks += note_blocks(part.empty)
    for row in part.rows:
        row_blocks = text_blocks(row.text)
        blocks += row_blocks
        if len(row.controls) == 1 and row_blocks and row_blocks[-1]["type"] == "section":
            only = row.controls[0]  # (a row's one button sits beside it, where the row is a section)
            row_blocks[-1]["accessory"] = button_element(only.label, action_value(only), ids.take(1), only.style)
        elif row.controls:
            blocks += actions_blocks(row.controls, ids.take(len(row.controls)))
    if part.more is not None:
        blocks += note_blocks(part.more)
    if part.controls:
        blocks += actions_blocks(part.controls, ids.take(len(part.controls)))
    return blocks


def shown_to(blocks: list[dict[str, Any]], user_id: str) -> list[dict[str, Any]]:
    """Every button of a person's Home carries who it is for, as the core's own buttons do (`Reply.shown_to`):
    the core refuses anyone else pressing it."""
    for block in blocks:
        elements = block.get("elements", []) if block.get("type") == "actions" else []
        for element in [*elements, block.get("accessory") or {}]:
            value = VALUES.decode(element.get("value", "")) if element.get("type") == "button" else None
            if value is not None:
                element["value"] = VALUES.encode({**value, "a": {**(value.get("a") or {}), SHOWN_TO: user_id}})
    return blocks



