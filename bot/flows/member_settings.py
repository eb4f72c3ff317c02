"""A member's own settings: their timezone, and snoozing DMs while away."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.commands.registry import REGISTRY, Option
from bot.events import Event, Reply, say
from bot.scheduling import check_timezone, parse_date

if TYPE_CHECKING:
    from bot.app import Hearth


@REGISTRY.command("me timezone", "Set your timezone, so every time I show you is yours.",
                  Option("timezone", "an IANA name such as Europe/Berlin or America/Chicago", kind="timezone",
                         required=True, suggest="timezones"),
                  example="me timezone Europe/Berlin")
async def set_timezone(app: "Hearth", ev: Event) -> Reply:
    tz = check_timezone(ev.args["timezone"])
    await app.store.update_member(ev.actor.community_id, ev.actor.user_id, timezone=tz.key)
    local = app.now().astimezone(tz)
    return say(f"Done: your timezone is {tz.key}. It's {local:%H:%M} there now.")


@REGISTRY.command("me snooze", "Pause your DMs and reminders until a date, without leaving anything.",
                  Option("until", "a date like 2026-12-31, 'tomorrow', or 'off' to stop snoozing", required=True),
                  example="me snooze 2026-08-31")
async def snooze(app: "Hearth", ev: Event) -> Reply:
    value = ev.args["until"].strip().lower()
    if value in {"off", "stop", "none", "no"}:
        await app.store.update_member(ev.actor.community_id, ev.actor.user_id, snooze_until=None)
        return say("Welcome back — DMs and reminders are on again.")
    tz = await app.timezone_of(ev.actor)
    until = parse_date(ev.args["until"], app.today(tz))
    await app.store.update_member(ev.actor.community_id, ev.actor.user_id, snooze_until=until)
    return say(f"Snoozed until {until:%A %d %B} (inclusive). You stay in your check-ins; "
               "I'll just be quiet. **me snooze off** ends it early.")
