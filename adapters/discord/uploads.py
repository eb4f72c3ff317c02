"""Files attached to a slash command, read into `Event.attachment` (see `adapters.uploads`)."""

from __future__ import annotations

import dataclasses
import logging
from typing import TYPE_CHECKING

import discord

from adapters.uploads import MAX_UPLOAD_BYTES, too_big, unreadable, worth_reading
from bot.events import Event

if TYPE_CHECKING:
    from bot.app import Hearth

log = logging.getLogger(__name__)


async def with_upload(app: "Hearth", event: Event, upload: discord.Attachment | None) -> Event:
    """The event with the file's bytes in it; raises `UploadRefused` with a kind reply."""
    if upload is None or not await worth_reading(app, event):
        return event
    if upload.size > MAX_UPLOAD_BYTES:
        raise too_big(upload.size)
    try:
        data = await upload.read()
    except discord.HTTPException:
        log.warning("could not download an attachment for %s", event.name, exc_info=True)
        raise unreadable("Discord") from None
    if len(data) > MAX_UPLOAD_BYTES:  # Discord said otherwise, but the bytes decide
        raise too_big(len(data))
    return dataclasses.replace(event, attachment=data)
