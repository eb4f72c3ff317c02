"""What the scheduler runs, as plain callbacks handed to it (the way python-telegram-bot's `JobQueue` takes jobs).

Features declare these on their router (`Router.job`, `Router.round_steps`);
the scheduler gets them from the composed registry and knows no feature by
name, so a new periodic job is one declaration, not an edit here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Awaitable, Callable, Sequence

if TYPE_CHECKING:
    from bot.app import Hearth
    from bot.models import Round, Schedule

JobCallback = Callable[["Hearth"], Awaitable[object]]
#: Opens the rounds of these (schedule, fire time) pairs; None for each one skipped or already open.
OpenRounds = Callable[["Hearth", "Sequence[tuple[Schedule, datetime]]"], Awaitable["list[Round | None]"]]
#: The first time a job next has work (a follow-up due), or None when none is known: a job's own word on when it
#: matters, for a clock that jumps (the terminal's) to stop there rather than pass it by.
NextAt = Callable[["Hearth"], Awaitable["datetime | None"]]
#: Sends the reminders and closes the rounds that are due now; counts of each, by name.
DueSteps = Callable[["Hearth"], Awaitable[dict[str, int]]]

#: Job names the scheduler uses for its own jobs.
RESERVED = ("sweep", "fires:", "steps:")


@dataclass(frozen=True)
class Job:
    """A callback the scheduler runs every `every`, first after `first` (None: after one `every`, as in PTB).

    Every run must be safe to repeat or to stop half-way: shutdown cancels a
    running job, and the next start runs it again.
    """

    name: str
    """Its id in the scheduler and in logs."""
    callback: JobCallback
    every: timedelta
    first: timedelta | None = None
    next_at: NextAt | None = None
    """When it next has work, where the job can say (`NextAt`); also run then by `RoundScheduler.run_due_jobs`."""

    def __post_init__(self) -> None:
        if self.every <= timedelta(0):
            raise ValueError(f"job {self.name!r} needs a positive interval")
        if self.name.startswith(RESERVED):
            raise ValueError(f"job name {self.name!r} is the scheduler's own; choose another")


@dataclass(frozen=True)
class RoundSteps:
    """What a schedule's firing does, and the later steps of what it opened (reminders, closing).

    The scheduler calls `open` when schedules fire (many at once, in batches)
    and `due` every sweep and at the moments the opened rounds name.
    """

    open: OpenRounds
    due: DueSteps
