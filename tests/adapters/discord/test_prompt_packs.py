"""`/mod pack import` with a file attached: preview, Import, problems listed, non-moderators refused."""

from __future__ import annotations

from adapters.uploads import MAX_UPLOAD_BYTES
from testing.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import button, buttons, run
from tests.bot.flows.test_prompt_packs import PACK as TEAM_PACK

PACK = TEAM_PACK.encode()

BAD = b"""
[pack]
id = "Team Pack!"
name = "Team prompts"
version = "1.2.0"
language = "en"

[[prompts]]
id = "team-01"
kind = "chekin"
theme = "appreciation"
depth = "light"
text = ""
"""


def import_options(fake: FakeDiscord) -> list[dict]:
    [mod] = [c for c in fake.commands["global"] if c["name"] == "mod"]
    pack = next(o for o in mod["options"] if o["name"] == "pack")
    return next(o for o in pack["options"] if o["name"] == "import")["options"]


async def test_a_moderator_uploads_a_pack_previews_and_imports(discord_bot, fake: FakeDiscord, app):
    assert [(o["name"], o["type"]) for o in import_options(fake)] == [("file", 11)]  # no terminal `path` here
    mod = fake.member(fake.next_id(), "Mia", moderator=True)

    preview = await run(fake, mod, "mod pack import", file=("team.toml", PACK))
    content = preview["data"]["content"]
    assert preview["data"]["flags"] & 64
    assert "Import Team prompts" in content and "• 2 new" in content and "• 0 changed" in content
    assert [b["label"] for b in buttons(preview["data"])] == ["Import", "Cancel"]
    assert len(fake.downloads) == 1
    assert await app.store.prompts.list_all(f"discord:{fake.guild_id}") == []  # nothing yet: a preview

    done = await fake.wait_callback(await fake.click(mod, preview["message_id"], button(preview["data"], "Import")))
    assert "Imported Team prompts" in done["data"]["content"]
    saved = await app.store.prompts.list_all(f"discord:{fake.guild_id}")
    assert sorted(r["id"] for r in saved) == ["team-01", "team-02"]


async def test_a_bad_pack_lists_its_problems_and_changes_nothing(discord_bot, fake: FakeDiscord, app):
    mod = fake.member(fake.next_id(), "Mia", moderator=True)
    reply = await run(fake, mod, "mod pack import", file=("team.toml", BAD))
    content = reply["data"]["content"]
    assert "couldn't import that pack" in content and "Nothing was changed" in content
    assert content.count("\n• ") >= 2 and "chekin" in content
    assert buttons(reply["data"]) == []
    assert await app.store.prompts.list_all(f"discord:{fake.guild_id}") == []


async def test_members_are_refused_before_anything_is_downloaded(discord_bot, fake: FakeDiscord, app):
    ann = fake.member(fake.next_id(), "Ann")
    reply = await run(fake, ann, "mod pack import", file=("team.toml", PACK))
    assert "Only moderators" in reply["data"]["content"] and reply["data"]["flags"] & 64
    assert fake.downloads == []
    assert await app.store.prompts.list_all(f"discord:{fake.guild_id}") == []


async def test_a_file_too_big_is_refused_kindly_without_downloading(discord_bot, fake: FakeDiscord):
    mod = fake.member(fake.next_id(), "Mia", moderator=True)
    reply = await run(fake, mod, "mod pack import", file=("huge.toml", b"#" * (MAX_UPLOAD_BYTES + 1)))
    assert "up to 1 MB" in reply["data"]["content"] and reply["data"]["flags"] & 64
    assert fake.downloads == []
