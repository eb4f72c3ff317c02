"""Hearth itself: the store, the content, the clock and the registry, wired once.

Adapters hold one `Hearth` and call `handle(event)`; the scheduler and the
outbox hang off it too. Nothing here knows which platform is speaking.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.clock import Clock, SystemClock
from bot.commands.registry import RUN, Registry, carried_words, closed_unsent, free_words, given_back
from bot.config import Config
from bot.content.library import ContentLibrary
from bot.crypto import note_cipher, prepare_store
from bot.delivery.outbox import Outbox
from bot.errors import FailedAfterCare, UserError
from bot.events import Actor, Event, Form, Reply, reply_to_json, say
from bot.metrics import Metrics
from bot import features, i18n, language
from bot.i18n import N_, _
from bot.flows.crisis_care import (care_anyway, care_for, echoes, newly_of_concern, reading_of, screen, screen_refused,
                                   typed_line, watch_kept_words, without_echoes, words_carried)
from bot.flows.moderate_schedules import usual_durations
from bot.models import Community, Member, OutboxEntry, Outgoing, Participant, Round, Schedule
from bot.platform_moderators import PlatformModerators, PlatformWord
from bot.ratelimit import MemberRateLimiter
from bot.disk import is_disk_full
from bot.store import member_data
from bot.store.store import Store

if TYPE_CHECKING:
    from bot.channels import ChannelDirectory
    from bot.scheduling.runner import RoundScheduler

#: Invisible control characters (bar tab and newline) never mean anything typed on purpose,
#: and PostgreSQL cannot store NUL: they are dropped as text comes in.
_CONTROLS = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


def without_controls(event: Event) -> Event:
    def clean(d: dict[str, str]) -> dict[str, str]:
        return {k: v.translate(_CONTROLS) for k, v in d.items()}

    if not event.args and not event.values:  # most buttons and many commands: nothing typed to clean
        return event
    return dataclasses.replace(event, args=clean(event.args), values=clean(event.values),
                               line=event.line.translate(_CONTROLS))

log = logging.getLogger(__name__)

#: The name of the event a typed line refused before it ran becomes (`Hearth.refused_line`): no command has it.
TYPED_LINE = ""

SLOW_DOWN = N_("That's a lot at once, so I've paused for a moment and didn't do that last one. "
             "Give it a minute, then try it again.")
#: Every refused event gets an answer (silence would look like a lost command, and Discord would say "Okay."),
#: the long one once a window, then this.
STILL_PAUSED = N_("Still paused for a moment, so I didn't do that one either. Try again in a minute.")
#: The disk under the database is full: nothing is saved now, nothing saved before is lost.
NO_ROOM = N_("I couldn't save that just now: the place I keep things is full. Everything saved before is safe. "
           "Please try again a little later.")
#: A command, button or form that failed unexpectedly (a bug, a dropped database connection): part of it may have
#: been done before it failed, so it claims neither way ("nothing was changed" could be untrue, and "try again"
#: could do it twice), and asks the person to check. Said here for a typed command that carried the person's
#: writing, with their words given back; by the adapters (Discord, Slack, the terminal) for the rest, with a
#: form's words given back where the platform keeps them nowhere else. Words of concern in it get the care reply
#: first all the same (`care_anyway`; for the adapters' apology, carried on `FailedAfterCare`).
NOT_SURE = N_("Sorry — something went wrong on my side, and I can't tell whether that went through. Please check "
              "before you try it again.")
#: Told once (on their next interaction, anywhere) after a sender found the member's DMs closed.
DMS_CLOSED_NOTICE = N_("**I couldn't send you a direct message.** Your DMs look closed to me, so I've stopped trying: "
                     "check-in prompts and reminders won't reach you by DM for now. If you'd like them, allow direct "
                     "messages from me in your privacy settings, then run **checkin join** again and I'll start "
                     "sending them.")


@dataclass
class Hearth:
    config: Config
    store: Store
    content: ContentLibrary
    clock: Clock = field(default_factory=SystemClock)
    registry: Registry = field(default_factory=features.registry)
    outbox: Outbox = field(init=False)
    scheduler: "RoundScheduler | None" = None
    limiter: MemberRateLimiter = field(init=False)
    #: Whether the platform still says someone moderates (`bot.platform_moderators`), each adapter's port.
    platform_word: PlatformWord = field(default_factory=PlatformWord)
    #: Since a write last failed for a full disk (None: there is room), so the operator hears once per episode.
    disk_full_since: datetime | None = None
    metrics: Metrics = field(default_factory=Metrics)
    #: Each platform's answer to whose a channel is (`bot.channels`), registered by its adapter.
    channel_directories: "dict[str, ChannelDirectory]" = field(default_factory=dict)
    #: The rounds (schedule, fire time) that found no prompt to open with (`bot.engines.rounds.open_rounds`): tried
    #: again while they may still open (a theme switched back on), and said in the log once each, not at every try.
    no_prompt_for: set[tuple[int, datetime]] = field(default_factory=set)

    def __post_init__(self) -> None:
        i18n.years_from(self.clock.now)  # (a date in another year than the clock's is written with its year)
        self.outbox = Outbox(self.store.outbox, self.clock, self.config["delivery.max_attempts"],
                             lease=timedelta(seconds=self.config["delivery.lease_seconds"]))
        self.outbox.metrics = self.metrics
        self.outbox.refusals = self._refused_answer  # (a member's words the platform wouldn't post: they're told)
        self.outbox.change_refusals = self._refused_change  # (nor change, nor take down: told too)
        self.store.cipher = note_cipher(self.config)
        self.limiter = MemberRateLimiter(self.clock, self.config["limits.events_per_minute"])
        self.registry.facts.update(usual_durations(self.config))  # (help says this Hearth's defaults)

    async def _refused_answer(self, entry: OutboxEntry, reason: str, not_allowed: bool) -> list[Outgoing]:
        from bot.engines.rounds import refused_notes  # (the engines import the app's types)
        return await refused_notes(self, entry, reason, not_allowed)

    async def _refused_change(self, entry: OutboxEntry, reason: str, not_allowed: bool) -> list[Outgoing]:
        from bot.engines.rounds import change_refused_notes
        return await change_refused_notes(self, entry, reason, not_allowed)

    @classmethod
    async def open(cls, config: Config, clock: Clock | None = None, registry: Registry | None = None) -> "Hearth":
        """With `registry`, only what it composes (a test's own routers); else every feature in `bot.features`."""
        clock = clock or SystemClock()
        store = await Store.open(config["database_url"] or config.sqlite_path, clock, config["database_pool_size"])
        try:
            i18n.load_all()  # every language's catalog, read now: a broken one stops Hearth before anyone is answered
            content = ContentLibrary.load(config["content_dir"] or None, config["safety.model"])
            app = cls(config, store, content, clock, registry or features.registry())
            await prepare_store(store)  # the key opens what is stored, and every private word is sealed
            return app
        except BaseException as err:
            await store.close()  # e.g. a bad key or content: don't leave the database open
            if (damage := store.damage(err)) is not None:  # (a SQLite file damaged past the pages opening read)
                raise damage from None
            raise

    async def close(self) -> None:
        await self.store.close()

    # -- events ---------------------------------------------------------------

    async def refused_line(self, actor: Actor, line: str, refusal: Reply, event_id: str | None = None,
                           seen: bool = False) -> list[Reply]:
        """A typed line refused before it could run (`parse_line`: "checkin answer 7 …", a value in no option's
        place): still screened, as everything typed to Hearth is, and answered with care first. An adapter that
        parses a line itself hands its refusal here rather than showing it. `seen`: the line is a message where
        others read it (`Event.seen`: a care note then says "a message", not "a command")."""
        event = Event("command", actor, TYPED_LINE, {"line": line}, event_id=event_id, typed=True, seen=seen)
        return await self.handle(event, refusal=refusal)

    async def screened_step(self, actor: Actor, text: str, form: Form | None = None,
                            refusal: Reply | None = None) -> list[Reply]:
        """Words typed at a step of a form or a question that can't take them (a choice that is none of the choices,
        "yes or no?" answered with a sentence): screened as everything typed to Hearth is, and answered with care
        when they raise concern. `refusal`: what the step says of an answer it can't take ("That isn't one of the
        choices"): it comes after the care reply, never in place of it, in Hearth's words only when words of concern
        are in it (`without_echoes`: its `Reply.calm`, else "Could you look at this part again?"), and alone when
        they raise none. Nothing says the words were kept: nothing was. The adapter then asks the step again.
        `form`: the form whose step it is, for what a care note may say of where (`crisis_care.where_of`: of a
        check-in's form, nothing)."""
        asked = [refusal] if refusal is not None else []
        event = without_controls(Event("command", actor, TYPED_LINE, {"line": text}, typed=True))
        if not text.strip():
            return asked
        i18n.use(await self.language_of(actor))
        watch_kept_words()  # (this step's own: nothing of an event before it, an answer saved then, carries over)
        screened = await screen(self, event)
        care = await care_for(self, event, (), screened, step_of=form)
        if care:
            self.outbox.kick()
            asked = without_echoes(asked, screened, form=True, values={r.field: text for r in asked if r.field})
        return self._counted(care + asked)

    async def edited_line(self, actor: Actor, before: str | None, after: str, message: str) -> list[Reply]:
        """A message written to Hearth (a mention, a DM), edited: the edit is screened as every line typed to Hearth
        is, and gets the care reply when it newly raises concern (`newly_of_concern`: "see you" edited into "I want
        to die"), once per message; nothing otherwise. It is never run as a command again: what the message asked
        was answered when it came. `before`: its words before the edit, where the platform says (else None);
        `message`: the message's id on its platform."""
        after = after.translate(_CONTROLS)
        before = before.translate(_CONTROLS) if before is not None else None
        i18n.use(await self.language_of(actor))
        if await newly_of_concern(self, actor.community_id, actor.user_id, before, after, message,
                                  await reading_of(self, actor)) == "ok":
            return []
        # (an edit is of a message: in a channel, where others read it, or in their DM with Hearth)
        event = Event("command", actor, TYPED_LINE, {"line": after}, typed=True, seen=not actor.in_dm)
        care = await care_for(self, event, (), await screen(self, event))
        if care:
            self.outbox.kick()
        return self._counted(care)

    async def closed_form(self, actor: Actor, name: str, word_fields: "list[str] | tuple[str, ...]",
                          typed: dict[str, str]) -> list[Reply]:
        """A form the person closed without sending it, where the platform says what was typed in it (Slack, for a
        form opened with `notify_on_close`; the terminal, for one left with `cancel` or another line): Hearth asked
        to be told, so what is typed there reaches it, and is screened as every text is (the care reply first, when it raises concern; not again for words answered a
        moment ago, when the same form was sent and refused; and no note to the moderators: they chose not to send
        them). Then their own writing (`word_fields`) comes back,
        as nothing was saved (`closed_unsent`). Nothing is run, and nothing when nothing was typed."""
        typed = {k: v.translate(_CONTROLS) for k, v in typed.items() if v.strip()}
        if not typed:
            return []
        try:
            i18n.use(await self.language_of(actor))
        except Exception:
            pass  # (the platform's language, as the adapter set it: their words come back all the same)
        event = Event("form", actor, name, {}, typed)
        # (not sent: no note; and a screen that fails never costs them their words back: `care_anyway`)
        care = await care_anyway(self, event, note=False, again=False)
        back = closed_unsent(word_fields, typed)
        if care:
            self.outbox.kick()
        return self._counted([*care, *([back] if back is not None else [])])

    async def typed_not_run(self, actor: Actor, typed: dict[str, str]) -> list[Reply]:
        """What someone typed in something Hearth can't run: a form it can no longer read (it expired, or is no form
        Hearth knows: another version's), a slash command the platform couldn't hand over (one Hearth no longer has).
        Nothing in it is run, but it is screened all the same, as every text is, and gets the care reply when it
        raises concern (`care_anyway`); no note to the moderators, as Hearth can't tell what the words were for.
        Nothing when nothing was typed or nothing raises concern. Never raises."""
        typed = {k: v.translate(_CONTROLS) for k, v in typed.items() if v.strip()}
        if not typed:
            return []
        try:
            i18n.use(await self.language_of(actor))
        except Exception:
            pass  # (the platform's language, as the adapter set it)
        care = await care_anyway(self, Event("form", actor, TYPED_LINE, {}, typed), note=False)
        return self._counted(care)

    async def handle(self, event: Event, *, paced: bool = True, session: str | None = None,
                     refusal: Reply | None = None) -> list[Reply]:
        """Run one event from an adapter and return what to show; on a full disk, a kind refusal.

        `paced=False`: the adapter paces this kind of event itself and it only reads (the dashboard's page
        views, which cost the platform nothing), so it doesn't spend the member's per-minute budget.
        `session`: the dashboard session (its hash) the event came through: it spends that session's budget,
        not the member's chat one (`MemberRateLimiter.check`)."""
        try:
            replies = await self._handle(event, paced, session, refusal)
        except Exception as err:
            # What they wrote reached Hearth: words of concern are answered with care first, whatever broke.
            care = await self._care_despite(event)
            if is_disk_full(err):
                return self._counted(care + self._words_back(event, await self._no_room(event)))
            if not self._typed_words(event) and not (care and event.typed):
                if care:  # (the adapter apologises in its own way, after the care replies this carries)
                    raise FailedAfterCare(care) from err
                raise  # (the adapter apologises in its own way; nothing typed is lost)
            # Nothing on the person's screen keeps a typed line: their words come back with the apology. A line with
            # words of concern is answered here too, whatever it was (a message to Hearth that is no command: not
            # every adapter apologises for a message, and the care reply must not wait on one that does).
            log.exception("%s %s failed; the person's words are given back", event.kind, event.name or "line")
            return self._counted(care + self._words_back(event, [say(_(NOT_SURE), error=True, why="broke")]))
        if self.disk_full_since is not None and not self.registry.reads_only(event):
            self.disk_full_since = None
            log.warning("the database can be written again: Hearth takes changes again")
        return self._words_back(event, replies)

    async def _care_despite(self, event: Event) -> list[Reply]:
        """The care replies for an event that failed unexpectedly (`care_anyway`), in the person's language
        where it can still be read; never raises, so nothing hides the apology that follows."""
        event = without_controls(event)
        try:
            i18n.use(await self.language_of(event.actor))
        except Exception:
            pass  # (the language as far as the event got: the care reply is said all the same)
        # A crisis raises the moderators' note as on any event: the person chose to send these words (unlike a form
        # closed unsent, `closed_form`), and the failure is Hearth's own.
        care = await care_anyway(self, event)
        if care:
            self.outbox.kick()  # (a care note to the moderators, if one was made)
        return care

    def _words_back(self, event: Event, replies: list[Reply]) -> list[Reply]:
        """A typed command refused for any reason (too long, no round open, too fast, a full disk): its refusal
        gives the person's own words back, as nothing on their screen keeps them (`Event.typed`)."""
        refused = next((i for i, r in enumerate(replies) if r.error), None)
        words = [w for w in self._typed_words(event) if not echoes(w)] if refused is not None else []
        if refused is None or not words:
            return replies
        if event.line.strip():  # (a line typed: all of it after the command's name, as typed: `Event.line`)
            words = [event.line.strip()]
        return [*replies[:refused], given_back(replies[refused], words), *replies[refused + 1:]]

    def _typed_words(self, event: Event) -> list[str]:
        """The person's own writing in a typed command (`Event.typed`), which only Hearth can give back; or carried
        by a confirmation's button (an expired "Yes, go ahead" must not lose the prompt it was for)."""
        if event.kind == "action" and event.name == "confirm":
            return carried_words(self.registry, event)
        cmd = self.registry.commands.get(event.name) if event.typed and event.kind == "command" else None
        return free_words(cmd, event.args) if cmd is not None else []

    async def _no_room(self, event: Event) -> list[Reply]:
        if self.disk_full_since is None:
            self.disk_full_since = self.clock.now()
            log.error("the disk under the database is full: Hearth refuses changes (members are told) until "
                      "there is room again; nothing already stored is lost. Free some space on %s.",
                      self.store.db.path)
        if event.event_id:  # so a platform's retry is heard once there is room
            try:
                await self.store.outbox.forget_event(event.event_id)
            except Exception:
                pass
        return [say(_(NO_ROOM), error=True, why="no_room")]

    async def _handle(self, event: Event, paced: bool = True, session: str | None = None,
                      refusal: Reply | None = None) -> list[Reply]:
        event = without_controls(event)
        # Everything made for this event (and what the adapter adds as it renders the replies, later in this
        # task) is in the language of the person who acted; a channel post inside says `speaking` its own.
        kept = watch_kept_words()  # what the flow really saves of the person's words, for the care reply
        self.metrics.add("events", event.kind)
        paced = paced or not self.registry.reads_only(event)  # (only a read may go unpaced: a change always spends)
        verdict = self.limiter.check(event.actor.community_id, event.actor.user_id, session) if paced else "ok"
        if verdict != "ok":
            i18n.use(await self.language_of(event.actor))
            log.info("rate limit reached for a member in %s", event.actor.community_id)
            self.metrics.add("rate_limited")
            # Even a member over the limit is heard if their words suggest they may be in danger.
            care = await care_for(self, event)
            wait = self.limiter.wait(event.actor.community_id, event.actor.user_id, session)
            return self._counted(care + [say(_(SLOW_DOWN) if verdict == "first_refusal" else _(STILL_PAUSED),
                                             error=True, retry_after=wait)])
        # A command that only reads is harmless when repeated and finds (or first makes) the member
        # itself, so it writes nothing here: no dedupe row, no member upsert.
        # The same for a change that writes only what is nobody's (`Command.keeps_no_member`): no member upsert.
        reads_only = self.registry.reads_only(event)
        if not reads_only and await self._repeated(event):
            log.info("ignored a repeated delivery of event %s", event.event_id)
            return []
        made = False  # (someone met for the first time by this event: if it is refused, nothing of them stays)
        if not self.registry.keeps_no_member(event):
            member, made = await self.store.communities.met(event.actor, self.clock.now())
            if (not event.actor.display_name.strip() or not event.actor.from_platform) and member.display_name \
                    and member.display_name != event.actor.display_name:
                # the platform couldn't say just now, or it isn't its word now (a dashboard session's, kept from
                # when its link was made): the newest name the platform gave, as kept
                named = dataclasses.replace(event.actor, display_name=member.display_name)
                event = dataclasses.replace(event, actor=named)
            i18n.use(await self.language_of(event.actor, member))  # (the row just written: no read for it)
        else:
            i18n.use(await self.language_of(event.actor))
        screened = await screen(self, event)  # first: a flow's reply after a care reply is calm (`cared`)
        try:
            replies = [refusal] if refusal is not None else await self.registry.dispatch(self, event)
        except UserError as err:
            replies = [err.reply()]
        screened = await screen_refused(self, event, screened, replies)  # (a choice refused is words, screened too)
        refused = bool(replies) and all(r.error for r in replies)
        if event.event_id and not reads_only and refused:
            # Refused, so nothing was done: the same event sent again (a dashboard form put right and sent back
            # with its nonce, a platform's redelivery) is heard again, never answered "I did it once".
            await self.store.outbox.forget_event(event.event_id)
        care = await care_for(self, event, kept, screened)
        calm = without_echoes(replies, screened, typed_line(self, event), form=event.kind == "form",
                              values=self._option_values(event), support=event.name == "support",
                              left_out=self._left_out(event))
        if not care and not calm and replies:  # said again, to nothing else that answers it: answered again
            care = await care_for(self, event, kept, screened, again=True)
        await words_carried(self, event, screened, replies)  # (a form that keeps their words: one care reply)
        replies = care + calm
        if not any(r.form for r in replies) and \
                await self.store.communities.take_dm_closed_notice(event.actor.user_id):  # once, on any platform
            replies.append(say(_(DMS_CLOSED_NOTICE)))
        if made and replies and all(r.error or r.unchanged for r in replies):  # (refused, or nothing to do)
            await self._forget_if_nothing_held(event.actor)
        log.info("%s %s by %s in %s: %d repl%s", event.kind, event.name, event.actor.user_id,
                 event.actor.community_id, len(replies), "y" if len(replies) == 1 else "ies")
        if care or not reads_only:  # care may have alerted the moderators: send that now
            self.outbox.kick()
        return self._counted(replies)

    async def _forget_if_nothing_held(self, actor: Actor) -> None:
        """Someone first met on an event that was refused (`checkin answer` with nothing open, a timezone that
        doesn't exist) or had nothing to do (`Reply.unchanged`): nothing was done, so, as after a read, no record
        of them stays, unless something about them is held by now (a refused moderator command noted in the audit
        log, a care note about their words, another event of theirs that did something). Never raises: the
        refusal is what they are told."""
        try:
            s = await member_data.summary(self.store, actor.community_id, actor.user_id)
            if not any((s.memberships, sum(s.answers.values()), s.notes, s.reflections, s.moderator_actions,
                        s.care_notes, s.follow_up_due, s.audit_mentions, s.waiting_messages, s.refused_commands)):
                await self.store.communities.forget_bare(actor.community_id, actor.user_id)
        except Exception:
            log.warning("couldn't forget a member met on a refused event in %s", actor.community_id, exc_info=True)

    def _option_values(self, event: Event) -> dict[str, str]:
        """What a command (typed, or sent as its form: `RUN`) was given for its options, never someone's own words
        (a refusal about those is of their length, whatever they say): for `without_echoes`."""
        form = event.kind == "form" and event.name == RUN
        cmd = self.registry.commands.get(event.args.get("command", "") if form else event.name) \
            if form or event.kind == "command" else None
        given = event.values if form else event.args
        return {o.name: given[o.name] for o in cmd.options if o.kind != "text" and o.name in given} if cmd else {}

    def _left_out(self, event: Event) -> frozenset[str]:
        """The options of a typed command given nothing: for `without_echoes`."""
        cmd = self.registry.commands.get(event.name) if event.kind == "command" else None
        return frozenset(o.name for o in cmd.options if o.name not in event.args) if cmd else frozenset()

    def _counted(self, replies: list[Reply]) -> list[Reply]:
        self.metrics.add("replies", n=len(replies))
        refused = sum(1 for r in replies if r.error)
        if refused:
            self.metrics.add("refusals", n=refused)
        return replies

    async def _repeated(self, event: Event) -> bool:
        return bool(event.event_id) and not await self.store.outbox.first_time_event(event.event_id, self.clock.now())

    def add_channel_directory(self, directory: "ChannelDirectory") -> None:
        """An adapter's `ChannelDirectory`: how Hearth checks a channel a moderator names on its platform."""
        self.channel_directories[directory.platform] = directory

    async def schedules_changed(self) -> None:
        """Keep the scheduler's jobs in step after a moderator changed schedules."""
        if self.scheduler is not None:
            await self.scheduler.sync()

    # -- who is who -------------------------------------------------------------

    async def is_moderator(self, actor: Actor) -> bool:
        """The platform's word, or the community's own list of users and roles."""
        if actor.platform_moderator:
            return True
        listed = set(await self.store.communities.moderators(actor.community_id))
        return actor.user_id in listed or any(f"role:{r}" in listed for r in actor.roles)

    def add_platform_moderators(self, port: PlatformModerators) -> None:
        """An adapter's `PlatformModerators`: how the dashboard asks its platform whether someone still moderates."""
        self.platform_word.add(port)

    async def ensure_community(self, community_id: str) -> Community:
        """The community, made on first sight (a write, the first time)."""
        return await self.store.communities.ensure(community_id, self.clock.now())

    async def ensure_member(self, actor: Actor) -> Member:
        """The member, made (with their community) on first sight."""
        member = await self.store.communities.get_member(actor.community_id, actor.user_id)
        return member or await self.store.communities.upsert_member(actor, self.clock.now())

    async def member_and_memberships(
        self, actor: Actor, open_at: datetime
    ) -> tuple[Member, Community, list[tuple[Schedule, Participant]], list[tuple[Round, Schedule]]]:
        """For `checkin status`, in one query when nothing is open (`Store.member_and_memberships`). A read: someone
        Hearth holds nothing about (new here, or just after `me delete`) is read as a member with nothing set, and
        no row is made for them (the community is, on first sight: it is nobody's data)."""
        member, community, joined, open_now = await self.store.communities.member_and_memberships(
            actor.community_id, actor.user_id, open_at)
        community = community or await self.ensure_community(actor.community_id)
        return member or Member(actor.community_id, actor.user_id, actor.display_name), community, joined, open_now

    async def check_in_names(self, community_id: str) -> list[str]:
        """The check-ins' names here: a typed line's name without quotes is taken whole when it is one of them
        (`bot.commands.parse.parse_line`'s `known`)."""
        return [s.name for s in await self.store.schedules.list_all(community_id)]

    async def timezone_of(self, actor: Actor, member: Member | None = None,
                          community: Community | None = None) -> ZoneInfo:
        """The member's own timezone, else the platform's, else the community's. Only reads: asking which time to
        show a read in makes no member (`me export` after `me delete` must find nothing, and leave nothing)."""
        member = member or await self.store.communities.get_member(actor.community_id, actor.user_id)
        for name in (member.timezone if member else None, actor.timezone, member.platform_timezone if member else None):
            if name:
                try:
                    return ZoneInfo(name)
                except Exception:
                    continue
        community = community or await self.ensure_community(actor.community_id)
        return self.zone_of(None, community)

    def zone_of(self, member: Member | None, community: Community) -> ZoneInfo:
        """Whose time a private message speaks when no event is at hand (a round's DMs, its reminders): the
        same rule as `timezone_of`, so a DM and `checkin status` always agree."""
        for name in (member.timezone, member.platform_timezone) if member else ():
            if name:
                try:
                    return ZoneInfo(name)
                except Exception:
                    continue
        return ZoneInfo(self.in_force(community).settings.default_timezone)

    def in_force(self, community: Community) -> Community:
        """The community with the settings in force here: its own choices, within this Hearth's config, which
        declares each once (`bot.config.SETTINGS`): `summary_floor` never below the config's (a floor the operator
        promises), `retention_days` never above the config's (a cap), and `default_timezone` the config's where
        the community set none. What `mod settings` shows, and what every flow reads."""
        s = community.settings
        return dataclasses.replace(community, settings=dataclasses.replace(
            s, summary_floor=max(s.summary_floor, self.config["checkins.summary_floor"]),
            retention_days=min(s.retention_days, self.config["privacy.retention_days"]),
            default_timezone=s.default_timezone or self.config["checkins.default_timezone"]))

    async def language_of(self, actor: Actor, member: Member | None = None) -> str:
        """The member's own language (`me language`), else their platform's, else the community's, else English
        (`bot.language.choose`). Only reads: asking which language to answer a read in makes no member."""
        return (await self.language_and_source(actor, member))[0]

    async def speak_to(self, actor: Actor) -> str:
        """From here on in this task, speak `actor`'s language: for an adapter that builds something for a person
        outside `handle` (a command's form, a Home tab)."""
        lang = await self.language_of(actor)
        i18n.use(lang)
        return lang

    async def language_and_source(self, actor: Actor, member: Member | None = None) -> tuple[str, str]:
        """The language and where it came from ("own", "platform", "community", "default"). Costs no query with
        the member at hand, nor on most events without (who chose a language is kept in memory, re-read now and
        then; the community's too)."""
        if member is not None:
            own = member.language
        else:
            own = await self.store.communities.chosen_language(actor.community_id, actor.user_id)
        community = None
        if own not in language.LANGUAGES and language.from_locale(actor.locale) is None:
            community = await self.store.communities.language(actor.community_id)
        return language.choose(own, actor.locale, community)

    def member_language(self, member: Member | None, community_language: str | None) -> str:
        """The language of a DM made with no event at hand (a round's): the same rule, with the platform's
        locale as last reported."""
        if member is None:
            return language.choose(None, None, community_language)[0]
        return language.choose(member.language, member.platform_locale, community_language)[0]

    async def channel_language(self, community_id: str) -> str:
        """The language of a channel post: the community's, else English."""
        return language.for_channel(await self.store.communities.language(community_id))

    def today(self, tz: ZoneInfo) -> date:
        return self.clock.now().astimezone(tz).date()

    async def keep_privately(self, actor: Actor, replies: list[Reply], key: str, or_in: str | None = None) -> bool:
        """Of replies an adapter could not show (the platform unreachable, the interaction gone), those that carry
        the person's own words (`Reply.keep`) go to their DM through the outbox, which keeps trying until the
        platform answers: nothing they wrote is lost with a dropped connection. `key` names the interaction, so
        a retried delivery queues them once. `or_in`: a channel where the adapter's sender can show a message to one
        person (Slack's ephemeral), used if their DMs turn out closed. False when nothing was kept: none carried
        words, or their DMs are known closed with no such channel (then only the adapter, now, can show them)."""
        kept = [r for r in replies if r.keep]
        if not kept:
            return False
        target = {"user": actor.user_id, "community": actor.community_id}
        if or_in:
            target["channel"] = or_in
        elif await self.store.outbox.dms_closed(actor.user_id):
            return False
        shown = [dataclasses.replace(r, buttons=(), form=None, attachment=None, visibility="actor") for r in kept]
        await self.store.outbox.enqueue([Outgoing(f"kept:{key}:{i}", "dm", target, reply_to_json(r))
                                         for i, r in enumerate(shown)], self.now())
        self.outbox.kick()
        return True

    async def dms_found_closed(self, user_id: str) -> None:
        """An adapter's private reply found the member's DMs closed (Discord's 50007), as the outbox's sender does:
        marked, so nothing is DM'd into the wall again until they join a check-in again, and told once on their next
        interaction (`DMS_CLOSED_NOTICE`), where only they see it: what Hearth couldn't say is not silently lost."""
        await self.store.outbox.mark_dms_closed(user_id, self.now())
        self.metrics.add("sends", "dm_closed")

    def now(self) -> datetime:
        return self.clock.now()
