"""screen-start measures the first seconds after a load: every message sent is answered, the watchdog watched."""

from __future__ import annotations

import pytest

from bench.screen_start import AFTER_S, run

pytestmark = pytest.mark.timeout(300)


def test_the_first_seconds_are_watched_until_every_regex_is_compiled_and_each_message_is_answered() -> None:
    figures = run(model=False)
    assert figures["sent"] == figures["n"] >= AFTER_S / 0.02 / 2  # (a message every 20 ms for at least 1 s)
    assert figures["watched"] > 0 and figures["stall_ms"] >= 0 and figures["max_ms"] >= figures["p99_ms"]
    assert "phrase rules only" in figures["which"]
