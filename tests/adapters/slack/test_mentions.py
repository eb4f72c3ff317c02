"""Mentions in a member's own words on Slack (`bot.commands.mentions`): kept as the person's name, never deleted,
never a raw id, and never a live ping where they are posted. Only the leading address to Hearth is dropped."""

from __future__ import annotations

import json
from datetime import datetime, timezone

from bot.scheduling.runner import RoundScheduler
from testing.fake_slack import BOT_USER
from tests.adapters.slack.conftest import ANN, BOB, MOD, texts
from tests.adapters.slack.test_round import create_schedule_in_modal, mood_buttons

TEAM = "slack:T0001"


async def notes_of(app, user):
    return [n.text for n in await app.store.notes.of_member(TEAM, f"slack:{user}")]


async def test_a_slash_note_keeps_the_name_slack_wrote_in_the_mention(app, fake, side):
    await side.command(ANN, "note I fought with <@UBOB|bobby> again")
    await fake.wait_for("response_url", where=lambda p: "Kept" in texts(p.get("blocks", [])))
    assert await notes_of(app, ANN) == ["I fought with @bobby again"]


async def test_a_mention_without_a_name_is_asked_of_slack_and_one_it_cant_name_is_someone(app, fake, side):
    await side.command(ANN, "note <@UBOB> and <@UNOBODY> came")
    await fake.wait_for("response_url", where=lambda p: "Kept" in texts(p.get("blocks", [])))
    assert await notes_of(app, ANN) == ["@Bob and @someone came"]


async def test_a_channel_in_someones_words_keeps_its_name_and_a_channel_option_is_still_the_channel(app, fake, side):
    """trial22: Slack writes "#random" typed after /hearth as "<#C0RANDOM|random>", which was read as the bare id:
    a note or an answer said "we talked in C0RANDOM", posted so to the group. A channel option is still the id."""
    await side.command(ANN, "note we talked in <#C0RANDOM|random> and <#C0NONAME>")
    await fake.wait_for("response_url", where=lambda p: "Kept" in texts(p.get("blocks", [])))
    assert await notes_of(app, ANN) == ["we talked in #random and #C0NONAME"]
    await side.command(MOD, "mod settings alert_channel <#C0CARE|care>")
    await fake.wait_for("response_url", where=lambda p: "alert_channel" in texts(p.get("blocks", [])))
    assert (await app.store.communities.get(TEAM)).settings.alert_channel == "slack:C0CARE"


async def test_an_option_naming_a_member_is_still_their_id(app, fake, side):
    await side.command(MOD, "mod moderators add <@UANN|ann>")
    await fake.wait_for("response_url", where=lambda p: "moderator" in texts(p.get("blocks", [])))
    assert "slack:UANN" in await app.store.communities.moderators(TEAM)


async def test_a_mention_of_hearth_drops_only_its_leading_address(app, fake, side):
    await side.event({"type": "app_mention", "user": ANN, "channel": "C0GENERAL", "ts": "1.0",
                      "text": f"<@{BOT_USER}> note I fought with <@{BOB}> again"}, "EvMentionNote")
    await fake.wait_for("chat.postEphemeral")
    assert await notes_of(app, ANN) == ["I fought with @Bob again"]


async def test_a_dm_looks_up_at_most_ten_people(app, fake, side):
    people = [f"UX{i:02d}" for i in range(12)]
    for user in people:
        fake.add_user(user, f"P{user[-2:]}")
    before = len(fake.called("users.info"))
    await side.event({"type": "message", "channel_type": "im", "user": ANN, "channel": "DANN", "ts": "2.0",
                      "text": "note " + " ".join(f"<@{u}>" for u in people)}, "EvDmMany")
    await fake.wait_for("chat.postMessage", where=lambda p: p["channel"] == ANN)
    [note] = await notes_of(app, ANN)
    assert note.split() == [f"@P{i:02d}" for i in range(10)] + ["@someone", "@someone"]
    asked = [p["user"] for p in fake.called("users.info")[before:]]
    assert set(people) - set(asked) == {"UX10", "UX11"}


async def test_a_posted_answer_naming_someone_pings_nobody(app, clock, fake, side):
    schedule = await create_schedule_in_modal(app, fake, side)
    await side.command(ANN, "checkin join mornings")
    await fake.wait_for("response_url", 1, where=lambda p: "mornings" in texts(p.get("blocks", [])))
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    await RoundScheduler(app).run_pending()
    await app.outbox.drain_all()
    [round_post] = [p for p in fake.called("chat.postMessage") if p["channel"] == "C0GENERAL"]
    # typed after /hearth: the mention is read as the person's name
    await side.command(ANN, "checkin answer 4 shared I fought with <@UBOB|bobby> again")
    await fake.wait_for("response_url", where=lambda p: "Thanks" in texts(p.get("blocks", [])))
    await app.outbox.drain_all()
    [thread] = [p for p in fake.called("chat.postMessage") if p.get("thread_ts")]
    assert "I fought with @bobby again" in texts(thread["blocks"])
    # in the form (plain text, as typed): "@Bobby" stays words, and a typed "<@UBOB>" is never a mention either
    await side.click(ANN, mood_buttons(round_post)["Good"], message={"ts": fake.ts_of(round_post)})
    form = (await fake.wait_for("views.open", 2))[-1]["view"]
    status, body = await side.submit(ANN, form, {"words": "I fought with @Bobby again <@UBOB>", "visibility": "shared"})
    assert status == 200 and "Updated" in texts(json.loads(body)["view"]["blocks"])
    await app.outbox.drain_all()
    [edit] = fake.called("chat.update")
    assert "I fought with @Bobby again <@UBOB>" in texts(edit["blocks"])
    posted = json.dumps([thread, edit])
    assert "<@UBOB" not in fake.parsed_texts() and '"type": "user"' not in posted
    assert schedule is not None


async def test_a_member_typed_by_name_not_mentioned_is_someone_hearth_has_met_never_a_made_up_id(app, fake, side):
    """An outside trial: `/hearth mod moderators add sam` (typed, no @) said "Added sam as a moderator." of the id
    "slack:sam", which no one has: Sam (USAM) was no moderator. A typed name is someone Hearth has met here by
    it; else a kind refusal that asks for a mention, and nothing is added."""
    async def said(text):
        before = len(fake.called("response_url"))
        await side.command(MOD, text)
        return texts((await fake.wait_for("response_url", before + 1))[-1]["blocks"])

    refused = await said("mod moderators add sam")
    assert "I don't know anyone by that name here. Mention them" in refused and "Added" not in refused
    assert await app.store.communities.moderators(TEAM) == []
    await side.command(ANN, "reflect")  # (now Hearth has met Ann, by the name Slack gives her)
    await fake.wait_for("response_url", where=lambda p: "Another one" in json.dumps(p))
    ann = (await app.store.communities.get_member(TEAM, f"slack:{ANN}")).display_name
    assert "Added" in await said(f"mod moderators add {ann.lower()}")
    assert await app.store.communities.moderators(TEAM) == [f"slack:{ANN}"]
