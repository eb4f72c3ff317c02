"""Every message, button row and modal Hearth sends is one Discord accepts (its OpenAPI spec's limits).

The fake Discord refuses what Discord refuses (`discord_rules`), so every other
Discord test exercises this too; here the builders are pushed to their edges,
serialized by discord.py itself as it would send them.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.discord.components import build_modal, build_view, fitted
from adapters.discord.render import message_parts
from adapters.discord.state import AdapterState
from bot.events import Button, Choice, Form, FormField, Reply, Rich, UserText, rich
from testing import discord_rules as rules
from tests.adapters.discord.helpers import run

# -- the rules refuse what Discord refuses ----------------------------------------------------------------


def _button(n: int, label: str = "Go") -> dict:
    return {"type": 2, "style": 2, "label": label, "custom_id": f"c{n}"}


REFUSED_MESSAGES = {
    "2001 characters": {"content": "x" * 2001},
    "empty": {"content": ""},
    "six rows": {"content": "x", "components": [{"type": 1, "components": [_button(i)]} for i in range(6)]},
    "six buttons in a row": {"content": "x", "components": [{"type": 1, "components": [_button(i) for i in range(6)]}]},
    "an 81-character label": {"content": "x", "components": [{"type": 1, "components": [_button(1, "l" * 81)]}]},
    "an empty label": {"content": "x", "components": [{"type": 1, "components": [_button(1, "")]}]},
    "a 101-character custom id": {"content": "x", "components": [{"type": 1, "components": [
        {"type": 2, "style": 1, "label": "a", "custom_id": "c" * 101}]}]},
    "11 embeds": {"embeds": [{"title": "t"}] * 11},
    "a long embed": {"embeds": [{"description": "d" * 4097}]},
}


def _label(inner: dict, label: str = "L") -> dict:
    return {"type": 18, "label": label, "component": inner}


def _text_input(**kw) -> dict:
    return {"type": 4, "custom_id": "f", "style": 1, **kw}


def _select(options: int, **kw) -> dict:
    return {"type": 3, "custom_id": "s", "options": [{"label": f"o{i}", "value": f"o{i}"} for i in range(options)], **kw}


REFUSED_MODALS = {
    "a 46-character title": {"custom_id": "m", "title": "t" * 46, "components": [_label(_text_input())]},
    "no title": {"custom_id": "m", "title": "", "components": [_label(_text_input())]},
    "six components": {"custom_id": "m", "title": "t",
                       "components": [_label(_text_input(custom_id=f"f{i}")) for i in range(6)]},
    "a 46-character label": {"custom_id": "m", "title": "t", "components": [_label(_text_input(), "l" * 46)]},
    "a 101-character placeholder": {"custom_id": "m", "title": "t",
                                    "components": [_label(_text_input(placeholder="p" * 101))]},
    "a value over max_length": {"custom_id": "m", "title": "t",
                                "components": [_label(_text_input(max_length=3, value="abcd"))]},
    "26 options": {"custom_id": "m", "title": "t", "components": [_label(_select(26))]},
    "no options": {"custom_id": "m", "title": "t", "components": [_label(_select(0))]},
    "an empty option value": {"custom_id": "m", "title": "t", "components": [_label(
        {"type": 3, "custom_id": "s", "options": [{"label": "a", "value": ""}]})]},
}


@pytest.mark.parametrize("name", REFUSED_MESSAGES)
def test_the_fake_refuses_messages_discord_refuses(name):
    assert rules.message_problems(REFUSED_MESSAGES[name])


@pytest.mark.parametrize("name", REFUSED_MODALS)
def test_the_fake_refuses_modals_discord_refuses(name):
    assert rules.modal_problems(REFUSED_MODALS[name])


def test_what_discord_accepts_passes():
    assert rules.message_problems({"content": "x" * 2000, "components": [
        {"type": 1, "components": [_button(5 * r + i) for i in range(5)]} for r in range(5)]}) == []
    assert rules.modal_problems({"custom_id": "m", "title": "t" * 45, "components": [
        {"type": 10, "content": "Hi"}, _label(_text_input(max_length=4000, value="v" * 4000)),
        _label(_select(25, placeholder="p" * 150))]}) == []


# -- Hearth's builders at their edges, as discord.py serializes them ---------------------------------------

_words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300)
_rich = st.lists(st.one_of(st.sampled_from(["**Hi** ", "\n", "x" * 1999, "a " * 1200, "@everyone "]),
                           _words.map(UserText)), max_size=20).map(lambda parts: Rich(tuple(parts)))
_buttons = st.lists(st.builds(Button, label=st.text(max_size=120), action=st.sampled_from(["go", "checkin.answer"]),
                              args=st.dictionaries(st.sampled_from("abc"), st.text(max_size=300), max_size=2),
                              style=st.sampled_from(["primary", "secondary", "danger", "success"])), max_size=30)
_choices = st.lists(st.builds(Choice, value=st.text(min_size=0, max_size=150), label=st.text(max_size=150)),
                    max_size=40, unique_by=lambda c: c.value)


@st.composite
def _fields(draw):
    kind = draw(st.sampled_from(["text", "paragraph", "choice", "channel", "timezone"]))
    choices = tuple(draw(_choices)) if kind == "choice" else ()
    default = draw(st.one_of(st.none(), st.text(max_size=5000), st.sampled_from([c.value for c in choices] or [""])))
    return FormField(draw(st.text("abcdefgh_", min_size=1, max_size=30)), draw(st.text(max_size=100)), kind,
                     required=draw(st.booleans()), max_length=draw(st.one_of(st.none(), st.integers(1, 10_000))),
                     choices=choices, default=default, placeholder=draw(st.one_of(st.none(), st.text(max_size=300))))


@pytest.fixture
async def state(app):
    return AdapterState(app.store.stash, app.now)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=_rich, title=st.one_of(st.none(), st.text(max_size=300)), buttons=_buttons)
async def test_every_reply_is_messages_discord_accepts(state, body, title, buttons):
    reply = Reply(body=body, title=title, buttons=tuple(buttons))
    parts = message_parts(reply)
    view = await build_view(reply.buttons, state)
    for i, text in enumerate(parts):
        components = view.to_components() if view is not None and i == len(parts) - 1 else []
        assert rules.message_problems({"content": text, "components": components}) == []


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fields=st.lists(_fields(), min_size=1, max_size=7, unique_by=lambda f: f.name), intro=st.text(max_size=5000),
       title=st.text(max_size=80), args=st.dictionaries(st.sampled_from("xyz"), st.text(max_size=200), max_size=3))
async def test_every_form_is_a_modal_discord_accepts(state, fields, intro, title, args):
    modal = await build_modal(Form(title, "reflect.save_note", tuple(fields), args=args), state, intro)
    assert rules.modal_problems(modal.to_dict()) == []


async def test_hearths_commands_sync_as_discord_accepts(fake, discord_bot):
    assert fake.commands["global"] and not [r for r in fake.refused if "commands" in r[0]]
    assert rules.commands_problems(fake.commands["global"]) == []


async def test_a_long_answer_with_many_buttons_arrives(app, fake, discord_bot):
    member = fake.member(fake.next_id(), "Ann")
    for i in range(60):
        await app.store.notes.add(f"discord:{fake.guild_id}", f"discord:{member['user']['id']}", None, f"P {i}",
                                 f"note {i} " + "w" * 1500, app.now())
    shown = await run(fake, member, "notes list")
    assert shown["type"] in (4, 5)
    await fake.wait_for(lambda: len(fake.followups(shown["interaction_id"])) >= 1 or shown["type"] == 4)
    assert fake.refused == []


# -- what is cut to fit is cut between whole characters --------------------------------------------------------

FLAGS = "🇩🇪🇫🇷🇯🇵🇧🇷" * 10  # (each flag two code points: a cut between them makes other flags, or half of one)
FAMILY = "👩\u200d👩\u200d👧\u200d👦"


async def test_a_label_cut_to_fit_keeps_its_flags_and_emoji_whole(state):
    """A check-in's name in a button, a menu or a modal is someone's: cut to Discord's limit, it ends on a whole
    character (a flag, a family emoji), not on half of one, and at a word where one is near."""
    label = "x" * 75 + FLAGS  # (80 characters would end inside the third flag)
    view = await build_view((Button(label, "go"),), state)
    [row] = view.to_components()
    [shown] = [c["label"] for c in row["components"]]
    assert rules.message_problems({"content": "x", "components": [row]}) == []
    assert shown == "x" * 75 + "🇩🇪🇫🇷" + "…"
    named = "Montagsrunde " + FAMILY * 30
    modal = (await build_modal(Form(named, "go", (FormField("name", named, "text"),)), state)).to_dict()
    assert rules.modal_problems(modal) == []
    assert modal["title"] == "Montagsrunde " + FAMILY * 4 + "…"  # (45: 13 letters, four families of seven, "…")
    assert modal["components"][0]["label"] == modal["title"]


async def test_a_menu_of_names_too_many_for_buttons_cuts_each_name_whole(state):
    names = [f"{i:02d} " + "Gemeinschaftsküche " * 4 + FLAGS for i in range(30)]
    buttons = tuple(Button("Answer", "checkin.answer", {"s": n}, about=n) for n in names)
    reply, view = await fitted(Reply(body=rich("Hi"), buttons=buttons), state)
    components = view.to_components()
    assert rules.message_problems({"content": "Hi", "components": components}) == []
    [menu] = components[-1]["components"]
    for option in menu["options"][:-1]:
        assert option["label"].endswith("Gemeinschaftsküche…"), option["label"]  # (at a word: 100 falls in the flags)
