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
    assert UserText("\u202eAnn").text == "\u202eAnn\u202c"
    assert UserText("\u2067x\u202e").text == "\u2067x\u202e\u202c\u2069"
    assert UserText("\u2067x\u202e\u2069").text == "\u2067x\u202e\u2069"  # an isolate's close closes inside it
    assert UserText("\u202eA\u202c").text == "\u202eA\u202c"
    assert bidi_closed(bidi_closed("\u202e\u2066a")) == bidi_closed("\u202e\u2066a")  # closed once, not twice
    assert len(UserText("\u202e" * 1000).text) == 1000 + 125  # no deeper than the bidi algorithm reads
    assert rich("**{}** · Good", "\u202eEve").plain() == "\u202eEve\u202c · Good"
