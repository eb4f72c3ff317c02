"""A shared answer Slack won't let Hearth post in the round's thread (not_in_channel): the member is told privately,
without their words, and `me history` says "not posted", not "shared" (`bot.engines.rounds.refused_notes`)."""

from __future__ import annotations

import json
from datetime import datetime, timezone

from bot.scheduling.runner import RoundScheduler
from tests.adapters.slack.conftest import ANN, texts
from tests.adapters.slack.test_member import reply_to
from tests.adapters.slack.test_round import create_schedule_in_modal, mood_buttons


async def _answered_shared_while_refused(app, clock, fake, side, error: str) -> tuple[int, str]:
    """A round open, and Ann's answer "Good coffee" sent shared while Slack refuses the next post (the answer's, in
    the round's thread) with `error`: the form submission's status and body."""
    await create_schedule_in_modal(app, fake, side)
    await reply_to(fake, side, ANN, "checkin join mornings")
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    assert (await RoundScheduler(app).run_pending())["opened"] == 1
    await app.outbox.drain_all()
    [round_post] = [p for p in fake.called("chat.postMessage") if p["channel"] == "C0GENERAL"]
    before = len(fake.called("views.open"))
    await side.click(ANN, mood_buttons(round_post)["Good"], message={"ts": fake.ts_of(round_post)}, channel="C0GENERAL")
    form = (await fake.wait_for("views.open", before + 1))[-1]["view"]
    fake.fail("chat.postMessage", error=error)
    return await side.submit(ANN, form, {"words": "Good coffee", "visibility": "shared"})


async def test_a_shared_answer_slack_refuses_to_post_is_told_and_history_says_not_posted(app, clock, fake, side):
    status, body = await _answered_shared_while_refused(app, clock, fake, side, "not_in_channel")
    assert status == 200 and "shared with the group" in texts(json.loads(body)["view"]["blocks"])
    await app.outbox.drain_all()

    assert not [p for p in fake.called("chat.postMessage") if p.get("thread_ts")]
    told = [texts(p["blocks"]) for p in fake.called("chat.postMessage")
            if p["channel"] == "DANN" and "wasn't posted to the group" in texts(p["blocks"])]
    assert len(told) == 1 and "Nobody else saw it" in told[0] and "Good coffee" not in told[0]
    history = texts((await reply_to(fake, side, ANN, "me history"))["blocks"])
    assert "shared, not posted" in history and "Good coffee" in history


async def test_a_shared_answer_slack_refuses_for_another_reason_is_told_without_one(app, clock, fake, side):
    """A refusal that isn't about Hearth being let post there (msg_too_long): told, but no reason claimed."""
    status, _body = await _answered_shared_while_refused(app, clock, fake, side, "msg_too_long")
    assert status == 200
    await app.outbox.drain_all()

    assert not [p for p in fake.called("chat.postMessage") if p.get("thread_ts")]
    told = [texts(p["blocks"]) for p in fake.called("chat.postMessage")
            if p["channel"] == "DANN" and "couldn't post your answer" in texts(p["blocks"])]
    assert len(told) == 1 and "nobody else saw it" in told[0] and "Good coffee" not in told[0]
    assert "permission" not in told[0] and "didn't let" not in told[0]
    history = texts((await reply_to(fake, side, ANN, "me history"))["blocks"])
    assert "shared, not posted" in history


def test_only_slacks_errors_about_being_let_post_there_say_so():
    from types import SimpleNamespace

    from slack_sdk.errors import SlackApiError

    from adapters.slack.sender import classify
    from bot.delivery.sender import PermanentFailure

    def failure(code: str) -> PermanentFailure:
        err = SlackApiError(code, SimpleNamespace(status_code=200, data={"ok": False, "error": code}, headers={}))
        problem = classify(err)
        assert isinstance(problem, PermanentFailure)
        return problem

    for code in ("not_in_channel", "is_archived", "restricted_action", "restricted_action_read_only_channel"):
        assert failure(code).not_allowed, code
    for code in ("msg_too_long", "invalid_blocks", "channel_not_found", "token_revoked", "missing_scope", "no_text"):
        assert not failure(code).not_allowed, code
