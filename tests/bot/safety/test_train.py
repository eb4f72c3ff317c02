"""Choosing the head's thresholds: the calibration set's caps hold, on the real calibration answers and the shipped
model (no mocks). Retraining on the fixed sample is in test_screen.py."""

from __future__ import annotations

import pytest

from bot.safety import Screen
from bot.safety.corpus import LANGUAGES, part, read_answers, read_corpus
from bot.safety.evaluate import tally
from bot.safety.addressed import to_another_alone
from bot.safety.rules import RuleVerdict
from bot.safety.screen import combine
from bot.safety.train import (CALIBRATION, CALIBRATION_CONCERN_MAX, CALIBRATION_CRISIS_MAX, GRID, PRECISION_FLOOR,
                              SURE_ADDS_MAX, SURE_GRID, calibration_shares, choose_sure, choose_thresholds, dev_parts)
import bot.safety.train as train_module


@pytest.fixture(scope="module")
def shipped() -> Screen:
    return Screen.load(with_model=True)


@pytest.fixture(scope="module")
def calibration(shipped):
    """The calibration answers as the shipped screen reads them: (in danger, rules' verdict, model's chance)."""
    answers = read_answers(CALIBRATION)
    return answers, [(a.crisis, v, p) for a, (v, p) in zip(answers, shipped.readings([a.text for a in answers]))]


@pytest.fixture(scope="module")
def dev(shipped):
    """A fixed slice of the dev ideas the head did not learn from (every fifth idea), with the rules' verdicts and
    the model's chances, as training scores them."""
    _learnt, sentences = dev_parts(read_corpus())
    ideas = sorted({s.idea for s in sentences})[::5]
    rows = [s for s in sentences if s.idea in set(ideas)]
    texts = [s.text for s in rows]
    return rows, [shipped.rules.check(t) for t in texts], shipped.model.probabilities(texts)


def test_the_shipped_head_answers_the_calibration_sets_ordinary_answers_within_the_caps(shipped, calibration):
    """The screen as it runs (`check_many`) keeps both caps on the calibration set it was calibrated on, counting
    what the model adds to the rules' own answers, and `calibration_shares` (what training counts) says exactly
    what the screen answers."""
    answers, readings = calibration
    texts = [a.text for a in answers]
    pairs = [(level.level, rules.level) for a, level, rules in zip(answers, shipped.check_many(texts),
                                                                   shipped.check_many(texts, "phrases"))
             if not a.crisis]
    added_crisis = sum(level == "crisis" != rules for level, rules in pairs)
    added_concern = sum(level != "ok" == rules for level, rules in pairs)
    assert added_crisis <= CALIBRATION_CRISIS_MAX * len(pairs)
    assert added_concern <= CALIBRATION_CONCERN_MAX * len(pairs)
    head = shipped.model.head
    shares = calibration_shares(readings, head.crisis_at, head.gentle_at, head.evidence_only)
    ordinary = [level for level, _ in pairs]
    assert shares["ordinary_crisis"] == ordinary.count("crisis") / len(ordinary)
    assert shares["model_crisis"] == added_crisis / len(pairs) and shares["model_concern"] == added_concern / len(pairs)
    danger = [r.level for a, r in zip(answers, shipped.check_many(texts)) if a.crisis]
    assert shares["danger_concern"] == 1 - danger.count("ok") / len(danger)


def test_the_chosen_crisis_threshold_is_the_lowest_that_keeps_the_cap_and_the_dev_floor(shipped, calibration, dev):
    rows, verdicts, chances = dev
    _, readings = calibration
    ev = shipped.model.head.evidence_only
    choice = choose_thresholds(rows, verdicts, chances, ev, readings)
    assert choice.calibration == calibration_shares(readings, choice.crisis_at, choice.gentle_at, ev)
    assert choice.calibration["model_crisis"] <= CALIBRATION_CRISIS_MAX
    assert choice.calibration["model_concern"] <= CALIBRATION_CONCERN_MAX
    assert choice.gentle_at <= choice.crisis_at
    assert choice.crisis_at > GRID[0]
    below = GRID[GRID.index(choice.crisis_at) - 1]  # one step lower breaks the cap or dev's precision floor
    t = tally(rows, [combine(v, p, below, below, ev) for v, p in zip(verdicts, chances)])
    assert (calibration_shares(readings, below, below, ev)["model_crisis"] > CALIBRATION_CRISIS_MAX
            or min(t[lang].precision for lang in LANGUAGES) < PRECISION_FLOOR)


def test_a_tighter_cap_raises_the_alarm_threshold_and_answers_fewer_ordinary_answers(shipped, calibration, dev,
                                                                                    monkeypatch):
    rows, verdicts, chances = dev
    _, readings = calibration
    ev = shipped.model.head.evidence_only
    loose = choose_thresholds(rows, verdicts, chances, ev, readings)
    assert loose.calibration["model_crisis"] > 0  # (else there is nothing for a tighter cap to take away)
    tighter = loose.calibration["model_crisis"] - 1e-9  # one ordinary answer fewer than the loose choice allows
    monkeypatch.setattr(train_module, "CALIBRATION_CRISIS_MAX", tighter)
    tight = choose_thresholds(rows, verdicts, chances, ev, readings)
    assert tight.crisis_at > loose.crisis_at
    assert tight.calibration["model_crisis"] <= tighter < loose.calibration["model_crisis"]
    assert tight.calibration["danger_crisis"] <= loose.calibration["danger_crisis"]


def test_without_a_calibration_set_the_thresholds_come_from_dev_alone(shipped, dev):
    """`--compare` and `--ablation` measure on dev alone; the choice then records no calibration shares."""
    rows, verdicts, chances = dev
    choice = choose_thresholds(rows, verdicts, chances, shipped.model.head.evidence_only)
    assert choice.calibration is None and 0 < choice.gentle_at <= choice.crisis_at < 1


# --- the default reading's sure threshold ----------------------------------------------------------------


def test_the_sure_threshold_is_the_lowest_that_keeps_every_languages_ordinary_texts_within_the_cap():
    """1,000 ordinary texts per language, so the cap (0.3 %) allows three each. The model is sure (0.99) of two in
    English and three in German, and 0.95 sure of four more in German: 0.95 would add seven in German, the next
    step up three."""
    quiet = RuleVerdict()
    rows = [(lang, quiet, 0.1, False, False) for lang in LANGUAGES for _ in range(1000)]
    rows += [("en", quiet, 0.99, False, False)] * 2 + [("de", quiet, 0.99, False, False)] * 3
    rows += [("de", quiet, 0.95, False, False)] * 4
    assert SURE_ADDS_MAX == 0.003
    assert choose_sure(rows, 0.8) == SURE_GRID[SURE_GRID.index(0.95) + 1]


def test_the_sure_threshold_counts_only_what_the_model_adds_and_can_be_none():
    """A phrase's own alarm, a negation and words that speak to someone are not the model's to answer (they don't
    count); where even the highest threshold is over the cap, there is no sure tier and the crisis answer stays the
    phrases' own."""
    fired, cancelled, quiet = RuleVerdict(fired="x"), RuleVerdict(cancelled="x"), RuleVerdict()
    rows = [("en", quiet, 0.1, False, False)] * 100 + [("en", fired, 0.999, False, False)] * 10
    rows += [("en", cancelled, 0.999, False, False)] * 10 + [("en", quiet, 0.999, True, True)] * 10
    rows += [("en", quiet, 0.999, False, True)] * 10
    assert choose_sure(rows, 0.8) == SURE_GRID[0]
    assert choose_sure(rows + [("en", quiet, 0.999, False, False)], 0.8) is None
    assert choose_sure(rows, 0.93) == min(s for s in SURE_GRID if s >= 0.93)


def test_the_shipped_sure_threshold_keeps_the_cap_on_the_calibration_sets_ordinary_answers(shipped):
    """The screen as it runs in the default reading gives the crisis answer from the model alone, beyond the rules'
    own, to no more of the calibration set's ordinary answers in each language than the cap allows on what `train`
    chose it on (those answers and dev's ok sentences not learnt from)."""
    head = shipped.model.head
    assert head.sure_at is None or head.crisis_at <= head.sure_at < 1
    answers = [a for a in read_answers(CALIBRATION) if not a.crisis]
    _learnt, kept = dev_parts(read_corpus())
    texts = [a.text for a in answers]
    added: dict[str, int] = {}
    for a, r, rules in zip(answers, shipped.check_many(texts, "model"), shipped.check_many(texts, "phrases")):
        if r.level == "crisis" != rules.level:
            assert r.reason == "model" and head.sure_at is not None
            added[a.lang] = added.get(a.lang, 0) + 1
    for lang in LANGUAGES:
        chosen_on = sum(a.lang == lang for a in answers) + sum(s.lang == lang and not s.crisis for s in kept)
        assert added.get(lang, 0) <= SURE_ADDS_MAX * chosen_on
