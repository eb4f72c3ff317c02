"""Words written to Hearth on Slack, not only after /hearth: each is screened, and words of concern get the care
reply, never a refusal that repeats them."""

from __future__ import annotations

import pytest

from tests.adapters.slack.conftest import ANN, texts

CARE = "You don't have to face this alone"


@pytest.mark.parametrize("line", ["I want to die", "help me, I want to kill myself", "ich will nicht mehr leben",
                                  "je veux en finir", "eu quero me matar", "checkin answer 7 I can't go on anymore"])
async def test_a_slash_command_line_of_concern_gets_care_and_no_cold_refusal(fake, side, line):
    await side.command(ANN, line)
    await fake.wait_for("response_url")
    await fake.settle()
    said = fake.called("response_url")
    shown = "\n".join(texts(r["blocks"]) for r in said)
    assert all(r["response_type"] == "ephemeral" for r in said) and CARE in texts(said[0]["blocks"])
    assert "I don't know the command" not in shown and "Did you mean" not in shown


async def test_a_mention_of_hearth_is_screened_and_answered_to_that_person_alone(fake, side):
    status, _ = await side.event({"type": "app_mention", "user": ANN, "channel": "C0GENERAL", "ts": "1.0",
                                  "text": "<@U0HEARTH> i want to kill myself tonight"}, "EvMention1")
    assert status == 200
    [shown] = await fake.wait_for("chat.postEphemeral")
    assert shown["user"] == ANN and shown["channel"] == "C0GENERAL" and CARE in texts(shown["blocks"])
    assert "I don't know the command" not in fake.sent_texts()


async def test_a_message_in_hearths_dm_is_screened_and_answered_there(fake, side):
    await side.event({"type": "message", "channel_type": "im", "user": ANN, "channel": "DANN", "ts": "2.0",
                      "text": "nobody will miss me when I'm gone"}, "EvDm1")
    [shown] = await fake.wait_for("chat.postMessage", where=lambda p: p["channel"] == ANN)
    assert CARE in texts(shown["blocks"])


async def test_an_ordinary_mention_is_read_as_a_command_line(fake, side):
    await side.event({"type": "app_mention", "user": ANN, "channel": "C0GENERAL", "ts": "3.0",
                      "text": "<@U0HEARTH> help"}, "EvMention2")
    [shown] = await fake.wait_for("chat.postEphemeral")
    assert "checkin join" in texts(shown["blocks"]) and CARE not in texts(shown["blocks"])


async def test_hearths_own_messages_and_edits_in_its_dm_are_not_answered(fake, side):
    await side.event({"type": "message", "channel_type": "im", "bot_id": "B0HEARTH", "channel": "DANN", "ts": "4.0",
                      "text": "I want to die"}, "EvDm2")
    await side.event({"type": "message", "subtype": "message_changed", "channel_type": "im", "channel": "DANN",
                      "ts": "5.0"}, "EvDm3")
    await side.event({"type": "message", "channel_type": "channel", "user": ANN, "channel": "C0GENERAL",
                      "ts": "6.0", "text": "I want to die"}, "EvCh1")  # (not to Hearth: Slack sends none such)
    await fake.settle()
    assert CARE not in fake.sent_texts()


async def test_a_message_with_a_file_in_hearths_dm_is_read_too(fake, side):
    await side.event({"type": "message", "subtype": "file_share", "channel_type": "im", "user": ANN, "channel": "DANN",
                      "ts": "7.0", "text": "i want to kill myself"}, "EvDm4")
    [shown] = await fake.wait_for("chat.postMessage", where=lambda p: p["channel"] == ANN)
    assert CARE in texts(shown["blocks"])


async def test_the_same_words_in_hearths_dm_again_at_once_get_the_care_reply_again(fake, side):
    """Written twice in a moment, as a command Hearth carries out (a note kept): answered twice (the second time
    got only "Kept.")."""
    for n in (1, 2):
        await side.event({"type": "message", "channel_type": "im", "user": ANN, "channel": "DANN", "ts": f"7.{n}",
                          "text": "note nobody will miss me when I'm gone"}, f"EvDmAgain{n}")
        cared = await fake.wait_for("chat.postMessage", n,
                                    where=lambda p: p["channel"] == ANN and CARE in texts(p.get("blocks", [])))
        assert len(cared) == n
