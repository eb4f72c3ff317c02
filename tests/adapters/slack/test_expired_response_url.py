"""A button on a message older than its response URL (Slack's 30 minutes, or its uses spent), or a modal Slack
won't open for an answer: what the press did is still said, to the person alone, beside the message
(chat.postEphemeral) or in their DM, never silence."""

from __future__ import annotations

from tests.adapters.slack.conftest import ANN, buttons, texts


async def _asked(fake, side, line: str) -> dict:
    await side.command(ANN, line)
    return (await fake.wait_for("response_url"))[-1]


async def test_yes_on_an_old_question_says_what_it_did(app, fake, side):
    await side.command(ANN, "note keep this")
    await fake.wait_for("response_url")
    ask = await _asked(fake, side, "me delete")
    fake.fail("response_url", status=404, error="expired_url")
    await side.click(ANN, buttons(ask["blocks"])["Yes, go ahead"], ephemeral=True)
    [said] = await fake.wait_for("chat.postEphemeral")
    assert said["user"] == ANN and said["channel"] == "C0GENERAL" and "Done." in texts(said["blocks"])
    assert await app.store.notes.of_member("slack:T0001", f"slack:{ANN}") == []


async def test_a_new_prompt_from_an_old_one_still_arrives(app, fake, side):
    prompt = await _asked(fake, side, "reflect")
    fake.fail("response_url", status=404, error="expired_url")
    await side.click(ANN, buttons(prompt["blocks"])["Another one"], message=prompt, ephemeral=True)
    [said] = await fake.wait_for("chat.postEphemeral")
    assert said["user"] == ANN and "Take your time" in texts(said["blocks"])


async def test_a_response_url_that_works_is_used_alone(app, fake, side):
    prompt = await _asked(fake, side, "reflect")
    await side.click(ANN, buttons(prompt["blocks"])["Another one"], message=prompt, ephemeral=True)
    await fake.wait_for("response_url", 2)
    await fake.settle(0.3)
    assert fake.called("chat.postEphemeral") == []


async def test_a_home_button_whose_modal_slack_refuses_says_it_in_the_dm(app, fake, side):
    from tests.adapters.slack.test_home import open_home

    home = await open_home(fake, side, ANN, "EvHomeFail")
    fake.fail("views.open", error="internal_error")
    await side.click(ANN, buttons(home["blocks"])["Reflect now"], view={**home, "id": "VHOME"})
    [said] = await fake.wait_for("chat.postMessage", where=lambda p: p["channel"] == ANN)
    assert "Take your time" in texts(said["blocks"])
