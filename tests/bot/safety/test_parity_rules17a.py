"""A crisis said inside ordinary chat, and veiled farewells: the same answer in all five languages.

Rules-only recall on the corpus's train and dev splits was low for a crisis said in the middle of everyday chat (a
check-in answer about the day that also says when, or that the pills are counted, or that one is sitting with a
knife; a question about a cat or a picnic that says "after tonight" or "still here on sunday") and for veiled
statements (peace made with everything, nothing mattering after friday, a rest one doesn't wake from, the last
advice one will ever give, a way to stop being everyone's burden, letters written for each of them, passwords left
so nobody is stuck). Each family is one such class said in each language's own idiom, written for this test (not
from the corpus), beside the everyday sayings near it that must stay ok: calm since deciding to change jobs,
tablets counted into the weekly box, an umbrella not needed after the rain, a knife for chopping onions, old photos
deleted but one, the last tip before an exam. The blocks are `rules17a` in `content/safety/<lang>.toml`.
"""

from __future__ import annotations

from bot.safety.screen import Screen
from tests.bot.safety.parity import LANGS, parity_tests

#: family -> (level every language must give, {language: [sentences]})
FAMILIES: dict[str, tuple[str, dict[str, list[str]]]] = {
    "peace made with everything, calm since deciding": ("crisis", {
        "en": ["made peace with everything this weekend. honestly so calm since i decided"],
        "es": ["este finde hice las paces con todo. estoy muy tranquila desde que lo decidí"],
        "de": ["hab am wochenende mit allem frieden geschlossen. bin so ruhig, seit ich mich entschieden hab"],
        "fr": ["ce week-end j'ai fait la paix avec tout. je suis tellement calme depuis que j'ai décidé"],
        "pt": ["nesse fim de semana fiz as pazes com tudo. tô tão calma desde que decidi"],
    }),
    "nothing will matter after a named day": ("crisis", {
        "en": ["skipping the dentist. none of it will matter after friday"],
        "es": ["paso de ir al dentista. después del viernes da igual"],
        "de": ["zahnarzt lass ich sausen. nach freitag ist eh alles egal"],
        "fr": ["je vais pas chez le dentiste. après vendredi ça comptera plus"],
        "pt": ["nem vou no dentista. depois de sexta não importa"],
    }),
    "not sure of still being here on a near day": ("crisis", {
        "en": ["save me some cake at the picnic. not sure i'll still be around on sunday though"],
        "es": ["guardadme tarta del picnic. no sé si sigo aquí el domingo"],
        "de": ["hebt mir kuchen vom picknick auf. weiß nicht ob ich sonntag noch da bin"],
        "fr": ["gardez-moi du gâteau du pique-nique. pas sûre d'être encore là dimanche"],
        "pt": ["guardem bolo do piquenique pra mim. não sei se ainda tô aqui no domingo"],
    }),
    "a check-in answer that also says when": ("crisis", {
        "en": ["work was fine. also i finally know when i'm going to do it"],
        "es": ["el curro bien. y por fin sé cuándo lo voy a hacer"],
        "de": ["arbeit war okay. und ich weiß endlich wann ich's mach"],
        "fr": ["le boulot ça allait. et je sais enfin quand je vais le faire"],
        "pt": ["o trabalho foi de boa. e finalmente sei quando vou fazer"],
    }),
    "a rest one doesn't wake up from": ("crisis", {
        "en": ["looking forward to a long rest. the kind you don't wake up from"],
        "es": ["tengo ganas de un descanso largo. del tipo del que no te despiertas"],
        "de": ["ich freu mich auf ne lange ruhe. die art, aus der man nicht aufwacht"],
        "fr": ["j'ai hâte d'un long repos. le genre dont on se réveille pas"],
        "pt": ["só quero um descanso longo. daquele jeito que a gente não acorda"],
    }),
    "the last advice i'll ever give": ("crisis", {
        "en": ["last thing i'll ever tell you: drink water and call your mum"],
        "es": ["el último consejo que te voy a dar: bebe agua y llama a tu madre"],
        "de": ["der letzte rat, den ich dir je geb: trink wasser und ruf deine mama an"],
        "fr": ["le dernier conseil que je te donnerai : bois de l'eau et appelle ta mère"],
        "pt": ["o último conselho que eu vou te dar: bebe água e liga pra sua mãe"],
    }),
    "a way found to stop being everyone's burden": ("crisis", {
        "en": ["i've found a way to stop being everyone's burden. weirdly relieved"],
        "es": ["he encontrado la forma de dejar de ser una carga para todos. qué alivio más raro"],
        "de": ["hab nen weg gefunden, nicht mehr allen zur last zu fallen. seltsam erleichtert"],
        "fr": ["j'ai trouvé comment arrêter d'être un fardeau pour tout le monde. bizarrement soulagée"],
        "pt": ["achei um jeito de parar de ser um peso pra todo mundo. aliviada de um jeito estranho"],
    }),
    "every account deleted but this one": ("crisis", {
        "en": ["deleted all my socials except this one. wanted to say hi once more"],
        "es": ["he borrado todas mis cuentas menos esta. quería saludar una vez más"],
        "de": ["hab alle profile gelöscht außer dem hier. wollte noch einmal hallo sagen"],
        "fr": ["j'ai supprimé tous mes comptes sauf celui-ci. je voulais dire coucou une fois encore"],
        "pt": ["apaguei todas as minhas contas menos essa. queria dar um oi mais uma vez"],
    }),
    "sitting with a knife in hand, dropped into chat": ("crisis", {
        "en": ["lol the wifi died again. anyway sat here with a blade in my hand"],
        "es": ["jaja se ha caído el wifi otra vez. bueno estoy sentado con una navaja en la mano"],
        "de": ["lol wlan schon wieder weg. egal, sitz hier mit nem messer in der hand"],
        "fr": ["mdr le wifi a encore sauté. bref je suis assis avec un couteau dans la main"],
        "pt": ["kkk a internet caiu de novo. enfim tô aqui sentado com uma faca na mão"],
    }),
    "told no one, so nobody talks me out of it": ("crisis", {
        "en": ["didn't tell my sister, so nobody talks me out of it"],
        "es": ["no se lo conté a mi hermana, para que nadie me convenza de no hacerlo"],
        "de": ["hab's meiner schwester nicht erzählt, damit mir keiner es ausredet"],
        "fr": ["je l'ai pas dit à ma sœur, pour que personne me fasse changer d'avis"],
        "pt": ["não contei pra minha irmã, pra ninguém me convencer do contrário"],
    }),
    "the only reason i haven't done it yet": ("crisis", {
        "en": ["my dog is the only reason i haven't done it yet"],
        "es": ["mi perro es la única razón por la que aún no lo he hecho"],
        "de": ["mein hund ist der einzige grund, warum ich's noch nicht gemacht hab"],
        "fr": ["mon chien est la seule raison pour laquelle je l'ai pas encore fait"],
        "pt": ["meu cachorro é o único motivo de eu ainda não ter feito"],
    }),
    "passwords written down so nobody is stuck": ("crisis", {
        "en": ["wrote down my passwords for my brother so he won't be stuck"],
        "es": ["le dejé mis contraseñas apuntadas a mi hermano para que no se quede atascado"],
        "de": ["hab meinem bruder alle passwörter aufgeschrieben, damit er nicht festhängt"],
        "fr": ["j'ai noté tous mes mots de passe pour mon frère, pour qu'il soit pas coincé"],
        "pt": ["anotei todas as minhas senhas pro meu irmão não ficar perdido"],
    }),
    "might be my last one, you'll see why": ("crisis", {
        "en": ["first time making sushi 🍣 might be my last one, you'll see why"],
        "es": ["primera vez haciendo sushi 🍣 igual es la última, ya veréis por qué"],
        "de": ["zum ersten mal sushi gemacht 🍣 ist vielleicht mein letztes, ihr werdet sehen warum"],
        "fr": ["première fois que je fais des sushis 🍣 c'est peut-être ma dernière, vous verrez pourquoi"],
        "pt": ["primeira vez fazendo sushi 🍣 pode ser a última, vcs vão ver pq"],
    }),
    "you'll understand soon, about a film's twist": ("ok", {
        "en": ["you'll understand soon, the twist at the end is great"],
        "es": ["pronto lo vas a entender, el giro final es buenísimo"],
        "de": ["du wirst es bald verstehen, die wendung am ende ist super"],
        "fr": ["tu comprendras bientôt, le retournement final est génial"],
        "pt": ["logo você vai entender, a reviravolta no final é ótima"],
    }),
    "calm since deciding to change jobs, peace made with a sister": ("ok", {
        "en": ["so calm since i decided to switch jobs", "made peace with my sister after the wedding drama"],
        "es": ["estoy tranquila desde que decidí cambiar de trabajo", "hice las paces con mi hermana después del lío de la boda"],
        "de": ["bin so ruhig, seit ich mich für den jobwechsel entschieden hab", "hab mich mit meiner schwester nach dem hochzeitsstress versöhnt"],
        "fr": ["je suis calme depuis que j'ai décidé de changer de boulot", "je me suis réconciliée avec ma sœur après le drame du mariage"],
        "pt": ["tô calma desde que decidi trocar de emprego", "fiz as pazes com minha irmã depois da confusão do casamento"],
    }),
    "tablets counted into the weekly box": ("ok", {
        "en": ["counted my tablets into the weekly pill box, all set"],
        "es": ["conté las pastillas para el pastillero de la semana, todo listo"],
        "de": ["hab die tabletten für die wochenbox gezählt, alles fertig"],
        "fr": ["j'ai compté les cachets pour le pilulier de la semaine, c'est prêt"],
        "pt": ["contei os comprimidos pra caixinha da semana, tudo certo"],
    }),
    "an umbrella not needed after tonight, the last tip before an exam": ("ok", {
        "en": ["i won't need my umbrella after tonight, the rain's finally stopping", "last bit of advice before the exam: sleep early"],
        "es": ["después de esta noche no voy a necesitar el paraguas, por fin para de llover", "último consejo antes del examen: dormid pronto"],
        "de": ["nach heute nacht brauch ich meinen regenschirm nicht mehr, endlich hört der regen auf", "letzter tipp vor der prüfung: früh schlafen"],
        "fr": ["après ce soir j'aurai plus besoin de mon parapluie, la pluie s'arrête enfin", "dernier conseil avant l'exam : dormez tôt"],
        "pt": ["o guarda-chuva fica em casa depois de hoje, a chuva finalmente vai parar", "último conselho antes da prova: durmam cedo"],
    }),
    "a knife for chopping onions, old photos deleted but one": ("ok", {
        "en": ["standing at the counter with a knife in my hand chopping onions", "deleted all my old photos except this one, it's my favourite"],
        "es": ["de pie en la encimera con un cuchillo en la mano cortando cebolla", "he borrado todas mis fotos viejas menos esta, es mi favorita"],
        "de": ["steh an der arbeitsplatte mit nem messer in der hand und schneid zwiebeln", "hab alle alten fotos gelöscht außer dem hier, mein lieblingsfoto"],
        "fr": ["debout au plan de travail avec un couteau dans la main pour les oignons", "j'ai supprimé toutes mes vieilles photos sauf celle-ci, c'est ma préférée"],
        "pt": ["em pé na bancada com uma faca na mão cortando cebola", "apaguei todas as minhas fotos antigas menos essa, é minha favorita"],
    }),
    "a cat sitter after the trip, a picnic on sunday": ("ok", {
        "en": ["need someone to feed my cat while i'm away next week", "see you at the picnic on sunday, i'll bring cake"],
        "es": ["necesito que alguien dé de comer a mi gata mientras estoy fuera la semana que viene", "nos vemos en el picnic el domingo, llevo tarta"],
        "de": ["brauch jemanden, der nächste woche meine katze füttert, während ich weg bin", "bis sonntag beim picknick, ich bring kuchen mit"],
        "fr": ["faut que quelqu'un nourrisse mon chat pendant que je suis absente la semaine prochaine", "à dimanche au pique-nique, j'apporte le gâteau"],
        "pt": ["preciso de alguém pra dar comida pra minha gata enquanto eu viajo semana que vem", "até domingo no piquenique, eu levo o bolo"],
    }),
}

test_every_family_has_all_five_languages, test_all_five_languages_give_the_same_level = parity_tests(FAMILIES)


def test_the_crisis_families_are_the_writers_own(screen: Screen) -> None:
    """Every class here is the writer's own danger: the care reply is written for them, not for someone else."""
    wrong = {(lang, text): screen.check(text).kind
             for family, (level, texts) in FAMILIES.items() if level == "crisis"
             for lang in LANGS for text in texts[lang] if screen.check(text).kind != "self"}
    assert not wrong, wrong
