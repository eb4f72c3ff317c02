"""Ordinary check-in answers the phrase rules took for a crisis: the same answer in all five languages.

A new, independent set of check-in answers (session 14) found these said in passing and given the crisis answer:
disappearing *to* a place or *for* a while (a getaway); someone else's overdose remembered, with how long ago;
"I'm going to die" / "I want to die" beside a laugh and an exam or a lost game; a question someone else asked about
getting old; shooting oneself in the foot (an idiom); standing at the edge of a cliff for the view or a photo. Each
family is one such thing said in each language's own idiom, written for this test (not from the corpus or the
check-in sets), beside the crisis it must never swallow. The style of `test_parity.py`, in a file of its own.
"""

from __future__ import annotations


from bot.safety.screen import Screen
from tests.bot.safety.parity import parity_tests


#: family -> (levels every language may give, {language: [sentences]})
FAMILIES: dict[str, tuple[frozenset[str], dict[str, list[str]]]] = {
    "disappearing to a place or for a while (everyday)": (frozenset({"ok"}), {
        "en": ["honestly i want to disappear to the mountains for a week", "need to disappear to a beach somewhere"],
        "es": ["quiero desaparecer a la playa un mes", "me gustaría desaparecer una semana a la montaña"],
        "de": ["ich will für eine Woche in die Berge verschwinden", "am liebsten würde ich ans Meer verschwinden"],
        "fr": ["j'ai envie de disparaître à la campagne pendant un mois", "je veux disparaître une semaine à la mer"],
        "pt": ["quero desaparecer para a praia por uma semana", "queria sumir pro interior um mês"],
    }),
    "wanting to disappear for good": (frozenset({"crisis"}), {
        "en": ["i just want to disappear", "I want to disappear forever"],
        "es": ["quiero desaparecer para siempre"],
        "de": ["ich will einfach verschwinden", "ich will für immer verschwinden"],
        "fr": ["je veux disparaître pour toujours"],
        "pt": ["quero desaparecer para sempre"],
    }),
    "someone else's overdose remembered, with how long ago (everyday grief)": (frozenset({"ok"}), {
        "en": ["my uncle overdosed two years ago, thinking of him today", "my brother died of an overdose last year"],
        "es": ["mi tío tuvo una sobredosis hace dos años, hoy lo recuerdo"],
        "de": ["mein Onkel hatte vor zwei Jahren eine Überdosis, ich denke heute an ihn"],
        "fr": ["mon oncle a fait une overdose il y a deux ans, je pense à lui",
               "mon frère est mort d'une overdose l'an dernier"],
        "pt": ["meu tio teve uma overdose há dois anos, lembrando dele hoje", "meu irmão morreu de overdose ano passado"],
    }),
    "an overdose now, one's own or someone else's": (frozenset({"crisis"}), {
        "en": ["im going to overdose tonight", "i took an overdose an hour ago", "my brother just overdosed and won't wake up"],
        "es": ["quiero tomarme todas las pastillas"],
        "de": ["ich will alle Tabletten schlucken"],
        "fr": ["je vais faire une overdose ce soir", "j'ai pris une overdose ce soir"],
        "pt": ["vou tomar uma overdose hoje", "tomei uma overdose agora"],
    }),
    "dying beside a laugh and an exam or a lost game (the gentle word)": (frozenset({"gentle"}), {
        "en": ["finals tomorrow, i'm gonna die lol", "we lost the derby, i want to die 😭"],
        "es": ["examen mañana, me quiero morir jajaja", "perdimos el partido, quiero morir 😩"],
        "de": ["morgen Klausur, ich will sterben 😂", "Finale verloren, ich will sterben 😩"],
        "fr": ["partiel demain, je veux mourir mdr", "on a perdu le match, je veux mourir 😩"],
        "pt": ["prova amanhã, quero morrer kkkk", "perdemos o jogo, quero morrer 😩"],
    }),
    "wanting to die, said plainly or with a laugh alone": (frozenset({"crisis"}), {
        "en": ["i want to die", "i want to die lol"],
        "es": ["quiero morir", "quiero morir jaja"],
        "de": ["ich will sterben", "ich will sterben lol"],
        "fr": ["je veux mourir", "je veux mourir mdr"],
        "pt": ["quero morrer", "quero morrer kkkk"],
    }),
    "shooting oneself in the foot (an idiom)": (frozenset({"ok"}), {
        "en": ["i really shot myself in the foot with that email", "gonna shoot myself in the foot again"],
        "es": ["me pegué un tiro en el pie con ese correo"],
        "de": ["da habe ich mir selbst ins Knie geschossen", "ich schieße mir damit ins eigene Knie"],
        "fr": ["je me suis encore tiré une balle dans le pied", "je vais me tirer une balle dans le pied avec ce mail"],
        "pt": ["dei um tiro no pé com esse email"],
    }),
    "shooting oneself": (frozenset({"crisis"}), {
        "en": ["i want to shoot myself"],
        "es": ["me voy a pegar un tiro"],
        "de": ["ich will mich erschießen"],
        "fr": ["je vais me tirer une balle"],
        "pt": ["vou me dar um tiro"],
    }),
    "at the edge of a cliff for the view or a photo (everyday)": (frozenset({"ok"}), {
        "en": ["stood on the edge of the cliff at the lake, the views were unreal",
               "sat on the edge of the rooftop for a photo"],
        "es": ["estuve al borde del acantilado en la costa, vistas increíbles"],
        "de": ["stand am Rand der Klippe auf Rügen, die Aussicht war irre"],
        "fr": ["debout au bord de la falaise à la plage, la vue était folle"],
        "pt": ["fiquei na beira do penhasco na praia, a vista era incrível"],
    }),
    "at the edge, ready to jump": (frozenset({"crisis"}), {
        "en": ["standing on the edge of the bridge ready to jump", "im on the roof and i want to jump"],
        "es": ["estoy en el puente, me quiero tirar del puente"],
        "de": ["ich stehe oben, ich springe heute von der Brücke"],
        "fr": ["je suis au bord, je veux sauter du pont"],
        "pt": ["estou na beira, vou me jogar da ponte"],
    }),
}

#: a question someone else asked, told with a laugh: never the alarm (English only, as found)
ASKED = ["my niece asked if i'm gonna die soon because i'm 35 lmao", "my son asked me whether i was going to die soon"]


test_every_family_has_all_five_languages, test_all_five_languages_give_the_same_level = parity_tests(FAMILIES)


def test_a_question_someone_else_asked_about_dying_is_never_the_alarm(screen: Screen):
    got = {text: screen.check(text).level for text in ASKED}
    assert "crisis" not in got.values(), got
