"""Support resources are facts: check them exactly, with their sources and dates, and the fallbacks."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from bot.events import Rich, UserText
from bot.language import LANGUAGES
from bot.safety import SafetyContentError
from bot.content import default_content_dir
from bot.safety.replies import load_care_texts
from bot.safety.resources import load_resources, support_message

#: The regions Hearth must cover (issue 18), besides `anywhere`.
REQUIRED = ["us", "ca", "gb", "ie", "au", "nz", "es", "mx", "ar", "co", "cl", "de", "at", "ch", "fr", "be", "br", "pt"]


@pytest.fixture(scope="module")
def res():
    return load_resources()


@pytest.fixture(scope="module")
def texts():
    return load_care_texts()


def lines(res, texts, code, language="en"):
    return [line.plain() for line in res.for_region(code).lines(texts, language)]


def test_regions_listed_with_anywhere_first(res):
    codes = [c for c, _ in res.regions()]
    assert codes[0] == "anywhere"
    assert set(REQUIRED) <= set(codes)
    assert dict(res.regions())["gb"] == "United Kingdom"


@pytest.mark.parametrize("code", REQUIRED + ["anywhere"])
def test_every_required_region_has_resources_each_with_a_source_and_a_date(res, code):
    region = res.for_region(code)
    assert region.code == code
    assert code == "anywhere" or region.emergency, "an emergency number"
    own = [r for r in region.resources if r.name != "Find A Helpline"] if code != "anywhere" else region.resources
    assert own, f"{code} lists no resource of its own"
    for entry in (region, *region.resources):
        assert entry.source.startswith("https://") and "." in entry.source
        assert isinstance(entry.verified, date)


def test_the_file_says_honestly_what_verified_means():
    header = (default_content_dir() / "resources.toml").read_text(encoding="utf-8").split("[regions.")[0]
    assert "last checked" in header and "WITHOUT a live" in header and "before this file is released" in header


@pytest.mark.parametrize("code", REQUIRED + ["anywhere", "eu"])
def test_region_names_exist_in_every_language(res, code):
    names = {lang: res.for_region(code).name(lang) for lang in LANGUAGES}
    assert all(names.values())
    assert dict(res.regions("de"))["de"] == "Deutschland" and dict(res.regions("es"))["us"] == "Estados Unidos"


@pytest.mark.parametrize("code, expected", [
    ("anywhere", ["**Find A Helpline**", "findahelpline.com", "call your local emergency number"]),
    ("us", ["988 Suicide & Crisis Lifeline: call or text 988", "Crisis Text Line: text HOME to 741741", "call 911"]),
    ("ca", ["988 Suicide Crisis Helpline: call or text 988", "call 911"]),
    ("gb", ["Samaritans: call 116 123", "Shout: text SHOUT to 85258", "call 999"]),
    ("ie", ["Samaritans: call 116 123", "Pieta: call 1800 247 247", "call 112 or 999"]),
    ("au", ["Lifeline: call 13 11 14", "call 000"]),
    ("nz", ["call or text 1737", "call 111"]),
    ("es", ["Línea 024: call 024", "call 112"]),
    ("mx", ["Línea de la Vida: call 800 911 2000", "call 911"]),
    ("de", ["TelefonSeelsorge: call 0800 111 0 111, 0800 111 0 222 or 116 123", "call 112"]),
    ("at", ["TelefonSeelsorge: call 142"]),
    ("ch", ["Die Dargebotene Hand / La Main Tendue / Telefono Amico: call 143"]),
    ("fr", ["3114: call 3114", "call 15 or 112"]),
    ("be", ["Centre de Prévention du Suicide: call 0800 32 123", "Zelfmoordlijn: call 1813"]),
    ("br", ["call 188", "call 192"]),
    ("pt", ["SOS Voz Amiga: call 213 544 545"]),
    ("eu", ["call 112"]),
])
def test_each_region_is_exact(res, texts, code, expected):
    text = "\n".join(lines(res, texts, code))
    raw = "".join(p if isinstance(p, str) else p.text for line in res.for_region(code).lines(texts, "en")
                  for p in line.parts if isinstance(p, (str, UserText)))
    for fact in expected:
        assert fact in (raw if "**" in fact else text)


def test_numbers_are_shown_as_inert_text_so_no_platform_reads_them_as_markup(res, texts):
    line = res.for_region("cl").lines(texts, "en")[0]
    assert UserText("*4141") in line.parts


@pytest.mark.parametrize("code", REQUIRED + ["eu"])
def test_every_region_also_lists_the_directory(res, texts, code):
    assert any("findahelpline.com" in line for line in lines(res, texts, code))


def test_no_region_borrows_another_regions_numbers(res, texts):
    assert "Shout" not in "\n".join(lines(res, texts, "ie"))
    assert "988" not in "\n".join(lines(res, texts, "gb"))
    assert "911" not in "\n".join(lines(res, texts, "au"))
    assert "TelefonSeelsorge" not in "\n".join(lines(res, texts, "ch"))


@pytest.mark.parametrize("code", [None, "", "xx", "mars"])
def test_unknown_region_falls_back_to_anywhere(res, code):
    assert res.for_region(code).code == "anywhere"
    assert not res.known(code)


def test_codes_are_forgiving(res):
    assert res.for_region("GB").code == "gb"
    assert res.for_region(" uk ").code == "gb"
    assert res.known(" UK ") and res.known("anywhere")


@pytest.mark.parametrize("language, words", [
    ("en", ["call 0800 111 0 111, 0800 111 0 222 or 116 123", "**In immediate danger**: call 112"]),
    ("es", ["llama al 0800 111 0 111, 0800 111 0 222 o 116 123", "**Si estás en peligro inmediato**: llama al 112"]),
    ("de", ["Telefon 0800 111 0 111, 0800 111 0 222 oder 116 123", "**In akuter Gefahr**: Notruf 112"]),
    ("fr", ["appelle le 0800 111 0 111, 0800 111 0 222 ou 116 123", "**En cas de danger immédiat**\u00a0: appelle le 112"]),
    ("pt", ["ligue para o 0800 111 0 111, 0800 111 0 222 ou 116 123", "**Em perigo imediato**: ligue para o 112"]),
])
def test_the_words_around_the_facts_are_in_the_persons_language(res, texts, language, words):
    raw = "\n".join("".join(p if isinstance(p, str) else p.text for p in line.parts)
                    for line in res.for_region("de").lines(texts, language))
    for w in words:
        assert w in raw


def test_support_message_is_opening_resources_and_disclaimer():
    msg = support_message("gb")
    assert isinstance(msg, Rich)
    text = msg.plain()
    assert text.startswith("If things are hard, you don't have to face them alone.")
    assert "Samaritans: call 116 123" in text and "SHOUT to 85258" in text
    assert text.rstrip().endswith("Hearth is not a therapist or an emergency service.")
    assert "saved" not in text
    raw = "".join(p for p in msg.parts if isinstance(p, str))
    assert "**" in raw
    assert "_" not in raw.replace("**", "") and "`" not in raw


def test_support_message_default_is_anywhere():
    text = support_message(None).plain()
    assert "findahelpline.com" in text and "local emergency number" in text
    assert "not a therapist or an emergency service" in text


def test_support_message_in_spanish():
    text = support_message("es", "es").plain()
    assert "Línea 024: llama al 024" in text and "Hearth no es terapeuta" in text


def copy_content(tmp_path: Path) -> Path:
    shutil.copy(default_content_dir() / "resources.toml", tmp_path / "resources.toml")
    return tmp_path


@pytest.mark.parametrize("old, new, needle", [
    ("[regions.anywhere]\nname", "[regions.somewhere]\nname", "[regions.anywhere]"),
    ('keyword = "SHOUT"', 'keyword = ""', "[regions.gb].resources[1].keyword"),
    ('call = ["13 11 14"]', 'call = ["13 11 14 _now_"]', "[regions.au].resources[0].call[0]"),
    ('name = { en = "Canada",', 'phone = "988"\nname = { en = "Canada",', "[regions.ca]: unknown key(s) ['phone']"),
    ('aliases = ["uk"]', 'aliases = ["ie"]', "[regions.gb].aliases"),
    ('name = "Pieta"\ncall = ["1800 247 247"]\nsource = "https://www.pieta.ie"',
     'name = "Pieta"\ncall = ["1800 247 247"]', "[regions.ie].resources[1].source"),
    ('source = "https://www.telefonseelsorge.at"\nverified = 2026-12-04',
     'source = "https://www.telefonseelsorge.at"\nverified = "recently"', "[regions.at].resources[0].verified"),
    ('fr = "Canada", pt = "Canadá" }', 'fr = "Canada" }', "[regions.ca].name"),
    ('emergency = ["999"]', 'emergency = []', "[regions.gb].emergency"),
    ('text = "741741"\nkeyword = "HOME"', 'keyword = "HOME"', "a keyword needs the number"),
])
def test_bad_resources_file_names_file_and_entry(tmp_path, old, new, needle):
    content = copy_content(tmp_path)
    path = content / "resources.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(SafetyContentError) as err:
        load_resources(content)
    assert str(path) in str(err.value) and needle in str(err.value)


# -- lines for violence or abuse from another person (trial 15, §4) ----------------------------------------

#: The abuse lines checked on 2026-12-06 against the page named in each entry's `source`, exactly as published.
ABUSE = {
    "us": "National Domestic Violence Hotline: call 1-800-799-7233, text START to 88788",
    "gb": "National Domestic Abuse Helpline (Refuge): call 0808 2000 247",
    "ie": "Women's Aid: call 1800 341 900",
    "es": "016: call 016",
    "fr": "3919 – Violences Femmes Info: call 3919",
    "de": "Hilfetelefon Gewalt gegen Frauen: call 116 016",
    "at": "Frauenhelpline gegen Gewalt: call 0800 222 555",
    "pt": "Serviço de Informação às Vítimas de Violência Doméstica: call 800 202 148",
    "br": "Ligue 180 – Central de Atendimento à Mulher: call 180",
    "ar": "Línea 144: call 144",
    "cl": "Fono 1455: call 1455",
    "co": "Línea 155: call 155",
    "au": "1800RESPECT: call 1800 737 732",
    "nz": "Women's Refuge: call 0800 733 843",
}


def test_every_abuse_line_in_the_file_has_its_source_and_the_date_it_was_checked():
    """Read from the file itself, so that no entry can lack them whatever the loader allows."""
    import tomllib

    raw = tomllib.loads((default_content_dir() / "resources.toml").read_text(encoding="utf-8"))["regions"]
    found = {code: entry for code, region in raw.items() for entry in region.get("resources", [])
             if entry.get("abuse")}
    assert set(found) == set(ABUSE)
    for code, entry in found.items():
        assert str(entry.get("source", "")).startswith("https://"), code
        assert isinstance(entry.get("verified"), date) and entry["verified"] >= date(2026, 12, 6), code


@pytest.mark.parametrize("code", sorted(ABUSE))
def test_the_reply_to_harm_from_others_lists_the_regions_abuse_line_first(res, texts, code):
    region = res.for_region(code)
    harm = [line.plain() for line in region.lines(texts, "en", abuse=True)]
    assert harm[0].startswith("• " + ABUSE[code])
    assert len(harm) == len(region.resources) + 1 and "In immediate danger" in harm[-1]
    own = [line.plain() for line in region.lines(texts, "en")]
    assert not any(ABUSE[code] in line for line in own), "an abuse line only in the reply to that danger"
    assert len(own) == len(harm) - 1


def test_a_region_without_a_checked_abuse_line_shows_its_crisis_lines_for_harm_too(res, texts):
    assert [line.plain() for line in res.for_region("ca").lines(texts, "en", abuse=True)] == \
        [line.plain() for line in res.for_region("ca").lines(texts, "en")]


def test_support_never_lists_an_abuse_line():
    assert "1-800-799-7233" not in support_message("us").plain()
