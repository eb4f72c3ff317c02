"""Everything Hearth does, in one explicit list: the routers of its features, composed into its registry.

A new feature is one module with a `router` (see `bot.commands.router`) and
one line here. The order is the order help and every platform's menus show
(support first, so it is always easy to find). Nothing is declared by
importing a module: what is not listed here is not part of Hearth.
"""

from __future__ import annotations

from bot.commands import builtins
from bot.commands.registry import Registry
from bot.engines import retention, rounds
from bot.flows import (
    care_team,
    checkins,
    crisis_care,
    dashboard,
    help,
    history,
    home,
    insights,
    member_settings,
    moderate_prompts,
    moderate_schedules,
    moderate_team,
    my_data,
    prompt_packs,
    reflections,
)

ROUTERS = (
    builtins.router,
    crisis_care.router,
    checkins.router,
    help.router,
    history.router,
    home.router,
    member_settings.router,
    moderate_prompts.router,
    moderate_schedules.router,
    moderate_team.router,
    care_team.router,
    dashboard.router,
    insights.router,
    my_data.router,
    prompt_packs.router,
    reflections.router,
    rounds.router,
    retention.router,
)


def registry() -> Registry:
    """A registry of every listed feature (each `Hearth` has its own; tests may compose fewer)."""
    return Registry.of(ROUTERS)
