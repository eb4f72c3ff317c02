"""Every name a moderator sets is what it shows (outside trial 6, F3): a text-direction control (U+202E) in a care
channel's setting, a check-in's channel or name, a moderator, or a pack's name was kept, so the page, the audit and a
care reply to a member ("the moderators in #care‮") read reversed; a prompt holding one was imported without a note.
One rule (`bot.content.style.unseen`, Unicode's format and control characters) takes them out of names, and a
prompt's words get a style note about them."""

from __future__ import annotations

import pytest

from bot.commands.parse import trimmed
from bot.content.packs import parse_pack
from bot.content.style import style_notes
from tests.conftest import actor, press, run, text

MIA = actor("mia", moderator=True)
CONTROLS = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e",
            "\u200f", "\u200b", "\ufeff", "\x07"]


@pytest.mark.parametrize("mark", CONTROLS)
async def test_a_channel_setting_keeps_no_unseen_character(app, mark):
    saved = await run(app, MIA, "mod settings", key="alert_channel", value=f"#ca{mark}re{mark}")
    assert mark not in text(saved), text(saved)
    assert (await app.store.communities.get(MIA.community_id)).settings.alert_channel == "console:care"


async def test_a_check_in_and_a_moderator_keep_none(app):
    preview = await run(app, MIA, "mod schedule create", name="morn\u202eings", channel="#gen\u2067eral",
                        when="daily 09:00", timezone="UTC")
    save = [b for r in preview for b in r.buttons if b.label == "Save"][0]
    await press(app, MIA, save.action, save.args)
    (schedule,) = await app.store.schedules.list_all(MIA.community_id)
    assert (schedule.name, schedule.channel_id) == ("mornings", "console:general")
    await run(app, MIA, "mod moderators add", who="sam\u202e")
    assert await app.store.communities.moderators(MIA.community_id) == ["console:sam"]
    assert "\u202e" not in text(await run(app, MIA, "mod audit"))


def test_a_pack_name_keeps_none_and_a_prompt_holding_one_is_noted():
    pack = parse_pack('[pack]\nid = "ours"\nname = "Our\u202e prompts"\nversion = "1.0"\nlanguage = "en"\n'
                      '[[prompts]]\nid = "ours-01"\nkind = "checkin"\ntheme = "listening"\ndepth = "light"\n'
                      'text = "What did you hear today? \u202eabc"\n', "ours.toml")
    assert pack.name == "Our prompts"
    assert any("shows nothing" in n for n in style_notes(pack.prompts[0].text))
    assert not any("shows nothing" in n for n in style_notes("What did you hear today?"))


def test_one_rule_for_a_line_and_a_name():
    for mark in CONTROLS:
        assert trimmed(f"{mark}help{mark}") == "help"
