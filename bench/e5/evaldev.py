"""Score dev logits the way `train` does: AUC; thresholds by choose_thresholds (worst-language recall with every
language's precision >= 0.92); everyday chat and reflective crisis rates at those thresholds."""
import sys, pickle, numpy as np
sys.path.insert(0, "/work/wt/e5")
from bot.safety.corpus import read_corpus, part, LANGUAGES
from bot.safety.train import choose_thresholds, ordinary, auc, fit_ngrams
from bot.safety.screen import combine
from bot.safety.evaluate import tally
from bot.safety.rules import AllRules
from bot.safety.model import load_head, head_path
from sklearn.metrics import roc_auc_score

S = read_corpus(); dev = part(S, "dev"); train_rows = part(S, "train")
rules = AllRules.load(); verdicts = [rules.check(s.text) for s in dev]
EV = load_head(head_path()).evidence_only
y = np.array([s.crisis for s in dev])
chat = np.array(ordinary(dev)); refl = np.array([s.category == "reflective" for s in dev])
farewell = np.array([s.category == "farewell" for s in dev])

def sig(z): return 1 / (1 + np.exp(-np.clip(z, -60, 60)))

def score(z, name=""):
    p = sig(np.asarray(z, np.float64)).tolist()
    c = choose_thresholds(dev, verdicts, p, EV)
    lv = [combine(v, q, c.crisis_at, c.gentle_at, EV) for v, q in zip(verdicts, p)]
    t = tally(dev, lv); lvn = np.array(lv)
    r = dict(auc=roc_auc_score(y, z), worst=c.worst_recall, prec=c.worst_precision, crisis_at=c.crisis_at,
             gentle_at=c.gentle_at, chat=(lvn[chat] == "crisis").mean(), chat_cg=(lvn[chat] != "ok").mean(),
             refl=(lvn[refl] == "crisis").mean(), farewell=t["category:farewell"].recall,
             per={g: round(t[g].recall, 3) for g in LANGUAGES})
    print(f"{name:40s} AUC {r['auc']:.4f} worst {r['worst']:.3f} (prec {r['prec']:.3f}) at {r['crisis_at']}/{r['gentle_at']} "
          f"farewell {r['farewell']:.2f} chat {r['chat']:.1%}/{r['chat_cg']:.1%} refl {r['refl']:.1%} {r['per']}", flush=True)
    return r

def ngram_dev():
    import os
    path = "/tmp/exp/work/ngram_dev.npy"
    if os.path.exists(path): return np.load(path)
    from bot.safety.ngrams import scores
    w, b = fit_ngrams([s.text for s in train_rows], np.array([1.0 if s.crisis else 0.0 for s in train_rows]))
    z = np.asarray(scores([s.text for s in dev], w, b)); np.save(path, z); return z

def head_dev():
    return pickle.load(open("/tmp/exp/work/head_cache.pkl", "rb"))["dev"]["z"]

def best_mix(ze5, other, name, grid=(0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 1.0)):
    """The e5 share of the logit with the best dev AUC (as train chooses its mix), then scored."""
    best = max(grid, key=lambda a: roc_auc_score(y, a * ze5 + (1 - a) * other))
    return score(best * ze5 + (1 - best) * other, f"{name} (e5 share {best})"), best

if __name__ == "__main__":
    zh = head_dev(); score(zh, "today's head")
    zn = ngram_dev()
    for f in sys.argv[1:]:
        ze = np.load(f); score(ze, f.split("/")[-1] + " alone")
        best_mix(ze, zh, "  + today's head"); best_mix(ze, zn, "  + n-grams")
