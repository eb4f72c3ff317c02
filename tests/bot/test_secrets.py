"""Secrets from the environment never reach the logs, the database or a repr.

Hearth is started with known secret values and driven through the paths
that log the most: unknown commands, bad options, refused moderator
commands, encrypted notes, and a sender that keeps failing.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from adapters.console.adapter import ConsoleChannels
from bot.app import Hearth
from bot.clock import ManualClock
from bot.config import load
from bot.crypto import generate_key
from bot.delivery.sender import Delivery, PermanentFailure, RetryLater
from hearth.runtime import start_core
from bot.scheduling.runner import RoundScheduler
from tests.bot.flows.test_checkin_round import create_schedule
from tests.conftest import actor, run

KEY = generate_key()
SECRETS = {
    "HEARTH_SLACK_BOT_TOKEN": "xoxb-0000-SLACKBOTSECRET-abcd",
    "HEARTH_SLACK_APP_TOKEN": "xapp-1-SLACKAPPSECRET-efgh",
    "HEARTH_SLACK_SIGNING_SECRET": "SIGNINGSECRET8f7e6d5c",
    "HEARTH_DISCORD_TOKEN": "DISCORDSECRET.Gx1234.abcdefgh",
    "HEARTH_ENCRYPTION_KEY": KEY,
}


def needles() -> list[str]:
    """Each secret, and distinctive slices of it (a truncated token is still a leak)."""
    out = []
    for value in SECRETS.values():
        out += [value, value[:16], value[-16:]]
    return out


class FailingSender:
    """A platform that fails in every way, with error texts that hold nothing secret."""

    platform = "console"
    rate_per_second = 1000.0

    def __init__(self) -> None:
        self.calls = 0

    async def send(self, delivery: Delivery) -> str | None:
        self.calls += 1
        if self.calls % 3 == 0:
            raise RetryLater(0.01)
        if delivery.kind == "dm" and self.calls % 2:
            raise PermanentFailure("DMs closed", dm_closed=True)
        raise ConnectionResetError("connection reset by peer")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"HEARTH_DATA_DIR": str(tmp_path / "data"), **SECRETS}


async def drive(app: Hearth, clock: ManualClock) -> None:
    mia, ann = actor("mia", moderator=True), actor("ann")
    await run(app, ann, "no such command")
    await run(app, ann, "checkin join", schedule="nowhere")
    await run(app, ann, "mod schedule delete", name="x")  # refused: not a moderator
    await run(app, ann, "checkin answer", mood="9")
    await create_schedule(app, mia)
    await run(app, ann, "checkin join", schedule="mornings", reminders="yes")
    await run(app, ann, "reflect")
    await run(app, ann, "note", text="a private note")
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    runner = RoundScheduler(app)
    await runner.run_pending()
    await run(app, ann, "checkin answer", mood="4", visibility="shared", words="hello")
    for _ in range(12):  # long enough for entries to give up after max attempts
        await app.outbox.drain_all()
        clock.advance(timedelta(minutes=10))
    await runner.sweep()
    await runner.run_job("purge")
    await run(app, ann, "me export")
    await run(app, ann, "me data")
    await run(app, ann, "privacy")


def everything_logged(caplog: pytest.LogCaptureFixture) -> str:
    parts = [caplog.text]
    for record in caplog.records:
        parts += [record.getMessage(), repr(record.args), record.exc_text or ""]
    return "\n".join(parts)


async def files_text(root: Path, app: Hearth) -> bytes:
    await app.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return b"".join(p.read_bytes() for p in root.rglob("*") if p.is_file())


async def test_no_secret_in_logs_database_or_repr(env, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    clock = ManualClock()
    config = load(env=env)
    app = await start_core(config, clock)
    app.add_channel_directory(ConsoleChannels())  # (as the terminal registers it)
    sender = FailingSender()
    app.outbox.add_sender(sender)
    await drive(app, clock)
    assert sender.calls > 5 and "connection reset" in caplog.text  # the failures really were logged

    logged = everything_logged(caplog)
    stored = await files_text(tmp_path, app)
    shown = "\n".join([repr(config), str(config), repr(config.values), repr(app)])
    await app.close()
    for secret in needles():
        assert secret not in logged
        assert secret.encode() not in stored
        assert secret not in shown
    assert config.secret("HEARTH_DISCORD_TOKEN") == SECRETS["HEARTH_DISCORD_TOKEN"]  # still usable


def test_the_command_line_does_not_print_secrets(env, monkeypatch, capsys, caplog):
    from hearth import cli

    caplog.set_level(logging.DEBUG)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    try:
        cli.main([])
    except SystemExit:
        pass
    out = capsys.readouterr()
    for secret in needles():
        assert secret not in out.out and secret not in out.err and secret not in caplog.text


#: What members typed in `drive`: it may be stored (encrypted where private) but never logged.
MEMBER_WORDS = ("a private note", "hello")


async def test_json_log_lines_hold_no_secret_and_no_member_words(env, tmp_path):
    import io
    import json

    from hearth.logs import WORDY, JsonLines, quiet_libraries

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonLines())
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    quiet_libraries("DEBUG")  # as `hearth --log-level DEBUG` sets them
    try:
        clock = ManualClock()
        app = await start_core(load(env=env), clock)
        app.add_channel_directory(ConsoleChannels())  # (as the terminal registers it)
        app.outbox.add_sender(FailingSender())
        await drive(app, clock)
        await app.close()
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
        for name in WORDY:
            logging.getLogger(name).setLevel(logging.NOTSET)
    lines = stream.getvalue().splitlines()
    assert len(lines) > 20 and any("connection reset" in line for line in lines)  # the paths that log did
    for line in lines:
        record = json.loads(line)  # every line is one JSON object
        assert {"time", "level", "logger", "message"} <= set(record)
        for secret in [*needles(), *MEMBER_WORDS]:
            assert secret not in line
