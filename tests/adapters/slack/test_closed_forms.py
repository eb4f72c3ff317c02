"""A form closed unsent on Slack (its Cancel or ×) loses nothing: the words the person wrote in it come back to
them in their DM with Hearth, through the outbox, so also when Slack can't be reached for a while. A form closed
with only choices made, or left as it was filled in, says nothing."""

from __future__ import annotations

import asyncio
import json
import time
from datetime import datetime, timedelta, timezone

import pytest

from adapters.slack.modals import MAX_METADATA, metadata, read_metadata
from bot.scheduling.runner import RoundScheduler
from tests.adapters.slack.conftest import ANN, buttons, texts
from tests.adapters.slack.test_round import create_schedule_in_modal, mood_buttons

CLOSED = "No problem: you closed the form, so nothing was saved."
GIVEN_BACK = "What you typed, so you can use it again:"


@pytest.fixture(autouse=True)
async def delivering(app, adapter):
    """The outbox's loop, as a running Hearth has it: what it queues goes out by itself."""
    running = asyncio.create_task(app.outbox.run(idle_seconds=0.05))
    yield
    app.outbox.stop_taking()
    await running


def told(fake, user: str) -> list[str]:
    """What Hearth told `user` about a form they closed, in their DM, oldest first."""
    dm = "D" + user[1:]
    return [texts(p["blocks"]) for p in fake.called("chat.postMessage")
            if p["channel"] == dm and CLOSED in texts(p["blocks"])]


async def open_answer_form(app, clock, fake, side, user: str = ANN, mood: str = "Low") -> dict:
    """A round open in #general and `user`'s answer form, opened from its mood button."""
    if not fake.called("chat.postMessage"):
        await create_schedule_in_modal(app, fake, side)
        clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
        await RoundScheduler(app).run_pending()
        await app.outbox.drain_all()
    [post] = [p for p in fake.called("chat.postMessage") if p["channel"] == "C0GENERAL"]
    before = len(fake.called("views.open"))
    await side.click(user, mood_buttons(post)[mood], message={"ts": fake.ts_of(post)})
    return (await fake.wait_for("views.open", before + 1))[-1]["view"]


async def test_closing_the_answer_form_gives_its_words_back_in_a_dm(app, clock, fake, side, adapter):
    form = await open_answer_form(app, clock, fake, side)
    assert form["notify_on_close"] is True  # (else Slack wouldn't say it was closed)

    started = time.monotonic()
    status, body = await side.close(ANN, form, {"words": "Slept badly <!channel>, but *here*", "visibility": "shared"})
    assert status == 200 and body == "" and time.monotonic() - started < 3  # acked at once: Slack waits 3 s
    await fake.wait_for("chat.postMessage", where=lambda p: p["channel"] == "DANN")
    [said] = told(fake, ANN)
    assert said.index(CLOSED) < said.index(GIVEN_BACK) < said.index("Slept badly <!channel>, but *here*")
    assert "<!channel>" not in fake.parsed_texts()  # their words, shown as typed, never as Slack markup
    rnd = await app.store.rounds.latest((await app.store.schedules.find("slack:T0001", "mornings")).id)
    assert await app.store.rounds.response_of(rnd.id, f"slack:{ANN}") is None  # closed: nothing was saved

    # Slack delivering the same close again gives the words back once.
    await side.close(ANN, form, {"words": "Slept badly <!channel>, but *here*"})
    await fake.settle(0.3)
    assert len(told(fake, ANN)) == 1


async def test_a_form_closed_with_only_a_choice_or_as_it_was_filled_says_nothing(app, clock, fake, side, adapter):
    form = await open_answer_form(app, clock, fake, side)
    status, _ = await side.close(ANN, form, {"visibility": "shared", "words": "   "})
    assert status == 200
    await fake.settle(0.3)
    assert told(fake, ANN) == [] and fake.called("conversations.open") == []

    # Once she has answered, the form opens with her words: closing it untouched gives nothing back (they're saved).
    await side.submit(ANN, form, {"words": "Good coffee"})
    again = await open_answer_form(app, clock, fake, side, mood="Good")
    assert next(b for b in again["blocks"] if b.get("block_id") == "words")["element"]["initial_value"] == \
        "Good coffee"
    await side.close(ANN, again, {})
    await fake.settle(0.3)
    assert told(fake, ANN) == []
    await side.close(ANN, {**again, "id": "V-changed"}, {"words": "Good coffee, and a walk"})  # changed: given back
    await fake.wait_for("chat.postMessage", where=lambda p: p["channel"] == "DANN" and CLOSED in texts(p["blocks"]))
    assert "Good coffee, and a walk" in told(fake, ANN)[0]


async def test_a_command_form_gives_back_its_text_not_its_choices(app, fake, side):
    await side.command(ANN, "note")  # (no text: its form opens)
    [opened] = await fake.wait_for("views.open")
    form = opened["view"]
    assert form["notify_on_close"] is True
    await side.close(ANN, form, {"text": "Call my sister on Sunday"})
    await fake.wait_for("chat.postMessage", where=lambda p: p["channel"] == "DANN")
    [said] = told(fake, ANN)
    assert "Call my sister on Sunday" in said
    assert await app.store.notes.of_member("slack:T0001", f"slack:{ANN}") == []


async def test_a_reflection_note_closed_unsent_comes_back(app, fake, side):
    await side.command(ANN, "reflect listening")
    [prompt] = await fake.wait_for("response_url")
    await side.click(ANN, buttons(prompt["blocks"])["Keep a note"], ephemeral=True)
    [opened] = await fake.wait_for("views.open")
    await side.close(ANN, opened["view"], {"note": "I interrupt when I'm tired"}, is_cleared=True)
    await fake.wait_for("chat.postMessage", where=lambda p: p["channel"] == "DANN")
    assert "I interrupt when I'm tired" in told(fake, ANN)[0]


async def test_with_dms_closed_the_words_come_back_where_the_form_was_opened(app, fake, side):
    fake.dm_closed.add(ANN)
    await side.command(ANN, "note", channel="C1")
    [opened] = await fake.wait_for("views.open")
    await side.close(ANN, opened["view"], {"text": "Ask for help sooner"})
    [shown] = await fake.wait_for("chat.postEphemeral")
    assert shown["channel"] == "C1" and shown["user"] == ANN
    assert CLOSED in texts(shown["blocks"]) and "Ask for help sooner" in texts(shown["blocks"])


async def test_a_message_modal_never_asks_to_be_told_it_closed(app, fake, side):
    """Only a form holds anything typed: a modal that only shows something closes quietly, as before."""
    await side.command(ANN, "note")
    [opened] = await fake.wait_for("views.open")
    status, body = await side.submit(ANN, opened["view"], {"text": "Kept"})
    assert status == 200 and '"notify_on_close"' not in body


async def test_a_view_closed_of_the_wrong_shape_is_refused_and_gives_nothing_back(app, fake, side):
    await side.command(ANN, "note")
    [opened] = await fake.wait_for("views.open")
    payload = side.close_payload(ANN, opened["view"], {"text": "Mine"})
    for broken in ({**payload, "user": None}, {**payload, "view": {**payload["view"], "state": {"values": []}}},
                   {**payload, "is_cleared": "no"}):
        status, _ = await side.interaction(broken)
        assert status == 400
    await fake.settle(0.3)
    assert told(fake, ANN) == []


async def test_words_of_a_closed_form_outlast_slack_being_unreachable(app, clock, fake, side):
    """Slack down when the form closed: the words wait in the outbox, and arrive once Slack answers again."""
    await side.command(ANN, "note")
    [opened] = await fake.wait_for("views.open")
    fake.fail("chat.postMessage", status=503, error="service_unavailable", times=2)
    await side.close(ANN, opened["view"], {"text": "Walk before work"})
    await fake.wait_for("chat.postMessage!failed", 1)
    [queued] = await app.store.db.fetchall("SELECT payload FROM outbox WHERE kind = 'dm'")
    assert "Walk before work" in queued["payload"]  # kept, not lost with the failure
    clock.advance(timedelta(minutes=10))  # (the outbox backs off on Hearth's clock: let it pass)
    app.outbox.kick()
    await fake.wait_for("chat.postMessage!failed", 2)
    clock.advance(timedelta(minutes=10))
    app.outbox.kick()
    await fake.wait_for("chat.postMessage", where=lambda p: p["channel"] == "DANN")
    assert "Walk before work" in told(fake, ANN)[0]


def test_a_forms_state_near_slacks_limit_still_opens_without_the_words_names():
    big = {"x": "y" * (MAX_METADATA - 60)}
    assert read_metadata(metadata("form", "a", {}, None, None, ("words",)))["w"] == ["words"]
    kept = read_metadata(metadata("form", "a", big, None, None, ("words", "note")))
    assert kept["a"] == big and "w" not in kept


async def test_words_of_concern_in_a_closed_form_are_screened_and_get_care_first(app, fake, side):
    """Hearth asks to be told a form was closed (`notify_on_close`), so what was typed in it reaches Hearth: it is
    screened as every text is, and the care reply comes before the words given back."""
    await side.command(ANN, "note")
    [opened] = await fake.wait_for("views.open")
    assert opened["view"]["notify_on_close"] is True
    await side.close(ANN, opened["view"], {"text": "I keep thinking about ending my life"})
    await fake.wait_for("chat.postMessage", 2, where=lambda p: p["channel"] == "DANN")
    said = [texts(p["blocks"]) for p in fake.called("chat.postMessage") if p["channel"] == "DANN"]
    assert "You don't have to face this alone" in said[0] and CLOSED in said[1]
    assert "I keep thinking about ending my life" in said[1]


async def test_a_closed_form_with_words_of_concern_in_no_field_of_words_still_gets_care(app, fake, side):
    await side.command(ANN, "note")
    [opened] = await fake.wait_for("views.open")
    meta = read_metadata(opened["view"]["private_metadata"])
    assert meta.pop("w") == ["text"]  # (as when the words' names didn't fit: `metadata`)
    view = {**opened["view"], "private_metadata": json.dumps(meta)}
    await side.close(ANN, view, {"text": "I want to die"})
    await fake.wait_for("chat.postMessage", where=lambda p: p["channel"] == "DANN")
    await fake.settle()
    [care] = [p for p in fake.called("chat.postMessage") if p["channel"] == "DANN"]
    assert "You don't have to face this alone" in texts(care["blocks"]) and CLOSED not in texts(care["blocks"])
