"""A read-through of session 23's rule changes (review23): each problem sentence found, in all five languages.

a. Whose danger: a someone-else group's phrase said with no subject, or in the first person, is the writer's own
   ("sitting on the ledge…", "i'm going to do it properly", "ich will allem ein Ende setzen", "assis sur le rebord du
   toit…"); other_at_risk.now and r16d.other_there_now now need a third-person subject or a named other person.
   A named other person on the ledge stays someone else's.
b. care23: a member asking how to help a friend who told them she thinks of suicide gets the someone-else reply,
   but the writer's own words said beside it ("i think about it myself", "a mí me pasa lo mismo", "j'y pense aussi")
   win, as the fa22 figures' `unless` had it.
c. rules23 false alarms: pretending not to like someone, a launch with "no more waiting", a gutter seen from the
   roof, a hike's cliff, "jump into the lake", a trigger pulled at a shooting range, the last time you hear me
   complain, "mãe do céu", a letter to the three kings; beside the crises with the same everyday words.
d. A negation cue before a friend's disclosure ("ich hätte nie gedacht, dass sie daran denkt, sich umzubringen, was
   soll ich tun") is surprise, not a denial: the fa22 someone-else groups are no longer negatable (negated, they
   cancelled the message: no answer at all).
e. A goodbye sent and the writer's OWN phone switched off ("… and switched my phone off", "… und mein Handy ist aus",
   "… et mon téléphone est éteint") is the writer's danger; other_at_risk.goodbye_unreachable read it (no subject)
   as someone else's.
f. The rules23 height groups read no subject: "my sister is standing on the roof looking down, she says it's not that
   far", "he found a bridge high enough" were the writer's own; review23 someone-else groups name the other person.
Sentences written for this review (not from the corpus).
"""

from __future__ import annotations

from tests.bot.safety.parity import kind_test, parity_tests

FAMILIES: dict[str, tuple[str | tuple[str, ...], dict[str, list[str]]]] = {
    "a. on the ledge, the railing, doing it properly, said with no subject or in the first person (crisis, own)": ("crisis", {
        "en": ["i'm going to do it properly this time", "going to do it properly tonight, no mistakes",
               "climbed over the railing, i just want it to be over"],
        "es": ["compro una cuerda y ya está", "sentado en la cornisa del edificio, quiero que todo termine"],
        "de": ["ich will allem ein ende setzen", "ich nehme jetzt alle tabletten", "ich mache es heute richtig",
               "ich will dem ganzen ein ende machen heute nacht"],
        "fr": ["assis sur le rebord du toit, je veux que ça s'arrête", "je vais le faire pour de bon ce soir",
               "j'ai acheté une corde et je sais où"],
        "pt": ["tô sentado na beirada do telhado, quero que acabe"],
    }),
    "a. someone named on the ledge or the railing, or who bought a rope (crisis, someone else)": ("crisis", {
        "en": ["my brother is sitting on the railing and won't answer me", "she's sitting on the ledge and won't come down",
               "my sister is standing on the railing of the bridge"],
        "es": ["mi hermana está sentada en la barandilla del puente", "se compró una cuerda y no contesta"],
        "de": ["meine schwester sitzt auf dem balkongeländer"],
        "fr": ["ma sœur est assise sur la rambarde du pont"],
        "pt": ["minha irmã tá sentada no parapeito"],
    }),
    "b. a friend told me she thinks of suicide, how do i help, and the writer's own words too (crisis, own)": ("crisis", {
        "en": ["my friend told me she's been thinking about suicide, how do i help her, i've been there too and i'm scared for myself",
               "my friend told me she's been thinking about suicide, how do i help her? honestly i think about it myself"],
        "es": ["mi amiga me contó que piensa en suicidarse, cómo la ayudo, a mí me pasa lo mismo"],
        "de": ["meine freundin hat mir gesagt dass sie an suizid denkt, wie kann ich ihr helfen, mir geht es auch so",
               "meine freundin hat mir gesagt dass sie an suizid denkt, wie kann ich ihr helfen, ich denke selbst auch daran"],
        "fr": ["mon amie m'a dit qu'elle pense au suicide, comment l'aider, j'y pense aussi parfois"],
        "pt": ["minha amiga me contou que tá pensando em suicídio, como eu ajudo, às vezes penso nisso também"],
    }),
    "b. a friend told me she thinks of suicide, how do i help (crisis, someone else)": ("crisis", {
        "en": ["my friend told me she's been thinking about suicide, how do i help her?"],
        "es": ["mi amiga me contó que piensa en suicidarse, ¿cómo la ayudo?"],
        "de": ["meine freundin hat mir gesagt dass sie an suizid denkt, wie kann ich ihr helfen"],
        "fr": ["mon amie m'a dit qu'elle pense au suicide, comment l'aider ?"],
        "pt": ["minha amiga me contou que tá pensando em suicídio, como eu ajudo?"],
    }),
    "c. pretending not to like someone, a launch, a gutter, a hike's cliff, a shooting range, a complaint (everyday)": ("ok", {
        "en": ["tonight is the night and i'm done pretending i don't like him, asking her out",
               "today is the day, product launch, no more waiting",
               "standing on the roof looking down at the gutters, it's not that far, i'll just fix it myself",
               "we were standing on the cliff edge looking down at the sea, not that far down, amazing hike",
               "sat on the cliff edge looking down, my friend dared me to jump into the lake lol",
               "at the range today: loaded the pistol, all i have to do is pull the trigger"],
        "es": ["esta noche es la noche y se acabó fingir que no me gusta, le voy a pedir salir",
               "en el campo de tiro: cargué la pistola, solo me falta apretar el gatillo",
               "esta es mi última carta a los reyes magos, perdón mamá por pedir tanto"],
        "de": ["heute ist der tag, launch! ich warte nicht länger, tschüss alte version",
               "heute abend ist es soweit und kein so tun mehr als wäre er mir egal, ich frag sie nach einem date",
               "im schützenverein: pistole geladen, muss nur noch abdrücken"],
        "fr": ["tout est prêt, je vais plus attendre, on part en vacances",
               "au stand de tir: pistolet chargé, plus qu'à appuyer sur la détente",
               "c'est la dernière fois que vous entendez parler de moi pour me plaindre de l'imprimante lol",
               "c'est la dernière fois que vous entendez parler de moi ici, je quitte le serveur"],
        "pt": ["hoje é a noite e cansei de fingir que não gosto dela, vou chamar pra sair",
               "no clube de tiro: carreguei a pistola, só falta puxar o gatilho",
               "essa é a última vez que vocês ouvem falar de mim reclamando da impressora kkkk",
               "não volto mais, mãe do céu que atendimento horrível",
               "não volto mais, minha família e eu fomos muito mal atendidos"],
    }),
    "c. the same everyday words beside a crisis: pretending to be fine, a gun to the head at the range (crisis)": ("crisis", {
        "en": ["tonight is the night. done pretending i'm fine",
               "at the range, loaded the pistol, all i have to do is put it to my head and pull the trigger",
               "standing on the roof looking down at the road, it's not that far"],
        "es": ["esta noche es la noche, se acabó fingir que estoy bien",
               "en el campo de tiro pensé en ponérmela en la cabeza, el arma está cargada, solo me falta apretar el gatillo"],
        "de": ["heute abend ist es soweit, kein so tun mehr als ginge es mir gut",
               "war heute im schützenverein, die pistole ist geladen, ich will sie mir an den kopf halten, muss nur noch abdrücken"],
        "fr": ["ce soir c'est la nuit, fini de faire semblant d'aller bien",
               "au stand de tir j'ai pensé à me la coller sur la tempe, le pistolet est chargé, plus qu'à appuyer sur la détente",
               "c'est la dernière fois que vous entendez parler de moi"],
        "pt": ["hoje é a noite, cansei de fingir que tô bem",
               "no clube de tiro pensei em encostar na minha cabeça, a arma tá carregada, só falta puxar o gatilho",
               "essa é a última vez que vocês ouvem falar de mim",
               "não volto mais, falem pra minha família que eu amo eles"],
    }),
    "d. surprise or not knowing said before a friend's disclosure is no negation of it (crisis, someone else)": ("crisis", {
        "en": ["i dont get why she told me she's been thinking about ending it, what do i say"],
        "es": ["nunca pensé que mi amiga me dijo que pensaba en quitarse la vida, ¿cómo la ayudo?"],
        "de": ["ich hätte nie gedacht dass sie daran denkt sich umzubringen, was soll ich tun"],
        "fr": ["je n'arrive pas à croire qu'elle m'a dit qu'elle pense à se tuer, comment l'aider"],
        "pt": ["não acredito que ela me contou que tá pensando em se matar, como eu ajudo"],
    }),
    "e. a goodbye sent and MY phone switched off (crisis, own)": ("crisis", {
        "en": ["sent goodbye texts to everyone and switched my phone off", "posted a goodbye on instagram, my phone is off now"],
        "es": ["mandé mi despedida a todos y apagué el móvil"],
        "de": ["hab abschiedsnachrichten geschickt und mein handy ist aus"],
        "fr": ["j'ai posté un adieu et mon téléphone est éteint"],
        "pt": ["mandei minha despedida pra todo mundo e desliguei o celular"],
    }),
    "e. someone else sent a goodbye and can't be reached (crisis, someone else)": ("crisis", {
        "en": ["she sent me a goodbye text and her phone is off"],
        "es": ["mi hermana me escribió para despedirse y no contesta"],
        "de": ["meine schwester hat abschiedsnachrichten geschickt und ihr handy ist aus"],
        "fr": ["elle a posté un message d'adieu et son téléphone est éteint"],
        "pt": ["minha irmã me mandou uma mensagem de despedida e não atende"],
    }),
    "f. someone named on a roof or a bridge looking down, or who found a place high enough (crisis, someone else)": ("crisis", {
        "en": ["my sister is standing on the roof looking down, she says it's not that far",
               "he found a bridge high enough, nobody will stop him"],
        "es": ["mi hermana está en la azotea mirando hacia abajo, dice que no está tan alto"],
        "de": ["meine schwester steht auf dem dach und schaut runter, sie sagt es ist gar nicht so hoch"],
        "fr": ["ma sœur est sur le toit et regarde en bas, elle dit que c'est pas si haut"],
        "pt": ["minha irmã tá no telhado olhando pra baixo, diz que nem é tão alto"],
    }),
}

KINDS = {
    "f. someone named on a roof or a bridge looking down, or who found a place high enough (crisis, someone else)": "someone_else",
    "e. someone else sent a goodbye and can't be reached (crisis, someone else)": "someone_else",
    "d. surprise or not knowing said before a friend's disclosure is no negation of it (crisis, someone else)": "someone_else",
    "a. someone named on the ledge or the railing, or who bought a rope (crisis, someone else)": "someone_else",
    "b. a friend told me she thinks of suicide, how do i help (crisis, someone else)": "someone_else",
}

test_every_family_has_all_five_languages, test_all_five_languages_give_the_same_level = parity_tests(FAMILIES)
test_the_kind_fits_the_care_reply = kind_test(FAMILIES, KINDS)
