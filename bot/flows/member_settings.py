"""A member's own settings: their timezone, their language, and snoozing DMs while away."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot import language
from bot.commands.forms import CommandForm
from bot.commands.router import Router
from bot.commands.registry import Option
from bot.errors import UserError, about
from bot.events import Event, Reply, fill, hearth_text, join_rich, say
from bot.scheduling import check_timezone, parse_date

if TYPE_CHECKING:
    from bot.app import Hearth

router = Router("member_settings")


@router.command("me timezone", "Set your timezone, so every time I show you is yours.",
                Option("timezone", "an IANA name such as Europe/Berlin or America/Chicago", kind="timezone",
                       required=True, suggest="timezones"),
                example="me timezone Europe/Berlin", form=CommandForm("Your timezone"))
async def set_timezone(app: "Hearth", ev: Event) -> Reply:
    with about("timezone"):
        tz = check_timezone(ev.args["timezone"])
    await app.store.communities.update_member(ev.actor.community_id, ev.actor.user_id, timezone=tz.key)
    local = app.now().astimezone(tz)
    return say(f"Done: your timezone is {tz.key}. It's {local:%H:%M} there now.")


@router.command("me snooze", "Pause your DMs and reminders until a date, without leaving anything.",
                Option("until", "a date like 2026-12-31, 'tomorrow', or 'off' to stop snoozing", required=True),
                example="me snooze 2026-08-31", form=CommandForm("Snooze DMs and reminders", "Snooze"))
async def snooze(app: "Hearth", ev: Event) -> Reply:
    value = ev.args["until"].strip().lower()
    if value in {"off", "stop", "none", "no"}:
        await app.store.communities.update_member(ev.actor.community_id, ev.actor.user_id, snooze_until=None)
        return say("Welcome back — DMs and reminders are on again.")
    tz = await app.timezone_of(ev.actor)
    with about("until"):
        until = parse_date(ev.args["until"], app.today(tz))
    await app.store.communities.update_member(ev.actor.community_id, ev.actor.user_id, snooze_until=until)
    return say(f"Snoozed until {until:%A %d %B} (inclusive). You stay in your check-ins; "
               "I'll just be quiet. **me snooze off** ends it early.")


@router.command("me language", "Choose the language I use for you, or see which one I use now.",
                Option("language", "en, es, de, fr or pt; auto follows your app's language again"),
                example="me language es")
async def set_language(app: "Hearth", ev: Event) -> Reply:
    typed = ev.args.get("language", "").strip()
    if not typed:
        member = await app.ensure_member(ev.actor)
        return _language_shown(app, *language.choose(member.language, ev.actor.locale), how=True)
    if language.plain(typed) in language.AUTO:
        await app.store.communities.update_member(ev.actor.community_id, ev.actor.user_id, language=None)
        return _language_shown(app, *language.choose(None, ev.actor.locale), lead="language_auto")
    code = language.parse(typed)
    if code is None:
        raise UserError(f"I don't have texts in “{{}}” yet. I can use: {language.listed()}. "
                        "**me language auto** follows your app's language.", typed, field="language")
    await app.store.communities.update_member(ev.actor.community_id, ev.actor.user_id, language=code)
    return _language_shown(app, code, "own", lead="language_set")


def _language_shown(app: "Hearth", lang: str, source: str, lead: str | None = None, how: bool = False) -> Reply:
    """In the language itself: which one, where it comes from, and (truly) that only the care texts follow it yet."""
    texts = app.content.care
    name = hearth_text(language.LANGUAGES[lang])
    keys = [lead] if lead else []
    if lead != "language_set":
        keys.append(f"language_{source}")
    keys.append("language_scope")
    if how:
        keys.append("language_how")
    return Reply(body=join_rich([fill(texts.text(lang, key), language=name) for key in keys], " "))
