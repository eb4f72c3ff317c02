"""A member's data on Slack: deleting it takes their answer's post down; exports arrive as files."""

from __future__ import annotations

import json
from datetime import datetime, timezone

from bot.content.packs import parse_pack
from bot.scheduling.runner import RoundScheduler
from bot.store import member_data
from tests.adapters.slack.conftest import ANN, MOD, buttons, texts
from tests.adapters.slack.test_member import make_schedule, reply_to
from tests.adapters.slack.test_round import mood_buttons


async def share_an_answer(app, clock, fake, side, user: str, words: str) -> tuple[dict, dict]:
    """`user` answers this morning's round, shared: returns the round post and the reply in its thread."""
    await reply_to(fake, side, user, "checkin join mornings")
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    await RoundScheduler(app).run_pending()
    await app.outbox.drain_all()
    [post] = [p for p in fake.called("chat.postMessage") if p["channel"] == "C0GENERAL"]
    post_ts = (await app.store.rounds.latest((await app.store.schedules.find("slack:T0001", "mornings")).id)).post_ref
    await side.click(user, mood_buttons(post)["Good"], message={"ts": post_ts})
    [opened] = await fake.wait_for("views.open")
    status, body = await side.submit(user, opened["view"], {"words": words, "visibility": "shared"})
    assert "Thanks for checking in" in texts(json.loads(body)["view"]["blocks"])
    await app.outbox.drain_all()
    [reply] = [p for p in fake.called("chat.postMessage") if p.get("thread_ts") == post_ts]
    return {**post, "ts": post_ts}, reply


async def test_me_delete_takes_the_answers_post_down(app, clock, fake, side):
    await make_schedule(side, fake)
    post, reply = await share_an_answer(app, clock, fake, side, ANN, "Slept well for once")
    reply_ts = fake.ts_of(reply)

    ask = await reply_to(fake, side, ANN, "me delete")
    assert "Are you sure?" in texts(ask["blocks"])
    await side.click(ANN, buttons(ask["blocks"])["Yes, go ahead"], ephemeral=True)
    [done] = await fake.wait_for("response_url", where=lambda p: "Done." in texts(p.get("blocks", [])))
    assert "taking down 1 post" in texts(done["blocks"])
    result = await app.outbox.drain_all()
    assert result.failed == 0

    [deleted] = fake.called("chat.delete")
    assert deleted == {"channel": "C0GENERAL", "ts": reply_ts}
    assert reply_ts != post["ts"]  # the answer's reply, not the round post
    held = await member_data.summary(app.store, "slack:T0001", "slack:UANN")
    assert sum(held.answers.values()) == 0


async def test_me_export_arrives_in_the_members_dm_as_json(app, clock, fake, side):
    await make_schedule(side, fake)
    await share_an_answer(app, clock, fake, side, ANN, "Slept well for once")
    await side.command(ANN, "me export")
    [upload] = await fake.wait_for("files.completeUploadExternal")
    assert upload["channel_id"] == "DANN"
    [asked] = fake.called("files.getUploadURLExternal")
    assert asked["filename"] == "hearth-export-2026-01-05.json"
    data = json.loads(fake.uploads[upload["files"][0]["id"]])
    assert "Slept well for once" in json.dumps(data, ensure_ascii=False)


async def test_mod_pack_export_arrives_in_the_moderators_dm_as_a_pack(app, fake, side):
    ask = await reply_to(fake, side, MOD, "mod prompt add checkin appreciation light Who made your week <!here> "
                                          "easier?")
    assert "holds “@here”" in texts(ask["blocks"])  # a mention: said, and asked before it is saved
    await side.click(MOD, buttons(ask["blocks"])["Yes, go ahead"], ephemeral=True)
    await fake.wait_for("response_url", where=lambda p: "Added" in texts(p.get("blocks", [])))
    added = await reply_to(fake, side, MOD, "mod prompt add reflection listening medium When did someone last hear "
                                            "you?")
    assert "Added" in texts(added["blocks"])
    reply = await reply_to(fake, side, MOD, "mod pack export")
    assert "*2* prompts" in texts(reply["blocks"])
    [upload] = await fake.wait_for("files.completeUploadExternal")
    assert upload["channel_id"] == "DMIA"  # the moderator's DM, never the channel
    [asked] = fake.called("files.getUploadURLExternal")
    assert asked["filename"] == "slack-t0001-prompts.toml"
    pack = parse_pack(fake.uploads[upload["files"][0]["id"]].decode("utf-8"), asked["filename"])
    assert [(p.kind, p.text) for p in pack.prompts] == [
        ("checkin", "Who made your week @here easier?"), ("reflection", "When did someone last hear you?")]


async def test_deleting_the_schedule_mid_round_closes_its_post_and_takes_the_answers_down(app, clock, fake, side):
    await make_schedule(side, fake)
    post, reply = await share_an_answer(app, clock, fake, side, ANN, "Slept well for once")
    reply_ts = fake.ts_of(reply)

    ask = await reply_to(fake, side, MOD, "mod schedule delete mornings")
    assert "takes down the posts of shared and anonymous answers" in texts(ask["blocks"])
    await side.click(MOD, buttons(ask["blocks"])["Yes, go ahead"], ephemeral=True)
    [done] = await fake.wait_for("response_url", where=lambda p: "Deleted" in texts(p.get("blocks", [])))
    assert "taking down 1 post" in texts(done["blocks"])
    result = await app.outbox.drain_all()
    assert result.failed == 0

    [closed] = [p for p in fake.called("chat.update") if p["ts"] == post["ts"]]
    assert mood_buttons(closed) == {} and "A moderator deleted this check-in" in texts(closed["blocks"])
    assert fake.called("chat.delete") == [{"channel": "C0GENERAL", "ts": reply_ts}]

    ask = await reply_to(fake, side, ANN, "me delete")
    await side.click(ANN, buttons(ask["blocks"])["Yes, go ahead"], ephemeral=True)
    [done] = await fake.wait_for("response_url", where=lambda p: "Done." in texts(p.get("blocks", [])))
    assert "taking down" not in texts(done["blocks"])  # nothing of hers is left up


async def test_yes_pressed_twice_deletes_once_and_the_first_answer_stays(app, clock, fake, side):
    """A double click on "Yes, go ahead": the first press's answer replaces the question; the second is said
    beside it (never replacing it, never as a refusal), and nothing is done twice."""
    await reply_to(fake, side, ANN, "note keep this")
    ask = await reply_to(fake, side, ANN, "me delete")
    yes = buttons(ask["blocks"])["Yes, go ahead"]
    await side.click(ANN, yes, ephemeral=True)
    [done] = await fake.wait_for("response_url", where=lambda p: "Done." in texts(p.get("blocks", [])))
    await side.click(ANN, yes, ephemeral=True)
    [again] = await fake.wait_for("response_url", where=lambda p: "already pressed" in texts(p.get("blocks", [])))
    assert done["replace_original"] is True and again["replace_original"] is False
    assert "didn't do it a second time" in texts(again["blocks"]) and "Sorry" not in texts(again["blocks"])
