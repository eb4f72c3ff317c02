"""Insights over time (issue 21): a week, once shown, shows the same in every later view. Deleting a schedule,
retention, a member's erasure or a higher floor never change it, so "before minus after" never isolates anyone;
retention takes a week away whole, from every view at once, and never brings it back."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta, timezone

from bot.engines.retention import purge_expired
from bot.store import member_data
from bot.scheduling.runner import RoundScheduler
from tests.bot.scheduling.test_runner import make_schedule
from tests.bot.store.helpers import round_fields
from tests.conftest import actor, press, run, text

UTC = timezone.utc
MIA = actor("mia", moderator=True)
#: One check-in of five, one of two, and two of one person each: "all" shows the four small ones as one
#: group of four people (at least the floor, 3) beside the big one.
GROUPS = {"big": ("ann", "bob", "cy", "dee", "eve"), "pair": ("fay", "gus"), "solo": ("hal",), "other": ("ivy",)}
WEEK1 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


async def world(app, clock, weeks: int = 2, first: datetime = WEEK1, when: str = "mondays 09:00") -> None:
    """Four weekly check-ins (Mondays 09:00), everyone answering each week; "solo"'s one person says 1."""
    clock.set(first - timedelta(days=3))
    for name, people in GROUPS.items():
        await make_schedule(app, name=name, when=when)
        for who in people:
            await run(app, actor(who), "checkin join", schedule=name)
    for w in range(weeks):
        clock.set(first + timedelta(weeks=w))
        await RoundScheduler(app).run_pending()
        for name, people in GROUPS.items():
            for i, who in enumerate(people):
                mood = "1" if name == "solo" else str(2 + (i + w) % 4)
                said = text(await run(app, actor(who), "checkin answer", schedule=name, mood=mood,
                                      visibility="shared", words=""))
                assert "saved" in said.lower() or "thank" in said.lower(), said
        clock.advance(timedelta(hours=26))
        await RoundScheduler(app).sweep()
        await app.outbox.drain_all()


async def every_view(app) -> dict[tuple[str, str], list[dict[str, str]]]:
    """Every CSV the feature offers a moderator: each period, each check-in that exists, and all of them."""
    out = {}
    names = ["all"] + [s.name for s in await app.store.schedules.list_all("console:test")]
    for weeks in ("4", "12", "52"):
        for name in names:
            who = actor(f"mod-{len(out)}", moderator=True)  # (one person's rate limit would pause a dozen asks)
            [reply] = await run(app, who, "mod insights export", schedule=name, weeks=weeks)
            assert reply.attachment is not None, reply.plain()
            out[(name, weeks)] = list(csv.DictReader(io.StringIO(reply.attachment.content.decode())))
    return out


def row(rows: list[dict[str, str]], week: str) -> dict[str, str]:
    [found] = [r for r in rows if r["week_start"] == week]
    return found


async def delete(app, name: str) -> None:
    ask = (await run(app, MIA, "mod schedule delete", name=name))[0]
    yes = [b for b in ask.buttons if b.action == "confirm"][0]
    assert "deleted" in text(await press(app, MIA, "confirm", yes.args)).lower()


async def test_deleting_a_schedule_changes_no_week_already_shown(app, clock):
    await world(app, clock)
    clock.set(datetime(2026, 1, 20, 10, 0, tzinfo=UTC))
    before = await every_view(app)
    assert row(before[("all", "4")], "2026-01-05")["answered"] == "9"  # the four small ones count as one group
    assert row(before[("solo", "4")], "2026-01-05")["status"] == "too few to show"
    await delete(app, "solo")
    after = await every_view(app)
    # Without settling, "all" would now read 8: before minus after would be hal's answer, and his mood.
    assert row(after[("all", "4")], "2026-01-05")["answered"] == "9"
    assert {k: v for k, v in before.items() if k[0] != "solo"} == after


async def test_a_higher_floor_or_an_erasure_changes_no_week_already_shown(app, clock):
    await world(app, clock)
    clock.set(datetime(2026, 1, 20, 10, 0, tzinfo=UTC))
    before = await every_view(app)
    assert "Saved" in text(await run(app, MIA, "mod settings", key="summary_floor", value="6"))
    await member_data.erase(app.store, "console:test", "console:ann", clock.now())
    assert await every_view(app) == before


async def test_retention_takes_a_week_away_whole_and_never_brings_it_back(app, clock):
    await world(app, clock, weeks=3)
    clock.set(datetime(2026, 1, 27, 10, 0, tzinfo=UTC))
    before = await every_view(app)
    assert "Saved" in text(await run(app, MIA, "mod settings", key="retention_days", value="30"))
    clock.set(datetime(2026, 2, 12, 1, 0, tzinfo=UTC))  # the week of 5 Jan ended 31 days ago; 12 Jan's 24
    await purge_expired(app)
    after = await every_view(app)
    for key, rows in after.items():
        if key[1] != "4":  # (4 weeks from 12 Feb start on 12 Jan)
            assert row(rows, "2026-01-05")["status"] == "not kept"  # from every view at once
            assert all(v == "" for k, v in row(rows, "2026-01-05").items() if k not in ("week_start", "status"))
        for week in ("2026-01-12", "2026-01-19"):
            assert row(rows, week) == row(before[key], week), (key, week)  # the weeks kept: as they were
    assert "Saved" in text(await run(app, MIA, "mod settings", key="retention_days", value="365"))
    again = await every_view(app)
    assert all(row(rows, "2026-01-05")["status"] == "not kept" for key, rows in again.items() if key[1] != "4")


async def test_a_round_is_counted_in_one_week_only_when_the_timezone_moves_the_weeks(app, clock):
    await world(app, clock, weeks=1, first=datetime(2026, 1, 11, 23, 0, tzinfo=UTC), when="sundays 23:00")
    clock.set(datetime(2026, 1, 13, 10, 0, tzinfo=UTC))
    first = await every_view(app)
    assert row(first[("all", "4")], "2026-01-05")["answered"] == "9"
    # In Kiritimati (UTC+14) that round was on Monday 12 Jan, 13:00: the week after, not shown yet.
    assert "Saved" in text(await run(app, MIA, "mod settings", key="default_timezone", value="Pacific/Kiritimati"))
    clock.set(datetime(2026, 1, 20, 10, 0, tzinfo=UTC))
    moved = await every_view(app)
    assert row(moved[("all", "4")], "2026-01-05") == row(first[("all", "4")], "2026-01-05")
    assert row(moved[("all", "4")], "2026-01-12")["status"] == "no check-in"  # counted once, where first shown
    assert sum(int(r["answered"] or 0) for r in moved[("all", "12")]) == 9


async def test_a_round_opened_late_into_a_week_already_shown_is_counted_in_the_next_week(app, clock):
    """Down over Sunday night: a view at 00:05 shows the finished week, then the catch-up at 00:20 opens its
    Sunday 23:30 round. The week shown stays as shown; the round is counted, once, in the next week shown."""
    await world(app, clock, weeks=1)
    await make_schedule(app, name="late", when="sundays 23:30")
    late = ("jo", "kim", "lee", "max")
    for who in late:
        await run(app, actor(who), "checkin join", schedule="late")
    clock.set(datetime(2026, 1, 12, 0, 5, tzinfo=UTC))
    first = await every_view(app)
    assert row(first[("all", "4")], "2026-01-05")["answered"] == "9"
    clock.set(datetime(2026, 1, 12, 0, 20, tzinfo=UTC))
    assert (await RoundScheduler(app).run_pending())["opened"] == 1
    [rnd] = await app.store.rounds.list_open()
    assert rnd.scheduled_at == datetime(2026, 1, 11, 23, 30, tzinfo=UTC)  # in the week already shown
    for who in late:
        await run(app, actor(who), "checkin answer", schedule="late", mood="4", visibility="shared", words="")
    clock.advance(timedelta(hours=3))
    await RoundScheduler(app).sweep()
    assert {k: v for k, v in (await every_view(app)).items() if k[0] != "late"} == {
        k: v for k, v in first.items() if k[0] != "late"}  # nothing shown changed
    clock.set(datetime(2026, 1, 19, 10, 0, tzinfo=UTC))
    later = await every_view(app)
    for key, rows in later.items():
        if key[0] != "late":
            assert row(rows, "2026-01-05") == row(first[key], "2026-01-05"), key
    assert row(later[("late", "4")], "2026-01-05")["status"] == "no check-in"
    moved = row(later[("late", "4")], "2026-01-12")
    assert (moved["status"], moved["answered"], moved["mood_4"]) == ("shown", "4", "4")
    assert row(later[("all", "4")], "2026-01-12")["answered"] == "4"
    assert sum(int(r["answered"] or 0) for r in later[("all", "52")]) == 13  # every answer, counted once


async def test_a_view_racing_another_that_counted_a_late_round_elsewhere_reads_again(app, clock, monkeypatch):
    """Another view (another process) counts the late round in another week between this view's reading and its
    settling: this one keeps nothing, reads again, and shows the round where the other counted it, once."""
    from datetime import date

    from bot.store.insights import ALL, Settling, WeekCell

    await world(app, clock, weeks=1)
    clock.set(datetime(2026, 1, 12, 0, 5, tzinfo=UTC))
    await every_view(app)  # 5 Jan settled
    schedule = await app.store.schedules.find("console:test", "big")
    at = datetime(2026, 1, 11, 23, 30, tzinfo=UTC)
    rnd = await app.store.rounds.open(schedule, {**round_fields(at), "invited": 5}, [])
    await app.store.rounds.finish_step(rnd.id, "closed_at", at + timedelta(hours=2), [])
    clock.set(datetime(2026, 1, 27, 10, 0, tzinfo=UTC))
    settle, raced = app.store.insights.settle, []

    async def racing(community_id, weeks, now):
        if not raced:  # the other view got there first: the round is in 19 Jan's week
            raced.append(await settle(community_id, [Settling(
                date(2026, 1, 19), datetime(2026, 1, 19, tzinfo=UTC), datetime(2026, 1, 26, tzinfo=UTC),
                [WeekCell(ALL, 1, 5, None, None)], [rnd.id])], now))
        return await settle(community_id, weeks, now)

    monkeypatch.setattr(app.store.insights, "settle", racing)
    [reply] = await run(app, MIA, "mod insights export", weeks="4")
    rows = list(csv.DictReader(io.StringIO(reply.attachment.content.decode())))
    assert raced == [[]]
    assert row(rows, "2026-01-12")["status"] == "no check-in"  # not counted here as well
    assert row(rows, "2026-01-19")["status"] == "too few to show"  # (the other view's numbers)
    kept = await app.store.db.fetchone("SELECT settled_week FROM rounds WHERE id = ?", rnd.id)
    assert kept["settled_week"] == "2026-01-19"


async def test_after_retention_a_purged_week_is_no_longer_kept_and_a_week_before_the_community_had_no_check_in(
        app, clock):
    """trial19 §11: with retention at 1 day, the week whose answers it removed said "too few to show (fewer than 3
    people…)" of nine people, and weeks before the community began said "no longer kept"."""
    await world(app, clock, weeks=1)  # the community begins on Fri 2 Jan; its one week of rounds: 5 Jan
    clock.set(datetime(2026, 1, 12, 10, 0, tzinfo=UTC))  # the week of 5 Jan ended 10 hours ago, its round 7 days
    await run(app, MIA, "mod settings", key="retention_days", value="1", confirmed="yes")
    await purge_expired(app)
    said = text(await run(app, MIA, "mod insights show", weeks="4"))
    assert "5 Jan · no longer kept" in said and "too few" not in said
    for week in ("15 Dec 2025", "22 Dec 2025", "29 Dec 2025"):
        assert f"{week} · no check-in" in said, said
    assert "no answers to show: those of these weeks are no longer kept" in said
    assert "No check-in rounds" not in said
    views = await every_view(app)
    assert row(views[("all", "4")], "2026-01-05")["status"] == "not kept"
    assert row(views[("all", "4")], "2025-12-29")["status"] != "not kept"


async def test_too_few_is_said_of_the_weeks_still_kept_only(app, clock):
    await world(app, clock, weeks=2)  # rounds on 5 and 12 Jan, nine people each
    clock.set(datetime(2026, 1, 19, 10, 0, tzinfo=UTC))
    await run(app, MIA, "mod settings", key="summary_floor", value="20")
    await run(app, MIA, "mod settings", key="retention_days", value="8", confirmed="yes")  # keeps 12 Jan's only
    await purge_expired(app)
    said = text(await run(app, MIA, "mod insights show", weeks="4"))
    assert "5 Jan · no longer kept" in said and "12 Jan · invited 9 · too few to show" in said, said
    assert "too few answers to show (fewer than 20 people in every week still kept)" in said
