"""Which language Hearth speaks, decided in one place (`choose` and `for_channel`).

To one person (a reply, a DM): their own choice (`me language es`) wins; else what their platform says
(Discord sends the user's locale with every interaction, Slack's users.info returns it, the terminal has the
shell's); else the community's language (`mod settings language`); else English.
To a channel (a round's post, a summary, a reminder posted there): the community's language, else English.
Every text Hearth makes follows it (`bot.i18n`); typed command words stay English everywhere.
"""

from __future__ import annotations

import re
import unicodedata

DEFAULT = "en"

#: Every language Hearth has texts in, by code, with its own name for itself.
LANGUAGES: dict[str, str] = {
    "en": "English",
    "es": "Español",
    "de": "Deutsch",
    "fr": "Français",
    "pt": "Português",
}

#: Names people may type for a language besides its code and locales (compared without accents, lowercase).
_NAMES: dict[str, str] = {
    "english": "en", "ingles": "en", "englisch": "en", "anglais": "en",
    "spanish": "es", "espanol": "es", "castellano": "es", "spanisch": "es", "espagnol": "es", "espanhol": "es",
    "german": "de", "deutsch": "de", "aleman": "de", "allemand": "de", "alemao": "de",
    "french": "fr", "francais": "fr", "frances": "fr", "franzosisch": "fr",
    "portuguese": "pt", "portugues": "pt", "portugiesisch": "pt", "portugais": "pt",
}

#: Words that clear a member's own choice, so their platform's language counts again.
AUTO = {"auto", "automatic", "default", "off", "none", "platform", "reset"}

_LOCALE = re.compile(r"^([a-z]{2,3})(?:[-_][a-z0-9]{2,8})*(?:\.[\w-]+)?(?:@\w+)?$")


def from_locale(locale: str | None) -> str | None:
    """One of `LANGUAGES` for a platform locale ("es-419", "pt-BR", "de_DE.UTF-8", "fr"), else None."""
    m = _LOCALE.match((locale or "").strip().lower())
    if not m:
        return None  # also "C" and "POSIX", a shell without a language
    code = m.group(1)
    return code if code in LANGUAGES else None


def plain(text: str) -> str:
    """Lowercase without accents, so "Español", "espanol" and "ESPAÑOL" are one word."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def parse(typed: str) -> str | None:
    """What a person typed for a language (a code, a locale or a name, any case, accents optional)."""
    flat = plain(typed)
    return _NAMES.get(flat) or from_locale(flat)


def choose(own: str | None, platform_locale: str | None, community: str | None = None) -> tuple[str, str]:
    """The language for one person and where it came from ("own", "platform", "community" or "default"):
    the one rule of precedence."""
    if own in LANGUAGES:
        return own, "own"
    from_platform = from_locale(platform_locale)
    if from_platform:
        return from_platform, "platform"
    if community in LANGUAGES:
        return community, "community"
    return DEFAULT, "default"


def for_channel(community: str | None) -> str:
    """The language of what is posted where many read it: the community's, else English."""
    return community if community in LANGUAGES else DEFAULT


def listed() -> str:
    return ", ".join(f"{code} ({name})" for code, name in LANGUAGES.items())
