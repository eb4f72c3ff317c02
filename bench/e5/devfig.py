"""Session 13: dev figures of a fine-tuned encoder as `bot.safety.finetune` would ship it: the head built over its
dev logits by `head_from_logits` (n-grams, their share by dev AUC, thresholds by `choose_thresholds` with the 2 %
everyday-chat cap), then AUC, worst-language recall (every language's precision >= 0.92), farewells, everyday
chat and reflective answers at those thresholds. `--use` adds the USE-m3 head of main, at its own thresholds.

    PYTHONPATH=. python bench/e5/devfig.py [--use] [--write-head] ENCODER.onnx|DEV_LOGITS.npy ...
An .onnx is scored (8 bits, as the screen runs it) and its dev logits cached beside it as NAME_dev.npy."""
import argparse, sys
from pathlib import Path

import numpy as np

sys.path.insert(0, ".")
from bot.safety.corpus import LANGUAGES, part, read_corpus
from bot.safety.evaluate import tally
from bot.safety.finetune import _Logits, head_from_logits
from bot.safety.model import Model, load_embedder, load_head
from bot.safety.rules import AllRules
from bot.safety.screen import combine
from bot.safety.train import auc, ordinary

ap = argparse.ArgumentParser()
ap.add_argument("files", nargs="*"); ap.add_argument("--use", action="store_true")
ap.add_argument("--use-head", default="/work/main/content/safety/head.json")
ap.add_argument("--write-head", help="write the last file's head here")
ap.add_argument("--fixed-head", help="also score each file's logits through this e5 head as it is (its n-grams, mix, "
                "thresholds), e.g. session 12's")
a = ap.parse_args()
S = read_corpus(); dev = part(S, "dev"); texts = [s.text for s in dev]
rules = AllRules.load(); verdicts = [rules.check(t) for t in texts]
chat = np.array(ordinary(dev)); refl = np.array([s.category == "reflective" for s in dev])
y = [s.crisis for s in dev]
print(f"dev: {len(dev)} sentences, {len({s.idea for s in dev})} ideas; everyday chat {chat.sum()}, reflective {refl.sum()}")


def figures(name, model, head):
    p = model.probabilities(texts)
    lv = np.array([combine(v, q, head.crisis_at, head.gentle_at, head.evidence_only) for v, q in zip(verdicts, p)])
    t = tally(dev, list(lv))
    worst = min(t[g].recall for g in LANGUAGES); prec = min(t[g].precision for g in LANGUAGES)
    print(f"{name:28s} AUC {auc(p, y):.4f} worst-language recall {worst:.3f} (precision >= {prec:.3f}) "
          f"crisis at {head.crisis_at} gentle at {head.gentle_at}; farewells {t['category:farewell'].recall:.2f}; "
          f"everyday chat crisis {(lv[chat] == 'crisis').mean():.1%} / crisis or gentle {(lv[chat] != 'ok').mean():.1%};"
          f" reflective crisis {(lv[refl] == 'crisis').mean():.1%}; "
          + " ".join(f"{g} {t[g].recall:.3f}/{t[g].precision:.3f}" for g in LANGUAGES), flush=True)


if a.use:
    head = load_head(Path(a.use_head))
    figures("USE-m3 head (main)", Model(load_embedder(head.model), head), head)
for f in a.files:
    f = Path(f)
    if f.suffix == ".onnx":  # logits cached per text beside the file (NAME_logits.pkl), computed where missing
        import pickle
        cache = f.with_name(f.stem + "_logits.pkl")
        memo = pickle.loads(cache.read_bytes()) if cache.exists() else {}
        todo = sorted({t for t in texts if t not in memo})
        if todo:
            from bot.safety.e5 import E5Screen
            memo.update(zip(todo, np.asarray(E5Screen(f).embed(todo))[:, 0].tolist()))
            cache.write_bytes(pickle.dumps(memo))
        z, f = np.asarray([memo[t] for t in texts], np.float32), cache
    else:
        z = np.load(f)
    if a.fixed_head:
        fixed = load_head(Path(a.fixed_head))
        figures(f.stem + " + fixed head", Model(_Logits(texts, z), fixed), fixed)
    head = head_from_logits(S, z)
    figures(f.stem + " + head refit", Model(_Logits(texts, z), head), head)
    if a.write_head:
        Path(a.write_head).write_text(head.to_json(), encoding="utf-8")
