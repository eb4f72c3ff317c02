"""A command's form, declared with the command: its title, submit label, labels and defaults.

Slack opens a modal for a command typed without its options, and every
platform's Home (or `home` reply) offers forms for editing a check-in or a
prompt. What such a form says is decided here, once, so that no adapter
guesses a title from the help text or invents a default. Adapters only draw
the `Form` this module builds, within their platform's limits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Awaitable, Callable, Mapping

from bot.errors import UserError
from bot.events import Actor, Choice, Form, FormField
from bot.i18n import N_, _
from bot.commands.facts import described

if TYPE_CHECKING:
    from bot.app import Hearth
    from bot.commands.registry import Command, Option, Registry

#: The longest form title and submit label every platform shows whole (Slack: 24; Discord's title: 45).
MAX_FORM_TITLE = 24
MAX_SUBMIT_LABEL = 24

Defaults = Callable[["Hearth", Actor, Mapping[str, str]], Awaitable[dict[str, str]]]
"""What a form is filled in with, given who opens it and the options already decided (`hidden`)."""

#: How an option is labelled in a form when its command says nothing else (`CommandForm.labels`). Every option a
#: form may ask for has a label here or in its command's form: an option's name is a word people type in English
#: ("opt_in", "dm"), never a label (`tests/adapters/test_form_labels.py` holds every field, in every language).
LABELS = {
    "when": N_("When does it run?"),
    "channel": N_("Channel"),
    "timezone": N_("Timezone"),
    "theme": N_("Theme"),
    "depth": N_("Depth"),
    "open": N_("How long is a round open?"),
    "remind": N_("Remind how long before it closes?"),
    "name": N_("Name"),
    "rename": N_("New name"),
    "text": N_("Text"),
    "kind": N_("Kind"),
    "schedule": N_("Which check-in?"),
    "reminders": N_("Remind me before it closes?"),
    "dm": N_("Get the prompt by direct message?"),
    "mood": N_("How are you, 1 to 5?"),  # (a check-in answer's fields: as its own form asks, `flows.checkins`)
    "words": N_("Anything you'd like to say?"),
    "visibility": N_("Who sees your words?"),
    "region": N_("Your region"),
    "language": N_("Language"),
    "until": N_("Until when?"),
    "date": N_("Which date?"),
    "who": N_("Who?"),
    "id": N_("Which prompt?"),
    "pack": N_("Which pack?"),
    "number": N_("Note number"),
    "weeks": N_("How many weeks?"),
    "count": N_("How many entries?"),
    "key": N_("Which setting?"),
    "value": N_("New value"),
    "duty": N_("On duty?"),
    "command": N_("Which command?"),
}
#: The option a terminal uses to name a file on its own machine: a chat form takes the upload instead.
TERMINAL_PATH = "path"


@dataclass(frozen=True)
class CommandForm:
    """How a command asks for its options as a form. `labels` and `hints` are by option name; `defaults`
    fills the fields (an option already given wins). `new_name`: the command's schedule option names a new
    check-in, so it is a text box, not a menu of the existing ones."""

    title: str
    submit: str = N_("Save")
    labels: Mapping[str, str] = field(default_factory=dict)
    hints: Mapping[str, str] = field(default_factory=dict)
    defaults: Defaults | None = None
    new_name: bool = False


def form_of(cmd: "Command") -> CommandForm:
    """The command's declared form, or one titled with its help's first words (when those are short enough: a
    test holds every command that opens a form to a title that fits)."""
    if cmd.form is not None:
        return cmd.form
    return CommandForm(first_words(cmd.help))


def first_words(help: str) -> str:
    """A description's words up to its first stop, bracket, colon or semicolon, without the space before one (a
    French no-break space before ":")."""
    return help.split(" (")[0].split(":")[0].split(";")[0].split(".")[0].strip()


def opens_form(cmd: "Command") -> bool:
    """Whether a platform with forms asks for this command's options in one when it is given none."""
    return any(o.required or o.kind == "file" for o in cmd.options)


def form_options(cmd: "Command") -> tuple["Option", ...]:
    """The options a form asks for: with a file to upload, not the terminal's path to one."""
    if not any(o.kind == "file" for o in cmd.options):
        return cmd.options
    return tuple(o for o in cmd.options if o.name != TERMINAL_PATH)


async def command_form(app: "Hearth", actor: Actor, cmd: "Command", hidden: Mapping[str, str] | None = None,
                       given: Mapping[str, str] | None = None) -> Form:
    """The form for `cmd`, one field per option not already decided in `hidden`. Filled in with, in order:
    the person's own timezone for a timezone, the command's declared defaults, and what was `given`."""
    hidden = dict(hidden or {})
    spec = form_of(cmd)
    filled = {o.name: (await app.timezone_of(actor)).key for o in cmd.options if o.kind == "timezone"}
    if spec.defaults is not None:
        filled |= {k: v for k, v in (await spec.defaults(app, actor, hidden)).items() if v}
    filled |= {k: v for k, v in (given or {}).items() if v}
    menu = not spec.new_name and any(o.suggest == "schedules" and o.name not in hidden for o in cmd.options)
    names = [s.name for s in await app.store.schedules.list_all(actor.community_id)] if menu else []
    fields = tuple(_field(o, spec, filled.get(o.name), names, app.registry.facts) for o in form_options(cmd)
                   if o.name not in hidden)
    title = _(spec.title) if cmd.form is not None else first_words(_(cmd.help))  # (texts are translated as shown)
    return Form(title, cmd.name, fields, args=hidden, submit_label=_(spec.submit))


def word_fields(form: Form) -> tuple[str, ...]:
    """The fields of a form that hold the person's own writing: its paragraphs (a command's `text` option, which
    `_field` draws as one, so the same words `free_words` gives back when it is typed; a check-in answer's words; a
    note). A platform that hears a form was closed unsent keeps these names with it, to give those words back
    (`closed_unsent`): nothing else on the person's screen keeps them."""
    return tuple(f.name for f in form.fields if f.kind == "paragraph")


def _field(option: "Option", spec: CommandForm, default: str | None, schedules: list[str],
           facts: Mapping[str, str]) -> FormField:
    hint = _(spec.hints[option.name]) if option.name in spec.hints else None
    if option.kind == "file":  # in a form, the file is what the form is for
        description = described(option, facts)
        return FormField(option.name, description[:1].upper() + description[1:], "file", hint=hint)
    kind = {"choice": "choice", "channel": "channel", "timezone": "timezone", "text": "paragraph"}.get(
        option.kind, "text")
    choices = tuple(Choice(c.value, _(c.label)) for c in option.choices)
    if option.suggest == "schedules" and schedules:  # an existing check-in: a menu of them
        choices = tuple(Choice(n, n) for n in schedules)
    if choices:
        kind = "choice"
    return FormField(option.name, label_of(option, spec, facts), kind,  # type: ignore[arg-type]
                     required=option.required, max_length=option.max_length, choices=choices, default=default,
                     placeholder=described(option, facts), hint=hint)


def label_of(option: "Option", spec: CommandForm, facts: Mapping[str, str]) -> str:
    """An option's field label, in the language in use: its command's, else the usual one for its name (`LABELS`),
    else (an option nobody labelled: a test holds every one to have a label) its description, never its name,
    which is an English word to type ("tell_moderator" read "Tell moderator" in every language)."""
    label = spec.labels.get(option.name) or LABELS.get(option.name)
    if label is not None:
        return _(label)
    description = described(option, facts)
    return description[:1].upper() + description[1:]



#: Said at a field's own step when its answer is longer than the field keeps.
TOO_LONG = N_("That's {length} characters; the most I can keep here is {limit}. Could you shorten it a little? "
              "Nothing was saved yet.")


def answer_problem(registry: "Registry", form: Form, f: FormField, value: str) -> UserError | None:
    """What is wrong with one field's answer, found at its own step rather than once the whole form is sent (when
    a platform asks field by field, as the terminal does): longer than the field keeps, or, for a command's form,
    what that command's option refuses (a number that isn't one, a name with nothing to see, a time or a timezone
    it can't read: `Option.reads`), read as the command will read it (`check_value`): its length counted as it is
    kept, not as typed (`kept_as`), so a step never refuses what the command takes, nor takes what it refuses.
    None: nothing that can be known before the form is sent. (A choice is checked by the platform's own reading
    of it: a number stands for the choice shown at that place.)"""
    value = value.strip()
    if not value:
        return None
    cmd = registry.command_of("form", form.action, form.args)
    option = next((o for o in cmd.options if o.name == f.name), None) if cmd is not None else None
    if option is None or f.choices:  # (kept as typed: a check-in answer's words, a note)
        if f.max_length and len(value) > f.max_length:
            return UserError(_(TOO_LONG).format(length=len(value), limit=f.max_length), field=f.name)
        return None
    from bot.commands.registry import check_value  # (the registry builds forms: imported here, not at the top)
    try:
        kept = check_value(cmd, option, value)  # type: ignore[arg-type]
        if option.reads is not None:
            option.reads(kept)  # (as the command reads it: "０９：００" is 09:00)
    except UserError as err:
        err.field = err.field or f.name
        return err
    return None
