"""The anonymity rule attacked across time, end to end: real Hearths on real SQLite files, every view the
feature offers (`mod insights export` for 4, 12 and 52 weeks, each check-in and all; the weekly digest),
taken before and after a round opens late into a week already shown (and a week later, when it is counted),
before and after a schedule is deleted, after retention removes old weeks, and after the floor is
raised and a member erased. The attacker keeps every number from every time and combines them.

As in `test_anonymity.py`, the attacker's knowledge is found by probing: each answer's mood is moved by one in
a world built afresh, the whole timeline is replayed, and every number that moves is one that answer is in.
One person's moods can be isolated when dropping their answers lowers the rank of the matrix of numbers.

Participation ("answered", "invited") can't be probed this way (what shows depends on it), so it is held to
what makes the single-time attack (`test_no_combination_of_views_tells_whether_one_person_answered`) enough:
every number shown later is the number that week showed first, or the week is gone from every view at once.
"""

from __future__ import annotations

import asyncio
import csv
import io
import re
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.app import Hearth
from bot.clock import ManualClock
from bot.config import load
from bot.engines.retention import purge_expired
from bot.events import reply_from_json
from bot.flows.insights import digest
from bot.store import member_data
from tests.bot.store.helpers import round_fields
from tests.conftest import COMMUNITY, actor, run, text

UTC = timezone.utc
START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)  # a Monday
MOD = actor("mod", moderator=True)
#: The digest's whole numbers: not a mood average's digits, nor a spread's bucket counts ("2:1"; the CSV's
#: rows carry the spread as the attacker adds it up).
INTEGER = re.compile(r"(?<![\d.:])\d+(?![\d.])")


@dataclass(frozen=True)
class Answer:
    person: int
    schedule: int
    week: int
    mood: int
    private: bool


@dataclass(frozen=True)
class Timeline:
    schedules: int
    weeks: int
    answers: tuple[Answer, ...]
    deleted: int
    expired_weeks: int
    floor: int
    late: bool = False
    """s0 has one more round, late: due on the last week's Sunday, opened after that week first showed (a
    catch-up after a restart). Its answers have `week == weeks`."""


@st.composite
def timelines(draw):
    schedules, weeks = draw(st.integers(1, 4)), draw(st.integers(1, 2))
    people = draw(st.integers(2, 7))
    answers = []
    for s in range(schedules):
        for w in range(weeks):
            for p in range(people):
                if draw(st.integers(0, 2)) == 0:  # about a third of the invitations answered: small worlds
                    answers.append(Answer(p, s, w, draw(st.integers(1, 5)), draw(st.integers(0, 4)) == 0))
    late = draw(st.booleans())
    if late:
        answers = answers[:8]
        for p in range(people):
            if draw(st.integers(0, 1)) == 0:
                answers.append(Answer(p, 0, weeks, draw(st.integers(1, 5)), draw(st.integers(0, 4)) == 0))
    return Timeline(schedules, weeks, tuple(answers[:12]), draw(st.integers(0, schedules - 1)),
                    draw(st.integers(0, weeks)), draw(st.integers(3, 4)), late)


async def built(folder: Path, t: Timeline, answers: tuple[Answer, ...]) -> Hearth:
    clock = ManualClock(START - timedelta(days=3))
    (folder / "hearth.toml").write_text("[limits]\nevents_per_minute = 100000\n")  # one moderator asks a lot
    config = load(folder / "hearth.toml", env={"HEARTH_DATA_DIR": str(folder),
                                               "HEARTH_DATABASE_URL": f"sqlite:///{folder / 'h.db'}"})
    app = await Hearth.open(config, clock)
    await run(app, MOD, "mod settings", key="summary_floor", value=str(t.floor))
    store = app.store
    for s in range(t.schedules):
        schedule = await store.schedules.create(
            {"community_id": COMMUNITY, "name": f"s{s}", "channel_id": "console:general", "spec": "mondays 09:00",
             "cron": "0 9 * * 1", "timezone": "UTC", "open_minutes": 120, "remind_minutes": 30,
             "created_by": "console:mod"}, clock.now())
        for w in range(t.weeks):
            at = START + timedelta(weeks=w)
            rnd = await store.rounds.open(schedule, {**round_fields(at), "invited": 6}, [])
            for a in answers:
                if (a.schedule, a.week) == (s, w):
                    await store.rounds.save_response(rnd.id, f"console:p{a.person}", a.mood, "",
                                                     "private" if a.private else "shared", at, lambda *_: [])
            await store.rounds.finish_step(rnd.id, "closed_at", at + timedelta(hours=2), [])
    return app


async def views(app: Hearth, when: str) -> dict[tuple, str]:
    """Every number a moderator can see now, keyed by what it is (view, period, week, column)."""
    out: dict[tuple, str] = {}
    names = ["all"] + [s.name for s in await app.store.schedules.list_all(COMMUNITY)]
    for weeks in ("4", "12", "52"):
        for name in names:
            [reply] = await run(app, MOD, "mod insights export", schedule=name, weeks=weeks)
            assert reply.attachment is not None, reply.plain()
            for row in csv.DictReader(io.StringIO(reply.attachment.content.decode())):
                for column in ("status", "invited", "answered"):
                    out[(when, name, weeks, row["week_start"], column)] = row[column]
                # A spread, as the attacker adds it up: its mood total and how many (the single-time attack's
                # rows; a bucket's own count says how many chose it, never who).
                spread = [row[f"mood_{m}"] for m in range(1, 6)]
                shown = all(spread)
                out[(when, name, weeks, row["week_start"], "mood total")] = (
                    str(sum(m * int(n) for m, n in enumerate(spread, 1))) if shown else "")
                out[(when, name, weeks, row["week_start"], "moods shared")] = (
                    str(sum(int(n) for n in spread)) if shown else "")
    community = await app.ensure_community(COMMUNITY)
    said = reply_from_json((await digest(app, community, app.now().date())).payload).plain()
    for i, number in enumerate(INTEGER.findall(said)):
        out[(when, "digest", i)] = number
    return out


def late_sunday(t: Timeline) -> datetime:
    return START + timedelta(weeks=t.weeks - 1, days=6, hours=14, minutes=30)  # Sunday 23:30 of the last week


async def late_round(app: Hearth, t: Timeline, answers: tuple[Answer, ...]) -> None:
    """s0's round of the last week's Sunday, opened only now, after that week was settled, answered and closed."""
    store, at = app.store, late_sunday(t)
    schedule = await store.schedules.find(COMMUNITY, "s0")
    rnd = await store.rounds.open(schedule, {**round_fields(at), "opened_at": app.now(), "invited": 6}, [])
    for a in answers:
        if (a.schedule, a.week) == (0, t.weeks):
            await store.rounds.save_response(rnd.id, f"console:p{a.person}", a.mood, "",
                                             "private" if a.private else "shared", app.now(), lambda *_: [])
    await store.rounds.finish_step(rnd.id, "closed_at", app.now() + timedelta(hours=2), [])


async def timeline(folder: Path, t: Timeline, answers: tuple[Answer, ...]) -> dict[tuple, str]:
    """The whole story, and every number seen along it."""
    app = await built(folder, t, answers)
    clock: ManualClock = app.clock  # type: ignore[assignment]
    try:
        clock.set(START + timedelta(weeks=t.weeks, days=2))
        seen = await views(app, "first")
        if t.late:
            await late_round(app, t, answers)
            seen |= await views(app, "after the late round")  # (its week shows as it was)
            clock.set(START + timedelta(weeks=t.weeks + 1, days=2))
            seen |= await views(app, "a week later")  # (it is counted in the week after its own)
        said = text(await run(app, MOD, "mod schedule delete", name=f"s{t.deleted}", confirmed="yes"))
        assert "deleted" in said.lower(), said
        seen |= await views(app, "after deleting")
        if t.expired_weeks:
            await run(app, MOD, "mod settings", key="retention_days", value="30", confirmed="yes")  # (asks: §10)
            last_gone = START - timedelta(hours=9) + timedelta(weeks=t.expired_weeks)  # its Monday after
            clock.set(last_gone + timedelta(days=30, hours=1))
        await purge_expired(app)
        seen |= await views(app, "after retention")
        await run(app, MOD, "mod settings", key="summary_floor", value=str(t.floor + 2))
        await member_data.erase(app.store, COMMUNITY, "console:p0", clock.now())
        seen |= await views(app, "after erasing")
        return seen
    finally:
        await app.close()


def replay(t: Timeline, answers: tuple[Answer, ...]) -> dict[tuple, str]:
    with tempfile.TemporaryDirectory() as folder:
        return asyncio.run(timeline(Path(folder), t, answers))


def number(value: str) -> int:
    return int(value) if value.isdigit() else 0


#: A late round whose week was settled: counted in the next week, its answers in no number shown before.
LATE = Timeline(2, 1, (Answer(0, 0, 0, 3, False), Answer(1, 0, 0, 4, False), Answer(2, 0, 0, 2, False),
                       Answer(3, 1, 0, 4, False), Answer(0, 0, 1, 5, False), Answer(1, 0, 1, 1, False),
                       Answer(2, 0, 1, 2, False), Answer(3, 0, 1, 4, True)), deleted=1, expired_weeks=0, floor=3,
                late=True)
#: The attack deleting a schedule used to allow: "all" shows s1, s2 and s3 (one person each, or two) as one group
#: of four; with s2 deleted, the other three are still a group of three. Before minus after was person 5.
DELETION_ATTACK = Timeline(4, 1, (Answer(0, 0, 0, 3, False), Answer(1, 0, 0, 4, False), Answer(2, 0, 0, 2, False),
                                  Answer(3, 1, 0, 4, False), Answer(4, 1, 0, 3, False), Answer(5, 2, 0, 1, False),
                                  Answer(6, 3, 0, 5, False)), deleted=2, expired_weeks=0, floor=3)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(timelines())
@example(DELETION_ATTACK)
@example(LATE)
def test_no_combination_of_views_over_time_isolates_one_persons_moods(t: Timeline):
    if not t.answers:
        return
    base = replay(t, t.answers)
    keys = sorted(base, key=str)
    columns = []
    for i, a in enumerate(t.answers):
        moved = list(t.answers)
        moved[i] = Answer(a.person, a.schedule, a.week, a.mood + 1 if a.mood < 5 else a.mood - 1, a.private)
        probe = replay(t, tuple(moved))
        assert probe.keys() == base.keys()
        assert [probe[k] == "" for k in keys] == [base[k] == "" for k in keys]  # what shows never depends on moods
        columns.append([abs(number(probe[k]) - number(base[k])) for k in keys])
    m = np.array(columns, dtype=float).T
    full = np.linalg.matrix_rank(m)
    for person in {a.person for a in t.answers}:
        others = [i for i, a in enumerate(t.answers) if a.person != person]
        rest = np.linalg.matrix_rank(m[:, others]) if others else 0
        assert rest == full, f"person {person}'s moods can be worked out from views taken over time"
    for i, a in enumerate(t.answers):
        if a.private:
            assert not m[:, i].any(), "a private answer's mood reached a number"


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(timelines())
@example(DELETION_ATTACK)
@example(LATE)
def test_a_number_once_shown_never_changes_a_week_leaves_every_view_at_once(t: Timeline):
    seen = replay(t, t.answers)
    first = {k[1:]: v for k, v in seen.items() if k[0] == "first" and k[1] != "digest"}
    late_week = (START.date() + timedelta(weeks=t.weeks)).isoformat()  # where a late round is counted
    for when in ("after the late round", "a week later", "after deleting", "after retention", "after erasing"):
        if when not in {k[0] for k in seen}:
            continue
        now = {k[1:]: v for k, v in seen.items() if k[0] == when and k[1] != "digest"}
        gone = {k[2] for k, v in now.items() if k[3] == "status" and v == "not kept"}
        for (name, weeks, week, column), value in now.items():
            if week in gone:
                assert now[(name, weeks, week, "status")] == "not kept"
                assert value in ("", "not kept")
            elif (name, weeks, week, column) in first:
                assert value == first[(name, weeks, week, column)], (when, name, weeks, week, column)
            elif t.late and week == late_week and name in ("all", "s0"):  # (or "no check-in", if s0 is gone)
                assert now[(name, weeks, week, "status")] != "open", (when, name, week)
            else:  # a week that came into view later: none of these rounds were in it
                assert now[(name, weeks, week, "status")] in ("no check-in", "not kept"), (when, name, week)
        # the weeks retention removed, and only those
        expected = {(START.date() + timedelta(weeks=w)).isoformat() for w in range(t.expired_weeks)}
        assert gone & {(START.date() + timedelta(weeks=w)).isoformat() for w in range(t.weeks)} == (
            expected if when in ("after retention", "after erasing") else set())


def test_the_late_round_of_the_attacks_is_counted_in_the_week_after_its_own():
    """(So the attacks above do face it.) The week it was due in shows as it first did (s1's one person left
    out of "all"); the next one has it."""
    seen = replay(LATE, LATE.answers)
    own, next_week = START.date().isoformat(), (START.date() + timedelta(weeks=1)).isoformat()
    for when in ("after the late round", "a week later", "after erasing"):
        assert seen[(when, "all", "52", own, "answered")] == seen[("first", "all", "52", own, "answered")] == "3"
    assert seen[("a week later", "all", "52", next_week, "answered")] == "4"  # three shared, one private
    assert seen[("a week later", "s0", "52", next_week, "mood total")] == "8"  # 5 + 1 + 2: the private 4 is out
    assert seen[("after erasing", "all", "52", next_week, "answered")] == "4"
