"""Moderators shape the prompts: add, edit, disable and list, beside the built-in packs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Mapping

from bot.commands.forms import CommandForm
from bot.commands.router import Router
from bot.commands.registry import Option, Pinned, confirmation
from bot.content.packs import DEPTHS, KINDS, MAX_PROMPT_CHARS, THEMES
from bot.content.style import style_notes
from bot.engines.prompt_choice import available
from bot.errors import UserError
from bot.flows.common import audit, prompt_version
from bot.events import Actor, Choice, Event, Reply, Rich, join_rich, rich, say
from bot.i18n import N_, _
from bot.safety.addressed import worth_a_second_look

if TYPE_CHECKING:
    from bot.app import Hearth

router = Router("moderate_prompts")

KIND_OPTION = Option("kind", "checkin (group) or reflection (private)", kind="choice", required=True,
                     choices=tuple(Choice(k, k) for k in KINDS))
THEME_OPTION = Option("theme", "the prompt's theme", kind="choice", required=True,
                      choices=tuple(Choice(k, v) for k, v in THEMES.items()), suggest="themes")
DEPTH_OPTION = Option("depth", "light, medium or deep", kind="choice", required=True,
                      choices=tuple(Choice(d, d) for d in DEPTHS))
assert MAX_PROMPT_CHARS == 280, "say the new limit in TEXT_OPTION's description"
TEXT_OPTION = Option("text", "the prompt, one question, up to 280 characters", kind="text",
                     required=True, max_length=MAX_PROMPT_CHARS, rest=True, own_words=False)
ID_OPTION = Option("id", "the prompt's id, from mod prompt list", required=True, suggest="prompts")

#: Each kind of prompt as a heads-up names it.
KIND_LABELS = {"checkin": N_("check-in"), "reflection": N_("reflection")}


async def nothing_left(app: "Hearth", community: str, kinds: tuple[str, ...] = KINDS) -> list[Rich]:
    """A heads-up for each kind of prompt with none left switched on here, said by whatever switched the last one
    off (a pack, a theme, one prompt): rounds would open with no prompt, so none opens, and `reflect` has none. While
    other check-in prompts are on, each check-in whose own theme and depth have none left is named: its rounds
    won't open either (a theme switched off under `mod schedule create … theme=listening`). `kinds`: the kinds to
    tell of (`mod schedule list` tells only of check-ins)."""
    posted_in = await app.channel_language(community)
    lines = [rich(_("Heads up: there are no {kind} prompts left switched on. Turn something back on, or add your own "
                    "with **mod prompt add**.").format(kind=_(KIND_LABELS[kind])))
             for kind in kinds if not await available(app, community, kind, lang=posted_in)]
    if await available(app, community, "checkin", lang=posted_in):
        for schedule in await app.store.schedules.list_all(community):
            if (schedule.theme or schedule.depth) and not await available(
                    app, community, "checkin", schedule.theme, schedule.depth, lang=posted_in):
                lines.append(rich(_("Heads up: **{}** has no check-in prompts left switched on for its theme and "
                                    "depth, so its rounds won't open. Turn some back on, or change it with **mod "
                                    "schedule edit**."), schedule.name))
    return lines


#: Said before saving a prompt whose words the care screen would answer, by its level.
CONCERN = {
    "crisis": N_("The words of this prompt read to me like someone who may be in danger — the kind of words I "
                 "answer with support resources."),
}
ASK = N_("Prompts reach many people, some of them on a hard day. Is this what you'd like to ask?")


async def reads_as_crisis(app: "Hearth", texts: list[str]) -> list[bool]:
    """Which prompt texts the care screen reads as someone who may be in danger: the phrase rules' alarm, as
    `hearth content lint` reads them, so a pack author who lints first hears what every moderator will hear (the
    phrases' own alarm, whatever the community's reading; the model's gentle word asks nothing here, below).
    Screened in one batch, off the event loop while the rules' regexes are still compiling.

    Only the alarm asks for a second look: the gentle word is tuned to catch nearly everyone who may be
    struggling, so it also answers many ordinary questions; asking moderators to confirm those would teach
    them to click past the one warning that matters. Crisis words addressed to the reader ("Do you ever want to
    kill yourself?"), which the screen rightly lets by in what someone says of themselves, ask for it too
    (`addressed_crisis`): members will read them as said to them."""
    screened = await app.content.screen.check_off_loop(texts, "phrases")
    return [worth_a_second_look(r.level, t) for t, r in zip(texts, screened)]


async def concern(app: "Hearth", text: str) -> str | None:
    """"crisis" when the care screen reads one prompt's text so (`reads_as_crisis`), else None."""
    return "crisis" if (await reads_as_crisis(app, [text]))[0] else None


#: Said before saving a prompt the style checks have notes on (`bot.content.style`, as `hearth content lint`).
STYLE = N_("A second look before I save it. This prompt:")
STYLE_ASK = N_("Save it as it is, or cancel and write it again?")


def for_members(app: "Hearth", ev: Event, level: str | None, what: str) -> Reply | None:
    """The same second look for any other text a moderator writes for members to read (a schedule's note):
    `what` says what it is, and the moderator confirms, or cancels and writes it again."""
    if level is None or ev.args.get("confirmed") == "yes":
        return None
    return confirmation(app.registry.commands[ev.name], ev, what + " " + _(MEMBERS_ASK), now=app.now())


#: Said before a text for members that reads as crisis (`for_members`), after what it is.
MEMBERS_ASK = N_("Many people will read it, some of them on a hard day. Is this what you'd like them to read?")


def _second_look(app: "Hearth", ev: Event, level: str | None, text: str) -> Reply | None:
    """Ask the moderator to confirm a prompt that reads as crisis, or that the style checks (the lint's, in one
    place) have notes on: a mention or bold shown as typed, a word or two, more than one question (once: the
    button says yes). Kindly, and never refused: the words are theirs."""
    if ev.args.get("confirmed") == "yes":
        return None
    notes = style_notes(text)
    why: str | Rich
    if level is not None:
        why = _(CONCERN[level]) + " " + _(ASK)
    elif notes:  # (each note as plain words: the "**" or "@here" it names is shown, never read as markup)
        why = join_rich([rich(_(STYLE)), *(rich("• {}", note) for note in notes), rich(_(STYLE_ASK))])
    else:
        return None
    return confirmation(app.registry.commands[ev.name], ev, why, now=app.now())


def _noted(pid: str, level: str | None) -> str | dict[str, str]:
    """The audit detail: the prompt id, and that the moderator confirmed it after a care warning."""
    return {"prompt": pid, "warning": level} if level else pid


@router.command("mod prompt add", "Add a prompt of your own.", KIND_OPTION, THEME_OPTION, DEPTH_OPTION,
                TEXT_OPTION, permission="moderator",
                # TRANSLATORS: keep the command and its option words in English; translate only the free words.
                example=N_("mod prompt add checkin appreciation light Who made your week a little easier?"),
                form=CommandForm("Add a prompt"))
async def add(app: "Hearth", ev: Event) -> Reply:
    text = ev.args["text"].strip()
    level = await concern(app, text)
    if (ask := _second_look(app, ev, level, text)) is not None:
        return ask
    existing = {p["id"] for p in await app.store.prompts.list_all(ev.actor.community_id)}
    n = 1
    while f"own-{ev.args['theme']}-{n:02d}" in existing:
        n += 1
    pid = f"own-{ev.args['theme']}-{n:02d}"
    fields = {"id": pid, "kind": ev.args["kind"], "theme": ev.args["theme"], "depth": ev.args["depth"], "text": text}
    await app.store.prompts.save(ev.actor.community_id, fields, ev.actor.user_id, app.now())
    await audit(app, ev, "prompt.add", _noted(pid, level))
    return say(_("Added prompt `{id}`: ").format(id=pid) + "{}", text)


async def _text_now(app: "Hearth", actor: Actor, hidden: Mapping[str, str]) -> dict[str, str]:
    """An edit's form starts from the prompt's words now (the one named in `hidden`)."""
    row = await app.store.prompts.get(actor.community_id, hidden.get("id", ""))
    return {"text": row["text"]} if row else {}


async def _prompt_pin(app: "Hearth", ev: Event) -> Pinned | None:
    row = await app.store.prompts.get(ev.actor.community_id, ev.args.get("id", ""))
    return None if row is None else Pinned(row["id"], prompt_version(row))


@router.command("mod prompt edit", "Change the text of one of your community's prompts.", ID_OPTION, TEXT_OPTION,
                pin=_prompt_pin,
                # TRANSLATORS: keep the command and its option words in English; translate only the free words.
                permission="moderator", example=N_("mod prompt edit own-listening-01 Who listened well to you lately?"),
                form=CommandForm("Edit a prompt", defaults=_text_now))
async def edit(app: "Hearth", ev: Event) -> Reply:
    pid = ev.args["id"]
    row = await app.store.prompts.get(ev.actor.community_id, pid)
    if row is None:
        if app.content.prompt(pid):
            raise UserError(_("Built-in prompts can't be edited, but you can **mod prompt disable** it and "
                              "**mod prompt add** your own version."), field="id")
        raise UserError(_("There's no prompt `{}` here. **mod prompt list** shows the ids."), pid, field="id")
    text = ev.args["text"].strip()
    if text == row["text"]:  # (nothing changes, so nothing is logged: the audit log holds changes)
        return say(_("`{id}` already says that: nothing changed.").format(id=pid))
    level = await concern(app, text)
    if (ask := _second_look(app, ev, level, text)) is not None:
        return ask
    fields = {k: row[k] for k in ("id", "kind", "theme", "depth")} | {"text": text}
    await app.store.prompts.save(ev.actor.community_id, fields, ev.actor.user_id, app.now())
    await audit(app, ev, "prompt.edit", _noted(pid, level))
    return say(_("Updated `{id}`.").format(id=pid))


async def _switch(app: "Hearth", ev: Event, enabled: bool) -> Reply:
    pid = ev.args["id"]
    verb = "enabled" if enabled else "disabled"
    own = await app.store.prompts.get(ev.actor.community_id, pid)
    if own is not None:
        was = bool(own["enabled"])
    elif app.content.prompt(pid):
        was = (await app.store.prompts.switches(ev.actor.community_id)).get(f"prompt:{pid}", True)
    else:
        raise UserError(_("There's no prompt `{}`. **mod prompt list** shows the ids."), pid, field="id")
    if was == enabled:  # (nothing changes, so nothing is logged: the audit log holds changes)
        return say((_("Prompt `{id}` is already enabled.") if enabled
                    else _("Prompt `{id}` is already disabled.")).format(id=pid))
    if own is not None:
        await app.store.prompts.set_enabled(ev.actor.community_id, pid, enabled)
    else:
        await app.store.prompts.set_switch(ev.actor.community_id, f"prompt:{pid}", enabled)
    await audit(app, ev, f"prompt.{verb[:-1]}", pid)
    done = rich((_("Prompt `{id}` is enabled.") if enabled else _("Prompt `{id}` is disabled.")).format(id=pid))
    return Reply(body=join_rich([done, *(await nothing_left(app, ev.actor.community_id) if not enabled else [])]))


@router.command("mod prompt disable", "Stop using a prompt (yours or built-in). Nothing is deleted.", ID_OPTION,
                permission="moderator")
async def disable(app: "Hearth", ev: Event) -> Reply:
    return await _switch(app, ev, False)


@router.command("mod prompt enable", "Use a disabled prompt again.", ID_OPTION, permission="moderator",
                form=CommandForm("Use a prompt again", N_("Enable")))
async def enable(app: "Hearth", ev: Event) -> Reply:
    return await _switch(app, ev, True)


@router.command("mod prompt list", "List your community's own prompts, or the built-in ones of a theme.",
                Option("theme", "show the built-in prompts of this theme too", kind="choice",
                       choices=tuple(Choice(k, v) for k, v in THEMES.items()), suggest="themes"),
                permission="moderator", reads_only=True)
async def list_prompts(app: "Hearth", ev: Event) -> Reply:
    own = await app.store.prompts.list_all(ev.actor.community_id)
    switches = await app.store.prompts.switches(ev.actor.community_id)
    lines = [rich(_("**Your community's prompts** ({count})").format(count=len(own)))]
    for p in own:
        state = "" if p["enabled"] else " " + _("(disabled)")
        lines.append(rich(f"• `{p['id']}` {p['kind']}/{p['theme']}/{p['depth']}{state}: " + "{}", p["text"]))
    theme = ev.args.get("theme")
    if theme:
        built = [p for kind in KINDS for p in app.content.prompts(kind, theme)]
        lines.append(rich("\n" + _("**Built-in {theme} prompts** ({count})").format(theme=theme, count=len(built))))
        for p in built:
            state = "" if switches.get(f"prompt:{p.id}", True) else " " + _("(disabled)")
            lines.append(rich(f"• `{p.id}` {p.kind}/{p.depth}{state}: " + "{}", p.text))
    else:
        lines.append(rich("\n" + _("Add a theme (e.g. **mod prompt list listening**) to see the built-in ones too.")))
    return Reply(body=join_rich(lines))
