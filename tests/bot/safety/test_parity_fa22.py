"""False alarms of the phrase rules on hard ordinary messages by class (fa22, session 22, a blind set written apart):
each class in all five languages, beside the crisis it nears, which must stay crisis.

Suicide said of a thing that cannot die by its own hand ("my basil keeps committing suicide"; Spanish, French and
Portuguese too, whose suicid* English reads); someone else's suicide told as done and past in Spanish, French or
Portuguese ("la cantante se suicidó"); a song or a film named for the word ("Suicide Squad" on TV); the signs of an
overdose studied for an exam; "não tô suicida nem nada" (a negation English suicid* did not see); a sleep that ends at
a named time ("sleep and never wake up until Saturday"); not wanting to be here, said of a wedding; tired of living
in a flat (living somewhere); life without its morning coffee; "this is goodbye" to an old laptop; a rifle held at a
shooting club; a slice cut for oneself; the wish to end one's life told as past, with what helped (German, French
and Portuguese had no such figure for "das Leben nehmen", "mettre fin à mes jours", "tirar minha vida"); a suicide
prevention training taken (the gentle word before); "I'm going to kill my sister, she ate my cookie"; fed up with
everything, said of a list of the day's nuisances; asking how to help a friend who told the writer they think of
suicide (the corpus's help-seeking rows are ok). Told with no asking for help, it is someone else's crisis (it was
heard as the writer's own). German "ich erschieße mich" (with its e) and French "je veux quand même me tuer" (read as
"quand", a past) were missed and are crisis now. Each everyday class stays crisis with the writer's own words said
beside it, or when it is back now. Left as they were, on purpose: "I want to die lol" and "kms" beside a laugh or a
slip (review21 took their softening out: it softened real crises); "if my mom sees this she'll kill me" (the words
of a real danger from someone at home); "I feel like a burden" (a risk in its own right). Sentences written for this
test (not from the corpus, not the blind lines). The rules are the `fa22` blocks at the end of
content/safety/*.toml.

fa22b (a review): the care those figures took away, each class in all five languages. A feeling or one's own
thoughts lived with is no place ("cansada de vivir con este vacío"); a suicide loss told with the writer's own dread
or rumination is never nothing ("mi mejor amiga se suicidó y siento que yo soy la siguiente"); a sleep until Monday
"or ever"; not being here in a town or a server with thanks for everything, or on this earth; goodbye to one's
family; someone else's thoughts of suicide "and so have I" (the writer's own, `AllRules._OWN_SUBJECT`); a thing's
"suicide" with "maybe I should too" or "lucky phone". Left on purpose: asking how to help a friend who told the
writer they think of suicide stays ok (the corpus's help-seeking rows are ok).
"""

from __future__ import annotations

from tests.bot.safety.parity import kind_test, parity_tests

#: family -> (level every language must give, or the levels any of which will do, {language: [sentences]})
FAMILIES: dict[str, tuple[str | tuple[str, ...], dict[str, list[str]]]] = {
    "suicide said of a thing (everyday)": ("ok", {
        "en": ["my basil keeps committing suicide on the windowsill, no idea why"],
        "es": ["mis suculentas se suicidan cada vez que las riego"],
        "de": ["meine Orchideen begehen alle Selbstmord, keine Ahnung warum"],
        "fr": ["mes orchidées se suicident dès que je les arrose"],
        "pt": ["minhas suculentas se suicidam toda vez que eu rego"],
    }),
    "a thing that dies, and the writer's own wish beside it (crisis)": ("crisis", {
        "en": ["my plants keep committing suicide and honestly i want to kill myself too"],
        "es": ["mis plantas se suicidan y yo también quiero matarme"],
        "de": ["meine Pflanzen gehen alle ein und ich will mich auch umbringen"],
        "fr": ["mes plantes se suicident et moi aussi je veux me tuer"],
        "pt": ["minhas plantas se suicidam e eu também quero me matar"],
    }),
    "someone else's suicide, told as past (everyday)": ("ok", {
        "en": ["the singer of my teenage years died by suicide last week, listening to her albums"],
        "es": ["la cantante de mi adolescencia se suicidó la semana pasada, estoy escuchando sus discos"],
        "de": ["die Sängerin meiner Jugend hat sich letzte Woche das Leben genommen, ich höre ihre Alben"],
        "fr": ["la chanteuse de mon adolescence s'est suicidée la semaine dernière, j'écoute ses albums"],
        "pt": ["a cantora da minha adolescência se suicidou semana passada, tô ouvindo os discos dela"],
    }),
    "someone else's suicide, and the writer's own wish to follow (crisis)": ("crisis", {
        "en": ["my uncle killed himself last year and i want to kill myself too"],
        "es": ["mi tío se suicidó el año pasado y yo también quiero matarme"],
        "de": ["mein Onkel hat sich letztes Jahr umgebracht und ich will mich auch umbringen"],
        "fr": ["mon oncle s'est suicidé l'an dernier et moi aussi je veux me tuer"],
        "pt": ["meu tio se suicidou ano passado e eu também quero me matar"],
    }),
    "a song or a film named for the word (everyday)": ("ok", {
        "en": ["suicide squad is on tv tonight, watching it with popcorn"],
        "es": ["esta noche dan Suicide Squad en la tele, la veo con palomitas"],
        "de": ["heute Abend läuft Suicide Squad im Fernsehen, ich schau's mit Popcorn"],
        "fr": ["ce soir Suicide Squad passe à la télé, je le regarde avec du popcorn"],
        "pt": ["hoje à noite passa Suicide Squad na TV, vou assistir com pipoca"],
    }),
    "a song named for the word, and the writer's own plan (crisis)": ("crisis", {
        "en": ["listening to suicide is painless on repeat and i'm going to kill myself tonight"],
        "es": ["escuchando Suicide Is Painless en bucle y esta noche me voy a matar"],
        "de": ["hör Suicide Is Painless in Dauerschleife und heute Nacht bring ich mich um"],
        "fr": ["j'écoute Suicide Is Painless en boucle et ce soir je vais me tuer"],
        "pt": ["ouvindo Suicide Is Painless sem parar e hoje à noite vou me matar"],
    }),
    "the signs of an overdose studied for an exam (everyday)": ("ok", {
        "en": ["studying for the nursing exam: signs of an opioid overdose and how to give naloxone"],
        "es": ["estudiando para el examen de enfermería: signos de sobredosis de opioides y naloxona"],
        "de": ["lerne für die Pflegeprüfung: Anzeichen einer Opioid-Überdosis und Naloxon"],
        "fr": ["je révise pour l'exam d'infirmière : signes de surdose d'opioïdes et naloxone"],
        "pt": ["estudando pra prova de enfermagem: sinais de overdose de opioides e naloxona"],
    }),
    "an exam, and the writer's own overdose (crisis)": ("crisis", {
        "en": ["studying for the pharmacology exam but honestly i'm going to overdose tonight"],
        "es": ["estudiando para el examen de farmacología pero esta noche me voy a tomar una sobredosis"],
        "de": ["lerne für die Pharmakologie-Klausur, aber heute Nacht nehme ich eine Überdosis"],
        "fr": ["je révise la pharmaco mais ce soir je vais faire une overdose"],
        "pt": ["estudando pra prova de farmacologia mas hoje à noite vou tomar uma overdose"],
    }),
    "not suicidal, said outright (everyday)": ("ok", {
        "en": ["i'm not suicidal or anything, just grumpy about the rain"],
        "es": ["no estoy suicida ni nada, solo de mal humor por la lluvia"],
        "de": ["ich bin nicht suizidal oder so, nur schlecht gelaunt wegen dem Regen"],
        "fr": ["je suis pas suicidaire ni rien, juste de mauvaise humeur à cause de la pluie"],
        "pt": ["não tô suicida nem nada, só de mau humor por causa da chuva"],
    }),
    "not suicidal, but the wish to die (crisis)": ("crisis", {
        "en": ["i'm not suicidal, but i want to die"],
        "es": ["no estoy suicida, pero quiero morirme"],
        "de": ["ich bin nicht suizidal, aber ich will sterben"],
        "fr": ["je suis pas suicidaire, mais je veux mourir"],
        "pt": ["não tô suicida, mas quero morrer"],
    }),
    "a sleep that ends at a named time (everyday)": ("ok", {
        "en": ["i want to sleep and never wake up until the weekend"],
        "es": ["quiero dormir y no despertarme hasta el sábado"],
        "de": ["ich will schlafen und nicht mehr aufwachen bis Samstag"],
        "fr": ["je veux dormir et ne pas me réveiller avant samedi"],
        "pt": ["quero dormir e não acordar até sábado"],
    }),
    "a sleep with no end, or with the wish to die beside it (crisis)": ("crisis", {
        "en": ["i just want to fall asleep and never wake up, i'm done",
               "i want to sleep and never wake up until monday, or ever, i want to die"],
        "es": ["solo quiero dormirme y no despertar, ya está",
               "quiero dormir y no despertar hasta el lunes, o nunca más, quiero morirme"],
        "de": ["ich will einfach einschlafen und nicht mehr aufwachen, ich bin fertig",
               "ich will schlafen und nicht mehr aufwachen bis Montag, oder nie mehr, ich will sterben"],
        "fr": ["je veux juste m'endormir et ne plus me réveiller, j'en ai fini",
               "je veux dormir et ne plus me réveiller jusqu'à lundi, ou jamais, je veux mourir"],
        "pt": ["só quero dormir e não acordar mais, chega",
               "quero dormir e não acordar mais até segunda, ou nunca mais, quero morrer"],
    }),
    "not wanting to be here, said of a place (everyday)": ("ok", {
        "en": ["i don't want to be here anymore at this wedding, the dj is awful"],
        "es": ["ya no quiero estar aquí en esta boda, el DJ es malísimo"],
        "de": ["ich will nicht mehr hier sein auf dieser Hochzeit, der DJ ist furchtbar"],
        "fr": ["je veux plus être ici à ce mariage, le DJ est nul"],
        "pt": ["não quero mais estar aqui nesse casamento, o DJ é horrível"],
    }),
    "not wanting to be here, in this world (crisis)": ("crisis", {
        "en": ["i don't want to be here anymore, in this world"],
        "es": ["ya no quiero estar aquí, en este mundo"],
        "de": ["ich will nicht mehr hier sein, auf dieser Welt"],
        "fr": ["je veux plus être ici, dans ce monde"],
        "pt": ["não quero mais estar aqui, nesse mundo"],
    }),
    "tired of living somewhere (everyday)": ("ok", {
        "en": ["so tired of living in this flat with no heating, viewing a new one saturday"],
        "es": ["harta de vivir en este piso sin calefacción, el sábado veo otro"],
        "de": ["ich hab's so satt, in dieser Wohnung ohne Heizung zu wohnen, Samstag schau ich mir eine neue an"],
        "fr": ["marre de vivre dans cet appart sans chauffage, samedi j'en visite un autre"],
        "pt": ["cansada de morar nesse apê sem aquecimento, sábado vou ver outro"],
    }),
    "tired of living itself (crisis)": ("crisis", {
        "en": ["i'm so tired of living, i don't want to go on"],
        "es": ["estoy harta de vivir, ya no quiero seguir"],
        "de": ["ich bin es leid zu leben, ich will nicht mehr weitermachen"],
        "fr": ["j'en ai marre de vivre, je veux plus continuer"],
        "pt": ["tô cansada de viver, não quero mais continuar"],
    }),
    "life without its morning coffee (everyday)": ("ok", {
        "en": ["life has no meaning without my morning coffee"],
        "es": ["la vida no tiene sentido sin el mate de la mañana"],
        "de": ["ohne meinen Morgenkaffee hat das Leben keinen Sinn"],
        "fr": ["la vie n'a aucun sens sans mon café du matin"],
        "pt": ["a vida não tem sentido sem o cafezinho da manhã"],
    }),
    "life without meaning, said of life (crisis)": ("crisis", {
        "en": ["life has no meaning anymore, i don't want to live"],
        "es": ["la vida no tiene sentido, ya no quiero vivir"],
        "de": ["das Leben hat keinen Sinn mehr, ich will nicht mehr leben"],
        "fr": ["la vie n'a plus aucun sens, je veux plus vivre"],
        "pt": ["a vida não tem sentido, não quero mais viver"],
    }),
    "'this is goodbye' to an old laptop (everyday)": ("ok", {
        "en": ["this is goodbye to my trusty old laptop, ten years of service"],
        "es": ["este es el adiós a mi portátil viejo, diez años de servicio"],
        "de": ["das ist ein Abschied von meinem alten Laptop, zehn Jahre treue Dienste"],
        "fr": ["c'est un adieu à mon vieil ordi, dix ans de bons services"],
        "pt": ["é uma despedida do meu notebook velho, dez anos de serviço"],
    }),
    "'this is goodbye' with a last message (crisis)": ("crisis", {
        "en": ["this is goodbye, everyone, this is my last message"],
        "es": ["este es el adiós, a todos, este es mi último mensaje"],
        "de": ["das ist ein Abschied an alle, das ist meine letzte Nachricht"],
        "fr": ["c'est un adieu, à tous, c'est mon dernier message"],
        "pt": ["é uma despedida, pessoal, essa é minha última mensagem"],
    }),
    "a rifle held at a shooting club (everyday)": ("ok", {
        "en": ["went to the shooting club today, first time i held a rifle"],
        "es": ["hoy fui al club de tiro, primera vez que sostengo un rifle"],
        "de": ["heute im Schützenverein, zum ersten Mal ein Gewehr gehalten"],
        "fr": ["aujourd'hui au club de tir, première fois que je tiens un fusil"],
        "pt": ["hoje fui no clube de tiro, primeira vez que seguro um rifle"],
    }),
    "a gun, and the writer's own plan for it (crisis)": ("crisis", {
        "en": ["went to the shooting club, i'm going to shoot myself tonight"],
        "es": ["fui al club de tiro, esta noche me voy a pegar un tiro"],
        "de": ["war im Schützenverein, heute Nacht erschieße ich mich"],
        "fr": ["je suis allé au club de tir, ce soir je vais me tirer une balle"],
        "pt": ["fui no clube de tiro, hoje à noite vou me dar um tiro"],
    }),
    "a slice cut for oneself (everyday)": ("ok", {
        "en": ["cutting myself another slice of banana bread"],
        "es": ["me corto otra rebanada de pan de plátano"],
        "de": ["ich schneide mir noch ein Stück Bananenbrot ab"],
        "fr": ["je me coupe une autre tranche de banana bread"],
        "pt": ["vou cortar mais uma fatia de bolo de banana pra mim"],
    }),
    "cutting oneself again (crisis)": ("crisis", {
        "en": ["i've been cutting myself again"],
        "es": ["me he vuelto a cortar los brazos"],
        "de": ["ich hab mich wieder geritzt"],
        "fr": ["je me suis encore scarifiée"],
        "pt": ["voltei a me cortar de novo"],
    }),
    "the wish to end one's life told as past, with what helped (everyday)": ("ok", {
        "en": ["three years ago i wanted to end my life; my sister and therapy helped, i'm okay now"],
        "es": ["hace tres años quería quitarme la vida; mi hermana y la terapia me ayudaron, hoy estoy bien"],
        "de": ["vor drei Jahren wollte ich mir das Leben nehmen; meine Schwester und die Therapie haben geholfen, "
               "heute geht's mir gut"],
        "fr": ["il y a trois ans je voulais mettre fin à mes jours ; ma sœur et la thérapie m'ont aidée, "
               "aujourd'hui ça va"],
        "pt": ["há três anos eu queria tirar minha vida; minha irmã e a terapia me ajudaram, hoje estou bem"],
    }),
    "the wish to end one's life, back now (crisis)": ("crisis", {
        "en": ["three years ago i wanted to end my life, therapy helped, but now i want to end my life again"],
        "es": ["hace tres años quería quitarme la vida, la terapia me ayudó, pero otra vez quiero quitarme la vida"],
        "de": ["vor drei Jahren wollte ich mir das Leben nehmen, die Therapie hat geholfen, aber jetzt will ich "
               "mir wieder das Leben nehmen"],
        "fr": ["il y a trois ans je voulais mettre fin à mes jours, la thérapie m'a aidée, mais là je veux encore "
               "mettre fin à mes jours"],
        "pt": ["há três anos eu queria tirar minha vida, a terapia me ajudou, mas de novo quero tirar minha vida"],
    }),
    "a suicide prevention training taken (everyday)": ("ok", {
        "en": ["finished my suicide prevention training at the library today"],
        "es": ["terminé hoy la capacitación de prevención del suicidio en la biblioteca"],
        "de": ["heute die Schulung zur Suizidprävention in der Bücherei abgeschlossen"],
        "fr": ["j'ai fini ma formation de prévention du suicide à la bibliothèque aujourd'hui"],
        "pt": ["terminei hoje o treinamento de prevenção ao suicídio na biblioteca"],
    }),
    "a prevention training, and the writer's own wish (crisis)": ("crisis", {
        "en": ["i did the suicide prevention training and i still want to kill myself"],
        "es": ["hice el curso de prevención del suicidio y aun así quiero matarme"],
        "de": ["ich hab die Schulung zur Suizidprävention gemacht und trotzdem will ich mich umbringen"],
        "fr": ["j'ai fait la formation de prévention du suicide et je veux quand même me tuer"],
        "pt": ["fiz o curso de prevenção ao suicídio e mesmo assim quero me matar"],
    }),
    "asking how to help someone who told the writer they think of suicide (someone else's crisis)": ("crisis", {
        "en": ["my cousin told me she's been thinking about suicide, how can i support her?",
               "my friend told me she's been thinking about suicide, how do i help her"],
        "es": ["mi prima me dijo que ha estado pensando en quitarse la vida, ¿cómo puedo apoyarla?"],
        "de": ["meine Cousine hat mir erzählt, dass sie an Suizid denkt, wie kann ich sie unterstützen?"],
        "fr": ["ma cousine m'a dit qu'elle pense au suicide, comment la soutenir ?"],
        "pt": ["minha prima me disse que anda pensando em suicídio, como eu posso ajudar ela?"],
    }),
    "someone who told the writer they think of suicide (someone else's crisis)": ("crisis", {
        "en": ["my coworker told me he's been thinking about suicide, i can't stop worrying about him"],
        "es": ["mi compañero me contó que está pensando en suicidarse, no dejo de preocuparme"],
        "de": ["mein Kollege hat mir gesagt, dass er an Suizid denkt, ich mach mir solche Sorgen"],
        "fr": ["mon collègue m'a dit qu'il pense au suicide, je m'inquiète tellement"],
        "pt": ["meu colega me contou que tá pensando em suicídio, tô muito preocupada"],
    }),
    "someone who told the writer they think of suicide, and the writer too (crisis)": ("crisis", {
        "en": ["my cousin told me she's thinking about suicide, how do i help her when i want to die too"],
        "es": ["mi prima me contó que piensa en suicidarse, cómo la ayudo si yo también quiero morirme"],
        "de": ["meine Cousine hat mir gesagt, dass sie an Suizid denkt, wie soll ich helfen, ich will auch sterben"],
        "fr": ["ma cousine m'a dit qu'elle pense au suicide, comment l'aider alors que moi aussi je veux mourir"],
        "pt": ["minha prima me contou que tá pensando em suicídio, como ajudar se eu também quero morrer"],
    }),
    "going to kill a sister over a cookie (everyday)": ("ok", {
        "en": ["i'm going to kill my sister, she ate my last cookie"],
        "es": ["voy a matar a mi hermana, se comió mi última galleta"],
        "de": ["ich bring meine Schwester um, sie hat meinen letzten Keks gegessen"],
        "fr": ["je vais tuer ma sœur, elle a mangé mon dernier cookie"],
        "pt": ["vou matar minha irmã, ela comeu meu último biscoito"],
    }),
    "fed up with everything, said of the day's nuisances (everyday)": ("ok", {
        "en": ["fed up with everything today, the bus, the heat, the printer"],
        "es": ["hoy estoy harto de todo, el metro, el calor, la impresora"],
        "de": ["heute nervt mich alles, die Bahn, die Hitze, der Drucker"],
        "fr": ["aujourd'hui j'en ai marre de tout, le métro, la chaleur, l'imprimante"],
        "pt": ["hoje tô de saco cheio de tudo, o metrô, o calor, a impressora"],
    }),
    "fed up with everything, life and oneself (crisis)": ("crisis", {
        "en": ["i'm done with everything, with life, with myself, i want to die"],
        "es": ["estoy harta de todo, de la vida, de mí misma, quiero morirme"],
        "de": ["ich hab genug von allem, vom Leben, von mir selbst, ich will sterben"],
        "fr": ["j'en ai marre de tout, de la vie, de moi-même, je veux mourir"],
        "pt": ["tô cansada de tudo, da vida, de mim mesma, quero morrer"],
    }),
    # fa22b: care the fa22 figures took away (a review), each class in all five languages.
    "tired of living with a feeling or one's thoughts, not a place (crisis)": ("crisis", {
        "en": ["tired of living with this emptiness", "tired of living with my thoughts"],
        "es": ["cansada de vivir con este vacío", "cansado de vivir con mis pensamientos",
               "cansada de vivir con esta culpa"],
        "de": ["ich bin es leid, mit dieser Leere zu leben", "ich bin es leid, mit meinen Gedanken zu leben"],
        "fr": ["marre de vivre avec mes pensées", "fatiguée de vivre avec ce vide"],
        "pt": ["cansada de viver com esse vazio", "cansado de viver com meus pensamentos"],
    }),
    "a suicide loss told by the writer, with their own dread or rumination (never nothing)": (("gentle", "crisis"), {
        "en": ["my dad killed himself and i think about it every day",
               "my best friend killed herself and i feel like i'm next"],
        "es": ["mi mejor amiga se suicidó y siento que yo soy la siguiente",
               "mi padre se suicidó y pienso en eso todos los días"],
        "de": ["mein Vater hat sich umgebracht und ich denke jeden Tag daran",
               "meine beste Freundin hat sich umgebracht und ich glaube, ich bin die Nächste"],
        "fr": ["mon père s'est suicidé et j'y pense tous les jours",
               "ma meilleure amie s'est suicidée et j'ai l'impression d'être la prochaine"],
        "pt": ["meu pai se suicidou e eu penso nisso todo dia",
               "minha melhor amiga se suicidou e sinto que eu sou a próxima"],
    }),
    "a sleep until a time, or ever (crisis)": ("crisis", {
        "en": ["i just want to sleep and never wake up until monday, or ever",
               "i just want to sleep and never wake up till next week, honestly i'd rather not wake up at all"],
        "es": ["solo quiero dormir y no despertar hasta el lunes, o nunca"],
        "de": ["ich will einfach schlafen und nicht mehr aufwachen bis Montag, oder nie"],
        "fr": ["je veux juste dormir et ne plus me réveiller jusqu'à lundi, ou jamais"],
        "pt": ["só quero dormir e não acordar mais até segunda, ou nunca"],
    }),
    "not wanting to be here, in a server with thanks for everything, in a town, on this earth (crisis)": ("crisis", {
        "en": ["i don't want to be here anymore in this server, thanks for everything",
               "i don't want to be here anymore in this town, in this life, anywhere"],
        "es": ["ya no quiero estar aquí en este servidor, gracias por todo",
               "ya no quiero estar aquí, en esta ciudad, en esta vida, en ningún lado"],
        "de": ["ich will nicht mehr hier sein, in dieser Stadt, auf dieser Erde",
               "ich will nicht mehr hier sein, in diesem Server, danke für alles"],
        "fr": ["je veux plus être ici, dans ce serveur, merci pour tout",
               "je veux plus être ici, dans cette ville, sur cette terre"],
        "pt": ["não quero mais estar aqui nesse servidor, obrigada por tudo",
               "não quero mais estar aqui, nessa cidade, nessa vida, em lugar nenhum"],
    }),
    "goodbye to the writer's family, and a house (crisis)": ("crisis", {
        "en": ["this is goodbye to my family and my house"],
        "es": ["este es el adiós a mi familia y a mi casa"],
        "de": ["das ist ein Abschied von meiner Familie und meiner Wohnung"],
        "fr": ["c'est un adieu à ma famille et à ma maison"],
        "pt": ["é uma despedida da minha família e da minha casa"],
    }),
    "someone else thinks of suicide, and so does the writer (crisis, the writer's own)": ("crisis", {
        "en": ["my friend told me she's been thinking about suicide and honestly so have i",
               "my brother said he's been thinking about ending it, so have i"],
        "es": ["mi amiga me contó que ha estado pensando en suicidarse y la verdad yo también"],
        "de": ["meine Freundin hat mir gesagt, dass sie an Suizid denkt, und ehrlich gesagt ich auch"],
        "fr": ["mon amie m'a dit qu'elle pense au suicide et franchement moi aussi"],
        "pt": ["minha amiga me contou que anda pensando em suicídio e eu também ando"],
    }),
    "asking how to help someone who told the writer, who feels the same (crisis, the writer's own)": ("crisis", {
        "en": ["my friend told me she's been thinking about suicide, how do i help her when i feel the same way"],
        "es": ["mi amiga me contó que piensa en suicidarse, cómo la ayudo si yo siento lo mismo"],
        "de": ["meine Freundin hat mir gesagt, dass sie an Suizid denkt, wie soll ich ihr helfen, wenn es mir "
               "genauso geht"],
        "fr": ["mon amie m'a dit qu'elle pense au suicide, comment l'aider alors que je ressens la même chose"],
        "pt": ["minha amiga me contou que tá pensando em suicídio, como ajudar se eu sinto o mesmo"],
    }),
    "a thing's suicide, and the writer's own wish or envy beside it (crisis)": ("crisis", {
        "en": ["even my plants commit suicide, maybe i should too", "even my phone committed suicide today, lucky phone"],
        "es": ["hasta mis plantas se suicidan, tal vez yo debería también", "hasta mi móvil se suicidó hoy, qué suerte tiene"],
        "de": ["sogar meine Pflanzen begehen Selbstmord, vielleicht sollte ich das auch",
               "sogar mein Handy hat heute Selbstmord begangen, vielleicht sollte ich das auch"],
        "fr": ["même mes plantes se suicident, je devrais peut-être faire pareil",
               "même mon téléphone s'est suicidé aujourd'hui, le veinard"],
        "pt": ["até minhas plantas se suicidam, talvez eu devesse também", "até meu celular se suicidou hoje, sortudo"],
    }),
    "tired of living in a flat or with one's parents (everyday)": ("ok", {
        "en": ["so tired of living in this tiny flat, looking for something bigger"],
        "es": ["cansada de vivir en este depa chiquito, busco algo más grande", "harto de vivir con mis padres"],
        "de": ["ich hab's so satt, in dieser winzigen Wohnung zu wohnen, ich such was Größeres"],
        "fr": ["marre de vivre dans ce petit appart, je cherche plus grand", "fatiguée de vivre chez mes parents"],
        "pt": ["cansada de morar nesse apê minúsculo, procurando algo maior"],
    }),
}

#: the kind each crisis family must be heard as (the rest: the writer's own, "self")
KINDS = {"someone who told the writer they think of suicide (someone else's crisis)": "someone_else",
         # its reply's lines help those supporting someone too (session 23; before, no answer at all)
         "asking how to help someone who told the writer they think of suicide (someone else's crisis)": "someone_else"}

test_every_family_has_all_five_languages, test_all_five_languages_give_the_same_level = parity_tests(FAMILIES)
test_the_kind_fits_the_care_reply = kind_test(FAMILIES, KINDS)
