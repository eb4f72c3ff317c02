"""What each group of commands is for, in a few words: for platforms that show groups (Discord's slash
command groups). Keyed by the group's word, as in the registry's command paths; a group not here still works."""

GROUP_HELP = {
    "checkin": "Group check-ins: see, join, leave and answer them",
    "me": "Your own settings and history",
    "mod": "Moderator tools: prompts, schedules, moderators, audit log",
    "notes": "Your private notes",
    "prompt": "Prompts: add, edit, enable, disable, list",
    "schedule": "Check-in schedules: create, edit, pause, resume, skip, delete",
    "moderators": "Who moderates Hearth here",
    "care": "Care notes: who is reaching out, and who is on duty",
}
