"""Rendering rules that don't need a connection: escaping, splitting, cutting, custom ids."""

from __future__ import annotations

import re

from hypothesis import given, strategies as st

from adapters.discord.components import BUTTON_TEMPLATE, form_values
from adapters.discord.render import CUT_NOTE, MESSAGE_LIMIT, chunks, escape_user_text, fit, markdown
from bot.events import channel, rich
from tests.adapters.discord.helpers import run


def test_user_text_is_inert_and_hearth_markup_is_kept():
    body = rich("**{}** said: {}", "Ann_", "@everyone > # big\n- item <@&1> <#2> </cmd:3> ~~x~~ `code` ||spoiler||")
    text = markdown(body)
    assert text.startswith("**Ann\\_**")
    assert "@everyone" not in text and "<@&" not in text and "<#" not in text and "</" not in text
    for raw in ("~~x~~", "`code`", "||spoiler||"):
        assert raw not in text
    assert "\n\\- item" in text and "\\> # big" in text  # no quote, no list: shown as typed


@given(st.text(max_size=300))
def test_escaped_text_never_pings(text):
    out = escape_user_text(text)
    assert "@everyone" not in out.lower() and "@here" not in out.lower()
    assert not re.search(r"<[@#/]", out)


def same_words(parts: list[str], text: str) -> bool:
    """The parts hold the text's every character but whitespace, and at most one escape (a backslash) more each,
    at their start (`chunks` escapes what Discord would format at a message's start)."""
    def bare(t: str) -> str:
        return "".join(t.replace("\\", "").split())

    added = sum(p.count("\\") for p in parts) - text.count("\\")
    return bare("".join(parts)) == bare(text) and 0 <= added <= len(parts) - 1


#: What Discord would format at a message's start, unescaped (spaces before it are not shown).
FORMATTED_START = re.compile(r"\s*(#{1,3}\s|-#\s|[-+*]\s|\d+[.)]\s|>)")


@given(st.text(min_size=1, max_size=9000))
def test_chunks_fit_and_lose_nothing_but_whitespace(text):
    parts = chunks(text)
    assert all(len(p) <= MESSAGE_LIMIT for p in parts)
    assert same_words(parts, text)


def test_fit_cuts_clearly():
    assert fit("short") == "short"
    cut = fit("x" * 5000)
    assert len(cut) <= MESSAGE_LIMIT and cut.endswith(CUT_NOTE)


def test_button_template_and_form_values():
    assert re.match(BUTTON_TEMPLATE, "hearth:checkin.mood:round=3&mood=4")
    assert not re.match(BUTTON_TEMPLATE, "other:checkin.mood:round=3")
    payload = [{"type": 18, "component": {"type": 3, "custom_id": "mood", "values": ["4"]}},
               {"type": 1, "components": [{"type": 4, "custom_id": "words", "value": "hi"}]},
               {"type": 18, "component": {"type": 3, "custom_id": "visibility", "values": []}},
               {"type": 10, "content": "a text display"}]
    assert form_values(payload) == {"mood": "4", "words": "hi", "visibility": ""}


def test_chunks_keep_escapes_whole():
    text = escape_user_text("*" * 3000)
    for part in chunks(text):
        assert (len(part) - len(part.rstrip("\\"))) % 2 == 0


def test_channel_refs_are_links_and_never_pings():
    body = rich("Rounds go to {} (not {}).", channel("discord:123456789012345678"), "<#999>")
    assert markdown(body) == "Rounds go to <#123456789012345678> (not <\u200b#999\\>)."
    assert markdown(channel("general")) == "\\#general"  # not an id: a name (escaped), not a link


async def test_the_schedule_preview_links_its_channel(discord_bot, fake):
    mod = fake.member(fake.next_id(), "Mia", moderator=True)
    preview = await run(fake, mod, "mod schedule create", name="mornings", channel=fake.channel_id,
                        when="weekdays 09:00", timezone="Europe/London")
    assert f"Where: <#{fake.channel_id}>" in preview["data"]["content"]
    assert preview["data"]["allowed_mentions"] == {"parse": []}


def test_words_given_back_with_a_refusal_fit_discord_however_long_and_marked_up():
    """A refused command's words come back (`given_back`) in messages Discord takes: every part within its 2000
    characters, the words whole and still inert (escaping makes them longer)."""
    from adapters.discord.render import message_parts
    from bot.commands.registry import given_back
    from bot.events import Reply
    from bot.flows.reflections import MAX_NOTE_CHARS
    from testing.discord_rules import message_problems

    words = ("*stars* and _lines_ <@1> @everyone `code` | ~~x~~ > quote\n" * 200)[:MAX_NOTE_CHARS + 500].strip()
    refusal = Reply(body=rich("“text” can be at most {} characters.".format(MAX_NOTE_CHARS)), error=True)
    parts = message_parts(given_back(refusal, [words]))
    assert len(parts) > 3
    assert all(len(p) <= MESSAGE_LIMIT and message_problems({"content": p}) == [] for p in parts)
    shown = "\n".join(parts)
    assert "@everyone" not in shown and "<@1>" not in shown
    unescaped = re.sub(r"\\(.)", r"\1", shown).replace("\u200b", "")
    assert unescaped.count("*stars* and _lines_") == words.count("*stars* and _lines_")


def test_a_title_is_plain_words_shown_literally():
    """A reply's title is plain words on every platform (Slack's header is plain_text); it may carry someone's
    (a check-in's name), so Discord shows it as typed, in bold: no heading, link, spoiler or ping of its own."""
    from adapters.discord.render import reply_text as text_of
    from bot.events import Reply as R

    shown = text_of(R(title="# [x](http://evil.example) ||s|| <@1> @everyone"))
    assert shown == "**\\# \\[x\\](http://evil.example) \\|\\|s\\|\\| <\u200b@1\\> @\u200beveryone**"


def test_a_cut_in_a_line_never_starts_a_message_with_what_discord_formats():
    """trial22: a long line of someone's words cut at the space before "# 1", "- b" or "1. c" began the next
    message with a heading or a list item (Discord formats a message's start; the middle of a line was not
    escaped, as it needs no escape there)."""
    for word in ("#", "##", "-#", "-", "+", "1.", "12)"):
        line = escape_user_text("a" * (MESSAGE_LIMIT - len(word) - 1) + f" {word} big words " + "b " * 300)
        parts = chunks(line)
        assert len(parts) > 1
        for part in parts[1:]:
            assert not FORMATTED_START.match(part), (word, part[:20])
        assert same_words(parts, line)


def test_a_line_of_list_marks_longer_than_a_message_never_starts_one_with_a_list_mark():
    """render23: a line of "- - - -" (or "* * *", "> > >", "# # #", "1. 1. 1.") longer than a message has no place
    to cut that isn't before a mark: the hard cut at the limit began the next message with "- ", a bullet."""
    for mark in ("- ", "* ", "+ ", "> ", "# ", "-# ", "1. ", "2) "):
        for lead in ("", "x", "xx"):  # (every offset of the cut within the repeated mark)
            line = escape_user_text(lead + mark * 3000)
            parts = chunks(line)
            assert len(parts) > 2 and all(len(p) <= MESSAGE_LIMIT for p in parts)
            for part in parts[1:]:
                assert not FORMATTED_START.match(part), (mark, lead, part[:12])
            assert same_words(parts, line)


_marks = st.lists(st.sampled_from(["- ", "* ", "+ ", "> ", "# ", "## ", "-# ", "1. ", "12) ", " ", "a", "\n", "*",
                                   "`", "\\"]), max_size=400).map("".join)


@given(words=st.lists(_marks, min_size=1, max_size=4), limit=st.integers(20, 120))
def test_no_chunk_starts_with_what_discord_formats(words, limit):
    """Whatever the cut (at a line, a space or hard), a message never starts with a heading, subtext, a list item or
    a quote that the text didn't mean: someone's words split over messages stay as typed."""
    text = markdown(rich("\n".join(["**{}** said:"] + ["{}"] * (len(words) - 1)), *words))
    parts = chunks(text, limit)
    assert all(len(p) <= limit for p in parts)
    for part in parts[1:]:
        assert not FORMATTED_START.match(part), part[:12]
    assert same_words(parts, text)


def test_one_rule_says_what_discord_formats_at_a_line_start():
    """The line-start rule is one (`_LINE_START`), for someone's lines and for a message's start alike."""
    import adapters.discord.render as render

    assert not hasattr(render, "_FORMATS_AT_START")
    for start in ("# a", "## a", "-# a", "- a", "+ a", "* a", "> a", "1. a", "12) a", "  - a"):
        escaped = render.escape_line_start(start)
        assert escaped != start and not FORMATTED_START.match(escaped), escaped
        assert escape_user_text(start).endswith(" a") and not FORMATTED_START.match(escape_user_text(start))
    assert escape_user_text("12. a") == "12\\. a"  # (before the dot: a backslash before a digit would show)
