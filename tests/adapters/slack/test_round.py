"""A whole scheduled round in Slack: configured in a modal, posted, answered three ways, closed."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from bot.scheduling.runner import RoundScheduler
from tests.adapters.slack.conftest import ANN, BOB, CY, DEE, MOD, buttons, texts

TEAM = "slack:T0001"


def mood_buttons(message):
    """The five mood buttons by their word (labels carry an emoji first)."""
    return {label.split()[-1]: b for label, b in buttons(message["blocks"]).items()}


async def create_schedule_in_modal(app, fake, side, name="mornings", **values):
    await side.command(MOD, "mod schedule create")
    [opened] = await fake.wait_for("views.open")
    form = opened["view"]
    fields = {b["block_id"]: b for b in form["blocks"] if b["type"] == "input"}
    assert fields["channel"]["element"]["type"] == "conversations_select"
    assert fields["timezone"]["element"]["initial_value"] == "Europe/London"  # the moderator's Slack timezone
    status, body = await side.submit(MOD, form, {"name": name, "channel": "C0GENERAL", "when": "weekdays 09:00",
                                                 "open": "2h", "remind": "30m", **values})
    assert status == 200
    ack = json.loads(body)
    assert ack["response_action"] == "update"
    preview = ack["view"]
    assert "Next three" in texts(preview["blocks"])
    assert "Mon 5 Jan" in texts(preview["blocks"]) or "5 Jan" in texts(preview["blocks"])
    await side.click(MOD, buttons(preview["blocks"])["Save"], view={**preview, "id": form["id"]})
    [updated] = await fake.wait_for("views.update")
    assert updated["view_id"] == form["id"]
    assert "Created" in texts(updated["view"]["blocks"])
    return await app.store.schedules.find(TEAM, name)


async def test_round_posted_answered_three_ways_and_closed(app, clock, fake, side):
    schedule = await create_schedule_in_modal(app, fake, side)
    assert schedule is not None and schedule.channel_id == "slack:C0GENERAL"
    for user in (ANN, BOB, CY, DEE):
        await side.command(user, "checkin join mornings reminders=yes")
    await fake.wait_for("response_url", 4)

    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    assert (await RoundScheduler(app).run_pending())["opened"] == 1
    result = await app.outbox.drain_all()
    assert result.failed == 0
    posts = fake.called("chat.postMessage")
    [round_post] = [p for p in posts if p["channel"] == "C0GENERAL"]
    assert "mornings" in texts(round_post["blocks"])
    moods = mood_buttons(round_post)
    assert list(moods) == ["Rough", "Low", "Okay", "Good", "Great"]
    dms = {p["channel"]: p for p in posts if p["channel"].startswith("D")}
    assert set(dms) == {"DANN", "DBOB", "DCY", "DDEE"}
    # each DM speaks the member's own (Slack) timezone: closes 11:00 UTC
    assert "at 06:00" in texts(dms["DANN"]["blocks"])  # New York
    assert "at 12:00" in texts(dms["DBOB"]["blocks"])  # Berlin
    assert "at 20:00" in texts(dms["DCY"]["blocks"])  # Tokyo
    post_ts = fake.ts_of(round_post)  # (it and the DMs go out together, in any order)
    assert (await app.store.rounds.latest(schedule.id)).post_ref == post_ts

    async def answer(user, mood_label, words, visibility, message=None, channel="C0GENERAL"):
        before = len(fake.called("views.open"))
        await side.click(user, moods[mood_label] if message is None else mood_buttons(message)[mood_label],
                         message={"ts": post_ts}, channel=channel)
        opened = await fake.wait_for("views.open", before + 1)
        form = opened[-1]["view"]
        status, body = await side.submit(user, form, {"words": words, "visibility": visibility})
        assert status == 200
        return form, json.loads(body)

    form, ack = await answer(ANN, "Good", "Good coffee <!channel> <@UMIA> <http://evil.example|free>", "shared")
    assert "Thanks for checking in" in texts(ack["view"]["blocks"])
    mood_field = next(b for b in form["blocks"] if b.get("block_id") == "mood")
    assert mood_field["element"]["initial_option"]["value"] == "4"
    await answer(BOB, "Low", "Tired", "anonymous", message=dms["DBOB"], channel="DBOB")
    await answer(CY, "Great", "secret words", "private")
    await app.outbox.drain_all()

    threads = [p for p in fake.called("chat.postMessage") if p.get("thread_ts")]
    # Ann's, named, at once; Bob's anonymous words wait to go up with others' (here: none, so never).
    assert len(threads) == 1 and all(t["thread_ts"] == post_ts and t["channel"] == "C0GENERAL" for t in threads)
    ann = texts(threads[0]["blocks"])
    assert "Ann" in ann and "Good coffee <!channel> <@UMIA> <http://evil.example|free>" in ann  # (never parsed)
    assert "<!channel>" not in fake.parsed_texts() and "<@UMIA>" not in fake.parsed_texts()
    assert "secret words" not in fake.sent_texts()  # private: shown to nobody, anywhere

    # Ann changes her answer while the round is open: her thread reply is edited, not duplicated.
    form, ack = await answer(ANN, "Great", "Actually, great coffee", "shared")
    words_field = next(b for b in form["blocks"] if b.get("block_id") == "words")
    assert words_field["element"]["initial_value"].startswith("Good coffee")
    assert "Updated" in texts(ack["view"]["blocks"])
    await app.outbox.drain_all()
    [edit] = fake.called("chat.update")
    assert "Actually, great coffee" in texts(edit["blocks"])
    assert len([p for p in fake.called("chat.postMessage") if p.get("thread_ts")]) == 1
    assert edit["channel"] == "C0GENERAL" and edit["ts"] not in (post_ts, None)

    # Reminders go to those who asked and haven't answered, in their timezone.
    runner = RoundScheduler(app)
    clock.advance(timedelta(minutes=95))
    await runner.sweep()
    await app.outbox.drain_all()
    reminders = [p for p in fake.called("chat.postMessage") if "nudge" in texts(p["blocks"])]
    assert [p["channel"] for p in reminders] == ["DDEE"]

    # Closing edits the round post into its summary, without the mood buttons.
    clock.advance(timedelta(minutes=30))
    await runner.sweep()
    await app.outbox.drain_all()
    summary = [p for p in fake.called("chat.update") if p["ts"] == post_ts]
    assert len(summary) == 1
    assert "has closed" in texts(summary[0]["blocks"]) and "3" in texts(summary[0]["blocks"])
    assert mood_buttons(summary[0]) == {}
    assert "Ann" not in texts(summary[0]["blocks"])
    # Bob's were the only anonymous words: alone they would be his, so they never went up.
    assert len([p for p in fake.called("chat.postMessage") if p.get("thread_ts")]) == 1
    assert "Tired" not in fake.sent_texts()


async def test_answer_from_slash_command_and_closed_round(app, clock, fake, side):
    await create_schedule_in_modal(app, fake, side)
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    await RoundScheduler(app).run_pending()
    await app.outbox.drain_all()
    await side.command(DEE, "checkin answer 3 private okay-ish")
    [reply] = await fake.wait_for("response_url", where=lambda p: "Thanks" in texts(p.get("blocks", [])))
    assert "kept private" in texts(reply["blocks"])
    # a mood button pressed after the round closed says so, kindly
    clock.advance(timedelta(hours=3))
    await RoundScheduler(app).sweep()
    await app.outbox.drain_all()
    [post] = [p for p in fake.called("chat.postMessage") if p["channel"] == "C0GENERAL"]
    await side.click(DEE, mood_buttons(post)["Okay"])
    [closed] = await fake.wait_for("response_url", where=lambda p: "closed" in texts(p.get("blocks", [])))
    assert closed["response_type"] == "ephemeral"


async def test_times_a_round_post_in_slacks_date_token_and_a_dm_in_the_members_zone(app, clock, fake, side):
    await create_schedule_in_modal(app, fake, side)  # weekdays 09:00 Europe/London, open 2h
    await side.command(ANN, "checkin join mornings")
    await fake.wait_for("response_url")
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    await RoundScheduler(app).run_pending()
    await app.outbox.drain_all()
    posts = fake.called("chat.postMessage")
    [round_post] = [p for p in posts if p["channel"] == "C0GENERAL"]
    closes = int(datetime(2026, 1, 5, 11, 0, tzinfo=timezone.utc).timestamp())
    token = f"<!date^{closes}^{{time}}|11:00 (Europe/London)>"
    assert token in texts(round_post["blocks"]) and token in round_post["text"]
    [dm] = [p for p in posts if p["channel"] == "DANN"]
    assert "at 06:00 (America/New_York)" in texts(dm["blocks"]) and "<!date" not in texts(dm["blocks"])


async def test_going_anonymous_takes_the_named_reply_down_and_the_words_go_up_in_a_batch(app, clock, fake, side):
    await create_schedule_in_modal(app, fake, side)
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    await RoundScheduler(app).run_pending()
    await app.outbox.drain_all()

    async def answer(user: str, line: str) -> None:
        before = len(fake.called("response_url"))
        await side.command(user, f"checkin answer {line}")
        await fake.wait_for("response_url", before + 1)
        await app.outbox.drain_all()

    def thread_posts() -> list[dict]:
        return [p for p in fake.called("chat.postMessage") if p.get("thread_ts")]

    await answer(ANN, "2 shared Rough night")
    [named] = thread_posts()
    assert "Ann" in texts(named["blocks"])
    named_ts = fake.ts_of(named)
    await answer(ANN, "4 anonymous Better now")
    assert fake.called("chat.delete") == []  # it comes down with the words' batch, not before
    assert fake.called("chat.update") == []  # never edited into "Someone"
    await answer(BOB, "3 anonymous Fine")
    assert len(thread_posts()) == 1 and fake.called("chat.delete") == []
    await answer(CY, "5 anonymous Great")
    assert fake.called("chat.delete") == [{"channel": "C0GENERAL", "ts": named_ts}]
    batch = [texts(p["blocks"]) for p in thread_posts()[1:]]
    assert len(batch) == 3 and all("Someone" in t for t in batch)
    assert any("Better now" in t for t in batch)
    assert not any(name in t for t in batch for name in ("Ann", "Bob", "Cy"))
