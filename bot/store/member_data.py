"""Everything the store holds about one member of one community: count, export, erase.

Kept apart from `Store` so the data-rights rules live in one place, in the
same portable SQL the store speaks (`?` placeholders, no dialect features
except the SQLite-only hardening, which is skipped on other databases).

Erasure rules (what "delete my data" means):

* member row, check-in memberships, private notes, reflection history and
  when a care note about them was last sent: deleted.
* answers: every answer row is deleted, whatever its visibility. We do not
  keep anonymised moods for counts: "delete" should mean delete. Summaries
  already posted keep the numbers they showed.
* posts Hearth made for shared or anonymous answers: an outbox "delete" is
  queued for each, addressed by the platform's message id, so it goes out
  even though the answer row is gone (an anonymous post of a round still
  open waits for the round's next batch, as every anonymous change does). A
  post still waiting in the outbox is simply never sent.
* outbox entries that are about the member (their answers, DMs to them,
  anything whose key, target or message names their id): deleted.
* moderator records: audit rows they made are kept (moderators need the
  trail) with the actor replaced by "deleted-member", also inside details;
  their own moderator listing is removed; "added_by"/"created_by" on
  moderators, schedules and prompts become "deleted-member".
* processed event ids hold no names and stay (they expire on their own).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.clock import utc_iso
from bot.store.database import Executor

if TYPE_CHECKING:
    from datetime import datetime

    from bot.store.store import Store

DELETED = "deleted-member"


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


@dataclass
class Erased:
    """What an erasure removed, as counts (never content)."""

    answers: int = 0
    posts_to_remove: int = 0
    posts_later: int = 0
    """Of those, anonymous posts of rounds still open: they come down with the round's next batch."""
    notes: int = 0
    reflections: int = 0
    memberships: int = 0
    outbox: int = 0
    audit_rows_anonymised: int = 0


def _like(value: str) -> str:
    """A LIKE pattern that finds `value` anywhere, with wildcards escaped."""
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


_ANSWERS_SQL = (
    "SELECT r.id, r.round_id, r.mood, r.text, r.visibility, r.post_ref, r.anon_ref, r.created_at, r.updated_at, "
    "rd.scheduled_at, rd.prompt_id, rd.prompt_text, rd.closed_at, s.name AS schedule_name, rd.channel_id "
    "FROM responses r JOIN rounds rd ON rd.id = r.round_id JOIN schedules s ON s.id = rd.schedule_id "
    "WHERE s.community_id = ? AND r.user_id = ? ORDER BY rd.scheduled_at"
)


async def _answers(db: Executor, community_id: str, user_id: str) -> list[dict[str, Any]]:
    return await db.fetchall(_ANSWERS_SQL, community_id, user_id)


async def _memberships(db: Executor, community_id: str, user_id: str) -> list[dict[str, Any]]:
    return await db.fetchall(
        "SELECT s.name, s.channel_id, p.wants_dm, p.wants_reminder, p.joined_at FROM participants p "
        "JOIN schedules s ON s.id = p.schedule_id WHERE s.community_id = ? AND p.user_id = ? ORDER BY s.name",
        community_id, user_id,
    )


async def _count(db: Executor, sql: str, *args: Any) -> int:
    row = await db.fetchone(sql, *args)
    return int(row["n"]) if row else 0


async def summary(store: "Store", community_id: str, user_id: str) -> Summary:
    db = store.db
    member = await db.fetchone("SELECT * FROM members WHERE community_id = ? AND user_id = ?", community_id, user_id)
    answers = {"shared": 0, "anonymous": 0, "private": 0}
    for a in await _answers(db, community_id, user_id):
        answers[a["visibility"]] += 1
    where = "WHERE community_id = ? AND user_id = ?"
    return Summary(
        display_name=member["display_name"] if member else "",
        timezone=member["timezone"] if member else None,
        region=member["region"] if member else None,
        language=member["language"] if member else None,
        snoozed_until=member["snooze_until"] if member else None,
        memberships=len(await _memberships(db, community_id, user_id)),
        answers=answers,
        notes=await _count(db, f"SELECT count(*) AS n FROM notes {where}", community_id, user_id),
        reflections=await _count(db, f"SELECT count(*) AS n FROM reflections {where}", community_id, user_id),
        moderator_actions=await _count(
            db, "SELECT count(*) AS n FROM audit_log WHERE community_id = ? AND actor_id = ?", community_id, user_id
        ),
    )


async def export(store: "Store", community_id: str, user_id: str, now: "datetime") -> dict[str, Any]:
    """Everything about the member, as plain JSON-ready data (notes decrypted)."""
    db = store.db
    member = await db.fetchone("SELECT * FROM members WHERE community_id = ? AND user_id = ?", community_id, user_id)
    reflections = await db.fetchall(
        "SELECT prompt_id, prompt_text, given_at FROM reflections WHERE community_id = ? AND user_id = ? ORDER BY id",
        community_id, user_id,
    )
    audit = await db.fetchall(
        "SELECT action, detail, at FROM audit_log WHERE community_id = ? AND actor_id = ? ORDER BY id",
        community_id, user_id,
    )
    return {
        "format": "hearth-export/1",
        "exported_at": utc_iso(now),
        "community": community_id,
        "member": {
            "user_id": user_id,
            "display_name": member["display_name"] if member else "",
            "first_seen": member["created_at"] if member else None,
        },
        "settings": {
            "timezone": member["timezone"] if member else None,
            "region": member["region"] if member else None,
            "language": member["language"] if member else None,
            "snooze_until": member["snooze_until"] if member else None,
            **(json.loads(member["settings"] or "{}") if member else {}),
        },
        "memberships": [
            {"checkin": m["name"], "channel": m["channel_id"], "dm": bool(m["wants_dm"]),
             "reminders": bool(m["wants_reminder"]), "joined_at": m["joined_at"]}
            for m in await _memberships(db, community_id, user_id)
        ],
        "answers": [
            {"checkin": a["schedule_name"], "round": a["scheduled_at"], "prompt": a["prompt_text"],
             "mood": a["mood"], "words": store.answer_words(a), "visibility": a["visibility"],
             "answered_at": a["created_at"], "updated_at": a["updated_at"]}
            for a in await _answers(db, community_id, user_id)
        ],
        "notes": [
            {"id": n.id, "prompt": n.prompt_text, "text": n.text, "created_at": utc_iso(n.created_at)}
            for n in await store.notes(community_id, user_id)
        ],
        "reflections": [
            {"prompt_id": r["prompt_id"], "prompt": r["prompt_text"], "given_at": r["given_at"]} for r in reflections
        ],
        "moderator_actions": [{"action": r["action"], "detail": r["detail"], "at": r["at"]} for r in audit],
    }


async def erase(store: "Store", community_id: str, user_id: str, now: "datetime") -> Erased:
    """Remove everything that names the member in this community, in one transaction."""
    await harden(store)
    out = Erased()
    async with store.db.transaction() as tx:
        answers = await _answers(tx, community_id, user_id)
        out.answers = len(answers)
        out.posts_to_remove, out.posts_later = await _queue_post_removals(store, tx, answers, now)
        out.outbox = await _drop_outbox(tx, community_id, user_id, [a["id"] for a in answers])
        for a in answers:
            await tx.execute("DELETE FROM responses WHERE id = ?", a["id"])
        out.memberships = await tx.execute(
            "DELETE FROM participants WHERE user_id = ? AND schedule_id IN "
            "(SELECT id FROM schedules WHERE community_id = ?)", user_id, community_id,
        )
        out.notes = await tx.execute("DELETE FROM notes WHERE community_id = ? AND user_id = ?", community_id, user_id)
        out.reflections = await tx.execute(
            "DELETE FROM reflections WHERE community_id = ? AND user_id = ?", community_id, user_id
        )
        await tx.execute("DELETE FROM safety_alerts WHERE community_id = ? AND user_id = ?", community_id, user_id)
        out.audit_rows_anonymised = await _anonymise_records(tx, community_id, user_id)
        await tx.execute("DELETE FROM members WHERE community_id = ? AND user_id = ?", community_id, user_id)
    await compact(store)
    return out


async def _queue_post_removals(store: "Store", tx: Executor, answers: list[dict[str, Any]],
                               now: "datetime") -> tuple[int, int]:
    """One "delete" per answer post already out, addressed by message id; how many, and how many of them wait.

    Named posts come down at once. An anonymous post of a round still open waits for that round's next
    batch (or its close), as any anonymous change does: gone the moment its author erased their data, it
    would tell whose it was. Any answer with a ref had a post once; asking again for one already taken
    down is harmless (the platform says it's gone, and that's that).
    """
    from bot.store.store import _enqueue, removal

    queued = later = 0
    now_out = []
    for a in answers:
        for ref, anonymous in ((a["post_ref"], False), (a["anon_ref"], True)):
            if not ref:
                continue
            queued += 1
            if anonymous and a["closed_at"] is None:
                await store.hold_removal(tx, a["round_id"], a["channel_id"], ref, now)
                later += 1
            else:
                now_out.append(removal(f"erase:{a['id']}:{ref}", a["channel_id"], ref))
    await _enqueue(tx, now_out, now)
    return queued, later


async def _drop_outbox(tx: Executor, community_id: str, user_id: str, response_ids: list[int]) -> int:
    """Outbox rows about the member: their answers' posts, DMs to them, anything naming their id.

    The id is matched whole (quoted in JSON, ':'-delimited in keys), so
    "discord:12" never sweeps up "discord:123". Rows tied to another
    community's round are left alone; a row tied to no round (a reminder,
    say) is dropped if it names them.
    """
    dropped = 0
    for rid in response_ids:
        dropped += await tx.execute("DELETE FROM outbox WHERE response_id = ?", rid)
    quoted = _like(json.dumps(user_id))
    key_end, key_mid = "%" + _like(user_id)[1:-1], _like(user_id + ":")
    dropped += await tx.execute(
        "DELETE FROM outbox WHERE (target LIKE ? ESCAPE '\\' OR payload LIKE ? ESCAPE '\\' "
        "OR dedupe_key LIKE ? ESCAPE '\\' OR dedupe_key LIKE ? ESCAPE '\\') AND (round_id IS NULL OR round_id IN "
        "(SELECT rd.id FROM rounds rd JOIN schedules s ON s.id = rd.schedule_id WHERE s.community_id = ?))",
        quoted, quoted, key_end, key_mid, community_id,
    )
    return dropped


async def _anonymise_records(tx: Executor, community_id: str, user_id: str) -> int:
    """Keep the moderators' trail, without the member's id in it."""
    n = await tx.execute(
        "UPDATE audit_log SET actor_id = ? WHERE community_id = ? AND actor_id = ?", DELETED, community_id, user_id
    )
    whole_id = re.compile(rf"(?<![\w:]){re.escape(user_id)}(?!\w)")
    rows = await tx.fetchall(
        "SELECT id, detail FROM audit_log WHERE community_id = ? AND detail LIKE ? ESCAPE '\\'",
        community_id, _like(user_id),
    )
    for row in rows:
        detail = whole_id.sub(DELETED, row["detail"])
        if detail != row["detail"]:
            await tx.execute("UPDATE audit_log SET detail = ? WHERE id = ?", detail, row["id"])
    await tx.execute("DELETE FROM moderators WHERE community_id = ? AND subject = ?", community_id, user_id)
    for table, column in (("moderators", "added_by"), ("schedules", "created_by"), ("prompts", "created_by")):
        await tx.execute(
            f"UPDATE {table} SET {column} = ? WHERE community_id = ? AND {column} = ?", DELETED, community_id, user_id
        )
    return n


async def harden(store: "Store") -> None:
    """SQLite: overwrite deleted content with zeros instead of leaving it in free pages."""
    if getattr(store.db, "dialect", "") == "sqlite":
        await store.db.execute("PRAGMA secure_delete = ON")


async def compact(store: "Store") -> None:
    """SQLite: fold the write-ahead log in, so old page copies don't linger in the -wal file."""
    if getattr(store.db, "dialect", "") == "sqlite":
        await store.db.fetchall("PRAGMA wal_checkpoint(TRUNCATE)")
