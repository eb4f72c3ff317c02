"""The buttons every confirmation shows ("Yes, go ahead" and "Cancel"), as a router like any feature's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.commands.registry import carried_words, given_back
from bot.commands.router import Router
from bot.events import Event, Reply, say
from bot.i18n import _

if TYPE_CHECKING:
    from bot.app import Hearth

router = Router("built-in")


@router.action("confirm")
async def confirm(app: "Hearth", event: Event) -> list[Reply]:
    """Run the command the confirmation carries, with every check it had (its permission is its own)."""
    return await app.registry.run_confirmed(app, event)


@router.action("cancel", reads_only=True)
async def cancel(app: "Hearth", event: Event) -> Reply:
    """Nothing done; what the person wrote for it (a prompt's words) comes back, as with every refusal."""
    return given_back(say(_("Okay, nothing changed.")), carried_words(app.registry, event))
