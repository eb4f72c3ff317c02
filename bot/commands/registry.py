"""The second seam: every command is declared once, here.

Adapters read the registry to build their platform registrations (Discord app
commands, the Slack slash-command grammar, terminal help). The registry also
enforces what no adapter may be trusted with: permissions, required options,
choices and confirmation of destructive actions.
"""

from __future__ import annotations

import difflib
import logging
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Awaitable, Callable, Literal

from bot.errors import UserError
from bot.events import SHOWN_TO, Actor, Button, Choice, Event, Reply, rich, say

#: How alike a typed command must be to one of ours to be offered as "did you mean" (difflib's ratio).
NEAR = 0.75

if TYPE_CHECKING:
    from bot.app import Hearth

log = logging.getLogger(__name__)

Handler = Callable[["Hearth", Event], Awaitable["list[Reply] | Reply"]]
Permission = Literal["member", "moderator"]
OptionKind = Literal["string", "text", "int", "choice", "channel", "date", "timezone", "user", "file"]
"""`file`: an upload; the adapter puts its bytes in `Event.attachment` (the option's value is its name)."""


@dataclass(frozen=True)
class Option:
    """One argument of a command.

    `choices` are fixed; `suggest` names a dynamic source ("schedules",
    "themes", "timezones", "prompts") that adapters turn into autocomplete.
    `rest` marks the last string option that takes the rest of a typed line.
    """

    name: str
    description: str
    kind: OptionKind = "string"
    required: bool = False
    choices: tuple[Choice, ...] = ()
    suggest: str | None = None
    max_length: int | None = None
    rest: bool = False


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

    @property
    def name(self) -> str:
        return " ".join(self.path)

    def usage(self) -> str:
        parts = [self.name]
        for o in self.options:
            parts.append(f"<{o.name}>" if o.required else f"[{o.name}]")
        return " ".join(parts)


@dataclass(frozen=True)
class Action:
    """A button or form handler (not typed by people, reached from a reply)."""

    name: str
    handler: Handler
    permission: Permission = "member"


@dataclass
class Registry:
    commands: dict[str, Command] = field(default_factory=dict)
    actions: dict[str, Action] = field(default_factory=dict)

    # -- declaring ---------------------------------------------------------

    def command(
        self,
        name: str,
        help: str,
        *options: Option,
        permission: Permission = "member",
        confirm: str | None = None,
        example: str | None = None,
        reads_only: bool = False,
    ) -> Callable[[Handler], Handler]:
        def deco(fn: Handler) -> Handler:
            path = tuple(name.split())
            if name in self.commands:
                raise ValueError(f"command {name!r} declared twice")
            self.commands[name] = Command(path, help, fn, tuple(options), permission, confirm, example, reads_only)
            return fn

        return deco

    def action(self, name: str, permission: Permission = "member") -> Callable[[Handler], Handler]:
        def deco(fn: Handler) -> Handler:
            if name in self.actions:
                raise ValueError(f"action {name!r} declared twice")
            self.actions[name] = Action(name, fn, permission)
            return fn

        return deco

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
        cmd = self.commands.get(event.name) if event.kind == "command" else None
        return cmd is not None and cmd.reads_only

    def may_need_moderator(self, kind: str, name: str, args: dict[str, str]) -> bool:
        """Whether running this event can check moderator rights: a moderator command, its button, or the
        "Yes, go ahead" that confirms one (see `_run_confirmed`). Adapters ask, to know how fresh the
        platform's word on a person must be."""
        if kind == "command":
            found: Command | Action | None = self.commands.get(name)
        elif name == "confirm":
            found = self.commands.get(args.get("command", ""))
        else:
            found = self.actions.get(name)
        return found is not None and found.permission != "member"

    def find(self, words: list[str]) -> tuple[Command | None, list[str]]:
        """Longest command path that prefixes `words`, and the words left."""
        for n in range(min(len(words), 3), 0, -1):
            cmd = self.commands.get(" ".join(words[:n]).lower())
            if cmd:
                return cmd, words[n:]
        return None, words

    def under(self, words: list[str]) -> list[Command]:
        """The commands whose path goes on from these words ("checkin", "mod schedule"), in declaration order."""
        prefix = tuple(w.lower() for w in words)
        return [c for c in self.commands.values() if len(c.path) > len(prefix) and c.path[:len(prefix)] == prefix]

    def near(self, words: list[str]) -> list[Command]:
        """Commands the first words look like a slip for ("checkin stat", "chekin status", "reflet"), closest
        first. After a group's own words only the last word is compared: "checkin foo" is no slip for "join"."""
        for n in range(min(len(words), 3), 0, -1):
            typed = tuple(w.lower() for w in words[:n])
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
                await self._check_permission(app, event, found.permission, found.name)
        except UserError as err:
            return err.reply()
        return None

    async def _run_command(self, app: "Hearth", event: Event) -> list[Reply]:
        cmd = self.commands.get(event.name)
        if cmd is None:
            raise UserError(f"I don't know the command “{event.name}”. Try **help** to see what I can do.")
        if cmd.permission != "member":  # (most commands: no call to make)
            await self._check_permission(app, event, cmd.permission, cmd.name)
        args = validate_options(cmd, event.args)
        if args != event.args:
            event = Event(event.kind, event.actor, event.name, args, event.values, event.event_id, event.attachment)
        if cmd.confirm and event.args.get("confirmed") != "yes":
            return [confirmation(cmd, event)]
        return as_list(await cmd.handler(app, event))

    async def _run_action(self, app: "Hearth", event: Event) -> list[Reply]:
        if event.name == "confirm":
            return await self._run_confirmed(app, event)
        act = self.actions.get(event.name)
        if act is None:
            raise UserError("That button is from an older version of Hearth and no longer works. Please try the command again.")
        await self._check_permission(app, event, act.permission, act.name)
        return as_list(await act.handler(app, event))

    async def _run_confirmed(self, app: "Hearth", event: Event) -> list[Reply]:
        name = event.args.get("command", "")
        if name not in self.commands:
            raise UserError("That confirmation has expired. Please run the command again.")
        args = {k[4:]: v for k, v in event.args.items() if k.startswith("arg:")}
        args["confirmed"] = "yes"
        return await self._run_command(app, Event("command", event.actor, name, args, event_id=event.event_id))

    async def permits(self, app: "Hearth", actor: "Actor", command: str) -> bool:
        """Whether this person may run the command, asked quietly (no audit entry): for what a platform offers
        while they type (autocomplete), which must show a member nothing a moderator command guards."""
        cmd = self.commands.get(command)
        return cmd is not None and (cmd.permission == "member" or await app.is_moderator(actor))

    async def _check_permission(self, app: "Hearth", event: Event, permission: Permission, what: str) -> None:
        if permission == "member":
            return
        if await app.is_moderator(event.actor):
            return
        await app.store.audit(
            event.actor.community_id, event.actor.user_id, "refused", f"{what} (not a moderator)", app.clock.now()
        )
        log.info("refused moderator command %s for %s", what, event.actor.user_id)
        raise UserError(
            "Only moderators can use **{}**. If you think you should be one, ask a moderator "
            "to add you with **mod moderators add**.",
            what,
        )


def own_event(event: Event) -> Event:
    """The event without its `SHOWN_TO` mark, if the mark names whoever sent it; else a calm refusal."""
    owner = event.args.get(SHOWN_TO)
    if owner is None:
        return event  # a typed command, or a button everyone may press (a round's post)
    if owner != event.actor.user_id:
        log.info("refused %s %s: shown to someone else", event.kind, event.name)
        what = "form" if event.kind == "form" else "button"
        raise UserError(f"That {what} was meant for someone else, so I've left it alone. Nothing changed.")
    return replace(event, args={k: v for k, v in event.args.items() if k != SHOWN_TO})


def as_list(result: "list[Reply] | Reply") -> list[Reply]:
    return [result] if isinstance(result, Reply) else list(result)


def confirmation(cmd: Command, event: Event) -> Reply:
    """Ask before a destructive command; the button carries the arguments back."""
    args = {"command": cmd.name, **{f"arg:{k}": v for k, v in event.args.items()}}
    return Reply(
        body=rich("**Are you sure?** " + (cmd.confirm or "This can't be undone.")),
        buttons=(
            Button("Yes, go ahead", "confirm", args, style="danger"),
            Button("Cancel", "cancel", {}, style="secondary"),
        ),
    )


def validate_options(cmd: Command, given: dict[str, str]) -> dict[str, str]:
    """Check required options, choices, numbers and lengths; explain mistakes."""
    known = {o.name: o for o in cmd.options}
    out: dict[str, str] = {}
    for key, value in given.items():
        if key == "confirmed":
            out[key] = value
            continue
        opt = known.get(key)
        if opt is None:
            raise UserError(f"**{cmd.name}** has no option “{key}”. Usage: `{cmd.usage()}`")
        value = value.strip()
        if value == "":
            continue
        out[key] = _check_value(cmd, opt, value)
    for opt in cmd.options:
        if opt.required and opt.name not in out:
            example = f" For example: `{cmd.example}`" if cmd.example else ""
            raise UserError(f"**{cmd.name}** needs “{opt.name}” ({opt.description}). Usage: `{cmd.usage()}`.{example}")
    return out


def _check_value(cmd: Command, opt: Option, value: str) -> str:
    if opt.max_length and len(value) > opt.max_length:
        raise UserError(
            f"“{opt.name}” can be at most {opt.max_length} characters; this one has {len(value)}. "
            "Could you make it shorter?"
        )
    if opt.choices:
        allowed = {c.value.lower(): c.value for c in opt.choices}
        if value.lower() not in allowed:
            listed = ", ".join(c.value for c in opt.choices)
            raise UserError(f"“{opt.name}” must be one of: {listed}. You wrote “{{}}”.", value)
        value = allowed[value.lower()]
    if opt.kind == "int":
        try:
            number = int(value)
        except ValueError:
            raise UserError(f"“{opt.name}” must be a whole number, like 30. You wrote “{{}}”.", value) from None
        if not -(2**31) < number < 2**31:
            raise UserError(f"“{opt.name}” is a much bigger number than I can use. Try a smaller one, like 30.")
    return value


#: The one registry the whole core declares into.
REGISTRY = Registry()


@REGISTRY.action("cancel")
async def _cancel(app: "Hearth", event: Event) -> Reply:
    return say("Okay, nothing changed.")
