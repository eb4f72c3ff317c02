"""A member's data rights: see what Hearth holds, take a copy, delete it all; the privacy notice.

A support bot holds what people were brave enough to write, so every member
can look, take and erase with one command each, and read in plain words who
can see what. The rules of erasure live in `bot.store.member_data`.
"""

from __future__ import annotations

import functools
import json
import logging
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Awaitable, Callable

from bot.commands.router import Router
from bot.clock import parse_iso
from bot.crypto import FernetCipher, seal_stored
from bot.events import Attachment, Button, Event, Reply, Rich, fill, hearth_text, join_rich, rich, show_date
from bot.i18n import N_, _, ngettext, speaking
from bot.engines.retention import retention_days
from bot.engines.rounds import anonymity_floor, settle_waiting_posts
from bot.flows.care_team import unname_handler, withdrawn_post
from bot.flows.common import moderates_off_list
from bot.store import member_data
from bot.store.rounds import POOL_WAIT_MOST

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from bot.app import Hearth

router = Router("my_data")

log = logging.getLogger(__name__)

#: Said with the member's choices (`privacy`, `help`): their data rights by DM (`by_dm`), in or out of the community.
DM_TOO = N_("**me data**, **me export** and **me delete** also work in your DM with me, even after you leave, as long "
            "as the platform lets you message me.")

DELETE_WARNING = N_(
    "This deletes everything I hold about you in this community: your check-in memberships, all your answers, "
    "your private notes, your reflection history and any care note about you. Posts of your shared and anonymous answers will be taken "
    "down where the platform allows. It can't be undone — run **me export** first if you'd like a copy."
)


@router.command("me data", "What I hold about you in this community, in plain words.", reads_only=True)
async def my_data(app: "Hearth", ev: Event) -> Reply:
    s = await member_data.summary(app.store, ev.actor.community_id, ev.actor.user_id)
    community = await app.ensure_community(ev.actor.community_id)
    if await app.store.communities.get_member(ev.actor.community_id, ev.actor.user_id) is None:  # e.g. just after `me delete`
        if s.posts_coming_down:  # (their erasure's removals keep their id until done: `Outgoing.tell`)
            return Reply(body=rich(ngettext(
                "I hold nothing else about you in this community: only where {count} post of yours is, with your id, "
                "until it comes down, so I can tell you if it can't. If you use Hearth here again, **privacy** says "
                "what I'd keep and who could see it.",
                "I hold nothing else about you in this community: only where {count} posts of yours are, with your "
                "id, until they come down, so I can tell you if one can't. If you use Hearth here again, **privacy** "
                "says what I'd keep and who could see it.", s.posts_coming_down).format(count=s.posts_coming_down)))
        return Reply(body=rich(_("I hold nothing about you in this community right now. If you use Hearth here "
                                 "again, **privacy** says what I'd keep and who could see it.")))
    a = s.answers
    total = sum(a.values())
    answers = ngettext("{count} check-in answer", "{count} check-in answers", total).format(count=total)
    if total:
        # Each count says its own word, so that "1 shared" agrees in languages whose adjectives take a plural.
        answers += " " + _("({shared}, {anonymous}, {private})").format(
            shared=ngettext("{count} shared", "{count} shared", a["shared"]).format(count=a["shared"]),
            anonymous=ngettext("{count} anonymous", "{count} anonymous", a["anonymous"]).format(count=a["anonymous"]),
            private=ngettext("{count} private", "{count} private", a["private"]).format(count=a["private"]))
        if s.held_answers:  # (saved private, but only until they choose: said, never as plain "private")
            answers += " " + ngettext("— {count} of them held back from the post you chose, waiting for your choice",
                                      "— {count} of them held back from the post you chose, waiting for your choice",
                                      s.held_answers).format(count=s.held_answers)
        if s.held_stayed_private:  # (their round closed before they chose: Post is refused now, so never "waiting")
            answers += " " + ngettext("— {count} of them held back from the post you chose; its round closed "
                                      "before you chose, so it stayed private",
                                      "— {count} of them held back from the post you chose; their rounds closed "
                                      "before you chose, so they stayed private",
                                      s.held_stayed_private).format(count=s.held_stayed_private)
        if s.answers_not_allowed:  # (the platform refused their posts: never "shared" as if the group saw them)
            answers += " " + ngettext("— {count} shared one not posted to the group, as the platform didn't let "
                                      "Hearth post there", "— {count} shared ones not posted to the group, as the "
                                      "platform didn't let Hearth post there",
                                      s.answers_not_allowed).format(count=s.answers_not_allowed)
        if s.answers_not_posted:  # (their posts failed otherwise: not posted, with no reason claimed)
            answers += " " + ngettext("— {count} shared one not posted to the group",
                                      "— {count} shared ones not posted to the group",
                                      s.answers_not_posted).format(count=s.answers_not_posted)
        if s.posts_not_changed:  # (the platform refused to edit their posts: the channel shows earlier words)
            answers += " " + ngettext("— {count} whose post still shows your earlier words, as Hearth couldn't "
                                      "change it", "— {count} whose posts still show your earlier words, as Hearth "
                                      "couldn't change them",
                                      s.posts_not_changed).format(count=s.posts_not_changed)
        if s.posts_not_taken_down:  # (nor take them down: still up, whatever the answer says now)
            answers += " " + ngettext("— {count} whose post is still up, as Hearth couldn't take it down",
                                      "— {count} whose posts are still up, as Hearth couldn't take them down",
                                      s.posts_not_taken_down).format(count=s.posts_not_taken_down)
    name = (s.display_name or ev.actor.display_name).strip()
    where = (_("your timezone ({zone})").format(zone=s.timezone) if s.timezone
             else _("no timezone (you can set one with **me timezone**)"))
    lines = [
        rich(_("**What I hold about you here**")),
        fill(_("• Your name as shown here (“{name}”) and {timezone}"), name=name, timezone=hearth_text(where)) if name
        else rich(_("• No name and {timezone}").format(timezone=where)),
        rich("• " + ngettext("{count} check-in you've joined", "{count} check-ins you've joined",
                             s.memberships).format(count=s.memberships)),
        rich(f"• {answers}"),
        rich("• " + ngettext("{count} private note — only you can read it",
                             "{count} private notes — only you can read them", s.notes).format(count=s.notes)),
        rich("• " + ngettext("{count} reflection prompt I've given you, so I don't repeat myself",
                             "{count} reflection prompts I've given you, so I don't repeat myself",
                             s.reflections).format(count=s.reflections)),
    ]
    if s.language:
        lines.append(rich(_("• The language you chose ({language}), see **me language**").format(language=s.language)))
    if s.snoozed_until:  # (kept after it ends, until the next `me snooze`: said as over then, never as "snoozed")
        until = date.fromisoformat(str(s.snoozed_until)[:10])
        lines.append(rich(_("• DMs snoozed until {day}").format(day=show_date(until))
                          if app.today(await app.timezone_of(ev.actor)) <= until
                          else _("• The day your last snooze ended ({day}): nothing is snoozed now").format(
                              day=show_date(until))))
    if s.care_notes:
        lines.append(rich("• " + ngettext(
            "{count} care note about you to this community's moderators: it has your name, and where only when that "
            "gives nothing private away; never what you wrote",
            "{count} care notes about you to this community's moderators: they have your name, and where only when "
            "that gives nothing private away; never what you wrote", s.care_notes).format(count=s.care_notes)))
    if s.follow_up_due:
        lines.append(rich(_("• The private check-in you asked me for after a hard moment, due {day}").format(
            day=show_date(parse_iso(s.follow_up_due).astimezone(await app.timezone_of(ev.actor)).date()))))
    if s.moderator_actions:
        lines.append(rich("• " + ngettext("{count} moderator action in the audit log",
                                          "{count} moderator actions in the audit log",
                                          s.moderator_actions).format(count=s.moderator_actions)))
    if s.refused_commands:  # (a refusal is no moderator action: counted apart)
        lines.append(rich("• " + ngettext("{count} moderator command or button you tried that was refused, noted in "
                                          "the audit log",
                                          "{count} moderator commands or buttons you tried that were refused, noted "
                                          "in the audit log", s.refused_commands).format(count=s.refused_commands)))
    if s.audit_mentions:
        lines.append(rich("• " + ngettext("{count} entry in the moderators' audit log that names you",
                                          "{count} entries in the moderators' audit log that name you",
                                          s.audit_mentions).format(count=s.audit_mentions)))
    if s.waiting_messages:
        lines.append(rich("• " + ngettext("{count} message to you or about you, waiting to be sent",
                                          "{count} messages to you or about you, waiting to be sent",
                                          s.waiting_messages).format(count=s.waiting_messages)))
    days = retention_days(app, community)
    lines.append(rich("\n" + ngettext(
        "Answers are kept for {days} day; notes until you delete them. **me export** gives you a copy of all of it, "
        "**me delete** removes it, and **privacy** says who can see what.",
        "Answers are kept for {days} days; notes until you delete them. **me export** gives you a copy of all of it, "
        "**me delete** removes it, and **privacy** says who can see what.", days).format(days=days)))
    return Reply(body=join_rich(lines))


@router.command("me export", "A copy of everything I hold about you here, as a JSON file.", reads_only=True)
async def my_export(app: "Hearth", ev: Event) -> Reply:
    data = await member_data.export(app.store, ev.actor.community_id, ev.actor.user_id, app.now())
    content = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    name = f"hearth-export-{app.now():%Y-%m-%d}.json"
    held = data["member"].get("first_seen") or any(
        value for key, value in data.items() if isinstance(value, list)) or any(data["care"].values())
    said = _("Here's everything I hold about you in this community. It includes your private answers and notes, so "
             "keep it somewhere safe.") if held else \
        _("I hold nothing about you in this community right now, so the file has nothing of yours in it.")
    return Reply(body=rich(said), attachment=Attachment(name, content, "application/json"))


async def _zone_of(app: "Hearth", community_id: str, user_id: str) -> "ZoneInfo":
    """The member's own zone, without making them a member (read before `me delete`, and by its question)."""
    member = await app.store.communities.get_member(community_id, user_id)
    return app.zone_of(member, await app.ensure_community(community_id))


async def promises(app: "Hearth", community_id: str, user_id: str) -> list[Rich]:
    """What Hearth promised the member and hasn't done yet, that `me delete` cancels with their data: the private
    check-in they asked for after a hard moment, the word after low check-ins, the check-ins' messages and
    reminders, and private messages to them still waiting to go. Each a line, so that none is cancelled unsaid."""
    out: list[Rich] = []
    followup = await app.store.care.followup_of(community_id, user_id)
    if followup is not None:
        out.append(rich(_("the private check-in you asked me for after a hard moment, due {day}").format(
            day=show_date(followup.due_at.astimezone(await _zone_of(app, community_id, user_id)).date()))))
    member = await app.store.communities.get_member(community_id, user_id)
    if member is not None and member.settings.get("low_mood", {}).get("on"):
        out.append(rich(_("the private word you asked for after several low check-ins")))
    joined = [p for _s, p in await app.store.communities.memberships(community_id, user_id)
              if p.wants_dm or p.wants_reminder]
    if joined:
        out.append(rich(ngettext("the check-in messages and reminders I send you for {count} check-in",
                                 "the check-in messages and reminders I send you for {count} check-ins",
                                 len(joined)).format(count=len(joined))))
    waiting = await app.store.outbox.pending_dms_to(community_id, user_id)
    if waiting:
        out.append(rich(ngettext("{count} private message to you that hasn't gone out yet",
                                 "{count} private messages to you that haven't gone out yet",
                                 waiting).format(count=waiting)))
    return out


def _listed(heading: str, lines: list[Rich]) -> Rich:
    """A heading and its lines as a list, or nothing when there are none."""
    return join_rich([rich(heading), *(rich("• ") + line for line in lines)], "\n") if lines else Rich()


async def _what_it_cancels(app: "Hearth", ev: Event) -> Rich:
    """Said in `me delete`'s question, after the warning: that it takes them off the moderator list, if they're on
    it (`_off_the_list`), what moderators will still see of a care note about them (`_care_notes_withdrawn`), and
    each promise it would cancel (`promises`)."""
    cancels = _listed(_("**It also cancels what I promised you:**"),
                      await promises(app, ev.actor.community_id, ev.actor.user_id))
    care = _care_notes_withdrawn((await app.store.care.member_summary(ev.actor.community_id,
                                                                     ev.actor.user_id))["care_notes"],
                                 await app.store.care.unposted_notes(ev.actor.community_id, ev.actor.user_id))
    listed = ev.actor.user_id in await app.store.communities.moderators(ev.actor.community_id)
    off = await _off_the_list(app, ev, listed, asking=True)
    return join_rich([p for p in (off, care, cancels) if p.parts], "\n\n")


def _care_notes_withdrawn(count: int, unposted: int = 0) -> Rich:
    """Before `me delete`, truly: a care note about them goes, and the moderators see only that one was withdrawn
    (`bot.flows.care_team.withdrawn_post`), with nothing of theirs: in the moderators' channel for a note already
    posted, and only in their list (`mod care list`) for one not posted yet (`unposted` of them: it never will
    be, so nothing is posted about it; as `_care_notes_gone` says after). Said only to a member a note is about
    (their **me data** tells them of it as well)."""
    if not count:
        return Rich()
    if unposted >= count:
        return rich(ngettext(
            "The care note about you goes too. It hasn't been posted yet, so if you delete now, it won't be: the "
            "moderators' list of care notes will say only that one was withdrawn, with nothing of yours in it.",
            "The {count} care notes about you go too. They haven't been posted yet, so if you delete now, they won't "
            "be: the moderators' list of care notes will say only that they were withdrawn, with nothing of yours in "
            "them.",
            count).format(count=count))
    if unposted:
        return rich(_("The care notes about you go too. In the moderators' channel, those already posted will say "
                      "only that a care note was withdrawn, and if you delete now, the others won't be posted; "
                      "nothing of yours stays in them."))
    return rich(ngettext(
        "The care note about you goes too. In the moderators' channel, it will say only that a care note was "
        "withdrawn, with nothing of yours in it.",
        "The {count} care notes about you go too. In the moderators' channel, they will say only that care notes "
        "were withdrawn, with nothing of yours in them.", count).format(count=count))


async def _off_the_list(app: "Hearth", ev: Event, listed: bool | int, asking: bool) -> Rich:
    """For someone on the community's own moderator list (`listed`), which `me delete` takes them off (their
    listing names them): whether they stop moderating (a platform right, or a listed role of theirs, stays; "can't
    tell" says only the list), and what the other moderators see. `asking`: said before, in the question."""
    if not listed:
        return Rich()
    still = moderates_off_list(ev.actor, await app.store.communities.moderators(ev.actor.community_id))
    if asking:
        said = (_("**You'll also stop being a moderator here:** this takes you off the community's moderator list.")
                if still is False else
                _("**This also takes you off the community's moderator list.** You'll still moderate here through "
                  "your role or the platform's admin rights.") if still else
                _("**This also takes you off the community's moderator list.**"))
        return rich(said + " " + _("The audit log will tell the other moderators that a moderator deleted their data "
                                   "and came off the list, without your name."))
    said = (_("You're no longer a moderator here.") if still is False else
            _("You're off the community's moderator list, but you still moderate here through your role or the "
              "platform's admin rights.") if still else
            _("You're off the community's moderator list."))
    return rich(" " + said + " " + _("The audit log tells the other moderators that a moderator deleted their data "
                                     "and came off the list, without your name."))


def _saying_what_it_cancelled(handler: "Callable[[Hearth, Event], Awaitable[Reply]]"
                              ) -> "Callable[[Hearth, Event], Awaitable[Reply]]":
    """`me delete`'s reply, and after it each promise the deletion cancelled (read before they are gone)."""
    @functools.wraps(handler)
    async def deleting(app: "Hearth", ev: Event) -> Reply:
        cancelled = await promises(app, ev.actor.community_id, ev.actor.user_id)
        reply = await handler(app, ev)
        said = _listed(_("I've also cancelled what I'd promised you:"), cancelled)
        return replace(reply, body=join_rich([reply.body, said], "\n\n")) if cancelled else reply
    return deleting


@router.command("me delete", "Delete everything I hold about you in this community.", confirm=DELETE_WARNING,
                check=_what_it_cancels)
@_saying_what_it_cancelled
async def my_delete(app: "Hearth", ev: Event) -> Reply:
    community = await app.ensure_community(ev.actor.community_id)
    handled = await app.store.care.handled_by(ev.actor.community_id, ev.actor.user_id)
    withdrawn = withdrawn_post(await app.channel_language(ev.actor.community_id))  # (a care note's posts, after)
    gone = await member_data.erase(app.store, ev.actor.community_id, ev.actor.user_id, app.now(), withdrawn)
    await settle_waiting_posts(app, ev.actor.community_id)  # (a batch their words were queued in, taken back)
    await unname_handler(app, ev.actor.community_id, handled)  # care notes they took as a moderator
    # A member's own data rights are not moderator business: no audit entry, no counts (only the member hears them).
    log.info("a member erased their data in %s", ev.actor.community_id)
    app.outbox.kick()
    parts = [
        ngettext("{count} answer", "{count} answers", gone.answers).format(count=gone.answers),
        ngettext("{count} note", "{count} notes", gone.notes).format(count=gone.notes),
        ngettext("{count} reflection prompt", "{count} reflection prompts", gone.reflections).format(
            count=gone.reflections),
        ngettext("{count} check-in membership", "{count} check-in memberships", gone.memberships).format(
            count=gone.memberships),
    ]
    body = rich(_("Done. I've deleted everything I held about you here: {answers}, {notes}, {reflections} and "
                  "{memberships}.").format(answers=parts[0], notes=parts[1], reflections=parts[2],
                                           memberships=parts[3]))
    body += await _off_the_list(app, ev, gone.moderator_listing, asking=False)
    now = gone.posts_to_remove - gone.posts_later - gone.posts_pooled
    body += _care_notes_gone(gone.care_notes, gone.care_notes_unposted)
    body += _if_any(now, ngettext("I'm taking down {count} post of your answers now.",
                                  "I'm taking down {count} posts of your answers now.", now))
    # Anonymous posts never come down at a time of the member's own (`bot.store.rounds.Batching`): said truly,
    # with the latest they can stay up (`pool_wait`, or retention's clearing of every round's posts if sooner).
    floor, days = anonymity_floor(app, community), min(retention_days(app, community), POOL_WAIT_MOST.days)
    body += _if_any(gone.posts_later, ngettext(
        "{count} anonymous post of yours will come down with the round's next batch of changes, so nobody can tell "
        "whose it was. If the round closes first, it waits until at least {floor} people have asked the same, and "
        "comes down with theirs; within {days} days at the latest.",
        "{count} anonymous posts of yours will come down with their round's next batch of changes, so nobody can "
        "tell whose they were. If a round closes first, they wait until at least {floor} people have asked the "
        "same, and come down with theirs; within {days} days at the latest.", gone.posts_later),
        floor=floor, days=days)
    body += _if_any(gone.posts_pooled, ngettext(
        "{count} anonymous post of yours in a closed check-in will come down once at least {floor} people have "
        "asked the same, all together, so nobody can tell whose it was; within {days} days at the latest.",
        "{count} anonymous posts of yours in closed check-ins will come down once at least {floor} people have "
        "asked the same, all together, so nobody can tell whose they were; within {days} days at the latest.",
        gone.posts_pooled), floor=floor, days=days)
    if gone.posts_to_remove:  # (each removal keeps their id until it's done, for that: `Outgoing.tell`)
        body += rich(" " + _("If the platform won't let me take one down, I'll let you know by DM."))
    return Reply(body=body + rich(" " + _("If you use Hearth again, it starts fresh. Take care.")))


@router.job("privacy.seal", every=timedelta(minutes=10))
async def seal_plain_words(app: "Hearth") -> None:
    """With a key, private words stored in plain text since the start (by a Hearth still running without the key,
    in a rolling restart) are sealed within minutes, so what `privacy` says comes true without another restart."""
    await seal_stored(app.store)


def _care_notes_gone(count: int, unposted: int) -> Rich:
    """What became of the care notes about them: a posted one's post now says only that a care note was withdrawn
    (`bot.flows.care_team.withdrawn_post`); one still waiting for the clock's tick (`bot.store.care`) is never
    posted. Either way the moderators see a note was withdrawn (`mod care list` counts it), nothing of theirs."""
    if not count:
        return Rich()
    if not unposted:
        return _if_any(count, ngettext(
            "The care note about you is deleted too. In the moderators' channel, its post will say only that a "
            "care note was withdrawn, with nothing of yours in it.",
            "The {count} care notes about you are deleted too. In the moderators' channel, their posts will say "
            "only that care notes were withdrawn, with nothing of yours in them.", count))
    if unposted == count:
        return _if_any(count, ngettext(
            "The care note about you is deleted too. It hadn't been posted yet, so it won't be: the moderators' list "
            "of care notes will say only that one was withdrawn, with nothing of yours in it.",
            "The {count} care notes about you are deleted too. They hadn't been posted yet, so they won't be: the "
            "moderators' list of care notes will say only that they were withdrawn, with nothing of yours in them.",
            count))
    return rich(" " + _("The care notes about you are deleted too. In the moderators' channel, those already "
                        "posted will say only that a care note was withdrawn, with nothing of yours in them, and the "
                        "others won't be posted."))


def _if_any(count: int, sentence: str, **more: int) -> Rich:
    """One more sentence of the deletion's reply, with its count (and any other numbers it says), when there is
    anything to count."""
    return rich(" " + sentence.format(count=count, **more)) if count > 0 else Rich()


@router.command("privacy", "What I keep, who can see it, how long, and how to take it or delete it.",
                reads_only=True)
async def privacy(app: "Hearth", ev: Event) -> Reply:
    community = await app.ensure_community(ev.actor.community_id)
    encrypted = isinstance(app.store.cipher, FernetCipher)
    notice = privacy_notice(retention_days(app, community), encrypted, await app.store.unsealed() if encrypted else 0)
    return Reply(body=join_rich([notice, await care_section(app, ev, bool(community.settings.alert_channel))]))


async def care_section(app: "Hearth", ev: Event, alerts_on: bool) -> Rich:
    """What happens when someone may be struggling, in their language, true for this community's settings."""
    texts, language = app.content.care, await app.language_of(ev.actor)
    alerts = (fill(texts.text(language, "privacy_alerts_on"), hours=hearth_text(
        cooldown(app.config["safety.alert_cooldown_hours"], language))) if alerts_on
        else rich(texts.text(language, "privacy_alerts_off")))
    return join_rich([rich(texts.text(language, "privacy_care")), alerts], " ")


def cooldown(hours: int, language: str) -> str:
    """"24 hours", "hour": the time between two care notes, for "at most once every {hours}" (a count agrees
    with its noun in every language; one hour reads as "every hour", not "every 1 hours")."""
    with speaking(language):
        # TRANSLATORS: the time between two care notes, in "comes at most once every {hours}" (privacy_alerts_on
        # in content/safety/replies.toml: es "cada {hours}", de "in {hours}", fr "en {hours}", pt "a cada {hours}").
        return ngettext("hour", "{count} hours", hours).format(count=hours)


def privacy_notice(days: int, encrypted: bool, unsealed: int = 0) -> Rich:
    """The notice in plain words; honest about the server as well as the people, and about the care note
    (`bot.flows.crisis_care`), which names a member even when their words stay private. `unsealed`: with a key, the
    private notes and answers still stored in plain text (Hearth seals them at start): the notice says so, and how
    many, rather than claim every one is encrypted."""
    if encrypted and unsealed:
        server = ngettext("Private notes and the words of private answers are encrypted there, except {count} "
                          "that is still stored unencrypted.",
                          "Private notes and the words of private answers are encrypted there, except {count} "
                          "that are still stored unencrypted.",
                          unsealed).format(count=unsealed)
    else:
        server = (_("Private notes and the words of private answers are encrypted there, so a copy of the "
                    "database doesn't reveal them.") if encrypted
                  else _("Private notes and answers are not encrypted on this server yet."))
    return join_rich([
        rich(_("**Your privacy in Hearth**")),
        rich(_("**What I keep:** your name as shown here, your timezone and settings, the check-ins you join, "
               "your answers (mood, words, and who may see them), the reflection prompts I give you, "
               "the notes you choose to keep, and a private check-in from me the next day, if you ask for one "
               "after a hard moment (until it is sent).")),
        rich(_("**Who sees what**")),
        rich(_("• **Shared** answers: the check-in's channel, with your name.")),
        rich(_("• **Anonymous** answers: the channel, without your name. They go up a few at a time, so when you "
               "answered gives nothing away; if too few come in together before the round closes, they aren't "
               "posted, and **me history** says so. I remember they're yours only so you "
               "can change, export or delete them: nothing I show anyone else, moderators included, says whose "
               "they are. If words you'd post sound like you may be struggling, I hold them back and ask you "
               "first.")),
        rich(_("• **Private** answers and **notes**: your words are for you only. Not other members, not "
               "moderators.")),
        rich(_("• Round summaries show counts and moods, never names.")),
        # (an @mention is the platform's message, not Hearth's: `Event.seen`)
        rich(_("• A message you write to me in a channel (an @mention) stays there, with your name, where others can "
               "read it: I keep what you ask, but never post those words anonymously.")),
        rich(_("The people who run this Hearth's server can reach its database, as with any app.") + " " + server),
        rich(ngettext("**How long:** answers are deleted after {days} day, and their posts come down from the "
                      "channel with them (round summaries stay). **me delete** takes yours down any time. Notes stay "
                      "until you delete them (**notes delete**).",
                      "**How long:** answers are deleted after {days} days, and their posts come down from the "
                      "channel with them (round summaries stay). **me delete** takes yours down any time. Notes stay "
                      "until you delete them (**notes delete**).", days).format(days=days)),
        # (`Outgoing.tell`: an erasure's removals keep whom to tell until they are done, `change_refused_notes`)
        rich(_("If the platform won't let me take one of your posts down, I tell you privately, and a moderator can "
               "remove it. Until your posts are down, I keep only where they are, and your id beside them, for "
               "that.")),
        rich(_("If a moderator deletes a check-in, the posts of its answers come down, but your answers to it "
               "stay yours: in **me history** and **me export**, for you alone, until they'd be deleted anyway.")),
        rich(_("**Your choices:** **me data** shows what I hold, **me export** gives you a copy, and **me delete** "
               "removes all of it. **checkin leave** stops a check-in any time.") + " " + _(DM_TOO)),
    ], "\n")


# -- by DM: a member's data rights wherever they are, in the server or not ---------------------------------------

#: What a person may do by DM, for their own data in a community Hearth holds data for them in: see it, take a copy,
#: erase it. Never anything else, never anyone else's: whose data is who pressed or typed (`by_dm`).
DM_RIGHTS = ("me data", "me export", "me delete")
#: The argument a DM's button carries: which community it acts in (checked against the presser's own, each time).
DM_IN = "dm_in"
#: The choice among several communities, by DM.
DM_CHOOSE = "my_data.dm"


def _in(name: str) -> str:
    return name.strip() or _("a community whose name I don't know")


def _tagged(reply: Reply, community_id: str) -> Reply:
    """A reply's buttons (`me delete`'s confirmation), carrying back the community they act in."""
    if not reply.buttons:
        return reply
    return replace(reply, buttons=tuple(replace(b, args=b.args | {DM_IN: community_id}) for b in reply.buttons))


async def by_dm(app: "Hearth", ev: Event) -> list[Reply] | None:
    """A command typed, or a button pressed, in a person's DM with Hearth where the platform places them in no
    community (Discord: a DM belongs to no server; they may have left it, or been removed). The adapter says only
    who they are and that it came by DM (`Actor.in_dm`, no community); here, once for every platform: **me data**,
    **me export** and **me delete** act on their own data in the communities Hearth holds data for them in
    (`member_data.communities_of`), whether or not they are still there: the one, named, or the one they choose. The
    rest is not for a DM (None: the adapter says so). Nobody acts on anyone else's data this way: whose it is is
    always the person who pressed or typed, and a button's community must be one Hearth holds their data in."""
    user = ev.actor.user_id
    if ev.kind == "command":
        command = ev.name
    elif ev.kind == "action" and ev.name == DM_CHOOSE:
        command = ev.args.get("command", "")
    elif ev.kind == "action" and ev.name in ("confirm", "cancel") and DM_IN in ev.args:
        command = ev.args.get("command", "")
    else:
        return None
    if command not in DM_RIGHTS:
        return None
    held = await member_data.communities_of(app.store, user)
    if ev.kind == "command":
        if not held:
            return [Reply(body=rich(_("I hold nothing about you in any community right now.")))]
        if len(held) > 1:
            return [Reply(body=rich(_("I hold data about you in more than one community. Which one is this for?")),
                          buttons=tuple(Button(_in(name), DM_CHOOSE, {"command": command, DM_IN: cid})
                                        for cid, name in held.items()))]
        [community_id] = held
    else:
        community_id = ev.args.get(DM_IN, "")
        if community_id not in held:  # (erased already, or never theirs)
            return [Reply(body=rich(_("I hold nothing about you there now. Nothing was changed.")))]
    actor = replace(ev.actor, community_id=community_id, community_name=None, platform_moderator=None, roles=(),
                    in_dm=True)
    args = {k: v for k, v in ev.args.items() if k != DM_IN}
    if ev.kind == "command" or ev.name == DM_CHOOSE:
        event = Event("command", actor, command, {} if ev.name == DM_CHOOSE else args, event_id=ev.event_id,
                      typed=ev.kind == "command")
    else:
        event = Event("action", actor, ev.name, args, event_id=ev.event_id)
    replies = await app.handle(event)
    where = fill(_("In {community}:"), community=_in(held[community_id])) + rich("\n")
    return [_tagged(replace(r, body=where + r.body) if i == 0 else r, community_id)
            for i, r in enumerate(replies)]
