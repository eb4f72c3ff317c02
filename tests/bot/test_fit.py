"""`bot.fit`: a text cut to a platform's limit is cut between whole characters as people see them (an emoji of
several code points, a flag, an accented letter), at a word where one is near, and always fits."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.fit import ELLIPSIS, boundary, fit, is_boundary

FAMILY = "👩\u200d👩\u200d👧\u200d👦"
FLAG = "🇩🇪"
WAVE = "👋🏽"
KEYCAP = "1\ufe0f\u20e3"
SCOTLAND = "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
ACCENT = "e\u0301"  # (é as a letter and its accent)
CLUSTERS = [FAMILY, FLAG, WAVE, KEYCAP, SCOTLAND, ACCENT, "❤️", "각"]  # (the last: Hangul as three jamo)
JAMO = "\u1100\u1161\u11a8"


@pytest.mark.parametrize("cluster", CLUSTERS + [JAMO])
@pytest.mark.parametrize("limit", [24, 45, 75, 80, 100])
def test_no_cut_splits_what_reads_as_one_character(cluster, limit):
    for lead in range(limit - 12, limit + 2):
        text = "x" * lead + (cluster * 3)
        cut = fit(text, limit)
        assert len(cut) <= limit
        kept = cut.removesuffix(ELLIPSIS)
        assert text.startswith(kept)
        assert kept == text or is_boundary(text, len(kept)), (lead, cut)
        assert kept == text or not kept.endswith("\u200d")


def test_two_flags_side_by_side_are_never_cut_into_other_flags():
    text = "y" * 70 + " " + FLAG + "🇫🇷" + "🇯🇵"
    for limit in range(72, 78):
        kept = fit(text, limit).removesuffix(ELLIPSIS)
        assert (len(kept) - 71) % 2 == 0 or kept.endswith("y"), limit


def test_a_long_text_is_cut_at_a_word_and_says_so():
    prompt = "own-listening-01 — Wer hat dir diese Woche wirklich zugehört, und woran hast du das gemerkt, ganz konkret?"
    assert fit(prompt, 100) == "own-listening-01 — Wer hat dir diese Woche wirklich zugehört, und woran hast du das gemerkt, ganz…"
    assert fit("Check-in-Antworten der ganzen Gruppe", 24) == "Check-in-Antworten der…"
    assert fit("Kurz", 24) == "Kurz"


def test_a_word_longer_than_most_of_the_room_is_cut_inside_it():
    assert fit("a " + "b" * 200, 100) == "a " + "b" * 97 + ELLIPSIS


def test_a_letter_under_many_marks_still_fits():
    zalgo = "Z" + "\u0301" * 500
    assert len(fit(zalgo, 100)) == 100


@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=400) | st.lists(
    st.sampled_from(CLUSTERS + [" ", "a", "word ", "\n"]), max_size=120).map("".join), st.integers(1, 300))
def test_every_text_fits_and_starts_as_it_did(text, limit):
    cut = fit(text, limit)
    assert len(cut) <= limit
    assert cut == text if len(text) <= limit else text.startswith(cut.removesuffix(ELLIPSIS)[:len(cut) - 1])


@given(st.text(max_size=60), st.integers(0, 70))
def test_a_boundary_is_never_after_the_index_asked_for(text, at):
    found = boundary(text, at)
    assert 0 <= found <= min(at, len(text))
    assert is_boundary(text, found) or found == min(at, len(text))


def test_marks_are_the_ones_unicode_calls_marks():
    assert unicodedata.category("\u0301") == "Mn" and not is_boundary(ACCENT, 1)
    assert not is_boundary(KEYCAP, 1) and not is_boundary(KEYCAP, 2) and is_boundary(KEYCAP + "x", 3)


def test_a_conjunct_of_an_indic_script_is_one_character():
    """Unicode's own clusters (the `regex` package), not a table of marks: "स्ते" of "नमस्ते" is one character."""
    text = "नमस्ते"
    assert not is_boundary(text, 3) and not is_boundary(text, 4) and is_boundary(text, 2)
    assert boundary(text, 4) == 2
