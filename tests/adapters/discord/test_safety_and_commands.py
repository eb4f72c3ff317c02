"""Member text stays inert, moderators are checked twice, and the command tree is the registry's."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

from bot.features import registry as composed
from bot.scheduling.runner import RoundScheduler
from tests.adapters.discord.conftest import adapter_config
from testing.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import button, create_schedule, run
from adapters.discord import create

FEATURES = composed()  # every router of bot.features, as Hearth composes them

INJECTED = "@everyone look <@123> <@&456> <#789> **loud** [click me](https://evil.example) @here"


async def test_injected_mentions_are_escaped_and_ping_no_one(discord_bot, fake: FakeDiscord, app, clock):
    mod = fake.member(fake.next_id(), "Mia", moderator=True)
    eve = fake.member(fake.next_id(), "Eve")
    await create_schedule(fake, mod)
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    await RoundScheduler(app).run_pending()
    await app.outbox.drain_all()
    post = fake.channel_messages(fake.channel_id)[-1]
    modal = await fake.wait_callback(await fake.click(eve, int(post["id"]), button(post, "Good")))
    await fake.wait_callback(await fake.submit(eve, modal["data"]["custom_id"],
                                               {"mood": "3", "visibility": "shared", "words": INJECTED},
                                               selects=("mood", "visibility")))
    await app.outbox.drain_all()
    sent = fake.calls_to("POST", f"/channels/{post['id']}/messages")[-1]
    content = sent.body["content"]
    assert sent.body["allowed_mentions"] == {"parse": []}
    assert "@everyone" not in content and "@here" not in content
    for token in ("<@123>", "<@&456>", "<#789>", "**loud**", "[click me]"):
        assert token not in content
    assert "\\*\\*loud\\*\\*" in content and "\\[click me\\]" in content
    assert "**Eve**" in content  # Hearth's own markup still works


async def test_a_member_is_refused_a_moderator_command(discord_bot, fake: FakeDiscord, app):
    ann = fake.member(fake.next_id(), "Ann")
    refused = await run(fake, ann, "mod schedule list")
    assert refused["data"]["flags"] & 64 and "Only moderators" in refused["data"]["content"]
    audit = await app.store.communities.audit_log(f"discord:{fake.guild_id}")
    assert audit and audit[0]["action"] == "refused"

    # A role the community made moderators counts (checked in the core, not by Discord). (The refusal only read:
    # nothing made the community's record, so it is made here, as a moderator's first command would.)
    await app.store.communities.ensure(f"discord:{fake.guild_id}", app.now())
    await app.store.communities.add_moderator(f"discord:{fake.guild_id}", f"role:{fake.mod_role_id}", "discord:1", app.now())
    helper = fake.member(fake.next_id(), "Hal", roles=(fake.mod_role_id,))
    allowed = await run(fake, helper, "mod schedule list")
    assert "No check-ins yet" in allowed["data"]["content"]


async def test_command_tree_is_synced_from_the_registry(discord_bot, fake: FakeDiscord):
    synced = {c["name"]: c for c in fake.commands["global"]}
    assert set(synced) == {cmd.path[0] for cmd in FEATURES.commands.values()}

    def leaves(node, prefix=()):
        for opt in node.get("options", []):
            if opt["type"] in (1, 2):
                yield from leaves(opt, prefix + (opt["name"],))
        if node.get("type") == 1 and not any(o["type"] in (1, 2) for o in node.get("options", [])):
            yield " ".join(prefix)

    paths = {f"{name} {p}".strip() for name, c in synced.items() for p in leaves(c)}
    assert paths == set(FEATURES.commands)
    assert str(synced["mod"]["default_member_permissions"]) == "32"  # Manage Server
    assert synced["checkin"]["default_member_permissions"] is None
    assert all(c["contexts"] == [0] for c in synced.values())  # servers only
    reflect = synced["reflect"]["options"][0]
    assert reflect["name"] == "theme" and len(reflect["choices"]) == 11
    join = next(o for o in synced["checkin"]["options"] if o["name"] == "join")
    assert next(o for o in join["options"] if o["name"] == "schedule")["autocomplete"] is True
    create_cmd = next(o for o in next(o for o in synced["mod"]["options"] if o["name"] == "schedule")["options"]
                      if o["name"] == "create")
    channel = next(o for o in create_cmd["options"] if o["name"] == "channel")
    assert channel["type"] == 7 and channel["channel_types"] == [0, 5]
    identify = fake.identifies[0]
    # guilds, and the messages written to Hearth (guild and DM messages): no message content, nothing privileged
    assert identify["intents"] == 1 | 1 << 9 | 1 << 12


async def test_commands_sync_to_the_dev_server_when_set(app, fake: FakeDiscord, tmp_path):
    adapter = create(adapter_config(tmp_path, fake, HEARTH_DISCORD_DEV_GUILD_ID=""), guild_ready_timeout=0.05)
    adapter.config = adapter.config.with_values(discord__dev_guild_id=str(fake.guild_id))
    await adapter.start(app)
    try:
        assert str(fake.guild_id) in fake.commands and "global" not in fake.commands
        assert adapter.invite and "permissions=309237713920" in adapter.invite
    finally:
        await adapter.stop()


async def test_schedule_names_autocomplete(discord_bot, fake: FakeDiscord):
    mod = fake.member(fake.next_id(), "Mia", moderator=True)
    await create_schedule(fake, mod, "mornings")
    await create_schedule(fake, mod, "evenings")
    ann = fake.member(fake.next_id(), "Ann")
    iid = await fake.autocomplete(ann, "checkin join", "schedule", schedule="mor")
    cb = await fake.wait_callback(iid)
    assert cb["type"] == 8 and cb["data"]["choices"] == [{"name": "mornings", "value": "mornings"}]
    iid = await fake.autocomplete(mod, "mod schedule create", "timezone", name="x", timezone="europe/ber")
    assert {"name": "Europe/Berlin", "value": "Europe/Berlin"} in (await fake.wait_callback(iid))["data"]["choices"]


async def test_long_replies_are_split_into_messages(discord_bot, fake: FakeDiscord):
    ann = fake.member(fake.next_id(), "Ann")
    for word in ("first", "second"):
        await run(fake, ann, "note", text=(word + " ") * 250)
    listed = await run(fake, ann, "notes list")
    more = await fake.wait_for(lambda: fake.followups(listed["interaction_id"]))
    await asyncio.sleep(0.1)
    parts = [listed["data"]["content"]] + [c.body["content"] for c in fake.followups(listed["interaction_id"])]
    assert len(parts) >= 2 and all(len(p) <= 2000 for p in parts)
    assert all(c.body["flags"] & 64 for c in more)
    assert "first" in parts[0] and "second" in parts[-1]


async def test_moderators_name_a_role_or_a_member(discord_bot, fake: FakeDiscord, app):
    mod = fake.member(fake.next_id(), "Mia", moderator=True)
    added = await run(fake, mod, "mod moderators add", who=fake.mod_role_id)
    # Named as Discord names them (the role's own name, shown by the client; allowed_mentions pings nobody).
    assert added["data"]["content"] == f"Added <@&{fake.mod_role_id}> as a moderator."
    sam = fake.next_id()
    added = await run(fake, mod, "mod moderators add", who=sam)  # someone Hearth hasn't met
    assert added["data"]["content"] == f"Added <@{sam}> as a moderator."
    assert added["data"]["allowed_mentions"] == {"parse": []}
    assert set(await app.store.communities.moderators(f"discord:{fake.guild_id}")) == {
        f"role:{fake.mod_role_id}", f"discord:{sam}"}
    ann = fake.member(fake.next_id(), "Ann")
    await run(fake, ann, "reflect")  # now Hearth knows her name
    assert (await run(fake, mod, "mod moderators add", who=int(ann["user"]["id"])))["data"]["content"] == \
        "Added Ann as a moderator."
    audit = (await run(fake, mod, "mod audit"))["data"]["content"]
    assert f"Mia added as a moderator: <@{sam}>" in audit and "Mia added as a moderator: Ann" in audit
    assert "moderators.add" not in audit and "discord:" not in audit and "role:" not in audit
    settings = await run(fake, mod, "mod settings", key="alert_channel", value=fake.channel_id)
    assert settings["data"]["content"] == f"Saved: alert_channel is now <#{fake.channel_id}>."


def _chars(node) -> int:
    """Discord's size rule: name, description and value of a command, its options and choices."""
    own = sum(len(str(node.get(k, ""))) for k in ("name", "description", "value"))
    return own + sum(_chars(o) for o in node.get("options", []) + node.get("choices", []))


async def test_every_command_fits_discords_size_limit(discord_bot, fake: FakeDiscord):
    sizes = {c["name"]: _chars(c) for c in fake.commands["global"]}
    assert max(sizes.values()) <= 8000, sizes
    assert len(fake.commands["global"]) <= 100


async def test_care_comes_in_the_language_discord_says_the_member_uses(discord_bot, fake: FakeDiscord, app):
    ana_id, ben_id = fake.next_id(), fake.next_id()
    fake.locales[ana_id] = "es-419"
    ana, ben = fake.member(ana_id, "Ana"), fake.member(ben_id, "Ben")
    words = "I keep thinking about ending my life"
    said = await run(fake, ana, "note", text=words)
    assert said["data"]["flags"] & 64  # only she sees it
    assert said["data"]["content"].startswith("Por lo que escribes, parece que ahora mismo")
    assert "Hearth no es terapeuta" in said["data"]["content"]
    assert (await run(fake, ben, "note", text=words))["data"]["content"].startswith("What you wrote sounds")
    await run(fake, ana, "me language", language="pt")  # her own choice wins over Discord's
    again = words + ", again"  # (the very same words a moment later get no second care reply: `care_for`)
    assert (await run(fake, ana, "note", text=again))["data"]["content"].startswith("Pelo que você escreveu")
