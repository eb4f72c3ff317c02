"""Session 14: dev only. Each encoder at its head's thresholds, then at higher crisis thresholds: worst-language recall,
everyday chat, and the crisis rate on dev's ordinary check-in-register ideas (ok7/ok8) and recall on crisis7/crisis8.

    PYTHONPATH=. python bench/e5/devreg.py [--use] DEV_LOGITS.npy|NAME_logits.pkl:HEAD.json ...
(`bench/e5/devfig.py` writes both; `--use` adds main's USE-m3 head.)"""
import sys, json, pickle
from pathlib import Path
import numpy as np
sys.path.insert(0, ".")
from bot.safety.corpus import LANGUAGES, part, read_corpus
from bot.safety.evaluate import tally
from bot.safety.finetune import _Logits
from bot.safety.model import Model, load_embedder, load_head
from bot.safety.rules import AllRules
from bot.safety.screen import combine
from bot.safety.train import ordinary, GRID
S = read_corpus(); dev = part(S, "dev"); texts = [s.text for s in dev]
rules = AllRules.load(); verdicts = [rules.check(t) for t in texts]
chat = np.array(ordinary(dev)); reg_ok = np.array([s.idea.startswith(("ok7-", "ok8-")) for s in dev])
reg_cr = np.array([s.idea.startswith(("cr7-", "cr8-")) for s in dev])
print("dev check-in register: ok", reg_ok.sum(), "crisis", reg_cr.sum(), sorted({s.idea.split('-')[0] for s in dev}))
def row(name, p, head, c=None):
    c = head.crisis_at if c is None else c
    lv = np.array([combine(v, q, c, head.gentle_at, head.evidence_only) for v, q in zip(verdicts, p)])
    t = tally(dev, list(lv))
    print(f"{name:34s} crisis_at {c:.2f}: worst recall {min(t[g].recall for g in LANGUAGES):.3f} (prec >= {min(t[g].precision for g in LANGUAGES):.3f}); "
          f"chat {(lv[chat]=='crisis').mean():.1%}; register ok crisis {(lv[reg_ok]=='crisis').mean():.1%}; register crisis recall {(lv[reg_cr]=='crisis').mean():.3f}", flush=True)
if "--use" in sys.argv:
    h = load_head(Path("/work/main/content/safety/head.json")); p = Model(load_embedder(h.model), h).probabilities(texts)
    row("USE-m3 (main)", p, h)
for arg in sys.argv[1:]:
    if arg == "--use": continue
    npy, headf = arg.split(":")
    z = np.load(npy) if npy.endswith(".npy") else np.asarray([pickle.loads(Path(npy).read_bytes())[t] for t in texts], np.float32)
    h = load_head(Path(headf)); p = Model(_Logits(texts, z), h).probabilities(texts)
    row(Path(npy).stem, p, h)
    for c in [x for x in GRID if x > h.crisis_at][:6]:
        row("  raised", p, h, c)
