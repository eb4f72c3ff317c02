"""The calibration check-in answers parse, are well-formed, and share no text with the held-out set (no screen
is run here)."""

from __future__ import annotations

from collections import Counter, defaultdict

from bench.screen import CHECKIN_ANSWERS, CHECKIN_CALIBRATION, CHECKIN_HEADER, read_checkin_answers
from bot.safety.corpus import LANGUAGES


def test_the_calibration_answers_have_every_idea_in_five_languages_with_one_label_each() -> None:
    answers = read_checkin_answers(CHECKIN_CALIBRATION)
    langs: dict[str, list[str]] = defaultdict(list)
    labels: dict[str, set[bool]] = defaultdict(set)
    for a in answers:
        assert a.idea.startswith("cc-"), a
        langs[a.idea].append(a.lang)
        labels[a.idea].add(a.crisis)
        assert 2 <= len(a.text.split()) <= 15, a
        assert a.text == a.text.strip(), a
    assert all(sorted(seen) == sorted(LANGUAGES) for seen in langs.values())
    assert all(len(seen) == 1 for seen in labels.values())
    assert len({idea for idea, seen in labels.items() if seen == {False}}) >= 230
    assert len({idea for idea, seen in labels.items() if seen == {True}}) >= 190


def test_the_calibration_ids_are_unique_and_its_rows_are_grouped_by_idea() -> None:
    lines = CHECKIN_CALIBRATION.read_text(encoding="utf-8").splitlines()
    assert lines[0] == CHECKIN_HEADER
    keys = [tuple(line.split("\t")[:2]) for line in lines[1:]]
    assert [k for k, n in Counter(keys).items() if n > 1] == []  # one row per idea and language
    ideas = [idea for idea, _ in keys]
    order = list(dict.fromkeys(ideas))
    assert order == sorted(order)  # each idea's rows together, ids in order
    assert all(ideas.count(idea) == len(LANGUAGES) for idea in order)


def test_the_calibration_answers_repeat_no_text_of_the_held_out_set_nor_of_themselves() -> None:
    """Written independently: no answer is copied from `checkin_answers.tsv`, and none is written twice."""
    def norm(text: str) -> str:
        return " ".join(text.casefold().split())

    held_out = {norm(a.text) for a in read_checkin_answers(CHECKIN_ANSWERS)}
    texts = [norm(a.text) for a in read_checkin_answers(CHECKIN_CALIBRATION)]
    assert sorted(t for t in texts if t in held_out) == []
    assert [t for t, n in Counter(texts).items() if n > 1] == []
