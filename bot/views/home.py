"""The home view: a member's check-ins and private corner, and a moderator's controls, in one place.

Its rows come from the functions the listing commands use (`checkin_rows` for
`checkin list`, `schedule_rows` for `mod schedule list`, both built on the one
`schedule_line` for what comes next), so the Home and the commands never say different things.
Its controls are core buttons (`run_button`, `form_button`): pressing one runs
the command as if typed, or opens the command's declared form, and the core
checks every permission again.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from bot.commands.registry import form_button, run_button
from bot.events import Button, Rich, join_rich, rich
from bot.fit import fit
from bot.i18n import N_, _
from bot.flows.common import checkin_rows, prompt_version, schedule_rows
from bot.models import Round

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from bot.app import Hearth
    from bot.events import Actor

#: The commands the home view offers, by their names in the registry (a test checks each is registered).
JOIN, LEAVE, ANSWER, STATUS, LIST = "checkin join", "checkin leave", "checkin answer", "checkin status", "checkin list"
REFLECT, NOTES, HELP = "reflect", "notes list", "help"
CREATE, EDIT, PAUSE, RESUME, DELETE, SCHEDULES = ("mod schedule create", "mod schedule edit", "mod schedule pause",
                                                  "mod schedule resume", "mod schedule delete", "mod schedule list")
PROMPT_ADD, PROMPT_EDIT, PROMPT_ENABLE, PROMPT_DISABLE, PROMPTS = (
    "mod prompt add", "mod prompt edit", "mod prompt enable", "mod prompt disable", "mod prompt list")
HOME_COMMANDS = (JOIN, LEAVE, ANSWER, STATUS, LIST, REFLECT, NOTES, HELP, CREATE, EDIT, PAUSE, RESUME, DELETE,
                 SCHEDULES, PROMPT_ADD, PROMPT_EDIT, PROMPT_ENABLE, PROMPT_DISABLE, PROMPTS)
#: How many of the community's own prompts the Home lists (the command lists them all).
MAX_OWN_PROMPTS = 30
NOT_A_THERAPIST = N_("Hearth is not a therapist or an emergency service.")


# -- the view ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """A line of the view, and the buttons about it."""

    text: Rich
    controls: tuple[Button, ...] = ()


@dataclass(frozen=True)
class Section:
    """A heading, its rows, what to say when there are none, and buttons for the whole section."""

    title: Rich
    rows: tuple[Row, ...] = ()
    empty: Rich | None = None
    controls: tuple[Button, ...] = ()
    more: Rich | None = None
    """Said after the rows when there were more than the view lists."""


@dataclass(frozen=True)
class Home:
    """What a person's home shows. `moderating` is empty for members; `help` names the command that lists
    everything, for each platform to say in its own way to type it."""

    zone: str
    member: tuple[Section, ...]
    moderating: tuple[Section, ...]
    footer: Rich
    help: str = HELP
    overflow: Rich = Rich()
    """Where the rest is, when a platform can't show the whole view."""


async def home_view(app: "Hearth", actor: "Actor") -> Home:
    tz = await app.timezone_of(actor)
    member = await _member_sections(app, actor, tz)
    moderating = await _moderator_sections(app, actor, tz) if await app.is_moderator(actor) else ()
    overflow = (_("See every check-in with **{command}** and every schedule with **{schedules}**.").format(
        command=LIST, schedules=SCHEDULES) if moderating else _("See everything with **{command}**.").format(
        command=LIST))  # (a moderator's cut-off schedules: `mod schedule list`; `checkin list` is a member's)
    return Home(tz.key, member, moderating, rich(_(NOT_A_THERAPIST)), overflow=rich(overflow))


async def _member_sections(app: "Hearth", actor: "Actor", tz: "ZoneInfo") -> tuple[Section, ...]:
    open_now: dict[int, Round] = {s.id: r for r, s in await app.store.rounds.list_open_in(actor.community_id, app.now())}
    rows = []
    for row in await checkin_rows(app, actor, tz):
        s = row.schedule
        text = row.text()
        controls = [run_button(_("Leave"), LEAVE, {"schedule": s.name}) if row.joined
                    else run_button(_("Join"), JOIN, {"schedule": s.name}, "primary")]
        if s.id in open_now:
            mine = await app.store.rounds.response_of(open_now[s.id].id, actor.user_id)
            text += rich("\n" + (_("_Open now — you've answered; you can still change it._") if mine
                                 else _("_Open now — how are you?_")))
            controls.append(replace(run_button(_("Answer now"), ANSWER, {"schedule": s.name}, "primary"), main=True))
        rows.append(Row(text, tuple(controls)))
    checkins = Section(rich(_("**Your check-ins**")), tuple(rows),  # (each time names its zone: `schedule_line`)
                       empty=rich(_("There are no check-ins here yet. A moderator can create one.")))
    yours = Section(rich(_("**Just for you**\nA private reflection prompt, on any theme. Only you see it.")),
                    controls=(run_button(_("Reflect now"), REFLECT, style="primary"), run_button(_("My notes"), NOTES),
                              run_button(_("My status"), STATUS)))
    return checkins, yours


async def _moderator_sections(app: "Hearth", actor: "Actor", tz: "ZoneInfo") -> tuple[Section, ...]:
    now = app.now()
    rows = []
    for row in await schedule_rows(app, actor, tz):
        name, pin = {"name": row.schedule.name}, row.schedule.version  # (a stale row's buttons do nothing)
        toggle = (run_button(_("Resume"), RESUME, name, "primary", pin=pin) if row.schedule.paused_at(now)
                  else run_button(_("Pause"), PAUSE, name, pin=pin))
        rows.append(Row(row.text(where=True), (form_button(_("Edit"), EDIT, name, pin=pin), toggle,
                                                run_button(_("Delete"), DELETE, name, "danger", pin=pin))))
    schedules = Section(rich(_("**Check-in schedules** ({count})").format(count=len(rows))), tuple(rows),
                        controls=(form_button(_("New check-in"), CREATE, style="primary"),))
    prompts = await app.store.prompts.list_all(actor.community_id)
    listed = []
    for p in prompts[:MAX_OWN_PROMPTS]:
        state = "" if p["enabled"] else " " + _("(disabled)")
        text = rich("`{}` {}/{}/{}" + state + "\n{}", p["id"], p["kind"], p["theme"], p["depth"], p["text"])
        switch = (run_button(_("Enable"), PROMPT_ENABLE, {"id": p["id"]}, "primary") if not p["enabled"]
                  else run_button(_("Disable"), PROMPT_DISABLE, {"id": p["id"]}))
        listed.append(Row(text, (form_button(_("Edit"), PROMPT_EDIT, {"id": p["id"]}, pin=prompt_version(p)),
                                 switch)))
    more = (rich(_("_Showing {shown} of {count}. **{command}** shows all._").format(
        shown=MAX_OWN_PROMPTS, count=len(prompts), command=PROMPTS)) if len(prompts) > MAX_OWN_PROMPTS else None)
    own = Section(rich(_("**Your community's prompts** ({count}) — the built-in packs are always there too.").format(
        count=len(prompts))), tuple(listed), controls=(form_button(_("Add a prompt"), PROMPT_ADD, style="primary"),),
        more=more)
    return schedules, own


# -- as one reply, for surfaces without a Home tab (Discord, the terminal) --------------------


def home_reply_parts(home: Home) -> tuple[Rich, tuple[Button, ...]]:
    """The home as text and buttons: rows that have buttons are numbered, and their buttons say what they act on
    ("Join · mornings"), as the buttons can't sit beside their rows in a message (a bare number, "Leave 1", read
    as part of the word; the terminal even showed "[1] Leave 1"). Every button is in the reply, each row's named by
    the row (`Button.about`) and the person's own (Reflect now, New check-in) named by none: a platform that
    can't show them all (Discord's 25) shows those first and offers the rest by name, never dropping one."""
    lines: list[Rich] = []
    buttons: list[Button] = []
    n = 0
    for section in (*home.member, *home.moderating):
        lines.append(rich("\n") + section.title if lines else section.title)
        if not section.rows and section.empty is not None:
            lines.append(section.empty)
        for row in section.rows:
            if row.controls:
                n += 1
                lines.append(rich(f"{n}. ") + row.text)
                buttons += [Button(_for_row(b, n), b.action, b.args, b.style, _about(b, n), b.main)
                            for b in row.controls]
            else:
                lines.append(rich("• ") + row.text)
        if section.more is not None:
            lines.append(section.more)
        buttons += section.controls
    lines.append(rich("\n") + home.footer + rich(" " + _("**{command}** shows everything I can do.").format(
        command=home.help)))
    return join_rich(lines), tuple(buttons)




#: A button's label holds this much of what it acts on (Discord's labels stop at 80 characters).
MAX_LABEL_NAME = 40


def _named(button: Button) -> str:
    """The check-in or prompt a row's button acts on, by name ("" where nothing names it)."""
    return next((button.args[k] for k in ("arg:schedule", "arg:name", "arg:id") if button.args.get(k)), "")


def _about(button: Button, n: int) -> str:
    """What a row's button is about, whole, as the row says it (its number where nothing names it)."""
    return _named(button) or f"#{n}"


def _for_row(button: Button, n: int) -> str:
    """A row's button as one reply lists it: its label and the check-in or prompt it acts on; the row's number
    (as "#1") only where nothing names it."""
    what = _named(button)
    what = fit(what, MAX_LABEL_NAME)
    return f"{button.label} · {what}" if what else f"{button.label} · #{n}"
