"""The anonymity rule (`bot.insights.anonymity`), attacked: communities of answers are generated, every view
insights offers (each check-in, all of them; each week and every period of whole weeks) is computed, and an
attacker who knows which answers went into which round tries to combine the numbers, adding and subtracting
any of them, into one person's moods. It must never work.

The attacker's knowledge is found by probing, not taken from the rule: each answer's mood is moved by one and
every shown mood total that moves is one that answer is in. One person's moods can be isolated exactly when
some combination of the shown totals involves that person's answers and nobody else's; linear algebra says
that is so when dropping the person's answers lowers the rank of the matrix of totals.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.insights.anonymity import Cell, Group, period_answered, period_moods, release_week
from bot.store.insights import RoundCounts

MONDAY = date(2026, 1, 5)


async def cells_by_view(rounds, by_week, weeks: int, floor: int, people_in) -> dict[object, list[Cell]]:
    """Each week released by the rule, as each view shows it: every check-in's cells, then "all"."""
    schedules = sorted({s for s, _ in rounds.values()})
    cells: dict[object, list[Cell]] = {s: [] for s in [*schedules, "all"]}
    for w in range(weeks):
        groups: dict[int, list[RoundCounts]] = {}
        for rc in by_week.get(w, []):
            groups.setdefault(rc.schedule_id, []).append(rc)
        r = await release_week(MONDAY + timedelta(weeks=w), {s: Group(tuple(g)) for s, g in groups.items()},
                               floor, people_in)
        for s in schedules:
            cells[s].append(r.by_schedule.get(s, Cell(MONDAY, None, None, None, rounds=0)))
        cells["all"].append(r.all)
    return cells


@dataclass(frozen=True)
class Answer:
    person: int
    round_id: int
    mood: int
    private: bool


def counts(rounds: dict[int, tuple[int, int]], answers: list[Answer]) -> dict[int, list[RoundCounts]]:
    """Each week's rounds as the store reports them: private answers' moods are never counted."""
    by_week: dict[int, list[RoundCounts]] = {}
    for rid, (schedule, week) in sorted(rounds.items()):
        mine = [a for a in answers if a.round_id == rid]
        moods = tuple(sum(1 for a in mine if not a.private and a.mood == m) for m in range(1, 6))
        by_week.setdefault(week, []).append(RoundCounts(
            rid, schedule, datetime(2026, 1, 5, tzinfo=timezone.utc) + timedelta(weeks=week), True, 10, len(mine),
            sum(1 for a in mine if a.private), moods))
    return by_week


def views(rounds: dict[int, tuple[int, int]], answers: list[Answer], weeks: int, floor: int) -> list[int | None]:
    """Every number insights could show about moods, flattened: per view and week the spread's mood total and
    count, and the same for every period of the last k weeks."""
    async def people_in(ids: list[int], mood_only: bool) -> int:
        return len({a.person for a in answers if a.round_id in ids and not (mood_only and a.private)})

    async def released() -> list[int | None]:
        by_week = counts(rounds, answers)
        cells = await cells_by_view(rounds, by_week, weeks, floor, people_in)
        out: list[int | None] = []
        for view in cells.values():
            spreads = [c.moods for c in view]
            for k in range(1, weeks + 1):  # the periods: the last k weeks (and, below, single weeks)
                spreads.append(period_moods(view[-k:]))
            for spread in spreads:
                out += [None, None] if spread is None else [sum((i + 1) * n for i, n in enumerate(spread)),
                                                            sum(spread)]
        return out

    return asyncio.run(released())


@st.composite
def communities(draw):
    weeks = draw(st.integers(1, 3))
    schedules = draw(st.integers(1, 3))
    rounds: dict[int, tuple[int, int]] = {}
    for s in range(schedules):
        for w in range(weeks):
            for _ in range(draw(st.integers(0, 2))):
                rounds[len(rounds) + 1] = (s + 1, w)
    people = draw(st.integers(1, 9))
    answers = []
    for rid in rounds:
        for p in range(people):
            if draw(st.booleans()):
                answers.append(Answer(p, rid, draw(st.integers(1, 5)), draw(st.integers(0, 4)) == 0))
    return rounds, answers, weeks, draw(st.integers(3, 4))


def knowledge(rounds, answers, weeks, floor) -> tuple[np.ndarray, list[int | None]]:
    """The attacker's matrix: one row per shown mood total, one column per answer (1 if it is in it)."""
    base = views(rounds, answers, weeks, floor)
    cols = []
    for i, a in enumerate(answers):
        moved = list(answers)
        moved[i] = Answer(a.person, a.round_id, a.mood + 1 if a.mood < 5 else a.mood - 1, a.private)
        probe = views(rounds, moved, weeks, floor)
        assert [x is None for x in probe] == [x is None for x in base]  # what shows never depends on moods
        cols.append([abs((p or 0) - (b or 0)) for p, b in zip(probe, base)])
    return np.array(cols, dtype=float).T.reshape(len(base), len(answers)), base


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(communities())
def test_no_combination_of_views_isolates_one_persons_moods(community):
    rounds, answers, weeks, floor = community
    if not answers:
        return
    m, base = knowledge(rounds, answers, weeks, floor)
    full = np.linalg.matrix_rank(m) if m.size else 0
    for person in {a.person for a in answers}:
        others = [i for i, a in enumerate(answers) if a.person != person]
        rest = np.linalg.matrix_rank(m[:, others]) if others and m.size else 0
        assert rest == full, f"person {person}'s moods can be worked out from the views"
    for i, a in enumerate(answers):
        if a.private:
            assert not m[:, i].any(), "a private answer's mood reached a number"


@settings(max_examples=60, deadline=None)
@given(communities())
def test_every_shown_number_is_about_floor_people_or_more(community):
    rounds, answers, weeks, floor = community

    async def people_in(ids: list[int], mood_only: bool) -> int:
        return len({a.person for a in answers if a.round_id in ids and not (mood_only and a.private)})

    by_week = counts(rounds, answers)
    for w, rcs in by_week.items():
        groups: dict[int, list[RoundCounts]] = {}
        for rc in rcs:
            groups.setdefault(rc.schedule_id, []).append(rc)
        r = asyncio.run(release_week(MONDAY, {s: Group(tuple(g)) for s, g in groups.items()}, floor, people_in))
        for s, cell in r.by_schedule.items():
            ids = [rc.round_id for rc in groups[s]]
            if cell.answered == 0:  # nobody answered any of its rounds: as each round's post said
                assert asyncio.run(people_in(ids, False)) == 0 and cell.moods is None
            elif cell.answered is not None:
                assert asyncio.run(people_in(ids, False)) >= floor
            if cell.moods is not None:
                assert asyncio.run(people_in(ids, True)) >= floor
        if r.all.moods is not None:
            assert asyncio.run(people_in([rc.round_id for rc in rcs], True)) >= floor


def test_a_schedule_minus_all_is_not_one_person():
    """The case the rule exists for: a big check-in and a check-in of one, in the same week."""
    rounds = {1: (1, 0), 2: (2, 0)}
    answers = [Answer(p, 1, 4, False) for p in range(5)] + [Answer(9, 2, 1, False)]
    shown = views(rounds, answers, 1, 3)
    # schedule 1 (week, period), schedule 2 (hidden), all (= schedule 1 only: the one person is left out)
    assert shown[:4] == [20, 5, 20, 5] and shown[4:8] == [None] * 4 and shown[8:] == [20, 5, 20, 5]


def test_a_private_answer_counts_as_answered_and_its_mood_nowhere():
    rounds = {1: (1, 0)}
    answers = [Answer(p, 1, 3, False) for p in range(3)] + [Answer(7, 1, 1, True)]
    rc = counts(rounds, answers)[0]

    async def people_in(ids, mood_only):
        return 3 if mood_only else 4

    r = asyncio.run(release_week(MONDAY, {1: Group(tuple(rc))}, 3, people_in))
    assert r.all.answered == 4 and r.all.moods == (0, 0, 3, 0, 0)
    assert period_answered([r.all]) == (4, 10)


# -- participation: how many answered, never who -------------------------------------------------------------


class Traced(int):
    """A count that remembers which answers it counts (attacker's ledger): sums keep the ledger, comparisons
    (the rule's decisions) see only the number. Nothing in the rule may turn it into a plain int unseen."""

    def __new__(cls, value: int, ledger: dict[int, int]):
        made = super().__new__(cls, value)
        made.ledger = ledger
        return made

    def __add__(self, other):
        if isinstance(other, Traced):
            merged = dict(self.ledger)
            for k, v in other.ledger.items():
                merged[k] = merged.get(k, 0) + v
            return Traced(int(self) + int(other), merged)
        if other == 0:
            return self
        return NotImplemented

    __radd__ = __add__


def participation_views(rounds: dict[int, tuple[int, int]], answers: list[Answer], weeks: int,
                        floor: int) -> list[Traced | None]:
    """Every "answered" number insights could show: per view (each check-in, all) and week, and every period of
    the last k weeks; each a Traced count of the answers (private ones too) it is made of."""
    async def people_in(ids: list[int], mood_only: bool) -> int:
        return len({a.person for a in answers if a.round_id in ids and not (mood_only and a.private)})

    async def released() -> list[Traced | None]:
        by_week = counts(rounds, answers)
        for week, rcs in by_week.items():
            by_week[week] = [replace(rc, answered=Traced(rc.answered, {i: 1 for i, a in enumerate(answers)
                                                                      if a.round_id == rc.round_id}))
                             for rc in rcs]
        cells = await cells_by_view(rounds, by_week, weeks, floor, people_in)
        out: list[Traced | None] = []
        for view in cells.values():
            out += [c.answered for c in view]
            for k in range(1, weeks + 1):
                shown = period_answered(view[-k:])
                out.append(None if shown is None else shown[0])
        return out

    return asyncio.run(released())


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(communities())
def test_no_combination_of_views_tells_whether_one_person_answered(community):
    """Who answered is as private as how they felt: no sum or difference of the shown "answered" numbers (each
    check-in, all, every week and period) is about one person's answers alone."""
    rounds, answers, weeks, floor = community
    if not answers:
        return
    shown = [n for n in participation_views(rounds, answers, weeks, floor) if n is not None and n != 0]
    for n in shown:
        assert isinstance(n, Traced) and sum(n.ledger.values()) == n, "a shown count lost track of its answers"
    m = np.array([[n.ledger.get(i, 0) for i in range(len(answers))] for n in shown], dtype=float)
    full = np.linalg.matrix_rank(m) if m.size else 0
    for person in {a.person for a in answers}:
        others = [i for i, a in enumerate(answers) if a.person != person]
        rest = np.linalg.matrix_rank(m[:, others]) if others and m.size else 0
        assert rest == full, f"whether person {person} answered can be worked out from the views"


def test_participation_of_a_check_in_of_one_stays_out_of_all():
    rounds = {1: (1, 0), 2: (2, 0)}
    answers = [Answer(p, 1, 4, False) for p in range(5)] + [Answer(9, 2, 1, True)]
    shown = participation_views(rounds, answers, 1, 3)
    # schedule 1: week and period 5; schedule 2: hidden; all: 5 (the one private answer is left out, not added)
    assert shown == [5, 5, None, None, 5, 5]


# -- who stayed out: "invited" beside "answered" --------------------------------------------------------------


@st.composite
def rostered(draw):
    """A community, and who was invited to each round: everyone who answered anything, and a few who never do."""
    rounds, answers, weeks, floor = draw(communities())
    roster = sorted({a.person for a in answers} | {100 + i for i in range(draw(st.integers(0, 4)))})
    return rounds, answers, weeks, floor, roster


def invitation_views(rounds, answers, weeks, floor, roster) -> list[tuple[Traced, Traced]]:
    """Every (invited, answered) pair insights could show side by side (each check-in and all; each week and every
    period of the last k weeks), each a Traced count of the invitations it is made of: (person, round)."""
    async def people_in(ids: list[int], mood_only: bool) -> int:
        return len({a.person for a in answers if a.round_id in ids and not (mood_only and a.private)})

    async def released() -> list[tuple[Traced, Traced]]:
        by_week = counts(rounds, answers)
        for week, rcs in by_week.items():
            by_week[week] = [replace(rc, invited=Traced(len(roster), {(p, rc.round_id): 1 for p in roster}),
                                     answered=Traced(rc.answered, {(a.person, rc.round_id): 1 for a in answers
                                                                   if a.round_id == rc.round_id}))
                             for rc in rcs]
        cells = await cells_by_view(rounds, by_week, weeks, floor, people_in)
        out = []
        for view in cells.values():
            out += [(c.invited, c.answered) for c in view]
            for k in range(1, weeks + 1):
                shown = period_answered(view[-k:])
                out.append((None, None) if shown is None else (shown[1], shown[0]))
        return [(i, a) for i, a in out if i is not None and a is not None]

    return asyncio.run(released())


def stayed_out(invited: Traced, answered: Traced) -> set[int]:
    """Who missed at least one of the rounds these numbers are about."""
    return {person for person, _ in set(invited.ledger) - set(answered.ledger)}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rostered())
def test_invited_beside_answered_always_hides_who_answered_among_floor_people_who_did_not(community):
    """"Invited 4, answered 4" says each member answered, and with "all said 2" how each felt. Wherever both show,
    they are about the same rounds and at least `floor` people stayed out of them."""
    rounds, answers, weeks, floor, roster = community
    for invited, answered in invitation_views(rounds, answers, weeks, floor, roster):
        assert isinstance(invited, Traced) and isinstance(answered, Traced)
        assert set(answered.ledger) <= set(invited.ledger), "invited counts other rounds than answered"
        assert len(stayed_out(invited, answered)) >= floor, "invited says who answered"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rostered())
def test_all_minus_check_ins_never_brings_back_an_invited_that_was_hidden(community):
    """In one week, "all" minus any of the check-ins' pairs that show is still a pair of at least `floor` people
    who stayed out, or nothing at all."""
    rounds, answers, weeks, floor, roster = community
    views_ = invitation_views(rounds, answers, weeks, floor, roster)
    by_rounds: dict[frozenset, tuple[Traced, Traced]] = {}
    for invited, answered in views_:
        by_rounds[frozenset(r for _, r in invited.ledger)] = (invited, answered)
    pairs = list(by_rounds.items())
    for whole, (invited, answered) in pairs:
        parts = [(r, p) for r, p in pairs if r < whole]
        for r, (i, a) in parts:
            left = {k for k in invited.ledger if k[1] not in r}
            if left:
                missed = {p for p, rid in left if (p, rid) not in answered.ledger}
                assert len(missed) >= floor, "a difference of shown pairs says who answered"


def test_everyone_answering_shows_no_invited():
    rounds = {1: (1, 0)}
    answers = [Answer(p, 1, 2, False) for p in range(4)]  # all four invited answered, all said 2
    [cell] = asyncio.run(cells_by_view(rounds, _invited(counts(rounds, answers), 4), 1, 3, _people(answers)))[1]
    assert (cell.invited, cell.answered, cell.moods) == (None, 4, (0, 4, 0, 0, 0))
    rounds = {1: (1, 0)}
    [cell] = asyncio.run(cells_by_view(rounds, _invited(counts(rounds, answers), 7), 1, 3, _people(answers)))[1]
    assert (cell.invited, cell.answered) == (7, 4)  # three stayed out: who answered stays unknown


def _invited(by_week, n):
    return {w: [replace(rc, invited=n) for rc in rcs] for w, rcs in by_week.items()}


def _people(answers):
    async def people_in(ids, mood_only):
        return len({a.person for a in answers if a.round_id in ids and not (mood_only and a.private)})
    return people_in


def test_a_week_nobody_answered_shows_0_beside_its_invited_unless_retention_may_have_emptied_its_counts():
    """Each round's post said "Nobody checked in": 0 is no secret. A round scheduled before the counts kept
    (`counted_since`) may have lost its counts to retention: its 0 might not be true, so it shows as too few."""
    rounds = {1: (1, 0), 2: (2, 0)}
    by_week = _invited(counts(rounds, []), 6)
    [week] = by_week.values()
    groups = {rc.schedule_id: Group((rc,)) for rc in week}
    r = asyncio.run(release_week(MONDAY, groups, 3, _people([])))
    assert [(c.invited, c.answered, c.moods) for c in r.by_schedule.values()] == [(6, 0, None), (6, 0, None)]
    assert (r.all.invited, r.all.answered, r.all.moods) == (12, 0, None)
    assert period_answered([r.all]) == (0, 12)
    later = week[0].scheduled_at + timedelta(hours=1)
    r = asyncio.run(release_week(MONDAY, groups, 3, _people([]), counted_since=later))
    assert [(c.answered, c.moods) for c in r.by_schedule.values()] == [(None, None), (None, None)]
    assert r.all.answered is None
    r = asyncio.run(release_week(MONDAY, {1: Group((week[0],))}, 3, _people([]), counted_since=week[0].scheduled_at))
    assert r.by_schedule[1].answered == 0  # (scheduled at the first moment kept: its counts are its own)


def test_a_check_in_nobody_answered_beside_one_of_too_few_leaves_all_hidden():
    """Nobody answered one check-in, one person the other: "all" must not show 0, nor 1."""
    rounds = {1: (1, 0), 2: (2, 0)}
    answers = [Answer(9, 2, 1, False)]
    [week] = _invited(counts(rounds, answers), 6).values()
    r = asyncio.run(release_week(MONDAY, {rc.schedule_id: Group((rc,)) for rc in week}, 3, _people(answers)))
    assert r.by_schedule[1].answered == 0 and r.by_schedule[2].answered is None
    assert r.all.answered is None and r.all.moods is None


def _rc(round_id: int, schedule_id: int, moods: tuple[int, ...], anonymous: tuple[int, ...], private: int = 0
        ) -> RoundCounts:
    return RoundCounts(round_id, schedule_id, datetime(2026, 1, 5, 9, tzinfo=timezone.utc), True, 20,
                       sum(moods) + private, private, moods, anonymous)


async def _nobody_else(ids, with_mood_only):  # (each answer its own person: counts prove it here)
    raise AssertionError("not asked")


def test_the_reason_moods_are_hidden_is_the_one_that_applied_for_each_check_in_and_over_all():
    """trial16 §5: a week of four answers whose anonymous moods would tell was said to be "too few"."""
    from bot.insights.anonymity import ANONYMOUS, FEW_SHARED

    told = _rc(1, 1, (1, 1, 0, 1, 1), (1, 0, 0, 0, 1))  # 2 anonymous, 1 and 5: each knows the other's
    few = _rc(2, 2, (0, 1, 0, 1, 0), (0, 0, 0, 0, 0), private=2)  # 4 answered, 2 shared a mood
    shows = _rc(3, 3, (0, 1, 1, 1, 0), (0, 0, 0, 0, 0))
    r = asyncio.run(release_week(MONDAY, {1: Group((told,)), 2: Group((few,)), 3: Group((shows,))}, 3, _nobody_else))
    assert [(c.answered, c.moods, c.moods_why) for c in (r.by_schedule[1], r.by_schedule[2])] == [
        (4, None, ANONYMOUS), (4, None, FEW_SHARED)]
    assert r.by_schedule[3].moods is not None and r.by_schedule[3].moods_why is None
    assert r.all.moods is not None and r.all.moods_why is None  # (over all, enough shared: they show)
    alone = asyncio.run(release_week(MONDAY, {1: Group((told,))}, 3, _nobody_else))
    assert (alone.all.answered, alone.all.moods, alone.all.moods_why) == (4, None, ANONYMOUS)
    alone = asyncio.run(release_week(MONDAY, {2: Group((few,))}, 3, _nobody_else))
    assert (alone.all.answered, alone.all.moods, alone.all.moods_why) == (4, None, FEW_SHARED)
