"""Ann's shared answer is up in the round's thread. She changes her words and Slack won't let Hearth edit the post
(is_archived): she is told privately, without her words, that it still shows her earlier ones, and `me history` says
so. She runs `me delete`, and Slack won't delete it either: she is told it is still up, naming the channel. A post
already gone (message_not_found) is done: nothing is said. (`bot.engines.rounds.change_refused_notes`)"""

from __future__ import annotations

from datetime import datetime, timezone

from bot.scheduling.runner import RoundScheduler
from tests.adapters.slack.conftest import ANN, texts
from tests.adapters.slack.test_member import reply_to
from tests.adapters.slack.test_my_data import buttons
from tests.adapters.slack.test_round import create_schedule_in_modal, mood_buttons


async def _answer(fake, side, round_post, words: str) -> None:
    before = len(fake.called("views.open"))
    await side.click(ANN, mood_buttons(round_post)["Good"], message={"ts": fake.ts_of(round_post)}, channel="C0GENERAL")
    form = (await fake.wait_for("views.open", before + 1))[-1]["view"]
    status, _body = await side.submit(ANN, form, {"words": words, "visibility": "shared"})
    assert status == 200


async def _shared_answer_up(app, clock, fake, side):
    await create_schedule_in_modal(app, fake, side)
    await reply_to(fake, side, ANN, "checkin join mornings")
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    assert (await RoundScheduler(app).run_pending())["opened"] == 1
    await app.outbox.drain_all()
    [round_post] = [p for p in fake.called("chat.postMessage") if p["channel"] == "C0GENERAL"]
    await _answer(fake, side, round_post, "Good coffee")
    await app.outbox.drain_all()
    assert [p for p in fake.called("chat.postMessage") if p.get("thread_ts") and "Good coffee" in texts(p["blocks"])]
    return round_post


def told(fake, what: str) -> list[str]:
    return [texts(p["blocks"]) for p in fake.called("chat.postMessage")
            if p["channel"] == "DANN" and what in texts(p["blocks"])]


async def _me_delete(fake, side) -> None:
    ask = await reply_to(fake, side, ANN, "me delete")
    await side.click(ANN, buttons(ask["blocks"])["Yes, go ahead"], ephemeral=True)
    [done] = await fake.wait_for("response_url", where=lambda p: "Done." in texts(p.get("blocks", [])))
    assert "I'm taking down 1 post of your answers now." in texts(done["blocks"])  # (on its way, not "taken down")


async def test_an_edit_then_a_removal_slack_refuses_are_each_told_once(app, clock, fake, side):
    round_post = await _shared_answer_up(app, clock, fake, side)
    fake.fail("chat.update", error="is_archived", times=3)
    await _answer(fake, side, round_post, "Cold coffee")
    await app.outbox.drain_all()
    [edit] = told(fake, "couldn't change the post of your answer")
    assert "still shows your earlier words" in edit and "didn't let it edit posts in that channel" in edit
    assert "coffee" not in edit
    history = texts((await reply_to(fake, side, ANN, "me history"))["blocks"])
    assert "shared, its post still shows your earlier words" in history and "Cold coffee" in history

    fake.fail("chat.delete", error="is_archived", times=3)
    await _me_delete(fake, side)
    await app.outbox.drain_all()
    [gone] = told(fake, "couldn't take down one of your posts in")
    assert "may no longer have access to that channel" in gone and "moderator can remove it" in gone
    assert "coffee" not in gone
    assert not await app.store.db.fetchall("SELECT id FROM outbox WHERE tell IS NOT NULL")
    assert fake.refused == []  # (every call as Slack defines it)


async def test_a_post_slack_says_is_already_gone_is_done_and_nothing_is_said(app, clock, fake, side):
    await _shared_answer_up(app, clock, fake, side)
    fake.fail("chat.delete", error="message_not_found")
    await _me_delete(fake, side)
    result = await app.outbox.drain_all()
    assert result.failed == 0 and told(fake, "couldn't take down") == []
    assert not await app.store.db.fetchall("SELECT id FROM outbox WHERE tell IS NOT NULL")
    assert fake.refused == []  # (every call as Slack defines it)


async def test_an_edit_of_a_post_slack_says_is_gone_tells_nothing(app, clock, fake, side):
    round_post = await _shared_answer_up(app, clock, fake, side)
    fake.fail("chat.update", error="message_not_found", times=3)
    await _answer(fake, side, round_post, "Cold coffee")
    await app.outbox.drain_all()
    assert told(fake, "Hearth couldn't") == []
    assert fake.refused == []
