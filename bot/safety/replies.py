"""The care texts in every language Hearth speaks (`content/safety/replies.toml`).

A person in crisis must never get a half-translated reply or a `{numbers}`
left unfilled, so the file is checked whole at start: every language has
every text, each with exactly the placeholders that text takes, in Hearth's
tiny markup only. A mistake stops Hearth with the file, language and text.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.content.packs import default_content_dir
from bot.content.toml import load_toml
from bot.language import LANGUAGES
from bot.safety.content import SafetyContentError

FILE = Path("safety") / "replies.toml"

#: Every text, with the placeholders it takes (all of them, no others).
TEXTS: dict[str, tuple[str, ...]] = {
    "crisis": (), "crisis_someone_else": (), "crisis_harm": (),
    "gentle": (), "support": (), "low_mood": (), "saved": (), "held": (), "told": ("channel",),
    "told_name": ("channel",),
    "not_a_therapist": (),
    "resource": ("name", "detail"), "call": ("numbers",), "call_or_text": ("numbers",),
    "text_keyword": ("keyword", "number"),
    "or": (), "emergency": ("numbers",), "emergency_local": (), "region_hint": (),
    "region_set": ("region",),
    "privacy_care": (), "privacy_alerts_on": ("hours",), "privacy_alerts_off": (),
    "language_set": ("language",), "language_auto": (), "language_own": ("language",),
    "language_platform": ("language",), "language_community": ("language",), "language_default": ("language",),
    "language_scope": (),
    "language_how": (), "followup_button": (), "followup_set": (), "followup": (),
}

_NOT_MARKUP = re.compile(r"[`<>]|(?<!\*)\*(?!\*)")


@dataclass(frozen=True)
class CareTexts:
    """Validated texts by language; `text(language, key)` falls back to English for a language it lacks."""

    by_language: dict[str, dict[str, str]]

    def text(self, language: str, key: str) -> str:
        return self.by_language.get(language, self.by_language["en"])[key]

    def languages(self) -> list[str]:
        return list(self.by_language)


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def _check(path: Path, language: str, key: str, value: Any) -> str:
    where = f"{path}: [{language}].{key}"
    if not isinstance(value, str) or not value.strip():
        raise SafetyContentError(f"{where}: must be a non-empty string")
    try:
        found = placeholders(value)
    except ValueError as exc:
        raise SafetyContentError(f"{where}: a stray brace ({exc}); placeholders look like {{numbers}}") from None
    wanted = set(TEXTS[key])
    if found != wanted:
        need = ", ".join(f"{{{p}}}" for p in sorted(wanted)) or "no placeholders"
        raise SafetyContentError(f"{where}: needs exactly {need}; it has {sorted(found) or 'none'}")
    if _NOT_MARKUP.search(value.replace("**", "")):
        raise SafetyContentError(f"{where}: may use **bold** and _italic_ only (no single *, `, < or >)")
    return value.strip()


def load_care_texts(content_dir: Path | None = None) -> CareTexts:
    """Read and check the care texts; errors name the file, the language and the text."""
    path = Path(content_dir or default_content_dir()) / FILE
    data = load_toml(path, "care texts file (one table per language)", error=SafetyContentError)
    unknown = set(data) - set(LANGUAGES)
    if unknown:
        raise SafetyContentError(f"{path}: unknown language table(s) {sorted(unknown)}; Hearth speaks "
                                 f"{', '.join(LANGUAGES)}")
    by_language: dict[str, dict[str, str]] = {}
    for language in LANGUAGES:
        table = data.get(language)
        if not isinstance(table, dict):
            raise SafetyContentError(f"{path}: [{language}] is missing: every language needs every text")
        missing, extra = set(TEXTS) - set(table), set(table) - set(TEXTS)
        if missing:
            raise SafetyContentError(f"{path}: [{language}] lacks {sorted(missing)}")
        if extra:
            raise SafetyContentError(f"{path}: [{language}] has unknown text(s) {sorted(extra)}")
        by_language[language] = {key: _check(path, language, key, table[key]) for key in TEXTS}
    return CareTexts(by_language)
