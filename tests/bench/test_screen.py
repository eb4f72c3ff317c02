"""The held-out check-in answers parse, and are what the bench says they are (no screen is run here)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from bench.screen import CHECKIN_HEADER, read_checkin_answers
from bot.safety.corpus import LANGUAGES


def test_the_check_in_answers_have_every_idea_in_five_languages_and_enough_of_each_label() -> None:
    answers = read_checkin_answers()
    langs: dict[str, list[str]] = defaultdict(list)
    labels: dict[str, set[bool]] = defaultdict(set)
    for a in answers:
        langs[a.idea].append(a.lang)
        labels[a.idea].add(a.crisis)
        assert 2 <= len(a.text.split()) <= 15, a
    assert all(sorted(seen) == sorted(LANGUAGES) for seen in langs.values())
    assert all(len(seen) == 1 for seen in labels.values())
    assert sum(not a.crisis for a in answers) >= 150 * 5 and sum(a.crisis for a in answers) >= 40 * 5
    assert len({idea for idea, seen in labels.items() if seen == {False}}) >= 150
    assert len({idea for idea, seen in labels.items() if seen == {True}}) >= 40


@pytest.mark.parametrize("rows", [
    ["ca-001\ten\tmaybe\tfine i guess"],  # a label that is neither ok nor crisis
    [f"ca-001\t{lang}\tok\tfine i guess" for lang in LANGUAGES[:4]],  # a language missing
    [f"ca-001\t{lang}\t{'crisis' if lang == 'pt' else 'ok'}\tfine i guess" for lang in LANGUAGES],  # two labels
])
def test_a_malformed_file_is_refused(tmp_path: Path, rows: list[str]) -> None:
    path = tmp_path / "answers.tsv"
    path.write_text("\n".join([CHECKIN_HEADER, *rows]) + "\n", encoding="utf-8")
    with pytest.raises(ValueError):
        read_checkin_answers(path)


def test_nothing_that_trains_or_tunes_the_screen_reads_the_held_out_answers() -> None:
    """They stay held out only while no training or tuning code (all of it under `bot/`) names the file."""
    root = Path(__file__).resolve().parents[2]
    readers = [p for p in (root / "bot").rglob("*.py") if "checkin_answers" in p.read_text(encoding="utf-8")]
    assert readers == []
