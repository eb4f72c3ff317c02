"""The dashboard refuses what it must, and nothing changes when it does (checked in the store)."""

from __future__ import annotations

import re
from html import unescape
from datetime import timedelta

from aiohttp.test_utils import TestClient

from adapters.console.adapter import Speaker
from adapters.web.server import COOKIE, CSP
from bot.app import Hearth
from bot.commands.registry import OPEN_FORM, RUN
from tests.adapters.web.conftest import dashboard_client, link_token, sign_in_by_link
from tests.conftest import actor, run, text

MOD = actor("mona", moderator=True)
MEMBER = actor("max")


async def signed_in(web: TestClient, app: Hearth, who=MOD) -> str:
    """Sign in by link as `who`; the CSRF token of the session."""
    return await sign_in_by_link(web, await link_token(app, who))


async def make_schedule(app: Hearth, name: str = "mornings", who=MOD, channel: str = "general") -> None:
    from tests.conftest import press

    preview = await run(app, who, "mod schedule create", name=name, channel=channel, when="weekdays 09:00")
    save = preview[0].buttons[0]
    await press(app, who, save.action, save.args)
    assert await app.store.schedules.find(who.community_id, name) is not None


def words(page: str) -> str:
    """A page's text as read: tags out, entities back."""
    return unescape(re.sub(r"<[^>]+>", "", page))


def first_button(page: str, label: str) -> dict[str, str]:
    """What pressing the page's first button with this label sends (its hidden fields)."""
    for form in re.findall(r'<form method="post" action="/act" class="button">(.*?)</form>', page, re.S):
        if re.search(rf">{re.escape(label)}</button>", form):
            return dict(re.findall(r'name="([^"]+)" value="([^"]*)"', form))
    raise AssertionError(f"no {label} button on the page")


def edit_form(csrf: str, name: str, when: str) -> dict[str, str]:
    return {"csrf": csrf, "kind": "form", "action": RUN, "page": "schedules", "a:command": "mod schedule edit",
            "a:arg:name": name, "v:when": when}


async def test_sign_in_edit_and_sign_out(web: TestClient, app: Hearth) -> None:
    await make_schedule(app)
    csrf = await signed_in(web, app)
    preview = await web.post("/act", data=edit_form(csrf, "mornings", "weekdays 10:30"))
    body = await preview.text()
    assert "please check before saving" in body and "Save" in body  # the same preview as chat
    saved = await web.post("/act", data=first_button(body, "Save") | {"csrf": csrf})
    assert "Saved changes to" in unescape(await saved.text())
    assert (await app.store.schedules.find(MOD.community_id, "mornings")).spec == "weekdays 10:30"
    log = await app.store.communities.audit_log(MOD.community_id, 10)
    assert [r["action"] for r in log][:2] == ["schedule.edit", "dashboard.sign_in"]
    assert all(r["actor_id"] == MOD.user_id for r in log)
    out = await web.post("/sign-out", data={"csrf": csrf}, allow_redirects=False)
    assert out.status == 303
    again = await web.get("/schedules")
    assert again.status == 401


async def test_headers_are_strict(web: TestClient, app: Hearth) -> None:
    await signed_in(web, app)
    page = await web.get("/insights")
    assert page.headers["Content-Security-Policy"] == CSP and "script-src" not in CSP
    assert "frame-ancestors 'none'" in CSP and page.headers["X-Frame-Options"] == "DENY"
    assert page.headers["Referrer-Policy"] == "same-origin"
    assert "<script" not in unescape(await page.text())


async def test_a_used_link_signs_nobody_in(web: TestClient, app: Hearth) -> None:
    token = await link_token(app, MOD)
    first = await web.post("/sign-in", data={"t": token}, allow_redirects=False)
    assert first.status == 303
    web.session.cookie_jar.clear()
    second = await web.post("/sign-in", data={"t": token}, allow_redirects=False)
    # A moment later and without the session (a double click whose first answer hasn't set the cookie yet): no
    # second session, and no "not signed in", which may be untrue; the way to the dashboard, which knows.
    page = await second.text()
    assert second.status == 403 and "That link was used a moment ago" in words(page)
    assert "Not signed in" not in words(page) and '<a href="/insights">Open the dashboard</a>' in page
    # No Set-Cookie at all: a double click's second answer can come after the first, whose cookie it would wipe.
    assert "Set-Cookie" not in second.headers
    app.clock.advance(timedelta(minutes=3))  # type: ignore[attr-defined]
    later = await web.post("/sign-in", data={"t": token}, allow_redirects=False)
    assert later.status == 403 and "used already" in unescape(await later.text()) and "Set-Cookie" not in later.headers
    assert await app.store.dashboard.open_sessions(MOD.community_id, MOD.user_id, app.now()) == 1


async def test_a_double_click_whose_second_answer_comes_last_leaves_the_moderator_signed_in(web: TestClient,
                                                                                           app: Hearth) -> None:
    """Both sign-ins leave before either answer is back (no cookie on either): the first's cookie is set, the
    second's answer sets nothing, so whichever the browser keeps last, the session works."""
    import asyncio

    token = await link_token(app, MOD)
    first, second = await asyncio.gather(
        web.post("/sign-in", data={"t": token}, allow_redirects=False),
        web.post("/sign-in", data={"t": token}, allow_redirects=False))
    assert sorted([first.status, second.status]) == [303, 403]
    refused = first if first.status == 403 else second
    assert "Set-Cookie" not in refused.headers
    page = await web.get("/insights")
    assert page.status == 200 and "Mona" in words(await page.text())


def cookie_cleared(response) -> bool:
    return any(h.startswith(f"{COOKIE}=") and ("Max-Age=0" in h or 'Max-Age="0"' in h or "=\"\";" in h)
               for h in response.headers.getall("Set-Cookie", []))


async def test_the_sign_in_form_sent_twice_keeps_the_moderator_signed_in(web: TestClient, app: Hearth) -> None:
    """A double click, the back button and Sign in again, a reload: the used link of the moderator this browser
    is signed in as goes on to the dashboard, the session kept (nothing cleared, nothing opened again)."""
    token = await link_token(app, MOD)
    first = await web.post("/sign-in", data={"t": token}, allow_redirects=False)
    assert first.status == 303
    for _again in range(2):
        again = await web.post("/sign-in", data={"t": token}, allow_redirects=False)
        assert again.status == 303 and again.headers["Location"] == "/insights"
        assert "Set-Cookie" not in again.headers and not cookie_cleared(again)
    assert (await web.get("/schedules")).status == 200
    assert await app.store.dashboard.open_sessions(MOD.community_id, MOD.user_id, app.now()) == 1
    app.clock.advance(timedelta(minutes=11))  # type: ignore[attr-defined]
    later = await web.post("/sign-in", data={"t": token}, allow_redirects=False)  # used, and expired by now
    assert later.status == 303 and (await web.get("/schedules")).status == 200


async def test_someone_elses_used_link_is_refused_and_keeps_this_browsers_session(web: TestClient,
                                                                                  app: Hearth) -> None:
    """Refused, but the moderator signed in here stays signed in: no refusal clears a session that works."""
    other = actor("otto", moderator=True)
    theirs = await link_token(app, other)
    await app.store.dashboard.take_link(theirs, app.now())  # (used by Otto, elsewhere)
    await signed_in(web, app)
    app.clock.advance(timedelta(minutes=3))  # type: ignore[attr-defined]
    refused = await web.post("/sign-in", data={"t": theirs}, allow_redirects=False)
    assert refused.status == 403 and "used already" in unescape(await refused.text())
    assert "Set-Cookie" not in refused.headers
    made_up = await web.post("/sign-in", data={"t": "0" * 64}, allow_redirects=False)
    assert made_up.status == 403 and "Set-Cookie" not in made_up.headers
    page = await web.get("/schedules")
    assert page.status == 200 and "Mona" in words(await page.text())


async def test_signing_out_twice_is_signed_out_not_an_error(web: TestClient, app: Hearth) -> None:
    csrf = await signed_in(web, app)
    cookie = web.session.cookie_jar.filter_cookies(web.make_url("/"))[COOKIE].value
    out = await web.post("/sign-out", data={"csrf": csrf}, allow_redirects=False)
    assert out.status == 303 and out.headers["Location"] == "/signed-out"
    web.session.cookie_jar.update_cookies({COOKIE: cookie})  # (the second click left before the first's answer)
    again = await web.post("/sign-out", data={"csrf": csrf}, allow_redirects=False)
    assert again.status == 303 and again.headers["Location"] == "/signed-out"
    assert (await web.get("/schedules")).status == 401


async def test_the_sign_in_page_names_whom_the_link_signs_in(web: TestClient, app: Hearth) -> None:
    """So pressing someone else's link (a login CSRF: acting in their name) shows before it happens."""
    from dataclasses import replace
    sly = replace(actor("sly", moderator=True), display_name='<b onmouseover="x()">Sly</b>')
    token = await link_token(app, sly)
    page = await (await web.get(f"/sign-in?t={token}")).text()
    assert "This link is for" in words(page) and '<b onmouseover="x()">Sly</b>' in words(page)
    assert "<b onmouseover" not in page  # (the name is shown as text, never as markup)
    assert await app.store.dashboard.open_sessions(sly.community_id, sly.user_id, app.now()) == 0  # nothing spent
    await web.post("/sign-in", data={"t": token}, allow_redirects=False)
    web.session.cookie_jar.clear()
    spent = await (await web.get(f"/sign-in?t={token}")).text()
    assert "This link is for" not in words(spent)  # a used (or unknown) link names nobody
    made_up = await (await web.get("/sign-in?t=" + "0" * 43)).text()
    assert "This link is for" not in words(made_up)


async def test_an_expired_link_signs_nobody_in(web: TestClient, app: Hearth) -> None:
    token = await link_token(app, MOD)
    app.clock.advance(timedelta(minutes=10, seconds=1))  # type: ignore[attr-defined]
    refused = await web.post("/sign-in", data={"t": token}, allow_redirects=False)
    assert refused.status == 403 and "expired" in unescape(await refused.text())
    assert await app.store.dashboard.open_sessions(MOD.community_id, MOD.user_id, app.now()) == 0


async def test_a_made_up_link_signs_nobody_in(web: TestClient, app: Hearth) -> None:
    refused = await web.post("/sign-in", data={"t": "0" * 64}, allow_redirects=False)
    assert refused.status == 403
    assert (await web.get("/schedules")).status == 401


async def test_a_forged_cookie_is_refused(web: TestClient, app: Hearth) -> None:
    await make_schedule(app)
    web.session.cookie_jar.update_cookies({COOKIE: "forged-value"})
    page = await web.get("/schedules")
    assert page.status == 401 and "mornings" not in unescape(await page.text())
    changed = await web.post("/act", data=edit_form("anything", "mornings", "weekdays 11:00"))
    assert changed.status == 401
    assert (await app.store.schedules.find(MOD.community_id, "mornings")).spec == "weekdays 09:00"


async def test_a_form_without_its_csrf_token_changes_nothing(web: TestClient, app: Hearth) -> None:
    await make_schedule(app)
    csrf = await signed_in(web, app)
    for sent in ({}, {"csrf": csrf[:-1] + ("A" if csrf[-1] != "A" else "B")}):
        form = {k: v for k, v in edit_form(csrf, "mornings", "weekdays 11:00").items() if k != "csrf"} | sent
        refused = await web.post("/act", data=form)
        assert refused.status == 403 and "out of date" in unescape(await refused.text())
    out = await web.post("/sign-out", data={}, allow_redirects=False)
    assert out.status == 403  # signing out is a form too
    assert (await web.get("/schedules")).status == 200
    assert (await app.store.schedules.find(MOD.community_id, "mornings")).spec == "weekdays 09:00"


async def test_a_moderator_of_one_community_cannot_reach_another(web: TestClient, app: Hearth) -> None:
    other_mod = actor("olga", moderator=True, community="console:other")
    await make_schedule(app, "evenings", who=other_mod)
    theirs = await app.store.schedules.find("console:other", "evenings")
    csrf = await signed_in(web, app)  # Mona moderates console:test only
    page = await web.get("/schedules?community=console:other")
    assert "evenings" not in unescape(await page.text())
    forged = await web.post("/act", data={"csrf": csrf, "kind": "button", "page": "schedules",
                                          "action": "mod.schedule.save", "a:name": "evenings",
                                          "a:schedule_id": str(theirs.id), "a:when": "weekdays 23:00"})
    assert "no longer exists" in unescape(await forged.text())
    deleted = await web.post("/act", data={"csrf": csrf, "kind": "button", "page": "schedules", "action": "confirm",
                                           "a:command": "mod schedule delete", "a:arg:name": "evenings"})
    assert "<h1>Nothing changed</h1>" in await deleted.text() and "no check-ins here" in await deleted.text()
    assert (await app.store.schedules.find("console:other", "evenings")).spec == "weekdays 09:00"
    # Olga's link, spent by Mona's browser, signs in Olga's community only, as Olga.
    theirs_link = await link_token(app, other_mod)
    await web.post("/sign-in", data={"t": theirs_link}, allow_redirects=False)
    assert "evenings" in unescape(await (await web.get("/schedules")).text())


async def test_a_member_who_is_no_moderator_is_refused(web: TestClient, app: Hearth) -> None:
    from tests.conftest import text

    said = text(await run(app, MEMBER, "mod dashboard"))
    assert "Only moderators" in said and "/sign-in" not in said
    assert await app.store.dashboard.open_sessions(MEMBER.community_id, MEMBER.user_id, app.now()) == 0


async def test_a_session_ends_when_its_person_stops_moderating(web: TestClient, app: Hearth) -> None:
    admin = actor("ada", moderator=True)
    listed = actor("lee")  # a moderator by the community's list, not by the platform's word
    await run(app, admin, "mod moderators add", who="console:lee")
    await make_schedule(app)
    csrf = await signed_in(web, app, listed)
    await run(app, admin, "mod moderators remove", who="console:lee", confirmed="yes")
    assert "console:lee" not in await app.store.communities.moderators(listed.community_id)
    refused = await web.post("/act", data=edit_form(csrf, "mornings", "weekdays 11:00"))
    assert refused.status == 401
    assert (await app.store.schedules.find(MOD.community_id, "mornings")).spec == "weekdays 09:00"
    assert await app.store.dashboard.open_sessions(listed.community_id, listed.user_id, app.now()) == 0
    await run(app, admin, "mod moderators add", who="console:lee")  # back on the list: the old session stays ended
    assert (await web.get("/schedules")).status == 401


async def test_browsing_spends_the_dashboards_own_pace_not_the_chat_budget(web: TestClient, app: Hearth) -> None:
    """Reading pages costs the platform nothing: a moderator clicking through every page many times is not paused
    in chat for it; the dashboard paces page views per session itself, with a kind page."""
    from bot.ratelimit import MemberRateLimiter

    await signed_in(web, app)
    for _ in range(3 * app.config["limits.events_per_minute"]):
        page = await web.get("/audit")
        assert page.status == 200, await page.text()
    said = await run(app, MOD, "checkin status")
    assert said and not any(r.error for r in said)  # chat still answers: the pages spent none of its budget
    web.dashboard.page_views = MemberRateLimiter(app.clock, 2)  # type: ignore[attr-defined]  (a small pace)
    assert [(await web.get(p)).status for p in ("/audit", "/care", "/insights")] == [200, 200, 429]
    app.clock.advance(timedelta(seconds=20))  # type: ignore[attr-defined]
    paused = await web.get("/audit")
    said = words(await paused.text())
    assert paused.status == 429 and "paused for a moment" in said and "reload the page in 40 seconds" in said
    assert paused.headers["Retry-After"] == "40"
    app.clock.advance(timedelta(seconds=40))  # type: ignore[attr-defined]
    assert (await web.get("/audit")).status == 200


async def test_page_views_are_paced_per_person_too(web: TestClient, app: Hearth) -> None:
    """As changes are: each session its own pace, and all of one person's sessions together twice that, so
    signing in again (elsewhere) opens no more reading."""
    from bot.ratelimit import MemberRateLimiter

    laptop, phone = await dashboard_client(app), await dashboard_client(app)
    try:
        for browser in (web, laptop, phone):
            await signed_in(browser, app)
        shared = MemberRateLimiter(app.clock, 2)
        for browser in (web, laptop, phone):  # (one dashboard, as served: one pace for all its sessions)
            browser.dashboard.page_views = shared  # type: ignore[attr-defined]
        assert [(await web.get("/audit")).status for _ in range(3)] == [200, 200, 429]  # this session's own
        assert [(await laptop.get("/audit")).status for _ in range(3)] == [200, 200, 429]
        refused = await phone.get("/care")  # a third session: the person's four views are spent
        assert refused.status == 429 and "paused for a moment" in words(await refused.text())
        assert int(refused.headers["Retry-After"]) > 0
        ada = actor("ada", moderator=True)  # someone else reads on, at their own pace
        other = await dashboard_client(app)
        try:
            await signed_in(other, app, ada)
            other.dashboard.page_views = shared  # type: ignore[attr-defined]
            assert (await other.get("/care")).status == 200
        finally:
            await other.close()
    finally:
        await laptop.close()
        await phone.close()


async def test_a_session_lasts_a_working_day(web: TestClient, app: Hearth) -> None:
    await signed_in(web, app)
    app.clock.advance(timedelta(hours=7, minutes=59))  # type: ignore[attr-defined]
    assert (await web.get("/audit")).status == 200
    app.clock.advance(timedelta(minutes=2))  # type: ignore[attr-defined]
    assert (await web.get("/audit")).status == 401


async def test_sign_in_is_rate_limited(web: TestClient, app: Hearth) -> None:
    for _ in range(10):
        assert (await web.post("/sign-in", data={"t": "f" * 64}, allow_redirects=False)).status == 403
    token = await link_token(app, MOD)
    limited = await web.post("/sign-in", data={"t": token}, allow_redirects=False)
    assert limited.status == 429 and 590 <= int(limited.headers["Retry-After"]) <= 600  # (the oldest try's window)
    assert await app.store.dashboard.open_sessions(MOD.community_id, MOD.user_id, app.now()) == 0


async def test_a_refused_form_comes_back_as_typed(web: TestClient, app: Hearth) -> None:
    await make_schedule(app)
    csrf = await signed_in(web, app)
    refused = await web.post("/act", data=edit_form(csrf, "mornings", "at noon-ish please"))
    body = await refused.text()
    assert refused.status == 400 and 'aria-invalid="true"' in body and "at noon-ish please" in body
    assert (await app.store.schedules.find(MOD.community_id, "mornings")).spec == "weekdays 09:00"


async def test_opening_a_command_form(web: TestClient, app: Hearth) -> None:
    csrf = await signed_in(web, app)
    opened = await web.post("/act", data={"csrf": csrf, "kind": "button", "page": "schedules",
                                          "action": OPEN_FORM, "a:command": "mod schedule create"})
    body = await opened.text()
    assert '<label for="f-name">' in body and 'name="v:when"' in body


async def test_delete_asks_first_and_each_button_works_once(web: TestClient, app: Hearth) -> None:
    await make_schedule(app)
    csrf = await signed_in(web, app)
    page = await (await web.get("/schedules")).text()
    asked = await web.post("/act", data=first_button(page, "Delete") | {"csrf": csrf})
    body = await asked.text()
    assert "Are you sure?" in words(body) and await app.store.schedules.find(MOD.community_id, "mornings") is not None
    yes = first_button(body, "Yes, go ahead") | {"csrf": csrf}
    done = await web.post("/act", data=yes)
    assert "Deleted mornings" in words(await done.text())
    assert await app.store.schedules.find(MOD.community_id, "mornings") is None
    again = await web.post("/act", data=yes | {"nonce": "another"})
    assert again.status == 409 and "already pressed, so I didn't do it a second time" in words(await again.text())
    assert "Nothing changed" not in words(await again.text())
    assert [r["action"] for r in await app.store.communities.audit_log(MOD.community_id, 1)] == ["schedule.delete"]


async def test_pause_and_skip_through_their_forms(web: TestClient, app: Hearth) -> None:
    await make_schedule(app)
    csrf = await signed_in(web, app)
    form = {"csrf": csrf, "kind": "form", "action": RUN, "page": "schedules"}
    skipped = await web.post("/act", data=form | {"a:command": "mod schedule skip", "v:name": "mornings",
                                                  "v:date": "2026-01-06"})
    assert "Skipped" in words(await skipped.text())
    paused = await web.post("/act", data=form | {"a:command": "mod schedule pause", "v:name": "mornings"})
    assert "is now paused" in words(await paused.text())
    assert (await app.store.schedules.find(MOD.community_id, "mornings")).paused_until == "forever"
    page = await (await web.get("/schedules")).text()
    resumed = await web.post("/act", data=first_button(page, "Resume") | {"csrf": csrf})
    assert "running again" in words(await resumed.text())
    actions = [r["action"] for r in await app.store.communities.audit_log(MOD.community_id, 3)]
    assert actions == ["schedule.resume", "schedule.pause", "schedule.skip"]


async def test_a_form_from_another_site_changes_nothing(web: TestClient, app: Hearth) -> None:
    await make_schedule(app)
    csrf = await signed_in(web, app)
    for origin in ("https://evil.example", "null"):
        refused = await web.post("/act", data=edit_form(csrf, "mornings", "weekdays 11:00"),
                                 headers={"Origin": origin})
        assert refused.status == 403
    same = await web.post("/act", data=edit_form(csrf, "mornings", "weekdays 11:00"),
                          headers={"Origin": f"http://{web.host}:{web.port}"})
    assert "please check before saving" in await same.text()  # (a preview: nothing saved yet)
    token = await link_token(app, MOD)
    login = await web.post("/sign-in", data={"t": token}, headers={"Origin": "https://evil.example"},
                           allow_redirects=False)
    assert login.status == 403
    assert (await app.store.schedules.find(MOD.community_id, "mornings")).spec == "weekdays 09:00"
    assert await app.store.dashboard.take_link(token, app.now()) is not None  # the link wasn't spent


async def test_the_cookie_is_secure_behind_a_trusted_https_proxy_only(web: TestClient, app: Hearth) -> None:
    token = await link_token(app, MOD)
    plain = await web.post("/sign-in", data={"t": token}, headers={"X-Forwarded-Proto": "https"},
                           allow_redirects=False)
    assert plain.status == 303 and not plain.cookies[COOKIE]["secure"]  # nobody said to trust that header
    assert "Strict-Transport-Security" not in plain.headers
    app.config = app.config.with_values(web__trust_proxy=True)
    token = await link_token(app, MOD)
    proxied = await web.post("/sign-in", data={"t": token}, headers={"X-Forwarded-Proto": "https"},
                             allow_redirects=False)
    assert proxied.status == 303 and proxied.cookies[COOKIE]["secure"]
    assert proxied.headers["Strict-Transport-Security"].startswith("max-age=")


async def test_a_platform_admin_who_lost_the_platforms_word_loses_the_session(web: TestClient, app: Hearth) -> None:
    """The platform's word is asked again with each moderator command: a refusal ends the dashboard too."""
    await make_schedule(app)
    await signed_in(web, app)  # Mona moderates by the platform's word
    assert (await web.get("/schedules")).status == 200
    from tests.conftest import text

    no_longer = actor("mona")  # the same person, the platform now says: not an admin
    assert "Only moderators" in text(await run(app, no_longer, "mod schedule list"))
    assert (await web.get("/schedules")).status == 401
    assert await app.store.dashboard.open_sessions(MOD.community_id, MOD.user_id, app.now()) == 0


async def test_a_failure_is_a_kind_page_not_a_traceback(web: TestClient, app: Hearth) -> None:
    csrf = await signed_in(web, app)
    await app.store.db.execute("ALTER TABLE dashboard_sessions RENAME TO gone_sessions")  # a real fault, no mock
    response = await web.post("/act", data={"csrf": csrf, "kind": "button", "action": "cancel"})
    body = await response.text()
    assert response.status == 500 and "Something went wrong" in body
    assert "Traceback" not in body and "dashboard_sessions" not in body and response.headers["X-Frame-Options"] == "DENY"
    await app.store.db.execute("ALTER TABLE gone_sessions RENAME TO dashboard_sessions")



async def test_a_platform_admin_whose_right_the_terminal_took_back_is_signed_out(web: TestClient, app: Hearth) -> None:
    """No chat interaction needed: the next request asks the platform (here the terminal's own word) again, and
    every session of that person there ends (this browser's and another's)."""
    await make_schedule(app)
    csrf = await signed_in(web, app)
    laptop = await dashboard_client(app)
    try:
        await signed_in(laptop, app)
        assert await app.store.dashboard.open_sessions(MOD.community_id, MOD.user_id, app.now()) == 2
        app.platform_word.ports["console"].said(Speaker("mona"))  # `as mona`: no longer a moderator, says the terminal
        app.clock.advance(timedelta(seconds=61))  # type: ignore[attr-defined]  (its last answer was kept a minute)
        refused = await web.post("/act", data=edit_form(csrf, "mornings", "weekdays 11:00"))
        assert refused.status == 401 and "not signed in" in words(await refused.text())
        assert (await app.store.schedules.find(MOD.community_id, "mornings")).spec == "weekdays 09:00"
        assert await app.store.dashboard.open_sessions(MOD.community_id, MOD.user_id, app.now()) == 0
        assert (await laptop.get("/schedules")).status == 401
    finally:
        await laptop.close()


async def test_when_the_platform_cant_be_asked_nothing_is_shown_and_the_session_stays(web: TestClient,
                                                                                       app: Hearth) -> None:
    await make_schedule(app)
    csrf = await signed_in(web, app)
    terminal = app.platform_word.ports.pop("console")  # the platform can't be asked (no adapter answers for it)
    app.clock.advance(timedelta(seconds=61))  # type: ignore[attr-defined]
    refused = await web.post("/act", data=edit_form(csrf, "mornings", "weekdays 11:00"))
    said = words(await refused.text())
    assert refused.status == 503 and "couldn't check" in said and "still signed in" in said
    assert refused.headers["Retry-After"] == "60"  # ("please try again in a minute")
    assert COOKIE not in refused.cookies  # (the cookie is kept)
    assert (await app.store.schedules.find(MOD.community_id, "mornings")).spec == "weekdays 09:00"
    assert await app.store.dashboard.open_sessions(MOD.community_id, MOD.user_id, app.now()) == 1
    app.add_platform_moderators(terminal)  # it answers again: the same session goes on
    assert (await web.get("/schedules")).status == 200


PAUSED = "paused for a moment"


async def test_changes_on_the_dashboard_and_in_chat_keep_their_own_budgets(web: TestClient, app: Hearth) -> None:
    """A moderator editing on the page isn't paused in chat for it, nor the page for what they typed in chat; each
    is still paced (three events are one edit: preview, save, confirm)."""
    await make_schedule(app)
    csrf = await signed_in(web, app)
    app.limiter.limit = 3
    app.clock.advance(timedelta(seconds=61))  # type: ignore[attr-defined]  (what setting up spent is past)
    for when in ("weekdays 10:00", "weekdays 10:30", "weekdays 11:00"):
        page = words(await (await web.post("/act", data=edit_form(csrf, "mornings", when))).text())
        assert "please check before saving" in page and PAUSED not in page
    refused = words(await (await web.post("/act", data=edit_form(csrf, "mornings", "weekdays 12:00"))).text())
    assert PAUSED in refused and "please check before saving" not in refused  # the page's own budget is spent
    for _ in range(3):  # chat's isn't
        said = await run(app, MOD, "mod schedule pause", name="mornings")
        assert PAUSED not in text(said), text(said)
    assert PAUSED in text(await run(app, MOD, "mod schedule resume", name="mornings"))  # chat's own, now spent
    assert (await app.store.schedules.find(MOD.community_id, "mornings")).paused_until == "forever"
    app.clock.advance(timedelta(seconds=61))  # type: ignore[attr-defined]
    again = words(await (await web.post("/act", data=edit_form(csrf, "mornings", "weekdays 12:00"))).text())
    assert "please check before saving" in again


async def test_more_dashboard_sessions_do_not_open_more_changes(web: TestClient, app: Hearth) -> None:
    """A signed-in person opening sessions (one link, one session each) shares two sessions' worth among them all;
    a session over its pace changes nothing."""
    await make_schedule(app)
    browsers = [web, await dashboard_client(app), await dashboard_client(app)]
    try:
        tokens = [await signed_in(b, app) for b in browsers]
        app.limiter.limit = 2
        app.clock.advance(timedelta(seconds=61))  # type: ignore[attr-defined]
        done = []
        for b, csrf in zip(browsers, tokens):
            for _ in range(3):
                form = {"csrf": csrf, "kind": "form", "action": RUN, "page": "schedules",
                        "a:command": "mod schedule skip", "v:name": "mornings",
                        "v:date": f"2026-02-{len(done) + 2:02d}"}
                page = words(await (await b.post("/act", data=form)).text())
                done.append(PAUSED not in page and "Still paused" not in page)
        assert done == [True, True, False, True, True, False, False, False, False]
        log = await app.store.communities.audit_log(MOD.community_id, 20)
        assert [r["action"] for r in log].count("schedule.skip") == 4  # what was refused was not done
    finally:
        for b in browsers[1:]:
            await b.close()


async def test_the_sign_in_page_and_the_header_name_the_community_as_its_people_know_it(web: TestClient,
                                                                                        app: Hearth) -> None:
    """Its platform's name for it (a Discord server's, a Slack workspace's, the terminal's configured one), never
    its id; with no name said yet, a plain sentence without one."""
    from dataclasses import replace
    named = replace(MOD, community_name="Night Owls")
    token = await link_token(app, named)
    page = words(await (await web.get(f"/sign-in?t={token}")).text())
    assert "This link is for Mona, in Night Owls." in page and MOD.community_id not in page
    await sign_in_by_link(web, token)
    insights = words(await (await web.get("/insights")).text())
    assert "Night Owls" in insights and MOD.community_id not in insights and "test" not in insights.split()
    unnamed = actor("uma", moderator=True, community="console:elsewhere")
    page = words(await (await web.get(f"/sign-in?t={await link_token(app, unnamed)}")).text())
    assert "This link is for Uma, in the community where they asked for it." in page
    assert "elsewhere" not in page


async def test_the_sign_in_page_reads_naturally_when_no_name_is_known(web: TestClient, app: Hearth) -> None:
    """The platform couldn't say the moderator's name when they asked for the link: no gap where it would be."""
    from dataclasses import replace
    nameless = replace(MOD, display_name="", community_name="Night Owls")
    page = words(await (await web.get(f"/sign-in?t={await link_token(app, nameless)}")).text())
    assert "This link is for Night Owls." in page and "for  " not in page
    assert "If that isn't you" not in page  # (nobody named to be or not to be)
    unnamed = replace(nameless, community_id="console:elsewhere", community_name=None)
    page = words(await (await web.get(f"/sign-in?t={await link_token(app, unnamed)}")).text())
    assert "This link is for" not in page and "for  " not in page
    assert "This link signs you in once" in page


async def test_the_newest_name_the_platform_gave_wins_over_the_one_the_link_was_made_with(web: TestClient,
                                                                                        app: Hearth) -> None:
    """A session keeps its person as they were when the link was made. Renamed in chat since, they are shown by
    their new name, and a change made on the page never writes the old name back over it."""
    from dataclasses import replace

    csrf = await signed_in(web, app)  # as "Mona"
    renamed = replace(MOD, display_name="Mona Lisa")
    await make_schedule(app, who=renamed)  # (a change in chat: the platform's word, kept)
    assert (await app.store.communities.get_member(MOD.community_id, MOD.user_id)).display_name == "Mona Lisa"
    page = words(await (await web.post("/act", data=edit_form(csrf, "mornings", "weekdays 10:30"))).text())
    assert "please check before saving" in page and "Signed in as Mona Lisa" in page
    assert (await app.store.communities.get_member(MOD.community_id, MOD.user_id)).display_name == "Mona Lisa"
    assert "Signed in as Mona Lisa" in words(await (await web.get("/schedules")).text())
    app.clock.advance(timedelta(seconds=61))  # type: ignore[attr-defined]
    await run(app, replace(MOD, display_name=""), "mod schedule pause", name="mornings")  # (no name said: kept)
    await web.post("/act", data=edit_form(csrf, "mornings", "weekdays 11:00"))
    assert (await app.store.communities.get_member(MOD.community_id, MOD.user_id)).display_name == "Mona Lisa"


async def test_a_change_over_the_pace_is_a_429_that_keeps_what_was_typed_and_says_when(web: TestClient,
                                                                                        app: Hearth) -> None:
    """Nothing done, and nothing lost: the form comes back as typed (a button, as pressed), with when sending it
    again will work, as a 429 with Retry-After; sent again then, it works."""
    await make_schedule(app)
    csrf = await signed_in(web, app)
    app.limiter.limit = 1
    app.clock.advance(timedelta(seconds=61))  # type: ignore[attr-defined]
    page = await (await web.get("/schedules")).text()
    paused = await web.post("/act", data=first_button(page, "Pause") | {"csrf": csrf})  # (the one change allowed)
    assert paused.status == 200 and "is now paused" in words(await paused.text())
    app.clock.advance(timedelta(seconds=15))  # type: ignore[attr-defined]
    refused = await web.post("/act", data=edit_form(csrf, "mornings", "weekdays 07:45 and my notes"))
    body = await refused.text()
    assert refused.status == 429 and refused.headers["Retry-After"] == "45", (refused.status, body[:300])
    said = words(body)
    assert "<h1>Please wait</h1>" in body and "didn't do that one" in said and "send it again in 45 seconds" in said
    assert 'value="weekdays 07:45 and my notes"' in body  # what was typed, in its field, to send again
    assert "Traceback" not in body and refused.headers["X-Frame-Options"] == "DENY"
    resume = await web.post("/act", data=first_button(await (await web.get("/schedules")).text(), "Resume")
                            | {"csrf": csrf})
    pressed = await resume.text()
    assert resume.status == 429 and "Send it again" in pressed
    again = first_button(pressed, "Send it again") | {"csrf": csrf}
    assert again["action"] == RUN and again["a:command"] == "mod schedule resume"
    assert (await app.store.schedules.find(MOD.community_id, "mornings")).paused_until == "forever"
    app.clock.advance(timedelta(seconds=46))  # type: ignore[attr-defined]
    done = await web.post("/act", data=again)
    assert done.status == 200 and "running again" in words(await done.text())
    assert (await app.store.schedules.find(MOD.community_id, "mornings")).paused_until is None


async def test_a_members_command_is_for_chat_not_the_dashboard(web: TestClient, app: Hearth) -> None:
    """The dashboard does moderators' work: a member's command sent to it (no page offers one), as a form, a
    button, a form's opening or a "Yes, go ahead", is a kind 403 that says where it works, and does nothing."""
    csrf = await signed_in(web, app)
    base = {"csrf": csrf, "page": "schedules"}
    sent = [base | {"kind": "form", "action": RUN, "a:command": "note", "v:text": "remember to rest"},
            base | {"kind": "button", "action": RUN, "a:command": "me timezone", "a:arg:zone": "Europe/Berlin"},
            base | {"kind": "button", "action": OPEN_FORM, "a:command": "me snooze"},
            base | {"kind": "button", "action": "confirm", "a:command": "me delete", "a:arg:confirmed": "yes"}]
    for form in sent:
        response = await web.post("/act", data=form)
        said = words(await response.text())
        assert response.status == 403, (form, response.status)
        assert "Not on the dashboard" in said and f"didn't run {form['a:command']} here" in said
        assert "community's chat" in said and "Traceback" not in said
    assert await app.store.notes.of_member(MOD.community_id, MOD.user_id) == []
    member = await app.store.communities.get_member(MOD.community_id, MOD.user_id)
    assert member is not None and member.timezone is None  # (and Mona is still here: nothing deleted)
    assert (await web.get("/schedules")).status == 200  # still signed in


async def test_every_command_the_pages_offer_is_a_moderators(web: TestClient, app: Hearth) -> None:
    """So refusing members' commands takes nothing from a page: its reads, its buttons and its rows'."""
    from bot.views.dashboard import PAGES, page_commands, page_section

    await make_schedule(app)
    added = await run(app, MOD, "mod prompt add", kind="checkin", theme="appreciation", depth="light",
                      text="What made you smile this week?")
    assert not any(r.error for r in added), added
    offered = []
    for page in PAGES:
        offered += page_commands(page)
        section = await page_section(app, MOD, page)
        for row in section.rows if section else ():
            offered += [b.args["command"] for b in row.controls]
    assert {"mod schedule edit", "mod schedule delete", "mod prompt edit", "mod audit"} <= set(offered)
    for name in offered:
        assert app.registry.commands[name].permission == "moderator", name


async def test_a_refused_form_keeps_the_care_reply_beside_it(web: TestClient, app: Hearth) -> None:
    """Words that suggest someone may be in danger are heard on the dashboard too: a refused form comes back as
    typed, and the care reply (who to reach) is on the page with it, not dropped for the form."""
    await make_schedule(app)
    csrf = await signed_in(web, app)
    worried = "honestly I don't want to be alive anymore"
    response = await web.post("/act", data=edit_form(csrf, "mornings", worried))
    body = await response.text()
    # the form, as typed (the words in its field, never quoted back in a refusal beside the care reply)
    assert 'aria-invalid="true"' in body and 'value="' + worried.replace("'", "&#39;") + '"' in body
    assert "findahelpline.com" in words(body).lower()  # and the care reply's resources


async def test_each_refusal_of_a_change_has_its_truthful_status(web: TestClient, app: Hearth) -> None:
    """What was asked can't be done (400), a button shown to someone else (403), a button spent or a form sent
    twice (409); what was done is 200. Each a kind page, never a traceback."""
    await make_schedule(app)
    csrf = await signed_in(web, app)
    page = await (await web.get("/schedules")).text()
    pause = first_button(page, "Pause") | {"csrf": csrf}
    theirs = await web.post("/act", data=pause | {"a:for": "console:someone-else"})
    assert theirs.status == 403 and "meant for someone else" in words(await theirs.text())
    missing = await web.post("/act", data=edit_form(csrf, "no-such-check-in", "weekdays 10:00"))
    assert missing.status == 400 and "<h1>Nothing changed</h1>" in await missing.text()
    form = edit_form(csrf, "mornings", "weekdays 10:30") | {"nonce": "00112233aabbccdd"}
    first = await web.post("/act", data=form)
    assert first.status == 200 and "please check before saving" in await first.text()
    twice = await web.post("/act", data=form)
    assert twice.status == 409 and "sent twice; I did it once" in words(await twice.text())
    for response in (theirs, missing, twice):
        assert "Traceback" not in await response.text() and response.headers["X-Frame-Options"] == "DENY"


async def test_a_refused_form_put_right_and_sent_back_is_heard(web: TestClient, app: Hearth) -> None:
    """The back button after a refusal sends the same form (its nonce) again, put right: nothing was done the
    first time, so it is done now, not answered "sent twice; I did it once"."""
    await make_schedule(app)
    csrf = await signed_in(web, app)
    nonce = {"nonce": "0123456789abcdef"}
    refused = await web.post("/act", data=edit_form(csrf, "mornings", "at teatime") | nonce)
    assert refused.status == 400 and "<h1>Nothing changed</h1>" in await refused.text()
    fixed = await web.post("/act", data=edit_form(csrf, "mornings", "weekdays 10:30") | nonce)
    assert fixed.status == 200 and "please check before saving" in await fixed.text()
    again = await web.post("/act", data=edit_form(csrf, "mornings", "weekdays 10:30") | nonce)
    assert again.status == 409 and "sent twice; I did it once" in words(await again.text())


def test_a_full_disk_and_a_fault_are_the_servers_not_the_request() -> None:
    """Refusals the core makes when it can't save (503) or failed (500): not the person's doing, so not a 4xx."""
    from adapters.web.server import result_status
    from bot.events import say

    assert result_status([say("full", error=True, why="no_room")]) == 503
    assert result_status([say("broke", error=True, why="broke")]) == 500
    assert result_status([say("care"), say("paused", error=True, retry_after=3.0)]) == 429
    assert result_status([say("done")]) == 200 and result_status([]) == 409


async def test_names_in_the_header_are_shown_as_user_text_is(web: TestClient, app: Hearth) -> None:
    """The moderator's and the community's names are what people typed: escaped for HTML, and with nothing
    invisible left to turn them (or the words after them) around (`disarmed`, as every user text)."""
    from dataclasses import replace
    named = replace(MOD, display_name="Mona \u202eevil", community_name="Night\u200b Owls <b>")
    await sign_in_by_link(web, await link_token(app, named))
    page = await (await web.get("/insights")).text()
    assert "\u202e" not in page and "\u200b" not in page and "Night Owls &lt;b&gt;" in page
