"""Fire times under Hearth's DST rules, in both hemispheres, and through APScheduler."""

import asyncio
import pickle
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from apscheduler.events import EVENT_JOB_EXECUTED, EVENT_JOB_MISSED
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.scheduling import HearthTrigger, describe_fire, fires_between, next_fires

UTC = timezone.utc

# (zone, overlap day, a wall time that happens twice that night,
#  gap day, a wall time that does not exist that night, the gap's end)
DST_CASES = [
    ("America/New_York", date(2026, 11, 1), time(1, 30), date(2026, 3, 8), time(2, 30), time(3, 0)),
    ("Europe/Berlin", date(2026, 10, 25), time(2, 30), date(2026, 3, 29), time(2, 30), time(3, 0)),
    ("Australia/Sydney", date(2026, 4, 5), time(2, 30), date(2026, 10, 4), time(2, 30), time(3, 0)),
    ("Pacific/Auckland", date(2026, 4, 5), time(2, 30), date(2026, 9, 27), time(2, 30), time(3, 0)),
    ("America/Santiago", date(2026, 4, 4), time(23, 30), date(2026, 9, 6), time(0, 30), time(1, 0)),
]
IDS = [case[0] for case in DST_CASES]


def local(day: date, at: time, tz: ZoneInfo, fold: int = 0) -> datetime:
    return datetime.combine(day, at, tzinfo=tz).replace(fold=fold)


def daily(at: time) -> str:
    return f"{at.minute} {at.hour} * * *"


def around(day: date, tz: ZoneInfo, days: int = 3) -> tuple[datetime, datetime]:
    start = datetime.combine(day - timedelta(days=days), time(0), tzinfo=tz).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=days + 1), time(0), tzinfo=tz).astimezone(UTC)
    return start, end


@pytest.mark.parametrize("zone, overlap_day, at, _g, _a, _e", DST_CASES, ids=IDS)
def test_overlap_fires_once_at_the_first_occurrence(zone, overlap_day, at, _g, _a, _e):
    tz = ZoneInfo(zone)
    first, second = local(overlap_day, at, tz, 0), local(overlap_day, at, tz, 1)
    assert first.utcoffset() != second.utcoffset(), "the case must really be an overlap"

    fires = fires_between(daily(at), tz, *around(overlap_day, tz))
    local_fires = [f.astimezone(tz) for f in fires]
    assert [f.date() for f in local_fires] == [overlap_day + timedelta(days=d) for d in range(-3, 4)]
    assert all(f.time() == at for f in local_fires)  # normal days unchanged
    assert first.astimezone(UTC) in fires
    assert second.astimezone(UTC) not in fires


@pytest.mark.parametrize("zone, _o, _a, gap_day, at, gap_end", DST_CASES, ids=IDS)
def test_gap_fires_at_the_first_moment_after_it(zone, _o, _a, gap_day, at, gap_end):
    tz = ZoneInfo(zone)
    naive = datetime.combine(gap_day, at)
    assert local(gap_day, at, tz).astimezone(UTC).astimezone(tz).replace(tzinfo=None) != naive, \
        "the case must really be a gap"

    fires = fires_between(daily(at), tz, *around(gap_day, tz))
    by_day = {f.astimezone(tz).date(): f.astimezone(tz) for f in fires}
    assert len(by_day) == len(fires) == 7
    assert by_day[gap_day].time() == gap_end
    transition = by_day[gap_day].astimezone(UTC)
    assert (transition - timedelta(seconds=1)).astimezone(tz).utcoffset() != transition.astimezone(tz).utcoffset()
    assert all(f.time() == at for d, f in by_day.items() if d != gap_day)


def test_several_gap_times_collapse_into_one_fire():
    tz = ZoneInfo("Europe/Berlin")
    fires = fires_between("*/20 2,3 * * *", tz, *around(date(2026, 3, 29), tz, days=0))
    assert [f.astimezone(tz).strftime("%H:%M") for f in fires] == ["03:00", "03:20", "03:40"]


def test_every_quarter_hour_across_the_overlap_fires_each_wall_time_once():
    tz = ZoneInfo("America/New_York")
    fires = fires_between("*/15 1 * * *", tz, *around(date(2026, 11, 1), tz, days=0))
    assert [f.astimezone(tz).strftime("%H:%M") for f in fires] == ["01:00", "01:15", "01:30", "01:45"]
    assert all(f.astimezone(tz).utcoffset() == timedelta(hours=-4) for f in fires)


def test_next_fires_is_strictly_after_and_utc():
    tz = ZoneInfo("Europe/Berlin")
    monday_nine = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
    fires = next_fires("0 9 * * mon-fri", tz, monday_nine)
    assert fires == [datetime(2026, 1, d, 8, 0, tzinfo=UTC) for d in (6, 7, 8)]
    assert all(f.tzinfo is UTC for f in fires)
    assert next_fires("0 9 * * mon-fri", tz, monday_nine - timedelta(seconds=1), 1) == [monday_nine]


def test_fires_between_excludes_start_and_includes_end():
    tz = ZoneInfo("UTC")
    start, end = datetime(2026, 1, 5, 9, tzinfo=UTC), datetime(2026, 1, 7, 9, tzinfo=UTC)
    assert fires_between("0 9 * * *", tz, start, end) == [start + timedelta(days=1), end]


def test_leap_day_and_dom_or_dow():
    tz = ZoneInfo("UTC")
    after = datetime(2026, 11, 25, tzinfo=UTC)
    assert next_fires("0 0 29 2 *", tz, after, 1) == [datetime(2028, 2, 29, tzinfo=UTC)]
    # crontab: with both day-of-month and weekday restricted, either one fires
    got = next_fires("0 9 1 * mon", tz, datetime(2026, 11, 28, tzinfo=UTC), 3)
    assert [f.date() for f in got] == [date(2026, 11, 30), date(2026, 12, 1), date(2026, 12, 7)]


def test_describe_fire():
    tz = ZoneInfo("Europe/Berlin")
    assert describe_fire(datetime(2026, 1, 5, 8, 0, tzinfo=UTC), tz) == "Monday 5 January, 09:00 (Europe/Berlin)"
    assert describe_fire(datetime(2026, 3, 29, 1, 0, tzinfo=UTC), tz) == "Sunday 29 March, 03:00 (Europe/Berlin)"


def test_trigger_basics():
    trigger = HearthTrigger("30 9 * * 1-5", ZoneInfo("Europe/Berlin"))
    assert str(trigger) == "hearth[30 9 * * mon-fri Europe/Berlin]"
    assert "mon-fri" in repr(trigger)
    now = datetime(2026, 1, 5, 8, 30, tzinfo=UTC)  # exactly Monday 09:30 Berlin
    assert trigger.get_next_fire_time(None, now) == now  # a fire at `now` is still due
    assert trigger.get_next_fire_time(now, now) == now + timedelta(days=1)
    copy = pickle.loads(pickle.dumps(trigger))
    assert copy.get_next_fire_time(now, now) == now + timedelta(days=1)


def test_what_apscheduler_cron_trigger_does_and_why_we_do_not_use_it():
    """APScheduler 3.11's own CronTrigger: twice on the overlap, 03:30 in the gap."""
    tz = ZoneInfo("America/New_York")
    cron = CronTrigger(hour=1, minute=30, timezone=tz)
    first = cron.get_next_fire_time(None, datetime(2026, 11, 1, tzinfo=tz))
    second = cron.get_next_fire_time(first, first)
    assert (first.date(), second.date()) == (date(2026, 11, 1), date(2026, 11, 1))  # fires twice
    gap = CronTrigger(hour=2, minute=30, timezone=tz).get_next_fire_time(None, datetime(2026, 3, 8, tzinfo=tz))
    assert gap.astimezone(UTC).astimezone(tz).strftime("%H:%M") == "03:30"  # an hour late, not 03:00
    # and crontab weekday numbers are off by one (0 = Monday) in from_crontab
    weekdays = CronTrigger.from_crontab("0 9 * * 1-5", timezone=tz)
    assert weekdays.get_next_fire_time(None, datetime(2026, 1, 5, tzinfo=tz)).date() == date(2026, 1, 6)


@pytest.mark.parametrize("zone, cron, start, gap_day, overlap_day", [
    # 02:30 around both of Berlin's 2025 switches; Sydney's, on the other side of the world
    ("Europe/Berlin", "30 2 25-31 3,10 *", datetime(2025, 3, 1, tzinfo=UTC), date(2025, 3, 30), date(2025, 10, 26)),
    ("Australia/Sydney", "30 2 1-7 4,10 *", datetime(2025, 3, 1, tzinfo=UTC), date(2025, 10, 5), date(2025, 4, 6)),
    ("America/New_York", "30 1 1-3 11 *", datetime(2025, 10, 1, tzinfo=UTC), None, date(2025, 11, 2)),
])
async def test_a_real_scheduler_fires_at_the_same_times(zone, cron, start, gap_day, overlap_day):
    """A real AsyncIOScheduler catches up past fires by walking the trigger's chain."""
    tz = ZoneInfo(zone)
    trigger = HearthTrigger(cron, tz)
    now = datetime.now(UTC)
    expected = fires_between(cron, tz, start, now)
    assert len(expected) >= 3
    seen: list[datetime] = []
    done = asyncio.Event()

    def listen(event) -> None:
        assert event.code == EVENT_JOB_EXECUTED
        seen.append(event.scheduled_run_time)
        if len(seen) == len(expected):
            done.set()

    async def check_in() -> None:
        pass

    scheduler = AsyncIOScheduler(timezone=tz)
    scheduler.add_listener(listen, EVENT_JOB_EXECUTED | EVENT_JOB_MISSED)
    job = scheduler.add_job(check_in, trigger, next_run_time=expected[0], misfire_grace_time=None,
                            coalesce=False, max_instances=1)
    scheduler.start()
    try:
        await asyncio.wait_for(done.wait(), timeout=10)
        assert seen == expected
        assert job.next_run_time == next_fires(cron, tz, expected[-1], 1)[0]
    finally:
        scheduler.shutdown(wait=False)
    walls = {f.astimezone(tz).date(): f.astimezone(tz) for f in seen}
    assert len(walls) == len(seen)  # once per local day, DST or not
    assert walls[overlap_day].fold == 0  # the first of the two
    if gap_day:
        assert walls[gap_day].strftime("%H:%M") == "03:00"


DST_ZONES = [c[0] for c in DST_CASES] + ["Europe/London", "Asia/Tehran", "Australia/Lord_Howe"]


@settings(max_examples=150, deadline=None)
@given(
    zone=st.sampled_from(DST_ZONES),
    hour=st.integers(0, 23),
    minute=st.integers(0, 59),
    weekdays=st.sets(st.integers(0, 6), min_size=1),
    after=st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1), timezones=st.just(UTC)),
)
def test_daily_schedules_fire_once_per_local_day_in_order(zone, hour, minute, weekdays, after):
    tz = ZoneInfo(zone)
    cron = f"{minute} {hour} * * {','.join(map(str, sorted(weekdays)))}"
    fires = next_fires(cron, tz, after, 10)
    assert len(fires) == 10
    assert fires[0] > after
    assert all(a < b for a, b in zip(fires, fires[1:]))
    days = [f.astimezone(tz).date() for f in fires]
    assert len(set(days)) == len(days)
    for fire, day in zip(fires, days):
        assert day.isoweekday() % 7 in weekdays
        wall = fire.astimezone(tz)
        if wall.time() != time(hour, minute):  # only when that wall time did not exist that day
            intended = datetime.combine(day, time(hour, minute), tzinfo=tz)
            assert intended.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != intended.replace(tzinfo=None)
            assert wall.replace(tzinfo=None) > intended.replace(tzinfo=None)


@settings(max_examples=100, deadline=None)
@given(
    minute=st.sampled_from(["*/15", "0", "5,35", "10-20/5"]),
    hour=st.sampled_from(["*", "9", "9-17", "*/6", "0,12"]),
    month=st.sampled_from(["*", "1,6", "3-5"]),
    weekday=st.sampled_from(["*", "1-5", "0,6", "3", "7"]),
    after=st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(UTC)),
)
def test_matches_apscheduler_cron_where_there_is_no_dst(minute, hour, month, weekday, after):
    """Normalized lines use weekday names, so APScheduler reads them as crontab means them."""
    trigger = HearthTrigger(f"{minute} {hour} * {month} {weekday}", ZoneInfo("UTC"))
    theirs = CronTrigger.from_crontab(trigger.cron, timezone=UTC)
    ours = next_fires(trigger.cron, ZoneInfo("UTC"), after, 5)
    prev, got = None, []
    for _ in range(5):
        prev = theirs.get_next_fire_time(prev, after + timedelta(microseconds=1) if prev is None else prev)
        got.append(prev)
    assert ours == got
