"""Session 13: one fine-tuning run through `bot.safety.finetune.finetune` (the shipped pipeline), its 8-bit ONNX
(and, since session 14, its fp32 export as TAG.float.onnx) and dev logits kept under an output folder: `python bench/e5/ft_run.py TAG --frozen 0 [--seed 0] [--epochs 3]`."""
import argparse, sys, time
from pathlib import Path

import numpy as np

sys.path.insert(0, ".")
from bot.safety.corpus import read_corpus
from bot.safety.finetune import finetune

ap = argparse.ArgumentParser()
ap.add_argument("tag"); ap.add_argument("--frozen", type=int, default=0); ap.add_argument("--seed", type=int, default=0)
ap.add_argument("--epochs", type=int, default=3); ap.add_argument("--out", default="/tmp/e5c")
a = ap.parse_args()
out = Path(a.out); out.mkdir(parents=True, exist_ok=True)
t0 = time.time()
log = lambda m: print(f"[{time.strftime('%H:%M:%S')}] {a.tag}: {m}", flush=True)
import shutil
import onnxruntime.quantization as oq
_quantise = oq.quantize_dynamic
def _keep_fp32(plain, quantised, **kw):  # session 14: keep the fp32 export too, to try other quantisations later
    if Path(quantised) == out / f"{a.tag}.onnx":
        shutil.copy(plain, out / f"{a.tag}.float.onnx")
    return _quantise(plain, quantised, **kw)
oq.quantize_dynamic = _keep_fp32
z = finetune(read_corpus(), out / f"{a.tag}.onnx", threads=1, frozen=a.frozen, epochs=a.epochs, seed=a.seed, log=log)
np.save(out / f"{a.tag}_dev.npy", z)
log(f"done in {time.time() - t0:.0f} s")
