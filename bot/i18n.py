"""Hearth's own words in the reader's language: gettext catalogs read with Babel.

The catalogs are `bot/locales/<lang>/LC_MESSAGES/hearth.po` (the template, `bot/locales/hearth.pot`, is made
by `make messages`: pybabel extract + update). They are read as they are, on first use, with Babel: a fresh
clone needs no build step. A message with no translation yet (an empty msgstr) falls back to English.

Which language the text being made is in is one context variable, set where Hearth knows its reader:

* `Hearth.handle` sets it to the language of the person who acted (`bot.language.choose`), for everything
  the event's handler and the adapter rendering its replies make, in that task;
* what is posted to a channel (a round's post, a summary, a care-team note) is made inside
  `with speaking(community_language):`, and a round's DMs inside `with speaking(member's language):`.

Marking text for translation (extracted by `pybabel extract`, see `babel.cfg`):

* `_("It's {time} there now.").format(time=...)`: named placeholders, never f-strings (they can't be
  extracted). Text a person typed goes through `fill(_("… “{name}” …"), name=typed)` or `UserError`'s slots,
  so it stays inert (never markup).
* `ngettext("{n} answer", "{n} answers", n).format(n=n)`: plural forms, each language its own.
* `N_("...")` marks text made at import time (a command's help, an option's description, a form's title):
  it stays English in the declaration and is translated where it is shown, with `_(text)`.
"""

from __future__ import annotations

import io
import re
from contextlib import contextmanager
from contextvars import ContextVar, Token
from datetime import date, datetime, time, timezone
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from gettext import GNUTranslations, NullTranslations
from pathlib import Path
from typing import Callable, Iterator

from bot.language import DEFAULT, LANGUAGES

LOCALES = Path(__file__).parent / "locales"
DOMAIN = "hearth"

_language: ContextVar[str] = ContextVar("hearth_language", default=DEFAULT)


def current() -> str:
    """The language the text being made is in."""
    return _language.get()


def use(lang: str | None) -> Token[str]:
    """Speak `lang` from here on in this task (what `Hearth.handle` does for the person who acted)."""
    return _language.set(lang if lang in LANGUAGES else DEFAULT)


@contextmanager
def speaking(lang: str | None) -> Iterator[str]:
    """Make the text inside in `lang` (a channel post in the community's language, a DM in the member's)."""
    token = use(lang)
    try:
        yield current()
    finally:
        _language.reset(token)


def po_path(lang: str) -> Path:
    return LOCALES / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=None)
def translations(lang: str) -> NullTranslations:
    """The language's catalog, read from its .po file with Babel (compiled in memory, once)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    path = po_path(lang)
    if lang == DEFAULT or not path.exists():
        return NullTranslations()
    with path.open("rb") as f:
        catalog = read_po(f, locale=lang, domain=DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, catalog)  # (untranslated and fuzzy messages are left out: they fall back to English)
    buf.seek(0)
    return GNUTranslations(buf)


def load_all() -> None:
    """Read every language's catalog now (at start), so a broken one is found before anyone is answered."""
    for lang in LANGUAGES:
        translations(lang)


def _(message: str) -> str:
    """`message` in the current language (English when it has no translation)."""
    lang = _language.get()
    if lang == DEFAULT or not message:
        return message
    return translations(lang).gettext(message)


def gettext_in(lang: str, message: str) -> str:
    with speaking(lang):
        return _(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form for `n` in the current language (its own plural rule)."""
    lang = _language.get()
    if lang == DEFAULT:
        return singular if n == 1 else plural
    return translations(lang).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark text made at import time for extraction; it is translated where it is shown (`_(text)`)."""
    return message


def number(n: int) -> str:
    """"1,000,000", "1.000.000", "1 000 000": a whole number as the reader's language writes it."""
    if _language.get() == DEFAULT:
        return f"{n:,}"
    from babel.numbers import format_decimal

    return format_decimal(n, locale=_locale())


# -- dates and times, as the reader's language writes them (Babel's CLDR data) --------------------------------

#: Babel's locale for each language: English as Hearth has always written dates ("Tue 6 Jan", 24-hour).
_BABEL_LOCALES = {"en": "en_GB", "pt": "pt_BR"}


def _locale() -> str:
    lang = _language.get()
    return _BABEL_LOCALES.get(lang, lang)


#: What "now" is for the dates Hearth writes (`years_from`): a day in another year than now's is written with it.
_now: "Callable[[], datetime]" = lambda: datetime.now(timezone.utc)


def years_from(now: "Callable[[], datetime]") -> None:
    """Count "this year" by this clock (Hearth's, which a terminal moves on): every date style that leaves the year
    out does so only for a day in the same year as its now ("Sat 13 Dec" in 2026, "Sat 13 Dec 2036" ten years on)."""
    global _now
    _now = now


def _other_year(day: date) -> bool:
    return day.year != _now().year


def day_month(day: date) -> str:
    """"Tue 6 Jan", "mar, 6 ene", "Di., 6. Jan.": a calendar day, short; with its year when that isn't this one."""
    other = _other_year(day)
    if _language.get() == DEFAULT:  # (as Hearth has always written it, and most often: without Babel)
        return f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}" + (f" {day.year}" if other else "")
    from babel.dates import format_skeleton

    return format_skeleton("yMMMEd" if other else "MMMEd", day, locale=_locale())


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def long_day(day: date) -> str:
    """"Tuesday 6 January", "martes, 6 de enero": a calendar day, in words, for the sentences that end on one
    (its months are whole words, so no abbreviation's full stop meets the sentence's: `one_full_stop`); with its
    year when that isn't this one."""
    from babel.dates import format_skeleton

    other = _other_year(day)
    if _language.get() == DEFAULT:
        return f"{day.strftime('%A')} {day.day} {day.strftime('%B')}" + (f" {day.year}" if other else "")
    return format_skeleton("yMMMMEEEEd" if other else "MMMMEEEEd", day, locale=_locale())


def clock(at: datetime | time) -> str:
    """"09:00" (every language Hearth speaks uses a 24-hour clock)."""
    if _language.get() == DEFAULT:
        return f"{at:%H:%M}"
    from babel.dates import format_time

    return format_time(at, "HH:mm", locale=_locale())


def day_month_short(day: date) -> str:
    """"5 Jan", "5 ene": a day of a month, short (`day_month`'s style, without the weekday: a chart's weeks); with
    its year when that isn't this one (a year of weeks spans two)."""
    from babel.dates import format_skeleton

    other = _other_year(day)
    if _language.get() == DEFAULT:
        return f"{day.day} {_MONTHS[day.month - 1]}" + (f" {day.year}" if other else "")
    return format_skeleton("yMMMd" if other else "MMMd", day, locale=_locale())


_DOUBLE_STOP = re.compile(r"(?<=[^\W\d_]\.)\.(?!\.)")


def one_full_stop(sentence: str) -> str:
    """The sentence with one full stop after an abbreviation that ends it: "… à partir du lundi 8 déc." rather
    than "déc..". Babel's short months end in a full stop in French, German and Portuguese ("déc.", "Dez.",
    "dez."), so a sentence that puts a short date (`day_month`, `day_month_short`, `day_month_year`) before its
    own full stop goes through this. An ellipsis ("…", "...") is left as it is."""
    return _DOUBLE_STOP.sub("", sentence)


def half_up(value: float, digits: int = 1) -> Decimal:
    """`value` rounded the way people round (3.25 → 3.3, 2.5 → 3), not to even as `round` and `format` do.

    Starts from the float's shortest written form, so an average that is 3.15 to a person is 3.15 here too."""
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def decimal(value: float, digits: int = 1) -> str:
    """"3.5", "3,5": a number with `digits` decimals (rounded half up), as the reader's language writes it."""
    shown = half_up(value, digits)
    if _language.get() == DEFAULT:
        return f"{shown:.{digits}f}"  # (as Hearth has always written it)
    from babel.numbers import format_decimal

    return format_decimal(shown, format="0." + "0" * digits, locale=_locale())
