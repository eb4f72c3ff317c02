"""Scratch (session 14): dev check-in register (ok7/ok8 vs cr7/cr8), model alone: recall at 2/3/5 % of the ok ideas, per mix weight. PYTHONPATH=. python bench/e5/mix_devreg.py CACHE.pkl (from mix.py)"""
import pickle, sys, numpy as np
from bot.safety.corpus import part, read_corpus
memo = pickle.loads(open(sys.argv[1], "rb").read())
dev = part(read_corpus(), "dev")
reg = [s for s in dev if s.idea.split("-")[0] in ("ok7", "ok8", "cr7", "cr8")]
y = np.asarray([s.crisis for s in reg])
for w in (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 1.0):
    z = np.asarray([w * memo[s.text][1] + (1 - w) * memo[s.text][0] for s in reg])
    out = []
    for fpr in (0.02, 0.03, 0.05):
        ok = np.sort(z[~y]); cut = ok[int(np.ceil(len(ok) * (1 - fpr)))]
        out.append(f"at {fpr:.0%} ok {(z[y] >= cut).mean():.3f}")
    print(f"w={w}: dev register recall (model alone) " + ", ".join(out))
