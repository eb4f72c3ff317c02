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


async def test_a_huge_unknown_name_is_quoted_cut_with_an_ellipsis(app):
    """A 50,000-character word was quoted back whole in the refusal (trial 6, F8: over Slack's limit for one
    message); a refusal's quote is cut, kindly, with "…"."""
    from bot.errors import MAX_QUOTED

    [reply] = await run(app, actor("ann"), "x" * 50_000)
    assert reply.error and "I don't know the command “" in reply.plain()
    [echo] = [p for p in reply.body.parts if isinstance(p, UserText)]
    assert len(echo.text) == MAX_QUOTED and echo.text.endswith("x…")


async def test_every_refusal_cuts_a_huge_typed_value_it_quotes(app):
    """trial18: "mod prompt add" followed by 10,000 characters was refused with all of them quoted back ("“kind” must
    be one of: reflection, checkin. You wrote “xxxx…10,000…”"), and so were a huge yes/no, region, language or
    setting: one rule for every refusal (`UserError`), as for an unknown command's name, so no refusal is pages long
    (and none goes over a platform's size for one message)."""
    from bot.errors import MAX_QUOTED

    huge = "x" * 10_000
    you = actor("you", moderator=True)
    for who, command, args in ((you, "mod prompt add", {"kind": huge}),
                               (actor("ann"), "checkin join", {"schedule": "mornings", "reminders": huge}),
                               (actor("ann"), "me region", {"region": huge}),
                               (actor("ann"), "me language", {"language": huge}),
                               (actor("ann"), "support", {"region": huge}),
                               (you, "mod settings", {"key": "language", "value": huge}),
                               # (trial 23: an id quoted in a code span, "There's no prompt `xxxx…10,000…`")
                               (you, "mod prompt disable", {"id": huge}),
                               (you, "mod prompt enable", {"id": huge}),
                               (you, "mod prompt edit", {"id": huge, "text": "Who listened to you?"})):
        replies = await run(app, who, command, **args)
        assert replies and all(r.error for r in replies), command
        echoes = [p.text for r in replies for p in r.body.parts if isinstance(p, UserText) and "xxx" in p.text]
        assert echoes and all(len(e) <= MAX_QUOTED for e in echoes), (command, [len(e) for e in echoes])
        assert sum(len(r.plain()) for r in replies) < 2000, command
