"""The far side of the network, faked: a sender that records what Hearth sends."""

from __future__ import annotations

from bot.delivery.sender import Delivery, PermanentFailure


class RecordingSender:
    """Records deliveries and hands out message ids like a platform would."""

    def __init__(self, platform: str, rate_per_second: float = 1000.0) -> None:
        self.platform = platform
        self.rate_per_second = rate_per_second
        self.sent: list[Delivery] = []
        self.closed_dms: set[str] = set()
        self._next = 0

    async def send(self, delivery: Delivery) -> str | None:
        if delivery.kind == "dm" and delivery.user in self.closed_dms:
            raise PermanentFailure("DMs closed", dm_closed=True)
        self.sent.append(delivery)
        self._next += 1
        return f"msg{self._next}"
