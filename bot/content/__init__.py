"""Hearth's content: prompt packs, the mood scale and check-in texts, and their linter."""

from bot.content.errors import PackError
from bot.content.packs import (
    DEPTHS,
    KINDS,
    MAX_PROMPT_CHARS,
    THEMES,
    Library,
    Pack,
    Prompt,
    default_content_dir,
    dump_pack,
    load_library,
    load_pack,
    parse_pack,
)
from bot.content.texts import CheckinTexts, Mood, load_texts, parse_texts

__all__ = [
    "DEPTHS",
    "KINDS",
    "MAX_PROMPT_CHARS",
    "THEMES",
    "CheckinTexts",
    "Library",
    "Mood",
    "Pack",
    "PackError",
    "Prompt",
    "default_content_dir",
    "dump_pack",
    "load_library",
    "load_pack",
    "load_texts",
    "parse_pack",
    "parse_texts",
]
