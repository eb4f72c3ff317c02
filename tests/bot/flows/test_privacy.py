"""The privacy notice says, in plain words, what is kept, who sees it, for how long, and the choices."""

from __future__ import annotations

from bot.crypto import FernetCipher, generate_key
from tests.conftest import actor, run, text


async def test_the_notice_covers_what_who_how_long_and_choices(app):
    out = text(await run(app, actor("ann"), "privacy"))
    assert "What I keep" in out and "Who sees what" in out
    assert "Private answers and notes: only you. Not other members, not moderators." in out
    assert "Anonymous answers" in out and "only so you can change, export or delete them" in out
    assert "never names" in out
    assert "answers are deleted after 365 days" in out and "Notes stay until you delete them" in out
    for command in ("me data", "me export", "me delete", "checkin leave"):
        assert command in out
    assert "not a therapist or an emergency service" in out


async def test_the_notice_uses_the_communitys_retention(app):
    mia = actor("mia", moderator=True)
    await run(app, mia, "mod settings", key="retention_days", value="90")
    assert "deleted after 90 days" in text(await run(app, actor("ann"), "privacy"))


async def test_the_notice_is_honest_about_encryption(app):
    notice = text(await run(app, actor("ann"), "privacy"))
    assert "Private notes and answers are not encrypted on this server yet" in notice
    app.store.cipher = FernetCipher([generate_key()])
    notice = text(await run(app, actor("ann"), "privacy"))
    assert "Private notes and the words of private answers are encrypted there" in notice


async def test_help_lists_the_data_commands(app):
    out = text(await run(app, actor("ann"), "help"))
    for command in ("privacy", "me data", "me export", "me delete"):
        assert command in out
