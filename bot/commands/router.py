"""What one feature declares: its commands, its buttons and forms, its scheduled jobs.

Each flow module has its own `Router` (the shape aiogram's `Router` has) and
declares on it; nothing is registered by importing anything. `bot.features`
lists the routers, and `Registry.of` composes them into the one registry the
core and every adapter read.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Callable

from bot.commands.forms import CommandForm
from bot.commands.registry import Action, Check, Command, CommunityOf, Handler, Option, Permission, PinOf
from bot.scheduling.jobs import DueSteps, Job, JobCallback, NextAt, OpenRounds, RoundSteps


class Router:
    """The declarations of one feature, in the order they were made (the order help and menus show)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.commands: dict[str, Command] = {}
        self.actions: dict[str, Action] = {}
        self.jobs: dict[str, Job] = {}
        self.steps: RoundSteps | None = None

    def __repr__(self) -> str:
        return f"Router({self.name!r})"

    def command(
        self,
        name: str,
        help: str,
        *options: Option,
        permission: Permission = "member",
        confirm: str | None = None,
        example: str | None = None,
        reads_only: bool = False,
        reads_unless: tuple[str, ...] = (),
        keeps_no_member: bool = False,
        check: Check | None = None,
        form: CommandForm | None = None,
        bare: bool = False,
        pin: "PinOf | None" = None,
    ) -> Callable[[Handler], Handler]:
        """A command people type (`name` is its words, "mod schedule create"); `bare`: its group's words alone
        run it too where commands are typed ("mod care" for "mod care list"; see `Command.bare`)."""
        if confirm and check is None and any(o.required for o in options):
            raise ValueError(f"command {name!r} confirms an action on a target: give it a `check` that the "
                             "target exists, so a missing one is refused instead of questioned")

        def deco(fn: Handler) -> Handler:
            if name in self.commands:
                raise ValueError(f"command {name!r} declared twice")
            self.commands[name] = Command(tuple(name.split()), help, fn, tuple(options), permission, confirm,
                                          example, reads_only, reads_unless, keeps_no_member, check, form, bare,
                                          pin)
            return fn

        return deco

    def action(self, name: str, permission: Permission = "member", about: tuple[str, ...] = (),
               community_of: CommunityOf | None = None, reads_only: bool = False) -> Callable[[Handler], Handler]:
        """A button or form handler, reached from a reply (`name` is its key, "mod.schedule.save");
        `community_of`: see `Action.community_of`."""
        if permission != "member" and not about:
            raise ValueError(f"action {name!r} needs `about`: the commands a refusal names, as people type them")

        def deco(fn: Handler) -> Handler:
            if name in self.actions:
                raise ValueError(f"action {name!r} declared twice")
            self.actions[name] = Action(name, fn, permission, about, community_of, reads_only)
            return fn

        return deco

    def job(self, name: str, every: timedelta, first: timedelta | None = None, next_at: NextAt | None = None
            ) -> Callable[[JobCallback], JobCallback]:
        """A callback taking the app, run by the scheduler every `every`, first after `first`
        (`timedelta(0)`: at start; None: after one interval), and at `next_at`'s time where it says one (a clock
        that jumps stops there). Each run must be safe to repeat."""

        def deco(fn: JobCallback) -> JobCallback:
            if name in self.jobs:
                raise ValueError(f"job {name!r} declared twice")
            self.jobs[name] = Job(name, fn, every, first, next_at)
            return fn

        return deco

    def round_steps(self, open: OpenRounds, due: DueSteps) -> None:
        """What a check-in schedule's firing does (`open`), and the reminders and closings due later (`due`)."""
        if self.steps is not None:
            raise ValueError(f"router {self.name!r} declares its round steps twice")
        self.steps = RoundSteps(open, due)
