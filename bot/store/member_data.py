"""Everything the store holds about one member of one community: count, export, erase.

Each repository answers for the data it keeps (`Repository.member_summary`,
`member_export`, `erase_member`, the way each Red-DiscordBot cog answers for
its own); this module composes their answers, and runs an erasure in one
transaction across all of them (`Store.repositories` gives the order: answers
before the member row).

Erasure rules (what "delete my data" means):

* member row, check-in memberships, private notes, reflection history and
  when a care note about them was last sent: deleted.
* care notes about them (`CareRepository.erase_member`): deleted, and their
  posts in the care channel (the note, and a "nobody is on duty" reminder)
  edited through the outbox to a line naming nobody ("a care note was
  here"), so a note moderators were about to act on doesn't vanish
  unexplained; what stays (`care_withdrawn`) is the note's number and when,
  for `mod care list` to count. A note not posted yet is never posted. A
  reminder already sent to a moderator's DMs stays there (platforms don't
  let Hearth delete in someone's DMs); the privacy notice says so. The
  audit log's care entries name the note's number, never the member, and
  stay.
* answers: every answer row is deleted, whatever its visibility. We do not
  keep anonymised moods for counts: "delete" should mean delete. Summaries
  already posted keep the numbers they showed.
* posts Hearth made for shared or anonymous answers: an outbox "delete" is
  queued for each, addressed by the platform's message id, so it goes out
  even though the answer row is gone (an anonymous post of a round still
  open waits for the round's next batch, as every anonymous change does). A
  post still waiting in the outbox is simply never sent. Beside each such
  removal (its outbox row, or its `held_posts` row while it waits for a
  batch) the member's id is kept in `tell`, and only that, until it is done:
  if the platform refuses it for good, they are told privately that the post
  is still up (`bot.engines.rounds.change_refused_notes`); sent, skipped or
  failed, `tell` is cleared.
* outbox entries that are about the member (their answers, DMs to them,
  anything whose key, target or message names their id): deleted.
* moderator records: audit rows they made are kept (moderators need the
  trail) with the actor replaced by "deleted-member", also inside details;
  their own moderator listing is removed, and that is itself an audit entry
  ("moderators.erased": a moderator left the list by deleting their data;
  no id, no name, no detail); "added_by"/"created_by" on moderators,
  schedules and prompts become "deleted-member".
* processed event ids hold no names and stay (they expire on their own).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from bot.clock import utc_iso
from bot.store.database import Executor, atomic
from bot.store.repository import DELETED

if TYPE_CHECKING:
    from datetime import datetime

    from bot.store.care import Payload
    from bot.store.store import Store

__all__ = ["DELETED", "Erased", "Summary", "compact", "erase", "export", "harden", "summary"]

#: The export's sections, in the order they are written (a repository's new section goes last).
EXPORT_ORDER = ("format", "exported_at", "community", "member", "settings", "memberships", "answers", "notes",
                "reflections", "moderator_actions")


@dataclass(frozen=True)
class Summary:
    """What Hearth holds about a member, as counts."""

    display_name: str
    timezone: str | None
    region: str | None
    language: str | None
    snoozed_until: str | None
    memberships: int
    answers: dict[str, int]
    notes: int
    reflections: int
    moderator_actions: int
    care_notes: int = 0
    """Care notes about them in the moderators' care channel (who, where only when it gives nothing away, never
    what)."""
    follow_up_due: str | None = None
    audit_mentions: int = 0
    """Moderators' audit entries that name them, someone else acting (made them a moderator, say)."""
    waiting_messages: int = 0
    """Messages to or about them waiting in the outbox (a reminder, a DM)."""
    held_answers: int = 0
    """Of the private answers, those held back from the post they chose, waiting for their choice."""
    held_stayed_private: int = 0
    """Of the private answers, those held back whose round closed before they chose: they stayed private."""
    answers_not_allowed: int = 0
    """Of the shared answers, those whose post the platform refused for good as Hearth may not post there: never
    up (anonymous ones refused so are "not posted" as any left unposted: history and export)."""
    answers_not_posted: int = 0
    """Of the shared answers, those whose post failed for good otherwise (no reason is claimed): never up."""
    posts_coming_down: int = 0
    """After their erasure: posts of theirs still being taken down, each kept with their id, only to tell them if
    it can't be (`Outgoing.tell`)."""
    posts_not_changed: int = 0
    """Answers whose post the platform refused for good to edit: it still shows their earlier words (`EDIT_REFUSED`)."""
    posts_not_taken_down: int = 0
    """Answers whose post the platform refused for good to take down: it is still up (`REMOVAL_REFUSED`)."""
    refused_commands: int = 0
    """Moderators' commands or buttons they tried and were refused (audit entries of theirs, never actions)."""


@dataclass
class Erased:
    """What an erasure removed, as counts (never content)."""

    answers: int = 0
    posts_to_remove: int = 0
    posts_later: int = 0
    """Of those, anonymous posts of rounds still open: they come down with the round's next batch."""
    posts_pooled: int = 0
    """Of those, anonymous posts of closed rounds: pooled with other erasures' (`RoundRepository.release_pooled`)."""
    notes: int = 0
    reflections: int = 0
    memberships: int = 0
    outbox: int = 0
    audit_rows_anonymised: int = 0
    care_notes: int = 0
    care_posts: int = 0
    """Posts of those notes in the care channel, being edited to say only that a care note was withdrawn."""
    care_notes_unposted: int = 0
    """Of the care notes, those whose post was still waiting for its tick: dropped, never posted."""
    moderator_listing: int = 0
    """1 when they were on the community's own moderator list, and so came off it (an audit entry says a moderator
    did, never who)."""


async def communities_of(store: "Store", user_id: str) -> dict[str, str]:
    """The communities Hearth holds anything of the member's in, by id, with their names ("" if none known): their
    row there, or their posts an erasure of theirs is still taking down. On their own platform only."""
    held = dict(await store.communities.held_for(user_id))
    platform = user_id.split(":", 1)[0] + ":"
    for community_id in sorted(await store.outbox.erasing_for(user_id) - held.keys()):
        if community_id.startswith(platform):
            found = await store.communities.get(community_id)
            held[community_id] = found.name if found is not None else ""
    return dict(sorted(held.items()))


async def summary(store: "Store", community_id: str, user_id: str) -> Summary:
    parts: dict[str, Any] = {}
    for repository in store.repositories:
        parts.update(await repository.member_summary(community_id, user_id))
    return Summary(**parts)


async def export(store: "Store", community_id: str, user_id: str, now: "datetime") -> dict[str, Any]:
    """Everything about the member, as plain JSON-ready data (notes decrypted)."""
    parts: dict[str, Any] = {"format": "hearth-export/1", "exported_at": utc_iso(now), "community": community_id}
    for repository in store.repositories:
        parts.update(await repository.member_export(community_id, user_id))
    ordered = {key: parts.pop(key) for key in EXPORT_ORDER if key in parts}
    return {**ordered, **parts}


async def erase(store: "Store", community_id: str, user_id: str, now: "datetime",
                care_withdrawn: "Payload | None" = None) -> Erased:
    """Remove everything that names the member in this community, in one transaction. `care_withdrawn`: what
    the posts of care notes about them say instead, in the community's language (`CareRepository.erase_member`)."""
    await store.harden()

    async def once(tx: Executor) -> Erased:
        counts = dict.fromkeys((f.name for f in fields(Erased)), 0)
        for repository in store.repositories:
            said = (await store.care.erase_member(tx, community_id, user_id, now, care_withdrawn)
                    if repository is store.care else await repository.erase_member(tx, community_id, user_id, now))
            for name, n in said.items():
                counts[name] += n
        return Erased(**counts)

    erased = await atomic(store.db, once)  # (PostgreSQL: it may meet retention or a batch; it runs again, whole)
    await store.compact()
    return erased


async def harden(store: "Store") -> None:
    """SQLite: overwrite deleted content with zeros instead of leaving it in free pages."""
    await store.harden()


async def compact(store: "Store") -> None:
    """SQLite: fold the write-ahead log in, so old page copies don't linger in the -wal file."""
    await store.compact()
