"""A check-in round on Discord: posted, answered three ways through a modal, closed with its summary."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from bot.scheduling.runner import RoundScheduler
from testing.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import button, buttons, create_schedule, run


async def test_round_posted_answered_and_closed(discord_bot, fake: FakeDiscord, app, clock):
    mod = fake.member(fake.next_id(), "Mia", moderator=True)
    ann, bob, cy = (fake.member(fake.next_id(), n) for n in ("Ann", "Bob", "Cy"))
    await create_schedule(fake, mod)
    for m in (ann, bob, cy):
        joined = await run(fake, m, "checkin join", schedule="mornings")
        assert "joined" in joined["data"]["content"] and joined["data"]["flags"] & 64

    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    assert (await RoundScheduler(app).run_pending())["opened"] == 1
    await app.outbox.drain_all()
    [post] = fake.channel_messages(fake.channel_id)[-1:]
    assert "mornings" in post["content"]
    assert len(buttons(post)) == 5 and all(b["custom_id"].startswith("hearth:checkin.mood:") for b in buttons(post))
    posted = fake.calls_to("POST", f"/channels/{fake.channel_id}/messages")[-1]
    assert posted.body["allowed_mentions"] == {"parse": []}
    dms = [c for c in fake.calls if c.method == "POST" and c.path.startswith("/channels/")
           and int(c.path.split("/")[2]) in fake.dm_channels.values()]
    assert len(dms) == 3  # everyone who joined asked for DMs (the default)

    # A mood button opens a modal with the prompt, the mood chosen, words and who sees them.
    iid = await fake.click(ann, int(post["id"]), button(post, "Good"))
    modal = await fake.wait_callback(iid)
    assert modal["type"] == 9
    form_id = modal["data"]["custom_id"]
    assert form_id.startswith("hearthform:checkin.submit:")
    labelled = {c["component"]["custom_id"]: c["component"] for c in modal["data"]["components"] if c["type"] == 18}
    assert set(labelled) == {"mood", "words", "visibility"}
    assert labelled["mood"]["type"] == 3 and any(o.get("default") for o in labelled["mood"]["options"])
    assert [o["value"] for o in labelled["visibility"]["options"]] == ["shared", "anonymous", "private"]

    async def answer(who, mood, visibility, words):
        """Each person answers through a modal of their own (one opened for someone else is theirs)."""
        own = form_id if who is ann else \
            (await fake.wait_callback(await fake.click(who, int(post["id"]), button(post, "Good"))))["data"]["custom_id"]
        iid = await fake.submit(who, own, {"mood": mood, "words": words, "visibility": visibility},
                                selects=("mood", "visibility"))
        cb = await fake.wait_callback(iid)
        assert cb["type"] == 4 and cb["data"]["flags"] & 64
        return cb["data"]["content"]

    assert "shared with the group" in await answer(ann, "4", "shared", "Good coffee")
    assert "anonymously" in await answer(bob, "2", "anonymous", "Tired today")
    assert "private" in await answer(cy, "5", "private", "secret words")
    await app.outbox.drain_all()

    assert len(fake.calls_to("POST", f"/channels/{fake.channel_id}/messages/{post['id']}/threads")) == 1
    in_thread = [m["content"] for m in fake.channel_messages(int(post["id"]))]
    assert len(in_thread) == 1  # Ann's, named; Bob's anonymous words wait to go up with others'
    assert "Ann" in in_thread[0] and "Good coffee" in in_thread[0]
    assert "secret words" not in json.dumps([c.body for c in fake.calls])
    # Dee answers anonymously too: two people's anonymous posts wait, one fewer than the floor of three.
    dee = fake.member(fake.next_id(), "Dee")
    assert "anonymously" in await answer(dee, "3", "anonymous", "Quiet day")
    await app.outbox.drain_all()
    assert len(fake.channel_messages(int(post["id"]))) == 1

    # Changing an answer while open edits the shared reply in the thread.
    assert "Updated" in await answer(ann, "5", "shared", "Great coffee")
    await app.outbox.drain_all()
    edit = fake.calls_to("PATCH", f"/channels/{post['id']}/messages/")[-1]
    assert "Great coffee" in edit.body["content"]
    # Bob changing to private before his anonymous words went up: they never do.
    assert "Updated" in await answer(bob, "2", "private", "Tired today")
    await app.outbox.drain_all()
    assert fake.calls_to("DELETE", f"/channels/{post['id']}/messages/") == []
    # Eve and Fay answer anonymously too: with Dee's, three new anonymous posts, the floor: they go up together.
    for name in ("Eve", "Fay"):
        await answer(fake.member(fake.next_id(), name), "4", "anonymous", f"Words of {name}")
    await app.outbox.drain_all()
    assert len(fake.channel_messages(int(post["id"]))) == 4

    clock.advance(timedelta(hours=2))
    await RoundScheduler(app).sweep()
    await app.outbox.drain_all()
    summary = fake.calls_to("PATCH", f"/channels/{fake.channel_id}/messages/{post['id']}")[-1]
    assert "has closed" in summary.body["content"] and "Check-ins: **6**" in summary.body["content"]
    assert "Ann" not in summary.body["content"]
    assert summary.body["components"] == []
    # Dee's words are up, without her name; Bob's never.
    in_thread = [m["content"] for m in fake.channel_messages(int(post["id"]))]
    assert any("Someone" in t and "Quiet day" in t and "Dee" not in t for t in in_thread)
    assert not any("Tired today" in t for t in in_thread)
    assert summary.body["allowed_mentions"] == {"parse": []}

    # The DM's buttons outlive the round: pressed in the DM, Hearth finds the server and says it closed.
    bob_dm = fake.channel_messages(fake.dm_channels[int(bob["user"]["id"])])[-1]
    iid = await fake.click(None, int(bob_dm["id"]), button(bob_dm, "Good"), dm_user=bob["user"])
    late = await fake.wait_callback(iid)
    assert "has closed" in late["data"]["content"] and late["data"]["flags"] & 64


async def test_times_a_round_post_in_discords_own_markup_and_a_dm_in_the_members_zone(discord_bot, fake, app, clock):
    mod = fake.member(fake.next_id(), "Mia", moderator=True)
    ann = fake.member(fake.next_id(), "Ann")
    await create_schedule(fake, mod)  # weekdays 09:00 Europe/London, open 2h
    await run(fake, ann, "me timezone", timezone="America/Chicago")
    await run(fake, ann, "checkin join", schedule="mornings")
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    await RoundScheduler(app).run_pending()
    await app.outbox.drain_all()
    [post] = fake.channel_messages(fake.channel_id)[-1:]
    closes = int(datetime(2026, 1, 5, 11, 0, tzinfo=timezone.utc).timestamp())
    assert f"Closes at <t:{closes}:t>" in post["content"]  # each reader sees their own time
    [dm] = [c for c in fake.calls if c.method == "POST" and c.path.startswith("/channels/")
            and int(c.path.split("/")[2]) in fake.dm_channels.values()]
    assert "at 05:00 (America/Chicago)" in dm.body["content"] and "<t:" not in dm.body["content"]
    status = await run(fake, ann, "checkin status")
    assert "(America/Chicago)" in status["data"]["content"] and "<t:" not in status["data"]["content"]
