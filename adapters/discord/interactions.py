"""One interaction in, Hearth's replies out: within Discord's three seconds.

Slash commands, button presses and modal submissions all become core events
here. The core gets about two seconds; if it needs longer the interaction is
deferred (Discord shows "thinking…") and the replies follow. Personal
replies are ephemeral; a form opens as a modal when it can.
"""

from __future__ import annotations

import asyncio
import io
import logging
from typing import TYPE_CHECKING, Any

import aiohttp
import discord

from adapters.discord.components import build_modal, fitted
from adapters.discord.render import message_parts, reply_text
from adapters.discord.uploads import with_upload
from adapters.late import if_late
from adapters.uploads import UploadRefused
from bot.app import NOT_SURE
from bot.errors import care_of
from bot.flows.crisis_care import OUTSIDE_MINE
from bot.events import Actor, Event, Reply, join_rich, rich
from bot.i18n import N_, _, use
from bot.language import from_locale

if TYPE_CHECKING:
    from adapters.discord.client import DiscordAdapter

log = logging.getLogger(__name__)

NO_PINGS = discord.AllowedMentions.none()
#: How long the core may take before the interaction is deferred (Discord allows 3 s).
DEFER_AFTER = 2.0

def sorry() -> Reply:
    """The apology after a failure: true however far it got (`NOT_SURE`), and an error, so that a form's words
    come back with it (`kept_values`)."""
    return Reply(body=rich(_(NOT_SURE)), error=True)


def not_in_dms() -> Reply:
    """Anything but a member's own data rights, in a DM (which is in no server): where it works, and what does here."""
    return Reply(body=rich(_("I can only do that inside the server. Please use the button or command there.") + " "
                           + _(OUTSIDE_MINE)))


def left_server() -> Reply:
    """A button or form in a DM, for a server the person is no longer in (they left, or were removed): refused, so
    nothing goes there in their name."""
    return Reply(body=rich(_("You're no longer in the server this belongs to, so I can't do it there. Nothing was "
                             "changed.")), error=True)


def expired() -> Reply:
    return Reply(body=rich(_("This button has expired. Please run the command again.")))


#: A form Hearth can no longer read (its arguments gone, or no form of Hearth's): nothing in it was run.
FORM_EXPIRED = N_("This form has expired. Please open it again.")


def form_expired() -> Reply:
    return Reply(body=rich(_(FORM_EXPIRED)))


def speak_their_locale(interaction: discord.Interaction) -> None:
    """Until the core knows better (`Hearth.handle` adds the member's own choice and the community's), what is
    said to this person is in their Discord client's language."""
    use(from_locale(getattr(interaction.locale, "value", None)))


def actor_for(interaction: discord.Interaction, community_id: str | None = None) -> Actor | None:
    """Who is acting, as the core sees them; None in a DM with no community to act in."""
    user = interaction.user
    if interaction.guild_id is not None:
        community_id = f"discord:{interaction.guild_id}"
        roles = tuple(str(r.id) for r in getattr(user, "roles", ()) if not r.is_default())
        moderator: bool | None = bool(interaction.permissions.manage_guild)
    else:  # a DM carries no server permissions: no word either way (see `Action.community_of`)
        roles, moderator = (), None
    if community_id is None:
        return None
    return Actor(
        community_id=community_id,
        user_id=f"discord:{user.id}",
        display_name=user.display_name,
        platform_moderator=moderator,
        channel_id=f"discord:{interaction.channel_id}" if interaction.channel_id else None,
        timezone=None,
        roles=roles,
        locale=getattr(interaction.locale, "value", None),  # the user's own client language, on every interaction
        community_name=getattr(interaction.guild, "name", None) if interaction.guild_id is not None else None,
        in_dm=interaction.guild_id is None,  # (a button or form in their DM, acting in a server: `Action.community_of`)
    )


def dm_actor(interaction: discord.Interaction) -> Actor:
    """Who wrote or pressed in their DM, placed in no server: only who they are and that it came by DM (the core
    decides what they may do there, `bot.flows.my_data.by_dm`). No name: the one each server knows stays."""
    return Actor(community_id="", user_id=f"discord:{interaction.user.id}", display_name="",
                 platform_moderator=None, channel_id=f"discord:{interaction.channel_id}" if interaction.channel_id
                 else None, locale=getattr(interaction.locale, "value", None), in_dm=True)


def received() -> float:
    """When an interaction's handling began (the loop's clock): Discord's three seconds run from there, through
    whatever is looked up before the core (a round, a note's server, roles), not from the core's start."""
    return asyncio.get_running_loop().time()


def _left(started: float | None) -> float:
    """Of `DEFER_AFTER`, what is left since `started` (all of it without a start)."""
    return DEFER_AFTER if started is None else max(0.0, DEFER_AFTER - (received() - started))


async def show_in_time(adapter: "DiscordAdapter", interaction: discord.Interaction, replies: list[Reply],
                       started: float) -> None:
    """`show`, deferring first if what came before it used up the time to answer outright."""
    if _left(started) <= 0 and not interaction.response.is_done():
        await _defer(interaction)
    await show(adapter, interaction, replies)


async def answer(adapter: "DiscordAdapter", interaction: discord.Interaction, event: Event,
                 upload: discord.Attachment | None = None, started: float | None = None) -> None:
    """Run the event (with its uploaded file, if any) through the core and show its replies; deferred once
    `DEFER_AFTER` has passed since `started` (`received`), so Discord's three seconds are never missed."""
    try:
        async with if_late(_left(started), lambda: _defer(interaction)):
            replies = await _handle(adapter, event, upload)
    except Exception as err:
        log.exception("handling %s %s failed", event.kind, event.name)
        replies = [*care_of(err), sorry()]  # (words of concern in it: the care reply first, `FailedAfterCare`)
    replies = [*replies, *kept_values(event, replies)]
    try:
        await show(adapter, interaction, replies)
    except UNREACHABLE as err:  # (the interaction expired, or Discord can't be reached)
        log.warning("could not answer interaction %s: %s", interaction.id, err)
        # Their own words in it are nowhere else: the outbox sends them to their DM once Discord answers.
        if not await adapter.app.keep_privately(event.actor, replies, f"discord:{interaction.id}"):
            raise


#: What showing a reply may meet that is no bug of Hearth's: Discord refused (10062 Unknown interaction, once
#: its three seconds or fifteen minutes are out) or could not be reached.
UNREACHABLE = (discord.HTTPException, aiohttp.ClientError, asyncio.TimeoutError, OSError)


def kept_values(event: Event, replies: list[Reply]) -> list[Reply]:
    """A refused form can't stay open on Discord (a modal can't answer a modal), so what was typed comes back
    beside the refusal, which names the field: nothing is lost. Seen only by the person who typed it. A care reply
    beside the refusal (`Reply.keep`, no refusal itself) leaves it refused."""
    if event.kind != "form" or not any(r.error for r in replies) or not all(r.error or r.keep for r in replies):
        return []
    typed = [(name, value.strip()) for name, value in event.values.items() if value.strip()]
    if not typed:
        return []
    lines = [rich(_("_What you typed, so you can use it again:_"))]
    lines += [rich("• {}: {}", name.replace("_", " "), value) for name, value in typed]  # (both from the payload)
    return [Reply(body=join_rich(lines), keep=True)]


async def _defer(interaction: discord.Interaction) -> None:
    """Discord shows "thinking…" while the core finishes; the replies then follow up."""
    try:
        await interaction.response.defer(ephemeral=True, thinking=True)
    except discord.HTTPException:
        log.warning("could not defer interaction %s", interaction.id, exc_info=True)


async def _handle(adapter: "DiscordAdapter", event: Event, upload: discord.Attachment | None) -> list[Reply]:
    """Fetching the file counts against the same three seconds as the core's work."""
    try:
        event = await with_upload(adapter.app, event, upload) if upload is not None else event
    except UploadRefused as refused:
        return [refused.reply]
    return await adapter.app.handle(event)


async def show(adapter: "DiscordAdapter", interaction: discord.Interaction, replies: list[Reply]) -> None:
    if not replies:
        if not interaction.response.is_done():
            await interaction.response.send_message(_("Okay."), ephemeral=True)
        return
    for i, reply in enumerate(replies):
        if reply.form is not None and not interaction.response.is_done():
            await interaction.response.send_modal(await build_modal(reply.form, adapter.state, reply_text(reply)))
            if i + 1 < len(replies):  # a modal answer can't be followed by messages
                log.warning("dropped %d reply(s) after a form for %s", len(replies) - i - 1, interaction.id)
            return
        if reply.form is not None:  # too late for a modal: Discord only opens one as the first answer
            reply = Reply(body=reply.body + rich("\n\n" + _("_Please press the button or run the command again to "
                                                            "open the form._")), visibility=reply.visibility)
        await _send(adapter, interaction, reply)


async def _send(adapter: "DiscordAdapter", interaction: discord.Interaction, reply: Reply) -> None:
    ephemeral = reply.visibility == "actor"
    reply, view = await fitted(reply, adapter.state)
    parts = message_parts(reply)
    file = discord.File(io.BytesIO(reply.attachment.content), filename=reply.attachment.filename) \
        if reply.attachment else None
    for i, text in enumerate(parts):
        last = i == len(parts) - 1
        kwargs: dict[str, Any] = {"content": text, "allowed_mentions": NO_PINGS, "suppress_embeds": True}
        if last and view is not None:
            kwargs["view"] = view
        if last and file is not None:
            kwargs["file"] = file
        if not interaction.response.is_done():
            if _updates_source(interaction, reply, len(parts)):
                kwargs.setdefault("view", None)
                if "file" in kwargs:
                    kwargs["attachments"] = [kwargs.pop("file")]
                await interaction.response.edit_message(**kwargs)
            else:
                await interaction.response.send_message(ephemeral=ephemeral, **kwargs)
        else:
            await interaction.followup.send(ephemeral=ephemeral, **kwargs)


def _updates_source(interaction: discord.Interaction, reply: Reply, parts: int) -> bool:
    """A button on a private message (e.g. "Are you sure?") updates that message in place; a refusal doesn't
    (nothing happened, so the message and its buttons stay as they were, for whom they were shown)."""
    message = interaction.message
    return (interaction.type == discord.InteractionType.component and message is not None
            and message.flags.ephemeral and reply.visibility == "actor" and parts == 1 and not reply.error
            and not reply.aside)  # (a second press: the first press's answer stays in place)
