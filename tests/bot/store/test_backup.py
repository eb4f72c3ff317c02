"""`bot.store.backup` and `bot.store.upgrade` on files whose names hold what a URI reads as its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.errors import StoreError
from bot.store.backup import backup, restore
from bot.store.store import Store
from bot.store.upgrade import pending_sqlite


async def a_store(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    store = await Store.open(str(path), ManualClock())
    await store.close()


@pytest.mark.parametrize("odd", ["club#2", "what?", "100%25", "a b"])
async def test_a_store_whose_path_holds_uri_characters_backs_up_restores_and_is_checked(tmp_path, odd):
    """Trial 22b: "file:{path}?mode=ro" read "#" and "?" in a name as the URI's own: `hearth backup` of the data
    folder "club#2" opened (and created, read-write) a file "club", and said the backup "is not Hearth's"; a
    restore of "b#1.db" said so too, and left an empty "b" behind."""
    live = tmp_path / odd / "hearth.db"
    await a_store(live)
    copy = tmp_path / f"backup-{odd}.db"
    counts = backup(live, copy)
    assert "schema_migrations" in counts
    restored = tmp_path / f"restored-{odd}" / "hearth.db"
    assert restore(copy, restored, restored.parent) == counts
    done, todo = pending_sqlite(live)
    assert done and not todo
    made = {p.name for p in tmp_path.iterdir()}
    assert made == {odd, copy.name, restored.parent.name}  # nothing else made beside them


def test_a_backup_that_is_not_a_file_is_said_so(tmp_path):
    (tmp_path / "a-folder").mkdir()
    with pytest.raises(StoreError, match="is not a file"):
        restore(tmp_path / "a-folder", tmp_path / "data" / "hearth.db", tmp_path / "data")
    with pytest.raises(StoreError, match="does not exist"):
        restore(tmp_path / "none.db", tmp_path / "data" / "hearth.db", tmp_path / "data")


async def test_a_data_folder_that_is_a_file_or_cannot_be_made_is_said_so(tmp_path):
    """Trial 22b: each was "something went wrong that I didn't expect" (NotADirectoryError, FileNotFoundError)."""
    live = tmp_path / "live" / "hearth.db"
    await a_store(live)
    copy = tmp_path / "copy.db"
    backup(live, copy)
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(StoreError, match="is a file, not a folder"):
        restore(copy, tmp_path / "a-file" / "hearth.db", tmp_path / "a-file")
    with pytest.raises(StoreError, match="couldn't make the data folder"):
        restore(copy, tmp_path / "a-file" / "in" / "hearth.db", tmp_path / "a-file" / "in")
