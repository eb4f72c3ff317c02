"""Passive wishes in every language, and German said in general constructions: the same answer in all five
languages, and the kind of care the reply is written for.

Rules-only recall on the corpus's train and dev splits was lowest for passive wishes (0.512): not being here any
more said as a condition beside "better off" or "a relief", not wanting to be alive with "just" between the words,
not caring whether one lives or dies, a plane hoped to crash. German held up on train and dev but not on the frozen
test split, so its rules were fitted to sentences rather than to how German is said: a modal particle between the
verb and the word ("ich will halt sterben", "ich wär eh lieber tot"), the verb last in a clause ("dass ich nicht mehr
leben will"), Konjunktiv II ("wär ich doch bloß tot"), "kein Bock mehr aufs Leben", "Schluss machen" with life. Each
family is one such thing said in each language's own idiom, written for this test (not from the corpus), beside the
everyday sayings near it that must stay ok: not being at Tuesday's call, a city one doesn't want to live in, waking
at night, a basil plant, a plane landing on time, quitting smoking for good, names carved into a tree. The blocks
are `rules18b` in `content/safety/<lang>.toml`.
"""

from __future__ import annotations

from tests.bot.safety.parity import kind_test, parity_tests

#: family -> (level every language must give, {language: [sentences]})
FAMILIES: dict[str, tuple[str, dict[str, list[str]]]] = {
    "not being here any more, as a condition beside better off or a relief": ("crisis", {
        "en": ["some nights i think it'd be a relief for everyone if i wasn't around anymore",
               "honestly my family would be better off if i was gone for good"],
        "es": ["algunas noches pienso que para todos sería un alivio si yo ya no estuviera",
               "la verdad mi familia estaría mejor si yo no existiera"],
        "de": ["manchmal denk ich, wenn ich weg wär, wär das für alle ne erleichterung",
               "ehrlich, für meine familie wär's leichter, wenn es mich nicht gäbe"],
        "fr": ["certains soirs je me dis que ce serait un soulagement pour tout le monde si j'étais plus là",
               "franchement ma famille serait mieux si j'existais pas"],
        "pt": ["tem noite que eu penso que seria um alívio pra todo mundo se eu não estivesse mais aqui",
               "sinceramente minha família ficaria melhor se eu não existisse"],
    }),
    "not being somewhere for a day, beside easier": ("ok", {
        "en": ["it would be easier for everyone if I wasn't here on Tuesday, can we move the call"],
        "es": ["sería más fácil para todos si no estuviera aquí el martes, ¿movemos la llamada?"],
        "de": ["es wär für alle leichter, wenn ich am dienstag nicht da wär, können wir den call verschieben",
               "wär besser, wenn ich nicht da wär, bin eh krank"],
        "fr": ["ce serait plus simple pour tout le monde si j'étais pas là mardi, on peut décaler l'appel ?"],
        "pt": ["seria mais fácil pra todo mundo se eu não estivesse aqui na terça, dá pra mudar a call?"],
    }),
    "not wanting to be alive, with just or halt between the words": ("crisis", {
        "en": ["i just don't want to be alive anymore"],
        "es": ["es que solo no quiero estar viva"],
        "de": ["ich will halt einfach nicht mehr leben", "ich würd einfach gern nicht mehr sein",
               "ich bin es so leid, zu leben", "ich hab keinen bock mehr aufs leben"],
        "fr": ["je veux juste plus être en vie", "j'aimerais juste plus être"],
        "pt": ["só não quero mais estar viva"],
    }),
    "wanting to die, with a particle between the words": ("crisis", {
        "en": ["i honestly just want to die"],
        "es": ["la verdad es que solo quiero morirme"],
        "de": ["ich will eh bloß noch sterben", "heute will ich halt einfach sterben", "ich wär eh lieber tot"],
        "fr": ["honnêtement je veux juste mourir"],
        "pt": ["sinceramente só quero morrer"],
    }),
    "not wanting to live in a place, or to wake at night": ("ok", {
        "en": ["I want to stop waking up at night, I sleep so badly"],
        "es": ["quiero dejar de despertarme por la noche, duermo fatal"],
        "de": ["ich will halt nicht mehr in dieser stadt leben, zu teuer", "ich bin es leid, in dieser stadt zu leben",
               "ich will nachts nicht mehr aufwachen, ich schlaf so schlecht"],
        "fr": ["je veux arrêter de me réveiller la nuit, je dors si mal"],
        "pt": ["não quero mais morar nessa cidade, é caro demais"],
    }),
    "not caring any more whether I live or die": ("crisis", {
        "en": ["i don't care anymore whether i live or die"],
        "es": ["ya me da igual vivir o morir"],
        "de": ["mir ist mittlerweile egal, ob ich leb oder sterb"],
        "fr": ["je m'en fous maintenant de vivre ou de mourir"],
        "pt": ["já tanto faz se eu vivo ou morro"],
    }),
    "whether a plant lives or dies": ("ok", {
        "en": ["I don't care if the basil lives or dies, it was a gift"],
        "es": ["me da igual si la albahaca vive o muere, fue un regalo"],
        "de": ["mir ist egal, ob das basilikum überlebt, war ein geschenk"],
        "fr": ["je m'en fiche de savoir si le basilic va vivre ou mourir, c'était un cadeau"],
        "pt": ["tanto faz se o manjericão vive ou morre, foi presente"],
    }),
    "hoping the plane crashes": ("crisis", {
        "en": ["honestly i hope the plane crashes tomorrow"],
        "es": ["la verdad ojalá se estrelle el avión mañana"],
        "de": ["ehrlich, ich hoffe, das flugzeug stürzt morgen ab"],
        "fr": ["franchement j'espère que l'avion va s'écraser demain"],
        "pt": ["sinceramente tomara que o avião caia amanhã"],
    }),
    "hoping the plane lands on time": ("ok", {
        "en": ["i hope the plane lands on time, i have a connection"],
        "es": ["ojalá el avión llegue a tiempo, tengo una conexión"],
        "de": ["ich hoffe, das flugzeug landet pünktlich, ich hab nen anschluss",
               "ich hoffe, das flugzeug stürzt morgen nicht ab, ich hab flugangst"],
        "fr": ["j'espère que l'avion arrive à l'heure, j'ai une correspondance"],
        "pt": ["tomara que o avião chegue no horário, tenho conexão"],
    }),
    "wishing I were dead, Konjunktiv II in German": ("crisis", {
        "en": ["i wish i was dead"],
        "es": ["ojalá estuviera muerta"],
        "de": ["ich wünschte halt, ich wäre einfach tot", "wär ich doch bloß tot",
               "es wär schön, einfach nicht mehr aufzuwachen"],
        "fr": ["j'aimerais être morte"],
        "pt": ["queria estar morta"],
    }),
    "nearly dying of laughter, wishing I'd stayed home": ("ok", {
        "en": ["i nearly died laughing at that video"],
        "es": ["casi me muero de risa con ese vídeo"],
        "de": ["ich wär fast tot vor lachen bei dem video", "wär ich doch bloß zuhause geblieben"],
        "fr": ["j'ai failli mourir de rire avec cette vidéo"],
        "pt": ["quase morri de rir com esse vídeo"],
    }),
    "ending my life for good, Schluss machen with it in German": ("crisis", {
        "en": ["i want to end my life, for good"],
        "es": ["quiero acabar con mi vida, para siempre"],
        "de": ["ich will mit meinem leben schluss machen, für immer", "ich mach halt schluss mit allem, für immer"],
        "fr": ["je veux mettre fin à ma vie, pour de bon"],
        "pt": ["quero acabar com a minha vida, de vez"],
    }),
    "quitting smoking for good, leaving work early": ("ok", {
        "en": ["i'm quitting smoking for good"],
        "es": ["voy a dejar de fumar para siempre"],
        "de": ["ich mach mit dem rauchen schluss, für immer", "ich mach heut früher schluss, hab nen arzttermin"],
        "fr": ["j'arrête de fumer pour de bon"],
        "pt": ["vou parar de fumar de vez"],
    }),
    "what am I still living for": ("crisis", {
        "en": ["what am i even still living for"],
        "es": ["para qué sigo viviendo"],
        "de": ["wozu leb ich überhaupt noch"],
        "fr": ["pourquoi je vis encore"],
        "pt": ["pra que eu ainda tô vivendo"],
    }),
    "why still live with my parents, why study": ("ok", {
        "en": ["what are we even working overtime for"],
        "es": ["para qué estudio si luego no hay trabajo"],
        "de": ["wofür leb ich eigentlich in der stadt, wenn ich nie ausgeh"],
        "fr": ["pourquoi je vis encore chez mes parents à 30 ans"],
        "pt": ["pra que estudar se não tem emprego"],
    }),
    "hurting myself on purpose, German with particles": ("crisis", {
        "en": ["i burned myself on purpose again last night"],
        "es": ["anoche me quemé a propósito otra vez"],
        "de": ["ich hab mich gestern nacht extra verbrannt", "ich tu mir absichtlich weh",
               "ich schneid mich halt wieder"],
        "fr": ["je me suis encore brûlée exprès hier soir"],
        "pt": ["ontem à noite me queimei de propósito de novo"],
    }),
    "a word carved into my own skin": ("crisis", {
        "en": ["i carved a word into my leg last night"],
        "es": ["anoche me grabé una palabra en la pierna"],
        "de": ["hab mir gestern nacht ein wort ins bein geritzt", "ich ritz mir wörter in die haut"],
        "fr": ["hier soir je me suis gravé un mot sur la jambe"],
        "pt": ["ontem à noite eu cortei uma palavra na minha perna"],
    }),
    "names carved into a tree, a word tattooed, dressed up on purpose": ("ok", {
        "en": ["I carved our names into the old oak tree", "I carved a pumpkin with the kids"],
        "es": ["grabé nuestros nombres en el árbol del parque"],
        "de": ["ich hab unsere namen in den baum geritzt", "ich hab mich extra schick gemacht"],
        "fr": ["j'ai gravé nos noms dans l'arbre du parc"],
        "pt": ["gravei nossos nomes na árvore da praça", "tatuei uma palavra no braço, ficou linda"],
    }),
    "hoping a car hits me, or to get cancer": ("crisis", {
        "en": ["i hope i get hit by a car", "i hope i get cancer"],
        "es": ["ojalá me atropelle un coche", "ojalá me dé cáncer"],
        "de": ["ich hoffe, mich fährt ein auto an", "ich hoffe, ich krieg krebs"],
        "fr": ["j'espère qu'une voiture me renverse", "j'espère que j'aurai un cancer"],
        "pt": ["tomara que um carro me atropele", "espero ter um câncer"],
    }),
    "hoping to catch the bus, to get the job, not to get a cold": ("ok", {
        "en": ["I hope I catch the bus"],
        "es": ["ojalá me toque la lotería", "espero que no me dé un resfriado antes del viaje"],
        "de": ["ich hoffe, ich erwisch den bus noch", "ich hoffe, ich krieg den job",
               "ich hoffe, mich trifft der blitz nicht beim wandern"],
        "fr": ["j'espère que j'aurai le poste"],
        "pt": ["tomara que eu pegue o ônibus a tempo"],
    }),
    "if I didn't wake up tomorrow, that would be fine": ("crisis", {
        "en": ["honestly if i didn't wake up tomorrow that would be fine"],
        "es": ["la verdad si mañana no me despertara estaría bien"],
        "de": ["ehrlich, wenn ich morgen nicht aufwach, wär das ok"],
        "fr": ["franchement si je me réveillais pas demain je crois que ça irait"],
        "pt": ["sinceramente se eu não acordasse amanhã tudo bem"],
    }),
    "if I don't wake up in time, call me": ("ok", {
        "en": ["if I don't wake up by seven, call me"],
        "es": ["si no me despierto a las siete, llámame"],
        "de": ["wenn ich nicht aufwache, ruf mich bitte an", "wenn ich morgen nicht aufwach, ist das ok, ich hab frei"],
        "fr": ["si je me réveille pas demain à 7 h, appelle-moi"],
        "pt": ["se eu não acordar às sete, me liga"],
    }),
}

test_every_family_has_all_five_languages, test_all_five_languages_give_the_same_level = parity_tests(FAMILIES)

test_the_kind_fits_the_care_reply = kind_test(FAMILIES, {})
