"""`home`: the home view (`bot.views.home`) as one reply, for surfaces without a Home tab of their own.

Slack's App Home renders the same view as blocks; Discord and the terminal
show this reply, its buttons running the commands they stand for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.commands.router import Router
from bot.events import Event, Reply
from bot.views import home as views  # (the module: it imports the flows' common parts, as they load)

if TYPE_CHECKING:
    from bot.app import Hearth

router = Router("home")


@router.command("home", "Your check-ins, your private corner and, for moderators, their controls, in one place.",
                reads_only=True)
async def home(app: "Hearth", ev: Event) -> Reply:
    body, buttons = views.home_reply_parts(await views.home_view(app, ev.actor))
    return Reply(body=body, buttons=buttons)
