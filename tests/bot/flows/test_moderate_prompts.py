"""Moderators' own prompts: the words of a prompt typed and refused come back with the refusal."""

from __future__ import annotations

from bot.content.packs import MAX_PROMPT_CHARS
from tests.conftest import actor, typed

MIA = actor("mia", moderator=True)


async def test_a_typed_prompt_too_long_comes_back_whole_and_nothing_is_added(app):
    words = "When did someone on this team make a hard week a little lighter for you, and what did they do? " * 3
    assert len(words.strip()) > MAX_PROMPT_CHARS
    [refusal] = await typed(app, MIA, "mod prompt add checkin appreciation light " + words)
    assert refusal.error and f"at most {MAX_PROMPT_CHARS} characters" in refusal.plain()
    assert "What you typed, so you can use it again" in refusal.plain()
    assert refusal.plain().endswith(words.strip())
    assert await app.store.prompts.list_all("console:test") == []


async def test_a_typed_prompt_edit_refused_for_its_id_gives_the_new_words_back(app):
    [refusal] = await typed(app, MIA, "mod prompt edit own-listening-09 Who listened well to you lately?")
    assert refusal.error and "no prompt `own-listening-09`" in refusal.plain()
    assert refusal.plain().endswith("Who listened well to you lately?")


import pytest  # noqa: E402

from bot.content.lint import lint  # noqa: E402
from bot.content.style import style_notes  # noqa: E402
from tests.conftest import press, run  # noqa: E402

#: Prompts `hearth content lint` makes suggestions on: each one is said to a moderator adding it too.
NOTED = ["Who made your **week** easier?", "@everyone who helped you this week?", "<@U123> how was your day?",
         "Mood?", "Hi", "Read https://example.org first?", "What went well? What didn't?",
         "You must share one thing you liked?", "Who  helped you?"]


@pytest.mark.parametrize("words", NOTED)
async def test_what_the_lint_notes_on_a_prompt_a_moderator_adding_it_is_told_kindly_and_asked(app, tmp_path, words):
    notes = style_notes(words)
    assert notes, words
    pack = tmp_path / "p.toml"
    pack.write_text(f'[pack]\nid = "p"\nname = "P"\nversion = "1.0.0"\nlanguage = "en"\n\n[[prompts]]\nid = "p-01"\n'
                    f'kind = "checkin"\ntheme = "growth"\ndepth = "light"\ntext = "{words}"\n', encoding="utf-8")
    report = lint([pack])[1]
    assert all(f'prompt "p-01": {note}' in report for note in notes)  # (one set of checks: the lint's are these)
    [ask] = await run(app, MIA, "mod prompt add", kind="checkin", theme="growth", depth="light", text=words)
    said = ask.plain()
    assert not ask.error and "A second look before I save it" in said and all(note in said for note in notes)
    assert await app.store.prompts.list_all("console:test") == []  # nothing saved until they say so
    [added] = await press(app, MIA, "confirm", ask.buttons[0].args)
    assert "Added prompt" in added.plain()
    assert [p["text"] for p in await app.store.prompts.list_all("console:test")] == [words]


async def test_an_edit_is_asked_too_and_a_prompt_with_nothing_to_note_is_saved_at_once(app):
    [added] = await run(app, MIA, "mod prompt add", kind="checkin", theme="growth", depth="light",
                        text="What helped you grow this month?")
    assert "Added prompt" in added.plain() and not added.buttons
    [ask] = await run(app, MIA, "mod prompt edit", id="own-growth-01", text="@here check in **now**")
    assert "holds “**”, “@here”" in ask.plain() and "Save it as it is" in ask.plain()
    [cancelled] = await press(app, MIA, "cancel", ask.buttons[1].args)
    assert cancelled.plain().endswith("@here check in **now**")  # (their words, given back)
    assert [p["text"] for p in await app.store.prompts.list_all("console:test")] == ["What helped you grow this month?"]
