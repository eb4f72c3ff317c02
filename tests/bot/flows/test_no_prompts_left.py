"""When no prompt of a kind is left switched on, every path that depends on them says so, truly (trial 23): a
check-in's preview listed its next three rounds though none could open ("schedule 1 has no enabled check-in prompts;
no round opened" went to the log only), `mod prompt disable` of the last one gave no heads-up (a pack or a theme
switched off does), and `reflect` with no theme said "I have no reflection prompts on that theme right now. Try
reflect without a theme"."""

from __future__ import annotations

from tests.bot.scheduling.test_runner import make_schedule
from tests.conftest import actor, run, text

MIA = actor("mia", moderator=True)
ANN = actor("ann")
NO_ROUND = "No check-in prompt is switched on for this check-in's theme and depth, so no round would open"
HEADS_UP = "Heads up: there are no check-in prompts left switched on"
BASE = {"name": "evening", "channel": "general", "when": "daily 19:00", "timezone": "UTC"}


async def test_a_preview_says_no_round_would_open_for_a_theme_switched_off(app):
    await run(app, MIA, "mod theme off", theme="listening")
    said = text(await run(app, MIA, "mod schedule create", **BASE, theme="listening"))
    assert NO_ROUND in said and "Next three" in said, said
    said = text(await run(app, MIA, "mod schedule create", **BASE, theme="repair"))
    assert NO_ROUND not in said, said


async def test_an_edit_to_a_theme_with_no_prompts_says_so(app):
    await make_schedule(app)
    await run(app, MIA, "mod theme off", theme="fear")
    said = text(await run(app, MIA, "mod schedule edit", name="mornings", theme="fear"))
    assert NO_ROUND in said, said


async def test_disabling_the_last_check_in_prompt_gives_the_heads_up_a_pack_gives(app):
    await run(app, MIA, "mod pack off", pack="hearth-checkins")
    await run(app, MIA, "mod prompt add", kind="checkin", theme="repair", depth="light", text="Who helped you today?",
              confirmed="yes")
    said = text(await run(app, MIA, "mod prompt disable", id="own-repair-01"))
    assert "is disabled" in said and HEADS_UP in said, said
    said = text(await run(app, MIA, "mod schedule create", **BASE))
    assert NO_ROUND in said, said
    assert "is enabled" in (said := text(await run(app, MIA, "mod prompt enable", id="own-repair-01"))), said
    assert HEADS_UP not in said
    assert NO_ROUND not in text(await run(app, MIA, "mod schedule create", **BASE))


async def test_disabling_a_prompt_while_others_are_on_says_nothing_more(app):
    said = text(await run(app, MIA, "mod prompt disable", id="listening-01"))
    assert "is disabled" in said and "Heads up" not in said, said


async def test_reflect_with_no_reflection_prompts_at_all_says_so_and_sends_nowhere_empty(app):
    await run(app, MIA, "mod pack off", pack="hearth-reflections")
    for theme in ({}, {"theme": "repair"}):
        said = text(await run(app, ANN, "reflect", **theme))
        assert "There are no reflection prompts switched on here right now" in said, said
        assert "without a theme" not in said and "on that theme" not in said, said


async def test_reflect_on_an_empty_theme_still_offers_the_rest(app):
    await run(app, MIA, "mod theme off", theme="repair")
    said = text(await run(app, ANN, "reflect", theme="repair"))
    assert "switched off the theme" in said and "without a theme" in said, said


async def test_switching_off_the_theme_a_check_in_uses_names_that_check_in(app):
    """Other check-in prompts are still on, so there is no "none left" heads-up: the check-in that asks only for
    listening prompts is named, as its rounds won't open."""
    await make_schedule(app, theme="listening")
    await make_schedule(app, name="evening")
    said = text(await run(app, MIA, "mod theme off", theme="listening"))
    assert "Heads up: mornings has no check-in prompts left switched on for its theme and depth" in said, said
    assert "evening" not in said and HEADS_UP not in said, said
    said = text(await run(app, MIA, "mod theme off", theme="repair"))
    assert "mornings" in said and "evening" not in said, said  # (still none for it: said again, truly)
    assert "mornings" not in text(await run(app, MIA, "mod theme on", theme="listening"))


async def test_the_schedule_list_says_no_round_will_open_with_no_prompts(app):
    await make_schedule(app)
    assert HEADS_UP not in text(await run(app, MIA, "mod schedule list"))
    await run(app, MIA, "mod pack off", pack="hearth-checkins")
    said = text(await run(app, MIA, "mod schedule list"))
    assert "mornings" in said and HEADS_UP in said and "reflection" not in said, said
