"""Every TOML content file is read one way: the same kind words for a missing, non-UTF-8 or broken file."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.content.errors import PackError
from bot.content.toml import load_toml
from bot.safety.content import SafetyContentError


def test_a_broken_file_names_the_file_the_line_and_the_column(tmp_path: Path) -> None:
    path = tmp_path / "en.toml"
    path.write_text('[meta]\nlanguage = "en\n', encoding="utf-8")
    with pytest.raises(SafetyContentError) as err:
        load_toml(path, "phrase file", error=SafetyContentError)
    assert str(err.value).startswith(f"{path}: line 2: this isn't valid TOML (")
    assert "at column" in str(err.value)


def test_a_missing_or_non_utf8_file_says_so_in_the_callers_error(tmp_path: Path) -> None:
    with pytest.raises(PackError, match="gone.toml: file not found — there's no such prompt pack"):
        load_toml(tmp_path / "gone.toml", "prompt pack", source="gone.toml")
    latin = tmp_path / "latin.toml"
    latin.write_bytes('a = 1\nb = "caf\xe9"\n'.encode("latin-1"))
    with pytest.raises(SafetyContentError, match=r"this file isn't UTF-8 text \(line 2 has a byte"):
        load_toml(latin, "phrase file", error=SafetyContentError)


def test_a_good_file_is_its_tables(tmp_path: Path) -> None:
    path = tmp_path / "ok.toml"
    path.write_text('[meta]\nlanguage = "en"\n', encoding="utf-8")
    assert load_toml(path, "phrase file") == {"meta": {"language": "en"}}
