"""A value a refusal or a help line offers ("like 8", "For example: …", "Try “…”") is one that is taken."""

from __future__ import annotations

import re
from datetime import date

import pytest

from bot.commands.parse import parse_line
from bot.commands.registry import check_value, validate_options
from bot.errors import UserError
from bot.features import registry as composed
from bot.scheduling.inputs import date_examples, duration_examples, parse_date, parse_duration
from tests.conftest import actor, run

FEATURES = composed()
MIA = actor("mia", moderator=True)
#: Days a terminal's clock may be on: today, after this year's 25 December, and years on (`advance 3660d`).
TODAYS = (date(2026, 12, 6), date(2026, 12, 28), date(2036, 12, 13))


@pytest.mark.parametrize("cmd", [c for c in FEATURES.commands.values() if c.example], ids=lambda c: c.name)
@pytest.mark.parametrize("today", TODAYS)
def test_every_commands_example_is_taken_as_typed_whatever_the_day(cmd, today):
    _found, args = parse_line(FEATURES, cmd.example)
    args = validate_options(cmd, args)
    for name in ("until", "date"):
        if name in args and args[name] != "off":
            parse_date(args[name], today)  # (never a fixed date that has passed)


def test_every_options_own_example_passes_its_check_and_the_commands():
    offered = [(c, o) for c in FEATURES.commands.values() for o in c.options if o.example is not None]
    assert offered  # (me history's weeks, mod audit's count)
    for cmd, opt in offered:
        assert check_value(cmd, opt, opt.example) == opt.example


async def test_a_number_a_refusal_offers_is_taken_by_the_command(app):
    [refused] = await run(app, MIA, "me history", weeks="many")
    assert "like 8" in refused.plain()
    [shown] = await run(app, MIA, "me history", weeks="8")
    assert not shown.error
    [refused] = await run(app, MIA, "notes delete", number="third")  # (no number offered: it may not exist)
    assert refused.error and "whole number (the note's number from notes list)" in refused.plain()


@pytest.mark.parametrize("today", TODAYS)
def test_the_dates_a_refusal_offers_are_taken_on_any_day(today):
    with pytest.raises(UserError) as err:
        parse_date("2020-01-01", today)
    offered = re.findall(r"“([^”]+)”", date_examples(today))
    assert len(offered) == 3 and offered[0] in str(err.value)
    for typed in offered:
        assert parse_date(typed, today) >= today


def test_the_lengths_a_refusal_offers_fit_what_else_is_set():
    for fits in (None, lambda m: m <= 10, lambda m: m <= 90, lambda m: m < 6):
        for typed in re.findall(r"“([^”]+)”", duration_examples(fits)):
            assert fits is None or fits(parse_duration(typed)), typed
    assert duration_examples(lambda m: m < 5) == ""  # none fits: none offered (the refusal says what to change)


@pytest.mark.parametrize("key", ["summary_floor", "retention_days"])
async def test_a_settings_number_a_refusal_offers_is_taken(app, key):
    [refused] = await run(app, MIA, "mod settings", key=key, value="lots")
    offered = re.search(r"like (\d+)\.", refused.plain())
    assert refused.error and offered, refused.plain()
    [saved] = await run(app, MIA, "mod settings", key=key, value=offered[1])
    assert not saved.error and f"{key} is now" in saved.plain()
