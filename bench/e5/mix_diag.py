"""Scratch (session 14): how the mixes RANK texts, from mix.py's cached logits (run mix.py first). Nothing here
chooses a setting. Dev's check-in register (ok7/ok8 against cr7/cr8) may guide a choice; the held-out rows are a
diagnostic only (the model's chance alone, no rules): whether a mix orders the held-out answers better at all, and
what it would catch at the held-out ordinary rate USE-m3's head gets (2.6 %), a threshold no one may ship.

    PYTHONPATH=. /tmp/e5venv/bin/python bench/e5/mix_diag.py [/tmp/mix14/cache.pkl]
"""

import pickle
import sys

import numpy as np

from bench.screen import read_checkin_answers
from bot.safety.corpus import LANGUAGES, part, read_corpus
from bot.safety.train import auc

from pathlib import Path

from bench.e5.mix import Logits
from bot.safety.e5 import E5Screen
from bot.safety.model import Model, head_path, load_embedder, load_head

cache = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/mix14/cache.pkl")
e5_file, e5_head = (sys.argv[2], sys.argv[3]) if len(sys.argv) > 3 else ("/tmp/e5full/full8_s1.onnx",
                                                                          "/tmp/e5full/full8_s1_head.json")
dev = part(read_corpus(), "dev")
reg = [s for s in dev if s.idea.split("-")[0] in ("ok7", "ok8", "cr7", "cr8")]
answers = read_checkin_answers()
# every held-out answer scored by the model (the screen skips texts a must-fire phrase decides, and short ones)
logits = Logits(Model(load_embedder("use-m3"), load_head(head_path())),
                Model(E5Screen(Path(e5_file)), load_head(Path(e5_head))), cache)
logits([a.text for a in answers])
memo = logits.memo


def z(texts, w):
    return np.asarray([w * memo[t][1] + (1 - w) * memo[t][0] for t in texts])


for w in (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 1.0):
    rz = z([s.text for s in reg], w)
    ry = [s.crisis for s in reg]
    hz = z([a.text for a in answers], w)
    hy = np.asarray([a.crisis for a in answers])
    ok = np.sort(hz[~hy])
    cut = ok[int(np.ceil(len(ok) * (1 - 0.026)))]  # 2.6 % of the held-out ordinary answers at or above
    caught = (hz[hy] >= cut).mean()
    per = {g: auc(list(hz[[a.lang == g for a in answers]]), [a.crisis for a in answers if a.lang == g])
           for g in LANGUAGES}
    print(f"w={w:.1f}: dev check-in register AUC {auc(list(rz), ry):.4f} ({len(reg)}); held-out AUC "
          f"{auc(list(hz), list(hy)):.4f} (" + ", ".join(f"{g} {v:.3f}" for g, v in per.items())
          + f"); held-out danger caught at 2.6 % ordinary (model alone, diagnostic) {caught:.3f}")

# The same question through the screen itself (rules included): the highest held-out danger recall any crisis
# threshold gives while at most 2.6 % of the held-out ordinary answers get crisis. A diagnostic on the held-out
# set, never a setting.
from dataclasses import replace  # noqa: E402

from bench.e5.mix import Mixed  # noqa: E402
from bot.safety.rules import AllRules  # noqa: E402
from bot.safety.screen import Screen  # noqa: E402

rules, use_head = AllRules.load(), load_head(head_path())
ok_texts = [a.text for a in answers if not a.crisis]
cr_texts = [a.text for a in answers if a.crisis]
for w in (0.0, 0.3, 0.5, 0.7, 1.0):
    best = None
    for c in [round(0.01 * i, 2) for i in range(40, 100)]:
        screen = Screen(rules, Mixed(logits, w, replace(use_head, crisis_at=c, gentle_at=min(c, 0.4))))
        fa = [r.level for r in screen.check_many(ok_texts)].count("crisis") / len(ok_texts)
        if fa <= 20 / 760 + 1e-9:  # USE-m3 head's own held-out rate, 20 of 760
            caught = [r.level for r in screen.check_many(cr_texts)].count("crisis") / len(cr_texts)
            best = (c, fa, caught)
            break
    print(f"w={w:.1f} through the screen: the lowest crisis threshold with held-out ordinary <= 2.6 %: {best}")
