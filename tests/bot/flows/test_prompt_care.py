"""A prompt whose words the care screen would answer is a second look for the moderator, never a surprise.

Adding or editing one asks "Are you sure?" (the registry's confirmation); importing a pack names them in the
preview before the Import button; `hearth content lint` warns with their ids (see tests/bot/content/test_lint.py).
"""

from __future__ import annotations

import json

import pytest

from bot.events import Event
from tests.bot.flows.test_crisis_care import HEAVY, heavy  # noqa: F401  (a fixture)
from tests.conftest import actor, press, run, text

DANGER = "What does it feel like to want to die?"
CARE = "You don't have to face this alone"
#: The care reply's opening for danger from another person (trial 15, §4): its own words, not the writer's own crisis.
HARM = "What you wrote sounds like someone may be hurting or threatening you."
FINE = "Who made your week a little easier?"


def mod():
    return actor("mia", moderator=True)


async def test_adding_a_prompt_that_reads_as_crisis_asks_first_and_saves_only_on_yes(app):
    replies = await run(app, mod(), "mod prompt add", kind="reflection", theme="fear", depth="deep", text=DANGER)
    [ask] = replies
    assert "Are you sure?" in ask.plain() and "someone who may be in danger" in ask.plain()
    assert [b.label for b in ask.buttons] == ["Yes, go ahead", "Cancel"]
    assert await app.store.prompts.list_all("console:test") == []
    done = await press(app, mod(), "confirm", ask.buttons[0].args)
    assert "Added prompt `own-fear-01`" in text(done)
    assert [p["text"] for p in await app.store.prompts.list_all("console:test")] == [DANGER]
    [entry] = [a for a in await app.store.communities.audit_log("console:test") if a["action"] == "prompt.add"]
    assert json.loads(entry["detail"]) == {"prompt": "own-fear-01", "warning": "crisis"}
    assert "own-fear-01 (confirmed after a care warning)" in text(await run(app, mod(), "mod audit"))


async def test_cancel_keeps_nothing_and_gives_the_words_back(app):
    [ask] = await run(app, mod(), "mod prompt add", kind="reflection", theme="fear", depth="deep", text=DANGER)
    cancelled = text(await press(app, mod(), "cancel", ask.buttons[1].args))
    assert "nothing changed" in cancelled
    assert cancelled.endswith("What you typed, so you can use it again:_\n" + DANGER)  # (as every refusal does)
    assert await app.store.prompts.list_all("console:test") == []


async def test_an_expired_yes_gives_the_words_back_too(app, clock):
    from datetime import timedelta

    [ask] = await run(app, mod(), "mod prompt add", kind="reflection", theme="fear", depth="deep", text=DANGER)
    clock.advance(timedelta(days=8))
    refused = await press(app, mod(), "confirm", ask.buttons[0].args)
    assert "expired" in text(refused) and text(refused).endswith(DANGER)
    assert await app.store.prompts.list_all("console:test") == []


async def test_a_plain_prompt_is_added_without_a_question(app):
    replies = await run(app, mod(), "mod prompt add", kind="checkin", theme="appreciation", depth="light", text=FINE)
    assert "Added prompt" in text(replies) and not replies[0].buttons
    [entry] = [a for a in await app.store.communities.audit_log("console:test") if a["action"] == "prompt.add"]
    assert entry["detail"] == "own-appreciation-01"


async def test_editing_into_crisis_words_asks_too_and_heavy_words_do_not(app, heavy):  # noqa: F811
    """Only the alarm asks: the gentle word answers many ordinary questions (moderate_prompts.concern)."""
    await run(app, mod(), "mod prompt add", kind="checkin", theme="appreciation", depth="light", text=FINE)
    [ask] = await run(app, mod(), "mod prompt edit", id="own-appreciation-01", text=DANGER)
    assert "Are you sure?" in ask.plain() and "may be in danger" in ask.plain()
    assert [p["text"] for p in await app.store.prompts.list_all("console:test")] == [FINE]
    assert "Updated" in text(await press(app, mod(), "confirm", ask.buttons[0].args))
    assert [p["text"] for p in await app.store.prompts.list_all("console:test")] == [DANGER]
    [look] = await run(app, mod(), "mod prompt edit", id="own-appreciation-01", text=HEAVY)
    assert "may be in danger" not in look.plain()  # no alarm: only the style's second look (it is no question)
    assert "A second look before I save it" in look.plain() and "reads best as one question" in look.plain()
    [done] = await run(app, mod(), "mod prompt edit", id="own-appreciation-01", text=HEAVY + "?")
    assert "Updated" in done.plain() and not done.buttons


async def test_editing_a_missing_prompt_is_refused_before_any_warning(app):
    replies = await run(app, mod(), "mod prompt edit", id="own-fear-09", text=DANGER)
    assert replies[0].error and "There's no prompt" in text(replies)


PACK = """
[pack]
id = "deep-pack"
name = "Deep prompts"
version = "1.0.0"
language = "en"

[[prompts]]
id = "deep-01"
kind = "reflection"
theme = "fear"
depth = "deep"
text = "{danger}"

[[prompts]]
id = "deep-02"
kind = "reflection"
theme = "fear"
depth = "deep"
text = "{heavy}"

[[prompts]]
id = "deep-03"
kind = "checkin"
theme = "appreciation"
depth = "light"
text = "{fine}"
"""


async def test_an_import_preview_names_the_prompts_that_read_as_crisis(app, heavy):  # noqa: F811
    pack = PACK.format(danger=DANGER, heavy=HEAVY, fine=FINE).encode()
    [preview] = await app.handle(Event("command", mod(), "mod pack import", {}, attachment=pack))
    shown = preview.plain()
    assert "1 prompt reads to me like someone who may be in danger: `deep-01`." in shown
    alarm = shown.split("may be in danger", 1)[1].split("\n", 1)[0]
    assert "`deep-02`" not in alarm  # heavy words only: no alarm (only the style's note: it is no question)
    assert "1 prompt could use a second look" in shown and "• `deep-02`: reads best as one question" in shown
    assert "please read these before you press Import" in shown
    assert await app.store.prompts.list_all("console:test") == []
    assert preview.buttons[0].label == "Import"
    await press(app, mod(), preview.buttons[0].action, preview.buttons[0].args)
    assert len(await app.store.prompts.list_all("console:test")) == 3


async def test_a_plain_pack_preview_has_no_warning(app):
    pack = PACK.format(danger=FINE.replace("week", "day"), heavy=FINE.replace("week", "month"), fine=FINE).encode()
    [preview] = await app.handle(Event("command", mod(), "mod pack import", {}, attachment=pack))
    assert "⚠" not in preview.plain() and "before you press Import" not in preview.plain()


ADDRESSED = "Do you ever want to kill yourself?"


@pytest.mark.parametrize("words", [ADDRESSED, "¿Alguna vez has pensado en matarte?", "Willst du dich umbringen?",
                                   "As-tu déjà voulu te tuer ?", "Você já pensou em se matar?"])
async def test_a_prompt_with_crisis_words_addressed_to_the_reader_asks_first(app, words):
    [ask] = await run(app, mod(), "mod prompt add", kind="checkin", theme="listening", depth="light", text=words)
    assert "Are you sure?" in ask.plain() and ask.buttons
    assert await app.store.prompts.list_all("console:test") == []


async def test_an_import_preview_names_a_prompt_addressed_to_the_reader_too(app):
    pack = PACK.format(danger=ADDRESSED, heavy=FINE.replace("week", "month"), fine=FINE).encode()
    [preview] = await app.handle(Event("command", mod(), "mod pack import", {}, attachment=pack))
    assert "1 prompt reads to me like someone who may be in danger: `deep-01`." in preview.plain()


async def test_a_schedule_note_that_reads_as_crisis_asks_first_and_saves_only_on_yes(app):
    from tests.bot.scheduling.test_runner import make_schedule

    await make_schedule(app)
    [care, ask] = await run(app, mod(), "mod schedule note", name="mornings", text="I want to die")
    assert CARE in care.plain() and care.visibility == "actor"  # (a moderator is a person too: see below)
    assert "Are you sure?" in ask.plain() and "this note" in ask.plain() and CARE not in ask.plain()
    done = await press(app, mod(), "confirm", ask.buttons[0].args)
    assert "Saved. The next round of mornings opens with" in text(done) and CARE not in text(done)  # (once)
    plain = text(await run(app, mod(), "mod schedule note", name="mornings", text="We moved the call to Thursdays."))
    assert plain.startswith("Saved.")


@pytest.mark.parametrize("name", ["I want to end it all", "quiero morirme", "kill yourself"])
async def test_a_check_in_name_that_reads_as_crisis_is_a_second_look_in_its_preview(app, name):
    """Found by an outside trial: a check-in's name goes on every round's post and in a DM to every member, yet
    it had no second look where a note did. The preview says so before Save, which is the confirmation."""
    replies = await run(app, mod(), "mod schedule create", name=name, channel="general", when="daily 09:00")
    [preview] = [r for r in replies if r.buttons and r.buttons[0].action == "mod.schedule.save"]
    assert "This name reads to me like someone who may be in danger" in preview.plain()
    assert "Many people will read it" in preview.plain()
    await press(app, mod(), "mod.schedule.save", preview.buttons[0].args)
    assert await app.store.schedules.find("console:test", name) is not None  # theirs to choose, once looked at


async def test_a_rename_into_crisis_words_is_a_second_look_and_a_plain_name_is_not(app):
    from tests.bot.scheduling.test_runner import make_schedule

    await make_schedule(app)
    [plain] = await run(app, mod(), "mod schedule create", name="evenings", channel="general", when="daily 18:00")
    assert "reads to me like" not in plain.plain()
    replies = await run(app, mod(), "mod schedule edit", name="mornings", rename="I want to die")
    [preview] = [r for r in replies if r.buttons and r.buttons[0].action == "mod.schedule.save"]
    assert "This name reads to me like someone who may be in danger" in preview.plain()
    [same] = await run(app, mod(), "mod schedule edit", name="mornings", when="daily 10:00")
    assert "reads to me like" not in same.plain()


# -- a moderator's own words ------------------------------------------------------------------------------------


@pytest.mark.parametrize("words", ["I want to die", "mornings I want to die, honestly", "je veux mourir",
                                   "my partner choked me last night"])
async def test_a_moderators_own_words_of_concern_in_a_note_get_care_as_well_as_the_second_look(app, words):
    """An outside trial: `mod schedule note mornings I want to die` got "Are you sure? … Many people will read it",
    and no care at all. What a moderator writes for members is screened too, and said of themselves (the first
    person, or none) it is answered with care as anyone's words are, privately; a note to the care team as for
    anyone, where the community has a care channel. The second look still comes before it goes up."""
    from tests.bot.scheduling.test_runner import make_schedule

    await make_schedule(app)
    await run(app, mod(), "mod settings", key="alert_channel", value="#care")
    for replies in (await run(app, mod(), "mod schedule note", name="mornings", text=words),
                    await app.handle(Event("form", mod(), "command.run", {"command": "mod schedule note"},
                                           {"name": "mornings", "text": words}))):  # (typed, or from its form)
        care, ask = replies
        assert (HARM if "partner" in words else CARE) in care.plain() and care.visibility == "actor"
        assert "Are you sure?" in ask.plain() and ask.buttons
    await app.outbox.drain_all()
    assert len([d for d in app.sent if d.channel == "console:care"]) == 1  # (one note, as for anyone)


@pytest.mark.parametrize("words", ["How many pills does it take to die?", DANGER,
                                   "Have you ever thought about ending it all?",
                                   "¿Cuántas pastillas hacen falta para morir?"])
async def test_a_prompts_question_to_its_readers_gets_the_second_look_and_no_care(app, words):
    """A prompt asks its readers: a question that reads as crisis, or asks about the means, is a second look for
    the moderator, not words of theirs to answer with care (nor a note naming them)."""
    await run(app, mod(), "mod settings", key="alert_channel", value="#care")
    [ask] = await run(app, mod(), "mod prompt add", kind="checkin", theme="fear", depth="light", text=words)
    assert "Are you sure?" in ask.plain() and CARE not in ask.plain()
    await app.outbox.drain_all()
    assert [d for d in app.sent if d.channel == "console:care"] == []


async def test_a_prompt_of_ones_own_words_of_concern_gets_care_too_and_the_gentle_word_never(app, heavy):  # noqa: F811
    [care, ask] = await run(app, mod(), "mod prompt add", kind="reflection", theme="fear", depth="deep",
                            text="I can't go on anymore, I want to die")
    assert CARE in care.plain() and "Are you sure?" in ask.plain()
    [only] = await run(app, mod(), "mod prompt add", kind="reflection", theme="fear", depth="deep", text=HEAVY)
    assert CARE not in only.plain()  # (the gentle word answers many ordinary questions: prompts are those)


async def test_a_long_note_of_concern_gets_care_and_its_words_back(app):
    from tests.bot.scheduling.test_runner import make_schedule

    await make_schedule(app)
    words = "I want to die " + "z" * 300
    replies = await app.handle(Event("command", mod(), "mod schedule note", {"name": "mornings", "text": words},
                                     typed=True))
    assert CARE in text(replies) and "at most 300 characters" in text(replies) and words in text(replies)
