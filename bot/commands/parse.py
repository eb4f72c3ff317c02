"""Typed command lines ("checkin join mornings reminders=yes") into command events.

The terminal and Slack's slash command both take a line of text; this one
grammar serves both: the command path, then `key=value` options anywhere,
then positional values in the order the command declares, the last
`rest` option taking whatever words remain.

A `key=value` keeps its spaces: its value runs on over the words after it, up
to the next `key=` word (`text=How have you grown?`, `when=daily 10:00`,
`rename=evening circle`). A choice, number, channel, person or timezone is one
word, and a value quoted whole (`rename="evening circle"`) ends with its quote.
A name's (or other plain value's) words stop where words in order would give
the next one an option of its own, or someone's free words
(`name=standup #team daily 09:00`: the channel and the time it requires;
`checkin join schedule=x yes`: the reminders' choice). A check-in's name (`_is_name`),
in order or named, runs up to the first word that can only be the next option (`_ends_a_name`: a #channel, a
schedule's word, a date or time, a key=, a later choice), or is the longest of this community's names (`known`)
its words begin with; before someone's own words only a known name runs on. `checkin answer`'s choices (a
mood, a visibility, one of this community's check-ins by name) come first, in any order, up to the first word
that is none of them; the rest is the member's words (`_choices_first`).
"""

from __future__ import annotations

import re
import shlex
import unicodedata
from typing import Callable, Collection, Mapping

from bot.content.style import unseen
from bot.commands.mentions import OPEN, mentions_read, options_read, starts_with_channel
from bot.commands.registry import Command, Option, Registry, given_back, no_such_option, not_a_choice
from bot.errors import UserError
from bot.events import Rich, UserText, hearth_text
from bot.i18n import _
from bot.scheduling.spec import schedule_word


#: What makes shlex split differently from splitting on its whitespace: quotes, backslashes, other whitespace.
_SHELL_SPECIAL = re.compile(r"[\"'\\]|[^\S \t\r\n]")


def trimmed(line: str) -> str:
    """A typed line without what shows nothing at either end: spaces, and invisible characters (a zero-width space,
    a direction mark, a byte-order mark: Unicode's format and control characters). A line of only these is empty,
    and is met as an empty line is, never as a command named “”."""
    start, end = 0, len(line)
    while start < end and _unseen(line[start]):
        start += 1
    while end > start and _unseen(line[end - 1]):
        end -= 1
    return line[start:end]


def _unseen(ch: str) -> bool:
    return ch.isspace() or unseen(ch)


def tokenize(line: str) -> list[str]:
    """Split like a shell, but forgive a lone apostrophe ("I'm fine")."""
    return [word for word, _start in tokens(line)]


def tokens(line: str) -> list[tuple[str, int]]:
    """`tokenize`'s words, each with where it starts in `line`: so a command's own words can be taken from the
    line as typed ("I'm sure it's fine" keeps its apostrophes, which a shell would pair up as quotes)."""
    if not _SHELL_SPECIAL.search(line):  # most lines: shlex would split on whitespace alone, far slower
        return _found(line, line.split())  # (only shlex's own whitespace is in it)
    lexer = shlex.shlex(line, posix=True)
    lexer.whitespace_split, lexer.commenters = True, ""  # (as shlex.split)
    out: list[tuple[str, int]] = []
    start = 0
    try:
        while (word := lexer.get_token()) is not None:
            out.append((word, len(line) - len(line[start:].lstrip(" \t\r\n"))))
            start = lexer.instream.tell()  # (just past the word and the one space that ended it)
    except ValueError:  # a quote left open: each word as typed, less a double quote that opens or closes nothing
        return [_unquoted(word, at) for word, at in _found(line, line.split())]
    return out


def _unquoted(word: str, at: int) -> tuple[str, int]:
    """A word of a line whose quotes don't pair, without a double quote at its start or end (`"unterminated`
    named a check-in “"unterminated”). An apostrophe stays ("I'm", "friends'"): it is part of words; a quote
    mark alone stays too. Where it starts is where it was typed: someone's writing, read from the line as typed
    (`bind`'s spans), keeps every mark. So does a `key="value` word's value."""
    if len(word) > 1 and word.startswith('"'):
        word = word[1:]
    key, sep, value = word.partition("=")
    if sep and _OPTION_LIKE.fullmatch(key) and len(value) > 1 and value.startswith('"'):  # `rename="evening`
        word = f"{key}={value[1:]}"
    if len(word) > 1 and word.endswith('"'):
        word = word[:-1]
    return word, at


def _found(line: str, words: list[str]) -> list[tuple[str, int]]:
    out, at = [], 0
    for word in words:
        at = line.index(word, at)
        out.append((word, at))
        at += len(word)
    return out


def parse_line(registry: Registry, line: str, known: Collection[str] = (),
               names: Mapping[str, str] | None = None) -> tuple[Command, dict[str, str]]:
    """The command a typed line runs, and its options. `known`: the check-ins' names here, so a name typed without
    quotes that is one of them is taken whole, and no further ("mornings maybe": "maybe" is the reminders').
    A line with mentions in it (an adapter's neutral marks, `bot.commands.mentions`; `names`: the names the
    platform gives them) has them read once it is parsed: an option naming a member gets the id, every other
    "@Name"; so does a refusal, and what it gives back."""
    try:
        cmd, args = _parse_line(registry, line, known, names or {})
    except UserError as err:
        if OPEN in line:
            _read_refusal(err, names or {})
        raise
    return cmd, options_read(cmd, args, names or {})


def _read_refusal(err: UserError, names: Mapping[str, str]) -> None:
    """A refusal's words, quoting the line or a value of it, with its mentions read (never a neutral mark)."""
    err.body = Rich(tuple(UserText(mentions_read(p.text, names)) if isinstance(p, UserText)
                          else mentions_read(p, names) if isinstance(p, str) else p for p in err.body.parts))
    err.args = (err.body.plain(),)


def _parse_line(registry: Registry, line: str, known: Collection[str], names: Mapping[str, str]
                ) -> tuple[Command, dict[str, str]]:
    line = trimmed(line)
    spans = tokens(line)
    words = [word for word, _start in spans]
    if not words:
        raise UserError(_("Type **help** to see what I can do."))
    cmd, rest = registry.find_typed(words)
    if cmd is None:  # "checkin" alone, "checkin stat", "dance": help answers, knowing who asks (and whether
        # they may see moderator commands: one refusal for all else, so a member can't tell which words are those).
        # The whole line goes with it: a line that is no command may be someone talking to Hearth ("I want to
        # die"), and the care screen reads every word of it (`bot.flows.crisis_care.free_text`).
        return registry.commands["help"], {"command": line}
    skipped = len(words) - len(rest)
    spans = spans[:skipped] + _equals_joined(cmd, spans[skipped:])
    rest = [word for word, _start in spans[skipped:]]
    try:
        return cmd, bind(cmd, rest, lambda i, j: line[spans[skipped + i][1]:spans[skipped + j][1] if skipped + j < len(
            spans) else len(line)], known)
    except UserError as err:  # a typed line is gone once sent: a command that takes words gives them back
        if rest and any(o.kind == "text" for o in cmd.options):  # (its words are writing: `free_words`)
            err.body = given_back(err.reply(), [rest_of_line(registry, line, names)]).body
            err.args = (err.body.plain(),)
        raise


def rest_of_line(registry: Registry, line: str, names: Mapping[str, str] | None = None) -> str:
    """Every word of a typed line after its command's name, exactly as typed (`Event.line`): what a refusal gives
    back, before or after the line is read into options ("" when it names no command). Its mentions read as
    "@Name" (`names`, `bot.commands.mentions`): the person's words as they see them."""
    line = trimmed(line)
    spans = tokens(line)
    cmd, rest = registry.find_typed([word for word, _start in spans])
    return mentions_read(line[spans[len(spans) - len(rest)][1]:], names or {}) if cmd is not None and rest else ""


def _equals_joined(cmd: Command, spans: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """`key = value`, `key= value` and `key =value` typed with spaces around "=" are `key=value`, where the key is
    one of the command's options (or any key, where the command takes nobody's own words: a slip is then refused by
    its name, "no option “nme”", not taken as part of a name). A setting's own name before it (`mod settings
    language = fr`, and `language=fr`: a choice of an option that a plain value follows) is that choice and its
    value, in order. Elsewhere an "=" between words is the person's own, and stays."""
    names = {o.name for o in cmd.options} | {a for o in cmd.options for a in o.old_names}
    words_free = any(o.kind == "text" or (o.rest and o.reads is None) for o in cmd.options)  # (as `bind`)
    out: list[tuple[str, int]] = []
    i = 0
    while i < len(spans):
        word, start = spans[i]
        key = value = None
        if word == "=" and out and i + 1 < len(spans):  # key = value
            key, value, end = out[-1][0], spans[i + 1], i + 2
        elif word.endswith("=") and word.count("=") == 1 and len(word) > 1 and i + 1 < len(spans):  # key= value
            key, value, end = word[:-1], spans[i + 1], i + 2
        elif word.startswith("=") and word.count("=") == 1 and len(word) > 1 and out:  # key =value
            key, value, end = out[-1][0], (word[1:], start + 1), i + 1
        elif word.count("=") == 1 and not word.startswith("=") and not word.endswith("=") \
                and _setting(cmd, word.partition("=")[0]) is not None:  # setting=value
            name, _sep, said = word.partition("=")
            out += [(name, start), (said, start + len(name) + 1)]
            i += 1
            continue
        if key is None or value is None or "=" in key or "=" in value[0] or not value[0]:
            out.append((word, start))
            i += 1
            continue
        key_apart = not word.endswith("=") or word == "="  # (the key is the word before, already in `out`)
        key_start = out[-1][1] if key_apart else start
        before = [w for w, _s in out[:len(out) - key_apart]]
        if _setting(cmd, key) is not None:  # (the setting's name, then its value)
            if key_apart:
                out.pop()
            out += [(key, key_start), value]
        elif (key in names and (not words_free or _before_words(cmd, before)) and not _filled_before(cmd, key, before)) \
                or (not words_free and _OPTION_LIKE.fullmatch(key) and key not in names):
            if key_apart:
                out.pop()
            out.append((f"{key}={value[0]}", key_start))
        else:
            out.append((word, start))
            i += 1
            continue
        i = end
    return out


def _filled_before(cmd: Command, key: str, before: list[str], known: Collection[str] = ()) -> bool:
    """Whether the words typed before `key=` (other `name=value` words aside) already give that option its value,
    in order: "checkin answer 2 anonymous mood=3" gives the mood twice. Then a spaced `mood = 3` is someone's own
    words ("2 mood = terrible today"), and `mood=3` is refused by name (`_named`), never shifted onto the next
    option, which put "2 anonymous" into someone's posted words (a review). A command whose choices go first in
    any order (`checkin answer`) reads them as `_choices_first` does: "shared 4 mood=3" gives the mood twice too."""
    queue = [w for w in before if "=" not in w]
    if choices_first(cmd):
        taken: dict[str, str] = {}
        _choices_first(cmd, taken, queue, list(range(len(queue))), known)
        return key in taken
    for opt in cmd.options:
        if opt.kind == "file" or not (opt.required or opt.rest or not _named_only(cmd, opt.name)):
            continue
        if not queue or opt.kind == "text" or opt.rest:
            return False  # (nothing left, or someone's own words begin: the rest is theirs)
        if not opt.required and opt.choices and not _is_choice(opt, queue[0]):
            continue  # (as `bind`: a word that is no choice skips an optional choice)
        if opt.name == key:
            return True
        queue.pop(0)
    return False


def _before_words(cmd: Command, before: list[str]) -> bool:
    """Whether words typed before a spaced `key =` are still where options go, not someone's words already begun
    ("checkin answer 4 my mood = tired" is a sentence): each is a `key=value`, a choice or a number, or the value of
    one of the plain options that come before the command's free words (a prompt's id)."""
    first = next((i for i, o in enumerate(cmd.options) if o.kind == "text" or o.rest), len(cmd.options))
    plain = sum(1 for o in cmd.options[:first] if not o.choices and o.kind not in ("int", "file"))
    for i, word in enumerate(before):
        if "=" in word or word.lstrip("-").isdigit() or any(o.choice_for(word) for o in cmd.options if o.choices):
            continue
        if i >= plain:
            return False
    return True


def _setting(cmd: Command, key: str) -> Option | None:
    """The option whose choice `key` is, where a plain value (no choice) follows it: `mod settings language fr`."""
    for a, b in zip(cmd.options, cmd.options[1:]):
        if a.choices and not b.choices and b.kind not in ("text", "file") and a.choice_for(key) is not None:
            return a
    return None


def names_a_command(registry: Registry, line: str) -> bool:
    """Whether a line typed where an answer was asked for is one of Hearth's commands: a command's words of two or
    more ("checkin answer", "mod care") at its start, or a one-word command alone ("help"). An answer that
    merely begins with a word like "note" or "help" is more likely words ("help came just in time")."""
    words = line.split()
    cmd, rest = registry.find_typed(words)
    return cmd is not None and (len(words) - len(rest) > 1 or not rest)


def bind(cmd: Command, words: list[str], typed: Callable[[int, int], str] | None = None,
         known: Collection[str] = ()) -> dict[str, str]:
    """Give each word to its option: named ones by key (with the words their value runs on over: see the module's
    docstring), the others in order. `typed(i, j)`: the line as typed from word `i` up to word `j`, which a
    command's own words (free text, or the rest of the line) are taken from whole."""
    names = {o.name for o in cmd.options}
    old = {alias: o.name for o in cmd.options for alias in o.old_names}  # ("id=3" for `number`: still understood)
    args, at, positional, free_start = _named(cmd, words, names, old, typed, known)
    positional, at = _choices_first(cmd, args, positional, at, known)
    slots = _slots(cmd, set(args))
    for i, opt in enumerate(slots):
        if not positional:
            break
        if opt.rest or i == len(slots) - 1:
            if opt.kind == "text" or (opt.rest and opt.reads is None):  # (a time is no one's words: a slip
                free_start = at[-len(positional)]  # after it, "foo=bar", is refused by name)
            args[opt.name] = _as_typed(opt, positional, at[-len(positional):], typed)
            positional = []
            break
        if not opt.required and opt.choices and not _is_choice(opt, positional[0]):
            if not _free_text_follows(slots[i + 1:]):
                args[opt.name] = positional.pop(0)  # no other place for it: the choice check refuses it by name
                continue
            if opt.looks_like_a_choice(positional[0]):  # "public oops", "sharde hi", "6 great": never words
                raise not_a_choice(opt, positional[0], before_words=True)
            continue  # "checkin answer 4 Slept well": "Slept" is no visibility
        if opt.kind == "text" and free_start is None:
            free_start = at[-len(positional)]
        if _is_name(opt):  # (before someone's own words, only a name known here runs on: theirs may follow)
            n = _name_length(cmd, opt, positional, known, greedy=not any(o.kind == "text" for o in slots[i + 1:]))
            if i + 1 < len(slots) and slots[i + 1].kind == "channel" and n < len(positional) and n > 1 \
                    and not positional[n].startswith(("#", "<#")) and not starts_with_channel(positional[n]) \
                    and not _known_length(positional, known):
                n -= 1  # ("mornings general weekdays 09:00": a channel typed without its #, as before)
            args[opt.name], positional = " ".join(positional[:n]), positional[n:]
            continue
        args[opt.name] = positional.pop(0)
    _refuse_unknown_options(cmd, words, names | set(old), free_start, typed)
    if positional:
        raise UserError(_("I didn't understand “{typed}” for **{command}**. Usage: `{usage}`"), typed=" ".join(positional),
                        command=hearth_text(cmd.name), usage=hearth_text(cmd.usage()))
    return args


#: A word that could be an option's name: letters first, then letters, digits, "_" or "-" ("visibilidad", "mood").
_OPTION_LIKE = re.compile(r"[^\W\d_][\w-]*")


def _refuse_unknown_options(cmd: Command, words: list[str], names: set[str], free_start: int | None,
                            typed: Callable[[int, int], str] | None) -> None:
    """A `name=value` word whose name is none of the command's options, where options go, is a slip
    ("visibilidad=privado"): refused, with the command's usage, rather than kept as words or taken as a value.
    Where options go: anywhere before free words begin. Once free words have begun ("Slept well, ratio=2:1"),
    every word is theirs; a word quoted from its start ("'x=1 is my guess'") is always words; and a name that
    is not a word ("2+2=4") is never an option."""
    for i, word in enumerate(words):
        key, sep, _value = word.partition("=")
        if not sep or key in names or not _OPTION_LIKE.fullmatch(key):
            continue
        if free_start is not None and i > free_start:
            return  # inside someone's words: theirs, "=" and all
        if typed is not None and typed(i, i + 1).lstrip()[:1] in ("\"", "'"):
            continue  # quoted: words, not an option
        raise no_such_option(cmd, key)


#: A value that is one word whatever follows it: these never hold a space.
_ONE_WORD_KINDS = frozenset({"choice", "int", "channel", "timezone", "user", "file"})

Named = tuple[dict[str, str], list[int], list[str], "int | None"]
"""What `_named` found: the named options' values, and where each positional word is, and those words, and where
the first option taking someone's own words begins (None: nowhere)."""


def _runs_on(opt: Option) -> bool:
    """Whether a `key=` value of this option may run on over the words after it: not a choice, number, channel,
    person or timezone (never more than a word)."""
    return not opt.choices and opt.kind not in _ONE_WORD_KINDS


def _slots(cmd: Command, given: set[str]) -> list[Option]:
    """The options words in order go to, once those in `given` are named: files are uploads, not words."""
    return [o for o in cmd.options if o.name not in given and o.kind != "file"
            and (o.required or o.rest or not _named_only(cmd, o.name))]


def _no_place_but_here(slots: list[Option], before: list[str], word: str) -> bool:
    """Whether `word`, after a name's (or other plain value's) `key=`, belongs to it: unless words in order would
    give it to an option of its own (a channel, a choice, a name the command needs), or to someone's free words.
    Over a line's rest that isn't words and isn't needed (`rename=evening circle` in `mod schedule edit t …`, whose
    new time may be left out) it runs on."""
    queue = [*before, word]
    for i, opt in enumerate(slots):
        if opt.rest:
            return opt.kind != "text" and not opt.required
        if i == len(slots) - 1:
            return len(queue) > 1  # (the last option takes a word in order, if it has none before this one)
        if not opt.required and opt.choices and not _is_choice(opt, queue[0]) and _free_text_follows(slots[i + 1:]):
            continue  # (as `bind`: a word that is no choice may start the free words that follow)
        queue.pop(0)
        if not queue:
            return False
    return True


#: Words that can only begin a date ("until 6 jan", "tomorrow", "dec 25"): where a name typed without quotes ends.
_DATE_WORDS = frozenset({"today", "tomorrow", "until", "till"} | {
    m for full in ("january", "february", "april", "june", "july", "august", "september", "october", "november",
                   "december") for m in (full, full[:3])} | {"sept"})


def _is_name(opt: Option) -> bool:
    """A check-in's name (`checkin join`'s schedule, `mod schedule create`'s name, a rename): words with spaces
    ("late evening circle"), typed without quotes."""
    return opt.kind == "string" and not opt.rest and not opt.choices and (opt.suggest == "schedules" or opt.label)


def _ends_a_name(cmd: Command, name: Option, word: str) -> bool:
    """Whether `word` can only be what follows a name, never part of it: a channel, a schedule's or a date's word,
    a time, or a choice of an option after the name ("yes" for reminders). The README's rule: a name runs up to
    the first word that can only be the next option."""
    w = word.lower()
    if w.startswith(("#", "<#")) or starts_with_channel(w) or w[:1].isdigit() or w in _DATE_WORDS \
            or schedule_word(w):
        return True
    after = cmd.options[cmd.options.index(name) + 1:] if name in cmd.options else cmd.options
    return any(o.choices and (_is_choice(o, word) or o.looks_like_a_choice(word)) for o in after)


def _known_length(positional: list[str], known: Collection[str]) -> int:
    """How many of the words begin with the longest of this community's check-in names (0: none)."""
    names = {" ".join(k.lower().split()) for k in known}
    return next((n for n in range(len(positional), 0, -1) if " ".join(positional[:n]).lower() in names), 0)


def _name_length(cmd: Command, opt: Option, positional: list[str], known: Collection[str] = (),
                 greedy: bool = True) -> int:
    """How many of the words in order a name takes: the most that make a check-in's name here (`known`); else at
    least one, up to the first that ends a name."""
    if n := _known_length(positional, known):
        return n
    n = 1
    if not greedy:
        return n
    while n < len(positional) and not _ends_a_name(cmd, opt, positional[n]):
        n += 1
    return n


def _named(cmd: Command, words: list[str], names: set[str], old: dict[str, str],
           typed: Callable[[int, int], str] | None, known: Collection[str] = ()) -> Named:
    """The `key=value` words taken by their options, each value with the words it runs on over: up to the next
    word that names an option (for free words: one of this command's not given yet, so "ratio=2:1" stays
    theirs)."""
    options = {o.name: o for o in cmd.options}
    given = {old.get(k, k) for k, sep, _v in (w.partition("=") for w in words) if sep and old.get(k, k) in names}
    slots = _slots(cmd, given)
    args: dict[str, str] = {}
    at: list[int] = []
    positional: list[str] = []
    free_start: int | None = None
    i = 0
    while i < len(words):
        key, sep, value = words[i].partition("=")
        key = old.get(key, key) if sep else key
        if sep and key in names and not _quoted_whole(typed, i) and (key in args or (
                free_start is None and _filled_before(cmd, key, positional, known))):  # ("mood=4 mood=5", "2 anonymous mood=3")
            raise UserError(_("You gave “{option}” twice. Which one did you mean? Please give it once."),
                            option=hearth_text(key), field=key)
        if not (sep and key in names and key not in args):
            positional.append(words[i])
            at.append(i)
            i += 1
            continue
        opt = options[key]
        end = i + 1
        if _is_name(opt) and not _quoted_whole(typed, i) and not any(o.kind == "text" for o in slots):
            run = i + 1
            while run < len(words) and not _names_an_option(words[run], opt, names | set(old), args, old):
                run += 1
            end = i + _name_length(cmd, opt, [value, *words[i + 1:run]], known)
        elif _runs_on(opt) and not _quoted_whole(typed, i):
            while end < len(words) and not _names_an_option(words[end], opt, names | set(old), args, old) \
                    and (opt.kind == "text" or opt.rest or _no_place_but_here(slots, positional, words[end])):
                end += 1
        if opt.kind == "text" and free_start is None:
            free_start = i
        args[key] = value if end == i + 1 else _value_as_typed(opt, words[i:end], typed, i, end)
        i = end
    return args, at, positional, free_start


def _names_an_option(word: str, opt: Option, names: set[str], given: dict[str, str], old: dict[str, str]) -> bool:
    """Whether `word` ends the value before it: a `name=` word. Inside free words only a name of this command's
    that isn't given yet does ("schedule=mornings" after an answer's words); elsewhere any word shaped like one,
    so a slip ("timezon=UTC") is refused by name rather than taken as part of a name or a time."""
    key, sep, _value = word.partition("=")
    if not sep:
        return False
    if opt.kind == "text":
        return old.get(key, key) in names and old.get(key, key) not in given
    return bool(_OPTION_LIKE.fullmatch(key))


def _quoted_whole(typed: Callable[[int, int], str] | None, i: int) -> bool:
    """Whether word `i`'s value was typed in quotes (`rename="evening circle"`): then it is whole as it stands."""
    if typed is None:
        return False
    value = typed(i, i + 1).strip().partition("=")[2].strip()
    return value[:1] in ("\"", "'") and len(value) >= 2 and value[-1] == value[0]


def _value_as_typed(opt: Option, taken: list[str], typed: Callable[[int, int], str] | None, i: int, end: int) -> str:
    """A value of several words: for free words as typed (apostrophes and spaces kept), else the words."""
    first = taken[0].partition("=")[2]
    if typed is None or opt.kind != "text":
        return " ".join([first, *taken[1:]]).strip()
    raw = typed(i, end).strip()
    return raw.partition("=")[2].strip() if "=" in raw else " ".join([first, *taken[1:]])


def _as_typed(opt: Option, taken: list[str], at: list[int], typed: Callable[[int, int], str] | None) -> str:
    """The words an option takes to the end of the line: for free text, as typed (apostrophes, quotes, backslashes
    and spaces kept) when no other option was typed among them, and unquoted when quoted whole; else the words."""
    if typed is None or (opt.kind != "text" and not opt.rest) or at != list(range(at[0], at[-1] + 1)):
        return " ".join(taken)
    raw = typed(at[0], at[-1] + 1).strip()
    if len(taken) == 1 and len(raw) >= 2 and raw[0] in "\"'" and raw[-1] == raw[0] and raw[1:-1] == taken[0]:
        return taken[0]  # one word, quoted whole: the quotes only held it together
    return raw


def choices_first(cmd: Command) -> bool:
    """Whether a typed line gives this command's choices first, in any order, before someone's words
    (`_choices_first`: `checkin answer`): `help` says so under its usage."""
    return _spare_name(cmd) is not None


def _spare_name(cmd: Command) -> Option | None:
    """A check-in's name to find, given after someone's words only by `schedule=`: taken among the choices."""
    return next((o for o in cmd.options if _is_name(o) and o.suggest == "schedules" and _named_only(cmd, o.name)),
                None)  # (one to find: never a new one, `rename`)


def _choices_first(cmd: Command, args: dict[str, str], positional: list[str], at: list[int],
                   known: Collection[str]) -> tuple[list[str], list[int]]:
    """`checkin answer`'s choices, typed in any order before someone's own words: a command whose free words are
    followed by a check-in's name given only as `schedule=` (`checkin answer`) reads its leading words, in any
    order, as its choices for as long as each one is one: a choice of an option not given yet (a mood, a
    visibility), or one of this community's check-in names (`known`, the longest it begins with) while none is
    given yet. The first word that is none of these begins the words, and every word from there is theirs
    ("checkin answer 2 circle shared thanks all": mood 2, check-in circle, shared, words "thanks all";
    "checkin answer 2 shared I feel good circle": "circle" is part of the words).

    Ambiguity (a check-in's name that is also the first word of someone's words, "checkin answer 4 circle was
    lovely"): the documented rule, not a question. Among the leading choices the name is the check-in, as the
    README and `help checkin answer` say; words that begin with one go after `words=`. A name that is no
    check-in here, or a choice given twice ("4 5 stars"), ends the choices. A slip ("sharedd") is left to
    `bind`, which asks "Did you mean shared?" before anything is saved. Returns the words left for the options
    in order, and where each is (`args` gets the choices taken)."""
    spare = _spare_name(cmd)
    if spare is None:
        return positional, at
    choices = [o for o in cmd.options if o.choices and not o.required and not _named_only(cmd, o.name)]
    i = 0
    while i < len(positional):
        opt = next((o for o in choices if o.name not in args and _is_choice(o, positional[i])), None)
        if opt is not None:
            args[opt.name] = positional[i]
            i += 1
            continue
        n = _known_length(positional[i:], known) if spare.name not in args else 0
        if not n:
            break
        args[spare.name] = " ".join(positional[i:i + n])
        i += n
    return positional[i:], at[i:]


def _free_text_follows(slots: list[Option]) -> bool:
    """Whether a later option takes free words, so a word that is no choice may be the start of them."""
    return any(o.kind == "text" or o.rest for o in slots)


def _is_choice(opt: Option, word: str) -> bool:
    return opt.choice_for(word) is not None


def _named_only(cmd: Command, name: str) -> bool:
    """Optional options after the `rest` one can only be given as key=value."""
    seen_rest = False
    for o in cmd.options:
        if o.name == name:
            return seen_rest
        seen_rest = seen_rest or o.rest
    return False
