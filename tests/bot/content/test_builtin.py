"""The built-in library meets the content guide's counts and rules."""

from collections import Counter

import pytest

from bot.content import DEPTHS, MAX_PROMPT_CHARS, THEMES, default_content_dir, load_library, load_pack

PACKS = default_content_dir() / "packs"


@pytest.fixture(scope="module")
def library():
    return load_library(default_content_dir())


def test_default_content_dir_is_the_repo_content():
    assert (default_content_dir() / "texts.toml").is_file()
    assert {p.name for p in PACKS.glob("*.toml")} >= {"reflections.toml", "checkins.toml"}


@pytest.mark.parametrize("theme", list(THEMES))
def test_at_least_twelve_reflections_per_theme_across_depths(library, theme):
    prompts = library.select(kind="reflection", theme=theme)
    assert len(prompts) >= 12
    assert {p.depth for p in prompts} == set(DEPTHS)


def test_signs_and_repair_go_further(library):
    for theme in ("signs", "repair"):
        assert len(library.select(kind="reflection", theme=theme)) >= 15


def test_reflections_pack_holds_only_reflections():
    pack = load_pack(PACKS / "reflections.toml")
    assert pack.id == "hearth-reflections" and pack.language == "en"
    assert {p.kind for p in pack.prompts} == {"reflection"}
    for p in pack.prompts:
        assert p.id.startswith(f"{p.theme}-"), p.id


def test_checkins_pack(library):
    pack = load_pack(PACKS / "checkins.toml")
    assert pack.id == "hearth-checkins"
    assert {p.kind for p in pack.prompts} == {"checkin"}
    assert len(pack.prompts) >= 40
    depths = Counter(p.depth for p in pack.prompts)
    assert set(depths) == set(DEPTHS)
    assert depths["light"] + depths["medium"] >= 0.8 * len(pack.prompts)
    assert depths["light"] >= depths["deep"] and depths["medium"] >= depths["deep"]
    assert all(p.theme in THEMES for p in pack.prompts)
    assert len(library.select(kind="checkin", theme="appreciation")) >= 5
    assert len({p.theme for p in pack.prompts}) == len(THEMES)


def test_every_prompt_is_one_short_question(library):
    for p in library.prompts.values():
        assert 0 < len(p.text) < MAX_PROMPT_CHARS, p.id
        assert p.text.endswith("?") and p.text.count("?") == 1, p.id
        assert p.text == p.text.strip() and "\n" not in p.text, p.id


def test_no_two_prompts_share_a_text(library):
    texts = Counter(p.text.lower() for p in library.prompts.values())
    assert [t for t, n in texts.items() if n > 1] == []


def test_prompts_invite_rather_than_demand(library):
    for p in library.prompts.values():
        low = p.text.lower()
        for word in ("you must", "you should", "you have to", "therapy", "diagnos", "trauma", "disorder"):
            assert word not in low, (p.id, word)
