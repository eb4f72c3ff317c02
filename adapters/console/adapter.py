"""Hearth in a terminal: type commands as members, watch posts and DMs arrive.

No account needed. Lines come from the keyboard, a script file, or a pipe;
besides Hearth's own commands a line may switch who is speaking
(`as ann`, `as mia mod`, or `ann: <command>` for one line), press a button
(`press 2`), move the clock (`advance 2h`, `at 18:59:50`) or wait (`sleep 3`).
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import AsyncIterator, Callable, TextIO

from adapters.console.render import render_buttons, render_reply
from bot.app import Hearth
from bot.clock import OffsetClock
from bot.commands.parse import parse_line
from bot.config import Config
from bot.delivery.sender import Delivery
from bot.errors import UserError
from bot.events import Actor, Button, Event, Form, Reply

log = logging.getLogger(__name__)

HELP = """Terminal extras (besides Hearth's own commands, see: help):
  as NAME [mod]     speak as someone else (mod = a moderator)
  NAME: COMMAND     one command as NAME
  press N           press button N of the last message with buttons (DMs to others are passed over)
  advance 10m       move the clock forward (30s, 10m, 2h, 1d)
  at HH:MM[:SS]     move the clock forward to that time (UTC)
  sleep N           wait N real seconds (scripts)
  who               who is speaking
  quit              leave"""


@dataclass
class Speaker:
    name: str
    moderator: bool = False


class ConsoleSender:
    """Shows what Hearth sends: channel posts, thread replies, DMs and edits."""

    platform = "console"
    rate_per_second = 50.0

    def __init__(self, out: "ConsoleOut") -> None:
        self.out = out
        self._ids = itertools.count(1)

    async def send(self, d: Delivery) -> str | None:
        ref = f"m{next(self._ids)}"
        if d.kind == "post":
            where = f"#{_short(d.channel)}"
        elif d.kind == "thread":
            where = f"#{_short(d.channel)} › thread"
        elif d.kind == "dm":
            where = f"DM to {_short(d.user)}"
        elif d.kind == "edit":
            where = f"#{_short(d.channel)} (updated)"
        else:
            where = f"#{_short(d.channel)} (a message was removed)"
        self.out.show(where, d.message if d.kind != "delete" else Reply(), d.user if d.kind == "dm" else None,
                      dm=d.kind == "dm")
        return ref if d.kind in ("post", "thread", "dm") else d.ref


def _short(ref: str | None) -> str:
    return (ref or "?").split(":", 1)[-1]


@dataclass(frozen=True)
class Shown:
    """A message with buttons, and whom it was shown to (None: a channel, so everyone)."""

    buttons: tuple[Button, ...]
    to: str | None
    dm: bool


#: How many messages with buttons `press` can reach back over.
KEEP_SHOWN = 50


class ConsoleOut:
    """Where everything is printed; remembers the last buttons so `press N` works."""

    def __init__(self, stream: TextIO, color: bool) -> None:
        self.stream = stream
        self.color = color
        self.buttons: tuple[Button, ...] = ()
        self.shown: list[Shown] = []

    def show(self, where: str, reply: Reply, to: str | None = None, dm: bool = False) -> None:
        header = f"[{where}]"
        self.stream.write(header + "\n" + render_reply(reply, self.color) + "\n")
        self.stream.flush()
        if reply.buttons:
            self.buttons = reply.buttons
            self.shown = [*self.shown[-(KEEP_SHOWN - 1):], Shown(reply.buttons, to, dm)]

    def buttons_for(self, user_id: str) -> tuple[Button, ...]:
        """The buttons `press` means for this person: the last message with buttons, passing over DMs to
        others (a round's DMs arrive in a burst, in no order that means anything to whoever is typing).
        A reply shown to someone else is not passed over: pressing it is refused by Hearth, as it should be."""
        for shown in reversed(self.shown):
            if shown.dm and shown.to != user_id:
                continue
            return shown.buttons
        return ()

    def say(self, text: str) -> None:
        self.stream.write(text + "\n")
        self.stream.flush()


class ConsoleAdapter:
    platform = "console"

    def __init__(self, config: Config, lines: AsyncIterator[str], out: ConsoleOut, done: asyncio.Event,
                 interactive: bool, tick_seconds: float = 1.0) -> None:
        self.config = config
        self.lines = lines
        self.out = out
        self.done = done
        self.interactive = interactive
        self.tick_seconds = tick_seconds
        self.community = config["console.community"]
        self.speaker = Speaker(config["console.user"], moderator=True)
        self.app: Hearth | None = None
        self._tasks: list[asyncio.Task] = []

    async def start(self, app: Hearth) -> None:
        self.app = app
        app.outbox.add_sender(ConsoleSender(self.out))
        self._tasks = [asyncio.create_task(self._read_loop(), name="console-input"),
                       asyncio.create_task(self._tick_loop(), name="console-tick")]

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()

    # -- time --------------------------------------------------------------

    async def _tick_loop(self) -> None:
        """Let rounds open and close on the terminal's clock, which may run ahead."""
        while True:
            await asyncio.sleep(self.tick_seconds)
            await self._catch_up()

    async def _catch_up(self) -> None:
        assert self.app is not None and self.app.scheduler is not None
        await self.app.scheduler.run_pending()
        await self.app.outbox.drain_all()

    # -- input ---------------------------------------------------------------

    async def _read_loop(self) -> None:
        try:
            if self.interactive:
                self.out.say("Type help for Hearth's commands, or extras for the terminal's own. Ctrl-D leaves.")
            while True:
                if self.interactive:
                    self.out.stream.write(f"{self.speaker.name}> ")
                    self.out.stream.flush()
                line = await self._next_line()
                if line is None or not await self.handle_line(line):
                    break
            await self._catch_up()
        except Exception:
            log.exception("the terminal adapter stopped on an error")
        finally:
            self.done.set()

    async def handle_line(self, raw: str) -> bool:
        """One line of input; False to stop."""
        line = raw.strip()
        if not line or line.startswith("#"):
            return True
        if not self.interactive:
            self.out.say(f"{self.speaker.name}> {line}")
        lowered = line.lower()
        if lowered in {"quit", "exit"}:
            return False
        try:
            await self._line(line, lowered)
        except UserError as err:
            self.out.show("only you", err.reply())
        return True

    async def _line(self, line: str, lowered: str) -> None:
        m = re.match(r"^([A-Za-z][\w.-]*):\s+(.+)$", line)
        if m and not lowered.startswith(("at ", "http")):
            saved = self.speaker
            self.speaker = Speaker(m.group(1), saved.moderator and m.group(1) == saved.name)
            try:
                await self._line(m.group(2), m.group(2).lower())
            finally:
                self.speaker = saved
            return
        word, _, rest = lowered.partition(" ")
        extras: dict[str, Callable[[str], "asyncio.Future | None"]] = {
            "as": self._as, "press": self._press, "advance": self._advance, "at": self._at, "sleep": self._sleep,
        }
        if word in extras:
            await extras[word](line.split(" ", 1)[1] if " " in line else "")  # type: ignore[misc]
        elif word == "who":
            role = " (moderator)" if self.speaker.moderator else ""
            self.out.say(f"You are {self.speaker.name}{role}. The clock says {self._now():%a %d %b %H:%M:%S} UTC.")
        elif word in {"extras", "?"}:
            self.out.say(HELP)
        elif word.isdigit() and self.out.buttons_for(self._actor().user_id):
            await self._press(word)
        else:
            cmd, args = parse_line(self._app.registry, line)
            await self._dispatch(Event("command", self._actor(), cmd.name, args))

    @property
    def _app(self) -> Hearth:
        assert self.app is not None
        return self.app

    def _actor(self) -> Actor:
        return Actor(self.community, f"console:{self.speaker.name.lower()}", self.speaker.name,
                     platform_moderator=self.speaker.moderator, channel_id="console:general")

    def _now(self) -> datetime:
        return self._app.clock.now()

    async def _dispatch(self, event: Event) -> None:
        replies = await self._app.handle(event)
        for reply in replies:
            if reply.form is not None:
                self.out.show("only you", Reply(body=reply.body, title=reply.form.title))
                values = await self._fill_form(reply.form)
                if values is None:
                    self.out.say("  (cancelled)")
                    continue
                await self._dispatch(Event("form", event.actor, reply.form.action, dict(reply.form.args), values))
            else:
                mine = reply.visibility == "actor"
                self.out.show("only you" if mine else "#general", reply, event.actor.user_id if mine else None)
        await self._app.outbox.drain_all()

    async def _fill_form(self, form: Form) -> dict[str, str] | None:
        """Ask field by field; an empty line keeps the default; `cancel` stops."""
        values: dict[str, str] = {}
        for f in form.fields:
            choices = ""
            if f.choices:
                choices = " " + " ".join(f"[{c.value}] {c.label}" for c in f.choices)
            default = f" (Enter for {f.default})" if f.default else (" (optional)" if not f.required else "")
            self.out.say(f"  {f.label}{choices}{default}")
            if self.interactive:
                self.out.stream.write("  > ")
                self.out.stream.flush()
            answer = await self._next_line()
            if answer is None or answer.strip().lower() == "cancel":
                return None
            if not self.interactive:
                self.out.say(f"  > {answer}")
            values[f.name] = answer.strip() or (f.default or "")
        return values

    async def _next_line(self) -> str | None:
        try:
            return await self.lines.__anext__()
        except StopAsyncIteration:
            return None

    # -- terminal extras -------------------------------------------------------

    async def _as(self, rest: str) -> None:
        parts = rest.split()
        if not parts:
            raise UserError("Say who: `as ann`, or `as mia mod` for a moderator.")
        self.speaker = Speaker(parts[0], moderator=len(parts) > 1 and parts[1].lower() in {"mod", "moderator"})
        role = " (moderator)" if self.speaker.moderator else ""
        self.out.say(f"  You are now {self.speaker.name}{role}.")

    async def _press(self, rest: str) -> None:
        buttons = self.out.buttons_for(self._actor().user_id)
        try:
            button = buttons[int(rest.strip()) - 1]
        except (ValueError, IndexError):
            shown = render_buttons(buttons) if buttons else "none yet"
            raise UserError(f"There's no button “{{}}”. The last ones were: {shown}", rest.strip()) from None
        await self._dispatch(Event("action", self._actor(), button.action, dict(button.args)))

    async def _advance(self, rest: str) -> None:
        delta = parse_delta(rest)
        clock = self._clock()
        clock.advance(delta)
        self.out.say(f"  The clock moves on to {self._now():%a %d %b %H:%M:%S} UTC.")
        await self._catch_up()

    async def _at(self, rest: str) -> None:
        m = re.fullmatch(r"\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*", rest)
        if not m:
            raise UserError("Say a time like `at 18:59:50` (UTC).")
        now = self._now()
        target = now.replace(hour=int(m.group(1)), minute=int(m.group(2)), second=int(m.group(3) or 0), microsecond=0)
        if target <= now:
            target += timedelta(days=1)
        self._clock().set(target)
        self.out.say(f"  The clock moves on to {self._now():%a %d %b %H:%M:%S} UTC.")
        await self._catch_up()

    async def _sleep(self, rest: str) -> None:
        try:
            seconds = min(float(rest.strip() or "1"), 60.0)
        except ValueError:
            raise UserError("Say how many seconds, like `sleep 3`.") from None
        await asyncio.sleep(seconds)
        await self._catch_up()

    def _clock(self) -> OffsetClock:
        clock = self._app.clock
        if not isinstance(clock, OffsetClock):
            raise UserError("This clock can't be moved here.")
        return clock


def parse_delta(text: str) -> timedelta:
    m = re.fullmatch(r"\s*(\d+)\s*([smhd])\s*", text.lower())
    if not m:
        raise UserError("Say how far, like `advance 30s`, `advance 10m`, `advance 2h` or `advance 1d`.")
    n, unit = int(m.group(1)), m.group(2)
    return timedelta(**{{"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}[unit]: n})


async def lines_from(stream: TextIO) -> AsyncIterator[str]:
    """Lines from a file or the keyboard, read off the event loop's thread."""
    while True:
        line = await asyncio.to_thread(stream.readline)
        if line == "":
            return
        yield line.rstrip("\n")

