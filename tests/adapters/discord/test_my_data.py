"""A member's data on Discord: deleting it takes their answer's post down; exports arrive as files."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime, timezone

from bot.content.packs import parse_pack

from bot.scheduling.runner import RoundScheduler
from bot.store import member_data
from testing.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import button, create_schedule, run


async def share_an_answer(fake: FakeDiscord, app, clock, who, words: str) -> tuple[dict, dict]:
    """`who` answers this morning's round, shared: returns the round post and the reply in its thread."""
    await run(fake, who, "checkin join", schedule="mornings")
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    await RoundScheduler(app).run_pending()
    await app.outbox.drain_all()
    post = fake.channel_messages(fake.channel_id)[-1]
    modal = await fake.wait_callback(await fake.click(who, int(post["id"]), button(post, "Good")))
    done = await fake.wait_callback(await fake.submit(who, modal["data"]["custom_id"],
                                                      {"mood": "4", "words": words, "visibility": "shared"},
                                                      selects=("mood", "visibility")))
    assert "shared with the group" in done["data"]["content"]
    await app.outbox.drain_all()
    [reply] = [m for m in fake.channel_messages(int(post["id"])) if words in m["content"]]
    return post, reply


async def test_me_delete_takes_the_answers_post_down_in_its_thread(discord_bot, fake: FakeDiscord, app, clock):
    mod = fake.member(fake.next_id(), "Mia", moderator=True)
    ann = fake.member(fake.next_id(), "Ann")
    await create_schedule(fake, mod)
    post, reply = await share_an_answer(fake, app, clock, ann, "Slept well for once")

    ask = await run(fake, ann, "me delete")
    assert "Are you sure?" in ask["data"]["content"]
    done = await fake.wait_callback(await fake.click(ann, ask["message_id"], button(ask["data"], "Yes, go ahead")))
    assert "taking down 1 post" in done["data"]["content"]
    result = await app.outbox.drain_all()
    assert result.failed == 0

    # The reply lives in the thread, whose id is the round post's: that's the channel the DELETE names.
    [deleted] = fake.calls_to("DELETE", "/messages/")
    assert deleted.path == f"/channels/{post['id']}/messages/{reply['id']}"
    assert int(reply["id"]) not in fake.messages
    assert int(post["id"]) in fake.messages  # the round post itself stays
    held = await member_data.summary(app.store, f"discord:{fake.guild_id}", f"discord:{ann['user']['id']}")
    assert sum(held.answers.values()) == 0


async def test_retention_takes_an_old_answers_post_down_from_its_thread(discord_bot, fake: FakeDiscord, app, clock):
    from datetime import timedelta

    from bot.engines.retention import purge_expired

    mod = fake.member(fake.next_id(), "Mia", moderator=True)
    ann = fake.member(fake.next_id(), "Ann")
    await create_schedule(fake, mod)
    await run(fake, mod, "mod settings", key="retention_days", value="30")
    post, reply = await share_an_answer(fake, app, clock, ann, "Slept well for once")

    clock.advance(timedelta(days=29))
    assert await purge_expired(app) == 0 and int(reply["id"]) in fake.messages
    clock.advance(timedelta(days=2))
    assert await purge_expired(app) == 1
    result = await app.outbox.drain_all()
    assert result.failed == 0
    [deleted] = fake.calls_to("DELETE", "/messages/")
    assert deleted.path == f"/channels/{post['id']}/messages/{reply['id']}"
    assert int(reply["id"]) not in fake.messages
    assert int(post["id"]) in fake.messages  # the round post (its summary, by now) stays


async def test_me_export_arrives_as_a_private_json_file(discord_bot, fake: FakeDiscord, app, clock):
    mod = fake.member(fake.next_id(), "Mia", moderator=True)
    ann = fake.member(fake.next_id(), "Ann")
    await create_schedule(fake, mod)
    await share_an_answer(fake, app, clock, ann, "Slept well for once")

    iid = await fake.slash(ann, "me export")
    reply = await fake.wait_callback(iid)
    assert reply["type"] == 4 and reply["data"]["flags"] & 64  # only Ann sees it
    assert "keep it somewhere safe" in reply["data"]["content"]
    [(call, sent)] = fake.files_sent()
    assert call.path == f"/interactions/{iid}/itoken-{iid}/callback"
    assert sent["filename"] == "hearth-export-2026-01-05.json"
    data = json.loads(sent["content"])
    assert "Slept well for once" in json.dumps(data, ensure_ascii=False)


async def test_mod_pack_export_arrives_as_a_pack_file(discord_bot, fake: FakeDiscord, app):
    mod = fake.member(fake.next_id(), "Mia", moderator=True)
    # A mention typed in a slash command's text option reads as the name Discord resolves, else "@someone"
    # (`bot.commands.mentions`): nothing of Discord's mark is kept, but a prompt naming someone ("@someone") gets
    # the style's second look first (trial18), as "<@123>" typed in the terminal does.
    for kind, theme, depth, words in (("checkin", "appreciation", "light", "Who made your week <@&1> easier?"),
                                      ("reflection", "listening", "medium", "When did someone last hear you?")):
        added = await run(fake, mod, "mod prompt add", kind=kind, theme=theme, depth=depth, text=words)
        if "@" in words:
            assert "holds “@someone”" in added["data"]["content"]
            iid = await fake.click(mod, added["message_id"], button(added["data"], "Yes"))
            added = await fake.wait_callback(iid)
        assert "Added" in added["data"]["content"]

    reply = await run(fake, mod, "mod pack export")
    assert reply["data"]["flags"] & 64 and "**2** prompts" in reply["data"]["content"]
    [(_, sent)] = fake.files_sent()
    assert sent["filename"] == f"discord-{fake.guild_id}-prompts.toml"
    pack = parse_pack(sent["content"].decode("utf-8"), sent["filename"])
    assert [(p.kind, p.text) for p in pack.prompts] == [
        ("checkin", "Who made your week @someone easier?"), ("reflection", "When did someone last hear you?")]

    ann = fake.member(fake.next_id(), "Ann")
    refused = await run(fake, ann, "mod pack export")
    assert "Only moderators" in refused["data"]["content"] and len(fake.files_sent()) == 1


async def test_a_slow_export_arrives_with_the_followup(discord_bot, fake: FakeDiscord, app, monkeypatch):
    monkeypatch.setattr("adapters.discord.interactions.DEFER_AFTER", 0.05)  # "thinking…" first, then the file
    handle = app.handle

    async def slowly(event):
        await asyncio.sleep(0.2)  # a big community's export takes a while
        return await handle(event)

    monkeypatch.setattr(app, "handle", slowly)
    ann = fake.member(fake.next_id(), "Ann")
    iid = await fake.slash(ann, "me export")
    deferred = await fake.wait_callback(iid)
    assert deferred["type"] == 5
    [(call, sent)] = await fake.wait_for(lambda: fake.files_sent())
    assert call.path.startswith(f"/webhooks/{fake.app_id}/itoken-{iid}")
    assert call.body.get("flags", 0) & 64  # still only for Ann
    assert isinstance(json.loads(sent["content"]), dict)


async def test_yes_pressed_twice_deletes_once_and_the_first_answer_stays(discord_bot, fake: FakeDiscord, app, clock):
    """A double click on "Yes, go ahead": the first press deletes and says so in the question's place; the second
    is answered beside it (not in its place, not as a refusal), and nothing is done twice."""
    ann = fake.member(fake.next_id(), "Ann")
    await run(fake, ann, "note", text="keep this")
    ask = await run(fake, ann, "me delete")
    yes = button(ask["data"], "Yes, go ahead")
    clicks = [await fake.click(ann, ask["message_id"], yes), await fake.click(ann, ask["message_id"], yes)]
    first, second = sorted([await fake.wait_callback(i) for i in clicks], key=lambda c: c["type"], reverse=True)
    assert first["type"] == 7 and "I've deleted everything" in first["data"]["content"]
    assert second["type"] == 4 and "already pressed, so I didn't do it a second time" in second["data"]["content"]
    assert fake.messages[ask["message_id"]]["content"] == first["data"]["content"]  # the first answer stays


async def test_a_moderator_someone_added_hears_before_and_after_that_me_delete_ends_it(discord_bot, fake: FakeDiscord,
                                                                                       app):
    """On Discord: Ann (no Manage Server) was added as a moderator; `me delete` asks, saying she'll stop
    moderating, and its reply says she has, privately; the team's audit log says a moderator left the list,
    naming nobody."""
    mia = fake.member(fake.next_id(), "Mia", moderator=True)
    ann = fake.member(fake.next_id(), "Ann")
    await run(fake, mia, "mod moderators add", who=int(ann["user"]["id"]))
    ask = await run(fake, ann, "me delete")
    assert ask["data"]["flags"] & 64
    assert "You'll also stop being a moderator here:** this takes you off the community's moderator list." \
        in ask["data"]["content"]
    done = await fake.wait_callback(await fake.click(ann, ask["message_id"], button(ask["data"], "Yes, go ahead")))
    assert "You're no longer a moderator here. The audit log tells the other moderators that a moderator deleted " \
           "their data and came off the list, without your name." in done["data"]["content"]
    audit = (await run(fake, mia, "mod audit"))["data"]["content"]
    assert "A moderator deleted their data here, which took them off the moderator list" in audit
    assert "Mia added as a moderator: someone who has since deleted their data" in audit
    assert "Ann" not in audit and "former member" not in audit and ann["user"]["id"] not in audit
    assert "Only moderators" in (await run(fake, ann, "mod audit"))["data"]["content"]  # (true: she no longer is)


async def test_asking_and_cancelling_leave_no_record_on_discord(discord_bot, fake: FakeDiscord, app):
    """trial17: `/me delete` asked and cancelled, `/me language` and `/support` with nothing to change, and a
    refused `/me timezone` make no record of someone Hearth holds nothing about."""
    ann = fake.member(fake.next_id(), "Ann")
    community, user = f"discord:{fake.guild_id}", f"discord:{ann['user']['id']}"
    ask = await run(fake, ann, "me delete")
    assert "Are you sure?" in ask["data"]["content"]
    cancelled = await fake.wait_callback(await fake.click(ann, ask["message_id"], button(ask["data"], "Cancel")))
    assert "nothing changed" in json.dumps(cancelled)
    for path, options in (("me language", {}), ("support", {}), ("support", {"region": "gb"}),
                          ("me timezone", {"timezone": "Mars/Olympus"})):
        assert (await run(fake, ann, path, **options))["data"]["content"], path
    assert await app.store.communities.get_member(community, user) is None
