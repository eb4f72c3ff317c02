"""`hearth status` and `hearth rotate-key` on a SQLite store that isn't there: said so, and nothing made."""

from __future__ import annotations

from bot.crypto import generate_key
from tests.hearth.test_cli import hearth


def test_status_and_rotate_key_on_a_store_that_is_not_there_make_none(tmp_path):
    """Trial 22b: both opened (so made) a new, empty store at a mistyped data_dir, or in the folder moved aside for
    a restore (which then refused it as not empty); status said "No Hearth process is running" of it, and
    rotate-key "Re-encrypted 0 ... Now set HEARTH_ENCRYPTION_KEY to the new key", though the real store was still
    under the old key."""
    env = {"HEARTH_DATA_DIR": str(tmp_path / "typo"), "HEARTH_NEW_ENCRYPTION_KEY": generate_key()}
    for tool in ("status", "rotate-key"):
        result = hearth(tmp_path, tool, env=env)
        assert result.returncode == 2 and "there is no Hearth database at" in result.stderr, result.stderr
        assert "Re-encrypted" not in result.stdout and "No Hearth process" not in result.stdout
    assert not (tmp_path / "typo").exists()
