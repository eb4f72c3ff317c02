"""The care team: who reaches out after a care note, so that nobody doubles up and nobody is left out.

A care note in the moderators' care channel carries three buttons: **I'll
reach out** (the note then names who took it), **Hand over** (back to the
team) and **Done**. The note's post is edited in place as it changes, and it
still says who and where, never what. Only moderators can press them, and
each press that changes the note (and each `mod care duty`) goes in the audit
log: who and when, and the note's number, never what nor about whom. A note
nobody takes in time is raised again, once, to each moderator on duty, in
private, with the note's own buttons (`mod care duty off` keeps someone out of
that). The member a note is about is never raised to, and can't take, hand
over or close it, even as a moderator (`_refused`); each button carries the
state it was drawn for, so a stale or double press acts on nothing. A press in a DM carries no permissions of the platform's, so the
platform is asked whether the presser moderates the note's community (that
one only). Typed, `mod care` alone is `mod care list`. A member who got a
crisis reply may ask for a private word from Hearth the next day.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from bot.commands.forms import CommandForm
from bot.commands.registry import Option
from bot.commands.router import Router
from bot.errors import UserError
from bot.events import (Actor, Button, Choice, Event, Reply, Rich, channel, fill, join_rich, posted_time, reply_to_json,
                        rich, say)
from bot.flows.common import as_id, audit, people, person_posted, person_shown, show_time
from bot.i18n import N_, _, ngettext, speaking
from bot.models import CareNote, FollowUp, Outgoing
from bot.safety.resources import care_message
from bot.store.care import NOTE_ARG
from bot.store.repository import DELETED
from bot.store.rounds import next_tick

if TYPE_CHECKING:
    from bot.app import Hearth

router = Router("care_team")

TAKE, HAND_OVER, DONE, FOLLOW_UP = "care.take", "care.hand_over", "care.done", "care.follow_up"
#: What a refusal of a care button names, as people type it.
ABOUT = ("mod care list",)
#: How long after a crisis reply the asked-for follow-up comes.
FOLLOW_UP_AFTER = timedelta(days=1)
#: How far back `mod care list` shows notes already done.
RECENT = timedelta(days=14)
#: What a care button says of the note as it was drawn: its state then ("open", "taken"). A press acts only on
#: the state the presser saw; a button drawn before a change (a stale post, a DM raised earlier) is refused kindly.
SEEN = "seen"
#: Who redrew the note by pressing, and when (a whole-second timestamp): carried by the button now where theirs was.
BY, AT = "by", "at"
#: A press on the button a person's own press drew in that very place, this soon after, is the second half of a
#: double press (Discord and Slack redraw the note under the pointer; the terminal's `press 1` twice): refused.
DOUBLE_PRESS = timedelta(seconds=3)


# -- the note, as the care channel shows it -------------------------------------------------


#: Who pressed, and when: the press that drew a note anew (`note_reply`'s `drawn`).
Drawn = tuple[str, datetime]


#: An open note whose taker erased their data (`CareRepository.erase_member` opens it again): nobody is reaching out.
TAKER_LEFT = N_("The moderator who took this one has since deleted their data with Hearth, so it's open again: "
                "someone else can take it.")


def taker_left(note: CareNote) -> bool:
    """Whether this open note was taken by a moderator who then erased their data (so it is open again)."""
    return note.state == "open" and note.taken_by == DELETED


def note_reply(note: CareNote, zone: str = "UTC", drawn: Drawn | None = None) -> Reply:
    """The note's post as it stands: who and where (as first written), what the team did, and the buttons
    that fit its state, each carrying that state (`SEEN`). Never what the member wrote: the note never had it.
    `drawn`: the press that changed it: the first button, where the pressed one was, says who and when, so a
    double press is not taken as a press of the new button (`_double_press`)."""
    lines = [Rich.from_json(note.body)]
    args = {NOTE_ARG: str(note.id), SEEN: note.state}
    first = args | ({BY: drawn[0], AT: str(int(drawn[1].timestamp()))} if drawn else {})
    buttons: tuple[Button, ...] = ()
    if note.state == "open":
        if taker_left(note):
            lines.append(rich(_(TAKER_LEFT)))
        buttons = (Button(_("I'll reach out"), TAKE, first, "primary"), Button(_("Done"), DONE, args))
    elif note.state == "taken":
        lines.append(rich(_("**{}** is reaching out (since {})."),
                          person_posted(note.taken_by or "", note.taken_name or ""),
                          posted_time(note.taken_at or noted_at(note), zone, "time")))
        buttons = (Button(_("Hand over"), HAND_OVER, first), Button(_("Done"), DONE, args, "success"))
    else:
        lines.append(rich(_("✅ Done — closed by **{}**."), person_posted(note.closed_by or "", note.closed_name or "")))
    return Reply(body=join_rich(lines), buttons=buttons, visibility="channel")


def note_post(note: CareNote, zone: str = "UTC", lang: str = "en") -> list[Outgoing]:
    """The note's first post in the care channel (its id is kept, so later edits can find it). Every care key
    names the community (`hearth migrate-store --community` moves it with them) and the member (erasing them
    drops what is still queued about them: `OutboxRepository.erase_member`). In `lang`, the community's."""
    with speaking(lang):
        return [Outgoing(f"care:{note.community_id}:{note.id}:post:{note.user_id}", "post", {"channel": note.channel_id, "care_note": note.id,
                                                                                                   "community": note.community_id},
                         reply_to_json(note_reply(note, zone)))]


def note_edit(note: CareNote, zone: str = "UTC", lang: str = "en", drawn: Drawn | None = None) -> list[Outgoing]:
    """The note's post edited to its new state; each change its own entry, sent in order (one a newer change
    already follows is skipped: `store.outbox.skip_reason`). `drawn`: the press that changed it (`note_reply`)."""
    with speaking(lang):
        return [Outgoing(f"care:{note.community_id}:{note.id}:v{note.version}:{note.user_id}", "edit", {"channel": note.channel_id, "care_note": note.id},
                         reply_to_json(note_reply(note, zone, drawn)))]


async def open_note(app: "Hearth", actor: Actor, channel_id: str, body: Rich) -> CareNote:
    """Record a care note about `actor` and queue its post (with the cooldown stamp, in one transaction)."""
    zone = await _community_zone(app, actor.community_id)
    lang = await app.channel_language(actor.community_id)
    return await app.store.care.open_note(actor.community_id, actor.user_id, channel_id, body.to_json(), app.now(),
                                          lambda note: note_post(note, zone, lang))


def withdrawn_post(lang: str = "en") -> dict[str, Any]:
    """What a care note's posts in the care channel say once the member it was about erased their data: that a
    note was there, naming nobody, so it doesn't vanish from under moderators about to reach out. No buttons:
    there is nothing left to do (a press of an older copy's is answered by `_note_of`). In `lang`, the
    community's, as the note was (`bot.store.care.CareRepository.erase_member` queues it)."""
    with speaking(lang):
        return reply_to_json(Reply(body=rich(_("A care note was here. The person it was about has since deleted "
                                               "their data with Hearth, so it's gone.")), visibility="channel"))


async def unname_handler(app: "Hearth", community_id: str, note_ids: list[int]) -> None:
    """After a moderator erased their data: the posts of the notes they took or closed (`CareRepository.handled_by`,
    read before the erasure) are edited: one they closed says "someone who has since deleted their data" instead of
    their name; one they had taken is open again, and says so (`TAKER_LEFT`)."""
    zone = await _community_zone(app, community_id)
    lang = await app.channel_language(community_id)
    edits = [e for note in [await app.store.care.get(community_id, i) for i in note_ids] if note is not None
             for e in note_edit(note, zone, lang)]
    await app.store.outbox.enqueue(edits, app.now())


# -- the buttons on the note ------------------------------------------------------------------


def _audited(note: CareNote) -> str:
    """What the audit log says of a note: its number. Who pressed, and when, are the entry's own; never the
    member it is about, nor anything they wrote."""
    return f"care note {note.id}"


async def _note_of(app: "Hearth", ev: Event) -> CareNote | Reply:
    """The note a press names, if it is one of this community's: another community's, or a forged id, is refused.
    One withdrawn because its member erased their data (its post says so, but a reminder in someone's DMs, or a
    post not yet edited, still has buttons) is answered kindly: there is nothing left to do."""
    number = as_id(ev.args.get(NOTE_ARG))
    note = await app.store.care.get(ev.actor.community_id, number) if number else None
    if note is None and number and await app.store.care.was_withdrawn(ev.actor.community_id, number):
        return say(_("Thank you for looking out for them. This care note was withdrawn: the person it was about "
                     "has since deleted their data with Hearth, so there's nothing left to do with it."))
    if note is None:
        raise UserError(_("I can't find that care note in this community, so I've left everything as it was."))
    return note


async def _note_home(app: "Hearth", ev: Event) -> str | None:
    """The community the pressed note belongs to: where a press in a DM (which carries no permissions of the
    platform's) asks the platform whether the presser moderates (`Action.community_of`)."""
    number = as_id(ev.args.get(NOTE_ARG))
    return await app.store.care.community_of(number) if number else None


async def _zone(app: "Hearth", ev: Event) -> tuple[str, str]:
    """The community's timezone and language, which its care channel's note is written in."""
    return await _community_zone(app, ev.actor.community_id), await app.channel_language(ev.actor.community_id)


async def _community_zone(app: "Hearth", community_id: str) -> str:
    """The timezone a care note's times are written in: the community's, as in force here (`Hearth.in_force`)."""
    return app.in_force(await app.ensure_community(community_id)).settings.default_timezone


def _who_has_it(note: CareNote, user: str = "") -> Reply:
    """Said kindly to someone whose press came second: who has it (`user` themselves, maybe), or that it is done."""
    if note.state == "taken" and note.taken_by == user:
        return say(_("You already have this one. Thank you."))
    if note.state == "taken":
        return say(_("Thank you for looking out for them. **{}** is already reaching out, so I've left it with "
                     "them."), person_shown(note.taken_by or "", note.taken_name or ""))
    if note.state == "done":
        return say(_("Thank you. This one is already marked done."))
    return say(_("This one is open again: nobody has it right now."))


async def _refused(app: "Hearth", ev: Event, note: CareNote) -> Reply | None:
    """Why this press must not act, said kindly, or None. The member a note is about never takes, hands over or
    closes it (a moderator may be the one in need: the team looks after them, and they need do nothing). Their
    press is not audited: nothing changed, and since only the member a note is about is refused so, an entry would
    tell the whole team when they looked at their own note, in words that read like a fault. A button drawn for
    another state than the note's now, or pressed twice, acts on nothing (`_seen_other`, `_double_press`)."""
    if note.user_id == ev.actor.user_id:
        return say(_("This care note is about you, so I've left it with the rest of the team: you don't need to do "
                     "anything with it. If things are hard right now, **support** shows who you can reach."))
    return _double_press(app, ev, note) or _seen_other(ev, note)


def _seen_other(ev: Event, note: CareNote) -> Reply | None:
    """A button drawn when the note was in another state (a post not yet redrawn, a DM raised earlier): the
    presser saw something that is no longer so, and is told what is. (Buttons drawn before `SEEN` say nothing.)"""
    seen = ev.args.get(SEEN)
    if seen is None or seen == note.state:
        return None
    now = _who_has_it(note, ev.actor.user_id)
    return replace(now, body=rich(_("That button was from before the note changed, so I've left it as it is.")
                                  + " ") + now.body)


def _double_press(app: "Hearth", ev: Event, note: CareNote) -> Reply | None:
    """The second half of a double press: the button the presser's own press drew a moment ago, in the place
    they pressed (`note_reply`'s `drawn`). They can't have seen it yet, so it does nothing."""
    by, at = ev.args.get(BY), ev.args.get(AT, "")
    if by != ev.actor.user_id or not at.isdigit():
        return None
    if app.now().timestamp() - int(at) >= DOUBLE_PRESS.total_seconds():
        return None
    button = _("Hand over") if note.state == "taken" else _("I'll reach out")
    return say(_("That looked like a second press, so I've left the note as your first press made it. If you "
                 "meant **{button}**, press it again in a moment.").format(button=button))


@router.action(TAKE, permission="moderator", about=ABOUT, community_of=_note_home)
async def take(app: "Hearth", ev: Event) -> Reply:
    note = await _note_of(app, ev)
    if isinstance(note, Reply):
        return note
    if (refused := await _refused(app, ev, note)) is not None:
        return refused
    if note.state == "taken" and note.taken_by == ev.actor.user_id:
        return _who_has_it(note, ev.actor.user_id)
    zone, lang = await _zone(app, ev)
    now = app.now()
    taken = await app.store.care.take(ev.actor.community_id, note.id, ev.actor.user_id, ev.actor.display_name,
                                      now, lambda n: note_edit(n, zone, lang, (ev.actor.user_id, now)))
    if taken is None:
        current = await app.store.care.get(ev.actor.community_id, note.id)
        return _who_has_it(current or note, ev.actor.user_id)
    await audit(app, ev, "care.take", _audited(note))
    return say(_("Thank you. The note now shows you're reaching out, so nobody doubles up. If you can't after all, "
                 "press **{button}**.").format(button=_("Hand over")))


@router.action(HAND_OVER, permission="moderator", about=ABOUT, community_of=_note_home)
async def hand_over(app: "Hearth", ev: Event) -> Reply:
    note = await _note_of(app, ev)
    if isinstance(note, Reply):
        return note
    if (refused := await _refused(app, ev, note)) is not None:
        return refused
    zone, lang = await _zone(app, ev)
    now = app.now()
    given = await app.store.care.hand_over(ev.actor.community_id, note.id, ev.actor.user_id, now,
                                           lambda n: note_edit(n, zone, lang, (ev.actor.user_id, now)))
    if given is None:
        if note.state == "taken" and note.taken_by != ev.actor.user_id:
            return say(_("Only **{}**, who is reaching out, can hand this one over."),
                       person_shown(note.taken_by or "", note.taken_name or ""))
        return _who_has_it((await app.store.care.get(ev.actor.community_id, note.id)) or note, ev.actor.user_id)
    await audit(app, ev, "care.hand_over", _audited(note))
    return say(_("Handed back to the team. The note shows it's open again."))


@router.action(DONE, permission="moderator", about=ABOUT, community_of=_note_home)
async def done(app: "Hearth", ev: Event) -> Reply:
    note = await _note_of(app, ev)
    if isinstance(note, Reply):
        return note
    if (refused := await _refused(app, ev, note)) is not None:
        return refused
    zone, lang = await _zone(app, ev)
    closed = await app.store.care.close(ev.actor.community_id, note.id, ev.actor.user_id, ev.actor.display_name,
                                        app.now(), lambda n: note_edit(n, zone, lang))
    if closed is None:
        current = (await app.store.care.get(ev.actor.community_id, note.id)) or note
        if current.state == "taken":
            return say(_("**{}** is reaching out on this one, so only they can mark it done."),
                       person_shown(current.taken_by or "", current.taken_name or ""))
        return _who_has_it(current, ev.actor.user_id)
    await audit(app, ev, "care.done", _audited(note))
    return say(_("Marked done. Thank you for looking after them."))


# -- raised again, once, to those on duty ---------------------------------------------------------


async def on_duty(app: "Hearth", community_id: str, about: str | None = None) -> list[str]:
    """The moderators to raise a note to: the community's listed moderators (people, not roles) and anyone who
    said they are on duty, less those who said they are off, and never `about`, the member the note is about
    (a moderator may be the one who needs support: they are not asked to reach out to themselves)."""
    listed = [s for s in await app.store.communities.moderators(community_id) if not s.startswith("role:")]
    duty = await app.store.care.duty(community_id)
    wanted = listed + [u for u, on in duty.items() if on and u not in listed]
    return [u for u in wanted if duty.get(u, True) and u != about]


async def next_raise(app: "Hearth") -> datetime | None:
    """When the oldest untaken note is due to be raised again: a jump of the terminal's clock stops there."""
    made = await app.store.care.first_untaken()
    return made + timedelta(minutes=app.config["safety.care_raise_after_minutes"]) if made else None


@router.job("care.raise_again", every=timedelta(minutes=5), first=timedelta(0), next_at=next_raise)
async def raise_again(app: "Hearth") -> None:
    """Each note nobody has taken in `safety.care_raise_after_minutes` goes, once, to each moderator on duty, with
    the note's own buttons (pressed in the DM, they act on the note, which the channel sees edited in place)."""
    now = app.now()
    cutoff = now - timedelta(minutes=app.config["safety.care_raise_after_minutes"])
    for note in await app.store.care.untaken_since(cutoff):
        who = await on_duty(app, note.community_id, about=note.user_id)
        zone = await _community_zone(app, note.community_id)
        community_language = await app.store.communities.language(note.community_id)
        written_in = await app.channel_language(note.community_id)  # (the note's own words: see `open_note`)
        out = [await _raise_to(app, note, u, zone, app.member_language(
            await app.store.communities.get_member(note.community_id, u), community_language), written_in)
               for u in who]
        if not who:  # nobody on duty to tell privately (but, maybe, the one it is about): the channel hears it
            with speaking(written_in):  # (a post many read: the community's language, as the note's)
                nobody = rich(_("💛 This care note is open again (the moderator who took it has since deleted "
                                "their data with Hearth), and there's nobody on duty I can ask about it privately. "
                                "Could someone take it?") if taker_left(note) else
                              _("💛 This care note is still open, and there's nobody on duty I can ask about it "
                                "privately. Could someone take it?"))
                out = [Outgoing(f"care:{note.community_id}:{note.id}:raise:{note.user_id}", "post",
                                {"channel": note.channel_id, "community": note.community_id},
                                reply_to_json(Reply(body=join_rich([nobody, Rich.from_json(note.body)]),
                                                    buttons=note_reply(note, zone).buttons, visibility="channel")))]
        await app.store.care.raise_again(note.id, now, out)


async def _raise_to(app: "Hearth", note: CareNote, user: str, zone: str, lang: str, written_in: str) -> Outgoing:
    """The reminder to one moderator, all in their language, as other DMs to a person are. The note's text was
    written once, in the community's language: it is quoted only when that is theirs too; otherwise Hearth says
    again, in their words, whom the note is about (the channel it links to has the rest)."""
    with speaking(lang):
        buttons = note_reply(note, zone).buttons  # the same as the note's own, for the state it is in
        intro = rich((_("💛 A care note in {} is open again: the moderator who took it has since deleted their data "
                        "with Hearth. If you can, press **{button}**, here or on the note.") if taker_left(note) else
                      _("💛 A care note in {} is still open: nobody has said they'll reach out yet. If you can, "
                        "press **{button}**, here or on the note.")).replace("{button}", _("I'll reach out")),
                     channel(note.channel_id))
        if lang == written_in:
            about = Rich.from_json(note.body)
        else:
            name = (await app.store.communities.display_names(note.community_id, [note.user_id])).get(note.user_id, "")
            about = rich(_("It's about **{}**, posted {}."), person_posted(note.user_id, name),
                         posted_time(noted_at(note), zone))
        return Outgoing(f"care:{note.community_id}:{note.id}:{note.user_id}:raise:{user}", "dm", {"user": user},
                        reply_to_json(Reply(body=join_rich([intro, about]), buttons=buttons).shown_to(user)))


# -- commands ---------------------------------------------------------------------------------


@router.command("mod care list", "The care notes still open, and those done lately: who has them, never what.",
                permission="moderator", reads_only=True, bare=True)
async def care_list(app: "Hearth", ev: Event) -> Reply:
    # A note is listed from the tick it goes up on (`noted_at`), as the care channel shows it: listed the minute
    # its words were written, it would give that minute away, and show a time still to come (an outside trial).
    notes = [n for n in await app.store.care.listing(ev.actor.community_id, app.now() - RECENT)
             if noted_at(n) <= app.now()]
    withdrawn = await app.store.care.withdrawn_since(ev.actor.community_id, app.now() - RECENT)
    if not notes:
        none = rich(_("No care notes are open, and none were closed in the last two weeks."))
        return Reply(body=none + rich(" ") + _withdrawn(withdrawn) if withdrawn else none)
    tz = await app.timezone_of(ev.actor)
    names = await people(app, ev.actor.community_id, [n.user_id for n in notes])
    lines = [rich(_("**Care notes** (who and when; what anyone wrote is never kept here)"))]
    duty = await on_duty(app, ev.actor.community_id)
    for n in notes:
        line = rich("• **{}**, ", names[n.user_id]) + show_time(noted_at(n), tz)
        if n.state == "open":
            line += rich(_(": open again, as the moderator who took it has since deleted their data with Hearth")
                         if taker_left(n) else _(": open, nobody has it yet"))
            if n.user_id in duty and n.raised_at is None:
                line += rich(" ") + _not_asked(len(duty) - 1)
        elif n.state == "taken":
            line += rich(_(": **{}** is reaching out (since {})"), person_shown(n.taken_by or "", n.taken_name or ""),
                         show_time(n.taken_at or noted_at(n), tz))
        else:
            line += rich(_(": done, by **{}**, {}"), person_shown(n.closed_by or "", n.closed_name or ""),
                         show_time(n.closed_at or noted_at(n), tz))
        lines.append(line)
    if withdrawn:
        lines.append(rich("• ") + _withdrawn(withdrawn))
    lines.append(await duty_line(app, ev.actor.community_id))
    return Reply(body=join_rich(lines))


def _withdrawn(count: int) -> Rich:
    """The notes withdrawn lately because their members erased their data, counted: nothing else of them is kept."""
    return rich(ngettext("{count} care note was withdrawn in the last two weeks: the person it was about deleted "
                         "their data with Hearth, so nothing of it is kept.",
                         "{count} care notes were withdrawn in the last two weeks: the people they were about "
                         "deleted their data with Hearth, so nothing of them is kept.", count).format(count=count))


def noted_at(note: CareNote) -> datetime:
    """When a note is said to be from: the clock's tick it went up on (`next_tick`), never the minute the words
    were written, which inside an open round would point to the round and the answer (an outside trial)."""
    return next_tick(note.created_at)


def _not_asked(others: int) -> Rich:
    """Of an open note about a moderator on duty, truthfully: they are not asked about it; who is, if anyone."""
    if others:
        return rich(ngettext("(They're on duty, but I won't ask them about a note about themselves: {count} other "
                             "moderator will be asked.)",
                             "(They're on duty, but I won't ask them about a note about themselves: {count} other "
                             "moderators will be asked.)", others).format(count=others))
    return rich(_("(They're on duty, but I won't ask them about a note about themselves, and nobody else is on "
                  "duty: if nobody takes it in time, I'll ask in the care channel instead.)"))


async def duty_line(app: "Hearth", community_id: str) -> Rich:
    """Who is on duty, truthfully: a listed moderator who never ran `mod care duty` is on duty by default (as
    the module says: `mod care duty off` keeps someone out), so the count says how many are on only by default,
    never implying they chose it."""
    duty = await on_duty(app, community_id)
    said = await app.store.care.duty(community_id)
    unset = [u for u in duty if u not in said]
    if duty and not said:
        return rich(ngettext("Nobody has set their care duty, so every moderator on my list is asked about notes "
                             "not taken in time: {count} moderator. (**mod care duty off** steps you out.)",
                             "Nobody has set their care duty, so every moderator on my list is asked about notes "
                             "not taken in time: {count} moderators. (**mod care duty off** steps you out.)",
                             len(duty)).format(count=len(duty)))
    line = rich(ngettext("On duty for notes not taken in time: {count} moderator.",
                         "On duty for notes not taken in time: {count} moderators.", len(duty)).format(
                             count=len(duty)))
    if unset:
        line += rich(" ") + rich(ngettext("{count} of them never set their care duty, so is on duty by default.",
                                          "{count} of them never set their care duty, so are on duty by default.",
                                          len(unset)).format(count=len(unset)))
    return line


@router.command("mod care duty", "Say whether you're on duty for care notes nobody has taken in time.",
                Option("duty", "off or on (leave it out to see which you are)", kind="choice",
                       choices=(Choice("off", "off"), Choice("on", "on"))),
                permission="moderator", example="mod care duty off", form=CommandForm("Care duty"),
                reads_unless=("duty",))
async def care_duty(app: "Hearth", ev: Event) -> Reply:
    if not ev.args.get("duty"):  # asked, not told: whether they are on duty now, and how to change it
        if ev.actor.user_id in await on_duty(app, ev.actor.community_id):
            return say(_("You're on duty: if a care note goes untaken, I'll let you know privately. Step off with "
                         "**mod care duty off**."))
        return say(_("You're off duty: I don't bring untaken care notes to you. Come back with **mod care duty on**."))
    on = ev.args["duty"] == "on"
    said = (await app.store.care.duty(ev.actor.community_id)).get(ev.actor.user_id)
    if said == on:  # (what they said before: nothing changes, so nothing is logged)
        return say(_("You're on duty already.") if on else _("You're off duty already."))
    await app.store.care.set_duty(ev.actor.community_id, ev.actor.user_id, on, app.now())
    await audit(app, ev, "care.duty", "on" if on else "off")
    if on:
        return say(_("You're on duty. If a care note goes untaken, I'll let you know privately."))
    return say(_("You're off duty. I won't bring untaken care notes to you until you're back with "
                 "**mod care duty on**. Rest well."))


# -- the member's own follow-up -------------------------------------------------------------------


async def follow_up_button(app: "Hearth", language: str) -> Button:
    """On a crisis reply: ask for a private word tomorrow (only the member it was shown to can press it)."""
    return Button(app.content.care.text(language, "followup_button"), FOLLOW_UP)


@router.action(FOLLOW_UP)
async def ask_follow_up(app: "Hearth", ev: Event) -> Reply:
    """Yes to tomorrow's word. The answer keeps the resources in view: where a press replaces the private
    message it came from (Discord), the crisis reply's list of who to reach must not go with it."""
    member = await app.ensure_member(ev.actor)
    language = await app.language_of(ev.actor, member)
    now = app.now()
    await app.store.care.ask_followup(ev.actor.community_id, ev.actor.user_id, language, now, now + FOLLOW_UP_AFTER)
    region = member.region or (await app.ensure_community(ev.actor.community_id)).settings.default_region
    resources = care_message(app.content.resources, app.content.care, language, region, "support", region_hint=True)
    return Reply(body=join_rich([fill(app.content.care.text(language, "followup_set")), Rich(), resources]),
                 keep=True)  # (a promise, and where to turn meanwhile: it outlasts a platform that can't be reached)


def follow_up_message(app: "Hearth", followup: FollowUp) -> list[Outgoing]:
    with speaking(followup.language):
        reply = Reply(body=fill(app.content.care.text(followup.language, "followup")))
        key = f"care:{followup.community_id}:followup:{followup.user_id}:{followup.due_at.isoformat()}"
        return [Outgoing(key, "dm", {"user": followup.user_id}, reply_to_json(reply))]


async def next_follow_up(app: "Hearth") -> datetime | None:
    """When the first follow-up is due: a clock that jumps a day (the terminal's) sends it then, on the day it
    says "Yesterday sounded hard", not days later."""
    return await app.store.care.next_followup_due()


@router.job("care.follow_ups", every=timedelta(minutes=5), first=timedelta(0), next_at=next_follow_up)
async def send_follow_ups(app: "Hearth") -> None:
    """The private words members asked for, once each, when they are due."""
    now = app.now()
    for followup in await app.store.care.followups_due(now):
        await app.store.care.send_followup(followup, follow_up_message(app, followup), now)
