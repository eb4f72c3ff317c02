"""What insights read (`bot.store.insights`) on each database: counts per round by visibility and mood, never a
private mood; how many different people answered; who was invited; and the "what we changed" notes."""

from __future__ import annotations

from datetime import timedelta

from bot.store import member_data
from bot.store.repository import DELETED
from tests.bot.store.helpers import AT, COMMUNITY, make_schedule, round_fields


async def answered(store, rnd, who: str, mood: int, visibility: str) -> None:
    await store.rounds.save_response(rnd.id, who, mood, "words", visibility, AT, lambda *_: [])


async def test_a_rounds_counts_keep_private_moods_out_and_know_who_was_invited(store):
    schedule = await make_schedule(store)
    for who in ("u1", "u2", "u3"):  # (members before it opened: among the 7 it counted then)
        await store.schedules.join(schedule.id, who, True, True, AT - timedelta(days=1))
    rnd = await store.rounds.open(schedule, {**round_fields(), "invited": 7}, [])
    later = await store.rounds.open(schedule, round_fields(AT + timedelta(days=1)), [])
    await answered(store, rnd, "u1", 4, "shared")
    await answered(store, rnd, "u2", 4, "anonymous")
    await answered(store, rnd, "u3", 1, "private")
    await store.rounds.finish_step(rnd.id, "closed_at", AT + timedelta(hours=2), [])
    first, second = await store.insights.round_counts(COMMUNITY, AT, AT + timedelta(days=7))
    assert (first.round_id, first.invited, first.answered, first.private, first.moods, first.closed) == (
        rnd.id, 7, 3, 1, (0, 0, 0, 2, 0), True)
    assert first.anonymous == (0, 0, 0, 1, 0)  # (of those moods, the ones no name is posted with)
    assert (second.round_id, second.invited, second.answered, second.closed) == (later.id, None, 0, False)
    assert await store.insights.round_counts(COMMUNITY, AT + timedelta(days=7), AT + timedelta(days=14)) == []
    assert await store.insights.round_counts("elsewhere", AT, AT + timedelta(days=7)) == []
    assert await store.insights.people_in([rnd.id, later.id], False) == 3
    assert await store.insights.people_in([rnd.id], True) == 2
    assert await store.insights.people_in([], True) == 0


async def test_counts_are_kept_from_the_close_like_the_summary_and_go_with_retention(store):
    schedule = await make_schedule(store)
    rnd = await store.rounds.open(schedule, round_fields(), [])
    for who, mood in (("u1", 2), ("u2", 3), ("u3", 3)):
        await answered(store, rnd, who, mood, "shared")
    await store.rounds.finish_step(rnd.id, "closed_at", AT + timedelta(hours=2), [])
    await member_data.erase(store, COMMUNITY, "u1", AT + timedelta(days=1))  # a summary keeps its numbers
    [counts] = await store.insights.round_counts(COMMUNITY, AT, AT + timedelta(days=7))
    assert counts.answered == 3 and counts.moods == (0, 1, 2, 0, 0)
    assert await store.insights.people_in([rnd.id], True) == 2  # (so a group can only look smaller)
    await store.purge_community(COMMUNITY, AT + timedelta(days=400), AT + timedelta(days=400))
    [counts] = await store.insights.round_counts(COMMUNITY, AT, AT + timedelta(days=7))
    assert counts.answered == 0


async def test_a_note_is_taken_by_the_round_it_shows_on_and_its_author_erased(store):
    schedule = await make_schedule(store)
    await store.insights.set_note(schedule.id, "First try", "u1", AT)
    await store.insights.set_note(schedule.id, "We moved the call", "u1", AT)
    assert (await store.insights.notes_of([schedule.id]))[schedule.id].text == "We moved the call"
    exported = await member_data.export(store, COMMUNITY, "u1", AT)
    assert exported["schedule_notes"][0]["text"] == "We moved the call"
    await member_data.erase(store, COMMUNITY, "u1", AT)
    assert (await store.insights.notes_of([schedule.id]))[schedule.id].set_by == DELETED
    await store.rounds.open(schedule, {**round_fields(), "note": "We moved the call"}, [])
    assert await store.insights.notes_of([schedule.id]) == {}
    await store.insights.set_note(schedule.id, "Another", "u2", AT)
    assert await store.insights.clear_note(schedule.id) and not await store.insights.clear_note(schedule.id)


async def test_a_settled_week_reads_back_as_kept_and_its_rounds_are_counted_once(store):
    from datetime import date

    from bot.store.insights import ALL, Settling, WeekCell

    schedule = await make_schedule(store)
    rnd = await store.rounds.open(schedule, {**round_fields(), "invited": 4}, [])
    await answered(store, rnd, "u1", 4, "shared")
    await store.rounds.finish_step(rnd.id, "closed_at", AT + timedelta(hours=2), [])
    week, start = date(2026, 1, 5), AT - timedelta(hours=AT.hour)
    cells = [WeekCell(schedule.id, 1, 4, None, None), WeekCell(ALL, 1, 4, 5, (0, 0, 1, 4, 0))]
    assert await store.insights.settle(COMMUNITY, [Settling(week, start, start + timedelta(weeks=1), cells,
                                                            [rnd.id])], AT) == []
    again = Settling(week, start, start + timedelta(weeks=1), [], [])
    assert await store.insights.settle(COMMUNITY, [again], AT) == [week]  # the first one stands
    [settled] = (await store.insights.settled(COMMUNITY, [week, date(2026, 1, 12)])).values()
    assert not settled.purged and settled.cells == {c.schedule_id: c for c in cells}
    assert await store.insights.round_counts(COMMUNITY, AT, AT + timedelta(days=7)) == []  # counted: never again
    assert await store.insights.settled("elsewhere", [week]) == {}


async def test_retention_takes_settled_weeks_whole_once_they_ended_and_marks_them_gone(store):
    from datetime import date

    from bot.store.insights import ALL, Settling, WeekCell, purge_weeks_on

    start = AT - timedelta(hours=AT.hour)
    for w in range(2):
        await store.insights.settle(COMMUNITY, [Settling(date(2026, 1, 5) + timedelta(weeks=w), start + timedelta(weeks=w),
                                    start + timedelta(weeks=w + 1), [WeekCell(ALL, 1, 3, 3, (0, 0, 3, 0, 0))], [])], AT)
    async with store.db.transaction() as tx:
        assert await purge_weeks_on(tx, COMMUNITY, start + timedelta(weeks=1, days=3)) == 1  # 12 Jan's hasn't ended
    got = await store.insights.settled(COMMUNITY, [date(2026, 1, 5), date(2026, 1, 12)])
    assert got[date(2026, 1, 5)].purged and got[date(2026, 1, 5)].cells == {}
    assert not got[date(2026, 1, 12)].purged and got[date(2026, 1, 12)].cells[ALL].answered == 3


async def a_closed_round_and_its_weeks(store):
    """A closed round of one answer in four, and `week(w, round ids)`: the settling of the w-th week after it
    (w = 0 its own), counting those rounds."""
    from datetime import date

    from bot.store.insights import ALL, Settling, WeekCell

    schedule = await make_schedule(store)
    rnd = await store.rounds.open(schedule, {**round_fields(), "invited": 4}, [])
    await store.rounds.finish_step(rnd.id, "closed_at", AT + timedelta(hours=2), [])
    start = AT - timedelta(hours=AT.hour)
    cells = [WeekCell(ALL, 1, 4, None, None)]

    def week(w: int, ids: list[int]) -> Settling:
        return Settling(date(2026, 1, 5) + timedelta(weeks=w), start + timedelta(weeks=w),
                        start + timedelta(weeks=w + 1), cells, ids)

    return rnd, week


async def test_a_round_counted_meanwhile_in_another_week_settles_nothing(store):
    """Two views racing: one settles a late round in its week; the other, about to count it in a later week,
    keeps nothing (not even its other weeks) and reads again."""
    from datetime import date

    import pytest

    from bot.store.insights import CountedMeanwhile

    rnd, week = await a_closed_round_and_its_weeks(store)

    assert await store.insights.settle(COMMUNITY, [week(1, [rnd.id])], AT) == []
    with pytest.raises(CountedMeanwhile):
        await store.insights.settle(COMMUNITY, [week(2, []), week(3, [rnd.id])], AT)
    got = await store.insights.settled(COMMUNITY, [date(2026, 1, 5) + timedelta(weeks=w) for w in range(4)])
    assert sorted(got) == [date(2026, 1, 12)]  # weeks 2 and 3 were not kept
    row = await store.db.fetchone("SELECT settled_week FROM rounds WHERE id = ?", rnd.id)
    assert row["settled_week"] == "2026-01-12"


async def test_two_views_settling_crosswise_on_postgresql_read_again_rather_than_fail(store, database_url, clock):
    """PostgreSQL: a view settling week 1 (with a late round) and week 2 while another process settles week 2
    with that same round lock the same rows in opposite orders; the database ends one of them (a deadlock).
    The one it ends gets `CountedMeanwhile` (nothing kept; read again), as for any race, never a database error."""
    import asyncio
    from datetime import date

    import pytest

    from bot.store.insights import CountedMeanwhile
    from bot.store.store import Store

    if store.db.dialect != "postgresql":
        pytest.skip("SQLite writes one transaction at a time: no row locks to cross")
    rnd, week = await a_closed_round_and_its_weeks(store)

    async def waiting_on_locks() -> int:
        row = await store.db.fetchone("SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() "
                                      "AND wait_event_type = 'Lock'")
        return int(row["n"])

    other = await Store.open(database_url, clock)
    try:
        async with other.db.transaction() as tx:  # another process, settling week 2 with the round
            await tx.execute("SET LOCAL deadlock_timeout = '30s'")  # (so the database ends this view's, not it)
            await tx.execute("INSERT INTO insight_weeks (community_id, week, starts_at, ends_at, settled_at) "
                             "VALUES (?, ?, ?, ?, ?)", COMMUNITY, "2026-01-19", "x", "x", "x")
            view = asyncio.create_task(store.insights.settle(COMMUNITY, [week(1, [rnd.id]), week(2, [])], AT))
            for _ in range(200):  # the view has the round, and waits for week 2
                await asyncio.sleep(0.02)
                if await waiting_on_locks() or view.done():
                    break
            assert not view.done()
            marked = asyncio.create_task(tx.execute("UPDATE rounds SET settled_week = ? WHERE settled_week IS NULL "
                                                    "AND id = ?", "2026-01-19", rnd.id))
            with pytest.raises(CountedMeanwhile):
                await view
            assert await marked == 1
    finally:
        await other.close()
    got = await store.insights.settled(COMMUNITY, [date(2026, 1, 5) + timedelta(weeks=w) for w in range(4)])
    assert sorted(got) == [date(2026, 1, 19)]  # only the other process's week: the view kept nothing


async def test_who_a_round_reached_after_opening_is_invited_too(store):
    """Counted at the opening alone, a member joining while it is open, or someone answering from the channel
    without joining, would be answered but never invited."""
    schedule = await make_schedule(store)
    await store.schedules.join(schedule.id, "u1", True, True, AT - timedelta(days=1))
    rnd = await store.rounds.open(schedule, {**round_fields(), "invited": 1}, [])
    await store.schedules.join(schedule.id, "u2", True, True, AT + timedelta(minutes=5))  # joined while open
    await answered(store, rnd, "u2", 3, "shared")
    await answered(store, rnd, "u3", 3, "shared")  # never joined
    await answered(store, rnd, "u1", 3, "shared")
    await store.rounds.finish_step(rnd.id, "closed_at", AT + timedelta(hours=2), [])
    await store.schedules.join(schedule.id, "u4", True, True, AT + timedelta(hours=3))  # after it closed: not it
    [counted] = await store.insights.round_counts(COMMUNITY, AT, AT + timedelta(days=7))
    assert (counted.invited, counted.answered) == (3, 3)
