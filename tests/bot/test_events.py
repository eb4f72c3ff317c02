"""fill: a content template's named slots, user text kept inert, the template read once and filled often."""

from __future__ import annotations

from bot.events import Rich, UserText, fill, hearth_text


def test_fill_puts_user_text_in_its_slots_inert_and_hearths_own_text_as_markup():
    got = fill("**{schedule}** is open: {prompt}\nCloses {closes}.", schedule="Mornings", prompt="How are you?",
               closes=hearth_text("at 09:30"))
    assert got.parts == ("**", UserText("Mornings"), "** is open: ", UserText("How are you?"), "\nCloses ",
                         "at 09:30", ".")


def test_fill_drops_empty_and_missing_values_and_keeps_adjacent_slots_apart():
    assert fill("{a}{b} and {c}", a="x", b="") == Rich((UserText("x"), " and "))
    assert fill("no slots here") == Rich(("no slots here",))
    assert fill("{a}") == Rich(())


def test_the_same_template_filled_again_holds_only_its_own_values():
    template = "Hi {name}, {what} is open."
    first, second = fill(template, name="Ann", what="Mornings"), fill(template, name="<@U1>", what="Evenings")
    assert first.parts == ("Hi ", UserText("Ann"), ", ", UserText("Mornings"), " is open.")
    assert second.parts == ("Hi ", UserText("<@U1>"), ", ", UserText("Evenings"), " is open.")


# -- direction controls in what people type stop where their text stops ---------------------------


def test_user_text_closes_the_direction_controls_it_opens_and_keeps_what_was_typed():
    from bot.events import UserText, bidi_closed, rich

    assert UserText("Ann").text == "Ann" and UserText("مرحبا").text == "مرحبا"  # (right-to-left text needs none)
    assert bidi_closed("\u202eAnn") == "\u202eAnn\u202c"
    assert bidi_closed("\u2067x\u202e") == "\u2067x\u202e\u202c\u2069"
    assert bidi_closed("\u2067x\u202e\u2069") == "\u2067x\u202e\u2069"  # an isolate's close closes inside it
    assert bidi_closed("\u202eA\u202c") == "\u202eA\u202c"
    assert bidi_closed(bidi_closed("\u202e\u2066a")) == bidi_closed("\u202e\u2066a")  # closed once, not twice
    assert len(bidi_closed("\u202e" * 1000)) == 1000 + 125  # no deeper than the bidi algorithm reads
    assert rich("**{}** · Good", "\u202eEve").plain() == "Eve · Good"  # shown to others: nothing turns around


# -- invisible characters can't disguise a member's words shown to others --------------------------------------


def test_user_text_shown_to_others_has_no_direction_or_zero_width_characters():
    from bot.events import PersonRef, UserText, disarmed

    typed = "shared \u202eolleh\u202c <@123> **bold** @every\u200bone \u2066x\u2069\u200e\u200f\u061c\u2060\ufeff"
    shown = UserText(typed).text
    assert shown == "shared olleh <@123> **bold** @everyone x"
    assert UserText("می\u200cخواهم").text == "می\u200cخواهم"  # Persian's non-joiner is part of the word
    assert PersonRef("console:\u202eann\u200b").text() == "ann"
    assert disarmed("ann") == "ann" and disarmed("مرحبا") == "مرحبا"


def test_a_zero_width_joiner_stays_inside_an_emoji_sequence_and_goes_everywhere_else():
    from bot.events import UserText

    for emoji in ("👩\u200d💻", "🏳\ufe0f\u200d🌈", "👩🏽\u200d🚒", "👨\u200d👩\u200d👧"):
        assert UserText(f"I am {emoji}!").text == f"I am {emoji}!"
    assert UserText("ad\u200dmin").text == "admin"
    assert UserText("👩\u200d").text == "👩" and UserText("\u200d💻").text == "💻"


def test_every_renderer_shows_user_text_without_invisible_controls():
    from adapters.console.render import render_rich
    from adapters.discord.render import markdown
    from adapters.slack.render import mrkdwn
    from adapters.web.render import rich_html
    from bot.events import rich

    body = rich("**{}** · Good", "\u202eolleh\u200b 👩\u200d💻")
    for shown in (markdown(body), mrkdwn(body), str(rich_html(body)), render_rich(body, color=False)):
        assert "\u202e" not in shown and "\u200b" not in shown and "olleh 👩\u200d💻" in shown


def test_a_waiting_message_keeps_what_each_button_is_about() -> None:
    """The outbox keeps a reply as JSON: the names its buttons act on (and which is a thing's first action) come
    back, so a platform that can't show them all still offers the rest by name (Discord's menu)."""
    from bot.events import Button, Reply, reply_from_json, reply_to_json

    reply = Reply(buttons=(Button("Answer now · a", "x", {"k": "v"}, "primary", about="a", main=True),
                           Button("Reflect now", "y")))
    assert reply_from_json(reply_to_json(reply)).buttons == reply.buttons
    assert "about" not in reply_to_json(reply)["buttons"][1]  # (older waiting messages read the same)
