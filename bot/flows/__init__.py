"""The flows. Importing this package declares every command into the registry."""

from bot.flows import (  # noqa: F401
    checkins,
    crisis_care,
    help,
    history,
    home,
    member_settings,
    moderate_prompts,
    moderate_schedules,
    moderate_team,
    my_data,
    prompt_packs,
    reflections,
)
