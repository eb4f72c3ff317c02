"""Issue 6: whatever people type, nothing Hearth renders on Slack can ping anyone or fake a link.

Whole replies are rendered as they are sent — messages (split when long)
with their fallback text and buttons, modals built from forms, replies shown
inside a modal, and refusals shown under a field — with user text anywhere it
can go. In mrkdwn only `<…>` makes a ping or a link, so no `<` or `>` from
user text may survive, and every mrkdwn object is `verbatim` (Slack adds no
links of its own). plain_text objects are never parsed for either.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from hypothesis import example, given, settings, strategies as st

from adapters.slack.modals import field_errors, form_view, message_view
from adapters.slack.render import carries_user_text, messages
from bot.events import Button, ChannelRef, Choice, Form, FormField, Reply, Rich, UserText
from tests.adapters.slack.conftest import rich_words

TRICKS = ["<!channel>", "<!here>", "<!everyone>", "<@U1>", "<@W1|sam>", "<#C1>", "<#C1|general>",
          "<!subteam^S1>", "<http://evil|click>", "<mailto:a@b.c|x>", "[x](http://evil)", "@everyone", "@here",
          "<", ">", "&", "&lt;", "&lt;!channel&gt;", "\u200b", "\u200d", "\ufeff", "*", "_", "~", "`", "```",
          "> ", "http://evil.example", "\n"]
user_text = st.lists(st.sampled_from(TRICKS) | st.text(max_size=20), max_size=6).map("".join)
HEARTH = ["**Check-in**: ", " said ", "_gently_", "\n", "• ", " (shared) ", ""]
channel_ids = st.from_regex(r"\A[CGD][A-Z0-9]{2,10}\Z")
part = st.one_of(st.sampled_from(HEARTH), user_text.map(UserText),
                 channel_ids.map(lambda c: ChannelRef(f"slack:{c}")), user_text.map(lambda t: ChannelRef(t)))
bodies = st.lists(part, max_size=8).map(lambda ps: Rich(tuple(ps)))
LINK = re.compile(r"<#[CGD][A-Z0-9]{2,}>")


def mrkdwn_objects(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if node.get("type") == "mrkdwn":
            yield node
        for value in node.values():
            yield from mrkdwn_objects(value)
    elif isinstance(node, list):
        for value in node:
            yield from mrkdwn_objects(value)


def assert_inert(text: str, links: set[str]) -> None:
    for link in LINK.findall(text):
        assert link in links, text  # only the channels Hearth linked
    rest = LINK.sub("", text)
    assert "<" not in rest and ">" not in rest, text
    assert "&" not in re.sub(r"&(amp|lt|gt);", "", rest), text  # nothing Slack would decode into markup


@settings(max_examples=300, deadline=None)
@given(body=bodies, words=user_text, title=st.sampled_from([None, "Your check-in"]))
@example(body=Rich((UserText("<"), UserText("!channel>"))), words="<!here>", title=None)
def test_no_reply_can_ping_or_spoof_a_link(body: Rich, words: str, title: str | None) -> None:
    links = {f"<#{p.short}>" for p in body.parts if isinstance(p, ChannelRef) and LINK.fullmatch(f"<#{p.short}>")}
    buttons = (Button("Another one", "reflect.next", {"theme": words}), Button("Done", "reflect.done"))
    form = Form("Check in", "checkin.submit", (
        FormField("mood", "How are you?", "choice", choices=(Choice("4", "Good"),), default="4"),
        FormField("words", "A few words", "paragraph", required=False, default=words),
    ), args={"round": "1"})
    reply = Reply(body=body, title=title, buttons=buttons)

    surfaces: list[Any] = [
        *messages(reply),
        form_view(Reply(body=body, form=form), "{}"),
        message_view([reply, Reply(body=body, error=True)], "{}"),
    ]
    for message in messages(reply):
        assert_inert(message["text"], links)  # the notification fallback is mrkdwn too
        if carries_user_text(body):
            assert_unformatted(message["text"])
    found = 0
    for surface in surfaces:
        for obj in mrkdwn_objects(surface):
            assert obj.get("verbatim") is True
            assert_inert(obj["text"], links)
            found += 1
        found += sum(b.get("type") == "rich_text" for b in surface.get("blocks") or [])
    assert found or not reply_has_text(body)
    if carries_user_text(body):  # someone's words are never in mrkdwn, only in rich_text's text elements
        for surface in surfaces:
            for obj in mrkdwn_objects(surface):
                assert not any(isinstance(p, UserText) and p.text.strip() and p.text in obj["text"]
                               for p in body.parts if len(p.text if isinstance(p, UserText) else "") > 3), obj

    # A refusal under a field is plain text: shown, never parsed.
    errors = field_errors([Reply(body=body, error=True, field="words")], form_view(Reply(form=form), "{}"))
    assert errors is not None and set(errors) == {"words"}


def rich_texts(node: Any) -> Iterator[dict[str, Any]]:
    """Every rich_text `text` element, however deep."""
    if isinstance(node, dict):
        if node.get("type") == "text" and "text" in node:
            yield node
        for value in node.values():
            yield from rich_texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from rich_texts(value)


def plain_objects(node: Any) -> Iterator[dict[str, Any]]:
    """Every plain_text object, however deep."""
    if isinstance(node, dict):
        if node.get("type") == "plain_text":
            yield node
        for value in node.values():
            yield from plain_objects(value)
    elif isinstance(node, list):
        for value in node:
            yield from plain_objects(value)


def assert_unformatted(text: str) -> None:
    """Nothing in a notification's text that Slack would format: no *bold*, _italic_, ~strike~, `code` marks,
    and no line opening a > quote. (An emoji's code keeps its underscores, between its letters: `SHORTCODE`.)"""
    from adapters.slack.render import SHORTCODE

    assert not any(mark in SHORTCODE.sub("", text) for mark in "*_~`"), text
    assert not re.search(r"^\s*(>|&gt;)", text, re.MULTILINE), text


# Every mark mrkdwn has, in someone's words: shown exactly as typed, on a message, in its notification, in a modal
# and on the Home tab, and every block one Slack's own models accept.
MARKED = ["*bold*", "_italic_", "~strike~", "`code`", "```block```", "> a quote", "&gt; quoted", ":smile:",
          ":slightly_smiling_face:", ":wave::skin-tone-2:", "_:smile:_", ":<!here>:", "10:30:45",
          "<!here>", "<@U123>", "<#C123>", "<https://evil.example|click>", "*_~`mixed`~_*", "a\n> quote on a line"]


@settings(max_examples=100, deadline=None)
@given(words=st.lists(st.sampled_from(MARKED) | st.text(max_size=10), min_size=1, max_size=5).map(" ".join).filter(
           lambda w: UserText(w).text.strip()),
       hearth=st.sampled_from(["**{}**", "_{}_", "{}", "• **Name** — {}", "```\n{}\n```", "`{}`"]))
@example(words="*bold* _it_ ~s~ `c` \n> q", hearth="**{}**")
def test_marked_up_words_are_shown_as_typed_everywhere(words: str, hearth: str) -> None:
    from adapters.slack.home import render_home
    from bot.events import rich
    from bot.views.home import Home, Row, Section
    from testing.block_kit import message_problems, view_problems

    body = rich("Said: " + hearth, words)
    typed = UserText(words).text
    for message in messages(Reply(body=body, title="A *title*")):
        assert message_problems(message) == []
        assert_unformatted(message["text"])
        assert not any(typed in obj["text"] for obj in mrkdwn_objects(message))
    shown = "".join(rich_words(b) for m in messages(Reply(body=Rich((UserText(words),)))) for b in m["blocks"]
                    if b["type"] == "rich_text")
    assert shown == typed  # exactly as typed (text elements, which Slack never parses; emoji codes as emoji)
    row = Row(body, (Button("Join", "go"),))
    home = render_home(Home("UTC", member=(Section(body, (row, row), more=body),), moderating=(), footer=body,
                            help="help", overflow=rich("more")), "U1")
    assert view_problems(home) == []
    assert not any(typed in obj["text"] for obj in mrkdwn_objects(home))
    view = message_view([Reply(body=body)], "{}")
    assert view_problems(view) == [] and not any(typed in obj["text"] for obj in mrkdwn_objects(view))
    form = form_view(Reply(body=body, form=Form(words[:40], "act", (FormField("w", words[:40], default=words,
                                                                              choices=(Choice("a", words),)),))), "{}")
    assert view_problems(form) == [] and not any(typed in obj["text"] for obj in mrkdwn_objects(form))
    assert all(obj.get("emoji") is False for obj in plain_objects(form) if obj["text"].strip())


def reply_has_text(body: Rich) -> bool:
    return bool(body.plain().strip())


# -- render23: emoji codes in someone's words ------------------------------------------------------------------


def emoji_names(message: dict[str, Any]) -> list[str]:
    return [run["name"] for b in message["blocks"] if b["type"] == "rich_text" for e in b["elements"]
            for run in e["elements"] if run["type"] == "emoji"]


def test_emoji_codes_in_someones_words_show_as_emoji_and_nothing_pings():
    """Slack people type ":smile:" for 🙂 and expect it to show so: in someone's words it is an `emoji` element (a
    name alone: it can't ping, link or format), and in the notification it is kept whole (its underscores were
    swapped for look-alikes, which broke ":slightly_smiling_face:"). Around it, nothing else changes: "<!channel>"
    and "<@U1>" are text, "10:30:45" reads as typed."""
    from adapters.slack.render import inert_fallback
    from bot.events import rich
    from testing.block_kit import message_problems

    words = ":smile: hi :slightly_smiling_face: <!channel> :wave::skin-tone-2: at 10:30 :<!here>: :a<@U1>b: :+1:"
    [message] = messages(Reply(body=rich("**{}** said:\n{}", "Ann", words), visibility="channel"))
    assert message_problems(message) == []
    assert emoji_names(message) == ["smile", "slightly_smiling_face", "wave::skin-tone-2", "+1"]
    assert all("style" not in run for b in message["blocks"] for e in b.get("elements", [])
               for run in e.get("elements", []) if run["type"] == "emoji")  # (Slack refuses a styled emoji)
    assert rich_words(message["blocks"][0]).endswith(words)
    assert ":slightly_smiling_face:" in message["text"] and ":wave::skin-tone-2:" in message["text"]
    assert_inert(message["text"], set())
    assert_unformatted(message["text"])
    assert inert_fallback("_:smile:_ *x* :a_b:") == "\uff3f:smile:\uff3f \u2217x\u2217 :a_b:"
    # In Hearth's code and ``` blocks, words are shown as typed, codes too.
    for hearth in ("`{}`", "```\n{}\n```"):
        [coded] = messages(Reply(body=rich(hearth, ":smile:")))
        assert emoji_names(coded) == [] and ":smile:" in rich_words(coded["blocks"][0])


@settings(max_examples=200, deadline=None)
@given(words=st.lists(st.sampled_from([":", "::", "smile", "a_b", "_", "skin-tone-2", "+1", "<!channel>", "<@U1>",
                                       " ", "\n", "*", "`", "<", ">", "&", "'", "A"]), min_size=1, max_size=12)
       .map("".join).filter(lambda w: UserText(w).text.strip()))
def test_emoji_codes_never_carry_a_ping_and_words_read_as_typed(words):
    from testing.block_kit import message_problems

    for message in messages(Reply(body=Rich(("Said: ", UserText(words))), visibility="channel")):
        assert message_problems(message) == []
        for name in emoji_names(message):
            assert re.fullmatch(r"[a-z0-9+'_-]+(::skin-tone-[2-6])?", name), name
        assert_inert(message["text"], set())
        assert_unformatted(message["text"])
    shown = "".join(rich_words(b) for m in messages(Reply(body=Rich((UserText(words),)))) for b in m["blocks"]
                    if b["type"] == "rich_text")
    assert shown == UserText(words).text
