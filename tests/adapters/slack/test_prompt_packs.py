"""`/hearth mod pack import` on Slack: a modal with a file field, the file fetched, preview, Import."""

from __future__ import annotations

import json

from adapters.slack.files import trusted
from adapters.uploads import MAX_UPLOAD_BYTES
from bot.events import SHOWN_TO
from tests.adapters.discord.test_prompt_packs import BAD, PACK
from tests.adapters.slack.conftest import ANN, MOD, buttons, texts
from tests.adapters.slack.test_member import reply_to

TEAM = "slack:T0001"


async def open_import_form(fake, side) -> dict:
    await side.command(MOD, "mod pack import")
    [opened] = await fake.wait_for("views.open")
    return opened["view"]


async def test_a_moderator_uploads_a_pack_previews_and_imports(app, fake, side):
    form = await open_import_form(fake, side)
    assert form["title"]["text"] == "Import a pack" and form["submit"]["text"] == "Preview"
    [field] = [b for b in form["blocks"] if b["type"] == "input"]  # the file only: no terminal `path`
    assert field["block_id"] == "file" and field["optional"] is False
    assert field["element"] == {"type": "file_input", "filetypes": ["toml", "txt"], "max_files": 1,
                                "action_id": "v"}

    status, body = await side.submit(MOD, form, {"file": [fake.host_file("team.toml", PACK)]})
    assert status == 200
    ack = json.loads(body)
    assert ack["response_action"] == "update"
    preview = ack["view"]
    shown = texts(preview["blocks"])
    assert "Import Team prompts" in shown and "• 2 new" in shown and "• 0 changed" in shown
    assert fake.downloads == [(fake.called("files.info")[0]["file"], "xoxb-test")]  # fetched with the bot token
    assert await app.store.prompts.list_all(TEAM) == []  # a preview: nothing saved yet

    await side.click(MOD, buttons(preview["blocks"])["Import"], view={**preview, "id": form["id"]})
    [updated] = await fake.wait_for("views.update")
    assert "Imported Team prompts" in texts(updated["view"]["blocks"])
    assert sorted(r["id"] for r in await app.store.prompts.list_all(TEAM)) == ["team-01", "team-02"]


async def test_a_bad_pack_lists_its_problems_under_the_file_field(app, fake, side):
    form = await open_import_form(fake, side)
    status, body = await side.submit(MOD, form, {"file": [fake.host_file("team.toml", BAD)]})
    ack = json.loads(body)
    assert ack["response_action"] == "errors" and list(ack["errors"]) == ["file"]
    problems = ack["errors"]["file"]
    assert "couldn't import that pack" in problems and "Nothing was changed" in problems
    assert problems.count("\n• ") >= 2 and "chekin" in problems
    assert await app.store.prompts.list_all(TEAM) == []


async def test_a_file_too_big_is_refused_without_downloading(app, fake, side):
    form = await open_import_form(fake, side)
    huge = fake.host_file("huge.toml", b"#" * (MAX_UPLOAD_BYTES + 1))
    status, body = await side.submit(MOD, form, {"file": [huge]})
    ack = json.loads(body)
    assert ack["response_action"] == "errors" and "up to 1 MB" in ack["errors"]["file"]
    assert fake.downloads == []


async def test_members_are_refused_and_no_form_opens(app, fake, side):
    refused = await reply_to(fake, side, ANN, "mod pack import")
    assert "Only moderators can use" in texts(refused["blocks"])
    assert fake.called("views.open") == []
    # a forged submission of the form is refused too, with nothing downloaded
    form = {"id": "V1", "type": "modal", "callback_id": "hearth-form",
            "private_metadata": json.dumps({"k": "command", "n": "mod pack import", "a": {}, "c": None, "o": None}),
            "blocks": [{"type": "input", "block_id": "file", "element": {"type": "file_input", "action_id": "v"}}]}
    status, body = await side.submit(ANN, form, {"file": [fake.host_file("team.toml", PACK)]})
    ack = json.loads(body)
    assert ack["response_action"] == "push"  # about no field: shown on top, the form kept beneath
    assert "Only moderators" in texts(ack["view"]["blocks"])
    assert fake.downloads == [] and await app.store.prompts.list_all(TEAM) == []


async def test_someone_elses_import_form_downloads_nothing(app, fake, side):
    """The form is its moderator's: another moderator (or a member) submitting it, forged with a file,
    gets the calm refusal before anything is fetched from Slack."""
    fake.add_user("UNOOR", "Noor", admin=True)
    form = await open_import_form(fake, side)  # shown to Mia
    for someone in ("UNOOR", ANN):
        status, body = await side.submit(someone, form, {"file": [fake.host_file("team.toml", PACK)]})
        ack = json.loads(body)
        assert status == 200 and ack["response_action"] == "push", body
        shown = texts(ack["view"]["blocks"])
        assert "meant for someone else" in shown and "Nothing changed" in shown
    # nor does a field forged to say whose form it is
    claimed = {**form, "blocks": form["blocks"] + [
        {"type": "input", "block_id": SHOWN_TO, "element": {"type": "plain_text_input", "action_id": "v"}}]}
    status, body = await side.submit("UNOOR", claimed, {"file": [fake.host_file("team.toml", PACK)],
                                                        SHOWN_TO: "slack:UNOOR"})
    assert "meant for someone else" in texts(json.loads(body)["view"]["blocks"])
    assert fake.downloads == [] and fake.called("files.info") == []
    assert await app.store.prompts.list_all(TEAM) == []
    # Its owner still can.
    status, body = await side.submit(MOD, form, {"file": [fake.host_file("team.toml", PACK)]})
    assert "Import Team prompts" in texts(json.loads(body)["view"]["blocks"])
    assert len(fake.downloads) == 1


def test_the_bot_token_goes_only_to_slack_or_the_configured_api():
    api = "http://127.0.0.1:5000/api/"
    assert trusted("https://files.slack.com/files-pri/T1-F1/download/a.toml", "https://slack.com/api/")
    assert trusted("http://127.0.0.1:5000/files-pri/T1-F1/download/a.toml", api)
    assert not trusted("http://127.0.0.1:5001/files-pri/x", api)
    assert not trusted("https://evil.example/files.slack.com/x", api)
    assert not trusted("https://files.slack.com.evil.example/x", api)
    assert not trusted("http://files.slack.com/x", api)  # never in the clear
