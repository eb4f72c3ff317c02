"""Slack's forms go through the core's one rule (session 21): one word of concern where a form's choice or a
timezone goes ("suicidal") was passed over as a choice, and only a field error came back ("I don't know the timezone
“suicidal”"). Now it gets the care reply, and the refusal beside it quotes nothing (a command's: "I haven't done
that", `crisis_care.without_echoes`)."""

from __future__ import annotations

import json

from tests.adapters.slack.conftest import ANN, texts


async def test_words_of_concern_in_a_forms_timezone_field_get_care_not_a_field_error_alone(app, fake, side):
    await side.command(ANN, "me timezone")
    [opened] = await fake.wait_for("views.open")
    status, body = await side.submit(ANN, opened["view"], {"timezone": "suicidal"})
    assert status == 200
    ack = json.loads(body) if body else {}
    shown = texts(ack.get("view", {}).get("blocks", [])) + "\n".join(
        json.dumps(c) for c in fake.called("chat.postEphemeral") + fake.called("chat.postMessage")
        + fake.called("views.update") + fake.called("views.push"))
    assert ack.get("response_action") != "errors", ack  # (a field's error alone would be no care)
    assert "You don't have to face this alone" in shown, shown
    assert "suicidal" not in shown and "I haven't done that, so nothing has changed." in shown
