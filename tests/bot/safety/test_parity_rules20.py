"""Phrase rules by class (rules20, session 20, trial 20 A1 and A4): each class in all five languages, beside the
everyday sentences it nears, which must stay ok.

The means at hand right now ("I have the pills in front of me", "I'm standing on the bridge"), not a meal's pills,
a view from a bridge or a repair on a roof; a weapon and a threat from another person (the `harm_from_others`
kind), not a hunting gun or a boss's threat; someone else's means saved to die or a threat of a weapon against them
(the `someone_else` kind), not pills for a trip or a threat to sue; a bare wish not to wake up, not an early alarm;
slang for ending it, not ending a call or a relationship; Spanish cutting again (as en/de/fr/pt already read it),
not a haircut; a decision and a time, a goodbye, things given away, not being here "so whatever", each said bare,
not a diet, a shift's end, a move or a holiday. And the normalisation fix (A4): a format character (zero-width
space, joiners, soft hyphen, word joiner, BOM) inside a word no longer breaks a phrase.
Sentences written for this test (not from the corpus). The rules are the `rules20` blocks at the end of
content/safety/*.toml; the fix is in `bot.safety.normalise.screening_form`.
"""

from __future__ import annotations

import pytest

from bot.safety.normalise import screening_form
from bot.safety.screen import Screen
from tests.bot.safety.parity import kind_test, parity_tests

#: family -> (level every language must give, or the levels any of which will do, {language: [sentences]})
FAMILIES: dict[str, tuple[str | tuple[str, ...], dict[str, list[str]]]] = {
    "the means at hand right now (crisis)": ("crisis", {
        "en": ["I have the pills in front of me", "the pills are right here", "I'm holding the knife",
               "I'm standing on the bridge", "I'm on the roof", "I'm on the ledge", "i'm holding the knife to my wrist",
               "I've got all my pills right here", "I'm sitting on the ledge", "I'm on the train tracks"],
        "es": ["tengo las pastillas delante", "las pastillas están aquí al lado", "tengo el cuchillo en la mano",
               "estoy en el puente", "estoy en la azotea", "estoy sentada en el borde del puente", "estoy en las vías del tren"],
        "de": ["ich habe die Tabletten vor mir", "die Tabletten liegen vor mir", "ich halte das Messer in der Hand",
               "ich stehe auf der Brücke", "ich stehe auf dem Dach", "ich stehe an den Gleisen"],
        "fr": ["j'ai les cachets devant moi", "les médicaments sont juste là", "je tiens le couteau", "je suis sur le pont",
               "je suis sur le toit", "je suis sur la rambarde du pont"],
        "pt": ["tenho os comprimidos na minha frente", "os remédios estão aqui comigo", "estou segurando a faca",
               "estou na ponte", "estou no telhado", "tenho todos os meus remédios aqui"],
    }),
    "pills, a knife, a bridge or a roof in everyday use (everyday)": ("ok", {
        "en": ["I have the pills my doctor gave me right here, taking them with dinner",
               "standing on the bridge watching the fireworks", "I'm on the roof fixing the gutter",
               "I'm holding the knife wrong, how do you dice an onion", "I'm on the roof terrace having drinks, the view is amazing",
               "I have the tablets right here, do you need one for your headache?", "I'm on the bridge, be there in 5",
               "the knife is in my hand, what do I slice first", "I'm on the roof, come up, the sunset is amazing"],
        "es": ["tengo las pastillas del médico aquí, me las tomo con la cena", "estoy en el puente viendo los fuegos artificiales",
               "estoy en la azotea tomando algo con amigos, qué vistas", "tengo el cuchillo en la mano, estoy cortando cebolla",
               "estoy en el tejado arreglando la antena", "estoy en el puente, llego en 5 minutos"],
        "de": ["ich habe die Tabletten vom Arzt vor mir, nehme sie zum Essen", "ich stehe auf der Brücke und schaue das Feuerwerk an",
               "ich stehe auf dem Dach und repariere die Regenrinne", "ich halte das Messer in der Hand und schneide Zwiebeln",
               "ich bin auf der Dachterrasse, tolle Aussicht", "ich stehe auf der Brücke, bin in 5 Minuten da"],
        "fr": ["j'ai les cachets du médecin devant moi, je les prends au dîner", "je suis sur le pont à regarder le feu d'artifice",
               "je suis sur le toit pour réparer la gouttière", "je tiens le couteau pour couper les oignons",
               "je suis sur le pont, j'arrive dans 5 minutes", "j'ai les cachets ici, tu en veux un pour ta migraine ?"],
        "pt": ["tenho os comprimidos do médico aqui, vou tomar no jantar", "estou na ponte vendo os fogos",
               "estou no telhado consertando a calha", "estou segurando a faca pra cortar cebola",
               "estou no terraço com amigos, que vista", "estou na ponte, chego em 5 minutos"],
    }),
    "a weapon and a threat from another person (crisis, danger from someone)": ("crisis", {
        "en": ["my partner has a gun and says he'll use it on me", "he's got a gun and says he'll use it",
               "he said he'd kill me", "she threatened to stab me", "my husband has a knife and says he'll use it on me"],
        "es": ["mi pareja tiene una pistola y dice que la va a usar contra mí", "me amenazó con apuñalarme", "dijo que me iba a matar"],
        "de": ["mein Partner hat eine Waffe und sagt, er wird sie gegen mich benutzen", "sie hat gedroht, mich abzustechen",
               "er hat mir gedroht, mich abzustechen", "mein Mann hat ein Messer und sagt, er wird es benutzen"],
        "fr": ["mon copain a un pistolet et dit qu'il va s'en servir contre moi", "elle a menacé de me poignarder",
               "il me menace de me poignarder"],
        "pt": ["meu parceiro tem uma arma e diz que vai usar contra mim", "ela ameaçou me esfaquear", "ele me ameaçou de morte"],
    }),
    "a gun for sport or work, a threat of no harm (everyday)": ("ok", {
        "en": ["my friend has a gun license", "my partner has a gun for hunting, he keeps it locked up",
               "he's got a gun and says he'll use it for target practice", "my uncle has a rifle for hunting season",
               "my boss threatened to fire me", "my sister threatened to tell mum"],
        "es": ["mi pareja tiene una pistola para cazar, la guarda bajo llave", "mi tío tiene una escopeta para cazar",
               "mi jefe me amenazó con despedirme"],
        "de": ["mein Partner hat einen Waffenschein und geht zum Schießstand", "mein Onkel hat ein Gewehr für die Jagd",
               "mein Chef hat gedroht, mich zu feuern"],
        "fr": ["mon copain a un permis de chasse et un fusil", "mon oncle a un fusil pour la chasse", "mon patron a menacé de me virer"],
        "pt": ["meu parceiro tem porte de arma e vai ao clube de tiro", "meu tio tem uma espingarda pra caçar",
               "meu chefe ameaçou me demitir"],
    }),
    "someone else's means saved to die, or a weapon's threat against them (crisis, someone else's)": ("crisis", {
        "en": ["my friend has pills saved up to end it", "my friend told me she has pills saved up to end it",
               "my brother is in danger, his ex threatened to stab him", "her ex threatened to kill her",
               "my roommate has been saving up pills to kill herself"],
        "es": ["mi amigo tiene pastillas guardadas para matarse", "mi hermano está en peligro, su ex amenazó con apuñalarlo",
               "su novio la amenazó con matarla"],
        "de": ["meine Freundin hat Tabletten versteckt, um sich umzubringen",
               "mein Bruder ist in Gefahr, seine Ex hat gedroht, ihn abzustechen", "ihr Freund hat gedroht, sie umzubringen"],
        "fr": ["mon frère est en danger, son ex a menacé de le poignarder", "son copain l'a menacée de la tuer",
               "mon amie a des cachets de côté pour en finir"],
        "pt": ["minha amiga tem remédios escondidos pra se matar", "meu irmão está em perigo, a ex dele ameaçou esfaqueá-lo",
               "o ex dela ameaçou matá-la"],
    }),
    "someone else's pills for a trip, a threat to sue (everyday)": ("ok", {
        "en": ["my friend has pills saved up for her trip abroad", "my friend wants to end it with her boyfriend",
               "my brother is in danger of failing maths", "his ex threatened to sue him",
               "my brother is in danger of losing his job, his ex threatened to take the house", "his dad threatened to ground him"],
        "es": ["mi amiga tiene pastillas guardadas para el viaje", "mi hermano está en peligro de suspender, su ex amenazó con denunciarlo",
               "su ex lo amenazó con quitarle a los niños"],
        "de": ["meine Freundin hat Tabletten für die Reise dabei",
               "mein Bruder ist in Gefahr, durchzufallen, seine Ex hat gedroht, ihn zu verklagen",
               "ihr Ex hat gedroht, ihr die Kinder wegzunehmen"],
        "fr": ["mon amie a des cachets de côté pour le voyage",
               "mon frère risque de perdre son boulot, son ex a menacé de le poursuivre en justice",
               "son ex a menacé de lui prendre les enfants"],
        "pt": ["minha amiga tem comprimidos guardados para a viagem", "meu irmão está em perigo de reprovar, a ex dele ameaçou processá-lo",
               "a ex dele ameaçou tirar as crianças dele"],
    }),
    "a bare wish not to wake up (crisis)": ("crisis", {
        "en": ["I wish I could just not wake up", "I wish I wouldn't wake up", "I wish I could just not wake up tomorrow",
               "wish i could just not wake up anymore"],
        "es": ["ojalá no despertar", "ojalá pudiera no despertar más", "ojalá simplemente no despertar mañana"],
        "de": ["ich wünschte, ich würde nicht mehr aufwachen", "ich wünschte, ich könnte einfach nicht mehr aufwachen"],
        "fr": ["j'aimerais ne pas me réveiller", "j'aimerais juste ne plus me réveiller", "je voudrais ne pas me réveiller demain"],
        "pt": ["queria não acordar mais", "queria simplesmente não acordar amanhã", "eu queria não acordar nunca mais"],
    }),
    "a wish for a lie-in, not an early alarm (everyday)": ("ok", {
        "en": ["I wish I could sleep in tomorrow", "I wish I could just not wake up early tomorrow",
               "I wish I didn't have to wake up at 6", "I wish I could not wake up so early",
               "I wish I could just not wake up to emails", "I wish I didn't wake up with a headache"],
        "es": ["ojalá no tener que despertar temprano mañana", "ojalá no despertarme a las 6", "ojalá pudiera no despertar tan temprano",
               "ojalá no despertarme con dolor de cabeza"],
        "de": ["ich wünschte, ich müsste morgen nicht so früh aufwachen", "ich wünschte, ich würde nicht immer um 5 aufwachen",
               "ich wünschte, ich würde nicht so früh aufwachen"],
        "fr": ["j'aimerais ne pas me réveiller à 6h demain", "j'aimerais ne pas me réveiller si tôt",
               "j'aimerais ne plus me réveiller avec mal au dos"],
        "pt": ["queria não acordar tão cedo amanhã", "queria não acordar com o despertador", "queria não acordar com dor nas costas"],
    }),
    "ending it in slang (crisis)": ("crisis", {
        "en": ["ima end it fr", "gonna end it fr", "sewer slide", "unalive myself", "imma end it frfr", "thinking about sewer slide"],
        "es": ["me voy a unalivear", "voy a hacer el sewer slide"],
        "de": ["ich unalive mich", "ich mach sewer slide"],
        "fr": ["je vais faire un sewer slide", "je vais m'unalive"],
        "pt": ["vou fazer o sewer slide", "vou me unalive"],
    }),
    "ending a relationship, a stream or a job in slang (everyday)": ("ok", {
        "en": ["ima end it with him fr", "gonna end it with her fr, she's toxic", "ima end this game fr", "gonna end the stream fr",
               "ima end it here, thanks for watching", "the sewer slide at the water park was gross", "the sewer slide in the game is so hard"],
        "es": ["voy a terminar con él de verdad", "voy a acabar con todo el trabajo hoy"],
        "de": ["ich mach Schluss mit ihm, echt jetzt"],
        "fr": ["je vais le larguer pour de vrai", "je vais en finir avec ce dossier ce soir"],
        "pt": ["vou terminar com ele de vez"],
    }),
    "cutting oneself again (crisis)": ("crisis", {
        "en": ["I cut again last night"],
        "es": ["me corto otra vez", "me volví a cortar", "me estoy cortando de nuevo", "me corté otra vez",
               "me he vuelto a cortar los brazos", "volví a cortarme"],
        "de": ["ich ritze mich wieder"],
        "fr": ["je me scarifie encore"],
        "pt": ["vou me cortar de novo"],
    }),
    "a haircut, the nails, a paper cut again (everyday)": ("ok", {
        "en": ["I cut my hair again last night"],
        "es": ["me corto el pelo otra vez", "me corto las uñas otra vez", "me volví a cortar el pelo",
               "me estoy cortando el flequillo de nuevo", "me volví a cortar con el papel", "me corto otra vez el flequillo, qué desastre",
               "me corto las puntas otra vez"],
        "de": ["ich schneide mir wieder die Haare"],
        "fr": ["je me coupe encore les cheveux"],
        "pt": ["vou cortar o cabelo de novo"],
    }),
    "a decision, a goodbye, things given away, not being here, said bare (crisis)": ("crisis", {
        "en": ["I've decided. tonight.", "I'm done. goodbye everyone", "I've been giving away my stuff, won't need it soon",
               "not gonna be here next week so whatever", "I've made up my mind. it's tonight.", "I'm done. goodbye world",
               "not gonna be around much longer so who cares"],
        "es": ["ya lo he decidido. esta noche.", "ya está. adiós a todos", "he regalado mis cosas, ya no las voy a necesitar",
               "la semana que viene no voy a estar aquí así que da igual"],
        "de": ["ich habe mich entschieden. heute nacht.", "ich bin fertig. lebt wohl alle",
               "ich verschenke meine Sachen, ich brauche sie eh nicht mehr", "nächste Woche bin ich eh nicht mehr da, also egal"],
        "fr": ["j'ai décidé. ce soir.", "c'est fini. adieu tout le monde",
               "je donne toutes mes affaires, j'en aurai bientôt plus besoin", "je serai plus là la semaine prochaine donc peu importe"],
        "pt": ["decidi. hoje à noite.", "cansei. adeus a todos", "estou doando minhas coisas, não vou precisar delas",
               "não vou estar aqui semana que vem então tanto faz"],
    }),
    "a diet, a shift's end, a move, a holiday (everyday)": ("ok", {
        "en": ["I've decided. tonight we order pizza.", "I'm done. goodbye everyone see you in spring",
               "I'm done with this season, goodbye everyone see you in spring", "giving away my stuff before the move",
               "I've been giving away my stuff, won't need it in the new flat",
               "giving away my stuff, won't need it soon, we're moving into a furnished flat",
               "not gonna be here next week so whatever, I'm on holiday", "not gonna be here next week so whatever you decide is fine",
               "I'm done, bye guys see you tomorrow", "I've decided. I'm going vegan."],
        "es": ["lo he decidido. esta noche pizza.", "ya está. adiós a todos, nos vemos en primavera", "ya está. adiós a todos, hasta mañana",
               "estoy regalando mis cosas antes de la mudanza", "regalo mis cosas porque me mudo al extranjero, no las voy a necesitar",
               "no voy a estar aquí la semana que viene, me voy de vacaciones"],
        "de": ["ich habe mich entschieden. heute abend Pizza.", "ich bin fertig. tschüss an alle, bis morgen",
               "ich verschenke meine Sachen vor dem Umzug", "ich verschenke meine Sachen, weil ich umziehe, brauche sie nicht mehr",
               "nächste Woche bin ich nicht da, ich bin im Urlaub"],
        "fr": ["j'ai décidé. ce soir pizza.", "c'est fini. au revoir tout le monde, à demain",
               "je donne mes affaires avant le déménagement", "je donne mes affaires parce que je déménage, j'en aurai plus besoin",
               "je ne serai pas là la semaine prochaine, je pars en vacances"],
        "pt": ["decidi. hoje à noite pizza.", "cansei. tchau pessoal, até amanhã", "estou doando minhas coisas antes da mudança",
               "estou doando minhas coisas porque vou me mudar, não vou precisar delas",
               "não vou estar aqui semana que vem, vou viajar"],
    }),
    "a phrase with a format character inside a word (crisis)": ("crisis", {
        "en": ["i want to d\u200bie", "i want to di\u00ade", "I want to d\u2060ie", "\ufeffi want to kill myself",
               "i wa\u200cnt to d\u200die"],
        "es": ["quiero mo\u200brir", "me quiero su\u00adicidar"],
        "de": ["ich will ster\u200bben", "ich bring mich u\u2060m"],
        "fr": ["je veux mou\u200brir", "je veux me sui\u00adcider"],
        "pt": ["quero mor\u200brer", "vou me ma\u200ctar"],
    }),
}

test_every_family_has_all_five_languages, test_all_five_languages_give_the_same_level = parity_tests(FAMILIES)
test_the_kind_fits_the_care_reply = kind_test(FAMILIES, {
    "a weapon and a threat from another person (crisis, danger from someone)": "harm_from_others",
    "someone else's means saved to die, or a weapon's threat against them (crisis, someone else's)": "someone_else",
})


@pytest.mark.parametrize("char", ["\u200b", "\u200c", "\u200d", "\u00ad", "\u2060", "\ufeff", "\u200e", "\u202e"])
def test_a_format_character_is_dropped_before_matching(char: str) -> None:
    """A format character (category Cf) is read as nothing: it is unseen, and inside a word it cut the word apart."""
    assert screening_form(f"i want to d{char}ie") == "i want to die"
    assert screening_form(f"{char}I want{char}") == "i want"


def test_format_characters_between_words_join_them_as_typed(screen: Screen) -> None:
    """Zero-width spaces used as the only gaps between words leave words run together, which the screen splits."""
    assert screen.check("i\u200bwant\u200bto\u200bdie").level == "crisis"


def test_an_emoji_sequence_keeps_its_symbols() -> None:
    """A joiner inside an emoji sequence goes; the emoji stay, each a symbol the screen still reads."""
    assert screening_form("😂\u200d🔥") == "😂🔥"
