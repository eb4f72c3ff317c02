"""Read the labelled sentence files shared by the tests and the benchmark."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def read_labelled(name: str = "labelled.tsv") -> list[tuple[bool, str]]:
    """(is_crisis, sentence) pairs; `#` lines are comments."""
    out = []
    for n, line in enumerate((DATA / name).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        label, sep, text = line.partition("\t")
        if not sep or label not in ("crisis", "ok") or not text.strip():
            raise ValueError(f"{name}:{n}: expected 'crisis|ok<TAB>sentence'")
        out.append((label == "crisis", text))
    return out


def score(check, rows: list[tuple[bool, str]]) -> dict[str, float]:
    """Precision, recall, F1 and the confusion counts of `check` on `rows`."""
    tp = fp = fn = tn = 0
    for crisis, text in rows:
        got = check(text).crisis
        tp += crisis and got
        fn += crisis and not got
        fp += got and not crisis
        tn += not got and not crisis
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn, "tn": tn}
