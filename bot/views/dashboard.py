"""What the moderators' web dashboard shows: its pages, each built from what the chat commands show.

A page lists rows of the home view (the same rows and buttons as Slack's Home
and the `home` reply), the replies of read commands (`mod audit`, `mod care
list`, ...) and buttons that open commands' declared forms. The web adapter
runs every one of them through `Hearth.handle`, so the dashboard says and
checks exactly what chat does. The insights page adds the chart's numbers as
a table (`insights_table`): the same cells the chart and `mod insights show`
read, under the same anonymity rule.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from bot.commands.registry import form_button, run_button
from bot.events import Button
from bot.flows.insights import (PERIODS, TOO_FEW, insights_of, left_out_why, moods_hidden_text, series, trend,
                                week_label)
from bot.i18n import N_, _, decimal
from bot.insights import charts
from bot.views.home import CREATE, PAUSE, PROMPT_ADD, Section, home_view

if TYPE_CHECKING:
    from bot.app import Hearth
    from bot.events import Actor

#: Commands the dashboard offers beyond the home view's (a test checks each is registered).
SKIP, PACK_IMPORT, PACK_EXPORT, PACK_LIST, PACK_ON, PACK_OFF = (
    "mod schedule skip", "mod pack import", "mod pack export", "mod pack list", "mod pack on", "mod pack off")
SETTINGS, MODS_LIST, MODS_ADD, MODS_REMOVE, AUDIT, CARE_LIST, INSIGHTS = (
    "mod settings", "mod moderators list", "mod moderators add", "mod moderators remove", "mod audit",
    "mod care list", "mod insights show")
NOTE, INSIGHTS_EXPORT = "mod schedule note", "mod insights export"
DASHBOARD_COMMANDS = (SKIP, PACK_IMPORT, PACK_EXPORT, PACK_LIST, PACK_ON, PACK_OFF, SETTINGS, MODS_LIST, MODS_ADD,
                      MODS_REMOVE, AUDIT, CARE_LIST, INSIGHTS, NOTE, INSIGHTS_EXPORT)


@dataclass(frozen=True)
class Page:
    """One page: its address, title, a line about it, which home-view section it lists (by position), the read
    commands whose replies it shows, and buttons for the whole page."""

    slug: str
    title: str
    intro: str
    section: int | None = None
    reads: tuple[str, ...] = ()
    controls: tuple[Button, ...] = ()


PAGES: tuple[Page, ...] = (
    Page("insights", N_("Insights"), N_("How the check-ins are going, week by week. Only counts of groups big "
                                      "enough to hide anyone; private answers count as answered, their moods "
                                      "never.")),
    Page("schedules", N_("Check-ins"), N_("Every check-in here: change one (you'll see a preview first), pause it, "
                                        "skip a date, resume it or delete it."), section=0,
         controls=(form_button(N_("New check-in"), CREATE, style="primary"), form_button(N_("Skip a date"), SKIP),
                   form_button(N_("Pause until a date"), PAUSE), form_button(N_("Note what changed"), NOTE))),
    Page("prompts", N_("Prompts and packs"), N_("Your community's own prompts, and the built-in packs."), section=1,
         reads=(PACK_LIST,),
         controls=(form_button(N_("Add a prompt"), PROMPT_ADD, style="primary"),
                   form_button(N_("Import a pack"), PACK_IMPORT), run_button(N_("Export our prompts"), PACK_EXPORT),
                   form_button(N_("Switch a pack off"), PACK_OFF), form_button(N_("Switch a pack on"), PACK_ON))),
    Page("settings", N_("Settings"), N_("The community's settings."), reads=(SETTINGS,),
         controls=(form_button(N_("Change a setting"), SETTINGS, style="primary"),)),
    Page("moderators", N_("Moderators"), N_("Who moderates Hearth here, besides the platform's admins."),
         reads=(MODS_LIST,),
         controls=(form_button(N_("Add a moderator"), MODS_ADD, style="primary"),
                   form_button(N_("Remove a moderator"), MODS_REMOVE))),
    Page("audit", N_("Audit log"), N_("What moderators did recently, newest first."), reads=(AUDIT,)),
    Page("care", N_("Care notes"), N_("Who is reaching out to whom. What anyone wrote is never shown here."),
         reads=(CARE_LIST,)),
)


def shown(page: Page) -> Page:
    """The page in the current language: its title, its line and its buttons' labels (declared in English)."""
    return replace(page, title=_(page.title), intro=_(page.intro),
                   controls=tuple(replace(b, label=_(b.label)) for b in page.controls))


def pages() -> tuple[Page, ...]:
    """Every page, in the current language (for the navigation)."""
    return tuple(shown(p) for p in PAGES)


async def page_section(app: "Hearth", actor: "Actor", page: Page) -> Section | None:
    """The home view's section a page lists (its rows, with their buttons), if it lists one."""
    if page.section is None:
        return None
    home = await home_view(app, actor)
    return home.moderating[page.section] if len(home.moderating) > page.section else None


def page_commands(page: Page) -> list[str]:
    return [*page.reads, *(b.args.get("command", "") for b in page.controls)]


@dataclass(frozen=True)
class InsightsTable:
    """The chart, its words and its numbers as a table: what the insights page shows."""

    title: str
    trend: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    png: bytes | None
    alt: str
    floor: int
    weeks: int
    controls: tuple[Button, ...] = ()


INSIGHTS_HEADERS = (N_("Week from"), N_("Invited"), N_("Answered"), N_("Mood 1"), N_("Mood 2"), N_("Mood 3"),
                    N_("Mood 4"), N_("Mood 5"), N_("Average mood"), N_("Check-ins left out"))
"""(`Check-ins left out`: how many check-ins with too few people that week's numbers leave out, as the text's row,
the chart's title and the CSV's `checkins_left_out` say it: `bot.flows.insights.left_out_of_all`)"""


async def insights_table(app: "Hearth", actor: "Actor", weeks: int) -> InsightsTable:
    """The insights of every check-in here over `weeks` (4, 12 or 52), as `mod insights show` reads them."""
    weeks = weeks if weeks in PERIODS else PERIODS[0]
    community = await app.ensure_community(actor.community_id)
    view = await insights_of(app, community, None, weeks)
    rows = []
    for c in view.cells:
        label = week_label(c.week)
        if c.pending:
            row: tuple[str, ...] = (label, _("still open"), "", "", "", "", "", "", "")
        elif c.gone:
            row = (label, _("no longer kept"), "", "", "", "", "", "", "")
        elif c.rounds == 0:
            row = (label, _("no check-in"), "", "", "", "", "", "", "")
        elif c.answered is None:
            row = (label, "" if c.invited is None else str(c.invited), _(TOO_FEW), "", "", "", "", "", "")
        else:
            moods = tuple(str(n) for n in c.moods) if c.moods is not None else \
                ("", "", "", "", "") if c.answered == 0 else (moods_hidden_text(c, view.floor), "", "", "", "")
            avg = decimal(c.average) if c.average is not None else ""  # (0 answered: no moods at all)
            row = (label, "" if c.invited is None else str(c.invited), str(c.answered), *moods, avg)
        rows.append((*row, str(len(c.left_out)) if c.left_out else ""))  # (as the CSV's `checkins_left_out`)
    png = await asyncio.to_thread(charts.png, series(view))
    alt = _("Chart of answers and average mood per week ({title}). The same numbers are in the table below.").format(
        title=view.title) + (" " + left_out_why(view.left_out) if view.left_out else "")
    export = run_button(_("Download these numbers (CSV)"), INSIGHTS_EXPORT, {"weeks": str(weeks)})
    return InsightsTable(view.title, trend(view), tuple(_(h) for h in INSIGHTS_HEADERS), tuple(rows), png, alt, view.floor, weeks,
                         (export,))
