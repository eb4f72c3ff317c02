"""Does the platform still say this person moderates? The one question the dashboard asks on every request.

A person may moderate by the platform's word (Discord's Manage Server, a Slack workspace admin, the terminal's
`as NAME mod`) rather than by Hearth's own `mod moderators` list. Chat asks the platform again with each
interaction; a dashboard session has no interaction, so each adapter registers a `PlatformModerators` on the
Hearth app (`Hearth.add_platform_moderators`), as it registers its `Sender` on the outbox, and the dashboard asks it
(`PlatformWord.still`), the answer kept `ANSWER_SECONDS` so a page's requests don't each call the platform.

The platform can't always be asked (no port for it, a timeout, an error): that is None, "can't tell", and the
dashboard then shows and changes nothing, but ends nothing either (see `bot.flows.dashboard.session_of`).
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta
from typing import Protocol

from bot.events import Actor

log = logging.getLogger(__name__)

#: How long the platform's answer is kept (Slack's `ADMIN_SECONDS` too): a right taken away ends within this.
ANSWER_SECONDS = 60.0
#: How long a platform may take to answer before Hearth counts it as "can't tell".
ASK_SECONDS = 5.0
#: Answers kept before the stale ones are swept out.
KEEP = 1000


class PlatformModerators(Protocol):
    """An adapter's answer to "does the platform still say this person moderates that community?"."""

    platform: str

    async def still(self, community_id: str, user_id: str) -> bool | None:
        """True: the platform says they moderate it. False: it says they don't (the right was taken away, or they
        left). None: can't tell right now."""
        ...


class PlatformWord:
    """The ports, by platform, and their recent answers."""

    def __init__(self) -> None:
        self.ports: dict[str, PlatformModerators] = {}
        self._answers: dict[tuple[str, str], tuple[datetime, bool]] = {}

    def add(self, port: PlatformModerators) -> None:
        self.ports[port.platform] = port

    async def still(self, actor: Actor, now: datetime) -> bool | None:
        key = (actor.community_id, actor.user_id)
        kept = self._answers.get(key)
        if kept is not None and now - kept[0] < timedelta(seconds=ANSWER_SECONDS):
            return kept[1]
        answer = await self._ask(actor)
        if answer is not None:
            if len(self._answers) >= KEEP:
                cut = now - timedelta(seconds=ANSWER_SECONDS)
                self._answers = {k: v for k, v in self._answers.items() if v[0] > cut}
            self._answers[key] = (now, answer)
        return answer

    async def _ask(self, actor: Actor) -> bool | None:
        port = self.ports.get(actor.platform)
        if port is None:
            log.warning("no platform moderators port for %s: whether %s still moderates can't be asked",
                        actor.platform, actor.user_id)
            return None
        try:
            return await asyncio.wait_for(port.still(actor.community_id, actor.user_id), ASK_SECONDS)
        except Exception as err:  # a timeout or the platform's error: can't tell
            log.warning("couldn't ask %s whether %s still moderates %s: %r", actor.platform, actor.user_id,
                        actor.community_id, err)
            return None
