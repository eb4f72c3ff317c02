"""The content Hearth runs with: built-in packs, mood labels and check-in texts.

A thin face over `bot.content.packs` so flows ask for what they need
("check-in prompts on this theme", "the reminder text") and never parse files.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.content.packs import THEMES, Library, Prompt, default_content_dir, load_library
from bot.i18n import _
from bot.safety.built import cache_folder
from bot.safety.replies import CareTexts, load_care_texts
from bot.safety.resources import Resources, load_resources
from bot.safety.screen import Screen


@dataclass
class ContentLibrary:
    library: Library
    content_dir: Path
    screen: Screen
    resources: Resources
    care: CareTexts

    @classmethod
    def load(cls, content_dir: str | Path | None = None, screen_model: bool = False) -> "ContentLibrary":
        """Everything is read and validated once, at start: a bad file stops Hearth early. A `~` in the folder
        means the home folder, here as in `hearth check-config`."""
        directory = Path(content_dir).expanduser() if content_dir else default_content_dir()
        return _load(directory.resolve(), screen_model)


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
        """The mood's emoji and label, in the language being spoken (`bot.i18n`): the built-in labels are in
        the catalogs; a community's own wording stays as it wrote it."""
        m = self.library.moods[mood]
        return f"{m.emoji} {_(m.label)}"

    def mood_emoji(self, mood: int) -> str:
        return self.library.moods[mood].emoji

    def text(self, key: str) -> str:
        """A check-in text by "section.key", e.g. "checkin.reminder"."""
        section, name = key.split(".", 1)
        texts = {"checkin": self.library.checkin, "visibility": self.library.visibility}[section]
        return _(texts[name])


@lru_cache(maxsize=8)
def _load(directory: Path, screen_model: bool = False) -> ContentLibrary:
    """Content is read-only while Hearth runs, so one load serves every app in a process. The phrase rules, once
    built, are kept for the next start (`bot.safety.built`)."""
    return ContentLibrary(load_library(directory), directory,
                          Screen.load(directory, with_model=screen_model, kept=cache_folder()),
                          load_resources(directory),
                          load_care_texts(directory))
