"""Who moderates, what they did, and the community's settings."""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from bot.channels import care_kept_apart, own_channel
from bot.commands.forms import CommandForm
from bot.commands.router import Router
from bot.commands.registry import Option, confirmation, visible
from bot.engines.retention import retention_days
from bot.errors import UserError, about
from bot.clock import parse_iso
from bot.events import (Choice, Event, PersonRef, Reply, Rich, channel, fill, hearth_text, join_rich, rich, say,
                        show_date)
from bot.flows.common import MAX_WHO, member_ref, moderates_off_list, people, person, show_time, zoned_day
from bot.safety.screen import READINGS
from bot import language
from bot.i18n import N_, _, ngettext
from bot.models import MAX_SUMMARY_FLOOR, MIN_SUMMARY_FLOOR, RETENTION_DAYS, Community
from bot.scheduling import check_timezone
from bot.store.communities import MODERATOR_ERASED

if TYPE_CHECKING:
    from bot.app import Hearth

router = Router("moderate_team")

WHO = Option("who", "a member (or role:<id> for a platform role)", kind="user", required=True)


async def _subject(app: "Hearth", ev: Event, listed: "list[str] | None" = None) -> str:
    """The `who` option as a stored subject: one person's id (`member_ref`: never any text), or "role:<id>";
    `listed`, for a removal: the moderator list, so it finds the one an add made."""
    who = ev.args["who"].strip()
    if who.startswith("role:"):  # (a role's id is one word: words, or nothing, are no role, never saved or logged)
        if who in (listed or ()):  # (one listed before this rule still comes off)
            return who
        role = visible(who[len("role:"):]).strip()
        if not role or len(role) > MAX_WHO or any(c.isspace() for c in role):
            raise UserError(_("That isn't a role. Pick one, or mention it (@ and its name)."), field="who")
        return f"role:{role}"
    return await member_ref(app, ev.actor, who, listed or ())


@router.command("mod moderators add", "Let someone moderate Hearth here, besides the platform's admins.", WHO,
                permission="moderator", example="mod moderators add @sam", form=CommandForm("Add a moderator", N_("Add")))
async def add(app: "Hearth", ev: Event) -> Reply:
    subject = await _subject(app, ev)
    added = await app.store.communities.add_moderator(ev.actor.community_id, subject, ev.actor.user_id, app.now())
    if added:  # (the log holds what changed: "already a moderator" is no entry)
        await app.store.communities.record_audit(ev.actor.community_id, ev.actor.user_id, "moderators.add", subject,
                                                 app.now())
    who = await person(app, ev.actor.community_id, subject)
    return say((_("Added {} as a moderator.") if added else _("{} was already a moderator.")), who)


async def _not_listed(app: "Hearth", ev: Event, subject: str) -> UserError:
    return UserError(_("{} isn't on Hearth's moderator list, so there's nothing to remove (platform admins always "
                       "moderate)."), await person(app, ev.actor.community_id, subject), field="who")


async def _is_listed(app: "Hearth", ev: Event) -> Rich:
    mods = await app.store.communities.moderators(ev.actor.community_id)
    subject = await _subject(app, ev, mods)
    if subject not in mods:
        raise await _not_listed(app, ev, subject)
    still = rich(_still_moderating(ev, subject, mods, asking=True))
    if subject == ev.actor.user_id:  # ("That's you: …" names them already)
        return still
    # Who it is, named, so a name typed that Hearth matched to a member (or a slip) is seen before it changes anything.
    return rich(_("That's {}."), await person(app, ev.actor.community_id, subject)) + rich(" ") + still


def _still_moderating(ev: Event, subject: str, listed: "list[str]", asking: bool) -> str:
    """What coming off the list truly changes for `subject`: the list is all it takes them off. The platform's
    admin rights and a listed role still make someone a moderator; Hearth can tell which for the actor themselves
    (`moderates_off_list`, as `me delete` says it), not for another member, so of them it says only what is so."""
    if subject.startswith("role:"):
        return _("People with that role still moderate if they have the platform's admin rights, are on the list "
                 "by name, or have another role on the list.")
    if subject != ev.actor.user_id:
        return _("If they have the platform's admin rights or a role on the list, they still moderate through that.")
    still = moderates_off_list(ev.actor, listed)
    if asking:
        return (_("That's you: you'll stop being a moderator here.") if still is False else
                _("That's you: you'll still moderate here through your role or the platform's admin rights.") if still
                else _("That's you: if you have the platform's admin rights or a role on the list, you'll still "
                       "moderate through that."))
    return (_("You're no longer a moderator here.") if still is False else
            _("You're off the community's moderator list, but you still moderate here through your role or the "
              "platform's admin rights.") if still else
            _("You're off the community's moderator list."))


@router.command("mod moderators remove", "Take someone off Hearth's moderator list.", WHO, permission="moderator",
                confirm=N_("This takes them off the community's moderator list."), check=_is_listed,
                form=CommandForm("Remove a moderator", N_("Continue")))
async def remove(app: "Hearth", ev: Event) -> Reply:
    subject = await _subject(app, ev, await app.store.communities.moderators(ev.actor.community_id))
    if not await app.store.communities.remove_moderator(ev.actor.community_id, subject):
        raise await _not_listed(app, ev, subject)
    await app.store.communities.record_audit(ev.actor.community_id, ev.actor.user_id, "moderators.remove", subject,
                                             app.now())
    still = _still_moderating(ev, subject, await app.store.communities.moderators(ev.actor.community_id),
                              asking=False)
    if subject == ev.actor.user_id:  # (said of themselves, as `me delete` says it)
        return say(still)
    return say(_("{} is off the community's moderator list.") + " " + still,
               await person(app, ev.actor.community_id, subject))


@router.command("mod moderators list", "Who moderates Hearth here.", permission="moderator",
                reads_only=True)
async def list_mods(app: "Hearth", ev: Event) -> Reply:
    mods = await app.store.communities.moderators(ev.actor.community_id)
    if not mods:
        return say(_("Moderators: the platform's admins. Nobody else has been added yet."))
    shown = await people(app, ev.actor.community_id, mods)
    return say(_("Moderators: the platform's admins, plus {}."), join_rich([shown[m] for m in mods], ", "))


#: What each audit entry's action means, as a whole sentence ("schedule.create" is how it's stored): the actor
#: and the detail are slots, so each language puts them where its word order wants them ("{actor} hat den Check-in
#: {detail} erstellt", not "… erstellt {detail}").
AUDIT_WORDS = {
    "schedule.create": N_("{actor} created the check-in {detail}"),
    "schedule.edit": N_("{actor} changed the check-in {detail}"),
    "schedule.pause": N_("{actor} paused the check-in {detail}"),
    "schedule.resume": N_("{actor} resumed the check-in {detail}"),
    "schedule.skip": N_("{actor} skipped a day of the check-in {detail}"),
    "schedule.delete": N_("{actor} deleted the check-in {detail}"),
    "moderators.add": N_("{actor} added as a moderator: {detail}"),
    "moderators.remove": N_("{actor} removed as a moderator: {detail}"),
    # (No actor, no detail: its person deleted their data, and the entry keeps nothing of them: `MODERATOR_ERASED`.)
    MODERATOR_ERASED: N_("A moderator deleted their data here, which took them off the moderator list"),
    "settings": N_("{actor} changed a setting: {detail}"),
    "refused": N_("{actor} was refused {detail}"),
    "refused.button": N_("{actor} pressed a button meant for moderators, so nothing changed"),
    "prompt.add": N_("{actor} added the prompt {detail}"),
    "prompt.edit": N_("{actor} edited the prompt {detail}"),
    "prompt.enable": N_("{actor} enabled the prompt {detail}"),
    "prompt.disable": N_("{actor} disabled the prompt {detail}"),
    "pack.export": N_("{actor} exported the community's prompts: {detail}"),
    "pack.import": N_("{actor} imported a pack: {detail}"),
    "pack.on": N_("{actor} switched on the built-in pack {detail}"),
    "pack.off": N_("{actor} switched off the built-in pack {detail}"),
    "theme.on": N_("{actor} switched on the theme {detail}"),
    "theme.off": N_("{actor} switched off the theme {detail}"),
    "member.erased": N_("{actor} deleted their own data: {detail}"),
    "dashboard.link": N_("{actor} asked for a dashboard {detail}"),
    "dashboard.sign_in": N_("{actor} signed in to the {detail}"),
    "dashboard.sign_out": N_("{actor} signed out of the {detail}"),
    "care.take": N_("{actor} is reaching out for {detail}"),
    "care.hand_over": N_("{actor} handed back to the team {detail}"),
    "care.done": N_("{actor} marked done {detail}"),
    "care.duty": N_("{actor} set their care duty {detail}"),
    "refused.care": N_("{actor} pressed a button of {detail} that wasn't theirs to press, so nothing changed"),
    "schedule.note": N_("{actor} left a note for the next round of the check-in {detail}"),
}


#: The most entries `mod audit` shows at once.
MAX_AUDIT = 200


@router.command("mod audit", "What moderators did recently.",
                Option("count", "how many entries (default 20)", kind="int", example="20"), permission="moderator", reads_only=True)
async def audit(app: "Hearth", ev: Event) -> Reply:
    count = int(ev.args.get("count", "20"))
    if not 1 <= count <= MAX_AUDIT:  # (as `me history` refuses its weeks: "mod audit 0" showed one entry, unsaid)
        raise UserError(_("Please choose between 1 and {most} entries.").format(most=MAX_AUDIT), field="count")
    rows = await app.store.communities.audit_log(ev.actor.community_id, count)
    if not rows:
        return say(_("The audit log is empty."))
    tz = await app.timezone_of(ev.actor)
    named = {r["detail"] for r in rows if r["action"] in ("moderators.add", "moderators.remove")}
    shown = await people(app, ev.actor.community_id, sorted({r["actor_id"] for r in rows} | named))
    lines = [rich(_("**Audit log**, newest first"))]
    for r in rows:
        words = (_(AUDIT_WORDS[r["action"]]) if r["action"] in AUDIT_WORDS
                 else "{actor} " + r["action"].replace(".", " ").replace("{", "(").replace("}", ")") + " {detail}")
        lines.append(rich("• {} · ", show_time(parse_iso(r["at"]), tz))
                     + fill(words, actor=shown[r["actor_id"]], detail=_audit_detail(r["action"], r["detail"], shown,
                                                                                          tz)))
    return Reply(body=join_rich(lines))


#: Details older entries stored as English sentences, read back into fields (`audit_fields`).
_LEGACY_DETAILS = {
    "schedule.skip": re.compile(r"(?P<schedule>.+) on (?P<day>\d{4}-\d{2}-\d{2})"),
    "schedule.pause": re.compile(r"(?P<schedule>.+) until (?P<until>\d{4}-\d{2}-\d{2}|forever)"),
    "pack.export": re.compile(r"(?P<prompts>\d+) prompts"),
    "pack.import": re.compile(r"(?P<pack>.+) v(?P<version>\S+): added (?P<added>\d+), changed (?P<changed>\d+), "
                              r"unchanged (?P<unchanged>\d+), built-in clashes (?P<clashes>\d+)"),
    "prompt.add": re.compile(r"(?P<prompt>\S+) \(confirmed after a (?P<warning>\w+) warning\)"),
    "prompt.edit": re.compile(r"(?P<prompt>\S+) \(confirmed after a (?P<warning>\w+) warning\)"),
}


def audit_fields(action: str, detail: str) -> dict[str, Any] | None:
    """An entry's detail as fields: stored as JSON (`bot.flows.common.audit`), or an older row's English sentence
    read back; None for a plain detail (a name, an id)."""
    if detail.startswith("{"):
        try:
            fields = json.loads(detail)
        except ValueError:
            return None
        return fields if isinstance(fields, dict) else None
    legacy = _LEGACY_DETAILS.get(action)
    found = legacy.fullmatch(detail) if legacy else None
    return found.groupdict() if found else None


def _day(iso: str, zone: Any = None, yours: ZoneInfo | None = None) -> str:
    """A stored ISO day in the reader's short style ("Tue 8 Dec"), with the check-in's zone when it was kept and
    isn't the reader's (`zoned_day`: the entry's time beside it is in the reader's); anything else as it is."""
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return iso
    return zoned_day(day, zone, yours) if isinstance(zone, str) and zone and yours is not None else show_date(day)


def _detail_from_fields(action: str, f: dict[str, Any], yours: ZoneInfo | None = None) -> Rich | None:
    """The reader's words for a detail kept as fields (days for a reader in `yours`); None for fields this version
    can't say."""
    def n(key: str) -> int:
        return int(f.get(key) or 0)

    if action == "schedule.skip" and "day" in f:
        return fill(_("{schedule} on {day}"), schedule=str(f.get("schedule", "")),
                    day=hearth_text(_day(f["day"], f.get("zone"), yours)))
    if action == "schedule.pause" and "until" in f:
        if f["until"] == "forever":
            return fill(_("{schedule}, until resumed"), schedule=str(f.get("schedule", "")))
        return fill(_("{schedule} until {day}"), schedule=str(f.get("schedule", "")),
                    day=hearth_text(_day(f["until"], f.get("zone"), yours)))
    if action == "pack.export" and "prompts" in f:
        return rich(ngettext("{count} prompt", "{count} prompts", n("prompts")).format(count=n("prompts")))
    if action == "pack.import" and "pack" in f:
        return fill(_("{pack} v{version}: new {added}, changed {changed}, unchanged {unchanged}, "
                      "same id as a built-in prompt {clashes}"), pack=str(f["pack"]), version=str(f.get("version", "")),
                    added=hearth_text(str(n("added"))), changed=hearth_text(str(n("changed"))),
                    unchanged=hearth_text(str(n("unchanged"))), clashes=hearth_text(str(n("clashes"))))
    if action in ("prompt.add", "prompt.edit") and "prompt" in f:
        return fill(_("{prompt} (confirmed after a care warning)"), prompt=str(f["prompt"]))
    return None


def _audit_detail(action: str, detail: str, shown: dict[str, Rich], yours: ZoneInfo | None = None) -> Rich:
    """An entry's detail with the people and channels in it shown as people read them, not as ids."""
    fields = audit_fields(action, detail)
    said = _detail_from_fields(action, fields, yours) if fields is not None else None
    if said is not None:
        return said
    if action in ("moderators.add", "moderators.remove"):
        return shown.get(detail) or Rich((PersonRef(detail),))
    if action in _AUDIT_DETAILS and detail in _AUDIT_DETAILS[action]:  # (fixed words, stored in English)
        return rich(_(_AUDIT_DETAILS[action][detail]))
    if action.startswith("care.") and detail.startswith("care note ") and detail[10:].isdigit():
        return rich(_("care note {number}").format(number=detail[10:]))
    if action == "refused" and detail.endswith(_REFUSED):  # "mod settings (not a moderator)", stored in English
        commands = detail[:-len(_REFUSED)].split(" or ")
        return rich("{}", _("{commands} (not a moderator)").format(commands=_(" or ").join(commands)))
    if action == "settings" and "=" in detail:
        key, value = detail.split("=", 1)
        return rich(f"{key} → " + "{}", _shown_setting(key, None if value == "None" else value))
    return rich("{}", detail)


#: How a refusal's detail ends (bot/commands/registry.py stores "mod settings (not a moderator)").
_REFUSED = " (not a moderator)"

#: The fixed details some actions store (in English), as the reader's language says them.
_AUDIT_DETAILS = {
    "dashboard.link": {"sign-in link": N_("sign-in link")},
    "dashboard.sign_in": {"dashboard": N_("dashboard")}, "dashboard.sign_out": {"dashboard": N_("dashboard")},
    "care.duty": {"on": N_("on"), "off": N_("off")},
}


SETTING_CHOICES = ("summary_floor", "retention_days", "alert_channel", "default_region", "default_timezone",
                   "digest_channel", "digest_day", "digest_time", "language", "crisis_screen")
#: `crisis_screen`'s values (`bot.safety.screen.Reading`): the model's gentle word beside the phrases, its alarm only
#: where it is sure (the default), the model's confident alarm a crisis too, or the phrases alone.
CRISIS_SCREENS = READINGS
CHANNEL_SETTINGS = ("alert_channel", "digest_channel")
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@router.command("mod settings", "Show or change the community's settings.",
                Option("key", "which setting", kind="choice", choices=tuple(Choice(k, k) for k in SETTING_CHOICES)),
                Option("value", "its new value"), permission="moderator",
                example="mod settings summary_floor 5", reads_unless=("value",))
async def settings(app: "Hearth", ev: Event) -> Reply:
    community = await app.ensure_community(ev.actor.community_id)
    current = community.settings
    key = ev.args.get("key")
    if not key and "value" in ev.args:
        raise UserError(_("Which setting should be “{typed}”? Name it first, e.g. `mod settings summary_floor 5`. "
                          "The settings are: {settings}."), typed=ev.args["value"],
                        settings=hearth_text(", ".join(SETTING_CHOICES)), field="key")
    community_language = await app.store.communities.language(community.id)
    applied = app.in_force(community)
    if key and not ev.args.get("value", "").strip():  # one setting asked for: its value, and how to change it
        lines = [rich(f"{key}: " + "{}", _in_force(app, community, applied, key, community_language))]
        if key == "crisis_screen":
            lines.append(rich(_(screen_means(app, str(current.crisis_screen)))))
        lines.append(rich(_("Change it with **mod settings {key} <value>**.").format(key=key)))
        return Reply(body=join_rich(lines))
    if not key or "value" not in ev.args:
        lines = [rich(_("**Settings**"))] + [
            rich(f"• {k}: " + "{}", _in_force(app, community, applied, k, community_language)) for k in SETTING_CHOICES]
        return Reply(body=join_rich(lines + [rich(_("Change one with **mod settings <key> <value>**."))]))
    if key == "language":  # kept on the community itself, read on every event (`Hearth.language_of`)
        value = _language_value(ev.args["value"])
        if value == community_language:
            return _unchanged(key, value, app)
        await app.store.communities.set_language(community.id, value, app.now())
        # The community's posts and, where nobody chose otherwise, its replies are now in this language.
        from bot.i18n import use

        use(await app.language_of(ev.actor))
    else:
        _one_word(key, ev.args["value"])
        if key in CHANNEL_SETTINGS and ev.args["value"].strip().lower() not in {"off", "none"}:
            value = await own_channel(app, ev.actor, ev.args["value"], "value")  # this community's, this platform's
            if key == "alert_channel":
                await care_kept_apart(app, community.id, "value", alert=value)
        else:
            value = _setting_value(app, key, ev.args["value"], ev)
        if value == getattr(current, key):
            return _unchanged(key, value, app)
        if key == "retention_days" and (ask := await _ask_before_purging(app, ev, community, int(value))):
            return ask
        await app.store.communities.save_settings(community.id, dataclasses.replace(current, **{key: value}))
    await app.store.communities.record_audit(ev.actor.community_id, ev.actor.user_id, "settings", f"{key}={value}",
                                             app.now())
    saved = say(_("Saved: {key} is now ").format(key=key) + "{}.", _shown_setting(key, value, app))
    if key == "crisis_screen":
        return Reply(body=join_rich([saved.body, rich(_(screen_means(app, str(value))))]))
    return saved


async def _ask_before_purging(app: "Hearth", ev: Event, community: Community, days: int) -> Reply | None:
    """A shorter retention deletes answers people kept until now at the next daily purge, so it asks first, as
    `me delete` does, saying how many answers (and posts) would go; raising it, or shortening it where nothing is
    that old, just saves (None)."""
    if days >= app.in_force(community).settings.retention_days or ev.args.get("confirmed") == "yes":
        return None
    cutoff = app.now() - timedelta(days=retention_days(app, community, days))
    gone = await app.store.expiring(community.id, cutoff)
    if not gone.answers:
        return None
    why = [ngettext("With retention_days at {days}, {count} answer is older than that: I'll delete it within a "
                    "day.", "With retention_days at {days}, {count} answers are older than that: I'll delete them "
                    "within a day.", gone.answers).format(days=days, count=gone.answers)]
    if gone.posts:
        why.append(ngettext("{count} of their posts is still in a channel, and comes down too.",
                            "{count} of their posts are still in a channel, and come down too.",
                            gone.posts).format(count=gone.posts))
    why.append(_("This can't be undone."))
    return confirmation(app.registry.commands[ev.name], ev, " ".join(why), now=app.now())


def _language_value(raw: str) -> str | None:
    """A language for the community (a code or a name), or None for English's default ("auto", "off")."""
    with about("value"):
        if language.plain(raw) in language.AUTO:
            return None
        code = language.parse(raw)
        if code is None:
            raise UserError(_("I don't have texts in “{typed}” yet. I can use: {languages}."), typed=raw.strip(),
                            languages=hearth_text(language.listed()))
        return code


#: What each `crisis_screen` means for the members, said when a moderator chooses it.
SCREEN_MEANS = {
    "model": N_("I read what people write here for signs of danger with my model and my fixed phrases. When only "
                "my model hears something heavy, I send a private word of support with people to reach, and no "
                "care note: I catch many more people this way, and now and then I write to someone who is fine. "
                "The crisis answer and the care note come from my fixed phrases, or from my model when it is very "
                "sure."),
    "model-crisis": N_("I read what people write here for signs of danger with my model and my fixed phrases, and "
                       "when my model is fairly sure, I send the crisis answer and the care note too. I catch the most "
                       "people this way, and I also send care notes about a few people in a hundred who are fine."),
    "phrases": N_("I read what people write here for signs of danger with my fixed phrases only. I answer fewer "
                  "people who are fine, and I miss many ways people say they are in danger."),
}

#: Said instead of what a model choice means when this Hearth runs without its model: the phrases read alone.
SCREEN_WITHOUT_MODEL = N_("This Hearth runs without its model, so for now I read what people write here for signs of "
                          "danger with my fixed phrases alone: I answer fewer people who are fine, and I miss many "
                          "ways people say they are in danger. The model reads too once the operator turns it on "
                          "(`[safety] model = true`).")


#: Said instead when the operator has the model on but it could not load: nothing for them to turn on.
SCREEN_MODEL_FAILED = N_("This Hearth's model could not load, so for now I read what people write here for signs of "
                         "danger with my fixed phrases alone: I answer fewer people who are fine, and I miss many "
                         "ways people say they are in danger. Hearth's log says why.")


def screen_means(app: "Hearth", value: str) -> str:
    """What a `crisis_screen` choice means here and now (an English text marked with `N_`): a model choice says the
    phrases read alone while this Hearth runs without its model, and why (turned off, or failed to load), so the
    reply never promises what it won't do."""
    if value != "phrases" and app.content.screen.model is None:
        return SCREEN_MODEL_FAILED if app.content.screen.model_failed else SCREEN_WITHOUT_MODEL
    return SCREEN_MEANS[value]


def _unchanged(key: str, value: object, app: "Hearth") -> Reply:
    """A setting set to what it already is: said so, and nothing saved or logged (the audit log holds changes); the
    crisis screen's choice still says what it means here, as a change to it does."""
    said = say(_("Nothing changed: {key} is already ").format(key=key) + "{}.", _shown_setting(key, value, app))
    if key == "crisis_screen":
        return Reply(body=join_rich([said.body, rich(_(screen_means(app, str(value))))]))
    return said


def _in_force(app: "Hearth", community: Community, applied: Community, key: str,
              community_language: str | None) -> Rich:
    """A setting as it is in force here (`applied`: `Hearth.in_force` of `community`), not only as the community
    chose it: where this Hearth's config decides it (a higher floor, a shorter cap, a timezone the community never
    set), it says so."""
    if key == "language":
        return _shown_setting(key, community_language, app)
    chosen, value = getattr(community.settings, key), getattr(applied.settings, key)
    shown = _shown_setting(key, value, app)
    if value == chosen:
        return shown
    why = {"summary_floor": _("the lowest this Hearth allows"), "retention_days": _("the longest this Hearth keeps "
                                                                                  "answers"),
           "default_timezone": _("this Hearth's default")}.get(key)
    return shown + rich(" (" + "{}" + ")", hearth_text(why)) if why else shown


def _shown_setting(key: str, value: object, app: "Hearth | None" = None) -> Rich:
    """A setting's value as people read it: a channel as a link, nothing as "not set", never an id; the model
    screen says when this Hearth runs without its model (then the phrases read alone, whatever is chosen)."""
    if key == "crisis_screen" and value in ("model", "model-crisis") and app is not None \
            and app.content.screen.model is None:
        return hearth_text(_("{choice} (this Hearth runs without its model, so phrases only)").format(choice=value))
    if value is None or value == "":
        return hearth_text(_("not set"))
    if key in CHANNEL_SETTINGS:
        return channel(str(value))
    if key == "language" and value in language.LANGUAGES:
        return hearth_text(f"{value} ({language.LANGUAGES[str(value)]})")
    return rich("{}", str(value))


#: Settings whose value may be more than one word ("model crisis", a region by its name: "New Zealand", a zone as a
#: city: "New York"); their own readers refuse what they can't read, quoting it whole. Every other one is one word.
_WORDS_SETTINGS = ("crisis_screen", "default_region", "default_timezone")
#: A value each one-word setting takes, for a refusal that names words after it.
_SETTING_EXAMPLES = {"summary_floor": "5", "retention_days": "90", "alert_channel": "#care",
                     "digest_channel": "#moderators", "digest_day": "mon", "digest_time": "09:00",
                     "default_region": "us", "default_timezone": "Europe/Berlin"}


def _one_word(key: str, raw: str) -> None:
    """A one-word setting given more words ("summary_floor 5 extra words"): the words after its value are named as
    extra, never read as the value and refused for what it is not ("should be a whole number" of a 5)."""
    first, *extra = raw.split() or [""]
    if extra and key not in _WORDS_SETTINGS:
        with about("value"):
            raise UserError(_("{key} takes one word, like {example}, and “{extra}” came after “{first}”. Could you "
                              "send it again without those words?"), key=hearth_text(key),
                            example=hearth_text(_SETTING_EXAMPLES[key]), first=first, extra=" ".join(extra))


def _setting_value(app: "Hearth", key: str, raw: str, ev: Event) -> object:
    with about("value"):
        return _checked_value(app, key, raw, ev)


def _checked_value(app: "Hearth", key: str, raw: str, ev: Event) -> object:
    if key == "summary_floor":
        n = _int(raw, key)
        if n < (floor := max(MIN_SUMMARY_FLOOR, app.config["checkins.summary_floor"])):  # (this Hearth's, if higher)
            raise UserError(_("The summary floor can be raised, never set below {floor}, so nobody's "
                              "answer can be singled out.").format(floor=floor))
        if n > MAX_SUMMARY_FLOOR:
            raise UserError(_("The summary floor goes up to {most}. Above that, anonymous answers and moods would "
                              "hardly ever show, while members are told theirs are shared.").format(
                                  most=MAX_SUMMARY_FLOOR))
        return n
    if key == "retention_days":
        n = _int(raw, key)
        most = min(RETENTION_DAYS[1], app.config["privacy.retention_days"])  # (this Hearth's cap, if shorter)
        if not RETENTION_DAYS[0] <= n <= most:
            raise UserError(_("Keep answers between {least} and {most} days.").format(least=RETENTION_DAYS[0],
                                                                                   most=most))
        return n
    if key == "default_timezone":
        return check_timezone(raw).key
    if key in CHANNEL_SETTINGS:
        return None  # "off" (any channel named is checked by `own_channel`, in `settings`)
    if key == "digest_day":
        typed = raw.strip().lower()  # ("thu", "thurs", "thursday": never "thunder")
        day = next((d for d, full in zip(_WEEKDAYS, _DAY_NAMES) if len(typed) >= 3 and full.startswith(typed)), "")
        if day not in _WEEKDAYS:
            raise UserError(_("Choose a day of the week, like mon or thursday."))
        return day
    if key == "digest_time":
        return _clock_time(raw)
    if key == "crisis_screen":  # ("model crisis", "model_crisis", "modelcrisis" are "model-crisis")
        screen = {c.replace("-", ""): c for c in CRISIS_SCREENS}.get(re.sub(r"[\W_]+", "", raw.lower()), raw.strip())
        if screen not in CRISIS_SCREENS:
            raise UserError(_("crisis_screen can't be “{typed}”.") + " " + _(
                "Choose model (reads what words mean, and gives a private word when only it hears "
                              "something heavy), model-crisis (its alarm also sends the crisis answer and the care "
                              "note) or phrases (fixed phrases only: fewer care replies to people who are fine, and "
                              "more people missed)."), typed=raw.strip())
        return screen
    if key == "default_region":
        return _region(app, raw)
    return raw.strip().lower() or None


def _clock_time(raw: str) -> str:
    """"9:00" or "17:30", as HH:MM on the community's clock."""
    hour, _sep, minute = raw.strip().partition(":")
    if not (hour.isdigit() and minute.isdigit() and 0 <= int(hour) <= 23 and 0 <= int(minute) <= 59):
        raise UserError(_("Give a time like 09:00 or 17:30, in the community's timezone."))
    return f"{int(hour):02d}:{int(minute):02d}"


def _region(app: "Hearth", raw: str) -> str:
    """A region the support resources know (a slip is refused with the list, never saved)."""
    wanted = raw.strip().lower()
    found = app.content.resources.for_region(wanted)
    if found.code == "anywhere" and wanted != "anywhere":
        listed = ", ".join(code for code, _ in app.content.resources.regions())
        raise UserError(_("I don't know the region “{typed}”. Choose one of: {regions}."), typed=raw.strip(),
                        regions=hearth_text(listed))
    return found.code


def _int(raw: str, key: str) -> int:
    try:
        return int(raw)
    except ValueError:
        raise UserError(_("{key} should be a whole number, like 5.").format(key=key)) from None
