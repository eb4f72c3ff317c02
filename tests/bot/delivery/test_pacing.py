"""The outbox's pacer: never more than the platform allows in a second, and no pace lost to late wake-ups.

On a fake clock, so the figures are exact: each sleep wakes 5 ms late, as
a busy loop's do.
"""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import bot.delivery.outbox as outbox_module
from bot.delivery.outbox import RateLimiter

LATE = 0.005


def fake_clock(monkeypatch) -> list[float]:  # type: ignore[no-untyped-def]
    now = [0.0]

    async def sleep(seconds: float) -> None:
        now[0] += seconds + LATE
        await asyncio.sleep(0)

    monkeypatch.setattr(outbox_module, "time", SimpleNamespace(monotonic=lambda: now[0]))
    monkeypatch.setattr(outbox_module, "asyncio", SimpleNamespace(sleep=sleep, Lock=asyncio.Lock))
    return now


async def test_a_third_of_250_per_second_keeps_its_pace_when_every_wake_up_is_late(monkeypatch):
    now = fake_clock(monkeypatch)
    limiter = RateLimiter(250 / 3)
    sent: list[float] = []
    for _ in range(400):
        await limiter.acquire()
        sent.append(now[0])
    pace = (len(sent) - 1) / (sent[-1] - sent[0])
    assert pace > 0.99 * limiter.refill  # a bucket of exactly one token lost each overshoot: 0.72 × the refill
    busiest = max(sum(1 for t in sent if start <= t < start + 1) for start in sent)
    assert busiest <= 0.97 * 250 / 3  # and no second carries more than 97 % of the rate


async def test_a_slow_platforms_bucket_holds_one_send(monkeypatch):
    fake_clock(monkeypatch)
    assert RateLimiter(10).capacity == 1.0 and RateLimiter(250).capacity == 5.0
