"""Token states after the frozen lower k layers, computed by the int8 ONNX runtime (as at screening time)."""
import sys, time, pickle, numpy as np, torch, torch.nn as nn
sys.path.insert(0, "/work/wt/e5"); sys.path.insert(0, "/tmp/exp/work")
from e5bin import E5Bin
from e5torch import *
from export_lat import quant, session
from bot.safety.corpus import read_corpus, part

class Lower(nn.Module):
    def __init__(self, k):
        super().__init__(); self.enc = Encoder(n_layers=k)
    def forward(self, x):
        bias = torch.zeros(1, 1, 1, x.shape[1])
        for ly in self.enc.layers: x = ly(x, bias)
        return x

k = int(sys.argv[1])
m = E5Bin(); tok = Tok(m); emb = Embed(m)
low = Lower(k); load_layers(low.enc, m); low.eval()
path = f"/tmp/exp/work/lower{k}.onnx"
torch.onnx.export(low, (torch.randn(1, 12, 384),), path, input_names=["x"], output_names=["h"],
                  dynamic_axes={"x": {1: "l"}, "h": {1: "l"}}, opset_version=17, dynamo=False)
quant(path, path.replace(".onnx", ".int8.onnx"))
sess = session(path.replace(".onnx", ".int8.onnx"))
S = read_corpus()
for sp in ("train", "dev"):
    out = []; t0 = time.time()
    for s in part(S, sp):
        out.append(sess.run(None, {"x": emb(tok.encode(s.text))[None]})[0][0].astype(np.float16))
    pickle.dump(out, open(f"/tmp/exp/work/cache_{sp}_{k}.pkl", "wb")); print(sp, k, f"{time.time()-t0:.0f}s", flush=True)
