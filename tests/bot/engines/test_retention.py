"""Old answers are purged after the retention period; notes stay until their author deletes them."""

from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta, timezone

from bot.engines.retention import purge_expired
from bot.scheduling.runner import RoundScheduler
from tests.bot.flows.test_checkin_round import create_schedule
from tests.bot.flows.test_my_data import answer_day, column_values
from tests.conftest import actor, run


async def setup_answers(app, clock):
    mia, ann, bob = actor("mia", moderator=True), actor("ann"), actor("bob")
    await create_schedule(app, mia)
    for who in (ann, bob):
        await run(app, who, "checkin join", schedule="mornings")
    runner = RoundScheduler(app)
    await answer_day(app, runner, clock, 0, [(ann, "shared", "Early words"), (bob, "private", "Early private")])
    await run(app, ann, "reflect")
    await run(app, ann, "note", text="A note to keep")
    await answer_day(app, runner, clock, 21, [(ann, "shared", "Later words")])
    return mia, ann, runner


async def test_answers_past_the_community_retention_are_purged_notes_kept(app, clock, caplog):
    mia, ann, _ = await setup_answers(app, clock)
    await run(app, mia, "mod settings", key="retention_days", value="30")

    clock.set(datetime(2026, 2, 3, 12, 0, tzinfo=timezone.utc))  # 29 days after the first round
    assert await purge_expired(app) == 0

    caplog.set_level(logging.DEBUG)
    clock.advance(timedelta(days=2))  # now 31 days after
    assert await purge_expired(app) == 2
    assert await column_values(app, "responses", "text") == ["Later words"]
    assert [n.text for n in await app.store.notes.of_member(ann.community_id, ann.user_id)] == ["A note to keep"]
    assert await column_values(app, "reflections", "user_id") == []  # given on the first day: gone too
    payloads = " ".join(await column_values(app, "outbox", "payload"))
    assert "Early words" not in payloads and "Later words" in payloads
    logged = caplog.text
    assert "purged 2" in logged and "Early" not in logged  # a count, never content

    assert await purge_expired(app) == 0  # nothing left to do


async def test_the_server_cap_wins_when_shorter(app, clock):
    await setup_answers(app, clock)
    app.config = app.config.with_values(privacy__retention_days=10)
    clock.set(datetime(2026, 1, 16, 9, 0, tzinfo=timezone.utc))
    assert await purge_expired(app) == 2
    assert "10 days" in "\n".join(r.plain() for r in await run(app, actor("ann"), "privacy"))


async def test_the_scheduler_runs_the_purge_daily(app, clock):
    runner = RoundScheduler(app)
    await runner.start()
    try:
        job = runner.aps.get_job("purge")
        assert job is not None and job.trigger.interval == timedelta(days=1)
    finally:
        runner.shutdown()
    assert await runner.run_job("purge") == 0


async def posts_of_answers(app) -> dict[str, list[str]]:
    """Each answer's words -> the ids of its posts still up (named, anonymous)."""
    rows = await app.store.db.fetchall("SELECT text, post_ref, anon_ref FROM responses")
    return {r["text"]: [ref for ref in (r["post_ref"], r["anon_ref"]) if ref] for r in rows}


async def test_the_posts_of_the_answers_it_deletes_come_down_too(app, clock, caplog):
    mia, ann, bob = actor("mia", moderator=True), actor("ann"), actor("bob")
    await create_schedule(app, mia)
    for who in (ann, bob):
        await run(app, who, "checkin join", schedule="mornings")
    runner = RoundScheduler(app)
    await answer_day(app, runner, clock, 0, [(ann, "shared", "Early words"), (bob, "anonymous", "Early unnamed"),
                                             (mia, "private", "Early private"),
                                             (actor("cy"), "anonymous", "Cy unnamed"),  # (three go up together)
                                             (actor("dee"), "anonymous", "Dee unnamed")])
    await answer_day(app, runner, clock, 21, [(ann, "shared", "Later words")])
    await run(app, mia, "mod settings", key="retention_days", value="30")
    posts = await posts_of_answers(app)
    assert len(posts["Early words"]) == len(posts["Early unnamed"]) == len(posts["Later words"]) == 1
    assert not posts["Early private"]  # (never posted: nothing to take down)
    summaries = [d.ref for d in app.sent if d.kind == "edit"]  # round posts edited into their summaries

    clock.set(datetime(2026, 2, 5, 12, 0, tzinfo=timezone.utc))  # 31 days after the first round
    caplog.set_level(logging.INFO)
    assert await purge_expired(app) == 5
    await app.outbox.drain_all()
    deletes = [d for d in app.sent if d.kind == "delete"]
    assert sorted(d.ref for d in deletes) == sorted(posts["Early words"] + posts["Early unnamed"]
                                                    + posts["Cy unnamed"] + posts["Dee unnamed"])
    assert all(d.channel == "console:general" for d in deletes)
    assert not {d.ref for d in deletes} & set(summaries)  # round posts and summaries (counts) stay
    assert await posts_of_answers(app) == {"Later words": posts["Later words"]}
    assert "4 post(s) to take down" in caplog.text and "Early" not in caplog.text

    assert await purge_expired(app) == 0  # nothing left, and nothing taken down twice
    await app.outbox.drain_all()
    assert len([d for d in app.sent if d.kind == "delete"]) == 4


async def test_many_old_answers_go_in_slices_each_with_its_posts_paced_out(app, clock):
    """A long backlog: a transaction per slice, progress after each, and each slice's removals due a while
    after the last one's, so what people are waiting for is sent first."""
    mia = actor("mia", moderator=True)
    members = [actor(f"m{i}") for i in range(5)]
    await create_schedule(app, mia)
    for who in members:
        await run(app, who, "checkin join", schedule="mornings")
    runner = RoundScheduler(app)
    await answer_day(app, runner, clock, 0, [(who, "shared", f"Words {i}") for i, who in enumerate(members)])
    await answer_day(app, runner, clock, 1, [(members[0], "shared", "Kept")])
    refs = {ref for words, found in (await posts_of_answers(app)).items() if words != "Kept" for ref in found}
    assert len(refs) == 5

    now = datetime(2026, 1, 20, 12, 0, tzinfo=timezone.utc)
    heard = []
    gone = await app.store.purge_community(members[0].community_id, datetime(2026, 1, 6, tzinfo=timezone.utc), now,
                                           per_slice=2, spacing=timedelta(minutes=3), progress=heard.append)
    assert (gone.answers, gone.posts) == (5, 5)
    assert [(p.answers, p.posts) for p in heard] == [(2, 2), (4, 4)]  # the last slice (1) ends it
    due = await app.store.db.fetchall("SELECT target, next_attempt_at FROM outbox WHERE kind = 'delete' "
                                      "AND status = 'pending' ORDER BY id")
    assert sorted(json.loads(r["target"])["ref"] for r in due) == sorted(refs)
    assert [r["next_attempt_at"][:16] for r in due] == ["2026-01-20T12:00"] * 2 + ["2026-01-20T12:03"] * 2 + [
        "2026-01-20T12:06"]
    assert set(await posts_of_answers(app)) == {"Kept"}
    clock.set(now + timedelta(minutes=7))
    await app.outbox.drain_all()
    assert sorted(d.ref for d in app.sent if d.kind == "delete") == sorted(refs)
