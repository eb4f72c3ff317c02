"""False alarms on everyday near-miss messages (fa17): each class in all five languages, beside the crisis it nears.

Found among an independent set of everyday near-miss messages: a last message before a trip, "by the time you read
this" over a flight or a scheduled newsletter, a goodbye to an old car or to braces, a cut while dicing onions,
wanting to sleep forever after a long week, "gonna die" over one more review, "can't take it anymore" over the
neighbours' drilling, and in German "bring mich um" over a forgotten lunch. Each family is one class, written for
this test (not from the corpus), beside the sayings nearest it that must stay a crisis. The style of
`test_parity_fa16.py`; the rules are the `fa17` blocks at the end of content/safety/*.toml.
"""

from __future__ import annotations

from tests.bot.safety.parity import parity_tests

#: family -> (level every language must give, or the levels any of which will do, {language: [sentences]})
FAMILIES: dict[str, tuple[str | tuple[str, ...], dict[str, list[str]]]] = {
    "a last message before a trip or a holiday (everyday)": ("ok", {
        "en": ["this is my last message before the flight, boarding in 15 min",
               "last post before the holidays, see you all in january"],
        "es": ["este es mi último mensaje antes de las vacaciones, embarcamos en 15 minutos",
               "último mensaje antes del vuelo, nos vemos a la vuelta"],
        "de": ["das ist meine letzte nachricht vor dem urlaub, boarding in 15 minuten",
               "letzte nachricht vor der reise, bis in zwei wochen"],
        "fr": ["c'est mon dernier message avant les vacances, on embarque dans 15 minutes",
               "dernier message avant le vol, à dans deux semaines"],
        "pt": ["essa é minha última mensagem antes da viagem, embarque em 15 minutos",
               "última mensagem antes das férias, até a volta"],
    }),
    "a last message as a goodbye to life (crisis)": ("crisis", {
        "en": ["this is my last message, goodbye everyone, i'm sorry"],
        "es": ["este es mi último mensaje, adiós a todos para siempre"],
        "de": ["das ist meine letzte nachricht, lebt wohl für immer"],
        "fr": ["c'est mon dernier message, adieu à tous pour toujours"],
        "pt": ["essa é minha última mensagem, adeus pra sempre a todos"],
    }),
    "by the time you read this: a flight or a scheduled note (everyday)": ("ok", {
        "en": ["by the time you read this i'll be on the plane to lisbon",
               "by the time you read this the newsletter will be scheduled and out"],
        "es": ["cuando leas esto ya estaré en el avión a lisboa"],
        "de": ["wenn du das liest, bin ich schon im flugzeug nach lissabon"],
        "fr": ["quand tu liras ça je serai déjà dans l'avion pour lisbonne"],
        "pt": ["quando você ler isso eu já vou estar no avião pra lisboa"],
    }),
    "by the time you read this I'll be gone (crisis)": ("crisis", {
        "en": ["by the time you read this i'll be gone", "by the time you read this i'll be gone, my flight of pills is done"],
        "es": ["cuando leas esto ya estaré muerta"],
        "de": ["wenn ihr das lest, bin ich nicht mehr da"],
        "fr": ["quand vous lirez ceci je ne serai plus là"],
        "pt": ["quando vocês lerem isso eu não vou estar mais aqui"],
    }),
    "goodbye to a thing: an old car, braces, wisdom teeth (everyday)": ("ok", {
        "en": ["said goodbye to my old bike today, sold it to a neighbour", "goodbye forever, my dear braces"],
        "es": ["hoy me despedí de mi vieja bici, se la vendí a un vecino", "adiós para siempre, mis queridos brackets"],
        "de": ["heute hab ich mich von meinem alten fahrrad verabschiedet, an den nachbarn verkauft",
               "lebt wohl für immer, meine lieben weisheitszähne"],
        "fr": ["aujourd'hui j'ai dit adieu à mon vieux vélo, vendu au voisin", "adieu pour toujours, mes chères dents de sagesse"],
        "pt": ["hoje me despedi da minha bicicleta velha, vendi pro vizinho", "adeus pra sempre, meu aparelho querido"],
    }),
    "goodbye forever to everyone (crisis)": ("crisis", {
        "en": ["goodbye forever everyone"],
        "es": ["adiós para siempre a todos"],
        "de": ["lebt wohl für immer, ihr alle"],
        "fr": ["c'est mon adieu pour toujours"],
        "pt": ["adeus pra sempre galera"],
    }),
    "a kitchen cut: dicing onions, a new knife (everyday)": ("ok", {
        "en": ["new knife arrived, already cut myself a tiny bit dicing onions lol",
               "burned myself on the baking tray again"],
        "es": ["me corté un poco picando zanahorias jaja"],
        "de": ["hab mich beim karottenschneiden ein bisschen geschnitten"],
        "fr": ["je me suis coupé un peu en épluchant les carottes mdr"],
        "pt": ["me cortei um pouco picando cenoura kkk"],
    }),
    "cutting oneself on purpose (crisis)": ("crisis", {
        "en": ["i cut myself again last night on purpose"],
        "es": ["anoche me volví a cortar a propósito"],
        "de": ["ich hab mich gestern wieder geritzt"],
        "fr": ["je me suis encore scarifiée hier soir"],
        "pt": ["me cortei de propósito de novo ontem à noite"],
    }),
    "sleep wanted after a tiring week (everyday)": ("ok", {
        "en": ["i want to sleep forever after this week, weekend is for naps",
               "could sleep forever after these night shifts"],
        "es": ["quiero dormir para siempre después de esta semana, el finde es para siestas"],
        "de": ["nach dieser woche will ich einfach für immer schlafen", "für immer schlafen nach dieser woche, echt"],
        "fr": ["j'ai envie de dormir pour toujours après cette semaine, le week-end c'est pour les siestes"],
        "pt": ["quero dormir pra sempre depois dessa semana, fim de semana é pra cochilar"],
    }),
    "sleep forever and never wake up (crisis)": ("crisis", {
        "en": ["i want to sleep forever and never wake up", "i want to sleep forever after this week and never wake up"],
        "es": ["quiero dormir para siempre y no despertar nunca"],
        "de": ["ich will für immer schlafen und nicht mehr aufwachen"],
        "fr": ["je veux dormir pour toujours et ne plus jamais me réveiller"],
        "pt": ["quero dormir pra sempre e nunca mais acordar"],
    }),
    "a chore as the reason: one more review or meeting (everyday, the gentle word at most)": (("ok", "gentle"), {
        "en": ["if i have to sit through one more quarterly review i'm gonna die",
               "if i have to attend another budget meeting i'm going to die"],
        "es": ["si tengo que aguantar otra reunión de presupuesto me muero"],
        "de": ["wenn ich noch ein budgetmeeting durchsitzen muss, sterbe ich"],
        "fr": ["si je dois encore me taper une réunion budget je vais mourir"],
        "pt": ["se eu tiver que aguentar mais uma reunião de orçamento eu vou morrer"],
    }),
    "wanting to die, no chore in sight (crisis)": ("crisis", {
        "en": ["honestly i just want to die"],
        "es": ["la verdad solo quiero morirme"],
        "de": ["ehrlich gesagt will ich einfach sterben"],
        "fr": ["franchement je veux juste mourir"],
        "pt": ["sinceramente eu só quero morrer"],
    }),
    "a noise one can't take anymore: drilling, barking (everyday)": ("ok", {
        "en": ["i can't take it anymore, the neighbours' drilling has been going since 7am",
               "can't stand it any longer, the dog upstairs has been barking all night"],
        "es": ["ya no aguanto más, los vecinos llevan taladrando desde las 7",
               "no aguanto más, el ruido de la obra de al lado"],
        "de": ["ich halt das nicht mehr aus, die nachbarn bohren seit sieben uhr"],
        "fr": ["j'en peux plus, les voisins percent depuis 7h du matin", "j'en peux plus, le bruit du chantier d'à côté"],
        "pt": ["não aguento mais, os vizinhos tão furando parede desde as 7 da manhã",
               "não aguento mais, o barulho da obra do lado"],
    }),
    "can't take it anymore, said of one's life (crisis)": ("crisis", {
        "en": ["i can't take it anymore, i want to die", "i can't take it anymore, the noise in my head never stops",
               "i can't take it anymore, the neighbours, everything, i want to die"],
        "es": ["ya no aguanto más, quiero morirme", "ya no aguanto más, el ruido en mi cabeza no para"],
        "de": ["ich halt das nicht mehr aus, ich will sterben"],
        "fr": ["j'en peux plus, je veux mourir", "j'en peux plus, le bruit dans ma tête"],
        "pt": ["não aguento mais, quero morrer", "não aguento mais, o barulho na minha cabeça"],
    }),
    "kill me, over a slip of one's own (everyday)": ("ok", {
        "en": ["kill me, forgot my lunch at home again"],
        "es": ["mátame, otra vez me dejé la comida en casa"],
        "de": ["bring mich um, hab schon wieder mein mittagessen zuhause vergessen",
               "bring mich um, schlüssel schon wieder liegen lassen"],
        "fr": ["tuez-moi, j'ai encore oublié mon déjeuner à la maison"],
        "pt": ["me mata, esqueci o almoço em casa de novo"],
    }),
    "killing oneself, said of oneself (crisis)": ("crisis", {
        "en": ["i'm going to kill myself tonight"],
        "es": ["me voy a matar esta noche"],
        "de": ["ich bring mich heute nacht um"],
        "fr": ["je vais me tuer ce soir"],
        "pt": ["vou me matar hoje à noite"],
    }),
}

test_every_family_has_all_five_languages, test_all_five_languages_give_the_same_level = parity_tests(FAMILIES)


def test_the_chore_is_the_gentle_word_where_the_phrase_is_caught(screen) -> None:
    """In English "gonna die" is a phrase of the screen: the chore beside it makes it the gentle word, not ok."""
    assert screen.check("if i have to sit through one more quarterly review i'm gonna die").level == "gentle"
