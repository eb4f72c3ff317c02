"""The catalogs' checks: missing messages, placeholders that differ, texts too long for a platform."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from bot import i18n, i18n_check
from bot.content.lint import lint
from bot.language import LANGUAGES


def test_the_shipped_catalogs_have_no_problems():
    report = i18n_check.check()
    assert report.problems == [], "\n".join(report.problems)
    assert report.total > 600 and set(report.missing) == set(LANGUAGES)


@pytest.mark.parametrize("lang", i18n_check.COMPLETE)
def test_a_language_declared_complete_misses_no_message(lang):
    """Once translators fill a language, add it to `COMPLETE`: from then on nothing may go missing there."""
    assert i18n_check.check([lang]).missing[lang] == 0


def test_every_english_text_fits_its_platforms_limits():
    assert i18n_check.english_limits_problems() == []
    limits = i18n_check.limits()
    assert limits["Yes, go ahead"][0] == i18n_check.BUTTON_LABEL
    assert limits["Keep a private note"][0] == i18n_check.FORM_TITLE
    assert limits["the check-in's name"][0] == i18n_check.DESCRIPTION


def test_the_limits_are_the_platforms():
    from testing import discord_rules
    from adapters.slack.render import MAX_BUTTON_LABEL, MAX_OPTION_TEXT, MAX_VIEW_TITLE

    assert i18n_check.BUTTON_LABEL == min(MAX_BUTTON_LABEL, discord_rules.BUTTON_LABEL)
    assert i18n_check.FORM_TITLE == min(MAX_VIEW_TITLE, discord_rules.MODAL_TITLE)
    assert i18n_check.FIELD_LABEL == discord_rules.LABEL
    assert i18n_check.DESCRIPTION == discord_rules.COMMAND_DESCRIPTION == discord_rules.CHOICE_NAME
    assert i18n_check.CHOICE_LABEL == MAX_OPTION_TEXT


@pytest.fixture
def locales(tmp_path: Path) -> Path:
    """A copy of the shipped catalogs to spoil."""
    shutil.copytree(i18n.LOCALES, tmp_path / "locales")
    return tmp_path / "locales"


def translate(locales: Path, lang: str, strings: dict) -> None:
    path = locales / lang / "LC_MESSAGES" / "hearth.po"
    with path.open("rb") as f:
        catalog = read_po(f, locale=lang)
    for msgid, msgstr in strings.items():
        catalog[msgid].string = msgstr
    with path.open("wb") as f:
        write_po(f, catalog)


def test_placeholders_that_differ_are_a_problem(locales):
    translate(locales, "de", {
        "Done: your timezone is {zone}. It's {time} there now.": "Erledigt: deine Zeitzone ist {zone}. Es ist {uhr}.",
        "I don't know the command “{}”. **help** lists them all.": "Unbekannter Befehl. **help** zeigt alle.",
        "Deleted.": "Gelöscht {.",
        ("{count} note", "{count} notes"): ("eine Notiz", "{count} Notizen {extra}"),
        "Updated.": "Aktualisiert.",
    })
    problems = "\n".join(i18n_check.check(["de"], locales=locales).problems)
    assert "placeholders differ — the message has {time}, {zone}, the translation {uhr}, {zone}" in problems
    assert "the message has 1 {} slot(s), the translation 0" in problems
    assert "“Deleted.”: the translation has a stray { or }" in problems
    assert "it uses {extra}, which the message doesn't fill" in problems
    assert "eine Notiz" not in problems  # (a plural form may leave out the number)
    assert "Updated." not in problems


def test_a_translation_too_long_for_its_platform_is_a_problem(locales):
    translate(locales, "fr", {
        "Yes, go ahead": "Oui, vas-y, " * 8,
        "Keep a private note": "Garder une note privée pour plus tard",
        "the check-in's name": "le nom" + " du rendez-vous" * 8,
        "Cancel": "Annuler",
    })
    problems = "\n".join(i18n_check.check(["fr"], locales=locales).problems)
    assert "“Yes, go ahead”: 96 characters, but a button label can have at most 75" in problems
    assert "“Keep a private note”: 37 characters, but a form's title (note) can have at most 24" in problems
    assert "an option's description" in problems and "can have at most 100" in problems
    assert "Cancel" not in problems


def test_a_description_whose_first_words_title_a_form_keeps_them_short_in_every_language(locales):
    """A command with no form title of its own is titled with its description's first words on every platform's form
    (`forms.first_words`): Slack shows 24 characters of a title, so the translation's first words fit them too (the
    German "Eine deiner Notizen löschen" was shown as "Eine deiner Notizen…")."""
    assert i18n_check.title_limits()["Delete one of your notes."][0] == i18n_check.FORM_TITLE
    assert "Keep a private note" not in i18n_check.title_limits()  # (a declared title is capped whole: `limits`)
    translate(locales, "de", {"Delete one of your notes.": "Eine deiner persönlichen Notizen löschen. Für immer."})
    problems = "\n".join(i18n_check.check(["de"], locales=locales).problems)
    assert "“Eine deiner persönlichen Notizen löschen” is 40 characters" in problems
    translate(locales, "de", {"Delete one of your notes.": "Eine Notiz löschen: für immer, und sie ist nirgends mehr."})
    assert i18n_check.check(["de"], locales=locales).problems == []  # (only the first words title the form)


def test_a_missing_message_warns_while_translating_and_fails_once_complete(locales):
    path = locales / "pt" / "LC_MESSAGES" / "hearth.po"
    with path.open("rb") as f:
        catalog = read_po(f, locale="pt")
    for message in catalog:  # (a catalog just started, whatever the shipped one holds)
        if message.id:
            message.string = ("", "") if isinstance(message.id, tuple) else ""
    with path.open("wb") as f:
        write_po(f, catalog)
    translate(locales, "pt", {"Deleted.": "Apagado."})
    report = i18n_check.check(["pt"], complete=["en"], locales=locales)
    assert report.problems == [] and report.missing["pt"] == report.total - 1
    assert report.warnings == [f"bot/locales/pt: {report.total - 1} of {report.total} messages not translated yet "
                               "(shown in English)"]
    strict = i18n_check.check(["pt"], complete=["pt"], locales=locales)
    assert strict.problems == report.warnings


def test_a_catalog_behind_the_template_is_a_problem(locales):
    path = locales / "es" / "LC_MESSAGES" / "hearth.po"
    with path.open("rb") as f:
        catalog = read_po(f, locale="es")
    del catalog["Deleted."]
    with path.open("wb") as f:
        write_po(f, catalog)
    problems = i18n_check.check(["es"], locales=locales).problems
    assert problems == ["bot/locales/es: “Deleted.” is not in the catalog — run `make messages`"]


def test_content_lint_reports_the_catalogs():
    code, report = lint(None)
    assert code == 0, report
    assert "Hearth's own words" in report and "en: " in report and "(complete)" in report
    code, report = lint(None, complete=("es",))
    if i18n_check.check(["es"]).missing["es"]:
        assert code == 1 and "bot/locales/es:" in report and "not translated yet" in report


def test_every_count_before_a_word_is_a_plural_message():
    """"1 private notes", "kept for 1 days": a count before a word is an ngettext message, so each language can
    make “1 …” agree; only counts that are never 1 are listed as such (`NEVER_ONE`)."""
    assert i18n_check.uncounted_messages() == []


def test_a_count_before_a_word_outside_a_plural_message_is_found(tmp_path):
    from babel.messages.catalog import Catalog

    catalog = Catalog()
    catalog.add("Answers are kept for {days} days.")
    catalog.add(("{count} note", "{count} notes"))
    catalog.add("Showing {shown} of {count}.")
    pot = tmp_path / "hearth.pot"
    with pot.open("wb") as f:
        write_po(f, catalog)
    assert i18n_check.uncounted_messages(pot) == ["Answers are kept for {days} days."]
