"""What every chat adapter does with a file someone uploads for a command (a pack to import).

The bytes go into `Event.attachment`, read only for someone allowed to run
the command (and, for a form, the person it was shown to), and only up to
`MAX_UPLOAD_BYTES`: both platforms tell the size before anything is
downloaded, so a huge file is refused without fetching it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.errors import HearthError
from bot.i18n import _
from bot.events import Event, Reply, rich

if TYPE_CHECKING:
    from bot.app import Hearth

#: No pack needs more; bigger uploads are refused before they are downloaded.
MAX_UPLOAD_BYTES = 1024 * 1024


class UploadRefused(HearthError):
    """The file can't be used; `reply` says why, kindly (an error: nothing changed)."""

    def __init__(self, reply: Reply) -> None:
        super().__init__(reply.plain())
        self.reply = reply


def too_big(size: int | None) -> UploadRefused:
    """`size` in bytes, if the platform said (None: found out while reading)."""
    if not size:
        how_big = _("That file is bigger than 1 MB")
    elif size < 1.05 * 1_048_576:
        how_big = _("That file is just over 1 MB")
    else:
        how_big = _("That file is {size} MB").format(size=f"{size / 1_048_576:.1f}")
    return UploadRefused(Reply(body=rich(
        _("{how_big}, and I can only take files up to 1 MB. "
          "Could you split it into smaller packs and send them one at a time?").format(how_big=how_big)), error=True))


def unreadable(platform: str) -> UploadRefused:
    return UploadRefused(Reply(body=rich(
        _("I couldn't fetch that file from {platform}. Please attach it again in a moment.").format(
            platform=platform)), error=True))


async def worth_reading(app: "Hearth", event: Event) -> bool:
    """False when the core will refuse the command anyway (a moderator's command for a member, a form
    shown to someone else): then nothing is downloaded."""
    return await app.registry.would_run(app, event)
