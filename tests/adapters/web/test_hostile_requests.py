"""Requests no browser of ours sends: each gets a kind page with the strict headers, and the store is unchanged.

Real HTTP to aiohttp's test server on 127.0.0.1 (raw bytes where a client library would refuse to send them),
a real Hearth on SQLite and PostgreSQL.
"""

from __future__ import annotations

import asyncio
import csv
import io
import re
from html import unescape

import aiohttp
from aiohttp.test_utils import TestClient

from adapters.web.server import COOKIE, CSP, MAX_BODY, SIGN_IN_WINDOW, SignInLimiter
from bot.app import Hearth
from bot.commands.registry import RUN
from tests.adapters.web.conftest import link_token
from tests.adapters.web.test_security import MOD, edit_form, first_button, make_schedule, signed_in, words

TABLES = ("dashboard_sessions", "dashboard_links", "audit_log", "schedules", "prompts", "processed_events")


async def snapshot(app: Hearth) -> dict[str, list]:
    """Everything a refused request could have touched, as rows."""
    out = {}
    for table in TABLES:
        rows = await app.store.db.fetchall(f"SELECT * FROM {table}")
        out[table] = sorted(repr(sorted(dict(r).items())) for r in rows)
    return out


async def raw(web: TestClient, request: bytes) -> tuple[int, dict[str, str], str]:
    """Send these bytes as they are; the status, headers and body that come back."""
    reader, writer = await asyncio.open_connection(web.server.host, web.server.port)
    writer.write(request)
    await writer.drain()
    data = await reader.read()
    writer.close()
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers: dict[str, str] = {}
    for line in lines[1:]:
        k, _, v = line.partition(": ")
        headers[k.lower()] = (headers[k.lower()] + "\n" + v) if k.lower() in headers else v
    if headers.get("transfer-encoding") == "chunked":
        chunks, rest = [], body
        while rest:
            size, _, rest = rest.partition(b"\r\n")
            n = int(size, 16)
            if n == 0:
                break
            chunks.append(rest[:n])
            rest = rest[n + 2:]
        body = b"".join(chunks)
    return int(lines[0].split()[1]), headers, body.decode("utf-8", "replace")


def post(path: str, content_type: str, body: bytes, cookie: str = "") -> bytes:
    extra = f"Cookie: {COOKIE}={cookie}\r\n".encode() if cookie else b""
    return (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n").encode() + extra + b"\r\n" + body


def kind(status: int, headers: dict[str, str], body: str) -> None:
    """A dashboard page (not aiohttp's plain text, never a traceback) with every strict header."""
    assert "<main" in body and "Traceback" not in body and "Error" not in body, body[:300]
    assert headers["content-security-policy"] == CSP and headers["x-frame-options"] == "DENY"
    assert headers["cache-control"] == "no-store" and headers["x-content-type-options"] == "nosniff"
    assert headers["server"] == "Hearth"  # no library name or version to look flaws up by


async def test_form_bodies_that_cannot_be_read_are_refused_kindly(web: TestClient, app: Hearth) -> None:
    await make_schedule(app)
    csrf = await signed_in(web, app)
    cookie = web.session.cookie_jar.filter_cookies(web.make_url("/"))[COOKIE].value
    token = await link_token(app, MOD)
    before = await snapshot(app)
    broken = [
        ("multipart/form-data; boundary=x", b"--x\r\nbroken"),  # a part whose headers are nonsense
        ("multipart/form-data; boundary=b",  # a text field that isn't UTF-8
         b'--b\r\nContent-Disposition: form-data; name="t"\r\n\r\n\xff\xfe\r\n--b--\r\n'),
        ("application/x-www-form-urlencoded; charset=no-such-charset", f"t={token}".encode()),
    ]
    for content_type, body in broken:
        for path in ("/sign-in", "/act"):
            status, headers, page = await raw(web, post(path, content_type, body, cookie))
            assert status == 400, (path, content_type, status, page[:300])
            kind(status, headers, page)
            assert "couldn't read what your browser sent" in words(page)
    assert await snapshot(app) == before  # the link still unspent, no session, nothing changed
    assert (await web.post("/act", data=edit_form(csrf, "mornings", "weekdays 10:30"))).status == 200


async def test_a_cookie_or_token_that_is_not_text_signs_nobody_in(web: TestClient, app: Hearth) -> None:
    await make_schedule(app)
    before = await snapshot(app)
    status, headers, page = await raw(web, b"GET /schedules HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: "
                                      + COOKIE.encode() + b"=\xff\xfe\xc3\r\nConnection: close\r\n\r\n")
    assert status == 401 and "not signed in" in words(page)
    kind(status, headers, page)
    # the cookie is dropped with the attributes it is set with
    assert "HttpOnly" in headers["set-cookie"] and "SameSite=Strict" in headers["set-cookie"]
    for token in ("é" * 64, "a" * 5000, "\x00" * 64):
        response = await web.post("/sign-in", data={"t": token})
        assert response.status == 403 and "doesn't sign anyone in" in words(await response.text())
    assert await snapshot(app) == before


async def test_a_csrf_token_that_is_not_ascii_changes_nothing(web: TestClient, app: Hearth) -> None:
    await make_schedule(app)
    csrf = await signed_in(web, app)
    before = await snapshot(app)
    for sent in ("é" + csrf[1:], "\U0001f525", csrf + "\u200b"):
        response = await web.post("/act", data=edit_form(sent, "mornings", "weekdays 10:30"))
        body = await response.text()
        assert response.status == 403 and "didn't do anything" in words(body), body[:300]
        kind(response.status, {k.lower(): v for k, v in response.headers.items()}, body)
    assert await snapshot(app) == before


async def test_a_body_too_big_is_refused_before_anything_is_read(web: TestClient, app: Hearth) -> None:
    await make_schedule(app)
    csrf = await signed_in(web, app)
    before = await snapshot(app)
    form = aiohttp.FormData()
    for k, v in {"csrf": csrf, "kind": "form", "action": RUN, "page": "prompts", "a:command": "mod pack import"
                 }.items():
        form.add_field(k, v)
    form.add_field("v:file", b"# " + b"x" * (MAX_BODY + 10), filename="huge.toml", content_type="text/plain")
    response = await web.post("/act", data=form)
    body = await response.text()
    assert response.status == 413 and "too big" in words(body)
    kind(response.status, {k.lower(): v for k, v in response.headers.items()}, body)
    assert await snapshot(app) == before


async def test_a_pack_file_that_is_not_a_pack_changes_nothing(web: TestClient, app: Hearth) -> None:
    csrf = await signed_in(web, app)
    before = await snapshot(app)
    for name, data in (("bin.toml", b"\xff\xfe\x00\x01" * 100), ("big.toml", b"a" * 1_100_000),
                       ("broken.toml", b"[pack\nid = "),
                       # trial16 §4: 5,000 nested arrays were a RecursionError and the 500 "something went wrong" page
                       ("deep.toml", b"a = " + b"[" * 5000 + b"]" * 5000 + b"\n"),
                       ("deeper.toml", b"[" + b".".join([b"a"] * 5000) + b"]\nx = 1\n")):
        form = aiohttp.FormData()
        for k, v in {"csrf": csrf, "kind": "form", "action": RUN, "page": "prompts",
                     "a:command": "mod pack import"}.items():
            form.add_field(k, v)
        form.add_field("v:file", data, filename=name, content_type="text/plain")
        response = await web.post("/act", data=form)
        body = await response.text()
        assert response.status == 400 and "Nothing changed" in body and "Traceback" not in body, name
        if name.startswith("deep"):
            assert "nests arrays or tables too deeply to read" in words(body), name
    assert await snapshot(app) == before


async def test_no_such_page_and_the_wrong_method_are_kind_pages(web: TestClient, app: Hearth) -> None:
    await make_schedule(app)
    csrf = await signed_in(web, app)
    before = await snapshot(app)
    for path in ("/nowhere", "/static/../server.py", "/static/%2e%2e/server.py", "/static/..%2fserver.py",
                 "/schedules/../../etc/passwd"):
        response = await web.get(path)
        body = await response.text()
        assert response.status == 404 and "import " not in body and "root:" not in body, path
        if not path.startswith("/static/..%2f"):
            assert "no page at that address" in words(body), path
            kind(404, {k.lower(): v for k, v in response.headers.items()}, body)
    # a GET (or another method) to what changes things changes nothing, and says so kindly
    for method, path in (("GET", "/act"), ("GET", "/sign-out"), ("PUT", "/act"), ("DELETE", "/sign-in")):
        response = await web.request(method, f"{path}?csrf={csrf}&kind=button&action={RUN}&a:command=mod%20audit")
        body = await response.text()
        assert response.status == 405 and "can't be used that way" in words(body), (method, path)
        kind(405, {k.lower(): v for k, v in response.headers.items()}, body)
    # a method override header is not heeded
    response = await web.post("/sign-out", headers={"X-HTTP-Method-Override": "GET"})
    assert response.status == 403
    assert await snapshot(app) == before
    assert (await web.get("/schedules")).status == 200  # still signed in


async def test_a_forms_one_time_id_is_ours_and_this_sessions(web: TestClient, app: Hearth) -> None:
    """The id a form carries (its `nonce`) is only ever 16 hex digits of ours, kept per session: a huge or
    foreign one never reaches the store's record of events done."""
    await make_schedule(app)
    csrf = await signed_in(web, app)
    for nonce in ("x" * 100_000, "../../etc", "0123456789abcdef"):
        response = await web.post("/act", data=edit_form(csrf, "mornings", "weekdays 10:30") | {"nonce": nonce})
        assert response.status == 200
    ids = [r["event_id"] for r in await app.store.db.fetchall("SELECT event_id FROM processed_events")]
    assert all(len(i) < 64 for i in ids) and not any("etc" in i for i in ids), ids
    assert any(i.startswith("web:") and i.endswith(":0123456789abcdef") and i != "web:0123456789abcdef"
               for i in ids), ids


async def test_two_sign_ins_at_once_with_one_link_open_one_session(web: TestClient, app: Hearth) -> None:
    token = await link_token(app, MOD)
    jars = [aiohttp.CookieJar(unsafe=True) for _ in range(4)]
    url = str(web.make_url("/sign-in"))
    async with aiohttp.ClientSession(cookie_jar=jars[0]) as a, aiohttp.ClientSession(cookie_jar=jars[1]) as b, \
            aiohttp.ClientSession(cookie_jar=jars[2]) as c, aiohttp.ClientSession(cookie_jar=jars[3]) as d:
        responses = await asyncio.gather(*(s.post(url, data={"t": token}, allow_redirects=False)
                                           for s in (a, b, c, d)))
        statuses = sorted(r.status for r in responses)
    assert statuses == [303, 403, 403, 403]
    assert await app.store.dashboard.open_sessions(MOD.community_id, MOD.user_id, app.now()) == 1


async def test_a_new_sign_in_ends_the_browsers_earlier_session(web: TestClient, app: Hearth) -> None:
    await signed_in(web, app)
    first = web.session.cookie_jar.filter_cookies(web.make_url("/"))[COOKIE].value
    await signed_in(web, app)
    second = web.session.cookie_jar.filter_cookies(web.make_url("/"))[COOKIE].value
    assert first != second  # a new cookie at every sign-in
    assert await app.store.dashboard.open_sessions(MOD.community_id, MOD.user_id, app.now()) == 1
    assert await app.store.dashboard.session(first, app.now()) is None


async def test_words_people_wrote_are_text_never_markup(web: TestClient, app: Hearth) -> None:
    """A check-in's name and a pack's name, description and prompt texts, on the pages and in the preview."""
    evil = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    await make_schedule(app, name="<b>x</b>")
    csrf = await signed_in(web, app)
    pack = (f'[pack]\nid = "evil-pack"\nname = "{evil}"\nversion = "1.0.0"\nlanguage = "en"\n'
            f'description = "{evil}"\n\n[[prompts]]\nid = "e-01"\nkind = "checkin"\ntheme = "honesty"\n'
            f'depth = "light"\ntext = "{evil} =cmd|\' /C calc\'!A0"\n').replace('"><', "'><")
    form = aiohttp.FormData()
    for k, v in {"csrf": csrf, "kind": "form", "action": RUN, "page": "prompts",
                 "a:command": "mod pack import"}.items():
        form.add_field(k, v)
    form.add_field("v:file", pack.encode(), filename="evil.toml", content_type="text/plain")
    preview = await (await web.post("/act", data=form)).text()
    assert "Please check" in preview
    done = await (await web.post("/act", data=first_button(preview, "Import") | {"csrf": csrf})).text()
    pages = [preview, done] + [await (await web.get(p)).text() for p in ("/schedules", "/prompts", "/audit")]
    for page in pages:
        assert "<script" not in page and "<img src=x" not in page and "<b>x</b>" not in page
    assert "<b>x</b>" in unescape(pages[2])  # shown, as text
    assert re.search(r"&lt;script&gt;alert\(1\)", "".join(pages))


def test_the_sign_in_limit_forgets_addresses_that_stopped_trying() -> None:
    """Sign-ins from very many addresses (an IPv6 range is huge) don't pile up: with a window already past,
    every address is forgotten at the next sweep."""
    limiter = SignInLimiter(attempts=10, window=0.0)
    for i in range(3 * SignInLimiter.KEEP):
        assert limiter.allow(f"2001:db8::{i:x}")
    assert len(limiter.seen) <= SignInLimiter.KEEP + 1
    busy = SignInLimiter(attempts=2, window=SIGN_IN_WINDOW)
    assert busy.allow("a") and busy.allow("a") and not busy.allow("a")  # the limit itself still holds


async def test_the_insights_csv_holds_no_words_anyone_typed(web: TestClient, app: Hearth) -> None:
    """A spreadsheet opening the export runs no formula: a check-in's name never reaches a cell, and every cell
    is a date, a number, a status word or empty."""
    await make_schedule(app, name="=cmd|' /C calc'!A0")
    csrf = await signed_in(web, app)
    page = await (await web.get("/insights")).text()
    response = await web.post("/act", data=first_button(page, "Download these numbers (CSV)") | {"csrf": csrf})
    assert response.status == 200 and response.headers["Content-Type"].startswith("text/csv")
    assert response.headers["Cache-Control"] == "no-store" and "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(await response.text())))
    assert rows[0][0] == "week_start" and len(rows) > 1
    for row in rows[1:]:
        for cell in row:
            assert not cell[:1] in ("=", "+", "-", "@", "\t", "\r"), row
            assert re.fullmatch(r"[0-9a-z .\-]*", cell), row


def get(path: str, host: str | None, cookie: str = "", extra: str = "") -> bytes:
    """A GET with exactly this Host header (None: none at all)."""
    head = f"GET {path} HTTP/1.1\r\n" + (f"Host: {host}\r\n" if host is not None else "")
    if cookie:
        head += f"Cookie: {COOKIE}={cookie}\r\n"
    return (head + extra + "Connection: close\r\n\r\n").encode("latin-1")


def elsewhere(status: int, headers: dict[str, str], body: str) -> None:
    """The short plain refusal of a request addressed to another name: no page of ours, no cookie."""
    assert status == 421, (status, body[:300])
    assert headers["content-type"].startswith("text/plain") and "<" not in body
    assert "dashboard isn't at this address" in body and len(body) < 200
    assert headers["content-security-policy"] == CSP and headers["cache-control"] == "no-store"
    assert "set-cookie" not in headers


async def test_a_request_addressed_to_another_name_gets_no_page(web: TestClient, app: Hearth) -> None:
    """DNS rebinding: another site's name made to point at this machine. Its page's requests carry its own name
    as Host, and get nothing: no page, no sign-in, no change, even with the moderator's cookie and token."""
    await make_schedule(app)
    csrf = await signed_in(web, app)
    cookie = web.session.cookie_jar.filter_cookies(web.make_url("/"))[COOKIE].value
    token = await link_token(app, MOD)
    before = await snapshot(app)
    port = web.server.port
    foreign = ["evil.example", f"evil.example:{port}", "dashboard.test.evil.example", "127.0.0.1.evil.example",
               "", "mona@127.0.0.1", "127.0.0.1/x", "dashboard test", "[::1"]
    for host in foreign:
        for request in (get("/schedules", host, cookie), get(f"/sign-in?t={token}", host), get("/", host),
                        get("/static/style.css", host), get("/nowhere", host)):
            elsewhere(*await raw(web, request))
        sign_in = post("/sign-in", "application/x-www-form-urlencoded", f"t={token}".encode())
        elsewhere(*await raw(web, sign_in.replace(b"Host: 127.0.0.1", f"Host: {host}".encode())))
        act = post("/act", "application/x-www-form-urlencoded",
                   f"csrf={csrf}&kind=form&action={RUN}&page=schedules&a:command=mod%20schedule%20pause"
                   "&v:name=mornings".encode(), cookie)
        elsewhere(*await raw(web, act.replace(b"Host: 127.0.0.1", f"Host: {host}".encode())))
    # no Host at all: HTTP/1.0 may leave it out (refused here), HTTP/1.1 may not (aiohttp's parser says so first)
    elsewhere(*await raw(web, get("/schedules", None, cookie).replace(b"HTTP/1.1", b"HTTP/1.0")))
    assert (await raw(web, get("/schedules", None, cookie)))[0] == 400
    assert await snapshot(app) == before  # the link unspent, no session, nothing paused
    status, _headers, body = await raw(web, get("/schedules", "evil.example", extra="Accept-Language: de\r\n"))
    assert status == 421 and body.startswith("Das Hearth-Dashboard ist nicht")  # (in the browser's language)
    assert (await web.get("/schedules")).status == 200  # still signed in, at the right address


async def test_the_dashboards_own_names_are_served(web: TestClient, app: Hearth) -> None:
    """This machine by any of its names (as the tests and a browser on it use), and public_url's host however a
    browser or a proxy writes it; with public_url unset, this machine's names still are."""
    port = web.server.port
    ours = [f"127.0.0.1:{port}", "127.0.0.1", f"localhost:{port}", "LocalHost", f"[::1]:{port}",
            "dashboard.test", "Dashboard.Test.", "dashboard.test:8088", "dashboard.test:443"]
    for host in ours:
        status, _headers, body = await raw(web, get("/sign-in", host))
        assert status == 200 and "Sign in" in body, host
    app.config = app.config.with_values(web__public_url="")
    for host in (f"127.0.0.1:{port}", f"localhost:{port}"):
        assert (await raw(web, get("/sign-in", host)))[0] == 200, host
    elsewhere(*await raw(web, get("/sign-in", "dashboard.test")))  # (no longer ours)
    app.config = app.config.with_values(web__public_url="https://hearth.example.org:8443/")
    assert (await raw(web, get("/sign-in", "hearth.example.org:8443")))[0] == 200
    assert (await raw(web, get("/sign-in", "hearth.example.org")))[0] == 200  # (nginx's $host leaves the port out)
    elsewhere(*await raw(web, get("/sign-in", "example.org")))


async def test_the_listening_address_is_ours_and_every_address_is_no_name(web: TestClient, app: Hearth) -> None:
    app.config = app.config.with_values(web__host="192.0.2.10")
    assert (await raw(web, get("/sign-in", "192.0.2.10:8088")))[0] == 200
    app.config = app.config.with_values(web__host="0.0.0.0")
    for host in ("0.0.0.0", "192.0.2.10:8088"):
        elsewhere(*await raw(web, get("/sign-in", host)))


async def test_behind_a_trusted_proxy_its_forwarded_host_must_be_ours_too(web: TestClient, app: Hearth) -> None:
    """A proxy that passes the browser's name in X-Forwarded-Host (and its own in Host) is asked about that name;
    a page that sets the header itself (a rebinding page may: it isn't a forbidden header) gains nothing, because
    Host is always checked too. Untrusted, the header is not read."""
    forwarded = "X-Forwarded-Host: {}\r\n"
    assert (await raw(web, get("/sign-in", "127.0.0.1", extra=forwarded.format("evil.example"))))[0] == 200
    app.config = app.config.with_values(web__trust_proxy=True)
    assert (await raw(web, get("/sign-in", "127.0.0.1", extra=forwarded.format("dashboard.test"))))[0] == 200
    assert (await raw(web, get("/sign-in", "127.0.0.1",
                               extra=forwarded.format("evil.example, dashboard.test"))))[0] == 200  # (ours: last)
    elsewhere(*await raw(web, get("/sign-in", "127.0.0.1", extra=forwarded.format("evil.example"))))
    elsewhere(*await raw(web, get("/sign-in", "evil.example", extra=forwarded.format("dashboard.test"))))
    assert (await raw(web, get("/sign-in", "dashboard.test")))[0] == 200  # (no header: Host alone decides)


async def test_a_request_that_is_not_readable_http_is_a_plain_400_and_one_calm_log_line(app: Hearth, caplog) -> None:
    """No Host header in HTTP/1.1, a header line that is no header: aiohttp's parser refuses them before any page of
    ours is reached. The client gets its plain 400; the log one line at INFO, no ERROR and no traceback (anything
    on the internet may send these, and nothing here is wrong). The dashboard's own server, as `start` serves it."""
    import logging

    from adapters.web.server import Dashboard
    from tests.adapters.web.conftest import configured

    dashboard = Dashboard(configured(app))
    port = await dashboard.start("127.0.0.1", 0)
    try:
        caplog.set_level(logging.DEBUG, logger="aiohttp")
        for request in (b"GET /schedules HTTP/1.1\r\nConnection: close\r\n\r\n",
                        b"GET /schedules HTTP/1.1\r\nHost: 127.0.0.1\r\nNo header here\r\nConnection: close\r\n\r\n"):
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(request)
            data = await reader.read()
            writer.close()
            head, _, body = data.partition(b"\r\n\r\n")
            assert head.split()[1] == b"400" and b"text/plain" in head and b"Traceback" not in body, data
        said = [r for r in caplog.records if r.name.startswith("aiohttp")]
        assert said and all(r.levelno == logging.INFO and not r.exc_info for r in said), \
            [(r.levelname, r.getMessage(), bool(r.exc_info)) for r in said]
        assert len(said) == 2 and "malformed request" in said[0].getMessage()
        assert "\n" not in said[1].getMessage()  # (one line, though aiohttp's message has three)
    finally:
        await dashboard.stop()


async def test_a_body_that_is_no_form_or_has_too_many_fields_is_said_so(web: TestClient, app: Hearth) -> None:
    """Trial 22b: a JSON or plain-text body with the right CSRF token in it was "out of date" (aiohttp reads it as
    no fields), and a small body of more fields than aiohttp takes (1000) was "too big (a pack file can be up to
    1 MB)": neither is true. Each is a body the dashboard can't read, and nothing changes."""
    await make_schedule(app)
    csrf = await signed_in(web, app)
    cookie = web.session.cookie_jar.filter_cookies(web.make_url("/"))[COOKIE].value
    before = await snapshot(app)
    many = "&".join([f"csrf={csrf}"] + [f"a:f{i}=1" for i in range(1200)]).encode()
    for content_type, body in (("application/json", b'{"csrf": "%s", "action": "cancel"}' % csrf.encode()),
                               ("text/plain", f"csrf={csrf}".encode()),
                               ("application/x-www-form-urlencoded", many)):
        for path in ("/act", "/sign-in"):
            status, headers, page = await raw(web, post(path, content_type, body, cookie))
            assert status == 400, (path, content_type, status, words(page)[-300:])
            kind(status, headers, page)
            assert "couldn't read what your browser sent" in words(page)
    assert await snapshot(app) == before
    assert (await web.post("/act", data=edit_form(csrf, "mornings", "weekdays 10:30"))).status == 200
