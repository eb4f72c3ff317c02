"""Fine-tune e5-small's layers [K, N) (layers below K frozen and cached) with a linear classifier on the pooled
embedding, on the corpus's train split; dev logits after every epoch. Seed fixed; 2 torch threads."""
import sys, time, argparse, pickle, random, numpy as np, torch, torch.nn as nn, torch.nn.functional as F
sys.path.insert(0, "/work/wt/e5"); sys.path.insert(0, "/tmp/exp/work")
from e5bin import E5Bin
from e5torch import *
from bot.safety.corpus import read_corpus, part

ap = argparse.ArgumentParser()
ap.add_argument("--n", type=int, default=12); ap.add_argument("--k", type=int, default=8)
ap.add_argument("--epochs", type=int, default=3); ap.add_argument("--lr", type=float, default=5e-5)
ap.add_argument("--bs", type=int, default=32); ap.add_argument("--seed", type=int, default=0)
ap.add_argument("--tag", default=None); ap.add_argument("--threads", type=int, default=1)
a = ap.parse_args()
tag = a.tag or f"n{a.n}k{a.k}"
torch.set_num_threads(a.threads); torch.manual_seed(a.seed); random.seed(a.seed); np.random.seed(a.seed)
m = E5Bin(); tok = Tok(m); emb = Embed(m)
S = read_corpus()
rows = {sp: part(S, sp) for sp in ("train", "dev")}

def states(sp, k):
    """Token states after the frozen layers below k: int8 ONNX (cache_ort.py), or the embedding for k=0."""
    if k == 0:
        return [emb(tok.encode(s.text)).astype(np.float16) for s in rows[sp]]
    return pickle.load(open(f"/tmp/exp/work/cache_{sp}_{k}.pkl", "rb"))

class Top(nn.Module):
    def __init__(self, n, k):
        super().__init__()
        self.enc = Encoder(n_layers=n - k); load_layers(self.enc, m, first=k)
        self.drop = nn.Dropout(0.1); self.cls = nn.Linear(384, 1)
    def forward(self, x, mask):
        e = self.enc(x, mask)  # normalized pooled
        return self.cls(self.drop(e) * 20.0).squeeze(-1)

t0 = time.time()
X = {sp: states(sp, a.k) for sp in rows}
print(f"cached states in {time.time()-t0:.0f}s", flush=True)
Y = {sp: np.array([s.crisis for s in rows[sp]], np.float32) for sp in rows}

def pad(items):
    L = max(len(x) for x in items)
    x = np.zeros((len(items), L, 384), np.float32); mk = np.zeros((len(items), L), np.float32)
    for i, it in enumerate(items):
        x[i, :len(it)] = it; mk[i, :len(it)] = 1
    return torch.from_numpy(x), torch.from_numpy(mk)

def batches(n, bs, shuffle, lengths):
    idx = sorted(range(n), key=lambda i: lengths[i])
    bl = [idx[i:i + bs] for i in range(0, n, bs)]
    if shuffle: random.shuffle(bl)
    return bl

model = Top(a.n, a.k)
params = [{"params": model.enc.parameters(), "lr": a.lr}, {"params": model.cls.parameters(), "lr": 1e-3}]
opt = torch.optim.AdamW(params, weight_decay=0.01)
ytr = Y["train"]; pw = torch.tensor((1 - ytr).sum() / ytr.sum())
nb = (len(ytr) + a.bs - 1) // a.bs; total = nb * a.epochs; warm = int(0.06 * total)
sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min((s + 1) / max(warm, 1), max(0.0, (total - s) / max(total - warm, 1))))
lens = {sp: [len(x) for x in X[sp]] for sp in X}

def dev_logits():
    model.eval(); out = np.zeros(len(X["dev"]), np.float32)
    with torch.no_grad():
        for b in batches(len(X["dev"]), 64, False, lens["dev"]):
            x, mk = pad([X["dev"][i] for i in b])
            with torch.autocast("cpu", dtype=torch.bfloat16):
                out[b] = model(x, mk).float().numpy()
    return out

from sklearn.metrics import roc_auc_score
hist = []
for ep in range(a.epochs):
    model.train(); t0 = time.time(); tot = 0
    for b in batches(len(ytr), a.bs, True, lens["train"]):
        x, mk = pad([X["train"][i] for i in b]); y = torch.from_numpy(ytr[b])
        with torch.autocast("cpu", dtype=torch.bfloat16):
            z = model(x, mk)
        loss = F.binary_cross_entropy_with_logits(z.float(), y, pos_weight=pw)
        opt.zero_grad(); loss.backward(); opt.step(); sched.step(); tot += loss.item() * len(b)
    z = dev_logits(); auc = roc_auc_score(Y["dev"], z)
    hist.append((ep + 1, auc))
    print(f"{tag} epoch {ep+1}: loss {tot/len(ytr):.4f} dev AUC {auc:.4f} ({time.time()-t0:.0f}s)", flush=True)
    torch.save(model.state_dict(), f"/tmp/exp/work/{tag}_ep{ep+1}.pt")
    np.save(f"/tmp/exp/work/{tag}_ep{ep+1}_dev.npy", z)
print(tag, hist)
