"""`mod dashboard` and the core's sign-in rules, on both stores."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from adapters.console.adapter import Speaker
from bot.errors import UserError
from bot.flows.dashboard import CantCheck, session_of, sign_in, sign_out
from tests.conftest import actor, run, text

MIA = actor("mia", moderator=True)


def switched_on(app) -> None:
    app.config = app.config.with_values(web__port=8088, web__public_url="https://hearth.example.org/")


async def test_the_link_is_private_and_says_how_long_it_works(app) -> None:
    switched_on(app)
    [reply] = await run(app, MIA, "mod dashboard")
    said = reply.plain()
    assert reply.visibility == "actor" and not reply.error
    assert re.search(r"https://hearth\.example\.org/sign-in\?t=[0-9a-f]{64}\n", said)
    assert "works once" in said and "10 minutes" in said
    assert [r["action"] for r in await app.store.communities.audit_log(MIA.community_id, 5)] == ["dashboard.link"]


async def test_without_the_web_settings_it_says_whom_to_ask(app) -> None:
    said = text(await run(app, MIA, "mod dashboard"))
    assert "isn't switched on" in said and "/sign-in" not in said


async def test_without_its_address_it_says_which_setting_is_missing(app) -> None:
    app.config = app.config.with_values(web__port=8088)
    said = text(await run(app, MIA, "mod dashboard"))
    assert "public_url" in said and "/sign-in" not in said


async def test_members_get_no_link(app) -> None:
    switched_on(app)
    said = text(await run(app, actor("max"), "mod dashboard"))
    assert "Only moderators" in said and "sign-in" not in said


async def test_signing_in_opens_a_session_that_ends(app, clock) -> None:
    switched_on(app)
    token = re.search(r"t=([0-9a-f]+)", text(await run(app, MIA, "mod dashboard"))).group(1)
    signed = await sign_in(app, token)
    assert signed.session.actor.user_id == MIA.user_id
    with pytest.raises(UserError, match="used a moment ago"):  # (the same sign-in sent twice, most likely)
        await sign_in(app, token)
    clock.advance(timedelta(minutes=3))
    with pytest.raises(UserError, match="used already"):
        await sign_in(app, token)
    assert (await session_of(app, signed.cookie)).csrf == signed.session.csrf
    await sign_out(app, signed.session)
    assert await session_of(app, signed.cookie) is None
    actions = [r["action"] for r in await app.store.communities.audit_log(MIA.community_id, 5)]
    assert actions[:2] == ["dashboard.sign_out", "dashboard.sign_in"]


async def test_a_link_for_someone_no_longer_moderating_signs_nobody_in(app, clock) -> None:
    switched_on(app)
    admin, lee = actor("ada", moderator=True), actor("lee")
    await run(app, admin, "mod moderators add", who="console:lee")
    token = re.search(r"t=([0-9a-f]+)", text(await run(app, lee, "mod dashboard"))).group(1)
    await run(app, admin, "mod moderators remove", who="console:lee", confirmed="yes")
    with pytest.raises(UserError, match="don't moderate"):
        await sign_in(app, token)
    clock.advance(timedelta(minutes=1))
    assert await app.store.dashboard.open_sessions(lee.community_id, lee.user_id, app.now()) == 0


async def test_the_platforms_word_is_asked_again_and_kept_a_minute(app, clock) -> None:
    switched_on(app)
    signed = await sign_in(app, re.search(r"t=([0-9a-f]+)", text(await run(app, MIA, "mod dashboard"))).group(1))
    assert (await session_of(app, signed.cookie)) is not None  # asked: yes, and that answer is kept
    app.platform_word.ports["console"].said(Speaker("mia"))  # the terminal: Mia no longer moderates
    assert (await session_of(app, signed.cookie)) is not None  # within the minute: the kept answer
    clock.advance(timedelta(seconds=61))
    assert await session_of(app, signed.cookie) is None
    assert await app.store.dashboard.open_sessions(MIA.community_id, MIA.user_id, app.now()) == 0


async def test_a_listed_moderator_keeps_the_session_without_the_platforms_word(app, clock) -> None:
    switched_on(app)
    await run(app, MIA, "mod moderators add", who=MIA.user_id)  # on the community's own list too
    signed = await sign_in(app, re.search(r"t=([0-9a-f]+)", text(await run(app, MIA, "mod dashboard"))).group(1))
    app.platform_word.ports["console"].said(Speaker("mia"))
    clock.advance(timedelta(seconds=61))
    session = await session_of(app, signed.cookie)
    assert session is not None and not session.actor.platform_moderator  # the list decides, not the old word


async def test_a_platform_that_cant_be_asked_refuses_but_ends_nothing(app, clock) -> None:
    switched_on(app)
    signed = await sign_in(app, re.search(r"t=([0-9a-f]+)", text(await run(app, MIA, "mod dashboard"))).group(1))
    app.platform_word.ports.pop("console")
    with pytest.raises(CantCheck, match="try again in a minute"):
        await session_of(app, signed.cookie)
    assert await app.store.dashboard.open_sessions(MIA.community_id, MIA.user_id, app.now()) == 1
