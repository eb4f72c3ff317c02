"""A member's own history: past answers and a small mood chart. Only ever theirs."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from typing import TYPE_CHECKING

from bot.commands.registry import Option
from bot.commands.router import Router
from bot.engines.retention import retention_days
from bot.errors import UserError
from bot.events import Event, Reply, Rich, join_rich, rich, say
from bot.flows.insights import chart_reply, week_label
from bot.i18n import _, day_month, day_month_short, decimal, half_up, ngettext
from bot.flows.checkins import VISIBILITY_WORDS
from bot.insights import charts
from bot.models import EDIT_REFUSED, REMOVAL_REFUSED

if TYPE_CHECKING:
    from bot.app import Hearth

router = Router("history")

BARS = "▁▂▃▄▅"


@router.command("me history", "Your past check-in answers and your mood over the last weeks.",
                Option("weeks", "how many weeks back (default 8)", kind="int", example="8"), example="me history 4",
                reads_only=True)
async def history(app: "Hearth", ev: Event) -> Reply:
    weeks = int(ev.args.get("weeks", "8"))
    if not 1 <= weeks <= 104:
        raise UserError(_("Please choose between 1 and 104 weeks."), field="weeks")
    tz = await app.timezone_of(ev.actor)
    since = app.now() - timedelta(weeks=weeks)
    rows = await app.store.rounds.history(ev.actor.community_id, ev.actor.user_id, since)
    if not rows:
        community = await app.store.communities.get(ev.actor.community_id)
        days = retention_days(app, community) if community is not None else app.config["privacy.retention_days"]
        if days < weeks * 7:  # (answers past retention are deleted: "you haven't answered" would be untrue of them)
            return say(ngettext("I hold none of your check-in answers: answers here are kept for {days} day, then "
                                "deleted.",
                                "I hold none of your check-in answers: answers here are kept for {days} days, then "
                                "deleted.", days).format(days=days))
        return say(ngettext("You haven't answered any check-ins in the last week.",
                            "You haven't answered any check-ins in the last {weeks} weeks.", weeks).format(weeks=weeks))
    lines: list[Rich] = [rich(_("**Your mood, week by week** (times in {zone})").format(zone=tz.key)),
                         mood_chart(app, rows, tz)]
    lines.append(rich("\n" + _("**Your answers**")))
    for resp, rnd, schedule_name in rows[-20:]:
        local = rnd.scheduled_at.astimezone(tz)
        day = day_month(local)
        shown = _("anonymous, not posted") if resp.unposted and resp.visibility == "anonymous" else \
            _(VISIBILITY_WORDS[resp.visibility])  # (an anonymous post refused, then the answer changed: as it is now)
        if resp.refused and resp.visibility == "shared":  # (the platform refused its post: nobody saw it)
            shown = _("shared, not posted")
        if resp.held_for and resp.visibility == "private":  # (as `me data` and `me export` say it: not plain "private")
            shown = _("private, held back from the post you chose, waiting for your choice") \
                if rnd.closed_at is None else \
                _("held back from the post you chose; its round closed before you chose, so it stayed private")
        if resp.kept:  # (a moderator deleted its check-in: the answer stayed the member's, its post came down)
            shown = _("check-in deleted, kept for you only")
        elif resp.change_refused == EDIT_REFUSED:  # (the platform refused its post's edit: it shows earlier words)
            shown += _(", its post still shows your earlier words")
        elif resp.change_refused == REMOVAL_REFUSED:  # (nor would it take it down: it is still up)
            shown += _(", its post is still up")
        head = rich(f"• {day} · " + "**{}** · " + app.content.mood_label(resp.mood) + f" · {shown}", schedule_name)
        lines.append(head + rich(" — {}", resp.text) if resp.text else head)
    return await chart_reply(join_rich(lines), own_series(rows, tz), "my-moods.png", current=True)


def own_series(rows: list, tz) -> charts.Series:  # type: ignore[no-untyped-def]
    """The member's own moods, week by week, for their eyes only: how many they answered and their average."""
    weeks: dict = defaultdict(list)
    for resp, rnd, _name in rows:
        local = rnd.scheduled_at.astimezone(tz).date()
        weeks[local - timedelta(days=local.weekday())].append(resp.mood)
    days = sorted(weeks)
    return charts.Series(_("Your mood, week by week"), tuple(week_label(d) for d in days),
                         tuple(len(weeks[d]) for d in days), tuple(sum(weeks[d]) / len(weeks[d]) for d in days),
                         bar_label=_("your answers"))


def mood_chart(app: "Hearth", rows: list, tz) -> Rich:  # type: ignore[no-untyped-def]
    """One line a week: a bar per answer and the week's average, as plain text."""
    weeks: dict[str, list[int]] = defaultdict(list)
    for resp, rnd, _name in rows:
        local = rnd.scheduled_at.astimezone(tz).date()
        monday = local - timedelta(days=local.weekday())
        weeks[day_month_short(monday)].append(resp.mood)
    lines = []
    for week, moods in weeks.items():
        avg = sum(moods) / len(moods)
        bars = "".join(BARS[m - 1] for m in moods)
        lines.append(f"`{week}` {bars:<7} " + _("avg {average}").format(average=decimal(avg))
                     + f" {app.content.mood_emoji(int(half_up(avg, 0)))}")
    return rich("\n".join(lines))
