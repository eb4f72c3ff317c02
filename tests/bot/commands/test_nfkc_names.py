"""A check-in's name is someone's own words: read exactly as typed, not in NFKC (review of trial 20 D2)."""

from __future__ import annotations

from tests.bot.scheduling.test_runner import make_schedule
from tests.conftest import actor, text, typed


async def test_a_name_keeps_what_nfkc_would_change(app):
    """iOS types "…" for "...": NFKC made "Wind down…" "Wind down...", a name its moderator never wrote."""
    assert (await make_schedule(app, name="Wind down…")) is not None


async def test_a_check_in_named_before_is_still_found_by_its_name(app):
    """A check-in saved before NFKC was read (or offered by a platform's autocomplete, as stored) is found."""
    s = await make_schedule(app)
    await app.store.db.execute("UPDATE schedules SET name = ? WHERE id = ?", "Café № 2", s.id)
    said = text(await typed(app, actor("ann"), "checkin join Café № 2"))
    assert "couldn't find" not in said, said


async def test_the_marks_a_name_holds_are_said_inertly(app):
    """The preview names the "**" and "`" a name holds as the name's own text, never as Hearth's markup (on Discord a
    bare "**" opened bold and a "`" a code span over the rest of the warning)."""
    from bot.events import UserText
    from tests.bot.flows.test_moderate_schedules import BASE, MOD
    from tests.conftest import run

    [preview] = await run(app, MOD, "mod schedule create", **(BASE | {"name": "**Mornings** `x`"}))
    held = [p.text for p in preview.body.parts if isinstance(p, UserText) and "**" in p.text]
    assert any("`" in p for p in held), preview.body.parts


def test_a_channel_or_a_person_is_read_as_named():
    """Discord channel names often hold a full-width bar ("🌿｜general"): NFKC made it "🌿|general", a channel that
    does not exist. A full-width value of any other kind is still read in NFKC."""
    from bot.commands.registry import Option, read_value

    assert read_value(Option("where", "", kind="channel"), "🌿｜general") == "🌿｜general"
    assert read_value(Option("who", "", kind="user"), "ｍｉａ") == "ｍｉａ"
    assert read_value(Option("region", ""), "ＧＢ") == "GB"
