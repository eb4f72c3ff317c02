"""What every repository shares: the database it runs on, and how it answers for a member's data.

Each repository owns one aggregate's tables: its queries, its purge, and its
part of a member's export and erasure (`bot.store.member_data` composes the
parts, the way each Red-DiscordBot cog answers for the data it keeps).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.store.database import Database, Executor

#: What erased ids are replaced by where a record must stay (moderators' audit trail, "created by").
DELETED = "deleted-member"


class Repository:
    """One aggregate's queries on the shared `Database`.

    The member-data hooks answer for nothing by default; a repository that
    keeps something about a member overrides them, and names the tables it
    answers for in `member_tables` (a test holds every table that can hold a
    member's id to one repository that answers for it, so a new one can't be
    forgotten: `tests/bot/store/test_every_table_answers.py`).
    """

    #: The tables whose member data this repository counts, exports and erases (or anonymises).
    member_tables: tuple[str, ...] = ()

    def __init__(self, db: Database) -> None:
        self.db = db

    async def member_summary(self, community_id: str, user_id: str) -> dict[str, Any]:
        """This repository's fields of `member_data.Summary` (counts, never content)."""
        return {}

    async def member_export(self, community_id: str, user_id: str) -> dict[str, Any]:
        """This repository's sections of a member's export, as plain JSON-ready data."""
        return {}

    async def erase_member(self, tx: Executor, community_id: str, user_id: str, now: datetime) -> dict[str, int]:
        """Remove (or anonymise) what names the member here, inside the erasure's transaction; counts by
        `member_data.Erased` field."""
        return {}


def marks(values: list[Any]) -> str:
    """As many `?` placeholders as values."""
    return ", ".join("?" for _ in values)


def like(value: str) -> str:
    """A LIKE pattern that finds `value` anywhere, with wildcards escaped."""
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
