"""Rich -> mrkdwn and Block Kit within Slack's limits (unit tests of the renderer)."""

from __future__ import annotations

import json

from hypothesis import given, strategies as st

from adapters.slack.modals import form_view, input_block, message_view
from adapters.slack.render import (
    MAX_MESSAGE_BLOCKS, MAX_MESSAGE_CHARS, MAX_SECTION, VALUES, ValueStore, block_chars, chunks, escape,
    fit_view_blocks, messages, mrkdwn, section,
)
from adapters.slack.inbound import normalize_command_text
from bot.events import Button, Choice, Form, FormField, Reply, Rich, UserText, channel, rich
from tests.adapters.slack.conftest import ANN, MOD, texts


def test_markup_becomes_mrkdwn_and_user_text_stays_inert():
    body = rich("**{}** said: _{}_", "<!channel> Ann", "see <http://evil.example|this> & <@U1>")
    assert mrkdwn(body) == ("*&lt;!channel&gt; Ann* said: _see &lt;http://evil.example|this&gt; &amp; "
                            "&lt;@U1&gt;_")


def test_every_mrkdwn_object_is_verbatim():
    [message] = messages(Reply(body=rich("Hello #general @here")))
    assert all(b["text"]["verbatim"] for b in message["blocks"] if b["type"] == "section")


@given(st.text())
def test_no_user_text_can_open_a_slack_control_sequence(text):
    out = mrkdwn(Rich((UserText(text),)))
    assert "<" not in out and ">" not in out
    assert out.replace("&amp;", "").replace("&lt;", "").replace("&gt;", "").count("&") == 0


@given(st.text(min_size=1, max_size=20000))
def test_chunks_respect_the_section_limit_and_lose_nothing_but_breaks(text):
    pieces = chunks(escape(text))
    assert all(len(p) <= MAX_SECTION for p in pieces)
    squash = lambda s: "".join(s.split())  # noqa: E731
    assert squash("".join(pieces)) == squash(escape(text))


def test_a_long_reply_continues_in_more_messages_with_buttons_on_the_last():
    body = rich("\n".join(f"line {i} " + "x" * 2900 for i in range(120)))
    parts = messages(Reply(body=body, buttons=(Button("Go", "go"),)))
    assert len(parts) == 30  # four sections of 2,900 a message: Slack takes about 13,000 characters of blocks
    assert all(len(p["blocks"]) <= MAX_MESSAGE_BLOCKS for p in parts)
    assert all(block_chars(p["blocks"]) <= MAX_MESSAGE_CHARS for p in parts)
    assert "continued in the next message (2 of 30)" in texts(parts[0]["blocks"])
    assert parts[-1]["blocks"][-1]["type"] == "actions"
    assert all(len(b["text"]["text"]) <= MAX_SECTION for p in parts for b in p["blocks"] if b["type"] == "section")
    assert all(len(p["text"]) <= 3000 for p in parts)


def test_labels_titles_and_options_are_clipped():
    long = "a" * 200
    [message] = messages(Reply(body=rich("x"), buttons=(Button(long, "go"),)))
    label = message["blocks"][-1]["elements"][0]["text"]["text"]
    assert len(label) == 75 and label.endswith("…")
    form = Form(long, "act", (FormField("f", "F", "choice", choices=tuple(Choice(str(i), long) for i in range(5))),))
    view = form_view(Reply(form=form), "{}")
    assert len(view["title"]["text"]) == 24 and len(view["submit"]["text"]) <= 24
    options = view["blocks"][-1]["element"]["options"]
    assert all(len(o["text"]["text"]) <= 75 for o in options)


def test_too_many_choices_fall_back_to_a_text_box_with_a_hint():
    field = FormField("tz", "Zone", "choice", choices=tuple(Choice(f"c{i}", f"C {i}") for i in range(150)))
    block = input_block(field)
    assert block["element"]["type"] == "plain_text_input"
    assert "c0" in block["hint"]["text"]
    few = input_block(FormField("t", "T", "choice", choices=tuple(Choice(f"c{i}", f"C {i}") for i in range(11))))
    assert few["element"]["type"] == "static_select"


def test_views_stay_within_100_blocks_and_say_where_the_rest_is():
    blocks = fit_view_blocks([section(str(i)) for i in range(150)], "See `/hearth notes list`.")
    assert len(blocks) == 100 and "/hearth notes list" in texts(blocks[-1:])
    view = message_view([Reply(body=rich("\n".join("y" * 2999 for _ in range(150))))], "{}")
    assert len(view["blocks"]) <= 100


def test_button_values_too_long_for_slack_wait_in_memory():
    store = ValueStore()
    value = {"k": "a", "n": "confirm", "a": {"arg:text": "z" * 5000}}
    encoded = store.encode(value)
    assert len(encoded) <= 2000
    assert store.decode(encoded) == value
    assert store.decode(json.dumps({"k": "t", "t": "gone"})) is None
    assert VALUES.decode("not json") is None


def test_slash_command_text_is_read_back_to_what_was_meant():
    assert normalize_command_text("mod schedule create m <#C123|general> weekdays 09:00") == \
        "mod schedule create m C123 weekdays 09:00"
    assert normalize_command_text("mod moderators add <@U42|sam>") == "mod moderators add U42"
    assert normalize_command_text("note hi <!here> &lt;!channel&gt; &amp;") == "note hi @here <!channel> &"


async def test_a_long_notes_list_arrives_in_several_messages(app, fake, side):
    for i in range(80):
        await app.store.notes.add("slack:T0001", "slack:UANN", None, f"Prompt {i}", f"note {i} " + "w" * 1900,
                                 app.now())
    await side.command(ANN, "notes list")
    await fake.settle(0.5)
    replies = fake.called("response_url")
    assert len(replies) >= 2
    assert all(len(r["blocks"]) <= MAX_MESSAGE_BLOCKS for r in replies)
    assert all(len(b["text"]["text"]) <= MAX_SECTION for r in replies for b in r["blocks"] if b["type"] == "section")
    everything = "".join(texts(r["blocks"]) for r in replies)
    assert all(f"note {i} " in everything for i in range(80))


def test_channel_refs_are_links_and_never_pings():
    body = rich("Rounds go to {} (not {}).", channel("slack:C0GENERAL"), "<#C0OTHER>")
    assert mrkdwn(body) == "Rounds go to <#C0GENERAL> (not &lt;#C0OTHER&gt;)."
    assert mrkdwn(channel("slack:general")) == "#general"  # not an id: a name, not a link
    assert mrkdwn(channel("slack:C1|<!here>")) == "#C1|&lt;!here&gt;"


async def test_the_schedule_preview_links_its_channel(fake, side):
    await side.command(MOD, "mod schedule create mornings <#C0GENERAL|general> weekdays 09:00")
    [preview] = await fake.wait_for("response_url")
    assert "Where: <#C0GENERAL>" in texts(preview["blocks"])


def test_words_given_back_with_a_refusal_fit_slack_however_long_and_marked_up():
    """A refused command's words come back (`given_back`) in a message Slack takes: rich_text blocks within 3000
    characters, the words whole and exactly as typed (text elements, which Slack never parses), and a
    notification with nothing in it Slack would format."""
    from bot.commands.registry import given_back
    from bot.flows.reflections import MAX_NOTE_CHARS
    from testing.block_kit import message_problems

    words = ("<!channel> & <@U1> *bold* _lines_ > quote\n" * 300)[:MAX_NOTE_CHARS + 500].strip()
    refusal = Reply(body=rich("“text” can be at most {} characters.".format(MAX_NOTE_CHARS)), error=True)
    parts = messages(given_back(refusal, [words]))
    assert all(message_problems(p) == [] for p in parts)
    assert not [b for p in parts for b in p["blocks"] if b["type"] == "section" and "<!channel>" in b["text"]["text"]]
    blocks = [b for p in parts for b in p["blocks"] if b["type"] == "rich_text"]
    assert all(sum(len(r.get("text", "")) for e in b["elements"] for r in e["elements"]) <= MAX_SECTION
               for b in blocks)
    shown = "".join(r.get("text", "") for b in blocks for e in b["elements"] for r in e["elements"])
    assert words in shown
    for p in parts:
        assert "<!channel>" not in p["text"] and "*bold*" not in p["text"] and "\n> quote" not in p["text"]
