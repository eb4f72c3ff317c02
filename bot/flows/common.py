"""Small pieces several flows share: finding a schedule, showing a time."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, time, timedelta
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Collection, Mapping
from zoneinfo import ZoneInfo

from bot.commands.registry import NO, YES, choose_again  # (the one reading of a typed yes or no)
from bot.commands.mentions import TYPED
from bot.commands.registry import visible
from bot.config import terminal_name_problem
from bot.errors import UserError
from bot.events import (
    Actor, Event, PersonRef, Rich, UserText, WhenStyle, channel, hearth_text, rich, show_date, your_time,
)
from bot.i18n import N_, _, ngettext
from bot.models import Schedule
from bot.scheduling import next_fires, parse_when
from bot.store.member_data import DELETED

if TYPE_CHECKING:
    from bot.app import Hearth


def written_in(ev: Event) -> Rich:
    """Where a message written to Hearth sits for others to read, with the writer's name (`Event.seen`): its
    channel, as a link; else "a channel" (the platform didn't say which)."""
    return channel(ev.actor.channel_id) if ev.actor.channel_id else hearth_text(_("a channel"))


async def schedule_named(app: "Hearth", actor: Actor, name: str, field: str = "name") -> Schedule:
    """The community's check-in by name; a refusal is about the option `field` that named it."""
    schedule = await app.store.schedules.find(actor.community_id, name)
    if schedule is not None:
        return schedule
    names = [s.name for s in await app.store.schedules.list_all(actor.community_id)]
    if not names:
        raise UserError(_("There are no check-ins here yet. A moderator can create one with **mod schedule create**."),
                        field=field)
    raise UserError(_("I couldn't find a check-in called “{name}”. The ones here are: {names}."), name=name,
                    names=", ".join(names), field=field)


async def audit(app: "Hearth", ev: "Event", action: str, detail: str | dict[str, Any]) -> None:
    """Record a moderator's action in the community's audit log. A detail with parts (a day, counts) is kept as
    JSON fields, not as an English sentence: `mod audit` writes it in the reader's language when it is read
    (`bot.flows.moderate_team.audit_fields`)."""
    text = json.dumps(detail, ensure_ascii=False, sort_keys=True) if isinstance(detail, dict) else detail
    await app.store.communities.record_audit(ev.actor.community_id, ev.actor.user_id, action, text, app.now())


def yes_no(value: str | None, default: bool, option: str) -> bool:
    if value is None or value == "":
        return default
    v = value.strip().lower()
    if v in YES:
        return True
    if v in NO:
        return False
    err = UserError(_("“{option}” should be yes or no. You wrote “{typed}”."), option=hearth_text(option), typed=value,
                    field=option)
    err.calm = choose_again(option, "**yes**, **no**")
    raise err


def show_time(when: datetime, tz: ZoneInfo, style: WhenStyle = "datetime") -> Rich:
    """A time in a message for one person, in their timezone, named: "Mon 5 Jan, 09:00 (Europe/Berlin)".

    Channel posts use `posted_time` instead (`bot.events.When` has the one rule)."""
    return your_time(when, tz, style)


#: How many fires in a row `next_rounds` looks past (paused or skipped days; nobody skips a year of them).
MAX_SKIPPED = 400


def next_rounds(schedule: Schedule, now: datetime, skips: Collection[date] = (), count: int = 1) -> list[datetime]:
    """The next `count` rounds this schedule really opens after `now`: never on a day it is paused or skipped, nor
    a fire it doesn't count (`Schedule.counts`), as the engine decides at each fire (`bot.engines.rounds`). The one
    answer to "when is the next round" that every list, status, home tab and preview gives (empty: not before it
    is resumed, or never)."""
    if schedule.paused_until == "forever":
        return []
    tz = ZoneInfo(schedule.timezone)
    after = now
    if schedule.paused_until:  # the first moment of the day after the pause, on the schedule's calendar
        resumes = datetime.combine(date.fromisoformat(schedule.paused_until) + timedelta(days=1), time(), tz)
        after = max(now, resumes - timedelta(microseconds=1))
    out: list[datetime] = []
    for _step in range(MAX_SKIPPED + count):
        fires = next_fires(schedule.cron, tz, after, 1)
        if not fires:
            break
        after = fire = fires[0]
        day = fire.astimezone(tz).date()
        if schedule.paused_on(day) or day in skips or not schedule.counts(fire):
            continue
        out.append(fire)
        if len(out) == count:
            break
    return out


def next_round_at(schedule: Schedule, now: datetime, skips: Collection[date] = ()) -> datetime | None:
    """When this schedule's next round really opens (`next_rounds`); None: not before it is resumed, or never."""
    found = next_rounds(schedule, now, skips, 1)
    return found[0] if found else None


def zoned_day(day: date, zone: str, yours: ZoneInfo, show: Callable[[date], str] = show_date) -> str:
    """A calendar day of `zone` (a check-in's pause or skipped day), for a reader in `yours`: "Tue 6 Jan" when that
    is their zone too (the times beside it name it), "Sat 27 Mar (Europe/Berlin)" when it isn't, so a day never
    seems to contradict a time beside it shown in the reader's own zone. `show` writes the day (`long_day`: "Saturday
    27 March")."""
    shown = show(day)
    return shown if zone == yours.key else f"{shown} ({zone})"


def schedule_line(schedule: Schedule, now: datetime, yours: ZoneInfo, skips: Collection[date] = ()) -> Rich:
    """"next: Mon 5 Jan, 09:00 (Europe/Berlin)", "paused until a moderator resumes it", or "paused up to and
    including Tue 6 Jan; next: Wed 7 Jan, 09:00 (…)": the one way every list says what comes next, in the
    reader's own time (`yours`); the pause's last day is on the check-in's calendar, its zone named when that isn't
    the reader's (`zoned_day`). A pause whose last day has passed is over."""
    nxt = next_round_at(schedule, now, skips)
    upcoming = rich(_("next: {}"), your_time(nxt, yours)) if nxt else hearth_text(_("no upcoming round"))
    if not schedule.paused_at(now):
        return upcoming
    if schedule.paused_until == "forever":
        return hearth_text(_("paused until a moderator resumes it"))
    last = date.fromisoformat(schedule.paused_until or "")
    return hearth_text(_("paused up to and including {day}; ").format(
        day=zoned_day(last, schedule.timezone, yours))) + upcoming


@dataclass(frozen=True)
class CheckinRow:
    """One check-in as a member sees it (`checkin list`)."""

    schedule: Schedule
    line: Rich
    joined: bool

    def text(self) -> Rich:
        mark = _("✓ joined") if self.joined else _("not joined")
        return rich("**{}** — {}" + f" ({mark})", self.schedule.name, self.line)


async def checkin_rows(app: "Hearth", actor: Actor, tz: ZoneInfo) -> list[CheckinRow]:
    """Every check-in here, what comes next for it in the reader's own time (`tz`), and whether they joined."""
    schedules = await app.store.schedules.list_all(actor.community_id)
    if not schedules:
        return []
    joined = {s.id for s, _ in await app.store.communities.memberships(actor.community_id, actor.user_id)}
    skips = await app.store.schedules.skips_of([s.id for s in schedules])
    now = app.now()
    return [CheckinRow(s, schedule_line(s, now, tz, skips.get(s.id, ())), s.id in joined) for s in schedules]


@dataclass(frozen=True)
class ScheduleRow:
    """One check-in as a moderator sees it (`mod schedule list`)."""

    schedule: Schedule
    line: Rich
    people: int

    def text(self, where: bool = False) -> Rich:
        """Its name, when it runs, (`where`: its channel,) how many joined, and what comes next."""
        s = self.schedule
        head = rich("**{}**" + f" · {parse_when(s.spec).describe()} ({s.timezone}) · ", s.name)
        if where:
            head = head + channel(s.channel_id) + rich(" · ")
        return head + rich(ngettext("{count} joined · ", "{count} joined · ", self.people).format(count=self.people)) + self.line


async def schedule_rows(app: "Hearth", actor: Actor, tz: ZoneInfo) -> list[ScheduleRow]:
    schedules = await app.store.schedules.list_all(actor.community_id)
    skips = await app.store.schedules.skips_of([s.id for s in schedules]) if schedules else {}
    now = app.now()
    return [ScheduleRow(s, schedule_line(s, now, tz, skips.get(s.id, ())), len(await app.store.schedules.participants(s.id)))
            for s in schedules]


#: Who a record names once its person deleted their data (it says `DELETED` there). Not "a former member": they
#: may well still be here, having deleted only what Hearth held about them.
SINCE_ERASED = N_("someone who has since deleted their data")


async def people(app: "Hearth", community_id: str, subjects: list[str]) -> dict[str, Rich]:
    """How to name each of these people (or roles) to someone: their display name here, "someone who has since
    deleted their data" once they did, else the platform's own link to them (`PersonRef`); never an id."""
    names = await app.store.communities.display_names(community_id, [s for s in subjects if s != DELETED])
    return {s: person_shown(s, names.get(s, "")) for s in subjects}


async def person(app: "Hearth", community_id: str, subject: str) -> Rich:
    return (await people(app, community_id, [subject]))[subject]


def person_shown(subject: str, name: str) -> Rich:
    if subject == DELETED:
        return hearth_text(_(SINCE_ERASED))
    if name.strip():
        return Rich((UserText(name.strip()),))
    return Rich((PersonRef(subject),))


def moderates_off_list(actor: Actor, listed: Collection[str]) -> bool | None:
    """Whether `actor` moderates here besides their own place on the community's moderator list (`listed`): True
    through the platform's admin rights or a role of theirs on the list, False through neither, None when the
    platform gave no word of its rights (can't tell). Only the actor's own event says this: of another member, Hearth
    often knows neither."""
    if actor.platform_moderator or any(f"role:{r}" in listed for r in actor.roles):
        return True
    return None if actor.platform_moderator is None else False


#: Who a post many read names when nobody knows the speaker's name (their platform couldn't say, and it never has).
A_MEMBER = N_("A member")


async def posted_name(app: "Hearth", actor: Actor) -> Rich:
    """Who is speaking, by name, at the start of a post many read (a named answer, a care note): the name their
    platform gives them, else the one it gave before, else "A member", in the language being spoken. Never the
    platform's link to them (`PersonRef`): in a post on Slack that pings them, and a care note's ping would tell
    them of it; never an id."""
    name = actor.display_name.strip() or (await app.store.communities.display_names(
        actor.community_id, [actor.user_id])).get(actor.user_id, "")
    return person_posted(actor.user_id, name)


def person_posted(subject: str, name: str) -> Rich:
    """Someone named in a post many read (`posted_name`'s rule): by name, "someone who has since deleted their
    data" once they did, else "A member"; never the platform's link to them."""
    if subject == DELETED:
        return hearth_text(_(SINCE_ERASED))
    return Rich((UserText(name.strip()),)) if name.strip() else hearth_text(_(A_MEMBER))


def user_ref(actor: Actor, value: str) -> str:
    """A user option as an id: bare names get the actor's platform prefix. Invisible characters (a zero-width
    space, a direction mark: `bot.commands.registry.visible`, the one rule) are no part of anyone's name, so "ann" and "ann" + U+200B are one id."""
    value = visible(value).strip().lstrip("@").strip()
    return value if ":" in value else f"{actor.platform}:{value}"


#: The longest "who" a moderator can type: longer is no one's name on any platform.
MAX_WHO = 80
#: What names everyone (or everyone here) on a platform, never one person.
_EVERYONE = {"everyone", "here", "channel", "all"}


async def member_ref(app: "Hearth", actor: Actor, value: str, listed: Collection[str] = (),
                     field: str = "who") -> str:
    """A "who" option as one person's id, or a kind refusal: never an id made up from any text. A picker (a
    Discord or Slack user option) gives an id; the terminal a one-word name; the dashboard's text box (the
    actor isn't `from_platform`) gives what a moderator typed, so it must name a member Hearth has met here (by
    name or id), or someone in `listed` (the moderator list, for a removal). A refusal never repeats the words
    (they may be anything: a sentence the crisis screen just answered)."""
    typed = value.startswith(TYPED)  # (words typed in chat, not a mention: `bot.commands.mentions.member_read`)
    shown = visible(value.replace(TYPED, "")).strip().lstrip("@").strip()
    if not shown:
        raise UserError(_("Say who: pick a member, or type the name Hearth shows for them."), field=field)
    if len(shown) > MAX_WHO:
        raise UserError(_("That's longer than anyone's name. Pick a member, or type the name Hearth shows for "
                          "them."), field=field)
    if shown.casefold() in _EVERYONE:
        raise UserError(_("That names everyone, not one person. Pick one member at a time."), field=field)
    platform = actor.platform
    if ":" in shown:
        prefix, rest = shown.split(":", 1)
        if prefix != platform:
            raise UserError(_("That is someone on another platform. Pick a member of this community."),
                            field=field)
        shown = rest.strip()
    ref = f"{platform}:{shown}"
    if not actor.from_platform:
        if ref in listed:
            return ref
        return await _one_named(app, actor, ref, shown, listed, field, _(
            "More than one member goes by that name. In chat, use **mod moderators add** and pick the one you mean."),
            _("I don't know anyone by that name here. Hearth knows members once they have used it: type their name as "
              "Hearth shows it, or in chat use **mod moderators add** and pick them."))
    if any(ch.isspace() for ch in shown):
        raise UserError(_("That isn't a member's name. Pick a member, or type the name Hearth shows for them."),
                        field=field)
    if typed and platform == "console":  # (the terminal's name is its id, in any case: `as ANN` is Ann)
        if terminal_name_problem(shown) is not None:
            raise UserError(_("That isn't a member's name. Pick a member, or type the name Hearth shows for them."),
                            field=field)
        ref = f"{platform}:{shown.lower()}"
    elif typed:  # (a name typed on Slack or Discord: someone Hearth has met here by it, never an id made up from it)
        return await _one_named(app, actor, ref, shown, listed, field, _(
            "More than one member goes by that name. Mention the one you mean (@ and their name), so I know who it is."),
            _("I don't know anyone by that name here. Mention them (@ and their name), so I know who you mean: I know "
              "someone by name only once they have used Hearth here."))
    for m in listed:  # one listed before invisible characters were taken out ("ann" + U+200B) is reached too
        if m != ref and user_ref(actor, m) == ref:
            return m
    return ref


async def _one_named(app: "Hearth", actor: Actor, ref: str, shown: str, listed: Collection[str], field: str,
                     several: str, none: str) -> str:
    """The one member Hearth has met here by the name (or id) typed, or of `listed` it names (for a removal, the
    moderator list: only someone on it can be meant); else a refusal in the caller's words (`several`, `none`)."""
    found = await app.store.communities.members_named(actor.community_id, ref, shown)
    found += [m for m in listed if m not in found and user_ref(actor, m) == ref]
    if listed and any(m in listed for m in found):
        found = [m for m in found if m in listed]
    if len(found) == 1:
        return found[0]
    raise UserError(several if found else none, field=field)


#: Ids are BIGINT on PostgreSQL and INTEGER (64-bit) on SQLite: nothing larger can name a row.
MAX_ID = 2**63 - 1


def as_id(value: object) -> int:
    """A stored row's id from a button, form or option; 0 (matches nothing, so the caller's "I can't find that"
    refusal follows) if it can't be one. Only ASCII digits count: `int()` would also take "٣" or "1_0", and
    `str.isdigit()` passes "²", which `int()` then refuses; and an id past `MAX_ID` would overflow the database."""
    raw = str(value if value is not None else "").strip()
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 19:
        return 0
    n = int(raw)
    return n if 0 < n <= MAX_ID else 0


def prompt_version(row: Mapping[str, Any]) -> str:
    """Which of the community's prompts, as its words are now: a care warning's "Yes" or a view's Edit refuses
    once it changes (another moderator's edit must not be overwritten by a question asked before it)."""
    return f"{row['id']}@{row['updated_at']}#{hashlib.sha256(row['text'].encode()).hexdigest()[:12]}"
