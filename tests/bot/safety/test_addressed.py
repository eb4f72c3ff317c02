"""Crisis words addressed to the reader, in five languages: a second look for a moderator's text, never more."""

from __future__ import annotations

import pytest

from bot.content.library import ContentLibrary
from bot.safety.addressed import addressed_crisis

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
