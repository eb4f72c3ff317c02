"""Crisis care: a private answer with resources; moderators hear who and where, never what.

Two strengths: crisis (resources, and the moderator note where the community asked for it) and gentle (a short
word and the resources, no note). The phrase screen answers crisis or ok today, so the gentle level is tried with
`ChosenScreen`: the real screen, except for sentences given a level.
"""

from __future__ import annotations

import io
from datetime import timedelta

import pytest

from hearth.cli import main
from bot.events import Event, say
from bot.safety.screen import MODEL_OFF, Level, Reading, Screen, ScreenResult
from tests.bot.flows.test_checkins import open_round
from tests.conftest import actor, press, run, text, typed

CRISIS = "honestly I don't want to be alive anymore"
HEAVY = "everything has felt so heavy lately and I am worn out"
SAVED = "Your words were saved just as you chose"
CRISIS_OPENING = "What you wrote sounds like things may be really hard right now."
GENTLE_OPENING = "That sounded heavy. If you're not okay, or someone you care about isn't, here is who you can reach:"


class ChosenScreen(Screen):
    """The real phrase screen, except that the sentences in `chosen` get the level chosen for them."""

    def __init__(self, real: Screen, chosen: dict[str, Level]) -> None:
        super().__init__(real.rules, real.model, real.unavailable)
        self.chosen = chosen

    def check_many(self, texts: list[str], reading: Reading = "model-crisis") -> list[ScreenResult]:
        real = super().check_many(texts, reading)
        return [ScreenResult(level == "crisis", f"chosen.{level}", level) if (level := self.chosen.get(t.strip()))
                else r for t, r in zip(texts, real)]


@pytest.fixture
def heavy(app, monkeypatch) -> None:
    """HEAVY reads as gentle (the shared content is restored after the test)."""
    monkeypatch.setattr(app.content, "screen", ChosenScreen(app.content.screen, {HEAVY: "gentle"}))


async def alerts(app) -> list:
    await app.outbox.drain_all()
    return [d for d in app.sent if d.channel == "console:mods"]


async def with_alert_channel(app) -> None:
    await run(app, actor("mia", moderator=True), "mod settings", key="alert_channel", value="#mods")


async def test_crisis_words_get_resources_privately_and_the_answer_is_kept_as_chosen(app, clock):
    rnd = await open_round(app, clock)
    replies = await run(app, actor("ann"), "checkin answer", mood="1", visibility="private", words=CRISIS)
    assert all(r.visibility == "actor" for r in replies)
    first = replies[0].plain()
    assert "Find A Helpline" in first and "not a therapist or an emergency service" in first
    assert first.startswith(CRISIS_OPENING) and SAVED in first
    saved = await app.store.rounds.response_of(rnd.id, "console:ann")
    assert saved.visibility == "private" and saved.text == CRISIS
    await app.outbox.drain_all()
    assert not any(CRISIS in d.message.plain() for d in app.sent)


async def test_moderators_hear_who_and_where_once_per_period_never_what(app, clock):
    mia = actor("mia", moderator=True)
    await run(app, mia, "mod settings", key="alert_channel", value="#mods")
    await open_round(app, clock)
    ann = actor("ann")
    await run(app, ann, "checkin answer", mood="1", visibility="anonymous", words=CRISIS)
    await run(app, ann, "reflect")
    await run(app, ann, "note", text="I keep thinking about ending my life")
    await app.outbox.drain_all()
    alerts = [d for d in app.sent if d.channel == "console:mods"]
    assert len(alerts) == 1
    note = alerts[0].message.plain()
    assert "Ann" in note and "check-in" in note
    assert CRISIS not in note and "ending" not in note
    clock.advance(timedelta(hours=25))
    await run(app, ann, "note", text="I keep thinking about ending my life")
    await app.outbox.drain_all()
    assert len([d for d in app.sent if d.channel == "console:mods"]) == 2


async def test_hyperbole_gets_no_crisis_reply(app, clock):
    await open_round(app, clock)
    replies = await run(app, actor("ann"), "checkin answer", mood="2", visibility="shared",
                        words="this deadline is killing me")
    assert "Helpline" not in text(replies)


async def test_support_any_time_and_by_region(app):
    ann = actor("ann")
    assert "Find A Helpline" in text(await run(app, ann, "support"))
    assert "116 123" in text(await run(app, ann, "support", region="gb"))
    assert "Thanks" in text(await run(app, ann, "me region", region="au"))
    assert "13 11 14" in text(await run(app, ann, "support"))
    assert "don't know the region" in text(await run(app, ann, "me region", region="atlantis"))


async def test_low_mood_word_only_for_those_who_opted_in_once_per_run(app, clock):
    from tests.bot.scheduling.test_runner import make_schedule
    from bot.scheduling.runner import RoundScheduler
    from datetime import datetime, timezone

    await make_schedule(app)
    ann, bob = actor("ann"), actor("bob")
    await run(app, ann, "me lowmood", on="yes")
    runner = RoundScheduler(app)
    said = []
    for day in range(5, 10):
        clock.set(datetime(2026, 1, day, 9, 0, tzinfo=timezone.utc))
        await runner.run_pending()
        answered = text(await run(app, ann, "checkin answer", mood="1"))
        said.append("sounded hard" in answered)
        # Beside the gentle word, the answer is confirmed plainly; on other days, thanked.
        assert answered.startswith("Your answer is kept private." if said[-1] else "Thanks for checking in 💛")
        assert "sounded hard" not in text(await run(app, bob, "checkin answer", mood="1"))
        changed = text(await run(app, ann, "checkin answer", mood="2", words="Changed my words"))
        assert "sounded hard" not in changed and changed.startswith("Updated.")  # (said once, not at each change)
        clock.advance(timedelta(hours=3))
        await runner.sweep()
    assert said == [False, False, True, False, False]


def test_hearth_screen_reads_lines(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("I want to kill myself\nthis meeting is killing me\n"))
    assert main(["screen"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["crisis\tI want to kill myself", "ok\tthis meeting is killing me"]


# -- two strengths ----------------------------------------------------------------------


async def test_heavy_words_get_a_gentle_private_word_and_resources_but_no_moderator_note(app, clock, heavy):
    await with_alert_channel(app)
    await open_round(app, clock)
    replies = await run(app, actor("ann"), "checkin answer", mood="2", visibility="private", words=HEAVY)
    first = replies[0]
    assert first.visibility == "actor" and first.plain().startswith(GENTLE_OPENING)
    assert "Find A Helpline" in first.plain() and "not a therapist or an emergency service" in first.plain()
    assert SAVED in first.plain()
    assert replies[1].plain() == "Your answer is kept private."  # calm: no cheerful thanks beside a care reply
    assert await alerts(app) == []
    assert await app.store.notes.last_safety_alert("console:test", "console:ann") is None


async def test_of_several_texts_in_one_event_the_strongest_level_answers(app, clock, heavy):
    await with_alert_channel(app)
    await open_round(app, clock)
    ann = actor("ann")
    replies = await run(app, ann, "checkin answer", mood="2", words=HEAVY, schedule=CRISIS)
    cares = [r for r in replies if "Find A Helpline" in r.plain()]
    assert len(cares) == 1 and cares[0].plain().startswith(CRISIS_OPENING)
    assert len(await alerts(app)) == 1
    replies = await run(app, actor("bob"), "checkin answer", mood="2", words=HEAVY, schedule="no such check-in")
    assert [r.plain().startswith(GENTLE_OPENING) for r in replies if "Find A Helpline" in r.plain()] == [True]
    assert len(await alerts(app)) == 1


async def test_the_stand_in_screen_is_real_for_everything_else(app, heavy):
    assert app.content.screen.check("I want to kill myself").level == "crisis"
    assert app.content.screen.check("this meeting is killing me").level == "ok"


# -- the replies say only what happened ------------------------------------------------


async def test_saved_is_said_only_when_the_words_were_saved(app, clock):
    ann = actor("ann")
    nothing_open = await run(app, ann, "checkin answer", mood="1", words=CRISIS)
    assert CRISIS_OPENING in text(nothing_open) and "no check-in open" in text(nothing_open)
    assert SAVED not in text(nothing_open)

    rnd = await open_round(app, clock)
    refused = await run(app, ann, "checkin answer", mood="9", words=CRISIS + " Today.")
    assert CRISIS_OPENING in text(refused) and SAVED not in text(refused)
    assert await app.store.rounds.response_of(rnd.id, "console:ann") is None

    kept = await run(app, ann, "checkin answer", mood="1", visibility="private", words=CRISIS + " Still.")
    assert SAVED in text(kept)


async def test_saved_is_not_said_by_support_or_by_words_that_only_passed_through(app, clock):
    ann = actor("ann")
    support = text(await run(app, ann, "support"))
    assert "Find A Helpline" in support and "saved" not in support
    in_help = text(await run(app, ann, "help", command=CRISIS))
    assert CRISIS_OPENING in in_help and SAVED not in in_help


async def test_a_note_says_saved_only_when_it_was_kept(app):
    ann = actor("ann")
    await run(app, ann, "reflect")
    kept = text(await run(app, ann, "note", text="I keep thinking about ending my life"))
    assert SAVED in kept and "Kept." in kept
    too_long = "I keep thinking about ending my life. " * 200
    refused = text(await run(app, ann, "note", text=too_long))
    assert CRISIS_OPENING in refused and SAVED not in refused
    assert len(await app.store.notes.of_member("console:test", "console:ann")) == 1


async def test_a_form_for_a_closed_round_says_nothing_about_saving(app, clock):
    rnd = await open_round(app, clock)
    clock.advance(timedelta(hours=3))
    replies = await press(app, actor("ann"), "checkin.submit", {"round": str(rnd.id)},
                          {"mood": "1", "words": CRISIS, "visibility": "private"}, kind="form")
    assert CRISIS_OPENING in text(replies) and "has closed" in text(replies)
    assert SAVED not in text(replies)


async def test_a_member_over_the_rate_limit_is_still_heard_but_not_told_their_words_were_saved(app, clock):
    await open_round(app, clock)
    ann = actor("ann")
    for _ in range(app.config["limits.events_per_minute"]):
        await run(app, ann, "checkin status")
    replies = await app.handle(Event("command", ann, "note", {"text": "I keep thinking about ending my life"}))
    assert CRISIS_OPENING in text(replies) and SAVED not in text(replies)
    assert await app.store.notes.of_member("console:test", "console:ann") == []


async def test_a_moderators_prompt_is_not_taken_for_their_own_words(app):
    await with_alert_channel(app)
    mia = actor("mia", moderator=True)
    replies = await run(app, mia, "mod prompt add", kind="reflection", theme="fear", depth="deep",
                        text="What does it feel like to want to die?")
    assert CRISIS_OPENING not in text(replies) and "Are you sure?" in text(replies)
    assert await alerts(app) == []


# -- one care reply for one text, and no cheerful thanks beside it ----------------------


async def test_an_answer_asked_for_in_steps_gets_one_care_reply_and_a_calm_confirmation(app, clock):
    """`checkin answer` with words and no mood opens the form; its submission carries the same words. The crisis
    reply came twice, each time followed by "Thanks for checking in 💛"."""
    ann = actor("ann")
    await with_alert_channel(app)
    rnd = await open_round(app, clock)
    first = await run(app, ann, "checkin answer", words=CRISIS)
    assert CRISIS_OPENING in first[0].plain() and "Check on me tomorrow" in [b.label for b in first[0].buttons]
    [form] = [r.form for r in first if r.form is not None]
    assert dict((f.name, f.default) for f in form.fields)["words"] == CRISIS
    submitted = await press(app, ann, form.action, form.args, {"mood": "2", "words": CRISIS, "visibility": "private"},
                            kind="form")
    assert CRISIS_OPENING not in text(submitted)  # answered once, a moment ago
    assert text(submitted) == "Your answer is kept private."  # plain and calm: no cheerful thanks
    assert (await app.store.rounds.response_of(rnd.id, "console:ann")).text == CRISIS
    assert len(await alerts(app)) == 1


async def test_a_care_reply_comes_first_and_the_confirmation_after_it_is_calm(app, clock):
    await open_round(app, clock)
    replies = await run(app, actor("ann"), "checkin answer", mood="1", visibility="private", words=CRISIS)
    assert CRISIS_OPENING in replies[0].plain() and SAVED in replies[0].plain()
    assert replies[1].plain() == "Your answer is kept private."
    assert "Thanks" not in text(replies)


async def test_the_same_words_are_answered_again_at_once_and_later_with_one_note(app, clock):
    """Someone who says it again is answered again, however soon: only the moderators' note is said once."""
    ann = actor("ann")
    await with_alert_channel(app)
    await run(app, ann, "reflect")
    assert CRISIS_OPENING in text(await run(app, ann, "note", text=CRISIS))
    assert CRISIS_OPENING in text(await run(app, ann, "note", text=CRISIS))  # (sent twice in a moment)
    clock.advance(timedelta(hours=1, minutes=1))
    assert CRISIS_OPENING in text(await run(app, ann, "note", text=CRISIS))
    assert len(await alerts(app)) == 1


@pytest.mark.parametrize("how", ["typed", "line", "form step"])
async def test_words_of_concern_typed_again_at_once_always_get_the_care_reply_and_one_note(app, how):
    """The trial: the same words, typed a second time within the window as a moderator command's argument, got no
    care reply at all. Whoever types them again (a command, a line Hearth can't read, a step of a form) is answered
    each time; the moderators hear once."""
    from bot.commands.registry import RUN
    from bot.events import Form

    await with_alert_channel(app)
    mia = actor("mia", moderator=True)
    words = "I want to kill myself"
    for _ in range(2):
        if how == "typed":
            replies = await app.handle(Event("command", mia, "mod settings", {"key": "welcome", "value": words},
                                             typed=True))
        elif how == "line":
            replies = await app.refused_line(mia, words, (await typed(app, mia, "nonsense"))[0])
        else:
            replies = await app.screened_step(mia, words, Form("Settings", RUN, (), {"command": "mod settings"}))
        assert CRISIS_OPENING in text(replies)
        assert words not in text(replies)
    assert len(await alerts(app)) == 1


async def test_an_ordinary_answer_is_still_thanked(app, clock):
    await open_round(app, clock)
    replies = await run(app, actor("ann"), "checkin answer", mood="4", words="Good coffee")
    assert text(replies) == "Thanks for checking in 💛 Your answer is kept private."


async def test_different_crisis_words_in_a_row_each_get_the_care_reply(app, clock):
    """Only the very same words are answered once: a second, different text in crisis is answered too (after a
    first crisis reply, `reflect repair` then a note in other words got only "Kept.")."""
    dee = actor("dee")
    await with_alert_channel(app)
    await run(app, dee, "reflect")
    assert CRISIS_OPENING in text(await run(app, dee, "note", text="I want to kill myself"))
    await run(app, dee, "reflect", theme="repair")
    again = await run(app, dee, "note", text="I want to end it all")
    assert CRISIS_OPENING in text(again) and "Check on me tomorrow" in [b.label for r in again for b in r.buttons]
    assert CRISIS_OPENING in text(await run(app, dee, "note", text="I want to  END it all"))  # the very same: again
    assert len(await alerts(app)) == 1


#: A farewell the phrase rules don't know and the model reads as danger (when the rules learn it, pick another: the
#: test below checks that they don't).
FAREWELL = "my sister is taking my cat, I will not be around to look after her"


@pytest.fixture
def with_model(app, monkeypatch) -> None:
    """This Hearth screens with its model (`[safety] model = true`): the one loaded once per process."""
    from bot.content.library import ContentLibrary

    screen = ContentLibrary.load(None, True).screen
    assert screen.model is not None, "the model installs with Hearth"
    monkeypatch.setattr(app.content, "screen", screen)


async def test_a_community_chooses_how_far_the_model_reads_and_each_choice_says_what_it_means(app, with_model):
    """`crisis_screen`: by default the model's gentle word beside the phrases (what only the model hears gets a
    private word and no care note), the model's alarm a crisis too, or the rules alone; what each means is said."""
    await with_alert_channel(app)
    ann, mia = actor("ann"), actor("mia", moderator=True)
    rules_alone = app.content.screen.check_many([FAREWELL + ", truly"], "phrases")[0]
    assert rules_alone.level == "ok", "the phrase rules now know FAREWELL: choose a farewell they don't"
    heard = (await run(app, ann, "note", text=FAREWELL))[0].plain()
    assert GENTLE_OPENING in heard and CRISIS_OPENING not in heard and await alerts(app) == []
    said = (await run(app, mia, "mod settings", key="crisis_screen", value="model-crisis"))[0].plain()
    assert "the crisis answer and the care note too" in said and "a few people in a hundred" in said
    assert CRISIS_OPENING in (await run(app, ann, "note", text=FAREWELL + ", for real"))[0].plain()
    assert len(await alerts(app)) == 1
    said = (await run(app, mia, "mod settings", key="crisis_screen", value="phrases"))[0].plain()
    assert "fixed phrases only" in said and "miss many" in said
    replies = await run(app, ann, "note", text=FAREWELL + ", truly")
    assert not any(CRISIS_OPENING in r.plain() or GENTLE_OPENING in r.plain() for r in replies)
    assert CRISIS_OPENING in (await run(app, ann, "note", text=CRISIS))[0].plain()  # the rules still read it
    assert "crisis_screen: phrases" in (await run(app, mia, "mod settings"))[0].plain()
    said = (await run(app, mia, "mod settings", key="crisis_screen", value="model"))[0].plain()
    assert "When only my model hears something heavy" in said and "no care note" in said
    shown = (await run(app, mia, "mod settings", key="crisis_screen"))[0].plain()
    assert "crisis_screen: model" in shown and "When only my model hears something heavy" in shown
    assert GENTLE_OPENING in (await run(app, ann, "note", text=FAREWELL + ", honestly"))[0].plain()


@pytest.mark.parametrize("typed", ["modelcrisis", "Model_Crisis", "model crisis", " MODEL-CRISIS "])
async def test_model_crisis_is_read_however_it_is_joined(app, typed):
    said = text(await run(app, actor("mia", moderator=True), "mod settings", key="crisis_screen", value=typed))
    assert "crisis_screen is now model-crisis" in said
    assert (await app.ensure_community(actor("mia").community_id)).settings.crisis_screen == "model-crisis"


async def test_an_unknown_crisis_screen_is_refused_kindly_and_changes_nothing(app):
    reply = (await run(app, actor("mia", moderator=True), "mod settings", key="crisis_screen", value="ai"))[0]
    assert reply.error and all(choice in reply.plain() for choice in ("model ", "model-crisis", "phrases"))
    assert (await app.ensure_community(actor("mia").community_id)).settings.crisis_screen == "model"


async def test_settings_say_when_this_hearth_runs_without_its_model(app, monkeypatch):
    monkeypatch.setattr(app.content, "screen", Screen(app.content.screen.rules, None, MODEL_OFF))
    listed = (await run(app, actor("mia", moderator=True), "mod settings"))[0].plain()
    assert "crisis_screen: model (this Hearth runs without its model, so phrases only)" in listed
    said = (await run(app, actor("mia", moderator=True), "mod settings", key="crisis_screen"))[0].plain()
    assert "runs without its model" in said and "When only my model" not in said


# -- words that sound heavy, about to go up: held, and the care note can't be linked to them ---------------------

HELD_REPLY = "Your words are saved, but I haven't posted them yet"
NOT_WHERE = "know your name, so someone may gently reach out. Never what you wrote, nor where."


def everything_sent(app) -> str:
    return "\n".join(d.message.plain() for d in app.sent)


def offer_of(replies) -> dict:
    """The held offer's buttons, by action (theirs alone)."""
    (offer,) = [r for r in replies if any(b.action == "checkin.post_held" for b in r.buttons)]
    return {b.action: b for b in offer.buttons}


async def test_anonymous_words_in_crisis_are_held_and_the_care_note_says_nothing_that_links_them(app, clock):
    from tests.bot.flows.test_checkins import close

    await open_round(app, clock)
    await with_alert_channel(app)
    ann = actor("ann")
    replies = await run(app, ann, "checkin answer", mood="2", visibility="anonymous", words=CRISIS)
    care = replies[0].plain()
    assert HELD_REPLY in care and SAVED not in care and NOT_WHERE in care
    said = text(replies[1:])
    assert "I haven't posted them in #general" in said and "they stay private, also if the round closes first" in said
    buttons = offer_of(replies)
    assert [b.label for b in buttons.values()] == ["Keep them private", "Post them anonymously"]
    assert (await app.store.rounds.response_of((await app.store.rounds.list_open())[0].id, ann.user_id)).visibility \
        == "private"
    (note,) = await alerts(app)
    shown = note.message.plain()
    assert shown.startswith("💛 Ann may need some support right now. Hearth has privately shared")
    assert "answering a check-in" not in shown and "general" not in shown and CRISIS not in shown
    for who in ("bob", "cy", "dee"):  # enough for a batch: Ann's words are not in it
        await run(app, actor(who), "checkin answer", mood="3", visibility="anonymous", words=f"fine, {who} here")
    await app.outbox.drain_all()
    assert "fine, bob here" in everything_sent(app) and CRISIS not in everything_sent(app)
    # She chooses to post them after all: they go up anonymously, as she first chose.
    posted = text(await press(app, ann, "checkin.post_held", dict(buttons["checkin.post_held"].args)))
    assert "shared anonymously" in posted and "Thanks" not in posted
    for who in ("eve", "fay"):  # (a batch of its own, as anonymous answers always go)
        await run(app, actor(who), "checkin answer", mood="3", visibility="anonymous", words=f"ok, {who} here")
    await close(app, clock)
    assert CRISIS in everything_sent(app)


async def test_words_only_the_model_hears_are_held_back_from_a_post_as_any_words_of_concern(app, clock, with_model):
    """The default reading's gentle word holds words back too: among the words only the model hears are plans said
    plainly (trial 19), which must not go up under a name before their writer has seen the support offered; `privacy`
    promises it. No care note: that stays the phrases' own."""
    await open_round(app, clock)
    await with_alert_channel(app)
    replies = await run(app, actor("ann"), "checkin answer", mood="2", visibility="shared", words=FAREWELL)
    said = text(replies)
    assert GENTLE_OPENING in said and HELD_REPLY in said and "I haven't posted them" in said
    rnd = (await app.store.rounds.list_open())[0]
    assert (await app.store.rounds.response_of(rnd.id, actor("ann").user_id)).visibility == "private"
    await app.outbox.drain_all()
    assert FAREWELL not in everything_sent(app) and await alerts(app) == []
    posted = text(await press(app, actor("ann"), "checkin.post_held", dict(offer_of(replies)["checkin.post_held"].args)))
    assert "shared" in posted
    await app.outbox.drain_all()
    assert FAREWELL in everything_sent(app)


NAMED_TODAY = "the moderators will know your name, never your words. If these words go up anonymously, " \
    "they may guess they're yours."


async def test_the_offer_to_post_crisis_words_anonymously_says_first_that_moderators_have_her_name(app, clock):
    await open_round(app, clock)
    await with_alert_channel(app)
    replies = await run(app, actor("ann"), "checkin answer", mood="2", visibility="anonymous", words=CRISIS)
    (offer,) = [r for r in replies if any(b.action == "checkin.post_held" for b in r.buttons)]
    said = offer.plain()
    assert NAMED_TODAY in said and said.index(NAMED_TODAY) > said.index("Post them anonymously")
    # trial15 §7: said before the note goes (on the clock's next tick), never "have been told"
    assert "have been told" not in said and not [d for d in app.sent if d.channel == "console:mods"]
    assert len(await alerts(app)) == 1  # (and so it is: the note with her name)


async def test_a_later_offer_within_the_notes_cooldown_says_so_too(app, clock):
    await open_round(app, clock)
    await with_alert_channel(app)
    await run(app, actor("ann"), "checkin answer", mood="1", visibility="private", words=CRISIS)
    assert len(await alerts(app)) == 1
    clock.advance(timedelta(minutes=40))
    replies = await run(app, actor("ann"), "checkin answer", mood="1", visibility="anonymous",
                        words="i want to die, i really do")
    assert len(await alerts(app)) == 1  # (no second note: the first one stands)
    assert NAMED_TODAY in text(replies)


async def test_no_care_channel_or_no_note_or_a_named_post_says_nothing_of_moderators(app, clock, heavy):
    await open_round(app, clock)
    no_channel = await run(app, actor("ann"), "checkin answer", mood="2", visibility="anonymous", words=CRISIS)
    assert offer_of(no_channel) and "moderators will know" not in text(no_channel)
    await with_alert_channel(app)
    gentle = await run(app, actor("bob"), "checkin answer", mood="2", visibility="anonymous", words=HEAVY)
    assert offer_of(gentle) and "moderators will know" not in text(gentle)  # (gentle: no note)
    named = await run(app, actor("cy"), "checkin answer", mood="2", visibility="shared", words=CRISIS)
    assert offer_of(named) and "moderators will know" not in text(named)  # (with her name: nothing to guess)
    assert len(await alerts(app)) == 1  # (Cy's note only)


async def test_shared_words_in_crisis_are_held_and_keep_private_keeps_them_for_good(app, clock):
    from tests.bot.flows.test_checkins import close

    await open_round(app, clock)
    ann = actor("ann")
    replies = await run(app, ann, "checkin answer", mood="1", visibility="shared", words=CRISIS)
    assert HELD_REPLY in replies[0].plain()
    buttons = offer_of(replies)
    assert [b.label for b in buttons.values()] == ["Keep them private", "Post them with my name"]
    kept = text(await press(app, ann, "checkin.keep_private", dict(buttons["checkin.keep_private"].args)))
    assert "They stay private" in kept
    await close(app, clock)
    assert CRISIS not in everything_sent(app)
    assert "already pressed" in text(await press(app, ann, "checkin.keep_private",
                                                 dict(buttons["checkin.keep_private"].args)))


async def test_heavy_words_that_would_go_up_are_held_with_the_gentle_reply_too(app, clock, heavy):
    await open_round(app, clock)
    replies = await run(app, actor("ann"), "checkin answer", mood="2", visibility="shared", words=HEAVY)
    assert GENTLE_OPENING in replies[0].plain() and HELD_REPLY in replies[0].plain()
    assert offer_of(replies)
    await app.outbox.drain_all()
    assert HEAVY not in everything_sent(app)


async def test_a_private_answers_care_note_says_who_never_where(app, clock):
    await open_round(app, clock)
    await with_alert_channel(app)
    replies = await run(app, actor("ann"), "checkin answer", mood="1", visibility="private", words=CRISIS)
    assert NOT_WHERE in replies[0].plain() and SAVED in replies[0].plain() and HELD_REPLY not in replies[0].plain()
    assert not [b for r in replies for b in r.buttons if b.action.startswith("checkin.")]
    (note,) = await alerts(app)
    assert "answering a check-in" not in note.message.plain() and "general" not in note.message.plain()


# -- where a care note says it happened: true for every way words reach Hearth ------------------------------------


async def note_of(app) -> str:
    (note,) = await alerts(app)
    return note.message.plain()


async def test_a_care_note_for_words_at_a_forms_step_says_a_form_not_a_message(app):
    """The trial: words of concern typed at a step of a moderator's form, and the note said "in a message to Hearth
    in #general". A step of a form is a form."""
    from bot.commands.registry import RUN
    from bot.events import Form

    await with_alert_channel(app)
    mia = actor("mia", moderator=True)
    await app.screened_step(mia, "I want to kill myself", Form("Settings", RUN, (), {"command": "mod settings"}))
    note = await note_of(app)
    assert "in a form from Hearth in #general" in note and "message" not in note


async def test_a_care_note_for_words_at_a_check_in_forms_step_says_nothing_of_where(app, clock):
    """A step of a check-in's answer form: no answer was saved, so the round is not the moderators' to know, even
    right after an answer shared under her name (nothing of that event carries over)."""
    from bot.events import Form

    rnd = await open_round(app, clock)
    await with_alert_channel(app)
    bob = actor("bob")
    await run(app, bob, "checkin answer", mood="4", visibility="shared", words="Good coffee")
    await app.screened_step(bob, "I want to kill myself", Form("Check-in", "checkin.submit", (),
                                                               {"round": str(rnd.id)}))
    assert (await note_of(app)).startswith("💛 Bob may need some support right now. Hearth has privately shared")


async def test_a_command_form_for_an_anonymous_answer_says_nothing_of_where(app, clock):
    """A check-in answer sent by its command's form (a modal opened by a button): its note follows the answer's
    rule, not a message's ("in a message to Hearth in #general" said where an anonymous answer was given)."""
    from bot.commands.registry import RUN

    await open_round(app, clock)
    await with_alert_channel(app)
    replies = await press(app, actor("ann"), RUN, {"command": "checkin answer"},
                          {"mood": "2", "visibility": "anonymous", "words": CRISIS}, kind="form")
    assert CRISIS_OPENING in text(replies)
    assert (await note_of(app)).startswith("💛 Ann may need some support right now. Hearth has privately shared")


@pytest.mark.parametrize("typed_", [True, False])
async def test_a_care_note_for_words_in_a_dm_says_a_private_message_and_links_no_channel(app, typed_):
    """Written in their DM with Hearth (a slash command there, a form opened from it): never "in #<their DM>"."""
    from dataclasses import replace as with_

    await with_alert_channel(app)
    cy = with_(actor("cy"), channel_id="console:dm-cy", in_dm=True)
    await app.handle(Event("command", cy, "me region", {"region": "I want to kill myself"}, typed=typed_))
    note = await note_of(app)
    assert "dm-cy" not in note and "general" not in note
    assert ("in a private message to Hearth" if typed_ else "in a form from Hearth, in their private messages") in note


async def test_a_care_note_for_words_in_a_button_opened_modal_says_a_form_where_it_was_opened(app):
    from bot.commands.registry import RUN

    await with_alert_channel(app)
    await press(app, actor("cy"), RUN, {"command": "me region"}, {"region": "I want to kill myself"}, kind="form")
    note = await note_of(app)
    assert "in a form from Hearth in #general" in note and "message" not in note


async def test_a_care_note_for_a_typed_command_says_a_command_where_it_was_typed(app):
    """Trial 20 B2: a terminal line (or a slash command), which nobody else sees, was "in a message to Hearth in
    #general": moderators were sent looking for a message that isn't there. A command, truly; a message only
    where one sits in the channel for others to read (`Event.seen`)."""
    await with_alert_channel(app)
    await app.handle(Event("command", actor("cy"), "me region", {"region": "I want to kill myself"}, typed=True))
    note = await note_of(app)
    assert "in a command to Hearth in #general" in note and "message" not in note


async def test_a_care_note_for_a_message_others_read_says_a_message_where_it_is(app):
    await with_alert_channel(app)
    await app.handle(Event("command", actor("cy"), "me region", {"region": "I want to kill myself"}, typed=True,
                           seen=True))
    assert "in a message to Hearth in #general" in await note_of(app)


async def test_a_care_note_for_a_refused_line_says_a_command_unless_others_read_it(app, clock):
    """The same for a line that ran no command (the terminal's bare words; a mention Hearth couldn't read)."""
    await with_alert_channel(app)
    await typed(app, actor("cy"), "I want to kill myself")
    assert "in a command to Hearth in #general" in await note_of(app)
    app.sent.clear()
    clock.advance(timedelta(days=2))
    await app.refused_line(actor("cy"), "I want to kill myself", say("?"), seen=True)
    assert "in a message to Hearth in #general" in await note_of(app)


async def test_a_held_offer_acts_only_on_the_words_it_was_for(app, clock):
    await open_round(app, clock)
    ann = actor("ann")
    buttons = offer_of(await run(app, ann, "checkin answer", mood="1", visibility="anonymous", words=CRISIS))
    await run(app, ann, "checkin answer", mood="3", visibility="private", words="Actually, a calmer day")
    said = text(await press(app, ann, "checkin.post_held", dict(buttons["checkin.post_held"].args)))
    assert "Your answer has changed since" in said
    rnd = (await app.store.rounds.list_open())[0]
    assert (await app.store.rounds.response_of(rnd.id, ann.user_id)).visibility == "private"
    assert "meant for someone else" in text(await press(app, actor("bob"), "checkin.post_held",
                                                       dict(buttons["checkin.post_held"].args)))


async def test_words_a_button_would_put_up_are_screened_and_held_too(app, clock):
    """Typed words ending in "shared" are kept private, with a button to take the ending as meant: pressing it
    carries no words for the event's screen, but the words it would post are screened, and held."""
    await open_round(app, clock)
    ann = actor("ann")
    replies = await run(app, ann, "checkin answer", mood="1", words=f"{CRISIS} shared")
    (ending,) = [b for r in replies for b in r.buttons if b.action == "checkin.ending"]
    pressed = await press(app, ann, "checkin.ending", dict(ending.args))
    assert offer_of(pressed) and "I haven't posted them" in text(pressed)
    await app.outbox.drain_all()
    assert CRISIS not in everything_sent(app)


async def test_words_already_up_as_chosen_are_not_held_again_when_only_the_mood_changes(app, clock):
    await open_round(app, clock)
    ann = actor("ann")
    buttons = offer_of(await run(app, ann, "checkin answer", mood="1", visibility="shared", words=CRISIS))
    await press(app, ann, "checkin.post_held", dict(buttons["checkin.post_held"].args))
    rnd = (await app.store.rounds.list_open())[0]
    again = await press(app, ann, "checkin.submit", {"round": str(rnd.id)},
                        {"mood": "2", "words": CRISIS, "visibility": "shared"}, kind="form")
    assert not [b for r in again for b in r.buttons if b.action == "checkin.post_held"]
    assert (await app.store.rounds.response_of(rnd.id, ann.user_id)).visibility == "shared"


async def test_a_shared_answer_changed_to_heavy_words_says_its_earlier_post_comes_down(app, clock):
    await open_round(app, clock)
    ann = actor("ann")
    await run(app, ann, "checkin answer", mood="4", visibility="shared", words="A good start")
    await app.outbox.drain_all()
    replies = await run(app, ann, "checkin answer", mood="1", words=CRISIS)
    assert "Your earlier post with your name is coming down for now." in text(replies) and offer_of(replies)
    await app.outbox.drain_all()
    assert [d for d in app.sent if d.kind == "delete"] and CRISIS not in everything_sent(app)


# -- a change of mind: each button's reply is true of what it did, in either order -------------------------------


async def test_keep_private_after_posting_anonymously_withdraws_the_waiting_post(app, clock):
    from tests.bot.flows.test_checkins import close

    rnd = await open_round(app, clock)
    ann = actor("ann")
    buttons = offer_of(await run(app, ann, "checkin answer", mood="2", visibility="anonymous", words=CRISIS))
    assert "shared anonymously" in text(await press(app, ann, "checkin.post_held",
                                                    dict(buttons["checkin.post_held"].args)))
    kept = text(await press(app, ann, "checkin.keep_private", dict(buttons["checkin.keep_private"].args)))
    assert "private now" in kept and "won't be posted" in kept and "comes down" not in kept
    assert (await app.store.rounds.response_of(rnd.id, ann.user_id)).visibility == "private"
    for who in ("bob", "cy", "dee", "eve"):
        await run(app, actor(who), "checkin answer", mood="3", visibility="anonymous", words=f"fine, {who} here")
    await close(app, clock)
    assert "fine, bob here" in everything_sent(app) and CRISIS not in everything_sent(app)


def anonymous_posts(app) -> list[str]:
    """The words of every anonymous post that went up, in the order they did."""
    return [d.message.plain().split("\n", 1)[-1] for d in app.sent
            if d.kind == "thread" and d.message.plain().startswith("_Someone_")]


async def _posted_then_others_queue(app, clock, others: tuple[str, ...]):
    """Ann's heavy words, held, then posted anonymously as she first chose; the others' answers fill a batch with
    hers, queued for the clock's tick (off the tick, so it waits). Her offer's buttons and her answer's id."""
    rnd = await open_round(app, clock)
    clock.advance(timedelta(seconds=37))
    ann = actor("ann")
    buttons = offer_of(await run(app, ann, "checkin answer", mood="2", visibility="anonymous", words=CRISIS))
    await press(app, ann, "checkin.post_held", dict(buttons["checkin.post_held"].args))
    for who in others:
        await run(app, actor(who), "checkin answer", mood="3", visibility="anonymous", words=f"fine, {who} here")
    await app.outbox.drain_all()
    mine = (await app.store.rounds.response_of(rnd.id, ann.user_id)).id
    queued = await app.store.db.fetchall("SELECT response_id FROM outbox WHERE kind = 'thread' AND status = 'pending'")
    assert mine in {r["response_id"] for r in queued} and anonymous_posts(app) == []  # (queued, not out)
    return rnd, ann, buttons


async def test_keep_private_while_the_batch_waits_for_its_tick_takes_the_words_out_of_it(app, clock):
    """The trial: others' answers filled the batch with hers, queued for the clock's tick; she pressed Keep them
    private before it came. Her words never go up (not up, then down): the reply says so, and it's true. The
    others are still enough to hide among: they go at the tick, without hers."""
    from bot.store.rounds import next_tick

    _rnd, ann, buttons = await _posted_then_others_queue(app, clock, ("bob", "cy", "dee"))
    kept = text(await press(app, ann, "checkin.keep_private", dict(buttons["checkin.keep_private"].args)))
    assert "private now" in kept and "won't be posted" in kept and "comes down" not in kept
    clock.set(next_tick(clock.now()) + timedelta(seconds=1))
    await app.outbox.drain_all()
    assert sorted(anonymous_posts(app)) == ["fine, bob here", "fine, cy here", "fine, dee here"]
    assert CRISIS not in everything_sent(app)


async def test_keep_private_while_a_batch_of_just_enough_waits_holds_the_others_back_until_more_come(app, clock):
    """Without her words, the batch would go up short of the floor (the others easier to tell apart): it waits
    again, whole, and goes once someone else's answer makes it enough (the property test's seed 7, last time)."""
    from bot.store.rounds import next_tick

    _rnd, ann, buttons = await _posted_then_others_queue(app, clock, ("bob", "cy"))
    kept = text(await press(app, ann, "checkin.keep_private", dict(buttons["checkin.keep_private"].args)))
    assert "won't be posted" in kept and "comes down" not in kept
    clock.set(next_tick(clock.now()) + timedelta(seconds=1))
    await app.outbox.drain_all()
    assert anonymous_posts(app) == []  # (two alone would be fewer than the floor)
    await run(app, actor("dee"), "checkin answer", mood="4", visibility="anonymous", words="fine, dee here")
    clock.set(next_tick(clock.now()) + timedelta(seconds=1))
    await app.outbox.drain_all()
    assert sorted(anonymous_posts(app)) == ["fine, bob here", "fine, cy here", "fine, dee here"]
    assert CRISIS not in everything_sent(app)


async def test_keep_private_once_the_batch_is_being_sent_says_truly_that_the_post_comes_down(app, clock):
    """Too late to take back: a sender has taken the batch (its words may be on their way this moment). Nothing
    of it is pulled out from under the sender, and the reply doesn't promise they won't be posted."""
    from bot.store.rounds import next_tick

    _rnd, ann, buttons = await _posted_then_others_queue(app, clock, ("bob", "cy"))
    clock.set(next_tick(clock.now()) + timedelta(seconds=1))
    claimed = await app.store.outbox.claim_due("console", clock.now(), 100, "another-process", timedelta(minutes=5))
    assert len([e for e in claimed if e.kind == "thread"]) == 3
    kept = text(await press(app, ann, "checkin.keep_private", dict(buttons["checkin.keep_private"].args)))
    assert "private now" in kept and "Your anonymous post comes down" in kept and "won't be posted" not in kept
    still = await app.store.db.fetchall("SELECT id FROM outbox WHERE kind = 'thread' AND status = 'pending' "
                                        "AND claimed_by = 'another-process'")
    assert len(still) == 3


async def test_keep_private_after_the_anonymous_post_went_up_takes_it_down_with_a_batch(app, clock):
    rnd = await open_round(app, clock)
    ann = actor("ann")
    buttons = offer_of(await run(app, ann, "checkin answer", mood="2", visibility="anonymous", words=CRISIS))
    await press(app, ann, "checkin.post_held", dict(buttons["checkin.post_held"].args))
    for who in ("bob", "cy"):
        await run(app, actor(who), "checkin answer", mood="3", visibility="anonymous", words=f"fine, {who} here")
    await app.outbox.drain_all()
    assert CRISIS in everything_sent(app) and await app.store.rounds.anonymous_post_out(
        (await app.store.rounds.response_of(rnd.id, ann.user_id)).id)
    kept = text(await press(app, ann, "checkin.keep_private", dict(buttons["checkin.keep_private"].args)))
    assert "private now" in kept and "Your anonymous post comes down" in kept
    assert (await app.store.rounds.response_of(rnd.id, ann.user_id)).visibility == "private"
    held = await app.store.db.fetchall("SELECT response_id FROM held_posts WHERE round_id = ?", rnd.id)
    assert held  # (its removal waits for the batch, as every change away from anonymous does)


async def test_keep_private_after_posting_with_a_name_takes_the_post_down(app, clock):
    rnd = await open_round(app, clock)
    ann = actor("ann")
    buttons = offer_of(await run(app, ann, "checkin answer", mood="1", visibility="shared", words=CRISIS))
    await press(app, ann, "checkin.post_held", dict(buttons["checkin.post_held"].args))
    await app.outbox.drain_all()
    kept = text(await press(app, ann, "checkin.keep_private", dict(buttons["checkin.keep_private"].args)))
    assert "private now" in kept and "Your post with your name is coming down" in kept
    await app.outbox.drain_all()
    assert [d for d in app.sent if d.kind == "delete"]
    assert (await app.store.rounds.response_of(rnd.id, ann.user_id)).visibility == "private"


async def test_post_after_keep_private_posts_them_and_says_so(app, clock):
    rnd = await open_round(app, clock)
    ann = actor("ann")
    buttons = offer_of(await run(app, ann, "checkin answer", mood="2", visibility="anonymous", words=CRISIS))
    assert "They stay private" in text(await press(app, ann, "checkin.keep_private",
                                                   dict(buttons["checkin.keep_private"].args)))
    posted = text(await press(app, ann, "checkin.post_held", dict(buttons["checkin.post_held"].args)))
    assert "shared anonymously" in posted
    assert (await app.store.rounds.response_of(rnd.id, ann.user_id)).visibility == "anonymous"


# -- a care note and a batch carrying its member's anonymous words never go together ----------------------------


async def due_times(app) -> tuple[list, list]:
    """When the pending care note posts and anonymous batches are due."""
    from bot.clock import parse_iso

    rows = await app.store.db.fetchall("SELECT dedupe_key, next_attempt_at FROM outbox WHERE status = 'pending'")
    notes = [parse_iso(r["next_attempt_at"]) for r in rows if r["dedupe_key"].startswith("care:") and ":post:" in
             r["dedupe_key"]]
    batches = [parse_iso(r["next_attempt_at"]) for r in rows if r["dedupe_key"].startswith("anon:")]
    return notes, batches


async def test_held_words_posted_anonymously_go_ticks_after_the_care_note_about_their_author(app, clock):
    from bot.store.rounds import CARE_GAP_LEAST, TICK

    await open_round(app, clock)
    await with_alert_channel(app)
    clock.advance(timedelta(minutes=3))
    bob = actor("bob")
    buttons = offer_of(await run(app, bob, "checkin answer", mood="2", visibility="anonymous", words=CRISIS))
    await press(app, bob, "checkin.post_held", dict(buttons["checkin.post_held"].args))
    for who in ("cy", "dee"):
        await run(app, actor(who), "checkin answer", mood="3", visibility="anonymous", words=f"fine, {who} here")
    notes, batches = await due_times(app)
    assert len(notes) == 1 and batches
    assert min(batches) >= notes[0] + CARE_GAP_LEAST * TICK
    clock.advance(timedelta(minutes=10))
    await app.outbox.drain_all()
    assert [d for d in app.sent if d.channel == "console:mods"] and CRISIS not in everything_sent(app)


async def test_a_batch_already_waiting_with_their_words_moves_past_a_new_care_note(app, clock):
    from bot.store.rounds import CARE_GAP_LEAST, TICK

    await open_round(app, clock)
    await with_alert_channel(app)
    clock.advance(timedelta(minutes=3))
    for who in ("bob", "cy", "dee"):
        await run(app, actor(who), "checkin answer", mood="3", visibility="anonymous", words=f"fine, {who} here")
    _notes, waiting = await due_times(app)
    assert waiting  # (a full batch, due on the next tick)
    await run(app, actor("bob"), "support", region=CRISIS)  # (words of concern in another message)
    notes, batches = await due_times(app)
    assert len(notes) == 1 and min(batches) >= notes[0] + CARE_GAP_LEAST * TICK


async def posts_about_the_note(app) -> list:
    """When the pending posts about a care note are due: its "still open" in the channel, its reminders to
    moderators, its edits."""
    from bot.clock import parse_iso

    rows = await app.store.db.fetchall("SELECT dedupe_key, next_attempt_at FROM outbox WHERE status = 'pending'")
    return [parse_iso(r["next_attempt_at"]) for r in rows if r["dedupe_key"].startswith("care:")]


async def a_held_note_about_bob(app, clock):
    """Bob's words in crisis, held from his anonymous answer; his care note posted (nobody takes it); Cy and Dee
    answer anonymously (too few for a batch). Returns when the note was made, and the offer's "post" button."""
    await open_round(app, clock)
    await with_alert_channel(app)
    clock.advance(timedelta(minutes=3))
    made = clock.now()
    buttons = offer_of(await run(app, actor("bob"), "checkin answer", mood="2", visibility="anonymous", words=CRISIS))
    for who in ("cy", "dee"):
        await run(app, actor(who), "checkin answer", mood="3", visibility="anonymous", words=f"fine, {who} here")
    [note] = (await due_times(app))[0]
    clock.set(note + timedelta(seconds=1))
    await app.outbox.drain_all()
    assert [d for d in app.sent if d.channel == "console:mods"]
    return made, buttons["checkin.post_held"]


async def test_a_batch_waiting_with_their_words_moves_past_the_notes_still_open_repost(app, clock):
    """The trial: the note's "still open" went up at the same tick as the anonymous batch carrying that member's
    words. The batch waiting then goes ticks after the repost, as after the note."""
    from bot.scheduling.runner import RoundScheduler
    from bot.store.rounds import CARE_GAP_LEAST, TICK

    made, post = await a_held_note_about_bob(app, clock)
    raise_after = timedelta(minutes=app.config["safety.care_raise_after_minutes"])
    clock.set(made + raise_after - timedelta(minutes=4))
    await press(app, actor("bob"), post.action, dict(post.args))  # (the batch is full: it waits for a tick)
    assert (await due_times(app))[1]
    clock.set(made + raise_after + timedelta(minutes=1))
    await RoundScheduler(app).run_job("care.raise_again")
    reposts = await posts_about_the_note(app)
    _notes, batches = await due_times(app)
    assert reposts and batches and min(batches) >= max(reposts) + CARE_GAP_LEAST * TICK
    clock.set(max(reposts) + timedelta(seconds=1))
    await app.outbox.drain_all()
    assert "This care note is still open" in everything_sent(app) and CRISIS not in everything_sent(app)


async def test_a_repost_after_a_batch_with_their_words_just_went_waits_ticks_past_it(app, clock):
    """The other way round: the batch carrying his words went up a moment before the note was due to be raised
    again. "Still open" then waits the same ticks past it, on a tick of its own."""
    from bot.scheduling.runner import RoundScheduler
    from bot.store.rounds import CARE_GAP_LEAST, TICK, next_tick

    made, post = await a_held_note_about_bob(app, clock)
    raise_after = timedelta(minutes=app.config["safety.care_raise_after_minutes"])
    clock.set(made + raise_after - timedelta(minutes=9))
    await press(app, actor("bob"), post.action, dict(post.args))
    [went] = set((await due_times(app))[1])
    clock.set(max(went, made + raise_after) + timedelta(seconds=30))
    await app.outbox.drain_all()
    assert "fine, cy here" in everything_sent(app)  # (the batch is out)
    await RoundScheduler(app).run_job("care.raise_again")
    reposts = await posts_about_the_note(app)
    assert reposts and min(reposts) >= went + CARE_GAP_LEAST * TICK and all(r == next_tick(r) for r in reposts)
    clock.set(max(reposts) + timedelta(seconds=1))
    await app.outbox.drain_all()
    assert "This care note is still open" in everything_sent(app)


async def test_a_batch_formed_after_the_repost_goes_ticks_after_it(app, clock):
    from bot.scheduling.runner import RoundScheduler
    from bot.store.rounds import CARE_GAP_LEAST, TICK

    made, post = await a_held_note_about_bob(app, clock)
    clock.set(made + timedelta(minutes=app.config["safety.care_raise_after_minutes"] + 1))
    await RoundScheduler(app).run_job("care.raise_again")
    reposts = await posts_about_the_note(app)
    await press(app, actor("bob"), post.action, dict(post.args))
    _notes, batches = await due_times(app)
    assert reposts and batches and min(batches) >= max(reposts) + CARE_GAP_LEAST * TICK


async def test_a_batch_with_their_words_goes_ticks_after_their_note_is_taken(app, clock):
    """A change of the note the care channel sees (taken, handed over, done) is a post about them too."""
    from bot.store.rounds import CARE_GAP_LEAST, CARE_GAP_MOST, TICK

    made, post = await a_held_note_about_bob(app, clock)
    clock.set(made + (CARE_GAP_MOST + 2) * TICK)  # (long past the gap after the note itself)
    [note] = await app.store.care.listing("console:test", made - timedelta(days=1))
    await press(app, actor("mia", moderator=True), "care.take", {"note": str(note.id), "seen": "open"})
    taken = clock.now()
    assert (await app.store.care.get("console:test", note.id)).state == "taken"
    await press(app, actor("bob"), post.action, dict(post.args))
    _notes, batches = await due_times(app)
    assert batches and min(batches) >= taken + CARE_GAP_LEAST * TICK


async def test_a_batch_without_the_noted_members_words_keeps_its_tick(app, clock):
    await open_round(app, clock)
    await with_alert_channel(app)
    clock.advance(timedelta(minutes=3))
    await run(app, actor("ann"), "support", region=CRISIS)
    for who in ("bob", "cy", "dee"):
        await run(app, actor(who), "checkin answer", mood="3", visibility="anonymous", words=f"fine, {who} here")
    notes, batches = await due_times(app)
    assert notes and set(batches) == {notes[0]}


async def test_choosing_the_model_screen_without_its_model_says_the_phrases_read_alone(app, monkeypatch):
    monkeypatch.setattr(app.content, "screen", Screen(app.content.screen.rules, None, MODEL_OFF))
    said = text(await run(app, actor("mia", moderator=True), "mod settings", key="crisis_screen", value="model"))
    assert "this Hearth runs without its model, so phrases only" in said and "phrases alone" in said
    assert "[safety] model = true" in said and "with my model and my fixed phrases" not in said
    said = text(await run(app, actor("mia", moderator=True), "mod settings", key="crisis_screen",
                          value="model-crisis"))
    assert "Saved: crisis_screen is now model-crisis (this Hearth runs without its model" in said
    assert "phrases alone" in said and "care note too" not in said


def test_choosing_the_model_screen_with_its_model_says_both_read(app, monkeypatch):
    from bot.flows.moderate_team import SCREEN_MEANS, SCREEN_WITHOUT_MODEL, screen_means

    monkeypatch.setattr(app.content, "screen", Screen(app.content.screen.rules, object(), None))
    assert screen_means(app, "model") == SCREEN_MEANS["model"] != SCREEN_WITHOUT_MODEL
    assert screen_means(app, "model-crisis") == SCREEN_MEANS["model-crisis"] != SCREEN_WITHOUT_MODEL
    assert screen_means(app, "phrases") == SCREEN_MEANS["phrases"]


# -- no routine refusal straight after the care reply (trial15 §8) ---------------------------------------------


@pytest.mark.parametrize("line", ["checkin join I want to kill myself", "reflect I want to kill myself"])
async def test_a_refusal_after_the_care_reply_is_one_line_that_nothing_was_done(app, clock, line):
    """"Could you look at theme again? It takes one of: respect, listening, …" was the second thing read by
    someone who had just typed that."""
    await open_round(app, clock)
    replies = await typed(app, actor("ann"), line)
    assert replies[0].plain().startswith(CRISIS_OPENING)
    assert [r.plain() for r in replies[1:]] == ["I haven't done that, so nothing has changed."]
    assert "Could you look" not in text(replies)


async def test_an_option_left_out_because_the_sentence_filled_another_is_no_usage_line(app, clock):
    """Trial 21 B3: "mod schedule skip I want to kill myself" put the sentence in the name, so the date was
    missing, and the usage line for it was read second: a routine refusal beside the care reply. Nothing was done,
    and that is what it says."""
    await open_round(app, clock)
    replies = await typed(app, actor("mia", moderator=True), "mod schedule skip I want to kill myself")
    assert replies[0].plain().startswith(CRISIS_OPENING)
    assert [r.plain() for r in replies[1:]] == ["I haven't done that, so nothing has changed."]


async def test_an_option_left_out_of_ordinary_words_still_gets_its_usage_line(app, clock):
    """Without words of concern, the missing option is named, with the usage: that is how to put it right."""
    await open_round(app, clock)
    said = text(await typed(app, actor("mia", moderator=True), "mod schedule skip mornings"))
    assert "needs “date”" in said and "Usage: `mod schedule skip" in said


async def test_after_the_care_reply_words_typed_to_a_refused_command_still_come_back(app):
    """A refusal whose reason holds whatever the words (no round open) still says it, so sending them again
    isn't refused the same way unexplained; and the answer typed is given back under it."""
    replies = await typed(app, actor("ann"), f"checkin answer 1 {CRISIS}")
    assert replies[0].plain().startswith(CRISIS_OPENING)
    [refused] = replies[1:]
    assert refused.error and refused.keep
    assert refused.plain().startswith("There's no check-in open right now.")
    assert refused.plain().endswith(f"What you typed, so you can use it again:_\n1 {CRISIS}")


async def test_a_name_of_concern_refused_after_the_care_reply_is_one_line_and_given_back(app, clock):
    """"checkin leave I want to kill myself": no "There's no check-in named …" second, only that nothing was
    done."""
    await open_round(app, clock)
    replies = await typed(app, actor("ann"), "checkin leave I want to kill myself")
    assert replies[0].plain().startswith(CRISIS_OPENING)
    assert [r.plain() for r in replies[1:]] == ["I haven't done that, so nothing has changed."]


async def test_a_refusal_without_words_of_concern_is_said_as_ever(app):
    replies = await typed(app, actor("ann"), "checkin answer 1 slept well")
    assert [r.plain() for r in replies][0].startswith("There's no check-in open right now.")


# -- no region known: the command that shows local lines (trial15 §6) -------------------------------------------

REGION_HINT = "For helplines where you live, tell me your region with me region, like me region gb."


async def test_with_no_region_known_the_care_reply_and_support_name_the_command_for_local_lines(app):
    ann = actor("ann")
    care = text(await typed(app, ann, f"note {CRISIS}"))
    assert care.startswith(CRISIS_OPENING) and REGION_HINT in care
    assert REGION_HINT in text(await typed(app, ann, "support"))
    await typed(app, ann, "me language pt")
    said = text(await typed(app, ann, "support"))
    assert "diga sua região com me region, por exemplo me region br" in said and REGION_HINT not in said


async def test_a_region_known_for_the_member_or_the_community_needs_no_hint(app):
    ann, bo = actor("ann"), actor("bo")
    await typed(app, ann, "me region br")
    said = text(await typed(app, ann, "support"))
    assert "188" in said and "me region" not in said
    await run(app, actor("mia", moderator=True), "mod settings", key="default_region", value="gb")
    said = text(await typed(app, bo, f"note {CRISIS}"))
    assert "116 123" in said and "me region" not in said
    assert "me region" not in text(await typed(app, bo, "support us"))


# -- a held answer, in the member's own copy of their data (trial15 §7) ------------------------------------------


async def test_me_data_and_me_export_say_a_held_answer_waits_for_her_choice_and_what_she_chose(app, clock):
    import json

    await open_round(app, clock)
    ann = actor("ann")
    buttons = offer_of(await run(app, ann, "checkin answer", mood="2", visibility="anonymous", words=CRISIS))
    said = text(await run(app, ann, "me data"))
    assert "1 private" in said and "1 of them held back from the post you chose, waiting for your choice" in said
    [exported] = json.loads((await run(app, ann, "me export"))[0].attachment.content)["answers"]
    assert exported["visibility"] == "private" and exported["held_for_your_choice"] == "anonymous"
    # She chooses: kept private, held no more.
    await press(app, ann, "checkin.keep_private", dict(buttons["checkin.keep_private"].args))
    assert "held back" not in text(await run(app, ann, "me data"))
    [exported] = json.loads((await run(app, ann, "me export"))[0].attachment.content)["answers"]
    assert exported["visibility"] == "private" and "held_for_your_choice" not in exported


async def test_once_the_round_has_closed_a_held_answer_stayed_private_and_waits_for_nothing(app, clock):
    """Post is refused once the round has closed, so `me data` and `me export` no longer say it waits for her
    choice (trial19 §7): they say it stayed private, and what she had chosen."""
    import json

    from tests.bot.flows.test_checkins import close

    await open_round(app, clock)
    ann = actor("ann")
    buttons = offer_of(await run(app, ann, "checkin answer", mood="2", visibility="shared", words=CRISIS))
    await close(app, clock)
    refused = text(await press(app, ann, "checkin.post_held", dict(buttons["checkin.post_held"].args)))
    assert "closed" in refused
    said = text(await run(app, ann, "me data"))
    assert "waiting for your choice" not in said and "1 private" in said
    assert "1 of them held back from the post you chose; its round closed before you chose, so it stayed " \
           "private" in said
    [exported] = json.loads((await run(app, ann, "me export"))[0].attachment.content)["answers"]
    assert "held_for_your_choice" not in exported and exported["visibility"] == "private"
    assert (exported["held_back_from"], exported["stayed_private"]) == ("shared", "the round closed before you chose")
    assert CRISIS not in everything_sent(app)


async def test_posting_a_held_answer_or_changing_it_clears_the_hold(app, clock):
    import json

    await open_round(app, clock)
    ann, bob = actor("ann"), actor("bob")
    buttons = offer_of(await run(app, ann, "checkin answer", mood="2", visibility="shared", words=CRISIS))
    await press(app, ann, "checkin.post_held", dict(buttons["checkin.post_held"].args))
    [exported] = json.loads((await run(app, ann, "me export"))[0].attachment.content)["answers"]
    assert exported["visibility"] == "shared" and "held_for_your_choice" not in exported
    await run(app, bob, "checkin answer", mood="2", visibility="anonymous", words=CRISIS)
    await run(app, bob, "checkin answer", mood="3", visibility="private", words="a better hour now")
    [exported] = json.loads((await run(app, bob, "me export"))[0].attachment.content)["answers"]
    assert "held_for_your_choice" not in exported and "held back" not in text(await run(app, bob, "me data"))


async def test_a_model_that_failed_to_load_is_not_said_to_be_off(app, monkeypatch):
    """Trial 19: with `[safety] model = true` and a broken head, moderators were told the model reads "once the
    operator turns it on"; it is on, and could not load: the log says why."""
    monkeypatch.setattr(app.content, "screen", Screen(app.content.screen.rules, None, "the head is not a trained head"))
    said = text(await run(app, actor("mia", moderator=True), "mod settings", key="crisis_screen"))
    assert "model could not load" in said and "log says why" in said and "[safety] model = true" not in said
    monkeypatch.setattr(app.content, "screen", Screen(app.content.screen.rules, None, MODEL_OFF))
    said = text(await run(app, actor("mia", moderator=True), "mod settings", key="crisis_screen"))
    assert "[safety] model = true" in said and "could not load" not in said


async def test_support_with_words_of_concern_gets_the_care_reply_and_no_i_havent_done_that(app):
    """Trial 20 E: `support I want to kill myself` got the crisis reply (who to reach: what support gives), then
    "I haven't done that, so nothing has changed." Not for support: it was done."""
    said = text(await typed(app, actor("ann"), "support I want to kill myself"))
    assert said.startswith(CRISIS_OPENING.split(".")[0]) and "Find A Helpline" in said
    assert "I haven't done that" not in said and "kill" not in said
    assert "I haven't done that" in text(await typed(app, actor("bob"), "me region I want to kill myself"))
