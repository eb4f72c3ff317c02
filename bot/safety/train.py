"""Train the crisis screen's head: one reproducible command.

    python -m bot.safety.train              # train on train and half of dev, choose thresholds on the rest and the
                                            # calibration set, write head.json
    python -m bot.safety.train --freeze     # once, before any training: freeze the test split
    python -m bot.safety.train --compare    # measure every installed embedder on dev (the half not learnt from)
    python -m bot.safety.train --ablation   # measure the head's parts on dev (the half not learnt from)

The head reads the sentence embedding through five nets of one hidden layer,
their logits averaged (scikit-learn's MLP with L-BFGS, seeded: `--seed`, recorded in the head), fitted
on train and half of dev's ideas (`dev_parts`), and mixes its logit
with a linear model over hashed character and word n-grams
(`bot.safety.ngrams`), which keeps slang and misspellings the embedding blurs.
Scikit-learn is needed to train only; screening is numpy. The mix is chosen
on the dev ideas not learnt from; the thresholds on them and on the calibration set
(`CALIBRATION`: check-in answers written apart from the corpus), which caps
how many ordinary answers get the crisis answer. The test split is never read
here except to freeze it.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from bot.safety.corpus import (LANGUAGES, MANIFEST, Answer, Sentence, check_frozen, corpus_dir, manifest_of, part,
                               read_answers, read_corpus)
from bot.safety.evaluate import tally
from bot.safety.model import EMBEDDERS, Head, Model, ModelUnavailable, head_path, load_embedder, package_version
from bot.safety.rules import AllRules, RuleVerdict
from bot.safety.addressed import of_the_writer_alone, to_another_alone
from bot.safety.screen import Screen, combine, gentle_only

#: On dev, the crisis threshold must keep precision at least this in every language (the target is 0.90).
PRECISION_FLOOR = 0.92
#: On dev, crisis and gentle together should catch at least this share in every language (the target is 0.98)...
CAUGHT_FLOOR = 0.99
#: ...unless that would answer more than this share of dev's everyday chat (see `choose_thresholds`).
ORDINARY_MAX = 0.05
#: Check-in answers written apart from the corpus, by a writer who read neither it nor the benchmark's held-out
#: answers (ordinary ones and ones in danger, five languages). Dev misled here: its check-in-register ideas share the
#: corpus's writers, so thresholds chosen on dev alone answered 2.6 % of the held-out ordinary answers with the
#: crisis answer. Training reads this file to choose thresholds; it is never trained on (bench/README.md, session 15).
CALIBRATION = Path(__file__).resolve().parents[2] / "bench" / "checkin_calibration.tsv"
#: The model may give the crisis answer to at most this share of the calibration set's ordinary answers beyond
#: those the phrase rules alone already answer so (`calibration_shares`' `model_crisis`): private helplines and,
#: where the community turned it on, a care note to the moderators. A note about someone who is fine costs the
#: moderators' trust in the next one. The cap holds the model's own part, the part its thresholds decide: counting
#: the rules' false alarms too (session 15, first version) let the rules' 11 of 1,150 on the larger set use up the
#: whole 1 % and pushed the model's threshold to 0.90, where it catches far fewer people in danger, for the rules'
#: answers that no threshold changes. Measured (session 15): answers written apart from this set get about twice its
#: share, so the cap is a calibration, not a promise; the dev precision floor still holds.
CALIBRATION_CRISIS_MAX = 0.01
#: At most this share of them may get a word of concern (crisis or gentle: a short private word, no note) from the
#: model beyond the rules' own: the same share `ORDINARY_MAX` allows on dev's everyday chat, which the gentle
#: threshold must also keep.
CALIBRATION_CONCERN_MAX = 0.05
#: The default reading's sure threshold (`choose_sure`): the model alone may give the crisis answer, beyond the
#: rules' own, to at most this share of the ordinary answers of the calibration set and of dev's ok sentences not
#: learnt from (hard negatives: hyperbole, literal means, goodbyes), in every language: about as rare as the rules'
#: own false alarms, so the default still sends care notes about people who are fine as seldom as the phrases do.
SURE_ADDS_MAX = 0.003
#: Sure thresholds tried, lowest first: from well above the crisis threshold's usual range to nearly certain.
SURE_GRID = [round(0.9 + 0.005 * i, 3) for i in range(20)]
#: L2 strengths tried (on standardised features) by the plain logistic head (`fit_standardised`).
STRENGTHS = (30.0, 100.0, 300.0, 1000.0, 3000.0)
#: The head: hidden units and their L2 strength; the n-gram model's buckets (2**bits) and inverse strength; the
#: n-gram shares of the logit tried (the best dev AUC is kept). Chosen on dev: bench/README.md, "screen".
HIDDEN, HIDDEN_L2 = 64, (3.0, 10.0)
NGRAM_BITS, NGRAM_C = 16, 10.0
MIXES = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
#: Hidden layers fitted from consecutive seeds and averaged (`fit_ensemble`).
ENSEMBLE = 5
#: The share of dev's ideas the head also learns from (`dev_parts`, by each idea's digest); its mix, strength and
#: thresholds are chosen on the rest, read by the very head that ships. Measured (session 20): more ideas still
#: help (on half of train, dev AUC 0.946 → 0.932), and the calibration set's AUC rose 0.958 → 0.965 with all of
#: dev learnt; but a head fitted on all of dev, its thresholds chosen on dev read by a head fitted on train alone,
#: was surer of everything than the head they were chosen for (German test precision 0.85).
DEV_LEARNT = 0.5
#: A phrase must be right this often on the train split (over at least MIN_HITS matches) to fire alone.
PHRASE_PRECISION, MIN_HITS = 0.9, 3
GRID = [round(0.02 * i, 2) for i in range(1, 50)]


def chances(x: Any, w: Any, b: float) -> Any:
    """The logistic head's chance of crisis for each row of `x`."""
    import numpy as np

    return 1 / (1 + np.exp(-np.clip(x @ w + b, -60, 60)))


def fit_standardised(x: Any, y: Any, strength: float) -> tuple[Any, float]:
    """`fit_logistic` on features scaled to mean 0 and variance 1 (so one strength suits every dimension), with
    the scaling folded back into the weights: the head still takes the embedding as it comes."""
    mean, std = x.mean(axis=0), x.std(axis=0) + 1e-6
    w, b = fit_logistic((x - mean) / std, y, strength)
    return w / std, float(b - (w * mean / std).sum())


def fit_logistic(x: Any, y: Any, strength: float, iterations: int = 30) -> tuple[Any, float]:
    """Weights and bias minimising class-balanced log loss + strength/2 · |w|² (Newton's method)."""
    import numpy as np

    n, d = x.shape
    pos = y.sum()
    weight = np.where(y > 0, n / (2 * max(pos, 1)), n / (2 * max(n - pos, 1)))
    a = np.hstack([x, np.ones((n, 1))])
    theta = np.zeros(d + 1)
    ridge = np.full(d + 1, strength)
    ridge[-1] = 0.0
    for _ in range(iterations):
        p = chances(a, theta, 0.0)
        grad = a.T @ (weight * (p - y)) + ridge * theta
        hess = (a * (weight * p * (1 - p))[:, None]).T @ a + np.diag(ridge)
        step = np.linalg.solve(hess, grad)
        theta -= step
        if np.abs(step).max() < 1e-9:
            break
    return theta[:-1], float(theta[-1])


def unreliable_phrases(rows: list[Sentence], verdicts: list[RuleVerdict]) -> tuple[str, ...]:
    """Phrase ids that fired at least `MIN_HITS` times on the train split and were right less than
    `PHRASE_PRECISION` of the time: with the model on, the model may lower their alarm to the gentle word where it
    is sure the text is ok (`bot.safety.screen.combine`)."""
    hits: dict[str, list[int]] = {}
    for s, v in zip(rows, verdicts):
        if v.fired:
            n = hits.setdefault(v.fired, [0, 0])
            n[0] += 1
            n[1] += s.crisis
    return tuple(sorted(i for i, (n, right) in hits.items() if n >= MIN_HITS and right / n < PHRASE_PRECISION))


@dataclass
class Choice:
    crisis_at: float
    gentle_at: float
    worst_recall: float
    worst_precision: float
    worst_caught: float
    #: On the calibration set at the chosen thresholds (when there was one): ordinary answers answered crisis,
    #: crisis or gentle; answers in danger answered crisis, crisis or gentle.
    calibration: dict[str, float] | None = None


#: One calibration answer as the screen reads it: in danger or not, the rules' verdict, the model's chance.
Reading = tuple[bool, RuleVerdict, float]


def calibration_shares(readings: list[Reading], crisis_at: float, gentle_at: float,
                       evidence_only: tuple[str, ...]) -> dict[str, float]:
    """What the screen answers the calibration set at these thresholds, as shares of its ordinary answers and of
    its answers in danger; and (`model_crisis`, `model_concern`) the shares of ordinary answers the model raised
    above what the phrase rules alone answer them: the part the thresholds decide, which the caps hold."""
    levels = [(crisis, combine(v, p, crisis_at, gentle_at, evidence_only), alone(v)) for crisis, v, p in readings]
    ok = [(level, rules) for crisis, level, rules in levels if not crisis] or [("ok", "ok")]
    danger = [level for crisis, level, _ in levels if crisis] or ["ok"]
    plain = [level for level, _ in ok]
    return {"ordinary_crisis": plain.count("crisis") / len(ok), "ordinary_concern": 1 - plain.count("ok") / len(ok),
            "model_crisis": sum(level == "crisis" != rules for level, rules in ok) / len(ok),
            "model_concern": sum(level != "ok" == rules for level, rules in ok) / len(ok),
            "danger_crisis": danger.count("crisis") / len(danger),
            "danger_concern": 1 - danger.count("ok") / len(danger)}


def alone(verdict: RuleVerdict) -> str:
    """The phrase rules' own answer, as a screen without the model gives it (`Screen.check_many`)."""
    return "crisis" if verdict.fired else "gentle" if verdict.softened else "ok"


def ordinary(rows: list[Sentence]) -> list[bool]:
    """Which rows are everyday chat (ideas `ok3-*`, `ok4-*`: check-in answers, questions, plans, goodbyes, games,
    greetings): the text a screen meets most, which must rarely get even the gentle word."""
    return [s.idea.startswith(("ok3-", "ok4-")) and s.category in ("everyday", "games") for s in rows]


def choose_thresholds(dev: list[Sentence], verdicts: list[RuleVerdict], chances: list[float],
                      evidence_only: tuple[str, ...], calibration: list[Reading] | None = None) -> Choice:
    """With a calibration set (`CALIBRATION`, read as the screen reads it): the lowest crisis threshold at which
    the model answers at most `CALIBRATION_CRISIS_MAX` of its ordinary answers with crisis beyond the rules' own
    answers, and whose worst-language precision on dev stays above the floor (if none keeps both, the lowest that
    keeps the cap: the alarm stays rare). Without one, on dev alone: the crisis threshold with the best worst-language recall whose
    worst-language precision stays above the floor; if none does, the alarm stays precise rather than loud: the
    lowest threshold whose pooled precision stays above the floor (else the most precise one), since a crisis
    answer also tells moderators.
    Then the highest gentle threshold that still catches the floor's share of crisis sentences in every
    language (if none does, the lowest): the gentle word is where recall is won. But never so low that more
    than `ORDINARY_MAX` of dev's everyday chat gets it, nor (with a calibration set) more than
    `CALIBRATION_CONCERN_MAX` of its ordinary answers get crisis or gentle from the model: a word of concern to
    every other "good night" is noise, and teaches people to ignore it."""
    def judged(c: float, g: float) -> dict:
        return tally(dev, [combine(v, p, c, g, evidence_only) for v, p in zip(verdicts, chances)])

    def f1(t: dict) -> float:
        a = t["all"]
        return 2 * a.precision * a.recall / (a.precision + a.recall) if a.precision + a.recall else 0.0

    scored = []
    for c in GRID:
        t = judged(c, c)
        scored.append((c, min(t[lang].recall for lang in LANGUAGES), min(t[lang].precision for lang in LANGUAGES),
                       f1(t)))
    floor = [x for x in scored if x[2] >= PRECISION_FLOOR]
    if calibration is not None:
        capped = [x for x in scored if calibration_shares(calibration, x[0], x[0], evidence_only)["model_crisis"]
                  <= CALIBRATION_CRISIS_MAX]
        c, recall, precision, _ = min([x for x in capped if x[2] >= PRECISION_FLOOR] or capped or scored[-1:],
                                      key=lambda x: x[0])
    elif floor:
        c, recall, precision, _ = max(floor, key=lambda x: (x[1], x[0]))
    else:  # no threshold keeps every language precise enough: keep the alarm precise where it can be, pooled
        pooled = [x for x in scored if judged(x[0], x[0])["all"].precision >= PRECISION_FLOOR]
        c, recall, precision, _ = min(pooled, key=lambda x: x[0]) if pooled else max(
            scored, key=lambda x: (judged(x[0], x[0])["all"].precision, -x[0]))
    chat = [p for p, everyday in zip(chances, ordinary(dev)) if everyday]
    lowest = min((g for g in GRID if sum(p >= g for p in chat) <= ORDINARY_MAX * len(chat)), default=c)
    if calibration is not None:
        lowest = max(lowest, min((g for g in GRID if g <= c and calibration_shares(calibration, c, g, evidence_only)[
            "model_concern"] <= CALIBRATION_CONCERN_MAX), default=c))
    best = Choice(c, c, recall, precision, min(judged(c, c)[lang].caught_share for lang in LANGUAGES))
    for g in reversed([g for g in GRID if lowest <= g <= c]):
        best.gentle_at = g
        best.worst_caught = min(judged(c, g)[lang].caught_share for lang in LANGUAGES)
        if best.worst_caught >= CAUGHT_FLOOR:
            break
    if calibration is not None:
        best.calibration = calibration_shares(calibration, best.crisis_at, best.gentle_at, evidence_only)
    return best


def choose_sure(ordinary: list[tuple[str, RuleVerdict, float | None, bool, bool]], crisis_at: float,
                ) -> float | None:
    """The lowest threshold in `SURE_GRID` (at least `crisis_at`) at which the default reading's crisis answer from
    the model alone (`bot.safety.screen.gentle_only`) reaches at most `SURE_ADDS_MAX` of the ordinary texts beyond
    the rules' own, in each language; None if none does (then the crisis answer stays the phrases' own). `ordinary`:
    (language, the rules' verdict, the model's chance, whether the words speak to someone else alone, whether they
    may be of anyone but the writer: `addressed.of_the_writer_alone`) per ordinary text, as the screen reads it in
    the default reading (`Screen.check_many`)."""
    by_lang: dict[str, list[tuple[RuleVerdict, float | None, bool, bool]]] = {}
    for lang, verdict, chance, to_another, others in ordinary:
        by_lang.setdefault(lang, []).append((verdict, chance, to_another, others))

    def adds(rows: list[tuple[RuleVerdict, float | None, bool, bool]], sure: float) -> float:
        raised = sum(gentle_only(v, p, crisis_at, a, None if others else sure) == "crisis" and not v.fired
                     for v, p, a, others in rows)
        return raised / len(rows)

    for sure in SURE_GRID:
        if sure >= crisis_at and by_lang and all(adds(rows, sure) <= SURE_ADDS_MAX for rows in by_lang.values()):
            return sure
    return None


SAMPLE_IDEAS = 80


def sample(sentences: list[Sentence], ideas: int = SAMPLE_IDEAS) -> list[Sentence]:
    """A fixed, small sample of train and dev ideas (never test), for a quick check that training reproduces."""
    chosen = sorted({s.idea for s in part(sentences, "train") + part(sentences, "dev")},
                    key=lambda i: hashlib.sha256(i.encode()).hexdigest())[:ideas]
    keep = set(chosen)
    return [s for s in sentences if s.idea in keep]


def sample_check(sentences: list[Sentence], embedder: Any, calibration: list[Answer] | None = None,
                 ) -> dict[str, Any]:
    """What `train` gives on the fixed sample (thresholds chosen with the whole calibration set): recorded in the
    head, repeated by the tests."""
    head = train(sample(sentences), embedder=embedder, calibration=calibration)
    return {"ideas": SAMPLE_IDEAS, "weights_l1": round(weights_l1(head), 6),
            "bias": round(head.bias, 6), "crisis_at": head.crisis_at, "gentle_at": head.gentle_at,
            "sure_at": head.sure_at}


def auc(scores: list[float], labels: list[bool]) -> float:
    """The chance that a crisis sentence scores above an ok one (ties count half)."""
    pairs = sorted(zip(scores, labels))
    below = total = 0.0
    i = 0
    while i < len(pairs):
        j = i
        while j < len(pairs) and pairs[j][0] == pairs[i][0]:
            j += 1
        pos = sum(1 for k in range(i, j) if pairs[k][1])
        neg = (j - i) - pos
        total += pos * below + pos * neg / 2
        below += neg
        i = j
    positives = sum(labels)
    return total / (positives * (len(labels) - positives)) if 0 < positives < len(labels) else 0.5


def corpus_digest(sentences: list[Sentence]) -> str:
    body = "\n".join(f"{s.idea}\t{s.lang}\t{s.crisis}\t{s.category}\t{s.text}" for s in sentences)
    return hashlib.sha256(body.encode()).hexdigest()[:16]


class _Cached:
    """An embedder that embeds each text once (training scores dev once per mix; the ablation trains five heads)."""

    def __init__(self, embedder: Any) -> None:
        self.inner = getattr(embedder, "inner", embedder)
        self.name, self.dim, self.memo = embedder.name, embedder.dim, getattr(embedder, "memo", {})

    def embed(self, texts: list[str]) -> Any:
        import numpy as np

        todo = [t for t in dict.fromkeys(texts) if t not in self.memo]
        if todo:
            self.memo.update(zip(todo, np.asarray(self.inner.embed(todo), dtype=np.float32)))
        return np.stack([self.memo[t] for t in texts])


def fit_ensemble(x: Any, y: Any, seed: int, strength: float) -> tuple[Any, Any, Any, float]:
    """`ENSEMBLE` hidden layers fitted from seeds `seed`, `seed + 1`, … as one wider layer whose output is their
    logits' mean (their output weights divided by their number, their biases averaged): the same head file and
    arithmetic as one net, with less of one start's quirks (dev AUC 0.946 → 0.950 with five, session 20)."""
    import numpy as np

    nets = [fit_hidden(x, y, seed + k, strength) for k in range(ENSEMBLE)]
    return (np.concatenate([n[0] for n in nets]), np.concatenate([n[1] for n in nets]),
            np.concatenate([n[2] for n in nets]) / len(nets), float(np.mean([n[3] for n in nets])))


def fit_hidden(x: Any, y: Any, seed: int, strength: float) -> tuple[Any, Any, Any, float]:
    """One hidden layer of `HIDDEN` relu units on the standardised embedding (scikit-learn's MLP, L-BFGS: full
    batches, so the seed is the only randomness), with the scaling folded into the first layer."""
    import numpy as np
    from sklearn.neural_network import MLPClassifier

    mean, std = x.mean(axis=0), x.std(axis=0) + 1e-6
    net = MLPClassifier((HIDDEN,), alpha=strength, solver="lbfgs", max_iter=500, random_state=seed)
    net.fit((x - mean) / std, y > 0)
    w1, w2 = net.coefs_[0].T / std, net.coefs_[1][:, 0]
    b1 = net.intercepts_[0] - w1 @ mean
    return w1.astype(np.float32), b1.astype(np.float32), w2, float(net.intercepts_[1][0])


def fit_ngrams(texts: list[str], y: Any) -> tuple[Any, float]:
    """The linear n-gram model (`bot.safety.ngrams`): L2 logistic regression, classes balanced."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from bot.safety.ngrams import matrix

    fit = LogisticRegression(C=NGRAM_C, max_iter=5000, class_weight="balanced").fit(matrix(texts, NGRAM_BITS), y > 0)
    return fit.coef_[0].astype(np.float32), float(fit.intercept_[0])


def dev_parts(sentences: list[Sentence]) -> tuple[list[Sentence], list[Sentence]]:
    """Dev's sentences as (learnt from, kept for choosing): `DEV_LEARNT` of its ideas, by their id's digest, are
    learnt from; the rest stay unseen, to choose the mix and thresholds on and for `bench` to report."""
    def learnt(idea: str) -> bool:
        return int(hashlib.sha256(f"dev-learnt:{idea}".encode()).hexdigest()[:8], 16) < DEV_LEARNT * 16 ** 8

    dev = part(sentences, "dev")
    return [s for s in dev if learnt(s.idea)], [s for s in dev if not learnt(s.idea)]


def _features(embedder: Any, rows: list[Sentence]) -> tuple[Any, Any]:
    import numpy as np

    return (np.asarray(embedder.embed([s.text for s in rows]), dtype=np.float64),
            np.asarray([1.0 if s.crisis else 0.0 for s in rows]))


def answers_digest(answers: list[Answer]) -> str:
    body = "\n".join(f"{a.idea}\t{a.lang}\t{a.crisis}\t{a.text}" for a in answers)
    return hashlib.sha256(body.encode()).hexdigest()[:16]


def train(sentences: list[Sentence], model: str = "use-m3", seed: int = 0, content_dir: Path | None = None,
          embedder: Any = None, calibration: list[Answer] | None = None) -> Head:
    """Fit the head on the train split and half of dev's ideas (`dev_parts`); choose its mix on the other half of
    dev, its thresholds on that half and (when given) the calibration answers, read through the screen as it runs
    (`Screen.readings`); the test split is never read."""
    import numpy as np

    embedder = _Cached(embedder or load_embedder(model))
    rules = AllRules.load(content_dir)
    learnt, dev_rows = dev_parts(sentences)
    train_rows = part(sentences, "train") + learnt
    x, y = _features(embedder, train_rows)
    verdicts = [rules.check(s.text) for s in dev_rows]
    evidence_only = unreliable_phrases(train_rows, [rules.check(s.text) for s in train_rows])
    ngram_w, ngram_b = fit_ngrams([s.text for s in train_rows], y)
    fits = []
    for strength in HIDDEN_L2:  # the strength and mix whose dev ranking is best, before any threshold is chosen
        w1, b1, w2, b2 = fit_ensemble(x, y, seed, strength)
        base = Head(embedder.name, tuple(float(v) for v in w2), b2, 0.5, 0.5, {}, evidence_only, w1, b1, ngram_w,
                    ngram_b, 0.0)
        for mix in MIXES:
            head = replace(base, mix=mix)
            dev_chances = Model(embedder, head).probabilities([s.text for s in dev_rows])
            fits.append((auc(dev_chances, [s.crisis for s in dev_rows]), -mix, -strength, head, dev_chances))
    dev_auc, _, strength, head, dev_chances = max(fits, key=lambda f: f[:3])
    readings = None
    screen = Screen(rules, Model(embedder, head))
    if calibration is not None:
        read = screen.readings([a.text for a in calibration])
        readings = [(a.crisis, v, p) for a, (v, p) in zip(calibration, read)]
    choice = choose_thresholds(dev_rows, verdicts, dev_chances, evidence_only, readings)
    plain = [(s.lang, s.text) for s in dev_rows if not s.crisis] + [(a.lang, a.text) for a in calibration or []
                                                                     if not a.crisis]
    sure_at = choose_sure([(lang, v, p, to_another_alone(text), not of_the_writer_alone(text)) for (lang, text), (v, p)
                           in zip(plain, screen.readings([t for _, t in plain], decisive=True))], choice.crisis_at)
    source = f"{len(dev_rows)} dev sentences not learnt from (precision floor {PRECISION_FLOOR}, everyday chat ≤ {ORDINARY_MAX})"
    if calibration is not None:
        ordinary_n = sum(not a.crisis for a in calibration)
        source += (f" and the calibration answers ({len({a.idea for a in calibration})} ideas: "
                   f"{ordinary_n} ordinary answers, {len(calibration) - ordinary_n} in danger; digest "
                   f"{answers_digest(calibration)}): the model adds crisis for ≤ {CALIBRATION_CRISIS_MAX:.1%} of its "
                   f"ordinary answers, crisis or gentle for ≤ {CALIBRATION_CONCERN_MAX:.1%}, beyond the rules' own")
    about = {"trained_on": f"{len(train_rows)} sentences ({len({s.idea for s in train_rows})} ideas: train and "
                           f"{DEV_LEARNT:.0%} of dev's)",
             "thresholds_from": source,
             "corpus": corpus_digest(train_rows), "seed": seed,
             "head": f"{ENSEMBLE} × {HIDDEN} relu units (l2 {-strength}, seeds {seed}–{seed + ENSEMBLE - 1}, logits "
                     f"averaged) + hashed n-grams (2**{NGRAM_BITS}, C {NGRAM_C}), mix {head.mix}",
             "dev_auc": round(dev_auc, 4),
             "package": f"{EMBEDDERS[embedder.name][0]} {package_version(embedder.name) or '?'}",
             "dev_worst_language": {"recall": round(choice.worst_recall, 3),
                                    "precision": round(choice.worst_precision, 3),
                                    "crisis_and_gentle": round(choice.worst_caught, 3)}}
    if choice.calibration is not None:
        about["calibration"] = {k: round(v, 4) for k, v in choice.calibration.items()}
    about["sure_from"] = (f"the default reading's crisis answer from the model alone reaches ≤ {SURE_ADDS_MAX:.1%} "
                          f"of the ordinary texts (dev's ok sentences not learnt from, the calibration set's ordinary "
                          f"answers) in each language, beyond the rules' own")
    return replace(head, crisis_at=choice.crisis_at, gentle_at=choice.gentle_at, sure_at=sure_at, about=about)


def weights_l1(head: Head) -> float:
    """Every weight of the head, summed by size: one figure that moves if any of them does."""
    import numpy as np

    parts = [head.weights, head.hidden, head.hidden_bias, head.ngram_weights]
    return float(sum(np.abs(np.asarray(p, dtype=np.float64)).sum() for p in parts if p is not None))


def _rss_mb() -> float:
    """This process's resident memory now. Not `ru_maxrss`: a child keeps its parent's high-water mark across
    exec, so under `--compare` (a parent holding both models) every growth read 0."""
    with open("/proc/self/statm", encoding="ascii") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def footprint(name: str, texts: list[str]) -> dict[str, float]:
    """Load time, memory growth and per-message latency of one embedder, in this (fresh) process."""
    before = _rss_mb()
    t0 = time.perf_counter()
    embedder = load_embedder(name)
    embedder.embed(["warm-up"])
    load_s = time.perf_counter() - t0
    times = []
    for text in texts:
        s0 = time.perf_counter()
        embedder.embed([text])
        times.append(time.perf_counter() - s0)
    times.sort()
    return {"load_s": load_s, "growth_mb": _rss_mb() - before,
            "p50_ms": times[len(times) // 2] * 1e3, "p99_ms": times[int(len(times) * 0.99)] * 1e3}


def _footprint_apart(name: str) -> dict[str, float]:
    """`footprint` in a fresh interpreter, so one model's memory never counts against the next."""
    import json
    import subprocess

    proc = subprocess.run([sys.executable, "-m", "bot.safety.train", "--footprint", name],
                          capture_output=True, text=True, timeout=600)
    return json.loads(proc.stdout) if proc.returncode == 0 else {}


def compare(sentences: list[Sentence], content_dir: Path | None = None) -> list[str]:
    """Every installed embedder, trained the same way and measured on dev through the screen itself: quality,
    latency, load, memory."""
    lines = []
    dev = dev_parts(sentences)[1]  # (the half `train` learns from would flatter every row)
    rules = AllRules.load(content_dir)
    for name in EMBEDDERS:
        try:
            embedder = load_embedder(name)
        except ModelUnavailable as exc:
            lines.append(f"{name}: not available ({exc})")
            continue
        head = train(sentences, name, content_dir=content_dir, embedder=embedder)
        screen = Screen(rules, Model(embedder, head))
        t = tally(dev, [r.level for r in screen.check_many([s.text for s in dev], "model-crisis")])
        f = _footprint_apart(name)
        per_lang = ", ".join(f"{lang} {t[lang].recall:.2f}/{t[lang].precision:.2f}/{t[lang].caught_share:.2f}"
                             for lang in LANGUAGES)
        lines.append(f"{name} ({head.about['package']}): load {f.get('load_s', 0):.2f} s, "
                     f"+{f.get('growth_mb', 0):.0f} MB, p50 {f.get('p50_ms', 0):.1f} ms, "
                     f"p99 {f.get('p99_ms', 0):.1f} ms; dev recall/precision/crisis+gentle: all "
                     f"{t['all'].recall:.3f}/{t['all'].precision:.3f}/{t['all'].caught_share:.3f}; {per_lang}; "
                     f"thresholds {head.crisis_at}/{head.gentle_at}")
    return lines


def ablation(sentences: list[Sentence], content_dir: Path | None = None) -> list[str]:
    """The head's parts, each trained as `train` does and scored through the screen on dev (thresholds chosen
    on dev too, so these figures flatter every row alike): what each part adds."""
    import numpy as np

    embedder = _Cached(load_embedder("use-m3"))
    rules = AllRules.load(content_dir)
    learnt, dev = dev_parts(sentences)
    train_rows = part(sentences, "train") + learnt
    x = np.asarray(embedder.embed([s.text for s in train_rows]), dtype=np.float64)
    y = np.asarray([1.0 if s.crisis else 0.0 for s in train_rows])
    verdicts = [rules.check(s.text) for s in dev]
    full = train(sentences, embedder=embedder, content_dir=content_dir)
    fits = [fit_standardised(x, y, strength) for strength in STRENGTHS]
    linear = max(fits, key=lambda f: auc(list(chances(np.asarray(embedder.embed([s.text for s in dev])), *f)),
                                         [s.crisis for s in dev]))
    plain = replace(full, weights=tuple(float(v) for v in linear[0]), bias=linear[1], hidden=None, hidden_bias=None)
    chat = [s for s, everyday in zip(dev, ordinary(dev)) if everyday]
    heads = {"logistic (session 7)": replace(plain, ngram_weights=None, mix=0.0),
             "hidden layer": replace(full, ngram_weights=None, mix=0.0),
             "n-grams alone": replace(full, mix=1.0),
             "logistic + n-grams": plain, "hidden layer + n-grams (shipped)": full}
    lines = []
    for name, head in heads.items():
        model = Model(embedder, head)
        p = model.probabilities([s.text for s in dev])
        choice = choose_thresholds(dev, verdicts, p, head.evidence_only)
        screen = Screen(rules, Model(embedder, replace(head, crisis_at=choice.crisis_at, gentle_at=choice.gentle_at)))
        t = tally(dev, [r.level for r in screen.check_many([s.text for s in dev], "model-crisis")])
        flags = [r.level for r in screen.check_many([s.text for s in chat], "model-crisis")]
        lines.append(f"{name}: dev AUC {auc(p, [s.crisis for s in dev]):.3f}; recall/precision all "
                     f"{t['all'].recall:.3f}/{t['all'].precision:.3f}, worst language "
                     f"{min(t[g].recall for g in LANGUAGES):.3f}/{min(t[g].precision for g in LANGUAGES):.3f}; "
                     f"crisis+gentle {t['all'].caught_share:.3f}; everyday chat flagged crisis "
                     f"{flags.count('crisis') / len(chat):.1%}, crisis or gentle "
                     f"{1 - flags.count('ok') / len(chat):.1%}; thresholds {choice.crisis_at}/{choice.gentle_at}")
    return lines


def _shown(path: Path) -> str:
    """A path as the head records it: from the repository's root when it is inside it (the same on any machine)."""
    try:
        return str(path.resolve().relative_to(CALIBRATION.parents[1]))
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.safety.train", description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="use-m3", choices=sorted(EMBEDDERS), help="embedding model (default: use-m3)")
    parser.add_argument("--seed", type=int, default=0, help="seeds the hidden layer's start")
    parser.add_argument("--out", type=Path, help="where to write the head (default: content/safety/head.json)")
    parser.add_argument("--freeze", action="store_true", help="write the frozen test-split manifest, then stop")
    parser.add_argument("--compare", action="store_true", help="measure every installed embedder on dev, then stop")
    parser.add_argument("--ablation", action="store_true", help="measure the head's parts on dev, then stop")
    parser.add_argument("--footprint", metavar="MODEL", help=argparse.SUPPRESS)
    parser.add_argument("--sample-check", action="store_true", help="print what training gives on the fixed sample")
    parser.add_argument("--calibration", type=Path, default=CALIBRATION,
                        help="check-in answers to choose the thresholds on (default: bench/checkin_calibration.tsv)")
    args = parser.parse_args(argv)
    sentences = read_corpus()
    if args.sample_check:
        import json

        print(json.dumps(sample_check(sentences, load_embedder(args.model), read_answers(args.calibration))))
        return 0
    if args.footprint:
        import json

        print(json.dumps(footprint(args.footprint, [s.text for s in part(sentences, "dev")][:300])))
        return 0
    if args.freeze:
        path = corpus_dir() / MANIFEST
        if path.exists():
            print(f"{path} exists: the test split is already frozen", file=sys.stderr)
            return 1
        path.write_text(manifest_of(sentences), encoding="utf-8")
        print(f"froze {sum(1 for s in part(sentences, 'test'))} test sentences in {path}")
        return 0
    check_frozen(sentences)
    if args.compare:
        print("\n".join(compare(sentences)))
        return 0
    if args.ablation:
        print("\n".join(ablation(sentences)))
        return 0
    embedder = load_embedder(args.model)
    calibration = read_answers(args.calibration)
    head = train(sentences, args.model, args.seed, embedder=embedder, calibration=calibration)
    head.about["sample_check"] = sample_check(sentences, embedder, calibration)
    head.about["calibration"]["file"] = _shown(args.calibration)
    out = args.out or head_path()
    out.write_text(head.to_json(), encoding="utf-8")
    print(f"wrote {out}: crisis at {head.crisis_at}, gentle at {head.gentle_at}, sure at {head.sure_at}; {head.about}")
    return 0


#: OpenBLAS picks its kernels by CPU, and its AVX-512 kernels round differently from its AVX2 ones, enough to move
#: the trained head (by 0.1 % here). Training pins the AVX2 kernels, which every x86-64 CPU since 2013 runs, so
#: the same command gives the same head on any such machine.
SAME_ARITHMETIC = {"OPENBLAS_CORETYPE": "Haswell"}


def same_arithmetic_everywhere() -> None:
    """Run this command again with the pinned kernels, once, where the CPU has them (numpy reads it at import)."""
    if any(key in os.environ for key in SAME_ARITHMETIC) or not can_pin_arithmetic():
        return
    os.execve(sys.executable, [sys.executable, "-m", "bot.safety.train", *sys.argv[1:]],
              {**os.environ, **SAME_ARITHMETIC})


def can_pin_arithmetic() -> bool:
    try:
        return " avx2" in Path("/proc/cpuinfo").read_text(encoding="ascii", errors="replace")
    except OSError:
        return False


if __name__ == "__main__":
    same_arithmetic_everywhere()
    raise SystemExit(main())
