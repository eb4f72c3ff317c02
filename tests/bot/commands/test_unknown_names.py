"""A command or button name the core doesn't know is refused kindly, quoted as inert text.

Names arrive from buttons and forms an adapter decoded (a Slack button's
value, a Discord custom id), so they are the sender's words, not Hearth's.
"""

from __future__ import annotations

from bot.events import UserText
from tests.conftest import actor, run, press


async def test_an_unknown_command_name_with_braces_is_quoted(app):
    [reply] = await run(app, actor("ann"), "no such {} {}")
    assert reply.error
    assert reply.plain() == "I don't know the command “no such {} {}”. Try help to see what I can do."
    assert UserText("no such {} {}") in reply.body.parts


async def test_an_unknown_button_is_refused_kindly(app):
    [reply] = await press(app, actor("ann"), "no.such {}", {})
    assert reply.error and "no longer works" in reply.plain()
