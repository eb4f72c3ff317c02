"""A data folder on a full disk: a real one (a 2 MB tmpfs, made for the test), SQLite, the whole app.

Changes are refused with a kind reply and one clear log line, everything
stored before stays readable, and once there is room again Hearth takes
changes by itself, without a restart.
"""

from __future__ import annotations

import contextlib
import logging
import os
import subprocess
from pathlib import Path

import pytest

from bot.app import NO_ROOM, Hearth
from bot.config import load
from tests.conftest import actor, run, text, typed


@pytest.fixture
def small_disk(tmp_path: Path):
    where = tmp_path / "small"
    where.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(where)], capture_output=True)
    if made.returncode != 0:
        pytest.skip(f"can't mount a tmpfs here: {made.stderr.decode(errors='replace').strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def fill(folder: Path) -> Path:
    """Take every free byte of the disk with one file."""
    filler = folder / "filler"
    with filler.open("wb", buffering=0) as f:
        for size in (65536, 4096, 1):
            with contextlib.suppress(OSError):
                while True:
                    f.write(b"\0" * size)
    return filler


async def test_a_full_disk_refuses_kindly_loses_nothing_and_recovers(small_disk, clock, caplog):
    caplog.set_level(logging.INFO)
    app = await Hearth.open(load(env={"HEARTH_DATA_DIR": str(small_disk / "data")}), clock)
    ann = actor("ann")
    try:
        await run(app, ann, "note", text="written before the disk filled")
        filler = fill(small_disk)
        saved, refused = [], None
        for i in range(300):  # the WAL may have a little room left: write until a change is refused
            words = f"note {i} " + "x" * 400
            replies = await run(app, ann, "note", text=words)
            if NO_ROOM in text(replies):
                assert all(r.error for r in replies)
                refused = words
                break
            saved.append(words)
        assert refused is not None, "the disk never filled"
        assert NO_ROOM in text(await run(app, ann, "note", text="a second try, still no room"))
        [typed_refusal] = await typed(app, ann, "note typed on a full disk, and given back")
        assert NO_ROOM in typed_refusal.plain() and typed_refusal.plain().endswith("typed on a full disk, and given back")
        assert "full" in caplog.text and "nothing already stored is lost" in caplog.text
        assert sum("disk under the database is full" in r.getMessage() for r in caplog.records) == 1  # once
        listed = text(await run(app, ann, "notes list"))  # reading still works
        assert "written before the disk filled" in listed

        filler.unlink()  # room again
        assert text(await run(app, ann, "note", text="written after there was room")).startswith("Kept.")
        assert "can be written again" in caplog.text
        listed = text(await run(app, ann, "notes list"))
        for words in ["written before the disk filled", *saved, "written after there was room"]:
            assert words[:20] in listed
        assert refused[:12] not in listed  # what was refused was not half-kept either
    finally:
        await app.close()
