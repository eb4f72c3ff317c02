"""The dashboard's pages are built from registered moderator commands."""

from __future__ import annotations

from bot import features
from bot.commands.registry import OPEN_FORM, RUN
from bot.views.dashboard import DASHBOARD_COMMANDS, PAGES, page_commands


def test_every_command_a_page_offers_is_registered_and_for_moderators() -> None:
    registry = features.registry()
    for name in DASHBOARD_COMMANDS:
        assert name in registry.commands, name
    for page in PAGES:
        for name in page_commands(page):
            assert registry.commands[name].permission == "moderator", (page.slug, name)
        assert all(b.action in (RUN, OPEN_FORM) for b in page.controls)
    assert len({p.slug for p in PAGES}) == len(PAGES)
