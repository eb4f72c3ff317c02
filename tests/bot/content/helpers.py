"""Small builders for pack and texts files used across the content tests."""

from __future__ import annotations

from pathlib import Path

from bot.content import default_content_dir

HEADER = '''[pack]
id = "test-pack"
name = "Test pack"
version = "1.0.0"
language = "en"
description = "For tests"
'''


def prompt(id: str = "respect-01", kind: str = "reflection", theme: str = "respect",
           depth: str = "light", text: str = "Who makes you feel heard, and how?") -> str:
    return f'''
[[prompts]]
id = "{id}"
kind = "{kind}"
theme = "{theme}"
depth = "{depth}"
text = "{text}"
'''


def pack_text(*prompts: str, header: str = HEADER) -> str:
    return header + "".join(prompts or (prompt(),))


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def builtin_texts() -> str:
    return (default_content_dir() / "texts.toml").read_text(encoding="utf-8")
