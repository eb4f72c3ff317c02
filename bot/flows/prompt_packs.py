"""Moderators move prompts between communities as pack files, and switch built-in themes and packs.

Export writes the community's own enabled prompts in the pack format. Import is
two steps, preview then apply, because one file can change many prompts: the
preview says what will be added, changed and skipped, and the validated pack
waits server-side under a short token until the moderator presses Import.
Import adds and changes, never deletes, and never touches built-in prompts.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from bot.commands.forms import CommandForm
from bot.commands.router import Router
from bot.commands.registry import Option, once
from bot.content.style import style_notes
from bot.content.packs import KINDS, MAX_PACK_CHARS, THEMES, Pack, PackError, Prompt, dump_pack, load_pack, parse_pack
from bot.errors import UserError
from bot.flows.common import audit
from bot.events import Attachment, Button, Choice, Event, Reply, Rich, fill, join_rich, rich, say
from bot.flows.moderate_prompts import nothing_left, reads_as_crisis
from bot.engines.prompt_choice import pack_language, pack_on as pack_in_use
from bot.language import LANGUAGES
from bot.i18n import N_, _, ngettext, number

if TYPE_CHECKING:
    from bot.app import Hearth

router = Router("prompt_packs")

#: How long a previewed import waits for its Import button.
PENDING_FOR = timedelta(hours=24)
#: How many problems (or ids) a reply lists before saying "and N more".
MAX_LINES = 10
#: An upload larger than this can't be a valid pack (UTF-8 is at most 4 bytes a character).
MAX_UPLOAD_BYTES = MAX_PACK_CHARS * 4

THEME_OPTION = Option("theme", "the theme to switch", kind="choice", required=True,
                      choices=tuple(Choice(k, v) for k, v in THEMES.items()), suggest="themes")


def kind_count(kind: str, n: int) -> str:
    """"1 check-in", "2 reflections": how many prompts of a kind, agreeing with the count in every language."""
    if kind == "checkin":
        return ngettext("{count} check-in", "{count} check-ins", n).format(count=n)
    return ngettext("{count} reflection", "{count} reflections", n).format(count=n)
PACK_OPTION = Option("pack", "a built-in pack's id, from mod pack list", required=True, suggest="packs")
PATH_OPTION = Option("path", "terminal only: the pack file's path on the machine running Hearth", rest=True,
                     as_typed=True)



# --------------------------------------------------------------------------
# Export
# --------------------------------------------------------------------------


def slug(community_id: str) -> str:
    """A community id as a pack-id- and filename-safe slug ("discord:123" -> "discord-123")."""
    return re.sub(r"[^a-z0-9]+", "-", community_id.lower()).strip("-")[:40].strip("-") or "community"


async def community_pack(app: "Hearth", community_id: str) -> tuple[Pack | None, int]:
    """The community's enabled prompts as a pack (None if it has none), and how many disabled were left out.

    Disabled prompts stay home: the pack format has no on/off flag, so exporting
    them would switch them on wherever the file is imported.
    """
    rows = await app.store.prompts.list_all(community_id)
    enabled = [r for r in rows if r["enabled"]]
    if not enabled:
        return None, len(rows)
    community = await app.ensure_community(community_id)
    pack_id = f"community-{slug(community_id)}"
    name = f"{community.name} prompts"[:80] if community.name else "Our community's prompts"
    prompts = tuple(Prompt(r["id"], r["kind"], r["theme"], r["depth"], r["text"], pack_id) for r in enabled)
    source = f"“{community.name}”" if community.name else "a Hearth community"  # (never its internal id)
    description = f"Prompts exported from {source} by Hearth on {app.now():%Y-%m-%d}."
    return Pack(pack_id, name, "1.0.0", "en", description, prompts), len(rows) - len(enabled)


@router.command("mod pack export", "Download your community's own prompts as a pack file to share or keep.",
                permission="moderator")
async def export(app: "Hearth", ev: Event) -> Reply:
    pack, disabled = await community_pack(app, ev.actor.community_id)
    if pack is None:
        raise UserError(_("There are no enabled prompts of your own to export yet. Add one with **mod prompt add**, "
                          "or switch one back on with **mod prompt enable**."))
    content = dump_pack(pack)
    _check_exportable(content)
    await audit(app, ev, "pack.export", {"prompts": len(pack.prompts)})
    n = len(pack.prompts)
    # (One prompt is "your community's only prompt", not "your community's 1 prompt".)
    body = ngettext("Here is your community's only prompt, as a pack file. "
                    "Another community can bring it in with **mod pack import**.",
                    "Here are your community's **{count}** prompts as a pack file. "
                    "Another community can bring them in with **mod pack import**.", n).format(count=n)
    if disabled:
        body += "\n" + ngettext(
            "{count} disabled prompt was left out, because a pack file has no on/off switch. Turn one on with "
            "**mod prompt enable** first if you want it included.",
            "{count} disabled prompts were left out, because a pack file has no on/off switch. Turn one on with "
            "**mod prompt enable** first if you want it included.", disabled).format(count=disabled)
    filename = f"{slug(ev.actor.community_id)}-prompts.toml"
    return Reply(body=rich(body), attachment=Attachment(filename, content.encode("utf-8"), "application/toml"))


def _check_exportable(content: str) -> None:
    """Refuse to hand out a file that Hearth itself would not import (e.g. an old over-long prompt)."""
    try:
        parse_pack(content, "export")
    except PackError as err:
        raise UserError(_("I can't export yet, because some prompts wouldn't import cleanly:\n{}\n"
                          "Fix them with **mod prompt edit**, then export again."), _problem_lines(err)) from None


# --------------------------------------------------------------------------
# Import: read, preview, apply
# --------------------------------------------------------------------------


@dataclass
class ImportPlan:
    """What importing a pack into a community would do, prompt by prompt."""

    added: list[Prompt] = field(default_factory=list)
    changed: list[Prompt] = field(default_factory=list)
    unchanged: list[Prompt] = field(default_factory=list)
    clashes: list[Prompt] = field(default_factory=list)

    @property
    def to_save(self) -> list[Prompt]:
        return self.added + self.changed


async def plan_import(app: "Hearth", community_id: str, pack: Pack) -> ImportPlan:
    """Sort a pack's prompts into added / changed / unchanged, and ids that clash with built-ins."""
    own = {r["id"]: r for r in await app.store.prompts.list_all(community_id)}
    plan = ImportPlan()
    for p in pack.prompts:
        if app.content.prompt(p.id) is not None:
            plan.clashes.append(p)
        elif p.id not in own:
            plan.added.append(p)
        elif all(own[p.id][k] == getattr(p, k) for k in ("kind", "theme", "depth", "text")):
            plan.unchanged.append(p)
        else:
            plan.changed.append(p)
    return plan


def _problem_lines(err: PackError) -> str:
    shown = [f"• {p}" for p in err.problems[:MAX_LINES]]
    more = len(err.problems) - MAX_LINES
    if more > 0:
        shown.append(_("…and {count} more.").format(count=more))
    return "\n".join(shown)


def _ids(prompts: list[Prompt]) -> str:
    shown = ", ".join(f"`{p.id}`" for p in prompts[:MAX_LINES])
    more = len(prompts) - MAX_LINES
    return shown + (" " + _("and {count} more").format(count=more) if more > 0 else "")


#: An upload with nothing in it (or none at all, on the dashboard), in the words of the page it came from.
EMPTY_UPLOAD = N_("That file was empty, or no file came with it. Choose the pack's .toml file to import, and try "
                  "again.")


def _read_pack(ev: Event) -> Pack:
    """The uploaded file, or (terminal only) the file at `path`, validated."""
    path = ev.args.get("path", "").strip()
    if path and ev.actor.platform != "console":
        raise UserError(_("Importing from a path only works in the terminal where Hearth runs. Here, attach the "
                          "pack file (.toml) to **mod pack import** instead."), field="path")
    if path and ev.attachment is not None:
        raise UserError(_("Please give me either a file or a path, not both."), field="path")
    if ev.attachment is not None and ev.attachment.strip():
        return _parse_upload(ev.attachment)
    if path:
        return load_pack(Path(path).expanduser(), Path(path).name)
    if ev.attachment is not None or not ev.actor.from_platform:  # an empty file; or the dashboard, which has no
        raise UserError(_(EMPTY_UPLOAD), field="file")              # path to give: never chat's instructions
    if ev.actor.platform == "console":
        raise UserError(_("To import a pack, give the file's path, like `mod pack import ~/our-prompts.toml`. "
                          "A moderator elsewhere can make one with **mod pack export**."), field="file")
    raise UserError(_("To import a pack, attach the pack file (.toml) to the command. A moderator elsewhere can "
                      "make one with **mod pack export**."), field="file")


def _parse_upload(data: bytes) -> Pack:
    if len(data) > MAX_UPLOAD_BYTES:
        raise PackError(_("the file is {size} bytes, far too large for a pack — split it into smaller "
                          "packs").format(size=number(len(data))))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PackError(_("this file isn't UTF-8 text — save it as UTF-8 (a plain .toml file) and try "
                          "again")) from None
    # TRANSLATORS: how problems in an uploaded pack name the file ("your file: line 3: ...").
    return parse_pack(text, _("your file"))


FILE_OPTION = Option("file", "the pack file (.toml) to import", kind="file")


#: Under a form's file field: what to upload, and where one comes from.
PACK_FILE_HINT = N_("A pack file (.toml), up to 1 MB. A moderator can make one with the mod pack export command.")


@router.command("mod pack import", "Bring in prompts from a pack file; I show what would change first.",
                FILE_OPTION, PATH_OPTION, permission="moderator", example="mod pack import ~/our-prompts.toml",
                form=CommandForm("Import a pack", N_("Preview"), hints={"file": PACK_FILE_HINT}))
async def import_pack(app: "Hearth", ev: Event) -> Reply:
    try:
        pack = _read_pack(ev)
    except PackError as err:
        n = len(err.problems)
        raise UserError(ngettext("I couldn't import that pack: {count} problem to fix first.",
                                 "I couldn't import that pack: {count} problems to fix first.", n).format(count=n)
                        + "\n{}\n" + _("Nothing was changed."), _problem_lines(err),
                        field="file" if ev.attachment is not None else "path") from None
    plan = await plan_import(app, ev.actor.community_id, pack)
    if not plan.to_save:
        return Reply(body=join_rich([rich(_("Nothing to import from {}:"), pack.name), _summary(plan),
                                     rich(_("Nothing was changed."))]))
    token = secrets.token_urlsafe(12)
    now = app.now()
    await app.store.prompts.hold_import(token, ev.actor.community_id, ev.actor.user_id, dump_pack(pack), now,
                                        now + PENDING_FOR)
    return Reply(
        body=join_rich([fill(_("**Import {name}** (version {version})?"), name=pack.name, version=pack.version),
                        _summary(plan), *await _care_warnings(app, plan.to_save), *_style_warnings(plan.to_save),
                        rich(_("Nothing is deleted, and disabled prompts stay disabled."))]),
        # (works once, as every "Yes" does: a double click imports once and says so kindly, not "expired")
        buttons=(Button(_("Import"), "mod.pack.apply", {"token": token, **once(now)}, style="primary"),
                 Button(_("Cancel"), "mod.pack.discard", {"token": token})),
    )


async def _care_warnings(app: "Hearth", prompts: list[Prompt]) -> list[Rich]:
    """Before the Import button: the prompts whose words the care screen would answer, by id."""
    flagged = await reads_as_crisis(app, [p.text for p in prompts]) if prompts else []
    found = [p for p, crisis in zip(prompts, flagged) if crisis]
    lines = []
    if found:
        n = len(found)
        lines.append(rich("⚠️ " + ngettext("{count} prompt reads to me like someone who may be in danger: {ids}.",
                                           "{count} prompts read to me like someone who may be in danger: {ids}.",
                                           n).format(count=n, ids=_ids(found))))
    if lines:
        lines.append(rich(_("Prompts reach many people, some of them on a hard day: please read these before you "
                            "press {button}.").format(button=_("Import"))))
    return lines


def _style_warnings(prompts: list[Prompt]) -> list[Rich]:
    """Before the Import button: the prompts the style checks have notes on (`bot.content.style`, as a prompt added
    in chat and `hearth content lint`), by id, each with every note the lint gives it (only its first hid an
    `@everyone` after a missing “?”); pressing Import saves them as they are."""
    noted = [(p, notes) for p in prompts if (notes := style_notes(p.text))]
    if not noted:
        return []
    n = len(noted)
    lines = [rich(ngettext("{count} prompt could use a second look (it is imported as it is if you go ahead):",
                           "{count} prompts could use a second look (they are imported as they are if you go "
                           "ahead):", n).format(count=n))]
    lines += [rich("• `{}`: {}", p.id, note) for p, notes in noted[:MAX_LINES] for note in notes]  # (as the lint)
    if n > MAX_LINES:
        lines.append(rich("• " + _("and {count} more").format(count=n - MAX_LINES)))
    return lines


def _summary(plan: ImportPlan) -> Rich:
    """The preview's lines: counts, with ids for what changes or clashes."""
    added, changed, unchanged = len(plan.added), len(plan.changed), len(plan.unchanged)
    lines = [rich("• " + ngettext("{count} new", "{count} new", added).format(count=added))]
    if plan.changed:
        lines.append(rich("• " + ngettext("{count} changed: {ids}", "{count} changed: {ids}", changed).format(
            count=changed, ids=_ids(plan.changed))))
    else:
        lines.append(rich("• " + _("0 changed")))
    lines.append(rich("• " + ngettext("{count} already here and unchanged (skipped)",
                                      "{count} already here and unchanged (skipped)", unchanged).format(count=unchanged)))
    if plan.clashes:
        n = len(plan.clashes)
        lines.append(rich("• " + ngettext(
            "{count} with the same id as a built-in prompt (skipped, built-ins are never overwritten): {ids}. "
            "Give it a new id in the file to bring it in.",
            "{count} with the same id as a built-in prompt (skipped, built-ins are never overwritten): {ids}. "
            "Give them new ids in the file to bring them in.", n).format(count=n, ids=_ids(plan.clashes))))
    return join_rich(lines)


async def _take_held_pack(app: "Hearth", ev: Event) -> Pack:
    held = await app.store.prompts.take_import(ev.actor.community_id, ev.args.get("token", ""), app.now())
    if held is None:
        raise UserError(_("That import has already been used or has expired. Run **mod pack import** again."))
    return parse_pack(held, "held import")


@router.action("mod.pack.apply", permission="moderator", about=("mod pack import",))
async def apply(app: "Hearth", ev: Event) -> Reply:
    pack = await _take_held_pack(app, ev)
    plan = await plan_import(app, ev.actor.community_id, pack)  # again: prompts may have changed since the preview
    rows = [{"id": p.id, "kind": p.kind, "theme": p.theme, "depth": p.depth, "text": p.text} for p in plan.to_save]
    await app.store.prompts.save_many(ev.actor.community_id, rows, ev.actor.user_id, app.now())
    if rows:  # (a pack with nothing new or changed changed nothing: no entry)
        await audit(app, ev, "pack.import", {"pack": pack.id, "version": str(pack.version),
                                             "added": len(plan.added), "changed": len(plan.changed),
                                             "unchanged": len(plan.unchanged), "clashes": len(plan.clashes)})
    if not rows:  # (everything in it came in since the preview, or was here already: say so, never "Imported")
        return Reply(body=join_rich([rich(_("Nothing new to bring in from {}: what it holds is here already."),
                                          pack.name), _summary(plan)]))
    return Reply(body=join_rich([rich(_("Imported {}."), pack.name), _summary(plan),
                                 rich(_("See them with **mod prompt list**."))]))


@router.action("mod.pack.discard", permission="moderator", about=("mod pack import",))
async def discard(app: "Hearth", ev: Event) -> Reply:
    await app.store.prompts.take_import(ev.actor.community_id, ev.args.get("token", ""), app.now())
    return say(_("Okay, nothing was imported."))


# --------------------------------------------------------------------------
# Built-in themes and packs on and off
# --------------------------------------------------------------------------


@router.command("mod pack list", "The built-in prompt packs, how many prompts each has, and whether they're on.",
                permission="moderator", reads_only=True)
async def pack_list(app: "Hearth", ev: Event) -> Reply:
    switches = await app.store.prompts.switches(ev.actor.community_id)
    posted_in = await app.channel_language(ev.actor.community_id)
    lines = [rich(_("**Built-in packs**"))]
    for pack in app.content.library.packs:
        used = pack_in_use(pack.language, posted_in, switches.get(f"pack:{pack.id}"))
        state = _("on") if used else "**" + _("off") + "**"
        counts = ", ".join(kind_count(k, n) for k in KINDS if (n := sum(p.kind == k for p in pack.prompts)))
        lines.append(rich(f"• `{pack.id}` ({state}): "
                          + ngettext("{count} prompt ({kinds})", "{count} prompts ({kinds})", len(pack.prompts)).format(
                              count=len(pack.prompts), kinds=counts)
                          + " — {}" + f" · {LANGUAGES.get(pack_language(pack.language), pack.language)}", pack.name))
    off = [t for t in THEMES if not switches.get(f"theme:{t}", True)]
    lines.append(rich(_("Themes switched off: {themes}.").format(themes=", ".join(off)) if off
                      else _("All themes are on.")))
    lines.append(rich(_("Switch with **mod pack off** / **mod pack on** and **mod theme off** / **mod theme on**.")))
    return Reply(body=join_rich(lines))


def _pack_id(app: "Hearth", given: str) -> str:
    ids = [p.id for p in app.content.library.packs]
    wanted = given.strip().lower()
    if wanted in ids:
        return wanted
    raise UserError(_("There's no built-in pack “{typed}”. The built-in packs are: {packs}. Imported prompts "
                      "become your community's own: switch those with **mod prompt disable**."), typed=given,
                    packs=", ".join(ids), field="pack")


async def _switch(app: "Hearth", ev: Event, target: str, what: str, enabled: bool) -> Reply:
    """Flip one switch, audit it, and warn if a kind of prompt has nothing left. `what` is translated already
    ("The theme “Respect”")."""
    community = ev.actor.community_id
    state = "on" if enabled else "off"
    posted_in = await app.channel_language(community)
    now = (await app.store.prompts.switches(community)).get(target)
    if target.startswith("pack:"):  # a pack of another language is off until switched on
        pack = next(p for p in app.content.library.packs if p.id == target.split(":", 1)[1])
        now = pack_in_use(pack.language, posted_in, now)
    if (True if now is None else now) == enabled:
        return say((_("{what} is already on.") if enabled else _("{what} is already off.")).format(what=what))
    await app.store.prompts.set_switch(community, target, enabled)
    await audit(app, ev, f"{target.split(':')[0]}.{state}", target.split(":", 1)[1])
    lines = [rich((_("{what} is now on.") if enabled else _("{what} is now off.")).format(what=what))]
    if not enabled:
        lines.append(rich(_("I won't use its prompts in check-ins or reflections until it's switched back on.")))
        lines += await nothing_left(app, community)
    return Reply(body=join_rich(lines))


@router.command("mod theme off", "Stop using a theme's prompts here (built-in and your own).", THEME_OPTION,
                permission="moderator", example="mod theme off conflict", form=CommandForm("Switch a theme off"))
async def theme_off(app: "Hearth", ev: Event) -> Reply:
    theme = ev.args["theme"]
    return await _switch(app, ev, f"theme:{theme}", _("The theme “{theme}”").format(theme=_(THEMES[theme])), False)


@router.command("mod theme on", "Use a switched-off theme's prompts again.", THEME_OPTION,
                permission="moderator", example="mod theme on conflict", form=CommandForm("Switch a theme on"))
async def theme_on(app: "Hearth", ev: Event) -> Reply:
    theme = ev.args["theme"]
    return await _switch(app, ev, f"theme:{theme}", _("The theme “{theme}”").format(theme=_(THEMES[theme])), True)


@router.command("mod pack off", "Stop using a built-in pack's prompts here.", PACK_OPTION,
                permission="moderator", example="mod pack off hearth-checkins", form=CommandForm("Switch a pack off"))
async def pack_off(app: "Hearth", ev: Event) -> Reply:
    pack_id = _pack_id(app, ev.args["pack"])
    return await _switch(app, ev, f"pack:{pack_id}", _("The pack `{pack}`").format(pack=pack_id), False)


@router.command("mod pack on", "Use a switched-off built-in pack again.", PACK_OPTION,
                permission="moderator", example="mod pack on hearth-checkins", form=CommandForm("Switch a pack on"))
async def pack_on(app: "Hearth", ev: Event) -> Reply:
    pack_id = _pack_id(app, ev.args["pack"])
    return await _switch(app, ev, f"pack:{pack_id}", _("The pack `{pack}`").format(pack=pack_id), True)
