"""Slack: the locale `users.info` gives is the member's language for everything Hearth says to them (the same
choice as the care texts'), and their Home tab is drawn in it."""

from __future__ import annotations

from tests.adapters.slack.conftest import ANN, BOB, texts
from tests.adapters.slack.test_member import reply_to
from tests.bot.test_i18n import pseudo, pseudo_spanish  # noqa: F401  (fixture)


async def test_replies_follow_the_locale_slack_gives(app, fake, side, pseudo_spanish):  # noqa: F811
    fake.users[ANN]["locale"] = "es-LA"
    spanish = texts((await reply_to(fake, side, ANN, "checkin list"))["blocks"])
    assert pseudo("There are no check-ins here yet.") in spanish
    english = texts((await reply_to(fake, side, BOB, "checkin list"))["blocks"])
    assert "There are no check-ins here yet." in english
    helped = texts((await reply_to(fake, side, ANN, "help"))["blocks"])
    assert "checkin join" in helped and pseudo("On Slack, type these after") in helped
    assert await app.store.communities.get_member("slack:T0001", "slack:UANN") is None  # (reads keep nothing)
    for read in ("me language", "support", "support gb"):  # (trial17: reads by what they're given, no member)
        assert texts((await reply_to(fake, side, ANN, read))["blocks"]), read
        assert await app.store.communities.get_member("slack:T0001", "slack:UANN") is None, read
    await reply_to(fake, side, ANN, "me timezone Europe/Madrid")  # the first change keeps Slack's locale with it
    member = await app.store.communities.get_member("slack:T0001", "slack:UANN")
    assert member.platform_locale == "es-LA" and member.language is None
