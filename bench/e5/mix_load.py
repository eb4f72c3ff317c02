"""Scratch (session 14): load time and RSS growth of USE-m3 head, e5 full8_s1, both. PYTHONPATH=. python bench/e5/mix_load.py use|e5|mix"""
import sys, time
from pathlib import Path
from bench.common import rss_mb
which = sys.argv[1]
before = rss_mb()[0]; t0 = time.perf_counter()
from bot.safety.model import Model, head_path, load_embedder, load_head
if which in ("use", "mix"):
    use = Model(load_embedder("use-m3"), load_head(head_path())); use.logits(["warm-up"])
if which in ("e5", "mix"):
    from bot.safety.e5 import E5Screen
    e5 = Model(E5Screen(Path("/tmp/e5full/full8_s1.onnx")), load_head(Path("/tmp/e5full/full8_s1_head.json"))); e5.logits(["warm-up"])
print(f"{which}: load {time.perf_counter()-t0:.2f} s, RSS +{rss_mb()[0]-before:.0f} MB")
