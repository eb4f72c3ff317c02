"""Text written for others to read (a prompt, typed or in a pack; a round's note) and a name people set are refused
when nobody would see anything of them, however they are made blank (trial 23): a pack prompt of one zero-width
space was imported and posted as an empty question, `mod schedule note mornings ㅤ` (a Hangul filler) put "What we
changed: ㅤ" on the next round, a prompt of accents alone was saved after "has only 0 words", and a check-in named
"ㅤ" passed the check that says a name "needs at least one letter or number people can see"."""

from __future__ import annotations

import pytest

from bot.content import PackError, parse_pack
from bot.content.style import shows_nothing
from tests.bot.content.helpers import pack_text, prompt
from tests.bot.scheduling.test_runner import make_schedule
from tests.conftest import actor, text, typed

MOD = actor("mia", moderator=True)
#: Blank in every way people make a text look empty: a zero-width space, a direction mark, a Hangul filler, the
#: blank Braille pattern, accents with no letter to sit on, and those with spaces.
BLANKS = ["\u200b", "\u200f\u200b", "\u3164", "\u2800", "\u031b\u031b", " \u3164 \u200b "]
SEEN = ["🔥🔥", "e\u0338", "\u2800?", "Who helped?", "ㅤhi"]


@pytest.mark.parametrize("blank", BLANKS)
def test_a_blank_text_shows_nothing(blank):
    assert shows_nothing(blank)


@pytest.mark.parametrize("seen", SEEN)
def test_a_text_with_anything_to_see_is_seen(seen):
    assert not shows_nothing(seen)


@pytest.mark.parametrize("blank", BLANKS)
def test_a_pack_prompt_or_name_that_shows_nothing_is_empty(blank):
    with pytest.raises(PackError) as err:
        parse_pack(pack_text(prompt(id="blank-01", text=blank)), "ours.toml")
    assert 'prompt "blank-01": the text is empty' in err.value.problems[0]
    with pytest.raises(PackError) as err:
        parse_pack(pack_text(prompt()).replace('name = "Test pack"', f'name = "{blank}"'), "ours.toml")
    assert "the name is empty" in err.value.problems[0]


@pytest.mark.parametrize("blank", ["\u3164", "\u2800", "\u031b\u031b"])
async def test_a_prompt_or_a_note_for_members_that_shows_nothing_is_refused_and_nothing_is_kept(app, blank):
    await make_schedule(app)
    added = text(await typed(app, MOD, f"mod prompt add checkin listening light {blank}"))
    assert "needs at least one letter or number people can see" in added, added
    assert await app.store.prompts.list_all("console:test") == []
    noted = text(await typed(app, MOD, f"mod schedule note mornings {blank}"))
    assert "needs at least one letter or number people can see" in noted, noted
    schedule = await app.store.schedules.find("console:test", "mornings")
    assert (await app.store.insights.notes_of([schedule.id])).get(schedule.id) is None


@pytest.mark.parametrize("blank", ["\u3164", "\u2800", "\u031b\u031b"])
async def test_a_check_in_name_that_shows_nothing_is_refused(app, blank):
    said = text(await typed(app, MOD, f"mod schedule create {blank} #general daily 10:00"))
    assert "needs at least one letter or number people can see" in said, said


async def test_a_prompt_with_something_to_see_still_gets_its_second_look_not_a_refusal(app):
    said = text(await typed(app, MOD, "mod prompt add checkin listening light \u2800?"))
    assert "A second look before I save it" in said, said


@pytest.mark.parametrize("blank", ["\u3164", "\u2800", "\u031b\u031b"])
async def test_own_words_that_show_nothing_are_no_words(app, clock, blank):
    """A note of "ㅤ" was kept as a note of nothing, and a shared answer of it posted a blank line under the name: such
    words are no words, as an empty line is (a note needs its text; an answer goes up without words)."""
    from tests.bot.flows.test_checkins import open_round

    said = text(await typed(app, actor("ann"), f"note {blank}"))
    assert "note needs “text”" in said, said
    assert await app.store.notes.of_member("console:test", "console:ann") == []
    rnd = await open_round(app, clock)
    said = text(await typed(app, actor("ann"), f"checkin answer 3 shared {blank}"))
    assert "Thanks for checking in" in said, said
    answer = await app.store.rounds.response_of(rnd.id, "console:ann")
    assert answer is not None and answer.mood == 3 and not answer.text, answer
