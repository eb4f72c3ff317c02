"""The rules-only screen the parity families are read with: loaded once for the whole directory, since loading
the five languages' rules is the slow part and checking a sentence changes nothing in it."""

from __future__ import annotations

import pytest

from bot.safety.screen import Screen


@pytest.fixture(scope="session")
def screen() -> Screen:
    return Screen.load(with_model=False)
