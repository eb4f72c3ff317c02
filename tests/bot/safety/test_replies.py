"""The care texts exist in every language, whole: every text, the same placeholders, Hearth's markup only."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from bot.content import default_content_dir
from bot.language import LANGUAGES
from bot.safety import SafetyContentError
from bot.safety.replies import FILE, TEXTS, load_care_texts, placeholders


@pytest.fixture(scope="module")
def raw() -> dict:
    return tomllib.loads((default_content_dir() / FILE).read_text(encoding="utf-8"))


def test_every_language_has_every_text(raw):
    assert set(raw) == set(LANGUAGES) == {"en", "es", "de", "fr", "pt"}
    for language in LANGUAGES:
        assert set(raw[language]) == set(TEXTS), language


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != "en"])
def test_every_text_has_the_placeholders_of_the_english_one(raw, language):
    for key, english in raw["en"].items():
        assert placeholders(raw[language][key]) == placeholders(english), f"[{language}].{key}"


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != "en"])
def test_the_texts_are_written_in_the_language_not_left_in_english(raw, language):
    same = [key for key, text in raw[language].items()
            if text == raw["en"][key] and key not in {"resource"}]
    assert same == []


def test_the_loaded_texts_fall_back_to_english_for_a_language_hearth_lacks():
    texts = load_care_texts()
    assert texts.text("it", "crisis") == texts.text("en", "crisis")
    assert texts.text("es", "not_a_therapist") == "Hearth no es terapeuta ni un servicio de emergencias."


def copy(tmp_path: Path) -> Path:
    (tmp_path / "safety").mkdir()
    shutil.copy(default_content_dir() / FILE, tmp_path / FILE)
    return tmp_path / FILE


@pytest.mark.parametrize("old, new, needle", [
    ('[pt]\ncrisis = ', '[pt]\ncrisiss = ', "[pt] lacks ['crisis']"),
    ('call = "Telefon {numbers}"', 'call = "Telefon {nummern}"', "[de].call: needs exactly {numbers}"),
    ('call = "llama al {numbers}"', 'call = "llama al"', "[es].call: needs exactly {numbers}"),
    ('not_a_therapist = "Hearth is not', 'not_a_therapist = "`Hearth` is not', "[en].not_a_therapist"),
    ('\n[fr]\n', '\n[it]\ncrisis = "Ciao"\n[fr]\n', "unknown language table(s) ['it']"),
])
def test_a_broken_file_names_the_language_and_the_text(tmp_path, old, new, needle):
    path = copy(tmp_path)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(SafetyContentError) as err:
        load_care_texts(tmp_path)
    assert str(path) in str(err.value) and needle in str(err.value)


def test_a_missing_language_stops_hearth(tmp_path):
    path = copy(tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index("\n[pt]\n")], encoding="utf-8")
    with pytest.raises(SafetyContentError, match=r"\[pt\] is missing"):
        load_care_texts(tmp_path)


def test_the_portuguese_care_texts_speak_brazilian_portuguese_with_voce(raw):
    """Hearth says "você" everywhere else; the care texts mixed in European forms ("falar consigo",
    "precisa de passar", "tal como escolheu"), which read as a different voice at the worst moment."""
    pt = raw["pt"]
    european = (" consigo", "precisa de ", "tal como", "Pode falar", "Como está,", "Como está hoje", "Olá", "Os seus",
                "As suas", "guardadas")
    for key, text in pt.items():
        for form in european:
            assert form not in text, (key, form, text)
    for key in ("crisis", "gentle", "support", "low_mood", "told", "privacy_care", "followup"):
        assert "você" in pt[key], key


# -- the crisis reply by whose danger (trial 15, §4) ---------------------------------------------------------

#: Words each kind's opening says in every language: for someone else, what to do for them now and that the lines
#: help helpers too; for harm from another person, their safety first and not their fault.
BY_KIND = {
    "crisis_someone_else": {
        "en": ["someone you care about", "call emergency services for them", "stay with them",
               "help people who are supporting someone"],
        "es": ["alguien que te importa", "llama a emergencias por esa persona", "quédate con ella",
               "ayudan a quien acompaña a alguien"],
        "de": ["jemand, der dir wichtig ist", "ruf für sie den Notruf an", "Bleib", "die jemanden unterstützen"],
        "fr": ["quelqu'un qui compte pour toi", "appelle les secours pour elle", "reste avec elle",
               "aident aussi les proches qui soutiennent quelqu'un"],
        "pt": ["alguém importante para você", "ligue para a emergência por ela", "fique com ela",
               "ajudam também quem está apoiando alguém"],
    },
    "crisis_harm": {
        "en": ["hurting or threatening you", "Your safety comes first", "not your fault"],
        "es": ["haciendo daño o amenazando", "Lo primero es tu seguridad", "no es culpa tuya"],
        "de": ["wehtun oder dir drohen", "Deine Sicherheit geht vor", "nicht deine Schuld"],
        "fr": ["te fait du mal ou te menace", "Ta sécurité passe en premier", "n'est pas de ta faute"],
        "pt": ["machucando ou ameaçando você", "Sua segurança vem primeiro", "não é culpa sua"],
    },
}


@pytest.mark.parametrize("opening", sorted(BY_KIND))
@pytest.mark.parametrize("language", ["en", "es", "de", "fr", "pt"])
def test_each_kind_of_danger_has_its_own_opening_in_every_language(opening, language):
    from bot.safety.resources import care_message, load_resources

    texts = load_care_texts()
    message = care_message(load_resources(), texts, language, "us", opening).plain()
    assert message.startswith(texts.text(language, opening).replace("**", ""))
    assert texts.text(language, "crisis") not in message
    for words in BY_KIND[opening][language]:
        assert words in message, (language, words)
    assert ("1-800-799-7233" in message) == (opening == "crisis_harm")  # (the abuse line, only for that danger)
    assert "988" in message and texts.text(language, "not_a_therapist") in message


def test_the_opening_follows_the_level_and_the_kind():
    from bot.safety.resources import crisis_opening

    assert crisis_opening("crisis") == crisis_opening("crisis", "self") == "crisis"
    assert crisis_opening("crisis", "someone_else") == "crisis_someone_else"
    assert crisis_opening("crisis", "harm_from_others") == "crisis_harm"
    assert crisis_opening("gentle", "someone_else") == "gentle"  # (the gentle word is for heavy words, anyone's)
