"""Every piece of text a person sends Hearth is screened, on every path, before any refusal.

A line that is no command, a line refused before it runs, an option that names something (a region, a choice typed
as words), a form's field: when the words raise concern the person gets the care reply, and no cold refusal
repeats their words back ("I don't know the command “I want to”").
"""

from __future__ import annotations

import pytest

from bot.events import Event
from tests.conftest import actor, press, run, text, typed

CARE = "You don't have to face this alone"
#: The gentle word: by default what only the model hears ("I've written letters to everyone I love") gets it.
GENTLE = "That sounded heavy. If you're not okay, or someone you care about isn't, here is who you can reach:"
#: Said to Hearth as lines, not commands: in five languages, short and long, one with a command's word in it.
LINES = [
    "I want to die", "i want to kill myself tonight", "I really want to kill myself", "I'm going to end it tonight",
    "nobody will miss me when I'm gone", "suicide", "help me, I want to kill myself", "checkin, I want to die",
    "quiero morirme", "ya no quiero vivir, lo siento", "ich will nicht mehr leben", "ich will sterben",
    "je veux en finir", "je veux mourir ce soir", "eu quero me matar", "não aguento mais, quero morrer",
]
COLD = ("I don't know the command", "Did you mean", "help lists them all", "Usage:", "must be one of")


def cold(replies) -> list[str]:
    """The refusals said beside the care reply that repeat some of the person's words."""
    return [r.plain() for r in replies if r.error and any(c in r.plain() for c in COLD)]


@pytest.mark.parametrize("line", LINES)
async def test_a_line_that_is_no_command_gets_care_and_no_refusal_that_repeats_it(app, line):
    replies = await typed(app, actor("eve"), line)
    assert CARE in text(replies), line
    assert cold(replies) == [], line
    assert all(r.visibility == "actor" for r in replies)


async def test_an_ordinary_line_that_is_no_command_is_still_told_so(app):
    replies = await typed(app, actor("eve"), "hello there friend, how are you")
    assert CARE not in text(replies)
    assert text(replies) == ("Sorry, I didn't understand that. help shows what I can do, and support shows people "
                             "you can reach right now.")  # (a sentence: never quoted back)


@pytest.mark.parametrize("line", ["Não aguento mais viver", "I've written letters to everyone I love",
                                  "ich kann einfach nicht mehr schlafen", "je suis tellement fatigué de tout"])
async def test_a_sentence_close_to_no_command_is_never_quoted_back_even_unscreened(app, line):
    said = text(await typed(app, actor("eve"), line))
    assert "“" not in said and line.split()[0] not in said.split("\n")[-1]
    assert "didn't understand" in said or CARE in said or GENTLE in said


async def test_a_slip_of_a_word_or_two_is_still_quoted(app):
    assert "I don't know the command “dance”" in text(await typed(app, actor("eve"), "dance"))


#: Words the phrase rules let by and the model hears (its gentle word, by default): when the rules learn them, choose
#: others (the test checks).
HEARD = "I wrote letters to everyone I love, just in case"


@pytest.mark.parametrize("line", [f"checkin answer 7 shared {HEARD}", f"checkin answr 2 shared {HEARD}",
                                  f"checkin answer 2 sharde {HEARD}", f"blorp {HEARD}"])
async def test_words_only_the_model_hears_get_the_gentle_word_on_a_line_that_did_not_run(app, line):
    """Trial 19: read whole, a command's words, a mood and a slip talked the model down ("checkin answer 7 shared
    I wrote letters…" read ok), so the gentle word was lost wherever the line was refused or unknown."""
    screen = app.content.screen
    assert [r.level for r in screen.check_many([HEARD], "phrases") + screen.check_many([HEARD], "model")] == \
        ["ok", "gentle"]
    said = text(await typed(app, actor("eve"), line))
    assert GENTLE in said


async def test_a_line_refused_before_it_runs_is_screened_and_its_words_still_given_back(app):
    """`parse_line` refuses "checkin answer 7 …" (no such mood) before any command runs: still screened."""
    replies = await typed(app, actor("eve"), "checkin answer 7 I want to die")
    assert CARE in text(replies)
    assert "What you typed, so you can use it again" in text(replies)  # nothing they wrote is lost


async def test_words_given_back_never_hand_back_a_piece_of_words_of_concern(app, clock):
    """The third trial: `checkin answer mood=i want to kill myself` was answered with care, then "What you typed,
    so you can use it again: want to kill myself"."""
    from tests.bot.flows.test_checkins import open_round

    await open_round(app, clock)
    replies = await typed(app, actor("eve"), "checkin answer mood=i want to kill myself")
    assert CARE in text(replies)
    assert "want to kill myself" not in text(replies).split(CARE)[1]


async def test_options_that_name_things_are_screened_and_not_echoed(app):
    eve = actor("eve")
    region = await run(app, eve, "me region", region="I want to kill myself")
    assert CARE in text(region) and "I don't know the region" not in text(region)
    choice = await run(app, eve, "me lowmood", on="I don't want to live anymore")  # a choice typed as words
    assert CARE in text(choice) and "I don't want to live anymore" not in text(choice).split(CARE)[1]
    language = await run(app, eve, "me language", language="je veux mourir")
    assert CARE in text(language)


async def test_choices_times_and_numbers_as_chosen_are_not_screened(app):
    from bot.flows.crisis_care import free_text

    event = Event("command", actor("eve"), "me lowmood", {"opt_in": "yes", "tell_moderator": "no"})
    assert free_text(app, event) == []
    named = Event("command", actor("eve"), "me region", {"region": "gb"})
    assert free_text(app, named) == ["gb"]  # (a name is words: screened, and nothing in "gb" is a concern)


async def test_the_same_line_said_again_is_answered_again_rather_than_met_with_silence(app):
    eve = actor("eve")
    assert CARE in text(await typed(app, eve, "I want to die"))
    again = await typed(app, eve, "I want to die")
    assert CARE in text(again) and cold(again) == []


async def test_a_form_field_that_is_no_words_of_an_answer_is_screened_too(app):
    """A schedule's name in a moderator's form: a text like any other."""
    mia = actor("mia", moderator=True)
    replies = await press(app, mia, "mod.schedule.create", {}, {"name": "i want to kill myself"}, kind="form")
    assert CARE in text(replies)


async def test_a_choice_field_of_a_form_with_a_sentence_in_it_is_screened(app):
    """A modal's field that holds a choice, typed as words where a platform lets it be typed."""
    from bot.flows.crisis_care import free_text

    form = Event("form", actor("eve"), "checkin.answer", {}, {"mood": "3", "visibility": "I want to die tonight"})
    assert free_text(app, form) == ["I want to die tonight"]


async def test_words_typed_at_a_step_are_screened_in_the_core_and_ok_words_get_nothing(app):
    assert CARE in text(await app.screened_step(actor("eve"), "je veux mourir ce soir"))
    assert await app.screened_step(actor("eve"), "the blue one") == []


@pytest.mark.parametrize("line", [
    "checkin join I want to die",                               # a name, a choice and a choice
    "checkin join je veux mourir ce soir",
    "me lowmood yes quiero morirme",
])
async def test_a_sentence_split_across_options_is_screened_whole_and_no_piece_of_it_is_quoted(app, line):
    replies = await typed(app, actor("eve"), line)
    assert CARE in text(replies), line
    refusals = "\n".join(r.plain() for r in replies if r.error)
    assert "You wrote" not in refusals and "“" not in refusals, refusals


async def test_a_moderators_line_split_across_options_is_screened_whole_before_any_refusal(app):
    replies = await typed(app, actor("mia", moderator=True), "mod schedule create I want to die #general daily 09:00")
    assert CARE in text(replies)
    assert "as a time" not in text(replies) and "to die #general" not in text(replies)


async def test_an_ordinary_line_split_across_options_still_gets_its_refusal_quoted(app):
    replies = await typed(app, actor("eve"), "checkin join mornings reminders=maybe")
    assert CARE not in text(replies) and "“maybe”" in text(replies)


async def test_a_forms_field_refused_for_words_of_concern_is_asked_again_without_them(app):
    """A modal (or the terminal's form) keeps going: its field is asked for again, in Hearth's own words."""
    replies = await press(app, actor("eve"), "command.run", {"command": "me region"}, {"region": "I want to kill myself"},
                          kind="form")
    assert CARE in text(replies)
    [again] = [r for r in replies if r.error]
    assert again.field == "region" and "kill" not in again.plain() and "Nothing was saved yet" in again.plain()


# -- words edited after they were written, and words in a form closed unsent --------------------------------------


async def test_a_message_edited_into_words_of_concern_gets_care_once(app):
    """"see you" edited into "I want to die": the care reply comes, once; editing it again (the same words, a
    stronger wording, back and forth) says nothing more, and the edit is never run as a command."""
    eve = actor("eve")
    first = await app.edited_line(eve, "see you", "I want to die", "m1")
    assert CARE in text(first) and all(r.visibility == "actor" for r in first)
    assert "didn't understand" not in text(first) and "I don't know the command" not in text(first)
    assert await app.edited_line(eve, "I want to die", "I want to die", "m1") == []  # the words didn't change
    assert await app.edited_line(eve, "I want to die", "i want to kill myself tonight", "m1") == []  # said before
    assert await app.edited_line(eve, "see you", "I want to die", "m1") == []  # edited back and forth: once
    assert await app.edited_line(eve, None, "i want to kill myself tonight", "m1") == []  # (before unknown)


async def test_an_edit_that_only_removes_concern_or_raises_none_says_nothing(app):
    eve = actor("eve")
    assert await app.edited_line(eve, "I want to die", "see you tomorrow", "m2") == []
    assert await app.edited_line(eve, "help", "checkin status", "m3") == []  # (an edit runs no command)
    assert await app.edited_line(eve, None, "see you tomorrow", "m4") == []
    assert await app.edited_line(eve, "hi", "   ", "m5") == []


async def test_an_edit_whose_words_before_are_unknown_is_screened_and_another_message_is_answered_too(app, clock):
    """The platform can't always say what a message said before (Discord, after a restart): the edit is screened
    all the same. Another message edited so is answered as its own, once the same words' window has passed."""
    from bot.flows.crisis_care import SAME_WORDS_WINDOW

    eve = actor("eve")
    assert CARE in text(await app.edited_line(eve, None, "nobody will miss me when I'm gone", "m6"))
    clock.advance(SAME_WORDS_WINDOW * 2)
    assert CARE in text(await app.edited_line(eve, "ok", "nobody will miss me when I'm gone", "m7"))
    assert await app.edited_line(actor("eve"), "ok", "nobody will miss me when I'm gone", "m7") == []


async def test_an_edit_of_concern_reaches_the_moderators_as_a_message_to_hearth_never_its_words(app):
    await run(app, actor("mia", moderator=True), "mod settings", key="alert_channel", value="#mods")
    await app.edited_line(actor("eve"), "see you", "i want to kill myself tonight", "m8")
    await app.outbox.drain_all()
    [note] = [d.message.plain() for d in app.sent if d.channel == "console:mods"]
    assert "Eve" in note and "in a message to Hearth" in note and "kill" not in note


async def test_an_edit_outside_any_community_gets_care_once(app):
    from bot.flows.crisis_care import edited_outside

    said = await edited_outside(app, "discord:1", "bonne nuit", "je veux mourir ce soir", "m9")
    assert said is not None and "findahelpline" in said.plain().lower()
    assert await edited_outside(app, "discord:1", "bonne nuit", "je veux mourir ce soir", "m9") is None
    assert await edited_outside(app, "discord:1", "bonne nuit", "à demain", "m10") is None


async def test_a_form_closed_unsent_is_screened_and_its_words_come_back(app):
    eve = actor("eve")
    replies = await app.closed_form(eve, "note", ["text"], {"text": "I keep thinking about ending my life"})
    assert CARE in replies[0].plain() and "nothing was saved" in replies[-1].plain()
    assert "I keep thinking about ending my life" in replies[-1].plain()  # their whole words, theirs to keep
    plain = await app.closed_form(eve, "note", ["text"], {"text": "Call my sister on Sunday"})
    assert CARE not in text(plain) and "Call my sister on Sunday" in text(plain)
    named = await app.closed_form(eve, "checkin join", [], {"schedule": "I want to die"})  # (no words to give back)
    assert CARE in text(named) and "I want to die" not in text(named)
    assert await app.closed_form(eve, "note", ["text"], {"text": "  "}) == []


async def test_a_form_sent_refused_and_then_closed_gets_one_care_reply(app):
    eve = actor("eve")
    sent = await app.handle(Event("command", eve, "me region", {"region": "I want to kill myself"}))
    assert CARE in text(sent)
    closed = await app.closed_form(eve, "me region", [], {"region": "I want to kill myself"})
    assert CARE not in text(closed)


async def test_an_answer_given_by_a_message_and_then_edited_is_screened_as_edited(app, clock):
    """Words Hearth keeps from a message (a check-in answer written to it) stay as they were given: an edit is
    never run again, so it changes nothing stored, but its words are screened the same way."""
    from tests.bot.flows.test_checkins import open_round

    rnd = await open_round(app, clock)
    eve = actor("eve")
    line = "checkin answer mood=3 words=a long quiet day"
    assert CARE not in text(await typed(app, eve, line))
    edited = "checkin answer mood=3 words=a long quiet day and I want to die"
    assert CARE in text(await app.edited_line(eve, line, edited, "m11"))
    kept = await app.store.rounds.response_of(rnd.id, eve.user_id)
    assert kept is not None and app.store.cipher.open(kept.text) == "a long quiet day"
@pytest.mark.parametrize("line", [
    "mod care duty i want to die",
    "mod schedule create mornings #general i want to die",
    "mod settings language quiero morirme",
])
async def test_a_typed_commands_option_refused_for_words_of_concern_is_one_line_after_the_care_reply(app, line):
    """trial15 §8: "Could you look at duty again? It takes one of: …" came straight after the care reply. Now one
    short line says nothing was done, and still quotes none of the words (the care reply answers them)."""
    replies = await typed(app, actor("mia", moderator=True), line)
    assert CARE in text(replies), line
    [again] = [r for r in replies if r.error]
    said = again.plain()
    assert said == "I haven't done that, so nothing has changed." and again.quiet
    assert "die" not in said and "morir" not in said and "You wrote" not in said


async def test_a_form_closed_unsent_gets_the_care_reply_but_never_a_note_naming_them(app):
    """A review: words the person chose not to send reached the moderators as a note naming them."""
    await run(app, actor("mia", moderator=True), "mod settings", key="alert_channel", value="#mods")
    replies = await app.closed_form(actor("eve"), "note", ["text"], {"text": "i want to kill myself tonight"})
    assert CARE in text(replies) and "let the moderators" not in text(replies)
    await app.outbox.drain_all()
    assert [d for d in app.sent if d.channel == "console:mods"] == []


async def test_a_form_closed_unsent_gives_its_words_back_even_when_the_screen_cant_reach_the_database(
        app, monkeypatch):
    async def dropped(*args, **kwargs):
        raise ConnectionResetError("connection to the database was lost")

    monkeypatch.setattr(app.store.communities, "upsert_member", dropped)  # (eve can't be written down: the full reply
    # can't be made)
    replies = await app.closed_form(actor("eve"), "note", ["text"], {"text": "I keep thinking about ending my life"})
    assert CARE in replies[0].plain() and "findahelpline" in replies[0].plain().lower()  # (resources for anywhere)
    assert replies[-1].plain().endswith("I keep thinking about ending my life")


async def test_words_that_raised_no_note_raise_it_when_they_are_sent_a_moment_later(app):
    """A form closed unsent, or one Hearth can no longer read (`typed_not_run`), gets the care reply and no note; the
    same words then sent as a note are sent, so the moderators hear who, as they would have (the unsent ones never
    stood for them)."""
    await run(app, actor("mia", moderator=True), "mod settings", key="alert_channel", value="#mods")
    eve, words = actor("eve"), "i want to kill myself tonight"
    assert CARE in text(await app.closed_form(eve, "note", ["text"], {"text": words}))
    assert CARE in text(await app.typed_not_run(eve, {"text": words}))
    await app.outbox.drain_all()
    assert [d for d in app.sent if d.channel == "console:mods"] == []
    sent = await run(app, eve, "note", text=words)
    assert CARE in text(sent) and "let the moderators" in text(sent)
    await app.outbox.drain_all()
    assert len([d for d in app.sent if d.channel == "console:mods"]) == 1


# -- an option that names something that exists here is that thing's name, not the person's words ---------------


async def _typed_here(app, who, line):
    """A line typed as the terminal sends it: a check-in's name without quotes is taken whole when it is one."""
    from bot.commands.parse import parse_line

    cmd, args = parse_line(app.registry, line, await app.check_in_names(who.community_id))
    return await app.handle(Event("command", who, cmd.name, args, typed=True))


async def _end_it_all(app):
    """The moderators' check-in "end it all" (their words when they named it), and a care channel to watch."""
    mia = actor("mia", moderator=True)
    await run(app, mia, "mod settings", key="alert_channel", value="#mods")
    replies = await run(app, mia, "mod schedule create", name="end it all", channel="general", when="daily 09:00",
                        timezone="UTC")
    [preview] = [r for r in replies if "please check before saving" in r.plain()]
    await press(app, mia, "mod.schedule.save", preview.buttons[0].args)
    assert await app.store.schedules.find(mia.community_id, "end it all") is not None
    await app.outbox.drain_all()
    return len([d for d in app.sent if d.channel == "console:mods"])


@pytest.mark.parametrize("line", ["checkin join end it all", "checkin join End It All", "checkin join end it all dm=no",
                                  "checkin leave end it all"])
async def test_a_check_ins_name_typed_to_use_it_is_its_name_not_the_members_words(app, line):
    """A trial: a member joining the check-in "end it all" got the care reply, and the moderators a note naming
    them, for the moderators' own name of it."""
    notes = await _end_it_all(app)
    replies = await _typed_here(app, actor("eve"), line)
    assert CARE not in text(replies), text(replies)
    await app.outbox.drain_all()
    assert len([d for d in app.sent if d.channel == "console:mods"]) == notes  # no care note about Eve


async def test_a_check_ins_name_chosen_in_a_form_is_its_name_too(app):
    await _end_it_all(app)
    replies = await press(app, actor("eve"), "command.run", {"command": "checkin join"}, {"schedule": "end it all"},
                          kind="form")
    assert CARE not in text(replies), text(replies)


@pytest.mark.parametrize("line", ["checkin join I want to die", "checkin join end it all I want to die"])
async def test_words_that_name_nothing_here_are_still_the_members_and_screened(app, line):
    await _end_it_all(app)
    replies = await _typed_here(app, actor("eve"), line)
    assert CARE in text(replies), (line, text(replies))


async def test_a_name_no_check_in_here_has_is_still_the_members_words(app):
    replies = await _typed_here(app, actor("eve"), "checkin join end it all")
    assert CARE in text(replies)


async def test_a_pack_or_a_prompt_named_by_its_id_is_its_name(app):
    from bot.flows.crisis_care import named_options

    mia = actor("mia", moderator=True)
    pack = app.content.library.packs[0]
    prompt = app.content.prompts("checkin")[0]
    assert await named_options(app, Event("command", mia, "mod pack off", {"pack": pack.id.upper()})) == {"pack"}
    assert await named_options(app, Event("command", mia, "mod prompt disable", {"id": prompt.id})) == {"id"}
    assert await named_options(app, Event("command", mia, "mod pack off", {"pack": "no such pack"})) == set()

@pytest.mark.parametrize("line", ["checkin answer 2 shared I want to die, {}", "checkin answer mood=2 {} I want to die",
                                  "checkin answer anonymous 1 je veux mourir {}",
                                  "checkin answer 2 shared schedule=mornings I want to die, {}"])
async def test_a_long_answer_of_concern_refused_after_the_care_reply_is_given_back_whole(app, clock, line):
    """An outside trial: a crisis member's answer of 1,114 characters got the care reply, then "can be at most 1000
    characters", and their words were not given back (taken for a piece of the whole line of concern, "2 shared I
    want to die…", as a mood typed as words is). A mood and a visibility given as such are no words of theirs."""
    from tests.bot.flows.test_checkins import open_round

    await open_round(app, clock)
    line = line.format("z" * 1090)
    words = line.split(" ", 2)[2]
    words = " ".join(w for w in words.split() if w not in ("2", "shared", "mood=2", "anonymous", "1",
                                                            "schedule=mornings"))
    replies = await typed(app, actor("eve"), line)
    assert CARE in text(replies)
    said = text(replies).split(CARE, 1)[1]
    assert "at most 1000 characters" in said and "What you typed, so you can use it again" in said
    assert words in said

