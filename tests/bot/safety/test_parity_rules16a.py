"""Farewells, veiled farewells, plans and crisis inside ordinary chat (rules16a): the same answer in all five languages.

The phrase rules missed most of these on train and dev (recall: farewells 0.205, veiled farewells 0.267, plans and
means 0.233, mixed chat 0.206): telling others it was not their fault; asking to be remembered for the good bits;
thanking someone for having tried with them; a check-in said to be the last one ever; not being alive by a day soon,
said in the middle of ordinary chat; it all being over soon, said with relief; arranging things for after one is
gone, or saying thanks before going through with it; tidying so that nobody has to deal with it after; an attempt
stopped, and next time not; the means put in place and waited with; waiting till the house sleeps, with the note or
the means; a goodbye the other doesn't know is one; others freed of dealing with them from a day soon; the last one
lived, or not being around long enough for it to matter. Each family is one such class said in each language's own
idiom, written for this test (not from the corpus), beside the everyday saying near it that must stay ok: a crashed
server that was nobody's fault, a friend remembered at a leaving party, exams that will be over soon, fish fed while
on a trip, a snack one won't stop at next time, a kitchen cleaned after a party, pills in the bathroom cabinet,
presents wrapped while the kids sleep, the last time told in grief, a dog-sitter freed after sunday, the last exam.
The style of `test_parity.py`.
"""

from __future__ import annotations

from tests.bot.safety.parity import parity_tests

#: family -> (level every language must give, {language: [sentences]})
FAMILIES: dict[str, tuple[str, dict[str, list[str]]]] = {
    "not your fault, said as a farewell": ("crisis", {
        "en": ["whatever happens next, it isn't your fault. love you guys",
               "none of this was on you, ok? goodbye"],
        "es": ["pase lo que pase, no es culpa vuestra. os quiero",
               "nada de esto fue culpa tuya, vale? adiós"],
        "de": ["was auch passiert, es ist nicht eure schuld. hab euch lieb",
               "nichts davon war deine schuld, ok? tschüss"],
        "fr": ["quoi qu'il arrive, c'est pas votre faute. je vous aime",
               "rien de tout ça était ta faute, ok ? adieu"],
        "pt": ["aconteça o que acontecer, não é culpa de vocês. amo vocês",
               "nada disso foi culpa sua, tá? adeus"],
    }),
    "nobody's fault, the game or the bus (everyday)": ("ok", {
        "en": ["the server crashed mid-raid, it wasn't your fault, we'll try again tomorrow"],
        "es": ["se cayó el servidor en mitad de la partida, no fue culpa tuya, mañana lo repetimos"],
        "de": ["der server ist mitten im raid abgestürzt, war nicht deine schuld, morgen nochmal"],
        "fr": ["le serveur a planté en plein raid, c'était pas ta faute, on réessaie demain"],
        "pt": ["o servidor caiu no meio da partida, não foi culpa sua, amanhã a gente tenta de novo"],
    }),
    "remember the good bits of me": ("crisis", {
        "en": ["just remember the good parts of me, ok"],
        "es": ["acordaos solo de las partes buenas de mí, vale"],
        "de": ["erinnert euch einfach an die guten seiten von mir, ok"],
        "fr": ["souvenez-vous juste des bons moments avec moi, ok"],
        "pt": ["lembrem só das partes boas de mim, tá"],
    }),
    "remembering a friend at a leaving party (everyday)": ("ok", {
        "en": ["we'll always remember the good times with Sam at the old office"],
        "es": ["siempre recordaremos los buenos ratos con Sam en la oficina vieja"],
        "de": ["wir werden uns immer gern an die zeit mit sam im alten büro erinnern"],
        "fr": ["on se souviendra toujours des bons moments avec Sam au vieux bureau"],
        "pt": ["a gente sempre vai lembrar dos bons momentos com o Sam no escritório antigo"],
    }),
    "thanks for trying with me": ("crisis", {
        "en": ["thank you for trying with me all this time"],
        "es": ["gracias por intentarlo conmigo todo este tiempo"],
        "de": ["danke, dass ihr es so lange mit mir versucht habt"],
        "fr": ["merci d'avoir essayé avec moi tout ce temps"],
        "pt": ["obrigado por tentarem comigo esse tempo todo"],
    }),
    "thanks for trying the recipe (everyday)": ("ok", {
        "en": ["thanks for trying the new recipe with me, it was fun"],
        "es": ["gracias por probar la receta nueva conmigo, fue divertido"],
        "de": ["danke, dass du das neue rezept mit mir ausprobiert hast, war lustig"],
        "fr": ["merci d'avoir testé la nouvelle recette avec moi, c'était sympa"],
        "pt": ["obrigado por testar a receita nova comigo, foi divertido"],
    }),
    "the last check-in ever": ("crisis", {
        "en": ["i won't be checking in anymore. take care of each other"],
        "es": ["ya no voy a hacer más check-ins. cuidaos"],
        "de": ["ich check hier nicht mehr ein. passt auf euch auf"],
        "fr": ["je ferai plus de check-in. prenez soin de vous"],
        "pt": ["não vou fazer mais check-in. se cuidem"],
    }),
    "a check-in missed for a holiday (everyday)": ("ok", {
        "en": ["won't be checking in next week, i'm at my sister's wedding"],
        "es": ["la semana que viene no hago el check-in, estoy en la boda de mi hermana"],
        "de": ["nächste woche fällt mein check-in aus, bin auf der hochzeit meiner schwester"],
        "fr": ["pas de check-in la semaine prochaine, je suis au mariage de ma sœur"],
        "pt": ["semana que vem não faço check-in, vou estar no casamento da minha irmã"],
    }),
    "not alive by a day soon, inside ordinary chat": ("crisis", {
        "en": ["nice pics from the hike! i won't be alive for the next one though",
               "the new season drops in march, i'll be dead by then anyway"],
        "es": ["qué fotos más bonitas de la excursión! yo no voy a seguir vivo para la próxima",
               "la nueva temporada sale en marzo, para entonces ya estaré muerto"],
        "de": ["schöne fotos von der wanderung! bei der nächsten bin ich nicht mehr am leben",
               "die neue staffel kommt im märz, bis dahin bin ich eh tot"],
        "fr": ["trop belles les photos de la rando ! je serai plus en vie pour la prochaine",
               "la nouvelle saison sort en mars, je serai mort d'ici là de toute façon"],
        "pt": ["que fotos lindas da trilha! não vou estar vivo pra próxima",
               "a nova temporada sai em março, até lá eu já vou estar morto"],
    }),
    "not planning on waking up, said between two everyday things": ("crisis", {
        "en": ["groceries done, laundry done. not planning on waking up tomorrow. how's everyone"],
        "es": ["compra hecha, colada hecha. no pienso despertarme mañana. qué tal todos"],
        "de": ["einkauf erledigt, wäsche erledigt. hab nicht vor morgen aufzuwachen. wie geht's euch"],
        "fr": ["courses faites, lessive faite. j'ai pas l'intention de me réveiller demain. ça va vous"],
        "pt": ["mercado feito, roupa lavada. não pretendo acordar amanhã. e vocês, tudo bem"],
    }),
    "an early alarm, a long wait (everyday)": ("ok", {
        "en": ["not planning on waking up before noon tomorrow, it's my day off"],
        "es": ["mañana no pienso levantarme antes de las doce, es mi día libre"],
        "de": ["ich hab morgen frei und will nicht vor mittag aufstehen"],
        "fr": ["demain je compte pas me lever avant midi, c'est mon jour de congé"],
        "pt": ["amanhã não pretendo levantar antes do meio-dia, é minha folga"],
    }),
    "it will all be over soon, said with relief": ("crisis", {
        "en": ["strangely calm today. it'll all be over soon"],
        "es": ["hoy estoy extrañamente tranquilo. pronto habrá terminado todo"],
        "de": ["heute komisch ruhig. bald ist alles vorbei"],
        "fr": ["étrangement calme aujourd'hui. bientôt tout sera fini"],
        "pt": ["estranhamente calmo hoje. logo tudo vai ter acabado"],
    }),
    "exams over soon (everyday)": ("ok", {
        "en": ["two more exams and it'll all be over soon, then holidays"],
        "es": ["dos exámenes más y pronto se acaba todo, luego vacaciones"],
        "de": ["noch zwei prüfungen, dann ist es bald vorbei und ferien"],
        "fr": ["encore deux exams et ce sera bientôt fini, après les vacances"],
        "pt": ["mais duas provas e logo acaba, depois férias"],
    }),
    "arranged for after i'm gone, or thanks before going through with it": ("crisis", {
        "en": ["can someone feed my fish after i'm gone this week",
               "just wanted to say goodbye before i go through with it"],
        "es": ["alguien puede dar de comer a mis peces cuando ya no esté esta semana",
               "solo quería despedirme antes de acabar con todo"],
        "de": ["kann jemand meine fische füttern, wenn ich nicht mehr da bin",
               "wollte nur tschüss sagen, bevor ich es durchziehe"],
        "fr": ["quelqu'un pourra nourrir mes poissons quand je serai plus là",
               "je voulais juste dire au revoir avant de passer à l'acte"],
        "pt": ["alguém pode dar comida pros meus peixes quando eu não estiver mais aqui",
               "só queria me despedir antes de ir até o fim"],
    }),
    "fish fed while away on a trip (everyday)": ("ok", {
        "en": ["can someone feed my fish while i'm away on the work trip"],
        "es": ["alguien puede dar de comer a mis peces mientras estoy de viaje"],
        "de": ["kann jemand meine fische füttern, wenn ich im urlaub bin"],
        "fr": ["quelqu'un pourra nourrir mes poissons quand je serai partie en vacances"],
        "pt": ["alguém pode dar comida pros meus peixes quando eu não estiver aqui nas férias"],
    }),
    "tidied so nobody has to deal with it after": ("crisis", {
        "en": ["sorted all my papers so nobody has to go through them after me"],
        "es": ["ordené todos mis papeles para que nadie tenga que revisarlos después de mí"],
        "de": ["hab alle papiere sortiert, damit danach keiner mehr was regeln muss"],
        "fr": ["j'ai trié tous mes papiers, personne aura à s'en occuper après moi"],
        "pt": ["organizei todos os meus papéis pra ninguém ter que mexer neles depois de mim"],
    }),
    "a kitchen cleaned after a party (everyday)": ("ok", {
        "en": ["cleaned the kitchen after the party so my flatmates can sleep in"],
        "es": ["limpié la cocina después de la fiesta para que mis compis puedan dormir"],
        "de": ["hab nach der party die küche geputzt, damit meine mitbewohner ausschlafen können"],
        "fr": ["j'ai nettoyé la cuisine après la soirée pour que mes colocs puissent dormir"],
        "pt": ["limpei a cozinha depois da festa pros meus colegas poderem dormir até tarde"],
    }),
    "stopped this time, next time not": ("crisis", {
        "en": ["stood on the platform edge for ages tonight. next time i won't step back"],
        "es": ["estuve un rato largo en el borde del andén. la próxima vez no doy un paso atrás"],
        "de": ["stand heute ewig an der bahnsteigkante. nächstes mal tret ich nicht zurück"],
        "fr": ["je suis resté longtemps au bord du quai ce soir. la prochaine fois je reculerai pas"],
        "pt": ["fiquei um tempão na beira da plataforma hoje. da próxima vez não vou recuar"],
    }),
    "a snack one won't stop at next time (everyday)": ("ok", {
        "en": ["next time i won't stop at the bakery, too many pastries"],
        "es": ["la próxima vez no paro en la panadería, demasiados bollos"],
        "de": ["nächstes mal halt ich nicht an der bäckerei, zu viel kuchen"],
        "fr": ["la prochaine fois je m'arrêterai pas à la boulangerie, trop de gâteaux"],
        "pt": ["da próxima vez não vou parar na padaria, doce demais"],
    }),
    "the means put in place, and waiting": ("crisis", {
        "en": ["the tablets are under my pillow for saturday",
               "got everything i need now, just waiting for the right time"],
        "es": ["las pastillas están debajo de la almohada para el sábado",
               "ya tengo todo lo que necesito. solo espero a la noche indicada"],
        "de": ["die tabletten liegen für samstag unterm kopfkissen",
               "hab alles was ich brauche. wart nur noch auf die richtige nacht"],
        "fr": ["les cachets sont sous mon oreiller pour samedi",
               "j'ai tout ce qu'il me faut. j'attends juste la bonne nuit"],
        "pt": ["os comprimidos estão debaixo do travesseiro pra sábado",
               "já tenho tudo que preciso. só esperando a noite certa"],
    }),
    "medicine in the cabinet, everything ready for a party (everyday)": ("ok", {
        "en": ["my pills are in the bathroom cabinet if you need a painkiller",
               "got everything i need for the barbecue on saturday"],
        "es": ["mis pastillas están en el armario del baño si necesitas un analgésico",
               "ya tengo todo lo que necesito para la barbacoa del sábado"],
        "de": ["meine tabletten sind im badezimmerschrank, falls du eine schmerztablette brauchst",
               "hab alles was ich für das grillen am samstag brauche"],
        "fr": ["mes cachets sont dans l'armoire de la salle de bain si t'as besoin d'un antidouleur",
               "j'ai tout ce qu'il me faut pour le barbecue de samedi"],
        "pt": ["meus remédios estão no armário do banheiro se você precisar de um analgésico",
               "já tenho tudo que preciso pro churrasco de sábado"],
    }),
    "waiting till the house sleeps, with the note or the means": ("crisis", {
        "en": ["the letter is on my desk. waiting until my parents are asleep"],
        "es": ["la carta está en mi escritorio. esperando a que mis padres se duerman"],
        "de": ["der brief liegt auf meinem schreibtisch. ich warte bis meine eltern schlafen"],
        "fr": ["la lettre est sur mon bureau. j'attends que mes parents dorment"],
        "pt": ["a carta está na minha escrivaninha. esperando meus pais dormirem"],
    }),
    "waiting till the kids sleep to wrap presents (everyday)": ("ok", {
        "en": ["waiting until the kids are asleep to wrap their presents"],
        "es": ["esperando a que los niños se duerman para envolver los regalos"],
        "de": ["ich warte bis die kinder schlafen, um die geschenke einzupacken"],
        "fr": ["j'attends que les enfants dorment pour emballer les cadeaux"],
        "pt": ["esperando as crianças dormirem pra embrulhar os presentes"],
    }),
    "a goodbye the other doesn't know is one": ("crisis", {
        "en": ["called my grandma for an hour. she doesn't know it was goodbye"],
        "es": ["hablé una hora con mi abuela. no sabe que era una despedida"],
        "de": ["hab eine stunde mit oma telefoniert. sie weiß nicht, dass es ein abschied war"],
        "fr": ["j'ai appelé ma grand-mère une heure. elle sait pas que c'était un adieu"],
        "pt": ["liguei pra minha avó por uma hora. ela não sabe que foi uma despedida"],
    }),
    "the last time, told in grief (everyday)": ("ok", {
        "en": ["i didn't know it was the last time i'd see grandma, she passed on sunday"],
        "es": ["no sabía que era la última vez que vería a mi abuela, murió el domingo"],
        "de": ["ich wusste nicht, dass es das letzte mal war, dass ich oma sehe, sie ist am sonntag gestorben"],
        "fr": ["je savais pas que c'était la dernière fois que je voyais mamie, elle est partie dimanche"],
        "pt": ["eu não sabia que era a última vez que ia ver minha avó, ela faleceu no domingo"],
    }),
    "others freed of dealing with me, from a day soon": ("crisis", {
        "en": ["after sunday nobody will have to put up with me"],
        "es": ["después del domingo nadie va a tener que aguantarme"],
        "de": ["ab sonntag müsst ihr euch nicht mehr mit mir rumärgern"],
        "fr": ["après dimanche vous aurez plus à me supporter"],
        "pt": ["depois de domingo vocês não vão mais ter que me aguentar"],
    }),
    "a dog-sitter who won't have to look after him after sunday (everyday)": ("ok", {
        "en": ["after sunday you won't have to walk the dog anymore, we're back"],
        "es": ["después del domingo ya no tendrás que sacar al perro, volvemos"],
        "de": ["ab sonntag musst du nicht mehr mit dem hund raus, wir sind zurück"],
        "fr": ["après dimanche t'auras plus à sortir le chien, on rentre"],
        "pt": ["depois de domingo você não vai mais precisar passear com o cachorro, a gente volta"],
    }),
    "the last one lived, not here long enough to matter": ("crisis", {
        "en": ["rough month. at least it's the last month i'll live through",
               "no point fixing the car, i won't be around long enough for it to matter"],
        "es": ["mes duro. al menos es el último mes que vivo",
               "no vale la pena arreglar el coche, no voy a estar el tiempo suficiente para que importe"],
        "de": ["harter monat. wenigstens ist es der letzte, den ich erlebe",
               "lohnt sich nicht das auto zu reparieren, ich bin nicht mehr lange genug da, dass es zählt"],
        "fr": ["mois difficile. au moins c'est le dernier mois que je vis",
               "ça sert à rien de réparer la voiture, je serai plus là assez longtemps pour que ça compte"],
        "pt": ["mês difícil. pelo menos é o último mês que eu vou viver",
               "nem vale consertar o carro, não vou estar aqui tempo suficiente pra importar"],
    }),
    "the last exam, the last card from the old office (everyday)": ("ok", {
        "en": ["last exam done, that's the last one i'll ever sit, so relieved"],
        "es": ["último examen hecho, ya no tengo que hacer más, qué alivio"],
        "de": ["letzte prüfung geschafft, nie wieder prüfungen, so erleichtert"],
        "fr": ["dernier exam fini, j'en passerai plus jamais, trop soulagée"],
        "pt": ["última prova feita, nunca mais vou fazer prova, que alívio"],
    }),
}

test_every_family_has_all_five_languages, test_all_five_languages_give_the_same_level = parity_tests(FAMILIES)
