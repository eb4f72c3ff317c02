"""Hearth in a terminal: type commands as members, watch posts and DMs arrive.

No account needed. Lines come from the keyboard, a script file, or a pipe;
besides Hearth's own commands a line may switch who is speaking
(`as ann`, `as mia mod`, or `ann: <command>` for one line), press a button
(`press 2`), move the clock (`advance 2h`, `at 18:59:50`) or wait (`sleep 3`).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import itertools
import logging
import math
import os
import re
import secrets
import tempfile
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import AsyncIterator, Callable, Collection, TextIO
from zoneinfo import ZoneInfo

from adapters.console.render import _CONTROL, render_buttons, render_reply
from bot.app import NOT_SURE, Hearth
from bot.clock import OffsetClock, parse_iso, utc_iso
from bot.commands.forms import answer_problem
from bot.flows.crisis_care import FIELD_AGAIN
from bot.commands.parse import names_a_command, parse_line, rest_of_line, trimmed
from bot.commands.registry import GIVEN_BACK
from bot.config import Config, terminal_name_problem
from bot.delivery.sender import Delivery
from bot.errors import HearthError, UserError, care_of, quoted
from bot.scheduling import next_fires
from bot.events import Actor, Attachment, Button, Event, Form, FormField, Reply, Rich, UserText, hearth_text, rich
from bot.i18n import N_, _, day_month, ngettext, speaking
from bot.views.home import HELP

log = logging.getLogger(__name__)

#: Where the terminal keeps its simulated clock between sessions (`store.local_state`).
CLOCK_KEY = "console.clock"
#: The most openings, reminders and closings one move of the clock steps through (a year of a daily check-in):
#: there it stops, short of where it was going, and says so (`_stopped_short`).
MAX_STEPS = 1200
MAX_ADVANCE = timedelta(days=3660)  # (ten years: far enough to try anything, short of the calendar's end)
MAX_SLEEP = 60.0

#: Where a reply only its reader sees is shown (the terminal's header for it), when its reader is the one typing…
ONLY_YOU = N_("only you")
#: … and when it is someone else (a one-line `ann: …`): whose it is, so it never looks like the typist's own.
ONLY_THEM = N_("only {name}")
#: The terminal's own lines (`extras`): what is typed stays English, as Hearth's commands do; what it does is said
#: in the speaker's language.
EXTRAS = (
    ("as NAME [mod]", N_("speak as someone else (mod = a moderator)")),
    ("NAME: COMMAND", N_("one command as NAME")),
    ("press N", N_("press button N of the last message with buttons that you can see")),
    ("advance 10m", N_("move the clock forward (30s, 10m, 2h, 1d, or parts together: 1h30m; at most {longest})")),
    ("at [DATE] HH:MM", N_("move the clock forward to the next such time (UTC), or to that time on a DATE like "
                           "2027-03-28; seconds too: 18:59:50")),
    ("sleep N", N_("wait N real seconds, 0 to {most} (scripts)")),
    ("who", N_("who is speaking")),
    ("quit", N_("leave")),
)


#: How a form in the terminal says it can be left (its first line, before the first question).
FORM_EXIT = N_("(One answer per line. Type cancel to leave this form; nothing is saved.)")
#: A line that is one of the terminal's own extras, as exactly as they are typed: in a form, it ends the form (and
#: then does what it says) rather than being taken as an answer, so a script's `as bob` is never Ann's words.
_EXTRA_LINE = re.compile(r"(as\s+[A-Za-z][\w.-]*(\s+(mod|moderator))?|advance\s+\S+|advance(\s+\d+\s*[smhd])+"
                         r"|at\s+(\d{4}-\d{2}-\d{2}\s+)?\d{1,2}:\d{2}(:\d{2})?|press\s+\d+|sleep\s+[\d.]+|who|extras|quit|exit)", re.IGNORECASE)
#: The first words of the terminal's extras: at a field that isn't free words, a line that begins with one is the
#: terminal's, whether or not the rest is right (`press`, `advance soon`: the extra then says what it needs).
_EXTRA_WORDS = frozenset({"as", "press", "advance", "at", "sleep", "who", "extras", "?", "quit", "exit"})
#: At the keyboard "as always" is more likely words than a change of speaker, so there `as …` stays an answer;
#: in a script (lines written beforehand, several people's) it ends the form.
_AS_LINE = re.compile(r"as\s", re.IGNORECASE)


def extras_text() -> str:
    """The terminal's extras, in the language being spoken."""
    head = _("Terminal extras (besides Hearth's own commands, see: {help}):").format(help=HELP)
    limits = {"days": MAX_ADVANCE.days, "longest": f"{MAX_ADVANCE.days}d", "most": f"{MAX_SLEEP:g}"}  # (the limits `parse_delta` and `_sleep` keep)
    return "\n".join([head, *(f"  {typed:<18}{_(does).format(**limits)}" for typed, does in EXTRAS)])


def clock_text(at: datetime) -> str:
    """The terminal's clock, to the second, as "Sun 6 Dec, 01:21:00 (UTC)" in the language being spoken."""
    return f"{day_month(at)}, {at:%H:%M:%S} (UTC)"


#: What a file name from Hearth may hold here: anything else becomes "-".
_SAFE_NAME = re.compile(r"[^\w.-]+")


def _file_part(who: str) -> str:
    """A person's id as part of a file name: as it is where it is one already, else made safe and told apart by a
    digest of the id, so two people whose ids differ only in what a file name can't hold ("ann b", "ann/b") never
    share (and write over) one chart (review21)."""
    safe = _SAFE_NAME.sub("-", who).strip(".-") or "member"
    return safe if safe == who else f"{safe}-{hashlib.sha256(who.encode()).hexdigest()[:8]}"
#: What Python makes of bytes that aren't UTF-8 on stdin (surrogateescape): never typed on purpose.
_NOT_UTF8 = re.compile("[\udc80-\udcff]")


def readable(line: str) -> str:
    """A line as it can be printed: bytes that weren't UTF-8 shown as "\ufffd" (printing them as they are fails)."""
    return _NOT_UTF8.sub("\ufffd", line)


#: One line for someone else: `ann: checkin status` (a name too long is refused by `_named`, never words).
_ONE_LINE = re.compile(r"^([A-Za-z][\w.-]*):\s+(.+)$")
#: The most of a refused name said back.
_NAME_SHOWN = 40


def _named(typed: str) -> str:
    """`typed` as a member's name here, or a kind refusal: the one rule (`bot.config.terminal_name_problem`) for
    `as NAME`, `NAME: …` and `console.user`. A name is part of the member's id and shown to everyone beside what
    they share, so nothing that pings (@everyone, <@123>), reads as someone else (Hearth, Someone) or hides
    (control characters, a wall of text) is one."""
    if terminal_name_problem(typed) is None:
        return typed
    shown = typed if len(typed) <= _NAME_SHOWN else typed[:_NAME_SHOWN] + "…"
    raise UserError(_("“{typed}” can't be a name here. A name is one word (up to 32 letters, digits, dots, dashes "
                      "or underscores) starting with a letter, like `as ann`, and not one that reads as someone "
                      "else, such as everyone, here, Hearth or Someone."), typed=shown)


def _user_id(name: str) -> str:
    """The terminal's id for the person named `name` (names are the same person whatever their case)."""
    return f"console:{name.lower()}"


@dataclass
class Speaker:
    name: str
    moderator: bool = False


class ConsoleModerators:
    """Hearth's `PlatformModerators` for the terminal, whose word is what was typed: `as NAME mod` makes NAME a
    moderator, `as NAME` takes it back (but `as you`, the terminal's own user, is a moderator again). Its word about someone stands until it says otherwise (the terminal is
    one person at their own keyboard, who can say either at any time), including from a run before this one."""

    platform = "console"

    def __init__(self) -> None:
        self.word: dict[str, bool] = {}  # user id -> whether the terminal last said they moderate

    def said(self, speaker: Speaker) -> None:
        self.word[_user_id(speaker.name)] = speaker.moderator

    async def still(self, community_id: str, user_id: str) -> bool | None:
        return self.word.get(user_id, True)


class ConsoleSender:
    """Shows what Hearth sends: channel posts, thread replies, DMs and edits."""

    platform = "console"
    rate_per_second = 50.0

    def __init__(self, out: "ConsoleOut", save: "Callable[[Attachment, str | None], Path] | None" = None,
                 now: "Callable[[], datetime] | None" = None) -> None:
        self.out = out
        self._ids = itertools.count(1)
        #: This run's own mark in every message id it gives. The outbox remembers ids across runs (a message
        #: taken down is never taken down again, `OutboxRepository.skip_reason`): were a new run's "m3" the old
        #: run's "m3", the new message would never come down, and "taking down 4 posts" would show three.
        self._run = secrets.token_hex(3)
        self._save = save  # where a sent file (a digest's chart) is written, its path printed
        self._now = now  # the terminal's clock (simulated or real): when each message went out
        #: What this run posted, by id: where, when, and its first words, for the line that says it came down.
        self._posted: dict[str, tuple[str, tuple[str, str]]] = {}

    async def send(self, d: Delivery) -> str | None:
        ref = f"m{next(self._ids)}.{self._run}"
        if d.kind == "delete":
            self._removed(d)
            return d.ref
        if d.kind == "post":
            where = f"#{_short(d.channel)}"
        elif d.kind == "thread":
            where = f"#{_short(d.channel)} › thread"
        elif d.kind == "dm":
            where = f"DM to {_short(d.user)}"
        elif d.ref in self._posted:  # an edit of a message this run posted: where it is (a thread's reply too)
            where = f"{self._posted[d.ref][0]} (updated)"
        else:  # an edit
            where = f"#{_short(d.channel)} (updated)"
        with speaking(d.message.lang):  # (the language it was made in)
            message, saved = d.message, None
            if d.kind in ("post", "thread", "dm") and message.attachment is not None and self._save is not None:
                save = self._save
                message, saved = saved_as(message, lambda a: save(a, d.user if d.kind == "dm" else None))
            self.out.show(where, message, d.user if d.kind == "dm" else None,
                          d.channel if d.kind in ("post", "thread", "edit") else None)
            if saved is not None:
                self.out.say("  " + _("Saved as {path}").format(path=saved))
        if d.kind in ("post", "thread"):
            self._posted[ref] = (where, self._summary(message))
        elif d.kind == "edit" and d.ref in self._posted:  # (its removal names it as it reads now)
            place, (when, _words) = self._posted[d.ref]
            self._posted[d.ref] = (place, (when, self._summary(message)[1]))
        return ref if d.kind in ("post", "thread", "dm") else d.ref

    def _removed(self, d: Delivery) -> None:
        """One line for a message taken down: which one (where it was, when it went out, its first words), when this
        run posted it; else just where."""
        posted = self._posted.pop(d.ref or "", None)
        if posted is None:
            self.out.say(f"[#{_short(d.channel)} (a message was removed)]")
            return
        where, (when, words) = posted
        self.out.say(f"[{where} (removed{when})]" + (f"\n  {words}" if words else ""))

    def _summary(self, message: Reply) -> tuple[str, str]:
        """A posted message as its removal names it: when it went out (", posted 19:00:01") and its words on one
        short line."""
        words = " / ".join(line.strip() for line in message.plain().splitlines() if line.strip())
        words = words if len(words) <= 72 else words[:71] + "…"
        return (f", posted {self._now():%H:%M:%S}" if self._now else ""), words


def saved_as(reply: Reply, save: "Callable[[Attachment], Path]") -> tuple[Reply, Path]:
    """Write a reply's file first, then show the reply naming the file as written: the terminal never writes over
    an earlier one (`hearth-export-2.json`), and "[file: NAME]" above "Saved as …/NAME-2" named another. A chart of
    now (`Attachment.current`) is one file per person, written over (`my-moods-ann.png`)."""
    assert reply.attachment is not None
    path = save(reply.attachment)
    return replace(reply, attachment=replace(reply.attachment, filename=path.name)), path


def _written_over(path: Path, content: bytes) -> Path:
    """`content` at `path`, in place of what was there, readable only by this machine's user; never half-written (a
    new file, then renamed over the old one)."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as f:  # (mkstemp's file is this user's alone: 0o600)
            f.write(content)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return path


def _short(ref: str | None) -> str:
    return (ref or "?").split(":", 1)[-1]


@dataclass(frozen=True)
class Shown:
    """A message with buttons, whom it was shown to (None: a channel, so everyone here), and the channel it was
    posted in (None: a DM or a reply), so that a channel not everyone can see can be passed over (`buttons_for`)."""

    buttons: tuple[Button, ...]
    to: str | None
    channel: str | None = None


#: How many messages with buttons `press` can reach back over.
KEEP_SHOWN = 50


class ConsoleOut:
    """Where everything is printed; remembers the messages with buttons, and whom each was shown to, so `press N`
    means the same thing as for the person pressing: only what they could see."""

    def __init__(self, stream: TextIO, color: bool) -> None:
        self.stream = stream
        self.color = color
        self.shown: list[Shown] = []
        #: A line to print before whatever is printed next, if anything is (the time a jump of the clock is at).
        self.heading: str | None = None

    def _head(self) -> None:
        if self.heading is not None:
            self.stream.write(self.heading + "\n")
            self.heading = None

    def show(self, where: str, reply: Reply, to: str | None = None, channel: str | None = None) -> None:
        """Print `reply` under `[where]`; `to` is the one person it is for (a DM, a private reply), None for a
        channel post; `channel` is the channel it was posted in, if it was."""
        self._head()
        header = f"[{where}]"
        body = render_reply(reply, self.color)
        self.stream.write(header + ("\n" + body if body else "") + "\n")  # (nothing to show: no empty line)
        self.stream.flush()
        if reply.buttons:
            self.shown = [*self.shown[-(KEEP_SHOWN - 1):], Shown(reply.buttons, to, channel)]

    def buttons_for(self, user_id: str, unseen: Collection[str] = ()) -> tuple[Button, ...]:
        """The buttons `press` means for this person: those of the last message with buttons they could see (a
        channel's post, or one shown to them alone). Someone else's DMs and private replies are passed over, never
        numbered or named: on Discord and Slack they would never have seen them; so are posts in the `unseen`
        channels, those this person can't read there (the care channel, for anyone but a moderator)."""
        for shown in reversed(self.shown):
            if shown.channel is not None and shown.channel in unseen:
                continue
            if shown.to is None or shown.to == user_id:
                return shown.buttons
        return ()

    def say(self, text: str) -> None:
        self._head()
        self.stream.write(text + "\n")
        self.stream.flush()


def shell_locale(env: dict[str, str] | None = None) -> str | None:
    """The terminal's language, as the shell says it (LC_ALL, else LC_MESSAGES, else LANG): its `platform` locale."""
    env = os.environ if env is None else env
    return next((env[k] for k in ("LC_ALL", "LC_MESSAGES", "LANG") if env.get(k)), None)


class ConsoleChannels:
    """The terminal's channels: every `console:` channel is the terminal community's own (there is no other)."""

    platform = "console"

    async def belongs(self, community_id: str, channel_id: str) -> bool | None:
        return community_id.startswith("console:") and channel_id.startswith("console:") and len(channel_id) > 8


class ConsoleAdapter:
    platform = "console"

    def __init__(self, config: Config, lines: AsyncIterator[str], out: ConsoleOut, done: asyncio.Event,
                 interactive: bool, tick_seconds: float = 1.0, locale: str | None = None,
                 exports: Path | None = None) -> None:
        self.config = config
        #: Where files Hearth hands over are written: beside the data (`exports/`), unless told (the demo's data
        #: is thrown away at its end, its files are not).
        self.exports = exports
        self.lines = lines
        self.out = out
        self.done = done
        self.interactive = interactive
        self.tick_seconds = tick_seconds
        self.community = config["console.community"]
        self.community_name = config["console.community_name"]
        self.speaker = Speaker(config["console.user"], moderator=True)
        self.moderators = ConsoleModerators()
        self.moderators.said(self.speaker)
        self.locale = locale
        #: Who is at the keyboard for the line being handled (a one-line `ann: …` speaks for Ann, typed by them).
        self._typist = self.speaker
        self.app: Hearth | None = None
        #: A line that ended a form (a terminal extra), to be handled as itself once the form is left.
        self._pending: str | None = None
        #: What the line that opened the next form gave its options (`checkin answer words="…"`): typed there, so a
        #: form left unsent gives it back; a field's other defaults (an earlier answer, another's words) never.
        self._typed: dict[str, str] = {}
        #: Answers a form's field refused at its own step (too long, say), by field: given back if the form is left.
        self._refused: dict[str, str] = {}
        self._tasks: list[asyncio.Task] = []
        #: The time the clock went on from, when the last session had moved it ahead of real time.
        self._resumed: datetime | None = None
        #: Why the terminal stopped early, if it did (one sentence for stderr); None when it simply ran out of lines.
        self.failure: str | None = None

    async def start(self, app: Hearth) -> None:
        self.app = app
        app.outbox.add_sender(ConsoleSender(self.out, self._save, app.now))
        app.add_channel_directory(ConsoleChannels())
        # One person typing or scripting at their own machine crowds out nobody: a script of any length runs to the
        # end, every line answered (on real time, the limit cut scripts off after 20 lines a minute).
        app.limiter.exempt.add(self.platform)
        app.add_platform_moderators(self.moderators)
        self._resumed = await self._resume_clock()
        self._tasks = [asyncio.create_task(self._read_loop(), name="console-input"),
                       asyncio.create_task(self._tick_loop(), name="console-tick")]

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await self._keep_clock()

    # -- time --------------------------------------------------------------

    async def _resume_clock(self) -> datetime | None:
        """Go on from where the last session left the clock, when that is ahead of real time: rounds it opened
        stay open, and "next" and "open now" never disagree. Returns that time (None: the clock is real time)."""
        clock = self._app.clock
        kept = await self._app.store.local_state.get(CLOCK_KEY)
        if not isinstance(clock, OffsetClock) or kept is None:
            return None
        try:
            left = parse_iso(kept)
        except ValueError:
            return None
        if left <= clock.now():
            return None
        clock.set(left)
        return left

    async def _keep_clock(self) -> None:
        """Keep the clock's time in the store, for the next session to go on from."""
        if self.app is None or not isinstance(self.app.clock, OffsetClock):
            return
        try:
            await self.app.store.local_state.put(CLOCK_KEY, utc_iso(self._now()), self._now())
        except Exception:  # (the session still ends as it should; the next one starts from real time at worst)
            log.warning("the terminal could not keep its clock's time", exc_info=log.isEnabledFor(logging.DEBUG))

    async def _tick_loop(self) -> None:
        """Let rounds open and close on the terminal's clock, which may run ahead."""
        while True:
            await asyncio.sleep(self.tick_seconds)
            await self._catch_up()

    async def _catch_up(self) -> None:
        """What is due at the clock's now: rounds' steps, and every job the service runs (a follow-up a member
        asked for), by the terminal's clock, which may have jumped ahead of the real time the scheduler counts."""
        assert self.app is not None and self.app.scheduler is not None
        await self.app.scheduler.run_pending()
        await self.app.scheduler.run_due_jobs()
        await self.app.outbox.drain_all()

    # -- input ---------------------------------------------------------------

    async def _read_loop(self) -> None:
        try:
            await self._app.speak_to(self._actor())
            if self._resumed is not None:
                self.out.say(_("The clock is where you left it: {time}.").format(time=clock_text(self._resumed)))
            if self.interactive:
                self.out.say(_("Type {help} for Hearth's commands, or extras for the terminal's own. Ctrl-D "
                               "leaves.").format(help=HELP))
            while True:
                if self.interactive:
                    self.out.stream.write(f"{self.speaker.name}> ")
                    self.out.stream.flush()
                line = await self._next_line()
                if line is None or not await self.handle_line(line):
                    break
            await self._catch_up()
        except HearthError as err:  # (one Hearth explains: the terminal's output can't be written, say)
            self.failure = str(err)
        except Exception as err:
            log.debug("the terminal adapter stopped on an error", exc_info=True)
            self.failure = f"the terminal stopped on an error I didn't expect ({type(err).__name__}: {err})."
        finally:
            self.done.set()

    async def handle_line(self, raw: str) -> bool:
        """One line of input; False to stop. A terminal extra typed while a form was asking ends the form and is
        then handled here, as the line it is."""
        while True:
            go_on = await self._handle_one(raw)
            pending, self._pending = self._pending, None
            if pending is None or not go_on:
                return go_on
            raw = pending

    async def _handle_one(self, raw: str) -> bool:
        line = raw.strip()
        self._typed = {}
        if not trimmed(line) or line.startswith("#"):  # (a line of only invisible characters is an empty line)
            return True
        if not self.interactive:
            self.out.say(f"{self.speaker.name}> {readable(line)}")
        if _NOT_UTF8.search(line):  # bytes that aren't UTF-8 reach us as lone surrogates (surrogateescape)
            self._typist = self.speaker
            self._unreadable()
            return True
        lowered = line.lower()
        if trimmed(lowered) in {"quit", "exit"}:
            return False
        typing, one_line = self.speaker, _ONE_LINE.match(line)
        self._typist = typing
        try:
            if one_line and not lowered.startswith(("at ", "http")):  # `ann: …`: this line (and its answers) is Ann's
                try:
                    self.speaker = self._standing(one_line.group(1))
                except UserError as err:  # (no name: refused, and the line still read by the care screen)
                    await self._app.speak_to(self._actor())
                    await self._show(self._actor(), await self._app.refused_line(self._actor(), line, err.reply()))
                    return True
                line = one_line.group(2)
            line = trimmed(line)  # (invisible characters at its ends are no part of what it says)
            lowered = line.lower()
            await self._app.speak_to(self._actor())  # the terminal's own words too are in the speaker's language
            if line:  # (`ann: ` and only invisible characters: Ann's empty line, which asks nothing)
                await self._line(line, lowered)
        except UserError as err:
            self._private(self._actor(), err.reply())
        except Exception:  # a bug: this line gets an answer, and the session goes on
            log.warning("the terminal could not handle a line", exc_info=log.isEnabledFor(logging.DEBUG))
            self._private(self._actor(), Reply(body=rich(_("Sorry — something went wrong on my side with that "
                                                           "line. The next line goes on as usual.")), error=True))
        finally:
            if one_line:
                self.speaker = typing
        return True

    def _standing(self, name: str) -> Speaker:
        """Who `name` is for one line: their role as the terminal last said it (the operator's own, at first)."""
        if name == self.speaker.name:
            return self.speaker
        return Speaker(_named(name), self.moderators.word.get(_user_id(name), False))

    async def _line(self, line: str, lowered: str) -> None:
        word, _sep, rest = lowered.partition(" ")
        extras: dict[str, Callable[[str], "asyncio.Future | None"]] = {
            "as": self._as, "press": self._press, "advance": self._advance, "at": self._at, "sleep": self._sleep,
        }
        if word in extras:
            try:
                await extras[word](line.split(" ", 1)[1] if " " in line else "")  # type: ignore[misc]
            except UserError as err:  # "at this point I want to die" is no time: still read by the care screen
                await self._show(self._actor(), await self._app.refused_line(self._actor(), line, err.reply()))
        elif lowered.strip() == "who":
            self.out.say(_("You are {name}. The clock says {time}.").format(name=self._who(),
                                                                            time=clock_text(self._now())))
        elif lowered.strip() in {"extras", "?"}:
            self.out.say(extras_text())
        elif word.isdigit() and self.out.buttons_for(self._actor().user_id):
            await self._press(word)
        else:  # a command, or words that are none ("who cares, I want to die"): to the core, screened
            try:
                cmd, args = parse_line(self._app.registry, line,
                                       await self._app.check_in_names(self._actor().community_id))
            except UserError as err:  # still read by the care screen, as every line typed to Hearth
                await self._show(self._actor(), await self._app.refused_line(self._actor(), line, err.reply()))
                return
            self._typed = dict(args)
            await self._dispatch(Event("command", self._actor(), cmd.name, args, typed=True,
                                       line=rest_of_line(self._app.registry, line)))

    @property
    def _app(self) -> Hearth:
        assert self.app is not None
        return self.app

    def _unreadable(self) -> None:
        """A line that wasn't UTF-8 text: said kindly, skipped, and the next line read as usual."""
        if self.interactive:
            said = _("That line had characters I couldn't read (it wasn't UTF-8 text), so I skipped it. Please type "
                     "it again.")
        else:
            said = _("That line wasn't readable text (it wasn't UTF-8), so I skipped it.")
        self._private(self._actor(), Reply(body=rich(said), error=True))

    def _private(self, actor: Actor, reply: Reply) -> None:
        """A reply only `actor` sees: labelled with whom it is for, and its buttons theirs alone."""
        self.out.show(self._only(actor), reply, actor.user_id)

    def _only(self, actor: Actor) -> str:
        """The header of a reply only `actor` sees: "only you" when they are the one typing, else their name."""
        if actor.user_id == _user_id(self._typist.name):
            return _(ONLY_YOU)
        return _(ONLY_THEM).format(name=_CONTROL.sub("", actor.display_name))

    def _actor(self) -> Actor:
        return Actor(self.community, _user_id(self.speaker.name), self.speaker.name,
                     platform_moderator=self.speaker.moderator, channel_id="console:general", locale=self.locale,
                     community_name=self.community_name)

    def _is_operator(self, name: str) -> bool:
        """Whether `name` is the terminal's own user (`console.user`), a moderator here from the start: switching
        back to yourself gives you your own role back."""
        return _user_id(name) == _user_id(self.config["console.user"])

    def _who(self) -> str:
        """The speaker's name, and that they moderate if they do."""
        name = _CONTROL.sub("", self.speaker.name)
        return _("{name} (moderator)").format(name=name) if self.speaker.moderator else name

    def _now(self) -> datetime:
        return self._app.clock.now()

    async def _dispatch(self, event: Event) -> None:
        await self._show(event.actor, await self._app.handle(event))

    async def _show(self, actor: Actor, replies: list[Reply]) -> None:
        """Every reply, a form asked field by field; an event with no reply at all still says so."""
        if not replies:
            self.out.say("  " + _("(no answer)"))
        for reply in replies:
            if reply.form is None:
                reply, saved = saved_as(reply, lambda a: self._save(a, actor.user_id)) \
                    if reply.attachment is not None else (reply, None)
                if reply.visibility == "actor":
                    self._private(actor, reply)
                else:
                    self.out.show("#general", reply)
                if saved is not None:
                    self.out.say("  " + _("Saved as {path}").format(path=saved))
                continue
            if self._pending is not None:  # (a line ended the form before: it is next, not this form's answers)
                continue
            self._private(actor, Reply(body=reply.body, title=reply.form.title))
            self.out.say("  " + _(FORM_EXIT))
            values = await self._fill_form(reply.form)
            if values is None:
                continue
            await self._submit(actor, reply.form, values)
        await self._app.outbox.drain_all()

    def _save(self, attachment: Attachment, owner: str | None = None) -> Path:
        """A file Hearth hands over (an export, a pack) written beside the data, never over an earlier one; readable
        only by this machine's user, as an export holds private answers and notes. A chart of now, asked for again
        whenever wanted (`Attachment.current`: `me history`), is one file per person (`owner`, their id) and name,
        written over each time: asking again and again never fills the folder."""
        folder = (self.exports or self.config.sqlite_path.parent / "exports").resolve()
        folder.mkdir(parents=True, exist_ok=True)
        name = _SAFE_NAME.sub("-", Path(attachment.filename).name).strip(".-") or "hearth-file"
        stem, suffix = Path(name).stem, Path(name).suffix
        if attachment.current and owner:
            whose = _file_part(owner.split(":", 1)[-1])
            return _written_over(folder / f"{stem}-{whose}{suffix}", attachment.content)
        path = folder / name
        for n in itertools.count(2):
            try:
                with open(path, "xb") as f:  # (x: never over a file already there)
                    os.chmod(path, 0o600)
                    f.write(attachment.content)
                return path
            except FileExistsError:
                path = folder / f"{stem}-{n}{suffix}"
        raise AssertionError("unreachable")

    async def _submit(self, actor: Actor, form: Form, values: dict[str, str]) -> None:
        """Send a filled form; a refusal about one field asks again for just that field, keeping the rest."""
        while True:
            try:
                replies = await self._app.handle(Event("form", actor, form.action, dict(form.args), dict(values)))
            except Exception as err:  # a bug, or a dropped database: part of it may be done; the words are only here
                log.warning("a form could not be handled", exc_info=log.isEnabledFor(logging.DEBUG))
                for care in care_of(err):  # (words of concern in it: the care reply first, `FailedAfterCare`)
                    self._private(actor, care)
                self.out.show(_(ONLY_YOU), Reply(body=rich(_(NOT_SURE) + "\n" + _(GIVEN_BACK)), error=True))
                self._give_back(form, values)
                return
            wrong = next((f for r in replies if r.error and r.field for f in form.fields if f.name == r.field), None)
            if wrong is None:
                await self._show(actor, replies)
                return
            for reply in replies:
                self._private(actor, reply)
            again = any(r.error and r.body.parts[:1] == (_(FIELD_AGAIN),) for r in replies)
            # (refused for words of concern: asked again without repeating them, `without_echoes`)
            answer = await self._ask(form, wrong, None if again else values.get(wrong.name))
            if answer is None:
                await self._left(form, values)
                return
            values[wrong.name] = answer

    async def _fill_form(self, form: Form) -> dict[str, str] | None:
        """Ask field by field; an empty line keeps the default; `cancel` (or a terminal extra) stops."""
        values: dict[str, str] = {}
        self._refused = {}
        for f in form.fields:
            answer = await self._ask(form, f)
            if answer is None:
                await self._left(form, values)
                return None
            values[f.name] = answer
        return values

    async def _left(self, form: Form, values: dict[str, str]) -> None:
        """A form left unsent (`cancel`, the end of input, or another line: a terminal extra, one of Hearth's
        commands). What was typed in it and never screened (a paragraph's words: only a step that can't take an
        answer is screened at once, `_cared_for`) is screened as a form closed unsent is on every platform
        (`Hearth.closed_form`): the care reply first when it raises concern, never a note naming them (they chose
        not to send it). Then what the person had written is given back, to type again: when a terminal extra
        ended it, their answers so far and the words a field not reached yet held; when they typed `cancel`, their
        own words (a paragraph's), as every cancelled or refused command gives them back."""
        self.out.say("  " + _("(cancelled)"))
        unscreened = {f.name: values[f.name] for f in form.fields  # (typed here: never a default kept with Enter,
                      if values.get(f.name, "").strip() and values[f.name] != (f.default or "")}  # screened before)
        for reply in await self._app.closed_form(self._actor(), form.action, (), unscreened):
            self._private(self._actor(), reply)
        self._give_back(form, self._refused | values, words_only=self._pending is None)
        self._refused = {}

    def _give_back(self, form: Form, values: dict[str, str], words_only: bool = False) -> None:
        """What the person typed in this form, field by field, to type again: never a field's default (an earlier
        saved answer, or, after `as bob`, another person's words); `words_only`: just their own words (a
        paragraph's), after `cancel`."""
        for f in form.fields:
            if words_only and f.kind != "paragraph":
                continue
            kept = values.get(f.name) or self._typed.get(f.name)  # (typed here only: never an earlier answer)
            if kept:
                self.out.say(f"  {f.label} — " + _("you wrote “{typed}”").format(typed=_CONTROL.sub("", kept)))

    async def _ask(self, form: Form, f: FormField, typed: str | None = None) -> str | None:
        """One field's answer (its default for an empty line); None for `cancel` or the end of input. `typed` is
        what was given before, when asking again. Each answer is checked here, at its own step (a choice, a length,
        what the command's option takes): one that can't be used is said so and the field asked again, rather than
        refused only once the whole form is sent. A line that is one of Hearth's commands is never taken as an
        answer unasked (`_meant_as_answer`)."""
        self._question(f, typed)
        while True:
            if self.interactive:
                self.out.stream.write("  > ")
                self.out.stream.flush()
            answer = await self._next_line()
            if answer is None or answer.strip().lower() == "cancel":
                return None
            if not self.interactive and answer.strip().startswith("#"):
                continue  # (a script's comment, wherever it falls, is never an answer)
            if self._ends_form(f, answer.strip()):
                self._pending = answer  # (handled once the form is left: `handle_line`)
                return None
            if not self.interactive:
                self.out.say(f"  > {readable(answer)}")
            if _NOT_UTF8.search(answer):
                self._unreadable()
                continue
            if f.choices and answer.strip():
                chosen = chosen_value(f, answer.strip())
                if chosen is None and names_a_command(self._app.registry, answer.strip()):
                    self._pending = answer  # (no choice is a command: the form is left, nothing saved, and it runs)
                    return None
                if chosen is None:  # (words of concern: the care reply first, then this, in Hearth's words only)
                    await self._refused_step(answer, form, Reply(
                        body=Rich((_not_a_choice(answer.strip()),)), error=True, field=f.name,
                        calm=rich(_(NOT_ONE_OF_THEM))))
                    self._question(f)
                    continue
                return chosen
            if names_a_command(self._app.registry, answer.strip()):
                meant = await self._meant_as_answer(answer.strip(), form)
                if meant is None:
                    return None
                if not meant:
                    self._pending = answer
                    return None
            problem = answer_problem(self._app.registry, form, f, answer)
            if problem is not None:
                refusal = problem.reply()
                if refusal.calm is None and not any(isinstance(p, UserText) for p in refusal.body.parts):
                    refusal = replace(refusal, calm=refusal.body)  # (it quotes nothing of theirs: said as it is)
                if await self._refused_step(answer, form, refusal) and f.kind != "paragraph":
                    self._question(f)  # (a sentence where a name or a time goes: never quoted, the care reply
                    continue           # answered it, and the step said what it needs)
                # Their words (after a care reply, only too long here) come back, as every refused answer's do
                # (and when the form is left).
                self._refused[f.name] = answer.strip()
                self._question(f, answer.strip())
                continue
            return answer.strip() or (f.default or "")

    async def _meant_as_answer(self, line: str, form: Form) -> bool | None:
        """Whether a line that reads as one of Hearth's commands, typed where an answer was asked for, is the answer
        (True) or the command (False: the form is left, nothing saved, and the command runs); None for `cancel`."""
        typed = quoted(_CONTROL.sub("", line))
        self.out.say("  " + _("“{typed}” looks like one of my commands. Type yes to keep it as your answer here, or "
                              "no to leave this form (nothing is saved) and run it.").format(typed=typed))
        while True:
            if self.interactive:
                self.out.stream.write("  > ")
                self.out.stream.flush()
            reply = await self._next_line()
            if reply is None or reply.strip().lower() == "cancel":
                return None
            if self._ends_form(_YES_NO, reply.strip()) or names_a_command(self._app.registry, reply.strip()):
                self._pending = reply  # (a script's next speaker, or another command: the form ends, that runs)
                return None
            if not self.interactive:
                self.out.say(f"  > {readable(reply)}")
            word = reply.strip().lower()
            if word in ("yes", "y", _("yes").lower()):
                return True
            if word in ("no", "n", _("no").lower()):
                return False
            # (words of concern are answered first; then the question stands)
            await self._refused_step(reply, form, Reply(body=rich(_("Please type yes or no.")), error=True))

    async def _refused_step(self, typed: str, form: Form, refusal: Reply) -> bool:
        """Words typed at a step of `form` that can't take them, and what the step says of them (`refusal`), through
        the core (`Hearth.screened_step`, which screens them as every text is, says of where only what is true of a
        form's step, and puts the step's own words after a care reply, never instead, quoting nothing of concern).
        True when they raised concern and the care reply was shown."""
        replies = await self._app.screened_step(self._actor(), typed, form, refusal)
        for reply in replies:
            if reply.error:
                self.out.say("  " + reply.plain().replace("\n", "\n  "))
            else:
                self._private(self._actor(), reply)
        return any(not r.error for r in replies)

    def _question(self, f: FormField, typed: str | None = None) -> None:
        """One field's question: its choices, its default, and what was typed for it before (asking again)."""
        choices = ""
        if f.choices:
            choices = " " + " ".join(f"[{_CONTROL.sub('', c.value)}] {_CONTROL.sub('', c.label)}" for c in f.choices)
        default = " " + _("(Enter for {default})").format(default=_CONTROL.sub("", f.default)) if f.default else (
            " " + _("(optional)") if not f.required else "")
        again = " — " + _("you wrote “{typed}”").format(typed=_CONTROL.sub("", typed)) if typed else ""
        self.out.say(f"  {_CONTROL.sub('', f.label)}{choices}{default}{again}")

    def _ends_form(self, f: FormField, answer: str) -> bool:
        """Whether a line typed at field `f` is a terminal line rather than its answer: the form ends and the line
        is done as typed, so a script's next speaker (`as bob`, `bob: …`) is never taken as someone's answer.

        Where the field is free words (a paragraph), only a whole extra ends it, and at the keyboard `as …` stays
        words ("as always"). Anywhere else the answer is a choice, a number, a name or a time, which no extra can
        be: a line that begins like one ends the form, at the keyboard too (unless it is one of the choices)."""
        if f.kind == "paragraph":
            return bool(_EXTRA_LINE.fullmatch(answer)) and (not self.interactive or not _AS_LINE.match(answer))
        lowered = answer.lower()
        if any(lowered in (c.value.lower(), c.label.lower()) for c in f.choices):
            return False
        return lowered.split(" ", 1)[0] in _EXTRA_WORDS or bool(_ONE_LINE.match(answer))

    async def _next_line(self) -> str | None:
        try:
            return await self.lines.__anext__()
        except StopAsyncIteration:
            return None

    # -- terminal extras -------------------------------------------------------

    async def _as(self, rest: str) -> None:
        parts = rest.split()
        if not parts or len(parts) > 2 or (len(parts) == 2 and parts[1].lower() not in {"mod", "moderator"}):
            # ("as if anyone would care": words, not a name; the caller hands them to the care screen)
            raise UserError(_("Say who: `as ann`, or `as mia mod` for a moderator."))
        mod = len(parts) > 1 and parts[1].lower() in {"mod", "moderator"}
        self.speaker = Speaker(_named(parts[0]), moderator=mod or self._is_operator(parts[0]))
        self.moderators.said(self.speaker)
        await self._app.speak_to(self._actor())  # (now it's their language)
        self.out.say("  " + _("You are now {name}.").format(name=self._who()))

    async def _unseen(self, actor: Actor) -> set[str]:
        """The channels this person couldn't read on Discord or Slack: the community's care (alert) channel, whose
        posts say who may be struggling, for anyone but a moderator. A member in crisis pressing "1" for their own
        "Check on me tomorrow" must never land on the care team's note about them."""
        if await self._app.is_moderator(actor):
            return set()
        alert = (await self._app.ensure_community(actor.community_id)).settings.alert_channel
        return {alert} if alert else set()

    async def _press(self, rest: str) -> None:
        actor = self._actor()
        buttons = self.out.buttons_for(actor.user_id, await self._unseen(actor))
        if not rest.strip():
            raise UserError(_("Say which button, like `press 1`."))
        try:
            number = int(rest.strip())
            if not 1 <= number <= len(buttons):  # ("press 0" or "press -1" counted from the end: it pressed the last
                raise IndexError(number)          # button, or the one before it, such as me delete's "Yes, go ahead")
            button = buttons[number - 1]
        except (ValueError, IndexError):
            if not buttons:  # ("The last ones were: none yet" named a list that isn't there)
                raise UserError(_("There's no button “{typed}”: there are no buttons to press yet."),
                                typed=rest.strip()) from None
            raise UserError(_("There's no button “{typed}”. The last ones were: {buttons}"), typed=rest.strip(),
                            buttons=hearth_text(render_buttons(buttons))) from None
        await self._dispatch(Event("action", actor, button.action, dict(button.args)))

    async def _advance(self, rest: str) -> None:
        delta = parse_delta(rest)
        self._clock()  # (refuses a clock that can't move, before anything is said)
        await self._move_clock_to(self._now() + delta)

    async def _at(self, rest: str) -> None:
        """`at 18:59:50`: the next such time; `at 2027-03-28 01:59`: that time on that day (a DST change, a date
        months away), forward only, as far as `advance` goes."""
        m = re.fullmatch(r"\s*(?:(\d{4}-\d{2}-\d{2})\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*", rest)
        try:
            day = date.fromisoformat(m.group(1)) if m and m.group(1) else None
        except ValueError:  # (a day no calendar has, 2027-02-30: said so, as every other date Hearth reads)
            raise UserError(_("“{}” isn't a real date.") + " " + _("Say a time like `at 18:59:50`, or a day and a "
                                                                  "time like `at 2027-03-28 01:30` (UTC)."),
                            m.group(1) if m else rest.strip()) from None
        if not m or int(m.group(2)) > 23 or int(m.group(3)) > 59 or int(m.group(4) or 0) > 59:
            raise UserError(_("Say a time like `at 18:59:50`, or a day and a time like `at 2027-03-28 01:30` (UTC)."))
        now = self._now()
        target = now.replace(hour=int(m.group(2)), minute=int(m.group(3)), second=int(m.group(4) or 0), microsecond=0)
        if day is not None:
            target = target.replace(year=day.year, month=day.month, day=day.day)
            if target <= now:
                raise UserError(_("That's not ahead of the clock ({time}): it only moves forward.").format(
                    time=clock_text(now)))
            if target - now > MAX_ADVANCE:
                raise UserError(_("I move the clock at most {days} days at a time; try `advance 30d`.").format(
                    days=MAX_ADVANCE.days))
        elif target <= now:
            target += timedelta(days=1)
        await self._move_clock_to(target)

    async def _sleep(self, rest: str) -> None:
        try:
            seconds = float(rest.strip() or "1")
        except ValueError:
            seconds = math.nan
        if not 0 <= seconds <= MAX_SLEEP:  # (also refuses nan)
            raise UserError(_("Say how many seconds, from 0 to {most}, like `sleep 3`.").format(most=f"{MAX_SLEEP:g}"))
        await asyncio.sleep(seconds)
        await self._catch_up()

    async def _move_clock_to(self, target: datetime) -> None:
        """Step through every moment on the way (a round opening, its reminder, its close), so a jump of a day
        opens and closes the rounds it passes as they would have, in order; then on to `target`. A moment before
        `target` is headed with its time, and so is `target` after one: what happened then is read at that time
        (a reminder sent at 19:20, "there's still time", would be untrue read under "19:30"). After `MAX_STEPS`
        moments the clock stops where it is, short of `target`, and says so: nothing on the way is ever skipped."""
        clock = self._clock()
        self.out.say("  " + _("The clock moves on to {time}.").format(time=clock_text(target)))
        headed = False  # (a moment before `target` was headed: so is what happens at `target`)
        for _step in range(MAX_STEPS):
            moment = await self._next_moment(target)
            if moment is None:
                break
            if moment < target or headed:
                self.out.heading = f"  · {clock_text(moment)}"  # (shown if anything happens then)
                headed = moment < target
            clock.set(moment)
            await self._catch_up()
            self.out.heading = None
        else:
            if await self._next_moment(target) is not None:
                await self._stopped_short(target)
                return
        if headed:
            self.out.heading = f"  · {clock_text(target)}"
        clock.set(target)
        await self._catch_up()
        await self._keep_clock()
        self.out.heading = None

    async def _stopped_short(self, target: datetime) -> None:
        """The clock stopped after `MAX_STEPS` moments, short of `target`: where it is, that nothing was skipped, how
        many rounds are open now, and how to go on."""
        await self._keep_clock()
        still_open = len(await self._app.store.rounds.list_open())
        rounds = ngettext("{count} round is open now.", "{count} rounds are open now.", still_open).format(
            count=still_open) if still_open else _("No round is open now.")
        self.out.say("  " + _("(I stopped the clock at {time}, short of {target}: that was {count} openings, "
                              "reminders and closings, the most I step through in one move so that each one "
                              "shows. Nothing was skipped. {rounds} Type advance again to go on.)").format(
            time=clock_text(self._now()), target=clock_text(target), count=MAX_STEPS, rounds=rounds))

    async def _next_moment(self, target: datetime) -> datetime | None:
        """The first time after now and up to `target` when a round opens, reminds or closes, or a job has work
        (a follow-up is due)."""
        now = self._now()
        store = self._app.store
        moments = [when for rnd in await store.rounds.list_open() for when in (rnd.remind_at, rnd.closes_at)
                   if when is not None and now < when <= target]
        for schedule in await store.schedules.list_all():
            if schedule.paused_until == "forever":
                continue
            fires = next_fires(schedule.cron, ZoneInfo(schedule.timezone), now, 1)
            if fires and fires[0] <= target:
                moments.append(fires[0])
        job_moment = await self._app.scheduler.next_job_moment() if self._app.scheduler is not None else None
        if job_moment is not None and now < job_moment <= target:
            moments.append(job_moment)
        return min(moments, default=None)

    def _clock(self) -> OffsetClock:
        clock = self._app.clock
        if not isinstance(clock, OffsetClock):
            raise UserError(_("This clock can't be moved here."))
        return clock


#: The question `_meant_as_answer` asks, as a field: a terminal line typed at it ends the form (`_ends_form`).
_YES_NO = FormField("meant", "", "choice")


#: The most words a choice step quotes back: more is a sentence, not a slip for a choice.
QUOTED_WORDS = 3


#: A choice step's answer that is none of its choices, said without it (`Reply.calm`): beside a care reply.
NOT_ONE_OF_THEM = N_("That isn't one of the choices. Type one of them.")


def _not_a_choice(typed: str) -> str:
    """A choice step's answer that is none of its choices: a slip ("GREAT", "7") is quoted, a sentence never
    (the screen can miss what someone means; repeating their words back coldly would say they weren't heard).
    It asks for one of the choices as shown ("[shared]"), never "its number": a field shows no number of its own
    (a mood's [1] to [5] are its choices), though the place in the list still works (`chosen_value`)."""
    if len(typed.split()) > QUOTED_WORDS:
        return _(NOT_ONE_OF_THEM)
    return _("“{typed}” isn't one of the choices. Type one of them.").format(
        typed=quoted(_CONTROL.sub("", typed)))  # (one huge word: cut, as every refusal cuts what it quotes)


def chosen_value(f: FormField, typed: str) -> str | None:
    """The value of the choice `typed` means at field `f`: its value or its label (any case), or its number in
    the list as shown (`1` for the first); None if it is none of them. A label's emoji needn't be typed: "great"
    is "☀️ Great"."""
    lowered = typed.lower()
    for c in f.choices:
        if lowered in (c.value.lower(), c.label.lower(), re.sub(r"^\W+", "", c.label).lower()):
            return c.value
    if typed.isdigit() and 1 <= int(typed) <= len(f.choices):
        return f.choices[int(typed) - 1].value
    return None


#: One part of a jump of the clock: `1h`, `30m`, `45 s`.
_DELTA_PART = re.compile(r"(\d+)\s*([smhd])")
_DELTA_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_delta(text: str) -> timedelta:
    """How far `advance` moves the clock: `30s`, `2h`, or parts together (`1h30m`, `2d 3h`). Not the core's
    `parse_duration`: that reads how long a round stays open (whole minutes, 5 minutes to 7 days), while the clock
    moves by seconds (`advance 10s` before a round opens) and up to years."""
    cleaned = text.strip().lower()
    parts = list(_DELTA_PART.finditer(cleaned))
    if not parts or _DELTA_PART.sub("", cleaned).strip():
        raise UserError(_("Say how far, like `advance 30s`, `advance 10m`, `advance 2h`, `advance 1d` or "
                          "`advance 1h30m`."))
    seconds = sum(int(p.group(1)) * _DELTA_SECONDS[p.group(2)] for p in parts)
    if seconds > MAX_ADVANCE.total_seconds():
        raise UserError(_("I move the clock at most {days} days at a time; try `advance 30d`.").format(
            days=MAX_ADVANCE.days))
    return timedelta(seconds=seconds)


async def lines_from(stream: TextIO) -> AsyncIterator[str]:
    """Lines from a file or the keyboard, read off the event loop's thread."""
    while True:
        line = await asyncio.to_thread(stream.readline)
        if line == "":
            return
        yield line.rstrip("\n")

