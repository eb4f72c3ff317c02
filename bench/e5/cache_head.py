"""Today's shipped head's logits (USE-m3 + 64 units + n-grams) on train/dev/test, cached."""
import sys, numpy as np, pickle
sys.path.insert(0, "/work/wt/e5")
from bot.safety.corpus import read_corpus, part
from bot.safety.model import load_model
model = load_model()
S = read_corpus()
out = {}
for sp in ("train", "dev", "test"):
    rows = part(S, sp)
    texts = [s.text for s in rows]
    x = np.asarray(model.embedder.embed(texts), np.float32)
    out[sp] = {"texts": texts, "use": x, "z": np.asarray(model.logits(texts))}
    print(sp, len(texts), flush=True)
pickle.dump(out, open("/tmp/exp/work/head_cache.pkl", "wb"))
