"""A member's data rights: see what Hearth holds, take a copy, delete it all; the privacy notice.

A support bot holds what people were brave enough to write, so every member
can look, take and erase with one command each, and read in plain words who
can see what. The rules of erasure live in `bot.store.member_data`.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING

from bot.commands.router import Router
from bot.crypto import FernetCipher
from bot.events import Attachment, Event, Reply, Rich, fill, hearth_text, join_rich, rich
from bot.flows.common import plural as _plural
from bot.engines.retention import retention_days
from bot.store import member_data

if TYPE_CHECKING:
    from bot.app import Hearth

router = Router("my_data")

log = logging.getLogger(__name__)

DELETE_WARNING = (
    "This deletes everything I hold about you in this community: your check-in memberships, all your answers, "
    "your private notes and your reflection history. Posts of your shared and anonymous answers will be taken "
    "down where the platform allows. It can't be undone — run **me export** first if you'd like a copy."
)


@router.command("me data", "What I hold about you in this community, in plain words.", reads_only=True)
async def my_data(app: "Hearth", ev: Event) -> Reply:
    s = await member_data.summary(app.store, ev.actor.community_id, ev.actor.user_id)
    community = await app.ensure_community(ev.actor.community_id)
    if await app.store.communities.get_member(ev.actor.community_id, ev.actor.user_id) is None:  # e.g. just after `me delete`
        return Reply(body=rich("I hold nothing about you in this community right now. If you use Hearth here again, "
                               "**privacy** says what I'd keep and who could see it."))
    a = s.answers
    answers = _plural(sum(a.values()), "check-in answer")
    if sum(a.values()):
        answers += f" ({a['shared']} shared, {a['anonymous']} anonymous, {a['private']} private)"
    name = (s.display_name or ev.actor.display_name).strip()
    where = f"your timezone ({s.timezone})" if s.timezone else "no timezone (you can set one with **me timezone**)"
    lines = [
        rich("**What I hold about you here**"),
        rich("• Your name as shown here (“{}”) and " + where, name) if name else rich("• No name and " + where),
        rich(f"• {_plural(s.memberships, 'check-in')} you've joined"),
        rich(f"• {answers}"),
        rich(f"• {_plural(s.notes, 'private note')} — only you can read them"),
        rich(f"• {_plural(s.reflections, 'reflection prompt')} I've given you, so I don't repeat myself"),
    ]
    if s.language:
        lines.append(rich(f"• The language you chose ({s.language}), see **me language**"))
    if s.snoozed_until:
        lines.append(rich(f"• DMs snoozed until {s.snoozed_until}"))
    if s.moderator_actions:
        lines.append(rich(f"• {_plural(s.moderator_actions, 'moderator action')} in the audit log"))
    lines.append(rich(f"\nAnswers are kept for {retention_days(app, community)} days; notes until you delete them. "
                      "**me export** gives you a copy of all of it, **me delete** removes it, "
                      "and **privacy** says who can see what."))
    return Reply(body=join_rich(lines))


@router.command("me export", "A copy of everything I hold about you here, as a JSON file.")
async def my_export(app: "Hearth", ev: Event) -> Reply:
    data = await member_data.export(app.store, ev.actor.community_id, ev.actor.user_id, app.now())
    content = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    name = f"hearth-export-{app.now():%Y-%m-%d}.json"
    return Reply(
        body=rich("Here's everything I hold about you in this community. It includes your private answers "
                  "and notes, so keep it somewhere safe."),
        attachment=Attachment(name, content, "application/json"),
    )


@router.command("me delete", "Delete everything I hold about you in this community.", confirm=DELETE_WARNING)
async def my_delete(app: "Hearth", ev: Event) -> Reply:
    gone = await member_data.erase(app.store, ev.actor.community_id, ev.actor.user_id, app.now())
    # A member's own data rights are not moderator business: no audit entry, no counts (only the member hears them).
    log.info("a member erased their data in %s", ev.actor.community_id)
    app.outbox.kick()
    body = rich(
        f"Done. I've deleted everything I held about you here: {_plural(gone.answers, 'answer')}, "
        f"{_plural(gone.notes, 'note')}, {_plural(gone.reflections, 'reflection prompt')} and "
        f"{_plural(gone.memberships, 'check-in membership')}."
    )
    if gone.posts_to_remove > gone.posts_later:
        body += rich(f" I'm taking down {_plural(gone.posts_to_remove - gone.posts_later, 'post')} of your "
                     "answers now.")
    if gone.posts_later:
        body += rich(f" {_plural(gone.posts_later, 'anonymous post')} of yours will come down with the round's "
                     "next few changes, or when it closes, so nobody can tell whose it was.")
    return Reply(body=body + rich(" If you use Hearth again, it starts fresh. Take care."))


@router.command("privacy", "What I keep, who can see it, how long, and how to take it or delete it.",
                reads_only=True)
async def privacy(app: "Hearth", ev: Event) -> Reply:
    community = await app.ensure_community(ev.actor.community_id)
    notice = privacy_notice(retention_days(app, community), isinstance(app.store.cipher, FernetCipher))
    return Reply(body=join_rich([notice, await care_section(app, ev, bool(community.settings.alert_channel))]))


async def care_section(app: "Hearth", ev: Event, alerts_on: bool) -> Rich:
    """What happens when someone may be struggling, in their language, true for this community's settings."""
    texts, language = app.content.care, await app.language_of(ev.actor)
    alerts = (fill(texts.text(language, "privacy_alerts_on"), hours=hearth_text(
        str(app.config["safety.alert_cooldown_hours"]))) if alerts_on
        else rich(texts.text(language, "privacy_alerts_off")))
    return join_rich([rich(texts.text(language, "privacy_care")), alerts], " ")


def privacy_notice(days: int, encrypted: bool) -> Rich:
    """The notice in plain words; honest about the server as well as the people, and about the care note
    (`bot.flows.crisis_care`), which names a member even when their words stay private."""
    server = ("Private notes and the words of private answers are encrypted there, so a copy of the database "
              "doesn't reveal them." if encrypted
              else "Private notes and answers are not encrypted on this server yet.")
    return join_rich([
        rich("**Your privacy in Hearth**"),
        rich("**What I keep:** your name as shown here, your timezone and settings, the check-ins you join, "
             "your answers (mood, words, and who may see them), the reflection prompts I give you, "
             "the notes you choose to keep, and a private check-in from me the next day, if you ask for one "
             "after a hard moment (until it is sent)."),
        rich("**Who sees what**"),
        rich("• **Shared** answers: the check-in's channel, with your name."),
        rich("• **Anonymous** answers: the channel, without your name. They go up a few at a time (or when the "
             "round closes), so when you answered gives nothing away. I remember they're yours only so you "
             "can change, export or delete them; nobody else can find out, moderators included."),
        rich("• **Private** answers and **notes**: your words are for you only. Not other members, not "
             "moderators."),
        rich("• Round summaries show counts and moods, never names."),
        rich("The people who run this Hearth's server can reach its database, as with any app. " + server),
        rich(f"**How long:** answers are deleted after {days} days. Notes stay until you delete them "
             "(**notes delete**)."),
        rich("**Your choices:** **me data** shows what I hold, **me export** gives you a copy, and **me delete** "
             "removes all of it. **checkin leave** stops a check-in any time."),
    ], "\n")
