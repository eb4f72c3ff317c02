"""The shipped screen, one message at a time on the test split's texts: wall and thread CPU time, and its parts."""
import sys, time, numpy as np
sys.path.insert(0, "/work/wt/e5")
from bot.safety.corpus import read_corpus, part
from bot.safety.screen import Screen
texts = [s.text for s in part(read_corpus(), "test")]
screen = Screen.load(with_model=True)
e5 = screen.model.embedder
def pct(xs):
    xs = sorted(xs); return f"p50 {xs[len(xs)//2]*1e3:.2f} p99 {xs[int(len(xs)*.99)]*1e3:.2f} ms"
for name, f in (("whole screen", screen.check), ("rules", screen.rules.check), ("tokenizer", e5.tokenizer.encode),
                ("tokens+embeddings", e5.tokens), ("e5 logit", lambda t: e5.embed([t]))):
    wall, cpu = [], []
    for rep in range(2):
        for t in texts:
            w0, c0 = time.perf_counter(), time.thread_time(); f(t)
            if rep: wall.append(time.perf_counter() - w0); cpu.append(time.thread_time() - c0)
    print(f"{name}: wall {pct(wall)}; cpu {pct(cpu)}", flush=True)
