"""The App Home tab: the core's home view (`bot.views.home`), drawn as Block Kit.

The view is built by the core on each open, from the same functions the
listing commands use; this module only draws it. Its buttons are the core's
own (`command.run`, `command.form`): pressing one runs the command, or opens
its declared form, and the core checks every permission again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from adapters.slack.render import (
    MAX_VIEW_BLOCKS, VALUES, action_value, actions_blocks, button_element, context, fit_view_blocks, mrkdwn,
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


Blocks = list[dict[str, Any]]


def render_home(home: Home, user_id: str, notice: Rich | None = None) -> dict[str, Any]:
    """The Home as blocks, within Slack's 100 (`MAX_VIEW_BLOCKS`). When it doesn't fit, what is cut is rows (a
    check-in, a schedule, a prompt: each also listed by a command), the last first, never the person's own actions
    (Reflect now, New check-in: a section's `controls`, as Discord keeps them first, `Button.about`), and each
    section that lost rows says so where they would be ("There's more than fits here", with where the rest is)."""
    ids = Counter()
    parts = [_section(part, ids) for part in (*home.member, *home.moderating)]
    more = context("_" + _("There's more than fits here. {where}").format(where=mrkdwn(home.overflow)) + "_")
    fixed = (1 + (len(text_blocks(notice)) if notice is not None and notice.parts else 0) + max(len(home.member) - 1, 0)
             + (2 if home.moderating else 0) + sum(len(head) + len(tail) for head, _rows, tail in parts)
             + len(_footer(home)))
    room = MAX_VIEW_BLOCKS - fixed
    if sum(len(row) for _head, rows, _tail in parts for row in rows) > room:
        room -= len(parts)  # (room for each section's "There's more than fits here")
    kept: list[list[Blocks]] = []
    cut = False
    for _head, rows, _tail in parts:  # (rows in order while they fit: the first that doesn't ends them all)
        shown: list[Blocks] = []
        for row in rows:
            if cut or len(row) > room:
                cut = True
                break
            shown.append(row)
            room -= len(row)
        kept.append(shown)
    blocks: list[dict[str, Any]] = [{"type": "header", "text": plain_text("Hearth", 150)}]
    if notice is not None and notice.parts:
        blocks += text_blocks(notice)
    for i, ((head, rows, tail), shown) in enumerate(zip(parts, kept)):
        if i == len(home.member) and home.moderating:
            blocks += [{"type": "divider"}, {"type": "header", "text": plain_text(_("For moderators"), 150)}]
        elif i and i < len(home.member):
            blocks.append({"type": "divider"})
        blocks += head + [b for row in shown for b in row] + ([more] if len(shown) < len(rows) else []) + tail
    blocks += _footer(home)
    return {"type": "home", "blocks": fit_view_blocks(shown_to(blocks, user_id), mrkdwn(home.overflow))}


def _footer(home: Home) -> list[dict[str, Any]]:
    return note_blocks(home.footer + rich(" " + _("Type `/hearth {command}` for everything I can do.").format(
        command=home.help)))


class Counter:
    """Unique action ids across the whole view."""

    def __init__(self) -> None:
        self.n = 0

    def take(self, count: int) -> int:
        """The first of `count` new ids."""
        first = self.n + 1
        self.n += count
        return first


def _section(part: Section, ids: Counter) -> tuple[Blocks, list[Blocks], Blocks]:
    """A section's blocks: its heading (with what it says when empty), each row's, and what closes it (what it
    says of more rows, and its own buttons)."""
    head = text_blocks(part.title)
    if not part.rows and part.empty is not None:
        head += note_blocks(part.empty)
    rows = []
    for row in part.rows:
        row_blocks = text_blocks(row.text)
        if len(row.controls) == 1 and row_blocks and row_blocks[-1]["type"] == "section":
            only = row.controls[0]  # (a row's one button sits beside it, where the row is a section)
            row_blocks[-1]["accessory"] = button_element(only.label, action_value(only), ids.take(1), only.style)
        elif row.controls:
            row_blocks += actions_blocks(row.controls, ids.take(len(row.controls)))
        rows.append(row_blocks)
    tail = note_blocks(part.more) if part.more is not None else []
    if part.controls:
        tail += actions_blocks(part.controls, ids.take(len(part.controls)))
    return head, rows, tail


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



