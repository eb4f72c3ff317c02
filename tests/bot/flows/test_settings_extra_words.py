"""`mod settings <key> <value> more words`: the words after a one-word value are named as extra, never read as the
value and refused for what it is not ("should be a whole number, like 5" of a 5)."""

from __future__ import annotations

import pytest

from tests.conftest import actor, text, typed

MIA = actor("mia", moderator=True)


@pytest.mark.parametrize("key, value", [("summary_floor", "5"), ("retention_days", "30"), ("digest_day", "thu"),
                                        ("digest_time", "09:00"), ("alert_channel", "off")])
async def test_words_after_a_one_word_value_are_named_as_extra(app, key, value):
    said = text(await typed(app, MIA, f"mod settings {key} {value} extra words"))
    assert f"“extra words” came after “{value}”" in said and "whole number" not in said
    assert "Saved" not in text(await typed(app, MIA, f"mod settings {key}"))


async def test_the_value_alone_still_saves(app):
    assert "Saved: summary_floor is now 5" in text(await typed(app, MIA, "mod settings summary_floor 5"))


async def test_a_day_is_a_day_name_not_any_word_starting_like_one(app):
    assert "Choose a day" in text(await typed(app, MIA, "mod settings digest_day thunder"))
    assert "digest_day is now thu" in text(await typed(app, MIA, "mod settings digest_day Thurs"))


async def test_a_screen_that_is_none_quotes_what_was_typed(app):
    said = text(await typed(app, MIA, "mod settings crisis_screen model extra words"))
    assert said.startswith("crisis_screen can't be “model extra words”.")
    assert "model-crisis" in text(await typed(app, MIA, "mod settings crisis_screen model crisis"))


@pytest.mark.parametrize("key, value", [("default_region", "us"), ("default_timezone", "Europe/Berlin")])
async def test_a_setting_named_in_words_reads_them_all_and_saves_nothing_it_cannot_read(app, key, value):
    """A region or a zone may be named in words ("New Zealand": tests/bot/flows/test_region_names.py), so more words
    are the value, read whole: refused by that setting's own reader, nothing saved."""
    said = text(await typed(app, MIA, f"mod settings {key} {value} extra words"))
    assert "Saved" not in said and "came after" not in said
    assert "Saved" not in text(await typed(app, MIA, f"mod settings {key}"))
