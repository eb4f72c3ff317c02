"""The one small interface every adapter implements to send Hearth's messages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from bot.events import Reply

DeliveryKind = Literal["post", "dm", "thread", "edit", "delete"]


@dataclass(frozen=True)
class Delivery:
    """One resolved outbox entry.

    * post: a new message in `channel`.
    * dm: a direct message to `user`.
    * thread: a reply under `parent_ref` (the round post) in `channel`.
    * edit / delete: change or remove the message `ref` in `channel`.
    """

    kind: DeliveryKind
    message: Reply
    channel: str | None = None
    user: str | None = None
    parent_ref: str | None = None
    ref: str | None = None
    key: str = ""
    #: The community the message is for, when its outbox row says (a round's, a care note's or a digest's post):
    #: a sender may refuse a channel that isn't the community's (defence in depth; `bot.channels` checks first).
    community: str | None = None


class RetryLater(Exception):
    """The platform asked us to wait (HTTP 429 and its Retry-After).

    `method` is the platform's name for the call it refused (Slack's
    "chat.postMessage"); "" means the sender's calls as a whole. The wait
    binds every process and every call to that method.
    """

    def __init__(self, seconds: float, method: str = "") -> None:
        super().__init__(f"retry after {seconds:.1f}s")
        self.seconds = seconds
        self.method = method


class WaitingOut(RetryLater):
    """Not called at all: an earlier 429 for this method, here or in another process, is still being waited out."""


class CallGate(Protocol):
    """Asked before each call to a rate-limited platform method (see `Sender.gate`)."""

    async def __call__(self, method: str) -> None:
        """Return when `method` may be called; raise `WaitingOut` while a 429's wait for it lasts."""
        ...


class PermanentFailure(Exception):
    """Retrying cannot help (e.g. the member's DMs are closed, channel gone).

    `not_allowed`: the platform doesn't let Hearth post in that place (a missing permission, Hearth not in the
    channel, a locked or archived thread or channel): something a moderator can change. Set by a sender only for
    the platform's errors that say so; every other refusal (a body the platform rejects, a channel gone, a token
    revoked…) leaves it False, and nothing told to a member then claims why (`bot.engines.rounds.refused_notes`)."""

    def __init__(self, reason: str, dm_closed: bool = False, not_allowed: bool = False, gone: bool = False) -> None:
        super().__init__(reason)
        self.dm_closed = dm_closed
        self.not_allowed = not_allowed
        #: An edit of a message the platform says is not there (deleted, by a moderator say): nothing of it shows,
        #: so nobody is told their post still shows earlier words (`bot.engines.rounds.change_refused_notes`).
        self.gone = gone


class Sender(Protocol):
    """An adapter's sending side. Any other exception counts as transient.

    A sender that makes several platform calls per delivery may declare a
    `gate: CallGate | None` attribute: the outbox sets it, and the sender
    awaits `gate(method)` before every call and raises `RetryLater(seconds,
    method)` on a 429. For any other sender the outbox guards its `send` and
    `find_sent` as one method, "".
    """

    platform: str
    rate_per_second: float

    async def send(self, delivery: Delivery) -> str | None:
        """Send it; return the platform's message id (for posts and threads)."""
        ...


class FindsSent(Protocol):
    """Optional: a sender that can tell whether a delivery already arrived.

    Asked only after a crash left a send's outcome unknown. Return the
    message id if `delivery.key` was already delivered, else None.
    """

    async def find_sent(self, delivery: Delivery) -> str | None: ...
