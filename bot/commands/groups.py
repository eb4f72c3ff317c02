"""What each group of commands is for, in a few words: for platforms that show groups (Discord's slash
command groups). Keyed by the group's word, as in the registry's command paths; a group not here still works.
English, marked with `N_`: translated where shown (`_(GROUP_HELP[word])`)."""

from bot.i18n import N_

GROUP_HELP = {
    "checkin": N_("Group check-ins: see, join, leave and answer them"),
    "me": N_("Your own settings and history"),
    "mod": N_("Moderator tools: prompts, schedules, moderators, audit log"),
    "notes": N_("Your private notes"),
    "prompt": N_("Prompts: add, edit, enable, disable, list"),
    "schedule": N_("Check-in schedules: create, edit, pause, resume, skip, delete, note"),
    "moderators": N_("Who moderates Hearth here"),
    "care": N_("Care notes: who is reaching out, and who is on duty"),
    "insights": N_("How the check-ins are going, week by week"),
}
