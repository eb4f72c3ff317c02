"""When words suggest someone may be struggling: a private, gentle answer first.

Every piece of free text Hearth receives is screened. The screen answers in
two strengths. **crisis**: the member at once gets the support resources for
their region, privately, and where the community asked for it a moderator
channel hears who — never what, and where only when that can't point to an
anonymous or private answer (`where_of`) — at most once per period.
**gentle**: a short private word and the same resources, and nobody else is
told. Both are in the member's language. What they wrote is still saved and
made no more public: words that would go up (shared or anonymous) are held
back, private, until the member chooses (`bot.flows.checkins`), and the reply
says which is true ("saved as you chose", or "held"). Hearth says plainly it
is not a therapist or an emergency service.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from contextvars import ContextVar
from datetime import timedelta
from typing import TYPE_CHECKING, Callable, Collection

from bot.commands.forms import CommandForm
from bot.commands.router import Router
from bot.crypto import KEY_ENV
from bot.commands.registry import GIVEN_BACK, OPEN_FORM, RUN, Command, Option
from bot.errors import UserError
from bot.events import Actor, Choice, Event, Form, Reply, Rich, UserText, channel, fill, join_rich, rich, say
from bot.flows.care_team import follow_up_button, open_note
from bot.flows.common import posted_name, yes_no
from bot.i18n import N_, _, speaking
from bot.language import LANGUAGES
from bot.models import Community
from bot.safety.resources import CONCERN_OPENINGS, Opening, care_message, crisis_opening
from bot.safety.addressed import said_of_oneself
from bot.safety.screen import MODEL_MIN_WORDS, READINGS, STRENGTH_OF, Kind, Level, Reading, ScreenResult
from bot.store.care import care_reply_mark

if TYPE_CHECKING:
    from bot.app import Hearth

router = Router("crisis_care")

log = logging.getLogger(__name__)

#: Form fields that hold choices, not words; everything else typed is screened.
CHOICE_FIELDS = {"mood", "visibility", "theme", "kind", "depth", "timezone", "channel"}
#: Weakest first: of several texts in one event, the strongest level answers.
STRENGTH = STRENGTH_OF

_kept: ContextVar[set[str] | None] = ContextVar("hearth_kept_words", default=None)
#: What the event's flow did with a check-in answer's words: how they were saved ("shared", "anonymous",
#: "private"), and whether they were held back from a post (`answer_saved`). What the care note may say of
#: where, and what the care reply says of the words, follow it.
_answer: ContextVar[dict[str, object] | None] = ContextVar("hearth_answer_saved", default=None)


def watch_kept_words() -> set[str]:
    """Start one event's record of the words its flow really saved (see `words_kept`, `answer_saved`)."""
    kept: set[str] = set()
    _kept.set(kept)
    _answer.set({})
    return kept


def answer_saved(visibility: str, held: bool = False, channel: str | None = None) -> None:
    """A check-in answer was saved `visibility`; `held`: its words were held back from the post the member chose,
    until they say (`bot.flows.checkins`); in `channel`, the round's. Only a shared answer's care note says where it
    was given."""
    answer = _answer.get()
    if answer is not None:
        answer.update(visibility=visibility, held=held, channel=channel)


def words_kept(text: str) -> None:
    """A flow saved what the person typed, exactly as they chose: only then may a care reply say so."""
    kept = _kept.get()
    if kept is not None and text.strip():
        kept.add(text.strip())


#: The options (or a command's form's fields) of the event being screened whose value names something that exists
#: here (`named_options`): the name of a thing, not the person's own words.
_named: ContextVar[frozenset[str]] = ContextVar("hearth_care_named", default=frozenset())


async def named_options(app: "Hearth", event: Event) -> frozenset[str]:
    """The options of a command (typed, or sent from its form) whose value is exactly the name of a check-in, a
    built-in pack or a prompt that exists here (`Option.suggest`, `bot.commands.suggest.names_one`). That name was
    chosen by whoever made the thing: a member typing `checkin join end it all` to join the moderators' check-in
    "end it all" is using its name, not saying it of themselves, so it raises no care reply and no care note. A
    value that names nothing here is still screened as their words, and so is every other option."""
    from bot.commands.suggest import NAMING, names_one

    cmd = app.registry.command_of(event.kind, event.name, event.args)
    if cmd is None:
        return frozenset()
    given = event.args if event.kind == "command" else event.values
    named = set()
    for key, value in given.items():
        option = next((o for o in cmd.options if key == o.name or key in o.old_names), None)
        if option is not None and option.suggest in NAMING and \
                await names_one(app, option.suggest, event.actor.community_id, value):
            named.add(key)
    return frozenset(named)


def free_text(app: "Hearth", event: Event) -> list[str]:
    """Everything the person typed in this event: a form's fields, and a command's options, whatever they name
    (their words, a check-in's name that names none here, a region, a line that is no command at all). Not what
    they picked from a menu (`CHOICE_FIELDS`, unless several words stand there), a choice or a time typed as one
    (`_is_typed_text`), a number, the name of something that exists here (`named_options`), nor a prompt written
    for others (`Option.own_words`: its flow takes a second look)."""
    if not event.values and not event.args:
        return []
    named = _named.get()
    texts = [v for k, v in event.values.items()
             if (k not in CHOICE_FIELDS or len(v.split()) > 1) and k not in named]
    # (a choice is one word, a value of its menu: several typed in its place, where a platform lets a field of a
    # modal be typed, are a sentence)
    if event.kind == "command":
        cmd = app.registry.commands.get(event.name)
        texts += [v for k, v in event.args.items() if _is_typed_text(cmd, k, v) and k not in named]
        line = typed_line(app, event)
        if line and _normal(line) not in {_normal(t) for t in texts}:
            texts.append(line)
        texts += after_leading_words(_line_not_run(event))  # (its words after the command's, read apart too)
    return [t for t in texts if t and not t.strip().isdigit()]


#: Of a typed line that did not run, how many of its first words are read apart from it: a command's words, a mood,
#: a choice or a slip of one ("checkin answr 2 sharde …") talk the model down when it reads the line whole
#: ("checkin answer 7 shared I wrote letters to everyone I love, just in case" read ok; its words alone, gentle).
LEADING_WORDS = 4


def _line_not_run(event: Event) -> str:
    """A whole typed line that did not run: refused before it could (`Hearth.refused_line`), or begun by no
    command's words (`help` answers it: "Did you mean…?", "I didn't understand")."""
    return event.args.get("line", "") if not event.name else event.args.get("command", "") \
        if event.name == "help" else ""


def after_leading_words(line: str) -> list[str]:
    """The line without its first one, two, three or four words, where at least three words are left (fewer mean
    nothing to the model: `bot.safety.screen.MODEL_MIN_WORDS`). The rules read the line whole anyway."""
    words = line.split()
    return [" ".join(words[k:]) for k in range(1, min(LEADING_WORDS, len(words) - MODEL_MIN_WORDS) + 1)]


def written_for_others(app: "Hearth", event: Event) -> list[str]:
    """What a moderator wrote for members to read (`Option.own_words=False`: a prompt, a check-in's note), typed or
    sent from its command's form. Not what a "Yes, go ahead" carries back: that was screened as it was written."""
    cmd = app.registry.command_of(event.kind, event.name, event.args)
    if cmd is None or event.kind == "action":
        return []
    for_others = {o.name for o in cmd.options if not o.own_words}
    given = event.args if event.kind == "command" else event.values
    return [v for k, v in given.items() if k in for_others and v.strip()]


#: What a text for others that is not said of oneself is to the care reply: nothing.
_NOT_THEIRS = ScreenResult(False)


async def _with_words_for_others(app: "Hearth", event: Event, results: "Screened") -> "Screened":
    """A moderator is a person too: what they write for members (`written_for_others`) is screened as well, and
    answered with care when it reads as crisis said of themselves ("mornings I want to die" as a check-in's note:
    `said_of_oneself`), beside the second look its flow gives every text for members (`worth_a_second_look`). Not
    a prompt's question to its readers, nor the gentle word (tuned to answer many ordinary questions, which
    prompts are): those get the second look alone. One rule for prompts and notes, typed or sent from a form."""
    others = written_for_others(app, event)
    if not others:
        return results
    line = typed_line(app, event)  # (a sentence run on from a choice into them: read whole, by the same rule)
    if line and line not in others:
        others = [*others, line]
    own = [(t, r) for t, r in results if t not in others]
    checked = await app.content.screen.check_off_loop(others, await reading_of(app, event.actor))
    return own + [(t, r if r.level == "crisis" and said_of_oneself(t) else _NOT_THEIRS)
                  for t, r in zip(others, checked)]


def typed_line(app: "Hearth", event: Event) -> str | None:
    """A typed command's whole line, its options' words in the order typed (what `parse_line` and a slash command
    give), so that a sentence split across options ("checkin join I want to die": a name, a choice, a choice) is
    read whole. None when nothing was typed, for one word, or where a command holds words written for others
    (`Option.own_words`: its flow takes the second look). The name of something that exists here is no part of it
    (`named_options`)."""
    cmd = app.registry.commands.get(event.name) if event.kind == "command" and event.typed else None
    if cmd is None:
        return None
    options = {o.name: o for o in cmd.options}
    if any(not options[k].own_words for k in event.args if k in options) and not _split_into_others(cmd, event):
        return None
    named = _named.get()
    line = " ".join(v.strip() for k, v in event.args.items()
                    if k in options and options[k].kind != "file" and k not in named)
    return line if len(line.split()) > 1 else None


def _split_into_others(cmd: "Command", event: Event) -> bool:
    """Whether a moderator's sentence may run from their own options into words written for others: a word typed
    where a choice, a number or a time goes that is none ("mod prompt add checkin I want to die": "I" for the theme,
    "want to die" the prompt's text), or a name that names nothing here ("mod schedule note I want to die": "I" for
    the check-in). The command is refused for it anyway; the line is read whole, by the rule for words written for
    others (`_with_words_for_others`), so that nothing of it is quoted back beside the care reply. (trial21)"""
    options = {o.name: o for o in cmd.options}
    named = _named.get()

    def runs_on(key: str, value: str) -> bool:
        option = options.get(key)
        if option is None or not option.own_words or option.kind == "text" or key in named:
            return False
        return option.kind == "string" or _is_typed_text(cmd, key, value)  # (a name naming nothing here: "I")

    return any(runs_on(k, v) for k, v in event.args.items())


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def _is_typed_text(cmd: "Command | None", key: str, value: str) -> bool:
    """Whether a command's option holds words the person typed, to be screened."""
    if cmd is None:  # a line that is no command (`Hearth.refused_line`): every word of it is theirs
        return True
    option = next((o for o in cmd.options if key == o.name or key in o.old_names), None)  # ("on=…": screened too)
    if option is None or option.kind == "file" or not option.own_words:
        return False  # Hearth's own state ("confirmed"), an upload's name, or a prompt for others
    if option.kind in ("text", "string"):
        return True
    if option.kind == "choice":  # "me lowmood I can't go on": no choice, so words
        return option.choice_for(value) is None
    return len(value.split()) > 1  # a time, a number, a channel: one word; several are a sentence


def strongest(levels: Collection[Level]) -> Level:
    return max(levels, key=STRENGTH.__getitem__, default="ok")


#: Of several texts at the strongest level, whose danger answers: the writer's own first, then danger to them from
#: another person, then someone else's (`ScreenResult.kind`).
_KIND_ORDER: tuple[Kind, ...] = ("self", "harm_from_others", "someone_else")


def kind_of(results: "Screened", level: Level) -> Kind:
    """Whose danger the texts of `level` say: someone else's only when every one of them says so."""
    kinds = [r.kind for _t, r in results if r.level == level] or ["self"]
    return min(kinds, key=_KIND_ORDER.index)


#: What the moderators' note says of the member, by whose danger (`alert_moderators`): someone else in danger is no
#: sign that the writer is; never the words, as for every note.
NOTE_SELF = N_("may need some support right now")
NOTE_SOMEONE_ELSE = N_("wrote about someone else who may be in danger")


Screened = list[tuple[str, ScreenResult]]
#: The strongest level of the words of the event being handled (`screen`): what its flow's own reply is said after.
_level: ContextVar[Level] = ContextVar("hearth_care_level", default="ok")
#: The words of concern of the event being handled, as `_normal` makes them (`echoes`).
_of_concern: ContextVar[tuple[str, ...]] = ContextVar("hearth_care_concerning", default=())
#: How long the same words, screened again (the form that asks for the rest of an answer, a form sent again after
#: one field was put right), get no second care reply: at least this, at most twice it.
SAME_WORDS_WINDOW = timedelta(minutes=30)


async def screen(app: "Hearth", event: Event) -> Screened:
    """Screen what was typed, before the flow runs, so that its reply can know (`cared`)."""
    _named.set(await named_options(app, event))  # (before the flow: one it runs may name something new)
    texts = free_text(app, event)
    results = list(zip(texts, await app.content.screen.check_off_loop(texts, await reading_of(app, event.actor)))
                   ) if texts else []
    results = await _with_words_for_others(app, event, results)
    for _text, r in results:
        app.metrics.add("crisis_screens", r.level)
    _level.set(strongest([r.level for _t, r in results]))
    line = typed_line(app, event) if not _split(app, event) else None  # (else the words' own, with their options)
    _of_concern.set(tuple(_normal(t) for t, r in results if r.level != "ok" and t != line))
    return results


async def screen_refused(app: "Hearth", event: Event, screened: Screened, replies: list[Reply]) -> Screened:
    """After the flow: a value it refused for its field (`Reply.field`: a choice that is none of the choices, a
    yes or no that is neither) is words the person typed, whatever field they were typed in, and is screened too, if
    `screen` passed it over as a choice (one word where a menu's choice goes, `CHOICE_FIELDS`: "suicidal" for a
    mood). A form's choice step never swallows words of concern: the care reply answers them, and the refusal
    beside it quotes none of them (`without_echoes`). Nothing else is screened again."""
    given = event.values if event.kind == "form" else event.args  # (a button's value, refused, too)
    seen = {_normal(t) for t, _r in screened}
    named = _named.get()
    refused = [given[r.field] for r in replies if r.error and r.field and r.field in given and r.field not in named]
    texts = list(dict.fromkeys(v for v in refused if v.strip() and not v.strip().isdigit() and _normal(v) not in seen))
    if not texts:
        return screened
    more = list(zip(texts, await app.content.screen.check_off_loop(texts, await reading_of(app, event.actor))))
    for _text, r in more:
        app.metrics.add("crisis_screens", r.level)
    results = screened + more
    _level.set(strongest([r.level for _t, r in results]))
    _of_concern.set(_of_concern.get() + tuple(_normal(t) for t, r in more if r.level != "ok"))
    return results


def _split(app: "Hearth", event: Event) -> bool:
    """Whether a typed command's line is a sentence of the person's split across its options: an option that is not
    for words holds some ("checkin answer mood=i want to kill myself": "i" is no mood; several words where a name
    or a time goes). Else the line is their words with the options they gave (a mood, a visibility, a check-in's
    name), and the words alone are whole (`echoes`)."""
    cmd = app.registry.commands.get(event.name) if event.kind == "command" else None
    if cmd is None:
        return True

    def words_in(key: str, value: str) -> bool:
        option = next((o for o in cmd.options if key == o.name or key in o.old_names), None)
        if option is None or option.kind == "text" or not _is_typed_text(cmd, key, value):
            return False
        return option.kind == "choice" or len(value.split()) > 1

    return any(words_in(k, v) for k, v in event.args.items())


async def reading_of(app: "Hearth", actor: Actor) -> Reading:
    """How far the model reads this community's words (`crisis_screen`: by default "model", its gentle word and,
    where it is sure, its alarm; `Reading`). Without a model loaded (`[safety] model = false`) there is nothing to choose, and no settings read."""
    if app.content.screen.model is None:
        return "phrases"
    chosen = (await app.ensure_community(actor.community_id)).settings.crisis_screen
    return chosen if chosen in READINGS else "model"


#: A form's field refused for words of concern: the field is asked again, without repeating them.
FIELD_AGAIN = N_("Could you look at this part again? Nothing was saved yet.")
#: A typed command refused for the words of concern given as one of its options ("checkin join I want to die"):
#: in place of a routine refusal, one short line that nothing was done (`without_echoes`).
NOT_DONE = N_("I haven't done that, so nothing has changed.")


def without_echoes(replies: list[Reply], screened: Screened, line: str | None = None,
                   form: bool = False, values: dict[str, str] | None = None, support: bool = False,
                   left_out: frozenset[str] = frozenset()) -> list[Reply]:
    """With words of concern, no refusal repeats them: the care reply answers them, and a cold "I don't know the
    command “I want to”" beside it would tell someone who reached out that they were not heard. A refusal that
    quotes none of those words (a round that has closed) still says so, and words given back to a command
    (`given_back`) are still given back. Of a whole typed `line` of concern (`typed_line`), not even one of its
    words is quoted: "You wrote “want”" is a piece of "I want to die". Of a `form`, a refusal about one field stays
    about that field, in words of Hearth's own (`FIELD_AGAIN`): the form asks for it again and goes on. Of a typed
    command, no form marks the field, and beside the care reply no routine refusal ("Could you look at schedule
    again?") is read second: one short line says nothing was done (`NOT_DONE`), their words given back after it.
    So also for a refusal that quotes nothing but is about an option whose value (`values`) was those words ("There
    are no check-ins here yet" to "checkin join I want to die"). A form's is `quiet`: the form marks its field, and
    no adapter adds an alert of its own. A refusal whose reason holds whatever the words (a round that has closed,
    words too long) says so still: it is what to know before sending them again. Of `support` ("support I want to
    kill myself": the words taken for a region), no `NOT_DONE` either: what was asked for, who to reach, is the
    care reply itself, so "I haven't done that" would be untrue and cold. `left_out`: the command's options not
    given at all; a refusal asking for one, when the whole line was words of concern, is `NOT_DONE` too."""
    concerning = [" ".join(t.split()).casefold() for t, r in screened if r.level != "ok"]
    if not concerning:
        return replies
    whole = _normal(line) if line and _normal(line) in concerning else None
    out = []
    for reply in replies:
        if not reply.error:
            out.append(reply)
            continue
        parts = reply.body.parts
        if parts[:1] == (_(NOT_UNDERSTOOD),):
            continue  # (the care reply is the answer: "I didn't understand" beside it would say they weren't heard)
        header = next((i for i, p in enumerate(parts) if p == _(GIVEN_BACK)), len(parts))
        given = (values or {}).get(reply.field or "", "")
        # (or about an option left out, when the whole typed line was their words: "mod schedule skip I want to
        # die" asks for a date only because the sentence filled the name; a usage line is a routine refusal)
        about_them = bool(reply.field) and (bool(_normal(given)) and _normal(given) in concerning
                                            or whole is not None and reply.field in left_out)
        if not about_them and not any(_quotes(p, concerning) or _piece_of(p, whole) for p in parts[:header]):
            out.append(reply)
        elif (form and reply.field) or reply.form is not None:
            # a form shown again holds the words as typed: the field is marked, nothing quoted; a step that needs a
            # choice still says which (`Reply.calm`), with the care reply, never instead of it
            again = reply.calm if reply.calm is not None and reply.form is None else rich(_(FIELD_AGAIN))
            out.append(replace(reply, body=again + _kept_back(parts[header:], concerning, whole), quiet=True,
                               calm=None))
        elif reply.field is not None or header < len(parts):
            back = _kept_back(parts[header:], concerning, whole)
            if support and not back.parts:
                continue  # (the care reply gave them what `support` gives)
            out.append(replace(reply, body=join_rich([rich(_(NOT_DONE)), back], "\n\n") if back.parts
                               else rich(_(NOT_DONE)), quiet=True))
    return out


def echoes(words: str) -> bool:
    """Whether words about to be given back are only a piece of the event's words of concern ("want to kill
    myself" of "i want to kill myself"): handed back, they would repeat them, and save nothing."""
    said = _normal(words)
    return bool(said) and any(said in text and said != text for text in _of_concern.get())


def _kept_back(given: tuple, concerning: list[str], whole: str | None) -> Rich:
    """Words given back (`GIVEN_BACK` and what follows) without the pieces of words of concern: a mood typed as
    "i want to kill myself" given back as "want to kill myself" is an echo, not words saved from loss. Their whole
    words, and words that hold more (a long note that says it too), are theirs to keep, and stay."""
    def echo(p: object) -> bool:
        if not isinstance(p, UserText):
            return False
        said = _normal(p.text)
        return bool(said) and (_piece_of(p, whole) and said != whole
                               or any(said in text and said != text for text in concerning))

    kept = tuple(p for p in given if not echo(p))
    if not any(isinstance(p, UserText) for p in kept):
        return Rich(())
    return Rich(kept)


def _quotes(part: object, concerning: list[str]) -> bool:
    """Whether a part of a reply is some of the person's words of concern, repeated."""
    if not isinstance(part, UserText):
        return False
    said = " ".join(part.text.split()).casefold()
    if not said:
        return False  # (a number or a word alone, "7" for a mood, is no sentence of theirs)
    return any(text in said or (said in text and (said == text or len(said.split()) > 1)) for text in concerning)


def _piece_of(part: object, line: str | None) -> bool:
    """Whether a part of a reply repeats any of a typed line of concern, a word of it too (a number alone excepted:
    "7" for a mood is no word of theirs)."""
    if line is None or not isinstance(part, UserText):
        return False
    said = _normal(part.text)
    return bool(said) and not said.isdigit() and f" {said} " in f" {line} "


def cared() -> bool:
    """Whether the words of the event being handled get (or just got) a care reply. A flow's confirmation is then
    plain and calm ("Your answer is kept private."): a cheerful thanks beside support resources jars."""
    return _level.get() != "ok"


async def care_for(app: "Hearth", event: Event, kept: Collection[str] = (),
                   screened: Screened | None = None, again: bool = False,
                   step_of: Form | None = None, note: bool = True) -> list[Reply]:
    """Screen what was typed (unless `screened` already) and answer the strongest level: crisis (with the moderator
    note where the community asked for it), gentle (no note) or nothing. `kept` holds the words the event's flow
    really saved. The same words again within `SAME_WORDS_WINDOW` (`_answered_before`) get no second note; whoever
    typed them again gets the care reply again, always. Only a form's submission that carries back the words its
    form kept for them (`words_carried`) is not answered twice, unless `again`: nothing else would answer it.
    `note=False`: words the person chose not to send (a form closed unsent), or that Hearth can't tell what they were
    for (`Hearth.typed_not_run`), get the care reply, never a note naming them to the moderators; nor are they marked
    answered (`_answered_before`, read only), so the same words sent a moment later raise the note they would have."""
    results = await screen(app, event) if screened is None else screened
    level = strongest([r.level for _t, r in results])
    if level == "ok":
        return []
    concerning = _concerning(app, event, results)
    answered = await _answered_before(app, event.actor, concerning, mark=note)
    if answered and not again and not event.typed and await _carried(app, event.actor, concerning):
        log.info("care screen: %s again for the same words, carried back by a form; answered a moment ago", level)
        return []
    reason = next(r.reason for _, r in results if r.level == level)
    log.info("care screen: %s (%s) for a member of %s", level, reason, event.actor.community_id)
    kind = kind_of(results, level)
    told = False
    if level == "crisis" and not answered and note:  # (the same words again: the reply again, never a 2nd note)
        told = await alert_moderators(app, event.actor, lambda: where_of(app, event, step_of),
                                      NOTE_SOMEONE_ELSE if kind == "someone_else" else NOTE_SELF)
    saved = all(text in kept for text in concerning)
    # (kept: where it can't be shown now, its support resources and what was promised reach their DM by the outbox)
    reply = replace(await care_reply(app, event.actor, crisis_opening(level, kind), saved=saved, told=told),
                    keep=True)
    if level == "crisis":  # they may ask, there and then, for a private word tomorrow
        language = await app.language_of(event.actor)
        reply = replace(reply, buttons=(*reply.buttons, await follow_up_button(app, language)))
        reply = reply.shown_to(event.actor.user_id)  # theirs alone (the registry refuses anyone else's press)
    return [reply]


async def care_anyway(app: "Hearth", event: Event, note: bool = True, again: bool = True) -> list[Reply]:
    """The care reply for words that reached Hearth on a path that can't run them: an event that failed unexpectedly
    (a bug, a dropped database connection: `Hearth.handle`), a form or command Hearth can no longer read
    (`Hearth.typed_not_run`). They are answered as any words are (`care_for`). It claims nothing of them: nothing
    says they were saved or held (nothing a flow said of them before it failed counts: `watch_kept_words`), and a
    care note says nothing of where an answer was given (`where_of`). Never raises: when the full reply can't be made
    (the database may be what broke), the one made without the database (`care_alone`: resources for anywhere, no
    note); when not even that, none, and what is said beside it goes on alone. `again` (`care_for`): by default
    even words answered a moment ago, as nothing else answers them now."""
    watch_kept_words()
    try:
        return await care_for(app, event, note=note, again=again)
    except Exception:
        log.warning("care screen: the care reply for a %s that can't run could not be made in full", event.kind,
                    exc_info=True)
    try:
        texts = free_text(app, event)
        care = await care_alone(app, "\n".join(texts)) if texts else None
    except Exception:
        log.exception("care screen: the words of a %s that can't run could not be screened", event.kind)
        return []
    return [replace(care, keep=True)] if care is not None else []


#: To a line of several words that begins with no command's word: very likely someone talking to Hearth, so none
#: of it is quoted back (the screen can miss what someone means). Beside a care reply it is left out.
NOT_UNDERSTOOD = N_("Sorry, I didn't understand that. **help** shows what I can do, and **support** shows people "
                    "you can reach right now.")

#: To someone Hearth can place in no community (a DM on a platform of servers) whose words raise no concern.
OUTSIDE = N_("I answer commands inside your community: type **help** there, or **support** for people you can "
             "reach right now.")
#: Said with `OUTSIDE`: what does work there, a member's own data rights (`bot.flows.my_data.by_dm`).
OUTSIDE_MINE = N_("Here, **me data**, **me export** and **me delete** work for what I hold about you in any server, "
                  "even one you've left.")
#: Where someone wrote to Hearth, when its private answer could not reach them (their DMs are closed to Hearth):
#: nothing of what they wrote, only where a private answer is.
NO_PRIVATE_WAY = N_("I couldn't send you a private message. Type **support** here: only you will see the answer.")


async def written_outside(app: "Hearth", text: str) -> Reply:
    """The answer to words from someone in no community Hearth can place: care when they raise concern (in the
    words' language), else where Hearth's commands are (in English: nothing says their language)."""
    care = await care_alone(app, text)
    if care is not None:
        return care
    with speaking("en"):
        return Reply(body=rich(_(OUTSIDE) + " " + _(OUTSIDE_MINE)))


async def care_alone(app: "Hearth", text: str, language: str | None = None) -> Reply | None:
    """The care reply for words from someone Hearth can place in no community (a DM on a platform of servers, with
    no server to act in): screened all the same, and answered with the resources for anywhere, in `language` or
    else in the language of the phrase that matched. No moderator is told: there is no community to tell. None
    when the words raise no concern."""
    [result] = await app.content.screen.check_off_loop([text], "model")  # (no community to choose: the default)
    if result.level == "ok":
        return None
    app.metrics.add("crisis_screens", result.level)
    prefix = (result.reason or "").split(".")[0]
    language = language or (prefix if prefix in LANGUAGES else "en")
    with speaking(language):
        return Reply(body=care_message(app.content.resources, app.content.care, language, None,
                                       crisis_opening(result.level, result.kind)))


# -- words edited after they were written -------------------------------------------------------------------


async def newly_of_concern(app: "Hearth", community_id: str, user_id: str, before: str | None, after: str,
                           message: str, reading: Reading = "model") -> Level:
    """How strongly a message written to Hearth and then edited (`Hearth.edited_line`) raises concern that was not
    answered when it was written: "ok" (nothing to say) when its words didn't change, raise none, or raise no more
    than they did before (`before`, where the platform says what it was: that was screened as it came, and answered
    then). Once per message and strength: editing it again, back and forth, is not answered again. `message` names
    the message on its platform; it is remembered by a digest under the member's own mark (`care_reply_mark`), as
    `_answered_before` remembers words, never the words or the id themselves."""
    if not after.strip() or (before is not None and _normal(before) == _normal(after)):
        return "ok"
    [now] = await app.content.screen.check_off_loop([after], reading)
    if now.level == "ok":
        return "ok"
    if before is not None and before.strip():
        [was] = await app.content.screen.check_off_loop([before], reading)
        if STRENGTH[was.level] >= STRENGTH[now.level]:
            return "ok"  # (it said as much before, and was answered as it came)
    mark = care_reply_mark(app.store.cipher, community_id, user_id)
    digest = app.store.cipher.fingerprint(community_id, user_id, "edited", message)
    if not await app.store.outbox.first_time_event(f"{mark}edited:{digest}:{now.level}", app.now()):
        return "ok"
    return now.level


async def edited_outside(app: "Hearth", user_id: str, before: str | None, after: str, message: str,
                         language: str | None = None) -> Reply | None:
    """The care reply for a message edited by someone Hearth can place in no community (`care_alone`), when the
    edit newly raises concern (`newly_of_concern`); None otherwise: an edit is never read as a command."""
    if await newly_of_concern(app, "", user_id, before, after, message) == "ok":
        return None
    return await care_alone(app, after, language)


def _concerning(app: "Hearth", event: Event, results: Screened) -> list[str]:
    """The texts of concern, for what was saved and what was answered before: the options' own, and the whole
    line (`typed_line`) only when it alone raised concern (its words are theirs; the same answer, sent again as a
    form, is still one text)."""
    line = typed_line(app, event)
    line = _normal(line) if line else None
    own = [text.strip() for text, r in results if r.level != "ok" and _normal(text) != line]
    return own or [text.strip() for text, r in results if r.level != "ok"]


def _digest(app: "Hearth", actor: Actor, texts: list[str]) -> tuple[str, int]:
    """The member's mark and a keyed digest of the words (never the words: `_answered_before`), and the window."""
    window = int(app.now().timestamp() // SAME_WORDS_WINDOW.total_seconds())
    mark = care_reply_mark(app.store.cipher, actor.community_id, actor.user_id)
    digest = app.store.cipher.fingerprint(actor.community_id, actor.user_id,
                                          *sorted(" ".join(t.split()).casefold() for t in texts))
    return f"{mark}{digest}", window


async def words_carried(app: "Hearth", event: Event, screened: Screened, replies: list[Reply]) -> None:
    """After an event with words of concern: remember (`_digest`, within `SAME_WORDS_WINDOW`) when its answer
    keeps those words for the person to send again without typing them: a form that asks for the rest of an
    answer (its fields hold them), or a refused form (a modal, a dashboard page: shown again as typed). Their
    submission is the same text, and the care reply given a moment ago answers it (`care_for`)."""
    if not any(r.level != "ok" for _t, r in screened):
        return
    if not any(r.form is not None for r in replies) and (event.typed or not any(r.error for r in replies)):
        return
    key, window = _digest(app, event.actor, _concerning(app, event, screened))
    await app.store.outbox.first_time_event(f"{key}:form:{window}", app.now())


async def _carried(app: "Hearth", actor: Actor, texts: list[str]) -> bool:
    """Whether a form kept these words for the person a moment ago (`words_carried`)."""
    key, window = _digest(app, actor, texts)
    return any([await app.store.outbox.seen_event(f"{key}:form:{w}") for w in (window, window - 1)])


async def _answered_before(app: "Hearth", actor: Actor, texts: list[str], mark: bool = True) -> bool:
    """Whether these very words had their care reply within `SAME_WORDS_WINDOW`: one answer asked for in steps
    (`checkin answer` with words, then its form) or sent again after a refusal is one text, and one care reply,
    not two (`words_carried`); words typed again get the reply again, and one note at most. Remembered by a
    digest (never the words) with the window, as a processed event, under the member's own mark
    (`care_reply_mark`), so `me delete` takes it with everything else of theirs (and retention, if they don't);
    keyed with the encryption key where there is one (`Cipher.fingerprint`), so that nobody holding the database
    alone can test a guess at what someone wrote, or whose it was, against it. `mark=False`: only asks."""
    now = app.now()
    key, window = _digest(app, actor, texts)
    if not mark:
        return any([await app.store.outbox.seen_event(f"{key}:{w}") for w in (window, window - 1)])
    new_now = await app.store.outbox.first_time_event(f"{key}:{window}", now)
    new_before = await app.store.outbox.first_time_event(f"{key}:{window - 1}", now)
    return not (new_now and new_before)


async def names_them_to_moderators(app: "Hearth", actor: Actor) -> bool:
    """Whether a care note naming the member goes to the moderators for the words being handled (`care_for`, after
    the flow), or went within the cooldown and so stands for them: their words read as crisis, and the community
    has a care channel (`alert_moderators` then sends one, unless one went within its cooldown). Asked by a flow
    before its reply, so it can say so (an offer to post those same words anonymously). Reads only: it never
    marks the words answered (`_answered_before`)."""
    if _level.get() != "crisis":
        return False
    community = await app.ensure_community(actor.community_id)
    return bool(community.settings.alert_channel)


async def care_reply(app: "Hearth", actor: Actor, opening: Opening, saved: bool = False,
                     region: str | None = None, told: bool = False) -> Reply:
    """A private care reply in the member's language, with their region's resources (or `region`'s); `told`
    when a care note about them really went to the moderators, so the reply can say so plainly (and whether it
    said where: `alert_moderators`). Words the event's flow held back from a post (`answer_saved`) are said to be
    held, not "saved as you chose"."""
    member = await app.store.communities.get_member(actor.community_id, actor.user_id)  # (a read: `support`)
    community = await app.ensure_community(actor.community_id)
    region = region or (member.region if member else None) or community.settings.default_region
    language = await app.language_of(actor, member)
    told_in = care_channel_ref(app, community) if told else None
    said = _answer.get() or {}
    kept: bool | str = "held" if said.get("held") and opening in CONCERN_OPENINGS else saved
    return Reply(body=care_message(app.content.resources, app.content.care, language, region, opening, kept,
                                   told_in, bool(said.get("told_where", True)), region_hint=True))



# -- what a care note carries, said the same way wherever members read about their words --------------------


def care_channel_ref(app: "Hearth", community: Community) -> Rich:
    """The community's care (alert) channel as a link, or nothing when it has none."""
    where = community.settings.alert_channel
    return channel(where) if where else Rich()


def care_note_consent(app: "Hearth", community: Community) -> Rich:
    """For joining a check-in: the same, in one sentence; nothing when the community has no care channel."""
    if not community.settings.alert_channel:
        return Rich()
    return rich(_("If your words ever suggest you may be in danger, even in a private answer, moderators in {} are "
                  "told your name, so someone can reach out: never what you wrote, and for an answer, where only if "
                  "you shared it with your name. **privacy** says who sees what."),
                care_channel_ref(app, community))


def where_of(app: "Hearth", event: Event, step_of: Form | None = None) -> Rich:
    """Where it happened, for a moderator, with a link to the channel: never what was written, and only what is
    true of how the words came: a message to Hearth (where others read it: a mention, `Event.seen`), a command
    (typed where nobody else sees it: a slash command, the terminal's line), a form (a modal, a
    dashboard page, or `step_of`: a step of a form the terminal asks field by field), in a channel or in their DM
    with Hearth (never linked: nobody else reads it). Of a check-in answer, only a shared one's, in the round's
    channel (its post names them anyway): an anonymous or private answer's note says nothing of where or what round,
    or the note beside an anonymous post would tell whose it is (nothing either when no answer was saved: the round
    is not the moderators' to know)."""
    name, form = _written_for(event, step_of)
    if name.startswith(("reflect", "note")):
        return rich(_("while writing a private reflection note"))
    if name.startswith("checkin"):
        answer = _answer.get() or {}
        if answer.get("visibility") != "shared" or answer.get("held"):
            return Rich()
        posted = answer.get("channel") or (None if event.actor.in_dm else event.actor.channel_id)
        return rich(_("while answering a check-in")) + (rich(" " + _("in {}"), channel(str(posted))) if posted
                                                           else Rich())
    if event.actor.in_dm:
        return rich(_("in a form from Hearth, in their private messages")) if form else \
            rich(_("in a private message to Hearth"))
    place = rich(" " + _("in {}"), channel(event.actor.channel_id)) if event.actor.channel_id else Rich()
    if form:
        return rich(_("in a form from Hearth")) + place
    # A message sits in the channel for others to read (`Event.seen`); a slash command or the terminal's line
    # is seen by nobody else: the note says so, not to send moderators looking for a message that isn't there.
    return (rich(_("in a message to Hearth")) if event.seen else rich(_("in a command to Hearth"))) + place


def _written_for(event: Event, step_of: Form | None) -> tuple[str, bool]:
    """What the words were written for (a command's name, or a form's or button's action: "checkin.submit"), and
    whether in a form rather than typed as a message: a step of one (`step_of`), or a form's submission (a modal, a
    dashboard page; a command's own form, `RUN`, names its command)."""
    if step_of is not None:
        action, args, form = step_of.action, step_of.args, True
    else:
        action, args, form = event.name, event.args, not event.typed
    return (args.get("command", "") if action in (RUN, OPEN_FORM) else action), form


async def alert_moderators(app: "Hearth", actor: Actor, where: "Callable[[], Rich]", what: str) -> bool:
    """One note per member per period to the community's alert channel, if it has one; in the community's
    language (`where` makes its part in it, `what` is an English text marked with `N_`)."""
    community = await app.ensure_community(actor.community_id)
    channel = community.settings.alert_channel
    if not channel:
        return False
    now = app.now()
    last = await app.store.notes.last_safety_alert(actor.community_id, actor.user_id)
    if last and now - last < timedelta(hours=app.config["safety.alert_cooldown_hours"]):
        return False
    with speaking(await app.channel_language(actor.community_id)):
        place = where()  # (nothing, for an anonymous or private answer: `where_of`)
        if (said := _answer.get()) is not None:  # (for the member's care reply: whether it said where)
            said["told_where"] = bool(place.parts)
        body = rich("💛 **{}**" + f" {_(what)}", await posted_name(app, actor)) + (
            rich(", ") + place if place.parts else Rich()) + rich(
            ". " + _("Hearth has privately shared support resources with them. "
                     "A gentle, private check-in from someone they trust may help."))
        await open_note(app, actor, channel, body)  # with buttons for the care team (`bot.flows.care_team`)
    return True


# -- after several low check-ins ------------------------------------------------------


async def after_answer(app: "Hearth", actor: Actor) -> list[Reply]:
    """A gentle private word when a member who opted in has had a run of low moods.

    Said once per run: exactly when the run reaches its length, not again after.
    """
    member = await app.ensure_member(actor)
    care = member.settings.get("low_mood", {})
    if not care.get("on"):
        return []
    streak = app.config["safety.low_mood_streak"]
    moods = await app.store.rounds.recent_moods(actor.community_id, actor.user_id, streak + 1)
    low = app.config["safety.low_mood_max"]
    run = 0
    for mood in moods:
        if mood > low:
            break
        run += 1
    if run != streak:
        return []
    if care.get("tell_moderator"):
        await alert_moderators(app, actor, lambda: rich(_("in their recent check-ins")),
                               N_("has had a few hard check-ins in a row and asked that a moderator know"))
    return [await care_reply(app, actor, "low_mood")]


# -- commands ---------------------------------------------------------------------------

REGION_EXAMPLES = "us, ca, gb, ie, au, nz, es, mx, ar, de, fr, br, pt"  # (said in the options' descriptions)


def _region_list(app: "Hearth", language: str) -> str:
    return ", ".join(f"{code} ({name})" for code, name in app.content.resources.regions(language))


@router.command("support", "Support resources, any time: who you can reach right now.",
                Option("region", "a region code such as us, ca, gb, ie, au, nz, es, mx, ar, de, fr, br, pt "
                                 "(default: yours)"), reads_only=True)
async def support(app: "Hearth", ev: Event) -> Reply:
    region = ev.args.get("region", "").strip()
    if region and not app.content.resources.known(region):
        listed = _region_list(app, await app.language_of(ev.actor))
        raise UserError(_("I don't have resources for “{typed}” yet. Known regions: {regions}."), typed=region,
                        regions=listed, field="region")
    return await care_reply(app, ev.actor, "support", region=region or None)


@router.command("me region", "Set your region, so support resources fit where you are.",
                Option("region", "a region code such as us, ca, gb, ie, au, nz, es, mx, ar, de, fr, br, pt, or "
                                 "anywhere", required=True),
                example="me region gb", form=CommandForm("Your region"))
async def set_region(app: "Hearth", ev: Event) -> Reply:
    wanted = ev.args["region"].strip().lower()
    language = await app.language_of(ev.actor)
    if not app.content.resources.known(wanted):
        raise UserError(_("I don't know the region “{typed}”. Choose one of: {regions}."), typed=wanted,
                        regions=_region_list(app, language), field="region")
    found = app.content.resources.for_region(wanted)
    await app.store.communities.update_member(ev.actor.community_id, ev.actor.user_id, region=found.code)
    return Reply(body=fill(app.content.care.text(language, "region_set"), region=found.name(language)))


@router.command(
    "me lowmood", "Opt in to a gentle private word after several low check-ins in a row.",
    Option("opt_in", "yes to opt in, no to stop", kind="choice", required=True,
           choices=(Choice("yes", "yes"), Choice("no", "no")), old_names=("on",)),  # ("on": no word a person uses)
    Option("tell_moderator", "also let a moderator know (never what you wrote)", kind="choice",
           choices=(Choice("yes", "yes"), Choice("no", "no"))),
    example="me lowmood yes tell_moderator=no",
    form=CommandForm("A word after low days", labels={"opt_in": N_("Get a private word after low days?"),
                                                      "tell_moderator": N_("Also let a moderator know?")}),
)
async def low_mood(app: "Hearth", ev: Event) -> Reply:
    on = yes_no(ev.args["opt_in"], False, "opt_in")
    tell = yes_no(ev.args.get("tell_moderator"), False, "tell_moderator") and on
    if not on:  # (never asked for, or asked off already: nothing to stop, so nothing is written, and no newcomer kept)
        known = await app.store.communities.get_member(ev.actor.community_id, ev.actor.user_id)
        if known is None or not (known.settings.get("low_mood") or {}).get("on"):
            return say(_("You hadn't asked for a word after low check-ins, so nothing changed: I won't mention "
                         "them."), unchanged=True)
    member = await app.ensure_member(ev.actor)
    settings = dict(member.settings) | {"low_mood": {"on": on, "tell_moderator": tell}}
    await app.store.communities.update_member(ev.actor.community_id, ev.actor.user_id, settings=settings)
    if not on:
        return say(_("Okay, I won't mention low check-ins."))
    lines = [rich(_("Okay. After {count} low check-ins in a row, I'll check on you privately.").format(
        count=app.config["safety.low_mood_streak"]))]
    community = await app.ensure_community(ev.actor.community_id)
    if not tell:
        lines.append(rich(_("Nobody else will be told.")))
    elif community.settings.alert_channel:
        lines.append(rich(_("Moderators in {} will also be told your name, so someone may reach out — never what "
                            "you wrote."), care_channel_ref(app, community)))
    else:
        lines.append(rich(_("This community has no care channel, so no moderator can be told; I'll only check on "
                            "you myself.")))
    return Reply(body=join_rich(lines, " "))
