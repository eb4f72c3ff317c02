"""Worst-language recall when the crisis threshold is also held to today's everyday-chat and reflective rates."""
import sys, numpy as np
from evaldev import *
from bot.safety.train import GRID
def capped(z, name, chat_max, refl_max):
    p = sig(np.asarray(z, np.float64))
    best = None
    for c in GRID:
        lv = np.array([combine(v, q, c, c, EV) for v, q in zip(verdicts, p)])
        t = tally(dev, lv)
        wr = min(t[g].recall for g in LANGUAGES); wp = min(t[g].precision for g in LANGUAGES)
        ch = (lv[chat] == "crisis").mean(); rf = (lv[refl] == "crisis").mean()
        if wp >= 0.92 and ch <= chat_max + 1e-9 and rf <= refl_max + 1e-9 and (best is None or wr > best[1]):
            best = (c, wr, wp, ch, rf)
    print(f"{name:40s} capped: crisis at {best[0]} worst recall {best[1]:.3f} prec {best[2]:.3f} chat {best[3]:.1%} refl {best[4]:.1%}")
zh = head_dev(); zn = ngram_dev(); ze = np.load(sys.argv[1])
base = score(zh, "today")
lv = None
capped(zh, "today", base["chat"], base["refl"])
capped(0.5 * ze + 0.5 * zh, "e5 + head", base["chat"], base["refl"])
capped(0.6 * ze + 0.4 * zn, "e5 + ngrams", base["chat"], base["refl"])
capped(ze, "e5 alone", base["chat"], base["refl"])
