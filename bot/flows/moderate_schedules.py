"""Moderators shape the check-ins: create, edit, pause, resume, skip and delete schedules.

Creating or editing shows the next three fire times in plain words and asks
before saving, so a wrong timezone is caught before anyone gets a 3 a.m. DM.
"""

from __future__ import annotations

import dataclasses

from datetime import date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.channels import care_kept_apart, own_channel
from bot.commands.forms import CommandForm
from bot.commands.router import Router
from bot.commands.registry import Option, Pinned, once
from bot.content.packs import DEPTHS, THEMES
from bot.content.style import SHOWN_AS_TYPED, marks_in
from bot.errors import UserError, about
from bot.engines.prompt_choice import available
from bot.engines.rounds import round_language
from bot.events import (Actor, Button, Choice, Event, Reply, Rich, channel, fill, hearth_text, join_rich, reply_to_json,
                        rich, say)
from bot.flows.common import (as_id, audit, next_rounds, schedule_line, schedule_named, schedule_rows, show_time,
                               zoned_day)
from bot.flows.moderate_prompts import MEMBERS_ASK, concern, nothing_left
from bot.i18n import N_, _, long_day, ngettext, speaking
from bot.models import Round, Schedule
from bot.scheduling import check_timezone, next_fires, parse_date, parse_duration, parse_when
from bot.scheduling.inputs import MIN_MINUTES, as_typed

if TYPE_CHECKING:
    from bot.app import Hearth
    from bot.config import Config

router = Router("moderate_schedules")


async def _schedule_pin(app: "Hearth", ev: Event) -> Pinned | None:
    """The check-in a confirmation or a view's button acts on: by its id and version, never its name alone (a
    "delete x?" left open must not delete the new x another moderator made since)."""
    s = await app.store.schedules.find(ev.actor.community_id, ev.args.get("name", ""))
    return None if s is None else Pinned(s.name, s.version)

MAX_NAME_CHARS = 40
NAME = Option("name", "the check-in's name", required=True, max_length=MAX_NAME_CHARS, suggest="schedules",
              label=True)
SETTINGS = (
    Option("timezone", "IANA timezone, e.g. Europe/Berlin (default: yours)", kind="timezone", suggest="timezones",
           reads=check_timezone),
    Option("theme", "only prompts of this theme", kind="choice", suggest="themes",
           choices=tuple(Choice(k, v) for k, v in THEMES.items())),
    Option("depth", "only prompts of this depth", kind="choice", choices=tuple(Choice(d, d) for d in DEPTHS)),
    Option("open", "how long a round stays open, e.g. 2h, 45m or 1h30m (default {default_open})"),
    Option("remind", "remind this long before closing, e.g. 30m, or 0 for none (default {default_remind})"),
)


def usual_durations(config: "Config") -> dict[str, str]:
    """A new check-in's round length and reminder as this Hearth is set (`checkins.default_*`), for its help:
    never a fixed "2h" an operator may have changed (`Registry.facts`)."""
    return {"default_open": _minutes(config["checkins.default_open_minutes"]),
            "default_remind": _minutes(config["checkins.default_remind_minutes"])}
#: What an edit leaves out stays as the check-in has it, so its help says that, not a new check-in's defaults.
EDIT_SETTINGS = tuple(dataclasses.replace(o, description=d) for o, d in zip(SETTINGS, (
    N_("IANA timezone, e.g. Europe/Berlin (default: the check-in's own)"),
    N_("only prompts of this theme (default: as it is now)"),
    N_("only prompts of this depth (default: as it is now)"),
    N_("how long a round stays open, e.g. 2h, 45m or 1h30m (default: as it is now)"),
    N_("remind this long before closing, e.g. 30m, or 0 for none (default: as it is now)"),
)))


def _kept_zone(name: str) -> ZoneInfo:
    """A schedule's timezone as it was kept: only a timezone the moderator types now is checked against the names
    Hearth accepts today (`check_timezone`), so one accepted before ("localtime", since refused) still works on an
    edit that doesn't touch it (review21); one that no longer loads at all gets the kind refusal."""
    try:
        return ZoneInfo(name)
    except (ValueError, OSError, ZoneInfoNotFoundError):
        return check_timezone(name)


async def _settle(app: "Hearth", ev: Event, base: Schedule | None) -> dict[str, Any]:
    """Validate the typed settings into schedule fields (base fills the gaps on edit); each refusal names its field."""
    a = ev.args
    with about("when"):
        when = parse_when(a["when"]) if a.get("when") else None
        if base is None and when is None:
            raise UserError(_("Please say when it runs, e.g. `weekdays 09:00`."))
    with about("timezone"):
        tz = check_timezone(a["timezone"]) if a.get("timezone") else \
            _kept_zone(base.timezone) if base else await app.timezone_of(ev.actor)
    spec, cron = (when.text, when.cron) if when else (base.spec, base.cron)  # type: ignore[union-attr]
    closest = _closest(cron, tz, app.now())
    with about("open"):
        try:
            open_minutes = parse_duration(a["open"], lambda m: closest() is None or m <= closest()) if a.get(
                "open") else (base.open_minutes if base else app.config["checkins.default_open_minutes"])
        except UserError:
            _refuse_too_close(spec, closest(), tz)  # (no length would do: the time is what to change)
            raise
    remind = a.get("remind")
    with about("remind"):
        if remind is not None and remind.strip() in {"0", "none", "off", "no"}:
            remind_minutes = 0
        elif remind:
            remind_minutes = parse_duration(remind, lambda m: m < open_minutes)
        else:
            remind_minutes = base.remind_minutes if base else app.config["checkins.default_remind_minutes"]
    gap = shortest_gap(cron, tz, app.now(), open_minutes)  # (stops at the first gap shorter than a round)
    if gap is not None and gap < open_minutes:
        _refuse_too_close(spec, closest(), tz)
        _refuse_overlap(spec, closest() or gap, tz, open_minutes, remind_minutes,
                        "open" if a.get("open") or not when else "when")
    if remind_minutes and remind_minutes >= open_minutes:
        if remind:  # (typed: theirs to change)
            said = _("The reminder ({remind} min before closing) must come after the round opens (it's open {open} "
                     "min).")
        elif base is not None:  # (never blamed on them: the check-in's own, which they didn't type now)
            said = _("This check-in's reminder ({remind} min before closing) would come before the round opens "
                     "(it would be open {open} min).")
        else:  # (this Hearth's usual reminder, which they never typed)
            said = _("The usual reminder here ({remind} min before closing) would come before the round opens "
                     "(it would be open {open} min).")
        raise UserError(said.format(remind=remind_minutes, open=open_minutes) + " " + _shorter_remind(open_minutes),
                        field="remind" if remind or not a.get("open") else "open")
    channel_id = await own_channel(app, ev.actor, a["channel"], "channel") if a.get("channel") else (
        base.channel_id if base else "")
    if a.get("channel"):  # (never where care notes go: `care_kept_apart`)
        await care_kept_apart(app, ev.actor.community_id, "channel", rounds=channel_id)
    return {
        "name": (a.get("rename") or a.get("name") or "").strip() if base is None else (a.get("rename") or base.name),
        "channel_id": channel_id,
        "spec": spec,
        "cron": cron,
        "timezone": tz.key,
        "theme": a.get("theme") or (base.theme if base else None),
        "depth": a.get("depth") or (base.depth if base else None),
        "open_minutes": open_minutes,
        "remind_minutes": remind_minutes,
    }


#: How far ahead to look for a schedule's shortest gap: a year holds every weekday pattern and both DST changes.
GAP_HORIZON = timedelta(days=366)
GAP_SAMPLES = 2000


def shortest_gap(cron: str, tz: ZoneInfo, now: datetime, longer_than: int) -> int | None:
    """The fewest minutes between two fires in the coming year (DST days included); stops early once it finds a
    gap of at most `longer_than`. None when it fires at most once."""
    shortest = None
    last = None
    current = now
    for _sample in range(GAP_SAMPLES):
        fires = next_fires(cron, tz, current, 1)
        if not fires or fires[0] > now + GAP_HORIZON:
            break
        if last is not None:
            gap = int((fires[0] - last).total_seconds() // 60)
            shortest = gap if shortest is None else min(shortest, gap)
            if shortest < longer_than:
                break
        last = current = fires[0]
    return shortest


def _closest(cron: str, tz: ZoneInfo, now: datetime) -> Callable[[], int | None]:
    """The fewest minutes between two rounds in the coming year, worked out once and only if asked (a year of a
    frequent schedule takes a while): what a refusal needs to offer only lengths that fit."""
    found: list[int | None] = []

    def closest() -> int | None:
        if not found:
            found.append(shortest_gap(cron, tz, now, MIN_MINUTES))
        return found[0]

    return closest


def _refuse_too_close(spec: str, gap: int | None, tz: ZoneInfo) -> None:
    """Rounds that can start less than `MIN_MINUTES` apart leave room for no round at all: no `open` would do, so
    the refusal says to change the time."""
    if gap is not None and gap < MIN_MINUTES:
        raise UserError(_("Rounds would overlap: “{when}” can start a new round {gap} after the last one (in {zone}), "
                          "and a round stays open at least {least}. Choose a time that runs less often, like "
                          "`daily 09:00` or `weekdays 18:30`."),
                        when=spec, gap=_minutes(gap), zone=tz.key, least=_minutes(MIN_MINUTES), field="when")


def _refuse_overlap(spec: str, gap: int, tz: ZoneInfo, open_minutes: int, remind_minutes: int, field: str) -> None:
    """A round must close before the schedule's next one opens (`gap` minutes on, at the closest), or two rounds of
    one check-in would be open at once. What the refusal offers passes every check: a length that fits, of at
    least `MIN_MINUTES` (`_refuse_too_close` came first), with a reminder that comes after the round opens."""
    fits = min(gap, 120)
    example = _minutes(fits) + (" remind=" + _remind_that_fits(fits) if remind_minutes >= fits else "")
    raise UserError(_("Rounds would overlap: “{when}” can start a new round {gap} after the last one "
                      "(in {zone}), but each stays open {open}. Keep `open` to {gap} or less, like open={example}."),
                    when=spec, gap=_minutes(gap), zone=tz.key, open=_minutes(open_minutes), example=example,
                    field=field)


def _remind_that_fits(open_minutes: int) -> str:
    """A reminder a round open this long can have (it must be at least `MIN_MINUTES`, and before the round
    closes), as typed; "0" (none) when the round is too short for one."""
    return next((_minutes(m) for m in (15, 10, MIN_MINUTES) if m < open_minutes), "0")


def _shorter_remind(open_minutes: int) -> str:
    """What a refused reminder should be instead, for a round open this long."""
    fits = _remind_that_fits(open_minutes)
    if fits == "0":
        return _("A round this short has no room for a reminder: use `remind=0`.")
    return _("Try a shorter `remind`, like {example}.").format(example=fits)


def _minutes(n: int) -> str:
    """45m, 2h, 1h30m, 2d: as people type durations (0: none)."""
    return "0" if n == 0 else as_typed(n)


#: Said in a preview whose check-in name reads as crisis: every member reads the name on each round's post and DM.
NAME_CONCERN = N_("This name reads to me like someone who may be in danger — the kind of words I answer with support "
                  "resources.")


async def _name_looked_at(app: "Hearth", name: str) -> list[Rich]:
    """The second look prompts and notes get, for a check-in's name: posted on every round and sent to every
    member who joined, it is read by more people than either. The preview says so; Save is the confirmation."""
    # (the marks are the name's own: inert, so the "**" or "`" it names is shown, never read as markup)
    marked = [fill("⚠️ " + _(SHOWN_AS_TYPED), mark="”, “".join(marks))] if (marks := marks_in(name)) else []
    if await concern(app, name) is None:
        return marked
    return [rich("⚠️ " + _(NAME_CONCERN) + " " + _(MEMBERS_ASK)), *marked]


def _planned(fields: dict[str, Any], base: Schedule | None, actor: Actor) -> Schedule:
    """The check-in as saving would leave it: the typed settings over what it is now, its pause kept (a pause, its
    skipped days and what it counts from outlive an edit: `ScheduleRepository.update`)."""
    if base is not None:
        return dataclasses.replace(base, **{k: fields[k] for k in fields if k in Schedule.__dataclass_fields__})
    return Schedule(id=0, community_id=actor.community_id, paused_until=None, created_by=actor.user_id,
                    **{k: fields[k] for k in fields if k in Schedule.__dataclass_fields__})


def _still_held(planned: Schedule, skips: set[date], now: datetime, yours: ZoneInfo) -> list[Rich]:
    """What an edit keeps holding back, said in its preview: a pause still in force, skipped days still to come (on
    the check-in's own calendar, its zone named when it isn't the reader's: `zoned_day`)."""
    lines = []
    if planned.paused_at(now):
        lines.append(rich(_("• Still paused until a moderator resumes it: no round before then.")
                          if planned.paused_until == "forever" else
                          _("• Still paused up to and including {day}: no round before then.").format(
                              day=zoned_day(date.fromisoformat(planned.paused_until or ""), planned.timezone, yours))))
    today = now.astimezone(ZoneInfo(planned.timezone)).date()
    ahead = sorted(d for d in skips if d >= today)
    if ahead:
        days = ", ".join(zoned_day(d, planned.timezone, yours) for d in ahead)
        lines.append(rich(_("• Still skipped: {days}.").format(days=days)))
    return lines


def _preview(app: "Hearth", planned: Schedule, skips: set[date], action_args: dict[str, str], verb: str,
             yours: ZoneInfo, warnings: Sequence[Rich] = ()) -> Reply:
    """What will happen, before saving: its next rounds in the moderator's own time (named), so a wrong
    timezone shows ("09:00 (America/New_York)" reading as "15:00 (Europe/Berlin)"); the rounds that will really
    open, past any pause or skipped day still held (`next_rounds`, what every list says after), and any second
    look."""
    tz = ZoneInfo(planned.timezone)
    now = app.now()
    fires = next_rounds(planned, now, skips, 3)
    when = parse_when(planned.spec).describe()
    open_minutes, remind_minutes = planned.open_minutes, planned.remind_minutes
    stays = (_("• Each round stays open {open} min; reminders {remind} min before it closes") if remind_minutes
             else _("• Each round stays open {open} min; no reminders")).format(open=open_minutes, remind=remind_minutes)
    lines = [
        fill(_(verb), name=planned.name),
        rich(_("• When: {when} ({zone})").format(when=when, zone=tz.key)),
        rich(_("• Where: {}"), channel(planned.channel_id)),
        rich(_("• Prompts: {theme}, {depth}").format(theme=planned.theme or _("any theme"),
                                                    depth=planned.depth or _("any depth"))),
        rich(stays),
        *_still_held(planned, skips, now, yours),
        *([rich(_("• Next three: ")) + join_rich([show_time(f, yours) for f in fires], "; ")] if fires else []),
        *warnings,
    ]
    return Reply(body=join_rich(lines), buttons=(
        Button(_("Save"), "mod.schedule.save", action_args | once(app.now()), style="primary"),
        Button(_("Cancel"), "cancel"),
    ))


async def _no_prompts(app: "Hearth", planned: Schedule) -> list[Rich]:
    """A second look when no check-in prompt is switched on for the check-in's theme and depth: its rounds would
    open with no prompt, so none opens, while the preview lists the next three as if they will."""
    lang = await app.channel_language(planned.community_id)
    if await available(app, planned.community_id, "checkin", planned.theme, planned.depth, lang=lang):
        return []
    return [rich("⚠️ " + _("No check-in prompt is switched on for this check-in's theme and depth, so no round would "
                          "open. Choose another theme or depth, switch some back on (**mod pack list**), or add your "
                          "own with **mod prompt add**."))]


async def _usual_settings(app: "Hearth", actor: Actor, hidden: Mapping[str, str]) -> dict[str, str]:
    """A new check-in's form starts from the community's usual round length and reminder."""
    return {"open": _minutes(app.config["checkins.default_open_minutes"]),
            "remind": _minutes(app.config["checkins.default_remind_minutes"])}


async def _settings_now(app: "Hearth", actor: Actor, hidden: Mapping[str, str]) -> dict[str, str]:
    """An edit's form starts from what the check-in (named in `hidden`) is now."""
    s = await app.store.schedules.find(actor.community_id, hidden.get("name", ""))
    if s is None:
        return {}
    return {"when": s.spec, "channel": s.channel_id, "timezone": s.timezone, "theme": s.theme or "",
            "depth": s.depth or "", "open": f"{s.open_minutes}m",
            "remind": f"{s.remind_minutes}m" if s.remind_minutes else "0"}


@router.command(
  "mod schedule create", "Create a check-in schedule (you'll see a preview first).",
  dataclasses.replace(NAME, given=True),
  Option("channel", "where rounds are posted", kind="channel", required=True),
  Option("when", "e.g. 'weekdays 09:00', 'mondays 18:30' or a cron line", required=True, rest=True, reads=parse_when),
  *SETTINGS,
  permission="moderator",
  example="mod schedule create mornings #general weekdays 09:00 timezone=Europe/Berlin",
  form=CommandForm("New check-in", N_("Preview"), defaults=_usual_settings, new_name=True),
)
async def create(app: "Hearth", ev: Event) -> Reply:
    if await app.store.schedules.find(ev.actor.community_id, ev.args["name"]):
        raise UserError(_("There's already a check-in called “{}”. Pick another name, or change it with "
                          "**mod schedule edit**."), ev.args["name"], field="name")
    fields = await _settle(app, ev, None)
    args = {k: v for k, v in ev.args.items() if k != "confirmed"}
    planned = _planned(fields, None, ev.actor)
    return _preview(app, planned, set(), args,
                    N_("**New check-in “{name}”** — please check before saving:"), await app.timezone_of(ev.actor),
                    [*await _name_looked_at(app, fields["name"]), *await _no_prompts(app, planned)])


@router.command(
    "mod schedule edit", "Change a check-in's time, channel or settings (preview first).",
    NAME,
    Option("when", "a new time, e.g. 'weekdays 09:30'", rest=True, reads=parse_when),
    Option("channel", "a new channel", kind="channel"),
    Option("rename", "a new name", max_length=MAX_NAME_CHARS, label=True, given=True),
    *EDIT_SETTINGS,
    permission="moderator", pin=_schedule_pin,
    example="mod schedule edit mornings weekdays 09:30",
    form=CommandForm("Edit check-in", N_("Preview"), defaults=_settings_now),
)
async def edit(app: "Hearth", ev: Event) -> Reply:
    schedule = await schedule_named(app, ev.actor, ev.args["name"])
    fields = await _settle(app, ev, schedule)
    args = {k: v for k, v in ev.args.items() if k != "confirmed"} | {"schedule_id": str(schedule.id)}
    if _unchanged(schedule, fields):
        return say(_("**{}** already runs just so: nothing to change."), schedule.name)
    await _name_free(app, schedule, fields["name"])
    renamed = await _name_looked_at(app, fields["name"]) if ev.args.get("rename") else []
    skips = (await app.store.schedules.skips_of([schedule.id]))[schedule.id]
    planned = _planned(fields, schedule, ev.actor)
    return _preview(app, planned, skips, args,
                    N_("**Changed check-in “{name}”** — please check before saving:"),
                    await app.timezone_of(ev.actor), [*renamed, *await _no_prompts(app, planned)])


async def _name_free(app: "Hearth", schedule: Schedule, name: str) -> None:
    """A check-in renamed to another's name (in any case: names are found so, `checkin join other`) is refused, as
    a new one is: two of one name can't be told apart, and saving it failed ("something went wrong")."""
    other = await app.store.schedules.find(schedule.community_id, name)
    if other is not None and other.id != schedule.id:
        raise UserError(_("There's already a check-in called “{}”."), name, field="rename")


def _unchanged(base: Schedule, fields: Mapping[str, Any]) -> bool:
    """Whether an edit would leave the check-in as it is (then nothing is saved or logged)."""
    return all(getattr(base, k) == v for k, v in fields.items())


@router.action("mod.schedule.save", permission="moderator", about=("mod schedule create", "mod schedule edit"))
async def save(app: "Hearth", ev: Event) -> Reply:
    sid = ev.args.get("schedule_id")
    if sid:
        base = await app.store.schedules.get(as_id(sid))
        if base is None or base.community_id != ev.actor.community_id:
            raise UserError(_("That check-in no longer exists."))
        fields = await _settle(app, ev, base)
        if _unchanged(base, fields):
            return say(_("**{}** already runs just so: nothing changed."), base.name)
        await _name_free(app, base, fields["name"])  # (another may have taken the name since the preview)
        schedule = await app.store.schedules.update(base.id, app.now(), **fields)
        await audit(app, ev, "schedule.edit", schedule.name)
        said = _("Saved changes to **{}**.")  # (an edit: who joined stays joined; "members can join" is a new one's)
    else:
        if await app.store.schedules.find(ev.actor.community_id, ev.args.get("name", "")):
            raise UserError(_("There's already a check-in called “{}”."), ev.args.get("name", ""), field="name")
        fields = await _settle(app, ev, None)
        fields |= {"community_id": ev.actor.community_id, "created_by": ev.actor.user_id}
        schedule = await app.store.schedules.create(fields, app.now())
        await audit(app, ev, "schedule.create", schedule.name)
        said = _("Created **{}**. Members can join with **checkin join**.")
    await app.schedules_changed()
    return say(said, schedule.name)


@router.command("mod schedule list", "All check-in schedules here, with their settings.", permission="moderator",
                reads_only=True)
async def list_schedules(app: "Hearth", ev: Event) -> Reply:
    rows = await schedule_rows(app, ev.actor, await app.timezone_of(ev.actor))
    if not rows:
        return say(_("No check-ins yet. Create one with **mod schedule create**."))
    # (each "next:" is only a round if a prompt is on for it: with none, the list says so, as switching them off did)
    heads_up = await nothing_left(app, ev.actor.community_id, kinds=("checkin",))
    return Reply(body=join_rich([rich(_("**Check-in schedules**")), *(rich("• ") + row.text() for row in rows),
                                 *heads_up]))


@router.command("mod schedule pause", "Pause a check-in until a date (or until resumed).", NAME,
                Option("until", "a date like 6 jan or tomorrow; leave empty to pause until you resume"),
                permission="moderator", example="mod schedule pause mornings 6 jan", pin=_schedule_pin,
                form=CommandForm("Pause a check-in", N_("Pause")))
async def pause(app: "Hearth", ev: Event) -> Reply:
    schedule = await schedule_named(app, ev.actor, ev.args["name"])
    tz = ZoneInfo(schedule.timezone)
    with about("until"):
        until = parse_date(ev.args["until"], app.today(tz)).isoformat() if ev.args.get("until") else "forever"
    skips = (await app.store.schedules.skips_of([schedule.id]))[schedule.id]
    yours = await app.timezone_of(ev.actor)
    if schedule.paused_until == until:  # (nothing changes, so nothing is logged: the audit log holds changes)
        return say(_("**{}** is already {}."), schedule.name, schedule_line(schedule, app.now(), yours, skips))
    paused = await app.store.schedules.update(schedule.id, app.now(), paused_until=until)
    await audit(app, ev, "schedule.pause", {"schedule": schedule.name, "until": until, "zone": schedule.timezone})
    await app.schedules_changed()
    return say(_("**{}** is now {}."), schedule.name, schedule_line(paused, app.now(), yours, skips))


@router.command("mod schedule resume", "Resume a paused check-in.", NAME, permission="moderator",
                pin=_schedule_pin,
                form=CommandForm("Resume a paused check-in", N_("Resume")))
async def resume(app: "Hearth", ev: Event) -> Reply:
    schedule = await schedule_named(app, ev.actor, ev.args["name"])
    if not schedule.paused_at(app.now()):
        return say(_("**{}** isn't paused, so it's running already."), schedule.name)
    await app.store.schedules.update(schedule.id, app.now(), paused_until=None)
    await audit(app, ev, "schedule.resume", schedule.name)
    await app.schedules_changed()
    return say(_("**{}** is running again."), schedule.name)


@router.command("mod schedule skip", "Skip one date (a holiday) without pausing the rest.", NAME,
                Option("date", "the date to skip, e.g. 25 dec", required=True),
                permission="moderator", example="mod schedule skip mornings 25 dec", pin=_schedule_pin,
                form=CommandForm("Skip one date", N_("Skip")))
async def skip(app: "Hearth", ev: Event) -> Reply:
    schedule = await schedule_named(app, ev.actor, ev.args["name"])
    with about("date"):
        day = parse_date(ev.args["date"], app.today(ZoneInfo(schedule.timezone)))
    # (the day on the check-in's calendar, its zone named when it isn't the moderator's: the lists beside it give
    # its rounds in their time, and "Wednesday 9 December" gone from a list that said "next: Tue 8 Dec, 19:00 (UTC)"
    # read as the wrong day skipped)
    shown = hearth_text(zoned_day(day, schedule.timezone, await app.timezone_of(ev.actor), long_day))
    if not _fires_on(schedule, day):
        return Reply(body=fill(_("**{name}** has no round on {day} anyway, so there's nothing to skip."),
                               name=schedule.name, day=shown))
    if not await app.store.schedules.add_skip(schedule.id, day):  # (skipped already: no change, no entry)
        return Reply(body=fill(_("**{name}** already has no round on {day}: it was skipped before."),
                               name=schedule.name, day=shown))
    await audit(app, ev, "schedule.skip", {"schedule": schedule.name, "day": day.isoformat(),
                                           "zone": schedule.timezone})
    return Reply(body=fill(_("Skipped: **{name}** has no round on {day}. The days after it go on as usual."),
                           name=schedule.name, day=shown))


def _fires_on(schedule: Schedule, day: date) -> bool:
    """Whether the schedule has a round on this day of its own calendar (its timezone, not UTC)."""
    tz = ZoneInfo(schedule.timezone)
    just_before = datetime.combine(day, time.min, tz) - timedelta(microseconds=1)
    fires = next_fires(schedule.cron, tz, just_before.astimezone(timezone.utc), 1)
    return bool(fires) and fires[0].astimezone(tz).date() == day


async def _schedule_exists(app: "Hearth", ev: Event) -> None:
    await schedule_named(app, ev.actor, ev.args["name"])



DELETE_WARNING = N_("This deletes the check-in with all its rounds, and takes down the posts of shared and "
                    "anonymous answers. Members keep their own answers: they stay in each person's history, for them "
                    "alone, until they'd be deleted anyway. A round that's open now closes at once, without a "
                    "summary. Summaries already posted stay up; they show only counts.")


@router.command("mod schedule delete", "Delete a check-in and its rounds (members keep their answers).", NAME,
                permission="moderator", check=_schedule_exists, confirm=DELETE_WARNING, pin=_schedule_pin,
                form=CommandForm("Delete a check-in", N_("Continue")))
async def delete(app: "Hearth", ev: Event) -> Reply:
    schedule = await schedule_named(app, ev.actor, ev.args["name"])
    posted_in = await app.channel_language(ev.actor.community_id)

    def closing(rnd: Round) -> dict[str, Any]:
        with speaking(round_language(app, rnd, posted_in)):  # (the round's post, in the language it opened in)
            body = fill("**{schedule}**\n{prompt}\n\n", schedule=schedule.name, prompt=rnd.prompt_text)
            note = rich(_("_A moderator deleted this check-in, so this round closed early. Its answers' posts "
                          "came down; each person keeps their own answer in their history._"))
            return reply_to_json(Reply(body=body + note, visibility="channel"))

    gone = await app.store.schedules.delete(schedule, app.now(), closing)
    await audit(app, ev, "schedule.delete", schedule.name)
    await app.schedules_changed()
    app.outbox.kick()
    said = _("Deleted **{name}** and its {rounds}.").format(
        name="{}", rounds=ngettext("{count} round", "{count} rounds", gone.rounds).format(count=gone.rounds))
    if gone.kept:  # (a moderator never takes members' own words: `ScheduleRepository.delete`)
        said += " " + ngettext("Its {count} answer stays with the member who wrote it, in their own history, for "
                               "them alone.",
                               "Its {count} answers stay with the members who wrote them, each in their own "
                               "history, for them alone.", gone.kept).format(count=gone.kept)
    if gone.open_rounds:
        said += " " + _("Its open round closed early, and its post now says why.")
    if gone.posts:
        said += " " + ngettext("I'm taking down {count} post of shared and anonymous answers now.",
                               "I'm taking down {count} posts of shared and anonymous answers now.",
                               gone.posts).format(count=gone.posts)
    return say(said, schedule.name)
