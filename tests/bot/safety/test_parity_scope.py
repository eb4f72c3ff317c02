"""How far a negation reaches, accidents and threats, a plan with a time, and words told to someone else: the same
answer in all five languages.

Found in this session's rule work: a "never" carried across "and" into a clause of its own ("I never say anything
and I want to die" missed), a "never … so much" read as a negation, a cut on a broken glass taken for self-harm, a
husband who "threatens me again" and "the rope is ready tonight" missed, and French "tu devrais te suicider" held as
words told to someone else yet also given care for the writer (English "suicid*" read it). Each family is one such
thing said in each language's own idiom, written for this test (not from the corpus), beside what must not change.
The style of `test_parity.py`, in a file of its own.
"""

from __future__ import annotations

import pytest

from bot.safety.screen import Screen
from tests.bot.safety.parity import LANGS, parity_tests


#: family -> (level every language must give, {language: [sentences]})
FAMILIES: dict[str, tuple[str, dict[str, list[str]]]] = {
    "a negation ends at 'and' where a clause of its own begins": ("crisis", {
        "en": ["I never say anything and I want to die", "I don't talk to anyone and I want to kill myself"],
        "es": ["nunca digo nada y quiero morir", "nunca digo nada y me quiero morir",
               "no hablo con nadie y quiero matarme"],
        "de": ["ich sage nie etwas und ich will sterben", "ich sage nie was und will sterben"],
        "fr": ["je ne dis jamais rien et je veux mourir", "je ne parle à personne et j'ai envie de mourir"],
        "pt": ["nunca falo nada e quero morrer", "não falo com ninguém e quero me matar"],
    }),
    "a negation that covers the phrase, 'and' after it (stays negated)": ("ok", {
        "en": ["I don't want to die and I won't", "I would never kill myself and I won't",
               "no way I would kill myself", "I don't eat and I don't want to die"],
        "es": ["no quiero morir y no lo haré"],
        "de": ["ich will nicht sterben und ich werde es nicht tun", "ich würde mich nie umbringen"],
        "fr": ["je ne veux pas mourir et je ne le ferai pas", "je ne me tuerais jamais"],
        "pt": ["não quero morrer e não vou", "eu nunca me mataria"],
    }),
    "never … so much: a comparison, not a negation": ("crisis", {
        "en": ["I never wanted to die so much", "I never wanted to die more than today",
               "I've never wanted to die more", "I have never wanted to kill myself this badly"],
        "es": ["nunca quise morir tanto", "nunca quise tanto morir", "nunca he querido morir tanto como hoy"],
        "de": ["ich wollte noch nie so sehr sterben", "ich wollte nie mehr sterben als heute"],
        "fr": ["je n'ai jamais eu autant envie de mourir", "je n'ai jamais autant voulu mourir"],
        "pt": ["nunca quis tanto morrer", "nunca tive tanta vontade de morrer", "nunca quis morrer tanto quanto hoje"],
    }),
    "never, plainly (stays negated)": ("ok", {
        "en": ["I never wanted to die", "I would never kill myself because I love my kids so much"],
        "es": ["nunca quise morir"],
        "de": ["ich wollte nie sterben"],
        "fr": ["je n'ai jamais voulu mourir"],
        "pt": ["nunca quis morrer"],
    }),
    "a cut by accident, the object named (everyday)": ("ok", {
        "en": ["my daughter cut herself on a broken glass", "I cut myself on a broken glass",
               "I cut myself on a knife while cooking", "I cut myself with a knife while cooking"],
        "es": ["mi hija se cortó con un vidrio roto", "me corté con un cuchillo cocinando"],
        "de": ["meine Tochter hat sich an einer Glasscherbe geschnitten",
               "ich habe mich beim Kochen mit dem Messer geschnitten"],
        "fr": ["ma fille s'est coupée sur un verre cassé", "je me suis coupé avec un couteau en cuisinant"],
        "pt": ["minha filha se cortou com um copo quebrado", "me cortei com uma faca cozinhando"],
    }),
    "cutting again, or on the body": ("crisis", {
        "en": ["she's cutting herself again", "I cut myself on my arm", "I cut myself on purpose"],
        "es": ["ella se está cortando otra vez"],
        "de": ["sie ritzt sich wieder"],
        "fr": ["elle se scarifie encore"],
        "pt": ["ela está se cortando de novo"],
    }),
    "threatened again by a partner": ("crisis", {
        "en": ["my husband threatens me again", "he threatens me again"],
        "es": ["mi marido me amenaza otra vez", "mi marido me vuelve a amenazar"],
        "de": ["mein Mann bedroht mich wieder"],
        "fr": ["mon mari me menace encore", "mon mari me menace de nouveau"],
        "pt": ["meu marido me ameaça de novo"],
    }),
    "threatened again by a boss (everyday)": ("ok", {
        "en": ["my boss threatens me again with a bad review"],
        "es": ["mi jefe me amenaza otra vez con despedirme"],
        "de": ["mein Chef droht mir schon wieder mit der Kündigung"],
        "fr": ["mon patron me menace encore de me virer"],
        "pt": ["meu chefe me ameaça de novo com demissão"],
    }),
    "a means made ready, the time right after 'ready'": ("crisis", {
        "en": ["the rope is ready tonight", "the pills are ready tonight", "I have the pills ready tonight"],
        "es": ["la cuerda está lista esta noche", "las pastillas están listas esta noche"],
        "de": ["das Seil ist bereit heute Nacht", "das Seil ist heute Nacht bereit",
               "die Tabletten sind bereit heute Nacht"],
        "fr": ["la corde est prête ce soir", "les cachets sont prêts ce soir"],
        "pt": ["a corda está pronta hoje à noite", "os comprimidos estão prontos hoje à noite"],
    }),
    "dinner ready tonight (everyday)": ("ok", {
        "en": ["the dinner is ready tonight"],
        "es": ["la cena está lista esta noche"],
        "de": ["das Essen ist heute Abend fertig"],
        "fr": ["le dîner est prêt ce soir"],
        "pt": ["o jantar está pronto hoje à noite"],
    }),
}

#: Telling someone else to kill themselves in words another language's bare word also reads ("suicid*"): words
#: held as directed, and nothing said of the writer's own danger.
DIRECTED_BARE: dict[str, list[str]] = {
    "en": ["you should commit suicide", "go commit suicide"],
    "es": ["deberías suicidarte", "vete a suicidarte"],
    "de": ["du solltest Selbstmord begehen", "begeh doch Selbstmord"],
    "fr": ["tu devrais te suicider", "va te suicider"],
    "pt": ["você deveria se suicidar", "você devia se suicidar"],
}
#: Words told to someone else beside the writer's own: the writer's still count.
DIRECTED_AND_OWN: dict[str, list[str]] = {
    "en": ["go kill yourself, I want to kill myself", "kys i want to die"],
    "es": ["deberías suicidarte, yo quiero morir"],
    "de": ["bring dich um, ich will sterben"],
    "fr": ["va te suicider, moi je veux mourir"],
    "pt": ["se mata logo, eu quero morrer"],
}


test_every_family_has_all_five_languages, test_all_five_languages_give_the_same_level = parity_tests(
    FAMILIES, DIRECTED_BARE, DIRECTED_AND_OWN)


@pytest.mark.parametrize("lang", LANGS)
def test_words_told_to_someone_else_are_no_crisis_of_the_writer_in_any_languages_rules(screen: Screen, lang: str):
    got = {text: (screen.check(text).level, screen.check(text).directed) for text in DIRECTED_BARE[lang]}
    assert all(v == ("ok", True) for v in got.values()), got
    assert all(screen.rules.check(text).fired is None for text in DIRECTED_BARE[lang])


@pytest.mark.parametrize("lang", LANGS)
def test_the_writers_own_words_beside_words_told_to_someone_else_still_count(screen: Screen, lang: str):
    got = {text: (screen.check(text).level, screen.check(text).directed) for text in DIRECTED_AND_OWN[lang]}
    assert all(v == ("crisis", True) for v in got.values()), got



def test_each_token_is_traced_to_the_piece_it_is_read_from():
    """Where words told to someone else stand, whatever a language's aliases and multi-word forms make of them."""
    from bot.safety.normalise import Normaliser

    norm = Normaliser.build({"u": "you", "pero": "#"}, {"do not": "dont"}, [], [])
    text = "u do not know pero téléphone"
    assert norm.traced(text) == (["you", "dont", "know", "#", "téléphone"], [0, 1, 3, 4, 5])
    assert norm.tokens(text) == norm.traced(text)[0]
