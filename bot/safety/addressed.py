"""Crisis words addressed to someone else: what a prompt or a note for members may say, and the screen lets by.

The care screen reads what a person says of themselves: "Do you ever want to kill yourself?" is, to it, no one in
danger (a question, about someone else), so it rightly gives the asker no care reply. But a moderator's text is
read by many members, some on a hard day, and such a question, posted by Hearth, is worth a second look before it
goes (`bot.flows.moderate_prompts.reads_as_crisis`). A small list, in the five languages, of crisis wording in the
second person; it only ever asks a moderator "are you sure?", never refuses. Questions about the means ("how many
pills does it take to die?") are worth the same look, whoever they are asked of (`_MEANS`).

Whose the words are, for the care reply (`said_of_oneself`): a moderator's text read as crisis is answered with
care, as anyone's own words are, unless it speaks to its readers (a prompt's question, "you") and not of oneself.
"""

from __future__ import annotations

import re

_PATTERNS = {
    "en": [r"\b(kill|hurt|harm|off|end)\s+yourself\b", r"\b(end|take)\s+your\s+(own\s+)?life\b",
           r"\byou\b.{0,30}\b(want|wish|wanted|thought about|think about)\s+(to\s+)?(die|dying|suicide)\b",
           r"\bunaliv\w*\s+yourself\b", r"\byour\s+suicid\w*"],
    "es": [r"\b(matarte|suicidarte|quitarte\s+la\s+vida|hacerte\s+da[ñn]o|lastimarte)\b",
           r"\b(quieres|quisieras|has\s+querido|deseas)\s+morir(te)?\b", r"\bte\s+(quieres\s+)?(matar|suicidar)\b"],
    "de": [r"\bdich\s+(selbst\s+)?(umbringen|umzubringen|t[öo]ten|zu\s+t[öo]ten|verletzen|zu\s+verletzen)\b",
           r"\bdir\s+(selbst\s+)?(das\s+leben\s+(nehmen|zu\s+nehmen)|etwas\s+(antun|anzutun))\b",
           r"\b(willst|möchtest|moechtest|wolltest)\s+du\s+(\w+\s+){0,3}sterben\b"],
    "fr": [r"\b(te|vous)\s+(tuer|suicider|faire\s+du\s+mal)\b", r"\bmettre\s+fin\s+[àa]\s+(tes|vos)\s+jours\b",
           r"\b(veux|voulez)[- ](tu|vous)\s+mourir\b", r"\b(tu|vous)\s+(veux|voulez|as\s+envie|avez\s+envie)\s+"
           r"(de\s+)?mourir\b"],
    "pt": [r"\b(se|te)\s+matar\b", r"\bmatar-(se|te)\b", r"\b(tirar|acabar\s+com)\s+(a\s+)?(sua|tua)\s+"
           r"(pr[óo]pria\s+)?vida\b", r"\b(você|voce|tu)\s+(\w+\s+){0,2}(quer|queres)\s+morrer\b",
           r"\b(se|te)\s+(machucar|suicidar)\b"],
}
_ADDRESSED = {lang: [re.compile(p, re.IGNORECASE) for p in patterns] for lang, patterns in _PATTERNS.items()}

#: Questions about the means of dying (a dose, a painless way): in a text for members, asked of no one in particular,
#: the screen reads no one in danger, yet many will read them.
_MEANS_PATTERNS = {
    "en": [r"\bhow\s+(many|much)\b.{0,40}\b(to\s+die|to\s+(kill|end)\s+(yourself|myself|oneself|someone)|lethal|fatal"
           r"|to\s+overdose)\b", r"\b(lethal|fatal|deadly)\s+(dose|amount|overdose)\b",
           r"\b(painless|quickest|easiest|best)\s+way\s+to\s+(die|kill\s+(yourself|myself|oneself))\b"],
    "es": [r"\bcu[áa]nt[oa]s?\b.{0,40}\b(para\s+morir|para\s+matarse|para\s+matarte|sobredosis|letal|mortal)\b",
           r"\bdosis\s+(letal|mortal)\b", r"\bforma\s+(m[áa]s\s+)?(indolora|r[áa]pida|f[áa]cil)\s+de\s+morir\b"],
    "de": [r"\bwie\s+viel(e|en)?\b.{0,40}\b(zum\s+sterben|um\s+zu\s+sterben|t[öo]dlich|umzubringen|überdosis)\b",
           r"\bt[öo]dliche\s+(dosis|menge)\b", r"\b(schmerzlos|schnellst|einfachst)\w*\s+(art\s+)?(zu\s+)?sterben\b"],
    "fr": [r"\bcombien\b.{0,40}\b(pour\s+mourir|pour\s+(se|te)\s+tuer|mortel(le)?s?|l[ée]tale?s?|surdose|overdose)\b",
           r"\bdose\s+(l[ée]tale|mortelle)\b", r"\bfa[çc]on\s+(la\s+plus\s+)?(indolore|rapide|simple)\s+de\s+mourir\b"],
    "pt": [r"\bquant[oa]s?\b.{0,40}\b(para\s+morrer|pra\s+morrer|para\s+se\s+matar|overdose|letal|mortal)\b",
           r"\bdose\s+(letal|mortal)\b", r"\bjeito\s+(mais\s+)?(indolor|r[áa]pido|f[áa]cil)\s+de\s+morrer\b"],
}
_MEANS = {lang: [re.compile(p, re.IGNORECASE) for p in patterns] for lang, patterns in _MEANS_PATTERNS.items()}

#: Who a text speaks as or to, by its pronouns, in the five languages: the first person singular (I, me, my) and
#: the second (you, your), formal and plural too. Words that are also other words ("ma", "mes", "Sie", "ihr") are
#: left out: a text without either is read as the screen reads it.
_FIRST = re.compile(r"(?<![\w'])(?:(?:i|me|my|myself|mine|yo|mi|mí|conmigo|ich|mich|mir|mein|meine|meinen|meinem|"
                    r"meiner|je|moi|mon|eu|mim|meu|minha|comigo)(?!\w)|[jm]')", re.IGNORECASE)
_SECOND = re.compile(r"(?<![\w'])(?:(?:you|your|yourself|yourselves|tú|tu|te|ti|tus|usted|ustedes|vosotros|du|dich|"
                     r"dir|dein|deine|deinen|euch|toi|vous|ton|ta|tes|votre|vos|você|voce|vocês|teu|tua)(?!\w)|t')",
                     re.IGNORECASE)


def _said(text: str) -> str:
    """`text` as the pronoun and phrase patterns here read it: curly apostrophes straight, runs of space one."""
    return " ".join(text.replace("’", "'").split())


def worth_a_second_look(level: str, text: str) -> bool:
    """Whether a text many members will read (a prompt, a schedule's name or note) should be confirmed before it
    goes: the screen's alarm, or crisis wording addressed to the reader. The one rule for chat, pack imports and
    `hearth content lint` alike: a pack author who lints first must hear what every moderator will hear."""
    return level == "crisis" or addressed_crisis(text) is not None or asks_the_means(text)


def addressed_crisis(text: str) -> str | None:
    """The language whose second-person crisis wording `text` holds ("kill yourself", "matarte", "dich
    umbringen", "te tuer", "se matar"), or None."""
    said = _said(text)
    return next((lang for lang, patterns in _ADDRESSED.items() if any(p.search(said) for p in patterns)), None)


def asks_the_means(text: str) -> bool:
    """Whether `text` asks about the means of dying ("how many pills does it take to die?", "dosis letal")."""
    said = _said(text)
    return any(p.search(said) for patterns in _MEANS.values() for p in patterns)


def to_another_alone(text: str) -> bool:
    """Whether `text` speaks to someone else ("you") and says nothing of its writer (no "I", "me", "my" in any of
    the five languages): "to whoever needs it: please don't kill yourself, you matter". What the model alone hears
    in such words is no sign of their writer's danger (`bot.safety.screen.gentle_only`). A question or a sentence
    in no person is not this: "what's the point anymore?" may well be the writer's own."""
    said = _said(text)
    return bool(_SECOND.search(said)) and not _FIRST.search(said)


#: Someone else spoken of, in the five languages: a third person ("he", "sie", "elle", "ela", "ellos") or one of
#: the people danger is most often said of ("my brother", "mi novio", "meine Schwester", "ma mère", "minha mãe").
_THIRD = re.compile(r"(?<![\w'])(?:he|she|they|him|her|them|his|hers|their|él|ella|ellos|ellas|er|sie|ihn|ihm|"
                    r"il|elle|ils|elles|lui|leur|ele|ela|eles|elas|dele|dela|deles|delas)(?!\w)|"
                    r"(?<![\w'])(?:my|our|mi|mis|nuestr[ao]s?|mein(?:e|en|em|er)?|unser(?:e|en|em|er)?|mon|ma|mes|"
                    r"notre|nos|meu|minha|meus|minhas|nosso|nossa) (?:best )?(?:friend|friends|brother|sister|mom|mum|"
                    r"mother|dad|father|son|daughter|kid|kids|child|partner|husband|wife|boyfriend|girlfriend|bf|gf|"
                    r"ex|roommate|flatmate|cousin|uncle|aunt|family|parents|amig[oa]s?|herman[oa]s?|mam[aá]|madre|"
                    r"pap[aá]|padre|hij[oa]s?|novi[oa]|pareja|marido|espos[oa]|mujer|prim[oa]|t[ií][oa]|familia|"
                    r"freund|freundin|bruder|schwester|mutter|mama|vater|papa|sohn|tochter|mann|frau|partnerin|"
                    r"familie|eltern|ami|amie|frère|frere|s(?:œ|oe)ur|mère|mere|maman|père|pere|fils|fille|copain|"
                    r"copine|mari|femme|famille|parents|irmã|irma|irmão|irmao|mãe|mae|pai|filh[oa]|namorad[oa]|"
                    r"parceir[oa]|fam[ií]lia|pais)(?!\w)", re.IGNORECASE)
#: Quotation marks: words in them may be someone else's ("she texted me: “I'm at the bridge. sorry.”").
_QUOTES = re.compile("[\"“”«»„‟]")


def speaks_to_someone(text: str) -> bool:
    """Whether `text` says "you" (in any of the five languages) at all: "bitte tu dir nichts an, ich bin für dich
    da" speaks of its writer too, so it is not `to_another_alone`, but words of danger in it may be the reader's, not
    the writer's."""
    return bool(_SECOND.search(_said(text)))


def of_the_writer_alone(text: str) -> bool:
    """Whether `text` can only be its writer's own: no "you" (`speaks_to_someone`), no one else spoken of ("my
    brother has the pills lined up", "he said he'd kill me", `_THIRD`) and nothing quoted. The model knows no kind:
    its sure alarm, with a care note that names the writer and a reply written for the writer's own danger, answers
    only such words (`bot.safety.screen.gentle_only`); words of anyone else's danger get its gentle word, and the
    phrases, which know kinds, answer them as they are."""
    said = _said(text)
    return not (_SECOND.search(said) or _THIRD.search(said) or _QUOTES.search(said))


def said_of_oneself(text: str) -> bool:
    """Whether a text written for others to read (a prompt, a check-in's note) that the care screen reads as crisis
    is said of oneself, as a person's own words are: in the first person ("mornings I want to die", "my partner
    choked me"), or in none; not when it speaks to its readers ("you", a question, crisis wording addressed to
    them), which is what a prompt does. Those get the second look (`worth_a_second_look`), not the care reply."""
    said = _said(text)
    if _FIRST.search(said):
        return True
    return not (_SECOND.search(said) or said.endswith("?") or addressed_crisis(said))
