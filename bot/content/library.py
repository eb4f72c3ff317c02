"""The content Hearth runs with: built-in packs, mood labels and check-in texts.

A thin face over `bot.content.packs` so flows ask for what they need
("check-in prompts on this theme", "the reminder text") and never parse files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.content.packs import THEMES, Library, Prompt, default_content_dir, load_library


@dataclass
class ContentLibrary:
    library: Library
    content_dir: Path

    @classmethod
    def load(cls, content_dir: str | Path | None = None) -> "ContentLibrary":
        directory = Path(content_dir) if content_dir else default_content_dir()
        return cls(load_library(directory), directory)

    @property
    def themes(self) -> dict[str, str]:
        return dict(THEMES)

    def prompts(self, kind: str, theme: str | None = None) -> list[Prompt]:
        return self.library.select(kind, theme)

    def prompt(self, prompt_id: str) -> Prompt | None:
        return self.library.prompts.get(prompt_id)

    def pack_of(self, prompt_id: str) -> str | None:
        p = self.library.prompts.get(prompt_id)
        return p.pack_id if p else None

    def mood_label(self, mood: int) -> str:
        m = self.library.moods[mood]
        return f"{m.emoji} {m.label}"

    def mood_emoji(self, mood: int) -> str:
        return self.library.moods[mood].emoji

    def text(self, key: str) -> str:
        """A check-in text by "section.key", e.g. "checkin.reminder"."""
        section, name = key.split(".", 1)
        texts = {"checkin": self.library.checkin, "visibility": self.library.visibility}[section]
        return texts[name]
