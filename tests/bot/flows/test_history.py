"""`me history` says only what is true of a member's answers: none kept is not "you haven't answered"."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bot.engines.retention import purge_expired
from bot.scheduling.runner import RoundScheduler
from tests.bot.flows.test_checkin_round import create_schedule
from tests.bot.flows.test_my_data import answer_day
from tests.conftest import actor, run, text


async def test_answers_deleted_by_retention_are_never_called_never_given(app, clock):
    """An outside trial: with answers kept for 1 day, Ann answered on Tuesday; on Thursday `me history` said "You
    haven't answered any check-ins in the last 8 weeks". She had: her answers were deleted, as it now says."""
    mia, ann = actor("mia", moderator=True), actor("ann")
    await create_schedule(app, mia)
    await run(app, ann, "checkin join", schedule="mornings")
    await run(app, mia, "mod settings", key="retention_days", value="1")
    await answer_day(app, RoundScheduler(app), clock, 0, [(ann, "shared", "Hello all")])
    assert "Hello all" in text(await run(app, ann, "me history"))
    clock.set(datetime(2026, 1, 8, 12, 0, tzinfo=timezone.utc))
    assert await purge_expired(app) == 1
    said = text(await run(app, ann, "me history"))
    assert "haven't answered" not in said
    assert said == "I hold none of your check-in answers: answers here are kept for 1 day, then deleted."


async def test_a_member_with_no_answers_in_a_window_answers_are_kept_for_is_told_so_plainly(app, clock):
    assert text(await run(app, actor("bob"), "me history")) == \
        "You haven't answered any check-ins in the last 8 weeks."


async def test_a_held_answer_is_said_held_back_as_me_data_says_it_not_plain_private(app, clock):
    """`me history` said plain "private" of words Hearth held back from the post Ann chose, where `me data` and
    `me export` say they were held back: all three agree, while it waits and once its round has closed."""
    from tests.bot.flows.test_checkins import close, open_round
    from tests.bot.flows.test_crisis_care import CRISIS, offer_of

    await open_round(app, clock)
    ann = actor("ann")
    offer_of(await run(app, ann, "checkin answer", mood="2", visibility="shared", words=CRISIS))
    said = text(await run(app, ann, "me history"))
    assert "private, held back from the post you chose, waiting for your choice" in said, said
    await close(app, clock)
    said = text(await run(app, ann, "me history"))
    assert "held back from the post you chose; its round closed before you chose, so it stayed private" in said
    assert "waiting for your choice" not in said
