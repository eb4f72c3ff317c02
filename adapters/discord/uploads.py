"""Files attached to a slash command (a pack to import), read into `Event.attachment`.

The bytes are read only for someone allowed to run the command, and only up
to `MAX_UPLOAD_BYTES`: Discord tells the size before anything is downloaded.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import TYPE_CHECKING

import discord

from bot.events import Event, Reply, rich

if TYPE_CHECKING:
    from bot.app import Hearth

log = logging.getLogger(__name__)

#: No pack needs more; bigger uploads are refused before they are downloaded.
MAX_UPLOAD_BYTES = 1024 * 1024


class UploadRefused(Exception):
    """The file can't be used; `reply` says why, kindly."""

    def __init__(self, reply: Reply) -> None:
        super().__init__(reply.plain())
        self.reply = reply


def too_big(size: int) -> Reply:
    return Reply(body=rich(f"That file is {size / 1_048_576:.1f} MB, and I can only take files up to 1 MB. "
                           "Could you split it into smaller packs and send them one at a time?"), error=True)


UNREADABLE = Reply(body=rich("I couldn't fetch that file from Discord. Please attach it again in a moment."),
                   error=True)


async def with_upload(app: "Hearth", event: Event, upload: discord.Attachment | None) -> Event:
    """The event with the file's bytes in it (if the actor may run the command at all)."""
    if upload is None:
        return event
    cmd = app.registry.commands.get(event.name)
    if cmd is not None and cmd.permission == "moderator" and not await app.is_moderator(event.actor):
        return event  # the core refuses it; no need to download anything
    if upload.size > MAX_UPLOAD_BYTES:
        raise UploadRefused(too_big(upload.size))
    try:
        data = await upload.read()
    except discord.HTTPException:
        log.warning("could not download an attachment for %s", event.name, exc_info=True)
        raise UploadRefused(UNREADABLE) from None
    if len(data) > MAX_UPLOAD_BYTES:  # Discord said otherwise, but the bytes decide
        raise UploadRefused(too_big(len(data)))
    return dataclasses.replace(event, attachment=data)
