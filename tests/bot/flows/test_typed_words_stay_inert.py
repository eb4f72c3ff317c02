"""Words people typed (a check-in's name, a prompt, a note) reach others only as user text, on every path.

Adapters keep `UserText` inert (no markup, no pings, nothing invisible). A flow that pastes typed words into
Hearth's own template (`_("…{name}…").format(name=…)`) makes them Hearth's markup instead: `**x**` bold, `<@1>` a
ping, `[x](http://…)` a link. Here the words carry every platform's markup, and each reply of the flows that show
them is checked: they are never inside Hearth's own text, and every plain label, title and choice shown with
them has nothing invisible left.
"""

from __future__ import annotations

from bot.events import Button, Choice, Form, FormField, Reply, UserText
from tests.bot.scheduling.test_runner import make_schedule
from tests.conftest import actor, run

#: A name with Slack's and Discord's markup in it (typed invisible characters are already gone on the way in).
NAME = "*ev* ~s~ [m](http://e.x) <@1>@everyone"


def hearths_own_text(reply: Reply) -> str:
    """All of a reply's text that is Hearth's own (not user text), as one string."""
    return "".join(p for p in reply.body.parts if type(p) is str)


def assert_inert(replies: list[Reply]) -> None:
    assert replies
    for reply in replies:
        own = hearths_own_text(reply)
        for fragment in ("*ev*", "[m](http", "<@1>", "@everyone", "~s~"):
            assert fragment not in own, (fragment, reply.plain())
        plain = [reply.title or "", *(b.label for b in reply.buttons)]
        if reply.form is not None:
            plain += [reply.form.title, *(f.label for f in reply.form.fields),
                      *(f.default or "" for f in reply.form.fields),
                      *(c.label for f in reply.form.fields for c in f.choices)]
        assert not any("\u202e" in words for words in plain), plain


async def test_a_check_ins_name_stays_user_text_in_every_reply_that_shows_it(app, clock):
    mod = actor("mia", moderator=True)
    schedule = await make_schedule(app, name=NAME)
    assert schedule is not None
    for command, args in (("mod insights show", {"schedule": NAME}), ("mod insights export", {"schedule": NAME}),
                          ("checkin list", {}), ("mod schedule list", {}), ("home", {})):
        replies = await run(app, mod, command, **args)
        assert_inert(replies)
        assert any(isinstance(p, UserText) and "*ev*" in p.text for r in replies for p in r.body.parts) or \
            command == "home", command


def test_plain_words_pass_the_one_door_too():
    """Buttons, choices, forms and titles are plain words on every platform, and often someone's: nothing
    invisible is left in them, as in user text (`disarmed`); what comes back (a choice's value) is kept."""
    hidden = "mor\u200bnings \u202eevil"
    assert "\u200b" not in Button(hidden, "go").label and "\u202e" not in Button(hidden, "go").label
    choice = Choice(hidden, hidden)
    assert choice.value == hidden and "\u202e" not in choice.label
    field = FormField("name", hidden, default=hidden, placeholder=hidden, hint=hidden)
    assert not any("\u202e" in (v or "") for v in (field.label, field.default, field.placeholder, field.hint))
    form = Form(hidden, "act", (field,), submit_label=hidden)
    assert "\u202e" not in form.title and "\u202e" not in form.submit_label
    assert "\u202e" not in (Reply(title=hidden).title or "")
    assert Button("👩\u200d💻 Join", "go").label == "👩\u200d💻 Join"  # (an emoji's joiner is part of it)
