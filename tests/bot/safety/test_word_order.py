"""Two classes of crisis sentence the phrase rules missed (the fourth outside trial, 1b and 1c), through the
rules-only screen, Hearth's default.

German puts the finite verb second. A sentence that begins with a time, "dann", "am liebsten", an object or a
clause says "heute will ich sterben", "dann bring ich mich um", not "ich will…". Every German phrase that begins
with its subject, or with a finite verb and no subject, is also read with the verb first (`[word_order]` in
de.toml, `bot.safety.patterns.inverted`). A phrase said bare to its clause's end is not ("das will ich nicht mehr"
is about "das").

An answering "no" (en, es "no", pt "não") followed by a few other words and then a subject does not negate the new
clause: "no mom I want to die". A word between that carries the "no" on to the subject still does ("no way I
would…", "no es que yo quiera…", "não acho que eu…"), and so does a cue right before the verb.

The sentences are written for this test, apart from the corpus, except the trial's own (marked).
"""

from __future__ import annotations

import re

import pytest

from bot.safety.patterns import inverted
from bot.safety.rules import PhraseRules
from bot.safety.screen import Screen

LANGS = ("en", "es", "de", "fr", "pt")


@pytest.fixture(scope="module")
def rules() -> Screen:
    return Screen.load(with_model=False)


# ---------------------------------------------------------------------------------------------------------------
# German verb-second order
# ---------------------------------------------------------------------------------------------------------------

TRIAL_GERMAN = [  # the trial's own sentences (1b)
    "heute will ich sterben", "manchmal will ich einfach sterben", "seit wochen will ich nicht mehr leben",
    "heute nacht bring ich mich um", "morgen bringe ich mich um", "dann bring ich mich eben um",
    "dann bring ich mich halt um", "irgendwann bring ich mich noch um",
    "wenn ich heute nach hause muss, bring ich mich um", "am liebsten würde ich sterben", "am liebsten wäre ich tot",
    "morgen mach ich schluss",
]
NEW_GERMAN = [
    "Jetzt bring ich mich um", "Nach der Schule bringe ich mich um", "Nächste Woche nehme ich mir das Leben",
    "eigentlich möchte ich nur sterben", "Am Wochenende spring ich von der Brücke",
    "seit Monaten denke ich an Selbstmord", "immer wieder ritze ich mich", "gestern habe ich mich wieder geritzt",
    "ehrlich gesagt will ich nicht mehr leben", "bald werde ich nicht mehr da sein", "deswegen will ich sterben",
    "nach dem Streit hab ich mich wieder geschnitten", "manchmal wünschte ich mir ich wäre tot",
    "heute fühle ich mich suizidal", "ich wäre am liebsten tot", "am liebsten wär ich nie geboren",
    "Wenn er heute wieder trinkt, töte ich mich", "jeden Abend schlägt er mich", "gestern hat er mich gewürgt",
]
GERMAN_NOT_CRISIS = [
    # a negation before the fronted verb still negates
    "heute will ich nicht sterben", "nie würde ich mich umbringen", "niemals bring ich mich um",
    "auf keinen Fall bring ich mich um", "dann bring ich mich nicht um",
    # a fronted object: what a bare phrase lacks, not the writer's life
    "das will ich nicht mehr", "diesen Job will ich nicht mehr", "das kann ich nicht mehr",
    "mit ihm will ich schluss machen", "mit meinem Freund will ich Schluss machen",
    # figures and everyday wishes with the same order
    "am liebsten würde ich sterben vor Lachen", "heute sterbe ich vor Hitze", "den Bug bring ich noch um",
    "die Zeit schlag ich tot", "am liebsten wäre ich jetzt am Strand", "am liebsten würde ich heute im Bett bleiben",
    "heute Nacht will ich einfach nur schlafen", "heute hat er mich im Spiel geschlagen",
]


@pytest.mark.parametrize("text", TRIAL_GERMAN + NEW_GERMAN)
def test_german_with_its_verb_before_its_subject_is_crisis(rules, text):
    assert rules.check(text).level == "crisis", text


@pytest.mark.parametrize("text", GERMAN_NOT_CRISIS)
def test_german_inverted_negations_objects_and_figures_are_not_the_alarm(rules, text):
    assert rules.check(text).level == "ok", text


def test_a_chore_as_the_reason_still_softens_the_inverted_order(rules):
    result = rules.check("wenn ich das nochmal machen muss, bring ich mich um")
    assert result.level == "gentle", result


def _sample(phrase: str) -> str:
    """The plainest sentence a phrase matches: each group's first alternative, no optional item, no gap."""
    tokens = re.findall(r"\.\.\.|[()|?$^]|[^\s()|?$^]+", phrase.casefold())
    out, depth, skip_from = [], 0, None  # skip: inside an optional item, or past a group's first alternative
    for i, tok in enumerate(tokens):
        if tok == "(":
            depth += 1
            if skip_from is None:
                close, d = i, 0
                for j in range(i, len(tokens)):  # find this group's end to see whether it is optional
                    d += {"(": 1, ")": -1}.get(tokens[j], 0)
                    if d == 0:
                        close = j
                        break
                if close + 1 < len(tokens) and tokens[close + 1] == "?":
                    skip_from = depth
        elif tok == ")":
            if skip_from == depth:
                skip_from = None
            depth -= 1
        elif tok == "|":
            if skip_from is None:
                skip_from = depth  # past the first alternative of this group
        elif tok in ("?", "...", "$", "^"):
            if tok == "?" and out and skip_from is None and tokens[i - 1] not in ")":
                out.pop()  # an optional word
        elif skip_from is None:
            out.append(tok.rstrip("*"))
    return " ".join(out)


def test_the_sampler_reads_the_phrase_language():
    assert _sample("(ich|ick) (bring|bringe) mich (heute|jetzt)? um") == "ich bring mich um"
    assert _sample("(wil (ich)|wurde (ich) gern) (einfach)? (sterben|tot sein)") == "wil ich sterben"
    assert _sample("mich (selbst)? toten $") == "mich toten"


def test_every_german_phrase_that_begins_with_its_subject_or_verb_is_read_verb_first():
    """The class, for every phrase in de.toml: a phrase that begins with a subject (or a listed finite verb) has a
    verb-first reading, and a sentence fronted by "heute" in that order fires the phrase's own group."""
    de = PhraseRules.load(language="de")
    from bot.content.packs import default_content_dir
    from bot.safety.content import load_phrase_file

    pf = load_phrase_file(default_content_dir() / "safety" / "de.toml")
    subjects = set(pf.inverted_subjects)
    canon = de.normaliser.tokens
    verbs = {tuple(canon(v)) for v in pf.inverted_verbs}
    turned = missed = 0
    for entry in pf.crisis:
        if getattr(entry, "needs", ()):
            continue  # (a group that counts only beside another phrase: its sample alone fires nothing)
        for phrase in entry.patterns:
            first = _sample(phrase).split()[:1]
            other = inverted(phrase, lambda w: w in subjects, lambda w: tuple(canon(w)) in verbs,
                             pf.inverted_subjects)
            if phrase.rstrip().endswith("$"):
                assert other is None, phrase  # said bare: a fronted word may be its object
                continue
            starts = re.match(r"\(?(ich|ick|er|sie)\b", phrase.casefold()) or (
                first and tuple(canon(first[0])) in verbs)
            already = re.match(r"(\([^()]*\)|\S+)\??\s+\(?(ich|ick)\b", phrase.casefold())
            if not starts or already:  # ("(hor|höre) (ich)? auf zu existieren" is written verb-first)
                continue
            assert other, f"{entry.id}: {phrase!r} has no verb-first reading"
            turned += 1
            text = "heute " + _sample(other)
            verdict = de.check(text)
            if verdict.fired is None:
                missed += 1
                pytest.fail(f"{entry.id}: {text!r} (from {phrase!r}) → {verdict}")
    assert turned >= 30 and not missed, turned


def test_inverted_turns_one_place_and_leaves_bare_and_further_in_phrases():
    subj = {"ich", "ick"}.__contains__
    verb = {"nehme", "wil"}.__contains__
    assert inverted("(ich|ick) (bring|bringe) mich um", subj, verb, ["ich"]) == \
        "( bring ( ich | ick ) | bringe ( ich | ick ) ) mich um"
    assert inverted("(ich)? (wil|wurde gern) sterben", subj, verb, ["ich"]) == \
        "( wil ( ich ) | wurde ( ich ) gern ) sterben"
    assert inverted("(nehm|nehme) mir das leben", subj, verb, ["ich"]) == "( nehme ( ich ) ) mir das leben"
    assert inverted("(ich)? (wil|mag) nicht mehr $", subj, verb, ["ich"]) is None  # "das will ich nicht mehr"
    assert inverted("(heute|dann) (mach|mache) ich schlus", subj, verb, ["ich"]) is None  # already verb-first
    assert inverted("mich (jetzt)? umbringen", subj, verb, ["ich"]) is None  # no subject, no finite verb


def test_a_noun_subject_stands_after_the_verb_or_after_an_object_pronoun():
    """German puts a noun subject after the finite verb in verb-second order ("jeden Tag schlägt mein Vater mich"),
    and after an object pronoun right after the verb ("immer schlägt mich mein Vater", "gestern hat mich mein Freund
    gewürgt"): a phrase written subject first is read both ways. Without `noun_heads` only pronouns turn."""
    subj = {"ich", "er", "sie"}.__contains__
    verb = {"hat"}.__contains__
    noun_head = {"mein", "meine"}.__contains__
    obj = {"mich", "mir", "uns"}.__contains__
    assert inverted("(er|mein (vater|mann)) schlagt (mich|uns)", subj, verb, ["ich"], noun_head, obj) == \
        "( ( schlagt ( er | mein ( vater | mann ) ) ) ( mich | uns ) | schlagt ( mich | uns ) ( mein ( vater | mann ) ) )"
    assert inverted("(er|mein (vater|mann)) schlagt (mich|uns)", subj, verb, ["ich"]) == "( schlagt ( er ) ) ( mich | uns )"
    assert inverted("(mein (vater|mann)) (hat|hatte) mich (gewurgt|geschlagen)", subj, verb, ["ich"], noun_head, obj) == \
        "( ( hat ( mein ( vater | mann ) ) | hatte ( mein ( vater | mann ) ) ) mich ( gewurgt | geschlagen ) | " \
        "( hat | hatte ) mich ( mein ( vater | mann ) ) ( gewurgt | geschlagen ) )"


# ---------------------------------------------------------------------------------------------------------------
# An answering "no", a few words, then a new clause
# ---------------------------------------------------------------------------------------------------------------

TRIAL_ANSWERS = [  # the trial's own (1c)
    "no mom i want to die", "no wait i want to die", "no stop i want to die", "no please no i want to die",
    "no god no i want to die", "never never i want to die", "not not i want to die", "no mamá yo quiero morir",
    "não mãe eu quero morrer", "não por favor eu quero morrer",
]
NEW_ANSWERS = [
    "no babe i want to die", "no dad i want to kill myself", "no sorry im going to kill myself tonight",
    "no honey i want to die", "no dude i want to die", "no no no i want to die", "no one knows i want to die",
    "no papá yo me quiero matar", "no por favor yo quiero morir", "no mamá quiero morir", "no espera me quiero matar",
    "não pai eu quero me matar", "não mãe quero morrer", "não amor eu vou me matar",
]
STILL_NEGATED = [
    "no way i would kill myself", "no way id ever kill myself", "no chance i kill myself",
    "no that i would never kill myself", "no mom i dont want to die", "no please i dont want to die",
    "no i dont think i want to die", "not that id ever kill myself", "I would never kill myself",
    "no mamá no quiero morir", "no mamá yo no quiero morir", "no es que yo quiera morir",
    "no creo que yo quiera morir", "no significa que yo quiera morir", "no papá, no me voy a matar",
    "não mãe eu não quero morrer", "não acho que eu queira morrer", "não que eu queira morrer",
    "não mãe não quero morrer",
]


@pytest.mark.parametrize("text", TRIAL_ANSWERS + NEW_ANSWERS)
def test_an_answering_no_then_a_new_clause_is_no_negation(rules, text):
    assert rules.check(text).level == "crisis", text


@pytest.mark.parametrize("text", STILL_NEGATED)
def test_a_no_that_reaches_its_verb_still_negates(rules, text):
    assert rules.check(text).level == "ok", text


# ---------------------------------------------------------------------------------------------------------------
# The same meaning in the five languages (parity families)
# ---------------------------------------------------------------------------------------------------------------

FAMILIES: dict[str, tuple[str, dict[str, list[str]]]] = {
    "a time first, then killing oneself": ("crisis", {
        "en": ["tonight I'll kill myself", "tomorrow im going to kill myself"],
        "es": ["esta noche me mato", "mañana me voy a matar"],
        "de": ["heute Nacht bring ich mich um", "morgen nehme ich mir das Leben"],
        "fr": ["ce soir je me tue", "demain je vais me tuer"],
        "pt": ["hoje à noite eu me mato", "amanhã eu vou me matar"],
    }),
    "an adverb first, then wanting to die": ("crisis", {
        "en": ["sometimes I just want to die"],
        "es": ["a veces solo quiero morirme"],
        "de": ["manchmal will ich einfach sterben"],
        "fr": ["parfois je veux mourir", "parfois je veux juste mourir"],
        "pt": ["às vezes eu só quero morrer"],
    }),
    "a pronoun before the verb that carries it": ("crisis", {
        "en": ["I want to kill myself"],
        "es": ["me quiero matar", "yo me voy a matar"],
        "de": ["heute will ich mich umbringen", "dann werde ich mich umbringen"],
        "fr": ["je veux me tuer"],
        "pt": ["me quero matar", "eu me vou matar"],
    }),
    "no, a name, then wanting to die": ("crisis", {
        "en": ["no mom i want to die", "no please i want to die"],
        "es": ["no mamá yo quiero morir", "no por favor quiero morir"],
        "de": ["nein mama ich will sterben", "nein bitte ich will sterben"],
        "fr": ["non maman je veux mourir", "non s'il te plaît je veux mourir"],
        "pt": ["não mãe eu quero morrer", "não por favor eu quero morrer"],
    }),
    "no, a name, then not wanting to die": ("ok", {
        "en": ["no mom I don't want to die"],
        "es": ["no mamá, no quiero morir"],
        "de": ["nein mama, ich will nicht sterben"],
        "fr": ["non maman je ne veux pas mourir"],
        "pt": ["não mãe, eu não quero morrer", "não mãe não me quero matar"],
    }),
}


def test_an_adverb_between_wanting_and_dying_keeps_negations_and_figures_in_french(rules):
    assert rules.check("je voudrais vraiment mourir").level == "crisis"
    for text in ("je veux pas vraiment mourir", "je ne veux pas juste mourir", "je veux juste mourir de rire"):
        assert rules.check(text).level == "ok", text


def test_every_family_has_all_five_languages():
    for family, (_, by_lang) in FAMILIES.items():
        assert sorted(by_lang) == sorted(LANGS), family


@pytest.mark.parametrize("family", list(FAMILIES))
def test_all_five_languages_give_the_same_level(rules, family):
    level, by_lang = FAMILIES[family]
    got = {(lang, text): rules.check(text).level for lang in LANGS for text in by_lang[lang]}
    wrong = {k: v for k, v in got.items() if v != level}
    assert not wrong, f"{family}: want {level} in every language, got {wrong}"


# ---------------------------------------------------------------------------------------------------------------
# The tables, in a phrase file of one's own
# ---------------------------------------------------------------------------------------------------------------

MINI = """
[meta]
language = "en"

[negation]
cues = ["no"]
interjections = ["no"]
subjects = ["i"]
reaching = ["way"]

[word_order]
subjects = ["i"]
verbs = ["will"]

[[crisis]]
id = "death.wish"
patterns = ["i want to die", "will end it"]
"""


def _mini(tmp_path, text: str) -> PhraseRules:
    (tmp_path / "safety").mkdir(exist_ok=True)
    (tmp_path / "safety" / "en.toml").write_text(text, encoding="utf-8")
    return PhraseRules.load(tmp_path)


def test_word_order_and_reaching_are_read_from_the_phrase_file(tmp_path):
    rules = _mini(tmp_path, MINI)
    assert rules.check("tonight want i to die").fired == "death.wish"  # (a made-up inversion, to show the table)
    assert rules.check("tonight will i end it").fired == "death.wish"
    assert rules.check("no mom i want to die").fired == "death.wish"
    assert rules.check("no way i want to die").fired is None  # "way" carries the "no" on
    plain = _mini(tmp_path, MINI.replace('reaching = ["way"]', "").replace('verbs = ["will"]', ""))
    assert plain.check("no way i want to die").fired == "death.wish"
    assert plain.check("tonight will i end it").fired is None


def test_an_unknown_word_order_key_is_refused(tmp_path):
    from bot.safety import SafetyContentError

    with pytest.raises(SafetyContentError, match=r"\[word_order\]"):
        _mini(tmp_path, MINI.replace('verbs = ["will"]', 'verb = ["will"]'))


# ---------------------------------------------------------------------------------------------------------------
# German verb-final clauses, "mir etwas antun", separable verbs of someone else (rules15b)
# ---------------------------------------------------------------------------------------------------------------

#: A clause begun by weil/dass/wenn puts its finite verb last ("weil ich nicht mehr leben will"); "sich etwas
#: antun" splits round its object ("ich tu mir was an"); "umbringen" splits round the time ("er bringt sich an
#: seinem Geburtstag um"). Written for this test.
GERMAN_VERB_LAST = [
    "ich hab angst, weil ich nicht mehr leben will", "ich glaube, dass ich mich bald umbringe",
    "keiner merkt, dass ich nur noch sterben möchte", "ich will mir etwas antun", "ich hab angst, mir was anzutun",
    "ich tu mir noch was an", "weil ich mich gestern wieder geritzt habe", "mein bruder sagt, er bringt sich morgen um",
    "hab mich gestern nacht wieder geritzt",
]
#: The same shapes that say no danger: negated, about a game, a sleepless night, or cooking.
GERMAN_VERB_LAST_OK = [
    "ich hab nicht vor, mir was anzutun", "ich würde mir nie etwas antun", "tu dir bitte nichts an",
    "weil ich nicht mehr spielen will", "dass ich sterben musste, war nur im Spiel",
    "ich hab mich beim kochen geschnitten, weil ich nicht aufgepasst habe",
]


@pytest.mark.parametrize("text", GERMAN_VERB_LAST)
def test_german_clauses_with_the_verb_last_are_read(rules, text):
    assert rules.check(text).level == "crisis", text


@pytest.mark.parametrize("text", GERMAN_VERB_LAST_OK)
def test_german_clauses_with_the_verb_last_that_say_no_danger_stay_ok(rules, text):
    assert rules.check(text).level == "ok", text
