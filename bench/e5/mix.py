"""Scratch (session 14): e5 full8_s1 (its n-gram head) mixed with the USE-m3 head, against each alone.

    PYTHONPATH=. /tmp/e5venv/bin/python bench/e5/mix.py [--e5 /tmp/e5full/full8_s1.onnx]
        [--e5-head /tmp/e5full/full8_s1_head.json] [--cache /tmp/mix14/cache.pkl] [--repeat 2]

The mix's logit is w · (e5 head's logit, its own n-grams included) + (1 − w) · (USE-m3 head's logit, its n-grams
included; main's content/safety/head.json). On DEV ONLY: w in WEIGHTS by dev AUC (as `train` and `finetune` choose
the n-gram share), then the thresholds by `choose_thresholds` under three rules: `train` (precision floor 0.92 per
language, gentle at most 5 % of everyday chat), `ft` (+ crisis at most 2 % of everyday chat: `finetune` before
session 14) and `reg` (+ crisis at most 3 % of dev's check-in-register ok ideas, ok7/ok8: `finetune` now). Then
the chosen settings go through `Screen` itself (rules first, cancellations, phrase sentences, MODEL_MIN_WORDS) on
the test split, the held-out check-in answers and bench.screen's ordinary texts. The test split and the held-out
answers are only scored, never used to choose anything.
"""

from __future__ import annotations

import argparse
import json
import pickle
import subprocess
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from bench.screen import HELD_OUT_CRISIS, HELD_OUT_OK, held_out_rates, ordinary_texts, read_checkin_answers, \
    flag_rates
from bot.safety.corpus import LANGUAGES, check_frozen, part, read_corpus
from bot.safety.e5 import E5Screen
from bot.safety.evaluate import tally
from bot.safety.model import Model, head_path, load_embedder, load_head
from bot.safety.rules import AllRules
from bot.safety.screen import Screen
from bot.safety.train import auc, checkin_register, choose_thresholds, ordinary

WEIGHTS = (0.3, 0.4, 0.5, 0.6, 0.7)
RULES = {"train": {}, "ft": {"crisis_ordinary_max": 0.02},
         "reg": {"crisis_ordinary_max": 0.02, "crisis_register_max": 0.03}}


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.clip(np.asarray(z, dtype=np.float64), -60, 60)))


class Logits:
    """Both heads' logits, each text computed once (memo kept on disk between runs)."""

    def __init__(self, use: Model, e5: Model, cache: Path) -> None:
        self.use, self.e5, self.cache = use, e5, cache
        self.memo: dict[str, tuple[float, float]] = pickle.loads(cache.read_bytes()) if cache.exists() else {}

    def __call__(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        todo = [t for t in dict.fromkeys(texts) if t not in self.memo]
        for i in range(0, len(todo), 64):
            chunk = todo[i:i + 64]
            self.memo.update(zip(chunk, zip(map(float, self.use.logits(chunk)), map(float, self.e5.logits(chunk)))))
        if todo:
            self.cache.write_bytes(pickle.dumps(self.memo))
        return (np.asarray([self.memo[t][0] for t in texts]), np.asarray([self.memo[t][1] for t in texts]))


class Mixed:
    """What `Screen` needs of a model: `head` (thresholds, evidence_only), `name`, `probabilities`."""

    def __init__(self, logits: Logits, w: float, head) -> None:
        self.logits, self.w, self.head, self.name = logits, w, head, "use-m3"

    def probabilities(self, texts: list[str]) -> list[float]:
        zu, ze = self.logits(texts)
        return [float(p) for p in sigmoid(self.w * ze + (1 - self.w) * zu)]


class Live:
    """The same mix, computed afresh for every call (for timing: no memo)."""

    def __init__(self, use: Model, e5: Model, w: float, head) -> None:
        self.use, self.e5, self.w, self.head, self.name = use, e5, w, head, "use-m3"

    def probabilities(self, texts: list[str]) -> list[float]:
        if self.w == 0:
            z = self.use.logits(texts)
        elif self.w == 1:
            z = self.e5.logits(texts)
        else:
            z = self.w * self.e5.logits(texts) + (1 - self.w) * self.use.logits(texts)
        return [float(p) for p in sigmoid(z)]


def dev_figures(dev, verdicts, p, evidence_only, choice):
    from bot.safety.screen import combine

    levels = [combine(v, x, choice.crisis_at, choice.gentle_at, evidence_only) for v, x in zip(verdicts, p)]
    t = tally(dev, levels)
    chat = [lv for lv, e in zip(levels, ordinary(dev)) if e]
    reg = [lv for lv, e in zip(levels, checkin_register(dev)) if e]
    refl = [lv for lv, s in zip(levels, dev) if s.category == "reflective"]
    far = t.get("category:farewell")
    return {"worst_recall": min(t[g].recall for g in LANGUAGES), "worst_precision": min(t[g].precision for g in LANGUAGES),
            "worst_caught": min(t[g].caught_share for g in LANGUAGES),
            "chat": (chat.count("crisis") / len(chat), 1 - chat.count("ok") / len(chat)),
            "register_crisis": reg.count("crisis") / len(reg),
            "reflective_crisis": refl.count("crisis") / len(refl) if refl else None,
            "farewell_recall": far.recall if far else None}


def pct(xs):
    xs = sorted(xs)
    return xs[len(xs) // 2] * 1e3, xs[int(len(xs) * 0.99)] * 1e3


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--e5", default="/tmp/e5full/full8_s1.onnx")
    ap.add_argument("--e5-head", default="/tmp/e5full/full8_s1_head.json")
    ap.add_argument("--e5-reg-head", default="/tmp/e5full/full8_s1_reg_head.json")
    ap.add_argument("--e5-dev", default="/tmp/e5full/full8_s1_dev.npy")
    ap.add_argument("--cache", default="/tmp/mix14/cache.pkl")
    ap.add_argument("--out", default="/tmp/mix14/results.json")
    ap.add_argument("--repeat", type=int, default=2, help="passes over the test split for the CPU time")
    ap.add_argument("--no-timing", action="store_true")
    ap.add_argument("--also", type=float, nargs="*", default=[0.5],
                    help="mix weights also scored (with dev's thresholds), fixed beforehand: session 12's 1/2 : 1/2")
    args = ap.parse_args()
    Path(args.cache).parent.mkdir(parents=True, exist_ok=True)

    sentences = read_corpus()
    check_frozen(sentences)
    dev, test = part(sentences, "dev"), part(sentences, "test")
    rules = AllRules.load()
    use_head = load_head(head_path())  # main's head (the patch's head.json was not applied)
    assert use_head.model == "use-m3", use_head.model
    use = Model(load_embedder("use-m3"), use_head)
    e5_head = load_head(Path(args.e5_head))
    e5_reg_head = load_head(Path(args.e5_reg_head))
    e5 = Model(E5Screen(Path(args.e5)), e5_head)
    assert use_head.evidence_only == e5_head.evidence_only
    logits = Logits(use, e5, Path(args.cache))

    t0 = time.perf_counter()
    zu, ze = logits([s.text for s in dev])
    print(f"dev logits: {len(dev)} sentences ({time.perf_counter() - t0:.0f} s)", flush=True)
    if Path(args.e5_dev).exists():  # the encoder's own dev logits, as the trainer wrote them: same file, same CPU?
        enc = np.load(args.e5_dev).astype(np.float64)
        from bot.safety.ngrams import scores

        again = (1 - e5_head.mix) * enc + e5_head.mix * scores([s.text for s in dev], e5_head.ngram_weights,
                                                               e5_head.ngram_bias)
        print(f"e5 dev logits vs {args.e5_dev}: max |diff| {np.abs(again - ze).max():.2e}", flush=True)
    y = [s.crisis for s in dev]
    verdicts = [rules.check(s.text) for s in dev]
    ev = use_head.evidence_only
    results: dict = {"dev": {}, "chosen": {}, "screen": {}}
    rows = {}
    for w in (0.0, *WEIGHTS, 1.0):
        p = sigmoid(w * ze + (1 - w) * zu)
        a = auc(list(p), y)
        for rule, caps in RULES.items():
            choice = choose_thresholds(dev, verdicts, list(p), ev, **caps)
            fig = dev_figures(dev, verdicts, p, ev, choice)
            rows[w, rule] = (a, choice, fig)
            results["dev"][f"w={w} {rule}"] = {"auc": round(a, 4), "crisis_at": choice.crisis_at,
                                                "gentle_at": choice.gentle_at, **fig}
            print(f"dev w={w:.1f} {rule:5}: AUC {a:.4f} thresholds {choice.crisis_at}/{choice.gentle_at} "
                  f"worst recall {fig['worst_recall']:.3f} prec {fig['worst_precision']:.3f} "
                  f"c+g {fig['worst_caught']:.3f} farewells {fig['farewell_recall']:.2f} chat "
                  f"{fig['chat'][0]:.1%}/{fig['chat'][1]:.1%} register ok crisis {fig['register_crisis']:.1%} "
                  f"reflective {fig['reflective_crisis']:.1%}", flush=True)
    # The mix weight: best dev AUC among WEIGHTS (as train/finetune pick the n-gram share); ties to the
    # smaller e5 share. Also said: the weight a 'best worst-language recall under the caps' rule would pick.
    w_auc = max(WEIGHTS, key=lambda w: (rows[w, "train"][0], -w))
    results["chosen"]["w_by_auc"] = w_auc
    for rule in RULES:
        w_rec = max(WEIGHTS, key=lambda w: (rows[w, rule][2]["worst_recall"], rows[w, rule][0]))
        results["chosen"][f"w_by_worst_recall_{rule}"] = w_rec
    print(f"chosen on dev: w={w_auc} (AUC); by worst recall: "
          + ", ".join(f"{r} {results['chosen'][f'w_by_worst_recall_{r}']}" for r in RULES), flush=True)

    configs = {"USE head (main)": (0.0, use_head.crisis_at, use_head.gentle_at),
               f"e5 {Path(args.e5).stem} (its head)": (1.0, e5_head.crisis_at, e5_head.gentle_at),
               f"e5 {Path(args.e5).stem} (reg head)": (1.0, e5_reg_head.crisis_at, e5_reg_head.gentle_at)}
    for rule in RULES:
        c = rows[w_auc, rule][1]
        configs[f"mix w={w_auc} {rule}"] = (w_auc, c.crisis_at, c.gentle_at)
    for rule in RULES:
        w = results["chosen"][f"w_by_worst_recall_{rule}"]
        if w != w_auc:
            c = rows[w, rule][1]
            configs[f"mix w={w} {rule} (by worst recall)"] = (w, c.crisis_at, c.gentle_at)

    for w in args.also:
        if w != w_auc:
            for rule in ("ft", "reg"):
                c = rows[w, rule][1]
                configs[f"mix w={w} {rule} (fixed beforehand)"] = (w, c.crisis_at, c.gentle_at)
    answers = read_checkin_answers()
    groups = ordinary_texts(sentences)
    for name, (w, crisis_at, gentle_at) in configs.items():
        head = replace(use_head, crisis_at=crisis_at, gentle_at=gentle_at)
        screen = Screen(rules, Mixed(logits, w, head))  # type: ignore[arg-type]
        t = tally(test, [r.level for r in screen.check_many([s.text for s in test])])
        held = held_out_rates(screen, answers)
        flags = flag_rates(screen, groups)
        out = {"w": w, "crisis_at": crisis_at, "gentle_at": gentle_at,
               "test": {g: {"recall": round(t[g].recall, 3), "precision": round(t[g].precision, 3),
                            "caught": round(t[g].caught_share, 3)} for g in ("all", *LANGUAGES)},
               "test_categories": {k.removeprefix("category:"): round(v.recall, 3) for k, v in t.items()
                                   if k.startswith("category:") and v.tp + v.fn},
               "held_ok": {k: [round(x, 4) for x in v] for k, v in held[HELD_OUT_OK].items()},
               "held_crisis": {k: [round(x, 4) for x in v] for k, v in held[HELD_OUT_CRISIS].items()},
               "ordinary": {k: [round(x, 4) for x in v] for k, v in flags.items()}}
        results["screen"][name] = out
        ho, hc = held[HELD_OUT_OK]["all"], held[HELD_OUT_CRISIS]["all"]
        print(f"\n== {name}: w={w} crisis_at {crisis_at} gentle_at {gentle_at}")
        print("test recall   " + " / ".join(f"{g} {t[g].recall:.3f}" for g in LANGUAGES))
        print("test precision" + " / ".join(f" {g} {t[g].precision:.3f}" for g in LANGUAGES))
        print("test c+gentle " + " / ".join(f"{g} {t[g].caught_share:.3f}" for g in LANGUAGES))
        print(f"held-out ordinary ({ho[0]}): crisis {ho[1]:.1%} / c+g {ho[2]:.1%}; "
              + ", ".join(f"{g} {held[HELD_OUT_OK][g][1]:.1%}" for g in LANGUAGES))
        print(f"held-out danger ({hc[0]}): crisis {hc[1]:.3f} / c+g {hc[2]:.3f}; "
              + ", ".join(f"{g} {held[HELD_OUT_CRISIS][g][1]:.3f}" for g in LANGUAGES))
        for k, (n, c, g) in flags.items():
            print(f"  {k} ({n}): crisis {c:.1%} / c+g {g:.1%}")
        if flags["Hearth's texts"][2] > 0:
            hits = [(x, r.level) for x, r in zip(groups["Hearth's texts"], screen.check_many(groups["Hearth's texts"]))
                    if r.level != "ok"]
            print(f"  Hearth's texts flagged: {hits}")
        Path(args.out).write_text(json.dumps(results, indent=1, ensure_ascii=False))

    if not args.no_timing:
        texts = [s.text for s in test]
        w_mix = w_auc
        c = rows[w_auc, "reg"][1]
        timing = {}
        for name, w, ca, ga in (("rules only", None, 0, 0), ("USE head", 0.0, use_head.crisis_at, use_head.gentle_at),
                                (f"e5 {Path(args.e5).stem}", 1.0, e5_head.crisis_at, e5_head.gentle_at),
                                (f"mix w={w_mix}", w_mix, c.crisis_at, c.gentle_at)):
            screen = Screen(rules, None if w is None else Live(use, e5, w, replace(use_head, crisis_at=ca,  # type: ignore[arg-type]
                                                                                   gentle_at=ga)))
            cpu, wall = [], []
            for rep in range(args.repeat):
                for x in texts:
                    w0, c0 = time.perf_counter(), time.thread_time()
                    screen.check(x)
                    if rep:
                        wall.append(time.perf_counter() - w0)
                        cpu.append(time.thread_time() - c0)
            load = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
            timing[name] = {"cpu_p50_p99_ms": pct(cpu), "wall_p50_p99_ms": pct(wall), "uptime": load}
            print(f"timing {name}: thread CPU p50 {pct(cpu)[0]:.2f} / p99 {pct(cpu)[1]:.2f} ms; wall p50 "
                  f"{pct(wall)[0]:.2f} / p99 {pct(wall)[1]:.2f} ms ({len(cpu)} messages); {load}", flush=True)
        results["timing"] = timing
        Path(args.out).write_text(json.dumps(results, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
