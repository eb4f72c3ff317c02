"""Whole-screen latency per single message, 1 thread: rules + USE head (today's Screen) + the e5 int8 ONNX."""
import sys, time, numpy as np
sys.path.insert(0, "/work/wt/e5"); sys.path.insert(0, "/tmp/exp/work")
from e5bin import E5Bin
from e5torch import Tok, Embed
from export_lat import session
from bot.safety.corpus import read_corpus, part
from bot.safety.screen import Screen
path = sys.argv[1]; use_head = "--no-use" not in sys.argv
m = E5Bin(); tok = Tok(m); emb = Embed(m); sess = session(path)
screen = Screen.load(with_model=use_head)
names = [i.name for i in sess.get_inputs()]
def e5run(t):
    x = emb(tok.encode(t))[None]
    feed = {"x": x, **({"mask": np.ones(x.shape[:2], np.float32)} if "mask" in names else {})}
    return sess.run(None, feed)
texts = [s.text for s in part(read_corpus(), "dev")][:600]
def one(t):
    screen.check(t); e5run(t)
for t in texts[:30]: one(t)
for label, f in (("e5 only", lambda t: e5run(t)),
                 ("screen today" if use_head else "rules", screen.check), ("whole", one)):
    times, cpu = [], []
    for t in texts:
        s0 = time.perf_counter(); c0 = time.thread_time(); f(t); times.append(time.perf_counter() - s0); cpu.append(time.thread_time() - c0)
    times.sort(); cpu.sort()
    print(f"{label}: wall p50 {times[len(times)//2]*1e3:.2f} ms p99 {times[int(len(times)*.99)]*1e3:.2f} ms; "
          f"cpu p50 {cpu[len(cpu)//2]*1e3:.2f} p99 {cpu[int(len(cpu)*.99)]*1e3:.2f} ms", flush=True)
