"""Export an Encoder (n layers) to ONNX, quantize int8 per-channel, measure 1-thread latency on short sentences."""
import sys, time, numpy as np, torch, onnxruntime as ort
sys.path.insert(0, "/work/wt/e5")
from onnxruntime.quantization import quantize_dynamic, QuantType
from e5bin import E5Bin
from e5torch import *

def export(enc, path):
    enc.eval()
    x = torch.randn(1, 12, 384); mk = torch.ones(1, 12)
    torch.onnx.export(enc, (x, mk), path, input_names=["x", "mask"], output_names=["emb"],
                      dynamic_axes={"x": {0: "b", 1: "l"}, "mask": {0: "b", 1: "l"}, "emb": {0: "b"}},
                      opset_version=17, dynamo=False)

def quant(src, dst):
    quantize_dynamic(src, dst, weight_type=QuantType.QInt8, per_channel=True)

def session(path, threads=1):
    so = ort.SessionOptions(); so.intra_op_num_threads = threads; so.inter_op_num_threads = 1
    so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    return ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])

def latency(sess, emb, tok, texts, repeat=1):
    times = []
    for _ in range(repeat):
        for t in texts:
            s0 = time.perf_counter()
            ids = tok.encode(t); x = emb(ids)[None]
            sess.run(None, {"x": x, "mask": np.ones((1, len(ids)), np.float32)})
            times.append(time.perf_counter() - s0)
    times.sort()
    return times[len(times)//2]*1e3, times[int(len(times)*0.99)]*1e3

if __name__ == "__main__":
    from bot.safety.corpus import read_corpus, part
    m = E5Bin(); tok = Tok(m); emb = Embed(m)
    texts = [s.text for s in part(read_corpus(), "test")][:300]
    for n in (12, 8, 6):
        enc = Encoder(n_layers=n); load_layers(enc, m)
        export(enc, f"/tmp/exp/work/base{n}.onnx"); quant(f"/tmp/exp/work/base{n}.onnx", f"/tmp/exp/work/base{n}.int8.onnx")
        for kind in ("", ".int8"):
            s = session(f"/tmp/exp/work/base{n}{kind}.onnx")
            latency(s, emb, tok, texts[:20])
            p50, p99 = latency(s, emb, tok, texts)
            print(f"layers {n}{kind or ' fp32'}: p50 {p50:.2f} ms p99 {p99:.2f} ms", flush=True)
