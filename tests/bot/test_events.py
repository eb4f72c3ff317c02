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
