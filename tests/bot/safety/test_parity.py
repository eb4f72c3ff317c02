"""The phrase rules give every language the same answer to the same thing said.

The phrase rules are Hearth's default crisis screen, so a person writing German must be screened as one writing
English. Each family below is one English crisis rule (or one everyday saying near it) with parallel sentences,
written for this test (not from the corpus), in each language's own idiom, with and without accents. All five
languages must give the family's level.
"""

from __future__ import annotations

import pytest

from bot.safety.normalise import Normaliser, raw_pieces
from bot.safety.screen import Screen
from tests.bot.safety.parity import LANGS, parity_tests


#: family -> (level every language must give, {language: [sentences]})
FAMILIES: dict[str, tuple[str, dict[str, list[str]]]] = {
    # An outside trial: "if I have to go to school tomorrow and face them" was read as a chore, so only the gentle
    # word. Going home, to school, back to them is no chore: only a meeting-like task is.
    "I'll kill myself if I have to go home / to school (no chore)": ("crisis", {
        "en": ["I'll kill myself if I have to go to school tomorrow and face them again",
               "if I have to go home tonight I'll kill myself"],
        "es": ["me mato si tengo que volver a casa esta noche", "si tengo que volver a casa esta noche me quiero matar"],
        "de": ["wenn ich heute nach hause muss, bring ich mich um"],
        "fr": ["si je dois rentrer ce soir je vais me tuer"],
        "pt": ["se eu tiver que voltar pra casa hoje eu vou me matar"],
    }),
    "I'll kill myself if I have to go to another meeting (a chore)": ("gentle", {
        "en": ["I'm gonna kill myself if I have to go to another meeting"],
        "es": ["me mato si tengo que ir a otra reunión"],
        "de": ["ich bring mich um, wenn ich noch ein Meeting machen muss"],
        "fr": ["je vais me tuer si je dois aller à une réunion de plus"],
        "pt": ["vou me matar se tiver que ir em mais uma reunião"],
    }),
    "won't be here anymore (goodbye)": ("crisis", {
        "en": ["Tomorrow I won't be here anymore", "I'm tired of it all, tomorrow I won't be here anymore"],
        "es": ["Mañana ya no estaré aquí", "manana ya no estare aqui", "Estoy harta de todo, mañana ya no estaré aquí"],
        "de": ["Morgen bin ich nicht mehr da", "Mir ist alles zu viel, morgen bin ich nicht mehr da",
               "ich werde bald nicht mehr da sein"],
        "fr": ["Demain je ne serai plus là", "demain je serai plus la", "J'en ai marre de tout, demain je ne serai plus là"],
        "pt": ["Amanhã não estarei mais aqui", "amanha nao estarei mais aqui", "Cansei de tudo, amanhã não estarei mais aqui"],
    }),
    "can't do this anymore, said on its own": ("crisis", {
        "en": ["I can't do this anymore", "i cant do this anymore."],
        "es": ["No puedo más", "ya no puedo mas.", "No aguanto más"],
        "de": ["Ich kann nicht mehr", "ich kann einfach nicht mehr."],
        "fr": ["Je n'en peux plus", "j'en peux plus.", "jpp"],
        "pt": ["Não aguento mais", "nao aguento mais.", "Não consigo mais"],
    }),
    "can't do this anymore, about a chore (no clause end)": ("ok", {
        "en": ["I can't do this homework anymore"],
        "es": ["No puedo más con este trabajo en grupo"],
        "de": ["Ich kann nicht mehr mit diesem Gruppenprojekt"],
        "fr": ["Je n'en peux plus de ce projet de groupe"],
        "pt": ["Não aguento mais esse trabalho em grupo"],
    }),
    "can't go on living": ("crisis", {
        "en": ["I can't go on living", "I can't keep living like this"],
        "es": ["No puedo seguir viviendo", "no puedo seguir viviendo asi"],
        "de": ["Ich kann nicht mehr leben", "ich kann nicht mehr weiterleben"],
        "fr": ["Je ne peux plus continuer à vivre", "je peux plus vivre comme ça"],
        "pt": ["Não aguento mais viver", "nao consigo mais continuar vivendo"],
    }),
    "danger from another person, as reported speech or a threat to come": ("crisis", {
        "en": ["my boyfriend said he'd kill me if I leave and he has a gun", "he said he will kill me",
               "my ex is stalking me and says he'll kill me", "she said she'd hurt me if I told anyone"],
        "es": ["mi novio dijo que me mataría si lo dejo y tiene un arma", "dijo que me va a matar",
               "mi ex me acosa y dice que me va a matar", "ella dijo que me haría daño si se lo contaba a alguien"],
        "de": ["mein Freund hat gesagt, er bringt mich um, wenn ich gehe, und er hat eine Waffe",
               "er hat gesagt, er bringt mich um", "mein Ex stalkt mich und sagt, er bringt mich um",
               "sie hat gesagt, sie tut mir weh, wenn ich es jemandem erzähle"],
        "fr": ["mon copain a dit qu'il me tuerait si je pars et il a une arme", "il a dit qu'il va me tuer",
               "mon ex me harcèle et dit qu'il va me tuer", "elle a dit qu'elle me ferait du mal si je le disais à quelqu'un"],
        "pt": ["meu namorado disse que me mata se eu for embora e ele tem uma arma", "ele disse que vai me matar",
               "meu ex está me perseguindo e diz que vai me matar", "ela disse que ia me machucar se eu contasse pra alguém"],
    }),
    "a parent 'will kill me' over a slip (a figure)": ("ok", {
        "en": ["my mom said she'll kill me if I'm late again", "my mum will kill me if I forget her birthday"],
        "es": ["mi madre me va a matar si llego tarde"],
        "de": ["meine Mutter bringt mich um, wenn ich zu spät komme"],
        "fr": ["ma mère va me tuer si je rentre en retard"],
        "pt": ["minha mãe vai me matar se eu chegar atrasado"],
    }),
    "no wish to live any more": ("crisis", {
        "en": ["I don't feel like living anymore"],
        "es": ["ya no tengo ganas de vivir"],
        "de": ["ich habe keine Lust mehr zu leben"],
        "fr": ["je n'ai plus envie de vivre", "j'ai plus envie de vivre"],
        "pt": ["não tenho mais vontade de viver"],
    }),
    "no wish to do an ordinary thing any more": ("ok", {
        "en": ["I don't feel like going out anymore"],
        "es": ["ya no tengo ganas de salir"],
        "de": ["ich habe keine Lust mehr zu arbeiten"],
        "fr": ["je n'ai plus envie de sortir ce soir"],
        "pt": ["não tenho mais vontade de estudar"],
    }),
    "wishing not to wake up about an ordinary morning": ("ok", {
        "en": ["I wish I didn't wake up so early every day"],
        "es": ["ojalá no llueva mañana", "ojalá no despierte tarde"],
        "de": ["ich wünschte, ich würde nicht mehr so früh aufwachen"],
        "fr": ["j'aimerais ne pas me réveiller si tôt demain"],
        "pt": ["tomara que eu não acorde tarde amanhã"],
    }),
    "cutting oneself, ongoing": ("crisis", {
        "en": ["I'm cutting my arms again"],
        "es": ["me estoy cortando otra vez los brazos", "me estoy cortando otra vez", "sigo cortándome los brazos"],
        "de": ["ich schneide mir wieder die Arme auf"],
        "fr": ["je me coupe encore les bras"],
        "pt": ["estou me cortando de novo nos braços"],
    }),
    "cutting hair, nails, cake (ordinary)": ("ok", {
        "en": ["cut myself a slice of cake", "I'm cutting my hair again"],
        "es": ["me estoy cortando el pelo", "me estoy cortando las uñas", "me corté un trozo de tarta"],
        "de": ["ich schneide mir die Haare wieder selbst", "ich habe mir ein Stück Kuchen abgeschnitten"],
        "fr": ["je me coupe encore les cheveux moi-même", "je me suis coupé une part de gâteau"],
        "pt": ["cortei um pedaço de bolo pra mim"],
    }),
    "myself as indirect object, cutting ties (figures)": ("ok", {
        "en": ["I need to cut myself some slack", "I need to cut ties with toxic people", "I need to cut back on sugar",
               "gave myself a break today"],
        "es": ["necesito cortar lazos con gente tóxica", "tengo que darme un respiro"],
        "de": ["ich muss den Kontakt zu toxischen Leuten abbrechen", "ich muss mir mal eine Pause gönnen"],
        "fr": ["je dois couper les ponts avec les gens toxiques", "je dois m'accorder une pause"],
        "pt": ["preciso cortar laços com gente tóxica", "preciso me dar um descanso"],
    }),
    "a burden to the team at work (a figure)": ("ok", {
        "en": ["I'm a burden to my team this sprint", "I feel like a burden on the team this week"],
        "es": ["soy una carga para mi equipo este sprint"],
        "de": ["ich bin diesen Sprint eine Last für mein Team"],
        "fr": ["je suis un boulet pour mon équipe ce sprint"],
        "pt": ["sou um peso para o meu time nessa sprint"],
    }),
    "a negated wish, then the thought after 'but'": ("crisis", {
        "en": ["I don't want to kill myself but sometimes I think about it", "I'm not suicidal but I think about it a lot"],
        "es": ["no quiero matarme pero a veces lo pienso"],
        "de": ["ich will mich nicht umbringen, aber manchmal denke ich daran"],
        "fr": ["je ne veux pas me tuer mais parfois j'y pense"],
        "pt": ["não quero me matar mas às vezes penso nisso"],
    }),
    "a negation does not reach past 'but'": ("crisis", {
        "en": ["I don't want to hurt anyone but I want to die"],
        "es": ["no le quiero hacer daño a nadie pero quiero morir"],
        "de": ["ich will niemandem wehtun aber ich will sterben"],
        "fr": ["je ne veux faire de mal à personne mais je veux mourir"],
        "pt": ["não quero machucar ninguém mas quero morrer"],
    }),
    "a negated wish, then an ordinary thought after 'but'": ("ok", {
        "en": ["I don't want to die but sometimes I think about my grandma"],
        "es": ["no quiero morir, pero a veces pienso en mi abuela"],
        "de": ["ich will nicht sterben, aber manchmal denke ich an meine Oma"],
        "fr": ["je ne veux pas mourir mais je pense à ma grand-mère"],
        "pt": ["não quero morrer, mas às vezes penso na minha avó"],
    }),
    "a farewell with thanks, goodbye letters written": ("crisis", {
        "en": ["this is my goodbye, thanks for everything", "I've written my goodbye letters"],
        "es": ["esta es mi despedida, gracias por todo", "ya escribí mis cartas de despedida"],
        "de": ["das ist mein Abschied, danke für alles", "ich habe schon Abschiedsbriefe geschrieben"],
        "fr": ["c'est un adieu, merci pour tout", "j'ai écrit des lettres d'adieu"],
        "pt": ["isso é um adeus, obrigado por tudo", "já escrevi minhas cartas de despedida"],
    }),
    "real goodbyes: a job, a team, a move": ("ok", {
        "en": ["this is my goodbye to the team, I start my new job on Monday", "I wrote a goodbye letter to my old job",
               "I'm writing goodbye cards for my coworkers"],
        "es": ["esta es mi despedida del equipo, el lunes empiezo en otro trabajo",
               "escribí una carta de despedida para mi antiguo trabajo"],
        "de": ["das ist mein Abschied vom Team, ab Montag bin ich in Berlin",
               "schreibe gerade eine Abschiedsmail an die Kollegen"],
        "fr": ["c'est un adieu à mon ancien boulot, merci pour tout", "j'ai écrit une lettre d'adieu à mon ancien boulot"],
        "pt": ["isso é um adeus ao meu antigo emprego, obrigado por tudo",
               "escrevi uma carta de despedida pro meu antigo emprego"],
    }),
    "if the wifi or the internet goes again (hyperbole: the gentle word)": ("gentle", {
        "en": ["i'll kms if the wifi drops again", "i want to die if the internet goes down one more time"],
        "es": ["me voy a matar si el wifi se cae otra vez", "me quiero morir si el internet se cae otra vez"],
        "de": ["ich bring mich um, wenn das WLAN nochmal ausfällt", "ich will sterben, wenn das Internet wieder weg ist"],
        "fr": ["je vais me tuer si le wifi plante encore", "je veux mourir si internet coupe encore"],
        "pt": ["vou me matar se a internet cair de novo", "quero morrer se o wifi cair de novo"],
    }),
    "goodbye letters written long ago, told in recovery": ("ok", {
        "en": ["six months since i wrote a goodbye letter that i never sent",
               "this time last year i was writing goodbye messages, this year christmas cards"],
        "es": ["seis meses desde que escribí una carta de despedida que nunca mandé",
               "Hace unos años escribí cartas de despedida. Las encontré en la mudanza."],
        "de": ["sechs monate seit ich nen abschiedsbrief geschrieben hab den ich nie abgeschickt hab",
               "Vor ein paar Jahren hab ich Abschiedsbriefe geschrieben. Hab sie beim Umzug gefunden."],
        "fr": ["six mois depuis que j'ai écrit une lettre d'adieu que j'ai jamais envoyée",
               "Il y a quelques années j'avais écrit des lettres d'adieu. Je les ai retrouvées en déménageant."],
        "pt": ["seis meses desde que escrevi uma carta de despedida que nunca mandei",
               "Alguns anos atrás eu escrevi cartas de despedida. Achei na mudança."],
    }),
    "a chore or a breakdown as the reason (hyperbole: the gentle word)": ("gentle", {
        "en": ["I'm gonna kill myself if I have to redo this report", "i could literally kms, the wifi is down again",
               "I want to die, the wifi is down again"],
        "es": ["me voy a matar si tengo que rehacer este informe", "me quiero matar, el wifi se cayó otra vez",
               "quiero morirme, el wifi se ha caído otra vez"],
        "de": ["ich bring mich um, wenn ich diesen Bericht nochmal machen muss",
               "ich bring mich um, das WLAN ist schon wieder weg", "ich will sterben, das WLAN ist schon wieder weg"],
        "fr": ["je vais me tuer si je dois refaire ce rapport", "je vais me tuer, le wifi est encore en panne",
               "je veux mourir, le wifi est encore en panne"],
        "pt": ["vou me matar se tiver que refazer esse relatório", "vou me matar, a internet caiu de novo",
               "quero morrer, a internet caiu de novo"],
    }),
    "means saved for a day": ("crisis", {
        "en": ["I have the pills saved up for Friday", "got my meds stashed for the weekend"],
        "es": ["Tengo las pastillas guardadas para el viernes", "tengo las pastis escondidas para el finde"],
        "de": ["Ich habe die Tabletten für Freitag gesammelt", "hab die Pillen für das Wochenende versteckt"],
        "fr": ["J'ai les cachets mis de côté pour vendredi", "j'ai les medocs caches pour ce soir"],
        "pt": ["Tenho os comprimidos guardados pra sexta", "tenho os remedios escondidos para o fim de semana"],
    }),
    "saving up one's pills": ("crisis", {
        "en": ["I've been saving up my sleeping pills for weeks"],
        "es": ["llevo semanas guardando mis pastillas", "estoy juntando las pastillas para dormir"],
        "de": ["ich sammle seit Wochen meine Schlaftabletten", "hab die Tabletten gehortet"],
        "fr": ["je garde mes somnifères depuis des semaines", "j'ai mis de côté mes cachets"],
        "pt": ["tô guardando meus remédios faz semanas", "estou juntando os comprimidos"],
    }),
    "someone keeping my pills safe": ("ok", {
        "en": ["my mum keeps my meds now and gives me the week's on sunday"],
        "es": ["mi madre guarda mis pastillas ahora y me da las de la semana el domingo"],
        "de": ["meine Mutter bewahrt meine Tabletten jetzt auf und gibt mir sonntags die für die Woche"],
        "fr": ["ma mère garde mes médicaments maintenant et me donne ceux de la semaine le dimanche"],
        "pt": ["minha mãe guarda meus remédios agora e me dá os da semana no domingo"],
    }),
    "sleep and not wake up": ("crisis", {
        "en": ["I just want to go to sleep and not wake up", "i want to fall asleep and never wake up",
               "I wish I wouldn't wake up tomorrow"],
        "es": ["Solo quiero dormirme y no despertar", "quiero dormir y no despertarme", "ojalá no despertara mañana"],
        "de": ["Ich will einfach schlafen und nicht aufwachen", "einschlafen und nie wieder aufwachen",
               "ich wünschte, ich würde einfach nicht mehr aufwachen"],
        "fr": ["Je veux juste m'endormir et ne pas me réveiller", "m'endormir et plus jamais me reveiller",
               "j'aimerais ne pas me réveiller demain"],
        "pt": ["Só quero dormir e não acordar", "so quero dormir e nunca mais acordar",
               "tomara que eu não acorde amanhã"],
    }),
    "no sense in my life anymore": ("crisis", {
        "en": ["I see no point in my life anymore", "there's no point in living anymore"],
        "es": ["Ya no le veo sentido a mi vida", "mi vida ya no tiene sentido"],
        "de": ["Ich sehe keinen Sinn mehr in meinem Leben", "mein Leben hat keinen Sinn mehr"],
        "fr": ["Je ne vois plus de sens à ma vie", "ma vie n'a plus de sens"],
        "pt": ["Não vejo mais sentido na minha vida", "minha vida não tem mais sentido"],
    }),
    "wanting to die, typed apart or run together": ("crisis", {
        "en": ["I want to d i e", "iwanttodie", "i want to d-i-e", "I w a n t  t o  d i e"],
        "es": ["quiero m o r i r", "quieromorir", "q u i e r o  m o r i r"],
        "de": ["ich will s t e r b e n", "ichwillsterben", "i c h  w i l l  s t e r b e n"],
        "fr": ["je veux m o u r i r", "jeveuxmourir", "j e  v e u x  m o u r i r"],
        "pt": ["quero m o r r e r", "queromorrer", "q u e r o  m o r r e r"],
    }),
    "I kill myself, said as a plan (the present for the future)": ("crisis", {
        "en": ["I'm killing myself the day I turn 40", "tonight I kill myself"],
        "es": ["me mato", "me mato el día que cumpla 40", "esta noche me mato", "me voy a matar"],
        "de": ["bring mich um", "ich bring mich nach der Schicht um", "heute Nacht bring ich mich um",
               "ich werd mich diese Woche umbringen"],
        "fr": ["je vais me tuer", "je me tue", "je me tue le jour de mes 40 ans", "ce soir je me tue"],
        "pt": ["vou me matar", "me mato", "me mato no dia que fizer 40", "amanhã eu me mato"],
    }),
    "I kill myself working, a figure": ("ok", {
        "en": ["I'm killing myself at the gym lately"],
        "es": ["mañana me mato a estudiar"],
        "de": ["ich bring mich um den Schlaf mit dem Handy"],
        "fr": ["je me tue à la tâche"],
        "pt": ["me mato de trabalhar"],
    }),
    "nobody would miss me (absence)": ("crisis", {
        "en": ["as if anyone would miss me", "nobody would miss me", "no one would notice if I was gone"],
        "es": ["como si alguien me fuera a extrañar", "nadie me echaría de menos",
               "nadie se daría cuenta si desapareciera"],
        "de": ["als ob mich jemand vermissen würde", "niemand würde mich vermissen",
               "keiner würd merken wenn ich weg wär"],
        "fr": ["comme si quelqu'un allait me regretter", "personne ne me regretterait",
               "personne remarquerait si je disparaissais"],
        "pt": ["como se alguém fosse sentir minha falta", "ninguém sentiria minha falta",
               "ninguém ia perceber se eu sumisse"],
    }),
    "everyone better off without me (burden)": ("crisis", {
        "en": ["everyone would be better off without me", "I'm a burden to everyone"],
        "es": ["todos estarían mejor sin mí", "soy una carga para todos"],
        "de": ["allen ginge es besser ohne mich", "ich bin eine Last für alle"],
        "fr": ["tout le monde serait mieux sans moi", "je suis un poids pour tout le monde"],
        "pt": ["todo mundo ficaria melhor sem mim", "sou um peso pra todo mundo"],
    }),
    "nobody will miss a thing, or used to think so (recovery)": ("ok", {
        "en": ["nobody will miss this heat", "I used to think nobody would notice if I was gone"],
        "es": ["nadie echará de menos este calor", "antes pensaba que nadie se daría cuenta si me fuera"],
        "de": ["niemand wird diesen Regen vermissen", "früher dachte ich niemand würde merken wenn ich weg wäre"],
        "fr": ["personne ne regrettera cette réunion", "avant je pensais que personne remarquerait si je disparaissais"],
        "pt": ["ninguém vai sentir falta desse calor", "eu achava que todo mundo ficaria melhor sem mim"],
    }),
    "a means made ready, and a time": ("crisis", {
        "en": ["I have the pills ready and tonight is the night", "the rope is ready. tonight's the night",
               "I've decided on Sunday. The pills are ready.", "the noose is ready"],
        "es": ["tengo las pastillas listas y esta noche es la noche", "la cuerda está lista, esta noche",
               "he decidido el domingo. las pastillas están listas"],
        "de": ["ich hab die Tabletten bereit und heute Nacht ist es soweit", "der Strick ist fertig für heute Nacht",
               "ich hab mich für Sonntag entschieden. die Tabletten liegen bereit"],
        "fr": ["j'ai les cachets prêts et ce soir c'est le soir", "la corde est prête pour ce soir",
               "j'ai choisi dimanche. les cachets sont prêts"],
        "pt": ["tenho os comprimidos prontos e hoje à noite é a noite", "a corda está pronta pra hoje",
               "decidi domingo. os comprimidos estão prontos"],
    }),
    # A climber's rope is ready too: a rope made ready counts only beside a time or a word of dying (`needs`).
    "a rope made ready, alone (a climber's, a mover's)": ("ok", {
        "en": ["the rope is ready", "the rope is ready, let's climb"],
        "es": ["la cuerda está lista", "la cuerda está lista, a escalar"],
        "de": ["das Seil ist fertig", "der Strick ist fertig", "das Seil ist fertig, wir können klettern"],
        "fr": ["la corde est prête", "la corde est prête, on grimpe"],
        "pt": ["a corda está pronta", "a corda está pronta, bora escalar"],
    }),
    # ... and with a time too, when it is said what for: a climb, a boat, a move (`fig.rope_for_activity`).
    "a rope made ready for a climb tomorrow": ("ok", {
        "en": ["the rope is ready for the climb tomorrow", "my rope is ready for the climb on saturday"],
        "es": ["la cuerda está lista para la escalada de mañana", "mi cuerda está lista para el barco hoy"],
        "de": ["das Seil ist bereit für die Kletterei morgen", "das Seil ist fertig für die Klettertour am Samstag"],
        "fr": ["la corde est prête pour l'escalade demain", "ma corde est prête pour le bateau samedi"],
        "pt": ["a corda está pronta para a escalada amanhã", "minha corda está pronta pro barco hoje"],
    }),
    "preferring death (I'd rather be dead)": ("crisis", {
        "en": ["I'd rather be dead", "i would rather be dead than live like this", "I'd rather die than go home",
               "I would rather die"],
        "es": ["prefiero estar muerta", "preferiría morirme", "preferiría estar muerto",
               "prefiero morir antes que seguir así", "prefiero morirme a que lo vean mis padres"],
        "de": ["ich wäre lieber tot", "wäre ich lieber tot", "lieber tot als so weiterzuleben", "ich würde lieber sterben",
               "lieber sterben als so weiterleben"],
        "fr": ["je préférerais être morte", "j'aimerais mieux mourir", "j'aimerais mieux être mort",
               "je préférerais mourir que de continuer à vivre comme ça", "plutôt mourir que de continuer comme ça"],
        "pt": ["prefiro estar morta", "preferia morrer", "preferia estar morto",
               "prefiro morrer do que continuar vivendo assim"],
    }),
    # Every language's rules read every message: a Portuguese phrase in a Spanish sentence must know its "jamás".
    "never would I kill myself, with the language's own 'never' first": ("ok", {
        "en": ["never would I kill myself", "I'd never kill myself"],
        "es": ["jamás me mataría", "jamas me mataria", "nunca me mataría"],
        "de": ["niemals würde ich mich umbringen", "nie würde ich mich umbringen"],
        "fr": ["jamais je ne me tuerais", "jamais je me tuerais"],
        "pt": ["jamais me mataria", "nunca me mataria"],
    }),
    "rather die than do a chore (a figure)": ("ok", {
        "en": ["I'd rather die than sing karaoke"],
        "es": ["prefiero morir antes que cantar en el karaoke"],
        "de": ["ich würde lieber sterben als ins Meeting zu gehen"],
        "fr": ["je préférerais mourir que d'aller à cette réunion"],
        "pt": ["prefiro morrer do que cantar no karaokê"],
    }),
    "wishing to be dead or never born, a comma after the wish too": ("crisis", {
        "en": ["I wish I was dead", "I wish, I was dead", "I wish I'd never been born"],
        "es": ["ojalá estuviera muerto", "ojalá, estuviera muerta", "ojalá nunca hubiera nacido", "desearía estar muerto"],
        "de": ["ich wünschte, ich wäre tot", "ich wünschte ich wäre tot", "ich wünschte, ich wäre nicht mehr da",
               "ich wünschte ich wäre nie geboren", "ich wünschte, dass ich tot wäre",
               "ich wünschte, ich würde nicht mehr aufwachen"],
        "fr": ["j'aimerais être mort", "j'aimerais être morte", "j'aurais aimé ne jamais être né",
               "si seulement j'étais morte"],
        "pt": ["queria estar morto", "quem dera eu estivesse morto", "queria nunca ter nascido"],
    }),
    # German and Spanish (Portuguese too) put a noun subject after its verb ("jeden Tag schlägt mein Vater mich",
    # "todos los días me pega mi padre"); English and French say the same subject first.
    "danger from another person, a noun subject after the verb": ("crisis", {
        "en": ["every day my dad hits me", "yesterday my boyfriend choked me"],
        "es": ["todos los días me pega mi padre", "me pega mi padre todos los días", "ayer me pegó mi novio"],
        "de": ["jeden Tag schlägt mein Vater mich", "immer schlägt mich mein Vater", "gestern hat mein Freund mich gewürgt",
               "gestern hat mich mein Freund geschlagen", "heute droht mein Mann mir wieder"],
        "fr": ["tous les jours mon père me frappe", "hier mon copain m'a étranglée"],
        "pt": ["todo dia me bate meu pai", "ontem me bateu meu namorado"],
    }),
    "a person who wants to kill me": ("crisis", {
        "en": ["my husband wants to kill me", "he is trying to kill me"],
        "es": ["mi marido me quiere matar", "mi novio intentó matarme"],
        "de": ["mein Mann will mich umbringen", "heute will mein Mann mich umbringen", "er hat versucht mich umzubringen"],
        "fr": ["mon mari veut me tuer", "il essaie de me tuer"],
        "pt": ["meu marido quer me matar", "ele está tentando me matar"],
    }),
    "an illness, the weather or a task as the one who kills me (hyperbole)": ("ok", {
        "en": ["this flu is killing me", "this flu wants to kill me", "this heat is trying to kill me"],
        "es": ["este calor me mata", "esta gripe quiere matarme", "este examen me va a matar", "el calor me quiere matar"],
        "de": ["die Grippe will mich umbringen", "diese Hitze bringt mich um", "heute will mich die Hitze umbringen",
               "der Stress wird mich umbringen", "dieser Husten will mich umbringen"],
        "fr": ["ce rhume me tue", "ce rhume veut me tuer", "cette chaleur va me tuer", "cette semaine me tue"],
        "pt": ["essa gripe está me matando", "essa gripe quer me matar", "esse calor vai me matar"],
    }),
    "an ordinary word that is phrase words run together stays whole": ("crisis", {
        "en": ["another day i want to die", "another night, and i want to die"],
        "es": ["finalmente quiero morir", "sinceramente quiero morir"],
        "de": ["ehrlichgesagt will ich sterben", "letztes Jahr nicht, jetzt will ich sterben"],
        "fr": ["j'ai perdu mon téléphone, je veux mourir", "pourquoi je veux mourir"],
        "pt": ["sinceramente quero morrer", "mandando mensagem pra dizer que quero morrer"],
    }),
    "a time or a thing made ready, alone (everyday)": ("ok", {
        "en": ["tonight's the night!! concert time", "I have my pills ready for the trip tomorrow",
               "we picked a date for the wedding!"],
        "es": ["hoy es el día! entrevista nueva", "tengo las pastillas listas para el viaje de mañana"],
        "de": ["heute ist der Tag! Vorstellungsgespräch", "ich hab die Tabletten für die Reise morgen bereit"],
        "fr": ["ce soir c'est le soir ! concert", "j'ai mes médicaments pour le voyage de demain"],
        "pt": ["hoje é o dia! entrevista nova", "tenho os remédios prontos para a viagem de amanhã"],
    }),
    "talk about the subject (a topic marker beside the word)": ("gentle", {
        "en": ["suicide prevention training", "a documentary about suicide"],
        "es": ["formación en prevención del suicidio", "un documental sobre el suicidio"],
        "de": ["Schulung zur Suizidprävention", "eine Doku über Suizid"],
        "fr": ["formation à la prévention du suicide", "un documentaire sur le suicide"],
        "pt": ["treinamento de prevenção ao suicídio", "um documentário sobre suicídio"],
    }),
}

#: Talk about the subject: never the alarm in any language (the gentle word at most).
TOPIC: dict[str, list[str]] = {
    "en": ["We discussed suicide prevention at the workshop, really useful",
           "watched a documentary about suicide in farming communities", "my thesis is on self-harm among teens"],
    "es": ["Hablamos de prevención del suicidio en el taller, muy útil",
           "vi un documental sobre el suicidio en el campo", "mi tesis es sobre las tasas de suicidio"],
    "de": ["Wir haben im Workshop über Suizidprävention gesprochen, echt hilfreich",
           "hab eine Doku über Suizid auf dem Land gesehen", "meine Hausarbeit ist über Suizidraten"],
    "fr": ["On a parlé de prévention du suicide à l'atelier, vraiment utile",
           "j'ai vu un documentaire sur le suicide chez les agriculteurs", "ma thèse porte sur le taux de suicide"],
    "pt": ["Discutimos prevenção do suicídio na oficina, muito útil",
           "vi um documentário sobre suicídio no campo", "minha tese é sobre as taxas de suicídio"],
}


test_every_family_has_all_five_languages, test_all_five_languages_give_the_same_level = parity_tests(FAMILIES, TOPIC)


@pytest.mark.parametrize("lang", LANGS)
def test_topic_talk_is_never_the_alarm(screen: Screen, lang: str):
    got = {text: screen.check(text).level for text in TOPIC[lang]}
    assert "crisis" not in got.values(), got


def test_the_bare_word_still_fires_without_a_topic_marker(screen: Screen):
    assert screen.check("honestly i think about suicide every day").level == "crisis"
    assert screen.check("I'm suicidal and I can't even watch the news").level == "crisis"  # first person wins
    assert screen.check("I self harm every night").level == "crisis"


#: Ordinary words that are pieces of phrase words run together, or that an accent cuts into pieces one of which is
#: a short alias ("téléphone" -> "t é l é phone", and French `tt = "tout"`): each stays itself in every language.
WHOLE_WORDS = ["another", "sending", "together", "finalmente", "matando", "partout", "bonjour", "pourquoi",
               "mandando", "letztes", "jemandem", "téléphone", "gâteau", "génial", "été", "cœur", "mágico", "Müller",
               "mañana", "schön"]


@pytest.mark.parametrize("lang", LANGS)
def test_no_alias_or_join_is_read_inside_an_ordinary_word(screen: Screen, lang: str):
    rules = screen.rules.by_language[lang]
    wrong = {word: got for word in WHOLE_WORDS
             if (got := rules.canonical(word).split()[1:-1]) != [p for p, _ in raw_pieces(word)]}
    assert not wrong, wrong
    assert rules.canonical("sending it all back").split()[1] == "sending"


def test_short_aliases_still_read_as_words_of_their_own(screen: Screen):
    fr = screen.rules.by_language["fr"].normaliser
    assert fr.tokens("tt va bien g faim") == ["tout", "va", "bien", "jai", "faim"]
    assert screen.rules.by_language["es"].normaliser.tokens("más día") == ["mas", "dia"]
    assert screen.rules.by_language["pt"].normaliser.tokens("não") == ["nao"]
    assert screen.check("sending it all back").level == "ok"


def test_letters_typed_apart_are_one_word_and_short_tokens_stay():
    norm = Normaliser(vocabulary=frozenset({"want", "to", "die", "i"}))
    assert norm.tokens("I want to d i e") == ["i", "want", "to", "die"]
    assert norm.tokens("iwanttodie") == ["i", "want", "to", "die"]
    assert norm.tokens("a b") == ["a", "b"]  # two letters are not a word typed apart
    assert norm.tokens("diet plan") == ["diet", "plan"]  # too short to split, and not only phrase words
    assert norm.tokens("wanttodiets") == ["wantodiets"]  # a leftover that is no phrase word: no split
