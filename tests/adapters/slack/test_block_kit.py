"""Every message and view Hearth builds is one Slack accepts (slack_sdk's models and Slack's documented rules).

The fake Slack refuses what real Slack refuses (`block_kit`), so every other
Slack test exercises this too; here the builders are pushed to their edges:
replies of any length with any number of buttons, forms of every kind, the
whole Home tab of a busy community, and each command's form.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.options import file_option
from adapters.slack.home import home_tab
from adapters.slack.modals import form_view, message_view, metadata
from adapters.slack.render import messages
from bot.commands.forms import command_form
from bot.events import Button, Choice, Form, FormField, Reply, Rich, UserText, rich
from testing.block_kit import message_problems, view_problems
from tests.bot.scheduling.test_runner import make_schedule
from tests.conftest import actor, run

# -- the rules themselves: each refuses what Slack refuses ----------------------------------------------


def _button(n: int, label: str = "Go") -> dict:
    return {"type": "button", "text": {"type": "plain_text", "text": label}, "action_id": f"a{n}", "value": "v"}


def _actions(block_id: str, *elements: dict) -> dict:
    return {"type": "actions", "block_id": block_id, "elements": list(elements)}


def _section(text: str = "hi") -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _input(element: dict, block_id: str = "f") -> dict:
    return {"type": "input", "block_id": block_id, "label": {"type": "plain_text", "text": "L"},
            "element": {"action_id": "v", **element}}


def _options(n: int) -> list[dict]:
    return [{"text": {"type": "plain_text", "text": f"o{i}"}, "value": f"o{i}"} for i in range(n)]


def _modal(*blocks: dict, submit: bool = True) -> dict:
    view = {"type": "modal", "title": {"type": "plain_text", "text": "T"}, "blocks": list(blocks)}
    return view | ({"submit": {"type": "plain_text", "text": "Save"}} if submit else {})


REFUSED_MESSAGES = {
    "repeated block id": [_actions("x", _button(1)), _actions("x", _button(2))],
    "repeated action id": [_actions("x", _button(1), _button(1))],
    "51 blocks": [_section() for _ in range(51)],
    "26 buttons": [_actions("x", *[_button(i) for i in range(26)])],
    "a long label": [_actions("x", _button(1, "l" * 76))],
    "an empty text": [_section("")],
    "a long section": [_section("s" * 3001)],
    "unknown block": [{"type": "nonsense"}],
}
REFUSED_VIEWS = {
    "repeated block id": _modal(_actions("x", _button(1)), _actions("x", _button(2))),
    "101 blocks": _modal(*[_section() for _ in range(101)]),
    "11 radio buttons": _modal(_input({"type": "radio_buttons", "options": _options(11)})),
    "an initial option not offered": _modal(_input({"type": "static_select", "options": _options(2),
                                                    "initial_option": _options(3)[2]})),
    "max_length over 3000": _modal(_input({"type": "plain_text_input", "max_length": 3001})),
    "an initial value over max_length": _modal(_input({"type": "plain_text_input", "max_length": 5,
                                                       "initial_value": "123456"})),
    "inputs without submit": _modal(_input({"type": "plain_text_input"}), submit=False),
    "a long title": {**_modal(_section()), "title": {"type": "plain_text", "text": "t" * 25}},
    "a home tab with submit": {"type": "home", "blocks": [_section()], "submit": {"type": "plain_text", "text": "S"}},
}


@pytest.mark.parametrize("name", REFUSED_MESSAGES)
def test_the_fake_refuses_messages_slack_refuses(name):
    assert message_problems({"text": "t", "blocks": REFUSED_MESSAGES[name]})


@pytest.mark.parametrize("name", REFUSED_VIEWS)
def test_the_fake_refuses_views_slack_refuses(name):
    assert view_problems(REFUSED_VIEWS[name])


def test_what_slack_accepts_passes():
    assert message_problems({"text": "t", "blocks": [_section(), _actions("a", _button(1), _button(2)),
                                                     _actions("b", _button(1))]}) == []
    assert view_problems(_modal(_input({"type": "radio_buttons", "options": _options(10),
                                        "initial_option": _options(10)[3]}))) == []
    assert message_problems({"text": "", "blocks": []}) and message_problems({"text": "x" * 40_001})


async def test_the_fake_answers_as_slack_does(fake):
    client = AsyncWebClient(token="xoxb-test", base_url=fake.api_url)
    with pytest.raises(SlackApiError) as refused:
        await client.views_publish(user_id="UANN", view=REFUSED_VIEWS["repeated block id"] | {"type": "home"})
    assert refused.value.response["error"] == "invalid_arguments"
    with pytest.raises(SlackApiError) as refused:
        await client.chat_postMessage(channel="C0GENERAL", text="t", blocks=REFUSED_MESSAGES["51 blocks"])
    assert refused.value.response["error"] == "invalid_blocks"
    assert fake.called("views.publish") == [] and fake.called("chat.postMessage") == []
    assert [m for m, _ in fake.refused] == ["views.publish", "chat.postMessage"]


# -- Hearth's builders at their edges ------------------------------------------------------------------

_words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400)
_rich = st.lists(st.one_of(st.sampled_from(["**Hi** ", "_there_ ", "\n", "\n\n", "• ", "x" * 2999, "a " * 1600]),
                           _words.map(UserText)), max_size=25).map(lambda parts: Rich(tuple(parts)))
_buttons = st.lists(st.builds(Button, label=st.text(min_size=0, max_size=120), action=st.just("go"),
                              args=st.dictionaries(st.sampled_from("abc"), st.text(max_size=3000), max_size=2),
                              style=st.sampled_from(["primary", "secondary", "danger", "success"])), max_size=60)
_replies = st.builds(Reply, body=_rich, buttons=_buttons.map(tuple),
                     title=st.one_of(st.none(), st.text(max_size=300)))


@settings(max_examples=150, deadline=None)
@given(reply=_replies)
def test_every_reply_makes_messages_slack_accepts(reply):
    for part in messages(reply):
        assert message_problems(part) == []


@settings(max_examples=100, deadline=None)
@given(replies=st.lists(_replies, min_size=1, max_size=4), title=st.text(max_size=60))
def test_every_reply_in_a_modal_is_a_view_slack_accepts(replies, title):
    assert view_problems(message_view(replies, metadata("message", "", {}, "C0GENERAL", "home"), title)) == []


_choices = st.lists(st.builds(Choice, value=st.text(min_size=1, max_size=200), label=st.text(max_size=200)),
                    max_size=130, unique_by=lambda c: c.value)


@st.composite
def _fields(draw):
    kind = draw(st.sampled_from(["text", "paragraph", "choice", "channel", "timezone", "file"]))
    choices = tuple(draw(_choices)) if kind == "choice" else ()
    default = draw(st.one_of(st.none(), st.text(max_size=4000), st.sampled_from([c.value for c in choices] or [""])))
    return FormField(draw(st.text("abcdefgh_", min_size=1, max_size=30)), draw(st.text(max_size=2100)), kind,
                     required=draw(st.booleans()), max_length=draw(st.one_of(st.none(), st.integers(1, 10_000))),
                     choices=choices, default=default if kind != "channel" else "slack:C0GENERAL",
                     placeholder=draw(st.one_of(st.none(), st.text(max_size=300))))


@settings(max_examples=150, deadline=None)
@given(fields=st.lists(_fields(), min_size=1, max_size=8, unique_by=lambda f: f.name), body=_rich,
       title=st.text(max_size=60), submit=st.text(max_size=60))
def test_every_form_is_a_modal_slack_accepts(fields, body, title, submit):
    form = Form(title, "act", tuple(fields), submit_label=submit)
    assert view_problems(form_view(Reply(body=body, form=form), metadata("form", "act", {}, None, None))) == []


async def test_every_command_form_is_a_modal_slack_accepts(app):
    for cmd in app.registry.commands.values():
        if not cmd.options:
            continue
        long = {o.name: "d" * 5000 for o in cmd.options}
        for defaults in ({}, long):
            form = await command_form(app, actor("mia", moderator=True), cmd, {}, defaults)
            view = form_view(Reply(body=rich(f"**{cmd.help}**"), form=form), metadata("command", cmd.name, {}, None,
                                                                                        None))
            assert view_problems(view) == [], (cmd.name, file_option(cmd))


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                HealthCheck.too_slow])
@given(schedules=st.integers(0, 45), prompts=st.integers(0, 40))
async def test_a_busy_home_tab_is_a_view_slack_accepts(app, clock, schedules, prompts):
    for i in range(len(await app.store.schedules.list_all("console:test")), schedules):
        clock.advance(timedelta(minutes=1))  # (past the per-member rate limit)
        await make_schedule(app, name=f"check-in {i:02d} " + "n" * 25, when="weekdays 09:00")
    for i in range(len(await app.store.prompts.list_all("console:test")), prompts):
        clock.advance(timedelta(minutes=1))
        await run(app, actor("mia", moderator=True), "mod prompt add", kind="checkin", theme="listening",
                  depth="light", text=f"{i} " + "Who heard you well this week, and how did it feel? " * 5)
    for viewer in (actor("mia", moderator=True), actor("ann")):
        assert view_problems(await home_tab(app, viewer)) == []


def test_a_long_reply_is_split_so_no_message_holds_more_text_than_slack_takes():
    """Slack refuses a message whose blocks hold about 13,000 characters, however small each block (F8)."""
    assert message_problems({"text": "t", "blocks": [_section("s" * 3000) for _ in range(5)]})
    own = messages(Reply(body=Rich(("A line of Hearth's own words.\n" * 2000,))))
    assert len(own) > 1 and all(message_problems(m) == [] for m in own)
    words = messages(Reply(body=rich("What you typed, so you can use it again: {}", "y" * 50_000)))
    shown = "".join(r["text"] for m in words for b in m["blocks"] if b["type"] == "rich_text"
                    for e in b["elements"] for r in e["elements"] if r["type"] == "text")
    assert len(words) > 1 and all(message_problems(m) == [] for m in words)
    assert "y" * 50_000 in shown  # (words given back are split, never cut)


def test_what_is_cut_to_fit_ends_on_a_whole_character():
    """A label, a title or a choice cut to Slack's limit (someone's check-in name, a long language's words) ends on a
    whole character and at a word where one is near: never on half a flag, a skin tone without its hand, or a
    family emoji broken at a joiner."""
    family = "👩\u200d👩\u200d👧\u200d👦"
    name = "x" * 70 + "👋🏽" * 5  # (75 characters would end between a hand and its skin tone)
    form = Form("Abendrunde am 🇩🇪🇫🇷🇯🇵🇧🇷🇩🇪🇫🇷", "act", (
        FormField("name", "Name", "choice", choices=tuple(Choice(f"v{i}", f"{i} " + family * 11) for i in range(7))),))
    view = form_view(Reply(body=rich("Hi"), form=form), metadata("form", "act", {}, None, None))
    [message] = messages(Reply(body=rich("Hi"), buttons=(Button(name, "go"),)))
    assert view_problems(view) == [] and message_problems(message) == []
    assert view["title"]["text"] == "Abendrunde am 🇩🇪🇫🇷🇯🇵🇧🇷…"  # (24 would end inside the fifth flag)
    [select] = [b["element"] for b in view["blocks"] if b["type"] == "input"]
    assert select["options"][0]["text"]["text"] == "0 " + family * 10 + "…"
    [button] = message["blocks"][-1]["elements"]
    assert button["text"]["text"] == "x" * 70 + "👋🏽" * 2 + "…"
