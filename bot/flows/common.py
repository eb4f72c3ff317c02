"""Small pieces several flows share: finding a schedule, showing a time."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.errors import UserError
from bot.events import Actor, Event
from bot.models import Schedule

if TYPE_CHECKING:
    from bot.app import Hearth

YES = {"yes", "y", "on", "true", "1"}
NO = {"no", "n", "off", "false", "0"}


async def schedule_named(app: "Hearth", actor: Actor, name: str, field: str = "name") -> Schedule:
    """The community's check-in by name; a refusal is about the option `field` that named it."""
    schedule = await app.store.find_schedule(actor.community_id, name)
    if schedule is not None:
        return schedule
    names = [s.name for s in await app.store.list_schedules(actor.community_id)]
    if not names:
        raise UserError("There are no check-ins here yet. A moderator can create one with **mod schedule create**.",
                        field=field)
    raise UserError(f"I couldn't find a check-in called “{{}}”. The ones here are: {', '.join(names)}.", name,
                    field=field)


async def audit(app: "Hearth", ev: "Event", action: str, detail: str) -> None:
    """Record a moderator's action in the community's audit log."""
    await app.store.audit(ev.actor.community_id, ev.actor.user_id, action, detail, app.now())


def yes_no(value: str | None, default: bool, option: str) -> bool:
    if value is None or value == "":
        return default
    v = value.strip().lower()
    if v in YES:
        return True
    if v in NO:
        return False
    raise UserError(f"“{option}” should be yes or no. You wrote “{{}}”.", value, field=option)


def show_time(when: datetime, tz: ZoneInfo) -> str:
    """A time as a person reads it, in their timezone: "Mon 5 Jan, 09:00 (Europe/Berlin)"."""
    local = when.astimezone(tz)
    return f"{local:%a} {local.day} {local:%b}, {local:%H:%M} ({tz.key})"


def show_clock(when: datetime, tz: ZoneInfo) -> str:
    """Just the wall-clock time, for texts like "closes at 17:00"."""
    return f"{when.astimezone(tz):%H:%M}"


def user_ref(actor: Actor, value: str) -> str:
    """A user option as an id: bare names get the actor's platform prefix."""
    value = value.strip().lstrip("@")
    return value if ":" in value else f"{actor.platform}:{value}"


def as_id(value: str | None) -> int:
    """A stored row's id from a button or option; 0 (matches nothing) if it can't be one."""
    try:
        n = int(str(value).strip())
    except ValueError:
        return 0
    return n if 0 < n < 2**63 else 0
