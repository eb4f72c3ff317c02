"""A whole round on the terminal in another language, with no English left in what its members see.

Two ways: in a pseudo-language (every catalog message with its letters changed), which finds any text that
never went through the catalogs, whatever the translators have done so far; and in each language declared
complete (`bot.i18n_check.COMPLETE`), against the same round in English: no line of Hearth's words comes out
the same.
"""

from __future__ import annotations

import re

import pytest

from bot.content.packs import load_library
from bot.i18n_check import COMPLETE
from bot.language import LANGUAGES
from tests.adapters.console.test_console_script import run_script
from tests.bot.test_i18n import pseudo_spanish  # noqa: F401  (fixture)

#: The shell's locale for each language (the terminal's platform locale).
SHELL = {"en": "C.UTF-8", "es": "es_ES.UTF-8", "de": "de_DE.UTF-8", "fr": "fr_FR.UTF-8", "pt": "pt_BR.UTF-8"}


def round_script(lang: str) -> str:
    return f"""\
as mia mod
mod settings language {lang}
mod schedule create standup #team daily 09:00 timezone=UTC open=1h remind=15m
press 1
ann: checkin join standup reminders=yes
bob: checkin join standup
cy: checkin join standup reminders=yes dm=yes
ann: checkin list
at 08:59:58
sleep 3
ann: checkin answer 5 shared Shipped it
bob: checkin answer 2 anonymous Tired but fine
ann: checkin status
as dee
checkin join standup
press 1
2
Long day
private
advance 46m
advance 15m
ann: me history
ann: help checkin join
who
extras
advance soon
ann: at 25:00
"""


#: Not words to translate: `[where]`, the typed line echoed, a form's answer echoed, and the typed words of the
#: terminal's `extras` (its own words, who is speaking, its clock, its refusals, are in the speaker's language).
_TERMINAL = re.compile(r"^(\[.*\]|\w+> .*|  > .*)$")


def hearths_words(out: str) -> str:
    """The output without the terminal's own lines, what people typed, the prompts (content: the packs in each
    language are their own check), languages' own names and file paths."""
    lines = [line for line in out.splitlines() if not _TERMINAL.match(line)]
    shown = "\n".join(lines)
    for prompt in load_library().prompts.values():
        shown = shown.replace(prompt.text, "")
    for name in LANGUAGES.values():
        shown = shown.replace(name, "")
    return re.sub(r"/\S+|[\w-]+\.(png|csv|json|toml)\b", "", shown)


#: Words that are no translator's: what people typed (names, the check-in's, their words), the zone's name, and
#: the words people type in every language: commands, option names and choices, the example in help.
TYPED = {"mia", "ann", "bob", "dee", "standup", "team", "Shipped", "Tired", "but", "fine", "Long", "day", "UTC",
         "checkin", "join", "help", "Hearth", "language", "schedule", "reminders", "dm", "yes", "mornings",
         "shared", "anonymous", "private",
         "NAME", "DATE", "mod", "COMMAND", "press", "advance", "sleep", "who", "quit", "extras", "HH", "MM", "SS", "cancel"}


def dates_in(lang: str) -> set[str]:
    """How the language itself names days and months (Babel's CLDR): its words, though ASCII."""
    from babel.dates import get_day_names, get_month_names

    names = [*get_day_names("abbreviated", locale=lang).values(), *get_month_names("abbreviated", locale=lang).values(),
             *get_day_names("wide", locale=lang).values(), *get_month_names("wide", locale=lang).values()]
    return {w for n in names for w in re.findall(r"[A-Za-z]+", n)}


def test_a_whole_round_in_the_pseudo_language_leaves_no_english(tmp_path, capsys, monkeypatch, pseudo_spanish):  # noqa: F811
    monkeypatch.setenv("LANG", SHELL["es"])
    out = run_script(tmp_path, round_script("es"), capsys)
    # The round was played: opened, DM'd, answered three ways, reminded, closed, and looked back on.
    assert "[#team]" in out and "[DM to cy]" in out and "[#team (updated)]" in out and "▅" in out
    words = hearths_words(out)
    english = sorted({w for w in re.findall(r"[A-Za-z]{3,}", words) if w not in TYPED | dates_in("es")})
    assert english == [], f"English left: {english}\n\n{words}"


@pytest.mark.parametrize("lang", [lang for lang in COMPLETE if lang != "en"])
def test_a_whole_round_in_a_complete_language_leaves_no_english(tmp_path, capsys, monkeypatch, lang):
    for where in ("en", lang):
        (tmp_path / where).mkdir()
    english = hearths_words(run_script(tmp_path / "en", round_script("en"), capsys))
    monkeypatch.setenv("LANG", SHELL[lang])
    theirs = hearths_words(run_script(tmp_path / lang, round_script(lang), capsys))
    ours = {line.strip() for line in english.splitlines() if re.search(r"[A-Za-z]{4,}", line)}
    same = [line for line in theirs.splitlines() if line.strip() in ours and not set(
        re.findall(r"[A-Za-z]{3,}", line)) <= TYPED]
    assert same == [], f"still in English in {lang}: {same}"
