"""A local fake of Slack's far side: the Web API, response URLs and a Socket Mode websocket.

The real slack-sdk and slack-bolt talk to it over 127.0.0.1. It records
every call, hands out message timestamps, answers `users.info` from a small
directory, and can be told to fail the next call of a method (a 429 with
Retry-After, or a Slack error). Benchmarks reuse it. A message in a slash
command's acknowledgement is recorded as a `response_url` call (with
`via: "ack"`), since Slack shows the two alike.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import time
import urllib.parse
from dataclasses import dataclass, field
from typing import Any, Callable

from aiohttp import ClientSession, WSMsgType, web

from testing.block_kit import INVALID_MESSAGE, INVALID_VIEW, message_problems, view_problems

TEAM = "T0001"
#: The channels a new fake workspace has (the ones the tests post in).
STARTING_CHANNELS = {"C0GENERAL": "general", "C0CARE": "care-team", "C1": "check-ins", "C2": "random"}
BOT_USER = "UBOT"


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    token: str | None = None
    at: float = field(default_factory=time.monotonic)


JSON_FIELDS = ("blocks", "view", "attachments", "files", "users", "metadata")
#: Calls whose blocks (or view) Slack checks, refusing with `invalid_blocks` (or `invalid_arguments`).
MESSAGE_METHODS = {"chat.postMessage", "chat.postEphemeral", "chat.update", "chat.scheduleMessage"}
VIEW_METHODS = {"views.open", "views.update", "views.publish", "views.push"}


class FakeSlack:
    def __init__(self, team: str = TEAM, bot_token: str = "xoxb-test") -> None:
        self.team = team
        self.bot_token = bot_token  # the only token file downloads answer
        self.calls: list[Call] = []
        self.users: dict[str, dict[str, Any]] = {}
        #: The workspace's channels, by id, as `conversations.info` describes them (a few to start with; an id
        #: not here is `channel_not_found`, as Slack answers for a channel of another workspace).
        self.channels: dict[str, dict[str, Any]] = {}
        for channel_id, name in STARTING_CHANNELS.items():
            self.add_channel(channel_id, name)
        self.failures: dict[str, list[dict[str, Any]]] = {}
        self.uploads: dict[str, bytes] = {}
        self.hosted: dict[str, tuple[dict[str, Any], bytes]] = {}  # files people uploaded, by id
        self.downloads: list[tuple[str, str | None]] = []  # (file id, token) the app fetched
        self.delays: dict[str, float] = {}  # method -> seconds to take answering it
        self.stalls: dict[str, list[float]] = {}  # method -> answer delays for its next calls (timeouts)
        self.drops: dict[str, int] = {}  # method -> how many of its next calls lose the connection, unanswered
        self.dm_closed: set[str] = set()  # users whose DMs refuse Hearth (`cannot_dm_bot`)
        #: What Slack would have refused (`block_kit`): (method, problems), for a failing test to show.
        self.refused: list[tuple[str, list[str]]] = []
        #: Messages posted, per channel, oldest first (with their metadata, for conversations.history).
        self.history: dict[str, list[dict[str, Any]]] = {}
        self._ts = itertools.count(1)
        self._posted_ts: list[tuple[dict[str, Any], str]] = []  # each chat.postMessage call and the ts it got
        self._ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self.port = 0
        self._sockets: list[web.WebSocketResponse] = []
        self._acks: dict[str, asyncio.Future] = {}
        self._socket_ready = asyncio.Event()
        self._changed = asyncio.Event()

    # -- set-up ---------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    def add_user(self, user_id: str, name: str, tz: str = "Europe/London", admin: bool = False,
                 owner: bool = False, locale: str = "en-US") -> None:
        self.users[user_id] = {
            "id": user_id, "team_id": self.team, "name": name.lower(), "real_name": name, "tz": tz,
            "locale": locale,
            "is_admin": admin, "is_owner": owner, "is_bot": False,
            "profile": {"display_name": name, "real_name": name},
        }

    def add_channel(self, channel_id: str, name: str, team: str | None = None, archived: bool = False,
                    private: bool = False) -> None:
        """A channel of `team` (this workspace by default); another team's is invisible to this workspace's token."""
        if (team or self.team) != self.team:
            return
        self.channels[channel_id] = {
            "id": channel_id, "name": name, "is_channel": not private, "is_group": private, "is_im": False,
            "is_mpim": False, "is_private": private, "is_archived": archived, "is_general": name == "general",
            "is_shared": False, "is_ext_shared": False, "is_org_shared": False, "context_team_id": self.team,
            "created": 1767600000, "creator": "U0ADMIN",
        }

    def fail(self, method: str, status: int = 200, error: str = "ratelimited", retry_after: float | None = None,
             times: int = 1) -> None:
        """Make the next `times` calls of `method` fail (e.g. status=429, retry_after=1)."""
        self.failures.setdefault(method, []).extend(
            [{"status": status, "error": error, "retry_after": retry_after}] * times)

    def stall(self, method: str, seconds: float, times: int = 1) -> None:
        """Do the next `times` calls of `method`, but answer only after `seconds`.

        A client that gives up first sees a timeout although the call took
        effect: the nastiest case for anyone who retries.
        """
        self.stalls.setdefault(method, []).extend([seconds] * times)

    def drop(self, method: str, times: int = 1) -> None:
        """Drop the connection of the next `times` calls of `method` without answering (as a proxy restarting or
        a network failing midway does): the client sees the server disconnect, not an error of Slack's."""
        self.drops[method] = self.drops.get(method, 0) + times

    async def start(self, port: int = 0) -> None:
        """Serve on `port` (0: any free one; pass the old port to come back after `stop`)."""
        app = web.Application()
        app.router.add_post("/api/{method}", self._api)
        app.router.add_get("/api/{method}", self._api)
        app.router.add_post("/respond/{id}", self._respond)
        app.router.add_post("/upload/{id}", self._upload)
        app.router.add_get("/files-pri/{key}/download/{name}", self._download)
        app.router.add_get("/socket", self._socket)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port, reuse_address=True)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        """Close the server: connections are refused until `start(self.port)` again."""
        for ws in list(self._sockets):
            await ws.close()
        if self._runner:
            await self._runner.cleanup()
            self._runner = None

    # -- reading what happened -----------------------------------------------------------

    def called(self, method: str) -> list[dict[str, Any]]:
        return [c.params for c in self.calls if c.method == method]

    def ts_of(self, params: dict[str, Any]) -> str:
        """The ts Slack gave the chat.postMessage call `params` (one of `called("chat.postMessage")`).

        Ask, never count: a round's post and its DMs leave Hearth's outbox together, in any order, so the
        round post need not be the first message (nor its ts end in 000001)."""
        return next(ts for posted, ts in self._posted_ts if posted is params)

    def sent_texts(self) -> str:
        """Everything Hearth showed anyone, as one string (for "is it escaped" checks)."""
        return "\n".join(json.dumps(c.params, ensure_ascii=False) for c in self.calls)

    def parsed_texts(self) -> str:
        """Every text Hearth sent that Slack reads as markup, as one string: each mrkdwn object's, and each message's
        `text` (its notification, mrkdwn too). rich_text `text` elements and plain_text objects are never parsed,
        so someone's words may be there exactly as typed; here, `<!channel>` would ping."""
        found: list[str] = []

        def walk(node: Any, top: bool = False) -> None:
            if isinstance(node, dict):
                if node.get("type") == "mrkdwn" and isinstance(node.get("text"), str):
                    found.append(node["text"])
                if top and isinstance(node.get("text"), str):
                    found.append(node["text"])
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)

        for c in self.calls:
            walk(c.params, top=True)
        return "\n".join(found)

    async def wait_for(self, method: str, count: int = 1, timeout: float = 5.0,
                       where: Callable[[dict[str, Any]], bool] | None = None) -> list[dict[str, Any]]:
        """Wait until `method` was called at least `count` times (matching `where`)."""
        deadline = time.monotonic() + timeout
        while True:
            found = [p for p in self.called(method) if where is None or where(p)]
            if len(found) >= count:
                return found
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{method} called {len(found)} time(s), wanted {count}; "
                                     f"calls: {[c.method for c in self.calls]}; refused: {self.refused[-3:]}")
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), min(left, 0.2))
            except asyncio.TimeoutError:
                pass

    async def settle(self, quiet: float = 0.3, timeout: float = 5.0) -> None:
        """Wait until nothing has called for `quiet` seconds (listeners finished)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            last = self.calls[-1].at if self.calls else 0.0
            if time.monotonic() - last >= quiet:
                return
            await asyncio.sleep(0.05)

    def _record(self, method: str, params: dict[str, Any], token: str | None = None) -> None:
        self.calls.append(Call(method, params, token))
        self._changed.set()

    # -- the Web API ---------------------------------------------------------------------

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await _params(request)
        token = request.headers.get("Authorization", "").removeprefix("Bearer ") or params.get("token")
        if self.delays.get(method):
            await asyncio.sleep(self.delays[method])
        if self.drops.get(method):
            self.drops[method] -= 1
            self._record(f"{method}!dropped", params, token)
            assert request.transport is not None
            request.transport.abort()
            raise asyncio.CancelledError  # (nothing is answered on a connection that is gone)
        queued = self.failures.get(method)
        if queued:
            failure = queued.pop(0)
            self._record(f"{method}!failed", params, token)
            headers = {"Retry-After": str(int(failure["retry_after"]))} if failure["retry_after"] else {}
            return web.json_response({"ok": False, "error": failure["error"]}, status=failure["status"],
                                     headers=headers)
        if method == "chat.postMessage" and str(params.get("channel", ""))[1:] in \
                {u.lstrip("UW") for u in self.dm_closed} and str(params.get("channel", "")).startswith("D"):
            self._record(f"{method}!failed", params, token)
            return web.json_response({"ok": False, "error": "cannot_dm_bot"})
        refused = self._refusal(method, params)
        if refused:
            self._record(f"{method}!failed", {**params, "problems": refused["response_metadata"]["messages"]}, token)
            return web.json_response(refused)
        self._record(method, params, token)
        handler = getattr(self, "_m_" + method.replace(".", "_"), None)
        body = handler(params) if handler else {}
        stalled = self.stalls.get(method)
        if stalled:
            await asyncio.sleep(stalled.pop(0))  # done already; the answer is what's late
        return web.json_response({"ok": True, **body} if "ok" not in body else body)

    def _refusal(self, method: str, params: dict[str, Any]) -> dict[str, Any] | None:
        """Slack's answer to blocks or a view it would refuse (see `block_kit`), else None."""
        if method in MESSAGE_METHODS:
            problems, error = message_problems(params), INVALID_MESSAGE
            if problems and problems[0].startswith(("no_text", "msg_too_long")):
                error = problems[0].split(":")[0]
        elif method in VIEW_METHODS:
            problems, error = view_problems(params.get("view")), INVALID_VIEW
        else:
            return None
        if not problems:
            return None
        self.refused.append((method, problems))
        return {"ok": False, "error": error, "response_metadata": {"messages": problems}}

    def _next_ts(self) -> str:
        return f"1767600000.{next(self._ts):06d}"

    def _m_auth_test(self, p: dict) -> dict:
        return {"url": "https://hearth-test.slack.com/", "team": "Hearth Test", "user": "hearth",
                "team_id": self.team, "user_id": BOT_USER, "bot_id": "B0001", "is_enterprise_install": False}

    def _m_users_info(self, p: dict) -> dict:
        user = self.users.get(p.get("user", ""))
        if user is None:
            return {"ok": False, "error": "user_not_found"}
        if str(p.get("include_locale", "")).lower() not in ("1", "true"):  # as Slack: the locale only when asked
            user = {k: v for k, v in user.items() if k != "locale"}
        return {"user": user}

    def _m_conversations_info(self, p: dict) -> dict:
        channel = self.channels.get(str(p.get("channel", "")))
        if channel is None:
            return {"ok": False, "error": "channel_not_found"}
        return {"channel": channel}

    def _m_conversations_open(self, p: dict) -> dict:
        return {"channel": {"id": "D" + str(p.get("users", "")).lstrip("UW")}}

    def _m_chat_postMessage(self, p: dict) -> dict:
        ts = self._next_ts()
        message = {"type": "message", "user": BOT_USER, "text": p.get("text"), "ts": ts}
        if p.get("thread_ts"):
            message["thread_ts"] = p["thread_ts"]
        if p.get("metadata"):
            message["metadata"] = p["metadata"]
        self.history.setdefault(str(p.get("channel")), []).append(message)
        self._posted_ts.append((p, ts))
        return {"channel": p.get("channel"), "ts": ts, "message": {"text": p.get("text")}}

    def _m_conversations_history(self, p: dict) -> dict:
        """Newest first, top-level messages only; metadata only when asked for (as Slack does)."""
        top = [m for m in self.history.get(str(p.get("channel")), []) if m.get("thread_ts", m["ts"]) == m["ts"]]
        return self._page(top[::-1], p)

    def _m_conversations_replies(self, p: dict) -> dict:
        """The thread under `ts`, parent first."""
        ts = p.get("ts")
        thread = [m for m in self.history.get(str(p.get("channel")), [])
                  if m["ts"] == ts or m.get("thread_ts") == ts]
        if not thread:
            return {"ok": False, "error": "thread_not_found"}
        return self._page(thread, p)

    @staticmethod
    def _page(messages: list[dict], p: dict) -> dict:
        """One page of `messages`, from `cursor`; metadata only with include_all_metadata."""
        limit = int(p.get("limit") or 100)
        start = int(p.get("cursor") or 0)
        with_meta = str(p.get("include_all_metadata", "")).lower() in ("1", "true")
        page = [m if with_meta else {k: v for k, v in m.items() if k != "metadata"}
                for m in messages[start:start + limit]]
        more = start + limit < len(messages)
        return {"messages": page, "has_more": more,
                "response_metadata": {"next_cursor": str(start + limit) if more else ""}}

    def _m_chat_postEphemeral(self, p: dict) -> dict:
        return {"message_ts": self._next_ts()}

    def _posted(self, p: dict) -> dict[str, Any] | None:
        """The message `ts` in `channel`, as Slack finds it: only in the channel it was posted in."""
        return next((m for m in self.history.get(str(p.get("channel")), []) if m["ts"] == p.get("ts")), None)

    def _m_chat_update(self, p: dict) -> dict:
        message = self._posted(p)
        if message is None:
            return {"ok": False, "error": "message_not_found"}
        message["text"] = p.get("text")
        if "blocks" in p:
            message["blocks"] = p["blocks"]
        return {"channel": p.get("channel"), "ts": p.get("ts"), "text": p.get("text")}

    def _m_chat_delete(self, p: dict) -> dict:
        message = self._posted(p)
        if message is None:
            return {"ok": False, "error": "message_not_found"}
        self.history[str(p.get("channel"))].remove(message)
        return {"channel": p.get("channel"), "ts": p.get("ts")}

    def _view(self, p: dict) -> dict:
        view = p.get("view") or {}
        view.setdefault("id", p.get("view_id") or f"V{next(self._ids):04d}")
        p["view"] = view  # the recorded call shows the id too
        return {"view": view}

    _m_views_open = _m_views_update = _m_views_publish = _m_views_push = _view

    def _m_apps_connections_open(self, p: dict) -> dict:
        return {"url": f"ws://127.0.0.1:{self.port}/socket?ticket=t{next(self._ids)}"}

    def _m_files_getUploadURLExternal(self, p: dict) -> dict:
        file_id = f"F{next(self._ids):04d}"
        return {"upload_url": f"{self.url}/upload/{file_id}", "file_id": file_id}

    def _m_files_completeUploadExternal(self, p: dict) -> dict:
        return {"files": [{"id": f["id"], "title": f.get("title")} for f in p.get("files") or []]}

    def host_file(self, name: str, content: bytes, filetype: str = "toml") -> dict[str, Any]:
        """A file someone uploaded in a modal, as Slack describes it in the submission."""
        file_id = f"F{next(self._ids):04d}"
        url = f"{self.url}/files-pri/{self.team}-{file_id}/download/{name}"
        info = {"id": file_id, "name": name, "title": name, "mimetype": "text/plain", "filetype": filetype,
                "size": len(content), "url_private": url, "url_private_download": url, "is_external": False}
        self.hosted[file_id] = (info, content)
        return info

    def _m_files_info(self, p: dict) -> dict:
        hosted = self.hosted.get(p.get("file", ""))
        return {"file": hosted[0]} if hosted else {"ok": False, "error": "file_not_found"}

    async def _download(self, request: web.Request) -> web.Response:
        """Like files.slack.com: the bytes for the bot's token, a sign-in page for anyone else."""
        file_id = request.match_info["key"].split("-", 1)[-1]
        token = request.headers.get("Authorization", "").removeprefix("Bearer ") or None
        self.downloads.append((file_id, token))
        self._record("download", {"id": file_id})
        if token != self.bot_token or file_id not in self.hosted:
            return web.Response(text="<html>Sign in</html>", content_type="text/html")
        return web.Response(body=self.hosted[file_id][1], content_type="text/plain")

    async def _upload(self, request: web.Request) -> web.Response:
        self.uploads[request.match_info["id"]] = await request.read()
        self._record("upload", {"id": request.match_info["id"]})
        return web.Response(text="OK - uploaded")

    def acked(self, command: dict[str, Any], body: str) -> None:
        """A message in a command's ack body shows like one sent to its response URL: recorded as one."""
        try:
            message = json.loads(body) if body.startswith("{") else None
        except ValueError:
            message = None
        if message and ("text" in message or "blocks" in message):
            problems = message_problems(message)
            if problems:
                self.refused.append(("command ack", problems))
            self._record("response_url!failed" if problems else "response_url",
                         {**message, "response_url_id": command["response_url"].rsplit("/", 1)[-1], "via": "ack"})

    async def _respond(self, request: web.Request) -> web.Response:
        """A response URL: like chat.postMessage, it refuses blocks Slack wouldn't show."""
        params = await request.json()
        params["response_url_id"] = request.match_info["id"]
        queued = self.failures.get("response_url")
        if queued:  # (`fail("response_url", status=404, error="expired_url")`: the URL is gone, or Slack is down)
            failure = queued.pop(0)
            self._record("response_url!failed", params)
            return web.Response(status=failure["status"], text=failure["error"])
        problems = message_problems(params) if "text" in params or "blocks" in params else []
        if problems:
            self.refused.append(("response_url", problems))
            self._record("response_url!failed", {**params, "problems": problems})
            return web.Response(status=400, text=INVALID_MESSAGE)
        self._record("response_url", params)
        return web.Response(text="ok")

    # -- Socket Mode ---------------------------------------------------------------------

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._sockets.append(ws)
        await ws.send_json({"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A0001"},
                            "debug_info": {"host": "fake", "approximate_connection_time": 3600}})
        self._socket_ready.set()
        async for msg in ws:
            if msg.type == WSMsgType.TEXT:
                data = json.loads(msg.data)
                fut = self._acks.pop(str(data.get("envelope_id")), None)
                if fut and not fut.done():
                    fut.set_result(data)
        self._sockets.remove(ws)
        return ws

    async def send_envelope(self, kind: str, payload: dict[str, Any], timeout: float = 5.0) -> dict[str, Any]:
        """Push one Socket Mode envelope to the connected app; return its ack."""
        await asyncio.wait_for(self._socket_ready.wait(), timeout)
        envelope_id = f"env-{next(self._ids)}"
        fut: asyncio.Future = asyncio.get_running_loop().create_future()
        self._acks[envelope_id] = fut
        await self._sockets[-1].send_json({"envelope_id": envelope_id, "type": kind, "payload": payload,
                                           "accepts_response_payload": kind != "events_api",
                                           "retry_attempt": 0, "retry_reason": ""})
        return await asyncio.wait_for(fut, timeout)


async def _params(request: web.Request) -> dict[str, Any]:
    if request.method == "GET":
        params: dict[str, Any] = dict(request.query)
    elif request.content_type == "application/json":
        params = await request.json()
    else:
        params = dict(await request.post())
        params.update(request.query)
    for key in JSON_FIELDS:
        if isinstance(params.get(key), str) and params[key][:1] in "[{":
            params[key] = json.loads(params[key])
    return params


# -- the signed requests Slack would send -------------------------------------------------


def sign(secret: str, body: str, timestamp: int | None = None) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


class SlackSide:
    """Sends what Slack sends to the app's HTTP endpoint, signed with the real HMAC."""

    def __init__(self, fake: FakeSlack, app_url: str, secret: str) -> None:
        self.fake = fake
        self.app_url = app_url
        self.secret = secret
        self._ids = itertools.count(1)

    def trigger(self) -> str:
        return f"trig.{next(self._ids)}"

    async def post(self, body: str, content_type: str, headers: dict[str, str] | None = None,
                   secret: str | None = None, timestamp: int | None = None) -> tuple[int, str]:
        all_headers = {"Content-Type": content_type, **sign(secret or self.secret, body, timestamp),
                       **(headers or {})}
        async with ClientSession() as session:
            async with session.post(self.app_url, data=body.encode(), headers=all_headers) as resp:
                status, text = resp.status, await resp.text()
        self._check_ack(text)
        return status, text

    def _check_ack(self, text: str) -> None:
        """A view in a submission's ack must be one Slack accepts (it would show an error instead)."""
        try:
            ack = json.loads(text) if text.startswith("{") else None
        except ValueError:
            return
        if isinstance(ack, dict) and ack.get("response_action") in ("update", "push"):
            problems = view_problems(ack.get("view"))
            if problems:
                self.fake.refused.append(("view_submission ack", problems))
                raise AssertionError(f"Slack would refuse the view in this ack: {problems}")

    def command_body(self, user: str, text: str, channel: str = "C0GENERAL", trigger_id: str | None = None) -> dict:
        return {
            "token": "legacy", "team_id": self.fake.team, "team_domain": "hearth-test", "channel_id": channel,
            "channel_name": "general", "user_id": user, "user_name": user.lower(), "command": "/hearth",
            "text": text, "api_app_id": "A0001", "response_url": f"{self.fake.url}/respond/{next(self._ids)}",
            "trigger_id": trigger_id or self.trigger(),
        }

    async def command(self, user: str, text: str, channel: str = "C0GENERAL", **kw: Any) -> tuple[int, str]:
        command = self.command_body(user, text, channel, kw.pop("trigger_id", None))
        status, answer = await self.post(urllib.parse.urlencode(command), "application/x-www-form-urlencoded", **kw)
        if status == 200:
            self.fake.acked(command, answer)
        return status, answer

    async def interaction(self, payload: dict[str, Any], **kw: Any) -> tuple[int, str]:
        body = urllib.parse.urlencode({"payload": json.dumps(payload)})
        return await self.post(body, "application/x-www-form-urlencoded", **kw)

    async def click(self, user: str, element: dict[str, Any], *, message: dict | None = None,
                    channel: str | None = "C0GENERAL", ephemeral: bool = False, view: dict | None = None,
                    trigger_id: str | None = None, **kw: Any) -> tuple[int, str]:
        """Press a button element Hearth sent (from a message, a modal or the Home tab)."""
        payload = self.click_payload(user, element, message=message, channel=channel, ephemeral=ephemeral,
                                     view=view, trigger_id=trigger_id)
        return await self.interaction(payload, **kw)

    def click_payload(self, user: str, element: dict[str, Any], *, message: dict | None = None,
                      channel: str | None = "C0GENERAL", ephemeral: bool = False, view: dict | None = None,
                      trigger_id: str | None = None) -> dict[str, Any]:
        """The `block_actions` payload Slack sends for a press of `element`."""
        payload: dict[str, Any] = {
            "type": "block_actions", "team": {"id": self.fake.team, "domain": "hearth-test"},
            "user": {"id": user, "username": user.lower(), "name": user.lower(), "team_id": self.fake.team},
            "api_app_id": "A0001", "token": "legacy", "trigger_id": trigger_id or self.trigger(),
            "actions": [{"type": "button", "action_id": element["action_id"], "block_id": "b",
                         "value": element.get("value", ""), "text": element["text"], "action_ts": "1.2"}],
        }
        if view is not None:
            payload["container"] = {"type": "view", "view_id": view["id"]}
            payload["view"] = view
        else:
            payload["container"] = {"type": "message", "message_ts": (message or {}).get("ts", "1.1"),
                                    "channel_id": channel, "is_ephemeral": ephemeral}
            payload["channel"] = {"id": channel, "name": "general"}
            payload["message"] = message or {"ts": "1.1"}
            payload["response_url"] = f"{self.fake.url}/respond/{next(self._ids)}"
        return payload

    async def submit(self, user: str, view: dict[str, Any], values: dict[str, Any], **kw: Any) -> tuple[int, str]:
        """Submit a modal Hearth opened; `values` by field name (strings, channel ids for pickers, file lists)."""
        payload = self.submit_payload(user, view, values, kw.pop("trigger_id", None))
        return await self.interaction(payload, **kw)

    def submit_payload(self, user: str, view: dict[str, Any], values: dict[str, Any],
                       trigger_id: str | None = None) -> dict[str, Any]:
        """The `view_submission` payload Slack sends when `user` submits `view` filled in with `values`."""
        submitted = {**view, "state": self.state(view, values), "hash": "h.1"}
        submitted.setdefault("id", "V-unknown")
        payload = {
            "type": "view_submission", "team": {"id": self.fake.team, "domain": "hearth-test"},
            "user": {"id": user, "username": user.lower(), "name": user.lower(), "team_id": self.fake.team},
            "api_app_id": "A0001", "token": "legacy", "trigger_id": trigger_id or self.trigger(),
            "view": submitted,
        }
        return payload

    async def close(self, user: str, view: dict[str, Any], values: dict[str, Any] | None = None,
                    is_cleared: bool = False, **kw: Any) -> tuple[int, str] | None:
        """Close a modal Hearth opened (its Cancel or ×) after filling in `values`; Slack tells the app only if the
        view asked (`notify_on_close`), so None (nothing sent) when it didn't."""
        if not view.get("notify_on_close"):
            return None
        return await self.interaction(self.close_payload(user, view, values or {}, is_cleared), **kw)

    def close_payload(self, user: str, view: dict[str, Any], values: dict[str, Any],
                      is_cleared: bool = False) -> dict[str, Any]:
        """The `view_closed` payload Slack sends when `user` closes `view` filled in with `values` (docs.slack.dev,
        "View interaction payloads"): no trigger id, the view as it was with its `state.values`, and `is_cleared`
        (true when the whole stack of views was closed at once)."""
        closed = {**view, "state": self.state(view, values), "hash": "h.1"}
        closed.setdefault("id", "V-unknown")
        return {
            "type": "view_closed", "team": {"id": self.fake.team, "domain": "hearth-test"},
            "user": {"id": user, "username": user.lower(), "name": user.lower(), "team_id": self.fake.team},
            "api_app_id": "A0001", "token": "legacy", "view": closed, "is_cleared": is_cleared,
        }

    @staticmethod
    def state(view: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
        """A modal's `state` as Slack reports it: every input block by block id, then action id, with what was
        chosen or typed (`values` by field name), or what it was filled in with when left alone."""
        state: dict[str, Any] = {}
        for block in view["blocks"]:
            if block.get("type") != "input":
                continue
            name, element = block["block_id"], block["element"]
            value = values.get(name)
            kind = element["type"]
            if kind in ("static_select", "radio_buttons"):
                chosen = next((o for o in element.get("options", []) if o["value"] == value), None)
                item = {"type": kind, "selected_option": chosen if value is not None
                        else element.get("initial_option")}
            elif kind == "conversations_select":
                item = {"type": kind, "selected_conversation": value if value is not None
                        else element.get("initial_conversation")}
            elif kind == "file_input":  # value: files from `FakeSlack.host_file`
                item = {"type": kind, "files": list(value or [])}
            else:
                item = {"type": kind, "value": value if value is not None else element.get("initial_value")}
            state[name] = {element["action_id"]: item}
        return {"values": state}

    def event_payload(self, event: dict[str, Any], event_id: str) -> dict[str, Any]:
        """The Events API envelope Slack posts for `event`."""
        return {"token": "legacy", "team_id": self.fake.team, "api_app_id": "A0001", "event": event,
                "type": "event_callback", "event_id": event_id, "event_time": int(time.time()),
                "authorizations": [{"team_id": self.fake.team, "user_id": BOT_USER, "is_bot": True}]}

    @staticmethod
    def edited(user: str, channel: str, ts: str, before: str, after: str, channel_type: str = "im",
               edited_at: str = "9.000001") -> dict[str, Any]:
        """The `message_changed` event Slack sends when `user` edits their message `ts` from `before` to `after`
        (its docs, "message_changed"): hidden, in the channel, with the message as it now is (`edited` says who
        edited it and when) and as it was (`previous_message`)."""
        was = {"type": "message", "user": user, "text": before, "ts": ts, "team": "T0001"}
        return {"type": "message", "subtype": "message_changed", "hidden": True, "channel": channel,
                "channel_type": channel_type, "ts": edited_at, "event_ts": edited_at,
                "message": {**was, "text": after, "edited": {"user": user, "ts": edited_at}},
                "previous_message": was}

    async def event(self, event: dict[str, Any], event_id: str, retry: int | None = None) -> tuple[int, str]:
        body = json.dumps(self.event_payload(event, event_id))
        headers = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"} if retry else {}
        return await self.post(body, "application/json", headers=headers)
