"""Old answers are purged after the community's retention period.

People answer in the moment; they shouldn't have to remember to clean up
years later. Answers (and the record of which reflection prompts someone was
given) older than the retention period are deleted, along with the outbox
rows that carried them. Private notes are kept until their author deletes
them: a note is something someone chose to keep.

The period is the community's `retention_days`, capped by the server's
`privacy.retention_days`: whoever runs Hearth can promise a maximum.
Posts already in a channel stay; they are the platform's history now.
Only counts are logged, never content.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING

from bot.commands.registry import ONCE_DAYS
from bot.commands.router import Router
from bot.models import Community
from bot.store.member_data import compact, harden

if TYPE_CHECKING:
    from bot.app import Hearth

log = logging.getLogger(__name__)

router = Router("retention")

#: Retried deliveries arrive within minutes; event ids older than this are noise.
PROCESSED_EVENTS_DAYS = ONCE_DAYS  # a spent button is remembered as long as it could work


def retention_days(app: "Hearth", community: Community) -> int:
    """The community's choice, never longer than the server's cap."""
    return min(community.settings.retention_days, app.config["privacy.retention_days"])


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
    n = await app.store.purge_community(community.id, app.now() - timedelta(days=days))
    if n:
        log.info("retention: purged %d answer(s) older than %d days in %s", n, days, community.id)
    return n
