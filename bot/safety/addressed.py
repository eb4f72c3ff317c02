"""Crisis words addressed to someone else: what a prompt or a note for members may say, and the screen lets by.

The care screen reads what a person says of themselves: "Do you ever want to kill yourself?" is, to it, no one in
danger (a question, about someone else), so it rightly gives the asker no care reply. But a moderator's text is
read by many members, some on a hard day, and such a question, posted by Hearth, is worth a second look before it
goes (`bot.flows.moderate_prompts.reads_as_crisis`). A small list, in the five languages, of crisis wording in the
second person; it only ever asks a moderator "are you sure?", never refuses.
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


def worth_a_second_look(level: str, text: str) -> bool:
    """Whether a text many members will read (a prompt, a schedule's name or note) should be confirmed before it
    goes: the screen's alarm, or crisis wording addressed to the reader. The one rule for chat, pack imports and
    `hearth content lint` alike: a pack author who lints first must hear what every moderator will hear."""
    return level == "crisis" or addressed_crisis(text) is not None


def addressed_crisis(text: str) -> str | None:
    """The language whose second-person crisis wording `text` holds ("kill yourself", "matarte", "dich
    umbringen", "te tuer", "se matar"), or None."""
    said = " ".join(text.replace("’", "'").split())
    return next((lang for lang, patterns in _ADDRESSED.items() if any(p.search(said) for p in patterns)), None)
