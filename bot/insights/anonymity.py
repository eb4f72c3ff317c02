"""The anonymity rule of insights, written once: which numbers may be shown.

A round's moods count only if its anonymous ones hide each other (`hides_no_one`, which its summary
follows too): otherwise, taken together with the round's named posts, they could give an anonymous mood
away, and so they stay out of every number as private moods do (its answers still count as answered).

Every number insights shows is built here, from rounds' counts, and only from
groups of at least `floor` different people:

* A **cell** is one schedule's rounds in one week. Its participation (how many
  answered) shows when at least `floor` people answered; its moods (spread and
  average) when at least `floor` people shared a mood. Private answers count
  toward participation only: their moods are never in `RoundCounts.moods`.
* The **all check-ins** week adds the cells of that week that show, plus the
  rest of the week's rounds as one group only if that group, too, is at least
  `floor` people. So "all" minus every schedule leaves that group, never one
  person.
* **Nobody answered**: a cell (or the all check-ins week) whose rounds all closed with no answer at all shows
  0 answered (and invited, under the rule below): each of those rounds' posts already said so in the channel
  ("Nobody checked in this time"), so it tells no one anything new. It is not one of the cells that show for "all" (adding
  nothing, it would only make "all" look whole when it isn't). A round whose counts retention may have
  removed (scheduled before `counted_since`) is never taken for one nobody answered.
* **Invited** shows beside answered only when at least `floor` people did
  not answer (`invited`): the floor holds for those who stayed out too.
  Otherwise "invited 5, answered 5" says of every member that they answered,
  and with a spread such as "all said 2", what each of them said. The
  all check-ins week shows invited over the same groups as its answered, and
  only when each of them may show it, so no subtraction brings a hidden one
  back. (Invited with answered hidden says nothing about who answered.)
* A **period** (its totals, its average, its trend) adds weeks that show, and
  nothing else; periods are whole, finished weeks, the same weeks in every
  view, so a period minus a shorter one is weeks that show.
* A week with a round still open is left out until it closes.

**Over time.** A moderator can look today and again next month, so the rule
also holds between views taken at different times: no number once shown
ever changes. The first time a finished, closed week shows, what the rule
lets show of it (each check-in's cell and the week over all check-ins) is
settled: kept as it was (`bot.store.insights.settle`, with the rounds it
counted, so a round is in one week only) and read back by every later view
(`released_from`). Nothing that happens afterwards reaches a settled week:
deleting a schedule, retention removing answers and round counts, a
member's erasure, a new floor, a new timezone. Retention removes a settled
week whole, every view's cells at once, once its end is older than the
community keeps answers (`gone`), and never settles it again. A week never
shown that retention has reached, whole or in part, is gone too, never
settled from what is left (`bot.flows.insights._partly_removed`); one of
them without a round had no check-in (`no_checkin`). So a view
taken after any of these differs from one taken before only by whole weeks
that both showed, and "before minus after" is a sum of shown weeks, never
fewer than `floor` people.

**A round late for its week.** A round can come into being after its week
was settled: the catch-up after a restart opens a fire missed before
midnight on Sunday, after a view at 00:05 settled that week; or a new
timezone moves a round not counted yet into a week settled before. Its week
is not settled again: that would change numbers shown, and "before minus
after" could single someone out (adding a round can bring a group that was
too small into "all"). It is counted, once, in the first week after its own
that settles (`bot.flows.insights.late_rounds`), as one of that week's
rounds, under the same rule: so a week's numbers are its own rounds and any
such late ones. The round is never lost, never counted twice (settling a
round already counted elsewhere keeps nothing: `CountedMeanwhile`), and
nothing once shown changes. A late round from a week retention removed is
not counted: its counts went with the week.

Every shown number, at any time, is therefore a sum of disjoint groups of
`floor` or more people, out of one fixed set of settled weeks; no difference
of them is about fewer (tests/bot/insights/ tries).
How many different people are in a group is asked of the store only when the
counts can't prove it: a person answers a round at most once, so a group of
R rounds with A answers has at least ceil(A / R) people.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from datetime import date, datetime
from typing import Awaitable, Callable, Iterable

from bot.store.insights import ALL, MOODS, RoundCounts, SettledWeek, WeekCell

#: Why a week's moods don't show while its answers do (`Cell.moods_why`), kept with a settled week: some round's
#: anonymous moods could give one away (`as_counted` left them out), or fewer than `floor` people shared a mood.
ANONYMOUS, FEW_SHARED = "anonymous", "few_shared"

#: Asks the store how many different people answered these rounds (mood-sharers only, if True).
PeopleIn = Callable[[list[int], bool], Awaitable[int]]


@dataclass(frozen=True)
class Cell:
    """One week of one view, as it may be shown: None means "too few to show"."""

    week: date
    invited: int | None
    answered: int | None
    moods: tuple[int, ...] | None
    """How many shared each mood, 1 to 5 (private answers' moods are never here)."""
    pending: bool = False
    """A round of this week is still open: nothing shows until it closes."""
    rounds: int = 1
    """How many rounds the week had (0: no check-in that week)."""
    gone: bool = False
    """Older than the community keeps answers: retention removed the whole week, from every view."""
    left_out: frozenset[int] = frozenset()
    """The week over all check-ins only: the check-ins whose answers it leaves out (`left_out_of_all`), as a view
    reads them (never settled: worked out again from the settled cells each time)."""
    moods_why: str | None = None
    """Why moods don't show beside answers that do (`moods_hidden`): `ANONYMOUS`, `FEW_SHARED`, or None (they
    show, or nothing does; or a week settled before the reason was kept: not known)."""

    @property
    def shared(self) -> int:
        return sum(self.moods) if self.moods else 0

    @property
    def average(self) -> float | None:
        if not self.moods or not sum(self.moods):
            return None
        return sum((i + 1) * n for i, n in enumerate(self.moods)) / sum(self.moods)


@dataclass(frozen=True)
class Group:
    """Some rounds' counts added up (a cell before the rule, or what is left of a week)."""

    rounds: tuple[RoundCounts, ...]

    @cached_property
    def ids(self) -> list[int]:
        return [r.round_id for r in self.rounds]

    @cached_property
    def answered(self) -> int:
        return sum(r.answered for r in self.rounds)

    @cached_property
    def shared(self) -> int:
        return sum(sum(r.moods) for r in self.rounds)

    @cached_property
    def moods(self) -> tuple[int, ...]:
        return tuple(sum(r.moods[i] for r in self.rounds) for i in range(MOODS))

    @cached_property
    def invited(self) -> int | None:
        counted = [r.invited for r in self.rounds]
        return None if not counted or any(n is None for n in counted) else sum(n for n in counted if n is not None)


async def enough(group: Group, floor: int, people_in: PeopleIn, with_mood_only: bool) -> bool:
    """At least `floor` different people in the group (answering, or sharing a mood)."""
    n = group.shared if with_mood_only else group.answered
    if n < floor:
        return False
    if n >= floor * len(group.rounds):  # each answers a round once: so many answers are that many people
        return True
    # (moods: only the rounds whose moods count, `as_counted`, so those left out add nobody)
    ids = [r.round_id for r in group.rounds if sum(r.moods)] if with_mood_only else group.ids
    return await people_in(ids, with_mood_only) >= floor


@dataclass(frozen=True)
class Released:
    """What may be shown of one week: each schedule's cell, and the week over all check-ins."""

    by_schedule: dict[int, Cell]
    all: Cell


def nobody_answered(group: Group, counted_since: datetime | None = None) -> bool:
    """Every round of the group closed with no answer (as each round's post said): and its counts are its own,
    not emptied by retention (`counted_since`: rounds scheduled before it may have lost theirs)."""
    return bool(group.rounds) and group.answered == 0 and (
        counted_since is None or all(r.scheduled_at >= counted_since for r in group.rounds))


def spread_shows(visible: int, anonymous: Iterable[int], floor: int) -> bool:
    """Whether a round's summary may show its mood spread: over `visible` shared or anonymous answers, at
    least `floor`, of which `anonymous` are how many answered anonymously with each mood (`hides_no_one`)."""
    return visible >= floor and hides_no_one(anonymous, floor)


def hides_no_one(anonymous: Iterable[int], floor: int) -> bool:
    """Whether a round's anonymous moods (how many gave each) may be in a number anyone sees.

    The named ones are posted, so anyone can take them away from a spread and is left with the anonymous
    answers' moods. Whoever knows
    who answered anonymously (someone whose named post came down; everyone, when the whole group answered
    and nobody privately) learns their mood if all of those are one: "everyone answered, one mood". Each of
    them knows their own mood too, and can take it away: so no mood may be all but one of them either (of
    "Good 4, Low 1", whoever said Low knows what each of the others said). And they must be at least `floor`
    people. None anonymous is fine: then the spread only repeats the named posts. Like the floor itself, it
    does not hold against several of them pooling what they know.
    """
    counts = [n for n in anonymous if n]
    n = sum(counts)
    return n == 0 or (n >= floor and max(counts) <= n - 2)


def as_counted(r: RoundCounts, floor: int) -> RoundCounts:
    """The round as insights count it: without its moods if its anonymous ones don't hide each other
    (`hides_no_one`), as its summary leaves them out."""
    if hides_no_one(r.anonymous, floor):
        return r
    return replace(r, moods=(0,) * MOODS, anonymous=(0,) * MOODS)


def moods_hidden(group: Group, floor: int) -> str:
    """Why the group's moods don't show, said as it applied: some round's anonymous moods were left out, since they
    could give an anonymous answer away (`ANONYMOUS`; trial16 §5: "too few" was said of a week four people
    answered); else fewer than `floor` people shared a mood (`FEW_SHARED`: private answers keep theirs)."""
    return ANONYMOUS if any(as_counted(r, floor) is not r for r in group.rounds) else FEW_SHARED


async def release_week(week: date, by_schedule: dict[int, Group], floor: int, people_in: PeopleIn,
                       counted_since: datetime | None = None) -> Released:
    """Apply the rule to one week's rounds, grouped by schedule. `counted_since`: rounds scheduled before it may
    have had their counts removed by retention (None: every round's counts are kept)."""
    why = {sid: moods_hidden(g, floor) for sid, g in by_schedule.items()}
    why_all = ANONYMOUS if ANONYMOUS in why.values() else FEW_SHARED
    by_schedule = {sid: Group(tuple(as_counted(r, floor) for r in g.rounds)) for sid, g in by_schedule.items()}
    every = Group(tuple(r for g in by_schedule.values() for r in g.rounds))
    if any(not r.closed for r in every.rounds):
        shut = {sid: Cell(week, None, None, None, pending=True) for sid in by_schedule}
        return Released(shut, Cell(week, None, None, None, pending=True, rounds=len(every.rounds)))
    cells: dict[int, Cell] = {}
    shown_answered: list[Group] = []
    shown_moods: list[Group] = []
    for sid, group in by_schedule.items():
        if nobody_answered(group, counted_since):  # (said in the channel already: never "too few")
            cells[sid] = Cell(week, invited(group, floor), group.answered, None, rounds=len(group.rounds))
            continue
        answered = await enough(group, floor, people_in, False)
        moods = answered and await enough(group, floor, people_in, True)
        cells[sid] = Cell(week, invited(group, floor) if answered else group.invited,
                          group.answered if answered else None, group.moods if moods else None,
                          rounds=len(group.rounds), moods_why=why[sid] if answered and not moods else None)
        if answered:
            shown_answered.append(group)
        if moods:
            shown_moods.append(group)
    if nobody_answered(every, counted_since):
        return Released(cells, Cell(week, invited(every, floor), every.answered, None, rounds=len(every.rounds)))
    answered_parts = await _all_of(every, shown_answered, floor, people_in, False)
    mood_parts = await _all_of(every, shown_moods, floor, people_in, True)
    if answered_parts:
        each = [invited(g, floor) for g in answered_parts]
        all_invited = None if any(n is None for n in each) else sum(n for n in each if n is not None)
    else:
        all_invited = every.invited
    return Released(cells, Cell(week, all_invited,
                                Group(tuple(r for g in answered_parts for r in g.rounds)).answered
                                if answered_parts else None,
                                Group(tuple(r for g in mood_parts for r in g.rounds)).moods if mood_parts else None,
                                rounds=len(every.rounds),
                                moods_why=why_all if answered_parts and not mood_parts else None))


def invited(group: Group, floor: int) -> int | None:
    """How many were invited, to show beside how many of them answered: only when at least `floor` people did
    not answer (each misses a round at most once, so R rounds missing M answers are at least M / R people).
    Beside "answered", "invited" says how many stayed out; if that were nobody, or fewer than the floor, it
    would say of (nearly) every member that they answered, and a spread of moods would then be about people
    known by name: all answered and all said 2 is everyone's mood."""
    if group.invited is None or group.invited - group.answered < floor * len(group.rounds):
        return None
    return group.invited


async def _all_of(every: Group, shown: list[Group], floor: int, people_in: PeopleIn,
                  with_mood_only: bool) -> list[Group]:
    """The week over all check-ins, as the groups it adds up: the cells that show, and the rest only as a group
    of `floor` or more (none: nothing shows)."""
    ids = {i for g in shown for i in g.ids}
    rest = Group(tuple(r for r in every.rounds if r.round_id not in ids))
    parts = list(shown)
    if rest.rounds and await enough(rest, floor, people_in, with_mood_only):
        parts.append(rest)
    return parts


def left_out_of_all(released: Released) -> frozenset[int]:
    """The check-ins whose answers the week over all check-ins leaves out: those too few to show on their own,
    when together they were too few as well (`_all_of`). Said, so "all check-ins" is not taken for all of them;
    which ones, each one's own view says already ("too few to show"), so this tells nothing new. Read from the
    cells as shown (fresh or settled alike): "all" took them in only if it answered more than the cells that show."""
    every = released.all
    if every.pending or every.gone or every.answered is None:
        return frozenset()  # (nothing of the week shows: "too few", said so)
    hidden = frozenset(sid for sid, c in released.by_schedule.items() if c.rounds and c.answered is None)
    shown = sum(c.answered for c in released.by_schedule.values() if c.answered is not None)
    return hidden if hidden and every.answered <= shown else frozenset()


def period_moods(cells: Iterable[Cell]) -> tuple[int, ...] | None:
    """A period's spread: its shown weeks added up (None if none shows)."""
    shown = [c.moods for c in cells if c.moods is not None]
    if not shown:
        return None
    return tuple(sum(m[i] for m in shown) for i in range(MOODS))


def period_answered(cells: Iterable[Cell]) -> tuple[int, int | None] | None:
    """A period's answered and invited, over the weeks whose participation shows (invited None if unknown)."""
    shown = [c for c in cells if c.answered is not None]
    if not shown:
        return None
    invited = None if any(c.invited is None for c in shown) else sum(c.invited for c in shown if c.invited is not None)
    return sum(c.answered for c in shown if c.answered is not None), invited


def average(moods: tuple[int, ...] | None) -> float | None:
    if not moods or not sum(moods):
        return None
    return sum((i + 1) * n for i, n in enumerate(moods)) / sum(moods)


# -- settling: a week, once shown, stays as it was shown ----------------------------------------------------


def to_settle(released: Released) -> list[WeekCell]:
    """What is kept of a week as it is first shown: every check-in's cell, and the week over all (`ALL`)."""
    def kept(sid: int, c: Cell) -> WeekCell:
        return WeekCell(sid, c.rounds, c.invited, c.answered, c.moods, c.moods_why)
    return [kept(sid, c) for sid, c in released.by_schedule.items()] + [kept(ALL, released.all)]


def released_from(week: date, settled: SettledWeek) -> Released:
    """A settled week, read back exactly as it was first shown (or gone whole, if retention removed it)."""
    if settled.purged:
        return gone(week)
    cells = {sid: Cell(week, c.invited, c.answered, c.moods, rounds=c.rounds, moods_why=c.moods_why)
             for sid, c in settled.cells.items()}
    every = cells.pop(ALL, Cell(week, None, None, None, rounds=0))
    return Released(cells, every)


def no_checkin(week: date) -> Released:
    """A week before the community existed: nothing happened then, so nothing was removed either."""
    return Released({}, Cell(week, None, None, None, rounds=0))


def gone(week: date) -> Released:
    """A week older than the community keeps answers: nothing of it, in any view."""
    return Released({}, Cell(week, None, None, None, rounds=0, gone=True))
