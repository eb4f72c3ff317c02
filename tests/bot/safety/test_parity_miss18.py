"""Plain crisis messages the phrase rules missed (miss18, issue 18): each class in all five languages, beside the
everyday sayings nearest it that must stay ok.

The classes: an overdose of one's own said in the past with a recent time; suicidal thoughts back again; a farewell
to the world; a bare goodbye with a sorry and nothing everyday around it; German method verbs with a time, a place or
a particle between "mich" and the verb (and the "zu" infinitive); self-cutting with a recent time (kitchen cuts stay
ok); a wish that everything stop for good; not being here after a weekday, said with a decision. Sentences written
for this test (not from the corpus nor from the near-miss sets). The rules are the `miss18` blocks at the end of
content/safety/*.toml, and the weekday lists completed in the crisis groups that list days.
"""

from __future__ import annotations

from tests.bot.safety.parity import kind_test, parity_tests

#: family -> (level every language must give, or the levels any of which will do, {language: [sentences]})
FAMILIES: dict[str, tuple[str | tuple[str, ...], dict[str, list[str]]]] = {
    "a recent overdose, said in the past (crisis)": ("crisis", {
        "en": ["i overdosed on my meds yesterday", "i od'd again this morning"],
        "es": ["ayer por la noche tuve una sobredosis", "tuve una sobredosis de pastillas esta mañana"],
        "de": ["ich hatte letzte nacht eine überdosis", "gestern abend hab ich eine überdosis schlaftabletten geschluckt"],
        "fr": ["j'ai fait une overdose ce matin", "hier soir j'ai pris une overdose de cachets"],
        "pt": ["tive uma overdose ontem", "ontem à noite tomei uma overdose de remédios"],
    }),
    "an overdose of something everyday (everyday)": ("ok", {
        "en": ["had an overdose of netflix last night"],
        "es": ["anoche tuve una sobredosis de netflix"],
        "de": ["ich hatte gestern nacht eine überdosis netflix"],
        "fr": ["hier soir j'ai fait une overdose de netflix"],
        "pt": ["ontem à noite tive uma overdose de netflix"],
    }),
    "suicidal thoughts back again (crisis)": ("crisis", {
        "en": ["my suicidal thoughts have come back this week"],
        "es": ["han vuelto mis pensamientos suicidas esta semana"],
        "de": ["meine suizid gedanken sind diese woche wieder zurück"],
        "fr": ["mes pensées suicidaires sont de retour cette semaine"],
        "pt": ["meus pensamentos suicidas voltaram essa semana"],
    }),
    "other thoughts back again (everyday)": ("ok", {
        "en": ["my thoughts about moving abroad have come back this week"],
        "es": ["han vuelto mis ganas de mudarme al extranjero esta semana"],
        "de": ["meine gedanken ans auswandern sind diese woche wieder da"],
        "fr": ["mes envies de déménager à l'étranger sont revenues cette semaine"],
        "pt": ["minhas vontades de morar fora voltaram essa semana"],
    }),
    "a farewell to the world (crisis)": ("crisis", {
        "en": ["goodbye forever, cruel world"],
        "es": ["adiós para siempre, mundo cruel"],
        "de": ["lebt wohl für immer, grausame welt"],
        "fr": ["adieu à jamais, monde cruel"],
        "pt": ["adeus para sempre, mundo cruel"],
    }),
    "a goodbye to the cruel world on the way to bed or as a joke (everyday)": ("ok", {
        "en": ["bye cruel world, off to bed, night all"],
        "es": ["chau mundo cruel, me voy a dormir que mañana madrugo"],
        "de": ["tschüss grausame welt, ich geh jetzt schlafen, gute nacht"],
        "fr": ["au revoir monde cruel, je vais me coucher, bonne nuit"],
        "pt": ["tchau mundo cruel, vou dormir que amanhã acordo cedo"],
    }),
    "a goodbye to the cruel world and a sleep with no waking": ("crisis", {
        "en": ["goodbye cruel world, going to sleep and never waking up"],
        "es": ["adiós mundo cruel, me voy a dormir para siempre"],
        "de": ["tschüss grausame welt, ich schlaf ein und wach nie wieder auf"],
        "fr": ["adieu monde cruel, je vais dormir et ne plus jamais me réveiller"],
        "pt": ["adeus mundo cruel, vou dormir e nunca mais acordar"],
    }),
    "a farewell to the cruel world of a weekday (everyday)": ("ok", {
        "en": ["goodbye cruel world of mondays"],
        "es": ["adiós mundo cruel de los lunes"],
        "de": ["tschüss grausame welt der montage"],
        "fr": ["adieu monde cruel des lundis"],
        "pt": ["adeus mundo cruel das segundas"],
    }),
    "a bare goodbye with a sorry (crisis)": ("crisis", {
        "en": ["bye everyone. i'm so sorry.", "i'm sorry for everything. goodbye."],
        "es": ["adiós a todos. perdónenme.", "lo siento mucho. adiós a todos."],
        "de": ["lebt wohl alle. es tut mir so leid.", "verzeiht mir. tschüss an alle."],
        "fr": ["adieu tout le monde. pardon pour tout.", "je suis tellement désolée. adieu à tous."],
        "pt": ["tchau a todos. me perdoem.", "sinto muito. adeus a todos."],
    }),
    "a goodbye with a sorry and an everyday reason (everyday)": ("ok", {
        "en": ["bye everyone. sorry. the bus is here, see you monday"],
        "es": ["adiós a todos. lo siento. llega mi bus, nos vemos el lunes"],
        "de": ["tschüss an alle. tut mir leid. mein bus kommt, bis montag"],
        "fr": ["au revoir tout le monde. désolé. mon bus arrive, à lundi"],
        "pt": ["tchau a todos. desculpa. meu ônibus chegou, até segunda"],
    }),
    "a German method with a word between mich and the verb (crisis)": ("crisis", {
        "en": ["i'm going to hang myself tonight"],
        "es": ["esta noche me voy a ahorcar"],
        "de": ["ich werde mich morgen im keller erhängen", "ich habe tabletten gekauft, um mich endlich umzubringen",
               "ich will mich jetzt einfach erschießen"],
        "fr": ["je vais me pendre cette nuit"],
        "pt": ["vou me enforcar essa noite"],
    }),
    "a German everyday verb with the same words between (everyday)": ("ok", {
        "en": ["i'm going to hang the lights tonight"],
        "es": ["esta noche voy a colgar las luces"],
        "de": ["ich will mich heute nacht endlich ausschlafen", "ich habe einen knoten gemacht, um das boot festzubinden",
               "ich werde mich morgen im keller umziehen"],
        "fr": ["je vais accrocher les guirlandes cette nuit"],
        "pt": ["vou pendurar as luzes essa noite"],
    }),
    "self-cutting with a recent time (crisis)": ("crisis", {
        "en": ["i cut myself last night"],
        "es": ["ayer me corté otra vez"],
        "de": ["ich hab mich gestern abend wieder geritzt"],
        "fr": ["ce matin je me suis coupée"],
        "pt": ["ontem à noite me cortei de novo"],
    }),
    "a kitchen or everyday cut with a recent time (everyday)": ("ok", {
        "en": ["cut myself chopping carrots last night"],
        "es": ["ayer me corté, picando zanahorias"],
        "de": ["ich hab mich gestern beim karotten schneiden geschnitten"],
        "fr": ["je me suis coupée hier soir en épluchant des carottes"],
        "pt": ["ontem me cortei, picando cenoura"],
    }),
    "everything to stop for good (crisis)": ("crisis", {
        "en": ["i just want everything to stop forever"],
        "es": ["solo quiero que todo pare para siempre"],
        "de": ["ich will nur, dass alles endgültig aufhört"],
        "fr": ["je voudrais que tout s'arrête définitivement"],
        "pt": ["só quero que tudo acabe pra sempre"],
    }),
    "a noise or the rain to stop for good (everyday)": ("ok", {
        "en": ["i just want the drilling next door to stop"],
        "es": ["solo quiero que el taladro del vecino pare para siempre"],
        "de": ["ich will nur, dass die baustelle nebenan endgültig aufhört"],
        "fr": ["je voudrais que la perceuse du voisin s'arrête définitivement"],
        "pt": ["só quero que a furadeira do vizinho pare pra sempre"],
    }),
    "not here after a weekday, with a decision (crisis)": ("crisis", {
        "en": ["i won't be here after wednesday. i've made up my mind"],
        "es": ["no estaré aquí después del miércoles. ya lo he decidido"],
        "de": ["nach mittwoch bin ich nicht mehr da. ich habe mich entschieden"],
        "fr": ["je ne serai plus là après mercredi. ma décision est prise"],
        "pt": ["não vou estar aqui depois de quarta. está decidido"],
    }),
    "not here after a weekday, with a trip (everyday)": ("ok", {
        "en": ["i won't be here after wednesday, going on vacation"],
        "es": ["no estaré aquí después del miércoles, me voy de vacaciones"],
        "de": ["nach mittwoch bin ich nicht mehr da, ich fahre in den urlaub"],
        "fr": ["je ne serai plus là après mercredi, je pars en vacances"],
        "pt": ["não vou estar aqui depois de quarta, vou viajar de férias"],
    }),
}

test_every_family_has_all_five_languages, test_all_five_languages_give_the_same_level = parity_tests(FAMILIES)
test_the_kind_fits_the_care_reply = kind_test(FAMILIES, {})
