"""Members and check-ins: list, join, leave, status, and answering a round."""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from bot.clock import utc_iso
from bot.commands.registry import PIN, Option, Pinned, confirmation, not_a_choice, once
from bot.commands.router import Router
from bot.errors import UserError
from bot.events import (
    Button, Choice, Event, Form, FormField, Reply, Rich, channel, fill, hearth_text, join_rich, rich, say, show_date,
)
from bot.flows.common import as_id, checkin_rows, schedule_line, schedule_named, show_time, written_in, yes_no
from bot.flows.common import posted_name
from bot.flows.crisis_care import (after_answer, answer_saved, care_note_consent, cared,
                                   names_them_to_moderators, reading_of, words_kept)
from bot.models import VISIBILITIES, Outgoing, Response, Round, Schedule
from bot.events import reply_from_json, reply_to_json
from bot.engines.rounds import anonymity_floor, anonymous_batching, prompt_joiner, round_language, round_prompt_in
from bot.i18n import N_, _, one_full_stop, speaking
from bot.store.care import care_reply_mark
from bot.store.store import RoundClosed

if TYPE_CHECKING:
    from bot.app import Hearth

router = Router("checkins")

MAX_ANSWER_CHARS = 1000
MOOD_CHOICES = tuple(Choice(str(m), str(m)) for m in range(1, 6))
VISIBILITY_OPTION = Option(
    "visibility", "who sees your words: shared, anonymous or private", kind="choice",
    choices=tuple(Choice(v, v) for v in VISIBILITIES),
    mistaken=("public", "publicly", "everyone", "named", "secret", "secretly", "hidden", "nobody", "visible",
              "invisible", "anon", "anonymously", "privately", "personal"),
)
SCHEDULE_OPTION = Option("schedule", "the check-in's name", required=True, suggest="schedules")


@router.command("checkin list", "See the check-ins here and when they happen next.", reads_only=True)
async def list_checkins(app: "Hearth", ev: Event) -> Reply:
    rows = await checkin_rows(app, ev.actor, await app.timezone_of(ev.actor))
    if not rows:
        return say(_("There are no check-ins here yet. A moderator can create one with **mod schedule create**."))
    footer = rich("\n" + _("Join one with **checkin join** and its name."))
    return Reply(body=join_rich([rich(_("**Check-ins here**")), *(rich("• ") + row.text() for row in rows)]) + footer)


@router.command(
    "checkin join", "Join a check-in: you'll get its prompt by DM, and reminders if you want them.",
    SCHEDULE_OPTION,
    Option("reminders", "a reminder before the round closes if you haven't answered (yes/no)", kind="choice",
           choices=(Choice("yes", "yes"), Choice("no", "no"))),
    Option("dm", "get the prompt by direct message when a round opens (yes/no)", kind="choice",
           choices=(Choice("yes", "yes"), Choice("no", "no"))),
    example="checkin join mornings reminders=yes",
)
async def join(app: "Hearth", ev: Event) -> list[Reply]:
    schedule = await schedule_named(app, ev.actor, ev.args["schedule"], "schedule")
    current = await app.store.schedules.participant(schedule.id, ev.actor.user_id)
    wants_dm = yes_no(ev.args.get("dm"), current.wants_dm if current else True, "dm")
    wants_reminder = yes_no(ev.args.get("reminders"), current.wants_reminder if current else False, "reminders")
    new = await app.store.schedules.join(schedule.id, ev.actor.user_id, wants_dm, wants_reminder, app.now())
    await app.store.communities.clear_dms_closed(ev.actor.user_id)  # joining again is how DMs are asked back
    prefs = ((_("DMs on") if wants_dm else _("DMs off")) + ", "
             + (_("reminders on") if wants_reminder else _("reminders off")))
    # Its round open now: its prompt, as those invited at its opening had it (by DM, or here without DMs); also
    # to a member who turns DMs on, whose DM never went (the opening's key keeps it to one).
    prompt = await prompt_joiner(app, schedule, ev.actor.user_id, await app.timezone_of(ev.actor)) \
        if new or (wants_dm and current is not None and not current.wants_dm) else None
    more = [prompt.shown_to(ev.actor.user_id)] if prompt else []
    if not new:
        return [say(_("You're in **{}** ({prefs}).").replace("{prefs}", prefs), schedule.name), *more]
    joined = rich(_("You've joined **{}** ({prefs}). You can leave any time with **checkin leave**.").replace(
        "{prefs}", prefs), schedule.name)
    care = care_note_consent(app, await app.ensure_community(ev.actor.community_id))
    return [Reply(body=joined + rich(" ") + care if care.parts else joined), *more]


@router.command("checkin leave", "Leave a check-in. Your past answers stay yours.", SCHEDULE_OPTION)
async def leave(app: "Hearth", ev: Event) -> Reply:
    schedule = await schedule_named(app, ev.actor, ev.args["schedule"], "schedule")
    if await app.store.schedules.leave(schedule.id, ev.actor.user_id):
        return say(_("You've left **{}**. No more DMs or reminders from it."), schedule.name)
    return say(_("You weren't in **{}**, so nothing changed."), schedule.name, unchanged=True)


@router.command("checkin status", "What you've joined, what's open now, and your next rounds.",
                reads_only=True)
async def status(app: "Hearth", ev: Event) -> Reply:
    now = app.now()
    member, community, memberships, open_now = await app.member_and_memberships(ev.actor, now)
    tz = await app.timezone_of(ev.actor, member, community)
    # (no zone in the heading: every time below names its own, `your_time`, so saying it here said it twice)
    lines: list[Rich] = [rich(_("**Your check-ins**"))]
    if not memberships:
        lines.append(rich(_("You haven't joined any check-ins. See them with **checkin list**.")))
    skips = await app.store.schedules.skips_of([s.id for s, _p in memberships]) if memberships else {}
    for schedule, p in memberships:
        extras = ", ".join(x for x, on in ((_("DMs"), p.wants_dm), (_("reminders"), p.wants_reminder)) if on) \
            or _("no DMs")
        lines.append(rich("• **{}** — {}" + f" ({extras})", schedule.name,
                          schedule_line(schedule, now, tz, skips.get(schedule.id, ()))))
    mine_by_round = await app.store.rounds.responses_by([rnd.id for rnd, _s in open_now], ev.actor.user_id) \
        if open_now else {}
    for rnd, schedule in open_now:
        mine = mine_by_round.get(rnd.id)
        shown = _("private, held back from the post you chose, waiting for your choice") \
            if mine and mine.held_for and mine.visibility == "private" else \
            _(VISIBILITY_WORDS[mine.visibility]) if mine else ""  # (held back: as `me history` and `me data` say)
        state = _("answered ({visibility})").format(visibility=shown) if mine else _("not answered yet")
        lines.append(rich(_("• Open now: **{}**, closes {}") + f" — {state}", schedule.name,
                          show_time(rnd.closes_at, tz)))
    if member.snooze_until and member.snoozed(app.today(tz)):
        from bot.flows.member_settings import still_comes  # (what the snooze leaves coming, as `me snooze` said)

        still = await still_comes(app, ev.actor.community_id, ev.actor.user_id, tz, member.snooze_until)
        lines.append(rich(one_full_stop(_("DMs and reminders are snoozed until {day}.").format(
            day=show_date(member.snooze_until))) + (" " + still if still else "")))
    return Reply(body=join_rich(lines))


async def rounds_open_in(app: "Hearth", community_id: str) -> list[tuple[Round, Schedule]]:
    """The community's rounds open now (reads only: `rounds.open_round` is what opens one)."""
    return await app.store.rounds.list_open_in(community_id, app.now())




# -- answering ------------------------------------------------------------------------


@router.command(
    "checkin answer", "Answer the open check-in: a mood from 1 (low) to 5 (great), and words if you like.",
    Option("mood", "1 (low) to 5 (great)", kind="choice", choices=MOOD_CHOICES),
    VISIBILITY_OPTION,
    Option("words", "what you'd like to say", kind="text", max_length=MAX_ANSWER_CHARS, rest=True),
    Option("schedule", "which check-in, if more than one is open", suggest="schedules"),
    # TRANSLATORS: keep the command and its option words in English; translate only the free words.
    example=N_("checkin answer 4 anonymous Slept well for once"),
    pin=lambda app, ev: _answer_pin(app, ev),
)
async def answer(app: "Hearth", ev: Event) -> list[Reply]:
    rnd, schedule = await _round_to_answer(app, ev)
    if "mood" not in ev.args:  # the form asks for it, keeping whatever else was typed
        typed = {k: ev.args[k] for k in ("words", "visibility") if ev.args.get(k)}
        previous = await app.store.rounds.response_of(rnd.id, ev.actor.user_id)
        return [answer_form(app, rnd, schedule, None, previous, typed)]
    words = ev.args.get("words")
    if words is None:  # left out, as a visibility left out: the words stay as they were (trial 19 lost them)
        previous = await app.store.rounds.response_of(rnd.id, ev.actor.user_id)
        words = previous.text if previous else ""
    return await save_answer(app, ev, rnd, schedule, ev.args["mood"], ev.args.get("visibility", ""), words)


async def _answer_pin(app: "Hearth", ev: Event) -> Pinned | None:
    """The answer a confirmation of `checkin answer` acts on ("Post them with my name", `_ask_before_naming`), as it
    is now: its round, and the answer's mood, visibility and words (none yet, too). Pressed after any of these
    changed (new words, made private, deleted with `me delete`), or in another round, it posts nothing and says so:
    a stale "Yes" never puts old words up with their name over what they have chosen since. None where no round is
    open to answer: the command's own refusal says so."""
    try:
        rnd, schedule = await _round_to_answer(app, ev)
    except UserError:
        return None
    mine = await app.store.rounds.response_of(rnd.id, ev.actor.user_id)
    return Pinned(_("Your answer in {name}").format(name=schedule.name), _answer_version(rnd, mine))


def _answer_version(rnd: Round, mine: Response | None) -> str:
    """Which answer, as it is now, a confirmation of `checkin answer` was asked about (`_answer_pin`)."""
    state = "none" if mine is None else \
        f"{mine.id}:{utc_iso(mine.updated_at)}:{mine.mood}:{mine.visibility}:{_digest(mine.text)}"
    return f"{rnd.id}:" + hashlib.sha256(state.encode("utf-8")).hexdigest()[:16]


async def _round_to_answer(app: "Hearth", ev: Event) -> tuple[Round, Schedule]:
    open_now = await rounds_open_in(app, ev.actor.community_id)
    if "schedule" in ev.args:
        wanted = await schedule_named(app, ev.actor, ev.args["schedule"], "schedule")
        others = [s.name for _r, s in open_now if s.id != wanted.id]
        open_now = [(r, s) for r, s in open_now if s.id == wanted.id]
        if not open_now and others:  # (not "no check-in open": another is)
            raise UserError(_("**{name}** isn't open right now. Open now: {open}."), name=wanted.name,
                            open=", ".join(others), field="schedule")
    if not open_now:
        raise UserError(_("There's no check-in open right now. **checkin status** shows when the next one is."))
    if len(open_now) > 1:
        names = ", ".join(s.name for _r, s in open_now)
        raise UserError(_("More than one check-in is open ({names}). Add which one, e.g. `schedule={name}`."),
                        names=names, name=_typed_name(open_now[0][1].name), field="schedule")
    return open_now[0]


def _typed_name(name: str) -> str:
    """A check-in's name as it can be typed after `schedule=` and read back whole: in quotes if it has a space."""
    return f'"{name}"' if " " in name else name


def answer_form(app: "Hearth", rnd: Round, schedule: Schedule, mood: str | None, previous: Response | None,
                typed: dict[str, str] | None = None) -> Reply:
    """The answer form; what was `typed` before (words, a choice) comes back filled in, ahead of a past answer."""
    typed = typed or {}
    vis_labels = tuple(Choice(v, app.content.text(f"visibility.{v}")) for v in VISIBILITIES)
    moods = tuple(Choice(str(m), app.content.mood_label(m)) for m in range(1, 6))
    default_mood = mood or (str(previous.mood) if previous else None)
    words = typed.get("words") or (previous.text if previous else None)
    visibility = typed.get("visibility") or (previous.visibility if previous else "private")
    form = Form(
        title=_("Check in"),
        action="checkin.submit",
        args={"round": str(rnd.id)},
        fields=(
            FormField("mood", _("How are you, 1 to 5?"), "choice", choices=moods, default=default_mood),
            FormField("words", _("Anything you'd like to say?"), "paragraph", required=False,
                      max_length=MAX_ANSWER_CHARS, default=words),
            FormField("visibility", _("Who sees your words?"), "choice", choices=vis_labels, default=visibility),
        ),
        submit_label=_("Check in"),
    )
    return Reply(body=rich("**{}**: {}", schedule.name, round_prompt_in(app, rnd)), form=form)  # (as the DM had it)


@router.action("checkin.mood", reads_only=True)  # (it opens the answer form: its Send saves)
async def mood_pressed(app: "Hearth", ev: Event) -> Reply:
    rnd, schedule = await _round_by_id(app, ev)
    previous = await app.store.rounds.response_of(rnd.id, ev.actor.user_id)
    return answer_form(app, rnd, schedule, ev.args.get("mood"), previous)


@router.action("checkin.submit")
async def form_submitted(app: "Hearth", ev: Event) -> list[Reply]:
    rnd, schedule = await _round_by_id(app, ev)
    return await save_answer(app, ev, rnd, schedule, ev.values.get("mood", ""), ev.values.get("visibility", ""),
                             ev.values.get("words", ""))


async def _round_by_id(app: "Hearth", ev: Event) -> tuple[Round, Schedule]:
    rnd = await app.store.rounds.get(as_id(ev.args.get("round")))
    schedule = await app.store.schedules.get(rnd.schedule_id) if rnd else None
    if rnd is None or schedule is None or schedule.community_id != ev.actor.community_id:
        raise UserError(_("I couldn't find that check-in round. It may have been removed."))
    if rnd.closed_at is not None or rnd.closes_at <= app.now():
        raise UserError(_(ROUND_CLOSED))
    return rnd, schedule


#: An answer's visibility in words, as `checkin status` names it.
VISIBILITY_WORDS = {"shared": N_("shared"), "anonymous": N_("anonymous"), "private": N_("private")}

ROUND_CLOSED = N_("This check-in round has closed, so answers can't be added or changed. "
                "Thank you for looking in — the next one is in **checkin status**.")


async def save_answer(
    app: "Hearth", ev: Event, rnd: Round, schedule: Schedule, mood_text: str, visibility: str, words: str,
    as_chosen: bool = False,
) -> list[Reply]:
    """Save (or change) the person's answer. No visibility given: a first answer is private, and a changed one
    keeps the one it had (changing the words never takes a shared post down, or puts one up, unasked). Words that
    would go up (shared or anonymous) and sound heavy are held back, saved private, until the member chooses
    (`_hold`), and so are words that tell someone else to hurt themselves, which are never offered to go up
    (`DIRECTED`); `as_chosen`: they just did, with the button that posts them.

    Written where others read them, with the member's name (`Event.seen`: an @mention in a channel), the words are
    never posted anonymously (an anonymous post beside the named message would tell whose it is): an answer that
    would be anonymous is saved private, and the reply says so, and says the message is still there. Words the same
    as the member's own anonymous post in this round, to go up with their name, are asked about first
    (`NAMES_THE_ANONYMOUS`): nothing changes unless they confirm."""
    mood = _mood(mood_text)
    visibility = visibility.strip().lower()
    if visibility and visibility not in VISIBILITIES:
        raise not_a_choice(VISIBILITY_OPTION, visibility)
    words = words.strip()
    if len(words) > MAX_ANSWER_CHARS:
        raise UserError(_("Your words are {length} characters; the most I can keep is {limit}. "
                          "Could you shorten them a little? Nothing was saved yet.").format(
                            length=len(words), limit=MAX_ANSWER_CHARS), field="words")
    # Words typed ending in a visibility ("… last night. shared") almost surely meant it: never guessed silently.
    ending = trailing_visibility(words) if ev.kind == "command" and not visibility else None
    safer = False
    if ending is not None:
        previous = await app.store.rounds.response_of(rnd.id, ev.actor.user_id)
        if OPENNESS[ending[0]] < OPENNESS[previous.visibility if previous else "private"]:
            visibility, safer = ending[0], True  # (of the two, the one fewer people see)
    before = await app.store.rounds.response_of(rnd.id, ev.actor.user_id)
    wanted = visibility or (before.visibility if before else "private")
    # Written where others read them, with their name: remembered (a digest, never the words), so that these words
    # are never posted anonymously later either (`_seen_with_name`); an answer that would be anonymous is private.
    in_sight = ev.seen
    if in_sight and words:
        await app.store.outbox.first_time_event(_seen_key(app, rnd, ev, words), app.now())
    unmasked = in_sight and wanted == "anonymous"
    if unmasked:
        visibility = "private"
    if wanted == "shared" and words and not as_chosen and ev.args.get("confirmed") != "yes" and \
            await _was_anonymous_post(app, rnd, ev, before, words):
        return [_ask_before_naming(app, ev, rnd, schedule, before, mood, words)]
    held, directed = (None, False) if as_chosen else await _hold(app, rnd, ev, visibility, words)
    seen = await _seen_with_name(app, rnd, ev, visibility, words)
    if held is None and seen and not as_chosen:
        held = "anonymous"  # (kept private until they choose, knowing: `SEEN_NAMED`)
    if held is not None:
        visibility = "private"  # (saved, never lost; posted only if they press for it)
    posted_in = round_language(app, rnd, await app.channel_language(ev.actor.community_id))  # (the round's own)
    with speaking(posted_in):
        name = await posted_name(app, ev.actor)

    def outgoing(resp: Response, prev: Response | None) -> list[Outgoing]:
        with speaking(posted_in):  # the named post is the channel's, in the community's language
            return answer_messages(app, rnd, resp, prev, name)

    batching = anonymous_batching(app, rnd, anonymity_floor(app, await app.ensure_community(schedule.community_id)),
                                  posted_in)
    try:
        response, previous = await app.store.rounds.save_response(rnd.id, ev.actor.user_id, mood, words,
                                                                  visibility or None, app.now(), outgoing, batching,
                                                                  held_for=None if directed else held)
    except RoundClosed:
        raise UserError(_(ROUND_CLOSED)) from None
    if held is None and not unmasked:  # (saved as they chose: an anonymous answer kept private was not)
        words_kept(words)
    visibility = response.visibility  # (as saved: kept from before, if none was given)
    answer_saved(visibility, held is not None, rnd.channel_id)
    # (an anonymous post already up, its words changed: the edit waits for its batch, `Batching`; not "if too few".
    # Only once sent: one queued with a batch for the tick can still be taken back, and then the promise holds)
    edits_out = visibility == "anonymous" and previous is not None and previous.visibility == "anonymous" and \
        not seen and await app.store.rounds.anonymous_post_up(previous.id)
    # Anonymous words go up with a batch, later, or never (too few before the close): not "shared" until they are.
    phrase = {"shared": _("shared with the group"), "private": _("kept private"),
              "anonymous": _("shared anonymously") if edits_out else _("waiting to be shared anonymously")}
    # A gentle word after a run of low moods, if they asked: once, as the run is reached (a changed answer reaches it
    # only if it was not low before: changing its words, or how low, said it again).
    reaches = previous is None or previous.mood > app.config["safety.low_mood_max"]
    low_moods = await after_answer(app, ev.actor) if reaches else []
    # Beside a care reply (their words', or that word), no cheerful thanks: plainly where the answer went.
    thanks = fill(_("Your answer is {visibility_phrase}.") if cared() or low_moods or held or as_chosen
                  else app.content.text("checkin.thanks"), visibility_phrase=hearth_text(phrase[visibility]))
    if previous and (previous.mood, previous.visibility, previous.text) == (response.mood, response.visibility,
                                                                               response.text):
        thanks = rich(_("That was your answer already, so nothing changed.") + " ") + thanks  # (never "Updated.")
    elif previous:
        thanks = rich(_("Updated.") + " ") + thanks
    # (an anonymous post that never went out, its batch not gone yet, is withdrawn, not "coming down")
    was_out = previous is not None and previous.visibility == "anonymous" and visibility != "anonymous" and \
        await app.store.rounds.anonymous_post_out(previous.id)
    shows = _when_anonymous_shows(visibility, previous, seen, was_out, held is not None,
                                  edited_out=edits_out and not _same_words(previous.text, response.text),
                                  kept_out=edits_out and _same_words(previous.text, response.text),
                                  in_sight=in_sight)
    if unmasked:  # (asked anonymous, kept private: why, and that their message is still where they wrote it)
        shows += rich(" ") + fill(_(SEEN_ANONYMOUS), channel=written_in(ev))
    elif in_sight and visibility == "private":
        shows += rich(" ") + fill(_(STILL_THERE), channel=written_in(ev))
    replies = [Reply(body=thanks + shows)]
    if held is not None:
        said = thanks + shows
        if previous is not None and previous.visibility == "shared":  # (its post is taken down: `answer_messages`)
            said += rich(" " + _("Your earlier post with your name is coming down for now."))
        named = held == "anonymous" and await names_them_to_moderators(app, ev.actor)
        why = DIRECTED if directed else SEEN_NAMED if seen else HELD
        if in_sight:  # (their message holds them where others read: never "only you can see them")
            why = DIRECTED_IN_SIGHT if directed else HELD_IN_SIGHT
        replies = [_held_offer(app, rnd, ev, response, held, said, why, named, postable=not directed,
                               in_sight=in_sight)]
    if ending is not None and held is None and (safer or ending[0] != visibility) and \
            not (in_sight and ending[0] == "anonymous"):  # (never offered: words in sight are never anonymous)
        replies.append(_ending_note(app, rnd, ev, ending, safer))
    return replies + low_moods


# -- words that sound heavy, held back from a post until the member chooses ------------------------------

#: Said after such words were saved private instead of going up as chosen: plainly what happened, and the choice.
HELD = N_("These words sound heavy, so I haven't posted them in {channel}: they're saved, and for now only you can "
          "see them. If you'd still like them to go up as you chose, press **{post}**; if not, **{keep}**. Until "
          "you choose, they stay private, also if the round closes first.")
POST_SHARED, POST_ANONYMOUS = N_("Post them with my name"), N_("Post them anonymously")
#: Said with the offer to post heavy words anonymously when a care note naming the member goes (or went) to the
#: moderators for them (`names_them_to_moderators`): the note has no words, but words like these, up the same day,
#: may tell the moderators whose they are. "Will know": the note goes on the clock's next tick, later on purpose
#: (so it can't be matched to an anonymous post), or went within its cooldown and stands for these words.
NAMED_TODAY = N_("Before you choose: the moderators will know your name, never your words. If these words go up "
                 "anonymously, they may guess they're yours.")
KEEP_PRIVATE = N_("Keep them private")
#: `HELD` and `DIRECTED` for words written where others read them (`Event.seen`): saved and not posted, but their
#: message is still there, so nothing says "only you can see them" (`STILL_THERE` follows), and Keep says "don't post".
HELD_IN_SIGHT = N_("These words sound heavy, so I haven't posted them in {channel}: they're saved. If you'd still like "
                   "them to go up as you chose, press **{post}**; if not, **{keep}**. Until you choose, they aren't "
                   "posted, also if the round closes first.")
DIRECTED_IN_SIGHT = N_("These words tell someone to hurt themselves, so I haven't posted them in {channel}. If you "
                       "meant something else, you can send different words with **checkin answer**.")
DONT_POST = N_("Don't post them")
#: Said instead of `HELD` when the words tell someone else to kill or hurt themselves ("kys", "go kill yourself"):
#: held, never offered to go up, and no care reply about their writer, whom nothing in them says is in danger.
DIRECTED = N_("These words tell someone to hurt themselves, so I haven't posted them in {channel}: they're saved, "
              "and only you can see them. If you meant something else, you can send different words with "
              "**checkin answer**.")


async def _hold(app: "Hearth", rnd: Round, ev: Event, visibility: str, words: str) -> tuple[str | None, bool]:
    """The visibility heavy words would have gone up with (shared, anonymous), if they are to be held back
    instead (None to save as asked), and whether they tell someone else to hurt themselves (`DIRECTED`: held
    whatever the care screen says of their writer). Screened here, whatever brought them (typed, a form, a button
    that only changed who sees them): the event's own screen misses words a button carries. Not held again: the
    same words already up as they are (a changed mood keeps its post)."""
    previous = await app.store.rounds.response_of(rnd.id, ev.actor.user_id)
    wanted = visibility or (previous.visibility if previous else "private")
    if not words or wanted == "private":
        return None, False
    if previous is not None and previous.visibility == wanted and previous.text == words:
        return None, False
    [result] = await app.content.screen.check_off_loop([words], await reading_of(app, ev.actor))
    if result.directed:
        return wanted, True
    # Any concern holds, the model's gentle word too: it hears something heavy in a few ordinary answers in a hundred,
    # and then a press posts them; but among the words only it hears are plans said plainly ("I don't plan on being
    # around for christmas", trial 19), which must not go up under a name before their writer has seen the support.
    if not result.concern and not cared():
        return None, False
    return wanted, False


#: Said when words already seen with the member's name were to go up anonymously: the batch can't hide whose they
#: are (anyone who saw them knows), so they are kept private until the member chooses, knowing that.
SEEN_NAMED = N_("These same words were already up in {channel} with your name, so anyone who saw them would know an "
                "anonymous post of them is yours. I haven't posted them anonymously: they're saved, and for now only "
                "you can see them. To post them anonymously anyway, press **{post}**; if not, **{keep}**. Or send "
                "different words with **checkin answer**.")


def _same_words(a: str, b: str) -> bool:
    """The same words as anyone reading them would recognise them: spacing and case aside."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


async def _seen_with_name(app: "Hearth", rnd: Round, ev: Event, visibility: str, words: str) -> bool:
    """Would these words go up anonymously though they were up with the member's name in this round (shared now,
    or before: a named post taken down was still seen)? Then no batch hides whose they are."""
    previous = await app.store.rounds.response_of(rnd.id, ev.actor.user_id)
    if not words or previous is None or (visibility or previous.visibility) != "anonymous":
        return False
    if (previous.visibility == "shared" or previous.post_ref) and _same_words(previous.text, words):
        return True
    if await app.store.outbox.seen_event(_seen_key(app, rnd, ev, words)):  # (written in a channel: `Event.seen`)
        return True
    return _shows_words(await app.store.rounds.named_posts_of(previous.id), words)


def _seen_key(app: "Hearth", rnd: Round, ev: Event, words: str) -> str:
    """How words a member wrote to Hearth where others read them (`Event.seen`) are remembered for the round: a
    keyed digest under their own mark (`care_reply_mark`, so `me delete` takes it), never the words; kept as long
    as processed events are (`PROCESSED_EVENTS_DAYS`)."""
    digest = app.store.cipher.fingerprint(ev.actor.community_id, ev.actor.user_id, "seen", str(rnd.id),
                                          " ".join(words.split()).casefold())
    return f"{care_reply_mark(app.store.cipher, ev.actor.community_id, ev.actor.user_id)}seen:{digest}"


#: Said when an answer given where others read it, with the member's name (`Event.seen`), was to be anonymous.
SEEN_ANONYMOUS = N_("You asked for anonymous, but your message is in {channel} with your name, where others can read "
                    "it, so an anonymous post of it would tell them it's yours. I haven't posted it anonymously, and "
                    "won't. You may want to delete your message there.")
#: Said after an answer kept private, or a note kept, that was written where others read it (`Event.seen`).
STILL_THERE = N_("But your message is still in {channel}, where others can read it. You may want to delete it there.")
#: Asked before words the same as the member's own anonymous post go up with their name.
NAMES_THE_ANONYMOUS = N_("Posting these with your name would show that the anonymous post was yours. Until you press "
                         "**{post}**, nothing is posted and your answer stays as it was.")


async def _was_anonymous_post(app: "Hearth", rnd: Round, ev: Event, previous: Response | None, words: str) -> bool:
    """Whether these words are the member's own anonymous post in this round, up (or going up) now or before: with
    their name, they would say whose it was."""
    if previous is None:
        return False
    if previous.visibility == "anonymous" and _same_words(previous.text, words) and \
            await app.store.rounds.anonymous_post_out(previous.id):
        return True
    return _shows_words(await app.store.rounds.anonymous_posts_of(previous.id), words)


def _shows_words(payloads: list[dict[str, Any]], words: str) -> bool:
    """Whether one of these posts (each its heading, then the member's words) showed these words."""
    for payload in payloads:
        shown = reply_from_json(payload).plain().split("\n", 1)
        if len(shown) == 2 and _same_words(shown[1], words):
            return True
    return False


def _ask_before_naming(app: "Hearth", ev: Event, rnd: Round, schedule: Schedule, before: Response | None,
                       mood: int, words: str) -> Reply:
    """"Are you sure?", the way every confirmation asks (`confirmation`): its one button posts them with the member's
    name (the `checkin answer` it carries, confirmed); Cancel, or nothing, leaves the answer as it was. The button
    carries the answer it asks about (`_answer_pin`), whether the question came from the typed command or the
    answer form (an action, which the registry pins nothing of): changed since, it does nothing."""
    cmd = app.registry.commands["checkin answer"]
    asked = Event("command", ev.actor, cmd.name, {"mood": str(mood), "visibility": "shared", "words": words,
                                                  "schedule": schedule.name})
    post = _(POST_SHARED)
    why = fill(_(NAMES_THE_ANONYMOUS), post=hearth_text(post))
    if ev.seen:
        why += rich(" ") + fill(_(STILL_THERE), channel=written_in(ev))
    ask = confirmation(cmd, asked, why, now=app.now(), yes=post)
    pin = _answer_version(rnd, before)
    return replace(ask, buttons=tuple(replace(b, args=b.args | {PIN: pin}) if b.action == "confirm" else b
                                      for b in ask.buttons))


def _digest(words: str) -> str:
    """Which words a held offer's button is for (never the words themselves, which a platform would keep)."""
    return hashlib.sha256(words.encode("utf-8")).hexdigest()[:16]


def _held_offer(app: "Hearth", rnd: Round, ev: Event, response: Response, wanted: str, said: Rich,
                why: str = HELD, named: bool = False, postable: bool = True, in_sight: bool = False) -> Reply:
    """What the member sees when their words were held: where they are (saved, private for now), and one press
    each way. The buttons are theirs alone, work once, and act only on these words (`held_pressed`); Post only on
    the answer as it was offered (`_held_answer`). `named`: a care note with their name goes (or just went) to the
    moderators for these words, so posting them anonymously may not hide whose they are: said before they choose
    (`NAMED_TODAY`). `postable=False`: words never offered to go up (`DIRECTED`): Keep only. `in_sight`: written
    where others read them (`Event.seen`): Keep is "Don't post them", and the message still there is said."""
    keep = _(DONT_POST if in_sight else KEEP_PRIVATE)
    post = _(POST_SHARED if wanted == "shared" else POST_ANONYMOUS)
    args = {"round": str(rnd.id), "visibility": wanted, "words": _digest(response.text)}
    # (Post acts only on the answer as it was offered: changed since by anything, even back to these same words,
    # an older offer's Post is stale, so no reply that says they won't be posted is undone by one: `_held_answer`)
    buttons = (Button(keep, "checkin.keep_private", args | once(app.now()), style="primary"),
               Button(post, "checkin.post_held", args | {"at": utc_iso(response.updated_at)} | once(app.now())))
    if not postable:
        buttons = buttons[:1]
    body = join_rich([said, fill(_(why), channel=channel(rnd.channel_id), post=hearth_text(post),
                                 keep=hearth_text(keep))]
                     + ([fill(_(STILL_THERE), channel=written_in(ev))] if in_sight else [])
                     + ([rich(_(NAMED_TODAY))] if named else []), "\n\n")
    return Reply(body=body, buttons=buttons).shown_to(ev.actor.user_id)


async def _held_answer(app: "Hearth", ev: Event) -> tuple[Round, Schedule, Response]:
    """The answer a held offer's button is for, if it is still those words (and, for Post, still as it was offered);
    else a kind refusal (the answer was changed since: the button is from before, and acts on nothing)."""
    rnd, schedule = await _round_by_id(app, ev)
    mine = await app.store.rounds.response_of(rnd.id, ev.actor.user_id)
    at = ev.args.get("at")  # (Post's: the answer as offered; none on Keep, which never posts)
    if mine is None or _digest(mine.text) != ev.args.get("words") or ev.args.get("visibility") not in VISIBILITIES \
            or (at is not None and at != utc_iso(mine.updated_at)):
        raise UserError(_("Your answer has changed since that message, so I've left it as it is now. "
                          "**checkin status** shows it."))
    return rnd, schedule, mine


@router.action("checkin.post_held")
async def held_pressed(app: "Hearth", ev: Event) -> list[Reply]:
    """Post held words as the member first chose: they saw the care reply and said yes."""
    rnd, schedule, mine = await _held_answer(app, ev)
    return await save_answer(app, ev, rnd, schedule, str(mine.mood), ev.args["visibility"], mine.text,
                             as_chosen=True)


@router.action("checkin.keep_private")
async def keep_private(app: "Hearth", ev: Event) -> Reply:
    """Keep held words private. Still held, they already are. Posted since with the other button (a change of
    mind), they are made private again, and what went up comes down the way any change away from it does: a
    named post at once, an anonymous one with the next batch, or never posted if its batch has not gone yet (also
    when it was queued for the clock's tick: `RoundRepository._take_back_batch`). The reply says which is true."""
    rnd, schedule, mine = await _held_answer(app, ev)
    # (written where others read them, `Event.seen`: not posted, but never "only you can see them")
    in_sight = bool(mine.text) and await app.store.outbox.seen_event(_seen_key(app, rnd, ev, mine.text))
    if mine.visibility == "private":
        await app.store.rounds.settle_held(mine.id)  # (chosen: held no more, `me export`)
        if in_sight:
            return say(_("Okay. I won't post them. You can change that any time with **checkin answer**."))
        return say(_("Okay. They stay private: only you can see them. You can change that any time with "
                     "**checkin answer**."))
    await save_answer(app, ev, rnd, schedule, str(mine.mood), "private", mine.text, as_chosen=True)
    # (asked after saving: a post only queued with its batch for the tick was just taken back, and never goes up;
    # one whose batch is being sent this moment is out, and comes down with a later batch)
    was_out = mine.visibility == "shared" or await app.store.rounds.anonymous_post_out(mine.id)
    said = _("Okay. They won't be posted any more.") if in_sight else \
        _("Okay. They're private now: only you can see them.")
    if mine.visibility == "shared":
        said += " " + _("Your post with your name is coming down.")
    elif was_out and in_sight:
        said += " " + _("Your anonymous post comes down with the next few changes, or when the round closes.")
    elif was_out:
        said += " " + _("Your anonymous post comes down with the next few changes, or when the round closes, so "
                        "nobody can tell it was yours.")
    else:
        said += " " + _("They won't be posted.")
    return say(said)


#: How many people see an answer, by its visibility: of two, the lower is the safer.
OPENNESS = {"private": 0, "anonymous": 1, "shared": 2}
#: Said when an answer's words end in a visibility word that was not taken as one.
ENDS_IN = N_("Your words end in “{word}”. If you meant that as who sees your answer, press the button: I'll make it "
             "so and take “{word}” off your words.")
#: Said when it named fewer people than the answer had, so the answer went that way, to be safe.
ENDS_IN_SAFER = N_("Your words end in “{word}”, so to be safe I've kept your answer that way. Your words are as you "
                   "typed them; the button takes “{word}” off.")
TAKE_OFF = N_("Take “{word}” off")


def trailing_visibility(words: str) -> tuple[str, str] | None:
    """The visibility the words end in, and that ending as typed: exactly a choice ("shared"), in English or in the
    language being spoken ("compartida", "com o grupo": the choices as every platform's menu shows them)."""
    for v in VISIBILITIES:
        for said in dict.fromkeys((v, _(VISIBILITY_WORDS[v]))):
            found = re.search(r"(?:^|\s)(" + re.escape(said) + r")\Z", words, re.IGNORECASE)
            if found:
                return v, found.group(1)
    return None


def _ending_note(app: "Hearth", rnd: Round, ev: Event, ending: tuple[str, str], safer: bool) -> Reply:
    """The offer to take the ending as the visibility it names, with a button that does (theirs alone, once)."""
    visibility, word = ending
    label = _(TAKE_OFF).format(word=word) if safer else app.content.text(f"visibility.{visibility}")
    button = Button(label, "checkin.ending", {"round": str(rnd.id), "visibility": visibility, "word": word}
                    | once(app.now()), style="primary")
    return Reply(body=fill(_(ENDS_IN_SAFER if safer else ENDS_IN), word=word), buttons=(button,)).shown_to(
        ev.actor.user_id)


@router.action("checkin.ending")
async def ending_pressed(app: "Hearth", ev: Event) -> list[Reply]:
    """The visibility the words ended in, taken as meant: set, and the word taken off the words."""
    rnd, schedule = await _round_by_id(app, ev)
    mine = await app.store.rounds.response_of(rnd.id, ev.actor.user_id)
    visibility, word = ev.args.get("visibility", ""), ev.args.get("word", "")
    if mine is None or visibility not in VISIBILITIES:
        raise UserError(_("I couldn't find that check-in round. It may have been removed."))
    words = mine.text
    if word and re.search(r"(?:^|\s)" + re.escape(word) + r"\Z", words):  # (unless changed since)
        words = words[:len(words) - len(word)].rstrip()
    return await save_answer(app, ev, rnd, schedule, str(mine.mood), visibility, words)


def _when_anonymous_shows(visibility: str, previous: Response | None, seen: bool = False,
                          was_out: bool = True, held: bool = False, edited_out: bool = False,
                          kept_out: bool = False, in_sight: bool = False) -> Rich:
    """Anonymous words go up (and come down) in batches: said, so nobody wonders where theirs went. A named post
    already out stays up until then, on purpose (`answer_messages`): said too, so nobody thinks it failed.
    `seen`: these words were up with their name, so nothing hides whose they are, and nothing here says so. An
    anonymous post that never went out (`was_out` False: its batch had not gone) is not said to come down: it
    simply won't be posted. `held`: the words were held back, and the offer that follows can still post them
    (`_held_offer`): so nothing here says "never", only what is so for now; the two messages agree.
    `edited_out`: still anonymous, its post already up, and its words changed: the post is up whatever comes in,
    and shows the new words when the edit's batch goes (with the next few changes, or at the close: changes too few
    still go then, `Batching`). `kept_out`: the same, its words unchanged (a new mood only: posts show none; an edit waiting from before was
    said when it was made). `in_sight`: written where others read it, with their name (`Event.seen`): its post
    comes down, and nothing here says "nobody can tell"."""
    if edited_out:
        return rich(" " + _("Your anonymous post is already up: it shows your new words with the next few changes, "
                            "or when the round closes, so nobody can tell it was yours."))
    if kept_out:
        return rich(" " + _("Your anonymous post is already up, and it never shows a mood."))
    if visibility == "anonymous" and seen:
        return rich(" " + _("They go up with the next few anonymous answers, without a name. These same words were "
                            "up with your name before, so anyone who saw them may know they're yours. If too few come "
                            "in together before the round closes, they aren't posted."))
    if visibility == "anonymous":
        said = _("Anonymous answers go up a few at a time, without a name or a mood, so nobody can tell which is "
                 "yours. If too few come in together before the round closes, they aren't posted.")
        if previous is not None and previous.post_ref:
            said += " " + _("Your earlier post with your name stays up until then, and comes down with them or when "
                            "the round closes, so the timing gives nothing away.")
        return rich(" " + said)
    if previous is not None and previous.visibility == "anonymous" and not was_out and held:
        return rich(" " + _("Your anonymous post hadn't gone up yet, so for now nothing is posted."))
    if previous is not None and previous.visibility == "anonymous" and not was_out:
        return rich(" " + _("Your anonymous post hadn't gone up yet, so it never will."))
    if previous is not None and previous.visibility == "anonymous" and in_sight:
        return rich(" " + _("Your anonymous post comes down with the next few changes, or when the round closes."))
    if previous is not None and previous.visibility == "anonymous" and held:
        return rich(" " + _("For now, your anonymous post comes down with the next few changes, or when the round "
                            "closes, so nobody can tell it was yours."))
    if previous is not None and previous.visibility == "anonymous":
        return rich(" " + _("Your anonymous post comes down with the next few changes, or when the round closes, so "
                            "nobody can tell it was yours."))
    return Rich()


def _mood(text: str) -> int:
    try:
        mood = int(str(text).strip())
    except ValueError:
        mood = 0
    if not 1 <= mood <= 5:
        raise UserError(_("Your mood should be a number from 1 (low) to 5 (great)."), field="mood")
    return mood


def answer_messages(app: "Hearth", rnd: Round, resp: Response, prev: Response | None, name: Rich) -> list[Outgoing]:
    """What an answer's named post does at once: goes up, changes, or comes down.

    Only a shared answer has one. Its anonymous side is never this post edited (everyone who saw the name,
    and the platform's edit history, would know whose the words are): it is a post of its own, which waits
    for the round's next batch (`rounds.anonymous_batching`); so does the named post's removal, when it is out.
    """
    if prev is not None and (prev.mood, prev.visibility, prev.text) == (resp.mood, resp.visibility, resp.text):
        return []  # the same answer again: nothing changes on the post either (trial 19: it showed "(updated)")
    key = f"resp:{resp.id}:{uuid.uuid4().hex}"  # every change is its own message, even within a second
    # Named: shared, or gone anonymous with its named post still up, waiting for the batch (below).
    # (A named post the platform refused for good never went up: a change of the answer tries a new one.)
    was_named = prev is not None and (prev.visibility == "shared" and not prev.refused or prev.post_ref is not None)
    # The named post already out, or (still on its way) the answer's, to be found once it is out.
    where = {"channel": rnd.channel_id, "ref": prev.post_ref} if was_named and prev.post_ref else \
        {"channel": rnd.channel_id, "response": resp.id}
    if resp.visibility != "shared":
        if not was_named:
            return []
        if resp.visibility == "anonymous" and prev is not None and prev.post_ref:
            # Taken down with the batch that carries the anonymous words (`rounds.anonymous_messages`), not now:
            # gone the moment before they show, it would tell whose they are.
            return []
        return [Outgoing(key + ":delete", "delete", where, reply_to_json(Reply()), response_id=resp.id)]
    head = rich("**{}** · " + app.content.mood_label(resp.mood), name)
    body = head + rich("\n{}", resp.text) if resp.text else head
    payload = reply_to_json(Reply(body=body, visibility="channel"))
    if was_named:
        return [Outgoing(key + ":edit", "edit", where, payload, response_id=resp.id)]
    return [Outgoing(key + ":post", "thread", {"channel": rnd.channel_id, "round": rnd.id}, payload,
                     rnd.id, resp.id)]
