"""When words suggest someone may be in danger: a private, gentle answer first.

Every piece of free text Hearth receives is screened. On a match the member
at once gets the support resources for their region, privately; what they
wrote is still saved exactly as they chose and made no more public. Where the
community asked for it, a moderator channel hears who and where — never
what — at most once per period. Hearth says plainly it is not a therapist or
an emergency service.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING

from bot.commands.registry import REGISTRY, Option
from bot.errors import UserError
from bot.events import Actor, Choice, Event, Reply, Rich, channel, join_rich, reply_to_json, rich, say
from bot.flows.common import yes_no
from bot.models import Community, Outgoing

if TYPE_CHECKING:
    from bot.app import Hearth

log = logging.getLogger(__name__)

#: Form fields that hold choices, not words; everything else typed is screened.
CHOICE_FIELDS = {"mood", "visibility", "theme", "kind", "depth", "timezone", "channel"}


def free_text(app: "Hearth", event: Event) -> list[str]:
    """The words a person typed in this event (not ids, choices or numbers)."""
    if not event.values and not event.args:
        return []
    texts = [v for k, v in event.values.items() if k not in CHOICE_FIELDS]
    cmd = app.registry.commands.get(event.name) if event.kind == "command" else None
    if cmd is not None:
        kinds = {o.name: o.kind for o in cmd.options}
        texts += [v for k, v in event.args.items() if kinds.get(k) in ("text", "string") and k not in CHOICE_FIELDS]
    return [t for t in texts if t and not t.strip().isdigit()]


async def care_for(app: "Hearth", event: Event) -> list[Reply]:
    """Screen what was typed; on a match, the support reply (and maybe a moderator note)."""
    reasons = [r.reason for r in (app.content.screen.check(t) for t in free_text(app, event)) if r.crisis]
    if not reasons:
        return []
    log.info("crisis screen matched (%s) for a member of %s", reasons[0], event.actor.community_id)
    told = await alert_moderators(app, event.actor, where_of(app, event), "may need some support right now")
    reply = await support_reply(app, event.actor)
    return [Reply(body=reply.body + rich("\n_Your words were saved just as you chose") + (
        rich(". Moderators in {} were told your name and where, so someone may reach out gently — never what "
             "you wrote._", care_channel_ref(app, await app.community(event.actor.community_id)))
        if told else rich(", and nobody else was told._")))]


async def support_reply(app: "Hearth", actor: Actor) -> Reply:
    member = await app.member(actor)
    community = await app.community(actor.community_id)
    region = member.region or community.settings.default_region
    return Reply(body=app.content.resources.support_message(region))


# -- what a care note carries, said the same way wherever members read about their words --------------------


def care_channel_ref(app: "Hearth", community: Community) -> Rich:
    """The community's care (alert) channel as a link, or nothing when it has none."""
    where = community.settings.alert_channel
    return channel(where) if where else Rich()


def _how_often(app: "Hearth") -> str:
    hours = app.config["safety.alert_cooldown_hours"]
    return "once a day" if hours == 24 else f"once every {hours} hours"


def care_note_notice(app: "Hearth", community: Community) -> Rich:
    """For `privacy`: what a care note carries, or that there is none here."""
    if not community.settings.alert_channel:
        return rich("• **Care note:** this community has no care channel, so if your words suggest you may be in "
                    "danger, only you get support resources; nobody else is told.")
    return rich("• **Care note:** if something you write, even in private, suggests you may be in danger, "
                "moderators in {} are told your name and where it happened — never your words. At most "
                + _how_often(app) + ".", care_channel_ref(app, community))


def care_note_consent(app: "Hearth", community: Community) -> Rich:
    """For joining a check-in: the same, in one sentence; nothing when the community has no care channel."""
    if not community.settings.alert_channel:
        return Rich()
    return rich("If your words ever suggest you may be in danger, even in a private answer, moderators in {} are "
                "told your name and where — never what you wrote. **privacy** says who sees what.",
                care_channel_ref(app, community))


def where_of(app: "Hearth", event: Event) -> Rich:
    """Where it happened, for a moderator, with a link to the channel: never what was written."""
    place = rich(" in {}", channel(event.actor.channel_id)) if event.actor.channel_id else Rich()
    if event.name.startswith(("reflect", "note")):
        return rich("while writing a private reflection note")
    if event.name.startswith("checkin"):
        return rich("while answering a check-in") + place
    return rich("in a message to Hearth") + place


async def alert_moderators(app: "Hearth", actor: Actor, where: Rich, what: str) -> bool:
    """One note per member per period to the community's alert channel, if it has one."""
    community = await app.community(actor.community_id)
    channel = community.settings.alert_channel
    if not channel:
        return False
    now = app.now()
    last = await app.store.last_safety_alert(actor.community_id, actor.user_id)
    if last and now - last < timedelta(hours=app.config["safety.alert_cooldown_hours"]):
        return False
    body = rich("💛 **{}**" + f" {what}, ", actor.display_name) + where + rich(
        ". Hearth has privately shared support resources with them. "
        "A gentle, private check-in from someone they trust may help.")
    out = Outgoing(f"alert:{actor.community_id}:{actor.user_id}:{now.isoformat()}", "post", {"channel": channel},
                   reply_to_json(Reply(body=body, visibility="channel")))
    await app.store.record_safety_alert(actor.community_id, actor.user_id, now, [out])
    return True


# -- after several low check-ins ------------------------------------------------------


async def after_answer(app: "Hearth", actor: Actor) -> list[Reply]:
    """A gentle private word when a member who opted in has had a run of low moods.

    Said once per run: exactly when the run reaches its length, not again after.
    """
    member = await app.member(actor)
    care = member.settings.get("low_mood", {})
    if not care.get("on"):
        return []
    streak = app.config["safety.low_mood_streak"]
    moods = await app.store.recent_moods(actor.community_id, actor.user_id, streak + 1)
    low = app.config["safety.low_mood_max"]
    run = 0
    for mood in moods:
        if mood > low:
            break
        run += 1
    if run != streak:
        return []
    if care.get("tell_moderator"):
        await alert_moderators(app, actor, rich("in their recent check-ins"),
                               "has had a few hard check-ins in a row and asked that a moderator know")
    intro = rich("Your last few check-ins have sounded hard. How are you doing, really? "
                 "There's no right answer, and you don't have to reply.\n\n")
    return [Reply(body=intro + (await support_reply(app, actor)).body)]


# -- commands ---------------------------------------------------------------------------


@REGISTRY.command("support", "Support resources, any time: who you can reach right now.",
                  Option("region", "a region code such as us, ca, gb, ie, au (default: yours)"))
async def support(app: "Hearth", ev: Event) -> Reply:
    region = ev.args.get("region")
    if region:
        codes = {code for code, _ in app.content.resources.regions()}
        if app.content.resources.for_region(region).code == "anywhere" and region.lower() != "anywhere":
            raise UserError(f"I don't have resources for “{{}}” yet. Known regions: {', '.join(sorted(codes))}.",
                            region)
        return Reply(body=app.content.resources.support_message(region))
    return await support_reply(app, ev.actor)


@REGISTRY.command("me region", "Set your region, so support resources fit where you are.",
                  Option("region", "a region code such as us, ca, gb, ie, au, or anywhere", required=True),
                  example="me region gb")
async def set_region(app: "Hearth", ev: Event) -> Reply:
    wanted = ev.args["region"].strip().lower()
    found = app.content.resources.for_region(wanted)
    if found.code == "anywhere" and wanted != "anywhere":
        listed = ", ".join(f"{code} ({name})" for code, name in app.content.resources.regions())
        raise UserError(f"I don't know the region “{{}}”. Choose one of: {listed}.", wanted)
    await app.store.update_member(ev.actor.community_id, ev.actor.user_id, region=found.code)
    return say(f"Thanks. Support resources will be the ones for {found.name}.")


@REGISTRY.command(
    "me lowmood", "Opt in to a gentle private word after several low check-ins in a row.",
    Option("on", "yes to opt in, no to stop", kind="choice", required=True,
           choices=(Choice("yes", "yes"), Choice("no", "no"))),
    Option("tell_moderator", "also let a moderator know (never what you wrote)", kind="choice",
           choices=(Choice("yes", "yes"), Choice("no", "no"))),
    example="me lowmood yes tell_moderator=no",
)
async def low_mood(app: "Hearth", ev: Event) -> Reply:
    member = await app.member(ev.actor)
    on = yes_no(ev.args["on"], False, "on")
    tell = yes_no(ev.args.get("tell_moderator"), False, "tell_moderator") and on
    settings = dict(member.settings) | {"low_mood": {"on": on, "tell_moderator": tell}}
    await app.store.update_member(ev.actor.community_id, ev.actor.user_id, settings=settings)
    if not on:
        return say("Okay, I won't mention low check-ins.")
    lines = [rich(f"Okay. After {app.config['safety.low_mood_streak']} low check-ins in a row, I'll check on "
                  "you privately.")]
    community = await app.community(ev.actor.community_id)
    if not tell:
        lines.append(rich("Nobody else will be told."))
    elif community.settings.alert_channel:
        lines.append(rich("Moderators in {} will also be told your name, so someone may reach out — never what "
                          "you wrote.", care_channel_ref(app, community)))
    else:
        lines.append(rich("This community has no care channel, so no moderator can be told; I'll only check on "
                          "you myself."))
    return Reply(body=join_rich(lines, " "))
