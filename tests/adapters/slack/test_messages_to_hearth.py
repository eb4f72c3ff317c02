"""Words written to Hearth on Slack, not only after /hearth: each is screened, and words of concern get the care
reply, never a refusal that repeats them."""

from __future__ import annotations

import pytest

from testing.fake_slack import BOT_USER
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
                                  "text": f"<@{BOT_USER}> i want to kill myself tonight"}, "EvMention1")
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
                      "text": f"<@{BOT_USER}> help"}, "EvMention2")
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


# -- messages edited after they were written (`message_changed`) -----------------------------------------------------


def dm_said(fake) -> str:
    return "\n".join(texts(p["blocks"]) for p in fake.called("chat.postMessage") if p["channel"] == ANN)


async def test_a_dm_edited_into_words_of_concern_gets_care_once(fake, side):
    await side.event({"type": "message", "channel_type": "im", "user": ANN, "channel": "DANN", "ts": "7.0",
                      "text": "see you"}, "EvEd0")
    await fake.wait_for("chat.postMessage", where=lambda p: p["channel"] == ANN)
    answered = len(fake.called("chat.postMessage"))
    status, _ = await side.event(side.edited(ANN, "DANN", "7.0", "see you", "I want to die"), "EvEd1")
    assert status == 200
    await fake.wait_for("chat.postMessage", answered + 1, where=lambda p: p["channel"] == ANN)
    assert dm_said(fake).count(CARE) == 1

    # Slack sending it again, the same words, words of no concern and back: nothing more.
    await side.event(side.edited(ANN, "DANN", "7.0", "see you", "I want to die"), "EvEd1", retry=1)
    await side.event(side.edited(ANN, "DANN", "7.0", "I want to die", "I want to die"), "EvEd2")
    await side.event(side.edited(ANN, "DANN", "7.0", "I want to die", "see you"), "EvEd3")
    await side.event(side.edited(ANN, "DANN", "7.0", "see you", "I want to die"), "EvEd4")
    await fake.settle()
    assert dm_said(fake).count(CARE) == 1 and len(fake.called("chat.postMessage")) == answered + 1


async def test_an_edit_in_the_dm_is_never_run_as_a_command(fake, side):
    await side.event(side.edited(ANN, "DANN", "8.0", "hello", "help"), "EvEd5")
    await side.event({"type": "message", "channel_type": "im", "user": ANN, "channel": "DANN", "ts": "8.5",
                      "text": "support"}, "EvEd6")
    await fake.wait_for("chat.postMessage", where=lambda p: p["channel"] == ANN)
    await fake.settle()
    assert "checkin join" not in dm_said(fake) and len(fake.called("chat.postMessage")) == 1


async def test_an_edited_mention_in_a_channel_is_answered_to_that_person_alone(fake, side):
    """Slack sends it only to an app subscribed to a channel's every message (`message.channels`), which Hearth
    doesn't ask for; sent, an edit of a message that mentions Hearth is read like one in its DM."""
    edit = side.edited(ANN, "C0GENERAL", "9.0", "<@UBOT> see you", "<@UBOT> i want to kill myself tonight",
                       channel_type="channel")
    await side.event(edit, "EvEd7")
    [shown] = await fake.wait_for("chat.postEphemeral")
    assert shown["user"] == ANN and shown["channel"] == "C0GENERAL" and CARE in texts(shown["blocks"])
    await side.event(side.edited(ANN, "C0GENERAL", "9.5", "see you", "I want to die", channel_type="channel"),
                     "EvEd8")  # (not written to Hearth)
    await fake.settle()
    assert len(fake.called("chat.postEphemeral")) == 1


async def test_an_edit_of_the_wrong_shape_is_refused(fake, side):
    edit = side.edited(ANN, "DANN", "10.0", "see you", "I want to die")
    status, _ = await side.event({**edit, "message": {**edit["message"], "text": ["I want to die"]}}, "EvEd9")
    assert status == 400
    await fake.settle()
    assert CARE not in fake.sent_texts()
async def test_the_same_words_in_hearths_dm_again_at_once_get_the_care_reply_again(fake, side):
    """Written twice in a moment, as a command Hearth carries out (a note kept): answered twice (the second time
    got only "Kept.")."""
    for n in (1, 2):
        await side.event({"type": "message", "channel_type": "im", "user": ANN, "channel": "DANN", "ts": f"7.{n}",
                          "text": "note nobody will miss me when I'm gone"}, f"EvDmAgain{n}")
        cared = await fake.wait_for("chat.postMessage", n,
                                    where=lambda p: p["channel"] == ANN and CARE in texts(p.get("blocks", [])))
        assert len(cared) == n


async def test_a_huge_one_word_dm_is_answered_with_its_echo_cut_kindly(fake, side):
    """A 50,000-character word in Hearth's DM was echoed back whole in the reply's rich_text blocks (only the
    plain-text copy was cut), over what Slack takes in one message, so the member got no answer (trial 6, F8)."""
    from testing.block_kit import message_problems

    word = "x" * 50_000
    await side.event({"type": "message", "channel_type": "im", "user": ANN, "channel": "DANN", "ts": "9.0",
                      "text": word}, "EvDmHuge")
    [shown] = await fake.wait_for("chat.postMessage", where=lambda p: p["channel"] == ANN)
    assert message_problems(shown) == [] and fake.refused == []
    words = texts(shown["blocks"])
    assert "I don't know the command" in words and "x" * 100 + "…" in words and word not in words
