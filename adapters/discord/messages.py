"""Messages written to Hearth on Discord: a DM, or a message that mentions it.

Hearth works through slash commands, but people also simply write to it ("@Hearth I can't do this anymore").
Every such message is read as a command line is (`parse_line`), so it is screened like every text Hearth gets,
and words of concern get the care reply. A message has no private answer of its own (only an interaction can be
answered ephemerally), so the answer goes to the person's DM; a DM written outside any server Hearth can place
still gets the care reply, for anywhere.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord

from adapters.discord.components import fitted
from adapters.discord.render import message_parts
from adapters.discord.sender import CANNOT_DM
from adapters.discord.mentions import MENTION, neutral, public_name
from bot.commands.mentions import CHANNEL, addressed, mentions_read, refs
from bot.commands.parse import parse_line, rest_of_line, trimmed
from bot.errors import UserError
from bot.events import Actor, Event, Reply, rich
from bot.flows.crisis_care import NO_PRIVATE_WAY, edited_outside, written_outside
from bot.flows.my_data import by_dm
from bot.i18n import _
from bot.views.home import HELP

if TYPE_CHECKING:
    from adapters.discord.client import DiscordAdapter

log = logging.getLogger(__name__)

NO_PINGS = discord.AllowedMentions.none()


async def written_to_hearth(adapter: "DiscordAdapter", message: discord.Message, bot_id: int) -> None:
    """Read one message written to Hearth, screen it in the core, and answer the writer privately."""
    text, names = _marked(message.content, message, bot_id)
    text = trimmed(text) or HELP  # (invisible alone: an empty message)
    actor = _actor(message)
    if actor is None:
        mine = await _by_dm(adapter, message, text, names) if message.guild is None else None
        if mine is not None:
            await _answer(adapter, message, mine)
            return
        await _in_no_server(adapter, message, mentions_read(text, names))
        return
    if refs(text):  # someone named: "@someone", where Discord gives no name, in the writer's language
        await adapter.app.speak_to(actor)
    try:
        cmd, args = parse_line(adapter.app.registry, text, await adapter.app.check_in_names(actor.community_id),
                               names)
    except UserError as err:
        replies = await adapter.app.refused_line(actor, mentions_read(text, names), err.reply(),
                                                 f"discord:{message.id}", seen=message.guild is not None)
    else:
        # (in a server's channel, where others read the message, with their name: `Event.seen`)
        replies = await adapter.app.handle(Event("command", actor, cmd.name, args, event_id=f"discord:{message.id}",
                                                 typed=True, line=rest_of_line(adapter.app.registry, text, names),
                                                 seen=message.guild is not None))
    await _answer(adapter, message, [_no_form(r) for r in replies])


async def edited_to_hearth(adapter: "DiscordAdapter", message: discord.Message, before: str | None,
                           bot_id: int) -> None:
    """A message written to Hearth, edited (MESSAGE_UPDATE): the core screens the edit (`Hearth.edited_line`) and
    answers it, privately, only when it newly raises concern; an edit is never run as a command. `before`: the
    message's words before, when discord.py still holds the message (else None)."""
    actor = _actor(message)
    if actor is not None and MENTION.search((message.content or "") + (before or "")):
        await adapter.app.speak_to(actor)
    after = _words(message.content, message, bot_id)
    was = _words(before, message, bot_id) if before is not None else None
    if actor is None:  # a DM: no server to act in, and their DM is where the answer goes
        care = await edited_outside(adapter.app, f"discord:{message.author.id}", was, after, f"discord:{message.id}")
        if care is not None:
            await _send(adapter, message.channel, care)
        return
    await _answer(adapter, message, await adapter.app.edited_line(actor, was, after, f"discord:{message.id}"))


def _marked(content: str | None, message: discord.Message, bot_id: int) -> tuple[str, dict[str, str]]:
    """A message's words with each mention a neutral mark (`bot.commands.mentions`), without the leading address
    to Hearth (itself, or its own role), and the names Discord gives the people and roles it mentions (a member's
    display name here)."""
    names = {str(u.id): u.display_name for u in message.mentions}
    names |= {f"role:{r.id}": r.name for r in message.role_mentions}
    names |= {f"{CHANNEL}{c.id}": name for c in message.channel_mentions if (name := public_name(c, message.guild))}
    own_role = message.guild.self_role if message.guild is not None else None
    own = {str(bot_id)} | ({f"role:{own_role.id}"} if own_role is not None else set())
    text = neutral(content or "")
    return " ".join(addressed(text, own).split()), names


def _words(content: str | None, message: discord.Message, bot_id: int) -> str:
    """A message's words as its writer meant them: without the leading address to Hearth, every other mention
    the name of whom it names ("@Bobby"; "@someone" where Discord gives none)."""
    return mentions_read(*_marked(content, message, bot_id))


def _actor(message: discord.Message) -> Actor | None:
    """Who wrote, as the core sees them; None for a DM (no server to act in)."""
    author, guild = message.author, message.guild
    if guild is None or not isinstance(author, discord.Member):
        return None
    return Actor(community_id=f"discord:{guild.id}", user_id=f"discord:{author.id}", display_name=author.display_name,
                 platform_moderator=author.guild_permissions.manage_guild,
                 channel_id=f"discord:{message.channel.id}",
                 roles=tuple(str(r.id) for r in author.roles if not r.is_default()), community_name=guild.name)


async def _by_dm(adapter: "DiscordAdapter", message: discord.Message, text: str,
                 names: dict[str, str]) -> list[Reply] | None:
    """A command typed in a DM, which is in no server: a member's own data rights work there (`by_dm` decides);
    None for anything else."""
    try:
        cmd, args = parse_line(adapter.app.registry, text, [], names)
    except UserError:
        return None
    actor = Actor(community_id="", user_id=f"discord:{message.author.id}", display_name="", platform_moderator=None,
                  channel_id=f"discord:{message.channel.id}", in_dm=True)
    return await by_dm(adapter.app, Event("command", actor, cmd.name, args, event_id=f"discord:{message.id}",
                                          typed=True, seen=False))


async def _in_no_server(adapter: "DiscordAdapter", message: discord.Message, text: str) -> None:
    """A DM: Hearth can't tell which server it is about, but words of concern are answered all the same."""
    await _send(adapter, message.channel, await written_outside(adapter.app, text))


async def _answer(adapter: "DiscordAdapter", message: discord.Message, replies: list[Reply]) -> None:
    """Private replies to the writer's DM (a channel post stays a channel post, where one is made)."""
    try:
        for reply in replies:
            await _send(adapter, message.channel if reply.visibility == "channel" else message.author, reply)
    except discord.Forbidden as err:  # their DMs are closed to Hearth: a pointer in the channel, naming nothing
        if err.code != CANNOT_DM or message.guild is None:  # they wrote (in a DM, that DM is open: no such refusal)
            raise
        await adapter.app.dms_found_closed(f"discord:{message.author.id}")  # (told on their next interaction too)
        try:
            await message.channel.send(_(NO_PRIVATE_WAY), allowed_mentions=NO_PINGS, reference=message,
                                       mention_author=False)
        except discord.HTTPException as refused:  # (no right to post there): their next interaction tells them
            log.warning("could not point a member with closed DMs to a private answer: %s", refused)


async def _send(adapter: "DiscordAdapter", to: "discord.abc.Messageable", reply: Reply) -> None:
    """A reply as messages, its buttons under the last (the care reply's "Check on me tomorrow")."""
    reply, view = await fitted(reply, adapter.state)
    parts = message_parts(reply)
    for i, part in enumerate(parts):
        if view is not None and i == len(parts) - 1:
            await to.send(part, allowed_mentions=NO_PINGS, view=view, suppress_embeds=True)
        else:
            await to.send(part, allowed_mentions=NO_PINGS, suppress_embeds=True)


def _no_form(reply: Reply) -> Reply:
    """A message opens no modal: a form becomes the word to run the command for it."""
    if reply.form is None:
        return reply
    return Reply(body=reply.body + rich("\n\n" + _("_Please press the button or run the command again to open the "
                                                   "form._")), visibility=reply.visibility)
