"""A member's own settings: their timezone, their language, and snoozing DMs while away."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from bot import language
from bot.commands.forms import CommandForm
from bot.commands.router import Router
from bot.commands.registry import Option
from bot.errors import UserError, about
from bot.events import Event, Reply, fill, hearth_text, join_rich, say
from bot.i18n import N_, _, clock, long_day, one_full_stop, use
from bot.scheduling import check_timezone, parse_date

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from bot.app import Hearth

router = Router("member_settings")


def _own_timezone(name: str) -> "ZoneInfo | None":
    """A timezone of one's own, or None for none ("auto", "reset", "default", "off": as `me language auto`)."""
    return None if language.plain(name) in language.AUTO else check_timezone(name)


@router.command("me timezone", "Set your timezone, so every time I show you is yours.",
                Option("timezone", "an IANA name such as Europe/Berlin, or auto to stop using one of your own",
                       kind="timezone", required=True, suggest="timezones", reads=_own_timezone),
                example="me timezone Europe/Berlin", form=CommandForm("Your timezone"))
async def set_timezone(app: "Hearth", ev: Event) -> Reply:
    with about("timezone"):
        tz = _own_timezone(ev.args["timezone"])
    if tz is None:
        return await _timezone_reset(app, ev)
    await app.store.communities.update_member(ev.actor.community_id, ev.actor.user_id, timezone=tz.key)
    local = app.now().astimezone(tz)
    return say(_("Done: your timezone is {zone}. It's {time} there now.").format(zone=tz.key, time=clock(local)))


async def _timezone_reset(app: "Hearth", ev: Event) -> Reply:
    """`me timezone auto`: no zone of their own, so times are shown in their app's, else the community's (as
    `Hearth.timezone_of` chooses), and the reply says which, truly. None set: nothing changes, nothing is written."""
    member = await app.store.communities.get_member(ev.actor.community_id, ev.actor.user_id)
    had = member is not None and bool(member.timezone)
    if had:
        await app.store.communities.update_member(ev.actor.community_id, ev.actor.user_id, timezone=None)
        member = await app.store.communities.get_member(ev.actor.community_id, ev.actor.user_id)
    tz = await app.timezone_of(ev.actor, member)
    time = clock(app.now().astimezone(tz))
    if not had:
        return say(_("You hadn't set a timezone of your own, so nothing changed: I show you times in {zone}, where "
                     "it's {time} now.").format(zone=tz.key, time=time), unchanged=True)
    if ev.actor.timezone or (member is not None and member.platform_timezone):
        return say(_("Done: you have no timezone of your own now, so I use your app's, {zone}. It's {time} there "
                     "now.").format(zone=tz.key, time=time))
    return say(_("Done: you have no timezone of your own now, so I use the community's, {zone}. It's {time} there "
                 "now.").format(zone=tz.key, time=time))


@router.command("me snooze", "Pause your DMs and reminders until a date, without leaving anything.",
                Option("until", "a date like 31 dec or 'tomorrow', or 'off' to stop snoozing", required=True),
                example="me snooze 31 aug", form=CommandForm("Snooze DMs and reminders", N_("Snooze")))
async def snooze(app: "Hearth", ev: Event) -> Reply:
    value = ev.args["until"].strip().lower()
    if value in {"off", "stop", "none", "no"}:
        member = await app.store.communities.get_member(ev.actor.community_id, ev.actor.user_id)
        if member is None or not member.snoozed(app.today(await app.timezone_of(ev.actor, member))):
            if member is not None and member.snooze_until is not None:  # (one that ended: nothing to keep)
                await app.store.communities.update_member(ev.actor.community_id, ev.actor.user_id, snooze_until=None)
            # (never away, or back already: no "welcome back", and nothing changes for them)
            return say(_("You weren't snoozing, so nothing changed: your DMs and reminders are on."), unchanged=True)
        await app.store.communities.update_member(ev.actor.community_id, ev.actor.user_id, snooze_until=None)
        return say(_("Welcome back — DMs and reminders are on again."))
    tz = await app.timezone_of(ev.actor)
    with about("until"):
        until = parse_date(ev.args["until"], app.today(tz))
    await app.store.communities.update_member(ev.actor.community_id, ev.actor.user_id, snooze_until=until)
    said = one_full_stop(_("Snoozed until {day} (inclusive). You stay in your check-ins; "
                           "I'll just be quiet. **me snooze off** ends it early.").format(day=long_day(until)))
    still = await still_comes(app, ev.actor.community_id, ev.actor.user_id, tz, until)
    return say(said + (" " + still if still else ""))


async def still_comes(app: "Hearth", community_id: str, user_id: str, tz: "ZoneInfo", until: date) -> str:
    """What a snooze until `until` leaves coming, said wherever the snooze is ("" when nothing): the private
    check-in the member asked for after a hard moment (`bot.flows.care_team`), which goes as asked, snoozed or not."""
    asked = await app.store.care.followup_of(community_id, user_id)
    due = asked.due_at.astimezone(tz).date() if asked is not None else None
    if due is None or due > until:
        return ""
    return _("One thing still comes: the private check-in you asked me for after a hard moment, on {day}.").format(
        day=long_day(due))


@router.command("me language", "Choose the language I use for you, or see which one I use now.",
                Option("language", "en, es, de, fr or pt; auto follows your app's language again"),
                example="me language es", reads_unless=("language",))
async def set_language(app: "Hearth", ev: Event) -> Reply:
    typed = ev.args.get("language", "").strip()
    if not typed:  # (a read: someone Hearth holds nothing about is told the same, and no record is made)
        member = await app.store.communities.get_member(ev.actor.community_id, ev.actor.user_id)
        return _language_shown(app, *await app.language_and_source(ev.actor, member), how=True)
    if language.plain(typed) in language.AUTO:
        await app.store.communities.update_member(ev.actor.community_id, ev.actor.user_id, language=None)
        lang, source = await app.language_and_source(ev.actor, await app.ensure_member(ev.actor))
        use(lang)  # the rest of this reply (and what the adapter adds) is in it already
        return _language_shown(app, lang, source, lead="language_auto")
    code = language.parse(typed)
    if code is None:
        raise UserError(_("I don't have texts in “{typed}” yet. I can use: {languages}. "
                          "**me language auto** follows your app's language."), typed=typed,
                        languages=hearth_text(language.listed()), field="language")
    await app.store.communities.update_member(ev.actor.community_id, ev.actor.user_id, language=code)
    use(code)
    return _language_shown(app, code, "own", lead="language_set")


def _language_shown(app: "Hearth", lang: str, source: str, lead: str | None = None, how: bool = False) -> Reply:
    """In the language itself: which one, where it comes from, and what follows it."""
    texts = app.content.care
    name = hearth_text(language.LANGUAGES[lang])
    keys = [lead] if lead else []
    if lead != "language_set":
        keys.append(f"language_{source}")
    keys.append("language_scope")
    if how:
        keys.append("language_how")
    return Reply(body=join_rich([fill(texts.text(lang, key), language=name) for key in keys], " "))
