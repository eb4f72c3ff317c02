"""Insights for moderators: how the check-ins go, week by week, and a weekly digest; and closing the loop.

Every number here comes through `bot.insights.anonymity`, which shows only
groups of `floor` or more people and keeps private answers' moods out. There
is no list of who answered or who didn't, anywhere. Charts are PNG images
(`bot.insights.charts`), drawn in a thread, each shown with its numbers as a
table for anyone who would rather read, or can't see it.
"""

from __future__ import annotations

import asyncio
import csv
import io
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.commands.registry import Choice, Option, confirmation
from bot.content.style import SHOWN_AS_TYPED, marks_in
from bot.commands.router import Router
from bot.engines.rounds import anonymity_floor
from bot.errors import UserError
from bot.events import Attachment, Event, Reply, Rich, fill, hearth_text, join_rich, reply_to_json, rich, say
from bot.flows.common import audit, schedule_named
from bot.flows.moderate_prompts import concern, for_members
from bot.i18n import N_, _, day_month_short, decimal, half_up, ngettext, one_full_stop, speaking
from bot.insights import charts
from bot.engines.retention import retention_days
from bot.insights.anonymity import (ANONYMOUS, FEW_SHARED, Cell, Group, Released, average, gone, left_out_of_all,
                                    no_checkin, period_answered, period_moods, release_week, released_from,
                                    to_settle)
from bot.models import Community, Outgoing, Schedule
from bot.store.insights import CountedMeanwhile, RoundCounts, Settling

if TYPE_CHECKING:
    from bot.app import Hearth

router = Router("insights")

PERIODS = (4, 12, 52)
TOO_FEW = N_("too few to show")
INVITED_NOTE = N_("When answers show, invitations show beside them only if at least {floor} people didn't answer: "
                  "otherwise they would tell who answered.")
#: Beside answers that show, why their moods don't (`Cell.moods_why`): the reason that applied, never "too few"
#: of a week enough people answered (trial16 §5).
MOODS_ANONYMOUS = N_("moods hidden: they could give away an anonymous answer")
MOODS_FEW_SHARED = N_("moods hidden: fewer than {floor} people shared one")
MOODS_NOT_SHOWN = N_("moods not shown")
#: Said under a view with a week marked `MOODS_NOT_SHOWN` (settled before its reason was kept).
MOODS_NOT_SHOWN_NOTE = N_("“{mark}”: fewer than {floor} people shared a mood that week, or their moods could give "
                          "away an anonymous answer.")
PRIVATE_NOTE = N_("Private answers count as answered; their moods stay out of every number here, so the moods "
                  "add up to fewer than answered.")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

SCHEDULE = Option("schedule", "one check-in by name (default: all of them)", suggest="schedules")
WEEK_CHOICES = (Choice("4", N_("4 weeks")), Choice("12", N_("12 weeks")), Choice("52", N_("52 weeks")))
WEEKS = Option("weeks", "how many weeks: 4, 12 or 52 (default 4)", kind="choice", choices=WEEK_CHOICES)
assert tuple(int(c.value) for c in WEEKS.choices) == PERIODS
NOTE_MAX = 300  # (said in the note option's description)


@dataclass(frozen=True)
class Insights:
    """One view (a check-in, or all) over a period, and the period before it, as they may be shown."""

    title: str
    weeks: int
    floor: int
    cells: list[Cell]
    before: list[Cell]
    zone: str
    shows_next: date
    """The Monday this week ends on: insights count whole weeks only, so this week shows from then."""
    has_schedules: bool = True
    """Whether the community has any check-in at all (else the empty state says so, not when this week shows)."""
    heading: Rich = Rich()
    """The title as Hearth's words and the check-in's name kept apart (`title` is its plain text, for a chart,
    a file, a page): a name a moderator typed is shown as typed, never read as markup."""

    @property
    def moods(self) -> tuple[int, ...] | None:
        return period_moods(self.cells)

    @property
    def answered(self) -> tuple[int, int | None] | None:
        return period_answered(self.cells)

    @property
    def left_out(self) -> int:
        """How many check-ins the weeks shown over all check-ins leave out, in any week (`left_out_of_all`)."""
        return len(frozenset().union(*(c.left_out for c in self.cells)))


def left_out_text(count: int) -> str:
    """Beside a week over all check-ins, and on its chart: some check-in's answers are not in it (`left_out_of_all`)."""
    return ngettext("{count} check-in with too few people left out", "{count} check-ins with too few people left out",
                    count).format(count=count)


def left_out_why(count: int) -> str:
    """With the period's totals over all check-ins (and its file, and the dashboard's chart), when a check-in was left
    out of any of its weeks."""
    return ngettext("These numbers leave out {count} check-in with too few people: adding its answers in would let "
                    "them be worked out.",
                    "These numbers leave out {count} check-ins with too few people: adding their answers in would "
                    "let them be worked out.", count).format(count=count)


# -- reading -------------------------------------------------------------------------


def week_starts(now: datetime, zone: ZoneInfo, weeks: int) -> list[date]:
    """The Mondays of the `weeks` finished weeks before this one, oldest first (in the community's time)."""
    today = now.astimezone(zone).date()
    this_monday = today - timedelta(days=today.weekday())
    return [this_monday - timedelta(weeks=weeks - i) for i in range(weeks)]


def _utc(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), zone).astimezone(timezone.utc)


async def released_weeks(app: "Hearth", community: Community, mondays: list[date]) -> dict[date, Released]:
    """Each week's numbers as the anonymity rule lets them show, for every check-in and for all: a week shown
    before is read back as it was then (settled); a finished week whose rounds all closed is settled now, as it
    is first shown; a week older than the community keeps answers is gone (`bot.insights.anonymity`) if it had
    a round (`_past_retention`)."""
    zone = app.zone_of(None, community)
    kept_after = app.now() - timedelta(days=retention_days(app, community))
    settled = await app.store.insights.settled(community.id, mondays)
    out: dict[date, Released] = {}
    todo, past = [], []
    for monday in mondays:
        if monday in settled:
            out[monday] = released_from(monday, settled[monday])
        elif _utc(monday + timedelta(weeks=1), zone) <= kept_after:
            past.append(monday)
        else:
            todo.append(monday)
    if past:
        out |= await _past_retention(app, community, zone, past)
    if todo:
        out |= await _settle(app, community, zone, todo, kept_after)
    return {d: out[d] for d in mondays}


async def _past_retention(app: "Hearth", community: Community, zone: ZoneInfo,
                          mondays: list[date]) -> dict[date, Released]:
    """Weeks past retention never shown: no longer kept if a round was in them (its counts went with its answers),
    else no check-in (before the community began, say): nothing was removed, so nothing is said to be. Never
    settled, so retention's next run never marks a week without a round as removed."""
    rounds = await app.store.insights.round_counts(community.id, _utc(mondays[0], zone),
                                                   _utc(mondays[-1] + timedelta(weeks=1), zone))
    had = {_monday_of(rc, zone) for rc in rounds}
    return {d: gone(d) if d in had else no_checkin(d) for d in mondays}


async def _settle(app: "Hearth", community: Community, zone: ZoneInfo, mondays: list[date], kept_after: datetime,
                  tries: int = 2) -> dict[date, Released]:
    """Weeks not shown before: the rule applied to their rounds' counts, and each finished one kept as shown
    (if another view settled it meanwhile, that one stands, and is what shows).

    A round whose own week was settled before it was counted (opened late, say by a catch-up after a restart,
    or moved into a settled week by a new timezone) is counted in the first of these weeks after its own
    (`late_rounds`): a week once shown never changes, and every round is counted once."""
    counts = await app.store.insights.round_counts(community.id, min(_utc(mondays[0], zone), kept_after),
                                                   _utc(mondays[-1] + timedelta(weeks=1), zone))
    grouped: dict[date, dict[int, list[RoundCounts]]] = {d: defaultdict(list) for d in mondays}
    for monday, rc in await late_rounds(app, community, zone, mondays, counts):
        grouped[monday][rc.schedule_id].append(rc)
    floor = anonymity_floor(app, community)
    out = {}
    settling = []
    for monday, by in grouped.items():
        if _partly_removed(by, kept_after):  # (settled from what is left, "too few" would be said of many people)
            out[monday] = gone(monday)
            continue
        released = await release_week(monday, {s: Group(tuple(r)) for s, r in by.items()}, floor,
                                      app.store.insights.people_in, kept_after)
        out[monday] = released
        if not released.all.pending:
            settling.append(Settling(monday, _utc(monday, zone), _utc(monday + timedelta(weeks=1), zone),
                                     to_settle(released), [r.round_id for rounds in by.values() for r in rounds]))
        await asyncio.sleep(0)  # a week at a time: two years of a big community never hold the loop
    try:
        lost = await app.store.insights.settle(community.id, settling, app.now()) if settling else []
    except CountedMeanwhile:  # another view counted one of these rounds first: read everything again
        if tries <= 1:
            raise
        first = await app.store.insights.settled(community.id, mondays)
        still = [d for d in mondays if d not in first]
        out = {d: released_from(d, w) for d, w in first.items()}
        return out | (await _settle(app, community, zone, still, kept_after, tries - 1) if still else {})
    for monday, week in (await app.store.insights.settled(community.id, lost)).items():
        out[monday] = released_from(monday, week)
    return out


def _monday_of(rc: RoundCounts, zone: ZoneInfo) -> date:
    """The Monday of the round's own week, in the community's time."""
    local = rc.scheduled_at.astimezone(zone).date()
    return local - timedelta(days=local.weekday())


def _partly_removed(by: dict[int, list[RoundCounts]], kept_after: datetime) -> bool:
    """A week not settled yet with a round from before the community keeps answers: retention removes (or is about
    to remove) that round's counts, so the week is no longer kept, as a whole week past retention is."""
    return any(r.scheduled_at < kept_after for rounds in by.values() for r in rounds)


async def late_rounds(app: "Hearth", community: Community, zone: ZoneInfo, mondays: list[date],
                      counts: list[RoundCounts]) -> list[tuple[date, RoundCounts]]:
    """Which of these weeks (not settled yet) each round not counted yet goes in: its own week if it is one of
    them; else, if its own week was settled without it, the first of them after its own; else (its week is
    simply not in view) none yet."""
    todo = set(mondays)
    out = [(_monday_of(rc, zone), rc) for rc in counts if _monday_of(rc, zone) in todo]
    others = [rc for rc in counts if _monday_of(rc, zone) not in todo]
    if others:
        settled = await app.store.insights.settled(community.id, sorted({_monday_of(rc, zone) for rc in others}))
        for rc in others:
            later = [d for d in mondays if d > _monday_of(rc, zone)]
            own = settled.get(_monday_of(rc, zone))
            if own is not None and not own.purged and later:  # (a purged week's counts went with retention)
                out.append((later[0], rc))
    return out


def _cell(released: Released, schedule_id: int | None, monday: date) -> Cell:
    if schedule_id is None or released.all.gone:
        return replace(released.all, left_out=left_out_of_all(released))
    return released.by_schedule.get(schedule_id, Cell(monday, None, None, None, rounds=0))


async def insights_of(app: "Hearth", community: Community, schedule: Schedule | None, weeks: int) -> Insights:
    zone = app.zone_of(None, community)
    mondays = week_starts(app.now(), zone, weeks * 2)
    released = await released_weeks(app, community, mondays)
    sid = schedule.id if schedule else None
    cells = [_cell(released[d], sid, d) for d in mondays]
    heading = (fill(_("{name}, last {weeks} weeks"), name=schedule.name, weeks=hearth_text(str(weeks))) if schedule
               else rich(_("All check-ins, last {weeks} weeks").format(weeks=weeks)))
    has_schedules = schedule is not None or bool(await app.store.schedules.list_all(community.id))
    return Insights(heading.plain(), weeks, anonymity_floor(app, community), cells[weeks:], cells[:weeks], zone.key,
                    mondays[-1] + timedelta(weeks=2), has_schedules, heading)


# -- showing ----------------------------------------------------------------------------


def week_label(day: date) -> str:
    return day_month_short(day)


def moods_hidden_text(cell: Cell, floor: int) -> str:
    """Why a week's moods don't show beside its answers, as it applied (`Cell.moods_why`)."""
    if cell.moods_why == ANONYMOUS:
        return _(MOODS_ANONYMOUS)
    if cell.moods_why == FEW_SHARED:
        return _(MOODS_FEW_SHARED).format(floor=floor)
    return _(MOODS_NOT_SHOWN)


def _moods_text(cell: Cell, floor: int) -> str:
    if cell.moods is None:
        return moods_hidden_text(cell, floor)
    spread = " ".join(f"{i + 1}:{n}" for i, n in enumerate(cell.moods))
    return _("moods {moods}").format(moods=spread + " · " + _("avg {average}").format(
        average=decimal(cell.average)) if cell.average is not None else spread)


def week_line(cell: Cell, floor: int) -> str:
    """One row of the table: the same numbers the chart draws. Invitations that may not show are left out, not
    marked (trial16 §5: "invited ?" was never explained): the note under the table says when they show."""
    head = f"{week_label(cell.week)} · "
    if cell.pending:
        return head + _("still open")
    if cell.gone:
        return head + _("no longer kept")
    if cell.rounds == 0:
        return head + _("no check-in")
    invited = "" if cell.invited is None else _("invited {invited}").format(invited=cell.invited) + " · "
    if cell.answered is None:
        return head + invited + _(TOO_FEW)
    if cell.answered == 0:  # (each round's post said so already: `anonymity.nobody_answered`)
        return head + invited + _("no answers")
    return head + invited + _("answered {answered} · {moods}").format(
        answered=cell.answered, moods=_moods_text(cell, floor)) + (
        " · " + left_out_text(len(cell.left_out)) if cell.left_out else "")


def table(view: Insights) -> str:
    """The chart's text alternative: a short table of every week shown."""
    return "\n".join(week_line(c, view.floor) for c in view.cells)


def trend(view: Insights) -> str:
    """This period against the one before it, in words."""
    if not any(c.rounds or c.gone for c in view.cells):  # nothing happened: "too few" would not be the truth
        # (not this week's so far: a week that hasn't ended could be subtracted from itself, once ended)
        if not view.has_schedules:  # nothing will show on Monday either: say what would make something show
            return _("There are no check-ins here yet. A moderator can create one.")
        return _("No check-in rounds in these {weeks} weeks, so there's nothing to count yet.").format(
            weeks=view.weeks) + " " + one_full_stop(_("Insights count whole weeks only: this week's check-ins show "
                                                      "from Monday, {day}.").format(day=week_label(view.shows_next)))
    now, before = average(view.moods), average(period_moods(view.before))
    answered = view.answered
    parts = []
    if answered is not None:
        n, invited = answered
        counted = (ngettext("{count} answer from {invited} invitations", "{count} answers from {invited} invitations",
                            n).format(count=n, invited=invited) if invited
                   else ngettext("{count} answer", "{count} answers", n).format(count=n))
        if any(c.rounds and c.answered is None for c in view.cells):
            # The hidden weeks' answers can't be added in (the total less the shown weeks would tell them), and
            # their invitations beside only the shown weeks' answers would be untrue: so the sum says what it is.
            counted = _("{answers}, counting only the weeks whose answers show").format(answers=counted)
        parts.append(counted)
    else:
        parts.append(_too_few(view))
    if now is None:
        parts.append(_("no mood average to show yet"))
    elif before is None:
        parts.append(_("average mood {average} (no earlier {weeks} weeks to compare)").format(
            average=decimal(now), weeks=view.weeks))
    else:
        diff = now - before
        way = _("steady") if abs(diff) < 0.05 else (_("up {change}").format(change=decimal(diff)) if diff > 0
                                                     else _("down {change}").format(change=decimal(-diff)))
        parts.append(_("average mood {average}, {trend} on the {weeks} weeks before ({before})").format(
            average=decimal(now), trend=way, weeks=view.weeks, before=decimal(before)))
    said = "; ".join(parts) + "."
    return said + " " + left_out_why(view.left_out) if view.left_out else said


def _too_few(view: Insights) -> str:
    """Why no answers show: too few people, or (where retention removed weeks) no answers kept to count."""
    if not any(c.gone for c in view.cells):
        return _("too few answers to show (fewer than {floor} people in every week)").format(floor=view.floor)
    if not any(c.rounds for c in view.cells):
        return _("no answers to show: those of these weeks are no longer kept")
    return _("too few answers to show (fewer than {floor} people in every week still kept)").format(floor=view.floor)


def series(view: Insights) -> charts.Series:
    """The chart: its title says when a check-in is left out, as its numbers do."""
    title = f"{view.title}\n({left_out_text(view.left_out)})" if view.left_out else view.title
    return charts.Series(title, tuple(week_label(c.week) for c in view.cells),
                         tuple(c.answered for c in view.cells), tuple(c.average for c in view.cells))


def _heading(view: Insights, lower: bool = False) -> Rich:
    """The view's title as Rich (its check-in's name as user text); `lower`: mid-sentence, Hearth's own first word
    lower-cased (a name stays as typed)."""
    heading = view.heading if view.heading.parts else rich(view.title)
    first = heading.parts[0] if heading.parts else ""
    if lower and type(first) is str:
        heading = Rich((first[:1].lower() + first[1:], *heading.parts[1:]))
    return heading


def summary(view: Insights) -> Rich:
    return join_rich([
        fill(_("**{title}** (weeks from Monday, {zone})"), title=_heading(view), zone=hearth_text(view.zone)),
        rich(trend(view)),
        rich("```\n" + table(view) + "\n```"),
        rich(_("Moods are 1 (low) to 5 (great).") + " " + notes(view)),
    ])


def notes(view: Insights) -> str:
    """What the marks a view shows mean, and only those it shows (trial16 §5: "fewer than 3 people" was said of
    a week four answered): "too few to show", moods not shown for a reason not known, then when invitations show
    and what private answers count for."""
    said = []
    if any(c.rounds and not c.pending and not c.gone and c.answered is None for c in view.cells):
        said.append(_("A week where fewer than {floor} people answered shows “{too_few}”.").format(
            floor=view.floor, too_few=_(TOO_FEW)))
    if any(c.answered and c.moods is None and c.moods_why not in (ANONYMOUS, FEW_SHARED) for c in view.cells):
        said.append(_(MOODS_NOT_SHOWN_NOTE).format(mark=_(MOODS_NOT_SHOWN), floor=view.floor))
    return " ".join([*said, _(INVITED_NOTE).format(floor=view.floor), _(PRIVATE_NOTE)])


async def chart_reply(body: Rich, spec: charts.Series, filename: str, visibility: str = "actor",
                      current: bool = False) -> Reply:
    """The text with its chart attached, drawn off the event loop; the text alone if charts aren't installed.
    `current`: a chart of now, asked for again whenever wanted (`Attachment.current`: one file kept, not one more
    each time)."""
    image = await asyncio.to_thread(charts.png, spec)
    if image is None:
        return Reply(body=body + rich("\n\n" + _(charts.NO_CHARTS)), visibility=visibility)  # type: ignore[arg-type]
    return Reply(body=body, attachment=Attachment(filename, image, "image/png", current=current),
                 visibility=visibility)  # type: ignore[arg-type]


def _weeks(ev: Event) -> int:
    raw = ev.args.get("weeks", "4").strip().lower().removesuffix("weeks").strip()
    if raw not in {str(n) for n in PERIODS}:
        raise UserError(_("Please choose 4, 12 or 52 weeks."), field="weeks")
    return int(raw)


async def _view(app: "Hearth", ev: Event) -> Insights:
    community = await app.ensure_community(ev.actor.community_id)
    name = ev.args.get("schedule", "").strip()
    schedule = await schedule_named(app, ev.actor, name, field="schedule") if name and name != "all" else None
    return await insights_of(app, community, schedule, _weeks(ev))


@router.command("mod insights show", "How the check-ins are going, week by week, with a chart.", SCHEDULE, WEEKS,
                permission="moderator", example="mod insights show weeks=12", bare=True, keeps_no_member=True)
async def show(app: "Hearth", ev: Event) -> Reply:
    view = await _view(app, ev)
    return await chart_reply(summary(view), series(view), f"insights-{view.weeks}-weeks.png", current=True)


@router.command("mod insights export", "The numbers behind insights, as a CSV file.", SCHEDULE, WEEKS,
                permission="moderator", example="mod insights export weeks=52", keeps_no_member=True)
async def export(app: "Hearth", ev: Event) -> Reply:
    view = await _view(app, ev)
    return Reply(body=fill(_("Here are the numbers for {title} as a CSV file. An empty cell is a number that may "
                             "not show: “moods_hidden” says why a week's moods are empty."),
                           title=_heading(view, lower=True))
                 + rich(" " + (left_out_why(view.left_out) + " " if view.left_out else "") + notes(view)),
                 attachment=Attachment(f"insights-{view.weeks}-weeks.csv", to_csv(view).encode("utf-8"), "text/csv"))


CSV_HEADER = ("week_start", "status", "invited", "answered", "mood_1", "mood_2", "mood_3", "mood_4", "mood_5",
              "average_mood", "checkins_left_out", "moods_hidden")
"""(`checkins_left_out`: over all check-ins, how many check-ins that week's numbers leave out, too few to show;
`moods_hidden`: why the moods are empty beside answers that show, in the reader's words, as the table says it)"""


def to_csv(view: Insights) -> str:
    """The same numbers the table shows, one row a week (empty where they may not show)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(CSV_HEADER)
    for c in view.cells:
        status = ("open" if c.pending else "not kept" if c.gone else "no check-in" if c.rounds == 0
                  else TOO_FEW if c.answered is None else "shown")
        moods = list(c.moods) if c.moods is not None else [""] * 5
        avg = f"{half_up(c.average, 2):.2f}" if c.average is not None else ""
        hidden = moods_hidden_text(c, view.floor) if c.answered and c.moods is None else ""
        w.writerow([c.week.isoformat(), status, "" if c.invited is None or c.pending else c.invited,
                    "" if c.answered is None else c.answered, *moods, avg, len(c.left_out) or "", hidden])
    return out.getvalue()


# -- closing the loop -------------------------------------------------------------------


#: Said before saving a note that reads as crisis (`for_members`).
NOTE_CONCERN = N_("The words of this note read to me like someone who may be in danger — the kind of words I answer "
                  "with support resources.")


@router.command("mod schedule note", "Note what changed: shown on the next round's post.",
                Option("name", "the check-in's name", required=True, suggest="schedules", label=True),
                Option("text", "what you changed, up to 300 characters, or “off”", kind="text", required=True,
                       rest=True, max_length=NOTE_MAX, own_words=False),  # (for members: `for_members`)
                # TRANSLATORS: keep the command and its option words in English; translate only the free words.
                permission="moderator", example=N_("mod schedule note weekly We moved the call to Thursdays."))
async def schedule_note(app: "Hearth", ev: Event) -> Reply:
    schedule = await schedule_named(app, ev.actor, ev.args["name"])
    text = ev.args["text"].strip()
    if text.lower() in {"off", "none", "clear"}:
        removed = await app.store.insights.clear_note(schedule.id)
        return say(_("Removed the note for **{}**.") if removed else _("There was no note waiting for **{}**."),
                   schedule.name)
    if not text:
        raise UserError(_("Please write the note, e.g. “We moved the call to Thursdays.”"), field="text")
    level = await concern(app, text)  # members read it on the round's post: the prompts' second look
    if (ask := for_members(app, ev, level, _(NOTE_CONCERN))) is not None:
        return ask
    if (marks := marks_in(text)) and ev.args.get("confirmed") != "yes":  # (the second look a prompt gets for them)
        return confirmation(app.registry.commands[ev.name], ev, fill(_(SHOWN_AS_TYPED), mark="”, “".join(marks)),
                            now=app.now())
    waiting = (await app.store.insights.notes_of([schedule.id])).get(schedule.id)
    if waiting is not None and waiting.text == text:  # (the same words again change nothing: no entry, no "Saved")
        return Reply(body=fill(_("The next round of **{name}** already opens with that note, so nothing changed."),
                               name=schedule.name), unchanged=True)
    await app.store.insights.set_note(schedule.id, text, ev.actor.user_id, app.now())
    await audit(app, ev, "schedule.note", schedule.name)
    return Reply(body=fill(_("Saved. The next round of **{name}** opens with this note, shown on that post only: "
                             "“{note}”"),
                           name=schedule.name, note=text))


# -- the weekly digest ------------------------------------------------------------------


def digest_due(community: Community, now: datetime) -> date | None:
    """The local day a digest is due on, if it is due now (its day, at or after its time); else None. `community`
    as `Hearth.in_force` gives it: its timezone may be "" (none chosen) until then."""
    s = community.settings
    if not s.digest_channel:
        return None
    local = now.astimezone(ZoneInfo(s.default_timezone))
    hour, minute = (int(p) for p in s.digest_time.split(":"))
    if WEEKDAYS[local.weekday()] != s.digest_day or local.time() < time(hour, minute):
        return None
    return local.date()


async def digest(app: "Hearth", community: Community, day: date) -> Outgoing:
    """The week's digest post: the last four weeks over all check-ins, as numbers, with its chart attached (the
    outbox keeps the file with the post, and each platform's sender uploads it)."""
    with speaking(await app.channel_language(community.id)):
        view = await insights_of(app, community, None, 4)
        body = join_rich([rich(_("**This week's check-in digest**")), summary(view)])
        reply = await chart_reply(body, series(view), f"digest-{day.isoformat()}.png", visibility="channel")
    return Outgoing(f"digest:{community.id}:{day.isoformat()}", "post", {"channel": community.settings.digest_channel,
                                                                             "community": community.id},
                    reply_to_json(reply))


@router.job("insights.digest", every=timedelta(minutes=10), first=timedelta(0))
async def post_digests(app: "Hearth") -> None:
    """Every community that asked for a digest gets it on its day, once (the outbox key is the day)."""
    now = app.now()
    due = []
    for community in await app.store.communities.list_all():
        day = digest_due(app.in_force(community), now)
        if day is not None:
            due.append(await digest(app, community, day))
    if due:
        await app.store.outbox.enqueue(due, now)
        app.outbox.kick()
