"""Per-member rate limits: one person's flood can't crowd out everyone else.

A sliding window per (community, member), timed by the injected clock's
monotonic seconds (`bot.clock.elapsed`): a window is this process's own
business, so a wall clock set back (an NTP step) neither locks a member out
nor, set forward, lets a flood through. Tests move time by hand. Kept in
memory: limits protect this process, and losing them on restart is harmless.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Literal

from bot.clock import Clock, elapsed

Verdict = Literal["ok", "first_refusal", "refused"]
#: Forget idle members after this many checks, so memory stays small.
PRUNE_EVERY = 1000


@dataclass
class MemberRateLimiter:
    """At most `limit` events per member in any `window`."""

    clock: Clock
    limit: int
    window: timedelta = timedelta(minutes=1)
    exempt: set[str] = field(default_factory=set)
    """Platforms whose people are never limited: the terminal, one person at their own keyboard or script."""
    _seen: dict[tuple[str, str], deque[float]] = field(default_factory=dict)
    _told: dict[tuple[str, str], float] = field(default_factory=dict)
    _checks: int = 0

    def check(self, community_id: str, user_id: str) -> Verdict:
        """"ok" to go ahead; "first_refusal" once per window (say why), then "refused" (say so briefly)."""
        if user_id.split(":", 1)[0] in self.exempt:
            return "ok"
        now = elapsed(self.clock)
        cutoff = now - self.window.total_seconds()
        key = (community_id, user_id)
        times = self._seen.get(key)
        if times is None:
            times = self._seen[key] = deque()
        while times and times[0] <= cutoff:
            times.popleft()
        self._maybe_prune(now)
        if len(times) < self.limit:
            times.append(now)
            return "ok"
        told = self._told.get(key)
        if told is not None and told > cutoff:
            return "refused"
        self._told[key] = now
        return "first_refusal"

    def _maybe_prune(self, now: float) -> None:
        self._checks += 1
        if self._checks % PRUNE_EVERY:
            return
        cutoff = now - self.window.total_seconds()
        for key in [k for k, t in self._seen.items() if not t or t[-1] <= cutoff]:
            del self._seen[key]
        for key in [k for k, t in self._told.items() if t <= cutoff]:
            del self._told[key]
