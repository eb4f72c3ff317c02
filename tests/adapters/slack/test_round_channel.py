"""On Slack a message is edited or deleted only in its own channel (`chat.update`, `chat.delete`): a round
whose schedule moved to another channel keeps talking to the channel it was posted in. The fake Slack finds
a message only there, as Slack does, so a call to the schedule's new channel would leave the old post up."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bot.scheduling.runner import RoundScheduler
from tests.adapters.slack.conftest import ANN, BOB, MOD, buttons, texts
from tests.adapters.slack.test_member import make_schedule, reply_to

TEAM = "slack:T0001"


def posted(fake, channel: str) -> dict[str, dict]:
    """What is up in a channel now, by ts."""
    return {m["ts"]: m for m in fake.history.get(channel, [])}


async def move_to(fake, side, app, channel: str) -> None:
    fake.add_channel(channel, "other")  # another channel of the same workspace
    preview = await reply_to(fake, side, MOD, f"mod schedule edit mornings channel=<#{channel}|other>")
    await side.click(MOD, buttons(preview["blocks"])["Save"], ephemeral=True)
    await fake.wait_for("response_url", where=lambda p: "Saved changes" in texts(p.get("blocks", [])))
    assert (await app.store.schedules.find(TEAM, "mornings")).channel_id == f"slack:{channel}"


async def test_a_moved_schedules_open_round_is_edited_closed_and_cleared_where_it_was_posted(app, clock, fake, side):
    await make_schedule(side, fake)
    for user in (ANN, BOB):
        await reply_to(fake, side, user, "checkin join mornings")
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    await RoundScheduler(app).run_pending()
    await reply_to(fake, side, ANN, "checkin answer 4 shared Good coffee")
    await reply_to(fake, side, BOB, "checkin answer 2 shared Tired")
    assert (await app.outbox.drain_all()).failed == 0
    [round_ts] = [ts for ts, m in posted(fake, "C0GENERAL").items() if "thread_ts" not in m]
    answers = {m["text"]: ts for ts, m in posted(fake, "C0GENERAL").items() if m.get("thread_ts") == round_ts}
    [ann_ts] = [ts for words, ts in answers.items() if "Good coffee" in words]
    [bob_ts] = [ts for words, ts in answers.items() if "Tired" in words]

    await move_to(fake, side, app, "C0OTHER")
    await reply_to(fake, side, ANN, "checkin answer 5 shared Better coffee")  # edits her post
    await reply_to(fake, side, BOB, "checkin answer 2 private")  # his named post comes down
    assert (await app.outbox.drain_all()).failed == 0
    up = posted(fake, "C0GENERAL")
    assert "Better coffee" in up[ann_ts]["text"] and bob_ts not in up

    clock.advance(timedelta(hours=3))
    await RoundScheduler(app).sweep()  # the close: the round's post becomes its summary
    assert (await app.outbox.drain_all()).failed == 0
    summary = posted(fake, "C0GENERAL")[round_ts]
    assert "has closed" in summary["text"]

    ask = await reply_to(fake, side, ANN, "me delete")
    await side.click(ANN, buttons(ask["blocks"])["Yes, go ahead"], ephemeral=True)
    await fake.wait_for("response_url", where=lambda p: "Done." in texts(p.get("blocks", [])))
    assert (await app.outbox.drain_all()).failed == 0
    assert ann_ts not in posted(fake, "C0GENERAL")  # taken down where it was
    assert {c["channel"] for c in fake.called("chat.update") + fake.called("chat.delete")} == {"C0GENERAL"}
    assert "C0OTHER" not in fake.history


async def test_deleting_a_moved_schedule_closes_its_open_round_where_it_was_posted(app, clock, fake, side):
    await make_schedule(side, fake)
    await reply_to(fake, side, ANN, "checkin join mornings")
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    await RoundScheduler(app).run_pending()
    await reply_to(fake, side, ANN, "checkin answer 4 shared Good coffee")
    assert (await app.outbox.drain_all()).failed == 0
    [round_ts] = [ts for ts, m in posted(fake, "C0GENERAL").items() if "thread_ts" not in m]
    await move_to(fake, side, app, "C0OTHER")

    ask = await reply_to(fake, side, MOD, "mod schedule delete mornings")
    await side.click(MOD, buttons(ask["blocks"])["Yes, go ahead"], ephemeral=True)
    await fake.wait_for("response_url", where=lambda p: "Deleted *mornings*" in texts(p.get("blocks", [])))
    assert (await app.outbox.drain_all()).failed == 0
    assert list(posted(fake, "C0GENERAL")) == [round_ts]  # the answer's post is down
    assert "A moderator deleted this check-in" in posted(fake, "C0GENERAL")[round_ts]["text"]
    assert {c["channel"] for c in fake.called("chat.update") + fake.called("chat.delete")} == {"C0GENERAL"}
