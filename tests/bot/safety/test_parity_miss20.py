"""Known misses and false alarms of the phrase rules by class (miss20, session 20): each class in all five languages,
beside the ordinary sentences it nears, which must stay ok.

A negated verb of stopping ("I don't stop thinking", "je n'arrête pas de penser", "ich hör nicht auf zu denken",
"nunca dejo de pensar", "não deixo de pensar") says the thought goes on: it never cancels the crisis phrase after it
([negation].not_negation). Asking others to pass on love and a sorry to one's family is a farewell, unless a reason of
every day is said with it (dinner, being late). "What's the point of living" asked alone is a crisis; the point of
living in a place is not. A goodbye forever said alone or to people is a farewell; to a thing it is not. Leaving the
group with a bare sorry and a love to everyone is a farewell, unless a reason of every day is said for the leaving;
Portuguese "esta é minha última mensagem" (with "é") is the last message it is in the other four. A recent cut of
one's arms or wrists with glass, a shard or a blade is self-harm; a finger or a hand cut on glass is an accident.
Sentences written for this test (not from the corpus nor from the near-miss sets). The rules are the `miss20` blocks
at the end of content/safety/*.toml and the `miss20` lines of their [negation].not_negation.
"""

from __future__ import annotations

from tests.bot.safety.parity import kind_test, parity_tests

#: family -> (level every language must give, or the levels any of which will do, {language: [sentences]})
FAMILIES: dict[str, tuple[str | tuple[str, ...], dict[str, list[str]]]] = {
    "a negated verb of stopping before the thought (crisis)": ("crisis", {
        "en": ["I can't stop thinking I want to die", "I don't stop thinking I want to die",
               "I couldn't stop thinking I want to die"],
        "es": ["no dejo de pensar que quiero morirme", "nunca dejo de pensar que quiero morir",
               "no paro de pensar quiero morir"],
        "de": ["ich hör nicht auf zu denken, dass ich sterben will", "ich hör nicht auf zu denken ich will sterben",
               "ich kann nicht aufhören zu denken ich will sterben"],
        "fr": ["je n'arrête pas de penser 'je veux mourir'", "je n'arrête pas de me dire que je veux mourir",
               "j'arrête pas de penser je veux mourir", "je n'arrête pas de penser à me tuer"],
        "pt": ["não paro de pensar que quero morrer", "não deixo de pensar quero morrer",
               "não consigo parar de pensar quero me matar"],
    }),
    "a negated verb of stopping with no crisis after it, and a plain negation (everyday)": ("ok", {
        "en": ["I can't stop thinking about that film", "I couldn't stop laughing at the dog",
               "I can't stop thinking I left the oven on", "I didn't stop at the shop, sorry",
               "I don't stop working until 8 most days", "I don't want to die"],
        "es": ["no dejo de pensar en esa película", "no paro de comer chocolate", "nunca dejo de trabajar antes de las ocho",
               "no dejaba de llover", "no dejo de pensar que dejé el horno encendido", "no quiero morir"],
        "de": ["ich hör nicht auf, an den Film zu denken", "ich kann nicht aufhören zu lachen",
               "ich hör nie auf zu arbeiten vor acht", "ich hör nicht auf zu denken, dass ich den Herd angelassen hab",
               "ich kann nicht aufhören, Schokolade zu essen", "ich will nicht sterben"],
        "fr": ["je n'arrête pas de penser à ce film", "j'arrête pas de rire", "je ne cesse de travailler",
               "je n'arrête pas de penser que j'ai oublié le four", "je ne peux pas m'empêcher de manger du chocolat",
               "je ne veux pas mourir", "je ne pense pas à me tuer"],
        "pt": ["não paro de pensar nesse filme", "não deixo de trabalhar antes das oito", "nunca paro de comer chocolate",
               "não parava de chover", "não deixo de pensar que esqueci o forno ligado", "não quero morrer"],
    }),
    "love and a sorry passed on to the family (crisis)": ("crisis", {
        "en": ["tell my mum I love her and I'm sorry", "please tell my sister I love her, I'm sorry"],
        "es": ["dile a mi mamá que la quiero y que lo siento", "decidle a mi hermano que lo quiero. perdón por todo",
               "dile a mi papá que lo siento y que lo quiero"],
        "de": ["sagt meiner Mama, dass ich sie liebe und dass es mir leid tut",
               "sag meiner Schwester, ich hab sie lieb. verzeiht mir",
               "sag meinem Papa, dass es mir leid tut und dass ich ihn liebe"],
        "fr": ["dites à ma mère que je l'aime et que je suis désolé", "dis à ma sœur que je l'aime, pardon",
               "dis à mon père que je suis désolé et que je l'aime"],
        "pt": ["diz pra minha mãe que eu amo ela e que sinto muito", "fala pro meu pai que eu amo ele. me desculpem",
               "diz pro meu irmão que eu sinto muito e que amo ele"],
    }),
    "a sorry or love passed on with a reason of every day (everyday)": ("ok", {
        "en": ["tell my mum I'm sorry I missed dinner", "tell my sister I'm sorry about yesterday",
               "tell my dad sorry, I'll be late", "tell my dad I love him and I'm sorry I missed dinner",
               "tell my mum I love her, see you sunday"],
        "es": ["dile a mi mamá que lo siento, llego tarde a la cena", "dile a mi mamá que la quiero mucho, nos vemos el domingo",
               "dile a mi hermana que lo siento por lo de ayer", "dile a mi papá que lo quiero y que lo siento por no ir a cenar hoy",
               "dile a mi madre que siento llegar tarde", "dile a mi abuela que la quiero"],
        "de": ["sag meiner Mama, dass es mir leid tut, dass ich zu spät komme",
               "sag meiner Mama, dass ich sie lieb hab, wir sehen uns Sonntag", "sag meiner Schwester, tut mir leid wegen gestern",
               "sag meinem Papa, dass ich ihn liebe und dass es mir leid tut, dass ich das Abendessen verpasst hab",
               "sag meiner Oma, dass ich sie liebe"],
        "fr": ["dis à ma mère que je suis désolé d'être en retard", "dis à ma mère que je l'aime, on se voit dimanche",
               "dis à ma sœur que je suis désolée pour hier",
               "dis à mon père que je l'aime et que je suis désolé d'avoir raté le dîner", "dites à ma grand-mère que je l'aime"],
        "pt": ["diz pra minha mãe que eu sinto muito, vou chegar atrasado", "diz pra minha mãe que eu amo ela, até domingo",
               "fala pra minha irmã que desculpa por ontem", "diz pro meu pai que eu amo ele e que sinto muito por perder o jantar",
               "diz pra minha avó que eu amo ela"],
    }),
    "what's the point of living, asked alone (crisis)": ("crisis", {
        "en": ["what's the point of living", "what's the point in living anymore"],
        "es": ["¿qué sentido tiene vivir?", "qué sentido tiene seguir viviendo", "cuál es el sentido de vivir",
               "¿de qué sirve vivir así?"],
        "de": ["was bringt es noch zu leben", "was bringt es noch, zu leben?", "was ist der sinn, weiterzuleben",
               "wozu lebe ich überhaupt"],
        "fr": ["quel est l'intérêt de vivre", "à quoi ça sert de vivre", "pourquoi continuer à vivre", "à quoi bon vivre encore"],
        "pt": ["qual o sentido de viver", "qual é o sentido de viver?", "de que adianta viver assim", "pra que continuar vivendo"],
    }),
    "the point of living in a place or a way (everyday)": ("ok", {
        "en": ["what's the point of living in a city this expensive", "what's the point of living near the sea if you never swim"],
        "es": ["¿qué sentido tiene vivir en una ciudad tan cara?", "qué sentido tiene vivir en Madrid si nunca sales",
               "qué sentido tiene vivir cerca del mar si no sabes nadar", "¿para qué vivir en el centro si trabajas fuera?",
               "¿de qué sirve vivir en la playa si trabajas todo el día?"],
        "de": ["was bringt es, in München zu leben, wenn man nie ausgeht", "was bringt es gesund zu leben, wenn man eh raucht",
               "was bringt es vegan zu leben", "was bringt es, am Meer zu leben, wenn man nie schwimmt",
               "was ist der Sinn, in der Stadt zu leben"],
        "fr": ["quel est l'intérêt de vivre à Paris si on ne sort jamais", "à quoi ça sert de vivre en ville si on a une voiture",
               "à quoi bon vivre à la campagne sans voiture", "pourquoi continuer à vivre chez mes parents à 30 ans",
               "quel est l'intérêt de vivre près de la mer si tu ne nages pas"],
        "pt": ["qual o sentido de viver em São Paulo se você nunca sai",
               "de que adianta viver perto da praia se eu trabalho o dia todo", "qual o sentido de viver num lugar tão caro",
               "pra que continuar vivendo de aluguel", "qual o sentido de viver de aparências"],
    }),
    "goodbye forever said alone or to people (crisis)": ("crisis", {
        "en": ["goodbye forever", "goodbye forever everyone"],
        "es": ["adiós para siempre", "adiós para siempre a todos"],
        "de": ["tschüss für immer", "lebt wohl für immer"],
        "fr": ["adieu pour toujours", "au revoir pour toujours, tout le monde"],
        "pt": ["adeus pra sempre", "adeus para sempre", "tchau pra sempre, gente", "adeus pra sempre. me desculpem"],
    }),
    "goodbye forever to a thing (everyday)": ("ok", {
        "en": ["goodbye forever, my old flip phone", "bye for good, trusty old laptop"],
        "es": ["adiós para siempre, mi viejo celular de tapa", "adiós para siempre, brackets"],
        "de": ["tschüss für immer, mein altes Klapphandy", "tschüss für immer, Zahnspange"],
        "fr": ["adieu pour toujours, mon vieux téléphone", "au revoir pour toujours, appareil dentaire",
               "adieu à jamais, horrible ex-proprio 👋 clés rendues"],
        "pt": ["adeus para sempre, calças velhas", "adeus pra sempre, meu celular velho", "tchau pra sempre, aparelho nos dentes!",
               "adeus pra sempre, emprego chato", "adeus para sempre ao meu sofá velho", "adeus pra sempre, cabelo comprido",
               "adeus pra sempre, açúcar"],
    }),
    "leaving the group with a bare sorry and a love (crisis)": ("crisis", {
        "en": ["I left the group. Sorry, love you all", "leaving the group. sorry everyone, love you"],
        "es": ["me salí del grupo. Perdón, los quiero", "me voy del grupo. lo siento, os quiero a todos"],
        "de": ["ich verlasse die gruppe. sorry, ich hab euch lieb", "hab die gruppe verlassen. tut mir leid, ich liebe euch"],
        "fr": ["je quitte le groupe. désolé, je vous aime", "j'ai quitté le groupe. pardon, je vous aime tous"],
        "pt": ["saí do grupo. Desculpem, amo vocês", "saindo do grupo. desculpa, amo vocês",
               "saindo do grupo, esta é minha última mensagem. desculpem, amo vocês"],
    }),
    "leaving the group with a reason of every day, a sorry and a love (everyday)": ("ok", {
        "en": ["I'm leaving the group, sorry for the spam, love you all", "leaving the group, too many notifications. sorry, love you all",
               "left the group by mistake, sorry! love you", "leaving the group because I changed my number. sorry, love you all"],
        "es": ["me salgo del grupo, perdón por el spam, os quiero", "me salí del grupo sin querer, perdón, los quiero",
               "me salgo del grupo porque cambié de número. perdón, los quiero"],
        "de": ["ich verlasse die gruppe, sorry für den spam, hab euch lieb", "hab die gruppe aus versehen verlassen, sorry, hab euch lieb",
               "ich verlasse die gruppe, neue nummer. sorry, hab euch lieb"],
        "fr": ["je quitte le groupe, désolé pour le spam, je vous aime", "j'ai quitté le groupe par erreur, désolé, je vous aime",
               "je quitte le groupe, j'ai changé de numéro. désolé, je vous aime"],
        "pt": ["saindo do grupo, desculpem o spam, amo vocês", "saí do grupo sem querer, desculpem, amo vocês",
               "saindo do grupo porque troquei de número. desculpem, amo vocês", "esta é minha última mensagem antes das férias"],
    }),
    "arms or wrists cut open with glass, a shard or a blade (crisis)": ("crisis", {
        "en": ["I sliced my arms open with a shard of glass last night", "I opened my arm with a piece of glass last night",
               "I cut my arms with glass last night"],
        "es": ["me corté los brazos con un vidrio anoche", "me abrí el brazo con un cristal anoche"],
        "de": ["ich hab mir gestern nacht die arme mit dem glas aufgeschnitten", "ich hab mir die arme mit einer scherbe aufgeritzt",
               "ich habe mir gestern die pulsadern mit einer rasierklinge aufgeschnitten",
               "ich hab mich gestern mit einer scherbe geritzt"],
        "fr": ["je me suis ouvert les bras avec du verre", "je me suis ouvert le poignet avec une lame cette nuit",
               "je me suis coupé les bras avec du verre hier soir"],
        "pt": ["cortei os braços com um caco de vidro ontem", "abri os braços com um caco de vidro ontem à noite"],
    }),
    "a finger, a hand or a knee cut on glass, a box opened (everyday)": ("ok", {
        "en": ["I cut my finger on a broken glass", "I sliced my finger open with a shard of glass washing up",
               "I opened my hand on a glass shelf", "the surgeon opened my arm with a scalpel"],
        "es": ["me corté el dedo con un vaso roto", "me abrí la mano con un vidrio lavando platos", "me abrí la rodilla con una piedra",
               "me abrí el brazo con un clavo", "me corté el pie con un cristal en la playa"],
        "de": ["ich hab mir am glas in den finger geschnitten", "ich hab die verpackung mit dem messer aufgeschnitten",
               "ich hab mir den finger an einer scherbe aufgeschnitten",
               "ich hab mir beim barfußlaufen das bein an einer scherbe aufgeschnitten",
               "ich hab mir beim spülen die hand an einem glas aufgeschnitten"],
        "fr": ["je me suis ouvert le doigt avec un verre cassé", "je me suis ouvert le genou sur du verre",
               "je me suis ouvert la main avec une boîte de conserve", "je me suis coupé le doigt avec un verre cassé",
               "je me suis ouvert le bras sur du verre à la plage"],
        "pt": ["cortei o dedo num vidro", "abri o dedo com um caco de vidro lavando louça", "abri a mão num caco de vidro",
               "abri a caixa com um estilete", "cortei o pé num caco de vidro na praia"],
    }),
}

test_every_family_has_all_five_languages, test_all_five_languages_give_the_same_level = parity_tests(FAMILIES)
test_the_kind_fits_the_care_reply = kind_test(FAMILIES, {})
