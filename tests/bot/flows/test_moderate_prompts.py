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
