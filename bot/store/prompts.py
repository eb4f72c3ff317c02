"""A community's own prompts, which content is switched on, and prompt packs held for their Import button."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.clock import utc_iso
from bot.store.database import Executor, atomic
from bot.store.repository import DELETED, Repository


class PromptRepository(Repository):
    member_tables = ("prompts", "pending_imports")
    async def save(self, community_id: str, prompt: dict[str, str], by: str, now: datetime) -> bool:
        """Insert or update a community prompt; True if it was new (the INSERT decides: racing saves don't collide)."""
        stamp = utc_iso(now)
        if await self.db.execute(
            "INSERT INTO prompts (community_id, id, kind, theme, depth, text, enabled, created_by, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?) ON CONFLICT (community_id, id) DO NOTHING",
            community_id, prompt["id"], prompt["kind"], prompt["theme"], prompt["depth"], prompt["text"],
            by, stamp, stamp,
        ):
            return True
        await self.db.execute(
            "UPDATE prompts SET kind = ?, theme = ?, depth = ?, text = ?, updated_at = ? "
            "WHERE community_id = ? AND id = ?",
            prompt["kind"], prompt["theme"], prompt["depth"], prompt["text"], stamp, community_id, prompt["id"],
        )
        return False

    async def save_many(self, community_id: str, prompts: list[dict[str, str]], by: str, now: datetime) -> None:
        """Insert or update many community prompts in one transaction (a pack import: all or nothing).

        An update keeps the prompt's enabled flag: importing never switches a prompt back on.
        """
        stamp = utc_iso(now)
        async def work(tx: Executor) -> None:
            for p in prompts:
                await tx.execute(
                    "INSERT INTO prompts (community_id, id, kind, theme, depth, text, enabled, created_by, created_at, "
                    "updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?) ON CONFLICT (community_id, id) DO UPDATE SET "
                    "kind = excluded.kind, theme = excluded.theme, depth = excluded.depth, text = excluded.text, "
                    "updated_at = excluded.updated_at",
                    community_id, p["id"], p["kind"], p["theme"], p["depth"], p["text"], by, stamp, stamp,
                )
        await atomic(self.db, work)

    async def get(self, community_id: str, prompt_id: str) -> dict[str, Any] | None:
        return await self.db.fetchone(
            "SELECT * FROM prompts WHERE community_id = ? AND id = ?", community_id, prompt_id
        )

    async def list_all(self, community_id: str) -> list[dict[str, Any]]:
        return await self.db.fetchall("SELECT * FROM prompts WHERE community_id = ? ORDER BY id", community_id)

    async def set_enabled(self, community_id: str, prompt_id: str, enabled: bool) -> bool:
        n = await self.db.execute(
            "UPDATE prompts SET enabled = ? WHERE community_id = ? AND id = ?", int(enabled), community_id, prompt_id
        )
        return n > 0

    async def set_switch(self, community_id: str, target: str, enabled: bool) -> None:
        await self.db.execute(
            "INSERT INTO content_switches (community_id, target, enabled) VALUES (?, ?, ?) "
            "ON CONFLICT (community_id, target) DO UPDATE SET enabled = excluded.enabled",
            community_id, target, int(enabled),
        )

    async def switches(self, community_id: str) -> dict[str, bool]:
        rows = await self.db.fetchall(
            "SELECT target, enabled FROM content_switches WHERE community_id = ?", community_id
        )
        return {r["target"]: bool(r["enabled"]) for r in rows}

    async def hold_import(
        self, token: str, community_id: str, actor_id: str, pack: str, now: datetime, expires_at: datetime
    ) -> None:
        """Keep a previewed pack until its Import button is pressed; clears expired ones on the way."""
        async def work(tx: Executor) -> None:
            await tx.execute("DELETE FROM pending_imports WHERE expires_at <= ?", utc_iso(now))
            await tx.execute(
                "INSERT INTO pending_imports (token, community_id, actor_id, pack, created_at, expires_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                token, community_id, actor_id, pack, utc_iso(now), utc_iso(expires_at),
            )
        await atomic(self.db, work)

    async def take_import(self, community_id: str, token: str, now: datetime) -> str | None:
        """The held pack for this token, once only; None if unknown, used, expired or another community's."""
        row = await self.db.fetchone(
            "DELETE FROM pending_imports WHERE token = ? AND community_id = ? RETURNING pack, expires_at",
            token, community_id,
        )
        if row is None or row["expires_at"] <= utc_iso(now):
            return None
        return str(row["pack"])

    async def erase_member(self, tx: Executor, community_id: str, user_id: str, now: datetime) -> dict[str, int]:
        """Prompts they wrote stay the community's, made by "deleted-member"; a pack they uploaded and never
        imported (it waits for their "Import" button) goes."""
        await tx.execute("UPDATE prompts SET created_by = ? WHERE community_id = ? AND created_by = ?",
                         DELETED, community_id, user_id)
        await tx.execute("DELETE FROM pending_imports WHERE community_id = ? AND actor_id = ?", community_id, user_id)
        return {}

    async def member_export(self, community_id: str, user_id: str) -> dict[str, Any]:
        """Prompts they wrote (the community's now, but their words), and a pack they uploaded not yet imported."""
        own = await self.db.fetchall(
            "SELECT id, kind, theme, depth, text, created_at FROM prompts WHERE community_id = ? AND created_by = ? "
            "ORDER BY id", community_id, user_id)
        waiting = await self.db.fetchall(
            "SELECT created_at, expires_at FROM pending_imports WHERE community_id = ? AND actor_id = ?",
            community_id, user_id)
        out: dict[str, Any] = {}
        if own:
            out["prompts_written"] = [dict(r) for r in own]
        if waiting:
            out["pack_uploads_waiting"] = [dict(r) for r in waiting]
        return out
