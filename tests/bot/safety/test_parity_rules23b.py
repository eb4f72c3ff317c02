"""Phrase rules by class (rules23b, session 23): plain crises the rules missed, each class in all five languages,
beside the everyday sentences it nears, which must stay ok.

A past suicidal time said to be back ("i used to be suicidal and now it's back"), not migraines that are back nor a
past told as over with "I'm back at uni"; not being alive tomorrow said beside leaving the server (the goodbye
figures no longer cancel it), not a phone or a plant that won't be alive; a whole bottle or box of pills already
taken (mine, or someone else's: the `someone_else` kind), not the dose taken as prescribed nor a whole box of biscuits; a rope already tied to a beam or ready, not a
rope tied to a boat or ready for a climb; jumping off the roof of my building tonight, not a roof party tonight;
a height or a dose checked "to make sure it works", not a bridge's height for a truck; wanting to join someone who
died, not joining a friend at the pub or at a funeral.
Sentences written for this test (not from the corpus, nor the blind lines). The rules are the `rules23b` blocks at
the end of content/safety/*.toml, and the goodbye and recovery figures narrowed in place.
"""

from __future__ import annotations

from tests.bot.safety.parity import kind_test, parity_tests

#: family -> (level every language must give, or the levels any of which will do, {language: [sentences]})
FAMILIES: dict[str, tuple[str | tuple[str, ...], dict[str, list[str]]]] = {
    "a past suicidal time or wish to die said to be back (crisis)": ("crisis", {
        "en": ["i used to be suicidal and now it's back, worse than before",
               "used to have suicidal thoughts and they came back this week",
               "i used to want to die all the time and now its back, worse than ever"],
        "es": ["antes tenía ideas suicidas y han vuelto",
               "hace años quería morirme y ahora ha vuelto, peor que antes",
               "antes era suicida y ya volvieron los pensamientos"],
        "de": ["früher wollte ich sterben und jetzt ist das wieder da",
               "die suizidgedanken von damals sind zurück",
               "ich war mal suizidal und jetzt ist es zurück, schlimmer als vorher"],
        "fr": ["avant j'avais des idées suicidaires et elles sont revenues",
               "avant je voulais mourir et maintenant ça revient"],
        "pt": ["antes eu tinha pensamentos suicidas e voltaram",
               "antes eu queria morrer e agora isso voltou",
               "eu era suicida na adolescencia e agora voltou, pior q antes"],
    }),
    "migraines or a cold that are back, a suicidal past told as over (everyday)": ("ok", {
        "en": ["i used to get migraines and now they're back, worse than before",
               "i used to be suicidal, now i'm back at uni and doing great"],
        "es": ["antes tenía migrañas y han vuelto, peor que antes", "el resfriado ha vuelto, qué asco"],
        "de": ["früher hatte ich migräne und jetzt ist sie wieder da, schlimmer als vorher",
               "die erkältung ist zurück, na toll"],
        "fr": ["avant j'avais des migraines et elles sont revenues"],
        "pt": ["antes eu tinha enxaqueca e voltou, pior que antes",
               "eu tinha pensamentos suicidas, a terapia me ajudou muito, voltei a estudar e to bem"],
    }),
    "not alive tomorrow, said beside leaving the server or the team (crisis)": ("crisis", {
        "en": ["leaving the server for good, i won't be alive tomorrow",
               "switching teams anyway, by tomorrow i wont be alive"],
        "es": ["me cambio de equipo, mañana no voy a estar vivo", "me voy del servidor, mañana no voy a estar viva",
               "dejo el grupo, el lunes ya no voy a estar viva"],
        "de": ["ich verlass den server für immer, morgen werde ich nicht mehr leben",
               "kündige heute, morgen bin ich eh nicht mehr am leben"],
        "fr": ["je quitte le serveur pour de bon, demain je serai plus en vie",
               "je change d'équipe, de toute façon demain je ne serai plus vivant"],
        "pt": ["tô saindo do servidor pra sempre, amanhã não vou estar vivo",
               "saio da equipe hj, amanha nao vou estar mais viva",
               "vou mudar de equipe, amanhã não vou estar vivo"],
    }),
    "not around tomorrow for a team change, a phone or a plant not alive (everyday)": ("ok", {
        "en": ["leaving the server, switching teams, won't be around tomorrow",
               "my phone won't be alive tomorrow lol battery at 2%"],
        "es": ["me cambio de equipo, mañana no voy a estar por aquí",
               "la planta no va a estar viva mañana si no la riego"],
        "de": ["meine pflanze lebt morgen nicht mehr, wenn ich sie nicht gieße"],
        "fr": ["ma plante sera plus en vie demain si je l'arrose pas"],
        "pt": ["minha planta não vai estar viva amanhã se eu não regar"],
    }),
    "a whole bottle or box of pills already taken (crisis)": ("crisis", {
        "en": ["took the whole bottle of sleeping pills an hour ago",
               "i swallowed a whole box of my meds like 40 min ago",
               "took the entire pack of paracetamol half an hour ago"],
        "es": ["me tomé el bote entero de pastillas para dormir hace una hora",
               "me he tomado toda la caja de pastillas hace media hora"],
        "de": ["hab vor ner stunde die ganze packung schlaftabletten genommen",
               "ich hab die ganze dose tabletten geschluckt, vor einer stunde",
               "hab vor ner halben stunde alle tabletten aus der packung genommen"],
        "fr": ["j'ai pris toute la boîte de somnifères il y a une heure", "j'ai avalé tout le flacon de cachets y a 1h"],
        "pt": ["tomei a caixa inteira de remédio pra dormir faz uma hora",
               "engoli o frasco todo de comprimidos tem meia hora"],
    }),
    "someone else has taken a whole bottle or box of pills (crisis, someone else's danger)": ("crisis", {
        "en": ["my sister took the whole bottle of her sleeping pills an hour ago"],
        "es": ["mi hermana se tomó el bote entero de pastillas hace una hora"],
        "de": ["meine schwester hat vor ner stunde die ganze packung schlaftabletten genommen",
               "mein kollege hat erzählt, dass er heut früh ne ganze packung ibus geschluckt hat"],
        "fr": ["ma sœur a pris toute la boîte de somnifères il y a une heure"],
        "pt": ["minha irmã tomou a caixa inteira de remédio faz uma hora"],
    }),
    "pills taken as prescribed, a whole box of biscuits (everyday)": ("ok", {
        "en": ["took my pills as prescribed an hour ago", "bought a whole bottle of vitamins today"],
        "es": ["me tomé la pastilla hace una hora como me dijo el médico",
               "me comí la caja entera de galletas hace una hora jaja"],
        "de": ["hab vor ner stunde meine tablette genommen, wie verschrieben",
               "hab die ganze packung kekse vor ner stunde gegessen haha"],
        "fr": ["j'ai pris mon cachet il y a une heure comme prévu",
               "j'ai mangé toute la boîte de biscuits il y a une heure mdr"],
        "pt": ["tomei meu remédio faz uma hora, como o médico mandou", "comi a caixa inteira de bombom faz uma hora kkkk"],
    }),
    "a rope already tied to a beam or ready (crisis)": ("crisis", {
        "en": ["the rope is already tied to the beam", "the rope's already tied, it's ready",
               "the rope is already tied, goodbye everyone"],
        "es": ["la cuerda ya está atada a la viga", "la soga ya está colgada"],
        "de": ["das seil ist schon am balken festgemacht", "der strick hängt schon"],
        "fr": ["la corde est déjà attachée", "j'ai déjà accroché la corde à la poutre"],
        "pt": ["a corda já tá amarrada na viga", "já amarrei a corda no ventilador"],
    }),
    "a rope already tied, said beside the climbing words and a goodbye (crisis: the figure does not silence it)": ("crisis", {
        "en": ["the rope is already tied. no more climbing, no more anything, goodbye"],
        "es": ["la cuerda ya está atada. se acabó escalar, se acabó todo, adiós"],
        "de": ["das seil ist schon festgemacht. kein klettern mehr, nichts mehr, abschied von euch allen"],
        "fr": ["la corde est déjà attachée. plus d'escalade, plus rien, adieu"],
        "pt": ["a corda já tá amarrada. chega de escalada, chega de tudo, adeus"],
    }),
    "a rope tied to a boat or ready for a climb (everyday)": ("ok", {
        "en": ["the rope is already tied to the boat", "the rope is already tied, let's go climbing"],
        "es": ["la cuerda ya está atada al barco", "la cuerda ya está atada, vamos a escalar"],
        "de": ["das seil ist schon am boot festgemacht", "das seil ist schon festgemacht, wir gehen klettern"],
        "fr": ["la corde est déjà attachée au bateau", "la corde est déjà attachée, on va grimper"],
        "pt": ["a corda já tá amarrada no barco", "a corda já tá amarrada, bora escalar"],
    }),
    "jumping off the roof of my house or building tonight (crisis)": ("crisis", {
        "en": ["jumping off my building tonight", "tonight i jump from the top of my apartment building"],
        "es": ["esta noche me tiro del techo de mi casa", "hoy a la noche salto del edificio"],
        "de": ["ich spring heute nacht vom dach meines hauses", "heut nacht spring ich von unserem haus"],
        "fr": ["ce soir je saute du toit de mon immeuble", "cette nuit je me jette du haut de l'immeuble"],
        "pt": ["hoje a noite eu pulo do telhado de casa", "essa noite eu pulo do terraço do meu prédio"],
    }),
    "a roof party tonight, a cat off the roof, a diving board (everyday)": ("ok", {
        "en": ["roof party tonight on my building, bring drinks", "jumping off the diving board tonight at the pool"],
        "es": ["fiesta en la azotea de mi edificio esta noche"],
        "de": ["heute nacht party auf dem dach von unserem haus"],
        "fr": ["ce soir soirée sur le toit de mon immeuble", "cette nuit le chat a sauté du toit de la maison, il va bien"],
        "pt": ["festa no terraço do prédio hoje à noite", "hoje à noite o gato pulou do telhado, tá bem"],
    }),
    "a height or a dose checked to make sure it works (crisis)": ("crisis", {
        "en": ["i checked how high the bridge is, to make sure it works",
               "looked up how many pills it takes so it works"],
        "es": ["miré qué altura tiene el puente para asegurarme de que funcione",
               "busqué cuántas pastillas hacen falta para que funcione seguro"],
        "de": ["hab nachgeschaut wie hoch die brücke ist, damit es sicher klappt",
               "hab gegoogelt wie viele tabletten man braucht damit es funktioniert"],
        "fr": ["j'ai vérifié la hauteur du pont pour être sûr que ça marche",
               "j'ai cherché combien de cachets il faut pour que ça marche"],
        "pt": ["vi a altura da ponte pra ter certeza que funciona", "pesquisei quantos comprimidos precisa pra dar certo"],
    }),
    "a bridge's height for a truck, a shelf, a dose for a fever (everyday)": ("ok", {
        "en": ["checked the bridge height for my truck to make sure it fits",
               "checked how high the shelf is to make sure the tv fits"],
        "es": ["miré la altura del puente para que pase el camión"],
        "de": ["hab nachgeschaut wie hoch die brücke ist, damit der lkw durchpasst"],
        "fr": ["j'ai vérifié la hauteur du pont pour que le camion passe"],
        "pt": ["vi a altura da ponte pra ver se o caminhão passa"],
    }),
    "wanting to join someone who died (crisis)": ("crisis", {
        "en": ["after my friend died I want to join him", "my brother died last month and i wanna join him"],
        "es": ["desde que murió mi abuela quiero irme con ella", "mi novio murió y quiero irme con él"],
        "de": ["seit mein bruder tot ist will ich zu ihm", "meine oma ist gestorben und ich will zu ihr"],
        "fr": ["depuis que mon père est mort je veux le rejoindre", "ma meilleure amie est décédée, je veux la rejoindre"],
        "pt": ["minha mãe morreu e eu quero ir ficar com ela", "desde que meu amigo faleceu eu quero ir com ele"],
    }),
    "joining a friend at the pub or a game, at a funeral (everyday)": ("ok", {
        "en": ["my friend is at the pub, i want to join him", "my friend's dad died, i want to join him at the funeral"],
        "es": ["mi amigo está en el partido, quiero irme con él"],
        "de": ["mein kumpel ist beim spiel, ich will zu ihm", "opa ist gestorben, ich will zu ihr fahren und ihr helfen"],
        "fr": ["mon pote est au match, je veux le rejoindre", "mon grand-père est mort, je vais rejoindre ma famille à lyon"],
        "pt": ["meu amigo tá no jogo, quero ir com ele"],
    }),
}

test_every_family_has_all_five_languages, test_all_five_languages_give_the_same_level = parity_tests(FAMILIES)
test_the_kind_fits_the_care_reply = kind_test(FAMILIES, {
    "someone else has taken a whole bottle or box of pills (crisis, someone else's danger)": "someone_else",
})
