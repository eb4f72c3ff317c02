"""False alarms of the rules20 "said bare" groups by class (fa20, session 20, a reviewer's): each class in all five
languages, beside the crisis it nears, which must stay crisis.

The rules20 groups for the means at hand, slang for ending it and a short farewell end with `$`, which ends a clause,
not the message: an everyday clause before or after let them fire. A place said as where one is, to meet someone
("where are you? i'm on the roof", "i'm on the roof, come up"); the place where pills or a knife are kept ("the
pills are right here, in the cabinet"); ending a game, a relationship, a call, a stream, a chat, a season, a match, a
class or a meeting ("gonna end it fr, the game is so boring"); a short farewell signing off ("i'm done. goodbye
everyone, logging off", "gn", "going to bed", "off to work"). Each stays crisis with a cry for help, a "can't go
on", a "for good" or one's life said with it; "end it all" ("acabar con todo", "acabar com tudo") stays crisis
beside a game, as before. German and Portuguese have no rules20 group for ending it in slang: their everyday
sentences are here to keep them ok.
Sentences written for this test (not from the corpus). The rules are the words added to the rules20 figures and the
`fa20` blocks at the end of content/safety/*.toml.
"""

from __future__ import annotations

from tests.bot.safety.parity import parity_tests

#: family -> (level every language must give, or the levels any of which will do, {language: [sentences]})
FAMILIES: dict[str, tuple[str | tuple[str, ...], dict[str, list[str]]]] = {
    "a place said as where one is, to meet someone (everyday)": ("ok", {
        "en": ["where are you? i'm on the roof", "i'm on the roof, come up", "i'm on the bridge, where are you?",
               "i'm at the bridge, meet me there"],
        "es": ["¿dónde estás? estoy en la azotea", "estoy en la azotea, sube", "estoy en el puente, ¿dónde estás tú?",
               "estoy en el puente, ven"],
        "de": ["wo bist du? ich bin auf dem Dach", "ich bin auf dem Dach, komm hoch", "ich stehe an der Brücke, wo bist du?"],
        "fr": ["t'es où ? je suis sur le toit", "je suis sur le toit, monte", "je suis sur le pont, tu es où ?"],
        "pt": ["cadê você? estou no telhado", "estou no telhado, sobe aí", "estou na ponte, cadê você?"],
    }),
    "a place where one is, with a cry for help (crisis)": ("crisis", {
        "en": ["i'm on the bridge, where are you? help me", "I'm on the roof"],
        "es": ["estoy en el puente, ¿dónde estás? ayúdame"],
        "de": ["ich stehe auf der Brücke, wo bist du? hilfe"],
        "fr": ["je suis sur le pont, t'es où ? aide moi"],
        "pt": ["estou na ponte, cadê você? me ajuda"],
    }),
    "where pills or a knife are kept (everyday)": ("ok", {
        "en": ["the pills are right here, in the cabinet", "I have the pills right here, in the bathroom cabinet",
               "the knife is right here, in the drawer", "my meds are here, on the shelf"],
        "es": ["las pastillas están aquí, en el armario", "el cuchillo está aquí, en el cajón",
               "tengo las pastillas aquí, en el botiquín"],
        "de": ["die Tabletten liegen hier, im Schrank", "das Messer liegt hier, in der Schublade",
               "ich habe die Tabletten hier, im Badezimmerschrank"],
        "fr": ["les médicaments sont là, dans l'armoire", "le couteau est là, dans le tiroir",
               "j'ai les cachets ici, dans la pharmacie"],
        "pt": ["os remédios estão aqui, no armário", "a faca está aqui, na gaveta", "tenho os comprimidos aqui, na gaveta"],
    }),
    "pills kept at hand, with no way on (crisis)": ("crisis", {
        "en": ["the pills are right here, I took them out of the cabinet, I can't do this", "the pills are right here"],
        "es": ["las pastillas están aquí, las saqué del armario, no puedo más"],
        "de": ["die Tabletten liegen hier, aus dem Schrank geholt, ich kann nicht mehr"],
        "fr": ["les médicaments sont là, sortis de l'armoire, j'en peux plus"],
        "pt": ["os remédios estão aqui, tirei do armário, não aguento mais"],
    }),
    "ending a game, a relationship, a call, a stream or a meeting (everyday)": ("ok", {
        "en": ["gonna end it fr, the game is so boring", "gonna end it fr, this relationship is toxic",
               "ima end it fr, this call is going nowhere", "gonna end it tonight, the stream has been long enough",
               "imma end it now, the match is lost anyway", "ima end it fr, this meeting is pointless"],
        "es": ["voy a terminarlo ya, el juego es aburrido", "voy a terminar la partida ya, es aburrida",
               "voy a acabar con esto ya, esta relación es tóxica", "voy a colgar ya, esta llamada no va a ningún lado"],
        "de": ["ich mach Schluss, echt jetzt, das Spiel ist langweilig", "ich beende es heute, die Beziehung ist toxisch",
               "ich beende den Stream jetzt, echt"],
        "fr": ["je vais en finir ce soir, le jeu est nul", "je vais en finir pour de vrai, cette relation est toxique",
               "je vais en finir pour de vrai, cette partie est nulle", "je vais en finir ce soir, le match est perdu"],
        "pt": ["vou terminar de vez, esse relacionamento é tóxico", "vou terminar de vez, o jogo é chato",
               "vou encerrar a live agora, sério"],
    }),
    "ending it all, or ending it with one's life named, beside a game (crisis)": ("crisis", {
        "en": ["gonna end it all fr, the game is so boring", "gonna end it fr, i'm so tired of this life", "gonna end it fr"],
        "es": ["voy a acabar con todo ya, el juego es aburrido"],
        "de": ["ich unalive mich, das Spiel ist eh vorbei"],
        "fr": ["je vais en finir pour de vrai, j'en peux plus de cette vie"],
        "pt": ["vou acabar com tudo hoje, o jogo é chato"],
    }),
    "done and goodbye, signing off for the night or for work (everyday)": ("ok", {
        "en": ["i'm done. goodbye everyone, logging off", "i'm done. bye everyone, see ya", "i'm done. goodbye everyone, gn",
               "i'm done. goodbye all, going to bed", "i'm done. goodbye everyone, off to work"],
        "es": ["ya está. adiós a todos, me desconecto", "ya está. adiós a todos, me voy a dormir", "ya está. adiós a todos, a trabajar"],
        "de": ["ich bin fertig. lebt wohl alle, ich logge mich aus", "ich bin fertig. tschüss an alle, gute nacht",
               "ich bin fertig. lebt wohl alle, ab ins bett"],
        "fr": ["c'est fini. adieu tout le monde, je me déconnecte", "c'est fini. au revoir tout le monde, bonne nuit",
               "c'est fini. adieu tout le monde, je vais me coucher"],
        "pt": ["cansei. adeus a todos, vou deslogar", "cansei. tchau a todos, boa noite", "cansei. adeus a todos, vou dormir"],
    }),
    "done and goodbye, signing off for good (crisis)": ("crisis", {
        "en": ["i'm done. goodbye everyone, logging off for good", "I'm done. goodbye everyone"],
        "es": ["ya está. adiós a todos, me desconecto para siempre"],
        "de": ["ich bin fertig. lebt wohl alle, ich logge mich aus, für immer"],
        "fr": ["c'est fini. adieu tout le monde, je me déconnecte pour toujours"],
        "pt": ["cansei. adeus a todos, vou deslogar pra sempre"],
    }),
}

test_every_family_has_all_five_languages, test_all_five_languages_give_the_same_level = parity_tests(FAMILIES)
