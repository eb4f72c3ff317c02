"""The second seam: every command, declared once on its feature's router (`bot.commands.router`), composed here.

Adapters read the registry to build their platform registrations (Discord app
commands, the Slack slash-command grammar, terminal help). The registry also
enforces what no adapter may be trusted with: permissions, required options,
choices and confirmation of destructive actions.
"""

from __future__ import annotations

import difflib
import logging
import re
import secrets
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Awaitable, Callable, Iterable, Literal, Mapping

from bot.commands.forms import CommandForm, command_form
from bot.content.style import only_marks, shows_nothing, unseen  # (the one rule for what shows nothing)
from bot.errors import NotYours, Spent, UserError, quoted
from bot.events import (SHOWN_TO, Actor, Button, ButtonStyle, Choice, Event, Reply, Rich, fill, hearth_text, join_rich,
                        rich)
from bot.i18n import N_, _

#: How a typed yes or no may be written (as in a config file: `bot.config.read_as`). A yes/no choice reads them all:
#: "me lowmood on" is a yes, though its choices are named yes and no.
YES = frozenset({"yes", "y", "on", "true", "1"})
NO = frozenset({"no", "n", "off", "false", "0"})

#: How alike a typed command must be to one of ours to be offered as "did you mean" (difflib's ratio).
NEAR = 0.75
#: How alike a typed word must be to a choice to count as a slip for it ("sharde", "privte", "anonymus").
CHOICE_SLIP = 0.7
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")

if TYPE_CHECKING:
    from bot.app import Hearth
    from bot.commands.router import Router
    from bot.scheduling.jobs import Job, RoundSteps

#: A button that acts once carries this argument: when it was made, and a random part (`Registry._spend`).
ONCE = "once"
#: A button that runs a command (`args`: "command" and its options as "arg:NAME"), and a form that does so with
#: what was typed: how a view (the Home) offers commands without knowing any platform's way to type them.
RUN = "command.run"
#: A button that opens a command's declared form (`bot.commands.forms`), its "arg:" options already decided.
OPEN_FORM = "command.form"
#: How many days such a button works; the store remembers spent ones as long (`retention.PROCESSED_EVENTS_DAYS`).
ONCE_DAYS = 7


def once(now: datetime) -> dict[str, str]:
    """The argument that makes a button act once: a Save or a "Yes" pressed again, or left on screen for
    later, must not apply an old preview twice (or to a new schedule that took the old one's name)."""
    return {ONCE: f"{int(now.timestamp())}.{secrets.token_hex(6)}"}


#: A button that acts once, pressed again: what the first press did stands, and this one is not refused as if
#: something had failed (a double click on "Yes, go ahead" is the person meaning it, twice).
PRESSED_AGAIN = N_("That button was already pressed, so I didn't do it a second time.")


class PressedAgain(Exception):
    """A once-button's second press (`Registry._spend`): answered with `PRESSED_AGAIN`, aside, not as a refusal."""


log = logging.getLogger(__name__)

Handler = Callable[["Hearth", Event], Awaitable["list[Reply] | Reply"]]
#: A confirmed command's look before asking: refuses (raises), or says what the confirmation should add (a `Rich`).
Check = Callable[["Hearth", Event], Awaitable[object]]


@dataclass(frozen=True)
class Pinned:
    """What a command acts on as it is now: `what`, its name as shown; `version`, its id and when it last changed."""

    what: str
    version: str


#: A command's `pin`: the thing it would act on now, or None when there is none.
PinOf = Callable[["Hearth", Event], Awaitable["Pinned | None"]]
#: The argument a confirmation or a view's button carries its `Pinned.version` in (never one of the options).
PIN = "pin"
CHANGED = N_("**{what}** has changed since you asked, so I didn't do anything. Please ask again to see it as it "
             "is now.")
Permission = Literal["member", "moderator"]
#: Which community a pressed button acts on, from the button itself (None: none that can be found).
CommunityOf = Callable[["Hearth", Event], Awaitable["str | None"]]
OptionKind = Literal["string", "text", "int", "choice", "channel", "date", "timezone", "user", "file"]
"""`file`: an upload; the adapter puts its bytes in `Event.attachment` (the option's value is its name)."""


#: Compatibility forms NFKC would read as another thing, not the same thing drawn otherwise: "²" is squared, not
#: 2; "½" a half, not "1/2"; "①" a list's mark. Kept as they are (`nfkc`), so none becomes a number.
_MEANT_APART = ("<super>", "<sub>", "<circle>", "<fraction>")


def nfkc(text: str) -> str:
    """`text` in NFKC, except the forms in `_MEANT_APART`: full-width and half-width letters, digits and signs
    ("ＧＢ", "０９：００"), ligatures and styled letters read as the plain ones."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", "".join(
        ch if unicodedata.decomposition(ch).startswith(_MEANT_APART) else unicodedata.normalize("NFKD", ch)
        for ch in text))


def read_word(word: str) -> str:
    """A command's word, or a choice typed, as the parser reads it: in NFKC (`nfkc`), lower case, without spaces
    around, so "ＨＥＬＰ" is help and a full-width "３" a 3 (keyboards for Chinese, Japanese and Korean type them
    so), and without what shows nothing (`unseen`: a zero-width space, a direction mark), which no word needs and
    a refusal could not show ("You wrote “es”" for "\u200bes"). Never a member's own words (an option of kind
    "text"): those are kept exactly as written."""
    return _seen(nfkc(word)).lower().strip()


def _seen(text: str) -> str:
    """`text` without what shows nothing (`unseen`); most text has none and comes back as it is."""
    return text if text.isascii() and text.isprintable() else "".join(ch for ch in text if not unseen(ch))


def read_value(opt: "Option", value: str) -> str:
    """An option's value in NFKC ("ＧＢ" is GB, "０９：００" is 09:00), keeping its case, unless it is someone's own
    words (kind "text"), a file, kept as typed (`Option.as_typed`: a path on the machine), a name someone set or
    picked (a check-in's, `label`, or one naming a saved check-in, `suggest="schedules"`; a person or a channel):
    NFKC would write "Wind down…" as "Wind down...", or a channel "🌿｜general" as "🌿|general", names nobody chose,
    and a name saved before (or offered by autocomplete as saved) would not be found. What it reads in NFKC (a
    choice, a number, a timezone, a code) is read without what shows nothing (`unseen`), too: a zero-width space
    or a direction mark is part of no such value, and a refusal would show the value without it."""
    if opt.kind in ("text", "file", "user", "channel") or opt.as_typed or opt.label or opt.suggest == "schedules":
        return value
    return _seen(nfkc(value))


@dataclass(frozen=True)
class Option:
    """One argument of a command.

    `choices` are fixed; `suggest` names a dynamic source ("schedules",
    "themes", "timezones", "prompts") that adapters turn into autocomplete.
    `rest` marks the last string option that takes the rest of a typed line.
    `own_words=False` marks text written for others (a prompt), not about oneself: its flow takes the second
    look, and the care screen answers only what it says of its writer (`crisis_care._with_words_for_others`).
    """

    name: str
    description: str
    kind: OptionKind = "string"
    required: bool = False
    choices: tuple[Choice, ...] = ()
    suggest: str | None = None
    max_length: int | None = None
    rest: bool = False
    own_words: bool = True
    label: bool = False
    """A name people will read and type again (a check-in's): invisible format characters (zero-width spaces,
    direction marks) are dropped and spaces squeezed, so two names that look alike are alike, and it may not be
    blank once they are gone."""
    given: bool = False
    """A name being given (a new check-in's, a rename), not one looked up: one of only punctuation is refused
    (`only_marks`), while looking one up finds any, so one named so before can still be renamed or deleted."""
    mistaken: tuple[str, ...] = ()
    """Words people type meaning one of the choices ("public" for shared): refused with the list, never taken
    as the next option's text."""
    reads: "Callable[[str], object] | None" = None
    """How one answer for it is read on its own (a check-in's time, a timezone), refusing it kindly: a form asked
    field by field checks it at its own step (`forms.answer_problem`); the command reads it again when it runs."""
    example: str | None = None
    """A value a refusal may offer ("like 8"), one that passes every check the command makes; None: a refusal
    offers none (a note's number: one that exists can't be known here)."""
    as_typed: bool = False
    """Its value is read exactly as typed, not in NFKC (`read_value`): a path on the machine running Hearth."""
    old_names: tuple[str, ...] = ()
    """What the option was called before ("id" for a note's `number`): still taken, typed (`id=3`) or carried by
    a button made before the rename, and shown nowhere (not in help, usage, forms or a platform's command list)."""

    def looks_like_a_choice(self, word: str) -> bool:
        """Whether a word that is none of the choices was still meant as one: a slip ("sharde", "priv"), a number
        where the choices are numbers ("6" for a mood), or a word declared in `mistaken`."""
        if not self.choices:
            return False
        w = read_word(word)
        values = ([c.value.lower() for c in self.choices] + [c.label.lower() for c in self.choices]
                  + [_(c.label).lower() for c in self.choices])
        if w in values or w in self.mistaken:
            return True
        if all(c.value.lstrip("-").isdigit() for c in self.choices):
            return bool(_NUMBER.fullmatch(w))
        if len(w) >= 3 and any(v.startswith(w) for v in values):
            return True
        return bool(difflib.get_close_matches(w, values, 1, CHOICE_SLIP))

    def choice_for(self, word: str) -> str | None:
        """The choice a typed word names: its value ("respect"), or its label in the reader's language
        ("Respeto", "sí"), so people may answer in the words the refusal listed."""
        w = read_word(word)
        if w.isdecimal() and not w.isascii():  # ("٣" or "۳" is 3, as a number option reads it: `check_value`)
            w = str(int(w))
        for c in self.choices:
            if c.value.lower() == w:
                return c.value
        for c in self.choices:
            if w in (c.label.lower(), _(c.label).lower()):
                return c.value
        if w in YES | NO:  # (a two-way choice reads either pair's words: "mod care duty yes" is on)
            for yes, no in (("yes", "no"), ("on", "off")):
                if {c.value for c in self.choices} == {yes, no}:
                    return yes if w in YES else no
        return None

    def shown(self) -> str:
        """How usage names a required choice of a few ("yes|no"): what to type, not the option's inner name
        (`me lowmood <on>` said "on" where the choices are yes and no)."""
        if self.required and self.choices and len(self.choices) <= 3:
            return "|".join(c.value for c in self.choices)
        return self.name

    def closest_choice(self, word: str) -> str | None:
        word = read_word(word)
        close = difflib.get_close_matches(word.lower(), [c.value.lower() for c in self.choices], 1, CHOICE_SLIP)
        prefix = [c.value for c in self.choices if len(word) >= 3 and c.value.lower().startswith(word.lower())]
        by_lower = {c.value.lower(): c.value for c in self.choices}
        return by_lower[close[0]] if close else (prefix[0] if len(prefix) == 1 else None)


@dataclass(frozen=True)
class Command:
    path: tuple[str, ...]
    help: str
    handler: Handler
    options: tuple[Option, ...] = ()
    permission: Permission = "member"
    confirm: str | None = None
    example: str | None = None
    reads_only: bool = False
    """Changes nothing: a repeated delivery is harmless, so the event itself writes nothing either."""
    reads_unless: tuple[str, ...] = ()
    """Options that make it a change: given none of them, it only reads, as `reads_only` ("me language" says
    which one; "me language es" sets it). See `Command.reads`."""
    keeps_no_member: bool = False
    """Writes only what is nobody's (insights settle a finished week for the community): deduplicated as any
    change, but nothing is made about the one who asked."""
    check: Check | None = None
    """For a confirmed command: looks before asking, and refuses (raises `UserError`) when there is nothing
    to confirm (no such note, not a moderator), so nobody is asked "Are you sure?" about nothing. What it returns,
    if a `Rich`, is said in the question after the warning (`me delete`: the promises it would cancel)."""
    form: CommandForm | None = None
    """How a form asks for its options (title, submit label, labels, defaults): see `bot.commands.forms`."""
    bare: bool = False
    """Also run by its group's words alone where commands are typed (the terminal, Slack): "mod care" for
    "mod care list". Discord can't have a group be a command too, so there the command keeps its full name."""
    pin: "PinOf | None" = None
    """For a command that acts on one thing by its name (a check-in, a prompt): that thing's identity and version
    now (`Pinned`). Its confirmation, and a view's button that runs it, carry the version they were drawn for;
    pressed after the thing changed, or was deleted and another made under its name, they do nothing and say
    so (`PIN`). Only the name can't tell: "delete x?" left open must never delete a new x."""

    @property
    def name(self) -> str:
        return " ".join(self.path)

    def reads(self, args: Mapping[str, str]) -> bool:
        """Whether running it with these options only reads: declared so, given none of `reads_unless`, or a
        command that asks first, not yet confirmed (the question changes nothing: its "Yes" does)."""
        if self.reads_only:
            return True
        if self.reads_unless and not any(str(args.get(o) or "").strip() for o in self.reads_unless):
            return True
        return bool(self.confirm) and args.get("confirmed") != "yes"

    def usage(self) -> str:
        parts = [self.name]
        for o in self.typed_order():
            parts.append(f"<{o.shown()}>" if o.required else f"[{o.name}]")
        return " ".join(parts)

    def typed_order(self) -> tuple[Option, ...]:
        """The options in the order a typed line gives them: a check-in's name after the option taking someone's
        words to the end of the line (`checkin answer`'s schedule) is typed before them, among the choices
        (`bot.commands.parse._choices_first`), so usage and help never show it where it would be read as words."""
        rest = next((i for i, o in enumerate(self.options) if o.rest and o.kind == "text"), None)
        if rest is None:
            return self.options
        before = tuple(o for o in self.options[rest + 1:] if o.suggest == "schedules")
        after = tuple(o for o in self.options[rest + 1:] if o.suggest != "schedules")
        return self.options[:rest] + before + (self.options[rest],) + after


@dataclass(frozen=True)
class Action:
    """A button or form handler (not typed by people, reached from a reply)."""

    name: str
    handler: Handler
    permission: Permission = "member"
    about: tuple[str, ...] = ()
    """The commands this button or form belongs to, as people type them: what a refusal names (never the
    action's own key, such as `mod.schedule.save`)."""
    community_of: CommunityOf | None = None
    """For a moderator's button that can be pressed where the platform says nothing of who moderates (a care
    note's, raised again in a DM): the community it acts on, read from what it names. When the press carries no
    word of the platform's (`Actor.platform_moderator` is None), the platform is asked (`Hearth.platform_word`)
    whether this person moderates that community, and only when it is the one they act in."""
    reads_only: bool = False
    """Changes nothing (Cancel, a button that only opens a form): as `Command.reads_only`, it makes no record of
    the one who pressed it."""


@dataclass
class Registry:
    """Every command, action and job of the composed routers (`Registry.of(bot.features.ROUTERS)`)."""

    commands: dict[str, Command] = field(default_factory=dict)
    actions: dict[str, Action] = field(default_factory=dict)
    jobs: dict[str, "Job"] = field(default_factory=dict)
    round_steps: "RoundSteps | None" = None
    bare: dict[str, str] = field(default_factory=dict)
    """A group's words typed alone -> the command they run (`Command.bare`)."""
    facts: dict[str, str] = field(default_factory=dict)
    """What this Hearth is set to that help states ({default_open} -> "2h"): filled from its config by `Hearth`,
    so a description tells this deployment's truth on every surface (`described`)."""
    _declared_by: dict[str, str] = field(default_factory=dict, repr=False)

    # -- composing ---------------------------------------------------------

    @classmethod
    def of(cls, routers: "Iterable[Router]") -> "Registry":
        """The routers composed in order (the order help and menus show); a name declared twice is refused."""
        registry = cls()
        for router in routers:
            registry.include(router)
        confirmed = [c.name for c in registry.commands.values() if c.confirm]
        missing = [a for a in ("confirm", "cancel") if a not in registry.actions]
        if confirmed and missing:
            raise ValueError(f"{', '.join(confirmed)} ask before acting, but no router declares the "
                             f"{' and '.join(missing)} action (include bot.commands.builtins.router)")
        return registry

    def include(self, router: "Router") -> None:
        """Add one router's declarations; nothing is added if any of them is already taken."""
        kinds = (("command", self.commands, router.commands), ("action", self.actions, router.actions),
                 ("job", self.jobs, router.jobs))
        for kind, have, adding in kinds:
            for name in adding:
                if name in have:
                    first = self._declared_by[f"{kind}:{name}"]
                    raise ValueError(f"{kind} {name!r} declared twice: by router {first!r} and by router {router.name!r}")
        for name, cmd in router.commands.items():
            group = " ".join(cmd.path[:-1])
            if cmd.bare and (group in self.bare or group in self.commands or group in router.commands):
                raise ValueError(f"command {name!r} can't be run by {group!r} alone: that is taken")
        if router.steps is not None and self.round_steps is not None:
            raise ValueError(f"round steps declared twice: by router {self._declared_by['round steps']!r} and by "
                             f"router {router.name!r}")
        for kind, have, adding in kinds:
            for name, item in adding.items():
                have[name] = item  # type: ignore[index]
                self._declared_by[f"{kind}:{name}"] = router.name
        for name, cmd in router.commands.items():
            if cmd.bare:
                self.bare[" ".join(cmd.path[:-1])] = name
        if router.steps is not None:
            self.round_steps = router.steps
            self._declared_by["round steps"] = router.name

    # -- reading -----------------------------------------------------------

    def groups(self) -> dict[str, list[Command]]:
        """Commands by their first word, in declaration order."""
        out: dict[str, list[Command]] = {}
        for cmd in self.commands.values():
            out.setdefault(cmd.path[0], []).append(cmd)
        return out

    def visible_to(self, is_moderator: bool) -> list[Command]:
        return [c for c in self.commands.values() if is_moderator or c.permission == "member"]

    def reads_only(self, event: Event) -> bool:
        """Whether this event only reads (`Command.reads`): a command typed, a view's button or form that runs one
        (`RUN`) or only opens its form (`OPEN_FORM`), or a button declared to read (`Action.reads_only`). One rule
        for every platform: a read makes no record of the one who asked, and no dedupe row. A confirmation's "Yes"
        never only reads."""
        if event.kind == "command":
            cmd = self.commands.get(event.name)
            return cmd is not None and cmd.reads(event.args)
        if event.name not in (RUN, OPEN_FORM):
            act = self.actions.get(event.name)
            return act is not None and act.reads_only
        cmd = self.commands.get(event.args.get("command", ""))
        if cmd is None:
            return False
        if event.name == OPEN_FORM:
            return True  # (it shows a form; what is sent from it is a `RUN` of its own)
        args = {k[4:]: v for k, v in event.args.items() if k.startswith("arg:")}
        return cmd.reads(args | {k: v for k, v in event.values.items() if k not in args})

    def keeps_no_member(self, event: Event) -> bool:
        """Whether this event, a read or not, makes no record of the one who asked (`Command.keeps_no_member`)."""
        if self.reads_only(event):
            return True
        cmd = self.command_of(event.kind, event.name, event.args) if event.name != "confirm" else None
        return cmd is not None and cmd.keeps_no_member

    def may_need_moderator(self, kind: str, name: str, args: dict[str, str]) -> bool:
        """Whether running this event can check moderator rights: a moderator command, its button, or the
        "Yes, go ahead" that confirms one (see `run_confirmed`). Adapters ask, to know how fresh the
        platform's word on a person must be."""
        found: Command | Action | None = self.command_of(kind, name, args)
        if found is None and kind != "command" and name not in ("confirm", RUN, OPEN_FORM):
            found = self.actions.get(name)
        return found is not None and found.permission != "member"

    def command_of(self, kind: str, name: str, args: dict[str, str]) -> Command | None:
        """The command an event runs: the one typed, or the one its button, form or "Yes, go ahead" carries
        (`RUN`, `OPEN_FORM`, `confirm`); None for any other button, or a name no command has."""
        if kind == "command":
            return self.commands.get(name)
        if name in ("confirm", RUN, OPEN_FORM):
            return self.commands.get(args.get("command", ""))
        return None

    def find(self, words: list[str]) -> tuple[Command | None, list[str]]:
        """Longest command path that prefixes `words`, and the words left."""
        for n in range(min(len(words), 3), 0, -1):
            cmd = self.commands.get(read_word(" ".join(words[:n])))
            if cmd:
                return cmd, words[n:]
        return None, words

    def find_typed(self, words: list[str]) -> tuple[Command | None, list[str]]:
        """As `find`, for a typed line: a group's words alone also run the command that said so (`bare`),
        unless what follows looks like a slip for one of the group's own commands ("mod care lst")."""
        cmd, rest = self.find(words)
        if cmd is not None:
            return cmd, rest
        for n in range(min(len(words), 2), 0, -1):
            name = self.bare.get(read_word(" ".join(words[:n])))
            if name is None:
                continue
            rest = words[n:]
            subs = [c.path[n] for c in self.under(words[:n])]
            if rest and "=" not in rest[0] and difflib.get_close_matches(read_word(rest[0]), subs, 1, NEAR):
                return None, words
            return self.commands[name], rest
        return None, words

    def under(self, words: list[str]) -> list[Command]:
        """The commands whose path goes on from these words ("checkin", "mod schedule"), in declaration order."""
        prefix = tuple(read_word(w) for w in words)
        return [c for c in self.commands.values() if len(c.path) > len(prefix) and c.path[:len(prefix)] == prefix]

    def near(self, words: list[str]) -> list[Command]:
        """Commands the first words look like a slip for ("checkin stat", "chekin status", "reflet"), closest
        first. After a group's own words only the last word is compared: "checkin foo" is no slip for "join"."""
        for n in range(min(len(words), 3), 0, -1):
            typed = tuple(read_word(w) for w in words[:n])
            same_length = [c for c in self.commands.values() if len(c.path) == n]
            in_group = {c.path[-1]: c for c in same_length if c.path[:-1] == typed[:-1]}
            pool = in_group if n > 1 and in_group else {c.name: c for c in same_length}
            close = difflib.get_close_matches(typed[-1] if pool is in_group else " ".join(typed), pool, 3, NEAR)
            if close:
                return [pool[name] for name in close]
        return []

    # -- running -----------------------------------------------------------

    async def dispatch(self, app: "Hearth", event: Event) -> list[Reply]:
        """Run one event through owner, permission and option checks to its handler.

        What it shows to the person alone is bound to them (`Reply.shown_to`): its buttons and form are
        theirs, whoever else sees the screen (the terminal) or forges a press.
        """
        try:
            event = own_event(event)
            if event.kind == "command":
                replies = await self._run_command(app, event)
            else:
                replies = await self._run_action(app, event)
        except UserError as err:
            return [err.reply()]
        return [r.shown_to(event.actor.user_id) if r.visibility == "actor" else r for r in replies]

    async def refusal(self, app: "Hearth", event: Event) -> Reply | None:
        """What running this event would be refused with before its handler (someone else's button, a
        moderator command for a member), or None. For adapters that show something of a command before it
        runs, like its form: they may show nothing the command itself would refuse."""
        try:
            event = own_event(event)
            found: Command | Action | None = (self.commands.get(event.name) if event.kind == "command"
                                              else self.actions.get(event.name))
            if found is not None:
                names = found.about if isinstance(found, Action) else (found.name,)
                where = found.community_of if isinstance(found, Action) else None
                await self._check_permission(app, event, found.permission, names, where,
                                             pressed=isinstance(found, Action) and event.kind == "action")
        except UserError as err:
            return err.reply()
        return None

    async def _run_command(self, app: "Hearth", event: Event, pinned: str | None = None) -> list[Reply]:
        """Run a command; `pinned`: the version of its thing a button carried (`Command.pin`), refused if it no
        longer is."""
        cmd = self.commands.get(event.name)
        if cmd is None:
            raise UserError(_("I don't know the command “{}”. Try **help** to see what I can do."),
                            quoted(event.name))
        if cmd.permission != "member":  # (most commands: no call to make)
            await self._check_permission(app, event, cmd.permission, (cmd.name,))
        args = validate_options(cmd, event.args)
        if args != event.args:
            event = Event(event.kind, event.actor, event.name, args, event.values, event.event_id, event.attachment,
                          seen=event.seen)  # (written where others read: `Event.seen`)
        if pinned is not None and cmd.pin is not None:
            # (none by that name now: the command's own check says so, as typed)
            if (now := await cmd.pin(app, event)) is not None and now.version != pinned:
                if not pinned:  # (one without a pin could act on another by its name)
                    raise Spent(_("That confirmation has expired. Please run the command again."))
                raise UserError(_(CHANGED), what=now.what)
        if cmd.confirm and event.args.get("confirmed") != "yes":
            more = await cmd.check(app, event) if cmd.check is not None else None  # refuses: nothing to confirm
            return await self._pinned(app, cmd, event, [confirmation(cmd, event, now=app.now(),
                                                                     more=more if isinstance(more, Rich) else None)])
        return await self._pinned(app, cmd, event, as_list(await cmd.handler(app, event)))

    async def _pinned(self, app: "Hearth", cmd: Command, event: Event, replies: list[Reply]) -> list[Reply]:
        """Every confirmation a pinned command asks (its own, or one its handler asks: a prompt's care warning)
        carries the version of the thing it asks about (`Command.pin`). One its handler pinned already (a question
        an action asks too, where nothing pins it after: `checkin answer`'s) keeps that pin, read once."""
        def unpinned(b: Button) -> bool:
            return b.action == "confirm" and b.args.get("command") == cmd.name and PIN not in b.args

        if cmd.pin is None or not any(unpinned(b) for r in replies for b in r.buttons):
            return replies
        found = await cmd.pin(app, event)
        if found is None:
            return replies
        return [replace(r, buttons=tuple(replace(b, args=b.args | {PIN: found.version}) if unpinned(b) else b
                                         for b in r.buttons)) for r in replies]

    async def _run_action(self, app: "Hearth", event: Event) -> list[Reply]:
        try:
            event, spent = await self._spend(app, event)
        except PressedAgain:  # (a double click, a press after the first): done once; the second is no failure
            return [Reply(body=rich(_(PRESSED_AGAIN)), aside=True)]
        try:
            if event.name in (RUN, OPEN_FORM):
                return await self._run_pressed(app, event)
            if event.name == "confirm" and spent is None:  # a "Yes, go ahead" without the one-time mark every
                return await self._ask_again(app, event)   # confirmation carries: never confirmed, so ask
            act = self.actions.get(event.name)
            if act is None:
                raise UserError(_("That button is from an older version of Hearth and no longer works. "
                                  "Please try the command again."))
            await self._check_permission(app, event, act.permission, act.about, act.community_of,
                                         pressed=event.kind == "action")
            return as_list(await act.handler(app, event))
        except UserError:
            if spent:  # refused, so nothing was done: the button may be pressed again once it's put right
                await app.store.outbox.forget_event(spent)
            raise

    async def _spend(self, app: "Hearth", event: Event) -> tuple[Event, str | None]:
        """A button that acts once (`once`) works the first time only, and only for `ONCE_DAYS`; the event
        comes back without the mark, with the key it was spent under."""
        token = event.args.get(ONCE)
        if token is None:
            return event, None
        made = token.partition(".")[0]
        if not made.isdigit() or app.now().timestamp() - int(made) > ONCE_DAYS * 86400:
            raise Spent(_("That button has expired. Please run the command again."))
        key = f"once:{token}"
        if not await app.store.outbox.first_time_event(key, app.now()):
            raise PressedAgain
        return replace(event, args={k: v for k, v in event.args.items() if k != ONCE}), key

    async def _ask_again(self, app: "Hearth", event: Event) -> list[Reply]:
        """A "Yes, go ahead" that came without its `once` mark (made up, not pressed: every confirmation Hearth
        draws carries one): the state that it was asked is the server's, never the client's word, so the command
        runs as if just asked for, and asks "Are you sure?" (or refuses, as it would) with a button of its own."""
        name = event.args.get("command", "")
        if name not in self.commands:
            raise Spent(_("That confirmation has expired. Please run the command again."))
        args = {k[4:]: v for k, v in event.args.items() if k.startswith("arg:") and k != "arg:confirmed"}
        return await self._run_command(app, Event("command", event.actor, name, args, event_id=event.event_id))

    async def run_confirmed(self, app: "Hearth", event: Event) -> list[Reply]:
        """The "Yes, go ahead" of a confirmation (`confirmation`): the command it carries, run as confirmed, with
        every check it had (the `confirm` action of `bot.commands.builtins`)."""
        name = event.args.get("command", "")
        if name not in self.commands:
            raise Spent(_("That confirmation has expired. Please run the command again."))
        args = {k[4:]: v for k, v in event.args.items() if k.startswith("arg:")}
        args["confirmed"] = "yes"
        # ("": one without a pin, drawn before confirmations carried what they ask about, refused as expired)
        return await self._run_command(app, Event("command", event.actor, name, args, event_id=event.event_id),
                                       pinned=event.args.get(PIN, ""))

    async def _run_pressed(self, app: "Hearth", event: Event) -> list[Reply]:
        """A view's button (`run_button`, `form_button`) or the form it opened: the command, checked as if typed."""
        cmd = self.commands.get(event.args.get("command", ""))
        if cmd is None:
            raise UserError(_("That button is from an older version of Hearth and no longer works. "
                              "Please try the command again."))
        args = {k[4:]: v for k, v in event.args.items() if k.startswith("arg:") and k != "arg:confirmed"}
        if event.name == RUN:  # (never confirmed by the button itself: a destructive command still asks)
            typed = {k: v for k, v in event.values.items() if k not in args and k != "confirmed" and v.strip()}
            return await self._run_command(app, Event("command", event.actor, cmd.name, args | typed,
                                                      event_id=event.event_id), pinned=event.args.get(PIN))
        await self._check_permission(app, event, cmd.permission, (cmd.name,))
        form = await command_form(app, event.actor, cmd, args)
        carried = {PIN: event.args[PIN]} if PIN in event.args else {}  # (the form acts on what the button showed)
        return [Reply(body=rich("**" + _(cmd.help) + "**"),
                      form=replace(form, action=RUN, args=run_args(cmd.name, args) | carried))]

    async def would_run(self, app: "Hearth", event: Event) -> bool:
        """Whether this command event passes the owner and permission checks, asked quietly (no audit entry,
        nothing said): for adapters deciding whether to fetch anything for it (an uploaded file) at all.
        `dispatch` then refuses it out loud, once."""
        owner = event.args.get(SHOWN_TO)
        if owner is not None and owner != event.actor.user_id:
            return False
        return await self.permits(app, event.actor, event.name)

    async def permits(self, app: "Hearth", actor: "Actor", command: str) -> bool:
        """Whether this person may run the command, asked quietly (no audit entry): for what a platform offers
        while they type (autocomplete), which must show a member nothing a moderator command guards."""
        cmd = self.commands.get(command)
        return cmd is not None and (cmd.permission == "member" or await app.is_moderator(actor))

    async def _check_permission(self, app: "Hearth", event: Event, permission: Permission,
                                commands: tuple[str, ...], community_of: CommunityOf | None = None,
                                pressed: bool = False) -> None:
        """Refuse a member a moderator's command or button, naming the command as people type it. A press that
        carries no word of the platform's (a DM) asks the platform, if its action says which community it acts
        on (`Action.community_of`) and that is the community the press is made in. A refused button (`pressed`,
        not a form) names no command, in the audit log or to them: they pressed a button, they never typed one."""
        if permission == "member":
            return
        if await app.is_moderator(event.actor):
            return
        word = event.actor.platform_moderator
        if word is None and community_of is not None:
            if await community_of(app, event) == event.actor.community_id:  # (never another community's word)
                word = await app.platform_word.still(event.actor, app.clock.now())
                if word:
                    return
        what = " or ".join(commands)
        await app.store.communities.record_audit(
            event.actor.community_id, event.actor.user_id, *(("refused.button", "not a moderator") if pressed
                                                             else ("refused", f"{what} (not a moderator)")),
            app.clock.now()
        )
        if word is False:
            # The platform has just said they don't moderate: any dashboard session they opened on its earlier
            # word ends. (Not when it said nothing, or couldn't be asked: that is no word against them.)
            await app.store.dashboard.end_sessions_of(event.actor.community_id, event.actor.user_id,
                                                      app.clock.now())
        log.info("refused moderator command %s (%s) for %s", what, event.name, event.actor.user_id)
        if pressed:
            raise NotYours(_("That button is for moderators, so I've left it alone. Nothing changed."))
        raise NotYours(
            _("Only moderators can use {commands}. If you think you should be one, ask a moderator to add you "
              "with **mod moderators add**."),
            commands=hearth_text(_(" or ").join(f"**{c}**" for c in commands)))


def run_args(command: str, args: dict[str, str] | None = None) -> dict[str, str]:
    """A `RUN` or `OPEN_FORM` button's arguments: which command, and the options already decided."""
    return {"command": command, **{f"arg:{k}": v for k, v in (args or {}).items()}}


def run_button(label: str, command: str, args: dict[str, str] | None = None, style: ButtonStyle = "secondary",
               pin: str | None = None) -> Button:
    """A button that runs a command as if it were typed (permission and options checked as ever); `pin`: the
    version of the thing it was drawn for (`Command.pin`), so a stale one does nothing."""
    return Button(label, RUN, run_args(command, args) | ({PIN: pin} if pin else {}), style)


def form_button(label: str, command: str, args: dict[str, str] | None = None, style: ButtonStyle = "secondary",
                pin: str | None = None) -> Button:
    """A button that opens a command's declared form; `args` are the options it has already decided; `pin`: as
    `run_button`'s, carried on to the form's submit."""
    return Button(label, OPEN_FORM, run_args(command, args) | ({PIN: pin} if pin else {}), style)


def own_event(event: Event) -> Event:
    """The event without its `SHOWN_TO` mark, if the mark names whoever sent it; else a calm refusal."""
    owner = event.args.get(SHOWN_TO)
    if owner is None:
        return event  # a typed command, or a button everyone may press (a round's post)
    if owner != event.actor.user_id:
        log.info("refused %s %s: shown to someone else", event.kind, event.name)
        if event.kind == "form":
            raise NotYours(_("That form was meant for someone else, so I've left it alone. Nothing changed."))
        raise NotYours(_("That button was meant for someone else, so I've left it alone. Nothing changed."))
    return replace(event, args={k: v for k, v in event.args.items() if k != SHOWN_TO})


def as_list(result: "list[Reply] | Reply") -> list[Reply]:
    return [result] if isinstance(result, Reply) else list(result)


def confirmation(cmd: Command, event: Event, why: "str | Rich | None" = None, now: datetime | None = None,
                 more: Rich | None = None, yes: str | None = None) -> Reply:
    """Ask before a destructive command (or, with `why`, one its handler found worth a second look: Hearth's own
    words, or a `Rich` holding someone's inert); the button carries the arguments back, and with `now` it works
    once. `more`: what its `check` found this time (what `me delete` would cancel), said after the warning. `yes`:
    the confirming button's words where they can say what it does ("Post them with my name"), not "Yes, go ahead"."""
    args = {"command": cmd.name, **{f"arg:{k}": v for k, v in event.args.items()}, **(once(now) if now else {})}
    said = why if isinstance(why, Rich) else rich(why or (_(cmd.confirm) if cmd.confirm else "")
                                                  or _("This can't be undone."))
    body = rich(_("**Are you sure?**") + " ") + said
    go = Button(_("Yes, go ahead"), "confirm", args, style="danger")
    return Reply(
        body=join_rich([body, more], "\n\n") if more is not None and more.parts else body,
        buttons=(
            replace(go, label=yes) if yes else go,
            # (it carries the person's own words, so that cancelling gives them back: `carried_words`)
            Button(_("Cancel"), "cancel", {"command": cmd.name, **{f"arg:{k}": v for k, v in event.args.items()
                                                                   if k in _text_options(cmd)}}, style="secondary"),
        ),
    )


def renamed(cmd: Command, given: Mapping[str, str]) -> dict[str, str]:
    """The arguments with an option's old name (`Option.old_names`) read as its name; the name wins if both came."""
    old = {alias: o.name for o in cmd.options for alias in o.old_names}
    if not old or not any(key in old for key in given):
        return dict(given)
    out = {old.get(key, key): value for key, value in given.items() if key in old}
    return out | {key: value for key, value in given.items() if key not in old}


def _text_options(cmd: Command) -> set[str]:
    return {o.name for o in cmd.options if o.kind == "text"}


def carried_words(registry: "Registry", event: Event) -> list[str]:
    """The person's own writing a confirmation's button carries back ("Yes, go ahead" and "Cancel" alike): to be
    given back when it is cancelled or refused, as nothing else on their screen keeps it (`given_back`)."""
    cmd = registry.commands.get(event.args.get("command", ""))
    if cmd is None:
        return []
    return free_words(cmd, {k[4:]: v for k, v in event.args.items() if k.startswith("arg:")})


def validate_options(cmd: Command, given: dict[str, str]) -> dict[str, str]:
    """Check required options, choices, numbers and lengths; explain mistakes."""
    known = {o.name: o for o in cmd.options}
    given = renamed(cmd, given)
    out: dict[str, str] = {}
    for key, value in given.items():
        if key == "confirmed":
            out[key] = value
            continue
        opt = known.get(key)
        if opt is None:
            raise no_such_option(cmd, key)
        value = value.strip()
        # (someone's own words with nothing in them to see, "ㅤ", are no words: a shared post of a blank line, a
        # note of nothing; a text for others is refused so by `check_value`, as a name is)
        if value == "" or (opt.kind == "text" and opt.own_words and shows_nothing(value)):
            continue
        out[key] = check_value(cmd, opt, value)
    for opt in cmd.options:
        if opt.required and opt.name not in out:
            example = " " + _("For example: `{example}`").format(example=_(cmd.example)) if cmd.example else ""
            raise UserError(_needs(cmd, opt) + example, field=opt.name)
    return out


def _needs(cmd: Command, opt: Option) -> str:
    """"**mod care duty** needs off or on": a choice of a few is named by its choices, in the reader's words
    (not as usage's "off|on", nor beside a description that says the same again)."""
    if opt.shown() != opt.name:
        values = [c.value for c in opt.choices]
        choices = _("{choices} or {last}").format(choices=", ".join(values[:-1]), last=values[-1])
        return _("**{command}** needs {choices}. Usage: `{usage}`.").format(
            command=cmd.name, choices=choices, usage=cmd.usage())
    return _("**{command}** needs “{option}” ({description}). Usage: `{usage}`.").format(
        command=cmd.name, option=opt.shown(), description=_(opt.description), usage=cmd.usage())



def visible(value: str) -> str:
    """The text without what shows nothing (Unicode's format and control characters: a zero-width space, the
    text-direction controls U+202A-202E and U+2066-2069, U+200E/U+200F, a byte-order mark), in NFC, with runs of
    spaces squeezed: the one rule for every name a moderator sets (a check-in's, a channel's, a moderator's), so
    none reads reversed or hides a look-alike. `bot.commands.parse.trimmed` takes the same off a line's ends."""
    shown = "".join(ch for ch in unicodedata.normalize("NFC", value) if not unseen(ch))
    return " ".join(shown.split())


def kept_as(opt: Option, value: str) -> str:
    """An option's value as Hearth keeps it: in NFKC unless it is someone's own words or a name (`read_value`), and a
    name someone sets or picks without what shows nothing (`visible`). What a length limit (`Option.max_length`)
    counts: what is stored, not what was typed ("…" is kept as "...", three; a zero-width space not at all)."""
    value = read_value(opt, value)
    return visible(value) if opt.label or opt.kind in ("user", "channel") else value


#: A value longer than its option keeps, where it is kept longer than it was typed (`kept_as`: NFKC, NFC).
LONGER_AS_KEPT = N_("“{option}” can be at most {limit} characters. This one is {length} as I keep it: some characters "
                    "are kept as more than one (“…” as three dots). Could you make it shorter?")


def check_value(cmd: Command, opt: Option, value: str) -> str:
    """One option's value as the command reads it, or a kind refusal naming the option: the same check whether it
    came typed in a line or one field at a time (`forms.answer_problem`), from any platform: as it is kept
    (`kept_as`: in NFKC, unless it is someone's own words or a name), and its length limit counts that, what is
    stored, and says so where it differs from what was typed."""
    typed, value = value, kept_as(opt, value)
    # (a name someone sets or picks, and words written for others to read: a prompt, a round's note)
    if (opt.label or opt.kind in ("user", "channel") or (opt.kind == "text" and not opt.own_words)) \
            and shows_nothing(value):
        raise UserError(_("“{option}” needs at least one letter or number people can see.").format(
            option=opt.name), field=opt.name)
    if opt.given and only_marks(value):  # (a name people read and type again: `mod schedule create """ …`)
        raise UserError(_("“{typed}” is only punctuation, and a name needs a word people can read. Could you "
                          "choose another?"), typed=value, field=opt.name)
    if opt.max_length and len(value) > opt.max_length:
        said = LONGER_AS_KEPT if len(value) > len(typed.strip()) else \
            N_("“{option}” can be at most {limit} characters; this one has {length}. Could you make it shorter?")
        raise UserError(_(said).format(option=opt.name, limit=opt.max_length, length=len(value)), field=opt.name)
    if opt.choices:
        chosen = opt.choice_for(value)
        if chosen is None:
            raise not_a_choice(opt, value)
        value = chosen
    if opt.kind == "int":
        try:  # (a number as lists show it, "#1", is that number: `notes list` numbers notes so)
            number = int(value.strip().removeprefix("#").removeprefix("＃"))
        except ValueError:
            if opt.example is None:
                raise UserError(_("“{option}” must be a whole number ({description}). You wrote “{typed}”."),
                                option=hearth_text(opt.name), description=_(opt.description), typed=value,
                                field=opt.name) from None
            raise UserError(_("“{option}” must be a whole number, like {example}. You wrote “{typed}”."),
                            option=hearth_text(opt.name), example=opt.example, typed=value, field=opt.name) from None
        if not -(2**31) < number < 2**31:
            if opt.example is None:
                raise UserError(_("“{option}” is a much bigger number than I can use ({description})."),
                                option=hearth_text(opt.name), description=_(opt.description), field=opt.name)
            raise UserError(_("“{option}” is a much bigger number than I can use. Try a smaller one, like {example}."),
                            option=hearth_text(opt.name), example=opt.example, field=opt.name)
        value = str(number)  # "٣٠" or "１２" is a number people type; what flows read is plain ASCII digits
    return value


#: Option names people reach for that mean another one ("time=18:30" for when): a slip no spelling is close to.
NAME_SLIPS = {"time": "when", "at": "when", "tz": "timezone", "zone": "timezone", "schedule": "name",
              "checkin": "name", "note": "text", "message": "text", "until": "date", "day": "date"}


def closest_option(cmd: Command, key: str) -> str | None:
    """The option a mistyped name most likely meant: close in spelling ("visiblity"), or a usual slip ("time")."""
    names = [o.name for o in cmd.options]
    close = difflib.get_close_matches(key.lower(), names, 1, CHOICE_SLIP)
    if close:
        return close[0]
    meant = NAME_SLIPS.get(key.lower())
    if meant in names:
        return meant
    first = re.split(r"[_-]", key.lower())[0]  # "open_for", "remind-before": the option's own word, and more
    return first if first in names and first != key.lower() else None


def no_such_option(cmd: Command, key: str) -> UserError:
    """A `name=value` whose name is none of the command's options: the usage, and the likely one."""
    guess = closest_option(cmd, key)
    hint = " " + _("Did you mean **{choice}**?").format(choice=guess) if guess else ""
    return UserError(_("**{command}** has no option “{option}”. Usage: `{usage}`") + "{hint}",
                     command=hearth_text(cmd.name), option=key, usage=hearth_text(cmd.usage()), hint=hearth_text(hint))


def _listed(c: Choice) -> str:
    """A choice as a refusal lists it: its word, and its name in the reader's language where that differs
    ("**Respeto** (respect)"), either of which may be typed."""
    label = _(c.label)
    if label == c.label or label.lower() == c.value.lower():
        return f"**{c.value}**"
    return f"**{label}** ({c.value})"


def listed_choices(opt: Option) -> str:
    """An option's choices as a refusal lists them ("**off**, **on**")."""
    return ", ".join(_listed(c) for c in opt.choices)


def not_a_choice(opt: Option, value: str, before_words: bool = False) -> UserError:
    """A typed value that is none of an option's choices: the list, and the likely one if it's a slip."""
    listed = listed_choices(opt)
    guess = opt.closest_choice(value)
    hint = " " + _("Did you mean **{choice}**?").format(choice=guess) if guess else ""
    if before_words and not _NUMBER.fullmatch(value.strip()):
        hint += " " + _("If it's the start of your words, give a choice first.")
    err = UserError(_("“{option}” must be one of: {choices}. You wrote “{typed}”.{hint} Nothing was done yet."),
                    option=hearth_text(opt.name), choices=hearth_text(listed), typed=value, hint=hearth_text(hint),
                    field=opt.name)
    err.calm = choose_again(opt.name, listed)
    return err


#: A choice refused, said without what was typed (`Reply.calm`): beside a care reply, the step still asks for one.
CHOOSE_AGAIN = N_("For “{option}”, please choose one of: {choices}. Nothing was saved yet.")


def choose_again(option: str, choices: str) -> Rich:
    """`CHOOSE_AGAIN` for an option and its choices as a refusal lists them (`listed_choices`)."""
    return fill(_(CHOOSE_AGAIN), option=hearth_text(option), choices=hearth_text(choices))


#: Said above a refused command's own words, given back where nothing else keeps them (`Event.typed`).
GIVEN_BACK = N_("_What you typed, so you can use it again:_")


def free_words(cmd: Command, args: Mapping[str, str]) -> list[str]:
    """The person's own writing among a command's options (`kind="text"`: a note, an answer's words, a prompt), as
    given. Not a name, a time or a command looked for: those are quickly typed again, and echoing them is noise."""
    return [args[o.name].strip() for o in cmd.options if o.kind == "text" and args.get(o.name, "").strip()]


#: Said to someone who closed a form that held their own writing without sending it, above their words.
CLOSED_UNSENT = N_("No problem: you closed the form, so nothing was saved.")


def closed_unsent(fields: Iterable[str], values: Mapping[str, str]) -> Reply | None:
    """What someone who closed a form without sending it is told: nothing, unless they had written something of
    their own in it (`fields`: its `word_fields`); then that nothing was saved, and their words (`given_back`).
    A choice or a name alone is nothing to give back: picking it again is quicker than reading it."""
    words = [values[name].strip() for name in dict.fromkeys(fields) if values.get(name, "").strip()]
    return given_back(Reply(body=rich(_(CLOSED_UNSENT))), words) if words else None


def given_back(reply: Reply, words: list[str]) -> Reply:
    """A refusal with the person's words after it, so that nothing they wrote is lost with it. Their words are
    inert text, and each platform splits a reply too long for one message (Discord 2000 characters a message,
    Slack 3000 a section) into several, so giving them back can't fail on a platform's limit."""
    if not words:
        return reply
    back = join_rich([rich(_(GIVEN_BACK)), *(rich("{}", w) for w in words)])
    return replace(reply, body=join_rich([reply.body, back], "\n\n") if reply.body.parts else back, keep=True)
