"""False alarms on everyday near-miss messages, a second set (fa18b): each class in all five languages, beside the
crisis it nears.

Found among a second independent set of everyday near-miss messages: "suicide" in a game's or a film's name (the
suicide mission, Suicide Squad), suicidal thoughts or an overdose told as past and over, the subject in an essay, in
the news or in a podcast, "not that I'm suicidal", a goodbye with an everyday reason named (a new team, a game
uninstalled, a server shutting down, camping, a phone on its way), a boring lecture or a game's boss laughed at, and
disappearing from a group chat. Each family is one class, written for this test (not from the corpus nor from the
near-miss set), beside the sayings nearest it that must stay a crisis. The style of `test_parity_fa18.py`; the rules
are the `fa18b` blocks at the end of content/safety/*.toml.

As in fa18, a laugh never makes a message ok: beside a boring lecture or a game's boss it makes the gentle word.
"""

from __future__ import annotations

from tests.bot.safety.parity import kind_test, parity_tests

#: family -> (level every language must give, or the levels any of which will do, {language: [sentences]})
FAMILIES: dict[str, tuple[str | tuple[str, ...], dict[str, list[str]]]] = {
    "suicide in a game's or a film's name (everyday)": (("ok", "gentle"), {
        "en": ["replaying mass effect 2 just for the suicide mission", "suicide squad is on tv tonight, anyone watching?"],
        "es": ["rejugando mass effect 2 solo por la misión suicida", "esta noche ponen escuadrón suicida en la tele"],
        "de": ["ich spiele mass effect 2 nochmal nur für das selbstmordkommando",
               "heute abend läuft suicide squad im fernsehen"],
        "fr": ["je refais mass effect 2 juste pour la mission suicide", "ce soir suicide squad passe à la télé"],
        "pt": ["rejogando mass effect 2 só pela missão suicida", "hoje à noite passa esquadrão suicida na tv"],
    }),
    "suicidal, beside a film's name (crisis)": ("crisis", {
        "en": ["i'm suicidal, not even suicide squad can distract me"],
        "es": ["me siento suicida, ni escuadrón suicida me distrae"],
        "de": ["ich bin suizidal, nicht mal suicide squad lenkt mich ab"],
        "fr": ["je suis suicidaire, même suicide squad ne me change pas les idées"],
        "pt": ["estou suicida, nem esquadrão suicida me distrai"],
    }),
    "suicidal thoughts or an overdose told as past and over (everyday)": (("ok", "gentle"), {
        "en": ["in college i had suicidal thoughts, that's behind me now, therapy helped a lot",
               "i overdosed years ago, i'm clean for five years now and doing great"],
        "es": ["en la universidad tuve pensamientos suicidas, ya pasó, la terapia me ayudó mucho",
               "hace años tuve una sobredosis, lo superé y hoy estoy muy bien"],
        "de": ["im studium hatte ich suizidgedanken, das liegt hinter mir, die therapie hat mir geholfen",
               "vor jahren hatte ich eine überdosis, das ist lange vorbei, heute geht es mir gut"],
        "fr": ["à la fac j'avais des idées suicidaires, c'est derrière moi, la thérapie m'a beaucoup aidée",
               "j'ai fait une overdose il y a des années, c'est du passé, je vais bien"],
        "pt": ["na faculdade eu tinha pensamentos suicidas, ficou pra trás, a terapia me ajudou muito",
               "tive uma overdose anos atrás, já passou, hoje estou bem"],
    }),
    "suicidal thoughts back, or never gone; an overdose last night (crisis)": ("crisis", {
        "en": ["in college i had suicidal thoughts and they never really left", "i overdosed last night",
               "i had suicidal thoughts years ago, therapy helped, now they're back",
               "i've been suicidal for years, therapy helped a bit but not really"],
        "es": ["en la universidad tuve pensamientos suicidas y nunca se fueron",
               "tuve pensamientos suicidas hace años, ya pasó, pero han vuelto",
               "tuve pensamientos suicidas, la terapia me ayudó un poco, pero ahora estoy peor"],
        "de": ["im studium hatte ich suizidgedanken und sie sind nie weggegangen",
               "ich hatte suizidgedanken, das war vorbei, jetzt sind sie wieder da",
               "ich hatte suizidgedanken, die therapie hat ein bisschen geholfen, jetzt ist es schlimmer"],
        "fr": ["à la fac j'avais des idées suicidaires et elles ne sont jamais parties", "j'ai fait une overdose hier soir",
               "j'avais des idées suicidaires, la thérapie m'a un peu aidée, mais c'est pire"],
        "pt": ["na faculdade eu tinha pensamentos suicidas e eles nunca foram embora", "tive uma overdose ontem à noite",
               "eu tinha pensamentos suicidas, a terapia ajudou um pouco, mas tá pior"],
    }),
    "the subject in an essay, the news, a podcast or a show (everyday)": (("ok", "gentle"), {
        "en": ["writing an essay on suicide in victorian novels", "the overdose figures in the news are grim",
               "that show got slammed for how it portrayed self harm"],
        "es": ["escribo un ensayo sobre el suicidio en la poesía", "las cifras de sobredosis en las noticias son duras"],
        "de": ["ich schreibe einen aufsatz über suizid in der lyrik", "die zahlen zu überdosis todesfällen in den nachrichten sind heftig"],
        "fr": ["j'écris une dissertation sur le suicide dans la poésie", "les chiffres d'overdose aux infos sont durs"],
        "pt": ["estou escrevendo uma redação sobre o suicídio na poesia", "os números de overdose no jornal são pesados"],
    }),
    "thinking of suicide beside a documentary (crisis)": ("crisis", {
        "en": ["since that documentary i keep thinking about suicide"],
        "es": ["desde ese documental pienso en suicidarme"],
        "de": ["seit der doku denke ich an selbstmord"],
        "fr": ["depuis ce documentaire je pense à me suicider"],
        "pt": ["desde aquele documentário penso em me matar"],
    }),
    "suicidal thoughts said beside the news or a series (crisis)": ("crisis", {
        "en": ["i have suicidal thoughts and the docu made it worse"],
        "es": ["tengo pensamientos suicidas y las noticias lo empeoran"],
        "de": ["ich habe suizidgedanken und die zahlen im job stressen mich"],
        "fr": ["j'ai des pensées suicidaires et les infos n'aident pas"],
        "pt": ["tenho pensamentos suicidas e as notícias pioram tudo"],
    }),
    "not that i'm suicidal (everyday)": (("ok", "gentle"), {
        "en": ["not that i'm suicidal or anything, just so done with this week"],
        "es": ["no es que sea suicida ni nada, solo estoy harta de esta semana"],
        "de": ["nicht dass ich suizidal wäre oder so, nur total durch mit dieser woche"],
        "fr": ["pas que je sois suicidaire hein, juste saoulée de cette semaine"],
        "pt": ["não que eu seja suicida nem nada, só tô de saco cheio dessa semana"],
    }),
    "not that anyone cares, i'm suicidal (crisis)": ("crisis", {
        "en": ["not that anybody cares, but i'm suicidal"],
        "es": ["no es que a nadie le importe, pero soy suicida"],
        "de": ["nicht dass es irgendwen interessiert, aber ich bin suizidal"],
        "fr": ["pas que ça intéresse qui que ce soit, mais je suis suicidaire"],
        "pt": ["não que alguém ligue, mas eu sou suicida"],
    }),
    "a goodbye with an everyday reason named (everyday)": (("ok", "gentle"), {
        "en": ["won't be here after friday, i'm moving to another department",
               "goodbye forever, valorant. uninstalled.", "my last goodbye to the old forum, it's shutting down"],
        "es": ["a partir del jueves ya no voy a estar, me cambio de departamento", "adiós para siempre valorant. desinstalado."],
        "de": ["ab donnerstag bin ich nicht mehr da, ich wechsle die abteilung", "lebt wohl für immer, valorant. deinstalliert."],
        "fr": ["à partir de jeudi je serai plus là, je change de service au boulot", "adieu pour toujours valorant. désinstallé."],
        "pt": ["a partir de quinta não vou estar mais aqui, vou mudar de setor", "adeus pra sempre valorant. desinstalado."],
    }),
    "not here after a day, with a decision or no one to notice (crisis)": ("crisis", {
        "en": ["i won't be here after friday. i've made up my mind", "i won't be here after friday, nobody at work will notice",
               "i won't be here after friday, switching teams, and nobody will miss me"],
        "es": ["a partir del jueves ya no voy a estar. ya lo decidí",
               "a partir del viernes no voy a estar, me cambio de equipo y nadie me va a extrañar"],
        "de": ["ab donnerstag bin ich nicht mehr da. ich hab mich entschieden",
               "ab freitag bin ich nicht mehr da, ich wechsle das team, und niemand wird mich vermissen"],
        "fr": ["à partir de jeudi je serai plus là. j'ai pris ma décision",
               "à partir de vendredi je serai plus là, je change d'équipe, et personne va me regretter"],
        "pt": ["a partir de quinta não vou estar mais aqui. já decidi",
               "a partir de sexta não vou estar mais aqui, vou mudar de equipe e ninguém vai sentir falta"],
    }),
    "a boring lecture or a game's boss, laughed at (gentle at most)": (("ok", "gentle"), {
        "en": ["this seminar is so boring i'm going to die 💀", "this dark souls boss, i can't go on lol"],
        "es": ["este seminario es tan aburrido que me voy a morir 💀", "este jefe de elden ring, ya no puedo más jaja"],
        "de": ["dieses seminar ist so langweilig, ich sterbe 💀", "dieser boss in elden ring, ich kann nicht mehr haha"],
        "fr": ["ce séminaire est tellement chiant je vais mourir 💀", "ce boss d'elden ring, j'en peux plus mdr"],
        "pt": ["esse seminário é tão chato que eu vou morrer 💀", "esse chefe do elden ring, não aguento mais kkk"],
    }),
    "\"i want to die\" said to have been about an exam (gentle at most)": (("ok", "gentle"), {
        "en": ["relax, the 'i want to die' was about the exam, not for real"],
        "es": ["tranquilos, lo de 'me quiero morir' era por el examen, no en serio"],
        "de": ["keine sorge, das 'ich will sterben' war wegen der prüfung, nicht ernst"],
        "fr": ["t'inquiète, le 'je veux mourir' c'était pour l'exam, pas pour de vrai"],
        "pt": ["relaxa, o 'quero morrer' era sobre a prova, não de verdade"],
    }),
    "wanting to die beside a boss at work, with a laugh (crisis)": ("crisis", {
        "en": ["my boss yelled at me again, i want to die lol"],
        "es": ["mi jefe me volvió a gritar, me quiero morir jaja"],
        "de": ["mein chef hat mich wieder angeschrien, ich will sterben haha"],
        "fr": ["mon chef m'a encore crié dessus, je veux mourir mdr"],
        "pt": ["meu chefe gritou comigo de novo, quero morrer kkk"],
    }),
    "disappearing from a group chat (everyday)": ("ok", {
        "en": ["i want to disappear from the family group chat, 200 messages about easter"],
        "es": ["quiero desaparecer del grupo de la familia, 200 mensajes sobre pascua"],
        "de": ["ich will aus dem familienchat verschwinden, 200 nachrichten über ostern"],
        "fr": ["je veux disparaître du groupe de la famille, 200 messages sur pâques"],
        "pt": ["quero sumir do grupo da família, 200 mensagens sobre a páscoa"],
    }),
    "wanting to die, a laugh alone (crisis)": ("crisis", {
        "en": ["i want to die lol"],
        "es": ["me quiero morir jajaja"],
        "de": ["ich will sterben haha"],
        "fr": ["je veux mourir mdr"],
        "pt": ["quero morrer kkkk"],
    }),
}

test_every_family_has_all_five_languages, test_all_five_languages_give_the_same_level = parity_tests(FAMILIES)
test_the_kind_fits_the_care_reply = kind_test(FAMILIES, {})
