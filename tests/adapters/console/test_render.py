"""The terminal shows Hearth's markup as styles, never as characters, and people's words exactly as typed."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from adapters.console.render import BOLD, ITALIC, RESET, render_rich
from bot.events import Rich, When, rich
from tests.adapters.console.test_console_script import run_script

WORDS = "my_own *words* here_ and __this__ **too** `x`"


def test_italic_around_someones_words_is_a_style_not_underscores():
    """"_{}_" around a note's prompt: the markers sit at the ends of Hearth's parts, next to the member's words."""
    line = rich("**#3** · 6 Dec 2026 · " + "_{}_\n{}", "What did that teach you?", WORDS)
    assert render_rich(line, color=False) == f"#3 · 6 Dec 2026 · What did that teach you?\n{WORDS}"
    styled = render_rich(line, color=True)
    assert f"{RESET}{ITALIC}What did that teach you?{RESET}\n" in styled and f"{RESET}{BOLD}#3{RESET}" in styled


def test_someones_own_underscores_stars_and_backticks_stay_as_typed():
    for words in (WORDS, "_", "**", "_a_", "`"):
        assert render_rich(rich("**{}**", words), color=False) == words
        assert render_rich(rich("_{}_", words), color=True).count(ITALIC) == 1  # theirs toggles nothing


def test_a_times_zone_and_hearths_own_snake_case_words_keep_their_underscores():
    when = When(datetime(2026, 1, 5, 14, 0, tzinfo=timezone.utc), "America/New_York", personal=True)
    assert "America/New_York" in render_rich(Rich(("_Closes ", when, "._")), color=False)
    assert render_rich(rich("Try `mod settings summary_floor 5`."), color=False) == \
        "Try mod settings summary_floor 5."


def test_notes_list_on_the_terminal_shows_no_markup_characters(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    out = run_script(tmp_path, "reflect\nnote Kept_this *as typed*\nnotes list\n", capsys)
    listed = out.split("notes list", 1)[1]
    assert "#1 · " in listed and " · _" not in listed and "_\n" not in listed and "**" not in listed
    assert "Kept_this *as typed*" in listed


def test_plain_words_carry_no_control_characters_into_the_terminal():
    """A button's label or a title may carry what someone typed (a check-in's name): no escape code in it
    reaches the terminal, as none in user text does."""
    from adapters.console.render import render_reply as shown_reply
    from bot.events import Button as B, Reply as R

    out = shown_reply(R(title="Hi \x1b[2J", buttons=(B("Join · \x1b]0;pwned\x07mornings", "go"),)), color=False)
    assert "\x1b" not in out and "\x07" not in out and "mornings" in out
