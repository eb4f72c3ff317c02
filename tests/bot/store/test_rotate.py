"""`hearth rotate-key`: every private note and answer moves to the new key, and an interrupted rotation carries on."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from adapters.console.adapter import ConsoleChannels
from bot.app import Hearth
from bot.clock import ManualClock
from bot.config import load
from bot.crypto import MARKER, UNREADABLE, KeyProblem, generate_key
from bot.scheduling.runner import RoundScheduler
from bot.store.rotate import left_to_rotate, rotate
from tests.bot.flows.test_checkin_round import create_schedule
from tests.conftest import COMMUNITY, actor, run

OLD, NEW = generate_key(), generate_key()
ROOT = Path(__file__).resolve().parents[3]


def env_for(tmp_path: Path, database_url: str, key: str | None = None, new: str | None = None) -> dict[str, str]:
    env = {"HEARTH_DATA_DIR": str(tmp_path / "data"), "HEARTH_DATABASE_URL": database_url}
    if key:
        env["HEARTH_ENCRYPTION_KEY"] = key
    if new:
        env["HEARTH_NEW_ENCRYPTION_KEY"] = new
    return env


async def written(tmp_path: Path, database_url: str, clock: ManualClock) -> list[str]:
    """Notes (one from before any key was set) and a private answer, sealed with OLD; returns the words."""
    words = [f"note number {i}" for i in range(12)]
    ann = actor("ann")
    app = await Hearth.open(load(env=env_for(tmp_path, database_url)), clock)  # no key yet: one plain note
    app.add_channel_directory(ConsoleChannels())  # (as the terminal registers it)
    await run(app, ann, "note", text=words[0])
    await app.close()
    app = await Hearth.open(load(env=env_for(tmp_path, database_url, OLD)), clock)
    app.add_channel_directory(ConsoleChannels())  # (as the terminal registers it)
    for text in words[1:]:
        await run(app, ann, "note", text=text)
    await create_schedule(app, actor("mia", moderator=True))
    await run(app, ann, "checkin join", schedule="mornings", reminders="yes")
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    await RoundScheduler(app).run_pending()
    await run(app, ann, "checkin answer", mood="3", visibility="private", words="only for me")
    await app.close()
    return words + ["only for me"]


async def readable(tmp_path: Path, database_url: str, clock: ManualClock, key: str, new: str | None = None) -> str:
    app = await Hearth.open(load(env=env_for(tmp_path, database_url, key, new)), clock)
    app.add_channel_directory(ConsoleChannels())  # (as the terminal registers it)
    try:
        notes = "\n".join(n.text for n in await app.store.notes.of_member(COMMUNITY, "console:ann"))
        answers = await app.store.db.fetchall("SELECT * FROM responses")
        return notes + "\n" + "\n".join(app.store.rounds.answer_words(r) for r in answers)
    finally:
        await app.close()


class Interrupted(Exception):
    pass


async def test_an_interrupted_rotation_reads_with_both_keys_and_carries_on(tmp_path, database_url, clock):
    words = await written(tmp_path, database_url, clock)
    app = await Hearth.open(load(env=env_for(tmp_path, database_url, OLD)), clock)
    app.add_channel_directory(ConsoleChannels())  # (as the terminal registers it)
    batches = 0

    def stop_half_way(table: str, last_id: int) -> None:
        nonlocal batches
        batches += 1
        if batches == 2:
            raise Interrupted

    with pytest.raises(Interrupted):
        await rotate(app.store, NEW, [OLD], batch=4, after_batch=stop_half_way)
    left = await left_to_rotate(app.store, NEW)
    await app.close()
    assert 0 < left < len(words)  # really half way

    # Until it is done, a Hearth given both keys reads everything, and the old key still opens what is left.
    both = await readable(tmp_path, database_url, clock, OLD, NEW)
    assert all(w in both for w in words) and UNREADABLE not in both

    app = await Hearth.open(load(env=env_for(tmp_path, database_url, OLD, NEW)), clock)
    app.add_channel_directory(ConsoleChannels())  # (as the terminal registers it)
    done = await rotate(app.store, NEW, [OLD], batch=4)
    assert sum(done.moved.values()) == left and sum(done.already.values()) == len(words) - left  # carried on
    assert await left_to_rotate(app.store, NEW) == 0
    stored = [r["text"] for r in await app.store.db.fetchall("SELECT text FROM notes")]
    await app.close()
    assert all(t.startswith(MARKER) for t in stored)  # the note from before any key is sealed now too

    only_new = await readable(tmp_path, database_url, clock, NEW)
    assert all(w in only_new for w in words) and UNREADABLE not in only_new
    with pytest.raises(KeyProblem, match="doesn't open"):  # the leaked key opens nothing any more: no start on it
        await readable(tmp_path, database_url, clock, OLD)


def hearth(tmp_path: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("HEARTH_")}
    return subprocess.run([sys.executable, "-m", "hearth", *args], cwd=ROOT, env=clean | env, capture_output=True,
                          text=True, timeout=60)


async def test_rotate_key_on_the_command_line(tmp_path, clock):
    url = f"sqlite:///{tmp_path / 'data' / 'hearth.db'}"
    words = await written(tmp_path, url, clock)
    missing = hearth(tmp_path, "rotate-key", env=env_for(tmp_path, url, OLD))
    assert missing.returncode == 2 and "HEARTH_NEW_ENCRYPTION_KEY" in missing.stderr
    wrong = hearth(tmp_path, "rotate-key", env=env_for(tmp_path, url, generate_key(), NEW))
    assert wrong.returncode == 2 and "neither" in wrong.stderr and "Traceback" not in wrong.stderr
    done = hearth(tmp_path, "rotate-key", env=env_for(tmp_path, url, OLD, NEW))
    assert done.returncode == 0 and "Re-encrypted" in done.stdout, done.stderr
    for secret in (OLD, NEW, *words):
        assert secret not in done.stdout + done.stderr
    now_readable = await readable(tmp_path, url, clock, NEW)
    assert all(w in now_readable for w in words)
