"""The outbox's way into Slack: posts, DMs, thread replies, edits and deletes.

Slack allows about one message a second into one channel, so posts are paced
per channel here; the outbox paces the workspace as a whole. Slack counts
its limits per method: every Web API call here first passes the outbox's
gate for that method (`gate`), and a 429 becomes `RetryLater` with Slack's
Retry-After and the method's name, so no Hearth process calls that method
again before the wait is over and the entry is sent once; errors retrying
cannot fix become `PermanentFailure`.

Every message carries its outbox key in Slack message metadata, so after a
crash `find_sent` can read the conversation's recent history and tell
whether the send that was under way had arrived (exactly once across
restarts, instead of at least once).
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError, SlackRequestError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.render import VALUES, messages
from bot.delivery.sender import CallGate, Delivery, PermanentFailure, RetryLater
from bot.i18n import speaking

log = logging.getLogger(__name__)

#: Slack errors where trying again cannot help.
PERMANENT = {
    "channel_not_found", "not_in_channel", "is_archived", "message_not_found", "cant_update_message",
    "cant_delete_message", "msg_too_long", "no_text", "invalid_blocks", "restricted_action", "missing_scope",
    "not_authed", "invalid_auth", "account_inactive", "token_revoked", "ekm_access_denied",
    "team_access_not_granted", "channel_type_not_supported", "restricted_action_read_only_channel",
    "restricted_action_thread_only_channel", "restricted_action_non_threadable_channel",
}
#: Of those, the ones that say Slack doesn't let Hearth post in that channel (`PermanentFailure.not_allowed`):
#: Hearth isn't a member of it, it is archived, or a workspace or channel setting keeps Hearth from posting there.
#: Not channel_not_found: Slack says it of a channel deleted or mistyped as well as of a private one Hearth can't
#: see, and can't tell which; nor the app's own set-up (missing_scope, token_revoked…), which is not that channel's.
NOT_ALLOWED = {
    "not_in_channel", "is_archived", "restricted_action", "restricted_action_read_only_channel",
    "restricted_action_thread_only_channel", "restricted_action_non_threadable_channel",
}
#: Of those, the ones that mean "this person can't get DMs from Hearth".
DM_CLOSED = {"cannot_dm_bot", "user_disabled", "user_not_found", "user_not_visible", "messages_tab_disabled"}
#: Of those, the one that is the app's set-up, not the member's choice: it fails every member's DMs alike, so no
#: member is marked as having closed DMs for it (they'd stay unDM'd after the app is fixed).
APP_CANT_DM = "messages_tab_disabled"
APP_CANT_DM_WARNING = (
    "Slack refused a DM because this app's Messages tab is turned off, so no member can get DMs from Hearth. "
    "Turn it on in the app's settings (App Home → Show Tabs → Messages Tab, and allow members to send messages), "
    "or reinstall from adapters/slack/manifest.json, which has it on.")
#: The metadata event type that marks a message as one of Hearth's outbox entries.
OUTBOX_EVENT = "hearth_outbox"
#: How far back `find_sent` looks in a channel or DM (newest first): a crashed send is recent.
HISTORY_LIMIT = 50
#: Thread replies come oldest first, so a thread is read page by page, up to this many replies.
THREAD_PAGE, THREAD_PAGES = 200, 10


def bare(ref: str | None) -> str:
    """`slack:C123` -> `C123`."""
    return (ref or "").split(":", 1)[-1]


class ChannelPacer:
    """At most one message per `interval` seconds into any one channel."""

    def __init__(self, interval: float = 1.0) -> None:
        self.interval = interval
        self._next: dict[str, float] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def wait(self, channel: str) -> None:
        lock = self._locks.setdefault(channel, asyncio.Lock())
        async with lock:
            now = time.monotonic()
            ready = self._next.get(channel, now)
            if ready > now:
                await asyncio.sleep(ready - now)
            self._next[channel] = max(ready, now) + self.interval


class SlackSender:
    platform = "slack"

    def __init__(self, client: AsyncWebClient, rate_per_second: float = 5.0, channel_interval: float = 1.0) -> None:
        self.client = client
        self.rate_per_second = rate_per_second
        self.pacer = ChannelPacer(channel_interval)
        self._dm_channels: dict[str, str] = {}
        self._warned_app_cant_dm = False
        #: Set by the outbox: awaited before every call, it refuses a method while a 429's wait for it lasts.
        self.gate: CallGate | None = None

    async def _api(self, method: str, **kwargs: Any) -> Any:
        """Call a Web API method ("chat.postMessage") through the gate; a 429 names the method it binds."""
        if self.gate is not None:
            await self.gate(method)
        await VALUES.flush()  # (long button values kept before Slack shows their buttons: `ValueStore`)
        try:
            return await getattr(self.client, method.replace(".", "_"))(**kwargs)
        except SlackApiError as err:
            problem = classify(err, method)
            if isinstance(problem, RetryLater):
                raise problem from err
            raise

    async def send(self, delivery: Delivery) -> str | None:
        """In the language the message was made in (what this adapter adds to it, too)."""
        with speaking(delivery.message.lang):
            return await self._send_refusals_told(delivery)

    async def _send_refusals_told(self, delivery: Delivery) -> str | None:
        try:
            return await self._send(delivery)
        except SlackApiError as err:
            code = slack_error(err)
            if delivery.kind == "delete" and code == "message_not_found":
                return None  # already gone: that was the point
            if delivery.kind == "edit" and code == "message_not_found":  # (taken down meanwhile: nothing shows)
                raise PermanentFailure(code, gone=True) from err
            if code == APP_CANT_DM and not self._warned_app_cant_dm:
                self._warned_app_cant_dm = True  # once: it is the same for every member until the app changes
                log.warning(APP_CANT_DM_WARNING)
            problem = classify(err)
            if delivery.kind == "dm" and delivery.channel and isinstance(problem, PermanentFailure):
                return await self._to_them_alone(delivery)  # (their DMs are closed to Hearth)
            raise problem from err

    async def _to_them_alone(self, d: Delivery) -> None:
        """A DM that names a channel too (`Hearth.keep_privately`: their own words, given back) goes there,
        shown to them alone, when their DMs are closed to Hearth: nothing they wrote is lost to a closed door."""
        for part in messages(d.message):
            await self._api("chat.postEphemeral", channel=bare(d.channel), user=bare(d.user), text=part["text"],
                            blocks=part["blocks"])
        return None

    async def _send(self, d: Delivery) -> str | None:
        if d.kind == "delete":
            await self._api("chat.delete", channel=bare(d.channel), ts=d.ref or "")
            return d.ref
        parts = messages(d.message)
        if d.kind == "edit":
            first = parts[0]
            await self._api("chat.update", channel=bare(d.channel), ts=d.ref or "", text=first["text"],
                            blocks=first["blocks"])
            return d.ref
        if d.kind == "dm" and bare(d.user) not in self._dm_channels and self.gate is not None:
            await self.gate("chat.postMessage")  # no DM opened that couldn't be posted to now
        channel = await self._open_dm(bare(d.user)) if d.kind == "dm" else bare(d.channel)
        extra: dict[str, Any] = {"thread_ts": d.parent_ref} if d.kind == "thread" else {}
        ref = None
        for i, part in enumerate(parts):
            if d.key:
                extra["metadata"] = {"event_type": OUTBOX_EVENT, "event_payload": {"key": d.key, "part": i}}
            await self.pacer.wait(channel)
            resp = await self._api("chat.postMessage", channel=channel, text=part["text"], blocks=part["blocks"],
                                   unfurl_links=False, unfurl_media=False, **extra)
            ref = ref or resp.get("ts")
        if d.message.attachment is not None:  # a chart: uploaded after its text, where the text went
            await self.pacer.wait(channel)
            att = d.message.attachment
            await self._api("files_upload_v2", channel=channel, content=att.content, filename=att.filename,
                            title=att.filename, **({"thread_ts": d.parent_ref} if d.kind == "thread" else {}))
        return ref

    async def find_sent(self, d: Delivery) -> str | None:
        """The `ts` of the message already sent for `d.key`, if a recent one carries it.

        Looks at the last `HISTORY_LIMIT` messages of the channel or DM, or
        through the thread for replies (Slack lists those oldest first, and a
        round's thread can hold hundreds). Slack errors that looking again cannot fix
        (a workspace that has not granted the history scopes yet, a closed DM)
        answer None: the entry is then sent, at least once, as before.
        A message sent in several parts is found by its first part; if a
        crash fell between parts, the later parts are not sent again (nor its
        file, uploaded last).
        """
        if not d.key or d.kind not in ("post", "dm", "thread"):
            return None
        try:
            channel = await self._open_dm(bare(d.user)) if d.kind == "dm" else bare(d.channel)
            if d.kind != "thread":
                resp = await self._api("conversations.history", channel=channel, limit=HISTORY_LIMIT,
                                       include_all_metadata=True)
                return _carrying(resp.get("messages") or [], d.key)
            cursor = None
            for _ in range(THREAD_PAGES):
                resp = await self._api("conversations.replies", channel=channel, ts=d.parent_ref or "",
                                       limit=THREAD_PAGE, include_all_metadata=True, cursor=cursor)
                found = _carrying(resp.get("messages") or [], d.key)
                cursor = (resp.get("response_metadata") or {}).get("next_cursor")
                if found or not cursor:
                    return found
            return None
        except SlackApiError as err:
            if slack_error(err) == "thread_not_found":
                return None  # no thread yet, so no reply in it
            problem = classify(err)
            if isinstance(problem, PermanentFailure):
                log.warning("can't look for an earlier send of %s (%s); sending it again", d.key, problem)
                return None
            raise problem from err

    async def _open_dm(self, user: str) -> str:
        """The DM conversation with `user`, opened on Slack the first time (`conversations.open`), then remembered."""
        if user not in self._dm_channels:
            resp = await self._api("conversations.open", users=user)
            self._dm_channels[user] = resp["channel"]["id"]
        return self._dm_channels[user]


def _carrying(found: list[dict[str, Any]], key: str) -> str | None:
    """The ts of the message (the first part of one) marked with outbox `key`."""
    for message in found:
        meta = message.get("metadata") or {}
        payload = meta.get("event_payload") or {}
        if meta.get("event_type") == OUTBOX_EVENT and payload.get("key") == key and payload.get("part", 0) == 0:
            return message.get("ts")
    return None


#: Failures of Slack or of the network on the way to it (a response URL that doesn't answer, a dropped connection,
#: a timeout, a Slack error): Slack can't say right now, which is one line in the log, not a bug's traceback.
UNREACHABLE = (SlackApiError, SlackRequestError, aiohttp.ClientError, asyncio.TimeoutError, OSError)


def unreachable(err: BaseException) -> str:
    """One line for the log."""
    if isinstance(err, SlackApiError):
        return f"Slack said {slack_error(err)}"
    return f"{type(err).__name__}: {err}" if str(err) else type(err).__name__


def slack_error(err: SlackApiError) -> str:
    """Slack's error code, also when the body wasn't JSON (a proxy's 502 page)."""
    data = getattr(err.response, "data", None)
    return str(data.get("error") or "") if isinstance(data, dict) else f"http_{getattr(err.response, 'status_code', 0)}"


def classify(err: SlackApiError, method: str = "") -> Exception:
    """A Slack error as the outbox understands it (`method`: the call that got it, which a 429 binds)."""
    status = getattr(err.response, "status_code", 0)
    code = slack_error(err)
    if status == 429 or code == "ratelimited":
        headers = err.response.headers or {}
        retry_after = next((v for k, v in headers.items() if k.lower() == "retry-after"), "1")
        try:
            seconds = float(retry_after if not isinstance(retry_after, list) else retry_after[0])
        except ValueError:
            seconds = 1.0
        return RetryLater(max(seconds, 1.0), method)
    if code in DM_CLOSED:  # the member's DMs are closed (a core member fact), unless the app's are for everyone
        return PermanentFailure(code, dm_closed=code != APP_CANT_DM)
    if code in PERMANENT:
        return PermanentFailure(code, not_allowed=code in NOT_ALLOWED)
    return err  # transient: the outbox backs off and tries again
