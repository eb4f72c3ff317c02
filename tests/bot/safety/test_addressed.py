"""Crisis words addressed to the reader, in five languages: a second look for a moderator's text, never more."""

from __future__ import annotations

import pytest

from bot.content.library import ContentLibrary
from bot.safety.addressed import addressed_crisis, asks_the_means, said_of_oneself, worth_a_second_look

ADDRESSED = [
    ("en", "Do you ever want to kill yourself?"), ("en", "Have you thought about ending it? Take your own life?"),
    ("en", "Have you ever wanted to die?"),
    ("es", "¿Alguna vez has pensado en matarte?"), ("es", "¿Quieres morir?"),
    ("de", "Willst du dich umbringen?"), ("de", "Möchtest du manchmal einfach sterben?"),
    ("fr", "As-tu déjà voulu te tuer ?"), ("fr", "Veux-tu mourir ?"),
    ("pt", "Você já pensou em se matar?"), ("pt", "Você às vezes quer morrer?"),
]
FINE = ["Who listened well to you lately?", "What would you tell yourself a year ago?",
        "¿Qué te hizo reír esta semana?", "Was hat dir diese Woche gutgetan?", "Qu'est-ce qui t'a fait sourire ?",
        "O que fez você sorrir esta semana?", "What's killing it for you at work lately?"]


@pytest.mark.parametrize("lang,text", ADDRESSED)
def test_crisis_words_addressed_to_the_reader_are_found_in_each_language(lang, text):
    assert addressed_crisis(text) == lang


@pytest.mark.parametrize("text", FINE)
def test_ordinary_questions_to_the_reader_are_not(text):
    assert addressed_crisis(text) is None


def test_no_built_in_prompt_would_ask_for_a_second_look():
    library = ContentLibrary.load()
    flagged = [p.id for p in library.library.prompts.values() if addressed_crisis(p.text)]
    assert flagged == []


MEANS = ["How many pills does it take to die?", "what's the most painless way to die",
         "¿Cuántas pastillas hacen falta para morir?", "Wie viele Tabletten braucht man zum Sterben?",
         "Combien de cachets faut-il pour mourir ?", "Quantos comprimidos precisa para morrer?"]


@pytest.mark.parametrize("text", MEANS)
def test_a_question_about_the_means_is_worth_a_second_look_in_each_language(text):
    """An outside trial: `mod prompt add … How many pills does it take to die?` was added with no look (the screen
    reads no one in danger in it, and it is addressed to no one)."""
    assert asks_the_means(text) and worth_a_second_look("ok", text)


@pytest.mark.parametrize("text", [*FINE, "How many of you joined this week?", "How much time do you need to rest?",
                                  "¿Cuántas veces te reíste hoy?", "Combien de temps pour te sentir chez toi ?"])
def test_ordinary_how_many_questions_are_not(text):
    assert not asks_the_means(text)


def test_no_built_in_prompt_asks_the_means():
    library = ContentLibrary.load()
    assert [p.id for p in library.library.prompts.values() if asks_the_means(p.text)] == []


@pytest.mark.parametrize("text", ["I want to die", "mornings I want to die", "Can't go on anymore.",
                                  "my partner choked me last night", "je n'en peux plus", "j'en peux plus",
                                  "quiero morirme", "ich will sterben", "eu quero morrer", "Why do I want to die?"])
def test_words_in_the_first_person_or_in_none_are_said_of_oneself(text):
    assert said_of_oneself(text)


@pytest.mark.parametrize("text", ["Have you ever thought about ending it all?", "What helps when you can't go on?",
                                  "If you ever feel you can't go on, reach out to us.",
                                  "What does it feel like to want to die?",
                                  "¿Alguna vez has querido morir?", "Willst du sterben?", "t'as envie de mourir ?",
                                  "Você já pensou em se matar?"])
def test_words_to_the_readers_are_not(text):
    assert not said_of_oneself(text)
