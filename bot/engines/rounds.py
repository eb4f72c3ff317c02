"""A check-in round's life: it opens on schedule, reminds, and closes with a summary.

Each step writes its state change and its messages in one transaction, and
each is keyed so that doing it twice (a restart, a second process) does
nothing the second time.
"""

from __future__ import annotations

import logging
import random
import uuid
from collections import Counter
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Callable
from zoneinfo import ZoneInfo

from bot.commands.router import Router
from bot.delivery.outbox import UNTIL
from bot.events import Button, Reply, Rich, channel, fill, hearth_text, posted_time, reply_to_json, rich, your_time
from bot.engines.prompt_choice import Candidate, available, pack_language, pick
from bot.i18n import _, current, ngettext, speaking
from bot.insights.anonymity import spread_shows
from bot.language import DEFAULT, LANGUAGES, for_channel
from bot.models import Community, HeldPost, Member, OutboxEntry, Outgoing, Participant, Response, Round, Schedule
from bot.slices import built_in_slices
from bot.store.store import Batching

if TYPE_CHECKING:
    from bot.app import Hearth

log = logging.getLogger(__name__)

router = Router("rounds")


async def open_round(app: "Hearth", schedule: Schedule, scheduled_at: datetime) -> Round | None:
    """Open the round for this fire time; None if skipped or already open."""
    return (await open_rounds(app, [(schedule, scheduled_at)]))[0]


async def open_rounds(app: "Hearth", due: list[tuple[Schedule, datetime]]) -> list[Round | None]:
    """Open the rounds for these (schedule, fire time) pairs; None for each skipped or already open.

    Many at once cost what one does: one query per kind of data for all of
    them (skips, recent prompts, participants with their members) and one
    transaction writing every round and message. A thousand schedules due in
    the same minute open in well under a second (bench/README.md, "scheduler").
    """
    if not due:
        return []
    ids = [s.id for s, _ in due]
    skips = await app.store.schedules.skips_of(ids)
    recent = await app.store.rounds.recent_prompt_ids_of(ids, app.config["checkins.recent_prompts_to_avoid"])
    people = await app.store.schedules.participants_of(ids)
    notes = await app.store.insights.notes_of(ids)
    candidates: dict[tuple[str, str | None, str | None], list[Candidate]] = {}
    now = app.now()
    results: list[Round | None] = [None] * len(due)
    buttons: dict[str, tuple[Button, ...]] = {}  # the same on every opening message in a language: built once
    items: list[tuple[Schedule, dict, list[Outgoing]]] = []
    unopened: list[Outgoing] = []
    where: list[int] = []
    communities: dict[str, Community] = {}
    languages: dict[str, str | None] = {}
    for i, (schedule, scheduled_at) in enumerate(due):
        tz = ZoneInfo(schedule.timezone)
        local_day = scheduled_at.astimezone(tz).date()
        if schedule.paused_on(local_day):
            log.info("schedule %s is paused; no round for %s", schedule.id, local_day)
            continue
        if local_day in skips.get(schedule.id, ()):
            log.info("schedule %s skips %s", schedule.id, local_day)
            continue
        if schedule.community_id not in languages:
            languages[schedule.community_id] = await app.store.communities.language(schedule.community_id)
        community_language = languages[schedule.community_id]
        posted_in = for_channel(community_language)
        prompt = await _choose_prompt(app, schedule, scheduled_at, recent.get(schedule.id, []), candidates,
                                      posted_in)
        if prompt is None:
            if (schedule.id, scheduled_at) not in app.no_prompt_for:  # (once a round: a catch-up tries it again)
                if len(app.no_prompt_for) >= 10_000:
                    app.no_prompt_for.clear()
                app.no_prompt_for.add((schedule.id, scheduled_at))
                log.warning("schedule %s has no enabled check-in prompts; no round opened for %s", schedule.id,
                            scheduled_at.isoformat())
                with speaking(posted_in):  # (its members waited for it: told where its round would be, once)
                    unopened.append(_no_prompt_post(schedule, scheduled_at))
            continue
        closes_at = now + timedelta(minutes=schedule.open_minutes)
        remind_at = None
        if 0 < schedule.remind_minutes < schedule.open_minutes:
            remind_at = closes_at - timedelta(minutes=schedule.remind_minutes)
        note = notes[schedule.id].text if schedule.id in notes else None
        fields = {"scheduled_at": scheduled_at, "opened_at": now, "closes_at": closes_at, "remind_at": remind_at,
                  "prompt_id": prompt.id, "prompt_text": prompt.text,
                  "invited": len(people.get(schedule.id, [])), "note": note}
        if schedule.community_id not in communities:  # schedules of one community opening together share it
            communities[schedule.community_id] = await app.ensure_community(schedule.community_id)
        with speaking(posted_in):
            outgoing = [_round_post(app, schedule, prompt.text, closes_at, tz, _buttons_in(app, buttons), note)]
        outgoing += await _opening_dms(app, schedule, communities[schedule.community_id], community_language,
                                       people.get(schedule.id, []), prompt, closes_at, buttons)
        items.append((schedule, fields, outgoing))
        where.append(i)
    if unopened:  # (keyed by schedule and fire time: said once a round, whichever process or start tries it)
        await app.store.outbox.enqueue(unopened, now)
        app.outbox.kick()
    if not items:
        return results
    if len(items) == 1:
        opened = [await app.store.rounds.open(*items[0])]
    else:
        opened = await app.store.rounds.open_many(items)
    for i, rnd, (schedule, fields, outgoing) in zip(where, opened, items):
        if rnd is None:
            log.info("round for schedule %s at %s was already open", schedule.id, fields["scheduled_at"])
        else:
            log.info("opened round %s of schedule %s (%d messages queued)", rnd.id, schedule.id, len(outgoing))
            app.metrics.add("rounds_opened")
        results[i] = rnd
    app.outbox.kick()
    return results


async def _choose_prompt(app: "Hearth", schedule: Schedule, scheduled_at: datetime, recent: list[str],
                         cache: dict[tuple[str, str | None, str | None], list[Candidate]],
                         lang: str = "en") -> Candidate | None:
    async def choices(theme: str | None, depth: str | None) -> list[Candidate]:
        key = (schedule.community_id, theme, depth)
        if key not in cache:  # schedules of one community opening together share one look-up
            cache[key] = await available(app, schedule.community_id, "checkin", theme, depth, lang)
        return cache[key]

    candidates = await choices(schedule.theme, schedule.depth)
    if not candidates and (schedule.theme or schedule.depth):
        candidates = await choices(schedule.theme, None)
    rng = random.Random(f"{schedule.id}:{scheduled_at.isoformat()}")
    return pick(candidates, recent, rng)


#: A reminder says there is still time to answer: it is not sent when its round closes within this (the clock
#: jumped past its moment, Hearth started again after downtime, or its DM waited in the outbox), and a round's
#: prompt is not sent to a member who joins this close to its end.
STILL_TIME = timedelta(minutes=1)


def has_time_left(rnd: Round, now: datetime) -> bool:
    """Whether "you still have time" is true of this round now, with a moment to spare."""
    return rnd.closed_at is None and now < rnd.closes_at - STILL_TIME


def true_until(when: datetime) -> dict[str, str]:
    """An outbox target's part that says when its message stops being true (`UNTIL`)."""
    return {UNTIL: when.isoformat()}


#: Participants whose DMs are built between yields to the loop (`bot.slices`).
DM_SLICE = 1000
#: Stands for the round's id in messages built before the round is written (the store fills it in).
ROUND_PLACEHOLDER = "{round}"


def mood_buttons(app: "Hearth", round_ref: str) -> tuple[Button, ...]:
    """The mood scale as buttons, in the language being spoken."""
    return tuple(
        Button(app.content.mood_label(m), "checkin.mood", {"round": round_ref, "mood": str(m)})
        for m in range(1, 6)
    )


def _buttons_in(app: "Hearth", cache: dict[str, tuple[Button, ...]]) -> tuple[Button, ...]:
    """An opening message's mood buttons in the language being spoken, built once per language."""
    from bot.i18n import current

    lang = current()
    if lang not in cache:
        cache[lang] = mood_buttons(app, ROUND_PLACEHOLDER)
    return cache[lang]


def _no_prompt_post(schedule: Schedule, scheduled_at: datetime) -> Outgoing:
    """Said in the check-in's channel when its round is due and no check-in prompt is on for it: its members
    were told nothing, and the moderators' heads-up came only when the last one was switched off."""
    reply = Reply(body=rich(_("The check-in **{}** couldn't start: no check-in prompt is switched on for it right "
                              "now. A moderator can switch some back on."), schedule.name), visibility="channel")
    return Outgoing(f"schedule:{schedule.id}:no-prompt:{scheduled_at.isoformat()}", "post",
                    {"channel": schedule.channel_id, "community": schedule.community_id}, reply_to_json(reply))


def _round_post(app: "Hearth", schedule: Schedule, prompt: str, closes_at: datetime, tz: ZoneInfo,
                buttons: tuple[Button, ...], note: str | None = None) -> Outgoing:
    body = fill(app.content.text("checkin.opening"), schedule=schedule.name, prompt=prompt,
                closes=rich(_("at {}"), posted_time(closes_at, tz, "time")))
    if note:  # "closing the loop": what the moderators changed after earlier answers, shown on this post only
        body = rich(_("**What we changed:** {}") + "\n\n", note) + body
    # The round id is only known inside the transaction: buttons carry a placeholder.
    reply = Reply(body=body, visibility="channel", buttons=buttons)
    return Outgoing("round:{round}:post", "post", {"channel": schedule.channel_id, "round_post": True,
                                                 "community": schedule.community_id},
                    reply_to_json(reply))


async def _opening_dms(app: "Hearth", schedule: Schedule, community: Community, community_language: str | None,
                       people: list[tuple[Participant, Member | None]], prompt: Candidate, closes_at: datetime,
                       buttons: dict[str, tuple[Button, ...]]) -> list[Outgoing]:
    """One DM per reachable participant who wants them.

    Participants come with their member records in one query, and the
    message differs only by the member's timezone and language, so each distinct pair is
    built once: a round for thousands of people costs one query and a few
    message builds, not thousands of each. Built in slices (`bot.slices`).
    """
    by_tz: dict[tuple[str, str], dict] = {}
    now = app.now()

    def dm(person: tuple[Participant, Member | None]) -> Outgoing | None:
        p, member = person
        if not p.wants_dm:
            return None
        tz = app.zone_of(member, community)
        if not _reachable(member, tz, now):
            return None
        lang = app.member_language(member, community_language)
        reply = by_tz.get((tz.key, lang))
        if reply is None:
            with speaking(lang):
                reply = by_tz[tz.key, lang] = reply_to_json(_prompt_dm(
                    app, schedule, prompt_in(app, prompt, lang), closes_at, tz, _buttons_in(app, buttons)))
        return Outgoing(f"round:{{round}}:dm:{p.user_id}", "dm", {"user": p.user_id, **true_until(closes_at)}, reply)

    return [o for o in await built_in_slices(people, dm, DM_SLICE) if o is not None]


def _prompt_dm(app: "Hearth", schedule: Schedule, prompt: str, closes_at: datetime, tz: ZoneInfo,
               buttons: tuple[Button, ...]) -> Reply:
    """A round's prompt to one member, in the language being spoken: what its opening DM says."""
    body = fill(app.content.text("checkin.dm"), schedule=schedule.name, prompt=prompt,
                closes=rich(_("at {}"), your_time(closes_at, tz, "time")))
    return Reply(body=body, buttons=buttons)


async def prompt_joiner(app: "Hearth", schedule: Schedule, user_id: str, tz: ZoneInfo) -> Reply | None:
    """For a member who just joined while `schedule`'s round is open (with time left), and has not answered it: its
    prompt, as members invited at its opening had it. By DM if they want DMs (queued under the opening DM's key, so
    nobody gets it twice; returns None), else returned for the reply, in `tz` and the language being spoken."""
    now = app.now()
    rnd = next((r for r, s in await app.store.rounds.list_open_in(schedule.community_id, now)
                if s.id == schedule.id), None)
    participant = await app.store.schedules.participant(schedule.id, user_id)
    if rnd is None or participant is None or not has_time_left(rnd, now):
        return None
    if await app.store.rounds.response_of(rnd.id, user_id) is not None:
        return None  # (anyone may answer an open round: they already have)
    if not participant.wants_dm:
        return _prompt_dm(app, schedule, round_prompt_in(app, rnd), rnd.closes_at, tz, mood_buttons(app, str(rnd.id)))
    community = await app.ensure_community(schedule.community_id)
    member = await app.store.communities.get_member(schedule.community_id, user_id)
    dm_tz = app.zone_of(member, community)
    if not _reachable(member, dm_tz, now):
        return None  # (snoozed: no DMs for now, as at an opening)
    lang = app.member_language(member, await app.store.communities.language(schedule.community_id))
    with speaking(lang):
        reply = _prompt_dm(app, schedule, round_prompt_in(app, rnd, lang), rnd.closes_at, dm_tz,
                           mood_buttons(app, str(rnd.id)))
    await app.store.outbox.enqueue([Outgoing(f"round:{rnd.id}:dm:{user_id}", "dm",
                                             {"user": user_id, **true_until(rnd.closes_at)}, reply_to_json(reply),
                                             round_id=rnd.id)], now)
    app.outbox.kick()
    return None


def prompt_in(app: "Hearth", prompt: Candidate, lang: str) -> str:
    """The round's question for a DM in `lang`: a built-in prompt's own version in that language where the packs
    have one (`checkin-07` and `checkin-07-de` are one question), else the question as the round asked it (a
    community's own prompts are in the words their moderators wrote)."""
    if prompt.source == "community":
        return prompt.text
    return _question_in(app, prompt.id, prompt.text, lang)


def round_prompt_in(app: "Hearth", rnd: Round, lang: str | None = None) -> str:
    """The round's question as its DM put it to a member reading `lang` (the language being spoken unless said):
    what a form, or anything else shown to one member about the round, shows them, so it is never English there
    when their DM was in Spanish (`prompt_in`)."""
    return _question_in(app, rnd.prompt_id, rnd.prompt_text, lang or current())


def _question_in(app: "Hearth", prompt_id: str, text: str, lang: str) -> str:
    """A built-in question's sibling in `lang`; `text` itself when it isn't one as shipped (a community's own
    prompt never has a pack's id and words both)."""
    chosen = app.content.prompt(prompt_id)
    if chosen is None or chosen.text != text:
        return text  # (not a built-in one, or not as shipped)
    base = prompt_id[:-3] if prompt_id[-3:-2] == "-" and prompt_id[-2:] in LANGUAGES else prompt_id
    sibling = app.content.prompt(base if lang == DEFAULT else f"{base}-{lang}")
    return sibling.text if sibling is not None and sibling.kind == chosen.kind else text


def round_language(app: "Hearth", rnd: Round, otherwise: str) -> str:
    """The language a round's channel posts are written in, from its opening to its summary: the one it opened
    in, also when the community's language changes while it is open (its post, answers and summary are one
    conversation: a summary in Spanish under an English question read as two). A built-in question's pack names
    its language; a community's own question has none, so `otherwise`, the community's language now, is used."""
    chosen = app.content.prompt(rnd.prompt_id)
    pack = next((p for p in app.content.library.packs if chosen and p.id == chosen.pack_id), None)
    if chosen is None or chosen.text != rnd.prompt_text or pack is None:
        return otherwise  # (a community's own question: the words its moderators wrote)
    lang = pack_language(pack.language)
    return lang if lang in LANGUAGES else otherwise


def _reachable(member: Member | None, tz: ZoneInfo, now: datetime) -> bool:
    """DMs not closed, and not snoozed (on the member's own calendar day)."""
    return member is None or not (member.dms_closed or member.snoozed(now.astimezone(tz).date()))


# -- reminders and closing -------------------------------------------------------


async def remind_round(app: "Hearth", rnd: Round) -> int:
    """DM the participants who asked for a reminder and have not answered; none when the round closes within
    `STILL_TIME` (the reminder would say there is time when there is none), the step marked done all the same."""
    schedule = await app.store.schedules.get(rnd.schedule_id)
    if schedule is None:
        return 0
    if not has_time_left(rnd, app.now()):
        if await app.store.rounds.finish_step(rnd.id, "reminded_at", app.now(), []):
            log.info("skipped the reminder of round %s: it closes at %s", rnd.id, rnd.closes_at.isoformat())
        return 0
    answered = {r.user_id for r in await app.store.rounds.responses(rnd.id)}
    community = await app.ensure_community(schedule.community_id)
    community_language = await app.store.communities.language(schedule.community_id)
    outgoing = []
    now = app.now()
    for p, member in await app.store.schedules.participants_with_members(schedule.id):
        tz = app.zone_of(member, community)
        if not p.wants_reminder or p.user_id in answered or not _reachable(member, tz, now):
            continue
        with speaking(app.member_language(member, community_language)):
            body = fill(app.content.text("checkin.reminder"), schedule=schedule.name,
                        closes=rich(_("at {}"), your_time(rnd.closes_at, tz, "time")))
            reply = Reply(body=body, buttons=mood_buttons(app, str(rnd.id)))
            outgoing.append(Outgoing(f"round:{rnd.id}:remind:{p.user_id}", "dm",
                                     {"user": p.user_id, **true_until(rnd.closes_at - STILL_TIME)},
                                     reply_to_json(reply)))
    if await app.store.rounds.finish_step(rnd.id, "reminded_at", app.now(), outgoing):
        app.outbox.kick()
        return len(outgoing)
    return 0


async def close_round(app: "Hearth", rnd: Round) -> bool:
    """Close the round and edit its post into the summary; anonymous posts still waiting go first."""
    schedule = await app.store.schedules.get(rnd.schedule_id)
    if schedule is None:
        return False
    community = await app.ensure_community(schedule.community_id)
    floor = anonymity_floor(app, community)
    posted_in = round_language(app, rnd, await app.channel_language(schedule.community_id))
    responses = await app.store.rounds.responses(rnd.id)

    def edit(coming_down: int) -> list[Outgoing]:
        """The post's summary, told in the close's transaction how many posts of erased answers stay up there for
        now (pooled, `Batching`): not counted, and said so, so the count and the posts beside it agree."""
        with speaking(posted_in):
            summary = summarize(app, schedule, responses, floor, coming_down)
            body = fill("**{schedule}**\n{prompt}\n\n", schedule=schedule.name, prompt=rnd.prompt_text)
            reply = Reply(body=body + summary, visibility="channel")
        return [Outgoing(f"round:{rnd.id}:summary", "edit", {"channel": rnd.channel_id, "round": rnd.id},
                         reply_to_json(reply))]

    batching = anonymous_batching(app, rnd, floor, posted_in, await unposted_notes(app, rnd, schedule, community))
    done = await app.store.rounds.finish_step(rnd.id, "closed_at", app.now(), edit, batching)
    if done:
        log.info("closed round %s", rnd.id)
        app.metrics.add("rounds_closed")
        app.outbox.kick()
    return done


def anonymity_floor(app: "Hearth", community: Community) -> int:
    """The fewest people a summary's spread, or a batch of anonymous posts, may be about."""
    return app.in_force(community).settings.summary_floor


async def settle_waiting_posts(app: "Hearth", community_id: str, closed_only: bool = False) -> int:
    """After an erasure took back a batch one of the member's answers was in, before its tick
    (`RoundRepository._take_back_batch`): the others in it go now if they still may (`Batching.due`; as at the
    close, if their round is closed), else wait for more. How many went. (`closed_only`: the closed rounds only,
    as `pooled_removals` looks on every tick, should the erasure's own settling not have run.)"""
    rounds = await app.store.rounds.rounds_waiting_in(community_id, closed_only)
    if not rounds:
        return 0
    community = await app.ensure_community(community_id)
    floor = anonymity_floor(app, community)
    language = await app.channel_language(community_id)
    went = 0
    for rnd in rounds:
        # (for an open round too: it may close before `settle` takes it, and then settles as the close does)
        schedule = await app.store.schedules.get(rnd.schedule_id)
        unposted = await unposted_notes(app, rnd, schedule, community) if schedule is not None else None
        batching = anonymous_batching(app, rnd, floor, round_language(app, rnd, language), unposted)
        went += await app.store.rounds.settle(rnd.id, batching, app.now())
    return went


def anonymous_batching(app: "Hearth", rnd: Round, floor: int, posted_in: str = "en",
                       unposted: Callable[[list[Response]], list[Outgoing]] | None = None) -> Batching:
    """How this round's anonymous posts go out: in batches of at least `floor` people (`Batching`, the rule and
    why); written in `posted_in`, the community's language (they are the channel's). `unposted`: what tells the
    authors of new posts the close leaves unposted (`unposted_notes`)."""
    def batch(held: list[HeldPost]) -> list[Outgoing]:
        with speaking(posted_in):
            return anonymous_messages(app, rnd, held)

    return Batching(floor, batch, unposted)


async def unposted_notes(app: "Hearth", rnd: Round, schedule: Schedule,
                         community: Community) -> Callable[[list[Response]], list[Outgoing]]:
    """For closing `rnd`: what tells each member whose anonymous answer the close leaves unposted (too few came in
    together to hide it among, `Batching`) that it was not: privately, by DM, in their language, once. Built
    before the close's transaction, for the members whose new anonymous posts wait now (only they can be left
    over); one snoozed, or with DMs closed, is not written to (`me history` and `me export` say it all the same)."""
    authors = await app.store.rounds.waiting_authors(rnd.id)
    members = {u: await app.store.communities.get_member(schedule.community_id, u) for u in authors}
    community_language = await app.store.communities.language(schedule.community_id)
    now = app.now()

    def notes(withheld: list[Response]) -> list[Outgoing]:
        out = []
        for resp in withheld:
            if not resp.user_id:
                continue
            member = members.get(resp.user_id)
            if not _reachable(member, app.zone_of(member, community), now):
                continue
            with speaking(app.member_language(member, community_language)):
                body = fill(_("**{schedule}** has closed, and your anonymous answer wasn't posted: too few came in "
                              "together to hide it among. Only you can see it now, and it still counts in the "
                              "round's summary. Thank you for checking in."), schedule=schedule.name)
            out.append(Outgoing(f"round:{rnd.id}:unposted:{resp.user_id}", "dm",
                                {"user": resp.user_id, "community": schedule.community_id},
                                reply_to_json(Reply(body=body)), response_id=resp.id))
        return out

    return notes


async def refused_notes(app: "Hearth", entry: OutboxEntry, reason: str, not_allowed: bool) -> list[Outgoing]:
    """A post of a member's answer (named or anonymous) that failed for good (`PermanentFailure`, or its round
    post's). The operator hears which community and round, and the platform's reason (never the words); the answer's
    author is told privately, in their language, once per answer (the DM's key is the answer's), that their words
    were not posted and nobody saw them. Why only when the platform said Hearth may not post there (`not_allowed`:
    Discord's Missing Permissions, a locked thread, Slack's not_in_channel…), with a moderator to check it; any other
    failure (a body refused, a channel gone, a token revoked) is told without a reason, which Hearth can't know. Not
    if the answer no longer wants that post, nor if their DMs are known closed (it would only fail again). The store
    marks the answer not posted only if it still wants the post (`OutboxRepository.mark_refused`), and queues this
    only then."""
    anonymous = entry.target.get("post") == "anonymous"
    resp = await app.store.rounds.response(entry.response_id) if entry.response_id is not None else None
    rnd = await app.store.rounds.get(entry.round_id or (resp.round_id if resp else 0))
    schedule = await app.store.schedules.get(rnd.schedule_id) if rnd is not None else None
    log.warning("community %s, round %s: %s an answer (%s) in channel %s: %s",
                schedule.community_id if schedule else entry.target.get("community", "?"),
                rnd.id if rnd else entry.round_id,
                "the platform refused for good to post" if not_allowed else "failed for good to post",
                "anonymous" if anonymous else "shared",
                entry.target.get("channel"), reason)
    if resp is None or not resp.user_id or schedule is None or \
            resp.visibility != ("anonymous" if anonymous else "shared"):
        return []
    member = await app.store.communities.get_member(schedule.community_id, resp.user_id)
    if member is not None and member.dms_closed or await app.store.outbox.dms_closed(resp.user_id):
        return []  # (their history says it all the same)
    with speaking(app.member_language(member, await app.store.communities.language(schedule.community_id))):
        if anonymous and not_allowed:
            said = _("Your anonymous answer to **{schedule}** wasn't posted to the group: the platform didn't let "
                     "Hearth post in that channel. Nobody else saw it, and it's still kept for you in your history. "
                     "A moderator may need to check Hearth's permission to post there, so you could let one know.")
        elif not_allowed:
            said = _("Your answer to **{schedule}** wasn't posted to the group: the platform didn't let Hearth post "
                     "in that channel. Nobody else saw it, and it's still kept for you in your history. A moderator "
                     "may need to check Hearth's permission to post there, so you could let one know.")
        elif anonymous:
            said = _("Hearth couldn't post your anonymous answer to **{schedule}** to the group, so nobody else saw "
                     "it; it's still kept for you in your history.")
        else:
            said = _("Hearth couldn't post your answer to **{schedule}** to the group, so nobody else saw it; it's "
                     "still kept for you in your history.")
        body = fill(said, schedule=schedule.name)
    return [Outgoing(f"refused:{resp.id}", "dm", {"user": resp.user_id, "community": schedule.community_id},
                     reply_to_json(Reply(body=body)), response_id=resp.id)]


async def change_refused_notes(app: "Hearth", entry: OutboxEntry, reason: str, not_allowed: bool) -> list[Outgoing]:
    """An edit or a removal of a post of a member's answer that failed for good (`Outbox.change_refusals`). The
    operator hears which community and channel, and the platform's reason (never the words, nor whose post); the
    member is told privately, in their language, without their words, that the post still shows their earlier words
    (an edit), or is still up (a removal), and that a moderator can take it down; why only when the platform said
    Hearth may not act there (`not_allowed`; otherwise only that it may still show or be up: a channel gone is not
    told apart). An edit of a post the platform says is gone (`PermanentFailure.gone`) is not told at all. A removal whose answer is gone (their erasure) is told from what its
    row kept (`OutboxEntry.tell`: their id, the channel and the community), and names the channel. Not if their DMs
    are known closed. The store queues this only if it marks the answer so for the first time
    (`OutboxRepository.mark_change_refused`)."""
    removing = entry.kind == "delete"
    found = entry.changed_answer
    resp = await app.store.rounds.response(found) if found is not None else None
    rnd = await app.store.rounds.get(resp.round_id) if resp is not None else None
    schedule = await app.store.schedules.get(rnd.schedule_id) if rnd is not None else None
    community_id = schedule.community_id if schedule is not None else entry.target.get("community")
    log.warning("community %s: %s a member's post in channel %s: %s", community_id or "?",
                ("the platform refused for good to " if not_allowed else "failed for good to ") +
                ("take down" if removing else "edit"), entry.target.get("channel"), reason)
    user = resp.user_id if resp is not None else entry.tell if found is None and removing else None
    if not user or not community_id or resp is not None and schedule is None:
        return []
    member = await app.store.communities.get_member(community_id, user)
    if member is not None and member.dms_closed or await app.store.outbox.dms_closed(user):
        return []  # (their history says it all the same, while they have one)
    with speaking(app.member_language(member, await app.store.communities.language(community_id))):
        if schedule is None:  # (their data is deleted: only the post is left, and where it is)
            said = _("Hearth couldn't take down one of your posts in {channel}: it may no longer have access to "
                     "that channel, so the post is still up. A moderator can remove it for you.") if not_allowed \
                else _("Hearth couldn't take down one of your posts in {channel}, so it may still be up. A "
                       "moderator can remove it for you.")
            body = fill(said, channel=channel(entry.target.get("channel") or ""))
        else:
            if removing and not_allowed:
                said = _("Hearth couldn't take down the post of your answer to **{schedule}**: it may no longer have "
                         "access to that channel, so the post is still up. A moderator can remove it for you.")
            elif removing:
                said = _("Hearth couldn't take down the post of your answer to **{schedule}**, so it may still be "
                         "up. A moderator can remove it for you.")
            elif not_allowed:
                said = _("Hearth couldn't change the post of your answer to **{schedule}**: the platform didn't let "
                         "it edit posts in that channel. The post still shows your earlier words; your history has "
                         "your new ones. A moderator can remove the post for you.")
            else:
                said = _("Hearth couldn't change the post of your answer to **{schedule}**, so it may still show "
                         "your earlier words; your history has your new ones. A moderator can remove the post for "
                         "you.")
            body = fill(said, schedule=schedule.name)
    return [Outgoing(f"unchanged:{entry.id}", "dm", {"user": user, "community": community_id},
                     reply_to_json(Reply(body=body)), response_id=resp.id if resp is not None else None)]


def anonymous_messages(app: "Hearth", rnd: Round, held: list[HeldPost]) -> list[Outgoing]:
    """One batch: each waiting anonymous post goes up, changes in place, or comes down (in the order given)."""
    batch = uuid.uuid4().hex  # every batch is its own messages
    out: list[Outgoing] = []
    unnamed: list[tuple[str, str, int]] = []
    for h in held:
        resp = h.response
        key = f"anon:{rnd.id}:{batch}:{len(out)}"
        if resp is not None and resp.visibility != "shared" and resp.post_ref:
            # Its named post, left up when the answer went anonymous: it comes down with the words' batch, after
            # all of it (next to its own words, its place would point them out).
            unnamed.append((h.channel_id, resp.post_ref, resp.id))
        if h.withheld:  # (too few new posts at the close to hide it among: only its named post comes down)
            continue
        if resp is not None and resp.visibility == "anonymous":
            # No mood: beside a named post taken down with this batch, it would say whose the words are (`Batching`).
            body = rich(_("_Someone_") + "\n{}", resp.text) if resp.text else rich(_("_Someone checked in._"))
            payload = reply_to_json(Reply(body=body, visibility="channel"))
            if h.out:  # (which post it is, even by its id: its changes go out in order, `store.outbox.subject_of`)
                where = {"ref": h.ref, "post": "anonymous"} if h.ref else {"response": resp.id, "post": "anonymous"}
                out.append(Outgoing(key + ":edit", "edit", {"channel": h.channel_id, **where}, payload,
                                    response_id=resp.id))
            else:
                out.append(Outgoing(key + ":post", "thread", {"channel": h.channel_id, "round": rnd.id,
                                                              "post": "anonymous"}, payload, rnd.id, resp.id))
        elif h.ref is not None:  # (whose post it was, if the answer is still there: after its queued edits)
            which = {} if resp is None else {"response": resp.id, "post": "anonymous"}
            out.append(Outgoing(key + ":delete", "delete", {"channel": h.channel_id, "ref": h.ref, **which},
                                reply_to_json(Reply()), tell=h.tell if resp is None else None))
        elif resp is not None and h.out:  # its post is on its way: taken down once it is out
            out.append(Outgoing(key + ":delete", "delete", {"channel": h.channel_id, "response": resp.id,
                                                            "post": "anonymous"}, reply_to_json(Reply()),
                                response_id=resp.id))
    # ("unnames": whose named post it is, should the batch be taken back before it goes: `rounds._take_back_batch`)
    out += [Outgoing(f"anon:{rnd.id}:{batch}:{i}:unname", "delete", {"channel": channel, "ref": ref, "unnames": rid},
                     reply_to_json(Reply())) for i, (channel, ref, rid) in enumerate(sorted(unnamed))]
    return out


def summarize(app: "Hearth", schedule: Schedule, responses: list[Response], floor: int,
              coming_down: int = 0) -> Rich:
    """How many checked in, and the mood spread only when nobody's hidden mood can be worked out from it.

    Private answers count towards "how many" but never towards the spread. The spread is over shared and
    anonymous answers; the shared ones are posted by name, so anyone can take them away and is left with the
    anonymous answers' moods. It shows only when there are at least `floor` shared or anonymous answers and
    what is left hides everyone in it (`bot.insights.anonymity.spread_shows`; insights follow the same rule).
    When some were private the summary says how many, so the numbers add up for the reader; and when posts of
    answers taken back (`me delete`) are still up, waiting to come down (`coming_down`), it says that they are
    being taken down and aren't counted.
    """
    return _with_coming_down(_summary(app, schedule, responses, floor), coming_down)


def _with_coming_down(summary: Rich, coming_down: int) -> Rich:
    if not coming_down:
        return summary
    return summary + rich("\n_" + ngettext(
        "{count} post here is being taken down: its author took their answer back, so it isn't counted.",
        "{count} posts here are being taken down: their authors took their answers back, so they aren't counted.",
        coming_down).format(count=coming_down) + "_")


def _summary(app: "Hearth", schedule: Schedule, responses: list[Response], floor: int) -> Rich:
    count = len(responses)
    if count == 0:
        return fill(app.content.text("checkin.summary_none"), schedule=schedule.name)
    visible = [r for r in responses if r.visibility != "private"]
    private = count - len(visible)
    if not spread_shows(len(visible), Counter(r.mood for r in visible if r.visibility == "anonymous").values(),
                        floor):
        return fill(app.content.text("checkin.summary_small"), schedule=schedule.name, count=hearth_text(str(count)),
                    private=hearth_text(f" — {kept_private(private)}" if private else ""))
    moods = Counter(r.mood for r in visible)
    spread = "  ".join(f"{app.content.mood_emoji(m)} {moods[m]}" for m in range(5, 0, -1) if moods[m])
    if private:
        spread = "_" + ngettext("{kept}, so the moods below are from the other {count}.",
                                "{kept}, so the moods below are from the other {count}.", len(visible)).format(
            kept=kept_private(private), count=len(visible)) + "_\n" + spread
    return fill(app.content.text("checkin.summary"), schedule=schedule.name, count=hearth_text(str(count)),
                spread=hearth_text(spread))


def kept_private(n: int) -> str:
    """"1 person kept their answer private", "2 people kept their answers private"."""
    return ngettext("{count} person kept their answer private", "{count} people kept their answers private",
                    n).format(count=n)


# -- what is due now -------------------------------------------------------------


async def run_due(app: "Hearth") -> dict[str, int]:
    """Send reminders and close rounds whose time has come (idempotent)."""
    now = app.now()
    reminded = closed = 0
    for rnd in await app.store.rounds.list_open():
        if rnd.remind_at and rnd.reminded_at is None and rnd.remind_at <= now:  # (none if too late: `remind_round`)
            reminded += await remind_round(app, rnd)
        if rnd.closes_at <= now and await close_round(app, rnd):
            closed += 1
    return {"reminded": reminded, "closed": closed}


router.round_steps(open=open_rounds, due=run_due)
