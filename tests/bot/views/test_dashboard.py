"""The dashboard's pages are built from registered moderator commands."""

from __future__ import annotations

from datetime import datetime, timezone

from bot import features
from bot.commands.registry import OPEN_FORM, RUN
from bot.views.dashboard import DASHBOARD_COMMANDS, PAGES, insights_table, page_commands
from tests.bot.flows.test_insights import MIA, PEOPLE, a_round
from tests.bot.scheduling.test_runner import make_schedule
from tests.conftest import actor, run


def test_every_command_a_page_offers_is_registered_and_for_moderators() -> None:
    registry = features.registry()
    for name in DASHBOARD_COMMANDS:
        assert name in registry.commands, name
    for page in PAGES:
        for name in page_commands(page):
            assert registry.commands[name].permission == "moderator", (page.slug, name)
        assert all(b.action in (RUN, OPEN_FORM) for b in page.controls)
    assert len({p.slug for p in PAGES}) == len(PAGES)


async def test_the_insights_table_shows_a_week_nobody_answered_as_0_with_no_moods_not_too_few(app, clock) -> None:
    await make_schedule(app)
    for name in PEOPLE:
        await run(app, actor(name), "checkin join", schedule="mornings")
    await a_round(app, clock, datetime(2026, 1, 12, 9, 0, tzinfo=timezone.utc), {})
    clock.set(datetime(2026, 1, 20, 10, 0, tzinfo=timezone.utc))
    table = await insights_table(app, MIA, 4)
    assert table.rows[-1] == ("12 Jan", "8", "0", "", "", "", "", "", "", "")


async def test_the_insights_page_says_a_check_in_with_too_few_people_is_left_out_of_all(app, clock) -> None:
    """(trial4 #19) The page's words and its chart's text alternative say what the numbers leave out."""
    from tests.bot.flows.test_insights import eve_alone_in_evenings

    await eve_alone_in_evenings(app, clock)
    table = await insights_table(app, MIA, 4)
    said = "These numbers leave out 1 check-in with too few people"
    assert said in table.trend and said in table.alt
    assert table.rows[-2][:3] == ("5 Jan", "8", "4")  # (mornings' 4; eve's 1 is not in)
    # ...and the week's row marks it, as the text's row, the chart's title and the CSV do
    assert table.headers[-1] == "Check-ins left out" and len(table.headers) == len(table.rows[-2])
    assert table.rows[-2][-1] == "1" and table.rows[-1][-1] == ""
