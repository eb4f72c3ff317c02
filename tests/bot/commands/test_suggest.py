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
