"""Slash commands through the real Bolt app: help, members' commands, refusals, forms."""

from __future__ import annotations

from tests.adapters.slack.conftest import ANN, texts


async def test_help_is_ephemeral_and_explains_slack(fake, side):
    status, _ = await side.command(ANN, "help")
    assert status == 200
    [reply] = await fake.wait_for("response_url")
    assert reply["response_type"] == "ephemeral"
    shown = texts(reply["blocks"])
    assert "not a therapist" in shown
    assert "/hearth checkin join" in shown
    assert "mod schedule create" not in shown  # members don't see moderator commands


async def test_empty_command_shows_help(fake, side):
    await side.command(ANN, "")
    [reply] = await fake.wait_for("response_url")
    assert "checkin join" in texts(reply["blocks"])


async def test_a_command_of_only_invisible_characters_is_an_empty_one(fake, side):
    """An outside trial: a zero-width space alone was answered "I don't know the command “”"."""
    await side.command(ANN, "\u200b \ufeff")
    [reply] = await fake.wait_for("response_url")
    assert "checkin join" in texts(reply["blocks"]) and "I don't know the command" not in texts(reply["blocks"])


async def test_unknown_command_is_explained(fake, side):
    await side.command(ANN, "dance now")
    [reply] = await fake.wait_for("response_url")
    assert "I don't know the command" in texts(reply["blocks"])
    assert "type these after" not in texts(reply["blocks"])  # the Slack hint is for lists of commands only


async def test_a_group_word_lists_its_commands_with_the_slack_hint(fake, side):
    await side.command(ANN, "checkin")
    [reply] = await fake.wait_for("response_url")
    shown = texts(reply["blocks"])
    assert "checkin status" in shown and "checkin join" in shown and "type these after" in shown


async def test_a_refused_slash_command_gives_its_words_back_under_it(fake, side):
    """A slash command's text is gone from Slack's box once sent: a refusal brings the words back, whole."""
    from bot.flows.reflections import MAX_NOTE_CHARS
    from testing.block_kit import message_problems

    words = " ".join(["A few notes about the garden and the weeks I had."] * 130)  # (nothing the screen hears)
    assert len(words) > MAX_NOTE_CHARS
    await side.command(ANN, "note " + words)
    [reply] = await fake.wait_for("response_url")
    assert reply["response_type"] == "ephemeral" and message_problems(reply) == []
    shown = texts(reply["blocks"])
    assert f"at most {MAX_NOTE_CHARS} characters" in shown and "What you typed, so you can use it again" in shown
    assert shown.count("A few notes about the garden and the weeks I had.") == 130


async def test_words_given_back_outlast_a_response_url_that_fails(app, fake, side, monkeypatch):
    """The refusal that carries their words can't reach them (the response URL answers 404, or Slack is down):
    the words go to their DM by the outbox instead of being lost with it."""
    import asyncio

    from bot.flows.reflections import MAX_NOTE_CHARS

    handle = app.handle

    async def slowly(*args, **kwargs):  # (past the ack's budget: the answer goes to the response URL)
        await asyncio.sleep(0.5)
        return await handle(*args, **kwargs)

    monkeypatch.setattr(app, "handle", slowly)

    words = " ".join(["A few notes about the garden and the weeks I had."] * 130)  # (nothing the screen hears)
    assert len(words) > MAX_NOTE_CHARS
    fake.fail("response_url", status=404, error="expired_url", times=20)
    await side.command(ANN, "note " + words)
    await fake.wait_for("response_url!failed")
    for _ in range(100):
        await app.outbox.drain_all()
        kept = [texts(p["blocks"]) for p in fake.called("chat.postMessage") if p["channel"] == "DANN"]
        if kept:
            break
        await fake.settle(0.05)
    shown = "\n".join(kept)
    assert "What you typed, so you can use it again" in shown
    assert shown.count("A few notes about the garden and the weeks I had.") == 130


async def test_a_named_value_typed_in_a_slash_command_keeps_every_word(app, fake, side):
    """Slack's slash command reads the same text grammar as the terminal: `text=` runs to the next `key=`."""
    from tests.adapters.slack.conftest import MOD

    await side.command(MOD, "mod prompt add checkin growth light How do you grow?")
    await fake.wait_for("response_url")
    await side.command(MOD, "mod prompt edit own-growth-01 text=How have you grown this year?")
    [*_, edited] = await fake.wait_for("response_url", 2)
    assert "Updated" in texts(edited["blocks"])
    [row] = await app.store.prompts.list_all("slack:T0001")
    assert row["text"] == "How have you grown this year?"
    await side.command(MOD, "mod prompt edit nosuch text=@everyone check in now!")
    [*_, refused] = await fake.wait_for("response_url", 3)
    shown = texts(refused["blocks"])
    assert "no prompt" in shown and "nosuch" in shown and "@everyone check in now!" in shown


async def test_a_check_in_named_to_checkin_answer_is_the_check_in_never_words_posted_with_a_name(
        app, clock, fake, side):
    """trial15 §9, on Slack's `/hearth` (the same grammar): "checkin answer 4 shared mornings" posted "mornings"
    under Ann's name as her words."""
    from datetime import datetime, timezone

    from bot.scheduling.runner import RoundScheduler
    from tests.adapters.slack.test_member import make_schedule, reply_to

    await make_schedule(side, fake)
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    await RoundScheduler(app).run_pending()
    said = await reply_to(fake, side, ANN, "checkin answer 4 shared mornings")
    assert "shared with the group" in texts(said["blocks"])
    await app.outbox.drain_all()
    [post] = [m for m in fake.history.get("C0GENERAL", []) if "Good" in m.get("text", "")]
    assert "mornings" not in post["text"]


async def test_an_answers_choices_in_any_order_on_slack_with_a_check_in_name_among_them(app, clock, fake, side):
    """trial16 §3, on Slack's `/hearth`: "checkin answer 2 mornings shared thanks all" was kept private with
    "mornings shared thanks all" as the words. The choices go first in any order; the rest is the words."""
    from datetime import datetime, timezone

    from bot.scheduling.runner import RoundScheduler
    from tests.adapters.slack.test_member import make_schedule, reply_to

    await make_schedule(side, fake)
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    await RoundScheduler(app).run_pending()
    said = await reply_to(fake, side, ANN, "checkin answer 2 mornings shared thanks all")
    assert "shared with the group" in texts(said["blocks"])
    await app.outbox.drain_all()
    [post] = [m for m in fake.history.get("C0GENERAL", []) if "Low" in m.get("text", "")]
    assert "thanks all" in post["text"] and "mornings" not in post["text"]
