from bot.commands.suggest import suggestions
from tests.bot.scheduling.test_runner import make_schedule


async def test_each_source_suggests_what_was_typed_first(app):
    await make_schedule(app, name="mornings")
    await make_schedule(app, name="evening circle")
    assert await suggestions(app, "schedules", "console:test", "eve") == [("evening circle", "evening circle")]
    assert ("Listening", "listening") in await suggestions(app, "themes", "console:test", "lis")
    zones = await suggestions(app, "timezones", "console:test", "europe/ber")
    assert zones[0] == ("Europe/Berlin", "Europe/Berlin")
    assert len(await suggestions(app, "timezones", "console:test", "")) == 25
    assert any(v == "hearth-checkins" for _, v in await suggestions(app, "packs", "console:test", "check"))
    prompts = await suggestions(app, "prompts", "console:test", "respect-")
    assert prompts and all(len(label) <= 100 for label, _ in prompts)
    assert await suggestions(app, "nothing", "console:test", "x") == []


async def test_a_moderator_commands_suggestions_show_a_member_nothing(app):
    from bot.commands.suggest import suggestions_for
    from tests.conftest import actor, run

    mia, ann = actor("mia", moderator=True), actor("ann")
    await run(app, mia, "mod prompt add", kind="reflection", theme="listening", depth="light",
              text="Who listened well to you lately?")
    assert await suggestions_for(app, mia, "mod prompt edit", "prompts", "own")
    assert await suggestions_for(app, ann, "mod prompt edit", "prompts", "own") == []
    assert await suggestions_for(app, ann, "mod schedule edit", "timezones", "europe") == []
    assert await suggestions_for(app, ann, "checkin answer", "timezones", "europe/ber")  # hers to use
    assert [r["action"] for r in await app.store.communities.audit_log("console:test")] == ["prompt.add"]  # asked quietly


async def test_a_long_prompt_is_suggested_cut_between_whole_emoji(app):
    """Discord shows 100 characters of a suggestion: a moderator's prompt of up to 280 is cut there, never inside what
    reads as one emoji (a wave with its skin tone, a flag's two letters): the cut half of a flag showed as a letter in
    a box."""
    from tests.conftest import actor, run

    text = "Was hat dir gutgetan " + "👋🏽🇩🇪" * 15 + "?"
    added = await run(app, actor("mia", moderator=True), "mod prompt add", kind="reflection", theme="listening",
                      depth="light", text=text)
    assert not added[0].error and not added[0].buttons, added[0].plain()
    [(label, value)] = await suggestions(app, "prompts", "console:test", "own-listening")
    whole = f"{value} — {text}"
    assert len(whole) == 101 and len(label) == 99 and label == whole[:98] + "…"  # (whole[:99] ends inside a flag)
    assert label[:-1].endswith("🇩🇪👋🏽")
