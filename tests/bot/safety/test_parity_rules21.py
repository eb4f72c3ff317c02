"""Phrase rules by class (rules21, session 21): each class in all five languages, beside the everyday sentences it
nears, which must stay ok.

A hope that a car, a bus or a train would hit me, not a near miss told or a bus hoped on time; a hope or a prayer
not to wake said in the past or as a habit, not an early alarm or a sleeping baby; thinking about not being alive
(German with the verb last: "dass alle ohne mich besser dran wären"), not about being online less or quitting
smoking; "don't blame yourselves for what I'm about to do", not "for what happened"; a partner or a parent hitting
or choking me right now (the `harm_from_others` kind), not beating me at a game; charcoal and sealed windows, not a
barbecue; enough pills to overdose, not enough for a trip; a cigarette put out on the skin, not a burn lighting the
candles; hitting oneself until it bleeds or bruises, not a punchbag; someone else cutting right now or gone quiet
after a goodbye (the `someone_else` kind), not a haircut or a goodbye at the airport.
Sentences written for this test (not from the corpus, nor the probe lines the classes were found with). The rules
are the `rules21` blocks at the end of content/safety/*.toml.
"""

from __future__ import annotations

from tests.bot.safety.parity import kind_test, parity_tests

#: family -> (level every language must give, or the levels any of which will do, {language: [sentences]})
FAMILIES: dict[str, tuple[str | tuple[str, ...], dict[str, list[str]]]] = {
    "a hope that a vehicle would hit me (crisis)": ("crisis", {
        "en": ["i was hoping a bus would hit me on the way home", "every morning i wish a truck would run me over"],
        "es": ["ojalá me atropelle un camión de camino al curro", "cada mañana espero que un coche me atropelle"],
        "de": ["ich hoffe jeden Tag, dass mich ein Bus überfährt", "ich wünsche mir, von einem Zug erfasst zu werden"],
        "fr": ["chaque matin j'espère qu'un bus me renverse", "je prie pour qu'un camion m'écrase"],
        "pt": ["toda manhã eu torço pra um ônibus me atropelar", "queria que um caminhão me pegasse"],
    }),
    "a near miss told, a bus hoped on time (everyday)": ("ok", {
        "en": ["a car almost hit me on the way home, so scary", "i was hoping the train would be on time"],
        "es": ["casi me atropella un coche hoy, qué susto", "ojalá el autobús llegue pronto"],
        "de": ["heute hätte mich fast ein Auto erwischt", "ich hoffe, dass der Bus pünktlich kommt"],
        "fr": ["une voiture a failli me renverser ce matin", "j'espère que le bus arrive vite"],
        "pt": ["um carro quase me atropelou hoje, que susto", "espero que o ônibus chegue logo"],
    }),
    "a hope or a prayer not to wake, in the past or as a habit (crisis)": ("crisis", {
        "en": ["last night i prayed i wouldn't wake up", "i kept hoping i wouldn't wake up again"],
        "es": ["anoche recé para no despertar", "cada noche pido no despertar más"],
        "de": ["gestern Abend habe ich gebetet, nicht mehr aufzuwachen", "ich hoffe jede Nacht, dass ich nicht mehr aufwache"],
        "fr": ["hier soir j'ai prié pour ne plus me réveiller", "j'espérais ne plus me réveiller du tout"],
        "pt": ["ontem à noite rezei pra não acordar mais", "toda noite eu peço pra não acordar"],
    }),
    "an early alarm, a sleeping baby (everyday)": ("ok", {
        "en": ["i was hoping i wouldn't wake up before my alarm", "i prayed i wouldn't wake up the baby"],
        "es": ["esperaba no despertarme tan temprano", "rezaba para no despertar al bebé"],
        "de": ["ich hatte gehofft, nicht so früh aufzuwachen", "ich bete, dass ich morgen rechtzeitig aufwache"],
        "fr": ["j'espérais ne pas me réveiller avant le réveil", "je priais pour ne pas réveiller le bébé"],
        "pt": ["eu esperava não acordar tão cedo", "rezei pra não acordar o bebê"],
    }),
    "thinking about not being alive; better off without me, the verb last (crisis)": ("crisis", {
        "en": ["i think a lot about not being alive", "lately i've been thinking about no longer existing"],
        "es": ["pienso mucho en no estar vivo", "últimamente pienso en dejar de existir"],
        "de": ["ich denke oft darüber nach, nicht mehr zu leben", "ich wünsche mir manchmal, einfach tot zu sein",
               "ich glaube, dass meine Freunde ohne mich besser dran wären"],
        "fr": ["je pense souvent à ne plus être en vie", "je regrette d'être née"],
        "pt": ["penso muito em não estar mais vivo", "ando pensando em deixar de existir"],
    }),
    "thinking about being online less, quitting smoking, a party regretted (everyday)": ("ok", {
        "en": ["i think a lot about not being online so much", "thinking about not being at the party tonight"],
        "es": ["pienso mucho en no estar tanto con el móvil"],
        "de": ["ich denke darüber nach, nicht mehr zu rauchen", "ich glaube, das Team kommt auch ohne mich klar"],
        "fr": ["je pense à ne plus être en retard le matin", "je regrette d'être venue à cette fête"],
        "pt": ["penso em não estar mais no grupo do trabalho", "ando pensando em deixar de fumar"],
    }),
    "don't blame yourselves for what I'm about to do (crisis)": ("crisis", {
        "en": ["don't blame yourself for what i'm going to do", "it's not your fault, what i'm about to do"],
        "es": ["no te culpes por lo que voy a hacer", "no es culpa tuya lo que voy a hacer"],
        "de": ["gib dir nicht die Schuld für das, was ich tun werde", "es ist nicht eure Schuld, was ich jetzt mache"],
        "fr": ["ne t'en veux pas pour ce que je vais faire", "ce n'est pas votre faute, ce que je vais faire"],
        "pt": ["não se culpe pelo que eu vou fazer", "não é culpa de vocês o que eu vou fazer"],
    }),
    "don't blame yourself for what happened (everyday)": ("ok", {
        "en": ["don't blame yourself for what happened, it was an accident",
               "don't blame me for what i'm about to do to this pizza lol"],
        "es": ["no te culpes por lo que pasó, fue un accidente"],
        "de": ["gib dir nicht die Schuld an dem Unfall"],
        "fr": ["ne t'en veux pas pour ce qui s'est passé"],
        "pt": ["não se culpe pelo que aconteceu"],
    }),
    "a partner or a parent hitting or choking me now (crisis, danger from someone)": ("crisis", {
        "en": ["my stepdad is punching me", "my girlfriend keeps slapping me and i can't get out"],
        "es": ["mi padrastro me está dando puñetazos", "mi novia me está golpeando y no puedo salir"],
        "de": ["mein Stiefvater hat mich gerade verprügelt", "mein Freund hat mich eben gewürgt"],
        "fr": ["mon beau-père est en train de me cogner", "mon mari vient de me tabasser"],
        "pt": ["meu padrasto está me espancando", "minha namorada está me batendo e eu não consigo sair"],
    }),
    "beating me at a game, passing on a cold (everyday)": ("ok", {
        "en": ["my brother is beating me at mario kart", "my dad keeps beating me at chess"],
        "es": ["mi hermano me está ganando al mario kart", "mi padre me está pegando su resfriado"],
        "de": ["mein Bruder hat mich im Schach geschlagen", "mein Vater hat mich gerade angerufen"],
        "fr": ["mon frère est en train de me battre à mario kart", "mon père vient de me battre aux échecs"],
        "pt": ["meu irmão está me ganhando no mario kart", "meu pai está me batendo no xadrez"],
    }),
    "charcoal and sealed windows (crisis)": ("crisis", {
        "en": ["bought a bag of charcoal and sealed the door"],
        "es": ["tengo el carbón y he tapado las rendijas de la puerta"],
        "de": ["Holzkohle besorgt, die Tür abgeklebt"],
        "fr": ["j'ai le charbon, j'ai scotché les aérations"],
        "pt": ["comprei carvão e passei fita nas janelas"],
    }),
    "charcoal for a barbecue (everyday)": ("ok", {
        "en": ["bought charcoal for the barbecue on saturday",
               "got charcoal for the barbecue and taped the windows before the storm"],
        "es": ["compré carbón para la barbacoa del sábado"],
        "de": ["Grillkohle für Samstag gekauft"],
        "fr": ["j'ai acheté du charbon pour le barbecue de samedi"],
        "pt": ["comprei carvão pro churrasco de sábado"],
    }),
    "enough pills to overdose (crisis)": ("crisis", {
        "en": ["i have enough sleeping pills to overdose"],
        "es": ["tengo pastillas suficientes para morirme"],
        "de": ["ich habe genug Schlaftabletten, um nicht mehr aufzuwachen"],
        "fr": ["j'ai suffisamment de médocs pour en finir"],
        "pt": ["tenho comprimidos suficientes pra me matar"],
    }),
    "enough pills for a trip (everyday)": ("ok", {
        "en": ["do we have enough pills for the whole trip?"],
        "es": ["¿tenemos suficientes pastillas para todo el viaje?"],
        "de": ["haben wir genug Tabletten für den ganzen Urlaub?"],
        "fr": ["on a assez de cachets pour tout le voyage ?"],
        "pt": ["temos remédio suficiente pra viagem toda?"],
    }),
    "a cigarette put out on the skin; hitting oneself until it bleeds (crisis)": ("crisis", {
        "en": ["i stubbed a cigarette out on my wrist", "i punched myself until it bled",
               "i slapped myself until my skin bruised"],
        "es": ["me apagué un cigarro en la muñeca", "me pegaba a mí misma hasta tener moratones"],
        "de": ["ich habe mir eine Kippe auf dem Arm ausgedrückt", "ich haue mich selbst, bis ich blute"],
        "fr": ["j'ai éteint ma clope sur mon bras", "je me tape jusqu'au sang"],
        "pt": ["apaguei o cigarro no meu braço", "me soquei até sangrar"],
    }),
    "a burn lighting the candles, a punchbag (everyday)": ("ok", {
        "en": ["burned my hand with a lighter lighting the birthday candles, so clumsy",
               "the boxer kept punching until he bled"],
        "es": ["me quemé la mano con el mechero encendiendo las velas, qué torpe",
               "le di al saco hasta que me dolieron los nudillos"],
        "de": ["ich habe mir am Herd die Hand verbrannt", "ich habe auf den Sandsack gehauen, bis mir die Arme wehtaten"],
        "fr": ["je me suis brûlée avec le briquet en allumant les bougies", "il a frappé le sac jusqu'à avoir mal aux mains"],
        "pt": ["me queimei com o isqueiro acendendo as velas", "socou o saco até doer os dedos"],
    }),
    "someone else cutting now, or gone quiet after a goodbye (crisis, someone else's)": ("crisis", {
        "en": ["my sister is cutting herself again", "my roommate said goodbye and isn't answering"],
        "es": ["mi hermana se está cortando otra vez", "mi amigo se despidió y no contesta"],
        "de": ["meine Schwester ritzt sich schon wieder", "mein Bruder hat sich verabschiedet und geht nicht mehr ran"],
        "fr": ["ma sœur se scarifie encore", "mon ami m'a dit adieu et il répond plus"],
        "pt": ["minha irmã está se cortando de novo", "meu amigo se despediu e não atende"],
    }),
    "a haircut, a goodbye at the airport (everyday)": ("ok", {
        "en": ["my sister is cutting her hair again", "my roommate said goodbye at the airport and her phone is off"],
        "es": ["mi hermana se está cortando el pelo otra vez",
               "mi amigo se despidió en el aeropuerto y tiene el móvil apagado"],
        "de": ["meine Schwester schneidet sich gerade die Haare",
               "meine Freundin hat sich am Flughafen verabschiedet und jetzt ist ihr Handy aus"],
        "fr": ["ma sœur se coupe les cheveux", "mon ami m'a dit au revoir à l'aéroport et son téléphone est éteint"],
        "pt": ["minha irmã está cortando o cabelo de novo",
               "meu amigo se despediu no aeroporto e o celular dele está desligado"],
    }),
    "someone at the door shouting they will kill me (crisis, danger from someone)": ("crisis", {
        "en": ["he's at the door yelling that he's going to kill me"],
        "es": ["está en la puerta gritando que me va a matar"],
        "de": ["er steht vor der Tür und schreit, dass er mich umbringt"],
        "fr": ["il est à la porte et crie qu'il va me tuer"],
        "pt": ["ele está lá fora gritando que vai me matar"],
    }),
}

test_every_family_has_all_five_languages, test_all_five_languages_give_the_same_level = parity_tests(FAMILIES)
test_the_kind_fits_the_care_reply = kind_test(FAMILIES, {
    "a partner or a parent hitting or choking me now (crisis, danger from someone)": "harm_from_others",
    "someone at the door shouting they will kill me (crisis, danger from someone)": "harm_from_others",
    "someone else cutting now, or gone quiet after a goodbye (crisis, someone else's)": "someone_else",
})
