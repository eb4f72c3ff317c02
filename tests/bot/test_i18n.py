"""Hearth's own words in five languages: the catalogs (read with Babel), plural forms, the language being spoken,
dates for the locale, and a pseudo-language that shows any text left unmarked."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from datetime import date, datetime, timezone
from gettext import GNUTranslations
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from bot import i18n
from bot.events import When, your_time
from bot.i18n import N_, _, ngettext, speaking
from bot.language import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]

# -- a pseudo-language: every letter of every message changed, placeholders and markup kept ------------------

_PSEUDO = dict(zip("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
                   "àƀçđéƒĝĥíĵķĺɱñóƥʠŕśţúʋŵẋýźÀƁÇĐÉƑĜĤÍĴĶĹϺÑÓƤǪŔŚŢÚƲŴẊÝŹ"))
_PLACEHOLDER = re.compile(r"(\{[a-z_]*\})")


def pseudo(text: str) -> str:
    """The text with no ASCII letter left outside its `{placeholders}`: any English a reader still sees after it
    never went through the catalogs."""
    return "".join(part if _PLACEHOLDER.fullmatch(part) else "".join(_PSEUDO.get(c, c) for c in part)
                   for part in _PLACEHOLDER.split(text))


def pseudo_translations() -> GNUTranslations:
    """The template's every message, pseudo-translated, as the runtime reads a catalog."""
    with (i18n.LOCALES / "hearth.pot").open("rb") as f:
        template = read_po(f)
    catalog = Catalog(locale="en")  # (English plural rule: two forms)
    for m in template:
        if not m.id:
            continue
        if isinstance(m.id, tuple):
            catalog.add(m.id, tuple(pseudo(s) for s in m.id))
        else:
            catalog.add(m.id, pseudo(m.id))
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return GNUTranslations(buf)


@pytest.fixture
def pseudo_spanish(monkeypatch: pytest.MonkeyPatch) -> None:
    """Spanish, as far as Hearth's catalogs go, is the pseudo-language."""
    fake = pseudo_translations()
    real = i18n.translations
    monkeypatch.setattr(i18n, "translations", lambda lang: fake if lang == "es" else real(lang))


# -- the catalogs ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_every_language_has_a_catalog_that_babel_reads(lang):
    path = i18n.po_path(lang)
    assert path.exists(), f"{path}: run `make messages`"
    i18n.translations.cache_clear()
    i18n.translations(lang)  # (no exception: a broken catalog stops Hearth at start)


def test_a_message_not_translated_yet_is_english(tmp_path, monkeypatch):
    write_catalog(tmp_path, "de", {"Okay, nothing changed.": ""})
    monkeypatch.setattr(i18n, "LOCALES", tmp_path)
    i18n.translations.cache_clear()
    try:
        with speaking("de"):
            assert _("Okay, nothing changed.") == "Okay, nothing changed."
    finally:
        i18n.translations.cache_clear()


def test_plural_forms_follow_each_languages_rule(tmp_path, monkeypatch):
    plural = ("{count} note", "{count} notes")
    write_catalog(tmp_path, "fr", {plural: ("{count} note", "{count} notes FR")})
    write_catalog(tmp_path, "de", {plural: ("{count} Notiz", "{count} Notizen")})
    monkeypatch.setattr(i18n, "LOCALES", tmp_path)
    i18n.translations.cache_clear()
    try:
        with speaking("fr"):  # French: 0 and 1 are singular
            assert [ngettext(*plural, n).format(count=n) for n in (0, 1, 2)] == ["0 note", "1 note", "2 notes FR"]
        with speaking("de"):  # German: only 1 is
            assert [ngettext(*plural, n).format(count=n) for n in (0, 1, 2)] == ["0 Notizen", "1 Notiz", "2 Notizen"]
        assert ngettext(*plural, 1) == "{count} note" and ngettext(*plural, 0) == "{count} notes"
    finally:
        i18n.translations.cache_clear()


def test_the_language_being_spoken_is_scoped(pseudo_spanish):
    assert i18n.current() == "en"
    with speaking("es"):
        assert _("Deleted.") == pseudo("Deleted.") and i18n.current() == "es"
        with speaking("xx"):  # a language Hearth has no texts in: English
            assert i18n.current() == "en" and _("Deleted.") == "Deleted."
        assert i18n.current() == "es"
    assert _("Deleted.") == "Deleted."
    assert N_("Deleted.") == "Deleted."  # marked only: translated where shown


def test_english_is_its_own_catalog():
    with i18n.po_path("en").open("rb") as f:
        english = read_po(f, locale="en")
    assert all(m.string == m.id for m in english if m.id)


# -- the template is whole -------------------------------------------------------------------------------------


def test_the_template_holds_every_declared_text():
    """Every command's help, option description, confirmation, form title and label, group description and
    choice label is a message of the template (translated where it is shown)."""
    from bot.commands.forms import LABELS
    from bot.commands.groups import GROUP_HELP
    from bot.features import registry

    ids = template_ids()
    missing = []
    for cmd in registry().commands.values():
        texts = [cmd.help, *(o.description for o in cmd.options),
                 *(c.label for o in cmd.options for c in o.choices if c.label != c.value)]
        if cmd.confirm:
            texts.append(cmd.confirm)
        if cmd.form:
            texts += [cmd.form.title, cmd.form.submit, *cmd.form.labels.values(), *cmd.form.hints.values()]
        missing += [(cmd.name, t) for t in texts if t not in ids]
    missing += [("-", t) for t in [*GROUP_HELP.values(), *LABELS.values()] if t not in ids]
    assert not missing, f"not in bot/locales/hearth.pot (run `make messages`): {missing}"


def test_the_template_is_up_to_date_with_the_source(tmp_path):
    """What `make messages` would extract now is what the committed template holds."""
    out = tmp_path / "now.pot"
    keywords = [a for k in ("_", "N_", "ngettext:1,2", "gettext_in:2", "command:2", "Option:2", "CommandForm:1")
                for a in ("-k", k)]
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", *keywords,
                    "--no-default-keywords", "-o", str(out), "."], cwd=ROOT, check=True, capture_output=True,
                   env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    with out.open("rb") as f:
        now = {m.id for m in read_po(f) if m.id}
    committed = template_ids(whole=True)
    assert now - committed == set(), "new texts: run `make messages` and commit bot/locales"
    assert committed - now == set(), "texts no longer in the source: run `make messages`"


# -- dates and times for the locale ----------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def in_2026():
    """These dates are read in 2026 (a date in another year is written with it: `years_from`)."""
    i18n.years_from(lambda: datetime(2026, 6, 1, tzinfo=timezone.utc))
    yield
    i18n.years_from(lambda: datetime.now(timezone.utc))


def test_a_date_in_another_year_than_now_says_its_year_in_every_style_and_language():
    later, this = date(2036, 12, 13), date(2026, 12, 13)
    assert (i18n.day_month(later), i18n.long_day(later), i18n.day_month_short(later)) == (
        "Sat 13 Dec 2036", "Saturday 13 December 2036", "13 Dec 2036")
    assert (i18n.day_month(this), i18n.long_day(this), i18n.day_month_short(this)) == (
        "Sun 13 Dec", "Sunday 13 December", "13 Dec")
    assert i18n.day_month(date(2025, 12, 29)) == "Mon 29 Dec 2025"  # (the past too: a chart's weeks span years)
    for lang in ("es", "de", "fr", "pt"):
        with speaking(lang):
            assert "2036" in i18n.day_month(later) and "2036" in i18n.long_day(later), lang
            assert "2036" in i18n.day_month_short(later) and "2026" not in i18n.day_month(this), lang
    i18n.years_from(lambda: datetime(2036, 1, 1, tzinfo=timezone.utc))  # the clock moved on: its year is now's
    assert i18n.day_month(later) == "Sat 13 Dec" and i18n.day_month(this) == "Sun 13 Dec 2026"
    at = datetime(2026, 12, 13, 9, 0, tzinfo=timezone.utc)
    assert When(at, "UTC").text() == "Sun 13 Dec 2026, 09:00 (UTC)"  # (every message's times, an audit's too)


def test_no_date_style_writes_this_years_year():
    """`notes list` said "6 Dec 2026" in 2026 (its own style, always with the year) where every view says "Sun 6
    Dec": each of i18n's date styles leaves the year out when it is now's, in every language."""
    import inspect

    styles = [f for name, f in vars(i18n).items() if inspect.isfunction(f) and not name.startswith("_")
              and list(inspect.signature(f).parameters) == ["day"]]
    assert len(styles) >= 3
    for lang in ("en", "es", "de", "fr", "pt"):
        with speaking(lang):
            for style in styles:
                assert "2026" not in style(date(2026, 12, 6)) and "2027" in style(date(2027, 1, 6)), (lang, style)


def test_dates_and_times_read_as_each_language_writes_them():
    day = date(2026, 1, 6)
    at = datetime(2026, 1, 5, 8, 0, tzinfo=timezone.utc)
    assert i18n.day_month(day) == "Tue 6 Jan"  # English as Hearth has always written it
    with speaking("es"):
        assert i18n.day_month(day) == "mar, 6 ene" and i18n.clock(at) == "08:00"
        assert "enero" in i18n.long_day(day)
    with speaking("de"):
        assert i18n.day_month(day) == "Di., 6. Jan."
    with speaking("fr"):
        assert i18n.day_month(day) == "mar. 6 janv."
    with speaking("pt"):
        assert "jan" in i18n.day_month(day) and "ter" in i18n.day_month(day)


def test_one_short_date_style_per_language_everywhere():
    """A week in a chart, a note's date and a round all read "Mon 7 Dec" alike: no "07 Dec" beside it. The one
    long form (`long_day`, for a sentence that ends on a date, whose months are whole words so no abbreviation's
    full stop meets the sentence's) pads no day either."""
    day = date(2026, 12, 7)
    assert (i18n.day_month(day), i18n.long_day(day)) == ("Mon 7 Dec", "Monday 7 December")
    assert i18n.day_month_short(day) == "7 Dec"
    with speaking("es"):
        assert i18n.day_month(day) == "lun, 7 dic" and i18n.long_day(day) == "lun, 7 de diciembre"


def test_a_time_keeps_the_language_it_was_made_in_also_when_sent_later():
    at = datetime(2026, 1, 5, 8, 0, tzinfo=timezone.utc)
    with speaking("de"):
        shown = your_time(at, "Europe/Berlin")
    when = shown.parts[0]
    assert isinstance(when, When) and when.lang == "de"
    assert when.text() == "Mo., 5. Jan., 09:00 (Europe/Berlin)"  # (outside `speaking`: its own language)
    again = When.from_json(when.to_json())
    assert again == when
    assert When.from_json("2026-01-05T08:00:00+00:00|UTC|datetime|1").lang == "en"  # (queued before languages)


# -- helpers ----------------------------------------------------------------------------------------------------


def template_ids(whole: bool = False) -> set:
    with (i18n.LOCALES / "hearth.pot").open("rb") as f:
        return {(m.id if whole or isinstance(m.id, str) else m.id[0]) for m in read_po(f) if m.id}


def write_catalog(root: Path, lang: str, messages: dict) -> None:
    from babel.messages.pofile import write_po

    catalog = Catalog(locale=lang)
    for msgid, msgstr in messages.items():
        catalog.add(msgid, msgstr)
    path = root / lang / "LC_MESSAGES" / "hearth.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        write_po(f, catalog)
    # The plural rule the shipped catalog declares (gettext's two forms), not Babel's default for the locale.
    shipped = re.search(r'"Plural-Forms: [^"]*"', i18n.po_path(lang).read_text(encoding="utf-8")).group(0)
    text = re.sub(r'"Plural-Forms: [^"]*"\n(?:"[^"]*"\n)*?(?="MIME)', lambda _m: shipped + "\n",
                  path.read_text(encoding="utf-8"), count=1)
    path.write_text(text, encoding="utf-8")


def test_a_number_is_written_as_each_language_writes_it():
    assert i18n.number(1_000_000) == "1,000,000"  # (English: as Hearth has always written it)
    with speaking("de"):
        assert i18n.number(1_000_000) == "1.000.000"
    with speaking("fr"):
        assert i18n.number(1_000_000).replace("\u202f", " ").replace("\u00a0", " ") == "1 000 000"


def test_a_sentence_ending_on_an_abbreviation_keeps_one_full_stop():
    assert i18n.one_full_stop("à partir du lundi 8 déc..") == "à partir du lundi 8 déc."
    assert i18n.one_full_stop("bis Di., 8. Dez.. Danach") == "bis Di., 8. Dez. Danach"
    assert i18n.one_full_stop("Wait... and “…”.") == "Wait... and “…”."
    assert i18n.one_full_stop("Snoozed until Tue 8 Dec.") == "Snoozed until Tue 8 Dec."


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_long_date_never_ends_in_a_full_stop(lang):
    """`long_day` goes before a full stop without `one_full_stop` (in `fill` templates): its months are whole."""
    with i18n.speaking(lang):
        assert not [d for m in range(1, 13) if (d := i18n.long_day(date(2026, m, 8))).endswith(".")]


def test_shown_averages_round_half_up_in_every_language():
    """3.25 is 3.3 to a person (Python's own rounding says 3.2: half to even, and the float a shade under)."""
    from bot.i18n import decimal, half_up, speaking

    assert decimal(3.25) == "3.3" and decimal(3.15) == "3.2" and decimal(2.0) == "2.0"
    with speaking("de"):
        assert decimal(3.25) == "3,3"
    assert half_up(2.5, 0) == 3 and str(half_up(3.125, 2)) == "3.13"  # (a mood's emoji; the CSV's two places)
