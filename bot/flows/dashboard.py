"""The moderators' dashboard, its core half: `mod dashboard` and the rules of signing in.

The dashboard (`adapters/web`) is one more surface: what it changes goes
through `Hearth.handle` and the registry like a typed command. What it needs
from the core is here, once: a private link that signs one moderator in to one
community (valid `LINK_MINUTES`, once), a session that lasts a working day,
and the one rule, on every request, that its person still moderates there
(`Hearth.is_moderator`, the rule every moderator command uses).
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import TYPE_CHECKING

from bot.clock import parse_iso
from bot.commands.router import Router
from bot.errors import UserError
from bot.events import Event, Reply, rich
from bot.flows.common import audit
from bot.i18n import N_, _, ngettext
from bot.store.dashboard import DashboardSession

if TYPE_CHECKING:
    from bot.app import Hearth

log = logging.getLogger(__name__)
router = Router("dashboard")

LINK_MINUTES = 10
#: A link used this recently, sent again without its session: the same sign-in twice (`JustUsed`).
JUST_USED = timedelta(minutes=2)
USED_JUST_NOW = N_("That link was used a moment ago, and each link works once. If that was you, in this browser, "
                   "you're signed in: open the dashboard below. If it wasn't, type **mod dashboard** in your "
                   "community for a new link.")
#: What the page says over that, and the way on.
USED_JUST_NOW_TITLE = N_("That link was just used")
OPEN_DASHBOARD = N_("Open the dashboard")
SESSION_HOURS = 8
#: Where the sign-in page is, under `[web] public_url`.
SIGN_IN_PATH = "/sign-in"

#: What the dashboard's own pages say (kept here, with the rules, so no adapter spells out a command).
COMMAND = "mod dashboard"
NOT_SIGNED_IN = N_("You're not signed in, or your session has ended. Type **mod dashboard** in your community "
                   "for a new sign-in link.")
SIGNED_OUT = N_("You're signed out. Type **mod dashboard** in your community whenever you want to come back.")
HOW_TO_SIGN_IN = N_("Type **mod dashboard** in your community (Discord, Slack or the terminal) for a private "
                    "sign-in link.")
NO_CSRF = N_("That form was out of date, so I didn't do anything. Please go back, reload the page and try again.")
TOO_MANY = N_("That's a lot of sign-in attempts from here. Wait a few minutes, then use a new link.")
#: The dashboard does moderators' work: a member's command (its pages offer none) is for the community's chat.
NOT_ON_THE_DASHBOARD = N_("The dashboard is for moderators' work, so I didn't run **{command}** here. It works in "
                          "your community's chat (Discord, Slack or the terminal): type it there.")
NOT_FOUND = N_("There's no page at that address. The pages are in the list at the top.")
NOT_THAT_WAY = N_("That page can't be used that way. Please go back, reload the page and try again.")
TOO_BIG = N_("That was too big for me to take (a pack file can be up to 1 MB), so I didn't do anything.")
BAD_FORM = N_("I couldn't read what your browser sent, so I didn't do anything. Please go back, reload the page and "
              "try again.")
#: A request addressed to a name that isn't the dashboard's (a DNS rebinding, or a wrong address): no page of ours.
WRONG_HOST = N_("Hearth's dashboard isn't at this address. Please use the address in your sign-in link.")
#: The platform couldn't be asked whether a person who moderates by its word still does: nothing shown or changed,
#: nothing ended (a platform's hiccup mustn't sign every moderator out; the next request asks again).
CANT_CHECK = N_("I couldn't check just now that you still moderate this community, so I didn't show or change "
                "anything. You're still signed in: please try again in a minute.")

NOT_ON = N_("The dashboard isn't switched on for this Hearth. Whoever runs it can turn it on with the **[web]** "
            "settings (see docs/dashboard.md). Every moderator command still works here.")

NO_ADDRESS = N_("The dashboard is running, but I don't know the address people reach it at, so I can't make a "
                "link yet. Whoever runs Hearth can set it as **public_url** under **[web]** (see docs/dashboard.md).")


def views_paused(seconds: int) -> str:
    """Too many pages in a minute (the dashboard's pace for reading): when reloading will work."""
    return ngettext("That's a lot of pages in a minute, so I paused for a moment. Please reload the page in "
                    "{seconds} second.", "That's a lot of pages in a minute, so I paused for a moment. Please "
                    "reload the page in {seconds} seconds.", seconds).format(seconds=seconds)


def changes_paused(seconds: int) -> str:
    """Too many changes in a minute (the core's pace for dashboard sessions): nothing done, and when to send it
    again (what was typed is still on the page)."""
    return ngettext("That's a lot of changes in a minute, so I paused for a moment and didn't do that one. "
                    "Please send it again in {seconds} second.", "That's a lot of changes in a minute, so I "
                    "paused for a moment and didn't do that one. Please send it again in {seconds} seconds.",
                    seconds).format(seconds=seconds)


@router.command(COMMAND, "A private link to the moderators' web dashboard (works once, for 10 minutes).",
                permission="moderator")
async def dashboard_link(app: "Hearth", ev: Event) -> Reply:
    base = (app.config["web.public_url"] or "").rstrip("/")
    if not app.config["web.port"]:
        raise UserError(_(NOT_ON))
    if not base:
        raise UserError(_(NO_ADDRESS))
    token = secrets.token_hex(32)  # hex: no character a chat's markup or a URL would change
    now = app.now()
    await app.store.dashboard.add_link(token, ev.actor, now, now + timedelta(minutes=LINK_MINUTES))
    await audit(app, ev, "dashboard.link", "sign-in link")
    return Reply(body=rich(_("**Your dashboard link** (only you can see this):\n{link}\nIt works once, for the next "
                             "{minutes} minutes, and signs you in to this community for {hours} hours. Don't share "
                             "it: whoever opens it acts as you.").format(
        link=f"{base}{SIGN_IN_PATH}?t={token}", minutes=LINK_MINUTES, hours=SESSION_HOURS)))


class SignInRefused(UserError):
    """A link that signs nobody in: said plainly, with what to do instead."""


class JustUsed(SignInRefused):
    """A link used a moment ago, from a browser with no session of its person: most likely the same sign-in sent
    twice before the first answer (and its cookie) arrived. The page offers the dashboard: if this browser has the
    cookie it opens, and if it hasn't, the dashboard says so."""


class CantCheck(UserError):
    """The platform can't say right now whether the session's person still moderates: refused, not ended."""


@dataclass(frozen=True)
class SignedIn:
    """A new session: the cookie's secret (kept only as its hash) and the session itself."""

    cookie: str
    session: DashboardSession


async def link_for(app: "Hearth", token: str) -> tuple[str, str] | None:
    """Whose link this is and for which community (names only: the community as its people know it, its
    platform's name for it, or "" when no platform said one, never its id), so the person about to press Sign in sees
    whom it would make them: pressing someone else's link would act in their name (a login CSRF). The page then
    speaks that person's language, by chat's rule (their own choice, the platform's locale when they asked for
    the link, the community's), rather than whatever the browser asks for."""
    token = token if _is_secret(token) else ""
    actor = await app.store.dashboard.link_holder(token, app.now()) if token else None
    if actor is None:
        return None
    await app.speak_to(actor)
    community = await app.ensure_community(actor.community_id)
    return actor.display_name, community.name or actor.community_name or ""


async def sign_in(app: "Hearth", token: str) -> SignedIn:
    """Spend a link and open a session, or refuse (unknown, used, expired, or no longer a moderator)."""
    now = app.now()
    token = token if _is_secret(token) else ""
    actor = await app.store.dashboard.take_link(token, now) if token else None
    if actor is None:
        state = await app.store.dashboard.link_state(token, now) if token else None
        if state is not None and state.used and state.used_at is not None and \
                now - parse_iso(state.used_at) <= JUST_USED:
            raise JustUsed(_(USED_JUST_NOW))
        if state is not None and state.used:
            raise SignInRefused(_("That link has been used already: each one works once. Type **mod dashboard** "
                                  "again for a new one."))
        if state is not None and state.expired:
            raise SignInRefused(_("That link has expired: each one works for {minutes} minutes. Type "
                                  "**mod dashboard** again for a new one.").format(minutes=LINK_MINUTES))
        raise SignInRefused(_("That link doesn't sign anyone in. Type **mod dashboard** in your community for "
                              "one that does."))
    if not await app.is_moderator(actor):
        raise SignInRefused(_("Only moderators can use the dashboard, and you don't moderate this community "
                              "now."))
    cookie = secrets.token_urlsafe(32)
    session = await app.store.dashboard.open_session(cookie, actor, secrets.token_urlsafe(32), now,
                                                     now + timedelta(hours=SESSION_HOURS))
    await app.store.communities.record_audit(actor.community_id, actor.user_id, "dashboard.sign_in", "dashboard",
                                             now)
    return SignedIn(cookie, session)


async def signed_in_by(app: "Hearth", token: str, session: DashboardSession | None) -> bool:
    """Whether a link that signs nobody in now (used, or expired) is the one of the moderator this session is
    already signed in as, in the same community: the sign-in form sent again (a double click, the back button, a
    reload), which must not undo the sign-in it made. Such a request goes on to the dashboard; any other is
    refused."""
    if session is None or not _is_secret(token):
        return False
    owner = await app.store.dashboard.link_owner(token)
    return owner == (session.actor.community_id, session.actor.user_id)


async def session_of(app: "Hearth", cookie: str | None) -> DashboardSession | None:
    """The session this cookie holds, if it lasts and its person still moderates the community; a session
    whose person stopped moderating ends here, for good (with every other session of theirs there). Whoever
    moderates by the platform's word is asked about again (`Hearth.platform_word`, kept a minute); `CantCheck`
    when the platform can't answer. Its person is named as the platform last named them (`_named_now`)."""
    if not cookie or not _is_secret(cookie):
        return None
    session = await app.store.dashboard.session(cookie, app.now())
    if session is None:
        return None
    if session.actor.platform_moderator:  # signed in on the platform's word: is it still the platform's word?
        word = await app.platform_word.still(session.actor, app.now())
        if word is None:
            raise CantCheck(_(CANT_CHECK))
        if not word:  # (they may still be on the community's own list: that decides now)
            session = replace(session, actor=replace(session.actor, platform_moderator=False))
    if not await app.is_moderator(session.actor):
        await app.store.dashboard.end_sessions_of(session.actor.community_id, session.actor.user_id, app.now())
        log.info("ended the dashboard sessions of %s in %s: no longer a moderator", session.actor.user_id,
                 session.actor.community_id)
        return None
    return await _named_now(app, session)


async def _named_now(app: "Hearth", session: DashboardSession) -> DashboardSession:
    """The session with its person's name as the platform last gave it (kept on each of their chat events), not
    as it was when the link was made: a name changed since wins on every page, and in what the page changes."""
    member = await app.store.communities.get_member(session.actor.community_id, session.actor.user_id)
    if member is None or not member.display_name or member.display_name == session.actor.display_name:
        return session
    return replace(session, actor=replace(session.actor, display_name=member.display_name))


def _is_secret(text: str) -> bool:
    """Could this be a secret we made (hex or URL-safe base64)? Anything else, such as bytes that aren't UTF-8,
    signs nobody in, without reaching the store."""
    return 0 < len(text) <= 128 and text.isascii() and text.isprintable()


async def sign_out(app: "Hearth", session: DashboardSession) -> None:
    await app.store.dashboard.end_session(session.session_hash, app.now())
    await app.store.communities.record_audit(session.actor.community_id, session.actor.user_id,
                                             "dashboard.sign_out", "dashboard", app.now())
