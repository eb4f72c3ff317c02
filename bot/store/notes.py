"""What a member keeps for themselves and what care Hearth took of them: reflections given, private notes, and
when the moderators were last alerted about them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.clock import parse_iso, utc_iso
from bot.crypto import Cipher, PlainCipher
from bot.models import Note, Outgoing
from bot.store.database import Executor, atomic
from bot.store.outbox import enqueue_on
from bot.store.repository import Repository


class NoteRepository(Repository):
    member_tables = ("notes", "note_numbers", "reflections", "safety_alerts")
    #: Seals private note text at rest (the store sets it from HEARTH_ENCRYPTION_KEY).
    cipher: Cipher = PlainCipher()

    # -- reflections -------------------------------------------------------------------

    async def record_reflection(self, community_id: str, user_id: str, prompt_id: str, text: str, now: datetime) -> int:
        row = await self.db.fetchone(
            "INSERT INTO reflections (community_id, user_id, prompt_id, prompt_text, given_at) VALUES (?, ?, ?, ?, ?) "
            "RETURNING id",
            community_id, user_id, prompt_id, text, utc_iso(now),
        )
        assert row is not None
        return int(row["id"])

    async def recent_reflections(self, community_id: str, user_id: str, limit: int) -> list[str]:
        rows = await self.db.fetchall(
            "SELECT prompt_id FROM reflections WHERE community_id = ? AND user_id = ? ORDER BY id DESC LIMIT ?",
            community_id, user_id, limit,
        )
        return [r["prompt_id"] for r in rows]

    async def reflection_text(self, community_id: str, user_id: str, reflection_id: int | None = None) -> str | None:
        """The text of one reflection given to this member (their latest if no id)."""
        if reflection_id is None:
            row = await self.db.fetchone(
                "SELECT prompt_text FROM reflections WHERE community_id = ? AND user_id = ? ORDER BY id DESC LIMIT 1",
                community_id, user_id,
            )
        else:
            row = await self.db.fetchone(
                "SELECT prompt_text FROM reflections WHERE id = ? AND community_id = ? AND user_id = ?",
                reflection_id, community_id, user_id,
            )
        return str(row["prompt_text"]) if row else None

    # -- notes -----------------------------------------------------------------------

    async def add(
        self, community_id: str, user_id: str, prompt_id: str | None, prompt_text: str, text: str, now: datetime
    ) -> int:
        """Keep a note; its number for its author (their next, never one they had before)."""
        async def work(tx: Executor) -> int:
            row = await tx.fetchone(
                "INSERT INTO note_numbers (community_id, user_id, last_number) VALUES (?, ?, 1) "
                "ON CONFLICT (community_id, user_id) DO UPDATE SET last_number = note_numbers.last_number + 1 "
                "RETURNING last_number",
                community_id, user_id,
            )
            assert row is not None
            number = int(row["last_number"])
            await tx.execute(
                "INSERT INTO notes (community_id, user_id, number, prompt_id, prompt_text, text, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                community_id, user_id, number, prompt_id, prompt_text, self.cipher.seal(text), utc_iso(now),
            )
            return number
        return await atomic(self.db, work)

    async def of_member(self, community_id: str, user_id: str) -> list[Note]:
        """A member's notes, oldest first, opened."""
        rows = await self.db.fetchall(
            "SELECT * FROM notes WHERE community_id = ? AND user_id = ? ORDER BY number", community_id, user_id
        )
        opened = self.cipher.open
        return [Note(r["number"], r["prompt_text"], opened(r["text"]), parse_iso(r["created_at"])) for r in rows]

    async def has(self, community_id: str, user_id: str, number: int) -> bool:
        """Whether this member has a note of this number (theirs: numbers are each member's own)."""
        row = await self.db.fetchone(
            "SELECT 1 AS found FROM notes WHERE community_id = ? AND user_id = ? AND number = ?", community_id,
            user_id, number,
        )
        return row is not None

    async def delete(self, community_id: str, user_id: str, number: int) -> bool:
        n = await self.db.execute(
            "DELETE FROM notes WHERE community_id = ? AND user_id = ? AND number = ?", community_id, user_id, number
        )
        return n > 0

    # -- care --------------------------------------------------------------------------

    async def last_safety_alert(self, community_id: str, user_id: str) -> datetime | None:
        row = await self.db.fetchone(
            "SELECT at FROM safety_alerts WHERE community_id = ? AND user_id = ?", community_id, user_id
        )
        return parse_iso(row["at"]) if row else None

    async def record_safety_alert(self, community_id: str, user_id: str, now: datetime,
                                  outgoing: list[Outgoing]) -> None:
        async def work(tx: Executor) -> None:
            await self.stamp_safety_alert(tx, community_id, user_id, now)
            await enqueue_on(tx, outgoing, now)
        await atomic(self.db, work)

    async def stamp_safety_alert(self, tx: Executor, community_id: str, user_id: str, now: datetime) -> None:
        """When a care note about the member was last sent, inside the caller's transaction (`store.care`)."""
        await tx.execute(
            "INSERT INTO safety_alerts (community_id, user_id, at) VALUES (?, ?, ?) "
            "ON CONFLICT (community_id, user_id) DO UPDATE SET at = excluded.at",
            community_id, user_id, utc_iso(now),
        )

    # -- retention and member data ------------------------------------------------------

    async def purge(self, tx: Executor, community_id: str, cutoff: datetime) -> int:
        """Forget which reflections were given before `cutoff`. Notes stay until their author deletes them:
        a note is something someone chose to keep."""
        return await tx.execute("DELETE FROM reflections WHERE community_id = ? AND given_at < ?",
                                community_id, utc_iso(cutoff))

    async def member_summary(self, community_id: str, user_id: str) -> dict[str, Any]:
        where = "WHERE community_id = ? AND user_id = ?"
        notes = await self.db.fetchone(f"SELECT count(*) AS n FROM notes {where}", community_id, user_id)
        reflections = await self.db.fetchone(f"SELECT count(*) AS n FROM reflections {where}", community_id, user_id)
        return {"notes": int(notes["n"]) if notes else 0, "reflections": int(reflections["n"]) if reflections else 0}

    async def member_export(self, community_id: str, user_id: str) -> dict[str, Any]:
        reflections = await self.db.fetchall(
            "SELECT prompt_id, prompt_text, given_at FROM reflections WHERE community_id = ? AND user_id = ? ORDER BY id",
            community_id, user_id,
        )
        return {
            "notes": [{"number": n.number, "prompt": n.prompt_text, "text": n.text, "created_at": utc_iso(n.created_at)}
                      for n in await self.of_member(community_id, user_id)],
            "reflections": [{"prompt_id": r["prompt_id"], "prompt": r["prompt_text"], "given_at": r["given_at"]}
                            for r in reflections],
        }

    async def erase_member(self, tx: Executor, community_id: str, user_id: str, now: datetime) -> dict[str, int]:
        """Their notes, the reflections they were given, and when a care note about them was last sent."""
        notes = await tx.execute("DELETE FROM notes WHERE community_id = ? AND user_id = ?", community_id, user_id)
        await tx.execute("DELETE FROM note_numbers WHERE community_id = ? AND user_id = ?", community_id, user_id)
        reflections = await tx.execute("DELETE FROM reflections WHERE community_id = ? AND user_id = ?",
                                       community_id, user_id)
        await tx.execute("DELETE FROM safety_alerts WHERE community_id = ? AND user_id = ?", community_id, user_id)
        return {"notes": notes, "reflections": reflections}
