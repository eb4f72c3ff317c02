"""How a prompt reads: the one set of style checks for every way a prompt arrives.

`hearth content lint` lists them as suggestions for a pack file; a moderator
adding or editing a prompt (`mod prompt add`, `mod prompt edit`) is told them
kindly and asked to confirm, and an import's preview names the prompts they
apply to. None of them refuses a prompt: the words are the moderator's.
"""

from __future__ import annotations

import re
import unicodedata

from bot.i18n import N_, _, ngettext


def unseen(ch: str) -> bool:
    """A character that shows nothing and is no space: Unicode's format (Cf) and control (Cc) characters (a
    zero-width space, the text-direction controls U+202A-202E, U+2066-2069, U+200E/U+200F, a byte-order mark).
    The one rule: a name's (`bot.commands.registry.visible`), a typed line's ends (`parse.trimmed`), a prompt's."""
    return not ch.isspace() and unicodedata.category(ch) in ("Cf", "Cc")


#: Letters that show as nothing but a gap (a Hangul filler, the blank Braille pattern): the usual way to make a
#: name or a message look empty where blank ones are refused.
BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def shows_nothing(text: str) -> bool:
    """Whether nobody would see anything of `text`: nothing in it but spaces, what shows nothing (`unseen`), letters
    that show as a gap (`BLANK_LETTERS`) and marks made to sit on a letter (accents, U+0300…) with none to sit on.
    The one test of a text for others being blank: a prompt's (typed or in a pack), a round's note, a name."""
    return all(ch.isspace() or unseen(ch) or ch in BLANK_LETTERS or unicodedata.category(ch) in ("Mn", "Me")
               for ch in text)

def only_marks(text: str) -> bool:
    """Whether `text` has something people see but nothing a name is made of: only quotes, dots, dashes and other
    punctuation (a lone `"` left from a quote typed three times), besides what shows nothing. A letter, a digit or
    an emoji is enough (“☕”); a blank text is `shows_nothing`'s."""
    return not shows_nothing(text) and all(
        ch.isspace() or unseen(ch) or ch in BLANK_LETTERS or unicodedata.category(ch) in ("Mn", "Me")
        or unicodedata.category(ch).startswith("P") for ch in text)

#: Fewer words than this hardly make a question people know how to answer ("Hi?", "Mood"; "What mended?" does).
MIN_WORDS = 2
_DEMANDS = re.compile(r"\b(you must|you should|you ought to|you have to|must)\b", re.IGNORECASE)
#: What chat would read as formatting, a mention or a link, where a prompt is shown as plain words.
MARKUP = ("**", "`", "<@", "<!", "@everyone", "@here", "http://", "https://")
#: Someone named with "@" ("@Bobby"; "@someone", which a mention becomes where the platform gives no name: Discord's
#: slash commands). Shown as plain words to everyone the prompt reaches, it pings nobody and may name someone who
#: never chose to be in it: as worth a second look as a raw mention the terminal keeps ("<@123>"). Not an address.
_NAMED = re.compile(r"(?<![\w.@<!])@[^\W_][\w.-]*")

MANY_QUESTIONS = N_("asks more than one question: one is easier to answer")
NO_QUESTION = N_("reads best as one question ending in “?”")
DEMAND = N_("says “{words}”, which can sound like a demand: an invitation reads kinder (“what might…”, “if you "
            "like…”)")
MARKED_UP = N_("holds “{mark}”: prompts are shown as plain words, so it would show as typed (no bold, mention or "
               "link)")
UNSEEN = N_("holds a character that shows nothing (a text-direction control or a zero-width space): it can turn "
           "the words around or hide them where the prompt is posted, so it's best taken out")
NOT_ONE_LINE = N_("has a line break or extra spaces: one plain line reads best")
#: The same second look for a check-in's name or a round's note, shown as plain words to everyone it reaches.
SHOWN_AS_TYPED = N_("It holds “{mark}”, which members see as plain words: it would show as typed, with no bold, "
                    "mention or link, and it pings nobody.")


def marks_in(text: str) -> list[str]:
    """What chat would read as formatting, a mention or a link in `text` (`MARKUP`, "@someone"), each once."""
    marks = [m for m in MARKUP if m in text]
    return marks + list(dict.fromkeys(n.rstrip(".") for n in _NAMED.findall(text)
                                      if n not in ("@everyone", "@here")))


def style_notes(text: str) -> list[str]:
    """What is worth a second look in a prompt's words, each said in the language being spoken (English for the
    lint), as the end of a sentence about the prompt ("has only 1 word: …", after its id or "This prompt")."""
    notes = []
    words = len(re.findall(r"\w+", text))
    if words < MIN_WORDS:
        notes.append(ngettext("has only {count} word: a whole question helps people know what to answer",
                              "has only {count} words: a whole question helps people know what to answer",
                              words).format(count=words))
    if text.count("?") > 1:
        notes.append(_(MANY_QUESTIONS))
    elif not text.rstrip().endswith("?"):
        notes.append(_(NO_QUESTION))
    if m := _DEMANDS.search(text):
        notes.append(_(DEMAND).format(words=m.group(0)))
    if marks := marks_in(text):
        notes.append(_(MARKED_UP).format(mark="”, “".join(marks)))
    if any(unseen(ch) for ch in text):
        notes.append(_(UNSEEN))
    if "\n" in text or "  " in text or text != text.strip():
        notes.append(_(NOT_ONE_LINE))
    return notes
