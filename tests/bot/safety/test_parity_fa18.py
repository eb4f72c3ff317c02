"""False alarms on everyday near-miss messages (fa18): each class in all five languages, beside the crisis it nears.

Found among an independent set of everyday near-miss messages: "I want to die" laughed at over an embarrassment, a
window joke that gives itself away (the ground floor), one more merge conflict, a crime story or a prevention week or
a first-aid course about the subject, an overdose of Netflix, self-harm told as long ago and over, "not that I want
to die", a goodbye from a role or with a return said, a goodbye to an old car, ready to go with a suitcase, and a
nose read as a noose (the screen squeezes doubled letters: "noose" and "nose" are one word to it). Each family is one
class, written for this test (not from the corpus nor from the near-miss set), beside the sayings nearest it that
must stay a crisis. The style of `test_parity_fa17.py`; the rules are the `fa18` blocks at the end of
content/safety/*.toml (and `selfkill.method`'s noose phrases, `[negation]` of en.toml).

A laugh never makes a message ok: beside an embarrassment it makes the gentle word, since people also mask a crisis
with "lol"; a laugh alone, or shame without a laugh, stays the alarm.
"""

from __future__ import annotations

from tests.bot.safety.parity import kind_test, parity_tests

#: family -> (level every language must give, or the levels any of which will do, {language: [sentences]})
FAMILIES: dict[str, tuple[str | tuple[str, ...], dict[str, list[str]]]] = {
    "a laugh beside an embarrassment (gentle)": ("gentle", {
        "en": ["sent the voice note to the wrong group chat, i want to die lmao",
               "tripped in front of the whole class, so embarrassing, i want to die 😂"],
        "es": ["le mandé el audio al grupo equivocado, qué vergüenza, me quiero morir jajaja"],
        "de": ["hab die sprachnachricht in die falsche gruppe geschickt, so peinlich, ich will sterben haha"],
        "fr": ["j'ai envoyé le vocal dans le mauvais groupe, trop gênant, je veux mourir mdr"],
        "pt": ["mandei o áudio no grupo errado, que vergonha, quero morrer kkkk"],
    }),
    "a laugh alone, or shame without a laugh (crisis)": ("crisis", {
        "en": ["i want to die lmao", "i'm so ashamed of who i am, i want to die"],
        "es": ["me quiero morir jajaja", "me da tanta vergüenza ser yo, me quiero morir"],
        "de": ["ich will sterben haha", "ich schäme mich so für mich, ich will sterben"],
        "fr": ["je veux mourir mdr", "j'ai tellement honte de moi, je veux mourir"],
        "pt": ["quero morrer kkkk", "tenho tanta vergonha de mim, quero morrer"],
    }),
    "wanting to disappear over an embarrassment (everyday)": (("ok", "gentle"), {
        "en": ["waved back at someone who wasn't waving at me, so embarrassing, i wanted to disappear"],
        "es": ["saludé a alguien que no me saludaba a mí, qué vergüenza, quería desaparecer"],
        "de": ["hab jemandem zurückgewinkt, der gar nicht mich meinte, so peinlich, ich wollte einfach verschwinden"],
        "fr": ["j'ai fait coucou à quelqu'un qui saluait quelqu'un d'autre, la honte, je voulais disparaître"],
        "pt": ["acenei pra alguém que não tava acenando pra mim, que vergonha, queria sumir"],
    }),
    "wanting to disappear for good (crisis)": ("crisis", {
        "en": ["i want to disappear forever, nobody would notice"],
        "es": ["quiero desaparecer para siempre, nadie lo notaría"],
        "de": ["ich will für immer verschwinden, niemand würde es merken"],
        "fr": ["je veux disparaître pour toujours, personne ne le remarquerait"],
        "pt": ["quero sumir pra sempre, ninguém ia perceber"],
    }),
    "a window joke that gives itself away: the ground floor (everyday)": (("ok", "gentle"), {
        "en": ["i'm going to jump out of the window, relax, we're on the ground floor lol"],
        "es": ["me voy a tirar por la ventana, tranquis que vivo en un bajo jaja"],
        "de": ["ich spring gleich aus dem fenster, keine sorge, erdgeschoss haha"],
        "fr": ["je vais sauter par la fenêtre, t'inquiète je suis au rez-de-chaussée mdr"],
        "pt": ["vou pular da janela, relaxa que moro no térreo kkk"],
    }),
    "one more chore named as the reason, mid-sentence (everyday)": (("ok", "gentle"), {
        "en": ["if i see one more failing test today i'm jumping out the window"],
        "es": ["si veo un bug más hoy me tiro por la ventana"],
        "de": ["wenn ich heute noch ein ticket krieg, spring ich aus dem fenster"],
        "fr": ["si je vois encore un bug aujourd'hui je me jette par la fenêtre"],
        "pt": ["se eu ver mais um bug hoje eu pulo da janela"],
    }),
    "jumping out of a window tonight (crisis)": ("crisis", {
        "en": ["i'm going to jump out of the window tonight"],
        "es": ["esta noche me tiro por la ventana"],
        "de": ["heute nacht spring ich aus dem fenster"],
        "fr": ["ce soir je vais sauter par la fenêtre"],
        "pt": ["hoje à noite vou pular da janela"],
    }),
    "a crime story or a series where a suicide is the plot (not the alarm)": (("ok", "gentle"), {
        "en": ["binge-watching a detective show where the suicide was really a murder"],
        "es": ["viendo una serie policiaca donde el suicidio en realidad era un asesinato"],
        "de": ["ich lese einen krimi, in dem der suizid in wahrheit ein mord war"],
        "fr": ["je lis un polar où le suicide était en fait un meurtre"],
        "pt": ["vendo uma série policial em que o suicídio na verdade era um assassinato"],
    }),
    "thinking of one's own suicide beside a story (crisis)": ("crisis", {
        "en": ["i've been thinking about suicide ever since i finished that detective show"],
        "es": ["desde que terminé esa serie policiaca pienso en suicidarme"],
        "de": ["seit ich den krimi gelesen hab, will ich mich umbringen"],
        "fr": ["depuis que j'ai fini ce polar je pense à me suicider"],
        "pt": ["desde que terminei essa série policial penso em me matar"],
    }),
    "a prevention week, a first-aid course: an overdose in general (not the alarm)": (("ok", "gentle"), {
        "en": ["first aid course at work today: what to do if a colleague has an overdose",
               "the paper says there's been a rise in opioid overdoses downtown"],
        "es": ["curso de primeros auxilios en el trabajo: qué hacer si un compañero tiene una sobredosis"],
        "de": ["erste-hilfe-kurs in der arbeit: was tun, wenn ein kollege eine überdosis hat",
               "diese woche ist suizidpräventionswoche an der uni"],
        "fr": ["formation aux premiers secours au boulot : quoi faire si un collègue fait une overdose"],
        "pt": ["curso de primeiros socorros no trabalho: o que fazer se um colega tiver uma overdose"],
    }),
    "an overdose of one's own (crisis)": ("crisis", {
        "en": ["i took an overdose last night", "what happens if i take an overdose tonight"],
        "es": ["anoche tomé una sobredosis de pastillas"],
        "de": ["ich will heute eine überdosis nehmen"],
        "fr": ["j'ai fait une overdose de médicaments hier soir"],
        "pt": ["tomei uma overdose de remédios ontem à noite"],
    }),
    "an overdose of something harmless (everyday)": ("ok", {
        "en": ["overdosed on christmas cookies again"],
        "es": ["sobredosis de series este finde"],
        "de": ["überdosis serien am wochenende"],
        "fr": ["overdose de séries ce week-end"],
        "pt": ["overdose de doramas esse fim de semana"],
    }),
    "self-harm told as long ago and over (everyday)": ("ok", {
        "en": ["when i was 15 i hurt myself a lot, that was years ago and i'm okay now"],
        "es": ["con 15 años me hacía daño, hace mucho, ahora estoy bien"],
        "de": ["mit 15 hab ich mich verletzt, das ist ewig her, heute geht's mir gut"],
        "fr": ["à 15 ans je me faisais du mal, c'est loin, aujourd'hui ça va"],
        "pt": ["com 15 anos eu me machucava, faz muito tempo, hoje estou bem"],
    }),
    "self-harm now, or back after long ago (crisis)": ("crisis", {
        "en": ["i cut myself again last night", "as a teen i cut myself, and last night i cut myself again"],
        "es": ["anoche me volví a cortar los brazos"],
        "de": ["ich hab mich gestern wieder geritzt"],
        "fr": ["je me suis encore scarifiée hier soir"],
        "pt": ["me cortei de propósito de novo ontem à noite"],
    }),
    "not that I want to die (a disclaimer)": ("ok", {
        "en": ["not that i want to die or anything, mondays are just rough"],
        "es": ["no es que quiera morirme ni nada, solo que los lunes son duros"],
        "de": ["nicht dass du denkst, ich will sterben oder so, montage sind halt hart"],
        "fr": ["c'est pas que j'ai envie de mourir hein, c'est juste les lundis"],
        "pt": ["não que eu queira morrer nem nada, só que segunda é pesado"],
    }),
    "the wish said after a disclaimer (crisis)": ("crisis", {
        "en": ["not that anyone cares, i want to die"],
        "es": ["no es que le importe a nadie, pero quiero morirme"],
        "de": ["nicht dass es jemanden interessiert, ich will sterben"],
        "fr": ["c'est pas que ça intéresse quelqu'un, mais je veux mourir"],
        "pt": ["não que alguém ligue, mas eu quero morrer"],
    }),
    "a last message from a role, or with a return said (everyday)": ("ok", {
        "en": ["this is my last post as admin, handing over to sam, see you around",
               "this is goodbye from me for the summer, back in october"],
        "es": ["este es mi último mensaje como admin, se lo paso a sam, nos vemos por aquí"],
        "de": ["das ist meine letzte nachricht als admin, ich übergebe an sam, wir sehen uns"],
        "fr": ["c'est mon dernier message en tant qu'admin, je passe la main à sam, on se voit"],
        "pt": ["essa é minha última mensagem como admin, passo pra sam, a gente se vê"],
    }),
    "a last message as a farewell (crisis)": ("crisis", {
        "en": ["this is my last message, i'm sorry for everything, goodbye forever"],
        "es": ["este es mi último mensaje, perdón por todo, adiós para siempre"],
        "de": ["das ist meine letzte nachricht, es tut mir leid, lebt wohl für immer"],
        "fr": ["c'est mon dernier message, pardon pour tout, adieu pour toujours"],
        "pt": ["essa é minha última mensagem, desculpa por tudo, adeus pra sempre"],
    }),
    "goodbye to an old car of any make (everyday)": ("ok", {
        "en": ["said goodbye to my old corolla today, 300k km, she earned her rest"],
        "es": ["hoy me despedí de mi viejo corolla, 300 mil kilómetros"],
        "de": ["heute hab ich mich von meinem alten corolla verabschiedet, 300 tausend kilometer"],
        "fr": ["aujourd'hui j'ai dit adieu à ma vieille corolla, 300 000 km"],
        "pt": ["hoje me despedi do meu velho corolla, 300 mil km"],
    }),
    "ready to go, with a suitcase or a trip said (everyday)": ("ok", {
        "en": ["ready to go, suitcase packed 🧳"],
        "es": ["lista para irme, maleta hecha 🧳", "listo para irme al aeropuerto ✈️"],
        "de": ["bereit zum abflug, koffer gepackt 🧳"],
        "fr": ["prête à partir, valise bouclée 🧳"],
        "pt": ["pronta pra ir, mala feita 🧳"],
    }),
    "ready to die (crisis)": ("crisis", {
        "en": ["i'm ready to die"],
        "es": ["estoy lista para irme para siempre, perdón", "estoy lista para morir"],
        "de": ["ich bin bereit zu sterben"],
        "fr": ["je suis prête à mourir"],
        "pt": ["estou pronta pra morrer"],
    }),
    "a nose, not a noose (everyday)": ("ok", {
        "en": ["took an elbow to the nose at basketball, nose is fine", "i have a nose piercing now"],
        "es": ["nose q hacer hoy, todo me aburre", "me di un golpe en la nariz con la puerta"],
        "de": ["hab beim fußball einen ball auf die nase gekriegt, nase ist okay"],
        "fr": ["j'ai pris un ballon dans le nez au foot, mon nez va bien"],
        "pt": ["levei uma bolada no nariz no futebol, o nariz tá bem"],
    }),
    "a noose made ready (crisis)": ("crisis", {
        "en": ["i tied a noose last night", "the noose is ready"],
        "es": ["anoche até una soga para ahorcarme"],
        "de": ["ich will mich aufhängen, der strick ist schon gekauft"],
        "fr": ["j'ai fait un nœud coulant pour me pendre"],
        "pt": ["fiz uma forca pra me enforcar ontem"],
    }),
}

test_every_family_has_all_five_languages, test_all_five_languages_give_the_same_level = parity_tests(FAMILIES)
test_the_kind_fits_the_care_reply = kind_test(FAMILIES, {})
