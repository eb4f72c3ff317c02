"""Classes of miss and false alarm an outside trial found in the phrase rules, each fixed by its class.

The five-language families are in `test_parity.py`; here, the rules-only screen on the forms one language has
(misspellings, spacing), the hard negatives next to each fix, and the two mechanisms the fixes use: a word that
ends a clause (`pero = "#"`) and a phrase that crosses one (`#` in a pattern).
"""

from __future__ import annotations

import re

import pytest

from bot.safety.normalise import CLAUSE, Normaliser
from bot.safety.patterns import compile_phrase
from bot.safety.rules import PhraseRules
from bot.safety.screen import Screen


@pytest.fixture(scope="module")
def rules() -> Screen:
    return Screen.load(with_model=False)


@pytest.mark.parametrize("text", [
    "I wnat to die", "i want 2 die", "idw to live anymore", "I w a n t  t o  d i e", "i  w a n t  t o  d i e",
    "w a n t  t o  k i l l  m y s e l f",
])
def test_misspelt_and_spaced_wishes_fire(rules, text):
    assert rules.check(text).level == "crisis", text


@pytest.mark.parametrize("text", [
    "I w a n t  t o  g o  h o m e", "see you at 2", "i have 2 cats", "x  y  z", "plan  a  b",
])
def test_spacing_and_digits_in_ordinary_text_stay_ok(rules, text):
    assert rules.check(text).level == "ok", text


def test_wider_gaps_part_words_typed_apart():
    norm = Normaliser(vocabulary=frozenset({"want", "to", "die", "i"}))
    assert norm.tokens("I w a n t  t o  d i e") == ["i", "want", "to", "die"]
    assert norm.tokens("x  y  z") == ["x", "y", "z"]  # single letters alone: nothing typed apart
    assert norm.tokens("a  b c") == ["abc"]


def test_a_word_aliased_to_the_clause_mark_ends_a_clause():
    norm = Normaliser(aliases={"pero": [CLAUSE]})
    assert norm.tokens("no quiero, pero quiero morir") == ["no", "quiero", CLAUSE, "quiero", "morir"]
    assert norm.tokens("pero no") == ["no"]
    assert norm.tokens("quiero pero") == ["quiero"]


def test_a_hash_in_a_phrase_crosses_exactly_one_clause_mark():
    source = compile_phrase("dont want to die # i think about it", lambda w, prefix: [w])
    regex = re.compile(source)
    assert regex.search(" # dont want to die # i think about it # ")
    assert not regex.search(" # dont want to die i think about it # ")
    assert not regex.search(" # dont want to die # so # i think about it # ")


def test_each_language_ends_a_clause_at_its_own_but():
    for lang, but in (("es", "pero"), ("de", "aber"), ("fr", "mais"), ("pt", "mas")):
        assert PhraseRules.load(language=lang).normaliser.tokens(f"uno {but} dos") == ["uno", CLAUSE, "dos"], lang
    # Portuguese "mais" is "more": never a clause end there
    assert CLAUSE not in PhraseRules.load(language="pt").normaliser.tokens("não quero mais viver")


@pytest.mark.parametrize("text", [
    "my dad said he'll kill me if I tell anyone", "he says he will hurt me if I leave", "he texted that he'd kill me",
    "my ex is stalking me and says he'll kill me",
])
def test_threats_reported_or_to_come_fire(rules, text):
    assert rules.check(text).level == "crisis", text


@pytest.mark.parametrize("text", [
    "he said he will call me tomorrow", "she said she'd pick me up at 8", "my ex is stalking my instagram and says hi",
    "my mom said she'll kill me if I'm late again haha", "my mum said she'll kill me if I forget her birthday again",
    "my cat is watching me and says meow", "ela me segue e diz oi", "il me suit et dit bonjour",
    "er beobachtet mich und sagt nichts", "mi perro me sigue y dice guau",
])
def test_ordinary_reported_speech_and_a_slip_stay_ok(rules, text):
    assert rules.check(text).level == "ok", text


@pytest.mark.parametrize("text", [
    "the novel is about a girl who wants to die", "the movie is about a man who wants to die",
    "la novela trata de una chica que quiere morir", "le roman parle d'une fille qui veut mourir",
    "o livro é sobre uma garota que quer morrer", "der Roman handelt von einem Mädchen, das sterben will",
])
def test_a_story_about_someone_who_wants_to_die_is_never_the_alarm(rules, text):
    assert rules.check(text).level in ("ok", "gentle"), text


@pytest.mark.parametrize("text", [
    "my friend wants to die", "mi amiga quiere morir", "mon amie veut mourir", "minha amiga quer morrer",
    "meine Freundin will sterben",
])
def test_someone_else_who_wants_to_die_still_fires(rules, text):
    assert rules.check(text).level == "crisis", text


@pytest.mark.parametrize("text", [
    "I want to cut myself", "I cut myself last night", "I need to cut", "I'm a burden to everyone",
    "I'm such a burden to my family", "I want to die, nobody would care",
    "I want to die, the internet is the only place I talk to anyone", "esta es mi despedida", "das ist mein Abschied",
])
def test_next_to_the_figures_the_real_thing_still_fires(rules, text):
    assert rules.check(text).level == "crisis", text


@pytest.mark.parametrize("text", [
    "cutting myself a piece of bread", "need to give myself some slack", "I need to cut down on coffee",
    "hoy fue mi despedida del trabajo, me dieron un pastel", "goodbye letter to my old job, wish me luck",
    "the wifi is down again, anyone else?", "no quiero morir pero tengo miedo",
])
def test_figures_and_real_goodbyes_stay_ok(rules, text):
    assert rules.check(text).level == "ok", text


def test_new_short_phrase_words_split_no_ordinary_word():
    """A phrase word added for one class must not let `Normaliser.unjoin` split an ordinary word into phrase words
    ("semaine" into "se ma ai ne" once "ai" was one): the "ne" then negated "il m'a frappée" after it."""
    fr = PhraseRules.load(language="fr").normaliser
    assert "semaine" in fr.tokens("la semaine dernière il m'a frappée")
    assert Screen.load(with_model=False).check("la semaine dernière il m'a frappée").level == "crisis"
