"""`mod settings <key>` with no value: that setting's value and how to change it, not every setting."""

from __future__ import annotations

from tests.conftest import actor, text, typed

MIA = actor("mia", moderator=True)


async def test_a_setting_named_alone_shows_its_value_and_how_to_change_it(app):
    said = text(await typed(app, MIA, "mod settings crisis_screen"))
    assert said.startswith("crisis_screen: model") and "mod settings crisis_screen <value>" in said
    assert "summary_floor" not in said and "with my model" in said
    said = text(await typed(app, MIA, "mod settings summary_floor"))
    assert said.startswith("summary_floor: ") and "crisis_screen" not in said
    assert "**Settings**" in str(await typed(app, MIA, "mod settings")) or "Settings" in text(await typed(app, MIA, "mod settings"))
