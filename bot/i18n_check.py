"""Checks on the message catalogs (`bot/locales`), for `hearth content lint` and the tests.

For each language Hearth ships (`bot.language.LANGUAGES`), against the template `hearth.pot`:

* **missing**: a message with no translation (an empty or fuzzy msgstr; English is shown instead). While a
  language is being translated this is a warning; for a language in `COMPLETE` it is a problem, so a
  language declared done stays done.
* **placeholders**: a translation must keep its message's `{name}` placeholders (no new ones, none lost) and
  its `{}` slots (as many), else filling it in fails or loses a value. A plural form may leave out a
  placeholder its other form has (“one note” for `{count} notes`), never add one.
* **markup**: `**bold**` and `_italic_` in pairs.
* **too long**: a text a platform caps (a button label, a form's title, an option's description) must fit
  in its limit in every language, else the platform refuses it or Hearth cuts it. A command that opens a form
  with no title of its own is titled with its description's first words (`bot.commands.forms.first_words`),
  so those words fit a form's title in every language (`title_limits`).
* **stale**: a catalog that lacks a message of the template (run `make messages`).
* **counts**: a message that puts a count before a word ("{count} notes") is a plural message (`ngettext`), so
  "1 note" reads right in every language (`uncounted_messages`), unless its count is never 1 (`NEVER_ONE`).
"""

from __future__ import annotations

import ast
import re
import string
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from bot.language import DEFAULT, LANGUAGES

#: Languages whose catalogs are declared complete: a missing translation there fails the lint and the tests.
#: Add a language once its translators have filled every message.
COMPLETE: tuple[str, ...] = ("en", "es", "de", "fr", "pt")

# The platforms' limits (each adapter cuts to them; translated texts must fit so nothing is cut):
BUTTON_LABEL = 75        # Slack's button text (Discord's is 80): testing/block_kit.py, adapters/slack/render.py
FORM_TITLE = 24          # Slack's modal title and submit label (Discord's title is 45): bot/commands/forms.py
FIELD_LABEL = 45         # Discord's modal field label: testing/discord_rules.py LABEL
DESCRIPTION = 100        # Discord's command and option descriptions, and choice names: testing/discord_rules.py
CHOICE_LABEL = 75        # Slack's option text: adapters/slack/render.py MAX_OPTION_TEXT

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Report:
    """What is wrong (`problems`: the lint fails) and what is still to do (`warnings`), by language."""

    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    missing: dict[str, int] = field(default_factory=dict)
    total: int = 0


def placeholders(text: str) -> tuple[frozenset[str], int]:
    """The `{name}` placeholders of a text, and how many `{}` slots it has."""
    named: set[str] = set()
    slots = 0
    try:
        for _literal, name, _spec, _conv in string.Formatter().parse(text):
            if name is None:
                continue
            if name == "":
                slots += 1
            else:
                named.add(name)
    except ValueError:
        return frozenset({"<a stray brace>"}), -1
    return frozenset(named), slots


def _markup_ok(text: str) -> bool:
    return text.count("**") % 2 == 0


@lru_cache(maxsize=1)
def limits() -> dict[str, tuple[int, str]]:
    """Each capped message (msgid) -> its limit and what it is: from the registry's declarations and from the
    source (`Button(_("…"))`, `Form(_("…"))`, `FormField(name, _("…"))`)."""
    from bot.commands.forms import LABELS
    from bot.commands.groups import GROUP_HELP
    from bot.features import registry

    out: dict[str, tuple[int, str]] = {}

    def cap(text: str | None, most: int, what: str) -> None:
        if text and (text not in out or out[text][0] > most):
            out[text] = (most, what)

    reg = registry()
    for cmd in reg.commands.values():
        cap(cmd.help, DESCRIPTION, f"the description of {cmd.name}")
        for o in cmd.options:
            cap(o.description, DESCRIPTION, f"an option's description ({cmd.name} {o.name})")
            for c in o.choices:
                if c.label != c.value:
                    cap(c.label, CHOICE_LABEL, f"a choice ({cmd.name} {o.name})")
        if cmd.form is not None:
            cap(cmd.form.title, FORM_TITLE, f"a form's title ({cmd.name})")
            cap(cmd.form.submit, FORM_TITLE, f"a form's submit label ({cmd.name})")
            for label in cmd.form.labels.values():
                cap(label, FIELD_LABEL, f"a form field's label ({cmd.name})")
    for text in GROUP_HELP.values():
        cap(text, DESCRIPTION, "a command group's description")
    for text in LABELS.values():
        cap(text, FIELD_LABEL, "a form field's label")
    for path in [*(ROOT / "bot").rglob("*.py"), *(ROOT / "adapters").rglob("*.py")]:
        for text, most, what in _capped_in_source(path.read_text(encoding="utf-8")):
            cap(text, most, what)
    from bot.content.packs import load_library

    library = load_library()
    for mood in library.moods.values():
        cap(mood.label, BUTTON_LABEL - 3, "a mood's button label (with its emoji)")
    for label in library.visibility.values():
        cap(label, CHOICE_LABEL, "a choice of who sees an answer")
    return out


_BUTTONS = {"Button", "run_button", "form_button"}


@lru_cache(maxsize=1)
def title_limits() -> dict[str, tuple[int, str]]:
    """Each description (msgid) whose first words title a form (a command that opens one and declares no title of
    its own: `bot.commands.forms.form_of`) -> the limit those first words have, and what they are."""
    from bot.commands.forms import opens_form
    from bot.features import registry

    return {cmd.help: (FORM_TITLE, f"the first words of {cmd.name}'s description, its form's title")
            for cmd in registry().commands.values() if opens_form(cmd) and cmd.form is None}


def _marked(node: ast.AST | None) -> str | None:
    """The msgid of `_("…")` or `N_("…")`, else None."""
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "N_")
            and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
        return node.args[0].value
    return None


def _capped_in_source(source: str) -> Iterable[tuple[str, int, str]]:
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        kw = {k.arg: k.value for k in node.keywords if k.arg}
        if name in _BUTTONS and node.args and (text := _marked(node.args[0])):
            yield text, BUTTON_LABEL, "a button label"
        elif name == "Form":
            for value in (node.args[0] if node.args else kw.get("title"), kw.get("submit_label")):
                if text := _marked(value):
                    yield text, FORM_TITLE, "a form's title or submit label"
        elif name == "FormField" and len(node.args) > 1 and (text := _marked(node.args[1])):
            yield text, FIELD_LABEL, "a form field's label"


def check(languages: Iterable[str] | None = None, complete: Iterable[str] = COMPLETE,
          locales: Path | None = None) -> Report:
    """Check every language's catalog against the template; `complete` languages may miss nothing."""
    from babel.messages.pofile import read_po

    from bot import i18n

    locales = locales or i18n.LOCALES
    complete = set(complete)
    report = Report()
    with (locales / f"{i18n.DOMAIN}.pot").open("rb") as f:
        template = read_po(f)
    wanted = {m.id: m for m in template if m.id}
    report.total = len(wanted)
    caps, titles = limits(), title_limits()
    for lang in languages or LANGUAGES:
        path = locales / lang / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
        if not path.exists():
            report.problems.append(f"{path}: missing — run `make messages` to start the {lang} catalog")
            continue
        with path.open("rb") as f:
            catalog = read_po(f, locale=lang)
        where = f"bot/locales/{lang}"
        missing = 0
        for msgid, template_message in wanted.items():
            message = catalog.get(msgid)
            shown = (msgid[0] if isinstance(msgid, tuple) else msgid).replace("\n", " ")[:60]
            if message is None:
                report.problems.append(f"{where}: “{shown}” is not in the catalog — run `make messages`")
                continue
            strings = list(message.string) if isinstance(message.string, (tuple, list)) else [message.string]
            if lang == DEFAULT:
                continue  # (English is the source: its catalog says each message as it is)
            if message.fuzzy or not all(strings):
                missing += 1
                continue
            report.problems.extend(_problems(where, msgid, strings, caps, titles))
        report.missing[lang] = missing
        if missing:
            line = f"{where}: {missing} of {len(wanted)} messages not translated yet (shown in English)"
            (report.problems if lang in complete else report.warnings).append(line)
    return report


def _problems(where: str, msgid: str | tuple[str, ...], strings: list[str],
              caps: dict[str, tuple[int, str]], titles: dict[str, tuple[int, str]] | None = None) -> list[str]:
    from bot.commands.forms import first_words

    problems = []
    ids = list(msgid) if isinstance(msgid, tuple) else [msgid]
    shown = ids[0].replace("\n", " ")[:60]
    source = [placeholders(i) for i in ids]
    allowed = frozenset().union(*(named for named, _ in source))
    for i, text in enumerate(strings):
        named, slots = placeholders(text)
        if slots < 0:
            problems.append(f"{where}: “{shown}”: the translation has a stray {{ or }}")
            continue
        if len(ids) == 1 and named != source[0][0]:
            problems.append(f"{where}: “{shown}”: placeholders differ — the message has "
                            f"{_listed(source[0][0])}, the translation {_listed(named)}")
        elif len(ids) > 1 and not named <= allowed:
            problems.append(f"{where}: “{shown}” (plural form {i}): it uses {_listed(named - allowed)}, which the "
                            "message doesn't fill")
        if slots != source[0][1]:
            problems.append(f"{where}: “{shown}”: the message has {source[0][1]} {{}} slot(s), the translation {slots}")
        if not _markup_ok(text):
            problems.append(f"{where}: “{shown}”: a ** without its partner — bold looks like **this**")
        limit = caps.get(ids[0])
        if limit is not None and len(text) > limit[0]:
            problems.append(f"{where}: “{shown}”: {len(text)} characters, but {limit[1]} can have at most "
                            f"{limit[0]} — shorten it")
        title = (titles or {}).get(ids[0])
        if title is not None and len(first_words(text)) > title[0]:
            problems.append(f"{where}: “{shown}”: “{first_words(text)}” is {len(first_words(text))} characters, but "
                            f"{title[1]} can have at most {title[0]} — shorten those words")
    return problems


def _listed(names: frozenset[str]) -> str:
    return ", ".join(sorted("{" + n + "}" for n in names)) or "none"


#: Placeholders that hold a number of things ("{count} notes", "{days} days"): a sentence that puts one before a
#: word must be a plural message (`ngettext`), so "1 note" and "2 notes" each read right in every language.
COUNTS = frozenset({"count", "n", "days", "weeks", "hours", "minutes", "years", "size", "floor", "chars", "length",
                    "limit", "step"})
_COUNTED = re.compile(r"\{(" + "|".join(sorted(COUNTS)) + r")\}\**\s+[^\W\d_]")

#: Sentences with a count that can never be 1 (a constant, or a number past a limit), kept singular-free on purpose.
NEVER_ONE = frozenset({
    "(That passed more than {count} openings, reminders and closings; the ones after those were skipped. Move the "
    "clock in smaller steps to see every one.)",  # the terminal's MAX_STEPS, 1200
    "I move the clock at most {days} days at a time; try `advance 30d`.",  # the terminal's MAX_ADVANCE, 3660
    "That file is {size} MB",  # over 1 MB, with a decimal
    "When answers show, invitations show beside them only if at least {floor} people didn't answer: otherwise they "
    "would tell who answered.",
    "too few answers to show (fewer than {floor} people in every week)",
    "too few answers to show (fewer than {floor} people in every week still kept)",
    "A week where fewer than {floor} people answered shows “{too_few}”.",
    "moods hidden: fewer than {floor} people shared one",
    "“{mark}”: fewer than {floor} people shared a mood that week, or their moods could give away an anonymous answer.",
    # (the summary floor is 3 at least: `checkins.summary_floor`)
    "{source}: this file nests arrays or tables too deeply to read (more than {limit} levels) — Hearth's files need "
    "only a few",
    "{source}: line {line}: this file nests arrays or tables too deeply to read (more than {limit} levels) — Hearth's "
    "files need only a few",  # (bot/content/toml.py MAX_DEPTH, 32)
    "This link signs you in once, for a working day ({hours} hours), to the community where you asked for it.",
    "**Your dashboard link** (only you can see this):\n{link}\nIt works once, for the next {minutes} minutes, and "
    "signs you in to this community for {hours} hours. Don't share it: whoever opens it acts as you.",
    "That link has expired: each one works for {minutes} minutes. Type **mod dashboard** again for a new one.",
    # (bot/flows/dashboard.py: 10 minutes, 8 hours)
    "Okay. After {count} low check-ins in a row, I'll check on you privately.",  # low_mood_streak is 2 at least
    "“{}” is more than {years} years away.",  # 10
    "“{}” is too short: it needs at least {minutes} minutes.",  # 5
    "every {step} minutes",  # a step of 2 at least (1 is "every minute")
    "{name}, last {weeks} weeks", "All check-ins, last {weeks} weeks",  # insights: 4, 12 or 52 weeks
    "No check-in rounds in these {weeks} weeks, so there's nothing to count yet.",
    "average mood {average} (no earlier {weeks} weeks to compare)",
    "average mood {average}, {trend} on the {weeks} weeks before ({before})",
    "…and {count} more.", "and {count} more",  # no noun to agree with: "and 1 more"
    "the file is {size} bytes, far too large for a pack — split it into smaller packs",
    # (not counts before a noun: "2 of 3", weekday names, a list of minutes)
    "continued in the next message ({n} of {total})", "{days} at {times}", "{days} in {months}",
    "at minute {minutes} of the hour", "at minutes {minutes} of the hour",
    # (a length past a limit, and the limits, are never 1:)
    "“{option}” can be at most {limit} characters; this one has {length}. Could you make it shorter?",
    "“{option}” can be at most {limit} characters. This one is {length} as I keep it: some characters are kept as "
    "more than one (“…” as three dots). Could you make it shorter?",
    "Notes can be up to {limit} characters; yours has {length}. Could you split it in two?",
    "That's longer than a schedule needs ({limit} characters at most).",
    "Your words are {length} characters; the most I can keep is {limit}. Could you shorten them a little? Nothing "
    "was saved yet.",
    "That's {length} characters; the most I can keep here is {limit}. Could you shorten it a little? Nothing was "
    "saved yet.",
    # (the terminal's limits: 3660 days a jump, `MAX_ADVANCE`; 1200 moments a move, `MAX_STEPS`)
    "move the clock forward (30s, 10m, 2h, 1d; up to {days} days)",
    "(I stopped the clock at {time}, short of {target}: that was {count} openings, reminders and closings, the most "
    "I step through in one move so that each one shows. Nothing was skipped. {rounds} Type advance again to go on.)",
})


def uncounted_messages(template: Path | None = None) -> list[str]:
    """Messages that put a count before a word without being plural messages ("1 days"), outside `NEVER_ONE`.
    A limit message of a pack's or a text's lint ("is {chars} characters; the limit is {limit}") is past its
    limit, so never 1, and is left out by its "the limit is"."""
    from babel.messages.pofile import read_po

    from bot import i18n

    with (template or i18n.LOCALES / f"{i18n.DOMAIN}.pot").open("rb") as f:
        catalog = read_po(f)
    return [m.id for m in catalog if isinstance(m.id, str) and m.id and m.id not in NEVER_ONE
            and _COUNTED.search(m.id) and "the limit is {limit}" not in m.id]


def english_limits_problems() -> list[str]:
    """The English texts themselves against the same limits (so a limit is never first broken in English)."""
    from bot.commands.forms import first_words

    return [f"en: “{text[:60]}”: {len(text)} characters, but {what} can have at most {most}"
            for text, (most, what) in limits().items() if len(text) > most] + [
        f"en: “{first_words(text)}”: {len(first_words(text))} characters, but {what} can have at most {most}"
        for text, (most, what) in title_limits().items() if len(first_words(text)) > most]


