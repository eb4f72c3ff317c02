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
    and no line opening a > quote."""
    assert not any(mark in text for mark in "*_~`"), text
    assert not re.search(r"^\s*(>|&gt;)", text, re.MULTILINE), text


# Every mark mrkdwn has, in someone's words: shown exactly as typed, on a message, in its notification, in a modal
# and on the Home tab, and every block one Slack's own models accept.
MARKED = ["*bold*", "_italic_", "~strike~", "`code`", "```block```", "> a quote", "&gt; quoted", ":smile:",
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
    shown = "".join(e["text"] for m in messages(Reply(body=body)) for e in rich_texts(m["blocks"]))
    assert typed.strip() in shown  # exactly as typed (in a text element, which Slack never parses)
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
