"""Telling a full disk from other database errors, for SQLite and PostgreSQL alike.

A full disk is not a bug and not the member's doing: Hearth refuses the
change with a kind word, keeps everything already stored, and tries again
with the next change, so it recovers by itself once there is room.
"""

from __future__ import annotations

import sqlite3

#: PostgreSQL's SQLSTATE for disk_full (class 53, insufficient resources).
PG_DISK_FULL = "53100"
SQLITE_FULL = 13


def is_disk_full(err: BaseException) -> bool:
    if isinstance(err, sqlite3.Error):
        return getattr(err, "sqlite_errorcode", None) == SQLITE_FULL or "disk is full" in str(err)
    if getattr(err, "sqlstate", None) == PG_DISK_FULL:
        return True
    return isinstance(err, OSError) and err.errno == 28  # ENOSPC, from a file Hearth writes itself
