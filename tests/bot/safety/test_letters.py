"""A word is the letters of any alphabet together: an accented letter, "ß", "ç" or "ñ" stays inside its word, in a
message and in a phrase alike. A letter outside a-z used to cut a word into pieces ("märz" -> m / ä / rz), so `...`
("up to three other words") counted the pieces, a phrase missed where it looked covered, and a phrase word could
match a piece of another word."""

from __future__ import annotations

import re

import pytest

from bot.safety.normalise import CLAUSE, Normaliser, raw_tokens, squeeze
from bot.safety.patterns import compile_phrase
from bot.safety.screen import Screen


@pytest.mark.parametrize(("text", "tokens"), [
    ("Ich will im März sterben", ["ich", "wil", "im", "märz", "sterben"]),
    ("Die Straße, übermorgen", ["die", "strase", CLAUSE, "übermorgen"]),  # (ß: "ss" by case-folding, squeezed)
    ("Je veux déjà en finir", ["je", "veux", "déjà", "en", "finir"]),
    ("ça, c'est le garçon", ["ça", CLAUSE, "cest", "le", "garçon"]),
    ("J'étais là jusqu'à minuit, j'ai dormi", ["j", "étais", "là", "jusqu", "à", "minuit", CLAUSE, "jai", "dormi"]),
    ("Quiero morir, también mañana", ["quiero", "morir", CLAUSE, "también", "mañana"]),
    ("El niño está aquí", ["el", "niño", "está", "aquí"]),
    ("Eu não aguento mais a situação", ["eu", "não", "aguento", "mais", "a", "situação"]),
    ("Não vou, irmã", ["não", "vou", CLAUSE, "irmã"]),
])
def test_a_word_with_letters_outside_a_to_z_is_one_token(text: str, tokens: list[str]) -> None:
    assert raw_tokens(text) == tokens


def _matcher(norm: Normaliser, phrase: str) -> re.Pattern[str]:
    def canon_word(word: str, prefix: bool) -> list[str]:  # (as `PhraseRules.load` reads a phrase's word)
        return [squeeze(word)] if prefix else [t for t in norm.tokens(word, frozenset()) if t != CLAUSE]

    return re.compile(compile_phrase(phrase, canon_word))


@pytest.mark.parametrize(("phrase", "text"), [
    ("ich will ... sterben", "ich will im märz sterben"),  # (im märz: two words, once four pieces)
    ("ich will ... sterben", "ich will für immer sterben"),
    ("je veux ... mourir", "je veux déjà mourir"),  # (déjà: one word, once four pieces)
    ("je veux ... mourir", "je veux vraiment mourir là"),
    ("quiero ... morir", "quiero también morir"),
    ("quiero ... morir", "quiero ya mismo morir"),
    ("quero ... morrer", "quero só morrer"),
    ("quero ... morrer", "quero até amanhã morrer"),  # (até amanhã: two words, once five pieces)
])
def test_a_gap_counts_words_with_accents_as_one_word(phrase: str, text: str) -> None:
    norm = Normaliser.build({}, {}, [], [])
    assert _matcher(norm, phrase).search(norm.canonical(text))


@pytest.mark.parametrize(("phrase", "text"), [
    ("ich will ... sterben", "ich will im märz und april und mai sterben"),  # (more than three words)
    ("je veux ... mourir", "je veux déjà aujourdhui très vite mourir"),
])
def test_a_gap_is_still_at_most_three_words(phrase: str, text: str) -> None:
    norm = Normaliser.build({}, {}, [], [])
    assert not _matcher(norm, phrase).search(norm.canonical(text))


@pytest.mark.parametrize(("phrase", "text"), [
    ("rz", "im märz"),  # (once a piece of "märz")
    ("tu", "il est tué"),  # (once "tu é")
    ("ni o", "el niño"),
    ("n o", "não"),
])
def test_a_phrase_word_never_matches_a_piece_of_a_word(phrase: str, text: str) -> None:
    norm = Normaliser.build({}, {}, [], [])
    assert not _matcher(norm, phrase).search(norm.canonical(text))


@pytest.mark.parametrize(("phrase", "text"), [
    ("wäre lieber tot", "ich wäre lieber tot"),
    ("plus envie de vivre", "j'ai plus envie de vivre, même pas un peu"),
    ("ojalá no despertar", "ojalá no despertar mañana"),
    ("não quero viver", "não quero viver"),
    ("suicid*", "suicidé"),
    ("tö*", "töten"),  # (a prefix with an accent reads the word)
])
def test_a_phrase_with_accents_matches_the_same_words_typed(phrase: str, text: str) -> None:
    norm = Normaliser.build({}, {}, [], [])
    assert _matcher(norm, phrase).search(norm.canonical(text))


def test_an_alias_reads_a_whole_accented_word() -> None:
    norm = Normaliser.build({"não": "nao", "möchte": "mochte", "tt": "tout"}, {}, [], [])
    assert norm.tokens("Não, eu möchte") == ["nao", CLAUSE, "eu", "mochte"]
    assert norm.tokens("mon téléphone") == ["mon", "téléphone"]  # (no alias read inside a word)


@pytest.fixture(scope="module")
def screen() -> Screen:
    return Screen.load(with_model=False)


@pytest.mark.parametrize("text", [
    "Ich möchte nicht mehr leben",
    "Je veux plus être là, je veux mourir",
    "Ya no quiero vivir más",
    "Não quero mais viver",
])
def test_the_rules_read_accented_crisis_words(screen: Screen, text: str) -> None:
    assert screen.check(text).level == "crisis"


@pytest.mark.parametrize(("text", "group"), [
    ("J'ai jamais pensé à me tuer", "fr.selfkill"),  # (a negation, accented words between it and the phrase)
    ("Não quero morrer, só estou cansado", "pt.death.wish"),  # (an accented cue: "não")
    ("me quiero morir de la vergüenza", "es.death.wish"),  # (a figure of speech, its word accented)
    ("quero morrer de tédio", "pt.death.wish"),
    ("je veux crever de faim là", "fr.death.wish"),
])
def test_a_negation_or_figure_still_cancels_with_accented_words(screen: Screen, text: str, group: str) -> None:
    verdict = screen.rules.check(text)
    assert verdict.fired is None and verdict.cancelled == group
    assert screen.check(text).level == "ok"


def test_a_word_with_letters_outside_a_to_z_is_never_read_as_words_run_together() -> None:
    """A whole word now, never pieces: "erschlägt" is a German verb, not "er schlägt" (as "iwanttodie" is read)."""
    norm = Normaliser.build({}, {}, [], [])
    norm.vocabulary = frozenset({"er", "schlägt", "want", "to", "die"})
    assert norm.unjoin("erschlägt") == ["erschlägt"]
    assert norm.unjoin("wanttodie") == ["want", "to", "die"]
