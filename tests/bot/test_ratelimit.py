"""Per-member rate limits: a kind word once, then a short one for each refused event, then back to normal."""

from __future__ import annotations

from datetime import timedelta

from bot.clock import ManualClock
from bot.ratelimit import MemberRateLimiter
from tests.conftest import actor, run, text


async def test_the_21st_event_in_a_minute_gets_a_kind_word_then_a_short_one(app, clock):
    ann, bob = actor("ann"), actor("bob")
    for _ in range(20):
        assert "minute" not in text(await run(app, ann, "checkin list"))
    refused = await run(app, ann, "checkin list")
    assert "a minute" in text(refused) and "try it again" in text(refused)
    [again] = await run(app, ann, "checkin list")  # never silence: each refused event is answered
    assert again.error and "Still paused" in again.plain()
    assert "no check-ins here yet" in text(await run(app, bob, "checkin list"))  # others are not affected
    clock.advance(timedelta(seconds=61))
    assert "minute" not in text(await run(app, ann, "checkin list"))


async def test_refused_events_do_nothing(app, clock):
    ann = actor("ann")
    for _ in range(20):
        await run(app, ann, "reflect")
    await run(app, ann, "note", text="should not be kept")
    assert await app.store.notes.of_member(ann.community_id, ann.user_id) == []


def test_limit_is_a_sliding_window():
    clock = ManualClock()
    limiter = MemberRateLimiter(clock, limit=3)
    for _ in range(3):
        assert limiter.check("c", "u") == "ok"
        clock.advance(timedelta(seconds=20))
    # the first event is now 60 s old and has left the window
    assert limiter.check("c", "u") == "ok"
    assert limiter.check("c", "u") == "first_refusal"
    assert limiter.check("c", "other") == "ok"
    assert limiter.check("elsewhere", "u") == "ok"


def test_the_limit_comes_from_config(tmp_path):
    from bot.config import load

    config = load(env={"HEARTH_DATA_DIR": str(tmp_path)})
    assert config["limits.events_per_minute"] == 20


def test_a_wall_clock_set_back_neither_locks_a_member_out_nor_lets_them_flood():
    """Windows run on the process's own monotonic time, not on a wall clock an NTP step can move."""
    clock = ManualClock()
    limiter = MemberRateLimiter(clock, limit=3)
    for _ in range(3):
        assert limiter.check("c", "u") == "ok"
    clock.jump(timedelta(hours=-2))  # the wall clock is set back; no time has passed
    assert limiter.check("c", "u") == "first_refusal"  # no flood: the three events are still in the window
    assert limiter.check("c", "u") == "refused"
    clock.advance(timedelta(seconds=61))  # a minute really passes
    assert limiter.check("c", "u") == "ok"  # not locked out for the two hours the wall clock went back


def test_a_wall_clock_set_forward_does_not_empty_the_window():
    clock = ManualClock()
    limiter = MemberRateLimiter(clock, limit=3)
    for _ in range(3):
        assert limiter.check("c", "u") == "ok"
    clock.jump(timedelta(hours=2))
    assert limiter.check("c", "u") == "first_refusal"


def test_a_dashboard_session_has_a_budget_of_its_own():
    """Changes made on the dashboard and words typed in chat don't use up each other's budget."""
    clock = ManualClock()
    limiter = MemberRateLimiter(clock, limit=3)
    for _ in range(3):
        assert limiter.check("c", "u") == "ok"
    assert limiter.check("c", "u") == "first_refusal"  # chat is spent
    for _ in range(3):
        assert limiter.check("c", "u", session="s1") == "ok"  # the page isn't
    assert limiter.check("c", "u", session="s1") == "first_refusal"
    assert limiter.check("c", "u", session="s1") == "refused"
    assert limiter.check("c", "u") == "refused"  # (nor did the page give chat any back)
    clock.advance(timedelta(seconds=61))
    assert limiter.check("c", "u", session="s1") == "ok" and limiter.check("c", "u") == "ok"


def test_more_sessions_do_not_open_more():
    """A person's sessions together are at most `SESSIONS_TOGETHER` sessions' worth; a refusal spends nothing."""
    from bot.ratelimit import SESSIONS_TOGETHER

    clock = ManualClock()
    limiter = MemberRateLimiter(clock, limit=3)
    verdicts = [limiter.check("c", "u", session=f"s{i}") for i in range(10) for _ in range(3)]
    assert verdicts.count("ok") == SESSIONS_TOGETHER * 3 == 6
    assert verdicts[:6] == ["ok"] * 6 and "ok" not in verdicts[6:]
    assert limiter.check("c", "other", session="s9") == "ok"  # another person's are their own
    assert limiter.check("elsewhere", "u", session="s9") == "ok"  # and so are the person's in another community
    clock.advance(timedelta(seconds=61))
    assert [limiter.check("c", "u", session="s0") for _ in range(4)] == ["ok", "ok", "ok", "first_refusal"]
    # s0's refused fourth spent nothing of the person's: s1 has the rest
    assert [limiter.check("c", "u", session="s1") for _ in range(4)] == ["ok", "ok", "ok", "first_refusal"]


def test_the_terminals_own_keyboard_is_unpaced_but_its_dashboard_sessions_are_not():
    clock = ManualClock()
    limiter = MemberRateLimiter(clock, limit=3, exempt={"console"})
    assert all(limiter.check("c", "console:ann") == "ok" for _ in range(10))
    assert [limiter.check("c", "console:ann", session="s") for _ in range(4)][-1] == "first_refusal"


def test_it_says_how_long_until_a_refused_person_may_act_again():
    """The wait is the oldest counted event leaving the window, for the tightest of the windows an event spends
    (a dashboard session's own, and all of that person's sessions together); asking spends nothing."""
    clock = ManualClock()
    limiter = MemberRateLimiter(clock, limit=2)
    assert limiter.wait("c", "u") == 0
    limiter.check("c", "u")
    clock.advance(timedelta(seconds=15))
    limiter.check("c", "u")
    assert limiter.check("c", "u") == "first_refusal"
    assert limiter.wait("c", "u") == 45  # the first event leaves the minute in 45 s
    assert limiter.wait("c", "u") == 45  # (asking spent nothing)
    clock.advance(timedelta(seconds=45))
    assert limiter.wait("c", "u") == 0 and limiter.check("c", "u") == "ok"
    for session in ("s1", "s1", "s2", "s2"):
        assert limiter.check("c", "u", session) == "ok"
        clock.advance(timedelta(seconds=10))
    assert limiter.check("c", "u", "s3") == "first_refusal"  # s3 has room of its own, but the four together don't
    assert limiter.wait("c", "u", "s3") == 20 and limiter.wait("c", "u", "s1") == 20
    limiter.exempt.add("console")
    assert limiter.wait("c", "console:u") == 0


async def test_a_refusal_for_pace_says_how_long_to_wait(app, clock):
    ann = actor("ann")
    for _ in range(20):
        await run(app, ann, "checkin list")
    clock.advance(timedelta(seconds=30))
    [refused] = await run(app, ann, "checkin list")
    assert refused.error and refused.retry_after == 30
    [ok] = await run(app, actor("bob"), "checkin list")
    assert ok.retry_after is None
