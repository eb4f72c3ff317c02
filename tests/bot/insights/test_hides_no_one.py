"""The rule for moods beside named posts (`bot.insights.anonymity.hides_no_one`), which round summaries and
insights both follow, case by case."""

from __future__ import annotations

from collections import Counter

import pytest

from bot.insights.anonymity import hides_no_one, spread_shows


@pytest.mark.parametrize("moods, floor, shows", [
    ([], 3, True),  # no anonymous answers: a spread repeats the named posts
    ([2], 3, False),  # one: the named ones taken away, it is theirs
    ([3, 3, 3, 3], 3, False),  # all alike: everyone known to be anonymous said 3
    ([4, 4, 4, 1], 3, False),  # all but one alike: who said 1 knows what the other three said
    ([4, 4, 1, 1], 3, True),  # each of them, taking their own away, is left with two moods
    ([5, 4, 3], 3, True),
    ([5, 4, 3], 4, False),  # fewer than the community's floor
    ([5, 5, 5, 2, 1], 3, True),
])
def test_anonymous_moods_count_only_when_nobody_can_be_pinned(moods, floor, shows):
    assert hides_no_one(Counter(moods).values(), floor) is shows


def test_a_spread_needs_the_floor_of_answers_too():
    assert not spread_shows(2, [], 3) and spread_shows(3, [], 3)
    assert not spread_shows(5, [0, 0, 1, 0, 0], 3)
