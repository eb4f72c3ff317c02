"""The care reply and the moderators' note fit whose danger the words say (trial 15, §4): a friend in danger gets
what to do for her, and a note that says the member wrote about someone else; a partner's threat gets safety first,
the region's abuse line, and the note as for any danger to the member. Real Hearth, on a real database."""

from __future__ import annotations

from tests.bot.flows.test_checkins import open_round
from tests.bot.flows.test_crisis_care import SAVED, alerts, with_alert_channel
from tests.conftest import actor, run, text, typed

FRIEND = "my friend just texted me that she's going to kill herself tonight, what do I do"
PARTNER = "my partner hit me again and said he'd kill me if I leave"
OWN = "I want to kill myself"
WRITERS_OWN = "What you wrote sounds like things may be really hard right now."
SOMEONE_ELSE = "It sounds like someone you care about may be in danger."
HARM = "What you wrote sounds like someone may be hurting or threatening you."


async def test_someone_else_in_danger_gets_what_to_do_for_them_and_a_note_that_says_so(app):
    await with_alert_channel(app)
    dee = actor("dee")
    await run(app, dee, "me region", region="us")
    reply = text(await typed(app, dee, FRIEND))
    assert reply.startswith(SOMEONE_ELSE) and WRITERS_OWN not in reply
    assert "call emergency services for them" in reply and "help people who are supporting someone" in reply
    assert "988" in reply and "call 911" in reply and "1-800-799-7233" not in reply
    assert "I'll let the moderators in" in reply  # (true: the note is on its way, posted shortly)
    (note,) = await alerts(app)
    shown = note.message.plain()
    assert shown.startswith("💛 Dee wrote about someone else who may be in danger")
    assert "may need some support" not in shown and "kill" not in shown and "friend" not in shown


async def test_danger_from_another_person_gets_safety_first_the_abuse_line_and_the_usual_note(app):
    await with_alert_channel(app)
    eve = actor("eve")
    await run(app, eve, "me region", region="us")
    reply = text(await typed(app, eve, PARTNER))
    assert reply.startswith(HARM) and "not your fault" in reply and "Your safety comes first" in reply
    lines = reply.split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith("• "))
    assert lines[first] == "• National Domestic Violence Hotline: call 1-800-799-7233, text START to 88788"
    assert "988" in reply and "call 911" in reply
    (note,) = await alerts(app)
    shown = note.message.plain()
    assert shown.startswith("💛 Eve may need some support right now")
    assert "partner" not in shown and "kill" not in shown


async def test_the_writers_own_danger_keeps_its_reply_and_note(app):
    await with_alert_channel(app)
    reply = text(await typed(app, actor("fay"), f"{FRIEND}. {OWN} too"))
    assert reply.startswith(WRITERS_OWN) and SOMEONE_ELSE not in reply
    (note,) = await alerts(app)
    assert note.message.plain().startswith("💛 Fay may need some support right now")


async def test_what_was_saved_is_still_said_truly_for_each_kind(app, clock):
    await open_round(app, clock)
    for who, words, opening in (("gus", FRIEND, SOMEONE_ELSE), ("hal", PARTNER, HARM)):
        kept = text(await run(app, actor(who), "checkin answer", mood="2", visibility="private", words=words))
        assert kept.startswith(opening) and SAVED in kept
    refused = text(await run(app, actor("ivy"), "note", text=(FRIEND + ". ") * 200))
    assert refused.startswith(SOMEONE_ELSE) and SAVED not in refused  # (too long: nothing was kept)
    assert "let the moderators" not in refused  # (no care channel here: nobody is told)


async def test_each_kind_answers_in_the_members_language(app):
    await with_alert_channel(app)
    ana = actor("ana")
    await run(app, ana, "me language", language="es")
    await run(app, ana, "me region", region="es")
    reply = text(await typed(app, ana, "mi pareja me pega otra vez y dice que me va a matar si lo dejo"))
    assert reply.startswith("Por lo que escribes, parece que alguien te está haciendo daño o amenazando.")
    assert "• 016: llama al 016" in reply
    (note,) = await alerts(app)
    assert "Ana" in note.message.plain() and "pega" not in note.message.plain()
