"""The round summary's rule for showing moods (`bot.engines.rounds.hides_no_one`), case by case."""

from __future__ import annotations

import pytest

from bot.engines.rounds import hides_no_one


@pytest.mark.parametrize("moods, floor, shows", [
    ([], 3, True),  # no anonymous answers: the spread repeats the named posts
    ([2], 3, False),  # one: the named ones taken away, it is theirs
    ([3, 3, 3, 3], 3, False),  # all alike: everyone known to be anonymous said 3
    ([4, 4, 4, 1], 3, False),  # all but one alike: who said 1 knows what the other three said
    ([4, 4, 1, 1], 3, True),  # each of them, taking their own away, is left with two moods
    ([5, 4, 3], 3, True),
    ([5, 4, 3], 4, False),  # fewer than the community's floor
    ([5, 5, 5, 2, 1], 3, True),
])
def test_a_spread_shows_only_when_nobody_anonymous_can_be_pinned(moods, floor, shows):
    assert hides_no_one(moods, floor) is shows
