"""Every TOML content file is read one way: the same kind words for a missing, non-UTF-8 or broken file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.content.errors import PackError
from bot.content.toml import MAX_DEPTH, load_toml
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


@pytest.mark.parametrize("text, line", [
    ("a = 1\nb = " + "[" * 5000 + "]" * 5000, 2),  # the TOML reader's RecursionError
    ('a = 1\nb = "[[[[" \nc = ' + "{d = " * 400 + "1" + "}" * 400, 3),  # (brackets in a string count for nothing)
    ("a = 1\n[" + ".".join(["t"] * 5000) + "]\nx = 1", 2),  # read, but too deep for what walks it after
    ("a = 1\nb = [\n" + "[\n" * 40 + "]\n" * 40 + "]", 34),  # (line 34: the 33rd level)
])
def test_a_file_nested_too_deeply_is_the_callers_kind_error_with_the_line(tmp_path: Path, text, line) -> None:
    """trial16 §4: a deeply nested file raised RecursionError in every TOML reader."""
    path = tmp_path / "deep.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SafetyContentError) as err:
        load_toml(path, "phrase file", error=SafetyContentError)
    assert str(err.value) == (f"{path}: line {line}: this file nests arrays or tables too deeply to read (more than "
                              f"{MAX_DEPTH} levels) — Hearth's files need only a few")


def test_nesting_up_to_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "ok.toml"
    path.write_text("a = " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1), encoding="utf-8")
    assert load_toml(path, "phrase file")["a"]


def test_a_file_too_big_to_hold_or_an_odd_reader_error_is_the_callers_kind_error(tmp_path: Path, monkeypatch) -> None:
    import tomllib

    path = tmp_path / "big.toml"
    path.write_text("a = 1\n", encoding="utf-8")
    for raised, said in ((MemoryError(), "this file is too big to read"), (ValueError("odd"), "this isn't valid TOML (odd)")):
        def loads(text: str, raised: Exception = raised) -> dict:
            raise raised
        monkeypatch.setattr(tomllib, "loads", loads)
        with pytest.raises(PackError, match=re.escape(f"{path}: {said}")):
            load_toml(path, "prompt pack")


def test_every_toml_reader_reads_through_parse_toml() -> None:
    """One way in: no reader of Hearth's calls tomllib itself (trial16 §4: each one crashed its own way)."""
    root = Path(__file__).resolve().parents[3]
    callers = [p.relative_to(root).as_posix() for folder in ("bot", "adapters", "hearth")
               for p in sorted((root / folder).rglob("*.py"))
               if re.search(r"tomllib\.loads?\(", p.read_text(encoding="utf-8"))]
    assert callers == ["bot/content/toml.py"]


def test_a_file_without_end_or_a_pipe_nobody_writes_to_is_refused_never_read_forever(tmp_path: Path,
                                                                                      monkeypatch) -> None:
    """trial22: `mod pack import /dev/zero` at the terminal read until the machine's memory was gone, and a named
    pipe hung Hearth: a file is read to `MAX_FILE_BYTES` at most, and opened without waiting."""
    import os

    from bot.content import toml

    big = tmp_path / "big.toml"
    big.write_text("a = 1\n" + "# " + "x" * 200 + "\n")
    monkeypatch.setattr(toml, "MAX_FILE_BYTES", 100)
    with pytest.raises(PackError, match="too big to read"):
        load_toml(big, "prompt pack", "big.toml")
    monkeypatch.undo()
    if os.path.exists("/dev/zero"):
        with pytest.raises(PackError, match="too big to read"):
            load_toml(Path("/dev/zero"), "prompt pack", "zero")
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "pipe.toml"
        os.mkfifo(fifo)
        assert load_toml(fifo, "prompt pack", "pipe.toml") == {}  # (empty: nobody wrote to it)
