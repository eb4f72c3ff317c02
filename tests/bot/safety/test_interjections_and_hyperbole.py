"""Two edges of the phrase rules, in all five languages, through the whole rules-only screen.

A negation reaches no further than its clause. A leading interjection ("no", "nah", "honestly no") is not a
negation of the crisis phrase after it: "no I want to die" is someone answering, then saying it; nor is a cue whose
own verb a new clause follows ("idk I want to die"). A negation right before the verb still is one ("no quiero
morir"), and so is one that a verb like "think" carries on ("I don't think I want to die").

A crisis phrase said with an everyday chore as its reason ("I'm gonna kill myself if I have to redo this deck lol")
is most often a figure, but never certainly: the gentle word (support, privately, no moderator note), never
nothing. A laugh alone is no such marker: the corpus labels "gonna off myself tonight lmao" crisis.
"""

from __future__ import annotations

import pytest

from bot.safety.screen import Screen


@pytest.fixture(scope="module")
def rules() -> Screen:
    return Screen.load(with_model=False)


INTERJECTION_THEN_CRISIS = [
    "no i want to die", "no really i want to die", "No, I want to die", "nah i want to die",
    "honestly no i want to die", "no no i want to die", "no im such a burden", "nope, i want to kill myself",
    "no seriously I want to kill myself tonight", "no i mean it i want to die",
    "no, quiero morir", "no yo quiero morir", "no en serio quiero morirme", "no de verdad me quiero matar",
    "nein, ich will sterben", "nein ich will sterben", "nee ich will nicht mehr leben",
    "non, je veux mourir", "non je veux mourir", "nan je veux en finir",
    "não, quero morrer", "não eu quero morrer", "nao serio eu quero me matar", "não, eu quero me matar",
]
#: The same class: a negation reaches no further than its clause, and a new subject after its own verb starts another.
NEW_CLAUSE_AFTER_THE_CUES_VERB = [
    "idk i want to die", "i dont care i want to die", "i dont know i just want to die",
    "not that I want to live anymore", "he doesnt know i want to kill myself", "nobody cares i want to die",
    "je sais pas je veux mourir", "jsp je veux mourir", "ich weiß nicht ich will sterben",
    "não sei eu quero morrer", "no sé, yo quiero morir",
]
STILL_NEGATED = [
    "I don't want to die", "no i dont want to die", "no way i would kill myself", "i have no wish to die",
    "I would never kill myself", "no, I'm not going to kill myself",
    "no quiero morir", "no no quiero morir", "yo no quiero morir", "no, no quiero matarme",
    "ich will nicht sterben", "nein, ich will nicht sterben",
    "je ne veux pas mourir", "non, je ne veux pas mourir",
    "não quero morrer", "não, não quero morrer", "eu não quero morrer",
    # a verb that carries the negation on into the next clause: a hedge or a denial, not the wish
    "I don't think I want to die", "I never said I want to die", "i wouldnt say i want to die", "not that I'd ever kill myself",
    "ich glaube nicht ich will sterben",
]
CHORE_HYPERBOLE = [
    "I'm gonna kill myself if I have to redo this deck lol", "i want to kill myself if i have to sit through "
    "another meeting", "i will kill myself if this meeting runs over again",
    "me voy a matar si tengo que rehacer esta presentación", "me voy a matar si tengo que ir a otra reunión",
    "ich bring mich um, wenn ich das nochmal machen muss", "ich bring mich um, wenn dieses meeting nochmal länger geht",
    "je vais me tuer si je dois refaire ce rapport", "je vais me tuer si cette réunion dure encore",
    "vou me matar se eu tiver que refazer esse trabalho kkkk", "vou me matar se essa reunião atrasar de novo",
]
STILL_CRISIS = [  # a laugh alone, a real condition, a plan: nothing here is softened
    "lol i want to die", "i want to die lol", "I want to die 😂", "gonna kill myself tonight lmao",
    "I'll kill myself if he leaves me", "i'm going to kill myself if i have to go back to him",
    "quiero morirme jajaja", "ich will sterben haha", "je veux mourir mdr", "quero morrer kkkk",
]


@pytest.mark.parametrize("text", INTERJECTION_THEN_CRISIS)
def test_a_leading_interjection_is_no_negation(rules, text):
    assert rules.check(text).level == "crisis", text


@pytest.mark.parametrize("text", NEW_CLAUSE_AFTER_THE_CUES_VERB)
def test_a_negation_does_not_reach_into_a_new_clause(rules, text):
    assert rules.check(text).level == "crisis", text


@pytest.mark.parametrize("text", STILL_NEGATED)
def test_a_negation_of_the_verb_still_is_one(rules, text):
    assert rules.check(text).level == "ok", text


@pytest.mark.parametrize("text", CHORE_HYPERBOLE)
def test_a_chore_given_as_the_reason_makes_the_gentle_word_never_nothing(rules, text):
    result = rules.check(text)
    assert result.level == "gentle" and result.reason and "jest" not in result.reason, text  # (an id, never words)


@pytest.mark.parametrize("text", STILL_CRISIS)
def test_a_laugh_or_a_real_condition_softens_nothing(rules, text):
    assert rules.check(text).level == "crisis", text


def test_a_softened_phrase_does_not_hide_another_that_fires(rules):
    assert rules.check("I'll kill myself if I have to redo this deck, I already took all my pills").level == "crisis"


def test_a_hyperbole_marker_alone_is_nothing(rules):
    assert rules.check("if I have to redo this deck I will scream").level == "ok"
