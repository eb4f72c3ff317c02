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
#: All of one person's dashboard sessions in a community together may change this many times a session's budget
#: (two devices at full pace; a third session shares theirs).
SESSIONS_TOGETHER = 2


@dataclass
class MemberRateLimiter:
    """At most `limit` events per member in any `window`, in chat. What a member changes through a dashboard
    session is paced apart (`check`'s `session`): each session `limit` of its own, and all of one person's
    sessions together at most `SESSIONS_TOGETHER` times that, so editing on a web page and talking in chat don't
    use up each other's budget, and opening more sessions doesn't open more."""

    clock: Clock
    limit: int
    window: timedelta = timedelta(minutes=1)
    exempt: set[str] = field(default_factory=set)
    """Platforms whose people are never limited in chat: the terminal, one person at their own keyboard or script
    (a dashboard session is a web page anyone with the cookie may drive: it is paced whatever its platform)."""
    _seen: dict[tuple[str, ...], deque[float]] = field(default_factory=dict)
    _told: dict[tuple[str, ...], float] = field(default_factory=dict)
    _checks: int = 0

    def check(self, community_id: str, user_id: str, session: str | None = None) -> Verdict:
        """"ok" to go ahead; "first_refusal" once per window (say why), then "refused" (say so briefly).
        `session`: the dashboard session (its hash) the event came through, paced on its own budget."""
        windows = self._windows(community_id, user_id, session)
        return self._take(windows[0][0], *windows) if windows else "ok"

    def wait(self, community_id: str, user_id: str, session: str | None = None) -> float:
        """Seconds until `check` would let this person (through this `session`) act again; 0 if it would now.
        Spends nothing: for saying when to try again (a web page's Retry-After) after a refusal."""
        now = elapsed(self.clock)
        span = self.window.total_seconds()
        longest = 0.0
        for key, limit in self._windows(community_id, user_id, session):
            live = [t for t in self._seen.get(key, ()) if t > now - span]
            if len(live) >= limit:  # room comes when the oldest event past `limit - 1` of them leaves the window
                longest = max(longest, live[len(live) - limit] + span - now)
        return longest

    def _windows(self, community_id: str, user_id: str, session: str | None
                 ) -> tuple[tuple[tuple[str, ...], int], ...]:
        """The windows an event spends, each with its limit, the first also the key its refusal is told under;
        none for a platform that is never limited in chat."""
        if session is None:
            if user_id.split(":", 1)[0] in self.exempt:
                return ()
            return (((community_id, user_id), self.limit),)
        return (((community_id, user_id, "session", session), self.limit),
                ((community_id, user_id, "sessions"), SESSIONS_TOGETHER * self.limit))

    def _take(self, told_key: tuple[str, ...], *windows: tuple[tuple[str, ...], int]) -> Verdict:
        """One event in every window, if each has room; else none (a refusal spends nothing)."""
        now = elapsed(self.clock)
        self._maybe_prune(now)  # (first: it may drop a window about to be written)
        cutoff = now - self.window.total_seconds()
        found = []
        for key, limit in windows:
            times = self._seen.get(key)
            if times is None:
                times = self._seen[key] = deque()
            while times and times[0] <= cutoff:
                times.popleft()
            found.append((times, limit))
        if all(len(times) < limit for times, limit in found):
            for times, _limit in found:
                times.append(now)
            return "ok"
        told = self._told.get(told_key)
        if told is not None and told > cutoff:
            return "refused"
        self._told[told_key] = now
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
