"""Someone else in danger now and farewells: the same answer in all five languages, and the kind of care the reply
is written for.

Rules-only recall on the corpus's train and dev splits was low for someone else in danger now said by where they
are ("she says she's on the bridge"), by what they stopped or threw away (insulin on purpose, pills in the bin "to
go now"), by a locked door with silence after a goodbye post, or by a neighbour screaming for help; and for
farewells said as things one won't need any more, a wedding one won't be at, who gets what, "it wasn't her fault",
or something said "before I go". Each family is one such thing said in each language's own idiom, written for this
test (not from the corpus), beside the everyday sayings near it that must stay ok: a dad on the roof cleaning the
gutters, a last post before a holiday, a guitar given away after recovery, a locked office door.
The blocks are `rules16d` in `content/safety/<lang>.toml`.
"""

from __future__ import annotations

from tests.bot.safety.parity import kind_test, parity_tests

#: family -> (level every language must give, {language: [sentences]})
FAMILIES: dict[str, tuple[str, dict[str, list[str]]]] = {
    "someone else who says they're on the bridge or calls from the roof": ("crisis", {
        "en": ["my cousin just rang, she says she's on the railway bridge and it's dark"],
        "es": ["mi prima me ha llamado, dice que está en el puente del tren y es de noche"],
        "de": ["meine cousine hat angerufen, sie sagt sie steht auf der brücke am bahnhof"],
        "fr": ["ma cousine vient d'appeler, elle dit qu'elle est sur le pont de la gare"],
        "pt": ["minha prima ligou, ela disse que tá na ponte da estação"],
    }),
    "someone else off their insulin on purpose": ("crisis", {
        "en": ["my uncle stopped his insulin on purpose last week and won't see a doctor"],
        "es": ["mi tío dejó la insulina aposta la semana pasada y no quiere ir al médico"],
        "de": ["mein onkel hat letzte woche absichtlich sein insulin abgesetzt und will zu keinem arzt"],
        "fr": ["mon oncle a arrêté son insuline exprès la semaine dernière et veut voir personne"],
        "pt": ["meu tio parou a insulina de propósito semana passada e não quer ir no médico"],
    }),
    "someone else behind a locked door after a goodbye, silent": ("crisis", {
        "en": ["my flatmate changed her bio to see you never, her door is locked and she's not answering"],
        "es": ["mi compi cambió su bio a hasta nunca, la puerta está cerrada con llave y no contesta"],
        "de": ["mein mitbewohner hat seinen status auf bis nie gesetzt, die tür ist abgeschlossen und er antwortet nicht"],
        "fr": ["ma coloc a changé sa bio en à jamais, la porte est fermée à clé et elle répond pas"],
        "pt": ["minha colega mudou o status pra até nunca, a porta tá trancada e ela não atende"],
    }),
    "a neighbour screaming for help": ("crisis", {
        "en": ["the woman upstairs is screaming for help and something just smashed"],
        "es": ["la vecina de arriba está gritando pidiendo ayuda y algo se acaba de romper"],
        "de": ["die nachbarin über uns schreit um hilfe und gerade ist was zerbrochen"],
        "fr": ["la voisine du dessus crie à l'aide et un truc vient de se casser"],
        "pt": ["a vizinha de cima tá gritando por socorro e alguma coisa acabou de quebrar"],
    }),
    "giving things away: I won't need them any more": ("crisis", {
        "en": ["my sister can have my records, i won't need them anymore"],
        "es": ["mi hermana se puede quedar con mis discos, ya no los voy a necesitar"],
        "de": ["meine schwester kann meine platten haben, brauch ich eh nicht mehr"],
        "fr": ["ma sœur peut garder mes vinyles, j'en aurai plus besoin"],
        "pt": ["minha irmã pode ficar com meus discos, não vou mais precisar"],
    }),
    "who gets what, and it wasn't her fault": ("crisis", {
        "en": ["wrote down who gets what. tell mum none of this was her fault"],
        "es": ["he apuntado quién se queda con qué. decidle a mi madre que nada de esto fue culpa suya"],
        "de": ["hab aufgeschrieben wer was kriegt. sagt meiner mutter, nichts davon war ihre schuld"],
        "fr": ["j'ai noté qui aura quoi. dites à ma mère que c'était pas sa faute"],
        "pt": ["anotei quem fica com o quê. fala pra minha mãe que nada disso foi culpa dela"],
    }),
    "wanted to say it before I go": ("crisis", {
        "en": ["you were the kindest people i know, wanted to tell you before i go"],
        "es": ["habéis sido la gente más buena que conozco, quería decíroslo antes de irme"],
        "de": ["ihr wart die liebsten menschen die ich kenne, wollte das sagen bevor ich geh"],
        "fr": ["vous êtes les gens les plus gentils que je connais, je voulais vous le dire avant de partir"],
        "pt": ["vocês foram as pessoas mais legais que eu conheço, queria dizer isso antes de ir"],
    }),
    "someone else going to join a grandparent who died": ("crisis", {
        "en": ["my grandma keeps saying she's going to join grandpa soon"],
        "es": ["mi abuela no para de decir que se va con el abuelo pronto"],
        "de": ["meine oma sagt ständig, sie geht bald zu opa"],
        "fr": ["ma grand-mère répète qu'elle va bientôt rejoindre papi"],
        "pt": ["minha avó fica dizendo que vai encontrar o vovô logo"],
    }),
    "someone else says sorry for everything, then doesn't pick up": ("crisis", {
        "en": ["my brother texted me sorry for everything, look after mum, and now he's not answering"],
        "es": ["mi hermano me escribió \"perdón por todo, cuida de mamá\" y ahora no contesta"],
        "de": ["mein bruder hat \"sorry für alles, pass auf mama auf\" geschrieben und geht nicht ran"],
        "fr": ["mon frère m'a envoyé \"pardon pour tout, occupe-toi de maman\" et il répond pas"],
        "pt": ["meu irmão mandou \"desculpa por tudo, cuida da mãe\" e agora não atende"],
    }),
    "thanks for everything after a party, a bus stop by the bridge": ("ok", {
        "en": ["thanks for everything tonight, see you at practice on tuesday", "the night bus stops at the bridge, i'll walk from there"],
        "es": ["gracias por todo esta noche, nos vemos el martes en el entreno", "el búho para en el puente, de ahí voy andando"],
        "de": ["danke für alles heute abend, bis dienstag beim training", "der nachtbus hält an der brücke, von da lauf ich"],
        "fr": ["merci pour tout ce soir, à mardi à l'entraînement", "le bus de nuit s'arrête au pont, je marche depuis là"],
        "pt": ["obrigada por tudo hoje, até terça no treino", "o ônibus da madrugada para na ponte, de lá eu vou a pé"],
    }),
    "a goodbye message: tell dad I loved him": ("crisis", {
        "en": ["this is my goodbye message. tell my dad i loved him"],
        "es": ["este es mi mensaje de despedida. decidle a mi padre que lo quería"],
        "de": ["das ist meine abschiedsnachricht. sagt papa, dass ich ihn lieb hatte"],
        "fr": ["c'est mon message d'adieu. dites à mon père que je l'aimais"],
        "pt": ["essa é minha mensagem de despedida. fala pro meu pai que eu amava ele"],
    }),
    "something given away: it's better this way for everyone": ("crisis", {
        "en": ["gave my bike to my neighbour's kid, it's better this way for everyone"],
        "es": ["le di mi bici al niño del vecino, así es mejor para todos"],
        "de": ["hab mein fahrrad dem nachbarskind gegeben, so ist's für alle besser"],
        "fr": ["j'ai donné mon vélo au petit voisin, c'est mieux comme ça pour tout le monde"],
        "pt": ["dei minha bicicleta pro filho do vizinho, assim é melhor pra todo mundo"],
    }),
    "a desk moved by the window: better this way": ("ok", {
        "en": ["moved my desk next to the window, it's better this way"],
        "es": ["he puesto el escritorio junto a la ventana, así es mejor"],
        "de": ["hab den schreibtisch ans fenster gestellt, so ist's besser"],
        "fr": ["j'ai mis mon bureau près de la fenêtre, c'est mieux comme ça"],
        "pt": ["coloquei a mesa perto da janela, assim é melhor"],
    }),
    "a dad on the roof, a bridge in traffic": ("ok", {
        "en": ["dad's on the roof again clearing the gutters", "stuck on the bridge in traffic, running late"],
        "es": ["mi padre está otra vez en el tejado limpiando los canalones", "atascada en el puente, llego tarde"],
        "de": ["papa ist schon wieder auf dem dach und macht die regenrinne sauber", "steh im stau auf der brücke, komm später"],
        "fr": ["mon père est encore sur le toit à nettoyer les gouttières", "coincée dans les bouchons sur le pont, je serai en retard"],
        "pt": ["meu pai tá no telhado de novo limpando a calha", "presa no trânsito na ponte, vou atrasar"],
    }),
    "a last post before a holiday, a guitar given away after recovery": ("ok", {
        "en": ["last post before i go on holiday, see you all in two weeks", "gave my old guitar away years ago, bought a new one today"],
        "es": ["último mensaje antes de irme de vacaciones, nos vemos en dos semanas", "regalé mi guitarra vieja hace años, hoy me compré otra"],
        "de": ["letzter post bevor ich in den urlaub fahr, bis in zwei wochen", "hab meine alte gitarre vor jahren verschenkt, heute ne neue gekauft"],
        "fr": ["dernier message avant de partir en vacances, à dans deux semaines", "j'ai donné ma vieille guitare il y a des années, j'en ai racheté une aujourd'hui"],
        "pt": ["último post antes de sair de férias, até daqui a duas semanas", "dei meu violão velho anos atrás, comprei outro hoje"],
    }),
    "a locked office door, a sister who won't lend her charger": ("ok", {
        "en": ["the office door is locked and nobody has the key, working from the café"],
        "es": ["la puerta de la oficina está cerrada con llave y nadie tiene la llave, trabajo desde el café"],
        "de": ["die bürotür ist abgeschlossen und keiner hat den schlüssel, ich arbeite vom café aus"],
        "fr": ["la porte du bureau est fermée à clé et personne a la clé, je bosse au café"],
        "pt": ["a porta do escritório tá trancada e ninguém tem a chave, tô trabalhando do café"],
    }),
}

#: Whose danger each crisis family is: the reply is written for it (`content/safety/replies.toml`, by kind).
KIND = {
    "someone else who says they're on the bridge or calls from the roof": "someone_else",
    "someone else off their insulin on purpose": "someone_else",
    "someone else behind a locked door after a goodbye, silent": "someone_else",
    "a neighbour screaming for help": "someone_else",
    "someone else going to join a grandparent who died": "someone_else",
    "someone else says sorry for everything, then doesn't pick up": "someone_else",
}

test_every_family_has_all_five_languages, test_all_five_languages_give_the_same_level = parity_tests(FAMILIES)

test_the_kind_fits_the_care_reply = kind_test(FAMILIES, KIND)
