"""False alarms by class (fa23, session 23): each class in all five languages, the everyday family beside a crisis
family that shares its words, which must stay crisis.

"I can't take it anymore" said of a child who put the same film or song on again, counted, not beside the writer's
own words of dying, a means or tears; a last message in a channel said when moving to another channel, not a last
message with "forever" or "I won't be back"; "I won't be there" with the appointment named right beside it as the
reason, not a "not there, not at all, I've decided"; a self-harm relapse told as long past with the months clean
now, not a fresh relapse after months clean nor an urge tonight; nobody noticing if I left a meeting early, not
nobody noticing if I disappeared for good; "I'd rather shoot myself than" an event, not "than go back to him"; a
workout named for the word; someone else who was suicidal once and is better now, not beside the writer's own
danger; a film or a book that ends with a character's overdose, not beside the writer's own plan.
Sentences written for this test (not from the corpus, nor the blind lines the classes were found with). The rules
are the `fa23` blocks at the end of content/safety/*.toml.
"""

from __future__ import annotations

from tests.bot.safety.parity import kind_test, parity_tests

#: family -> (level every language must give, or the levels any of which will do, {language: [sentences]})
FAMILIES: dict[str, tuple[str | tuple[str, ...], dict[str, list[str]]]] = {
    "can't take it anymore, a child's film or song on repeat, counted (everyday)": ("ok", {
        "en": ["i can't take it anymore lol, my daughter has watched moana 9 times since breakfast",
               "cant do this anymore, the toddler has played baby shark 20 times in a row"],
        "es": ["no puedo más, mi hija ha visto encanto once veces esta semana"],
        "de": ["ich kann nicht mehr, mein sohn hat heute zehnmal paw patrol geguckt"],
        "fr": ["j'en peux plus, ma fille a écouté la même chanson de vaiana quinze fois ce matin"],
        "pt": ["não aguento mais, meu filho já assistiu moana onze vezes hoje"],
    }),
    "can't take it anymore, a child beside the writer's own dying, tears or a means (crisis)": ("crisis", {
        "en": ["i can't take it anymore, my son has watched moana 9 times today and i have the pills ready",
               "i can't do this anymore, my daughter has seen me cry 5 times today",
               "can't do this anymore, the kids have watched cartoons 6 times today because i can't get out of bed"],
        "es": ["no puedo más, mi hijo ha visto encanto once veces y tengo las pastillas preparadas",
               "no puedo más, mi hija me ha visto llorar tres veces hoy"],
        "de": ["ich kann nicht mehr, mein sohn hat heute zehnmal paw patrol geguckt und die tabletten liegen bereit",
               "ich kann nicht mehr, meine tochter hat mich heute dreimal weinen gesehen"],
        "fr": ["j'en peux plus, ma fille a regardé vaiana dix fois et j'ai les cachets prêts",
               "j'en peux plus, mon fils m'a vu pleurer trois fois aujourd'hui"],
        "pt": ["não aguento mais, meu filho viu moana onze vezes hoje e os comprimidos tão separados",
               "não aguento mais, minha filha me viu chorar três vezes hoje"],
    }),
    "a last message in a channel, moving to another channel (everyday)": ("ok", {
        "en": ["this is my last message in this thread, moving to #off-topic"],
        "es": ["es mi último mensaje en este hilo, me cambio al canal de off topic"],
        "de": ["das ist meine letzte nachricht in diesem thread, ich wechsle in den anderen kanal"],
        "fr": ["c'est mon dernier message dans ce fil, je bascule sur l'autre salon"],
        "pt": ["essa é minha última mensagem nesse canal, vou pro #geral"],
    }),
    "a last message in a channel, forever or not coming back (crisis)": ("crisis", {
        "en": ["this is my last message, moving to #general... no, this is goodbye forever, i won't be back"],
        "es": ["es mi último mensaje en este hilo, me cambio al canal general, no, mentira, adiós para siempre"],
        "de": ["das ist meine letzte nachricht, ich wechsle in den anderen kanal, nein, lebt wohl für immer"],
        "fr": ["c'est mon dernier message, je passe sur l'autre salon, non, adieu pour toujours"],
        "pt": ["essa é minha última mensagem, vou pro #geral, não, adeus pra sempre"],
    }),
    "not there, the appointment named beside it (everyday)": ("ok", {
        "en": ["i won't be around on thursday, dentist appointment"],
        "es": ["el jueves no estaré, tengo médico"],
        "de": ["donnerstag bin ich nicht da, zahnarzttermin"],
        "fr": ["jeudi je serai pas là, j'ai rdv chez l'orthodontiste", "je serai pas là lundi, formation"],
        "pt": ["quinta não vou estar, tenho consulta no médico", "não vou estar amanhã, dentista"],
    }),
    "not there, not at all, decided (crisis)": ("crisis", {
        "en": ["i won't be around after thursday, i've decided, i'm going to end it"],
        "es": ["no voy a estar para el jueves, ya lo he decidido, voy a acabar con todo"],
        "de": ["nach donnerstag bin ich nicht mehr da, ich hab mich entschieden, ich bring mich um"],
        "fr": ["je serai pas là. dentiste, que je leur dis. plus jamais en fait",
               "je serai pas là, dentiste ou pas, j'ai décidé d'en finir"],
        "pt": ["não vou estar. consulta? não. já decidi, vou acabar com tudo",
               "não vou estar amanhã, consulta nenhuma muda isso, vou me matar"],
    }),
    "a self-harm relapse long past, months clean now (everyday)": ("ok", {
        "en": ["relapsed on self harm once two years ago, but i'm 14 months clean now and proud"],
        "es": ["recaí una vez hace dos años, pero llevo catorce meses sin autolesionarme"],
        "de": ["hatte vor zwei jahren einen rückfall, aber bin jetzt seit vierzehn monaten clean"],
        "fr": ["j'ai rechuté une fois il y a deux ans, ça fait dix mois que je ne me scarifie plus"],
        "pt": ["tive uma recaída há dois anos, mas tô dez meses sem me cortar"],
    }),
    "a self-harm relapse fresh after months clean, or the urge tonight (crisis)": ("crisis", {
        "en": ["i relapsed on self harm yesterday, i was 14 months clean",
               "relapsed on self harm once, i'm 10 months clean now but the urge is so bad tonight",
               "relapsed on self harm once, 11 months clean now and i don't see the point of staying clean"],
        "es": ["recaí anoche y me corté, llevaba catorce meses sin cortarme",
               "recaí una vez hace un año, llevo diez meses sin cortarme pero esta noche tengo la cuchilla en la mano"],
        "de": ["hatte gestern einen rückfall und hab mich geritzt, war vierzehn monate clean"],
        "fr": ["j'ai rechuté hier soir, ça faisait dix mois que je ne me scarifiais plus",
               "j'ai rechuté, ça fait dix mois sans me scarifier mais ce soir j'ai envie de me couper",
               "ça faisait sept mois que je ne me scarifiais plus mais j'ai rechuté"],
        "pt": ["tive uma recaída ontem, estava dez meses sem me cortar",
               "tive uma recaída, tô dez meses sem me cortar mas hoje a vontade de me cortar voltou"],
    }),
    "nobody noticing if I left a meeting early (everyday)": ("ok", {
        "en": ["nobody would notice if i left the meeting early, right?"],
        "es": ["nadie notaría si me salgo antes de la reunión, ¿no?"],
        "de": ["merkt keiner, wenn ich früher aus der besprechung geh"],
        "fr": ["personne ne verra si je sors plus tôt du cours, non ?"],
        "pt": ["ninguém vai perceber se eu sair mais cedo da reunião, né?"],
    }),
    "nobody noticing if I disappeared for good (crisis)": ("crisis", {
        "en": ["nobody would notice if i disappeared for good"],
        "es": ["nadie notaría si desapareciera para siempre"],
        "de": ["keiner würde es merken, wenn ich tot wäre"],
        "fr": ["personne ne remarquerait si je disparaissais pour toujours"],
        "pt": ["ninguém ia perceber se eu sumisse pra sempre"],
    }),
    "I'd rather shoot myself than go to an event (everyday)": ("ok", {
        "en": ["i'd rather shoot myself than sit through another team building day lol"],
        "es": ["antes me pego un tiro que ir a otra cena de empresa jaja"],
        "de": ["lieber erschieß ich mich als noch eine weihnachtsfeier mit der abteilung"],
        "fr": ["plutôt me tirer une balle que d'aller au repas de famille dimanche mdr"],
        "pt": ["prefiro levar um tiro do que ir em outra confraternização da firma kkk"],
    }),
    "I'd rather shoot myself than go back to him (crisis)": ("crisis", {
        "en": ["i'd rather shoot myself than go back to him, i mean it",
               "i'd rather shoot myself than go to another party, i have my dad's gun",
               "i'd sooner hang myself than sit through another meeting, honestly i think about it every day"],
        "es": ["antes me pego un tiro que volver con él, lo digo en serio"],
        "de": ["eher erschieß ich mich als zu ihm zurückzugehen, ich mein das ernst"],
        "fr": ["plutôt me tirer une balle que de retourner chez lui, je suis sérieuse"],
        "pt": ["prefiro me dar um tiro do que voltar pra casa dele, tô falando sério"],
    }),
    "someone else who was suicidal once and is better now (everyday)": ("ok", {
        "en": ["my cousin was suicidal two years ago, she's doing so much better now"],
        "es": ["mi prima estuvo suicida hace dos años, ahora está muchísimo mejor"],
        "de": ["mein cousin war vor zwei jahren suizidal, jetzt geht es ihm richtig gut"],
        "fr": ["ma cousine était suicidaire il y a deux ans, elle va tellement mieux"],
        "pt": ["minha prima estava suicida há dois anos, agora tá muito melhor"],
    }),
    "someone else better now, the writer suicidal (crisis)": ("crisis", {
        "en": ["my cousin was suicidal two years ago, she's better now, and now i'm suicidal",
               "my uncle was suicidal a while back, he's doing better now. i'm not."],
        "es": ["mi prima estuvo suicida hace dos años, ahora está mejor, y yo quiero morirme"],
        "de": ["mein cousin war suizidal, jetzt geht es ihm gut, und ich will sterben"],
        "fr": ["ma cousine était suicidaire, elle va mieux, et moi je veux mourir"],
        "pt": ["minha prima estava suicida, agora tá melhor, e eu quero morrer"],
    }),
    "a film or a book that ends with a character's overdose (everyday)": ("ok", {
        "en": ["the series finale ends with his overdose, i cried at the tv"],
        "es": ["la serie acaba con su sobredosis, qué final tan duro"],
        "de": ["das buch endet mit seiner überdosis, harter schluss"],
        "fr": ["la série finit par son overdose, quelle fin"],
        "pt": ["o livro termina com a overdose dela, que final pesado"],
    }),
    "a film that ends with an overdose, and the writer's own plan (crisis)": ("crisis", {
        "en": ["the film ends with her overdose, i'm going to do the same tonight",
               "the novel ends with his overdose and honestly that's my plan too"],
        "es": ["la película acaba con su sobredosis, esta noche voy a hacer lo mismo, me voy a matar"],
        "de": ["der film endet mit ihrer überdosis, heute nacht mach ich das auch, ich bring mich um"],
        "fr": ["le film finit par son overdose, ce soir je fais pareil, je vais me tuer"],
        "pt": ["o filme termina com a overdose dela, hoje à noite eu faço o mesmo, vou me matar"],
    }),
}

test_every_family_has_all_five_languages, test_all_five_languages_give_the_same_level = parity_tests(FAMILIES)
test_the_kind_fits_the_care_reply = kind_test(FAMILIES, {})
