"""Private reflection: a prompt on request, "another one", and a note only you can read."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from bot.commands.forms import CommandForm
from bot.commands.router import Router
from bot.commands.registry import Option
from bot.errors import UserError
from bot.fit import fit
from bot.events import (MAX_MESSAGE_CHARS, Button, Choice, Event, Form, FormField, Reply, Rich, fill, hearth_text,
                        join_rich, rich, say)
from bot.flows.common import as_id, written_in
from bot.flows.crisis_care import words_kept
from bot.engines.prompt_choice import available, pick
from bot.i18n import N_, _, current, day_month

if TYPE_CHECKING:
    from bot.app import Hearth

router = Router("reflections")

#: A private note is kept in the store (no limit there) and read back only by its author, split over as many
#: messages as it needs, so no platform's message limit applies to it. This is the most any platform hands over
#: in one go (`MAX_MESSAGE_CHARS`: a form stops the typing before it); a longer note typed in the terminal is
#: refused, its words given back (`Event.typed`).
MAX_NOTE_CHARS = MAX_MESSAGE_CHARS


def _theme_option() -> Option:
    from bot.content.packs import THEMES

    return Option("theme", "a theme, or leave empty for any", kind="choice",
                  choices=tuple(Choice(k, v) for k, v in THEMES.items()), suggest="themes")


@router.command("reflect", "A private reflection prompt, on a theme or at random.", _theme_option(),
                example="reflect listening")
async def reflect(app: "Hearth", ev: Event) -> Reply:
    return await _give_prompt(app, ev, ev.args.get("theme") or None)


@router.action("reflect.another")
async def another(app: "Hearth", ev: Event) -> Reply:
    return await _give_prompt(app, ev, ev.args.get("theme") or None)


async def _give_prompt(app: "Hearth", ev: Event, theme: str | None) -> Reply:
    actor = ev.actor
    candidates = await available(app, actor.community_id, "reflection", theme, lang=current())  # (the member's)
    if not candidates:
        # (none on at all: "try reflect without a theme" would send them to the same nothing, or was said to a
        # `reflect` that named no theme)
        if theme is None or not await available(app, actor.community_id, "reflection", lang=current()):
            raise UserError(_("There are no reflection prompts switched on here right now. A moderator can switch "
                              "some back on, or add their own with **mod prompt add**."))
        if theme and not (await app.store.prompts.switches(actor.community_id)).get(f"theme:{theme}", True):
            raise UserError(_("The moderators have switched off the theme “{theme}” in this community. Try "
                              "**reflect** without a theme, or another one."),
                            theme=hearth_text(_(app.content.themes.get(theme, theme))), field="theme")
        raise UserError(_("I have no reflection prompts on that theme right now. Try **reflect** without a theme."),
                        field="theme" if theme else None)
    recent = await app.store.notes.recent_reflections(actor.community_id, actor.user_id,
                                                app.config["reflections.recent_to_avoid"])
    chosen = pick(candidates, recent, random.Random())
    assert chosen is not None
    rid = await app.store.notes.record_reflection(actor.community_id, actor.user_id, chosen.id, chosen.text, app.now())
    theme_title = _(app.content.themes.get(chosen.theme, chosen.theme))
    return Reply(
        body=rich(f"_{theme_title}_\n" + "**{}**\n\n" + _("Take your time. This is just for you."), chosen.text),
        buttons=(
            Button(_("Another one"), "reflect.another", {"theme": theme or ""}),
            Button(_("Keep a note"), "reflect.note", {"reflection": str(rid)}, style="primary"),
            Button(_("Done"), "reflect.done"),
        ),
    )


@router.action("reflect.done", reads_only=True)
async def done(app: "Hearth", ev: Event) -> Reply:
    return say(_("Thank you for taking a moment for yourself."))


@router.action("reflect.note", reads_only=True)  # (a form: its Save keeps the note)
async def note_form(app: "Hearth", ev: Event) -> Reply:
    prompt = await _reflection_text(app, ev)
    return Reply(
        body=rich("**{}**", prompt),
        form=Form(_("Keep a private note"), "reflect.save_note",
                  (FormField("note", _("Your note (only you can read it)"), "paragraph", max_length=MAX_NOTE_CHARS),),
                  args={"reflection": ev.args.get("reflection", "")}),
    )


@router.action("reflect.save_note")
async def save_note(app: "Hearth", ev: Event) -> Reply:
    return await _keep(app, ev, await _reflection_text(app, ev), ev.values.get("note", ""), "note")


@router.command(
    "note", "Keep a private note on the last prompt I gave you (only you can read it).",
    Option("text", "your note", kind="text", required=True, max_length=MAX_NOTE_CHARS, rest=True),
    # TRANSLATORS: keep the command and its option words in English; translate only the free words.
    example=N_("note I want to ask for help sooner"), form=CommandForm("Keep a private note"),
)
async def note_command(app: "Hearth", ev: Event) -> Reply:
    prompt = await app.store.notes.reflection_text(ev.actor.community_id, ev.actor.user_id) or ""
    return await _keep(app, ev, prompt, ev.args["text"], "text")


async def _reflection_text(app: "Hearth", ev: Event) -> str:
    text = await app.store.notes.reflection_text(ev.actor.community_id, ev.actor.user_id,
                                                 as_id(ev.args.get("reflection")))
    if text is None:
        raise UserError(_("I couldn't find that prompt any more. Ask for a new one with **reflect**."))
    return text


async def _keep(app: "Hearth", ev: Event, prompt: str, text: str, field: str) -> Reply:
    """Keep a note typed in `field` (the form's or the command's), or say what's wrong with it there."""
    text = text.strip()
    if not text:
        raise UserError(_("Your note was empty, so I didn't keep anything."), field=field)
    if len(text) > MAX_NOTE_CHARS:
        raise UserError(_("Notes can be up to {limit} characters; yours has {length}. "
                          "Could you split it in two?").format(limit=MAX_NOTE_CHARS, length=len(text)), field=field)
    await app.store.notes.add(ev.actor.community_id, ev.actor.user_id, None, prompt, text, app.now())
    words_kept(text)
    if ev.seen:  # (written in a channel: the note is theirs alone, the message with its words is not)
        return Reply(body=fill(_(NOTE_SEEN), channel=written_in(ev)))
    return say(_("Kept. Only you can read it — see your notes with **notes list**."))


#: A note written to Hearth in a channel (`Event.seen`): kept, but its words are still there for others to read.
NOTE_SEEN = N_("Your note is kept just for you — but your message is still in {channel}, where others can read it. "
               "You may want to delete it there. **notes list** shows your notes.")


@router.command("notes list", "Read your private notes.", reads_only=True)
async def notes_list(app: "Hearth", ev: Event) -> Reply:
    notes = await app.store.notes.of_member(ev.actor.community_id, ev.actor.user_id)
    if not notes:
        return say(_("You have no notes yet. Ask for a prompt with **reflect** and keep one."))
    tz = await app.timezone_of(ev.actor)
    lines = [rich(_("**Your notes** (only you can see these)"))]
    for n in notes:
        stamp = day_month(n.created_at.astimezone(tz).date())  # ("Sun 6 Dec", as every view; its year only when not now's)
        lines.append(rich(f"**#{n.number}** · {stamp} · " + "_{}_\n{}", n.prompt_text or _("(no prompt)"), n.text))
    return Reply(body=join_rich(lines, "\n\n"))


#: The most characters of a note its deletion question shows ("…" ends a note cut to fit).
NOTE_SHOWN = 200


async def _note_exists(app: "Hearth", ev: Event) -> Rich:
    """The note `notes delete` would delete, shown in its question (to its author only), so that a slip of the number
    ("notes delete 2" for 3) is seen before it is gone for good; else a kind refusal."""
    number = as_id(ev.args["number"])
    note = next((n for n in await app.store.notes.of_member(ev.actor.community_id, ev.actor.user_id)
                 if n.number == number), None)
    if note is None:
        raise _no_such_note(ev)
    stamp = day_month(note.created_at.astimezone(await app.timezone_of(ev.actor)).date())
    words = fit(note.text, NOTE_SHOWN)  # (cut between whole characters, at a word where one is near)
    return rich(f"**#{note.number}** · {stamp}\n" + "{}", words)


def _no_such_note(ev: Event) -> UserError:
    return UserError(_("You have no note #{number}, so there's nothing to delete. "
                       "**notes list** shows their numbers."), number=ev.args["number"], field="number")


@router.command("notes delete", "Delete one of your notes.",
                Option("number", "the note's number from notes list", kind="int", required=True, old_names=("id",)),
                confirm=N_("The note will be gone for good."), example="notes delete 3", check=_note_exists)
async def notes_delete(app: "Hearth", ev: Event) -> Reply:
    if await app.store.notes.delete(ev.actor.community_id, ev.actor.user_id, as_id(ev.args["number"])):
        return say(_("Deleted."))
    raise _no_such_note(ev)
