"""Old answers are purged after the community's retention period.

People answer in the moment; they shouldn't have to remember to clean up
years later. Answers (and the record of which reflection prompts someone was
given) older than the retention period are deleted, along with the outbox
rows that carried them, and their posts still in a channel (named and
anonymous) are taken down, as `me delete` takes a member's down. Round posts
and summaries (counts, never names) stay. Private notes are kept until their
author deletes them: a note is something someone chose to keep.

The period is the community's `retention_days`, capped by the server's
`privacy.retention_days`: whoever runs Hearth can promise a maximum.
A long backlog (the first run after a shorter period was set) is deleted in
slices (`Store.purge_community`), each slice's posts queued to come down in
its own transaction and paced (`TAKE_DOWN_PER_MINUTE`) so the messages people
are waiting for still go first. Only counts are logged, never content.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING

from bot.commands.registry import ONCE_DAYS
from bot.commands.router import Router
from bot.models import Community
from bot.store.member_data import compact, harden
from bot.store.rounds import TICK
from bot.store.store import PURGE_SLICE, Purged

if TYPE_CHECKING:
    from bot.app import Hearth

log = logging.getLogger(__name__)

router = Router("retention")

#: How many old posts retention takes down a minute at most (per community), leaving the platform's rate for
#: everything else: Discord and Slack both allow several deletions a second.
TAKE_DOWN_PER_MINUTE = 300
#: Retried deliveries arrive within minutes; event ids older than this are noise.
PROCESSED_EVENTS_DAYS = ONCE_DAYS  # a spent button is remembered as long as it could work


def retention_days(app: "Hearth", community: Community, chosen: int | None = None) -> int:
    """The community's choice (or `chosen`, one a moderator is making), never longer than the server's cap."""
    if chosen is None:
        return app.in_force(community).settings.retention_days
    return min(chosen, app.config["privacy.retention_days"])


@router.job("pooled_removals", every=TICK, first=timedelta(0))
async def release_pooled_removals(app: "Hearth") -> int:
    """Anonymous posts of erased answers that had no batch left to hide in (`Batching`): taken down all together
    once at least the community's floor of erasures wait, or with their round's posts when retention clears them
    for everyone; on the clock's tick, never an erasure's. Returns how many."""
    # (rounds' engine needs the registry this module is read by)
    from bot.engines.rounds import anonymity_floor, settle_waiting_posts

    now, total = app.now(), 0
    for community in await app.store.communities.list_all():
        cleared = now - timedelta(days=retention_days(app, community))
        total += await app.store.rounds.release_pooled(community.id, anonymity_floor(app, community), cleared, now)
        # (and a closed round's batch an erasure took back, should `me delete` have stopped before settling it)
        await settle_waiting_posts(app, community.id, closed_only=True)
    return total


@router.job("purge", every=timedelta(days=1), first=timedelta(0))  # at start too: a restart after days away
async def purge_expired(app: "Hearth") -> int:
    """Delete answers older than each community's retention period; returns how many. Daily, and at start."""
    await harden(app.store)
    total = 0
    for community in await app.store.communities.list_all():
        total += await _purge_community(app, community)
    await _purge_delivery_history(app)
    await compact(app.store)
    if total:
        log.info("retention: purged %d expired answer(s)", total)
    return total


async def _purge_delivery_history(app: "Hearth") -> None:
    """Sent and failed outbox rows (they copy names and words) past the server's cap, and old event ids."""
    cap = app.now() - timedelta(days=app.config["privacy.retention_days"])
    await app.store.outbox.purge_history(cap, app.now() - timedelta(days=PROCESSED_EVENTS_DAYS))
    await app.store.dashboard.purge(app.now() - timedelta(days=1))  # dashboard links and sessions over a day ago


async def _purge_community(app: "Hearth", community: Community) -> int:
    days = retention_days(app, community)

    def progress(so_far: Purged) -> None:
        log.info("retention: %d answer(s) purged so far in %s (%d post(s) to take down)", so_far.answers,
                 community.id, so_far.posts)

    spacing = timedelta(minutes=PURGE_SLICE / TAKE_DOWN_PER_MINUTE)
    gone = await app.store.purge_community(community.id, app.now() - timedelta(days=days), app.now(),
                                           spacing=spacing, progress=progress)
    if gone.answers:
        log.info("retention: purged %d answer(s) older than %d days in %s; %d post(s) to take down",
                 gone.answers, days, community.id, gone.posts)
    if gone.posts:
        app.outbox.kick()
    return gone.answers
