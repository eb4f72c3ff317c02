"""Scratch (session 15): e5 (session 14's candidate), USE-m3's head and their mix, thresholds from the CALIBRATION set.

    cd TREE_WITH_THE_PATCH && PYTHONPATH=. OMP_NUM_THREADS=1 nice -n 10 /tmp/e5venv/bin/python \\
        /work/wt/e5cal15/bench/e5/cal15.py --use-head /tmp/use_head.json [--e5-head content/safety/head.json] \\
        [--e5 content/safety/e5-screen.onnx] [--cache /tmp/cal15/cache.pkl] [--out /tmp/cal15/results.json]

TREE_WITH_THE_PATCH: main with `bench/e5/productize.patch` applied and `bench/e5/e5-screen.onnx` copied into
`content/safety/`; `--use-head` is main's `content/safety/head.json` saved before the patch replaced it.

The mixed logit is w · e5 (its head, its n-grams) + (1 − w) · USE-m3 (its head, its n-grams); w = 0 is USE alone,
w = 1 e5 alone. Everything is CHOSEN on `bench/checkin_calibration.tsv` only:

* crisis threshold: the lowest (on a 0.005 grid) at which at most CAP (1 %, also 2 %) of the calibration set's
  ordinary answers get the crisis answer;
* gentle threshold: the lowest ≤ crisis at which at most 6 % of them get crisis or gentle;
* w, over 0.1 … 0.9: by calibration AUC (the model's chance of every answer, as `train` reads dev; ties to the
  smaller w) and, apart, by the calibration set's danger caught as crisis at the 1 % cap (ties: then AUC, then the
  smaller w).

Levels are what `Screen.check_many` gives (rules first, `combine`, phrase sentences read apart, MODEL_MIN_WORDS):
the chance of each text is recorded once per w from the pieces Screen would read, and every chosen setting is then
run through `Screen` itself (asserted equal on the calibration set). The held-out check-in answers and the frozen
test split are only scored with the chosen settings, never used to choose; a paired bootstrap over the held-out
ideas says how sure each difference from USE is. Last, a DIAGNOSTIC that chooses nothing: per w, the held-out AUC
and the held-out danger caught at the crisis threshold that gives as many held-out ordinary answers the crisis
answer as USE does (with main's and with its calibration thresholds): which ranks the held-out answers better.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
from dataclasses import replace
from pathlib import Path

import numpy as np

from bench.screen import CHECKIN_CALIBRATION, flag_rates, ordinary_texts, read_checkin_answers
from bot.safety.corpus import LANGUAGES, check_frozen, part, read_corpus
from bot.safety.e5 import E5Screen
from bot.safety.evaluate import tally
from bot.safety.model import Model, load_embedder, load_head
from bot.safety.rules import AllRules
from bot.safety.screen import Screen, combine, model_reads
from bot.safety.train import auc

WEIGHTS = tuple(round(0.1 * i, 1) for i in range(11))
GRID = [round(x, 3) for x in np.arange(0.005, 1.0, 0.005)] + [0.996, 0.997, 0.998, 0.999]
CAPS = (0.01, 0.02)
GENTLE_CAP = 0.06


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.clip(np.asarray(z, dtype=np.float64), -60, 60)))


class Logits:
    """Both heads' logits (n-grams included), each text computed once (memo kept on disk between runs)."""

    def __init__(self, use: Model, e5: Model, cache: Path) -> None:
        self.use, self.e5, self.cache = use, e5, cache
        self.memo: dict[str, tuple[float, float]] = pickle.loads(cache.read_bytes()) if cache.exists() else {}

    def __call__(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        todo = [t for t in dict.fromkeys(texts) if t not in self.memo]
        for i in range(0, len(todo), 64):
            chunk = todo[i:i + 64]
            self.memo.update(zip(chunk, zip(map(float, self.use.logits(chunk)), map(float, self.e5.logits(chunk)))))
            self.cache.write_bytes(pickle.dumps(self.memo))
        return (np.asarray([self.memo[t][0] for t in texts]), np.asarray([self.memo[t][1] for t in texts]))


class Mixed:
    """What `Screen` needs of a model: `head` (thresholds, evidence_only), `name`, `probabilities`."""

    def __init__(self, logits: Logits, w: float, head) -> None:
        self.logits, self.w, self.head, self.name = logits, w, head, "mix"

    def probabilities(self, texts: list[str]) -> list[float]:
        zu, ze = self.logits(texts)
        return [float(p) for p in sigmoid(self.w * ze + (1 - self.w) * zu)]


class Reads:
    """Per text: the rules' verdict and the pieces `Screen.check_many` would give the model (none: chance 0)."""

    def __init__(self, screen: Screen, texts: list[str]) -> None:
        self.verdicts = [screen.rules.check(t) for t in texts]
        self.pieces: list[list[str]] = []
        for t, v in zip(texts, self.verdicts):
            if not model_reads(t) or screen._decisive(v):
                self.pieces.append([])
            else:
                self.pieces.append([t] + (screen._phrase_sentences(t) if v.fired else []))

    def chances(self, logits: Logits, w: float) -> np.ndarray:
        flat = [p for ps in self.pieces for p in ps]
        zu, ze = logits(flat) if flat else (np.zeros(0), np.zeros(0))
        p, out, k = sigmoid(w * ze + (1 - w) * zu), [], 0
        for ps in self.pieces:
            out.append(float(p[k:k + len(ps)].max()) if ps else 0.0)
            k += len(ps)
        return np.asarray(out)

    def levels(self, chances, crisis_at, gentle_at, ev) -> list[str]:
        return [combine(v, float(c), crisis_at, gentle_at, ev) for v, c in zip(self.verdicts, chances)]


def choose(reads: Reads, chances, ok_mask, ev, cap: float) -> tuple[float, float]:
    n_ok = int(ok_mask.sum())
    crisis_at = None
    for c in GRID:  # crisis count on ordinary answers only falls as c rises: the first c under the cap
        lv = reads.levels(chances, c, c, ev)
        if sum(1 for x, o in zip(lv, ok_mask) if o and x == "crisis") <= cap * n_ok:
            crisis_at = c
            break
    crisis_at = crisis_at if crisis_at is not None else 1.0
    gentle_at = crisis_at
    for g in GRID:
        if g > crisis_at:
            break
        lv = reads.levels(chances, crisis_at, g, ev)
        if sum(1 for x, o in zip(lv, ok_mask) if o and x != "ok") <= GENTLE_CAP * n_ok:
            gentle_at = g
            break
    return crisis_at, gentle_at


def rates(levels, answers):
    """(ordinary: crisis, crisis or gentle), (danger: crisis, crisis or gentle), per language and all."""
    out = {}
    for lang in ("all", *LANGUAGES):
        ok = [lv for lv, a in zip(levels, answers) if not a.crisis and lang in ("all", a.lang)]
        cr = [lv for lv, a in zip(levels, answers) if a.crisis and lang in ("all", a.lang)]
        out[lang] = {"ok_crisis": ok.count("crisis") / len(ok), "ok_concern": 1 - ok.count("ok") / len(ok),
                     "danger_crisis": cr.count("crisis") / len(cr), "danger_concern": 1 - cr.count("ok") / len(cr),
                     "n_ok": len(ok), "n_danger": len(cr)}
    return out


def bootstrap(levels, base, answers, n=2000, seed=0):
    """Paired bootstrap over held-out ideas (all five languages of an idea together): the share of resamples in
    which the config catches more danger as crisis than `base`, and in which it gives fewer ordinary answers
    crisis; and 90 % intervals of both differences."""
    ideas = sorted({a.idea for a in answers})
    by = {i: [] for i in ideas}
    for k, a in enumerate(answers):
        by[a.idea].append(k)
    rng = random.Random(seed)
    d_danger, d_ok = [], []
    for _ in range(n):
        pick = [k for i in (rng.choice(ideas) for _ in ideas) for k in by[i]]
        cr = [k for k in pick if answers[k].crisis]
        ok = [k for k in pick if not answers[k].crisis]
        d_danger.append((sum(levels[k] == "crisis" for k in cr) - sum(base[k] == "crisis" for k in cr)) / len(cr))
        d_ok.append((sum(levels[k] == "crisis" for k in ok) - sum(base[k] == "crisis" for k in ok)) / len(ok))
    q = lambda xs: [round(float(np.quantile(xs, 0.05)), 4), round(float(np.quantile(xs, 0.95)), 4)]
    return {"p_more_danger": round(float(np.mean(np.asarray(d_danger) > 0)), 3),
            "p_fewer_ok_crisis": round(float(np.mean(np.asarray(d_ok) < 0)), 3),
            "p_both": round(float(np.mean((np.asarray(d_danger) >= 0) & (np.asarray(d_ok) <= 0)
                                          & ((np.asarray(d_danger) > 0) | (np.asarray(d_ok) < 0)))), 3),
            "danger_diff_90": q(d_danger), "ok_crisis_diff_90": q(d_ok)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--use-head", default="/tmp/use_head.json")
    ap.add_argument("--e5-head", default="content/safety/head.json")
    ap.add_argument("--e5", default="content/safety/e5-screen.onnx")
    ap.add_argument("--cache", default="/tmp/cal15/cache.pkl")
    ap.add_argument("--out", default="/tmp/cal15/results.json")
    args = ap.parse_args()
    Path(args.cache).parent.mkdir(parents=True, exist_ok=True)

    sentences = read_corpus()
    check_frozen(sentences)
    test = part(sentences, "test")
    rules = AllRules.load()
    use_head, e5_head = load_head(Path(args.use_head)), load_head(Path(args.e5_head))
    assert use_head.model == "use-m3" and e5_head.model == "e5-small-ft"
    assert tuple(use_head.evidence_only) == tuple(e5_head.evidence_only)
    ev = use_head.evidence_only
    logits = Logits(Model(load_embedder("use-m3"), use_head), Model(E5Screen(Path(args.e5)), e5_head),
                    Path(args.cache))
    probe = Screen(rules, Mixed(logits, 0.0, use_head))  # type: ignore[arg-type]

    cal = read_checkin_answers(CHECKIN_CALIBRATION)
    held = read_checkin_answers()
    cal_reads, held_reads = Reads(probe, [a.text for a in cal]), Reads(probe, [a.text for a in held])
    cal_ok = np.asarray([not a.crisis for a in cal])
    y = [a.crisis for a in cal]
    results: dict = {"calibration": {}, "chosen": {}, "configs": {}}

    # --- choosing, on the calibration set only ---
    table = {}
    zu_cal, ze_cal = logits([a.text for a in cal])
    for w in WEIGHTS:
        ch = cal_reads.chances(logits, w)
        a = auc(list(sigmoid(w * ze_cal + (1 - w) * zu_cal)), y)  # the model's chance of every answer, as `train`
        row = {"auc": round(a, 4)}
        for cap in CAPS:
            c, g = choose(cal_reads, ch, cal_ok, ev, cap)
            r = rates(cal_reads.levels(ch, c, g, ev), cal)["all"]
            row[f"cap{cap}"] = {"crisis_at": c, "gentle_at": g, **{k: round(v, 4) for k, v in r.items()}}
        table[w] = row
        results["calibration"][str(w)] = row
        r1 = row["cap0.01"]
        print(f"calibration w={w:.1f}: AUC {a:.4f}; cap 1 %: {r1['crisis_at']}/{r1['gentle_at']} danger "
              f"{r1['danger_crisis']:.3f}/{r1['danger_concern']:.3f} ordinary {r1['ok_crisis']:.1%}/"
              f"{r1['ok_concern']:.1%}; cap 2 %: danger {row['cap0.02']['danger_crisis']:.3f} ordinary "
              f"{row['cap0.02']['ok_crisis']:.1%} ({row['cap0.02']['crisis_at']}/{row['cap0.02']['gentle_at']})",
              flush=True)
    inner = [w for w in WEIGHTS if 0 < w < 1]
    w_auc = max(inner, key=lambda w: (table[w]["auc"], -w))
    w_rec = max(inner, key=lambda w: (table[w]["cap0.01"]["danger_crisis"], table[w]["auc"], -w))
    results["chosen"] = {"w_by_auc": w_auc, "w_by_recall_at_1pct": w_rec}
    print(f"chosen on calibration: w={w_auc} by AUC, w={w_rec} by danger caught at the 1 % cap", flush=True)

    configs = {"USE head, dev thresholds (main)": (0.0, use_head.crisis_at, use_head.gentle_at),
               "e5, dev thresholds (patch head)": (1.0, e5_head.crisis_at, e5_head.gentle_at)}
    for cap in CAPS:
        for name, w in (("USE", 0.0), ("e5", 1.0), (f"mix w={w_auc} (AUC)", w_auc),
                        *(((f"mix w={w_rec} (recall)", w_rec),) if w_rec != w_auc else ())):
            s = table[w][f"cap{cap}"]
            configs[f"{name}, calibration cap {cap:.0%}"] = (w, s["crisis_at"], s["gentle_at"])

    # --- scoring the chosen settings through Screen itself ---
    groups = ordinary_texts(sentences)
    base_levels = None
    for name, (w, c, g) in configs.items():
        head = replace(use_head, crisis_at=c, gentle_at=g)
        screen = Screen(rules, Mixed(logits, w, head))  # type: ignore[arg-type]
        cal_lv = [r.level for r in screen.check_many([a.text for a in cal])]
        assert cal_lv == cal_reads.levels(cal_reads.chances(logits, w), c, g, ev), name
        held_lv = [r.level for r in screen.check_many([a.text for a in held])]
        assert held_lv == held_reads.levels(held_reads.chances(logits, w), c, g, ev), name
        t = tally(test, [r.level for r in screen.check_many([s.text for s in test])])
        flags = flag_rates(screen, groups)
        hr = rates(held_lv, held)
        if base_levels is None:
            base_levels = held_lv  # USE with main's thresholds: the screen to beat
        out = {"w": w, "crisis_at": c, "gentle_at": g, "calibration": rates(cal_lv, cal)["all"], "held": hr,
               "vs_main": bootstrap(held_lv, base_levels, held),
               "test": {k: {"recall": round(t[k].recall, 3), "precision": round(t[k].precision, 3),
                            "caught": round(t[k].caught_share, 3)} for k in ("all", *LANGUAGES)},
               "ordinary": {k: [round(x, 6) for x in v] for k, v in flags.items()}}
        if flags["Hearth's texts"][1] > 0:
            out["texts_in_crisis"] = [x for x, r in zip(groups["Hearth's texts"],
                                                        screen.check_many(groups["Hearth's texts"])) if r.crisis]
        results["configs"][name] = out
        h = hr["all"]
        print(f"\n== {name}: w={w} crisis_at {c} gentle_at {g}")
        print(f"calibration: danger {out['calibration']['danger_crisis']:.3f}/{out['calibration']['danger_concern']:.3f}"
              f" ordinary {out['calibration']['ok_crisis']:.1%}/{out['calibration']['ok_concern']:.1%}")
        print(f"held-out danger ({h['n_danger']}): crisis {h['danger_crisis']:.3f} / c+g {h['danger_concern']:.3f}; "
              + ", ".join(f"{k} {hr[k]['danger_crisis']:.3f}" for k in LANGUAGES))
        print(f"held-out ordinary ({h['n_ok']}): crisis {h['ok_crisis']:.1%} / c+g {h['ok_concern']:.1%}; "
              + ", ".join(f"{k} {hr[k]['ok_crisis']:.1%}" for k in LANGUAGES))
        print(f"vs main: {out['vs_main']}")
        print("test recall    " + " / ".join(f"{k} {t[k].recall:.3f}" for k in LANGUAGES))
        print("test precision " + " / ".join(f"{k} {t[k].precision:.3f}" for k in LANGUAGES))
        print("test c+gentle  " + " / ".join(f"{k} {t[k].caught_share:.3f}" for k in LANGUAGES))
        for k, (n, cr, cg) in flags.items():
            print(f"  {k} ({n}): crisis {cr:.1%} / c+g {cg:.1%}")
        if "texts_in_crisis" in out:
            print(f"  Hearth's texts in crisis: {out['texts_in_crisis']}")
        Path(args.out).write_text(json.dumps(results, indent=1, ensure_ascii=False))

    # --- diagnostic on the held-out set (chooses nothing) ---
    zu_h, ze_h = logits([a.text for a in held])
    yh = [a.crisis for a in held]
    held_ok = [not a.crisis for a in held]
    diag = {}
    for label, cfg in (("main", "USE head, dev thresholds (main)"), ("USE cal 1%", "USE, calibration cap 1%")):
        budget = round(results["configs"][cfg]["held"]["all"]["ok_crisis"] * sum(held_ok))
        for w in WEIGHTS:
            ch = held_reads.chances(logits, w)
            best = None
            for c in GRID:
                lv = held_reads.levels(ch, c, c, ev)
                if sum(1 for x, o in zip(lv, held_ok) if o and x == "crisis") <= budget:
                    best = (float(c), sum(1 for x, o in zip(lv, held_ok) if not o and x == "crisis") / (len(yh) - sum(held_ok)))
                    break
            d = diag.setdefault(str(w), {"held_auc": round(auc(list(sigmoid(w * ze_h + (1 - w) * zu_h)), yh), 4)})
            d[f"danger_at_{label}_budget_{budget}"] = [best[0], round(best[1], 4)] if best else None
    # how many ordinary ideas (any language) each set has with an e5 chance at or above e5's 1 % calibration threshold
    c_e5 = results["configs"]["e5, calibration cap 1%"]["crisis_at"]
    for label, answers in (("calibration", cal), ("held-out", held)):
        ok = [a for a in answers if not a.crisis]
        _, ze = logits([a.text for a in ok])
        hot = {a.idea for a, z in zip(ok, sigmoid(ze)) if z >= c_e5}
        diag[f"{label} ordinary ideas with e5 >= {c_e5}"] = f"{len(hot)} of {len({a.idea for a in ok})}"
    results["held_out_diagnostic"] = diag
    for w, d in diag.items():
        print(f"diagnostic w={w}: " + (", ".join(f"{k} {v}" for k, v in d.items()) if isinstance(d, dict) else d))
    Path(args.out).write_text(json.dumps(results, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
