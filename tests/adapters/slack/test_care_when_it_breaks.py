"""Words of concern reach Hearth on Slack on a path that can't run them (a form whose handling fails, a form Hearth
can no longer read): the care reply comes all the same, first, through slack-bolt and the fake Slack."""

from __future__ import annotations

import asyncio
import json

import adapters.slack.app as slack_app
from tests.adapters.slack.conftest import ANN, texts
from tests.adapters.slack.test_closed_forms import open_answer_form

CARE = "You don't have to face this alone"
SORRY = "Sorry — something went wrong on my side, and I can't tell whether that went through."
WORDS = "I want to die"


async def dropped(*args, **kwargs):
    raise ConnectionResetError("connection to the database was lost")


async def test_words_of_concern_in_an_answer_form_that_fails_get_care_then_the_apology_over_the_form(
        app, clock, fake, side, adapter, monkeypatch):
    """The form stays beneath with what was typed ("Back"): the care reply first, then the apology, which claims
    neither that the answer was saved nor that it wasn't."""
    form = await open_answer_form(app, clock, fake, side)
    monkeypatch.setattr(app.store.rounds, "save_response", dropped)
    status, body = await side.submit(ANN, form, {"words": WORDS, "visibility": "shared"})
    ack = json.loads(body)
    assert status == 200 and ack["response_action"] == "push" and ack["view"]["close"]["text"] == "Back"
    shown = texts(ack["view"]["blocks"])
    assert CARE in shown and SORRY in shown and shown.index(CARE) < shown.index(SORRY)
    assert "saved" not in shown.lower() and WORDS not in shown


async def test_a_form_that_fails_after_it_closed_gives_care_the_apology_and_its_words_back(
        app, clock, fake, side, adapter, monkeypatch):
    """Slow enough that the modal closed before the answer (`SUBMIT_BUDGET_SECONDS`): the care reply and the apology
    follow as messages, with the words typed in it, which nothing else holds now."""
    form = await open_answer_form(app, clock, fake, side)

    async def dropped_slowly(*args, **kwargs):
        await asyncio.sleep(0.5)  # (a connection timing out: longer than the budget)
        await dropped()

    monkeypatch.setattr(app.store.rounds, "save_response", dropped_slowly)
    monkeypatch.setattr(slack_app, "SUBMIT_BUDGET_SECONDS", 0.05)
    status, body = await side.submit(ANN, form, {"words": f"{WORDS}, nothing helps", "visibility": "shared"})
    assert status == 200 and body == ""  # (closed at once)
    [care, sorry] = [texts(p["blocks"]) for p in await fake.wait_for("chat.postEphemeral", 2)]
    assert CARE in care and WORDS not in care
    assert SORRY in sorry and "What you typed, so you can use it again" in sorry and f"{WORDS}, nothing helps" in sorry


async def test_a_form_hearth_can_no_longer_read_is_still_screened(app, clock, fake, side, adapter):
    """Its state no longer matches (another version wrote it): nothing in it runs, but what was typed in it reaches
    Hearth, so words of concern get the care reply, before "expired"."""
    form = await open_answer_form(app, clock, fake, side)
    expired = {**form, "private_metadata": "from an older Hearth"}
    status, body = await side.submit(ANN, expired, {"words": WORDS})
    ack = json.loads(body)
    shown = texts(ack["view"]["blocks"])
    assert CARE in shown and "This form has expired" in shown and shown.index(CARE) < shown.index("expired")
    assert WORDS not in shown

    status, body = await side.submit(ANN, expired, {"words": "Slept well"})
    shown = texts(json.loads(body)["view"]["blocks"])
    assert "This form has expired" in shown and CARE not in shown


async def test_a_message_of_concern_to_hearth_that_fails_is_still_answered_with_care(app, fake, side, monkeypatch):
    """A message in Hearth's DM as the database connection drops: Slack's listener has no way to apologise for a
    message, so the core answers it, the care reply first. (Such a message is read as `help`, which writes nothing,
    so the connection drops as it runs.)"""
    monkeypatch.setattr(app.registry, "dispatch", dropped)
    await side.event({"type": "message", "channel_type": "im", "user": ANN, "channel": "DANN", "ts": "2.0",
                      "text": "nobody will miss me when I'm gone"}, "EvDmBroken")
    care, sorry = [texts(p["blocks"]) for p in await fake.wait_for("chat.postMessage", 2,
                                                                   where=lambda p: p["channel"] == ANN)]
    assert CARE in care and SORRY in sorry and "nobody will miss me" not in care + sorry
