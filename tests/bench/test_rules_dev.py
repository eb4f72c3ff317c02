"""The train + dev measure's two helpers for a rules change: a probe of everyday text and a diff of levels."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.rules_dev import HEADER, diff, probe
from bot.safety.corpus import Sentence
from bot.safety.screen import Screen


@pytest.fixture(scope="module")
def screen() -> Screen:
    return Screen.load(with_model=False)


def test_a_probe_prints_only_the_lines_the_rules_raise_and_counts_them(screen: Screen, tmp_path: Path) -> None:
    path = tmp_path / "everyday.txt"
    path.write_text("# a comment line is skipped\nsee you at the station at six\ni want to kill myself tonight\n\n",
                    encoding="utf-8")
    lines = probe(screen, [path])
    assert len(lines) == 2
    assert lines[0].startswith("crisis\teveryday.txt\t") and lines[0].endswith("i want to kill myself tonight")
    assert lines[1] == "1 of 2 lines raised (1 crisis)"


def test_a_diff_puts_an_ordinary_row_raised_first_and_a_crisis_row_raised_after(tmp_path: Path) -> None:
    old = tmp_path / "old.tsv"
    old.write_text("\n".join([HEADER, "a\ten\tFalse\teveryday\tok\tsee you at six",
                              "b\ten\tTrue\tfarewell\tok\tgave my cat away, wont need her",
                              "c\ten\tTrue\tplan-means\tcrisis\tsame level both times"]) + "\n", encoding="utf-8")
    sentences = [Sentence("a", "en", False, "everyday", "see you at six"),
                 Sentence("b", "en", True, "farewell", "gave my cat away, wont need her"),
                 Sentence("c", "en", True, "plan-means", "same level both times")]
    moved = diff(old, sentences, ["gentle", "crisis", "crisis"])
    assert moved == ["WORSE\ta\ten\tok\tok -> gentle\tsee you at six",
                     "better\tb\ten\tcrisis\tok -> crisis\tgave my cat away, wont need her"]
