"""Hearth in a Slack workspace through slack-bolt: `/hearth`, buttons, modals, App Home.

Every listener acks first and works after (Slack wants an answer within
3 seconds), with two exceptions that wait a short budget: a slash command,
whose quick answer rides on its ack (`answer.py`), and a modal submission,
whose result can then replace the modal (otherwise it closes and the answer
follows in a message). Each interaction carries an id (trigger or event id)
that the core dedupes, so a retried delivery has one effect.

Bolt runs each listener to its end before it answers Slack
(`process_before_response`); what follows the ack goes on in a task of ours
(`_after_ack`). Bolt's other mode runs the listener in a task and checks
every 10 ms whether it has acked: up to 10 ms late on every ack, and a
fifth of a bare app's CPU per request (bench/README.md, "slack").

Nothing reaches Bolt unchecked (`shape.py`): over HTTP the signature is
verified on the raw bytes first, then the body is parsed and its shape
checked, and Bolt is handed the dict that was checked (it doesn't parse
the body again); a request that fails gets a 400 or 401 and one log line,
never a 500. Socket Mode payloads get the same shape check. Kinds Hearth doesn't use
get a plain 200.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import re
import secrets
import time
from typing import TYPE_CHECKING, Any, Awaitable

import aiohttp
from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_bolt.app.async_app import AsyncApp
from slack_bolt.error import BoltUnhandledRequestError
from slack_bolt.request.async_internals import build_async_context
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.socket_mode.async_client import AsyncBaseSocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest
from slack_sdk.socket_mode.response import SocketModeResponse
from slack_sdk.web.async_client import AsyncWebClient

from adapters.late import within
from adapters.options import file_option
from adapters.slack.actors import Directory, SlackModerators
from adapters.slack.answer import ACK_BUDGET_SECONDS, AnswerInAck, checked
from adapters.slack.files import FileFetcher
from adapters.slack.inbound import Where, event_id, read_text, team_of
from adapters.slack.modals import CALLBACK, field_errors, read_files, read_metadata, read_values, typed_values
from adapters.slack.present import Presenter
from adapters.slack.render import KEEP_VALUES, VALUES, messages
from adapters.slack.sender import UNREACHABLE, SlackSender, unreachable
from adapters.slack.shape import Ignored, Refused, handled, kind_of, parsed, problem, verified_text
from adapters.slack.channels import SlackChannels
from adapters.uploads import UploadRefused, worth_reading
from bot.app import NOT_SURE
from bot.commands.forms import opens_form
from bot.commands.mentions import MAX_LOOKUPS, addressed, mentions_read, refs
from bot.commands.parse import parse_line, rest_of_line, trimmed
from bot.commands.registry import given_back
from bot.config import Config
from bot.crypto import Cipher
from bot.errors import UserError, care_of
from bot.events import SHOWN_TO, Actor, Event, Reply, Rich, join_rich, rich
from bot.i18n import N_, _
from bot.views.home import HELP, JOIN

if TYPE_CHECKING:
    from bot.app import Hearth

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
DEFAULT_API_URL = "https://slack.com/api/"
#: A Web API call's whole time, as slack_sdk's own default.
WEB_API_TIMEOUT_SECONDS = 30
#: How long a modal submission may take before we close it and answer in a message.
SUBMIT_BUDGET_SECONDS = 2.0
#: How long stopping waits for work that followed an ack (an answer on its way) before cancelling it.
STOP_GRACE_SECONDS = 5.0
SORRY = NOT_SURE  # (its apology after a failure: true however far it got)
FORM_EXPIRED = N_("This form has expired. Please open it again.")
#: The same form sent again, word for word, after it was taken (Slack lets Submit be pressed again when the answer to
#: the first press didn't reach it): not taken twice.
SENT_ONCE = N_("You sent this form already, so I didn't take it a second time.")
SLACK_DOWN = N_("I can't reach Slack right now, so I couldn't do that. Please try again in a few minutes.")
SLACK_HELP = N_("On Slack, type these after `/hearth`, e.g. `/hearth {example}`. "
                "Your **Home** tab with Hearth has buttons for the common ones.")


def slack_help() -> Rich:
    return rich("\n\n" + _(SLACK_HELP).format(example=f"{JOIN} mornings"))


class SlackAdapter:
    platform = "slack"

    def __init__(self, config: Config, channel_interval: float = 1.0) -> None:
        self.config = config
        self.bot_token = config.secret("HEARTH_SLACK_BOT_TOKEN") or ""
        self.app_token = config.secret("HEARTH_SLACK_APP_TOKEN")
        self.signing_secret = config.secret("HEARTH_SLACK_SIGNING_SECRET") or ""
        self.api_url = config["slack.api_url"] or DEFAULT_API_URL
        self.channel_interval = channel_interval
        self.port: int | None = None
        self.socket: Any = None
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None
        self._following: set[asyncio.Task[None]] = set()  # work after an ack: held, so it isn't collected

    @property
    def socket_mode(self) -> bool:
        return bool(self.app_token)

    # -- lifecycle ------------------------------------------------------------------

    async def start(self, app: "Hearth") -> None:
        """Register the sender, build the Bolt app, and serve (Socket Mode or HTTP)."""
        if not self.socket_mode and not self.signing_secret:
            raise RuntimeError("Slack over HTTP needs HEARTH_SLACK_SIGNING_SECRET (or set HEARTH_SLACK_APP_TOKEN "
                               "for Socket Mode). See docs/slack.md.")
        self.app = app
        VALUES.keep_in(app.store.stash, app.now)  # long button values, kept where a restart finds them
        try:
            await app.store.stash.purge(app.now() - KEEP_VALUES)  # (and forgotten when unused for months)
        except Exception:  # (a busy database: tidied at the next start)
            log.warning("could not forget old button values", exc_info=True)
        # One connection pool for every Web API call: given none, slack_sdk opens a new session (and a new
        # connection) for each call and closes it after.
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=WEB_API_TIMEOUT_SECONDS))
        self.client = AsyncWebClient(token=self.bot_token, base_url=self.api_url, session=self._session)
        # Replies to a click may wait out a 429 themselves; the outbox's sender must not (it reschedules).
        self.client.retry_handlers.append(AsyncRateLimitErrorRetryHandler(max_retry_count=2))
        self.sender = SlackSender(AsyncWebClient(token=self.bot_token, base_url=self.api_url, session=self._session),
                                  rate_per_second=self.config["delivery.per_second"],
                                  channel_interval=self.channel_interval)
        app.outbox.add_sender(self.sender)
        self.directory = Directory(self.client)
        app.add_channel_directory(SlackChannels(self.client))
        self.files = FileFetcher(self.client, self.bot_token, self.api_url)
        self.present = Presenter(app, self.client, self.config)
        app.add_platform_moderators(SlackModerators(self.directory))
        self.bolt = AsyncApp(client=self.client, signing_secret=self.signing_secret or "socket-mode",
                             process_before_response=True, raise_error_for_unhandled_request=True, name="hearth")
        self._listen(self.bolt)
        if self.socket_mode:
            self.socket = CheckedSocketModeHandler(self.bolt, self.app_token, web_client=self.client)
            await self.socket.connect_async()
            log.info("Slack adapter connected in Socket Mode")
        else:
            await self._serve_http(self.config["slack.host"], self.config["slack.port"])

    async def stop(self) -> None:
        try:
            await VALUES.flush()  # (what was drawn last, kept for whoever serves its buttons next)
        except Exception:
            log.warning("could not keep long button values", exc_info=True)
        VALUES.keep_in(None, None)
        if self.socket is not None:
            await self.socket.close_async()
            self.socket = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        await self._finish_following()
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def _serve_http(self, host: str, port: int) -> None:
        async def events(request: web.Request) -> web.Response:
            try:
                bolt_request = await self._checked(request)
            except Refused as refused:
                log.warning("refused a request to %s (HTTP %d): %s", EVENTS_PATH, refused.status, refused.reason)
                return web.json_response({"error": "invalid request"}, status=refused.status)
            except Ignored as ignored:
                log.info("ignored a Slack %s: Hearth doesn't use it", ignored.kind or "request")
                return web.Response(status=200)
            return await to_aiohttp_response(await self.bolt.async_dispatch(bolt_request))

        async def health(_: web.Request) -> web.Response:
            return web.Response(text="ok")

        web_app = web.Application()
        web_app.router.add_post(EVENTS_PATH, events)
        web_app.router.add_get("/slack/health", health)
        self._runner = web.AppRunner(web_app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        self.port = self._runner.addresses[0][1]
        log.info("Slack adapter listening on http://%s:%s%s", host, self.port, EVENTS_PATH)

    async def _checked(self, request: web.Request) -> AsyncBoltRequest:
        """Slack's request for Bolt, once its signature (on the raw bytes) and its shape are right; else `Refused`."""
        headers = request.headers
        text = verified_text(await request.read(), headers.get("X-Slack-Request-Timestamp"),
                             headers.get("X-Slack-Signature"), self.signing_secret, time.time())
        content_type = headers.get("Content-Type", "").split(";")[0] or None
        body = parsed(text, content_type)
        found = problem(body)
        if found:
            raise Refused(400, found)
        if not handled(body):
            raise Ignored(kind_of(body))
        # Bolt reads each header's last value; give it the first, the one just checked.
        return checked_request(text, body, request.query_string, {k: headers[k] for k in headers.keys()})

    def _listen(self, bolt: AsyncApp) -> None:
        bolt.command("/hearth")(self.on_command)
        bolt.action(re.compile(r"^hearth:"))(self.on_action)
        bolt.view_submission(CALLBACK)(self.on_submit)
        bolt.view_closed(CALLBACK)(self.on_closed)
        bolt.event("app_home_opened")(self.on_home_opened)
        bolt.event("app_mention")(self.on_message)
        bolt.event("message")(self.on_message)

        @bolt.error
        async def on_error(error: Exception, body: dict) -> BoltResponse | None:
            if isinstance(error, BoltUnhandledRequestError):  # (a kind, action or event Hearth doesn't use)
                log.info("ignored a Slack %s: Hearth doesn't use it", kind_of(body) or "request")
                return BoltResponse(status=200, body="")
            if isinstance(error, UNREACHABLE):  # (Bolt's auth.test before any listener, most often)
                return await self._slack_unreachable(error, body)
            log.exception("Slack listener failed: %s", error)
            return None

    async def _slack_unreachable(self, error: BaseException, body: dict[str, Any]) -> BoltResponse:
        """Slack's Web API can't be reached while a request is handled (Bolt asks it `auth.test` before any listener
        runs, until it once answers): an outage on the far side, one line in the log, not a bug's traceback and a
        bare 500. Nothing has run or been recorded (the dedupe neither), so an event is answered 503, which Slack
        retries (at once, after a minute and after five), to be handled once when Slack answers; a modal's submission
        gets it too, and Slack keeps the modal open with what was typed. A slash command Slack never retries: its
        answer rides on the ack, saying so, with the person's words given back so nothing they wrote is lost; and
        they are screened, as every line typed to Hearth is (the screen runs here, not at Slack), so words of concern
        get the care reply first, never only "try again"."""
        kind = kind_of(body) or "request"
        if kind != "command":
            log.warning("Slack can't be reached (%s): answered a Slack %s with 503, for Slack to send again",
                        unreachable(error), kind)
            return BoltResponse(status=503, body="")
        log.warning("Slack can't be reached (%s): a /hearth command was answered in its ack", unreachable(error))
        typed = mentions_read(*read_text(str(body.get("text") or ""))).strip()  # (named as the text names them)
        reply = Reply(body=rich(_(SLACK_DOWN)), error=True)
        replies = [given_back(reply, [typed]) if typed else reply]
        if typed and isinstance(body.get("user_id"), str):
            # Who wrote it, as the request says (asking Slack would wait out its retries): no word on admin rights
            channel = body.get("channel_id") if isinstance(body.get("channel_id"), str) else None
            actor = Actor(community_id=f"slack:{team_of(body)}", user_id=f"slack:{body['user_id']}",
                          display_name=str(body.get("user_name") or ""), platform_moderator=None,
                          channel_id=f"slack:{channel}" if channel else None, in_dm=(channel or "").startswith("D"))
            try:
                screened = await asyncio.wait_for(self.app.refused_line(actor, typed, reply, event_id(body)),
                                                  ACK_BUDGET_SECONDS * 10)
                if screened != [reply]:  # the care reply, alone: no "try again" to words of concern, nor them quoted
                    replies = [r for r in screened if r != reply] or screened
            except (asyncio.TimeoutError, *UNREACHABLE) as err:
                log.warning("could not screen a /hearth line while Slack can't be reached: %s", unreachable(err))
            except Exception:  # (the answer still goes: saying Slack is down, their words given back)
                log.exception("could not screen a /hearth line while Slack can't be reached")
        shown = Reply(body=join_rich([r.body for r in replies], "\n\n"), error=True)
        message = messages(shown)[0]
        try:
            await VALUES.flush()
        except Exception:  # (the store may be down too: the answer goes all the same, its buttons in memory)
            log.exception("could not keep long button values")
        return BoltResponse(status=200, body={"response_type": "ephemeral", "text": message["text"],
                                              "blocks": message["blocks"]})

    # -- who ----------------------------------------------------------------------------

    async def _actor(self, body: dict[str, Any], user: str, channel: str | None, moderating: bool = False,
                     in_dm: bool = False) -> Actor:
        """`moderating`: the event may need moderator rights, so the admin flag must be fresh (`actors`); `in_dm`:
        written in their DM with Hearth."""
        fallback = (body.get("user") or {}).get("name", "") if isinstance(body.get("user"), dict) else \
            body.get("user_name", "")
        return await self.directory.actor(team_of(body), user, channel, fallback, moderating, in_dm)

    # -- work after the ack -------------------------------------------------------------

    def _after_ack(self, work: Awaitable[None]) -> asyncio.Task[None]:
        """Go on with `work` once the listener returns (and Bolt answers Slack)."""
        task = asyncio.ensure_future(work)
        self._following.add(task)
        task.add_done_callback(self._following.discard)
        return task

    async def _finish_following(self) -> None:
        """Let answers already on their way arrive, for a few seconds; then cancel what is left."""
        if not self._following:
            return
        _, late = await asyncio.wait(set(self._following), timeout=STOP_GRACE_SECONDS)
        for task in late:
            task.cancel()
        if late:
            log.warning("stopped %d Slack interaction(s) still working after %.0f s", len(late), STOP_GRACE_SECONDS)
            await asyncio.wait(late)

    # -- listeners ----------------------------------------------------------------------

    async def _safely(self, work: Awaitable[None], respond: Any = None) -> None:
        """Run a listener's work after its ack; a failure is logged and apologised for, never raised.

        (An exception escaping a Bolt listener after `ack()` can cost the ack itself.)
        """
        try:
            await work
        except UNREACHABLE as err:  # Slack, or the way to it, failed: that is one line, not a bug's traceback
            log.warning("could not answer a Slack interaction: %s", unreachable(err))
            await self._apologise(respond)
        except Exception:
            log.exception("Slack interaction failed")
            await self._apologise(respond)

    @staticmethod
    async def _apologise(respond: Any) -> None:
        if respond is None:
            return
        try:
            await respond(text=_(SORRY), response_type="ephemeral", replace_original=False)
        except UNREACHABLE as err:
            log.warning("could not apologise either: %s", unreachable(err))
        except Exception:
            log.exception("could not apologise either")

    async def on_command(self, ack: Any, body: dict[str, Any], respond: Any) -> None:
        """Ack once the answer is ready or the budget is spent, whichever comes first; the work goes on after."""
        answer = AnswerInAck(ack, checked(respond))
        work = self._after_ack(self._safely(self._command(body, answer), answer if body.get("response_url") else None))
        try:
            await within(ACK_BUDGET_SECONDS, work)
        finally:
            await answer.settle()

    async def _command(self, body: dict[str, Any], respond: Any) -> None:
        where = Where(body["user_id"], team_of(body), body.get("trigger_id"), body.get("channel_id"),
                      respond if body.get("response_url") else None, origin="command")
        text, names = read_text(body.get("text") or "")
        text = trimmed(text) or HELP  # (invisible alone: empty)
        if refs(text):  # someone named: by the name Slack gives, in the writer's language where it gives none
            names = await self._names(text, names)
            await self.app.speak_to(await self._actor(body, body["user_id"], body.get("channel_id")))
        try:
            cmd, args = parse_line(self.app.registry, text, await self.app.check_in_names(f"slack:{team_of(body)}"),
                                   names)
        except UserError as err:  # still read by the care screen, as every line typed to Hearth
            actor = await self._actor(body, body["user_id"], body.get("channel_id"))
            await self.present.show(where, actor, await self.app.refused_line(actor, mentions_read(text, names),
                                                                             err.reply(), event_id(body)))
            return
        actor = await self._actor(body, body["user_id"], body.get("channel_id"),
                                  self.app.registry.may_need_moderator("command", cmd.name, args))
        if not args and opens_form(cmd):
            await self._open_form(where, actor, cmd, {}, {}, event_id(body))
            return
        replies = await self.app.handle(Event("command", actor, cmd.name, args, event_id=event_id(body), typed=True,
                                              line=rest_of_line(self.app.registry, text, names)))
        if cmd.name == HELP and replies and not replies[0].error:  # (not on "Did you mean …?")
            replies[0] = dataclasses.replace(replies[0], body=replies[0].body + slack_help())
        await self.present.show(where, actor, replies)

    async def on_action(self, ack: Any, body: dict[str, Any], respond: Any) -> None:
        await ack()
        respond = checked(respond)
        self._after_ack(self._safely(self._action(body, respond), respond if body.get("response_url") else None))

    async def _action(self, body: dict[str, Any], respond: Any) -> None:
        user = body["user"]["id"]
        view = body.get("view") or {}
        container = body.get("container") or {}
        meta = read_metadata(view.get("private_metadata")) if view.get("type") == "modal" else {}
        channel = (body.get("channel") or {}).get("id") or container.get("channel_id") or meta.get("c")
        where = Where(user, team_of(body), body.get("trigger_id"), channel,
                      respond if body.get("response_url") else None,
                      view_id=view.get("id") if view.get("type") == "modal" else None,
                      origin="home" if view.get("type") == "home" else meta.get("o"),
                      replace=bool(container.get("is_ephemeral")))
        value = await VALUES.recall((body.get("actions") or [{}])[0].get("value", ""))
        if value is None:
            await self.present.show(where, await self._actor(body, user, channel),
                                    [Reply(body=rich(_("That button has expired. Please try again.")))])
            return
        name, args = str(value.get("n", "")), {str(k): str(v) for k, v in (value.get("a") or {}).items()}
        kind = "command" if value.get("k") in ("c", "f") else "action"
        actor = await self._actor(body, user, channel, self.app.registry.may_need_moderator(kind, name, args))
        if value.get("k") == "f":
            cmd = self.app.registry.commands.get(name)
            if cmd is not None:
                defaults = value.get("d") if isinstance(value.get("d"), dict) else {}
                await self._open_form(where, actor, cmd, args, {str(k): str(v) for k, v in defaults.items()},
                                      event_id(body))
            return
        replies = await self.app.handle(Event(kind, actor, name, args, event_id=event_id(body)))  # type: ignore[arg-type]
        await self.present.show(where, actor, replies)

    async def _open_form(self, where: Where, actor: Actor, cmd: Any, hidden: dict[str, str],
                         defaults: dict[str, str], eid: str | None) -> None:
        """A command's form, only for whoever may run the command (and press the button that asked for it):
        anyone else gets the refusal typing the command would get, and sees nothing of the form."""
        await self.app.speak_to(actor)  # (no `handle` here: the form is made in their language all the same)
        refused = await self.app.registry.refusal(self.app, Event("command", actor, cmd.name, hidden, event_id=eid))
        if refused is not None:
            await self.present.show(where, actor, [refused])
            return
        hidden = {k: v for k, v in hidden.items() if k != SHOWN_TO}
        await self.present.open_command_form(where, actor, cmd, hidden, defaults)

    async def on_submit(self, ack: Any, body: dict[str, Any]) -> None:
        acked = False

        async def ack_once(**kw: Any) -> None:
            nonlocal acked
            if not acked:
                acked = True
                await ack(**kw)

        await self._safely(self._submit(ack_once, body))
        await ack_once()

    async def _submit(self, ack: Any, body: dict[str, Any]) -> None:
        view = body["view"]
        meta = read_metadata(view.get("private_metadata"))
        user = body["user"]["id"]
        where = Where(user, team_of(body), body.get("trigger_id"), meta.get("c"), origin=meta.get("o"))
        if not meta:  # not a form Hearth opened, or one from a version that wrote it differently
            log.info("a modal was submitted without a form Hearth can read")
            care = asyncio.ensure_future(self._unreadable(body, user))
            if not await within(SUBMIT_BUDGET_SECONDS, care):  # (the care reply, if any, follows as a message)
                await ack(response_action="update", view=self.present.view_for([_form_expired()], where))
                self._after_ack(self._safely(self._show_when_done(where, care)))
                return
            actor, cared = care.result()
            if actor is not None:
                await self.app.speak_to(actor)
            await ack(response_action="update", view=self.present.view_for([*cared, _form_expired()], where))
            return
        once = submission_key(body, self.app.store.cipher)
        if once and not await self.app.store.outbox.first_time_event(once, self.app.now()):
            await ack(response_action="update", view=self.present.view_for([Reply(body=rich(_(SENT_ONCE)))], where))
            return
        work = asyncio.ensure_future(self._run_submission(body, meta, user, once))
        if not await within(SUBMIT_BUDGET_SECONDS, work):
            await ack()  # close the modal in time; the answer follows as a message
            self._after_ack(self._safely(self._show_when_done(where, work, view, meta)))
            return
        actor, replies = work.result()
        await self.app.speak_to(actor)  # (`handle` ran in its own task: what is drawn here is in their language too)
        errors = field_errors(replies, view)
        if errors:  # a refusal: the modal stays open with what was typed, the reason under its field
            await ack(response_action="errors", errors=errors)
            return
        if _refused(replies):  # about no one field (with the care reply first, if their words asked for it): shown
            await ack(response_action="push", view=self.present.refusal_view(replies, where))  # on top of the
            return  # form, kept beneath with what was typed
        await ack(response_action="update", view=self.present.view_for(replies, where))
        if where.origin == "home":
            self._after_ack(self._safely(self.present.publish_home(actor)))

    async def _show_when_done(self, where: Where, work: "asyncio.Future[tuple[Actor | None, list[Reply]]]",
                              view: dict[str, Any] | None = None, meta: dict[str, Any] | None = None) -> None:
        """The answer to a modal closed before it was ready, as messages. A refusal (a failure too) of a form
        (`view`, `meta`) gives back the words typed in it: the modal that held them is gone."""
        actor, replies = await work
        if actor is None:  # (who sent it couldn't be known: nothing to say to them)
            return
        await self.app.speak_to(actor)
        if view is not None and meta is not None and _refused(replies):
            typed = typed_values(view)
            words = [typed[name].strip() for name in dict.fromkeys(meta.get("w") or ()) if typed.get(name, "").strip()]
            first = next(i for i, r in enumerate(replies) if r.error)
            replies = [*replies[:first], given_back(replies[first], words), *replies[first + 1:]]
        await self.present.show(where, actor, replies)

    async def _unreadable(self, body: dict[str, Any], user: str) -> tuple[Actor | None, list[Reply]]:
        """A form Hearth can't read any more (`not meta`): nothing in it runs, but what was typed in it is screened
        all the same, and gets the care reply when it raises concern (`Hearth.typed_not_run`); shown before
        "expired". Nothing when nothing raises concern, or who sent it can't be known now (Slack unreachable: then
        "expired" alone, as before)."""
        typed = read_values(body["view"].get("state") or {})
        if not any(v.strip() for v in typed.values()):
            return None, []
        try:
            actor = await self._actor(body, user, None)
        except Exception as err:
            log.warning("could not tell who sent a form Hearth can't read: %s", err)
            return None, []
        return actor, await self.app.typed_not_run(actor, typed)

    async def _run_submission(self, body: dict[str, Any], meta: dict[str, Any], user: str, once: str | None = None
                              ) -> tuple[Actor, list[Reply]]:
        """Who submitted and what the core answers (all of it inside the ack budget, if it can). A refusal (or a
        failure) took nothing, so the same form sent again (`once`, `submission_key`) is heard again."""
        actor, replies = await self._submission(body, meta, user)
        if once and _refused(replies):
            await self.app.store.outbox.forget_event(once)
        return actor, replies

    async def _submission(self, body: dict[str, Any], meta: dict[str, Any], user: str) -> tuple[Actor, list[Reply]]:
        kind = "command" if meta.get("k") == "command" else "form"
        args = {str(k): str(v) for k, v in (meta.get("a") or {}).items()}
        moderating = self.app.registry.may_need_moderator(kind, str(meta.get("n")), args)
        actor = await self._actor(body, user, meta.get("c"), moderating)
        state = body["view"].get("state") or {}
        values = read_values(state)
        if kind == "command":
            typed = {k: v for k, v in values.items() if v and k != SHOWN_TO}  # (whose form it is: never a field's)
            event = Event("command", actor, str(meta.get("n")), args | typed,
                          event_id=event_id(body))
            try:
                event = await self._with_upload(event, read_files(state))
            except UploadRefused as refused:  # (about the form's file field: the one being fetched)
                option = file_option(self.app.registry.commands[event.name])
                return actor, [dataclasses.replace(refused.reply, field=option.name if option else None)]
        else:
            event = Event("form", actor, str(meta.get("n")), args, values, event_id=event_id(body))
        try:
            return actor, await self.app.handle(event)
        except Exception as err:  # a bug, a dropped database: part of it may be done, so it claims neither way
            log.exception("a Slack form submission failed")
            return actor, [*care_of(err), Reply(body=rich(_(SORRY)), error=True, why="broke")]

    async def _with_upload(self, event: Event, files: dict[str, list[dict[str, Any]]]) -> Event:
        """A command form's uploaded file, fetched into the event (for those who may run it)."""
        cmd = self.app.registry.commands.get(event.name)
        option = file_option(cmd) if cmd else None
        chosen = files.get(option.name) if option else None
        if not chosen or not await worth_reading(self.app, event):
            return event
        return dataclasses.replace(event, attachment=await self.files.fetch(chosen[0]))

    async def on_closed(self, ack: Any, body: dict[str, Any]) -> None:
        """A form closed unsent, with Cancel or its × (Slack says so, with what was typed in it, for forms opened
        with `notify_on_close`, as every form of Hearth's is): acked at once. Hearth asked to be told, so what was
        typed reaches it: it is screened as every text is, with the care reply first when it raises concern, and
        the person's own words in it, if they wrote any, come back to them privately (`Hearth.closed_form`)."""
        await ack()
        self._after_ack(self._safely(self._closed(body)))

    async def _closed(self, body: dict[str, Any]) -> None:
        view = body["view"]
        meta = read_metadata(view.get("private_metadata"))
        typed = typed_values(view)
        if not meta or not typed:  # (not a form of Hearth's, or nothing typed: no one to look up)
            return
        key = f"slack:closed:{view.get('id') or secrets.token_hex(8)}"
        if view.get("id") and not await self.app.store.outbox.first_time_event(key, self.app.now()):
            return  # Slack retried this: it was answered already
        user = body["user"]["id"]
        actor = await self._actor(body, user, meta.get("c"))
        replies = await self.app.closed_form(actor, str(meta.get("n") or ""), list(meta.get("w") or ()), typed)
        if not replies:
            return
        await self.app.speak_to(actor)
        # Through the outbox, which keeps trying while Slack can't be reached: their words outlast the outage.
        # Only with their DMs known closed are they shown at once, to them alone, where the form was opened.
        or_in = f"slack:{meta['c']}" if meta.get("c") else None
        if not await self.app.keep_privately(actor, replies, key, or_in):
            for reply in replies:
                await self.present.privately(Where(user, team_of(body), channel=meta.get("c")), reply)

    async def on_message(self, body: dict[str, Any], event: dict[str, Any]) -> None:
        """Words written to Hearth, not typed after /hearth: an @mention, or a message in its DM. Read as a /hearth
        line is, and so screened like every text: "@Hearth I can't go on" gets the care reply, "@Hearth checkin
        status" the status. Bolt acks an event as this returns; the answer follows."""
        self._after_ack(self._safely(self._message(body, event)))

    async def _message(self, body: dict[str, Any], event: dict[str, Any]) -> None:
        if event.get("subtype") == "message_changed":
            await self._edited(body, event)
            return
        to_hearth = event.get("type") == "app_mention" or event.get("channel_type") == "im"
        if not to_hearth or event.get("subtype") not in WRITTEN or event.get("bot_id") or not event.get("user"):
            return  # an edit, a join, Hearth's own message in its DM, a message in a channel not to Hearth
        eid = event_id(body)
        if eid and not await self.app.store.outbox.first_time_event(eid, self.app.now()):
            return  # Slack retried this event: it was answered
        text, names = read_text(str(event.get("text") or ""))
        text = trimmed(addressed(text, _own(body, event, text))) or HELP
        in_dm = event.get("channel_type") == "im"
        # in the DM, a message it keeps; in a channel, one only they see, under their mention
        where = Where(event["user"], team_of(body), None, None if in_dm else event["channel"], origin="message",
                      event=eid, thread=None if in_dm else _thread(event))
        actor = await self._actor(body, event["user"], None if in_dm else event["channel"], in_dm=in_dm)
        if refs(text):  # someone named: by the name Slack gives, in the writer's language where it gives none
            names = await self._names(text, names)
            await self.app.speak_to(actor)
        # Written in a channel (an @mention, not the DM: its id says so too, "D…"), the message sits where others
        # read it, with their name: the core never calls those words private or anonymous (`Event.seen`).
        seen = not in_dm and not str(event.get("channel") or "").startswith("D")
        try:
            cmd, args = parse_line(self.app.registry, text, await self.app.check_in_names(actor.community_id), names)
        except UserError as err:
            await self.present.show(where, actor, await self.app.refused_line(actor, mentions_read(text, names),
                                                                             err.reply(), seen=seen))
            return
        actor = await self._actor(body, event["user"], None if in_dm else event["channel"],
                                  self.app.registry.may_need_moderator("command", cmd.name, args), in_dm)
        replies = await self.app.handle(Event("command", actor, cmd.name, args, typed=True,
                                              line=rest_of_line(self.app.registry, text, names), seen=seen))
        await self.present.show(where, actor, [_no_form(r) for r in replies])

    async def _edited(self, body: dict[str, Any], event: dict[str, Any]) -> None:
        """A message written to Hearth, edited (`message_changed`, with the message as it is now and as it was):
        the core screens the edit (`Hearth.edited_line`) and answers, privately, only when it newly raises concern;
        an edit is never run as a command. Slack sends it for a message in Hearth's DM (`message.im`). An edited
        @mention in a channel comes only to an app subscribed to every message there (`message.channels`), which
        Hearth's manifest doesn't ask for; were it sent, one that mentions Hearth, before or after, is read too."""
        now, was = event.get("message") or {}, event.get("previous_message") or {}
        user, channel = now.get("user"), event.get("channel")
        if not user or not channel or now.get("bot_id") or now.get("subtype") not in WRITTEN:
            return  # Hearth's own message edited, or a message no person wrote
        in_dm = event.get("channel_type") == "im"
        bot = _bot_user(body)
        if not in_dm and not (bot and any(f"<@{bot}" in str(m.get("text") or "") for m in (now, was))):
            return  # an edit in a channel of a message not written to Hearth
        eid = event_id(body)
        if eid and not await self.app.store.outbox.first_time_event(eid, self.app.now()):
            return  # Slack retried this event: it was answered
        where = Where(user, team_of(body), None, None if in_dm else channel, origin="message", event=eid,
                      thread=None if in_dm else _thread(now) or _thread(was))
        actor = await self._actor(body, user, None if in_dm else channel, in_dm=in_dm)
        after = await self._words(body, now, actor)
        before = await self._words(body, was, actor) if isinstance(was.get("text"), str) else None
        ref = f"slack:{channel}:{now.get('ts') or was.get('ts') or ''}"
        await self.present.show(where, actor, await self.app.edited_line(actor, before, after, ref))

    async def _words(self, body: dict[str, Any], message: dict[str, Any], actor: Actor) -> str:
        """A message's words as its writer meant them: without the leading address to Hearth, and with every
        other mention the person's name (`bot.commands.mentions`)."""
        text, names = read_text(str(message.get("text") or ""))
        text = addressed(text, _own(body, message, text)).strip()
        if refs(text):
            names = await self._names(text, names)
            await self.app.speak_to(actor)
        return mentions_read(text, names)

    async def _names(self, text: str, names: dict[str, str]) -> dict[str, str]:
        """The names Slack gives the people a text mentions: those written in it, else asked of `users.info`
        (cached, `Directory`) for at most `MAX_LOOKUPS` people per text; one Slack can't name now is "@someone"
        (`mentions_read`), never their id."""
        asked = [ref for ref in refs(text) if not names.get(ref)][:MAX_LOOKUPS]
        found = await asyncio.gather(*(self.directory.user(ref) for ref in asked), return_exceptions=True)
        named = dict(names)
        for ref, user in zip(asked, found):
            if not isinstance(user, BaseException) and user.known and user.name.strip():
                named[ref] = user.name
            elif isinstance(user, BaseException) and not isinstance(user, Exception):
                raise user  # (a cancellation: not Slack's failure to name someone)
        return named

    async def on_home_opened(self, body: dict[str, Any], event: dict[str, Any]) -> None:
        self._after_ack(self._safely(self._home_opened(body, event)))  # Bolt acks an event as this returns

    async def _home_opened(self, body: dict[str, Any], event: dict[str, Any]) -> None:
        if event.get("tab") != "home":
            return
        eid = event_id(body)
        if eid and not await self.app.store.outbox.first_time_event(eid, self.app.now()):
            return  # Slack retried this event: Home is already published
        actor = await self._actor(body, event["user"], None)
        await self.present.publish_home(actor)


#: The kinds of message a person writes (no subtype; with a file; a thread reply also sent to the channel): the
#: others are edits, joins and bots.
WRITTEN = (None, "file_share", "thread_broadcast")


def _own(body: dict[str, Any], event: dict[str, Any], text: str) -> set[str]:
    """Hearth's own user here, whose leading mention is the address that brought the words to it
    (`bot.commands.mentions.addressed`): as the envelope names it, else, in an `app_mention` (which Slack sends
    only for a message that mentions Hearth), the first person the text mentions."""
    bot = _bot_user(body)
    if bot:
        return {bot}
    found = refs(text)
    return {found[0]} if event.get("type") == "app_mention" and found else set()


def _thread(message: dict[str, Any]) -> str | None:
    """The thread a message is in (its parent's ts, as Slack names it on a reply), or None at the channel's top."""
    thread = message.get("thread_ts")
    return thread if isinstance(thread, str) and thread else None


def _bot_user(body: dict[str, Any]) -> str:
    """Hearth's own user in the workspace, as the event's envelope names it ("" if it doesn't)."""
    for auth in body.get("authorizations") or ():
        if isinstance(auth, dict) and auth.get("is_bot") and isinstance(auth.get("user_id"), str):
            return auth["user_id"]
    return ""


def submission_key(body: dict[str, Any], cipher: Cipher) -> str | None:
    """One id for a form sent as it was sent before: the same modal (its id and hash, which Slack changes whenever
    Hearth changes the modal), by the same person, with the same values. Each press of Submit has a trigger of its
    own, so this, not `event_id`, is what finds Submit pressed again after the answer to the first press was lost
    on its way to Slack. A keyed digest (`Cipher.fingerprint`): the processed event it is kept as names nobody and
    holds no words, nor lets a guess at them be tested. None where Slack names no modal."""
    view = body.get("view") or {}
    if not view.get("id"):
        return None
    sent = json.dumps([view.get("id"), view.get("hash"), (body.get("user") or {}).get("id"),
                       (view.get("state") or {}).get("values")], sort_keys=True, default=str)
    return f"slack:submitted:{cipher.fingerprint('slack-submitted', sent)}"


def _form_expired() -> Reply:
    return Reply(body=rich(_(FORM_EXPIRED)))


def _refused(replies: list[Reply]) -> bool:
    """Whether a form's answer is a refusal (or its apology after a failure), with the care reply before it if the
    words asked for one (`Reply.keep`, no refusal itself): the form is kept, with what was typed."""
    return any(r.error for r in replies) and all(r.error or r.keep for r in replies) and \
        not any(r.form for r in replies)


def _no_form(reply: Reply) -> Reply:
    """A message opens no modal (Slack gives it no trigger): a form becomes the word to ask for it with /hearth."""
    if reply.form is None:
        return reply
    return Reply(body=reply.body + rich("\n\n" + _("_Please press the button or run the command again to open the "
                                                     "form._")), visibility=reply.visibility)


def checked_request(text: str, body: dict[str, Any], query: str, headers: dict[str, str]) -> AsyncBoltRequest:
    """Bolt's request for a body already verified, parsed and checked: Bolt reads the very dict that was checked.

    `AsyncBoltRequest(body=text)` would parse the text again, the dearest step of the check (bench/README.md,
    "slack (session 9)"). The request is built as Bolt builds it, from an empty body, then given the text (which
    Bolt's own signature check reads) and the checked dict, and its context is filled from that dict as Bolt
    fills it. `tests/adapters/slack/test_security.py` holds it equal to Bolt's own.
    """
    request = AsyncBoltRequest(body="", query=query, headers=headers)
    request.raw_body, request.body = text, body
    build_async_context(request.context, body)  # (an empty body's context holds only what this sets again)
    return request


class CheckedSocketModeHandler(AsyncSocketModeHandler):
    """Socket Mode, with the shape check HTTP requests get: a malformed payload is acked and logged, not run."""

    async def handle(self, client: AsyncBaseSocketModeClient, req: SocketModeRequest) -> None:  # type: ignore[override]
        found = problem(req.payload)
        if found or not handled(req.payload):
            if found:
                log.warning("refused a Socket Mode %s: %s", req.type, found)
            else:
                log.info("ignored a Slack %s: Hearth doesn't use it", kind_of(req.payload) or req.type)
            await client.send_socket_mode_response(SocketModeResponse(envelope_id=req.envelope_id))
            return
        await super().handle(client, req)


def create(config: Config) -> SlackAdapter:
    return SlackAdapter(config)
