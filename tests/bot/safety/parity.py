"""The two checks every parity family file makes, written once.

A family is one thing said, with sentences in each of Hearth's five languages, and the level (or the levels) every
language must give it. `parity_tests` returns the two tests for a file's families; the file binds them to its
own module names, so pytest collects them there:

    test_every_family_has_all_five_languages, test_all_five_languages_give_the_same_level = parity_tests(FAMILIES)
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

import pytest

from bot.safety.screen import Screen

LANGS = ("en", "es", "de", "fr", "pt")

#: family -> (the level every language must give, or the levels any of which will do; {language: [sentences]})
Families = Mapping[str, tuple[str | Collection[str], Mapping[str, list[str]]]]


def allowed(level: str | Collection[str]) -> set[str]:
    return {level} if isinstance(level, str) else set(level)


def parity_tests(families: Families, *by_language: Mapping[str, object]) -> tuple[Callable[[], None], Callable]:
    """The completeness test (every family, and every extra per-language table given, has all five languages)
    and the parity test (each family's sentences get its level in every language), parametrized by family."""
    def test_every_family_has_all_five_languages() -> None:
        for family, (_, texts) in families.items():
            assert sorted(texts) == sorted(LANGS), family
        for table in by_language:
            assert sorted(table) == sorted(LANGS)

    @pytest.mark.parametrize("family", list(families))
    def test_all_five_languages_give_the_same_level(screen: Screen, family: str) -> None:
        level, texts = families[family]
        want = allowed(level)
        got = {(lang, text): screen.check(text).level for lang in LANGS for text in texts[lang]}
        wrong = {k: v for k, v in got.items() if v not in want}
        assert not wrong, f"{family}: want {' or '.join(sorted(want))} in every language, got {wrong}"

    return test_every_family_has_all_five_languages, test_all_five_languages_give_the_same_level


def kind_test(families: Families, kinds: Mapping[str, str]) -> Callable:
    """The test that each crisis family's sentences are heard as its kind (`kinds`; "self" where not named), in
    every language: the care reply is written for it (`content/safety/replies.toml`, by kind)."""
    @pytest.mark.parametrize("family", [f for f, (level, _) in families.items() if level == "crisis"])
    def test_the_kind_fits_the_care_reply(screen: Screen, family: str) -> None:
        want = kinds.get(family, "self")
        got = {(lang, text): screen.check(text).kind for lang in LANGS for text in families[family][1][lang]}
        wrong = {k: v for k, v in got.items() if v != want}
        assert not wrong, f"{family}: want kind {want} in every language, got {wrong}"

    return test_the_kind_fits_the_care_reply
