"""Reflections: fresh prompts, on a theme, and notes only their author can read."""

from __future__ import annotations

from bot.events import SHOWN_TO
from bot.flows.reflections import MAX_NOTE_CHARS
from tests.conftest import actor, press, run, text, typed


async def test_prompts_on_a_theme_never_repeat_the_last_several(app):
    ann = actor("ann")
    seen: list[str] = []
    reply = (await run(app, ann, "reflect", theme="repair"))[0]
    for _ in range(12):
        prompt = reply.body.parts[1].text  # the prompt itself is inert text
        seen.append(prompt)
        another = reply.buttons[0]
        assert another.label == "Another one"
        reply = (await press(app, ann, another.action, another.args))[0]
    window = app.config["reflections.recent_to_avoid"]
    for i in range(len(seen)):
        assert seen[i] not in seen[max(0, i - window):i]
    repair = {p.text for p in app.content.prompts("reflection", "repair")}
    assert set(seen) <= repair


async def test_a_note_is_kept_and_only_its_author_reads_it(app):
    ann, bob = actor("ann"), actor("bob")
    reply = (await run(app, ann, "reflect"))[0]
    keep = reply.buttons[1]
    form = (await press(app, ann, keep.action, keep.args))[0].form
    assert form is not None
    out = await press(app, ann, form.action, form.args, {"note": "I was braver than I thought"}, kind="form")
    assert "Kept" in text(out)
    assert "I was braver" in text(await run(app, ann, "notes list"))
    assert "I was braver" not in text(await run(app, bob, "notes list"))
    # Bob cannot keep a note on Ann's prompt either: her button is hers, and a forged one without her mark
    # finds no prompt of his.
    assert "meant for someone else" in text(await press(app, bob, keep.action, keep.args))
    forged = {k: v for k, v in keep.args.items() if k != SHOWN_TO}
    assert "couldn't find that prompt" in text(await press(app, bob, keep.action, forged))


async def test_deleting_a_note_asks_first(app):
    ann = actor("ann")
    await run(app, ann, "reflect")
    await run(app, ann, "note", text="one")
    notes = await app.store.notes.of_member("console:test", "console:ann")
    ask = await run(app, ann, "notes delete", number=str(notes[0].number))
    assert "Are you sure" in text(ask)
    await press(app, ann, ask[0].buttons[0].action, ask[0].buttons[0].args)
    assert await app.store.notes.of_member("console:test", "console:ann") == []


async def test_the_deletion_question_shows_the_note_it_would_delete(app):
    """An outside trial: "Are you sure? The note will be gone for good." named no note, so a slip of the number
    ("notes delete 2" for 3) was seen only once the note was gone. The question shows its number, day and words
    (cut when long), to its author only; Cancel keeps it."""
    ann = actor("ann")
    await run(app, ann, "note", text="the one to keep")
    await run(app, ann, "note", text="x" * 300)
    ask = await run(app, ann, "notes delete", number="1")
    assert "#1 · " in text(ask) and "the one to keep" in text(ask)
    long = text(await run(app, ann, "notes delete", number="2"))
    assert "x" * 199 + "…" in long and "x" * 200 not in long  # (at most NOTE_SHOWN characters, the "…" one of them)
    await press(app, ann, ask[0].buttons[1].action, ask[0].buttons[1].args)
    assert len(await app.store.notes.of_member("console:test", "console:ann")) == 2


async def test_a_note_is_deleted_by_its_number_and_the_old_id_still_works_quietly(app):
    """Members see note numbers ("#1"), so the option is `number`; `id`, its old name, is still understood (typed,
    or on a confirmation made before the rename), and shown nowhere."""
    ann = actor("ann")
    for words in ("one", "two", "three"):
        await run(app, ann, "note", text=words)
    help_text = text(await run(app, ann, "help", command="notes delete"))
    assert "number" in help_text and "id" not in help_text.replace("idea", "")
    ask = await typed(app, ann, "notes delete number=1")
    assert "Deleted" in text(await press(app, ann, ask[0].buttons[0].action, ask[0].buttons[0].args))
    ask = await typed(app, ann, "notes delete id=2")
    assert "Are you sure" in text(ask) and ask[0].buttons[0].args["arg:number"] == "2"
    assert "Deleted" in text(await press(app, ann, ask[0].buttons[0].action, ask[0].buttons[0].args))
    made_before_the_rename = {k.replace("arg:number", "arg:id"): v
                              for k, v in (await typed(app, ann, "notes delete 3"))[0].buttons[0].args.items()}
    assert "arg:id" in made_before_the_rename
    assert "Deleted" in text(await press(app, ann, "confirm", made_before_the_rename))
    assert await app.store.notes.of_member("console:test", "console:ann") == []


async def test_each_member_numbers_their_own_notes_from_one_and_reaches_only_theirs(app):
    """Bob's first note is #1 even though Mia kept one before him: a number tells nobody that others keep notes."""
    mia, bob = actor("mia"), actor("bob")
    await run(app, mia, "note", text="mia's first")
    for words in ("bob's first", "bob's second", "bob's third"):
        await run(app, bob, "note", text=words)
    assert "#1" in text(await run(app, mia, "notes list")) and "#2" not in text(await run(app, mia, "notes list"))
    listed = text(await run(app, bob, "notes list"))
    assert "#1 ·" in listed and "#3 ·" in listed and "#4" not in listed
    assert listed.index("bob's first") < listed.index("bob's second") < listed.index("bob's third")
    # Mia asking about #2 hears only that she has none; she is never asked to confirm deleting Bob's.
    refused = await run(app, mia, "notes delete", number="2")
    assert refused[0].error and "no note #2" in text(refused) and not refused[0].buttons
    ask = await run(app, bob, "notes delete", number="2")
    assert "Deleted" in text(await press(app, bob, ask[0].buttons[0].action, ask[0].buttons[0].args))
    listed = text(await run(app, bob, "notes list"))
    assert "bob's second" not in listed and "#1 ·" in listed and "#3 ·" in listed  # #3 stays #3
    assert "mia's first" in text(await run(app, mia, "notes list"))


async def test_unknown_theme_is_explained(app):
    assert "must be one of" in text(await run(app, actor("ann"), "reflect", theme="nope"))


async def test_history_is_only_ever_your_own(app, clock):
    from tests.bot.flows.test_checkins import open_round

    await open_round(app, clock)
    await run(app, actor("ann"), "checkin answer", mood="4", visibility="private", words="ann's words")
    await run(app, actor("bob"), "checkin answer", mood="2", visibility="shared", words="bob's words")
    mine = text(await run(app, actor("ann"), "me history"))
    assert "ann's words" in mine and "bob's words" not in mine
    assert "avg 4.0" in mine


#: A long note, in paragraphs and words (so a platform splitting it has places to split), over Discord's 2000.
LONG_NOTE = " ".join(f"Today I noticed thing number {i} and it mattered to me." for i in range(1, 90))


async def test_a_long_typed_note_is_kept_whole_and_read_back_whole(app):
    """A private note isn't a chat message: Discord's 2000-character limit for one message is no limit for it."""
    ann = actor("ann")
    assert 2000 < len(LONG_NOTE) <= MAX_NOTE_CHARS
    await run(app, ann, "reflect")
    out = await typed(app, ann, "note " + LONG_NOTE)
    assert "Kept" in text(out) and not any(r.error for r in out)
    [note] = await app.store.notes.of_member("console:test", "console:ann")
    assert note.text == LONG_NOTE
    assert LONG_NOTE in text(await run(app, ann, "notes list"))


async def test_a_typed_note_too_long_to_keep_comes_back_whole_with_the_refusal(app):
    ann = actor("ann")
    too_long = " ".join(["Some notes about the garden and the week I had."] * 130)  # (nothing the screen hears)
    assert len(too_long) > MAX_NOTE_CHARS
    await run(app, ann, "reflect")
    [refusal] = await typed(app, ann, "note " + too_long)
    assert refusal.error
    shown = refusal.plain()
    assert f"at most {MAX_NOTE_CHARS} characters" in shown and "Kept" not in shown  # never claims it was kept
    assert "What you typed, so you can use it again" in shown
    assert shown.endswith(too_long)  # every word, as typed
    assert await app.store.notes.of_member("console:test", "console:ann") == []


async def test_an_empty_typed_note_keeps_nothing_and_says_so(app):
    [refusal] = await typed(app, actor("ann"), "note   ")
    assert refusal.error and "needs “text”" in refusal.plain()
    assert "What you typed" not in refusal.plain()  # nothing to give back


async def test_a_note_sent_in_a_form_is_not_echoed_the_form_keeps_it(app):
    """A form keeps what was typed (it stays open, or its field is asked again): its refusal names the field."""
    ann = actor("ann")
    reply = (await run(app, ann, "reflect"))[0]
    form = (await press(app, ann, reply.buttons[1].action, reply.buttons[1].args))[0].form
    assert form is not None
    [refusal] = await press(app, ann, form.action, form.args, {"note": "x" * (MAX_NOTE_CHARS + 1)}, kind="form")
    assert refusal.error and refusal.field == "note"
    assert "What you typed" not in refusal.plain()


async def test_history_with_nothing_in_one_week_says_the_last_week(app):
    assert text(await run(app, actor("ann"), "me history", weeks="1")) == \
        "You haven't answered any check-ins in the last week."
    assert "in the last 3 weeks." in text(await run(app, actor("ann"), "me history", weeks="3"))


async def test_a_theme_switched_off_here_says_so_not_that_there_are_no_prompts(app):
    await run(app, actor("mia", moderator=True), "mod theme off", theme="fear", confirmed="yes")
    [refused] = await run(app, actor("ann"), "reflect", theme="fear")
    assert refused.error and refused.field == "theme"
    assert "switched off the theme “Fear and old wounds” in this community" in refused.plain()
    assert "right now" not in refused.plain()


async def test_a_notes_date_reads_as_every_views_this_year_without_its_year(app):
    """`notes list` said "#1 · 6 Dec 2026" in 2026, where every other view says "Sun 6 Dec"."""
    ann = actor("ann")
    keep = (await run(app, ann, "reflect"))[0].buttons[1]
    form = (await press(app, ann, keep.action, keep.args))[0].form
    await press(app, ann, form.action, form.args, {"note": "I was braver than I thought"}, kind="form")
    listed = text(await run(app, ann, "notes list"))
    assert "#1 · Mon 5 Jan · " in listed and "2026" not in listed, listed
