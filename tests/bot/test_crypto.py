"""Private notes and private answers' words are sealed at rest when a key is set, and still read back."""

from __future__ import annotations

import asyncio
import logging
import re
from pathlib import Path

import pytest

from bot.app import Hearth
from bot.config import load
from adapters.console.adapter import ConsoleChannels
from bot.crypto import (MARKER, UNREADABLE, FernetCipher, KeyProblem, PlainCipher, cipher_from_key, generate_key,
                        main)
from bot.errors import ConfigError
from bot.scheduling.runner import RoundScheduler
from bot.store import member_data
from tests.bot.flows.test_checkins import open_round
from tests.conftest import COMMUNITY, actor, run, text

NOTE = "I am scared to tell my sister how lonely I have been"


async def open_app(tmp_path: Path, clock, key: str | None, **more_env: str) -> Hearth:
    env = {"HEARTH_DATA_DIR": str(tmp_path / "data"), **more_env}
    if key:
        env["HEARTH_ENCRYPTION_KEY"] = key
    return await Hearth.open(load(env=env), clock)


async def db_bytes(app: Hearth) -> bytes:
    """Every byte of the database on disk, after folding the WAL in."""
    await app.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    path = Path(app.store.db.path)
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


async def test_note_text_is_not_in_the_database_file_with_a_key(tmp_path, clock):
    app = await open_app(tmp_path, clock, generate_key())
    ann = actor("ann")
    await run(app, ann, "reflect")
    assert "Kept" in text(await run(app, ann, "note", text=NOTE))
    assert NOTE in text(await run(app, ann, "notes list"))
    raw = await db_bytes(app)
    assert NOTE.encode() not in raw and b"lonely" not in raw
    row = await app.store.db.fetchone("SELECT text FROM notes")
    assert row is not None and row["text"].startswith(MARKER)
    await app.close()


async def test_without_a_key_notes_are_plain_and_one_warning_is_logged(tmp_path, clock, caplog):
    caplog.set_level(logging.WARNING, logger="bot.crypto")
    app = await open_app(tmp_path, clock, None, HEARTH_SLACK_BOT_TOKEN="xoxb-serving")  # serving a community
    warnings = [r for r in caplog.records if r.name == "bot.crypto"]
    assert len(warnings) == 1 and "hearth keygen" in warnings[0].getMessage()
    await app.store.notes.add(actor("ann").community_id, "console:ann", None, "", NOTE, clock.now())
    assert NOTE.encode() in await db_bytes(app)
    await app.close()


async def test_trying_hearth_in_the_terminal_gives_no_warning(tmp_path, clock, caplog):
    """No platform token: the words are the person's own, on their own machine (the privacy notice still says
    they are stored unencrypted)."""
    caplog.set_level(logging.WARNING, logger="bot.crypto")
    app = await open_app(tmp_path, clock, None)
    assert [r for r in caplog.records if r.name == "bot.crypto"] == []
    assert "not encrypted on this server" in text(await run(app, actor("ann"), "privacy"))
    await app.close()
    app = await open_app(tmp_path, clock, None, HEARTH_DISCORD_TOKEN="serving")
    assert len([r for r in caplog.records if r.name == "bot.crypto"]) == 1
    await app.close()


async def test_a_terminal_on_a_postgresql_database_still_warns(database_url, clock, caplog):
    """A PostgreSQL database is a community's, even when someone runs the terminal on it."""
    caplog.set_level(logging.WARNING, logger="bot.crypto")
    app = await Hearth.open(load(env={"HEARTH_DATABASE_URL": database_url}), clock)
    warned = [r for r in caplog.records if r.name == "bot.crypto"]
    assert len(warned) == (1 if database_url.startswith("postgres") else 0)
    await app.close()


async def test_notes_written_before_the_key_still_read(tmp_path, clock):
    app = await open_app(tmp_path, clock, None)
    await app.store.notes.add("console:test", "console:ann", None, "", "before the key", clock.now())
    await app.close()
    app = await open_app(tmp_path, clock, generate_key())
    await app.store.notes.add("console:test", "console:ann", None, "", "after the key", clock.now())
    assert [n.text for n in await app.store.notes.of_member("console:test", "console:ann")] == ["before the key",
                                                                                      "after the key"]
    await app.close()


async def test_private_answer_words_are_sealed_at_rest_and_read_back_by_their_author(app, clock):
    app.store.cipher = FernetCipher([generate_key()])
    rnd = await open_round(app, clock)
    ann, bob = actor("ann"), actor("bob")
    await run(app, ann, "checkin answer", mood="2", visibility="private", words=NOTE)
    await run(app, bob, "checkin answer", mood="4", visibility="shared", words="a good walk today")
    stored = {r["user_id"]: r["text"] for r in await app.store.db.fetchall("SELECT user_id, text FROM responses")}
    assert stored[ann.user_id].startswith(MARKER) and "lonely" not in stored[ann.user_id]
    assert stored[bob.user_id] == "a good walk today"  # posted to the group anyway: kept as posted
    assert NOTE in text(await run(app, ann, "me history"))
    assert (await app.store.rounds.response_of(rnd.id, ann.user_id)).text == NOTE  # the answer form shows them again
    exported = await member_data.export(app.store, ann.community_id, ann.user_id, clock.now())
    assert [a["words"] for a in exported["answers"]] == [NOTE]
    await run(app, ann, "checkin answer", mood="3", visibility="shared", words="ok to share now")
    row = await app.store.db.fetchone("SELECT text FROM responses WHERE user_id = ?", ann.user_id)
    assert row is not None and row["text"] == "ok to share now"


async def test_private_answers_written_before_the_key_still_read(app, clock):
    rnd = await open_round(app, clock)
    ann = actor("ann")
    await run(app, ann, "checkin answer", mood="2", visibility="private", words="before the key")
    app.store.cipher = FernetCipher([generate_key()])
    assert (await app.store.rounds.response_of(rnd.id, ann.user_id)).text == "before the key"


def test_rotation_new_key_first_old_notes_still_open():
    old, new = generate_key(), generate_key()
    sealed = FernetCipher([old]).seal("hello")
    rotated = FernetCipher([new, old])
    assert rotated.open(sealed) == "hello"
    assert FernetCipher([new]).open(rotated.seal("again")) == "again"


def test_wrong_or_missing_key_reads_as_unreadable_not_a_crash():
    sealed = FernetCipher([generate_key()]).seal("hello")
    assert FernetCipher([generate_key()]).open(sealed) == UNREADABLE
    assert PlainCipher().open(sealed) == UNREADABLE


def test_a_bad_key_fails_at_start_without_echoing_it():
    with pytest.raises(ConfigError) as err:
        cipher_from_key("not-a-real-key-value")
    assert "not-a-real-key-value" not in str(err.value)
    assert "hearth keygen" in str(err.value)


def test_keygen_prints_a_usable_key(capsys):
    assert main([]) == 0
    key = capsys.readouterr().out.strip()
    assert FernetCipher([key]).open(FernetCipher([key]).seal("x")) == "x"


def test_keygen_tells_the_way_to_change_a_key_that_re_encrypts(capsys):
    """Trial 22b: it said "To rotate, put the new key first: NEW,OLD", a way that never re-encrypts what is stored
    under the old key (which then can never be dropped); the way that does is the documented one."""
    assert main([]) == 0
    said = capsys.readouterr().err
    assert "NEW,OLD" not in said and "HEARTH_NEW_ENCRYPTION_KEY" in said and "hearth rotate-key" in said


# -- turning encryption on, or off, with private words already stored ----------------------------------------------


def env_with(tmp_path: Path, database_url: str, key: str | None) -> dict[str, str]:
    env = {"HEARTH_DATA_DIR": str(tmp_path / "data"), "HEARTH_DATABASE_URL": database_url}
    if key:
        env["HEARTH_ENCRYPTION_KEY"] = key
    return env


async def words_before_the_key(tmp_path: Path, database_url: str, clock) -> Hearth:
    """A note and a private answer written with no key; the Hearth that wrote them, still open."""
    app = await Hearth.open(load(env=env_with(tmp_path, database_url, None)), clock)
    app.add_channel_directory(ConsoleChannels())
    ann = actor("ann")
    await run(app, ann, "note", text="secret one")
    await open_round(app, clock)
    await run(app, ann, "checkin answer", mood="2", visibility="private", words=NOTE)
    return app


async def stored_texts(app: Hearth) -> list[str]:
    notes = [r["text"] for r in await app.store.db.fetchall("SELECT text FROM notes ORDER BY id")]
    return notes + [r["text"] for r in await app.store.db.fetchall(
        "SELECT text FROM responses WHERE visibility = 'private' ORDER BY id")]


async def test_starting_with_a_key_seals_what_was_stored_before_and_privacy_is_true(tmp_path, database_url, clock):
    await (await words_before_the_key(tmp_path, database_url, clock)).close()
    app = await Hearth.open(load(env=env_with(tmp_path, database_url, generate_key())), clock)
    try:
        texts = await stored_texts(app)
        assert len(texts) == 2 and all(t.startswith(MARKER) for t in texts)
        assert "secret one" not in "".join(texts) and "lonely" not in "".join(texts)
        ann = actor("ann")
        assert "secret one" in text(await run(app, ann, "notes list"))
        assert NOTE in text(await run(app, ann, "me history"))
        notice = text(await run(app, ann, "privacy"))
        assert "are encrypted there, so a copy of the database doesn't reveal them" in notice
    finally:
        await app.close()


async def test_privacy_says_how_many_are_not_encrypted_while_any_are_plain(tmp_path, database_url, clock):
    """A row still plain (written by a Hearth without the key since this one started): the notice says so."""
    app = await Hearth.open(load(env=env_with(tmp_path, database_url, generate_key())), clock)
    try:
        ann = actor("ann")
        await run(app, ann, "note", text="sealed")
        cipher, app.store.cipher = app.store.cipher, PlainCipher()
        await run(app, ann, "note", text="plain one")
        await run(app, ann, "note", text="plain two")
        app.store.cipher = cipher
        notice = text(await run(app, ann, "privacy"))
        assert "except 2 that are still stored unencrypted" in notice and "doesn't reveal them" not in notice
        # Within minutes, without a restart, the job seals them: then the notice says all are encrypted.
        await RoundScheduler(app).run_job("privacy.seal")
        assert "doesn't reveal them" in text(await run(app, ann, "privacy"))
        assert [n.text for n in await app.store.notes.of_member(ann.community_id, ann.user_id)] == \
            ["sealed", "plain one", "plain two"]
        assert all(t.startswith(MARKER) for t in await stored_texts(app))
    finally:
        await app.close()


async def test_a_key_taken_away_or_a_wrong_key_stops_the_start_and_changes_nothing(tmp_path, database_url, clock):
    key = generate_key()
    await (await words_before_the_key(tmp_path, database_url, clock)).close()
    app = await Hearth.open(load(env=env_with(tmp_path, database_url, key)), clock)
    sealed = await stored_texts(app)
    await app.close()
    with pytest.raises(KeyProblem, match="HEARTH_ENCRYPTION_KEY is not set.*Nothing has been changed"):
        await Hearth.open(load(env=env_with(tmp_path, database_url, None)), clock)
    with pytest.raises(KeyProblem, match="doesn't open.*Nothing has been changed"):
        await Hearth.open(load(env=env_with(tmp_path, database_url, generate_key())), clock)
    app = await Hearth.open(load(env=env_with(tmp_path, database_url, key)), clock)  # the right key: all there
    try:
        assert await stored_texts(app) == sealed
        assert "secret one" in text(await run(app, actor("ann"), "notes list"))
    finally:
        await app.close()


def test_the_terminal_says_a_missing_key_in_one_line_without_a_traceback(tmp_path):
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("HEARTH_")}, "PYTHONPATH": str(root),
           "HEARTH_DATA_DIR": str(tmp_path / "d13")}
    first = subprocess.run([sys.executable, "-m", "hearth"], input="note secret one\n", env=env, cwd=root,
                           capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    keyed = {**env, "HEARTH_ENCRYPTION_KEY": generate_key()}
    second = subprocess.run([sys.executable, "-m", "hearth"], input="privacy\n", env=keyed, cwd=root,
                            capture_output=True, text=True, timeout=120)
    assert "doesn't reveal them" in second.stdout
    third = subprocess.run([sys.executable, "-m", "hearth"], input="notes list\n", env=env, cwd=root,
                           capture_output=True, text=True, timeout=120)
    assert third.returncode != 0 and "Traceback" not in third.stderr
    assert "HEARTH_ENCRYPTION_KEY is not set" in third.stderr and "Nothing has been changed" in third.stderr


async def test_two_hearths_starting_together_with_the_key_seal_everything_once_and_say_how_far(
        tmp_path, database_url, clock, caplog):
    """Two processes started together on one database (PostgreSQL's case) each run the pass: every row ends sealed,
    each opening to its own words, and the progress is in the log."""
    caplog.set_level(logging.INFO, logger="bot.crypto")
    app = await Hearth.open(load(env=env_with(tmp_path, database_url, None)), clock)
    words = [f"note {i}" for i in range(30)]
    for w in words:
        await app.store.notes.add(COMMUNITY, "console:ann", None, "", w, clock.now())
    await app.close()
    key = generate_key()
    config = load(env=env_with(tmp_path, database_url, key))
    first, second = await asyncio.gather(Hearth.open(config, clock), Hearth.open(config, clock))
    try:
        texts = [r["text"] for r in await first.store.db.fetchall("SELECT text FROM notes ORDER BY id")]
        assert [FernetCipher([key]).open(t) for t in texts] == words and all(t.startswith(MARKER) for t in texts)
        assert await first.store.unsealed() == 0
    finally:
        await first.close()
        await second.close()
    said = [r.getMessage() for r in caplog.records if r.name == "bot.crypto"]
    assert any("encrypting 30 private note(s) and answer(s) stored in plain text" in m for m in said)
    assert any(re.fullmatch(r"encrypting stored notes: \d+ of 30 done", m) for m in said)
