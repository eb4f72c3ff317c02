"""A form Slack refuses to open is said, never silence: the person typed or pressed something and waits."""

from __future__ import annotations

from tests.adapters.slack.conftest import ANN, buttons, texts

NOT_OPENED = "Slack didn't open the form just now. Please try again in a moment."


async def test_a_command_whose_form_slack_refuses_says_so(app, fake, side):
    fake.fail("views.open", error="internal_error")
    status, _ = await side.command(ANN, "note")
    assert status == 200
    [said] = await fake.wait_for("response_url")
    assert said["text"] == NOT_OPENED and said["response_type"] == "ephemeral"


async def test_a_form_slack_answers_with_a_5xx_says_so(app, fake, side):
    fake.fail("views.open", status=503, error="service_unavailable")
    await side.command(ANN, "note")
    [said] = await fake.wait_for("response_url")
    assert said["text"] == NOT_OPENED


async def test_a_buttons_form_slack_refuses_says_so(app, fake, side):
    await side.command(ANN, "reflect")
    [prompt] = await fake.wait_for("response_url")
    fake.fail("views.open", error="internal_error")
    await side.click(ANN, buttons(prompt["blocks"])["Keep a note"], message=prompt, ephemeral=True)
    said = await fake.wait_for("response_url", 2)
    assert said[-1]["text"] == NOT_OPENED and said[-1]["replace_original"] is False  # (the prompt stays)
    assert "Take your time" in texts(prompt["blocks"])


async def test_a_form_that_opens_says_nothing_more(app, fake, side):
    await side.command(ANN, "note")
    await fake.wait_for("views.open")
    await fake.settle(0.3)
    assert NOT_OPENED not in fake.sent_texts()
