"""Every language Hearth ships built-in packs in covers what the English packs cover (issue 24).

Data-driven: the languages are the ones the packs in `content/packs/` declare, so a
language added later is held to the same counts without touching this file.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from bot.content import DEPTHS, THEMES, default_content_dir, load_library, load_pack

PACKS_DIR = default_content_dir() / "packs"
PACKS = [load_pack(path) for path in sorted(PACKS_DIR.glob("*.toml"))]
LANGUAGES = sorted({pack.language for pack in PACKS})
OTHER_LANGUAGES = [lang for lang in LANGUAGES if lang != "en"]

MIN_CHECKINS = 40
MIN_REFLECTIONS_PER_THEME = 12

#: Words a prompt never uses, per language: demands ("you must") and therapy claims. English is in test_builtin.
AVOID = {
    "es": ("debes", "deberías", "tienes que", "terapia", "diagnóstic", "trauma", "trastorno"),
    "pt": ("você deve", "você deveria", "você tem que", "você tem de", "terapia", "diagnóstic", "trauma",
           "transtorno"),
    "de": ("du musst", "du solltest", "therapie", "diagnos", "trauma"),
    "fr": ("tu dois", "tu devrais", "thérapie", "diagnostic", "trauma"),
}
#: Common English words: one of them in another language's prompt means a text was left untranslated.
ENGLISH_WORDS = re.compile(r"\b(the|you|your|what|who|and|with)\b", re.IGNORECASE)


def packs_in(language: str) -> list:
    return [pack for pack in PACKS if pack.language == language]


def prompts_in(language: str, kind: str) -> list:
    return [p for pack in packs_in(language) for p in pack.prompts if p.kind == kind]


def english_id(prompt_id: str, language: str) -> str:
    """The English prompt id a translated id mirrors: `respect-01-es` (or `es-respect-01`) -> `respect-01`."""
    return prompt_id.removesuffix(f"-{language}").removeprefix(f"{language}-")


def test_english_and_the_first_translations_ship():
    assert {"en", "es", "pt"} <= set(LANGUAGES)


@pytest.mark.parametrize("pack", PACKS, ids=lambda pack: pack.path.name)
def test_each_pack_declares_its_language_and_the_file_name_agrees(pack):
    """`checkins.toml` is English; `checkins.es.toml` declares `language = "es"`; checkins/reflections hold one kind."""
    stem, *suffix = pack.path.name.removesuffix(".toml").split(".")
    assert pack.language == (suffix[0] if suffix else "en")
    assert pack.id.startswith("hearth-")
    kind = {"checkins": "checkin", "reflections": "reflection"}.get(stem)
    assert kind is None or {p.kind for p in pack.prompts} == {kind}


def test_pack_and_prompt_ids_are_unique_across_every_language():
    pack_ids = Counter(pack.id for pack in PACKS)
    prompt_ids = Counter(p.id for pack in PACKS for p in pack.prompts)
    assert [i for i, n in pack_ids.items() if n > 1] == []
    assert [i for i, n in prompt_ids.items() if n > 1] == []
    load_library(default_content_dir())  # and the loader, which refuses a clash, agrees


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_enough_checkins_at_every_depth_on_the_english_themes(language):
    checkins = prompts_in(language, "checkin")
    assert len(checkins) >= MIN_CHECKINS
    depths = Counter(p.depth for p in checkins)
    assert set(depths) == set(DEPTHS)
    assert depths["light"] + depths["medium"] >= 0.8 * len(checkins)  # safe in front of others, mostly
    assert {p.theme for p in checkins} >= {p.theme for p in prompts_in("en", "checkin")}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("theme", list(THEMES))
def test_each_language_covers_every_theme_with_reflections_at_every_depth(language, theme):
    reflections = [p for p in prompts_in(language, "reflection") if p.theme == theme]
    assert len(reflections) >= MIN_REFLECTIONS_PER_THEME
    assert {p.depth for p in reflections} == set(DEPTHS)


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_a_prompt_that_mirrors_an_english_id_keeps_its_kind_theme_and_depth(language):
    english = {p.id: p for p in prompts_in("en", "checkin") + prompts_in("en", "reflection")}
    for pack in packs_in(language):
        for p in pack.prompts:
            twin = english.get(english_id(p.id, language))
            if twin is not None:
                assert (p.kind, p.theme, p.depth) == (twin.kind, twin.theme, twin.depth), p.id


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_no_prompt_is_left_in_english(language):
    english_texts = {p.text for pack in packs_in("en") for p in pack.prompts}
    for pack in packs_in(language):
        for p in pack.prompts:
            assert p.text not in english_texts, p.id
            assert not ENGLISH_WORDS.search(p.text), (p.id, p.text)


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_prompts_invite_rather_than_demand_in_every_language(language):
    for pack in packs_in(language):
        for p in pack.prompts:
            low = p.text.lower()
            assert [w for w in AVOID.get(language, ()) if w in low] == [], p.id
