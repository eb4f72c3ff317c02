"""Errors people see. They say what was wrong and how to do it right."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from bot.events import Refusal, Reply, Rich, fill, rich
from bot.fit import fit


class HearthError(Exception):
    """A problem Hearth explains: its message is written for the person who reads it, whole.

    Every error Hearth raises on purpose derives from this, so a caller that only has to say what
    went wrong (the CLI, an adapter at start) catches this one class and prints `str(err)`; anything
    else that escapes is a bug.
    """


#: The most of someone's words a refusal quotes back as a name ("I don't know the command “…”"): enough to
#: recognise what they typed. A refusal that must give their words back whole, to use again, does so apart
#: (`given_back`), and every platform splits that; a quote is no copy, and a 50,000-character word quoted whole went
#: over Slack's limit for one message.
MAX_QUOTED = 300


def quoted(text: str) -> str:
    """Someone's words as a refusal quotes them: at most `MAX_QUOTED` characters, cut with "…"."""
    return fit(text, MAX_QUOTED)


_OPENING_QUOTES = "“«„\"'‘‚‹`"


def _in_quotes(before: str) -> bool:
    """Whether a `{}` slot that follows this text is in quotes (“{}”, « {} », „{}“) or a code span (`{}`, a prompt's
    id): someone's words quoted back."""
    tail = before.rstrip(" \u00a0\u202f")
    return bool(tail) and tail[-1] in _OPENING_QUOTES


class UserError(HearthError):
    """A kind refusal shown to the person who asked; nothing was changed.

    The message is Hearth's own template (translated: `UserError(_("…"))`); `{}` slots take user text, or
    named `{slots}` take `values` (a `str` is user text, a `Rich` Hearth's), kept inert when shown. `field`
    names the option or form field it is about, so a form can show it beside that field and keep the rest.
    `why` says what kind of refusal it is (`Refusal`), for an adapter that answers with a status.
    """

    why: Refusal = "request"

    def __init__(self, template: str, *user_values: str, field: str | None = None, **values: "str | Rich") -> None:
        # What someone typed, quoted back, is cut (`quoted`) on every refusal: a 10,000-character value given where a
        # choice or a name goes is never said back whole (a `{}` slot in quotes, and the `typed` slot every refusal
        # names so). A `{}` slot not in quotes is Hearth's own list (a pack's problems), kept whole.
        if user_values and "{}" in template:
            cut = [_in_quotes(before) for before in template.split("{}")[:len(user_values)]]
            user_values = tuple(quoted(v) if isinstance(v, str) and c else v for v, c in zip(user_values, cut)) \
                + user_values[len(cut):]
        if isinstance(values.get("typed"), str):
            values["typed"] = quoted(values["typed"])
        self.body: Rich = fill(template, **values) if values else rich(template, *user_values)
        self.field = field
        #: The same refusal in Hearth's words only, quoting nothing typed (`Reply.calm`), where it quotes them.
        self.calm: Rich | None = None
        super().__init__(self.body.plain())

    def reply(self) -> Reply:
        return Reply(body=self.body, error=True, field=self.field, why=self.why, calm=self.calm)


class FailedAfterCare(Exception):
    """An event failed unexpectedly (a bug, a dropped database connection) where what the person wrote raised
    concern: `care` holds the care replies its words get all the same (`Hearth.handle`), which the adapter shows
    first, before its own apology; the failure itself is the `__cause__`. Not a `HearthError`: nothing in it
    explains the failure to anyone."""

    def __init__(self, care: list[Reply]) -> None:
        super().__init__("an event failed unexpectedly; its words got the care reply")
        self.care = care


def care_of(err: BaseException) -> list[Reply]:
    """The care replies a failure carries (`FailedAfterCare`), to show before the apology; none for any other."""
    return list(err.care) if isinstance(err, FailedAfterCare) else []


class NotYours(UserError):
    """A refusal of what isn't this person's to do: someone else's button or form, a moderator's command."""

    why: Refusal = "not_allowed"


class Spent(UserError):
    """A refusal of a button that has done its work already (used once, or expired)."""

    why: Refusal = "spent"


@contextmanager
def about(field: str) -> Iterator[None]:
    """A refusal raised inside is about this field (unless it already names one): `with about("open"): ...`."""
    try:
        yield
    except UserError as err:
        if err.field is None:
            err.field = field
        raise


class ConfigError(HearthError):
    """A setting is wrong: names the key, the problem and a right example."""

    def __init__(self, key: str, problem: str, example: str, source: str | None = None) -> None:
        self.key, self.problem, self.example, self.source = key, problem, example, source
        where = f" in {source}" if source else ""
        super().__init__(f"config{where}: `{key}` {problem}. Example: {example}")


class ConfigFileError(ConfigError):
    """The config file as a whole can't be read (not UTF-8, not TOML): `problem` names the file itself, so the
    message is that, not a setting called "(file)"; `key` is the file's path."""

    def __init__(self, path: str, problem: str, example: str = "") -> None:
        HearthError.__init__(self, f"config: {problem}." + (f" Example: {example}" if example else ""))
        self.key, self.problem, self.example, self.source = path, problem, example, path


class ConfigErrors(ConfigError):
    """Several settings are wrong: all of them, one line each (the first also as `key`, `problem`...)."""

    def __init__(self, errors: list[ConfigError]) -> None:
        first = errors[0]
        super().__init__(first.key, first.problem, first.example, first.source)
        self.errors = errors
        self.args = ("\n".join(str(e) for e in errors),)

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


class StoreError(HearthError):
    """The database is in a state this code cannot use (e.g. a newer schema)."""
