"""Recovery, remembering and grief: the same answer in all five languages (trial 15, finding 5).

Read as a present crisis by the rules before, with a care note naming the member: a past state set against a
better present ("a year ago I wanted to die, today I'm grateful to be here"; Portuguese alone, "há um ano eu
queria morrer, hoje estou bem"), time clean of self-harm, someone else's question answered no ("my therapist asked
if I want to kill myself and I said no"), the loss of someone to suicide told as a loss, a goodbye to a pet the
vet put to sleep, a song's title sung. Each family is one such thing said in each language's own idiom, written
for this test (not from the corpus). Beside them, what must stay the alarm: the past told with the present back
("… and now I want to again"), and the same question answered yes. The style of `test_parity_means.py`.
"""

from __future__ import annotations

from tests.bot.safety.parity import parity_tests

#: family -> (level every language must give, {language: [sentences]})
FAMILIES: dict[str, tuple[str, dict[str, list[str]]]] = {
    "a past wish to die set against a better present": ("ok", {
        "en": ["a year ago I wanted to die, today I'm grateful to be here",
               "a year ago I wanted to die, now I'm doing much better",
               "back when I was suicidal my friends saved me"],
        "es": ["hace un año quería morir, hoy estoy agradecida de estar aquí",
               "hace un año quería morirme, ahora estoy mucho mejor",
               "cuando tenía ideas suicidas mis amigos me salvaron"],
        "de": ["vor einem Jahr wollte ich sterben, heute bin ich dankbar, hier zu sein",
               "vor einem Jahr wollte ich sterben, jetzt geht es mir viel besser",
               "damals, als ich suizidal war, haben mich meine Freunde gerettet"],
        "fr": ["il y a un an je voulais mourir, aujourd'hui je suis reconnaissante d'être là",
               "il y a un an je voulais mourir, maintenant je vais beaucoup mieux",
               "à l'époque où j'étais suicidaire, mes amis m'ont sauvé"],
        "pt": ["há um ano eu queria morrer, hoje estou bem",
               "há um ano eu queria morrer, agora estou muito melhor",
               "na época em que eu era suicida meus amigos me salvaram"],
    }),
    "time clean of self-harm": ("ok", {
        "en": ["I'm two years clean from self-harm and proud of it", "one year without hurting myself today"],
        "es": ["llevo dos años limpia de autolesiones y estoy orgullosa", "hoy cumplo un año sin autolesionarme"],
        "de": ["ich bin seit zwei Jahren frei von Selbstverletzung und stolz darauf",
               "heute ein Jahr ohne mich zu ritzen"],
        "fr": ["deux ans sans automutilation et j'en suis fière",
               "aujourd'hui ça fait un an que je ne me suis pas scarifiée"],
        "pt": ["estou há dois anos limpa de automutilação e orgulhosa disso", "hoje faz um ano sem me cortar"],
    }),
    "someone else's question answered no": ("ok", {
        "en": ["my therapist asked if I want to kill myself and I said no"],
        "es": ["mi terapeuta me preguntó si quiero matarme y le dije que no"],
        "de": ["meine Therapeutin hat gefragt, ob ich mich umbringen will, und ich hab nein gesagt"],
        "fr": ["ma psy m'a demandé si je voulais me tuer et j'ai dit non"],
        "pt": ["minha terapeuta perguntou se eu quero me matar e eu disse que não"],
    }),
    "someone lost to suicide, remembered": ("ok", {
        "en": ["my uncle took his own life last year and I still miss him",
               "my uncle died by suicide last year and I still miss him"],
        "es": ["mi tío se quitó la vida el año pasado y todavía lo extraño",
               "mi tío se suicidó el año pasado y todavía lo extraño"],
        "de": ["mein Onkel hat sich letztes Jahr das Leben genommen und ich vermisse ihn noch immer",
               "mein Onkel hat sich letztes Jahr umgebracht und ich vermisse ihn noch immer"],
        "fr": ["mon oncle s'est donné la mort l'an dernier et il me manque encore",
               "mon oncle s'est suicidé l'an dernier et il me manque encore"],
        "pt": ["meu tio tirou a própria vida no ano passado e ainda sinto falta dele",
               "meu tio se suicidou no ano passado e ainda sinto falta dele"],
    }),
    "a goodbye to a pet put to sleep": ("ok", {
        "en": ["we said goodbye to our dog today, the vet put him to sleep"],
        "es": ["hoy nos despedimos de nuestro perro, el veterinario lo durmió"],
        "de": ["wir haben uns heute von unserem Hund verabschiedet, der Tierarzt hat ihn eingeschläfert"],
        "fr": ["on a dit adieu à notre chien aujourd'hui, le véto l'a endormi"],
        "pt": ["hoje nos despedimos do nosso cachorro, o veterinário o pôs para dormir"],
    }),
    "a song's title sung": ("ok", {
        "en": ['singing "I want to die" by that band all day lol'],
        "es": ['cantando "quiero morir" de esa banda todo el día jaja'],
        "de": ['"ich will sterben" von dieser Band den ganzen Tag gesungen lol'],
        "fr": ['je chante "je veux mourir" de ce groupe toute la journée mdr'],
        "pt": ['cantando "quero morrer" daquela banda o dia todo kkk'],
    }),
    "the past told with the present back (must stay the alarm)": ("crisis", {
        "en": ["a year ago I wanted to die and now I want to again",
               "a year ago I wanted to die, today I want to die again",
               "back when I was suicidal my friends saved me, now I'm suicidal again"],
        "es": ["hace un año quería morir y ahora quiero morir otra vez",
               "hace un año quería morir, hoy quiero morir de nuevo"],
        "de": ["vor einem Jahr wollte ich sterben und heute will ich sterben",
               "damals war ich suizidal, jetzt bin ich wieder suizidal"],
        "fr": ["il y a un an je voulais mourir et maintenant je veux encore mourir",
               "il y a un an je voulais mourir, aujourd'hui j'ai de nouveau envie de mourir"],
        "pt": ["há um ano eu queria morrer e agora quero morrer de novo",
               "há um ano eu queria morrer, hoje quero morrer outra vez"],
    }),
    "the same question answered yes (must stay the alarm)": ("crisis", {
        "en": ["my therapist asked if I want to kill myself and I said yes"],
        "es": ["mi terapeuta me preguntó si quiero matarme y le dije que sí"],
        "de": ["meine Therapeutin hat gefragt, ob ich mich umbringen will, und ich hab ja gesagt"],
        "fr": ["ma psy m'a demandé si je voulais me tuer et j'ai dit oui"],
        "pt": ["minha terapeuta perguntou se eu quero me matar e eu disse que sim"],
    }),
    "a loss told, and the wish of one's own beside it (must stay the alarm)": ("crisis", {
        "en": ["my uncle took his own life last year and now I want to die too"],
        "es": ["mi tío se quitó la vida el año pasado y ahora yo también quiero morir"],
        "de": ["mein Onkel hat sich letztes Jahr das Leben genommen und jetzt will ich auch sterben"],
        "fr": ["mon oncle s'est donné la mort l'an dernier et maintenant moi aussi je veux mourir"],
        "pt": ["meu tio tirou a própria vida no ano passado e agora eu também quero morrer"],
    }),
}


test_every_family_has_all_five_languages, test_all_five_languages_give_the_same_level = parity_tests(FAMILIES)


def test_a_figure_kept_from_counting_by_unless_and_needs():
    """The mechanism alone: the same past told as past is no alarm; with "again" anywhere in the message it is
    (`unless`); a question with no "no" said is the alarm (`needs`)."""
    from bot.safety.rules import AllRules

    rules = AllRules.load()
    assert not rules.check("a year ago I wanted to die, now I'm doing better").fired
    assert rules.check("a year ago I wanted to die, now I'm doing better. it's back again").fired
    assert not rules.check("my mum asked if I wanted to kill myself and I said no").fired
    assert rules.check("my mum asked if I wanted to kill myself").fired
