"""The far side of the network, faked: a sender that records what Hearth sends."""

from __future__ import annotations

from bot.delivery.sender import Delivery, PermanentFailure


class RecordingSender:
    """Records deliveries and hands out message ids like a platform would.

    The ids ("msg1", "msg2", ...) count sends in the order they arrive, and the outbox promises no order
    among what leaves together (a round's post and its DMs): ask `ref_of` for a delivery's id, never
    work it out from its place in `sent`.
    """

    def __init__(self, platform: str, rate_per_second: float = 1000.0) -> None:
        self.platform = platform
        self.rate_per_second = rate_per_second
        self.sent: list[Delivery] = []
        self.closed_dms: set[str] = set()
        #: Kinds of delivery the platform refuses for good, and its reason ("thread": Hearth may not post there).
        self.refused: dict[str, str] = {}
        #: Of those, the kinds refused as Hearth may not post there (`PermanentFailure.not_allowed`).
        self.not_allowed: set[str] = set()
        self._next = 0
        self._given: list[tuple[Delivery, str]] = []  # each send and the id it got (kept when `sent` is cleared)

    async def send(self, delivery: Delivery) -> str | None:
        if delivery.kind == "dm" and delivery.user in self.closed_dms:
            raise PermanentFailure("DMs closed", dm_closed=True)
        if delivery.kind in self.refused:
            raise PermanentFailure(self.refused[delivery.kind], not_allowed=delivery.kind in self.not_allowed)
        self.sent.append(delivery)
        self._next += 1
        ref = f"msg{self._next}"
        self._given.append((delivery, ref))
        return ref

    def ref_of(self, delivery: Delivery) -> str | None:
        """The message id this sender gave `delivery` (one of its `sent`), or None if it never sent it."""
        return next((ref for sent, ref in self._given if sent is delivery), None)
