"""The screen's phrase rules: quality on the English labelled sets, and one test per robustness rule."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from bot.safety import PhraseRules, RuleVerdict
from tests.bot.safety.labelled import read_labelled, score


@pytest.fixture(scope="module")
def screen() -> PhraseRules:
    return PhraseRules.load()


def crisis(screen: PhraseRules, text: str) -> bool:
    return screen.check(text).fired is not None


class _Fired:
    """`score` reads `.crisis`: a phrase that fired."""

    def __init__(self, rules: PhraseRules) -> None:
        self.rules = rules

    def __call__(self, text: str):
        from types import SimpleNamespace

        return SimpleNamespace(crisis=self.rules.check(text).fired is not None)


# --- quality -------------------------------------------------------------------


def test_labelled_set_is_big_enough():
    rows = read_labelled()
    assert sum(c for c, _ in rows) >= 150
    assert sum(not c for c, _ in rows) >= 300
    assert len({t for _, t in rows}) == len(rows), "duplicate sentences"


def test_precision_and_recall_on_labelled_set(screen):
    # The phrase list was tuned on this set (with general rules, not sentences):
    # measured 1.000 precision, 0.994 recall (174/175, 0 false alarms in 396).
    s = score(_Fired(screen), read_labelled())
    assert s["recall"] >= 0.98, s
    assert s["precision"] >= 0.99, s


def test_precision_and_recall_on_held_out_set(screen):
    # Written after tuning and never tuned on: the honest estimate.
    # Measured 0.938 precision, 0.833 recall (45/54 found, 3 false alarms in 98).
    s = score(_Fired(screen), read_labelled("holdout.tsv"))
    assert s["recall"] >= 0.83, s
    assert s["precision"] >= 0.93, s


# --- robustness rules ---------------------------------------------------------

@pytest.mark.parametrize("text", [
    "I WANT TO DIE", "i want to die", "I Want To Die.",                      # case
    "i want to die!!!", "...i want to die...", "(i want to die)",             # punctuation
    "I   want \t to  die", "  i want to die  ",                              # whitespace
    "I...want...to...die", "I want to die…",                                  # trailing-off pauses
])
def test_case_punctuation_and_whitespace(screen, text):
    assert crisis(screen, text)


@pytest.mark.parametrize("text", [
    "I don’t want to live anymore", "I don't want to live anymore", "I don`t want to live anymore",
    "I dont want to live anymore", "I do not want to live anymore", "I don´t want to live any more",
])
def test_apostrophes_and_contractions(screen, text):
    assert crisis(screen, text)


@pytest.mark.parametrize("text", [
    "sucide", "suicidle thoughts", "suiside", "I feel sucidal", "kil myself", "kill myslef",
    "i want to kill my self", "kms", "killmyself", "I want to unalive myself", "brb unaliving", "sewerslide",
])
def test_common_misspellings_and_slang(screen, text):
    assert crisis(screen, text)


@pytest.mark.parametrize("text", [
    "I want to dieeee", "i want to diiiie", "soooo done with life", "I caaaan't go on anymore",
    "I don't want to liiiive anymore",
])
def test_elongations(screen, text):
    assert crisis(screen, text)


@pytest.mark.parametrize("text", ["k1ll mys3lf", "I w4nt to d1e", "$uicide", "su1c1dal"])
def test_leetspeak(screen, text):
    assert crisis(screen, text)


def test_leetspeak_leaves_numbers_alone(screen):
    assert screen.normaliser.tokens("call 116 123 at 3am") == ["cal", "116", "123", "at", "eam"]


@pytest.mark.parametrize("text", [
    "I'm not suicidal", "I am not suicidal, just tired", "I would never kill myself",
    "I'm not going to kill myself", "I won't hurt myself", "I don't want to die",
    "I have no plans to kill myself", "not that I'd ever kill myself", "he doesn't hurt me",
    "I used to self-harm, two years clean now",
])
def test_clear_negations_cancel(screen, text):
    assert not crisis(screen, text)


@pytest.mark.parametrize("text", [
    "I don't want to live anymore",          # the negation is the crisis
    "I don't know if I want to live anymore",
    "I'm not sure I want to be alive anymore",
    "I no longer want to live",
    "not gonna lie, I want to die",
    "ngl i want to die",
    "I'm not okay, I want to die",
    "I'm not sad. I want to die",            # negation does not cross a sentence
    "I'm not suicidal\nI want to die",        # nor a line break
    "I'm not suicidal but I think about dying a lot",
    "I would never kill myself, but I wish I wasn't here",
])
def test_negation_that_is_not_a_negation(screen, text):
    assert crisis(screen, text)


@pytest.mark.parametrize("text", [
    "this deadline is killing me", "I could kill for a coffee", "dying to see it",
    "she killed it on stage", "I'm dead 😂", "kill the process", "the suicide squeeze worked",
    "die-hard fan", "I'd die for this pizza", "shoot myself in the foot", "cut myself shaving",
    "I'd rather die than sing karaoke", "I want to die on this hill", "hit me up",
    "my dad beat me at chess", "I overdosed on sugar lol", "Suicide prevention training today",
])
def test_figures_of_speech(screen, text):
    assert not crisis(screen, text)


def test_longer_crisis_phrase_outweighs_a_figure(screen):
    assert not crisis(screen, "I'd rather die than go to that party")
    assert crisis(screen, "I'd rather die than keep living like this")


@pytest.mark.parametrize("text", [
    "he hurts me", "my boyfriend hits me", "my dad beats me when he drinks",
    "my partner threatened to kill me", "I don't feel safe at home", "I'm scared he'll hurt me",
])
def test_harm_from_others(screen, text):
    assert crisis(screen, text)


@pytest.mark.parametrize("text", ["my knee hurts me", "it hurts me to see you sad", "beats me why"])
def test_hurts_me_needs_a_person(screen, text):
    assert not crisis(screen, text)


def test_word_boundaries(screen):
    assert not crisis(screen, "skill myself up in python")
    assert not crisis(screen, "diesel engines")


def test_reason_is_an_id_never_the_text(screen):
    ids = {e.id for e in screen.crisis}
    result = screen.check("I want to die, my name is Sam")
    assert result == RuleVerdict(fired=result.fired)
    assert result.fired in ids
    assert "Sam" not in result.fired and "die" not in result.fired
    assert screen.check("what a lovely day") == RuleVerdict()
    cancelled = screen.check("I would never kill myself")
    assert cancelled.fired is None and cancelled.cancelled in ids


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_screened_without_error(text):
    result = SCREEN.check(text)
    assert result.fired is None or result.cancelled is None


SCREEN = PhraseRules.load()


@pytest.mark.parametrize("text", [
    "I wouldn't mind dying tbh", "honestly i wouldnt mind if i didnt wake up", "i don't mind if i die",
    "no me importaría morirme, la verdad", "ich hätte nichts dagegen zu sterben", "wäre mir egal wenn ich sterbe",
    "ça ne me dérangerait pas de mourir", "não me importaria de morrer amanhã",
    # "to die for" is a figure when it praises something, not inside a wish to die
    "bro i been wanting to die for days and today's the day",
])
def test_not_minding_death_is_a_wish_not_a_negation(text):
    from bot.safety.rules import AllRules

    assert AllRules.load().check(text).fired, text


@pytest.mark.parametrize("text", [
    "I wouldn't mind a coffee", "I don't mind if it rains", "ça ne me dérangerait pas de venir",
    "this cake is to die for", "a view to die for!", "the food there is to die for lol",
    "no me importaría salir antes hoy",
])
def test_not_minding_ordinary_things_and_praise_stay_ok(text):
    from bot.safety.rules import AllRules

    assert not AllRules.load().check(text).fired, text


@pytest.mark.parametrize("negated, meant", [
    ("ich will mich nicht umbringen", "ich will mich umbringen"),
    ("ich werde mich nicht umbringen", "ich werde mich heute umbringen"),
    ("ich bring mich nicht um", "ich bring mich heute nacht um"),
    ("dann bring ich mich nicht um", "dann bring ich mich halt um"),
])
def test_a_negation_inside_a_phrases_gap_negates_it(negated, meant):
    """A `...` in a phrase never passes over a negation cue: the negation check reads only what comes before a
    match, so a gap that took in "nicht" turned "I won't kill myself" into a crisis (found in review: German
    phrases with a gap between "mich" and "um")."""
    from bot.safety.rules import AllRules

    rules = AllRules.load()
    assert rules.check(negated).fired is None, negated
    assert rules.check(meant).fired is not None, meant
