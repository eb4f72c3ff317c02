"""False alarms of the phrase rules on hard ordinary messages by class (fa21, session 21, a blind set written apart):
each class in all five languages, beside the crisis it nears, which must stay crisis.

An offer of support to someone else ("if you're ever thinking of ending it, message me, I care about you"; "si
alguien aquí tiene pensamientos suicidas, llame a una línea de ayuda", whose suicid* English reads too); an
thinking of ending it told as past, with what helped; an overdose seen at work by a nurse; a play or a song about
suicide (the gentle word); worry that someone else is suicidal (a crisis of someone else's, not the writer's);
French "se pendre au cou de quelqu'un" (a hug), a film's character jumping off a bridge, "partir pour de bon" on a
move, a chore as the reason ("si j'entends encore cette chanson"); German "ich denke nicht daran, mich umzubringen"
(the negation before the comma), "früher dachte ich …, heute weiß ich", "ich kann nicht mehr" at a barking dog,
"vor lauter Arbeit"; Spanish "mejor sin mi comida" (possessive "mi"); Portuguese pills taken to the end of a course.
Where a class is one language's, the other four's everyday sentences are here to keep them ok. Each stays crisis
with the writer's own words said beside it, or when it is back now, or beside means, a plan or "I can't anymore"
(review21: the past and the offer first cancelled those too). An embarrassing slip given as the reason for "I want
to die" was softened to the gentle word in a first version; it softened real crises beside a real reason ("… I sent
my goodbye letter by accident", "… sent the nudes to the whole class"), so the slip stays the crisis it says.
Sentences written for this test (not from the corpus, not the probe lines). The rules are the `fa21` blocks at the
end of content/safety/*.toml.
"""

from __future__ import annotations

from tests.bot.safety.parity import kind_test, parity_tests

#: family -> (level every language must give, or the levels any of which will do, {language: [sentences]})
FAMILIES: dict[str, tuple[str | tuple[str, ...], dict[str, list[str]]]] = {
    "an offer of support to someone else (everyday)": ("ok", {
        "en": ["if you are ever thinking about ending it, text me any time, you matter",
               "if anybody here feels like hurting yourself tonight or any night, my dms are open",
               "if you ever want to die, please reach out to someone, you're not alone",
               "if someone in this server is having suicidal thoughts, the helpline is pinned"],
        "es": ["si alguna vez piensas en matarte, llámame cuando quieras, me importas",
               "si alguien del grupo tiene ideas suicidas, el teléfono de ayuda está fijado",
               "si tú quieres morirte algún día, por favor avísame, aquí estoy"],
        "de": ["wenn du je daran denkst, dich umzubringen, ruf mich an, du bist mir wichtig",
               "falls jemand von euch nicht mehr leben will, meldet euch bitte bei mir"],
        "fr": ["si jamais tu as envie de te tuer, appelle-moi quand tu veux, tu comptes",
               "si quelqu'un du serveur a des pensées suicidaires, le numéro d'écoute est épinglé",
               "si tu penses à en finir un jour, n'hésite pas, je suis là"],
        "pt": ["se um dia você pensar em se matar, me liga, eu me importo com você",
               "se alguém do grupo tiver ideias suicidas, o cvv atende no 188",
               "se você quiser morrer algum dia, por favor fala comigo"],
    }),
    "the writer's own words beside an offer (crisis)": ("crisis", {
        "en": ["if anyone is reading this, i want to kill myself, please talk to me"],
        "es": ["si alguien lee esto, me quiero matar, por favor háblame"],
        "de": ["falls das jemand liest, ich will mich umbringen, bitte schreibt mir"],
        "fr": ["si quelqu'un lit ça, je veux me tuer, parle-moi s'il te plaît"],
        "pt": ["se alguém tá lendo isso, eu quero me matar, por favor fala comigo"],
    }),
    "a slip beside the writer's own plan (crisis)": ("crisis", {
        "en": ["i sent the email to the whole team by accident, anyway i'm going to end my life tonight"],
        "es": ["mandé el correo a toda la oficina sin querer, igual esta noche me voy a quitar la vida"],
        "de": ["hab die Mail aus Versehen an die ganze Firma geschickt, egal, heute Nacht bringe ich mich um"],
        "fr": ["j'ai envoyé le mail à toute l'équipe par erreur, de toute façon ce soir je vais me suicider"],
        "pt": ["mandei o email pra empresa toda sem querer, tanto faz, hoje à noite vou me suicidar"],
    }),
    "thinking of ending it told as past, with what helped (everyday)": ("ok", {
        "en": ["when i was in a dark place in uni i thought about killing myself, but my therapist helped me through",
               "i tried to kill myself back in 2015, today i'm a dad of two and grateful"],
        "es": ["cuando estaba en la uni pensaba en matarme, pero la psicóloga me ayudó muchísimo",
               "intenté suicidarme hace diez años y hoy estoy bien, mejora"],
        "de": ["früher dachte ich, dass mich keiner vermissen würde, inzwischen weiß ich es besser"],
        "fr": ["quand j'étais au lycée je pensais à me tuer, mais la psy m'a beaucoup aidée",
               "j'ai fait une tentative de suicide il y a dix ans et aujourd'hui ça va mieux"],
        "pt": ["quando eu estava na faculdade pensava em me matar, mas a psicóloga me ajudou muito",
               "tentei suicídio há dez anos e hoje estou bem, melhora"],
    }),
    "a past or an offer of support beside means, a plan or 'I can't anymore' (crisis)": ("crisis", {
        "en": ["i tried to kill myself in 2018, the therapy helped for a while, but the pills are ready now",
               "when i was at school i thought about killing myself, therapy helped, now i'm planning it for real",
               "if anyone here is thinking of ending it, talk to someone. i can't anymore",
               "i want to kill myself, i sent the pics to the whole class by accident and they're everywhere"],
        "es": ["intenté suicidarme hace años, la terapia ayudó, pero ya tengo las pastillas guardadas",
               "si alguien aquí tiene pensamientos suicidas, que hable con alguien. yo ya no puedo más"],
        "de": ["ich will sterben, hab meinen Abschiedsbrief aus Versehen an die ganze Familie geschickt"],
        "fr": ["j'ai fait une tentative de suicide il y a dix ans, la thérapie a aidé, mais là j'ai la corde",
               "si quelqu'un pense à en finir, écrivez-moi. moi je peux plus"],
        "pt": ["tentei suicídio há dez anos, a terapia ajudou, mas eu quero me matar, já separei os comprimidos",
               "se alguém aqui pensa em se matar, me chama. eu não aguento mais"],
    }),
    "thinking of ending it, back now (crisis)": ("crisis", {
        "en": ["back when i was depressed i thought about killing myself, and now i want to kill myself again"],
        "es": ["cuando estaba deprimido pensaba en matarme, la terapia ayudó, pero otra vez quiero matarme"],
        "de": ["früher dachte ich, niemand würde mich vermissen, und gerade denke ich das wieder, ich will sterben"],
        "fr": ["quand j'étais en dépression je pensais à me tuer, la thérapie a aidé, mais là je veux encore me tuer"],
        "pt": ["quando eu tava deprimido pensava em me matar, a terapia ajudou, mas de novo eu quero me matar"],
    }),
    "an overdose seen at work (everyday)": ("ok", {
        "en": ["paramedic life: two overdose calls before midnight, long shift",
               "nurse here, we had a teen come in with an overdose on the ward today, she's stable"],
        "es": ["soy enfermero, en la guardia de hoy tuvimos dos pacientes con sobredosis"],
        "de": ["bin Sanitäter, heute Nacht zwei Einsätze wegen Überdosis, harter Dienst"],
        "fr": ["infirmière aux urgences, on a eu deux patients avec une overdose pendant la garde"],
        "pt": ["sou enfermeiro, tivemos dois pacientes com overdose no plantão de hoje"],
    }),
    "one's own overdose (crisis)": ("crisis", {
        "en": ["i'm a nurse and i know how much it takes, i'm going to overdose tonight"],
        "es": ["soy enfermera y sé cuánto hace falta, esta noche me voy a tomar una sobredosis"],
        "de": ["ich bin Pflegerin und weiß, wie viel es braucht, heute Nacht nehme ich eine Überdosis"],
        "fr": ["je suis infirmière et je sais combien il en faut, ce soir je vais faire une overdose"],
        "pt": ["sou enfermeira e sei quanto precisa, hoje à noite vou tomar uma overdose"],
    }),
    "a song or a play about suicide (gentle)": (("gentle", "ok"), {
        "en": ["romeo and juliet, both commit suicide, that's the whole tragedy",
               "that song by the band is about suicide, the lyrics hit hard"],
        "es": ["la canción de ese grupo habla del suicidio de su bajista"],
        "de": ["das Lied der Band handelt vom Tod eines Freundes, sehr bewegend"],
        "fr": ["cette chanson du groupe parle du suicide de leur batteur"],
        "pt": ["essa música da banda fala do suicídio do baterista"],
    }),
    "worry that someone else is suicidal (someone else's crisis)": ("crisis", {
        "en": ["i'm scared my best friend might be suicidal, how do i bring it up"],
        "es": ["tengo miedo de que mi hermana tenga pensamientos suicidas, ¿cómo le hablo?"],
        "de": ["ich habe Angst, dass meine Schwester sich umbringen will, wie spreche ich sie an"],
        "fr": ["je m'inquiète que ma sœur ait des idées suicidaires, comment lui en parler"],
        "pt": ["tenho medo que minha irmã tenha pensamentos suicidas, como eu falo com ela"],
    }),
    "a hug round the neck, a film's stunt, a move for good (everyday)": ("ok", {
        "en": ["in the film she jumps off the bridge into the river and the hero pulls her out",
               "i'm leaving for good, moving to lisbon next month, so excited"],
        "es": ["en la peli ella salta del puente al río y el héroe la saca",
               "me voy para siempre, me mudo a lisboa el mes que viene"],
        "de": ["im Film springt sie von der Brücke in den Fluss und der Held zieht sie raus"],
        "fr": ["quand il rentrera je vais me pendre à son cou, trois mois sans lui c'est long",
               "dans la série elle se jette du pont et le héros la rattrape, quelle cascade",
               "je m'en vais pour de bon, je déménage à Montréal le mois prochain"],
        "pt": ["no filme ela pula da ponte no rio e o herói tira ela de lá",
               "vou embora de vez, vou morar em lisboa mês que vem"],
    }),
    "jumping off a bridge, leaving for good, said of oneself (crisis)": ("crisis", {
        "en": ["i'm going to jump off the bridge tonight, goodbye"],
        "es": ["esta noche me voy a tirar del puente, adiós"],
        "de": ["heute Nacht springe ich von der Brücke, lebt wohl"],
        "fr": ["je m'en vais pour de bon, ce soir je vais me jeter du pont, adieu"],
        "pt": ["hoje à noite vou pular da ponte, adeus"],
    }),
    "a chore or a noise as the reason (everyday or gentle)": (("gentle", "ok"), {
        "en": ["i can't take it anymore, the drilling next door starts at 7 every day"],
        "es": ["no aguanto más el taladro del vecino, todos los días a las 7"],
        "de": ["ich kann nicht mehr, die Baustelle nebenan bohrt jeden Morgen ab 7",
               "ich bring mich um vor lauter Hausaufgaben, oida"],
        "fr": ["je vais me tirer une balle si je dois refaire ce tableau excel mdr"],
        "pt": ["não aguento mais a furadeira do vizinho, todo dia às 7"],
    }),
    "a negation before the comma (everyday)": ("ok", {
        "en": ["no, i'm not thinking about killing myself, i'm just tired of this job"],
        "es": ["no, no pienso en matarme, solo estoy cansado del curro"],
        "de": ["nein, ich denke gar nicht dran, mich umzubringen, ich bin nur genervt"],
        "fr": ["non, je ne pense pas à me tuer, je suis juste crevé"],
        "pt": ["não, não tô pensando em me matar, só cansado do trampo"],
    }),
    "a thing of one's own the others would be better off without (everyday)": (("gentle", "ok"), {
        "en": ["honestly everyone would be better off without my singing"],
        "es": ["sinceramente todos estarían mejor sin mi música a todo volumen"],
        "de": ["ehrlich, alle wären ohne meinen Gesang besser dran"],
        "fr": ["honnêtement tout le monde serait mieux sans ma musique à fond"],
        "pt": ["sinceramente todo mundo estaria melhor sem a minha cantoria"],
    }),
    "pills taken to the end of a course (everyday)": ("ok", {
        "en": ["finished all the antibiotics the doctor prescribed, course done"],
        "es": ["me terminé todos los antibióticos que me recetó la médica, tratamiento acabado"],
        "de": ["hab alle Antibiotika genommen, die die Ärztin verschrieben hat, Behandlung fertig"],
        "fr": ["j'ai fini tous les antibiotiques que le médecin m'a prescrits, traitement terminé"],
        "pt": ["tomei todos os remédios que a médica receitou, o tratamento terminou"],
    }),
}

#: the kind each crisis family must be heard as (the rest: the writer's own, "self")
KINDS = {"worry that someone else is suicidal (someone else's crisis)": "someone_else"}

test_every_family_has_all_five_languages, test_all_five_languages_give_the_same_level = parity_tests(FAMILIES)
test_the_kind_fits_the_care_reply = kind_test(FAMILIES, KINDS)
