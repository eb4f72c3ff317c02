"""Hashed character and word n-grams: the screen's second reader, for what a sentence embedding blurs.

The embedding averages a sentence into one vector; slang ("kms"), misspellings and a few telling words
("pills", "rope", "goodbye letter") reach it faintly. A linear model over character 2–5-grams (inside each
word, accents folded) and word 1–2-grams keeps them. Features are hashed into `2**bits` buckets with CRC-32,
so training and screening agree without a vocabulary file; each text's counts are log-scaled and
L2-normalised. Pure Python and numpy: nothing to install.
"""

from __future__ import annotations

import math
import re
import unicodedata
import zlib
from typing import Any

_WORD = re.compile(r"\w+", re.UNICODE)


def grams(text: str) -> list[str]:
    """The n-grams of one text: casefolded, accents removed, char 2–5-grams per word, words and word pairs."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    words = _WORD.findall("".join(c for c in folded if not unicodedata.combining(c)))
    out = []
    for word in words:
        padded = f" {word} "
        for n in (2, 3, 4, 5):
            out += ["c" + padded[i:i + n] for i in range(len(padded) - n + 1)]
    out += ["w " + w for w in words]
    out += [f"b {a} {b}" for a, b in zip(words, words[1:])]
    return out


def hashed(text: str, bits: int) -> tuple[list[int], list[float]]:
    """Bucket indexes and weights (1 + log count, L2-normalised) of one text's n-grams."""
    mask = (1 << bits) - 1
    counts: dict[int, int] = {}
    for g in grams(text):
        h = zlib.crc32(g.encode("utf-8")) & mask
        counts[h] = counts.get(h, 0) + 1
    values = [1.0 + math.log(c) for c in counts.values()]
    norm = math.sqrt(sum(v * v for v in values)) or 1.0
    return list(counts), [v / norm for v in values]


def scores(texts: list[str], weights: Any, bias: float) -> Any:
    """The linear n-gram model's logit for each text (`weights` has `2**bits` entries)."""
    import numpy as np

    bits = int(len(weights)).bit_length() - 1
    out = np.empty(len(texts))
    for i, text in enumerate(texts):
        index, values = hashed(text, bits)
        out[i] = float(np.dot(weights[index], values)) + bias if index else bias
    return out


def matrix(texts: list[str], bits: int) -> Any:
    """The features of many texts as a sparse matrix, for training (needs scipy, which scikit-learn brings)."""
    from scipy.sparse import csr_matrix

    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for i, text in enumerate(texts):
        index, values = hashed(text, bits)
        rows += [i] * len(index)
        cols += index
        vals += values
    return csr_matrix((vals, (rows, cols)), shape=(len(texts), 1 << bits))
