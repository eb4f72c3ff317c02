"""Whose channel is it: the one rule for every channel a moderator names (a check-in's, the care team's, the digest's).

A channel named by a moderator must be on the moderator's own platform and in their own community. Only the
platform can say the second, so each adapter registers a `ChannelDirectory` on the Hearth app
(`Hearth.add_channel_directory`), as it registers its `Sender` on the outbox.

When the platform can't tell right now (no directory for it, a timeout, an error, or `belongs` answering None),
Hearth refuses and changes nothing: a wrong target would post a community's check-ins, or a care note, where
other people read them, and a moderator can simply try again a minute later.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Protocol

from bot.commands.registry import visible
from bot.errors import UserError
from bot.events import Actor, channel, hearth_text
from bot.i18n import N_, _

if TYPE_CHECKING:
    from bot.app import Hearth

log = logging.getLogger(__name__)

#: How long a platform may take to say whose a channel is before Hearth refuses (and asks to try again).
ASK_SECONDS = 10.0

OTHER_PLATFORM = N_("That channel is on {platform}, but you're moderating from {own}. Please choose a channel "
                    "of this community, here on {own}.")
NOT_HERE = N_("I can't find that channel in this community, so I didn't change anything. Please choose one of "
              "this community's own channels that I can post in.")
CANT_TELL = N_("I couldn't check that channel just now, so I didn't change anything. Please try again in a "
               "minute.")
NO_CHANNEL = N_("Please name a channel, e.g. #general.")
ALERT_IN_ROUNDS = N_("Care notes name members who may need support, and {channel} is where the check-in “{schedule}” "
                     "posts its rounds, so everyone there would read them. I didn't change anything. Please choose "
                     "a channel only the people who look after care notes can see, like #care-team.")
ROUNDS_IN_ALERT = N_("{channel} is where care notes go: they name members who may need support. A check-in posted "
                     "there would bring everyone to read them, so I didn't change anything. Please choose another "
                     "channel for the check-in, like #general.")


class ChannelDirectory(Protocol):
    """An adapter's answer to "is this channel in that community, and can Hearth post there?"."""

    platform: str

    async def belongs(self, community_id: str, channel_id: str) -> bool | None:
        """True: the channel is in the community and takes Hearth's posts. False: it isn't (another server or
        workspace, gone, or a kind of channel Hearth can't post in). None: can't tell right now."""
        ...


def written_channel(actor: Actor, raw: str) -> str:
    """What a moderator typed, as a namespaced channel id: `#general`, `<#123>`, `<#C1|general>` and `discord:123`
    all read; a bare name or id gets the actor's platform."""
    value = visible(raw)  # (no direction control or zero-width space in a channel's name: `visible`'s rule)
    if value.startswith("<#") and value.endswith(">"):  # a mention, as Discord and Slack write them
        value = value[2:-1].split("|", 1)[0]
    value = value.lstrip("#").strip()
    return value if ":" in value else f"{actor.platform}:{value}"


async def own_channel(app: "Hearth", actor: Actor, raw: str, field: str) -> str:
    """The channel `raw` names, once its platform says it is in `actor`'s community; else a kind refusal about
    `field` (nothing changed)."""
    channel_id = written_channel(actor, raw)
    platform, _sep, bare = channel_id.partition(":")
    if not bare or any(c.isspace() for c in bare):  # (no platform's channel holds a space: words are no channel,
        raise UserError(_(NO_CHANNEL), field=field)  # even where a directory would take any name, the terminal's)
    if platform != actor.platform:
        raise UserError(_(OTHER_PLATFORM), field=field, platform=hearth_text(platform),
                        own=hearth_text(actor.platform))
    verdict = await _ask(app, actor.community_id, channel_id)
    if verdict is None:
        raise UserError(_(CANT_TELL), field=field)
    if not verdict:
        raise UserError(_(NOT_HERE), field=field)
    return channel_id


async def care_kept_apart(app: "Hearth", community_id: str, field: str, *, alert: str | None = None,
                          rounds: str | None = None) -> None:
    """The one rule keeping care notes out of the rounds' channels, whichever is named (`alert`: the care notes'
    channel a moderator sets; `rounds`: a check-in's channel): refused kindly, about `field`, when the other already
    uses that channel. Care notes name someone who may be in danger; a check-in's channel is read by all."""
    if alert:
        for schedule in await app.store.schedules.list_all(community_id):
            if schedule.channel_id == alert:
                raise UserError(_(ALERT_IN_ROUNDS), field=field, channel=channel(alert), schedule=schedule.name)
    if rounds:
        community = await app.store.communities.get(community_id)
        if community is not None and community.settings.alert_channel == rounds:
            raise UserError(_(ROUNDS_IN_ALERT), field=field, channel=channel(rounds))


async def _ask(app: "Hearth", community_id: str, channel_id: str) -> bool | None:
    directory = app.channel_directories.get(channel_id.partition(":")[0])
    if directory is None:
        log.warning("no channel directory for %s: a channel named there can't be checked, so it is refused",
                    channel_id.partition(":")[0])
        return None
    try:
        return await asyncio.wait_for(directory.belongs(community_id, channel_id), ASK_SECONDS)
    except Exception as err:  # a timeout or the platform's error: can't tell
        log.warning("couldn't ask %s whose channel %s is: %r", directory.platform, channel_id, err)
        return None
