"""Discord's own localizations: command and option descriptions and choice names in every Discord locale of a
language Hearth speaks, from the catalogs; command names stay English."""

from __future__ import annotations

from gettext import NullTranslations

import pytest

from bot import i18n
from bot.i18n import gettext_in
from testing import discord_rules as rules
from tests.bot.test_i18n import pseudo, pseudo_spanish  # noqa: F401  (fixture)


def find(commands: list[dict], *path: str) -> dict:
    found = {"options": commands}
    for name in path:
        found = next(c for c in found["options"] if c["name"] == name)
    return found


async def test_descriptions_carry_discords_localizations(pseudo_spanish, fake, discord_bot, app):  # noqa: F811
    synced = fake.commands["global"]
    assert rules.commands_problems(synced) == []
    join = find(synced, "checkin", "join")
    help = app.registry.commands["checkin join"].help
    assert join["description"] == help
    localized = join["description_localizations"]
    assert localized["es-ES"] == localized["es-419"] == pseudo(help)
    for locale, lang in (("de", "de"), ("fr", "fr"), ("pt-BR", "pt")):  # (as far as each catalog goes)
        assert localized.get(locale, help) == gettext_in(lang, help)
    assert "en-US" not in localized and "ja" not in localized
    assert not join.get("name_localizations")  # command names stay English
    schedule = find(synced, "checkin", "join", "schedule")
    assert schedule["description_localizations"]["es-419"] == pseudo("the check-in's name")
    assert find(synced, "checkin")["description_localizations"]["es-ES"] == pseudo(
        "Group check-ins: see, join, leave and answer them")
    theme = find(synced, "reflect", "theme")
    respect = next(c for c in theme["choices"] if c["value"] == "respect")
    assert respect["name"] == "Respect" and respect["name_localizations"]["es-ES"] == pseudo("Respect")


@pytest.fixture
def untranslated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "translations", lambda lang: NullTranslations())


async def test_a_description_not_translated_yet_is_english_for_everyone(untranslated, fake, discord_bot):
    join = find(fake.commands["global"], "checkin", "join")
    assert not join.get("description_localizations")  # (Discord shows the English one)
