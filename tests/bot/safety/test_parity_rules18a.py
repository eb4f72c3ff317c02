"""Farewells and plans said with everyday words, where a word of death or of the reason makes them a crisis: the same
answer in all five languages, beside the everyday sayings near them that must stay ok.

Rules-only recall on the corpus's train and dev splits was lowest for farewells and for plans and means. Many of
those messages use words of everyday life (a note left to be read, pills kept, a last post, leaving a group), and an
earlier try that let such words alone raise an answer fired on everyday talk (a prescription collected, a goodbye at
work). So each family here is a farewell or a plan whose danger is carried by a word of death or of the reason: a
note to be read when one is already dead, or gone beside "I couldn't live like this"; pills kept with "never took
one" and "I know why I kept them", or enough pills to die; a last post asking for love to be passed on in the past
tense; the last time you'll hear from me beside "it wasn't your fault"; leaving "not the group, everything". Beside
each, the everyday sayings that share its words must stay ok: a note left before a day at the beach, "dead tired",
painkillers kept in the first-aid kit for a knee, sleeping pills so as not to wake at three, the last post of the
year, leaving a server for a new town. Sentences were written for this test, not taken from the corpus. The blocks
are `rules18a` in `content/safety/<lang>.toml`.
"""

from __future__ import annotations

from tests.bot.safety.parity import kind_test, parity_tests

#: family -> (level every language must give, {language: [sentences]})
FAMILIES: dict[str, tuple[str, dict[str, list[str]]]] = {
    "a note read after one's death: if you're reading this I'm already dead": ("crisis", {
        "en": ["when you find this letter i'll already be dead. i'm sorry mum",
               "if you are reading this then i'm already dead, please don't cry"],
        "es": ["cuando encontréis esta carta ya estaré muerta. lo siento mamá",
               "si alguien lee esto es que ya estoy muerto, no lloréis"],
        "de": ["wenn ihr diesen brief findet, bin ich schon tot. tut mir leid mama",
               "falls jemand das liest, bin ich wahrscheinlich schon tot, bitte nicht weinen"],
        "fr": ["quand vous trouverez cette lettre je serai déjà morte. pardon maman",
               "si quelqu'un lit ça c'est que je suis déjà mort, pleurez pas"],
        "pt": ["quando vocês acharem essa carta eu já vou estar morta. desculpa mãe",
               "se alguém ler isso é porque eu já morri, não chorem"],
    }),
    "a note read after one is gone, beside a word of death": ("crisis", {
        "en": ["if you're reading this i've already gone. i couldn't live with it anymore"],
        "es": ["si estás leyendo esto ya me he ido. no podía seguir viviendo así, perdóname"],
        "de": ["wenn du das liest, bin ich schon weg. ich konnte so nicht mehr leben, verzeih mir"],
        "fr": ["si tu lis ça je suis déjà partie. je pouvais plus vivre comme ça, pardonne-moi"],
        "pt": ["se você tá lendo isso eu já fui. eu não aguentava mais essa vida, me perdoa"],
    }),
    "pills kept untaken, the reason known": ("crisis", {
        "en": ["they gave me a box of painkillers after the operation and i never took one. "
               "i know exactly why i kept them"],
        "es": ["me dieron una caja de calmantes después de la operación y no me tomé ni uno. "
               "sé muy bien para qué los guardo"],
        "de": ["nach der op hab ich ne packung schmerzmittel gekriegt und keine davon genommen. "
               "ich weiß genau warum ich die aufgehoben hab"],
        "fr": ["après l'opération on m'a donné une boîte d'antidouleurs et j'en ai jamais pris. "
               "je sais très bien pourquoi je les ai gardés"],
        "pt": ["me deram uma caixa de analgésicos depois da cirurgia e não tomei nenhum. "
               "sei muito bem por que guardei"],
    }),
    "a last post that passes on love in the past tense": ("crisis", {
        "en": ["this is my last post here. tell my brother that i loved him"],
        "es": ["este es mi último mensaje aquí. decidle a mi hermano que lo quería mucho"],
        "de": ["das ist mein letzter post hier. sagt meinem bruder, dass ich ihn lieb hatte"],
        "fr": ["c'est mon dernier message ici. dites à mon frère que je l'aimais"],
        "pt": ["essa é minha última mensagem aqui. falem pro meu irmão que eu amava ele"],
    }),
    "the last time you'll hear from me, beside 'it wasn't your fault'": ("crisis", {
        "en": ["this is the last time you will hear from me. none of this was your fault"],
        "es": ["esta es la última vez que sabréis de mí. nada de esto fue culpa vuestra"],
        "de": ["das ist das letzte mal, dass ihr von mir hört. es war nicht eure schuld"],
        "fr": ["c'est la dernière fois que vous aurez de mes nouvelles. c'est pas votre faute"],
        "pt": ["é a última vez que vocês vão ter notícias minhas. não foi culpa de vocês"],
    }),
    "leaving: not the group, everything": ("crisis", {
        "en": ["i'm leaving. not the server, everything. you were good to me"],
        "es": ["me voy. no del servidor, de todo. fuisteis buenos conmigo"],
        "de": ["ich geh. nicht aus dem server, von allem. ihr wart gut zu mir"],
        "fr": ["je m'en vais. pas du serveur, de tout. vous avez été bons avec moi"],
        "pt": ["tô indo embora. não do servidor, de tudo. vocês foram bons comigo"],
    }),
    "enough pills to die or not to wake up": ("crisis", {
        "en": ["i finally have enough sleeping pills to die"],
        "es": ["por fin tengo suficientes pastillas para morirme"],
        "de": ["endlich hab ich genug schlaftabletten, um zu sterben"],
        "fr": ["j'ai enfin assez de somnifères pour mourir"],
        "pt": ["finalmente tenho comprimidos suficientes pra morrer"],
    }),
    "everyday: a note left before a day out, and 'dead tired'": ("ok", {
        "en": ["if you're reading this i'm already at the beach, the keys are with jo",
               "if you're reading this i'm already dead tired, shift ran late, call you tomorrow"],
        "es": ["si estás leyendo esto ya estoy en la playa, las llaves las tiene jo",
               "si lees esto estoy muerto de sueño, el turno se alargó, te llamo mañana"],
        "de": ["wenn du das liest, bin ich schon am strand, die schlüssel hat jo",
               "wenn du das liest, bin ich todmüde, die schicht ging länger, ruf dich morgen an"],
        "fr": ["si tu lis ça je suis déjà à la plage, les clés c'est jo qui les a",
               "si tu lis ça je suis mort de fatigue, le service a traîné, je t'appelle demain"],
        "pt": ["se você tá lendo isso eu já tô na praia, as chaves tão com a jo",
               "se você tá lendo isso eu tô morto de sono, o plantão atrasou, te ligo amanhã"],
    }),
    "everyday: painkillers kept in the first-aid kit, and what they're for": ("ok", {
        "en": ["kept the painkillers from the operation in the first aid kit, i know what they're for if the knee "
               "flares up"],
        "es": ["guardé los calmantes de la operación en el botiquín, sé para qué son si la rodilla se queja"],
        "de": ["hab die schmerzmittel von der op in den verbandskasten getan, ich weiß wofür die sind wenn das knie "
               "wieder zickt"],
        "fr": ["j'ai rangé les antidouleurs de l'opération dans la trousse, je sais à quoi ils servent si le genou "
               "recommence"],
        "pt": ["guardei os analgésicos da cirurgia no kit de primeiros socorros, sei pra que servem se o joelho "
               "voltar a doer"],
    }),
    "everyday: a sleeping pill so as not to wake at three": ("ok", {
        "en": ["the doctor gave me enough sleeping pills to not wake up at 3am every night, "
               "finally sleeping through"],
        "es": ["la médica me dio suficientes pastillas para no despertarme a las tres cada noche, por fin duermo"],
        "de": ["die ärztin hat mir genug schlaftabletten gegeben, um nicht mehr um drei aufzuwachen, "
               "endlich schlaf ich durch"],
        "fr": ["le médecin m'a donné assez de somnifères pour ne pas me réveiller à trois heures, "
               "enfin des nuits complètes"],
        "pt": ["a médica me deu comprimidos suficientes pra não acordar às três toda noite, "
               "finalmente durmo direito"],
    }),
    "everyday: the last post of the year, and a loved joke passed on": ("ok", {
        "en": ["last post of the year from me! tell grandpa i loved his jokes at dinner"],
        "es": ["¡último mensaje del año! decidle al abuelo que me encantaron sus chistes en la cena"],
        "de": ["letzter post des jahres von mir! sagt opa, dass ich seine witze beim essen geliebt hab"],
        "fr": ["dernier message de l'année ! dites à papi que j'ai adoré ses blagues au dîner"],
        "pt": ["último post do ano! falem pro vô que eu amei as piadas dele no jantar"],
    }),
    "everyday: leaving, not the server, the town": ("ok", {
        "en": ["i'm leaving. not the server, the town. new job in york"],
        "es": ["me voy. no del servidor, de la ciudad. trabajo nuevo en bilbao"],
        "de": ["ich geh. nicht aus dem server, aus der stadt. neuer job in bremen"],
        "fr": ["je m'en vais. pas du serveur, de la ville. nouveau boulot à nantes"],
        "pt": ["tô indo embora. não do servidor, da cidade. emprego novo em recife"],
    }),
}

#: every crisis family here is the writer's own danger
KIND: dict[str, str] = {}

test_every_family_has_all_five_languages, test_all_five_languages_give_the_same_level = parity_tests(FAMILIES)

test_the_kind_fits_the_care_reply = kind_test(FAMILIES, KIND)
