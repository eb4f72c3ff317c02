"""Hearth's outbox, sent through discord.py: posts, DMs, thread replies, edits, deletes.

discord.py already waits out Discord's rate limits (buckets, 429 and
Retry-After), so nothing here raises RetryLater. A closed DM (error 50007)
is a permanent failure, and the member is not DM'd again until they join a
check-in again: Discord counts every refused DM against the bot. So is any
other request Discord refuses (a 4XX but 429: an invalid body, a missing
permission): the same request would get the same answer. A 429 discord.py
gave up waiting out, a 5XX and the network are tried again later.

Every new message is sent with its outbox key as the nonce (discord.py then
sets `enforce_nonce`): if a send is repeated after a crash, Discord answers
with the message the first send created instead of posting a second one.
"""

from __future__ import annotations

import io
import logging
from typing import TYPE_CHECKING, Any

import discord

from adapters.discord.components import MORE_BUTTONS, fitted
from adapters.discord.render import MESSAGE_LIMIT, ZWSP, chunks, fits_one, one_message, reply_text
from bot.delivery.sender import Delivery, PermanentFailure
from bot.i18n import N_, _, speaking

if TYPE_CHECKING:
    from adapters.discord.client import DiscordAdapter

log = logging.getLogger(__name__)

NO_PINGS = discord.AllowedMentions.none()
CANNOT_DM = 50007
UNKNOWN_CHANNEL = 10003
UNKNOWN_MESSAGE = 10008
THREAD_EXISTS = 160004
THREAD_NAME = N_("Check-in answers")
#: Discord's longest nonce; "outbox:<id>" fits with room to spare.
NONCE_MAX = 25
#: Codes where retrying cannot help: missing access/permissions, unknown channel.
PERMANENT_CODES = {10003, 50001, 50013}
#: Codes that say Discord doesn't let Hearth post there (`PermanentFailure.not_allowed`), from Discord's published
#: JSON error codes: 50001 Missing Access, 50013 Missing Permissions, 50083 an archived thread, 160002 replying
#: needs Read Message History, 160005 a locked thread. Only these: any other refusal, a 403 included (20009 explicit
#: content, 40002 the account must be verified, a proxy's HTML page with code 0), is not said to be about Hearth's
#: permission there. (10003 Unknown Channel is a channel gone, and 50035 Invalid Form Body the message.)
NOT_ALLOWED_CODES = {50001, 50013, 50083, 160002, 160005}
TOO_MANY_REQUESTS = 429


def _refused(status: int) -> bool:
    """Discord won't carry this request out, now or later: a client error, except "too many requests"."""
    return 400 <= status < 500 and status != TOO_MANY_REQUESTS


def snowflake(namespaced: str | None) -> int:
    """`discord:123` → 123 (refusing ids from another platform)."""
    if not namespaced:
        raise PermanentFailure("no Discord id to send to")
    platform, _sep, raw = namespaced.rpartition(":")
    if platform not in ("", "discord") or not raw.isdigit():
        raise PermanentFailure(f"{namespaced!r} is not a Discord id")
    return int(raw)


def split_ref(ref: str) -> tuple[int | None, int]:
    """A message ref is `<message>` or `<channel>/<message>` (replies in threads)."""
    channel, _sep, message = ref.rpartition("/")
    return (int(channel) if channel else None), int(message)


class DiscordSender:
    platform = "discord"

    def __init__(self, adapter: "DiscordAdapter", rate_per_second: float = 5.0) -> None:
        self.adapter = adapter
        self.rate_per_second = rate_per_second

    @property
    def client(self) -> discord.Client:
        return self.adapter.client

    async def send(self, delivery: Delivery) -> str | None:
        """In the language the message was made in (what this adapter adds to it, a thread's name, too)."""
        with speaking(delivery.message.lang):
            return await self._send_refusals_told(delivery)

    async def _send_refusals_told(self, delivery: Delivery) -> str | None:
        try:
            return await self._send(delivery)
        except discord.Forbidden as err:
            if err.code == CANNOT_DM:
                raise PermanentFailure("this member's DMs are closed to Hearth", dm_closed=True) from err
            raise PermanentFailure(f"Discord refused ({err.code}): {err.text}",
                                   not_allowed=err.code in NOT_ALLOWED_CODES) from err
        except discord.NotFound as err:
            if delivery.kind == "delete":
                return None  # already gone: that was the point
            raise PermanentFailure(f"Discord couldn't find it ({err.code}): {err.text}",
                                   gone=delivery.kind == "edit" and err.code == UNKNOWN_MESSAGE) from err
        except discord.HTTPException as err:
            if err.code in PERMANENT_CODES or _refused(err.status):
                raise PermanentFailure(f"Discord refused ({err.code}): {err.text}",
                                       not_allowed=err.code in NOT_ALLOWED_CODES) from err
            raise

    async def find_sent(self, d: Delivery) -> str | None:
        """Always None: sending again is how a Discord delivery is checked.

        Every send carries `nonce=d.key` with `enforce_nonce`, so a send
        repeated after a crash gets back the message the first one created,
        at no extra request. Discord keeps nonces for a few minutes, longer
        than the default 60 s lease, so a take-over by a running process or
        a prompt restart is exact; a restart after a longer outage may repeat
        the few sends that were in flight (at least once, as before).
        Reading history instead would need Read Message History in every
        channel and a request per entry taken over, and history can't tell a
        message from the same text sent on purpose twice: the nonce can.
        """
        return None

    async def _send(self, d: Delivery) -> str | None:
        if d.kind == "post":
            self._in_its_server(d)
            channel = self.client.get_partial_messageable(snowflake(d.channel))
            return str((await channel.send(**await self._content(d))).id)
        if d.kind == "dm":
            user = d.user or ""
            dm = await self.client.create_dm(discord.Object(snowflake(user)))
            first = None
            for content in await self._dm_contents(d):
                sent = await dm.send(**content)
                first = first or sent
            assert first is not None
            return str(first.id)
        if d.kind == "thread":
            return await self._send_in_thread(d)
        if d.kind in ("edit", "delete"):
            if not d.ref:
                raise PermanentFailure("nothing to edit: the message has no id")
            channel_id, message_id = split_ref(d.ref)
            channel = self.client.get_partial_messageable(channel_id or snowflake(d.channel))
            message = channel.get_partial_message(message_id)
            if d.kind == "delete":
                await message.delete()
            else:
                content = await self._content(d)
                await message.edit(content=content["content"], view=content.get("view"),
                                   allowed_mentions=NO_PINGS)  # (it keeps the flag it was sent with)
            return d.ref
        raise PermanentFailure(f"unknown delivery kind {d.kind!r}")

    def _in_its_server(self, d: Delivery) -> None:
        """Refuse a post for one community to a channel Discord puts in another server (Hearth checked the channel
        when a moderator named it; this holds for a row written before that, or by a bug). Read from the cache,
        which holds every channel of Hearth's servers: no request is spent, and an uncached channel passes."""
        if not d.community:
            return
        prefix, _sep, guild = d.community.partition(":")
        channel = self.client.get_channel(snowflake(d.channel))
        if channel is None and prefix == "discord":
            return
        where = getattr(getattr(channel, "guild", None), "id", None)
        if prefix != "discord" or not guild.isdigit() or where != int(guild):
            raise PermanentFailure(f"channel {d.channel} is not in {d.community}'s server: not posted")

    async def _send_in_thread(self, d: Delivery) -> str:
        """Reply in the round post's thread, starting the thread on first use.

        A thread started from a message has that message's id, so the thread
        is found again from the round post alone, on any process.
        """
        parent = snowflake(d.parent_ref)
        thread = self.client.get_partial_messageable(parent)
        content = await self._content(d)
        try:
            sent = await thread.send(**content)
        except discord.NotFound as err:
            if err.code != UNKNOWN_CHANNEL:
                raise
            await self._start_thread(snowflake(d.channel), parent)
            sent = await thread.send(**content)
        return f"{parent}/{sent.id}"

    async def _start_thread(self, channel_id: int, message_id: int) -> None:
        channel = self.client.get_channel(channel_id) or await self.client.fetch_channel(channel_id)
        if not isinstance(channel, discord.TextChannel):
            raise PermanentFailure(f"channel {channel_id} can't hold threads")
        message = channel.get_partial_message(message_id)
        try:
            await message.create_thread(name=_(THREAD_NAME), auto_archive_duration=1440)
        except discord.HTTPException as err:
            if err.code != THREAD_EXISTS:  # another process started it first: fine
                raise

    async def _dm_contents(self, d: Delivery) -> list[dict[str, Any]]:
        """A DM as one message, or as several when its text doesn't fit one even compactly (`fits_one`): someone's
        own words kept for them (`Hearth.keep_privately`: a 6000-character note given back) are never cut. Its id
        is the first message's. Only a DM: a post's or a thread reply's id is what its later edits and removal
        act on, one message (and an answer's post always fits one: `one_message`). Each message has a nonce of its
        own, so a repeated send still posts each once; the buttons and a file go with the last."""
        content = await self._content(d)
        if fits_one(d.message):
            return [content]
        parts = [p for p in chunks(reply_text(d.message)) if p.strip()]
        message, _view = await fitted(d.message, self.adapter.state)
        if message is not d.message:  # (the rest of its buttons: the note, kept whole, under the last part)
            note = "\n\n" + _(MORE_BUTTONS)
            parts = [p for p in chunks(reply_text(d.message), MESSAGE_LIMIT - len(note)) if p.strip()]
            parts[-1] += note
        out = []
        for i, text in enumerate(parts):
            last = i == len(parts) - 1
            one = {k: v for k, v in content.items() if last or k not in ("view", "file")}
            one["content"] = text
            if i and "nonce" in one:
                one["nonce"] = f"{d.key}:{i}"[-NONCE_MAX:]
            out.append(one)
        return out

    async def _content(self, d: Delivery) -> dict[str, Any]:
        message, view = await fitted(d.message, self.adapter.state)
        if message is d.message:
            text = one_message(message)
        else:  # (where the rest of its buttons are: kept whole, whatever a long text loses)
            note = "\n\n" + _(MORE_BUTTONS)
            text = one_message(d.message, MESSAGE_LIMIT - len(note)) + note
        # Sent without embeds (Discord's SUPPRESS_EMBEDS flag), as Slack's are with unfurling off: a link in a
        # member's words must not put another site's picture, title and text in the channel under Hearth's name.
        content: dict[str, Any] = {"content": text if text.strip() else ZWSP, "allowed_mentions": NO_PINGS,
                                   "suppress_embeds": True}
        if d.key and d.kind in ("post", "dm", "thread"):
            content["nonce"] = d.key[:NONCE_MAX]  # discord.py adds enforce_nonce
        if view is not None or d.kind == "edit":
            content["view"] = view
        attachment = d.message.attachment
        if attachment is not None and d.kind in ("post", "dm", "thread"):  # (an edit keeps the message's file)
            content["file"] = discord.File(io.BytesIO(attachment.content), filename=attachment.filename)
        return content
