"""A name that is only punctuation (`mod schedule create \"\"\" …` named a check-in “\"”) is refused kindly, typed
in order, named, or as a rename; a letter, a digit or an emoji is enough."""

from __future__ import annotations

import pytest

from bot.content.style import only_marks
from tests.bot.scheduling.test_runner import make_schedule
from tests.conftest import actor, text, typed

MIA = actor("mia", moderator=True)


@pytest.mark.parametrize("line", ['mod schedule create """ #general daily 09:00',
                                  'mod schedule create " #general daily 09:00',
                                  "mod schedule create ... #general daily 09:00",
                                  "mod schedule create name=… #general daily 09:00"])
async def test_a_new_name_of_only_punctuation_is_refused(app, line):
    said = text(await typed(app, MIA, line))
    assert "is only punctuation, and a name needs a word people can read" in said, said
    assert "please check before saving" not in said


async def test_a_rename_of_only_punctuation_is_refused(app):
    await make_schedule(app, name="circle")
    said = text(await typed(app, MIA, "mod schedule edit circle rename=?!"))
    assert "“?!” is only punctuation" in said, said


@pytest.mark.parametrize("name", ["☕", "a.", "9", "“Tea”"])
def test_a_letter_digit_or_emoji_is_enough(name):
    assert not only_marks(name)


@pytest.mark.parametrize("name", ['"', "...", "—", "“”", "?! ", "-\u200b-"])
def test_punctuation_alone_is_only_marks(name):
    assert only_marks(name)


def test_blank_is_not_only_marks():
    assert not only_marks(" \u200b")


async def test_a_check_in_named_so_before_can_still_be_found_to_rename_or_delete(app):
    """Only a name being given is refused: one already saved (before this check) is looked up as any other."""
    from tests.conftest import run

    s = await make_schedule(app, name="circle")
    await app.store.db.execute("UPDATE schedules SET name = ? WHERE id = ?", '"', s.id)
    said = text(await run(app, MIA, "mod schedule pause", name='"'))
    assert "only punctuation" not in said and "paused" in said, said
    said = text(await run(app, MIA, "mod schedule edit", name='"', rename="Tea time"))
    assert "only punctuation" not in said and "Tea time" in said, said
