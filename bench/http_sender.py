"""A Sender that speaks HTTP to the fake platform, as an adapter's would to a real one.

429 becomes RetryLater(Retry-After); other 4xx a PermanentFailure; 5xx and
network errors are left to the outbox as transient.
"""

from __future__ import annotations

import aiohttp

from bot.delivery.sender import Delivery, PermanentFailure, RetryLater


class HttpSender:
    def __init__(self, base_url: str, platform: str = "bench", rate_per_second: float = 250.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.platform = platform
        self.rate_per_second = rate_per_second
        self.sent = 0
        self.statuses: dict[int, int] = {}
        self._session: aiohttp.ClientSession | None = None

    def session(self) -> aiohttp.ClientSession:
        if self._session is None:
            self._session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=100),
                                                  timeout=aiohttp.ClientTimeout(total=10))
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def send(self, delivery: Delivery) -> str | None:
        body = {"key": delivery.key, "kind": delivery.kind, "channel": delivery.channel, "user": delivery.user,
                "parent": delivery.parent_ref, "ref": delivery.ref, "text": delivery.message.plain()}
        async with self.session().post(f"{self.base_url}/send", json=body) as resp:
            self.statuses[resp.status] = self.statuses.get(resp.status, 0) + 1
            if resp.status == 429:
                raise RetryLater(float(resp.headers.get("Retry-After", "1")))
            if resp.status >= 500:
                raise RuntimeError(f"platform error {resp.status}")
            if resp.status >= 400:
                raise PermanentFailure(f"platform refused: {resp.status}")
            data = await resp.json()
        self.sent += 1
        return str(data["id"])
