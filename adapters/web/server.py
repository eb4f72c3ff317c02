"""The dashboard's aiohttp server: sign-in by link, sessions, CSRF, strict headers, and pages from the core.

Every change is an `Event` run through `Hearth.handle`: a button is an
"action" event with the arguments the core gave it; a command's form is a
"command" event with what was typed (as Slack's modals send it). Read-only
pages show read commands' replies and the core's views. Nothing here reads
or writes the store itself: sessions come from `bot.flows.dashboard`.
"""

from __future__ import annotations

import base64
import hmac
import logging
import math
import re
import secrets
import time
from collections import defaultdict, deque
from pathlib import Path
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Awaitable, Callable
from urllib.parse import urlsplit

import aiohttp_jinja2
import jinja2
from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError

from adapters.listen import listen
from adapters.web.render import rich_html
from bot.commands.forms import command_form
from bot.commands.registry import OPEN_FORM, RUN
from bot.errors import FailedAfterCare, HearthError
from bot import i18n
from bot.events import SHOWN_TO, Actor, Button, Event, Form, Reply, Rich, disarmed, rich
from bot.flows.dashboard import (
    BAD_FORM, HOW_TO_SIGN_IN, NO_CSRF, NOT_FOUND, NOT_ON_THE_DASHBOARD, NOT_SIGNED_IN, NOT_THAT_WAY, SESSION_HOURS,
    OPEN_DASHBOARD, SIGN_IN_PATH, SIGNED_OUT, TOO_BIG, TOO_MANY, USED_JUST_NOW_TITLE, WRONG_HOST, CantCheck, JustUsed,
    SignInRefused, changes_paused, link_for, session_of, sign_in, sign_out, signed_in_by, views_paused,
)
from bot.flows.crisis_care import care_alone
from bot.i18n import N_, _, gettext_in
from bot.language import LANGUAGES, from_locale
from bot.ratelimit import MemberRateLimiter
from bot.store.dashboard import DashboardSession
from bot.views.dashboard import PAGES, Page, insights_table, page_section, pages, shown

if TYPE_CHECKING:
    from bot.app import Hearth

log = logging.getLogger(__name__)
HERE = Path(__file__).parent
COOKIE = "hearth_dashboard"
SESSION_KEY: web.AppKey["Dashboard"] = web.AppKey("dashboard")
SESSION: web.RequestKey[DashboardSession] = web.RequestKey("session")
FORM: web.RequestKey[Any] = web.RequestKey("form")
#: Sign-in attempts one address may make in `SIGN_IN_WINDOW` seconds.
SIGN_IN_ATTEMPTS = 10
SIGN_IN_WINDOW = 600.0
#: Page views per session per minute: the dashboard's own pace for reading, built as the core paces changes
#: (`MemberRateLimiter.check` with the session): each session this many, and all of one person's sessions in a
#: community together `SESSIONS_TOGETHER` times that, so opening more sessions opens no more.
PAGE_VIEWS = 120
#: The largest request body: a pack file is up to 1 MB.
MAX_BODY = 2 * 1024 * 1024
CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; "
       "base-uri 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",  # (not no-referrer: then our own forms would send "Origin: null")
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cache-Control": "no-store",
    "Server": "Hearth",  # (not aiohttp's name and version: no help in picking a known flaw to try)
}
NONCE = re.compile(r"[0-9a-f]{16}")
#: A Host header as a browser sends it: a name or an IPv4 address, or an IPv6 one in brackets, and maybe a port.
HOST = re.compile(r"(?:\[(?P<v6>[0-9a-fA-F:.]+)\]|(?P<name>[A-Za-z0-9.-]+))(?::[0-9]{1,5})?")
#: This machine's own names: a browser sends them only for an address typed (or linked) as such, never for
#: another site's name, so they are always the dashboard's.
LOOPBACK = ("localhost", "127.0.0.1", "::1")
#: Listening addresses that mean "every address here": no name a browser would send.
EVERYWHERE = ("", "0.0.0.0", "::")
OPEN_PATHS = (SIGN_IN_PATH, "/signed-out", "/static/")

BROKE = N_("Something went wrong on my side, so that may not have been done. Please go back to the page and look; "
         "if it keeps happening, tell whoever runs Hearth.")


def browser_locale(header: str | None) -> str | None:
    """The language the browser asks for first (Accept-Language, by its q-values) among those Hearth speaks:
    the web's platform locale."""
    wanted: list[tuple[float, int, str]] = []
    for i, item in enumerate((header or "").split(",")):
        tag, _sep, params = item.strip().partition(";")
        q = 1.0
        for param in params.split(";"):
            key, _eq, value = param.strip().partition("=")
            if key.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if tag and q > 0:
            wanted.append((-q, i, tag.strip()))
    for _q, _i, tag in sorted(wanted):
        if from_locale(tag) in LANGUAGES:
            return tag
    return None


class SignInLimiter:
    """At most `attempts` sign-ins from one address in `window` seconds."""

    #: How many addresses are kept before those whose last attempt is older than the window are forgotten.
    KEEP = 10_000

    def __init__(self, attempts: int = SIGN_IN_ATTEMPTS, window: float = SIGN_IN_WINDOW) -> None:
        self.attempts, self.window = attempts, window
        self.seen: dict[str, deque[float]] = defaultdict(deque)
        self.sweep_at = self.KEEP

    def wait(self, who: str) -> float:
        """Seconds until `who` may try again (0: now): the oldest attempt counted leaves the window."""
        times = self.seen.get(who)
        if not times or len(times) < self.attempts:
            return 0.0
        return max(0.0, times[-self.attempts] + self.window - time.monotonic())

    def allow(self, who: str) -> bool:
        now = time.monotonic()
        times = self.seen[who]
        while times and times[0] <= now - self.window:
            times.popleft()
        if len(times) >= self.attempts:
            return False
        times.append(now)
        if len(self.seen) > self.sweep_at:
            # Addresses whose last try is past the window are forgotten, all at once and only now and then, so
            # many addresses (IPv6 has plenty) neither fill the memory nor make every sign-in walk them all.
            cut = now - self.window
            for key in [k for k, v in self.seen.items() if not v or v[-1] <= cut]:
                del self.seen[key]
            self.sweep_at = max(self.KEEP, 2 * len(self.seen))
        return True


class Dashboard:
    """The dashboard for one `Hearth`, on its own aiohttp server (`start`), or as an app for tests (`web_app`)."""

    def __init__(self, app: "Hearth") -> None:
        self.app = app
        self.limiter = SignInLimiter()
        self.page_views = MemberRateLimiter(app.clock, PAGE_VIEWS)  # (reads: apart from the core's for changes)
        self.runner: web.AppRunner | None = None
        self.port: int | None = None

    # -- serving -------------------------------------------------------------------------------

    def web_app(self) -> web.Application:
        web_app = web.Application(middlewares=[self._right_host, self._headers, self._signed_in],
                                  client_max_size=MAX_BODY)
        web_app[SESSION_KEY] = self
        env = aiohttp_jinja2.setup(web_app, loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                                   undefined=jinja2.StrictUndefined)
        env.add_extension("jinja2.ext.i18n")
        env.install_gettext_callables(  # type: ignore[attr-defined]
            gettext=lambda message: i18n._(message), ngettext=lambda s, p, n: i18n.ngettext(s, p, n),
            newstyle=False)
        env.filters["rich"] = rich_html
        env.filters["b64"] = lambda data: base64.b64encode(data).decode("ascii")
        r = web_app.router
        r.add_get("/", self.home)
        r.add_get(SIGN_IN_PATH, self.sign_in_page)
        r.add_post(SIGN_IN_PATH, self.sign_in)
        r.add_post("/sign-out", self.sign_out)
        r.add_get("/signed-out", self.signed_out)
        r.add_get("/insights", self.insights)
        r.add_post("/act", self.act)
        r.add_static("/static/", HERE / "static", append_version=False)
        for page in PAGES:
            if page.slug != "insights":
                r.add_get(f"/{page.slug}", self._page_handler(page))
        return web_app

    async def start(self, host: str, port: int) -> int:
        try:
            self.runner, self.port = await listen(self.web_app(), host, port)
        except OSError as err:
            raise DashboardUnavailable(f"the dashboard can't listen on {host}:{port} ({err.strerror or err}). "
                                       "Pick another web.port.") from None
        log.info("moderators' dashboard on http://%s:%s/ (public address: %s)", host, self.port,
                 self.app.config["web.public_url"] or "not set")
        # (no web.public_url: a warning of the config's, `Config.warnings`, said once at start and by check-config)
        return self.port

    async def stop(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()
            self.runner = None

    # -- middlewares ------------------------------------------------------------------------------

    @web.middleware
    async def _right_host(self, request: web.Request,
                          handler: Callable[[web.Request], Awaitable[web.StreamResponse]]) -> web.StreamResponse:
        """A request addressed to another name is no request of ours: a page of another site whose name was made
        to point here (DNS rebinding) would read, and act in, whoever is signed in. It gets a short plain 421,
        before anything else is read (cookie, form)."""
        if self.our_host(request):
            return await handler(request)
        log.info("refused a dashboard request addressed to %r, not web.public_url's host nor this machine's",
                 request.headers.get("Host", "")[:100])
        lang = from_locale(browser_locale(request.headers.get("Accept-Language"))) or "en"
        return web.Response(status=421, text=gettext_in(lang, WRONG_HOST) + "\n", content_type="text/plain",
                            headers={**SECURITY_HEADERS, "Content-Language": lang})

    def our_host(self, request: web.Request) -> bool:
        """The request's Host (and, from a proxy we trust, its X-Forwarded-Host) names this dashboard: the host of
        `[web] public_url`, this machine (localhost, 127.0.0.1, [::1]) or the address it listens on. Only the name
        counts, not the port: a proxy may leave the port out, and nobody else can make a browser send our name."""
        ours = set(LOOPBACK)
        try:
            public = urlsplit(self.app.config["web.public_url"] or "").hostname
        except ValueError:  # (an address with a broken [IPv6]: no name of ours, and no page broken for it)
            public = None
        if public:
            ours.add(public.rstrip("."))
        listening = self.app.config["web.host"].strip().strip("[]").lower().rstrip(".")
        if listening not in EVERYWHERE:
            ours.add(listening)
        names = [request.headers.get("Host", "")]
        if self.app.config["web.trust_proxy"] and "X-Forwarded-Host" in request.headers:
            names.append(request.headers["X-Forwarded-Host"].split(",")[-1].strip())  # (our proxy's, as with -For)
        return all(_host_name(name) in ours for name in names)

    @web.middleware
    async def _headers(self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
                       ) -> web.StreamResponse:
        try:
            response = await handler(request)
        except web.HTTPException as err:
            if err.status < 400:  # a redirect: the same headers, then on its way
                self._secure_headers(request, err)
                raise
            response = self.refusal(request, err)  # a 404, 405 or 413: a kind page, not aiohttp's plain text
        except BadForm:  # a body that isn't a form we can read (broken multipart, unknown charset, not UTF-8)
            log.info("refused a dashboard request whose form couldn't be read (%s)", request.path)
            response = self.message(request, _("Nothing changed"), _(BAD_FORM), status=400)
        except Exception:  # a bug: logged for the operator, a kind page for the person, never a traceback
            log.exception("the dashboard failed on %s %s", request.method, request.path)
            response = self.message(request, _("Something went wrong"), _(BROKE), status=500)
        self._secure_headers(request, response)
        return response

    def _secure_headers(self, request: web.Request, response: web.StreamResponse) -> None:
        if request.path.startswith("/static/"):
            response.headers.update({k: v for k, v in SECURITY_HEADERS.items() if k != "Cache-Control"})
        else:
            response.headers.update(SECURITY_HEADERS)
        if self.secure(request):
            response.headers["Strict-Transport-Security"] = "max-age=31536000"

    @web.middleware
    async def _signed_in(self, request: web.Request,
                         handler: Callable[[web.Request], Awaitable[web.StreamResponse]]) -> web.StreamResponse:
        """Every page but sign-in needs a session whose person still moderates; every POST its CSRF token."""
        browser = browser_locale(request.headers.get("Accept-Language"))
        i18n.use(from_locale(browser))  # (before anyone signs in: the browser's language, else English)
        if request.method == "POST" and not self.same_origin(request):
            log.info("refused a dashboard form sent from another site (%s)", request.path)
            return self.message(request, _("Nothing changed"), _(NO_CSRF), status=403)
        if request.path == "/" or request.path.startswith(OPEN_PATHS):
            return await handler(request)
        try:
            session = await session_of(self.app, request.cookies.get(COOKIE))
        except CantCheck as unsure:  # the platform can't say now: nothing shown or done, the session kept
            # (asked again on the next request: the page says "in a minute", and Retry-After the same)
            return retry_after(self.message(request, _("Please wait"), unsure.body, status=503), 60)
        if session is None and request.method == "POST" and request.path == "/sign-out":
            # signing out again (a double click, the back button): already done, so it says so, as the first did
            response = web.HTTPSeeOther("/signed-out")
            self.forget(request, response)
            raise response
        if session is None:  # (a form sent after the session ended: its words are screened all the same)
            return self.message(request, _("Not signed in"), _(NOT_SIGNED_IN), status=401, forget=True,
                                care=await self.care_unplaced(request))
        if browser:  # the browser's language is the web's platform locale (chat's rule: own, platform, community),
            # for this page only: a session's actor is never the platform's word (`from_platform`), so it isn't kept
            session = replace(session, actor=replace(session.actor, locale=browser))
        await self.app.speak_to(session.actor)
        request[SESSION] = session
        if request.method == "POST":
            form = await read_form(request)
            sent = form.get("csrf")
            if not isinstance(sent, str) or not hmac.compare_digest(sent.encode("utf-8", "replace"),
                                                                    session.csrf.encode("utf-8")):
                log.info("refused a dashboard form without its CSRF token (%s)", request.path)
                # (out of date, and so not run: what was typed in it is screened all the same)
                return self.message(request, _("Nothing changed"), _(NO_CSRF), status=403,
                                    care=await self.app.typed_not_run(session.actor, typed_in(form)))
            request[FORM] = form
        return await handler(request)

    async def care_unplaced(self, request: web.Request) -> list[Reply]:
        """The care reply for words typed in a dashboard form sent by someone no session names now (it ended, or
        they signed out in another tab): screened as every text is, with resources for anywhere (`care_alone`).
        Nothing for a page view, a form that can't be read, or words of no concern. Never raises."""
        if request.method != "POST" or request.path != "/act":
            return []
        try:
            typed = typed_in(await read_form(request))
            care = await care_alone(self.app, "\n".join(typed.values()), i18n.current()) if typed else None
        except Exception:
            log.warning("the words of a dashboard form sent without a session could not be screened", exc_info=True)
            return []
        return [care] if care is not None else []

    def same_origin(self, request: web.Request) -> bool:
        """A POST's Origin, when the browser sends one, is this dashboard (its host, or its public address)."""
        origin = request.headers.get("Origin")
        if not origin:
            return True
        host = urlsplit(origin).netloc
        return bool(host) and host in (request.host, urlsplit(self.app.config["web.public_url"] or "").netloc)

    def secure(self, request: web.Request) -> bool:
        """Served over HTTPS: here, or (from a proxy we are told to trust) at the proxy."""
        if request.secure:
            return True
        if self.app.config["web.trust_proxy"]:
            return request.headers.get("X-Forwarded-Proto", "").split(",")[0].strip().lower() == "https"
        return False

    def client(self, request: web.Request) -> str:
        if self.app.config["web.trust_proxy"]:
            forwarded = request.headers.get("X-Forwarded-For", "")
            if forwarded:
                return forwarded.split(",")[-1].strip()
        return request.remote or "?"

    # -- rendering ---------------------------------------------------------------------------------

    def context(self, request: web.Request, title: str, current: str = "", **more: Any) -> dict[str, Any]:
        session: DashboardSession | None = request.get(SESSION)
        return {"title": title, "current": current, "pages": pages(), "session": session, "lang": i18n.current(),
                # (names people chose: shown as user text is, `disarmed`; the template escapes them for HTML)
                "name": disarmed(session.actor.display_name) if session else "",
                "community": disarmed(session.actor.community_name or "") if session else "",  # (never an id)
                "csrf": session.csrf if session else "", "nonce": lambda: secrets.token_hex(8),
                "RUN": RUN, "SHOWN_TO": SHOWN_TO, **more}

    def message(self, request: web.Request, title: str, text: "str | Rich", status: int = 200,
                forget: bool = False, **more: Any) -> web.Response:
        """A page of one message: `text` Hearth's own words (its markup read), or a core reply's body as it is (any
        user text in it kept user text: never flattened into Hearth's markup)."""
        message = text if isinstance(text, Rich) else rich(text)
        response = aiohttp_jinja2.render_template("message.html", request,
                                                  self.context(request, title, message=message, **more),
                                                  status=status)
        if forget:
            self.forget(request, response)
        return response

    def forget(self, request: web.Request, response: web.StreamResponse) -> None:
        """Drop the session cookie, with the same attributes it was set with."""
        response.del_cookie(COOKIE, path="/", httponly=True, samesite="Strict", secure=self.secure(request))

    def refusal(self, request: web.Request, err: web.HTTPException) -> web.Response:
        """aiohttp's own refusals (no such page, wrong method, too big) as the dashboard's kind pages."""
        status = err.status
        if request.method in ("GET", "HEAD") and status not in (405, 413):  # a read sends nothing to be refused:
            status = 404  # what it asked for isn't a page (aiohttp's 403 for /static/ itself, a folder)
        title, text = {404: (N_("Page not found"), NOT_FOUND), 405: (N_("Nothing changed"), NOT_THAT_WAY),
                       413: (N_("Nothing changed"), TOO_BIG)}.get(status, (N_("Nothing changed"), BAD_FORM))
        response = self.message(request, _(title), _(text), status=status)
        if "Allow" in err.headers:
            response.headers["Allow"] = err.headers["Allow"]
        return response

    # -- sign-in -------------------------------------------------------------------------------------

    async def home(self, request: web.Request) -> web.Response:
        raise web.HTTPSeeOther("/insights")

    async def sign_in_page(self, request: web.Request) -> web.Response:
        """The link opens this page; only its button signs in, so a link preview (Slack's, Discord's) that
        fetches the address spends nothing."""
        token = request.query.get("t", "")
        whose = await link_for(self.app, token) if token else None
        return aiohttp_jinja2.render_template("sign_in.html", request,
                                              self.context(request, _("Sign in"), token=token, whose=whose,
                                                           hours=SESSION_HOURS, how=rich(_(HOW_TO_SIGN_IN))))

    async def sign_in(self, request: web.Request) -> web.Response:
        if not self.limiter.allow(self.client(request)):
            log.info("too many dashboard sign-ins from one address")
            return retry_after(self.message(request, _("Please wait"), _(TOO_MANY), status=429),
                               self.limiter.wait(self.client(request)))
        form = await read_form(request)
        token = str(form.get("t")) if isinstance(form.get("t"), str) else ""
        try:
            earlier = await session_of(self.app, request.cookies.get(COOKIE))
        except CantCheck:  # (its platform can't say now: the earlier session is left to end on its own)
            earlier = None
        try:
            signed = await sign_in(self.app, token)
        except SignInRefused as refused:
            if await signed_in_by(self.app, token, earlier):  # the form sent again: already in, by this link
                raise web.HTTPSeeOther("/insights") from None
            # The cookie stays as it is: it may be the session this very link just opened (a double click whose
            # first answer set it), and a cookie that signs nobody in is refused where it is used anyway.
            if isinstance(refused, JustUsed):
                return self.message(request, _(USED_JUST_NOW_TITLE), refused.body, status=403,
                                    link=("/insights", _(OPEN_DASHBOARD)))
            return self.message(request, _("Not signed in"), refused.body, status=403)
        if earlier is not None:  # this browser's earlier session ends: one browser, one session
            await sign_out(self.app, earlier)
        response = web.HTTPSeeOther("/insights")
        response.set_cookie(COOKIE, signed.cookie, path="/", httponly=True, samesite="Strict",
                            secure=self.secure(request), max_age=SESSION_HOURS * 3600)
        raise response

    async def sign_out(self, request: web.Request) -> web.Response:
        await sign_out(self.app, request[SESSION])
        response = web.HTTPSeeOther("/signed-out")
        self.forget(request, response)
        raise response

    async def signed_out(self, request: web.Request) -> web.Response:
        return self.message(request, _("Signed out"), _(SIGNED_OUT))

    # -- pages ----------------------------------------------------------------------------------------

    async def insights(self, request: web.Request) -> web.Response:
        paused = self.paused(request)
        if paused is not None:
            return paused
        actor: Actor = request[SESSION].actor
        try:
            weeks = int(request.query.get("weeks", "4"))
        except ValueError:
            weeks = 4
        view = await insights_table(self.app, actor, weeks)
        return aiohttp_jinja2.render_template("insights.html", request,
                                              self.context(request, _("Insights"), "insights", view=view))

    def paused(self, request: web.Request) -> web.Response | None:
        """A page view over the pace (`PAGE_VIEWS`, this session's and this person's): a kind 429 saying when to
        reload; None to show the page."""
        session: DashboardSession = request[SESSION]
        who = (session.actor.community_id, session.actor.user_id, session.session_hash)
        if self.page_views.check(*who) == "ok":
            return None
        log.info("too many dashboard page views in a minute in %s", session.actor.community_id)
        wait = self.page_views.wait(*who)
        return retry_after(self.message(request, _("Please wait"), views_paused(seconds(wait)), status=429), wait)

    def _page_handler(self, page: Page) -> Callable[[web.Request], Awaitable[web.Response]]:
        async def show(request: web.Request) -> web.Response:
            paused = self.paused(request)
            if paused is not None:
                return paused
            actor: Actor = request[SESSION].actor
            section = await page_section(self.app, actor, page)
            replies: list[Reply] = []
            for command in page.reads:  # (reads, paced here: browsing doesn't use up the moderator's chat budget)
                replies += await self.app.handle(Event("command", actor, command), paced=False,
                                                 session=request[SESSION].session_hash)
            here = shown(page)
            return aiohttp_jinja2.render_template("page.html", request, self.context(
                request, here.title, page.slug, page=here, section=section, replies=replies))
        return show

    # -- changes ---------------------------------------------------------------------------------------

    def not_here(self, request: web.Request, event: Event) -> web.Response | None:
        """A member's command (no page offers one) is for the community's chat, where it works: a kind 403 that
        says so; None for a moderator's command or any other button (Cancel, a care reply's)."""
        runs = self.app.registry.command_of(event.kind, event.name, event.args)
        if runs is None or runs.permission != "member":
            return None
        log.info("refused a member's command on the dashboard (%s)", runs.name)
        return self.message(request, _("Not on the dashboard"), _(NOT_ON_THE_DASHBOARD).format(command=runs.name),
                            status=403)

    async def act(self, request: web.Request) -> web.StreamResponse:
        """A button pressed or a form sent: one core event, and its replies as a page (or a file to save)."""
        session: DashboardSession = request[SESSION]
        actor = session.actor
        form = request[FORM]
        back = str(form.get("page", ""))
        page = next((shown(p) for p in PAGES if p.slug == back), None)
        action = str(form.get("action", ""))
        args = {k[2:]: str(v) for k, v in form.items() if k.startswith("a:")}
        values, written, attachment = filled_in(form)
        nonce = form.get("nonce")
        # a form's one-time id, as we made it (16 hex digits), and this session's: no other session's id, nor
        # an id of any size, reaches the store's record of events done
        event_id = f"web:{session.session_hash[:16]}:{nonce}" if isinstance(nonce, str) and NONCE.fullmatch(nonce) \
            else None
        command = None
        if form.get("kind") == "form" and action == RUN:  # a command's form: run it with what was typed
            command = self.app.registry.commands.get(args.get("command", ""))
            decided = {k[4:]: v for k, v in args.items() if k.startswith("arg:")}
            typed = {k: v for k, v in values.items() if v.strip() and k != SHOWN_TO}
            event = Event("command", actor, args.get("command", ""), decided | typed, event_id=event_id,
                          attachment=attachment)
        elif form.get("kind") == "form":
            event = Event("form", actor, action, args, values, event_id=event_id, attachment=attachment)
        else:
            event = Event("action", actor, action, args, event_id=event_id)
        elsewhere = self.not_here(request, event)
        if elsewhere is not None:
            return elsewhere
        try:
            handled = await self.app.handle(event, session=session.session_hash)
        except FailedAfterCare as failed:  # (words of concern in it: the care reply first, then the kind page's words)
            log.error("the dashboard failed on %s %s", request.method, request.path, exc_info=failed)
            handled = [*failed.care, Reply(body=rich(_(BROKE)), error=True, why="broke")]
        replies, paced = when_to_send_again(handled)
        files = [r.attachment for r in replies if r.attachment is not None and not r.attachment.mime.startswith("image/")]
        if files and not any(r.error for r in replies):
            f = files[0]
            return web.Response(body=f.content, content_type=f.mime.split(";")[0], headers={
                "Content-Disposition": f'attachment; filename="{_safe_filename(f.filename)}"'})
        retry: Form | None = None
        again: Button | None = None
        if command is not None and any(r.error for r in replies):  # the form again, as typed, the refusal beside it
            decided = {k[4:]: v for k, v in args.items() if k.startswith("arg:")}
            retry = await command_form(self.app, actor, command, decided, given=values)
            retry = Form(retry.title, RUN, retry.fields, {**args}, retry.submit_label)
        elif paced is not None:  # a button, or a form of the core's: the same again, as sent, for when the pace allows
            again = Button(_("Send it again"), action, args, "primary")
        title = _("Please wait") if paced is not None else _("Something went wrong") if any(
            r.why == "broke" for r in replies) else _("Nothing changed") if any(r.error for r in replies) \
            else _("Please check") if any(r.buttons for r in replies) \
            else _("Already done") if result_status(replies) == 409 else _("Done")  # (pressed again: nothing now)
        if action == OPEN_FORM and replies and replies[-1].form is not None:
            title = replies[-1].form.title
        response = aiohttp_jinja2.render_template("result.html", request, self.context(
            request, title, back, page=page, replies=replies, retry=retry, typed=written if again else values,
            again=again, again_kind="form" if form.get("kind") == "form" else "button", repeated=not replies),
            status=result_status(replies))
        return retry_after(response, paced) if paced is not None else response


def filled_in(form: Any) -> tuple[dict[str, str], dict[str, str], bytes | None]:
    """A form's fields (`v:`): every value (a file as its name), only what was typed, and the file's bytes."""
    values: dict[str, str] = {}
    written: dict[str, str] = {}
    attachment: bytes | None = None
    for k, v in form.items():
        if not k.startswith("v:"):
            continue
        if isinstance(v, web.FileField):
            data = v.file.read()
            if data:
                attachment, values[k[2:]] = data, v.filename or "upload"
        else:
            values[k[2:]] = written[k[2:]] = str(v)
    return values, written, attachment


def typed_in(form: Any) -> dict[str, str]:
    """What was typed in a dashboard form's fields (`v:`), by field, without files."""
    return {k[2:]: v for k, v in form.items() if k.startswith("v:") and isinstance(v, str) and v.strip()}


def when_to_send_again(replies: list[Reply]) -> tuple[list[Reply], float | None]:
    """A change over the pace (nothing done): its refusal says in how many seconds sending it again will work;
    with the wait, to send as Retry-After. Other replies as they are (a care reply too)."""
    paced = next((r.retry_after for r in replies if r.retry_after is not None), None)
    if paced is None:
        return replies, None
    return [replace(r, body=rich(changes_paused(seconds(paced)))) if r.retry_after is not None else r
            for r in replies], paced


#: The bodies a browser sends for a form.
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class BadForm(Exception):
    """A request body that can't be read as a form."""


async def read_form(request: web.Request) -> Any:
    """The request's form; `BadForm` when its body can't be read as one (a body too big is aiohttp's 413): one in
    another format (JSON, plain text: aiohttp reads it as no fields, which looked like a form without its CSRF token,
    "out of date"), or with more fields than any page has (aiohttp's 413 for that said "too big" of a small body)."""
    if request.body_exists and request.content_type not in FORM_TYPES:
        raise BadForm(f"a body of type {request.content_type}")
    try:
        return await request.post()
    except web.HTTPRequestEntityTooLarge:
        if request.content_length is not None and request.content_length <= request.client_max_size:
            raise BadForm("too many fields") from None
        raise
    except web.HTTPException:
        raise
    except (ValueError, LookupError, AssertionError, TypeError, HttpProcessingError) as err:
        # (UnicodeDecodeError is a ValueError; a multipart part whose headers are broken, an HttpProcessingError)
        raise BadForm(str(err)) from None


#: A refusal's status, by why the core refused (`Reply.why`); any other refusal is about what was asked (400).
REFUSED = {"not_allowed": 403, "spent": 409, "no_room": 503, "broke": 500}


def result_status(replies: list[Reply]) -> int:
    """The truthful status of a change's page: 200 done (or asked about); a refusal's own (pace 429, not yours
    403, a button spent 409, what was asked 400, a full disk 503); 409 when it was done already (sent twice)."""
    refusal = next((r for r in replies if r.error), None)
    if refusal is None:
        return 409 if not replies or all(r.aside for r in replies) else 200  # (aside: a button pressed again)
    if any(r.retry_after is not None for r in replies):
        return 429
    return REFUSED.get(refusal.why or "request", 400)


def seconds(wait: float) -> int:
    """A wait as whole seconds to say and to send (Retry-After): rounded up, and at least one."""
    return max(1, math.ceil(wait))


def retry_after(response: web.Response, wait: float) -> web.Response:
    """A 429 with the Retry-After that says, in whole seconds, when trying again will work."""
    response.headers["Retry-After"] = str(seconds(wait))
    return response


def _host_name(host: str) -> str | None:
    """The name in a Host header ("Hearth.example.org.:443" -> "hearth.example.org", "[::1]:8088" -> "::1"); None
    for anything a browser wouldn't send (empty, user info, spaces, a path)."""
    found = HOST.fullmatch(host.strip())
    if found is None:
        return None
    return (found["v6"] or found["name"]).lower().rstrip(".") or None


def _safe_filename(name: str) -> str:
    return "".join(ch for ch in name if ch.isalnum() or ch in "-_.") or "hearth-file"


class DashboardUnavailable(HearthError):
    """The dashboard can't start (its port is taken): one sentence, not a traceback."""
