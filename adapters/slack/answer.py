"""A slash command's answer, carried in its acknowledgement when the core is quick.

Slack shows a message in a command's ack body just as one sent to the
command's response URL, so a quick answer saves a whole HTTP round trip per
command. Messages wait here until `settle()`: the budget ran out or the work
finished. Then one ephemeral message rides on the ack; anything else (more
parts, or whatever comes after the budget) goes to the response URL, in order.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable, Callable

log = logging.getLogger(__name__)

#: How long a command's ack may wait for its answer: well inside Slack's 3 s, so acks stay prompt.
ACK_BUDGET_SECONDS = 0.2
#: What an ack body for a slash command may carry.
ACK_FIELDS = ("text", "blocks", "response_type")


class ResponseRefused(Exception):
    """A response URL answered with an error status (expired, gone, Slack down): the message didn't arrive."""


def checked(respond: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    """Bolt's `respond`, raising when the response URL refused the message: Bolt hands back the status and
    raises nothing, so a message lost there would pass for one shown."""
    async def send(**message: Any) -> Any:
        got = await respond(**message)
        status = getattr(got, "status_code", 200)
        if isinstance(status, int) and status >= 400:
            raise ResponseRefused(f"the response URL answered {status}: {getattr(got, 'body', '')!s:.100}")
        return got
    return send


class AnswerInAck:
    """A `respond` that holds messages until `settle()` decides how they go."""

    def __init__(self, ack: Callable[..., Awaitable[Any]], respond: Callable[..., Awaitable[Any]]) -> None:
        self._ack = ack
        self._respond = respond
        self._held: list[dict[str, Any]] = []
        self._settled = False
        self._lock = asyncio.Lock()  # a message sent while settling waits its turn
        self._if_lost: Callable[[], Awaitable[Any]] | None = None

    def if_lost(self, keep: Callable[[], Awaitable[Any]]) -> None:
        """What to do if a held message can't be sent when settling (`Presenter.show`: keep the person's own
        words by the outbox); shown, by the time `settle` fails, it can no longer be told to the show."""
        self._if_lost = keep

    async def __call__(self, **message: Any) -> None:
        async with self._lock:
            if not self._settled:
                self._held.append(message)
                return
        await self._respond(**message)

    async def settle(self) -> None:
        """Acknowledge now, with the held answer if it fits in one ephemeral message."""
        async with self._lock:
            if self._settled:
                return
            self._settled = True
            held, self._held = self._held, []
            if len(held) == 1 and held[0].get("response_type") == "ephemeral":
                await self._ack(**{k: v for k, v in held[0].items() if k in ACK_FIELDS})
                return
            await self._ack()
            lost = False
            for message in held:
                try:
                    await self._respond(**message)
                except Exception as err:  # one lost message must not lose the ones after it
                    log.warning("could not send an answer to the response URL: %s", err)
                    lost = True
            if lost and self._if_lost is not None:
                await self._if_lost()
